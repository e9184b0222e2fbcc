"""Every state change of the absence side through one guarded path.

The reintegration trajectory (RIT), the absence case, its contacts and its
milestones: over JSON-RPC (as any client of Odoo can, not only the web
client's buttons) every role is refused the moves that are not theirs, the
moves out of order, the fields the system sets, the context keys that used
to open a way around, and the deletion of what is kept; the record is read
again after each refusal. The allowed path goes through, and every button
answers a value. The Python-level class checks what RPC adds nothing to
(`sudo()`, second clicks, the record rules on live links).
"""

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import ROLE_GROUPS, JsonRpcMixin, users_today
from .common_absence import AbsenceCase, AbsenceFixtures, D

ROLES = tuple(ROLE_GROUPS)
RIT = "hr.reintegration.trajectory"
CASE = "hr.absence.case"
CONTACT = "hr.absence.contact"
MILESTONE = "hr.absence.milestone"
# The fields read again after each refusal.
RIT_FIELDS = [
    "state",
    "decision",
    "decision_date",
    "decision_received_date",
    "physician_user_id",
    "request_date",
    "plan_or_report",
    "plan_sent_date",
    "employee_reply",
    "employee_reply_date",
    "appeal_date",
    "appeal_outcome",
    "appeal_outcome_date",
    "invitation_refusal_count",
    "last_refused_invitation_date",
    "worker_consent_date",
    "worker_consent_by_id",
    "assessment_deadline",
    "plan_deadline",
]
CASE_FIELDS = [
    "state",
    "employee_id",
    "return_date",
    "date_closed",
    "relapse_count",
    "letter_sent_date",
    "contact_plan_agreed",
    "contact_plan_agreed_date",
    "contact_reminded_on",
    "manager_user_id",
]
CONTACT_FIELDS = ["date", "channel", "user_id", "note", "case_id"]
MILESTONE_FIELDS = [
    "done",
    "done_date",
    "date_deadline",
    "name",
    "is_overdue",
    "activity_scheduled",
]


@tagged("post_install", "-at_install")
class TestWorkflowAbsenceRpc(JsonRpcMixin, AbsenceFixtures, HttpCase):
    """Over JSON-RPC, with the logins of every role. The dates count from
    the day the test runs (the server's clock), so the story holds on any
    day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()
        cls.setup_absence()
        today = cls.today = users_today(cls.env)
        physician = cls.users["physician"]
        cls.logins = [cls.users[role] for role in ROLES] + [cls.odoo_admin]
        # Els (user "employee", reports to Marc, user "manager"): absent for
        # 16 weeks, two contacts logged.
        cls.case = cls.Case.create(
            {
                "employee_id": cls.els.id,
                "date_start": today - timedelta(weeks=16),
                "expected_return_date": today + timedelta(weeks=4),
                "hr_responsible_id": cls.hr_user.id,
                "topics_to_avoid": "The planning backlog.",
            }
        )
        cls.contacts = cls.env[CONTACT].create(
            [
                {
                    "case_id": cls.case.id,
                    "date": today - timedelta(weeks=weeks),
                    "channel": "phone",
                    "user_id": cls.manager_user.id,
                    "note": "Short call.",
                }
                for weeks in (10, 2)
            ]
        )
        # Her trajectories: one requested, one decided B, one requested
        # (for the refused invitations and the consent).
        cls.rit, cls.rit_decided, cls.rit_other = cls.Rit.create(
            [
                {
                    "case_id": cls.case.id,
                    "request_date": today - timedelta(weeks=weeks),
                    "requester": "employee",
                    "physician_user_id": physician.id,
                }
                for weeks in (4, 6, 5)
            ]
        )
        cls.rit_decided.with_user(physician).write(
            {
                "decision": "B",
                "decision_date": today - timedelta(weeks=3),
                "decision_received_date": today - timedelta(weeks=2),
                "functional_restrictions": "Half days.",
            }
        )
        cls.rit_decided.with_user(physician).action_confirm_decision()
        # Sofie (no user) is back at work; Tom's case is closed.
        cls.case_returned = cls.Case.create(
            {
                "employee_id": cls.sofie.id,
                "date_start": today - timedelta(weeks=20),
                "return_date": today - timedelta(weeks=1),
                "hr_responsible_id": cls.hr_user.id,
            }
        )
        cls.case_returned.with_user(cls.hr_user).action_register_return()
        cls.case_closed = cls.Case.create(
            {
                "employee_id": cls.tom.id,
                "date_start": today - timedelta(weeks=30),
                "return_date": today - timedelta(weeks=10),
                "hr_responsible_id": cls.hr_user.id,
            }
        )
        cls.case_closed.with_user(cls.hr_user).action_register_return()
        cls.case_closed.with_user(cls.hr_user).action_close()
        cls.milestone = cls.case.milestone_ids.filtered(
            lambda m: not m.trajectory_id and not m.information_only
        )[:1]

    def test_legal_engine_bad_input_over_rpc(self):
        hr = self.hr_user
        # Tom returned 10 weeks ago: falling ill again is a new incapacity,
        # not a relapse (the 14 days of the protocol).
        message = self.assertRefusedUnchanged(
            hr,
            self.case_closed,
            ["state", "return_date", "relapse_count"],
            "action_reopen",
        )
        self.assertIn("14", message)
        # The estimate of the work potential before the absence began.
        self.assertRefusedUnchanged(
            hr,
            self.case,
            ["work_potential", "work_potential_date"],
            "write",
            {
                "work_potential": "yes",
                "work_potential_date": str(self.case.date_start - timedelta(days=1)),
            },
        )
        # A pre-return visit for the employee of another case, and one whose
        # visit comes before its request.
        visits = self.env["hr.absence.pre.return.visit"]
        for vals in (
            {"employee_id": self.sofie.id, "request_date": str(self.today)},
            {
                "employee_id": self.els.id,
                "request_date": str(self.today),
                "visit_date": str(self.today - timedelta(days=1)),
            },
        ):
            with self.subTest(vals=vals):
                self.assertRpcRefused(
                    hr,
                    visits._name,
                    "create",
                    [{"case_id": self.case.id, "requested_by": "worker", **vals}],
                )
        self.assertFalse(visits.search([("case_id", "=", self.case.id)]))
        # The employee may not record one at all.
        self.assertRpcRefused(
            self.users["employee"],
            visits._name,
            "create",
            [
                {
                    "case_id": self.case.id,
                    "employee_id": self.els.id,
                    "request_date": str(self.today),
                    "requested_by": "worker",
                }
            ],
        )

    # --- helpers ---------------------------------------------------------------

    def assertRefusedUnchanged(self, user, record, fnames, method, *args, **kwargs):
        """`method` on `record` as `user` is refused, and `record` reads as
        before."""
        before = record.read(fnames)
        message = self.assertRpcRefused(
            user, record._name, method, record.ids, *args, **kwargs
        )
        self.env.invalidate_all()
        self.assertEqual(
            record.read(fnames),
            before,
            f"{user.login} {record._name}.{method}{args} changed {record}",
        )
        return message

    def _has_role(self, user, roles):
        """Odoo's administrator is also the addon's administrator."""
        return any(
            user == self.users[role] or (role == "admin" and user == self.odoo_admin)
            for role in roles
        )

    def assertWritesRefused(self, record, fnames, table):
        """Every write of `table` ((values, context, roles it is allowed to))
        is refused to every other login."""
        for user in self.logins:
            for vals, context, allowed in table:
                if self._has_role(user, allowed):
                    continue
                with self.subTest(login=user.login, record=record, vals=vals):
                    self.assertRefusedUnchanged(
                        user, record, fnames, "write", vals, context=context or {}
                    )

    def assertCreatesRefused(self, model, table):
        for user in self.logins:
            for vals, context in table:
                with self.subTest(login=user.login, model=model, vals=vals):
                    count = self.env[model].search_count([])
                    self.assertRpcRefused(
                        user, model, "create", [vals], context=context or {}
                    )
                    self.assertEqual(self.env[model].search_count([]), count)

    def assertKept(self, record, fnames):
        """Nobody deletes `record`: no role, no administrator, no sudo."""
        for user in self.logins:
            with self.subTest(login=user.login, unlink=record):
                self.assertRefusedUnchanged(user, record, fnames, "unlink")
        with self.assertRaises(UserError):
            record.sudo().unlink()
        self.assertTrue(record.exists())

    def assertAnswers(self, user, record, method, *args, **kwargs):
        """A button answers a value over RPC (not None: XML-RPC cannot
        marshal None)."""
        result = self.assertRpcOk(
            user, record._name, method, record.ids, *args, **kwargs
        )
        self.assertIsNotNone(result, f"{record._name}.{method} answered None")
        self.assertTrue(result is True or isinstance(result, dict), result)
        self.env.invalidate_all()
        return result

    # --- the trajectory -----------------------------------------------------------

    def test_trajectory_guard(self):
        today = fields.Date.to_string(self.today)
        hr, physician = self.hr_user, self.users["physician"]
        other_physician = self.new_user("physician", login="wb_test_physician_2")
        requested = [
            # HR writes "decided": no decision, no physician (the issue).
            ({"state": "decided"}, None, ()),
            ({"state": "decided"}, {"tracking_disable": True}, ()),
            ({"state": "ended"}, None, ()),
            ({"state": "plan_sent"}, None, ()),
            ({"state": "closed"}, None, ()),
            ({"decision": "A", "decision_date": today}, None, ("physician",)),
            ({"decision": "D"}, None, ()),
            ({"invitation_refusal_count": 3}, None, ()),
            ({"invitation_refusal_count": 1}, None, ("hr", "physician", "admin")),
            ({"last_refused_invitation_date": today}, None, ()),
            (
                {"last_refused_invitation_date": today},
                {"hr_wellbeing_workflow_system": True},
                (),
            ),
            ({"worker_consent_by_id": hr.id}, None, ()),
            ({"plan_sent_date": today}, None, ()),
            ({"employee_reply": "accepted"}, None, ()),
            ({"employee_reply_date": today}, None, ()),
            ({"appeal_date": today}, None, ()),
            ({"appeal_outcome": "confirmed"}, None, ()),
            ({"assessment_deadline": today}, None, ()),
            ({"company_id": self.env.ref("base.main_company").id}, None, ()),
        ]
        self.assertWritesRefused(self.rit, RIT_FIELDS, requested)
        decided = [
            ({"decision": "A"}, None, ()),
            ({"decision": False}, None, ()),
            ({"decision_date": today}, None, ()),
            ({"decision_received_date": today}, None, ()),
            ({"physician_user_id": other_physician.id}, None, ()),
            ({"request_date": today}, None, ()),
            ({"state": "requested"}, None, ()),
            ({"state": "ended"}, None, ()),
            # No plan or report chosen yet.
            ({"state": "plan_sent"}, None, ()),
            ({"state": "closed"}, None, ("hr", "admin")),
            ({"plan_sent_date": today}, None, ()),
            ({"employee_reply": "refused"}, None, ()),
            ({"appeal_outcome": "confirmed"}, None, ()),
            ({"appeal_outcome_date": today}, None, ()),
            ({"invitation_refusal_count": 1}, None, ()),
        ]
        self.assertWritesRefused(self.rit_decided, RIT_FIELDS, decided)
        self.assertCreatesRefused(
            RIT,
            [
                (vals, context)
                for base in [
                    {
                        "case_id": self.case.id,
                        "request_date": today,
                        "requester": "employee",
                    }
                ]
                for vals, context in (
                    ({**base, "state": "decided"}, None),
                    ({**base, "decision": "A", "decision_date": today}, None),
                    (base, {"default_state": "decided"}),
                    (base, {"default_decision": "B"}),
                    ({**base, "invitation_refusal_count": 3}, None),
                    ({**base, "plan_sent_date": today}, None),
                    ({**base, "employee_reply": "accepted"}, None),
                    ({**base, "worker_consent_by_id": hr.id}, None),
                )
            ],
        )
        # Each button in a wrong state, for everybody.
        for user in self.logins:
            for record, method in (
                (self.rit_decided, "action_confirm_decision"),
                (self.rit_decided, "action_register_refused_invitation"),
                (self.rit_decided, "action_record_consent"),
                (self.rit, "action_send_plan"),
                (self.rit, "action_close"),
            ):
                with self.subTest(login=user.login, method=method):
                    self.assertRefusedUnchanged(user, record, RIT_FIELDS, method)
        # A decided trajectory is kept.
        self.assertKept(self.rit_decided, RIT_FIELDS)

        # The allowed path. The physician enters and confirms the decision.
        self.assertRpcOk(
            physician,
            RIT,
            "write",
            self.rit.ids,
            {
                "decision": "A",
                "decision_date": today,
                "decision_received_date": today,
            },
        )
        self.assertAnswers(physician, self.rit, "action_confirm_decision")
        self.assertEqual(self.rit.state, "decided")
        # A second click gets a clean message.
        self.assertRefusedUnchanged(
            physician, self.rit, RIT_FIELDS, "action_confirm_decision"
        )
        self.assertKept(self.rit, RIT_FIELDS)
        # HR sends the plan and closes the trajectory.
        self.assertRpcOk(hr, RIT, "write", self.rit.ids, {"plan_or_report": "plan"})
        self.assertAnswers(hr, self.rit, "action_send_plan")
        self.assertEqual(
            (self.rit.state, self.rit.plan_sent_date), ("plan_sent", self.today)
        )
        self.assertAnswers(hr, self.rit, "action_close")
        self.assertEqual(self.rit.state, "closed")
        # HR records the appeal against B, then its outcome.
        self.assertRpcOk(hr, RIT, "write", self.rit_decided.ids, {"appeal_date": today})
        self.assertRefusedUnchanged(
            hr,
            self.rit_decided,
            RIT_FIELDS,
            "write",
            {"appeal_date": fields.Date.to_string(self.today - timedelta(days=1))},
        )
        self.assertRpcOk(
            hr, RIT, "write", self.rit_decided.ids, {"appeal_outcome": "confirmed"}
        )
        self.assertEqual(self.rit_decided.appeal_outcome_date, self.today)
        self.assertRefusedUnchanged(
            hr,
            self.rit_decided,
            RIT_FIELDS,
            "write",
            {"appeal_outcome": "overturned"},
        )
        # Refused invitations and the worker's consent.
        self.assertAnswers(hr, self.rit_other, "action_register_refused_invitation")
        self.assertEqual(self.rit_other.invitation_refusal_count, 1)
        self.assertEqual(self.rit_other.last_refused_invitation_date, self.today)
        self.assertRefusedUnchanged(
            physician, self.rit_other, RIT_FIELDS, "action_register_refused_invitation"
        )
        self.assertKept(self.rit_other, RIT_FIELDS)
        self.assertAnswers(hr, self.rit_other, "action_record_consent")
        self.assertEqual(self.rit_other.worker_consent_by_id, hr)
        self.assertRefusedUnchanged(
            hr, self.rit_other, RIT_FIELDS, "action_record_consent"
        )

    # --- the case, its contacts and milestones --------------------------------------

    def test_case_contact_and_milestone_guard(self):
        today = fields.Date.to_string(self.today)
        hr, employee = self.hr_user, self.users["employee"]
        absent = [
            ({"state": "closed"}, None, ()),
            ({"state": "returned"}, None, ("hr", "admin")),
            ({"state": "return_planned"}, None, ("hr", "admin")),
            ({"date_closed": today}, None, ()),
            ({"relapse_count": 3}, None, ()),
            ({"relapse_count": 3}, {"hr_wellbeing_workflow_system": True}, ()),
            ({"letter_sent_date": today}, None, ()),
            ({"contact_reminded_on": today}, None, ()),
            # Only the employee agrees, and then through the button.
            ({"contact_plan_agreed": True}, None, ()),
            ({"contact_plan_agreed_date": today}, None, ()),
            ({"manager_user_id": hr.id}, None, ()),
            ({"employee_id": self.pieter.id}, None, ()),
        ]
        self.assertWritesRefused(self.case, CASE_FIELDS, absent)
        returned = [
            ({"state": "closed"}, None, ("hr", "admin")),
            ({"state": "return_planned"}, None, ()),
            (
                {
                    "state": "closed",
                    "date_closed": fields.Date.to_string(
                        self.today + timedelta(days=3)
                    ),
                },
                None,
                (),
            ),
            ({"return_date": False}, None, ()),
        ]
        self.assertWritesRefused(self.case_returned, CASE_FIELDS, returned)
        closed = [
            ({"state": "returned"}, None, ()),
            ({"date_closed": today}, None, ()),
            ({"state": "absent"}, None, ("hr", "admin")),
        ]
        self.assertWritesRefused(self.case_closed, CASE_FIELDS, closed)
        base = {"employee_id": self.pieter.id, "date_start": today}
        self.assertCreatesRefused(
            CASE,
            [
                ({**base, "state": "closed"}, None),
                (base, {"default_state": "returned"}),
                ({**base, "contact_plan_agreed": True}, None),
                ({**base, "contact_plan_agreed_date": today}, None),
                ({**base, "date_closed": today}, None),
                ({**base, "relapse_count": 2}, None),
                ({**base, "letter_sent_date": today}, None),
            ],
        )
        for user in self.logins:
            for record, method in (
                (self.case, "action_close"),
                (self.case, "action_reopen"),
                (self.case_returned, "action_plan_return"),
                (self.case_returned, "action_register_return"),
                (self.case_closed, "action_register_return"),
                (self.case_closed, "action_close"),
            ):
                with self.subTest(login=user.login, method=method):
                    self.assertRefusedUnchanged(user, record, CASE_FIELDS, method)
            if user != employee:
                self.assertRefusedUnchanged(
                    user, self.case, CASE_FIELDS, "action_agree_contact_plan"
                )
            if not self._has_role(user, ("hr", "admin")):
                self.assertRefusedUnchanged(
                    user, self.case, CASE_FIELDS, "action_mark_letter_sent"
                )
        # A case with contacts is kept, and so is every contact.
        self.assertKept(self.case, CASE_FIELDS)
        self.assertKept(self.case_closed, CASE_FIELDS)
        contact = self.contacts[0]
        self.assertWritesRefused(
            contact,
            CONTACT_FIELDS,
            [
                ({"note": "Rewritten."}, None, ()),
                ({"date": today}, None, ()),
                ({"user_id": hr.id}, None, ()),
                ({"case_id": self.case_returned.id}, None, ()),
            ],
        )
        self.assertKept(contact, CONTACT_FIELDS)
        # Milestones: their dates are the system's; HR ticks them.
        milestone = self.milestone
        self.assertWritesRefused(
            milestone,
            MILESTONE_FIELDS,
            [
                ({"done": True}, None, ("hr", "admin")),
                ({"done_date": today}, None, ()),
                ({"date_deadline": today}, None, ()),
                ({"name": "Renamed"}, None, ()),
                ({"is_overdue": True}, None, ()),
                ({"activity_scheduled": True}, None, ()),
            ],
        )
        self.assertCreatesRefused(
            MILESTONE,
            [
                (
                    {
                        "case_id": self.case.id,
                        "code": "x",
                        "name": "Mine",
                        "date_deadline": today,
                    },
                    None,
                )
            ],
        )
        for user in self.logins:
            self.assertRefusedUnchanged(
                user, milestone, MILESTONE_FIELDS, "action_mark_undone"
            )
            if not self._has_role(user, ("hr", "admin")):
                self.assertRefusedUnchanged(
                    user, milestone, MILESTONE_FIELDS, "action_mark_done"
                )

        # The allowed paths, each button answering a value.
        self.assertAnswers(hr, milestone, "action_mark_done")
        self.assertEqual((milestone.done, milestone.done_date), (True, self.today))
        self.assertRefusedUnchanged(hr, milestone, MILESTONE_FIELDS, "action_mark_done")
        self.assertKept(milestone, MILESTONE_FIELDS)
        self.assertAnswers(hr, milestone, "action_mark_undone")
        self.assertFalse(milestone.done_date)

        self.assertAnswers(employee, self.case, "action_agree_contact_plan")
        self.assertEqual(
            (self.case.contact_plan_agreed, self.case.contact_plan_agreed_date),
            (True, self.today),
        )
        self.assertRefusedUnchanged(
            employee, self.case, CASE_FIELDS, "action_agree_contact_plan"
        )
        manager = self.manager_user
        correction = self.assertRpcOk(
            manager,
            CONTACT,
            "create",
            [
                {
                    "case_id": self.case.id,
                    "channel": "visit",
                    "note": "Short visit, not a call.",
                    "correction_of_id": contact.id,
                }
            ],
        )
        self.assertTrue(correction)
        self.env.invalidate_all()
        self.assertTrue(contact.is_corrected)
        self.assertAnswers(manager, contact, "action_correct")
        self.assertAnswers(hr, self.case, "action_log_contact")
        self.assertAnswers(hr, self.case, "action_open_trajectories")
        self.assertAnswers(hr, self.case, "action_mark_letter_sent")
        self.assertEqual(self.case.letter_sent_date, self.today)
        self.assertRefusedUnchanged(
            hr, self.case, CASE_FIELDS, "action_mark_letter_sent"
        )
        self.assertAnswers(hr, self.case, "action_print_day28_letter")
        self.assertAnswers(hr, self.case, "action_plan_return")
        self.assertEqual(self.case.state, "return_planned")
        self.assertAnswers(hr, self.case, "action_register_return")
        self.assertEqual(
            (self.case.state, self.case.return_date), ("returned", self.today)
        )

        # HR closes a case: the closing date is set and every open activity
        # of the case and of its milestones closes, even when the client
        # asks for no chatter trace.
        case = self.case_returned
        case.activity_schedule(
            "mail.mail_activity_data_todo", user_id=hr.id, summary="Call"
        )
        milestone = case.milestone_ids.filtered(lambda m: not m.done)[:1]
        self.assertTrue(milestone)
        self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id(CASE),
                "res_id": case.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                "user_id": hr.id,
                "absence_milestone_id": milestone.id,
            }
        )
        self.assertEqual(len(case.activity_ids), 2)
        self.assertAnswers(hr, case, "action_close", context={"tracking_disable": True})
        self.assertEqual((case.state, case.date_closed), ("closed", self.today))
        self.assertFalse(case.activity_ids)
        self.assertFalse(milestone.activity_ids)
        tracked = case.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(tracked[:1].new_value_char, "Closed")
        self.assertAnswers(hr, case, "action_reopen")
        self.assertEqual(
            (case.state, case.relapse_count, case.date_closed), ("absent", 1, False)
        )

    # --- record rules on live links -------------------------------------------------

    def test_rules_follow_the_links_of_users_and_employees(self):
        employee, manager = self.users["employee"], self.manager_user
        case_domain = [("id", "=", self.case.id)]
        for user in (employee, manager):
            self.assertEqual(
                self.assertRpcOk(user, CASE, "search", case_domain), self.case.ids
            )
        self.assertEqual(
            self.assertRpcOk(
                manager, CONTACT, "search", [("case_id", "=", self.case.id)]
            ),
            self.contacts.sorted().ids,
        )
        # Els's user is unlinked from her employee, Marc's from his.
        self.els.user_id = False
        self.marc.user_id = False
        for user in (employee, manager):
            with self.subTest(old_user=user.login):
                self.assertFalse(self.assertRpcOk(user, CASE, "search", case_domain))
                self.assertRpcRefused(user, CASE, "read", self.case.ids, ["state"])
                self.assertRefusedUnchanged(
                    user, self.case, CASE_FIELDS, "action_agree_contact_plan"
                )
        self.assertFalse(
            self.assertRpcOk(
                manager, CONTACT, "search", [("case_id", "=", self.case.id)]
            )
        )
        self.assertFalse(
            self.assertRpcOk(manager, RIT, "search", [("case_id", "=", self.case.id)])
        )
        self.assertFalse(
            self.assertRpcOk(
                manager, MILESTONE, "search", [("case_id", "=", self.case.id)]
            )
        )
        # New users are linked: they read at once, and Els agrees with her
        # contact plan.
        new_els = self.new_user("employee", login="wb_test_new_els")
        new_marc = self.new_user("manager", login="wb_test_new_marc")
        self.els.user_id = new_els
        self.marc.user_id = new_marc
        self.assertEqual(
            self.assertRpcOk(new_marc, CASE, "search", case_domain), self.case.ids
        )
        self.assertEqual(
            sorted(
                self.assertRpcOk(
                    new_marc, RIT, "search", [("case_id", "=", self.case.id)]
                )
            ),
            sorted(self.case.trajectory_ids.ids),
        )
        self.assertEqual(
            self.assertRpcOk(new_els, CASE, "search", case_domain), self.case.ids
        )
        self.assertRefusedUnchanged(
            new_marc, self.case, CASE_FIELDS, "action_agree_contact_plan"
        )
        self.assertAnswers(new_els, self.case, "action_agree_contact_plan")
        self.assertTrue(self.case.contact_plan_agreed)
        # The stored keys the deadline cron reads follow too.
        self.assertEqual(self.case.employee_user_id, new_els)
        self.assertEqual(self.case.manager_user_id, new_marc)


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestWorkflowAbsence(AbsenceCase):
    """What RPC adds nothing to: server code, sudo, second clicks, the
    values each move writes."""

    TODAY = D(2026, 6, 15)

    def _rit(self, **vals):
        return self.Rit.create(
            {
                "case_id": self.case.id,
                "request_date": D(2026, 4, 1),
                "requester": "employee",
                "physician_user_id": self.physician_user.id,
                **vals,
            }
        )

    def _decide(self, rit, decision="A", day=None):
        day = day or D(2026, 5, 20)
        physician = rit.with_user(self.physician_user)
        physician.write(
            {
                "decision": decision,
                "decision_date": day,
                "decision_received_date": day + timedelta(days=2),
            }
        )
        physician.action_confirm_decision()
        return rit

    def setUp(self):
        super().setUp()
        self.case = self._case(
            D(2026, 3, 2),
            employee=self.els,
            hr_responsible_id=self.hr_user.id,
            expected_return_date=D(2026, 7, 1),
        )

    def test_decision_needs_the_physician_a_value_and_its_date(self):
        rit = self._rit(physician_user_id=False)
        with self.assertRaises(AccessError):
            rit.with_user(self.hr_user).write({"state": "decided"})
        physician = rit.with_user(self.physician_user)
        with self.assertRaisesRegex(UserError, "decision"):
            physician.action_confirm_decision()
        physician.write({"decision": "C"})
        with self.assertRaises(UserError):
            physician.action_confirm_decision()  # no date
        physician.write({"decision_date": D(2026, 5, 20)})
        # The server, without a physician named, is refused too.
        with self.assertRaisesRegex(UserError, "physician"):
            rit.write({"state": "decided"})
        self.assertEqual(rit.state, "requested")
        physician.action_confirm_decision()
        # The physician who confirms it is the one of the decision.
        self.assertEqual(
            (rit.decision, rit.physician_user_id), ("C", self.physician_user)
        )
        # Decision C: no plan follows.
        with self.assertRaises(UserError):
            rit.with_user(self.hr_user).write(
                {"state": "plan_sent", "plan_or_report": "report"}
            )
        # Decision C ends the trajectory, on the day of the decision.
        self.assertEqual(
            (rit.state, rit.end_reason, rit.end_date),
            ("ended", "decision_c", D(2026, 5, 20)),
        )
        with self.assertRaises(UserError):
            rit.with_user(self.hr_user).action_close()
        self.assertEqual(rit.state, "ended")
        with self.assertRaises(UserError):
            rit.with_user(self.physician_user).write({"functional_restrictions": "x"})

    def test_kept_for_everybody_and_sudo(self):
        rit = self._decide(self._rit(), "B")
        self.env["hr.absence.contact"].create(
            {"case_id": self.case.id, "channel": "card", "date": D(2026, 6, 1)}
        )
        done = self.case.milestone_ids.filtered(lambda m: not m.trajectory_id)[:1]
        done._mark_done()
        for record in (rit, self.case, self.case.contact_ids, done):
            for env in (
                self.env,
                self.env(su=False),
                self.env(user=self.users["admin"]),
            ):
                with self.subTest(record=record, uid=env.uid, su=env.su):
                    with self.assertRaises(UserError):
                        record.with_env(env).unlink()
                    self.assertTrue(record.exists())
        # A requested trajectory without history goes; one with a plan stays.
        fresh = self._rit()
        fresh.unlink()
        self.assertFalse(fresh.exists())
        planned = self._rit()
        self.env["hr.reintegration.plan"].create(
            {
                "employee_id": self.els.id,
                "case_id": self.case.id,
                "trajectory_id": planned.id,
                "kind": "rit",
                "date_start": D(2026, 7, 1),
            }
        )
        with self.assertRaises(UserError):
            planned.sudo().unlink()
        self.assertTrue(planned.exists())

    def test_second_clicks_get_a_clear_message(self):
        rit = self._decide(self._rit())
        with self.assertRaisesRegex(UserError, "Decided"):
            rit.with_user(self.physician_user).action_confirm_decision()
        hr = rit.with_user(self.hr_user)
        hr.plan_or_report = "plan"
        self.assertIs(hr.action_send_plan(), True)
        with self.assertRaisesRegex(UserError, "Plan Sent"):
            hr.action_send_plan()
        other = self._rit()
        other.with_user(self.hr_user).action_record_consent()
        with self.assertRaisesRegex(UserError, "consent was recorded"):
            other.with_user(self.hr_user).action_record_consent()
        other.with_user(self.hr_user).action_register_refused_invitation()
        with self.assertRaisesRegex(UserError, "14 days"):
            other.with_user(self.physician_user).action_register_refused_invitation()
        self.assertEqual(other.invitation_refusal_count, 1)
        self.case.return_date = D(2026, 6, 1)
        case = self.case.with_user(self.hr_user)
        self.assertIs(case.action_register_return(), True)
        self.assertIs(case.action_close(), True)
        with self.assertRaisesRegex(UserError, "Closed"):
            case.action_close()
        self.assertIs(case.action_mark_letter_sent(D(2026, 3, 30)), True)
        self.assertEqual(self.case.letter_sent_date, D(2026, 3, 30))
        with self.assertRaisesRegex(UserError, "was sent on"):
            case.action_mark_letter_sent()
        self.assertEqual(self.case.letter_sent_date, D(2026, 3, 30))

    def test_worker_reply_only_from_the_worker(self):
        rit = self._decide(self._rit())
        rit.plan_or_report = "plan"
        self.assertIs(rit.action_send_plan(D(2026, 6, 10)), True)
        self.assertEqual(rit.plan_sent_date, D(2026, 6, 10))
        for user in (self.hr_user, self.users["admin"], self.physician_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                rit.with_user(user).write({"employee_reply": "accepted"})
        # The worker reads their trajectory but writes it only through their
        # plan (server code): a plain write is refused by the access rights.
        with self.assertRaises(AccessError):
            rit.with_user(self.users["employee"]).write({"employee_reply": "accepted"})
        self.assertFalse(rit.employee_reply)
        worker = rit.with_user(self.users["employee"]).sudo()
        # A refusal gives its reasons, on the plan: without a refused plan
        # with reasons, the trajectory refuses it.
        with self.assertRaisesRegex(UserError, "reasons"):
            worker.write({"employee_reply": "refused"})
        self.assertFalse(rit.employee_reply)
        # A reply dated in the future is refused; the real day is kept.
        with self.assertRaisesRegex(UserError, "a day to come"):
            worker.write(
                {"employee_reply": "accepted", "employee_reply_date": D(2026, 6, 16)}
            )
        worker.write(
            {"employee_reply": "accepted", "employee_reply_date": D(2026, 6, 12)}
        )
        self.assertEqual(
            (rit.employee_reply, rit.employee_reply_date), ("accepted", D(2026, 6, 12))
        )
        # A reply is given once.
        with self.assertRaises(UserError):
            worker.write({"employee_reply": "refused"})
        self.assertEqual(rit.employee_reply, "accepted")

    def test_appeal_once_against_b(self):
        rit = self._decide(self._rit(), "B")
        hr = rit.with_user(self.hr_user)
        with self.assertRaisesRegex(UserError, "appeal"):
            hr.write({"appeal_outcome": "confirmed"})
        with self.assertRaises(AccessError):
            rit.with_user(self.physician_user).write({"appeal_date": D(2026, 6, 1)})
        hr.appeal_date = D(2026, 6, 1)
        with self.assertRaises(UserError):
            hr.appeal_date = D(2026, 6, 2)
        with self.assertRaises(UserError):
            hr.write({"appeal_outcome_date": D(2026, 6, 10)})
        hr.write(
            {"appeal_outcome": "overturned", "appeal_outcome_date": D(2026, 6, 10)}
        )
        self.assertEqual(rit.appeal_outcome_date, D(2026, 6, 10))
        with self.assertRaises(UserError):
            hr.write({"appeal_outcome": "confirmed"})
        with self.assertRaises(UserError):
            hr.write({"appeal_outcome": False})
        self.assertEqual(
            (rit.appeal_date, rit.appeal_outcome), (D(2026, 6, 1), "overturned")
        )

    def test_request_fields_and_consent_recorder(self):
        # 2 March + 3 months: the employer may request without consent.
        rit = self._rit(requester="employer", request_date=D(2026, 6, 2))
        hr = rit.with_user(self.hr_user)
        with self.assertRaises(AccessError):
            rit.with_user(self.physician_user).write({"request_date": D(2026, 6, 3)})
        self.assertIs(hr.action_record_consent(), True)
        self.assertEqual(rit.worker_consent_by_id, self.hr_user)
        self.assertEqual(rit.worker_consent_date, self.TODAY)
        with self.assertRaises(AccessError):
            hr.write({"worker_consent_by_id": self.users["admin"].id})
        with self.assertRaises(AccessError):
            hr.write({"plan_deadline": D(2027, 1, 1)})
        self._decide(rit, day=D(2026, 6, 5))
        for vals in (
            {"request_date": D(2026, 6, 3)},
            {"requester": "employee"},
            {"case_id": self._case(D(2026, 5, 4)).id},
            {"worker_consent_date": D(2026, 6, 3)},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                hr.write(vals)
        self.assertEqual(rit.request_date, D(2026, 6, 2))

    def test_three_refused_invitations_end_it_with_their_trace(self):
        rit = self._rit()
        # Tracking starts with the transaction after the creation.
        self.env.flush_all()
        self.env.cr.precommit.run()
        physician = rit.with_user(self.physician_user).with_context(
            tracking_disable=True
        )
        for day in ("2026-04-10", "2026-04-24", "2026-05-08"):
            with freeze_time(day):
                self.assertIs(physician.action_register_refused_invitation(), True)
        self.assertEqual(
            (rit.state, rit.invitation_refusal_count, rit.last_refused_invitation_date),
            ("ended", 3, D(2026, 5, 8)),
        )
        # The chatter is written when the transaction ends (even though the
        # client asked for no tracking).
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = rit.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(tracked.mapped("new_value_char"), ["Ended"])
        with self.assertRaises(UserError):
            rit.unlink()

    def test_case_close_and_reopen(self):
        case = self.case.with_user(self.hr_user)
        case.return_date = D(2026, 6, 8)
        case.action_register_return()
        with self.assertRaises(AccessError):
            self.case.with_user(self.manager_user).action_close()
        with self.assertRaisesRegex(UserError, "closing date"):
            case.write({"state": "closed", "date_closed": D(2026, 6, 1)})
        with self.assertRaisesRegex(UserError, "closing date"):
            case.write({"state": "closed", "date_closed": D(2026, 6, 16)})
        case.write({"state": "closed", "date_closed": D(2026, 6, 12)})
        self.assertEqual(self.case.date_closed, D(2026, 6, 12))
        with self.assertRaises(UserError):
            case.date_closed = D(2026, 6, 13)
        # A relapse found in validated sick time off reopens it: server code.
        self.case.sudo()._reopen()
        self.assertEqual(
            (self.case.state, self.case.relapse_count, self.case.return_date),
            ("absent", 1, False),
        )
        self.assertFalse(self.case.date_closed)

    def test_contact_plan_agreement(self):
        employee = self.users["employee"]
        case = self.case.with_user(employee)
        with self.assertRaises(UserError):
            case.action_agree_contact_plan(D(2026, 6, 16))
        with self.assertRaises(UserError):
            case.action_agree_contact_plan(D(2026, 3, 1))
        for user in (self.hr_user, self.users["admin"], self.manager_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.case.with_user(user).action_agree_contact_plan()
        # Not even from server code running for somebody else.
        with self.assertRaises(AccessError):
            self.case.sudo().write({"contact_plan_agreed": True})
        self.assertFalse(self.case.contact_plan_agreed)
        self.assertIs(case.action_agree_contact_plan(D(2026, 6, 1)), True)
        self.assertEqual(self.case.contact_plan_agreed_date, D(2026, 6, 1))
        # HR cannot withdraw it by hand; changing the terms asks again.
        hr_case = self.case.with_user(self.hr_user)
        with self.assertRaises(UserError):
            hr_case.write({"contact_plan_agreed": False})
        hr_case.write({"contact_frequency": hr_case.contact_frequency})
        self.assertTrue(self.case.contact_plan_agreed)
        hr_case.with_context(tracking_disable=True).contact_channel = "visit"
        self.assertFalse(self.case.contact_plan_agreed)
        self.assertFalse(self.case.contact_plan_agreed_date)
        self.assertTrue(
            any(
                "asked to agree" in body
                for body in self.case.message_ids.mapped("body")
            )
        )
        case.action_agree_contact_plan()
        self.assertEqual(self.case.contact_plan_agreed_date, self.TODAY)

    def test_contact_corrections(self):
        contact = self.env["hr.absence.contact"].create(
            {"case_id": self.case.id, "channel": "phone", "date": D(2026, 6, 10)}
        )
        self.assertEqual(self.case.last_contact_date, D(2026, 6, 10))
        with self.assertRaises(UserError):
            contact.sudo().write({"date": D(2026, 6, 1)})
        correction = (
            self.env["hr.absence.contact"]
            .with_user(self.manager_user)
            .create(
                {
                    "case_id": self.case.id,
                    "channel": "phone",
                    "date": D(2026, 6, 1),
                    "correction_of_id": contact.id,
                }
            )
        )
        # The corrected contact stays in the log, but no longer counts.
        self.assertEqual(self.case.contact_ids, contact | correction)
        self.assertTrue(contact.is_corrected)
        self.assertEqual(self.case.last_contact_date, D(2026, 6, 1))
        other = self._case(D(2026, 5, 4), employee=self.pieter)
        with self.assertRaises(ValidationError):
            self.env["hr.absence.contact"].create(
                {
                    "case_id": other.id,
                    "channel": "phone",
                    "correction_of_id": contact.id,
                }
            )

    def test_milestones_are_the_systems(self):
        milestone = self.case.milestone_ids[:1]
        hr = milestone.with_user(self.hr_user)
        with self.assertRaises(AccessError):
            hr.write({"date_deadline": D(2027, 1, 1)})
        with self.assertRaises(AccessError):
            hr.write({"done": True, "done_date": D(2026, 1, 1)})
        with self.assertRaises(AccessError):
            self.env["hr.absence.milestone"].create(
                {
                    "case_id": self.case.id,
                    "code": "x",
                    "name": "x",
                    "date_deadline": D(2026, 7, 1),
                }
            )
        activity = self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("hr.absence.case"),
                "res_id": self.case.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                "user_id": self.hr_user.id,
                "absence_milestone_id": milestone.id,
            }
        )
        hr.write({"done": True})
        self.assertEqual(
            (milestone.done_date, milestone.is_overdue), (self.TODAY, False)
        )
        self.assertFalse(activity.exists())
        with self.assertRaises(UserError):
            milestone.sudo().unlink()
        hr.action_mark_undone()
        self.assertFalse(milestone.done)
        # Doing its activity ticks it, whoever the activity is for.
        activity = self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("hr.absence.case"),
                "res_id": self.case.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                "user_id": self.manager_user.id,
                "absence_milestone_id": milestone.id,
            }
        )
        activity.with_user(self.manager_user).action_done()
        self.assertTrue(milestone.done)

    def test_rules_follow_links_in_python(self):
        Case = self.env["hr.absence.case"]
        employee, manager = self.users["employee"], self.manager_user
        self.assertEqual(Case.with_user(employee).search([]), self.case)
        self.assertEqual(Case.with_user(manager).search([]), self.case)
        self.assertIn(manager, self.case.managed_by_user_ids)
        self.assertNotIn(employee, self.case.managed_by_user_ids)
        # Els moves to Customer Service (An's department), under Sofie who
        # reports to Marc: an indirect report, Marc still follows her.
        self.els.write(
            {"department_id": self.customer_service.id, "parent_id": self.sofie.id}
        )
        self.assertEqual(Case.with_user(manager).search([]), self.case)
        self.assertIn(manager, self.case.managed_by_user_ids)
        # Nobody with a user is her direct or department manager.
        self.assertEqual(self.case.manager_user_id, self.env["res.users"])
        # She reports to An: Marc no longer follows her.
        self.els.parent_id = self.an
        self.assertFalse(Case.with_user(manager).search([]))
        # Marc takes the department over: as its manager he follows her.
        self.customer_service.manager_id = self.marc
        self.assertEqual(Case.with_user(manager).search([]), self.case)
        self.assertEqual(self.case.manager_user_id, manager)
        self.els.user_id = False
        self.assertFalse(Case.with_user(employee).search([]))
        self.assertEqual(self.case.employee_user_id, self.env["res.users"])
        self.assertEqual(self.case.with_user(self.hr_user).is_own_case, False)
        self.els.user_id = employee
        self.assertTrue(self.case.with_user(employee).is_own_case)
        self.assertEqual(self.case.employee_user_id, employee)
        self.case.with_user(employee).action_agree_contact_plan()
        self.assertTrue(self.case.contact_plan_agreed)

"""The trajectory's new moves (issue 12) and the preventive reintegration
trajectory, refused over JSON-RPC to every role they do not belong to, then
allowed to the right one; the record is read again after each refusal. Dates
count from the day the test runs (the server's clock)."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import ROLES, JsonRpcMixin, users_today
from .common_absence import AbsenceCase, AbsenceFixtures, D

RIT = "hr.reintegration.trajectory"
PREVENTIVE = "hr.preventive.reintegration"
RIT_FIELDS = [
    "state",
    "appeal_date",
    "appeal_outcome",
    "appeal_pending",
    "invitation_refusal_count",
    "last_refused_invitation_date",
    "reply_reminder_date",
    "employee_reply",
    "end_date",
    "end_reason",
    "plan_late",
    "reply_late",
]
PREVENTIVE_FIELDS = [
    "state",
    "advice_date",
    "advised_by_id",
    "decision_date",
    "decided_by_id",
    "decision_reason",
    "suggested_adaptations",
]
HR_ROLES = ("hr", "admin", "odoo_admin")


@tagged("post_install", "-at_install")
class TestWorkflowTrajectoryRpc(JsonRpcMixin, AbsenceFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()
        cls.setup_absence()
        today = cls.today = users_today(cls.env)
        cls.day = staticmethod(fields.Date.to_string)
        cls.logins = {role: cls.users.get(role) for role in ROLES}
        cls.logins["odoo_admin"] = cls.odoo_admin
        physician = cls.physician_user
        case = cls.Case.create(
            {"employee_id": cls.els.id, "date_start": today - timedelta(weeks=20)}
        )
        cls.rit_requested, cls.rit_b, cls.rit_sent = cls.Rit.create(
            [
                {
                    "case_id": case.id,
                    "request_date": today - timedelta(weeks=weeks),
                    "requester": "employee",
                    "physician_user_id": physician.id,
                }
                for weeks in (2, 6, 10)
            ]
        )
        for rit, decision, received in (
            (cls.rit_b, "B", today - timedelta(days=7)),
            (cls.rit_sent, "A", today - timedelta(days=40)),
        ):
            rit.with_user(physician).write(
                {
                    "decision": decision,
                    "decision_date": received,
                    "decision_received_date": received,
                }
            )
            rit.with_user(physician).action_confirm_decision()
        cls.rit_sent.plan_or_report = "plan"
        # Sent 20 days ago: the 14 days to reply are over.
        cls.rit_sent.with_user(cls.hr_user).action_send_plan(today - timedelta(days=20))
        cls.preventive = (
            cls.env[PREVENTIVE]
            .with_user(cls.users["employee"])
            .create(
                {
                    "employee_id": cls.els.id,
                    "company_id": cls.company.id,
                    "request_kind": "adaptation",
                    "requested_adaptations": "A quieter desk.",
                }
            )
        )

    def assertRefusedUnchanged(self, role, record, fnames, method, *args):
        before = record.sudo().read(fnames)
        self.assertRpcRefused(
            self.logins[role], record._name, method, record.ids, *args
        )
        self.env.invalidate_all()
        self.assertEqual(
            record.sudo().read(fnames), before, f"{role} {method}{args} changed it"
        )

    def assertRefusedToOthers(self, table, fnames):
        """table: (record, method, args, roles allowed)."""
        for record, method, args, allowed in table:
            for role in ROLES:
                if role in allowed:
                    continue
                with self.subTest(role=role, method=method, args=args):
                    self.assertRefusedUnchanged(role, record, fnames, method, *args)

    def test_trajectory_moves_per_role(self):
        today, tomorrow = self.day(self.today), self.day(self.today + timedelta(1))
        hr, physician = self.logins["hr"], self.logins["physician"]
        table = [
            (self.rit_b, "action_record_appeal", [today], HR_ROLES),
            (self.rit_b, "action_record_appeal", [tomorrow], ()),
            (self.rit_b, "action_record_appeal_outcome", ["confirmed", today], ()),
            (self.rit_b, "write", [{"appeal_outcome": "confirmed"}], ()),
            (self.rit_b, "write", [{"state": "ended"}], ()),
            (self.rit_b, "write", [{"appeal_pending": True}], ()),
            (
                self.rit_requested,
                "action_register_refused_invitation",
                [today],
                ("hr", "physician", "admin", "odoo_admin"),
            ),
            (
                self.rit_requested,
                "action_register_refused_invitation",
                [tomorrow],
                (),
            ),
            (self.rit_requested, "write", [{"end_reason": "decision_c"}], ()),
            (self.rit_sent, "action_record_reply_reminder", [today], HR_ROLES),
            (self.rit_sent, "action_record_reply_reminder", [tomorrow], ()),
            (self.rit_sent, "write", [{"reply_reminder_date": today}], ()),
            (self.rit_sent, "write", [{"employee_reply": "refused"}], ()),
            (self.rit_sent, "write", [{"reply_late": True}], ()),
            (self.rit_sent, "_cron_end_without_reply", [], ()),
        ]
        self.assertRefusedToOthers(table, RIT_FIELDS)

        # The allowed paths. The appeal suspends the trajectory.
        self.assertRpcOk(hr, RIT, "action_record_appeal", self.rit_b.ids, today)
        self.assertTrue(self.rit_b.appeal_pending)
        self.assertRefusedUnchanged(
            "hr", self.rit_b, RIT_FIELDS, "action_record_appeal", today
        )
        self.rit_b.sudo().plan_or_report = "plan"
        self.assertRefusedUnchanged("hr", self.rit_b, RIT_FIELDS, "action_send_plan")
        self.assertRefusedUnchanged("hr", self.rit_b, RIT_FIELDS, "action_close")
        self.assertRpcOk(
            hr,
            RIT,
            "action_record_appeal_outcome",
            self.rit_b.ids,
            "overturned",
            today,
        )
        self.assertEqual(
            (self.rit_b.appeal_pending, self.rit_b.appeal_outcome),
            (False, "overturned"),
        )
        # A refused invitation, on the day of the missed invitation.
        missed = self.day(self.today - timedelta(days=3))
        self.assertRpcOk(
            physician,
            RIT,
            "action_register_refused_invitation",
            self.rit_requested.ids,
            missed,
        )
        self.assertEqual(
            self.rit_requested.sudo().refused_invitation_ids.mapped("invitation_date"),
            [self.today - timedelta(days=3)],
        )
        # The reminder, once.
        self.assertRpcOk(
            hr, RIT, "action_record_reply_reminder", self.rit_sent.ids, today
        )
        self.assertEqual(self.rit_sent.reply_reminder_date, self.today)
        self.assertRefusedUnchanged(
            "hr", self.rit_sent, RIT_FIELDS, "action_record_reply_reminder", today
        )
        # No reason of a refusal on the trajectory, for the line manager
        # (or anybody): it stays on the plan.
        described = self.assertRpcOk(self.logins["manager"], RIT, "fields_get")
        self.assertNotIn("employee_refusal_reason", described)
        self.assertIn("end_reason", described)

    def test_preventive_moves_per_role(self):
        today = self.day(self.today)
        request = self.preventive
        # The worker's line manager, the taskforce and another employee read
        # nothing of it.
        for role in ("manager", "taskforce"):
            with self.subTest(role=role):
                self.assertFalse(
                    self.assertRpcOk(
                        self.logins[role],
                        PREVENTIVE,
                        "search",
                        [("id", "=", request.id)],
                    )
                )
        # Nobody creates one for another worker, except HR.
        self.assertRpcRefused(
            self.logins["employee"],
            PREVENTIVE,
            "create",
            [{"employee_id": self.sofie.id, "company_id": self.company.id}],
        )
        table = [
            (
                request,
                "write",
                [{"suggested_adaptations": "Quiet desk."}],
                ("paps", "physician"),
            ),
            (request, "action_record_advice", [today], ()),  # nothing suggested
            (request, "action_refuse", [today], ()),  # no reasons
            (request, "write", [{"state": "agreed"}], HR_ROLES),
            (request, "write", [{"decision_date": today}], ()),
            (request, "write", [{"advised_by_id": self.hr_user.id}], ()),
            (request, "action_agree", [today], HR_ROLES),
        ]
        self.assertRefusedToOthers(table, PREVENTIVE_FIELDS)
        paps = self.logins["paps"]
        self.assertRpcOk(
            paps,
            PREVENTIVE,
            "write",
            request.ids,
            {"suggested_adaptations": "A desk by the window, fewer meetings."},
        )
        self.assertRpcOk(paps, PREVENTIVE, "action_record_advice", request.ids, today)
        self.assertEqual(
            (request.state, request.advised_by_id), ("advised", self.users["paps"])
        )
        for role in ROLES:
            if role in ("paps", "physician"):
                with self.subTest(role=role):
                    self.assertRefusedUnchanged(
                        role, request, PREVENTIVE_FIELDS, "action_record_advice", today
                    )
        # The worker reads that advice was given and what is suggested.
        own = self.assertRpcOk(
            self.logins["employee"],
            PREVENTIVE,
            "read",
            request.ids,
            ["state", "suggested_adaptations", "decision_deadline"],
        )
        self.assertEqual(own[0]["state"], "advised")
        hr = self.logins["hr"]
        self.assertRpcOk(
            hr, PREVENTIVE, "write", request.ids, {"decision_reason": "No such desk."}
        )
        self.assertRpcOk(hr, PREVENTIVE, "action_refuse", request.ids, today)
        self.assertEqual(
            (request.state, request.decision_date), ("refused", self.today)
        )
        self.assertRefusedUnchanged(
            "hr", request, PREVENTIVE_FIELDS, "action_agree", today
        )


@tagged("post_install", "-at_install")
class TestTrajectoryEventWizard(AbsenceCase):
    """The form's buttons ask for the day the event happened: the wizard
    passes it to the trajectory's action, which checks it again."""

    def test_wizard_records_the_day_of_the_event(self):
        with freeze_time("2028-03-10"):
            case = self._case(D(2027, 6, 1), employee=self.els)
            rit = self.Rit.create(
                {
                    "case_id": case.id,
                    "request_date": D(2028, 1, 3),
                    "requester": "employee",
                    "physician_user_id": self.physician_user.id,
                }
            )
            Wizard = self.env["hr.reintegration.trajectory.event.wizard"]
            action = (
                rit.with_user(self.physician_user)
                .with_context(trajectory_event="invitation_refused")
                .action_open_event_wizard()
            )
            self.assertEqual(action["context"]["default_event"], "invitation_refused")
            wizard = (
                Wizard.with_user(self.physician_user)
                .with_context(**action["context"])
                .create({"event_date": D(2028, 1, 20)})
            )
            self.assertEqual(
                wizard.action_confirm(), {"type": "ir.actions.act_window_close"}
            )
            self.assertEqual(rit.last_refused_invitation_date, D(2028, 1, 20))
            # A day to come: refused by the trajectory, nothing written.
            wizard = Wizard.with_user(self.physician_user).create(
                {
                    "trajectory_id": rit.id,
                    "event": "invitation_refused",
                    "event_date": D(2028, 3, 11),
                }
            )
            with self.assertRaisesRegex(UserError, "a day to come"):
                wizard.action_confirm()
            self.assertEqual(rit.invitation_refusal_count, 1)
            # The employee cannot use it.
            with self.assertRaises(AccessError):
                Wizard.with_user(self.users["employee"]).create(
                    {"trajectory_id": rit.id, "event": "appeal"}
                )

"""The reintegration plan's workflow goes through one guard (issue 10).

Every state-like field of the plan and of its check-ins changes through
``write()``, where the workflow mixin's guard checks the move and who makes
it: the web client's buttons, a plain JSON-RPC ``write`` and server code all
meet the same checks. The tests call the ORM over JSON-RPC as each role
(``/web/dataset/call_kw``, as any client of Odoo can), and prove the
refusals, then the allowed path; the Python-level checks (sudo, live user
links, the one running plan) are in a TransactionCase.
"""

from datetime import date, timedelta

import psycopg2
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ROLES as COMMON_ROLES
from .common import JsonRpcMixin
from .common_reintegration import ReintegrationCase, ReintegrationFixtures

PLAN = "hr.reintegration.plan"
PHASE = "hr.reintegration.phase"
CHECKIN = "hr.reintegration.checkin"
STATES = ("draft", "proposed", "refused", "accepted", "running", "completed", "stopped")
KEPT = ("accepted", "running", "completed", "stopped")
# "own" is the plan's employee (their own user); "employee" another one.
ROLES = ("own", *COMMON_ROLES)
HR_ROLES = ("hr", "admin", "odoo_admin")
# The moves HR makes; the plan's employee accepts (or refuses with reasons).
HR_MOVES = {
    ("draft", "proposed"),
    ("proposed", "draft"),
    ("refused", "draft"),
    ("accepted", "running"),
    ("accepted", "stopped"),
    ("running", "completed"),
    ("running", "stopped"),
}
# Context keys a client can send: none of them opens the guard or silences
# the chatter.
HOSTILE_CONTEXT = {
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_create_nolog": True,
    "default_state": "running",
    "wellbeing_consent_action": True,
    "hr_wellbeing_log_write": True,
    "active_test": False,
}
PLAN_GUARDED = [
    "state",
    "proposed_date",
    "reply_deadline",
    "reply_date",
    "refusal_reason",
    "end_date",
    "original_calendar_id",
    "applied_calendar_id",
    "stop_reason",
    "not_full_reason",
    "training",
    "phase_ids",
    "adaptation_ids",
    "agreement_ids",
    "message_ids",
]
CHECKIN_GUARDED = [
    "state",
    "load",
    "need_talk",
    "answered_date",
    "plan_id",
    "week_start",
    "message_ids",
]
# Actions of HR: the states in which each one is allowed.
HR_ACTIONS = {
    "action_propose": ("draft",),
    "action_reset_draft": ("proposed", "refused"),
    "action_start": ("accepted",),
    "action_apply_schedule": ("running",),
    "action_complete": ("running",),
    "action_stop": ("accepted", "running"),
    "action_open_schedule_wizard": ("draft",),
}


class PlanStatesFixtures(ReintegrationFixtures):
    """One plan in each state, made through the guarded path by the right
    people, with dates from next Monday (the tests need no frozen day):

    * Jan: a draft, a proposed and a running plan (with a pending and an
      answered check-in);
    * Kim: a refused and an accepted plan;
    * Lot: a completed and a stopped plan.
    """

    @classmethod
    def setup_plan_states(cls):
        cls.kim_user = cls.new_user("employee", login="wb_test_kim", name="Kim Ret")
        cls.kim = cls.new_returner("Kim Ret", cls.kim_user)
        cls.lot_user = cls.new_user("employee", login="wb_test_lot", name="Lot Ret")
        cls.lot = cls.new_returner("Lot Ret", cls.lot_user)
        # The day of the users (all in Brussels), as the server counts it.
        today = fields.Date.context_today(
            cls.jan.with_user(cls.hr_user).with_context(tz="Europe/Brussels")
        )
        cls.today = today
        cls.this_monday = today - timedelta(days=today.weekday())
        cls.next_monday = cls.this_monday + timedelta(weeks=1)
        plans = cls.plans = {}
        plans["draft"] = cls._new_plan(cls.jan, 0)
        plans["proposed"] = cls._new_plan(cls.jan, 20, propose=True)
        plans["running"] = cls._new_plan(cls.jan, 40, propose=True, reply="accepted")
        plans["running"].with_user(cls.hr_user).action_start()
        plans["refused"] = cls._new_plan(cls.kim, 0, propose=True, reply="refused")
        plans["accepted"] = cls._new_plan(cls.kim, 20, propose=True, reply="accepted")
        plans["completed"] = cls._new_plan(cls.lot, 0, propose=True, reply="accepted")
        plans["completed"].with_user(cls.hr_user).action_start()
        plans["completed"].with_user(cls.hr_user).action_complete()
        plans["stopped"] = cls._new_plan(cls.lot, 20, propose=True, reply="accepted")
        plans["stopped"].with_user(cls.hr_user).action_stop()
        Checkin = cls.env[CHECKIN].with_user(cls.jan_user)
        cls.pending = Checkin.create(
            {"plan_id": plans["running"].id, "week_start": cls.this_monday}
        )
        cls.answered = Checkin.create(
            {
                "plan_id": plans["running"].id,
                "week_start": cls.this_monday - timedelta(weeks=1),
                "load": "as_planned",
            }
        )
        cls.answered.action_submit()

    @classmethod
    def _new_plan(cls, employee, weeks, propose=False, reply=None):
        hr = cls.hr_user
        plan = (
            cls.env[PLAN]
            .with_user(hr)
            .create(
                {
                    "employee_id": employee.id,
                    "date_start": cls.next_monday + timedelta(weeks=weeks),
                    "coach_user_id": cls.paps_user.id,
                    "hr_responsible_id": hr.id,
                }
            )
        )
        plan._generate_schedules(40, 20, 2)
        plan.write(
            {
                "training": "Route planning tool",
                "adaptation_ids": [Command.create({"description": "Quiet desk"})],
                "agreement_ids": [
                    Command.create(
                        {
                            "critical_signal": "Sleeping badly",
                            "what_to_do": "Say it at the check-in",
                            "contact": "The coach",
                        }
                    )
                ],
            }
        )
        if propose:
            plan.action_propose()
        as_employee = plan.with_user(employee.user_id)
        if reply == "accepted":
            as_employee.action_accept()
        elif reply == "refused":
            as_employee.action_refuse(reason="Too fast for me")
        return plan.with_env(cls.env)

    def _actor(self, role, record):
        if role == "own":
            return record.sudo().employee_id.user_id
        if role == "odoo_admin":
            return self.odoo_admin
        return self.users[role]

    def _snapshot(self, record, fnames):
        self.env.invalidate_all()
        return record.sudo().read(fnames)[0]


@tagged("post_install", "-at_install")
class TestWorkflowPlanRpc(JsonRpcMixin, PlanStatesFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()
        cls.setup_reintegration()
        cls.setup_plan_states()

    def rpc(self, user, model, method, *args, **kwargs):
        # The request works in the test's company, as the web client says.
        kwargs["context"] = {
            "allowed_company_ids": self.company.ids,
            **kwargs.get("context", {}),
        }
        return super().rpc(user, model, method, *args, **kwargs)

    def _allowed(self, role, old, new):
        if role in HR_ROLES:
            return (old, new) in HR_MOVES
        # The plan's employee accepts (tested in the allowed path: the one
        # accepted or running plan of an employee comes first).
        return role == "own" and (old, new) == ("proposed", "accepted")

    def _refused(self, user, record, fnames, method, *args, **kwargs):
        """Refused over JSON-RPC, and the record unchanged (read again)."""
        before = self._snapshot(record, fnames)
        message = self.assertRpcRefused(user, record._name, method, *args, **kwargs)
        self.assertEqual(self._snapshot(record, fnames), before)
        return message

    def test_plan_writes_refused_over_rpc(self):
        """Every role, every plan state, every state it may not move to: the
        guard refuses the plain write (with hostile context keys), names the
        plan to whoever reads it, and nothing changes: not the plan, not its
        chatter, not the employee's working schedule."""
        for role in ROLES:
            for state, plan in self.plans.items():
                user = self._actor(role, plan)
                reads = plan.with_user(user).has_access("read")
                calendar = plan.employee_id.resource_calendar_id
                for target in STATES:
                    if target == state or self._allowed(role, state, target):
                        continue
                    with self.subTest(role=role, state=state, target=target):
                        message = self._refused(
                            user,
                            plan,
                            PLAN_GUARDED,
                            "write",
                            [plan.id],
                            {"state": target},
                            context=HOSTILE_CONTEXT,
                        )
                        if reads:
                            self.assertIn(plan.name, message)
                        self.assertEqual(
                            plan.employee_id.resource_calendar_id, calendar
                        )
        # HR accepts for the employee: refused, whatever the context says.
        proposed = self.plans["proposed"]
        for role in HR_ROLES:
            with self.subTest(role=role, move="accept for the employee"):
                message = self._refused(
                    self._actor(role, proposed),
                    proposed,
                    PLAN_GUARDED,
                    "write",
                    [proposed.id],
                    {"state": "accepted"},
                    context=HOSTILE_CONTEXT,
                )
                self.assertIn("Only Jan Returner accepts or refuses", message)

    def test_system_fields_and_creation_refused_over_rpc(self):
        system = {
            "proposed_date": "2020-01-01",
            "reply_deadline": "2020-01-15",
            "reply_date": "2020-01-02",
            "end_date": "2020-01-03",
            "original_calendar_id": self.calendar.id,
            "applied_calendar_id": self.calendar.id,
        }
        running = self.plans["running"]
        for role in ROLES:
            user = self._actor(role, running)
            for fname, value in system.items():
                with self.subTest(role=role, field=fname):
                    self._refused(
                        user,
                        running,
                        PLAN_GUARDED,
                        "write",
                        [running.id],
                        {fname: value},
                        context=HOSTILE_CONTEXT,
                    )
            # The reasons of a refusal: only with the refusal itself.
            for state in ("proposed", "refused"):
                plan = self.plans[state]
                with self.subTest(role=role, field="refusal_reason", state=state):
                    self._refused(
                        self._actor(role, plan),
                        plan,
                        PLAN_GUARDED,
                        "write",
                        [plan.id],
                        {"refusal_reason": "Rewritten"},
                    )
            # Server code of the system: no RPC reaches it.
            for method, args in (
                ("_backdate_reply", ["2020-01-01", "2020-01-02"]),
                ("_workflow_system", []),
                ("_apply_schedules", []),
            ):
                with self.subTest(role=role, method=method):
                    message = self._refused(
                        user, running, PLAN_GUARDED, method, [running.id], *args
                    )
                    self.assertIn("Private methods", message)
        # HR refuses for the employee: refused.
        proposed = self.plans["proposed"]
        self._refused(
            self.hr_user,
            proposed,
            PLAN_GUARDED,
            "write",
            [proposed.id],
            {"state": "refused", "refusal_reason": "HR thinks so"},
        )
        # A plan is created as a draft, and nothing else.
        Plan = self.env[PLAN].sudo()
        sofie_plans = Plan.search_count([("employee_id", "=", self.sofie.id)])
        for role in HR_ROLES:
            user = self._actor(role, proposed)
            vals = {"employee_id": self.sofie.id, "date_start": str(self.next_monday)}
            for state in STATES[1:]:
                with self.subTest(role=role, create=state):
                    self.assertRpcRefused(user, PLAN, "create", dict(vals, state=state))
                    self.assertRpcRefused(
                        user, PLAN, "create", vals, context={"default_state": state}
                    )
            for fname, value in system.items():
                with self.subTest(role=role, create=fname):
                    self.assertRpcRefused(
                        user, PLAN, "create", dict(vals, **{fname: value})
                    )
        self.assertEqual(
            Plan.search_count([("employee_id", "=", self.sofie.id)]), sofie_plans
        )

    def test_actions_in_wrong_states_refused_over_rpc(self):
        hr = self.hr_user
        for action, states in HR_ACTIONS.items():
            for state, plan in self.plans.items():
                if state in states:
                    continue
                with self.subTest(action=action, state=state):
                    message = self._refused(hr, plan, PLAN_GUARDED, action, [plan.id])
                    self.assertIn(plan.name, message)
        for state, plan in self.plans.items():
            if state == "proposed":
                continue
            own = self._actor("own", plan)
            for action, kwargs in (
                ("action_accept", {}),
                ("action_refuse", {}),
                ("action_refuse", {"reason": "No"}),
            ):
                with self.subTest(action=action, state=state, kwargs=kwargs):
                    self._refused(own, plan, PLAN_GUARDED, action, [plan.id], **kwargs)
        # The wizards: a schedule replaces the phases of a draft only; the
        # refusal wizard answers a proposed plan only.
        for state, plan in self.plans.items():
            if state == "draft":
                continue
            with self.subTest(wizard="schedule", state=state):
                wizard = self.assertRpcOk(
                    hr,
                    "hr.reintegration.schedule.wizard",
                    "create",
                    {"plan_id": plan.id},
                )
                before = self._snapshot(plan, PLAN_GUARDED)
                message = self.assertRpcRefused(
                    hr, "hr.reintegration.schedule.wizard", "action_generate", [wizard]
                )
                self.assertIn(plan.name, message)
                self.assertEqual(self._snapshot(plan, PLAN_GUARDED), before)
        for state in ("refused", "accepted", "running"):
            plan = self.plans[state]
            own = self._actor("own", plan)
            with self.subTest(wizard="refuse", state=state):
                wizard = self.assertRpcOk(
                    own,
                    "hr.reintegration.refuse.wizard",
                    "create",
                    {"plan_id": plan.id, "reason": "No"},
                )
                before = self._snapshot(plan, PLAN_GUARDED)
                self.assertRpcRefused(
                    own, "hr.reintegration.refuse.wizard", "action_refuse", [wizard]
                )
                self.assertEqual(self._snapshot(plan, PLAN_GUARDED), before)
        # Nobody but the plan's employee answers it, with the button either.
        proposed = self.plans["proposed"]
        for role in ROLES[1:]:
            user = self._actor(role, proposed)
            for action, kwargs in (
                ("action_accept", {}),
                ("action_refuse", {}),
                ("action_refuse", {"reason": "No"}),
            ):
                with self.subTest(role=role, action=action, kwargs=kwargs):
                    self._refused(
                        user, proposed, PLAN_GUARDED, action, [proposed.id], **kwargs
                    )

    def test_kept_records_and_checkins_over_rpc(self):
        kept = []
        for state in KEPT:
            plan = self.plans[state]
            kept += [plan, plan.phase_ids[0], plan.adaptation_ids, plan.agreement_ids]
        kept.append(self.answered)
        # Locked with the proposal (set back to draft first).
        proposed = self.plans["proposed"]
        locked = [proposed, proposed.phase_ids[0], proposed.adaptation_ids]
        for role in ROLES:
            for record in kept + locked:
                user = self._actor(
                    role, record if record._name in (PLAN, CHECKIN) else record.plan_id
                )
                with self.subTest(role=role, record=repr(record)):
                    message = self.assertRpcRefused(
                        user, record._name, "unlink", record.ids
                    )
                    self.assertTrue(record.exists())
                    if role in HR_ROLES and record._name != CHECKIN:
                        self.assertIn(
                            (record.plan_id if record._name != PLAN else record).name,
                            message,
                        )
        for record in kept + locked:
            with (
                self.subTest(sudo=repr(record)),
                self.assertRaises(UserError),
                self.env.cr.savepoint(),
            ):
                record.sudo().unlink()
            self.assertTrue(record.exists())

        # The check-ins: only Jan sends his, once; nobody takes it back.
        pending, answered = self.pending, self.answered
        for role in ROLES:
            user = self._actor(role, pending.plan_id)
            refusals = [
                (pending, {"state": "answered"}),
                (pending, {"answered_date": "2020-01-01"}),
                (answered, {"state": "pending"}),
                (answered, {"load": "heavier"}),
                (answered, {"need_talk": True}),
                (answered, {"answered_date": "2020-01-01"}),
                # The issue: back to pending, a new answer, answered again.
                (answered, {"state": "pending", "load": "heavier"}),
                (answered, {"state": "answered", "load": "heavier"}),
            ]
            if role != "own":
                refusals.append((pending, {"state": "answered", "load": "heavier"}))
                refusals.append((pending, {"load": "heavier"}))
            for checkin, vals in refusals:
                with self.subTest(role=role, checkin=checkin.state, vals=vals):
                    self._refused(
                        user,
                        checkin,
                        CHECKIN_GUARDED,
                        "write",
                        checkin.ids,
                        vals,
                        context=HOSTILE_CONTEXT,
                    )
            with self.subTest(role=role, action="action_submit"):
                self._refused(
                    user, answered, CHECKIN_GUARDED, "action_submit", answered.ids
                )
                if role != "own":
                    self._refused(
                        user, pending, CHECKIN_GUARDED, "action_submit", pending.ids
                    )
        # Created pending, and by Jan only.
        jan = self.jan_user
        running = self.plans["running"]
        week = str(self.this_monday + timedelta(weeks=3))
        count = self.env[CHECKIN].sudo().search_count([("plan_id", "=", running.id)])
        base = {"plan_id": running.id, "week_start": week, "load": "lighter"}
        for vals, context in (
            (dict(base, state="answered"), {}),
            (dict(base, answered_date=week), {}),
            (base, {"default_state": "answered"}),
        ):
            with self.subTest(create=vals, context=context):
                self.assertRpcRefused(jan, CHECKIN, "create", vals, context=context)
        for role in ROLES[1:]:
            with self.subTest(create_as=role):
                self.assertRpcRefused(
                    self._actor(role, running), CHECKIN, "create", base
                )
        self.assertEqual(
            self.env[CHECKIN].sudo().search_count([("plan_id", "=", running.id)]),
            count,
        )

    def _assert_tracked(self, plan, state, user):
        """The move left a tracking value in the chatter, by `user`."""
        label = dict(plan._fields["state"]._description_selection(self.env))[state]
        values = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", PLAN),
                    ("mail_message_id.res_id", "=", plan.id),
                    ("field_id.name", "=", "state"),
                    ("new_value_char", "=", label),
                ]
            )
        )
        self.assertEqual(values.mail_message_id.author_id, user.partner_id)

    def test_allowed_path_over_rpc(self):
        """The right role in the right state gets through over JSON-RPC, with
        `tracking_disable` in the context the chatter still shows every move,
        and every button answers a value (not None)."""
        hr, paps = self.hr_user, self.paps_user
        mia_user = self.new_user("employee", login="wb_test_mia", name="Mia Ret")
        mia = self.new_returner("Mia Ret", mia_user)
        silent = {"tracking_disable": True, "mail_notrack": True}
        plan_id = self.assertRpcOk(
            hr,
            PLAN,
            "create",
            {
                "employee_id": mia.id,
                "date_start": str(self.next_monday),
                "coach_user_id": paps.id,
            },
            context=silent,
        )
        plan = self.env[PLAN].browse(plan_id)
        self.assertEqual(plan.state, "draft")
        action = self.assertRpcOk(hr, PLAN, "action_open_schedule_wizard", [plan_id])
        self.assertEqual(action["res_model"], "hr.reintegration.schedule.wizard")
        wizard = self.assertRpcOk(
            hr,
            "hr.reintegration.schedule.wizard",
            "create",
            {"plan_id": plan_id, "start_percentage": 50, "step": 25},
        )
        action = self.assertRpcOk(
            hr, "hr.reintegration.schedule.wizard", "action_generate", [wizard]
        )
        self.assertEqual(action["type"], "ir.actions.act_window_close")
        self.assertEqual(plan.phase_ids.mapped("percentage"), [50, 75, 100])

        self.assertIs(
            self.assertRpcOk(hr, PLAN, "action_propose", [plan_id], context=silent),
            True,
        )
        self.assertEqual(plan.state, "proposed")
        self.assertEqual(plan.proposed_date, self.today)
        self.assertEqual(plan.reply_deadline, self.today + timedelta(days=14))
        self._assert_tracked(plan, "proposed", hr)
        # The employee's buttons: the refusal asks for reasons in a wizard.
        action = self.assertRpcOk(mia_user, PLAN, "action_refuse", [plan_id])
        self.assertEqual(action["res_model"], "hr.reintegration.refuse.wizard")
        # A plain write of the employee is the button: same checks, same
        # effects, and the chatter shows it.
        self.assertIs(
            self.assertRpcOk(
                mia_user,
                PLAN,
                "write",
                [plan_id],
                {"state": "accepted"},
                context=silent,
            ),
            True,
        )
        self.assertEqual(plan.state, "accepted")
        self.assertEqual(plan.reply_date, self.today)
        self._assert_tracked(plan, "accepted", mia_user)
        self.assertIn(
            "Mia Ret accepted the plan",
            plan.activity_ids.filtered(lambda a: a.user_id == hr).summary,
        )

        # One accepted or running plan at a time: a second one waits.
        second = self._new_plan(mia, 20, propose=True)
        message = self._refused(
            mia_user, second, PLAN_GUARDED, "action_accept", second.ids
        )
        self.assertIn(plan.name, message)
        self.assertIn("one plan at a time", message)
        # A phase does not move into (or out of) a plan the employee
        # accepted, nor is one added to it.
        draft = self._new_plan(self.kim, 60)
        for phase, target in (
            (draft.phase_ids[0], plan),
            (plan.phase_ids[0], draft),
        ):
            with self.subTest(phase=phase.display_name):
                before = self._snapshot(phase, ["plan_id", "percentage"])
                message = self.assertRpcRefused(
                    hr, PHASE, "write", phase.ids, {"plan_id": target.id}
                )
                self.assertIn("content can no longer change", message)
                self.assertEqual(
                    self._snapshot(phase, ["plan_id", "percentage"]), before
                )
        self.assertRpcRefused(
            hr,
            PHASE,
            "create",
            {
                "plan_id": plan_id,
                "date_start": str(self.next_monday + timedelta(weeks=6)),
                "date_end": str(self.next_monday + timedelta(weeks=7)),
            },
        )
        self.assertEqual(len(plan.phase_ids), 3)

        self.assertIs(self.assertRpcOk(hr, PLAN, "action_start", [plan_id]), True)
        self.assertEqual(plan.state, "running")
        self._assert_tracked(plan, "running", hr)
        self.assertEqual(plan.original_calendar_id, self.calendar_38h)
        # The schedule is derived from the running plan (before its first
        # phase: the normal one).
        self.assertEqual(plan.applied_calendar_id, self.calendar_38h)
        self.assertEqual(mia.resource_calendar_id, self.calendar_38h)
        self.assertIs(
            self.assertRpcOk(hr, PLAN, "action_apply_schedule", [plan_id]), True
        )
        action = self.assertRpcOk(hr, PLAN, "action_print", [plan_id])
        self.assertEqual(action["type"], "ir.actions.report")

        # Mia answers her check-ins, with the button or a plain write.
        first = self.assertRpcOk(
            mia_user,
            CHECKIN,
            "create",
            {
                "plan_id": plan_id,
                "week_start": str(self.this_monday),
                "load": "lighter",
            },
        )
        self.assertIs(
            self.assertRpcOk(mia_user, CHECKIN, "action_submit", [first]), True
        )
        second_checkin = self.assertRpcOk(
            mia_user,
            CHECKIN,
            "create",
            {"plan_id": plan_id, "week_start": str(self.next_monday)},
        )
        self.assertIs(
            self.assertRpcOk(
                mia_user,
                CHECKIN,
                "write",
                [second_checkin],
                {"state": "answered", "load": "heavier", "need_talk": True},
                context=silent,
            ),
            True,
        )
        checkins = self.env[CHECKIN].browse([first, second_checkin])
        self.assertEqual(checkins.mapped("state"), ["answered", "answered"])
        self.assertEqual(checkins.mapped("answered_date"), [self.today, self.today])
        # The wish to talk reaches the coach, on the check-in.
        self.assertEqual(checkins[1].activity_ids.user_id, paps)

        self.assertIs(self.assertRpcOk(hr, PLAN, "action_complete", [plan_id]), True)
        self.assertEqual((plan.state, plan.end_date), ("completed", self.today))
        self.assertFalse(plan.applied_calendar_id)
        self.assertEqual(mia.resource_calendar_id, self.calendar_38h)
        self._assert_tracked(plan, "completed", hr)

        # Now the second plan can be accepted; HR stops it.
        self.assertIs(
            self.assertRpcOk(mia_user, PLAN, "action_accept", second.ids), True
        )
        self.assertIs(self.assertRpcOk(hr, PLAN, "action_stop", second.ids), True)
        self.assertEqual(second.state, "stopped")

        # A third: refused with reasons (the wizard, or the button with the
        # reasons), set back to draft by HR each time.
        third = self._new_plan(mia, 40, propose=True)
        wizard = self.assertRpcOk(
            mia_user,
            "hr.reintegration.refuse.wizard",
            "create",
            {"plan_id": third.id, "reason": "Too fast"},
        )
        action = self.assertRpcOk(
            mia_user, "hr.reintegration.refuse.wizard", "action_refuse", [wizard]
        )
        self.assertEqual(action["type"], "ir.actions.act_window_close")
        self.assertEqual((third.state, third.refusal_reason), ("refused", "Too fast"))
        self._assert_tracked(third, "refused", mia_user)
        self.assertIs(self.assertRpcOk(hr, PLAN, "action_reset_draft", third.ids), True)
        self.assertIs(self.assertRpcOk(hr, PLAN, "action_propose", third.ids), True)
        self.assertFalse(third.refusal_reason)
        self.assertIs(
            self.assertRpcOk(
                mia_user, PLAN, "action_refuse", third.ids, reason=" Still too fast "
            ),
            True,
        )
        self.assertEqual(third.refusal_reason, "Still too fast")
        self.assertIs(self.assertRpcOk(hr, PLAN, "action_reset_draft", third.ids), True)
        self.assertEqual(third.state, "draft")


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestWorkflowPlan(ReintegrationCase):
    def _read(self, user, record):
        record.with_user(user).invalidate_recordset()
        return record.with_user(user).read(["display_name"])

    def _proposed(self, employee=None, start=date(2026, 11, 9)):
        plan = self._plan(employee, start=start)
        self._generate(plan)
        plan.with_user(self.hr_user).action_propose()
        return plan

    def test_user_links_are_live(self):
        """Who reads the plan and who may accept it follows the user linked
        to the employee now (record rules on live relations; the stored keys
        follow too)."""
        plan = self._proposed()
        Checkin = self.env[CHECKIN]
        self._read(self.jan_user, plan)
        self.assertEqual(plan.employee_user_id, self.jan_user)
        self.assertEqual(plan.manager_user_id, self.manager_user)
        # Jan's user is unlinked from his employee: he no longer reads it
        # nor answers it.
        self.jan.user_id = False
        self.assertFalse(plan.employee_user_id)
        with self.assertRaises(AccessError):
            self._read(self.jan_user, plan)
        self.assertFalse(self.Plan.with_user(self.jan_user).search([]))
        with self.assertRaises(AccessError):
            plan.with_user(self.jan_user).action_accept()
        # Another user is linked: he reads it and he alone accepts it.
        new_user = self.new_user("employee", login="wb_test_jan_new", name="Jan New")
        self.jan.user_id = new_user
        self.assertEqual(plan.employee_user_id, new_user)
        self.assertTrue(plan.with_user(new_user).is_own_plan)
        self._read(new_user, plan)
        self.assertEqual(self.Plan.with_user(new_user).search([]), plan)
        for user in (self.jan_user, self.hr_user, self.manager_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                plan.with_user(user).action_accept()
        plan.with_user(new_user).action_accept()
        self.assertEqual(plan.state, "accepted")
        plan.with_user(self.hr_user).action_start()
        with freeze_time("2026-11-10"):
            checkin = Checkin.with_user(new_user).create(
                {"plan_id": plan.id, "load": "as_planned"}
            )
        self.assertEqual(checkin.employee_user_id, new_user)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Checkin.with_user(self.jan_user).create({"plan_id": plan.id})
        with self.assertRaises(AccessError):
            self._read(self.jan_user, checkin)
        # Linked back to Jan: the check-in is his again, not the other's.
        self.jan.user_id = self.jan_user
        self.assertEqual(checkin.employee_user_id, self.jan_user)
        self._read(self.jan_user, checkin)
        with self.assertRaises(AccessError):
            self._read(new_user, checkin)
        with self.assertRaises(AccessError):
            checkin.with_user(new_user).action_submit()
        checkin.with_user(self.jan_user).action_submit()
        self.assertEqual(checkin.state, "answered")
        # The line manager follows the employee's manager: Jan moves to An's
        # team, An gets a user.
        an_user = self.new_user("employee", login="wb_test_an", name="An Willems")
        self.jan.write(
            {"parent_id": self.an.id, "department_id": self.customer_service.id}
        )
        self.assertFalse(plan.manager_user_id)
        self.an.user_id = an_user
        self.assertEqual(plan.manager_user_id, an_user)
        self._read(an_user, plan)
        with self.assertRaises(AccessError):
            self._read(self.manager_user, plan)

    def test_one_accepted_or_running_plan_per_employee(self):
        first = self._running()
        second = self._proposed(start=date(2027, 3, 1))
        with self.assertRaisesRegex(UserError, first.name):
            second.with_user(self.jan_user).action_accept()
        # Neither by a write of the system on his behalf.
        with self.assertRaisesRegex(UserError, "one plan at a time"):
            second.with_user(self.jan_user).sudo().write({"state": "accepted"})
        self.assertEqual(second.state, "proposed")
        # The schedule is derived from the running plan.
        with freeze_time("2026-11-10"):
            self.Plan._cron_apply_schedules()
        self.assertEqual(self.jan.resource_calendar_id, first.applied_calendar_id)
        self.assertAlmostEqual(
            self.jan.resource_calendar_id._weekly_hours(), 15.2, places=1
        )
        # Once the first stops, the second is accepted and runs; the
        # schedule follows it, and only it.
        with freeze_time("2026-11-24"):
            first.with_user(self.hr_user).action_stop()
        self.assertEqual(self.jan.resource_calendar_id, self.calendar_38h)
        second.with_user(self.jan_user).action_accept()
        second.with_user(self.hr_user).action_start()
        with freeze_time("2027-03-02"):
            self.Plan._cron_apply_schedules()
            (first | second)._apply_schedules()
        self.assertEqual(self.jan.resource_calendar_id, second.applied_calendar_id)
        self.assertFalse(first.applied_calendar_id)
        # The database holds it too, even against the system's own writes
        # (two replies at once).
        third = self._proposed(start=date(2027, 9, 6))
        with (
            self.assertRaises(psycopg2.IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
            third._workflow_system(),
        ):
            third.write({"state": "accepted"})
            third.flush_recordset()

    def test_kept_for_everybody(self):
        plan = self._plan()
        self._generate(plan)
        plan.write({"adaptation_ids": [Command.create({"description": "Desk"})]})
        plan.action_propose()
        plan.with_user(self.jan_user).action_accept()
        # HR does not take it back to draft, nor does the superuser.
        for as_user in (plan.with_user(self.hr_user), plan.sudo()):
            with self.assertRaisesRegex(UserError, "Accepted and cannot become Draft"):
                as_user.write({"state": "draft"})
        plan.action_start()
        with freeze_time("2026-11-10"):
            checkin = (
                self.env[CHECKIN]
                .with_user(self.jan_user)
                .create({"plan_id": plan.id, "load": "lighter"})
            )
            checkin.action_submit()
        for record in (
            plan,
            plan.phase_ids,
            plan.adaptation_ids,
            checkin,
        ):
            # No access to the check-ins for HR, kept for the others.
            error = AccessError if record._name == CHECKIN else UserError
            for env_user in (self.odoo_admin, self.users["admin"], self.hr_user):
                with (
                    self.subTest(record=repr(record), user=env_user.login),
                    self.assertRaises(error),
                    self.env.cr.savepoint(),
                ):
                    record.with_user(env_user).unlink()
            with (
                self.subTest(record=repr(record), user="sudo"),
                self.assertRaises(UserError),
                self.env.cr.savepoint(),
            ):
                record.sudo().unlink()
            self.assertTrue(record.exists())
        # The phases' state follows the calendar: the system only.
        phase = plan.phase_ids[0]
        for as_user in (phase.with_user(self.hr_user), phase.sudo()):
            with self.assertRaisesRegex(AccessError, "follows the calendar"):
                as_user.write({"state": "done"})
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.env[PHASE].create(
                {
                    "plan_id": self._plan(start=date(2027, 1, 4)).id,
                    "date_start": date(2027, 1, 4),
                    "date_end": date(2027, 1, 17),
                    "state": "done",
                }
            )
        # A proposed plan is set back to draft before it is deleted; a draft
        # or a refused one may go.
        proposed = self._proposed(
            self.new_returner("Prop", self.new_user("employee", login="wb_test_prop"))
        )
        with self.assertRaisesRegex(UserError, "back to draft"):
            proposed.with_user(self.hr_user).unlink()
        proposed.with_user(self.hr_user).action_reset_draft()
        proposed.with_user(self.hr_user).unlink()
        self.assertFalse(proposed.exists())

    def test_phase_and_lines_stay_in_their_plan(self):
        accepted = self._proposed()
        accepted.with_user(self.jan_user).action_accept()
        draft = self._plan(self.new_returner("Other"), start=date(2026, 11, 9))
        self._generate(draft)
        draft.write(
            {
                "agreement_ids": [
                    Command.create(
                        {"critical_signal": "a", "what_to_do": "b", "contact": "c"}
                    )
                ]
            }
        )
        for record, target in (
            (draft.phase_ids[0], accepted),
            (accepted.phase_ids[0], draft),
            (draft.agreement_ids[0], accepted),
        ):
            for as_user in (record.with_user(self.hr_user), record.sudo()):
                with (
                    self.subTest(record=repr(record), su=as_user.env.su),
                    self.assertRaisesRegex(UserError, "content can no longer change"),
                ):
                    as_user.write({"plan_id": target.id})
            self.assertNotEqual(record.plan_id, target)
        # The team checklist and the reconnect sessions stay on their plan.
        draft.write({"session_ids": [Command.create({"date": date(2026, 11, 20)})]})
        for record in (draft.checklist_ids[0], draft.session_ids):
            with (
                self.subTest(record=repr(record)),
                self.assertRaisesRegex(UserError, "stays on its plan"),
            ):
                record.with_user(self.hr_user).write({"plan_id": accepted.id})
            self.assertEqual(record.plan_id, draft)

    def test_refusal_reasons_stay_confidential(self):
        plan = self._plan()
        self._generate(plan)
        # Created in a transaction of its own (the chatter tracks no change
        # in the transaction that creates a record).
        self.env.cr.flush()
        plan.with_user(self.hr_user).action_propose()
        plan.with_user(self.jan_user).action_refuse(reason="Too fast for me")
        self.env.cr.flush()  # the tracking of the moves
        self.env.invalidate_all()
        self.assertEqual(plan.state, "refused")
        tracked = plan.sudo().message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("state", tracked)
        self.assertNotIn("refusal_reason", tracked)
        self.assertFalse(
            [m for m in plan.sudo().message_ids if "Too fast" in (m.body or "")]
        )
        self.assertNotIn(
            "Too fast", " ".join(filter(None, plan.activity_ids.mapped("summary")))
        )
        # HR reads the reasons, the line manager does not.
        self.assertEqual(plan.with_user(self.hr_user).refusal_reason, "Too fast for me")
        with self.assertRaises(AccessError):
            plan.with_user(self.manager_user).read(["refusal_reason"])
        # Nobody rewrites them, the employee neither (no second refusal).
        for as_user in (plan.with_user(self.hr_user), plan.sudo()):
            with self.assertRaises(AccessError):
                as_user.write({"refusal_reason": "Rewritten"})
        with self.assertRaisesRegex(UserError, "Refused and cannot become Refused"):
            plan.with_user(self.jan_user).action_refuse(reason="Changed my mind")
        self.assertEqual(plan.sudo().refusal_reason, "Too fast for me")
        # What he refused stays as it was: HR sets it back to draft to revise.
        with self.assertRaisesRegex(UserError, "content can no longer change"):
            plan.with_user(self.hr_user).write({"training": "Other"})
        plan.with_user(self.hr_user).action_reset_draft()
        plan.with_user(self.hr_user).write({"training": "Other"})

    def test_ended_plan_changes_only_with_a_trace(self):
        plan = self._running()
        self.env.cr.flush()  # created in a transaction of its own
        plan.with_user(self.hr_user).write({"stop_reason": "Relapse"})
        with freeze_time("2026-11-24"):
            plan.with_user(self.hr_user).action_stop()
        self.assertEqual(plan.end_date, date(2026, 11, 24))
        for as_user in (plan.with_user(self.hr_user), plan.sudo()):
            with self.assertRaisesRegex(UserError, "how it ended"):
                as_user.write({"stop_reason": "Other"})
            with self.assertRaises(AccessError):
                as_user.write({"end_date": date(2026, 11, 30)})
        self.assertEqual(
            (plan.stop_reason, plan.end_date), ("Relapse", date(2026, 11, 24))
        )
        # The follow-up is still recorded, and shows in the chatter whatever
        # the client asks (this test's env disables tracking).
        self.assertTrue(self.env.context.get("tracking_disable"))
        plan.with_user(self.hr_user).write({"followup_1_date": date(2026, 12, 1)})
        self.env.cr.flush()
        self.env.invalidate_all()
        self.assertIn(
            "followup_1_date",
            plan.sudo().message_ids.tracking_value_ids.field_id.mapped("name"),
        )

    def test_created_in_first_state_only(self):
        for vals, context in (
            ({"state": "accepted"}, {}),
            ({}, {"default_state": "running"}),
        ):
            with (
                self.subTest(vals=vals, context=context),
                self.assertRaises(UserError),
                self.env.cr.savepoint(),
            ):
                self.Plan.with_user(self.hr_user).with_context(**context).create(
                    {"employee_id": self.jan.id, "date_start": date(2027, 1, 4), **vals}
                )
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.Plan.sudo().create(
                {
                    "employee_id": self.jan.id,
                    "date_start": date(2027, 1, 4),
                    "reply_date": date(2027, 1, 1),
                }
            )
        self.assertFalse(self.Plan.search([("employee_id", "=", self.jan.id)]))
        # The check-in of a running plan starts pending.
        plan = self._running()
        Checkin = self.env[CHECKIN].with_user(self.jan_user)
        with (
            freeze_time("2026-11-10"),
            self.assertRaises(UserError),
            self.env.cr.savepoint(),
        ):
            Checkin.create({"plan_id": plan.id, "load": "lighter", "state": "answered"})
        # Once sent, its answer stays, for the system too.
        with freeze_time("2026-11-10"):
            checkin = Checkin.create({"plan_id": plan.id, "load": "lighter"})
            checkin.action_submit()
        for vals in (
            {"state": "pending"},
            {"load": "heavier"},
            {"state": "pending", "load": "heavier"},
        ):
            for as_user in (checkin, checkin.sudo()):
                with (
                    self.subTest(vals=vals, su=as_user.env.su),
                    self.assertRaises(UserError),
                ):
                    as_user.write(vals)
        self.assertEqual((checkin.state, checkin.load), ("answered", "lighter"))
        self.assertEqual(checkin.answered_date, date(2026, 11, 10))

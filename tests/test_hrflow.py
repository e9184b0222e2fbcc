"""Issue 14, HR's and the line manager's daily work: the paper reply, the
portal login made from the plan, one path from the case to the plan, the
overdue prevention actions and the phase reviews."""

import base64
from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged

from .common import JsonRpcMixin
from .common_prevention import PreventionFixtures
from .common_reintegration import ReintegrationCase, ReintegrationFixtures

SCAN = base64.b64encode(b"%PDF-1.4 signed reply").decode()
OVERDUE = "hr_burnout_prevention.mail_activity_type_prevention_overdue"
REVIEW = "hr_burnout_prevention.mail_activity_type_phase_review"


class HrFlowFixtures(ReintegrationFixtures):
    """A worker without a login (Piet, of Marc's team) and a decided
    trajectory of his."""

    @classmethod
    def setup_hrflow(cls):
        cls.piet = cls.new_returner("Piet Paper")
        cls.piet.work_email = "piet.paper@example.com"

    def _decided_rit(self, employee, decision="A"):
        case = self.env["hr.absence.case"].create(
            {"employee_id": employee.id, "date_start": date(2026, 6, 1)}
        )
        rit = self.env["hr.reintegration.trajectory"].create(
            {
                "case_id": case.id,
                "request_date": date(2026, 9, 1),
                "requester": "employee",
                "physician_user_id": self.physician_user.id,
            }
        )
        rit.write(
            {
                "decision": decision,
                "decision_date": date(2026, 10, 15),
                "decision_received_date": date(2026, 10, 20),
                "functional_restrictions": "No lifting above 10 kg.",
            }
        )
        rit.action_confirm_decision()
        return case, rit

    def _proposed(self, employee):
        plan = self._plan(employee, hr_responsible_id=self.hr_user.id)
        self._generate(plan)
        plan.with_user(self.hr_user).action_propose()
        return plan

    def _paper_reply(self, plan, user=None, **values):
        wizard = (
            self.env["hr.reintegration.paper.reply.wizard"]
            .with_user(user or self.hr_user)
            .create(
                {
                    "plan_id": plan.id,
                    "reply": "accepted",
                    "reply_date": date(2026, 11, 2),
                    "scan": SCAN,
                    "scan_name": "reply.pdf",
                    **values,
                }
            )
        )
        return wizard.action_confirm()

    def _attachments(self, plan):
        return self.env["ir.attachment"].search(
            [("res_model", "=", plan._name), ("res_id", "=", plan.id)]
        )


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestPaperReply(HrFlowFixtures, ReintegrationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_hrflow()

    def test_worker_without_login_gets_a_plan_and_replies_on_paper(self):
        with freeze_time("2026-10-26"):
            plan = self._proposed(self.piet)
        self.assertEqual(plan.state, "proposed")
        self.assertFalse(plan.employee_has_user)
        todo = plan.activity_ids
        self.assertEqual(todo.user_id, self.hr_user)
        bad = [
            ({"reply_date": date(2026, 10, 25)}, "Date of the Paper Reply"),
            ({"reply_date": date(2026, 11, 3)}, "Date of the Paper Reply"),
            ({"reply": "refused", "reason": "  "}, "Refusal Reason"),
        ]
        for values, field in bad:
            with self.subTest(values=values):
                with self.assertRaises(ValidationError) as caught:
                    self._paper_reply(plan, **values)
                self.assertIn(field, str(caught.exception))
                self.assertEqual(
                    (plan.state, plan.reply_date, plan.reply_channel),
                    ("proposed", False, False),
                )
                self.assertFalse(self._attachments(plan))
        self._paper_reply(plan, reply_date=date(2026, 10, 30))
        self.assertEqual(plan.state, "accepted")
        self.assertEqual(plan.reply_date, date(2026, 10, 30))
        self.assertEqual(plan.reply_channel, "paper")
        self.assertEqual(plan.reply_scan_id, self._attachments(plan))
        # HR's activity to record the reply is done with it.
        self.assertFalse(plan.activity_ids & todo)
        plan.with_user(self.hr_user).action_start()
        self.assertEqual(plan.state, "running")

    def test_only_hr_records_a_paper_reply(self):
        plan = self._proposed(self.jan)
        scan = self.env["ir.attachment"].create(
            {
                "name": "reply.pdf",
                "datas": SCAN,
                "res_model": plan._name,
                "res_id": plan.id,
            }
        )
        paper = {
            "state": "accepted",
            "paper_reply_date": "2026-11-02",
            "reply_scan_id": scan.id,
        }
        for user in (self.jan_user, self.manager_user, self.paps_user):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    plan.with_user(user).write(paper)
                with self.assertRaises(AccessError):
                    self._paper_reply(plan, user=user)
                self.assertEqual((plan.state, plan.reply_date), ("proposed", False))
        # The date and the scan come with the reply only.
        with self.assertRaises(AccessError):
            plan.with_user(self.hr_user).write({"paper_reply_date": "2026-11-02"})
        # A scan of another record is not the reply.
        other = self.env["ir.attachment"].create(
            {"name": "other.pdf", "datas": SCAN, "res_model": "res.partner"}
        )
        with self.assertRaises(ValidationError):
            plan.with_user(self.hr_user).write(dict(paper, reply_scan_id=other.id))
        self.assertEqual(plan.state, "proposed")
        # The worker with a login answers online themself.
        plan.with_user(self.jan_user).action_accept()
        self.assertEqual(
            (plan.state, plan.reply_channel, plan.reply_date),
            ("accepted", "online", date(2026, 11, 2)),
        )

    def test_hr_creates_the_portal_login_from_the_plan(self):
        plan = self._plan(self.piet)
        with self.assertRaises(AccessError):
            plan.with_user(self.manager_user).action_create_portal_user()
        self.assertFalse(self.piet.user_id)
        self.assertIs(plan.with_user(self.hr_user).action_create_portal_user(), True)
        user = self.piet.user_id
        self.assertEqual(user.login, "piet.paper@example.com")
        self.assertTrue(user.share)
        self.assertEqual(user.groups_id, self.env.ref("base.group_portal"))
        self.assertTrue(plan.employee_has_user)
        # The invitation waits in the mail queue.
        self.assertTrue(
            self.env["mail.mail"].search([("email_to", "=", "piet.paper@example.com")])
        )
        with self.assertRaises(UserError):
            plan.with_user(self.hr_user).action_create_portal_user()
        # Without an email address: nowhere to send the invitation.
        nomail = self.new_returner("Nora Nomail")
        with self.assertRaises(UserError):
            self._plan(nomail).with_user(self.hr_user).action_create_portal_user()
        self.assertFalse(nomail.user_id)

    def test_from_the_trajectory_to_the_sent_plan(self):
        case, rit = self._decided_rit(self.piet)
        action = rit.with_user(self.hr_user).action_create_plan()
        context = action["context"]
        self.assertEqual(context["default_employee_id"], self.piet.id)
        self.assertEqual(context["default_case_id"], case.id)
        self.assertEqual(context["default_trajectory_id"], rit.id)
        self.assertEqual(context["default_kind"], "rit")
        self.assertEqual(context["default_adapted_work"], "No lifting above 10 kg.")
        plan = (
            self.env["hr.reintegration.plan"]
            .with_user(self.hr_user)
            .with_context(**context)
            .create({"date_start": date(2026, 11, 16)})
        )
        self.assertEqual((plan.case_id, plan.trajectory_id), (case, rit))
        self.assertEqual(rit.reintegration_plan_count, 1)
        self.assertEqual(case.reintegration_plan_count, 1)
        self.assertEqual(rit.action_open_plans()["res_id"], plan.id)
        self._generate(plan)
        plan.with_user(self.hr_user).action_propose()
        # Proposing the plan of a trajectory is sending it.
        self.assertEqual(rit.state, "plan_sent")
        self.assertEqual(rit.plan_sent_date, date(2026, 11, 2))
        self.assertEqual(rit.plan_or_report, "plan")
        self._paper_reply(plan, reply="refused", reason="Too fast for my back.")
        self.assertEqual(plan.state, "refused")
        self.assertEqual(
            (rit.employee_reply, rit.employee_reply_date),
            ("refused", date(2026, 11, 2)),
        )
        # Only after a decision A or B.
        _case, undecided = self._decided_rit(self.new_returner("Cas C"), "C")
        with self.assertRaises(UserError):
            undecided.with_user(self.hr_user).action_create_plan()


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestPhaseReview(HrFlowFixtures, ReintegrationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_hrflow()

    def test_manager_reviews_a_phase_from_the_plan(self):
        plan = self._running()
        review = self.env.ref(REVIEW)
        activities = plan.activity_ids.filtered(lambda a: a.activity_type_id == review)
        self.assertEqual(len(activities), len(plan.phase_ids))
        first = plan.phase_ids.sorted("date_start")[0]
        with self.assertRaises(AccessError):
            first.with_user(self.jan_user).action_mark_reviewed()
        self.assertFalse(first.review_done)
        self.assertIs(first.with_user(self.manager_user).action_mark_reviewed(), True)
        self.assertTrue(first.review_done)
        left = plan.activity_ids.filtered(lambda a: a.activity_type_id == review)
        self.assertEqual(len(left), len(activities) - 1)
        self.assertNotIn(first.date_end, left.mapped("date_deadline"))
        with self.assertRaises(UserError):
            first.with_user(self.manager_user).action_mark_reviewed()
        # The manager follows the plan in its chatter.
        plan.with_user(self.manager_user).message_post(body="Went well.")
        self.assertIn("Went well.", plan.message_ids[0].body)


@tagged("post_install", "-at_install")
class TestOverdueAction(PreventionFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_prevention()

    def _overdue_activities(self, action):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", action._name),
                ("res_id", "=", action.id),
                ("activity_type_id", "=", self.env.ref(OVERDUE).id),
            ]
        )

    def test_overdue_at_once_and_one_activity(self):
        Action = self.env["hr.prevention.action"]
        action = self.new_action("Late one", date_deadline=self.today)
        action.action_plan()
        self.assertFalse(action.is_overdue)
        self.assertNotIn(action, Action.search([("is_overdue", "=", True)]))
        with freeze_time(self.today + relativedelta(days=1)):
            # The day after the deadline, without any job: overdue.
            action.invalidate_recordset(["is_overdue"])
            self.assertTrue(action.is_overdue)
            self.assertIn(action, Action.search([("is_overdue", "=", True)]))
            self.assertNotIn(action, Action.search([("is_overdue", "=", False)]))
            Action._cron_notify_overdue()
            activity = self._overdue_activities(action)
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.user_id, self.users["manager"])
            self.assertEqual(activity.date_deadline, self.today)
        for days in (2, 3):
            with freeze_time(self.today + relativedelta(days=days)):
                # Not one a day, not again once done: one per deadline.
                Action._cron_notify_overdue()
                self.assertEqual(self._overdue_activities(action), activity)
        activity.action_feedback()
        with freeze_time(self.today + relativedelta(days=4)):
            Action._cron_notify_overdue()
            self.assertFalse(self._overdue_activities(action))
            # The owner updates the progress; finishing it ends the overdue.
            action.with_user(self.users["manager"]).write({"progress": 60})
            action.with_user(self.users["manager"]).action_done()
            action.invalidate_recordset(["is_overdue"])
            self.assertFalse(action.is_overdue)


@tagged("post_install", "-at_install")
class TestHrFlowHttp(HrFlowFixtures, JsonRpcMixin, HttpCase):
    """The paper reply over JSON-RPC, as any client may call it; the
    journeys of HR and of the line manager in the browser, each from the
    role's own login."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()
        cls.setup_reintegration()
        cls.setup_hrflow()

    def _today(self, user):
        return fields.Date.context_today(user.with_user(user))

    def test_hr_journey_from_case_to_running_plan(self):
        today = self._today(self.hr_user)
        case = self.env["hr.absence.case"].create(
            {
                "employee_id": self.piet.id,
                "date_start": today - relativedelta(days=90),
                "expected_return_date": today + relativedelta(days=14),
            }
        )
        rit = self.env["hr.reintegration.trajectory"].create(
            {
                "case_id": case.id,
                "request_date": today - relativedelta(days=30),
                "requester": "employee",
                "physician_user_id": self.physician_user.id,
            }
        )
        rit.write(
            {
                "decision": "A",
                "decision_date": today - relativedelta(days=7),
                "decision_received_date": today - relativedelta(days=5),
            }
        )
        rit.action_confirm_decision()
        self.start_tour(
            f"/odoo/action-hr_burnout_prevention.hr_absence_case_action/{case.id}",
            "hr_burnout_prevention_hr_flow_tour",
            login="wb_test_hr",
        )
        plan = self.env["hr.reintegration.plan"].search(
            [("trajectory_id", "=", rit.id)]
        )
        self.assertEqual(plan.state, "running")
        self.assertEqual(plan.reply_channel, "paper")
        self.assertEqual(plan.case_id, case)
        self.assertEqual(rit.state, "plan_sent")

    def test_manager_journey_overdue_action_and_phase_review(self):
        today = self._today(self.manager_user)
        policy = self.env["hr.prevention.policy"].create(
            {
                "name": "Tour policy",
                "date_start": date(today.year - 1, 1, 1),
                "date_end": date(today.year + 3, 12, 31),
            }
        )
        year_plan = self.env["hr.prevention.year.plan"].create(
            {"year": today.year, "policy_id": policy.id}
        )
        action = self.env["hr.prevention.action"].create(
            {
                "name": "Late team talk",
                "domain": "work_organisation",
                "year_plan_id": year_plan.id,
                "user_id": self.manager_user.id,
                "department_id": self.operations.id,
                "date_start": today - relativedelta(days=20),
                "date_deadline": today - relativedelta(days=1),
            }
        )
        action.action_plan()
        plan = self.env["hr.reintegration.plan"].create(
            {
                "employee_id": self.els.id,
                "date_start": today,
                "hr_responsible_id": self.hr_user.id,
            }
        )
        plan._generate_schedules(50, 25, 2)
        plan.with_user(self.hr_user).action_propose()
        plan.with_user(self.users["employee"]).action_accept()
        plan.with_user(self.hr_user).action_start()
        review = self.env.ref(REVIEW)
        before = plan.activity_ids.filtered(lambda a: a.activity_type_id == review)
        self.start_tour(
            "/odoo/action-hr_burnout_prevention.hr_prevention_action_action",
            "hr_burnout_prevention_manager_flow_tour",
            login="wb_test_manager",
        )
        self.assertEqual(action.progress, 60)
        first = plan.phase_ids.sorted("sequence")[0]
        self.assertTrue(first.review_done)
        after = plan.activity_ids.filtered(lambda a: a.activity_type_id == review)
        self.assertEqual(len(after), len(before) - 1)

    def test_paper_reply_over_rpc(self):
        today = self._today(self.hr_user)
        plan = self._plan(self.jan, start=today, hr_responsible_id=self.hr_user.id)
        plan._generate_schedules(50, 25, 2)
        plan.with_user(self.hr_user).action_propose()
        wizard = {
            "plan_id": plan.id,
            "reply": "accepted",
            "reply_date": str(today),
            "scan": SCAN,
        }
        for user in (self.jan_user, self.manager_user):
            with self.subTest(user=user.login):
                self.assertRpcRefused(
                    user, "hr.reintegration.paper.reply.wizard", "create", wizard
                )
                self.assertRpcRefused(
                    user,
                    plan._name,
                    "write",
                    [plan.id],
                    {"state": "accepted", "paper_reply_date": str(today)},
                )
                self.assertRpcRefused(
                    user, plan._name, "action_record_paper_reply", [plan.id]
                )
        for values, field in (
            ({"reply_date": str(today + relativedelta(days=1))}, "Date"),
            ({"reply": "refused", "reason": ""}, "Refusal Reason"),
        ):
            with self.subTest(values=values):
                wizard_id = self.assertRpcOk(
                    self.hr_user,
                    "hr.reintegration.paper.reply.wizard",
                    "create",
                    dict(wizard, **values),
                )
                message = self.assertRpcRefused(
                    self.hr_user,
                    "hr.reintegration.paper.reply.wizard",
                    "action_confirm",
                    [wizard_id],
                )
                self.assertIn(field, message)
        plan.invalidate_recordset()
        self.assertEqual((plan.state, plan.reply_date), ("proposed", False))
        wizard_id = self.assertRpcOk(
            self.hr_user, "hr.reintegration.paper.reply.wizard", "create", wizard
        )
        self.assertRpcOk(
            self.hr_user,
            "hr.reintegration.paper.reply.wizard",
            "action_confirm",
            [wizard_id],
        )
        plan.invalidate_recordset()
        self.assertEqual((plan.state, plan.reply_channel), ("accepted", "paper"))


@tagged("post_install", "-at_install")
class TestPreventionSmallItems(PreventionFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_prevention()

    def test_approval_date_defaults_to_today(self):
        declaration = self.new_declaration("Approved today")
        declaration.action_request_advice()
        declaration.signatory_name = "Bart Mertens"
        declaration.with_user(self.users["taskforce"]).action_approve()
        self.assertEqual(declaration.state, "approved")
        self.assertEqual(declaration.approval_date, self.today)

    def test_new_version_of_the_published_declaration(self):
        published = self.declarations["published"]
        with self.assertRaises(AccessError):
            published.with_user(self.users["manager"]).action_new_version()
        with self.assertRaises(UserError):
            self.declarations["superseded"].action_new_version()
        taskforce = published.with_user(self.users["taskforce"])
        action = taskforce.action_new_version()
        draft = self.env["hr.intent.declaration"].browse(action["res_id"])
        self.assertEqual(draft.state, "draft")
        self.assertGreater(draft.version, published.version)
        # The published one stays in force until the new one is published.
        self.assertEqual(published.state, "published")
        self.assertEqual(taskforce.action_new_version()["res_id"], draft.id)
        self.approve_declaration(draft)
        draft.action_publish()
        self.assertEqual(published.state, "superseded")
        self.assertEqual(published.superseded_by_id, draft)

    def test_year_plan_after_the_advice_deadline_warns(self):
        year = self.today.year + 3
        Plan = self.env["hr.prevention.year.plan"]
        with freeze_time(date(year - 1, 10, 5)):
            on_time = Plan.create({"year": year, "policy_id": self.policy.id})
            self.assertFalse(on_time.advice_deadline_passed)
            self.assertIsNone(on_time._onchange_year_advice_deadline())
        on_time.unlink()
        with freeze_time(date(year - 1, 11, 5)):
            late = Plan.create({"year": year, "policy_id": self.policy.id})
            self.assertTrue(late.advice_deadline_passed)
            warning = late._onchange_year_advice_deadline()["warning"]
            self.assertIn(late.name, warning["message"])
            # The chatter keeps the warning too.
            self.assertTrue(
                any("CPBW" in body for body in late.message_ids.mapped("body"))
            )

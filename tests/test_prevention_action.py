import html
from contextlib import nullcontext

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..models.hr_prevention_action import DIGEST_ABOVE, DIGEST_LISTED
from .common import MODULE, PreventionCase

PLANNED = f"{MODULE}.mail_activity_type_prevention_action"
REMINDER = f"{MODULE}.mail_activity_type_prevention_reminder"
ADVICE = f"{MODULE}.mail_activity_type_prevention_advice"
EVALUATION = f"{MODULE}.mail_activity_type_prevention_evaluation"


@freeze_time("2026-03-02")
@tagged("post_install", "-at_install")
class TestPreventionAction(PreventionCase):
    def _activities(self, actions, xmlid):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "hr.prevention.action"),
                ("res_id", "in", actions.ids),
                ("activity_type_id", "=", self.env.ref(xmlid).id),
            ]
        )

    def test_bad_input_is_refused(self):
        action = self.manager_action
        cases = {
            "deadline before start": {"date_deadline": "2026-02-01"},
            "progress above 100": {"progress": 101},
            "progress below 0": {"progress": -1},
            "negative budget": {"budget": -10.0},
        }
        for label, vals in cases.items():
            with self.subTest(label), self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    action.write(vals)
                    action.flush_recordset()
        action.invalidate_recordset()
        self.assertEqual(str(action.date_deadline), "2026-06-30")
        self.assertEqual(action.progress, 0)
        self.assertEqual(action.budget, 0.0)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._action(
                "Bad",
                self.users["manager"],
                self.operations,
                date_start="2026-05-01",
                date_deadline="2026-04-01",
            )

    def test_state_changes_only_through_actions(self):
        with self.assertRaises(UserError):
            self.manager_action.with_user(self.users["taskforce"]).write(
                {"state": "done"}
            )
        self.assertEqual(self.manager_action.state, "draft")

    def test_plan_gives_the_owner_an_activity(self):
        action = self.manager_action
        action.with_user(self.users["taskforce"]).action_plan()
        self.assertEqual(action.state, "planned")
        activity = self._activities(action, PLANNED)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.users["manager"])
        with self.assertRaises(UserError):
            action.action_plan()
        unowned = self._action("No owner", self.users["hr"], self.operations)
        unowned.user_id = False
        with self.assertRaises(UserError):
            unowned.action_plan()
        self.assertEqual(unowned.state, "draft")

    def test_done_and_cancelled_close_their_activities(self):
        actions = self.manager_action | self.other_action
        actions.action_plan()
        self.env["hr.prevention.action"]._cron_send_reminders()
        self.assertEqual(len(self._activities(actions, PLANNED)), 2)
        self.manager_action.with_user(self.users["manager"]).action_start()
        self.manager_action.with_user(self.users["manager"]).action_done()
        self.assertEqual(self.manager_action.state, "done")
        self.assertEqual(self.manager_action.progress, 100)
        self.assertFalse(self._activities(self.manager_action, PLANNED))
        self.other_action.action_cancel()
        self.assertFalse(self._activities(self.other_action, PLANNED))
        with self.assertRaises(UserError):
            self.other_action.action_done()

    def test_cron_reminds_before_deadline_and_flags_overdue(self):
        near = self._action(
            "Near", self.users["manager"], self.operations, date_deadline="2026-03-07"
        )
        far = self._action(
            "Far", self.users["manager"], self.operations, date_deadline="2026-03-20"
        )
        late = self._action(
            "Late",
            self.users["manager"],
            self.operations,
            date_start="2026-01-10",
            date_deadline="2026-02-20",
        )
        (near | far | late).action_plan()
        cron = self.env.ref(f"{MODULE}.ir_cron_prevention_daily")
        cron.method_direct_trigger()
        self.assertEqual(len(self._activities(near, REMINDER)), 1)
        self.assertFalse(self._activities(far, REMINDER))
        self.assertTrue(late.is_overdue)
        self.assertFalse(near.is_overdue)
        # A second run adds nothing.
        cron.method_direct_trigger()
        self.assertEqual(len(self._activities(near, REMINDER)), 1)
        # The reminder delay is a company setting.
        self.company.prevention_action_reminder_days = 20
        cron.method_direct_trigger()
        self.assertEqual(len(self._activities(far, REMINDER)), 1)
        # Done: no longer overdue.
        late.action_done()
        self.assertFalse(late.is_overdue)

    def test_owner_of_many_gets_one_activity_listing_them(self):
        """Above DIGEST_ABOVE actions turning overdue at once (a backlog, a
        plan entered late), their owner gets one activity on the first that
        lists them, not one each; a few, one each; once per deadline."""
        OVERDUE = f"{MODULE}.mail_activity_type_prevention_overdue"
        Action = self.env["hr.prevention.action"]
        many = Action.browse()
        for index in range(DIGEST_LISTED + 2):
            many |= self._action(
                # A name is data, not markup.
                f"Backlog {index}" + (" <b>first</b>" if not index else ""),
                self.users["manager"],
                self.operations,
                date_start="2026-01-05",
                date_deadline=f"2026-02-{10 + index % 10:02d}",
            )
        few = self._action(
            "Few 1",
            self.users["taskforce"],
            self.operations,
            date_start="2026-01-05",
            date_deadline="2026-02-20",
        ) | self._action(
            "Few 2",
            self.users["taskforce"],
            self.operations,
            date_start="2026-01-05",
            date_deadline="2026-02-21",
        )
        (many | few).action_plan()
        Action._cron_notify_overdue()
        digest = self._activities(many, OVERDUE)
        self.assertEqual(len(digest), 1)
        self.assertEqual(digest.user_id, self.users["manager"])
        first = many.sorted(lambda a: (a.date_deadline, a.id))[0]
        self.assertEqual(
            (digest.res_id, digest.date_deadline), (first.id, first.date_deadline)
        )
        self.assertEqual(
            digest.summary,
            f"{len(many)} of your prevention actions are overdue",
        )
        # The first DIGEST_LISTED by name, then how many more.
        text = html.unescape(str(digest.note))
        listed = [a.name for a in many if f"{a.name} (deadline" in text]
        self.assertEqual(len(listed), DIGEST_LISTED)
        self.assertIn("Backlog 0 &lt;b&gt;first&lt;/b&gt;", str(digest.note))
        self.assertIn("And 2 more: My Actions lists them all.", digest.note)
        self.assertEqual(
            self._activities(few, OVERDUE).mapped("summary"),
            ["Overdue: Few 1", "Overdue: Few 2"],
        )
        self.assertEqual(
            set((many | few).mapped("overdue_notified_deadline")),
            set((many | few).mapped("date_deadline")),
        )
        # Once per deadline: a second run adds nothing.
        Action._cron_notify_overdue()
        self.assertEqual(len(self._activities(many | few, OVERDUE)), 3)

    def test_plan_action_from_finding(self):
        self.assertTrue(self.finding.is_unanswered)
        result = self.finding.action_create_action()
        self.assertEqual(result["context"]["default_year_plan_id"], self.plan.id)
        self.manager_action.finding_ids = self.finding
        self.assertFalse(self.finding.is_unanswered)
        self.assertEqual(self.analysis.unanswered_count, 0)


# The day of the measure: the advice on the 2028 plan is due by 2027-11-01,
# within the 30 days the cron warns about, and the yearly evaluation of the
# 2026 plan is due.
CRON_DAY = "2027-10-15"


@freeze_time(CRON_DAY)
@tagged("post_install", "-at_install", "is_query_count")
class TestPreventionCronPerformance(PreventionCase):
    """The daily cron works for every company of the database. Its count of
    queries must not depend on what else the database holds (demo data or
    not, installed on any day): the cron first settles, at the same frozen
    day, what the other records need, and the test's own records make the
    cron take every branch it has, in the settling run and in the measured
    one alike."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Plan = cls.env["hr.prevention.year.plan"]
        cls.plan_2027 = Plan.create({"year": 2027, "policy_id": cls.policy.id})
        # Its advice is not requested yet: the HR officers get an activity.
        cls.plan_2028 = Plan.create({"year": 2028, "policy_id": cls.policy.id})
        # The fixture's 2026 plan has no evaluation: the policy gets one too.

    def _make_actions(self, count):
        owners = self.users["manager"] | self.users["taskforce"]
        vals = []
        for index in range(count):
            vals.append(
                {
                    "name": f"Action {index}",
                    "domain": "work_content",
                    "year_plan_id": self.plan_2027.id,
                    "user_id": owners[index % 2].id,
                    "department_id": self.operations.id,
                    "date_start": "2027-01-01",
                    # Half near their deadline, half overdue.
                    "date_deadline": "2027-10-18" if index % 2 else "2027-10-08",
                }
            )
        actions = self.env["hr.prevention.action"].create(vals)
        # Planned as the taskforce plans them: through the guard.
        actions.action_plan()
        self.assertEqual(set(actions.mapped("state")), {"planned"})
        return actions

    def _settle(self):
        """Run the cron once on what the database holds and on two actions
        of the test's own: the measured run then finds the other records
        done, and the caches the cron fills are as full as they will be."""
        actions = self._make_actions(2)
        self.env["hr.prevention.action"]._cron_prevention_daily()
        # Every branch was taken: an overdue action, a reminder, an advice
        # and an evaluation activity for each HR officer of the company.
        self.assertEqual(len(actions.filtered("is_overdue")), 1)
        self.assertEqual(len(self._activities(actions, REMINDER)), 1)
        for records, xmlid in (
            (self.plan_2028, ADVICE),
            (self.policy, EVALUATION),
        ):
            self.assertEqual(
                self._activities(records, xmlid).user_id,
                self.users["hr"] | self.users["admin"] | self.odoo_admin,
            )

    def _activities(self, records, xmlid):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", self.env.ref(xmlid).id),
            ]
        )

    def _run_cron(self, count, expected=None):
        """Create `count` actions, run the cron, check that it did its work on
        every one of them and return the number of queries it took (at most
        `expected` when given: one query more or less comes from the caches
        the tests run before this one left, not from the number of actions,
        which `test_cron_query_count_does_not_grow` compares)."""
        actions = self._make_actions(count)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(expected) if expected else nullcontext():
            start = self.cr.sql_log_count
            self.env["hr.prevention.action"]._cron_prevention_daily()
            self.env.flush_all()
            queries = self.cr.sql_log_count - start
        overdue = actions.filtered("is_overdue")
        near = actions - overdue
        self.assertEqual(len(overdue), count // 2)
        # Every action was seen: warned about, or reminded of, its deadline.
        self.assertEqual(
            overdue.mapped("overdue_notified_deadline"),
            overdue.mapped("date_deadline"),
        )
        self.assertEqual(near.mapped("reminded_deadline"), near.mapped("date_deadline"))
        # One owner has them all near their deadline: one reminder each, or
        # one listing them all above DIGEST_ABOVE.
        self.assertEqual(len(near.user_id), 1)
        expected = len(near) if len(near) <= DIGEST_ABOVE else 1
        self.assertEqual(len(self._activities(near, REMINDER)), expected)
        return queries

    def test_cron_query_count_20_actions(self):
        self._settle()
        self._run_cron(20, CRON_QUERIES)

    def test_cron_query_count_200_actions(self):
        self._settle()
        self._run_cron(200, CRON_QUERIES)

    def test_cron_query_count_does_not_grow(self):
        # In the same state, 20 actions then 200 more: the same count,
        # whatever the budget above.
        self._settle()
        small = self._run_cron(20)
        large = self._run_cron(200)
        self.assertEqual(large, small)


# The same for 20 and 200 actions: the cron works in batches. The test's
# records make it take every branch, whatever else the database holds.
# The overdue warnings (issue 14) added 9: their search, their activities
# (written apart from the reminders') and the deadline each one warned about.
# The pages (issue 13) added 2: the count of each step's work, for the
# progress reported to the cron runner. Walking the owners, one activity
# each above DIGEST_ABOVE, and reading only the fields needed took 4 off;
# giving the followers it subscribes their subtypes added 1.
CRON_QUERIES = 41

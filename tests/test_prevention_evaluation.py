from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MODULE, PreventionCase

ADVICE = f"{MODULE}.mail_activity_type_prevention_advice"
EVALUATION = f"{MODULE}.mail_activity_type_prevention_evaluation"


# Every test runs on a day of its own: the class's, or the one of the test.
@freeze_time("2026-03-02")
@tagged("post_install", "-at_install")
class TestYearPlanAndEvaluation(PreventionCase):
    def _activities(self, records, xmlid):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", self.env.ref(xmlid).id),
            ]
        )

    def _evaluate(self):
        evaluation = (
            self.env["hr.prevention.evaluation"]
            .with_user(self.users["taskforce"])
            .create({"year_plan_id": self.plan.id})
        )
        results = {
            self.manager_action: ("achieved", "Rotation works"),
            self.department_action: ("partly", "Only one shift"),
            self.other_action: ("not_achieved", "No time"),
        }
        for line in evaluation.line_ids:
            line.result, line.comment = results[line.action_id]
        return evaluation

    @freeze_time("2026-09-15")
    def test_advice_deadline_and_activity_for_hr(self):
        next_plan = self.env["hr.prevention.year.plan"].create(
            {"year": 2027, "policy_id": self.policy.id}
        )
        self.assertEqual(str(next_plan.advice_deadline), "2026-11-01")
        self.env["hr.prevention.action"]._cron_prevention_daily()
        # More than 30 days before the deadline: nothing yet.
        self.assertFalse(self._activities(next_plan, ADVICE))
        with freeze_time("2026-10-05"):
            self.env["hr.prevention.action"]._cron_prevention_daily()
            self.env["hr.prevention.action"]._cron_prevention_daily()
        activities = self._activities(next_plan, ADVICE)
        self.assertIn(self.users["hr"], activities.user_id)
        self.assertNotIn(self.users["taskforce"], activities.user_id)
        self.assertEqual(len(activities), len(activities.user_id))
        with freeze_time("2026-10-06"):
            next_plan.with_user(self.users["taskforce"]).action_request_advice()
        self.assertEqual(str(next_plan.advice_requested_date), "2026-10-06")
        self.assertFalse(self._activities(next_plan, ADVICE))

    @freeze_time("2026-12-15")
    def test_evaluation_lines_adjust_and_close(self):
        evaluation = self._evaluate()
        self.assertEqual(len(evaluation.line_ids), 3)
        self.assertEqual(evaluation.company_id, self.company)
        evaluation.action_adjust()
        next_plan = self.env["hr.prevention.year.plan"].search(
            [("policy_id", "=", self.policy.id), ("year", "=", 2027)]
        )
        self.assertTrue(next_plan, "adjusting creates next year's plan")
        followups = evaluation.followup_action_ids
        self.assertEqual(len(followups), 2)
        self.assertEqual(followups.year_plan_id, next_plan)
        self.assertEqual(
            followups.origin_line_id.action_id,
            self.department_action | self.other_action,
        )
        # Nothing left to adjust.
        with self.assertRaises(UserError):
            evaluation.action_adjust()
        evaluation.action_close()
        self.assertEqual(evaluation.state, "closed")
        with self.assertRaisesRegex(UserError, "closed"):
            evaluation.write({"conclusions": "<p>Changed</p>"})
        with self.assertRaises(UserError):
            evaluation.line_ids[0].result = "not_achieved"
        with self.assertRaises(UserError):
            evaluation.unlink()
        self.assertEqual(evaluation.line_ids[0].result, "achieved")

    @freeze_time("2026-12-15")
    def test_close_needs_every_result(self):
        evaluation = self.env["hr.prevention.evaluation"].create(
            {"year_plan_id": self.plan.id}
        )
        with self.assertRaisesRegex(UserError, "Give a result"):
            evaluation.action_close()
        self.assertEqual(evaluation.state, "draft")

    def test_evaluation_of_another_company_plan_is_refused(self):
        other = self.env["res.company"].create({"name": "Other BV"})
        with self.assertRaises(UserError):
            self.env["hr.prevention.evaluation"].create(
                {"year_plan_id": self.plan.id, "company_id": other.id}
            )
        self.assertFalse(
            self.env["hr.prevention.evaluation"].search(
                [("year_plan_id", "=", self.plan.id)]
            )
        )

    def test_yearly_evaluation_is_due(self):
        with freeze_time("2026-12-20"):
            self.env["hr.prevention.action"]._cron_prevention_daily()
        self.assertFalse(self._activities(self.policy, EVALUATION))
        with freeze_time("2027-01-02"):
            self.env["hr.prevention.action"]._cron_prevention_daily()
        self.assertTrue(self._activities(self.policy, EVALUATION))
        # A policy whose plan was evaluated gets none.
        self._activities(self.policy, EVALUATION).unlink()
        with freeze_time("2026-12-20"):
            self._evaluate()
        with freeze_time("2027-01-02"):
            self.env["hr.prevention.action"]._cron_prevention_daily()
        self.assertFalse(self._activities(self.policy, EVALUATION))

    @freeze_time("2026-12-15")
    def test_reports(self):
        self.department_action.budget = 1500
        self.other_action.domain = "interpersonal_relations"
        report = self.env["ir.actions.report"]
        html = report._render_qweb_html(
            f"{MODULE}.hr_prevention_year_plan_report", self.plan.ids
        )[0].decode()
        for text in (
            "Action Plan 2026",
            "Work Organisation",
            "Interpersonal Relations",
            "Task rotation",
            "Marc Janssens",
            "1,500.00",
        ):
            self.assertIn(text, html)
        self.assertLess(html.index("Work Organisation"), html.index("Call debrief"))
        evaluation = self._evaluate()
        evaluation.bottlenecks = "<p>Peaks left no time</p>"
        evaluation.success_factors = "<p>Workers chose the measures</p>"
        evaluation.action_adjust()
        html = report._render_qweb_html(
            f"{MODULE}.hr_prevention_evaluation_report", evaluation.ids
        )[0].decode()
        for text in (
            "Rotation works",
            "Partly Achieved",
            "Peaks left no time",
            "Workers chose the measures",
            "Action Plan 2027",
        ):
            self.assertIn(text, html)
        # The PDF path renders too (tests get its HTML: no wkhtmltopdf run).
        content, _report_type = report._render_qweb_pdf(
            f"{MODULE}.hr_prevention_evaluation_report", evaluation.ids
        )
        self.assertIn(b"Rotation works", content)

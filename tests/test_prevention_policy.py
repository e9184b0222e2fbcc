from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PreventionCase


@freeze_time("2026-03-02")
@tagged("post_install", "-at_install")
class TestPreventionPolicy(PreventionCase):
    def test_overlapping_periods_are_refused(self):
        Policy = self.env["hr.prevention.policy"]
        with self.assertRaisesRegex(ValidationError, "overlaps"):
            with self.env.cr.savepoint():
                Policy.create(
                    {
                        "name": "Overlap",
                        "date_start": "2030-06-01",
                        "date_end": "2034-12-31",
                    }
                )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Policy.create(
                {
                    "name": "Reversed",
                    "date_start": "2035-01-01",
                    "date_end": "2034-01-01",
                }
            )
        after = Policy.create(
            {"name": "Next", "date_start": "2031-01-01", "date_end": "2035-12-31"}
        )
        self.assertTrue(after)
        # Another company may have its own policy for the same period.
        other = self.env["res.company"].create({"name": "Other BV"})
        self.assertTrue(
            Policy.create(
                {
                    "name": "Other",
                    "company_id": other.id,
                    "date_start": "2026-01-01",
                    "date_end": "2030-12-31",
                }
            )
        )

    def test_default_period_is_five_years(self):
        policy = self.env["hr.prevention.policy"].new({"name": "New"})
        self.assertEqual(str(policy.date_start), "2026-01-01")
        self.assertEqual(str(policy.date_end), "2030-12-31")

    def test_stage_moves_through_the_seven_phases(self):
        policy = self.policy.with_user(self.users["taskforce"])
        self.assertEqual(policy.stage, "discovery")
        for expected in (
            "support_base",
            "preparation",
            "development",
            "implementation",
            "evaluation",
            "adjustment",
        ):
            policy.action_next_stage()
            self.assertEqual(policy.stage, expected)
        with self.assertRaises(UserError):
            policy.action_next_stage()
        policy.action_previous_stage()
        self.assertEqual(policy.stage, "evaluation")

    def test_smart_button_counts(self):
        self.env["hr.prevention.taskforce"].create(
            {"name": "TF", "policy_id": self.policy.id}
        )
        self.env["hr.prevention.evaluation"].create({"year_plan_id": self.plan.id})
        self.policy.invalidate_recordset()
        self.assertEqual(self.policy.year_plan_count, 1)
        self.assertEqual(self.policy.action_count, 3)
        self.assertEqual(self.policy.analysis_count, 1)
        self.assertEqual(self.policy.taskforce_count, 1)
        self.assertEqual(self.policy.evaluation_count, 1)
        self.assertEqual(self.policy.declaration_count, 0)
        action = self.policy.action_open_actions()
        self.assertEqual(
            self.env["hr.prevention.action"].search(action["domain"]),
            self.manager_action | self.department_action | self.other_action,
        )

    def test_taskforce_composition(self):
        taskforce = self.env["hr.prevention.taskforce"].create(
            {
                "name": "TF",
                "policy_id": self.policy.id,
                "member_ids": [
                    Command.create(
                        {
                            "employee_id": self.bart.id,
                            "role": "lead",
                        }
                    )
                ],
            }
        )
        self.assertIn("worker representative", taskforce.composition_warning)
        self.assertIn("prevention advisor", taskforce.composition_warning)
        self.assertEqual(taskforce.lead_id.role, "lead")
        self.assertEqual(taskforce.lead_id.employee_id, self.bart)
        taskforce.member_ids = [
            Command.create(
                {
                    "employee_id": self.koen.id,
                    "role": "worker_representative",
                }
            ),
            Command.create(
                {
                    "partner_id": self.users["admin"].partner_id.id,
                    "role": "prevention_advisor",
                }
            ),
        ]
        self.assertFalse(taskforce.composition_warning)
        with self.assertRaisesRegex(ValidationError, "one lead"):
            taskforce.member_ids = [
                Command.create(
                    {"partner_id": self.users["hr"].partner_id.id, "role": "lead"}
                )
            ]
        with self.assertRaises(ValidationError):
            self.env["hr.prevention.taskforce.member"].create(
                {"taskforce_id": taskforce.id, "role": "hr"}
            )

    def test_next_analysis_date(self):
        # 2026-02-01 + 5 years is after the policy's end: the end wins.
        self.assertEqual(str(self.analysis.next_analysis_date), "2030-12-31")
        self.company.prevention_analysis_interval_years = 3
        self.analysis.invalidate_recordset()
        self.assertEqual(str(self.analysis.next_analysis_date), "2029-02-01")
        action = self.analysis.action_open_findings()
        self.assertEqual(action["context"]["group_by"], ["domain"])

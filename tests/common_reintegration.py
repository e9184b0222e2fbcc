from datetime import date

from odoo import Command
from odoo.tests import TransactionCase

MODULE = "hr_burnout_prevention"


class ReintegrationCase(TransactionCase):
    """The demo roles, a returning employee with a user in Marc's team and an
    employee of another team, on a 38-hour Monday-Friday schedule."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        ref = cls.env.ref
        cls.company = cls.env.company
        cls.hr_user = ref(f"{MODULE}.demo_user_hr")
        cls.manager_user = ref(f"{MODULE}.demo_user_manager")
        cls.paps_user = ref(f"{MODULE}.demo_user_paps")
        cls.taskforce_user = ref(f"{MODULE}.demo_user_taskforce")
        cls.physician_user = ref(f"{MODULE}.demo_user_physician")
        cls.employee_user = ref(f"{MODULE}.demo_user_employee")
        cls.other_paps = cls.paps_user.copy({"login": "bp_paps_other_test"})
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Test 38h",
                "company_id": cls.company.id,
                "tz": "Europe/Brussels",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"{day} {period}",
                            "dayofweek": day,
                            "hour_from": start,
                            "hour_to": end,
                            "day_period": period,
                        }
                    )
                    for day in "01234"
                    for start, end, period in (
                        (8.0, 12.0, "morning"),
                        (12.0, 12.5, "lunch"),
                        (12.5, 16.1, "afternoon"),
                    )
                ],
            }
        )
        cls.jan_user = cls.env["res.users"].create(
            {
                "name": "Jan Returner",
                "login": "bp_jan_test",
                "groups_id": [Command.set([ref("base.group_user").id])],
            }
        )
        cls.jan = cls.env["hr.employee"].create(
            {
                "name": "Jan Returner",
                "user_id": cls.jan_user.id,
                "parent_id": ref(f"{MODULE}.demo_employee_manager").id,
                "resource_calendar_id": cls.calendar.id,
            }
        )
        cls.pieter = ref(f"{MODULE}.demo_employee_pieter")
        cls.Plan = cls.env["hr.reintegration.plan"]

    def _plan(self, employee=None, start=date(2026, 11, 9), **vals):
        return self.Plan.with_user(self.hr_user).create(
            {
                "employee_id": (employee or self.jan).id,
                "date_start": start,
                "coach_user_id": self.paps_user.id,
                **vals,
            }
        )

    def _generate(self, plan, start=40, step=20, weeks=2, target=100, days=()):
        wizard = (
            self.env["hr.reintegration.schedule.wizard"]
            .with_user(self.hr_user)
            .create(
                {
                    "plan_id": plan.id,
                    "start_percentage": start,
                    "step": step,
                    "weeks_per_step": weeks,
                    "target_percentage": target,
                    **{f"work_{day}": True for day in days},
                }
            )
        )
        wizard.action_generate()
        return plan.phase_ids

    def _running(self, employee=None, **vals):
        plan = self._plan(employee, **vals)
        self._generate(plan)
        plan.action_propose()
        plan.with_user(plan.employee_user_id).action_accept()
        plan.with_user(self.hr_user).action_start()
        return plan

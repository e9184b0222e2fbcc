from datetime import date

from odoo import Command

from .common import MODULE, WellbeingCase, WellbeingFixtures

__all__ = ["MODULE", "ReintegrationCase", "ReintegrationFixtures"]


class ReintegrationFixtures(WellbeingFixtures):
    """The fixtures' company and roles (``tests/common.py``), plus a returning
    employee: Jan Returner, with a user of his own, in Marc's team, on a
    38-hour Monday-Friday schedule (``cls.calendar_38h``); a second
    psychosocial advisor (``cls.other_paps``) who coaches none of the plans.

    Call ``cls.setup_wellbeing()`` then ``cls.setup_reintegration()`` in
    ``setUpClass`` (``ReintegrationCase`` does).
    """

    @classmethod
    def setup_reintegration(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.hr_user = cls.users["hr"]
        cls.manager_user = cls.users["manager"]
        cls.paps_user = cls.users["paps"]
        cls.taskforce_user = cls.users["taskforce"]
        cls.physician_user = cls.users["physician"]
        cls.employee_user = cls.users["employee"]
        cls.other_paps = cls.new_user(
            "paps", login="wb_test_paps_other", name="Other Advisor"
        )
        cls.calendar_38h = cls.env["resource.calendar"].create(
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
        cls.jan_user = cls.new_user(
            "employee", login="wb_test_jan", name="Jan Returner"
        )
        cls.jan = cls.new_returner("Jan Returner", cls.jan_user)
        cls.Plan = cls.env["hr.reintegration.plan"]

    @classmethod
    def new_returner(cls, name, user=None):
        """An employee of Marc's team on the 38-hour schedule."""
        return cls.new_employee(
            name,
            cls.operations,
            manager=cls.marc,
            user=user,
            resource_calendar_id=cls.calendar_38h.id,
        )

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
        plan.with_user(plan.employee_id.user_id).action_accept()
        plan.with_user(self.hr_user).action_start()
        return plan


class ReintegrationCase(ReintegrationFixtures, WellbeingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_reintegration()

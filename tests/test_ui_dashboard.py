from datetime import timedelta

from odoo.tests import HttpCase, tagged

from .common import WellbeingFixtures, users_today


@tagged("post_install", "-at_install")
class TestUiDashboard(WellbeingFixtures, HttpCase):
    """HR, the taskforce and the advisor land on their first screen and
    click one figure through to its records (the browser runs on the real
    clock: the records are dated from today)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()
        today = users_today(cls.env)
        cls.env["hr.absence.case"].create(
            {"employee_id": cls.els.id, "date_start": today - timedelta(weeks=6)}
        )
        policy = cls.env["hr.prevention.policy"].create(
            {
                "name": "Tour policy",
                "date_start": today.replace(month=1, day=1),
                "date_end": today.replace(month=12, day=31),
            }
        )
        analysis = cls.env["hr.risk.analysis"].create(
            {"name": "Tour analysis", "policy_id": policy.id}
        )
        cls.env["hr.risk.finding"].create(
            {
                "name": "Month-end peaks",
                "analysis_id": analysis.id,
                "domain": "work_organisation",
                "kind": "bottleneck",
                "priority": "high",
            }
        )
        paps = cls.users["paps"]
        trajectory = (
            cls.env["hr.support.trajectory"]
            .with_user(paps)
            .create(
                {
                    "kind": "reload",
                    "employee_id": cls.pieter.id,
                    "company_id": cls.company.id,
                    "initiator": "employee",
                    "advisor_id": paps.id,
                    "date_start": today,
                }
            )
        )
        trajectory.action_start()

    def test_first_screens(self):
        for role, tour in (
            ("hr", "hr_burnout_prevention_dashboard_hr_tour"),
            ("taskforce", "hr_burnout_prevention_dashboard_committee_tour"),
            ("paps", "hr_burnout_prevention_dashboard_advisor_tour"),
        ):
            with self.subTest(role=role):
                self.start_tour("/odoo", tour, login=self.users[role].login)

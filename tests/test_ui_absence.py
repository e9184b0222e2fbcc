from datetime import timedelta

from odoo.tests import HttpCase, tagged

from .common import WellbeingFixtures, users_today


@tagged("post_install", "-at_install")
class TestUiAbsence(WellbeingFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()
        # The browser runs on the real clock: Els has been absent for ten
        # weeks, whatever the day.
        today = users_today(cls.env)
        cls.case = cls.env["hr.absence.case"].create(
            {
                "employee_id": cls.els.id,
                "date_start": today - timedelta(weeks=10),
                "expected_return_date": today + timedelta(weeks=4),
                "hr_responsible_id": cls.users["hr"].id,
                "topics_to_avoid": "The planning backlog.",
            }
        )

    def test_hr_officer_opens_the_case_of_els(self):
        self.assertTrue(self.case.milestone_ids)
        self.start_tour(
            "/odoo", "hr_burnout_prevention_absence_case_tour", login="wb_test_hr"
        )

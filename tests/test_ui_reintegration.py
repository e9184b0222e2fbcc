from odoo.tests import HttpCase, tagged

from .common import WellbeingFixtures


@tagged("post_install", "-at_install")
class TestUiReintegration(WellbeingFixtures, HttpCase):
    """Browser tours on plans of the fixtures' Els (``wb_test_employee``),
    a report of Marc (``wb_test_manager``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()

    def _proposed_plan(self):
        plan = self.env["hr.reintegration.plan"].create(
            {
                "employee_id": self.els.id,
                "date_start": "2027-03-01",
                "hr_responsible_id": self.users["hr"].id,
            }
        )
        plan._generate_schedules(50, 25, 2)
        plan.with_user(self.users["hr"]).action_propose()
        return plan

    def test_manager_ticks_the_team_checklist(self):
        plan = self._proposed_plan()
        plan.with_user(self.users["employee"]).action_accept()
        plan.with_user(self.users["hr"]).action_start()
        self.assertEqual(plan.state, "running")
        welcome = plan.checklist_ids.filtered(lambda i: i.item == "welcome")
        self.assertEqual(welcome.name, "Welcome organised")
        self.assertFalse(plan.checklist_ids.filtered("done"))
        self.start_tour(
            "/odoo",
            "hr_burnout_prevention_reintegration_manager_tour",
            login="wb_test_manager",
        )
        self.assertTrue(welcome.done)
        self.assertTrue(welcome.done_date)
        # Only the line the manager ticked.
        self.assertEqual(plan.checklist_ids.filtered("done"), welcome)

from odoo.tests import HttpCase, tagged

MODULE = "hr_burnout_prevention"


@tagged("post_install", "-at_install")
class TestUiReintegration(HttpCase):
    def test_employee_accepts_in_own_session(self):
        ref = self.env.ref
        plan = self.env["hr.reintegration.plan"].create(
            {
                "employee_id": ref(f"{MODULE}.demo_employee_employee").id,
                "date_start": "2027-03-01",
                "hr_responsible_id": ref(f"{MODULE}.demo_user_hr").id,
            }
        )
        plan._generate_schedules(50, 25, 2)
        plan.with_user(ref(f"{MODULE}.demo_user_hr")).action_propose()
        self.start_tour(
            "/odoo",
            "hr_burnout_prevention_reintegration_accept_tour",
            login="bp_employee",
        )
        self.assertEqual(plan.state, "accepted")

    def test_manager_ticks_the_team_checklist(self):
        plan = self.env.ref(f"{MODULE}.demo_reintegration_plan_els")
        self.start_tour(
            "/odoo",
            "hr_burnout_prevention_reintegration_manager_tour",
            login="bp_manager",
        )
        welcome = plan.checklist_ids.filtered(lambda i: i.item == "welcome")
        self.assertTrue(welcome.done)

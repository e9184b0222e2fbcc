from odoo.tests import HttpCase, tagged

MODULE = "hr_burnout_prevention"


@tagged("post_install", "-at_install")
class TestReintegrationPortal(HttpCase):
    def setUp(self):
        super().setUp()
        ref = self.env.ref
        self.plan = self.env["hr.reintegration.plan"].create(
            {
                "employee_id": ref(f"{MODULE}.demo_employee_employee").id,
                "date_start": "2027-03-01",
            }
        )
        self.plan._generate_schedules(50, 25, 2)
        self.plan.with_user(ref(f"{MODULE}.demo_user_hr")).action_propose()
        self.url = f"/my/reintegration/{self.plan.id}"

    def test_employee_refuses_in_the_portal(self):
        self.authenticate("bp_employee", "bp_employee")
        page = self.url_open("/my/reintegration")
        self.assertIn(self.plan.name, page.text)
        page = self.url_open(self.url)
        self.assertIn("Gradual schedule", page.text)
        self.assertIn("Refuse the plan", page.text)
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        response = self.url_open(
            f"{self.url}/reply",
            data={"csrf_token": token, "reply": "refuse", "reason": ""},
        )
        self.assertIn("Say why", response.text)
        self.assertEqual(self.plan.state, "proposed")
        self.url_open(
            f"{self.url}/reply",
            data={"csrf_token": token, "reply": "refuse", "reason": "Too fast"},
        )
        self.assertEqual(self.plan.state, "refused")
        self.assertEqual(self.plan.refusal_reason, "Too fast")

    def test_other_users_do_not_see_the_plan(self):
        self.authenticate("bp_manager", "bp_manager")
        page = self.url_open(self.url)
        self.assertNotIn(self.plan.name, page.text)
        self.assertNotIn(self.plan.name, self.url_open("/my/reintegration").text)

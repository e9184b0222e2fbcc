from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestReintegrationPlan(TransactionCase):
    def test_demo(self):
        plan = self.env.ref("hr_burnout_prevention.demo_reintegration_plan_els")
        self.assertEqual(plan.state, "running")

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestUiPreventionTour(HttpCase):
    def test_taskforce_publishes_a_declaration(self):
        self.start_tour(
            "/odoo", "hr_burnout_prevention_cycle_tour", login="bp_taskforce"
        )
        declaration = self.env["hr.intent.declaration"].search(
            [("name", "=", "Tour commitment")]
        )
        self.assertEqual(declaration.state, "published")
        self.assertEqual(declaration.signatory_name, "Bart Mertens")
        self.assertEqual(
            self.env.ref("hr_burnout_prevention.demo_intent_declaration").state,
            "superseded",
        )

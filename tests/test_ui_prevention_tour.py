from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import WellbeingFixtures


@tagged("post_install", "-at_install")
class TestUiPreventionTour(WellbeingFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()
        # The company's commitment so far, which the tour's one replaces.
        cls.declaration = cls.env["hr.intent.declaration"].create(
            {"name": "Our first commitment"}
        )
        cls.declaration.action_request_advice()
        cls.declaration.write(
            {
                "signatory_name": "Bart Mertens",
                "approval_date": cls.declaration.advice_requested_date,
            }
        )
        cls.declaration.action_approve()
        cls.declaration.action_publish()

    def test_taskforce_publishes_a_declaration(self):
        taskforce = self.users["taskforce"]
        self.assertEqual(self.declaration.state, "published")
        self.start_tour(
            "/odoo", "hr_burnout_prevention_cycle_tour", login=taskforce.login
        )
        self.env.invalidate_all()
        declaration = self.env["hr.intent.declaration"].search(
            [("name", "=", "Tour commitment")]
        )
        self.assertEqual(len(declaration), 1)
        self.assertEqual(declaration.company_id, self.company)
        self.assertEqual(declaration.create_uid, taskforce)
        self.assertEqual(declaration.state, "published")
        self.assertEqual(declaration.signatory_name, "Bart Mertens")
        # The browser typed its today: the server's, also when TODAY moves
        # the clock of both.
        self.assertEqual(
            declaration.approval_date,
            fields.Date.context_today(declaration.with_user(taskforce)),
        )
        self.assertEqual(declaration.version, self.declaration.version + 1)
        self.assertEqual(self.declaration.state, "superseded")
        self.assertEqual(self.declaration.superseded_by_id, declaration)

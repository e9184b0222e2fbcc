from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestUiAbsence(HttpCase):
    def test_hr_officer_opens_the_demo_case(self):
        self.start_tour(
            "/odoo", "hr_burnout_prevention_absence_case_tour", login="bp_hr"
        )

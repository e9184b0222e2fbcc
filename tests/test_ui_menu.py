from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestUiMenu(HttpCase):
    def test_hr_officer_opens_wellbeing_menu(self):
        self.start_tour("/odoo", "hr_burnout_prevention_menu_tour", login="bp_hr")

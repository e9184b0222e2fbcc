from odoo.tests import HttpCase, tagged

from .common import WellbeingFixtures


@tagged("post_install", "-at_install")
class TestUiMenu(WellbeingFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()

    def test_hr_officer_opens_wellbeing_menu(self):
        self.start_tour(
            "/odoo",
            "hr_burnout_prevention_menu_tour",
            login=self.users["hr"].login,
        )

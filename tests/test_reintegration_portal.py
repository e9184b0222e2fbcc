import re
from urllib.parse import urlsplit

from odoo.tests import HttpCase, tagged

from .common import WellbeingFixtures


@tagged("post_install", "-at_install")
class TestReintegrationPortal(WellbeingFixtures, HttpCase):
    """The employee's plan in the portal: Els (``wb_test_employee``) reads and
    answers the plan HR proposed to her; nobody else sees it there."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()

    def setUp(self):
        super().setUp()
        self.plan = self.env["hr.reintegration.plan"].create(
            {
                "employee_id": self.els.id,
                "date_start": "2027-03-01",
                "hr_responsible_id": self.users["hr"].id,
            }
        )
        self.plan._generate_schedules(50, 25, 2)
        self.plan.with_user(self.users["hr"]).action_propose()
        self.url = f"/my/reintegration/{self.plan.id}"

    def _csrf_token(self, page):
        """The session's CSRF token, from a form of the page or from the
        frontend layout's script."""
        found = re.search(r'csrf_token(?:" value="|: ")([^"]+)"', page.text)
        self.assertTrue(found, "no CSRF token in the page")
        return found.group(1)

    def test_employee_refuses_in_the_portal(self):
        self.authenticate("wb_test_employee", "wb_test_employee")
        page = self.url_open("/my/reintegration")
        self.assertIn(self.plan.name, page.text)
        page = self.url_open(self.url)
        self.assertIn("Gradual schedule", page.text)
        self.assertIn("Refuse the plan", page.text)
        token = self._csrf_token(page)
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
        # Her line manager and the HR officer who proposed it read the plan
        # in the back office, not in the employee's portal, and cannot answer
        # it there.
        for login in ("wb_test_manager", "wb_test_hr"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                page = self.url_open(self.url)
                self.assertNotIn(self.plan.name, page.text)
                self.assertNotIn(self.plan.name, self.url_open("/my").text)
                self.assertNotIn(
                    self.plan.name, self.url_open("/my/reintegration").text
                )
                response = self.url_open(
                    f"{self.url}/reply",
                    data={"csrf_token": self._csrf_token(page), "reply": "accept"},
                )
                # Refused by the page (back to /my), not by a CSRF error.
                self.assertEqual(response.status_code, 200)
                self.assertEqual(urlsplit(response.url).path, "/my")
                self.assertEqual(self.plan.state, "proposed")

from odoo.tests import HttpCase, tagged

from .common import WellbeingFixtures


@tagged("post_install", "-at_install")
class TestConsentPortal(WellbeingFixtures, HttpCase):
    """Els gives and revokes a consent under /my/consents; nobody else sees
    or gives it there."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()

    def setUp(self):
        super().setUp()
        self.consent = self.env["hr.wellbeing.consent"].create(
            {
                "employee_id": self.els.id,
                "company_id": self.company.id,
                "scope": "team_return",
                "recipient_role": "team",
                "purpose": "Tell the planning team that Els comes back part-time.",
            }
        )

    def _post(self, step):
        # Any portal form of the session carries its CSRF token.
        page = self.url_open("/my/account")
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        return self.url_open(
            f"/my/consents/{self.consent.id}/{step}", data={"csrf_token": token}
        )

    def _login(self, role):
        login = self.users[role].login
        self.authenticate(login, login)

    def test_employee_gives_then_revokes_in_the_portal(self):
        self._login("employee")
        page = self.url_open("/my/consents")
        self.assertIn("Tell the planning team", page.text)
        self.assertIn("o_consent_give", page.text)
        self._post("give")
        self.assertEqual(self.consent.state, "valid")
        self._post("revoke")
        self.assertEqual(self.consent.state, "revoked")
        self.assertTrue(self.consent.date_revoked)
        # Revoking twice is refused with a message; the history stays.
        response = self._post("revoke")
        self.assertIn("Only a valid consent can be revoked", response.text)

    def test_nobody_else_sees_or_gives_the_consent(self):
        for role in ("manager", "hr", "paps"):
            with self.subTest(role=role):
                self._login(role)
                page = self.url_open("/my/consents")
                # The page renders for them, without Els's consent.
                self.assertIn("You have no consent.", page.text)
                self.assertNotIn("Tell the planning team", page.text)
                self._post("give")
                self.assertEqual(self.consent.state, "draft")

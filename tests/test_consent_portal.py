from odoo.tests import HttpCase, tagged

MODULE = "hr_burnout_prevention"


@tagged("post_install", "-at_install")
class TestConsentPortal(HttpCase):
    def setUp(self):
        super().setUp()
        self.consent = self.env["hr.wellbeing.consent"].create(
            {
                "employee_id": self.env.ref(f"{MODULE}.demo_employee_employee").id,
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

    def test_employee_gives_then_revokes_in_the_portal(self):
        self.authenticate("bp_employee", "bp_employee")
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
        for login in ("bp_manager", "bp_hr", "bp_paps"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                page = self.url_open("/my/consents")
                self.assertNotIn("Tell the planning team", page.text)
                self._post("give")
                self.assertEqual(self.consent.state, "draft")

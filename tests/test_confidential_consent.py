from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_confidential import ConfidentialCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestConfidentialConsent(ConfidentialCase):
    def _draft(self, role="employee", **vals):
        return self.Consent.with_user(self.users[role]).create(
            {
                "employee_id": self.els.id,
                "scope": "share_services",
                "purpose": "Recovery",
                **vals,
            }
        )

    def test_employee_gives_and_revokes_own_consent(self):
        consent = self._draft()
        self.assertEqual(consent.state, "draft")
        for role in ("manager", "hr", "paps", "physician"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.as_user(role, consent).action_give()
        consent.action_give()
        self.assertEqual(
            (consent.state, str(consent.date_given)), ("valid", "2026-11-02")
        )
        with self.assertRaises(UserError):
            consent.action_give()
        with self.assertRaises(AccessError):
            self.as_user("paps", consent).action_revoke()
        consent.action_revoke()
        self.assertEqual(consent.state, "revoked")
        with self.assertRaises(UserError):
            consent.action_revoke()

    def test_history_never_edited(self):
        # What the employee agreed to is fixed when the consent is made, a
        # draft included: the employee has no write access, and the system
        # itself (sudo) does not edit it either.
        consent = self._draft()
        with self.assertRaises(AccessError):
            consent.write({"purpose": "Recovery and return"})
        with self.assertRaises(UserError):
            consent.sudo().write({"purpose": "Recovery and return"})
        consent.action_give()
        for values in ({"purpose": "Other"}, {"date_revoked": "2026-11-01"}):
            with self.subTest(values=values), self.assertRaises(AccessError):
                consent.write(values)
        with self.assertRaises(UserError):
            consent.sudo().write({"purpose": "Other"})
        with self.assertRaises(AccessError):
            consent.sudo().write({"date_revoked": "2026-11-01"})
        with self.assertRaises(AccessError):
            consent.unlink()
        with self.assertRaises(UserError):
            consent.sudo().unlink()
        with self.assertRaises(UserError):
            self._draft(date_given="2026-10-01")
        consent.invalidate_recordset()
        self.assertEqual(
            (consent.purpose, consent.state, consent.date_revoked),
            ("Recovery", "valid", False),
        )
        self.assertTrue(self.revoked_consent.exists())
        self.assertEqual(self.revoked_consent.state, "revoked")

    def test_expiry_before_given_is_refused(self):
        consent = self._draft(date_expiry="2026-10-01")
        with self.assertRaises(ValidationError):
            consent.action_give()
        self.assertFalse(consent.date_given)

    def test_others_do_not_read_consents(self):
        consent = self._draft()
        for role in ("manager", "hr", "taskforce", "admin"):
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    self.as_user(role, consent).read(["purpose"])
                with self.assertRaises(AccessError):
                    self._draft(role=role)
        for role in ("paps", "physician"):
            self.as_user(role, consent).read(["purpose"])
            with self.assertRaises(AccessError):
                self.as_user(role, consent).write({"purpose": "x"})

    def test_state_search(self):
        valid = self.Consent.search([("state", "=", "valid")])
        self.assertIn(self.share_consent, valid)
        self.assertNotIn(self.revoked_consent, valid)
        self.assertIn(
            self.revoked_consent, self.Consent.search([("state", "!=", "valid")])
        )

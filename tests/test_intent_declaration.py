from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MODULE, PreventionCase


@freeze_time("2026-03-02")
@tagged("post_install", "-at_install")
class TestIntentDeclaration(PreventionCase):
    def _declaration(self, **values):
        return (
            self.env["hr.intent.declaration"]
            .with_user(self.users["taskforce"])
            .create(
                {
                    "name": "We care",
                    "policy_id": self.policy.id,
                    "body": "<p>Burn-out is not an individual failure.</p>",
                    "commitments": "<p>We act on workload.</p>",
                    **values,
                }
            )
        )

    def _publish(self, declaration):
        declaration.action_request_advice()
        declaration.write(
            {
                "signatory_name": "Bart Mertens",
                "signatory_function": "HR Director",
                "approval_date": "2026-03-02",
            }
        )
        declaration.action_approve()
        declaration.action_publish()

    def test_cycle_and_versions(self):
        first = self._declaration()
        self.assertEqual(first.state, "draft")
        first.action_request_advice()
        self.assertEqual(first.state, "advice_requested")
        self.assertEqual(str(first.advice_requested_date), "2026-03-02")
        # Approval needs a signatory and a date.
        with self.assertRaises(UserError):
            first.action_approve()
        self.assertEqual(first.state, "advice_requested")
        first.write({"signatory_name": "Bart Mertens", "approval_date": "2026-03-02"})
        first.action_approve()
        first.action_publish()
        self.assertEqual(first.state, "published")
        self.assertEqual(str(first.date_published), "2026-03-02")

        second = self._declaration(name="We care, v2")
        self.assertEqual(second.version, first.version + 1)
        self._publish(second)
        self.assertEqual(first.state, "superseded")
        self.assertEqual(first.superseded_by_id, second)
        self.assertEqual(second.state, "published")

    def test_publish_needs_approval(self):
        declaration = self._declaration()
        # The guard names the declaration, its state and what it can become.
        with self.assertRaisesRegex(
            UserError,
            r"We care \(v\d+\): State is Draft and cannot become Published\. "
            r"From Draft it can only become: Advice Requested\.",
        ):
            declaration.action_publish()
        self.assertEqual(declaration.state, "draft")
        declaration.action_request_advice()
        with self.assertRaisesRegex(
            UserError, "State is Advice Requested and cannot become Published"
        ):
            declaration.action_publish()
        self.assertEqual(declaration.state, "advice_requested")
        self.assertFalse(declaration.date_published)

    def test_published_is_read_only_for_everyone(self):
        declaration = self._declaration()
        self._publish(declaration)
        for login in ("taskforce", "hr", "admin"):
            with self.subTest(login=login):
                as_user = declaration.with_user(self.users[login])
                with self.assertRaisesRegex(UserError, "read-only"):
                    as_user.write({"body": "<p>Changed</p>"})
                with self.assertRaises(UserError):
                    as_user.unlink()
        with self.assertRaises(UserError):
            declaration.sudo().write({"name": "Changed"})
        self.assertEqual(declaration.name, "We care")
        # Archiving stays possible.
        declaration.action_archive()
        self.assertFalse(declaration.active)

    def test_employee_cannot_move_the_declaration(self):
        declaration = self._declaration()
        with self.assertRaises(AccessError):
            declaration.with_user(self.users["manager"]).sudo(
                False
            ).action_request_advice()
        self.assertEqual(declaration.state, "draft")

    def test_pdf_report(self):
        declaration = self._declaration()
        self._publish(declaration)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                f"{MODULE}.hr_intent_declaration_report", declaration.ids
            )[0]
            .decode()
        )
        for text in ("We care", "Bart Mertens", "HR Director", "We act on workload"):
            self.assertIn(text, html)
        self.assertIn("Published on", html)

"""The workflow guard itself: it comes before the chatter, and two clicks
at once on a state button make one move and a clean message.

For the double click
the two calls run in two real transactions, as two RPC requests do, and the
second one goes through Odoo's own retry loop (`odoo.service.model.retrying`,
what `/web/dataset/call_kw` runs). The test commits its records, so it
removes them itself at the end.
"""

import threading
import time
import uuid

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDoubleClick(TransactionCase):
    def _committed_declaration(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env["res.company"].create(
                {"name": f"Double Click BV {uuid.uuid4().hex[:8]}"}
            )
            declaration = (
                env["hr.intent.declaration"]
                .with_company(company)
                .create(
                    {
                        "name": "Two clicks",
                        "company_id": company.id,
                        "signatory_name": "A. Signer",
                    }
                )
            )
            declaration.action_request_advice()
            declaration.approval_date = fields.Date.context_today(declaration)
            declaration.action_approve()
            return company.id, declaration.id

    def _remove(self, company_id, declaration_id):
        # A published declaration is kept by the addon: the test's own
        # records go the way they came, through SQL.
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM mail_message WHERE model = %s AND res_id = %s",
                ["hr.intent.declaration", declaration_id],
            )
            cr.execute(
                "DELETE FROM mail_followers WHERE res_model = %s AND res_id = %s",
                ["hr.intent.declaration", declaration_id],
            )
            cr.execute(
                "DELETE FROM hr_intent_declaration WHERE id = %s", [declaration_id]
            )
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env["res.company"].browse(company_id)
            partner = company.partner_id
            company.unlink()
            partner.unlink()

    def test_second_click_waits_and_is_refused(self):
        company_id, declaration_id = self._committed_declaration()
        self.addCleanup(self._remove, company_id, declaration_id)
        second = {}

        def click_again():
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                declaration = env["hr.intent.declaration"].browse(declaration_id)
                try:
                    retrying(declaration.action_publish, env)
                except UserError as error:
                    second["error"] = str(error)
                else:
                    second["error"] = None

        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            first = env["hr.intent.declaration"].browse(declaration_id)
            self.assertIs(first.action_publish(), True)
            env.flush_all()
            thread = threading.Thread(target=click_again)
            thread.start()
            # The second click waits for the first one's lock on the row.
            for _attempt in range(100):
                # pg_locks is live (pg_stat_activity is a snapshot per
                # transaction).
                cr.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
                if cr.fetchone()[0]:
                    break
                time.sleep(0.05)
            else:
                self.fail("the second click did not wait for the first one")
            # Two real transactions: the first click ends, the second goes on.
            cr.commit()  # pylint: disable=invalid-commit
        thread.join(30)
        self.assertFalse(thread.is_alive())
        self.assertIn("already Published", second["error"])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            declaration = env["hr.intent.declaration"].browse(declaration_id)
            self.assertEqual(declaration.state, "published")
            moves = declaration.message_ids.tracking_value_ids.filtered(
                lambda t: t.field_id.name == "state" and t.new_value_char == "Published"
            )
            self.assertEqual(len(moves), 1)


@tagged("post_install", "-at_install")
class TestGuardBeforeChatter(TransactionCase):
    def test_the_guard_runs_before_the_chatter(self):
        """`mail.thread.write` reads `tracking_disable` from the context: the
        guard, which drops that key for a move, must run before it, so the
        workflow mixin comes first in `_inherit`."""
        Mixin = self.env.registry["hr.wellbeing.workflow.mixin"]
        Thread = self.env.registry["mail.thread"]
        guarded = [
            model
            for model in self.env.registry.values()
            if issubclass(model, Mixin) and not model._abstract
        ]
        self.assertGreater(len(guarded), 10)
        for model in guarded:
            if issubclass(model, Thread):
                with self.subTest(model=model._name):
                    self.assertLess(
                        model.__mro__.index(Mixin), model.__mro__.index(Thread)
                    )

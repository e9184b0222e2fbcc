"""The access log's user and company are not foreign keys (issue 13: the
checks PostgreSQL made per row written were most of what the log cost a
list of notes). What the foreign keys guaranteed still holds: the users and
companies the log names are never deleted, in Python and over JSON-RPC, with
a clear message; and the upgrade drops the two keys of an existing database.
"""

import importlib.util
from pathlib import Path

from odoo.exceptions import UserError
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import SQL

from .common import JsonRpcMixin
from .common_confidential import ConfidentialCase, ConfidentialFixtures

TABLE = "hr_wellbeing_access_log"
MIGRATION = (
    Path(__file__).parent.parent / "migrations" / "18.0.1.5.2" / "post-migrate.py"
)


def _foreign_keys(cr):
    cr.execute(
        """SELECT a.attname
             FROM pg_constraint c
             JOIN pg_attribute a
               ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
            WHERE c.conrelid = %s::regclass AND c.contype = 'f'""",
        [TABLE],
    )
    return {name for (name,) in cr.fetchall()}


@tagged("post_install", "-at_install")
class TestAccessLogReferences(ConfidentialCase):
    def _reader(self, login):
        """A physician who read Els's medical note (the real read path)."""
        reader = self.new_user("physician", login=login)
        self.medical_note.with_user(reader).read(["subject"])
        self.Log._reset_request_memory()
        self.assertEqual(self.Log.search_count([("user_id", "=", reader.id)]), 1)
        return reader

    def test_a_user_named_in_the_log_is_archived_not_deleted(self):
        reader = self._reader("wb_test_reader")
        with self.assertRaises(UserError) as caught:
            reader.unlink()
        self.assertIn(reader.name, str(caught.exception))
        self.assertIn("archive", str(caught.exception))
        self.assertTrue(reader.exists())
        # Archived, the user keeps their name in the log.
        reader.action_archive()
        row = self.Log.search([("user_id", "=", reader.id)])
        self.assertEqual(row.user_id, reader)
        self.assertIn(reader.name, row.summary)
        # A user the log does not name is deleted as before.
        stranger = self.new_user("hr", login="wb_test_stranger")
        stranger.unlink()
        self.assertFalse(stranger.exists())

    def test_a_company_named_in_the_log_is_not_deleted(self):
        company = self.env["res.company"].create({"name": "Read Somewhere NV"})
        self.Log._system_create(
            [
                {
                    "user_id": self.users["physician"].id,
                    "operation": "read",
                    "service": "medical",
                    "res_model": self.medical_note._name,
                    "res_id": self.medical_note.id,
                    "company_id": company.id,
                }
            ]
        )
        with self.assertRaises(UserError) as caught:
            company.unlink()
        self.assertIn("Read Somewhere NV", str(caught.exception))
        self.assertTrue(company.exists())

    def test_a_member_of_a_confidential_group_is_not_deleted(self):
        # Joining the physicians' group is logged (the member's reference
        # keeps its foreign key): the same clear refusal, not a database
        # error.
        member = self.new_user("physician", login="wb_test_member")
        with self.assertRaises(UserError) as caught:
            member.unlink()
        self.assertIn(member.name, str(caught.exception))
        self.assertTrue(member.exists())

    def test_the_log_writes_no_foreign_key_check_of_its_own(self):
        # The two references the log writes with every read are unchecked;
        # the member of a group change (written rarely) keeps its key.
        self.assertEqual(_foreign_keys(self.env.cr), {"target_user_id"})


@tagged("post_install", "-at_install")
class TestAccessLogMigration(TransactionCase):
    def _migration(self):
        spec = importlib.util.spec_from_file_location("access_log_1_5_2", MIGRATION)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    def test_the_upgrade_drops_the_two_keys(self):
        cr = self.env.cr
        Log = self.env["hr.wellbeing.access.log"]
        # The database as 18.0.1.5.1 left it: both keys, reflected.
        for column, table, ondelete in (
            ("user_id", "res_users", "RESTRICT"),
            ("company_id", "res_company", "SET NULL"),
        ):
            name = f"{TABLE}_{column}_fkey"
            cr.execute(
                SQL(
                    "ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) "
                    "REFERENCES %s (id) ON DELETE %s",
                    SQL.identifier(TABLE),
                    SQL.identifier(name),
                    SQL.identifier(column),
                    SQL.identifier(table),
                    SQL(ondelete),
                )
            )
            self.env["ir.model.constraint"]._reflect_constraint(
                Log, name, "f", None, "hr_burnout_prevention"
            )
        self.assertEqual(_foreign_keys(cr), {"target_user_id", "user_id", "company_id"})
        migration = self._migration()
        # A new install has nothing to migrate.
        migration.migrate(cr, None)
        self.assertEqual(_foreign_keys(cr), {"target_user_id", "user_id", "company_id"})
        migration.migrate(cr, "18.0.1.5.1")
        self.assertEqual(_foreign_keys(cr), {"target_user_id"})
        cr.execute(
            "SELECT name FROM ir_model_constraint WHERE name LIKE %s",
            [f"{TABLE}_%"],
        )
        self.assertEqual(
            [name for (name,) in cr.fetchall()], [f"{TABLE}_target_user_id_fkey"]
        )


@tagged("post_install", "-at_install")
class TestAccessLogReferencesRpc(JsonRpcMixin, ConfidentialFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_confidential()

    def test_deleting_a_user_of_the_log_is_refused_over_rpc(self):
        reader = self.new_user("physician", login="wb_test_rpc_reader")
        self.medical_note.with_user(reader).read(["subject"])
        self.env["hr.wellbeing.access.log"]._reset_request_memory()
        message = self.assertRpcRefused(self.admin, "res.users", "unlink", reader.ids)
        self.assertIn("archive", message)
        self.assertTrue(reader.exists())

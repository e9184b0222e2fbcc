import os
import subprocess
import sys
import time
from unittest.mock import patch

import odoo
from odoo.service import db as db_service
from odoo.tests import TransactionCase, tagged
from odoo.tools import config

MODULE = "hr_burnout_prevention"

# Tables whose rows move by themselves (logs, queues, caches): not data.
VOLATILE_TABLES = {"bus_bus", "ir_logging", "ir_cron_trigger", "ir_cron_progress"}
# What a company changes after installing is made on records that every
# database has, with or without demo data: the main company and the employee
# of the administrator (data of the hr module).
XMLID = "(SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s)"
COMPANY = ["base", "main_company"]
EMPLOYEE = ["hr", "employee_admin"]


@tagged("post_install", "-at_install", "upgrade")
class TestInstallUpgrade(TransactionCase):
    """The addon installed on an empty database is upgraded twice, as
    `odoo-bin -u` does: nothing changes and no data is lost."""

    def _odoo(self, *args):
        cmd = [sys.executable, "-m", "odoo", "--stop-after-init", "--log-level=warn"]
        if config.rcfile:
            cmd += ["-c", config.rcfile]
        result = subprocess.run(
            [*cmd, "--addons-path", config["addons_path"], *args],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        self.assertEqual(
            result.returncode, 0, f"odoo {' '.join(args)} failed:\n{result.stderr}"
        )
        self.assertNotIn(" ERROR ", result.stderr, result.stderr)
        return result

    def _snapshot(self):
        with odoo.sql_db.db_connect(self.dbname).cursor() as cr:
            cr.execute(
                "SELECT state, latest_version FROM ir_module_module WHERE name = %s",
                [MODULE],
            )
            module = cr.fetchone()
            cr.execute(
                "SELECT model, name, res_id, noupdate FROM ir_model_data "
                "WHERE module = %s ORDER BY model, name",
                [MODULE],
            )
            xmlids = cr.fetchall()
            cr.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
            counts = {}
            for (table,) in cr.fetchall():
                if table in VOLATILE_TABLES:
                    continue
                cr.execute(f'SELECT count(*) FROM "{table}"')  # pylint: disable=sql-injection
                counts[table] = cr.fetchone()[0]
            cr.execute(
                "SELECT c.prevention_action_reminder_days, e.job_title "
                f"FROM res_company c, hr_employee e WHERE c.id = {XMLID} "
                f"AND e.id = {XMLID}",
                COMPANY + EMPLOYEE,
            )
            user_data = cr.fetchone()
        odoo.sql_db.close_db(self.dbname)
        return module, xmlids, counts, user_data

    def _user_edits(self):
        """What a company changes after installing: kept by every upgrade."""
        with odoo.sql_db.db_connect(self.dbname).cursor() as cr:
            cr.execute(
                "UPDATE res_company SET prevention_action_reminder_days = 12 "
                f"WHERE id = {XMLID}",
                COMPANY,
            )
            cr.execute(
                f"UPDATE hr_employee SET job_title = 'Senior Planner' "
                f"WHERE id = {XMLID}",
                EMPLOYEE,
            )
        odoo.sql_db.close_db(self.dbname)

    def test_install_then_upgrade_twice(self):
        # `make test` hands over a copy of the database it has just installed
        # the addon into (an empty database before); run alone, the test
        # installs the addon into an empty database itself.
        self.dbname = os.environ.get("HR_BURNOUT_UPGRADE_DB")
        self.addCleanup(self._drop)
        if not self.dbname:
            self.dbname = f"{MODULE}_upgrade_{int(time.time())}"
            # With demo data or without, as the database of the run.
            demo = self.env["ir.module.module"].search([("name", "=", MODULE)]).demo
            flags = [] if demo else ["--without-demo=all"]
            self._odoo("-d", self.dbname, "-i", MODULE, *flags)
        installed = self._snapshot()
        self.assertEqual(installed[0][0], "installed")
        self.assertTrue(installed[1], "the addon created no record")
        self._user_edits()
        edited = self._snapshot()
        self.assertEqual(edited[3], (12, "Senior Planner"))

        self._odoo("-d", self.dbname, "-u", MODULE)
        first = self._snapshot()
        self._odoo("-d", self.dbname, "-u", MODULE)
        second = self._snapshot()

        for label, snapshot in (("first", first), ("second", second)):
            with self.subTest(upgrade=label):
                self.assertEqual(snapshot[0], installed[0])
                # Same records under the same xml ids: nothing recreated.
                self.assertEqual(snapshot[1], installed[1])
                self.assertEqual(snapshot[2], edited[2])
                # What the company changed is still there.
                self.assertEqual(snapshot[3], (12, "Senior Planner"))

    @staticmethod
    def _own_filestore(dbname):
        return os.path.join(config["data_dir"], "filestore", dbname)

    def _drop(self):
        odoo.sql_db.close_db(self.dbname)
        # Database management is disabled for the web (list_db = False), and
        # with a database name configured Odoo lists only that one: the test
        # drops its own database all the same.
        # Tests shared out between processes (`make test`, pytest-xdist) see
        # the filestore of the first test database whatever the database:
        # the drop removes this database's own filestore, not that one.
        with (
            patch.dict(config.options, {"list_db": True, "db_name": False}),
            patch.object(config, "filestore", self._own_filestore),
        ):
            if self.dbname in db_service.list_dbs(force=True):
                db_service.exp_drop(self.dbname)
        self.assertFalse(db_service.exp_db_exist(self.dbname), "the database was left")

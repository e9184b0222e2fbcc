"""Anonymity of the pulse (issue 16): after people answer, nothing the addon
writes links an answer to a person, and the release leaves no order that
re-links them. Refusals over JSON-RPC: nobody reads the answers."""

import random
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import MODULE, JsonRpcMixin, WellbeingFixtures
from .common_pulse import PulseCase, PulseFixtures

# Tables outside the addon where a person and a value could meet.
OTHER_TABLES = (
    "mail_message",
    "mail_mail",
    "mail_activity",
    "ir_attachment",
    "mail_followers",
    "mail_tracking_value",
    "ir_logging",
    "bus_bus",
)
MARKER = "pulse-marker-"


@tagged("post_install", "-at_install")
@freeze_time("2026-11-05")
class TestPulseAnonymity(PulseCase):
    def _columns(self, table):
        self.env.cr.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = %s",
            [table],
        )
        return dict(self.env.cr.fetchall())

    def _tables(self):
        """Every table of the addon's models (their many2many tables too)
        and the tables outside the addon where a trace could land."""
        tables = set(OTHER_TABLES)
        for model in self.env.registry.values():
            if (
                (
                    model._original_module != MODULE
                    and not model._name.startswith("hr.pulse")
                )
                or model._abstract
                or not model._auto
            ):
                continue
            tables.add(model._table)
            for field in model._fields.values():
                if field.type == "many2many" and field.store:
                    tables.add(field.relation)
        tables.add("hr_wellbeing_access_log")
        return sorted(tables)

    def _rows(self):
        self.env.flush_all()
        rows = {}
        for table in OTHER_TABLES + ("hr_wellbeing_access_log",):
            self.env.cr.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608
            rows[table] = self.env.cr.fetchone()[0]
        return rows

    def test_no_table_links_answers_to_people(self):
        campaign = self._campaign()
        campaign.action_open()
        before = self._rows()
        answerers = self.ops_users | self.service_users[:1]
        for user in answerers:
            self._answer(campaign, user, 4, 2, 3, text=f"{MARKER}{user.login}")
        campaign.action_close()
        self.env.flush_all()
        # Nothing was written in the mail, attachment, log and bus tables.
        self.assertEqual(self._rows(), before)
        # The texts are in the answers' table and nowhere else.
        found = set()
        for table in self._tables():
            for column, kind in self._columns(table).items():
                if kind not in ("character varying", "text", "jsonb"):
                    continue
                self.env.cr.execute(
                    f'SELECT count(*) FROM "{table}" '  # noqa: S608
                    f'WHERE "{column}"::text LIKE %s',
                    [f"%{MARKER}%"],
                )
                if self.env.cr.fetchone()[0]:
                    found.add((table, column))
        self.assertEqual(found, {("hr_pulse_answer", "text")})
        # The answers hold no person, no time, no user: only what was said.
        answer_columns = set(self._columns("hr_pulse_answer"))
        self.assertEqual(
            answer_columns,
            {"id", "campaign_id", "line_id", "value", "text", "group_key", "released"},
        )
        self.env.cr.execute(
            """
            SELECT ccu.table_name
              FROM information_schema.table_constraints tc
              JOIN information_schema.constraint_column_usage ccu
                ON ccu.constraint_name = tc.constraint_name
             WHERE tc.table_name = 'hr_pulse_answer'
               AND tc.constraint_type = 'FOREIGN KEY'
            """
        )
        self.assertEqual(
            {table for (table,) in self.env.cr.fetchall()},
            {"hr_pulse_campaign", "hr_pulse_campaign_line"},
        )
        # The participation knows who, the answers what: one common column.
        participation_columns = set(self._columns("hr_pulse_participation"))
        self.assertEqual(answer_columns & participation_columns, {"id", "campaign_id"})
        self.assertFalse(
            participation_columns
            & {"create_date", "write_date", "create_uid", "write_uid"}
        )
        # No answer holds a name, a login or an e-mail of a person.
        texts = {row["text"] for row in self._answers(campaign) if row["text"]}
        for user in answerers:
            for identity in (user.name, user.email):
                self.assertFalse([t for t in texts if identity in t], identity)

    def _xmins(self, table, campaign):
        self.env.flush_all()
        self.env.cr.execute(
            f'SELECT xmin::text FROM "{table}" WHERE campaign_id = %s',  # noqa: S608
            [campaign.id],
        )
        return {xmin for (xmin,) in self.env.cr.fetchall()}

    def _participation_xmin(self, campaign, user):
        self.env.cr.execute(
            "SELECT p.xmin::text FROM hr_pulse_participation p "
            "JOIN hr_employee e ON e.id = p.employee_id "
            "WHERE p.campaign_id = %s AND e.user_id = %s",
            [campaign.id, user.id],
        )
        return self.env.cr.fetchone()[0]

    def test_release_leaves_no_order(self):
        campaign = self._campaign()
        campaign.action_open()
        order = self.ops_users[:3]
        # Each answer in a transaction of its own (a savepoint is one).
        for rank, user in enumerate(order[:2], 1):
            with self.env.cr.savepoint():
                self._answer(campaign, user, rank, 3, 3)
        waiting = self._answers(campaign)
        self.assertFalse(any(row["released"] for row in waiting))
        # The limit, written down: until the release, a superuser reading
        # PostgreSQL's row versions matches a waiting answer with the
        # participation changed in the same transaction.
        xmins = set()
        for rank, user in enumerate(order[:2], 1):
            xmin = self._participation_xmin(campaign, user)
            xmins.add(xmin)
            values = {row["value"] for row in waiting if row["xmin"] == xmin}
            self.assertEqual(values, {rank, 3})
        self.assertEqual(len(xmins), 2, "two transactions, two row versions")
        last_id = max(row["id"] for row in waiting)
        shuffled = []
        system_shuffle = random.SystemRandom.shuffle

        def shuffle(generator, rows):
            self.assertIsInstance(generator, random.SystemRandom)
            system_shuffle(generator, rows)
            shuffled.extend(rows)

        with patch.object(random.SystemRandom, "shuffle", shuffle):
            with self.env.cr.savepoint():
                self._answer(campaign, order[2], 3, 3, 3)
        released = self._answers(campaign)
        self.assertEqual(len(released), len(shuffled))
        self.assertTrue(all(row["released"] for row in released))
        # New ids, given in the order of the shuffle, not of the answers.
        self.assertTrue(all(row["id"] > last_id for row in released))
        self.assertEqual(
            [(row["line_id"], row["value"]) for row in released],
            [(line_id, value) for line_id, value, _text, _group in shuffled],
        )
        # One row version for every answer and every participation of the
        # campaign: the release's transaction, whoever answered and when.
        xmins = self._xmins("hr_pulse_answer", campaign)
        self.assertEqual(len(xmins), 1)
        self.assertEqual(self._xmins("hr_pulse_participation", campaign), xmins)

    def test_no_release_under_the_minimum(self):
        campaign = self._campaign()
        campaign.action_open()
        for user in self.ops_users[:2]:
            self._answer(campaign, user, 4, 4, 4)
        self.assertFalse(any(row["released"] for row in self._answers(campaign)))
        self.assertEqual(campaign.answered_count, 2)
        campaign.action_close()
        self.assertTrue(all(row["released"] for row in self._answers(campaign)))

    def test_nobody_reads_answers_in_python(self):
        campaign = self._campaign()
        campaign.action_open()
        self._answer(campaign, self.ops_users[0], 4, 4, 4)
        answers = self.env["hr.pulse.answer"].sudo().search([])
        for role in ("employee", "manager", "taskforce", "hr", "paps", "admin"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                answers.with_user(self.users[role]).read(["value"])
        with self.assertRaises(AccessError):
            answers.with_user(self.odoo_admin).read(["value"])


@tagged("post_install", "-at_install")
@freeze_time("2026-11-05")
class TestPulseRpc(PulseFixtures, WellbeingFixtures, JsonRpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()
        cls.setup_pulse()
        cls.campaign = cls._campaign()
        cls.campaign.action_open()
        for user in cls.ops_users[:3]:
            cls.campaign.with_user(user)._submit_answers(
                cls._values(cls.campaign, 4, 2, 4)
            )
        cls.closed = cls._campaign()
        cls.closed.action_open()
        for user in cls.ops_users:
            cls.closed.with_user(user)._submit_answers(cls._values(cls.closed, 4, 2, 4))
        cls.closed.action_close()

    def _snapshot(self):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT line_id, value, text, group_key, released FROM hr_pulse_answer "
            "ORDER BY id"
        )
        answers = self.env.cr.fetchall()
        self.env.cr.execute(
            "SELECT id, answered FROM hr_pulse_participation ORDER BY id"
        )
        return answers, self.env.cr.fetchall(), self.campaign.sudo().state

    def test_refusals_over_rpc(self):
        before = self._snapshot()
        answer_ids = self.env["hr.pulse.answer"].sudo().search([]).ids
        employee = self.users["employee"]
        own = self.campaign.sudo().participation_ids.filtered(
            lambda p: p.employee_id.user_id == employee
        )
        other = self.campaign.sudo().participation_ids.filtered(
            lambda p: p.employee_id.user_id == self.ops_users[0]
        )
        users = [self.users[r] for r in ("employee", "manager", "taskforce", "hr")]
        users += [self.users["paps"], self.users["admin"], self.odoo_admin]
        for user in users:
            with self.subTest(user=user.login):
                self.assertRpcRefused(
                    user, "hr.pulse.answer", "search_read", [], ["value", "text"]
                )
                self.assertRpcRefused(
                    user, "hr.pulse.answer", "read", answer_ids, ["value"]
                )
                self.assertRpcRefused(
                    user,
                    "hr.pulse.answer",
                    "create",
                    {"campaign_id": self.campaign.id, "line_id": 1, "value": 5},
                )
                self.assertRpcRefused(
                    user, "hr.pulse.campaign", "_submit_answers", [self.campaign.id], {}
                )
        # The employee: their own participation only, read-only.
        found = self.assertRpcOk(
            employee, "hr.pulse.participation", "search_read", [], ["answered"]
        )
        mine = (
            self.env["hr.pulse.participation"]
            .sudo()
            .search([("employee_id.user_id", "=", employee.id)])
        )
        self.assertEqual(len(mine), 2, "one row in each campaign")
        self.assertEqual(sorted(row["id"] for row in found), sorted(mine.ids))
        self.assertRpcRefused(
            employee, "hr.pulse.participation", "read", other.ids, ["answered"]
        )
        self.assertRpcRefused(
            employee, "hr.pulse.participation", "write", other.ids, {"answered": False}
        )
        self.assertRpcRefused(
            employee, "hr.pulse.participation", "write", own.ids, {"answered": True}
        )
        for method in ("action_open", "action_close", "action_send_reminders"):
            self.assertRpcRefused(
                employee, "hr.pulse.campaign", method, self.campaign.ids
            )
        self.assertRpcRefused(
            employee,
            "hr.pulse.campaign",
            "write",
            self.campaign.ids,
            {"state": "closed"},
        )
        # Results: the taskforce (HR through it) and the advisor, not the
        # employee nor the line manager.
        for role in ("employee", "manager"):
            self.assertRpcRefused(
                self.users[role], "hr.pulse.result", "search_read", [], ["score"]
            )
        for role in ("taskforce", "hr", "paps"):
            rows = self.assertRpcOk(
                self.users[role], "hr.pulse.result", "search_read", [], ["score"]
            )
            self.assertTrue(rows, role)
        # The taskforce cannot free texts nor move the campaign back.
        self.assertRpcRefused(
            self.users["taskforce"],
            "hr.pulse.campaign",
            "write",
            self.closed.ids,
            {"state": "open"},
        )
        self.assertEqual(self._snapshot(), before)

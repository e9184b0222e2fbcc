from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common_absence import AbsenceFixtures

TILE = "hr.wellbeing.dashboard.tile"


@tagged("post_install", "-at_install")
@freeze_time("2026-03-16")
class TestDashboardTiles(AbsenceFixtures, TransactionCase):
    """The first screens: each role reads its own tiles, counted through its
    own record rules, each a click away from the records it counts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()
        cls.setup_absence()
        cls.case_tom = cls._case(cls, date(2026, 1, 5), cls.tom)
        cls.case_sofie = cls._case(cls, date(2026, 2, 2), cls.sofie)

    def _tiles(self, user, role=None):
        domain = [("role", "=", role)] if role else []
        tiles = self.env[TILE].with_user(user).search(domain)
        return {tile.code: tile for tile in tiles}

    def test_each_role_reads_its_screen(self):
        """HR reads its tiles and the committee's (HR is of the taskforce);
        the taskforce the committee's; the advisor the advisor's; the
        employee and the physician none."""
        roles = {
            "hr": {"hr", "committee"},
            "taskforce": {"committee"},
            "paps": {"advisor"},
        }
        for role, expected in roles.items():
            with self.subTest(role=role):
                tiles = self.env[TILE].with_user(self.users[role]).search([])
                self.assertEqual(set(tiles.mapped("role")), expected)
        for role in ("employee", "manager", "physician"):
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    self.env[TILE].with_user(self.users[role]).search([])

    def test_hr_counts_and_click_through(self):
        """Two cases absent (Tom's and Sofie's, hand-counted); the click
        opens exactly those cases."""
        hr = self.users["hr"]
        tiles = self._tiles(hr, "hr")
        self.assertEqual(tiles["cases_absent"].count, 2)
        self.assertEqual(tiles["cases_return_planned"].count, 0)
        self.assertEqual(tiles["trajectories_decision"].count, 0)
        action = tiles["cases_absent"].action_open()
        self.assertEqual(action["res_model"], "hr.absence.case")
        cases = self.env["hr.absence.case"].with_user(hr).search(action["domain"])
        self.assertEqual(cases, self.case_tom | self.case_sofie)
        # A trajectory requested on Tom's case waits for a decision.
        self._rit(self.case_tom, date(2026, 3, 2))
        self.env.invalidate_all()
        tiles = self._tiles(hr, "hr")
        self.assertEqual(tiles["trajectories_decision"].count, 1)
        # Every HR tile renders and opens its records.
        for code, tile in tiles.items():
            with self.subTest(code=code):
                self.assertTrue(tile.value_display)
                action = tile.action_open()
                self.assertEqual(
                    self.env[action["res_model"]]
                    .with_user(hr)
                    .search_count(action["domain"]),
                    tile.count,
                )

    def test_deadline_tiles_count_steps_of_the_day(self):
        """Overdue is live: the overdue tile counts the steps whose date
        passed (hand-checked against each step), the week's tile those still
        to do this week, and a step done leaves both."""
        hr = self.users["hr"]
        steps = (self.case_tom | self.case_sofie).milestone_ids
        overdue = steps.filtered(
            lambda m: not m.done
            and not m.no_longer_needed
            and not m.information_only
            and m.date_deadline < date(2026, 3, 16)
        )
        week = steps.filtered(
            lambda m: not m.done
            and not m.no_longer_needed
            and not m.is_overdue
            and date(2026, 3, 16) <= m.date_deadline <= date(2026, 3, 22)
        )
        self.assertTrue(overdue, "the fixtures have steps overdue on 16 March")
        tiles = self._tiles(hr, "hr")
        self.assertEqual(tiles["deadlines_overdue"].count, len(overdue))
        self.assertEqual(tiles["deadlines_week"].count, len(week))
        Milestone = self.env["hr.absence.milestone"]
        self.assertEqual(
            Milestone.search([("status", "=", "overdue")]) & steps, overdue
        )
        self.assertEqual(
            Milestone.search([("status", "!=", "overdue")]) & steps, steps - overdue
        )
        overdue[0].with_user(hr).action_mark_done()
        self.env.invalidate_all()
        tiles = self._tiles(hr, "hr")
        self.assertEqual(tiles["deadlines_overdue"].count, len(overdue) - 1)

    def test_queries_do_not_grow_with_the_records(self):
        """HR's screen costs as many queries with four more cases."""
        hr = self.users["hr"]

        def screen():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.env[TILE].with_user(hr).search([]).mapped("value_display")
            return self.env.cr.sql_log_count - before

        screen()
        queries = screen()
        for employee in (self.els, self.pieter, self.koen, self.an):
            self._case(date(2026, 2, 16), employee)
        self.assertEqual(screen(), queries)
        self.assertEqual(self._tiles(hr, "hr")["cases_absent"].count, 6)

    def test_committee_screen_without_plans(self):
        """An empty period: no annual plan, no action. The screen says what
        is missing instead of failing."""
        tiles = self._tiles(self.users["taskforce"], "committee")
        self.assertEqual(tiles["actions_open"].count, 0)
        self.assertEqual(tiles["advice_deadline"].value_display, "-")
        self.assertIn("2027", tiles["advice_deadline"].note)
        self.assertIn("0", tiles["budget_planned"].value_display)

    def test_advisor_screen(self):
        tiles = self._tiles(self.users["paps"], "advisor")
        self.assertEqual(
            set(tiles), {"checkin_alerts", "support_running", "sessions_week"}
        )
        for tile in tiles.values():
            with self.subTest(code=tile.code):
                self.assertEqual(tile.count, 0)
                self.assertTrue(tile.action_open()["res_model"])

    def test_home_opens_the_screen_of_the_role(self):
        home = self.env["hr.wellbeing.home"]
        for role, xmlid in (
            ("hr", "hr_wellbeing_dashboard_action_hr"),
            ("taskforce", "hr_wellbeing_dashboard_action_committee"),
            ("paps", "hr_wellbeing_dashboard_action_advisor"),
        ):
            with self.subTest(role=role):
                action = home.with_user(self.users[role]).action_open_home()
                self.assertEqual(
                    action["id"],
                    self.env.ref(f"hr_burnout_prevention.{xmlid}").id,
                )

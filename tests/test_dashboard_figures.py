from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, tagged

from .common import JsonRpcMixin
from .common_absence import AbsenceFixtures

FIGURE = "hr.wellbeing.absence.figure"
PUBLIC = "hr.wellbeing.absence.figure.public"
FEBRUARY, MARCH = date(2026, 2, 1), date(2026, 3, 1)


class DashboardFigureFixtures(AbsenceFixtures):
    """The fixtures' company (Operations 4 people, Customer Service 3, People
    and Prevention 2) and a Production department of 6, all on the
    Monday-Friday 8-hour schedule.

    February 2026 has 20 working days (160 hours) and no Belgian public
    holiday. Sofie (Operations) is sick Monday 2 to Friday 6 February (40
    hours, 5 days); Tom (Operations) reports sick three times (12 January,
    9 February, 9 March, one day each): frequent short absence from March."""

    @classmethod
    def setup_figures(cls):
        cls.production = cls.env["hr.department"].create({"name": "Production"})
        cls.workers = cls._employees(
            *((f"Worker {n}", cls.production, None, None) for n in range(6))
        )
        cls.company.wellbeing_absence_day_salary = 200.0
        with freeze_time("2026-03-16"):
            cls._leave(cls, date(2026, 2, 2), date(2026, 2, 6), cls.sofie)
            for day in (date(2026, 1, 12), date(2026, 2, 9), date(2026, 3, 9)):
                cls._leave(cls, day, day, cls.tom)
            # An (Customer Service) returns on 1 September 2025 after 119
            # days, and falls ill again on 5 January 2026: a new case within
            # 12 months of the return.
            hr = cls.users["hr"]
            first = cls._case(cls, date(2025, 5, 5), cls.an)
            first.return_date = date(2025, 9, 1)
            first.with_user(hr).action_register_return()
            first.with_user(hr).action_close()
            cls._case(cls, date(2026, 1, 5), cls.an)

    def _rows(self, model, **where):
        domain = [("company_id", "=", self.company.id)]
        domain += [(key, "=", value) for key, value in where.items()]
        return self.env[model].search(domain)


@tagged("post_install", "-at_install")
@freeze_time("2026-03-16")
class TestDashboardFigures(DashboardFigureFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()
        cls.setup_absence()
        cls.setup_figures()

    def setUp(self):
        super().setUp()
        self.env[FIGURE]._refresh(self.company)

    def test_hr_figures_hand_counted(self):
        """Absence %, sick reports, average duration, frequent short absence
        and cost of Operations in February and March."""
        feb = self._rows(FIGURE, month=FEBRUARY, department_id=self.operations.id)
        self.assertEqual(len(feb), 1)
        self.assertEqual(feb.headcount, 4)
        self.assertEqual(feb.work_hours, 4 * 160)
        # Sofie's 40 hours and Tom's 8 of 9 February.
        self.assertEqual(feb.sick_hours, 48)
        self.assertAlmostEqual(feb.absence_rate, 100 * 48 / 640)
        self.assertEqual(feb.report_count, 2)
        self.assertEqual(feb.average_duration, 3.0)
        self.assertEqual(feb.sick_days, 6)
        self.assertEqual(feb.frequent_count, 0)
        # 6 days x 200 x 1.25, and 4 workers x 1100 / 12.
        self.assertAlmostEqual(feb.cost_salary, 1500.0)
        self.assertAlmostEqual(feb.cost_direct, 4 * 1100 / 12, places=2)
        mar = self._rows(FIGURE, month=MARCH, department_id=self.operations.id)
        self.assertEqual(mar.frequent_count, 1)
        self.assertEqual(mar.report_count, 1)
        service = self.customer_service.id
        september = self._rows(FIGURE, month=date(2025, 9, 1), department_id=service)
        self.assertEqual((september.return_count, september.time_to_return), (1, 119))
        january = self._rows(FIGURE, month=date(2026, 1, 1), department_id=service)
        self.assertEqual(january.relapse_count, 1)
        self.assertEqual(
            sum(self._rows(FIGURE, department_id=service).mapped("relapse_count")), 1
        )
        production = self._rows(
            FIGURE, month=FEBRUARY, department_id=self.production.id
        )
        self.assertEqual((production.headcount, production.sick_hours), (6, 0))
        # Twelve months, four departments.
        self.assertEqual(len(self._rows(FIGURE)), 12 * 4)

    def test_committee_hides_small_departments_together(self):
        """Minimum 5: Operations (4), Customer Service (3) and People and
        Prevention (2) are hidden, counted together (9); Production (6) is
        shown. No row of the committee counts fewer than 5 people."""
        rows = self._rows(PUBLIC, month=FEBRUARY)
        self.assertEqual(
            sorted((r.department_id.name or "", r.headcount) for r in rows),
            [("", 9), ("Production", 6)],
        )
        together = rows.filtered(lambda r: not r.department_id)
        self.assertEqual(together.sick_hours, 48)
        self.assertEqual(together.report_count, 2)
        self.assertGreaterEqual(min(self._rows(PUBLIC).mapped("headcount")), 5)

    def test_next_smallest_hidden_with_a_single_small_group(self):
        """Minimum 3: People and Prevention (2) alone would be found by
        subtraction; Customer Service (3, the next-smallest) is hidden with
        it."""
        self.company.wellbeing_min_group_size = 3
        self.env[FIGURE]._refresh(self.company)
        rows = self._rows(PUBLIC, month=FEBRUARY)
        self.assertEqual(
            sorted((r.department_id.name or "", r.headcount) for r in rows),
            [("", 5), ("Operations", 4), ("Production", 6)],
        )

    def test_larger_minimum_hides_at_once(self):
        """Raising the minimum drops the published figures at once: the next
        opening publishes them with the new minimum."""
        self.assertTrue(self._rows(PUBLIC).filtered("department_id"))
        self.company.wellbeing_min_group_size = 7
        self.assertFalse(self._rows(PUBLIC))
        self.env[PUBLIC].with_user(self.users["taskforce"]).action_open_figures()
        rows = self._rows(PUBLIC, month=FEBRUARY)
        self.assertEqual(
            [(r.department_id.name or "", r.headcount) for r in rows], [("", 15)]
        )

    def test_too_few_people_nothing_published(self):
        """A company of fewer people than the minimum: nothing is shown to
        the committee, not even the total; HR still reads its rows."""
        self.company.wellbeing_min_group_size = 20
        self.env[FIGURE]._refresh(self.company)
        self.assertFalse(self._rows(PUBLIC))
        self.assertTrue(self._rows(FIGURE))

    def test_no_schedule_counted_apart(self):
        """An employee without a working schedule has no working hours: left
        out of the absence %, counted apart."""
        self.workers[0].resource_calendar_id = False
        self.env[FIGURE]._refresh(self.company)
        row = self._rows(FIGURE, month=FEBRUARY, department_id=self.production.id)
        self.assertEqual((row.no_schedule_count, row.work_hours), (1, 5 * 160))

    def test_who_reads_which_figures(self):
        """HR reads both; the committee reads only the published rows; the
        employee reads none. A refusal leaves the rows as they were."""
        before = len(self._rows(FIGURE))
        hr, taskforce = self.users["hr"], self.users["taskforce"]
        self.assertTrue(self.env[FIGURE].with_user(hr).search([]))
        self.assertTrue(self.env[PUBLIC].with_user(taskforce).search([]))
        for user, model in (
            (taskforce, FIGURE),
            (self.users["employee"], FIGURE),
            (self.users["employee"], PUBLIC),
            (self.users["manager"], PUBLIC),
        ):
            with self.subTest(user=user.login, model=model):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])
        with self.assertRaises(AccessError):
            self.env[FIGURE].with_user(taskforce).action_open_figures()
        with self.assertRaises(AccessError):
            self.env[PUBLIC].with_user(self.users["employee"]).action_open_figures()
        self.assertEqual(len(self._rows(FIGURE)), before)

    def _queries(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        function()
        return self.env.cr.sql_log_count - before

    def test_queries_do_not_grow_with_the_records(self):
        """Counting the figures takes as many queries with six more sick
        reports on six more employees."""
        refresh = lambda: self.env[FIGURE]._refresh(self.company)  # noqa: E731
        self._queries(refresh)
        queries = self._queries(refresh)
        for worker in self.workers:
            self._leave(date(2026, 2, 16), date(2026, 2, 18), worker)
        self.assertEqual(self._queries(refresh), queries)
        row = self._rows(FIGURE, month=FEBRUARY, department_id=self.production.id)
        self.assertEqual((row.report_count, row.sick_hours), (6, 6 * 3 * 8))

    def test_open_refreshes_once_a_day(self):
        """Opening the figures counts them when they are not of today."""
        self.env[FIGURE].sudo().search([]).unlink()
        action = self.env[FIGURE].with_user(self.users["hr"]).action_open_figures()
        self.assertEqual(action["res_model"], FIGURE)
        self.assertEqual(len(self._rows(FIGURE)), 12 * 4)
        action = (
            self.env[PUBLIC].with_user(self.users["taskforce"]).action_open_figures()
        )
        self.assertEqual(action["res_model"], PUBLIC)


@tagged("post_install", "-at_install")
@freeze_time("2026-03-16")
class TestDashboardFiguresRpc(DashboardFigureFixtures, JsonRpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()
        cls.setup_absence()
        cls.setup_figures()
        cls.env[FIGURE]._refresh(cls.company)

    def test_committee_cannot_read_departments_below_minimum(self):
        """Over JSON-RPC the committee reads no row of HR's figures, and its
        own rows, however regrouped, never show a group under the minimum;
        the employee reads neither."""
        taskforce = self.users["taskforce"]
        for method, args, kwargs in (
            ("search_read", [[]], {"fields": ["headcount"]}),
            ("read_group", [[], ["headcount:sum"], ["department_id"]], {}),
            ("web_read_group", [[], ["headcount:sum"], ["department_id"]], {}),
        ):
            with self.subTest(method=method):
                self.assertRpcRefused(taskforce, FIGURE, method, *args, **kwargs)
        groups = self.assertRpcOk(
            taskforce,
            PUBLIC,
            "read_group",
            [["month", "=", "2026-02-01"]],
            ["headcount:sum"],
            ["department_id"],
        )
        self.assertEqual(sorted(g["headcount"] for g in groups), [6, 9])
        self.assertRpcRefused(
            self.users["employee"], PUBLIC, "search_read", [], fields=["headcount"]
        )
        self.assertRpcRefused(taskforce, PUBLIC, "unlink", self._rows(PUBLIC).ids)
        self.assertRpcRefused(
            taskforce, PUBLIC, "write", self._rows(PUBLIC).ids, {"headcount": 1}
        )
        self.assertGreaterEqual(min(self._rows(PUBLIC).mapped("headcount")), 5)

"""Line managers' access at scale: the managers stored on the employee
(`hr.employee.wellbeing_manager_user_ids`) follow the tree when it changes,
and a manager's list costs the same number of queries whatever the size and
depth of their tree, about HR's own list.
"""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, tagged

from .common import JsonRpcMixin, users_today
from .common_absence import AbsenceFixtures
from .common_confidential import ConfidentialCase

CASE_LIST = {
    "employee_id": {"fields": {"display_name": {}}},
    "department_id": {"fields": {"display_name": {}}},
    "date_start": {},
    "expected_return_date": {},
    "next_deadline_name": {},
    "next_deadline": {},
    "contact_user_id": {"fields": {"display_name": {}}},
    "has_overdue": {},
    "state": {},
}


class ManagersFixtures(AbsenceFixtures):
    """On top of the absence fixtures: a Research department without a
    manager where Dirk (user) heads a chain Dirk > Mia > Bram > Eva, Olga
    (user) heads nobody yet, and An Willems (Customer Service's manager) gets
    a user. Eva, Pieter (An's report) and Tom (Marc's report) each have an
    open case."""

    @classmethod
    def setup_managers(cls, start):
        cls.Employee = cls.env["hr.employee"]
        director, other, an_user, cls.spare_user, cls.eva_user = cls._users().create(
            [
                cls._user_values("manager", login=f"wb_scale_{name}", name=name)
                for name in ("dirk", "olga", "an", "spare", "eva")
            ]
        )
        cls.director_user, cls.other_user, cls.an_user = director, other, an_user
        cls.an.user_id = an_user
        cls.research = cls.env["hr.department"].create({"name": "Research"})
        cls.dirk = cls._employee("Dirk", cls.research, None, director)
        cls.olga = cls._employee("Olga", cls.research, None, other)
        cls.mia = cls._employee("Mia", cls.research, cls.dirk)
        cls.bram = cls._employee("Bram", cls.research, cls.mia)
        cls.eva = cls._employee("Eva", cls.research, cls.bram)
        cls.cases = cls.env["hr.absence.case"].create(
            [
                {"employee_id": employee.id, "date_start": start}
                for employee in (cls.eva, cls.pieter, cls.tom)
            ]
        )
        cls.eva_case, cls.pieter_case, cls.tom_case = cls.cases

    @classmethod
    def _employee(cls, name, department, parent, user=None):
        return cls.env["hr.employee"].create(
            {
                "name": name,
                "department_id": department.id,
                "parent_id": parent.id if parent else False,
                "user_id": user.id if user else False,
                "company_id": cls.company.id,
                "resource_calendar_id": cls.calendar.id,
            }
        )

    # The changes of the tree, each with who loses and who gains the case.
    def _scenarios(self):
        return [
            (
                "an employee moved to another manager and department",
                self.pieter_case,
                lambda: self.pieter.write(
                    {"department_id": self.operations.id, "parent_id": self.marc.id}
                ),
                self.an_user,
                self.manager_user,
            ),
            (
                "a department's manager changed",
                self.tom_case,
                lambda: (
                    self.tom.write({"parent_id": False}),
                    self.operations.write({"manager_id": self.an.id}),
                ),
                self.manager_user,
                self.an_user,
            ),
            (
                "an indirect manager three levels up changed",
                self.eva_case,
                lambda: self.mia.write({"parent_id": self.olga.id}),
                self.director_user,
                self.other_user,
            ),
        ]


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestScaleManagers(ManagersFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()
        cls.setup_absence()
        cls.setup_managers(date(2026, 9, 1))

    def _sees(self, user, case):
        return bool(
            case.with_user(user).search([("id", "=", case.id)])
            and case.with_user(user).search_count([("id", "=", case.id)])
        )

    def test_tree_changes_move_access(self):
        for label, case, change, old, new in self._scenarios():
            with self.subTest(label):
                self.assertTrue(self._sees(old, case))
                self.assertFalse(self._sees(new, case))
                change()
                self.assertFalse(self._sees(old, case), "the old manager lost it")
                self.assertTrue(self._sees(new, case), "the new manager gained it")
                self.assertNotIn(old, case.managed_by_user_ids)
                self.assertIn(new, case.managed_by_user_ids)
                self.env.invalidate_all()
                with self.assertRaises(AccessError):
                    case.with_user(old).read(["state"])
                case.with_user(new).invalidate_recordset()
                self.assertEqual(case.with_user(new).read(["state"])[0]["id"], case.id)

    def test_links_of_the_chain(self):
        """Every link up the chain counts, archived managers and unlinked
        users give nothing, and a cycle neither loops nor grants more."""
        eva = self.eva
        self.assertEqual(
            eva.wellbeing_manager_user_ids, self.director_user, "Dirk, 3 up"
        )
        self.mia.user_id = self.spare_user
        self.assertEqual(
            eva.wellbeing_manager_user_ids, self.director_user | self.spare_user
        )
        self.assertTrue(self._sees(self.spare_user, self.eva_case))
        self.dirk.user_id = False
        self.assertEqual(eva.wellbeing_manager_user_ids, self.spare_user)
        self.assertFalse(self._sees(self.director_user, self.eva_case))
        # Mia archived (a plain write, her reports keep her as manager): her
        # user no longer manages; the chain above her still counts.
        self.dirk.user_id = self.director_user
        self.mia.active = False
        self.assertEqual(eva.wellbeing_manager_user_ids, self.director_user)
        self.assertFalse(self._sees(self.spare_user, self.eva_case))
        self.assertTrue(self._sees(self.director_user, self.eva_case))
        # The department's manager counts, unless archived.
        self.research.manager_id = self.olga
        self.eva.parent_id = self.bram  # kept against the department's change
        self.assertIn(self.other_user, eva.wellbeing_manager_user_ids)
        self.olga.active = False
        self.assertNotIn(self.other_user, eva.wellbeing_manager_user_ids)
        # A cycle Dirk > Mia > Bram > Eva > Dirk: computed, finite.
        self.mia.write({"active": True, "user_id": False})
        self.dirk.parent_id = self.eva
        self.eva.user_id = self.eva_user
        self.assertEqual(
            self.dirk.wellbeing_manager_user_ids, self.eva_user, "Eva, not himself"
        )
        self.assertEqual(eva.wellbeing_manager_user_ids, self.director_user)
        self.assertTrue(self._sees(self.director_user, self.eva_case))
        self.assertNotIn(self.eva_user, eva.wellbeing_manager_user_ids)

    def test_list_read_checks_only_what_its_search_returned(self):
        """In a list request the rules are applied by its search; a record
        the search did not return is still checked in Python, and after the
        request every read is checked again."""
        from ..models.hr_wellbeing_managed_mixin import _SEARCHED

        Case = self.env["hr.absence.case"].with_user(self.director_user)
        result = Case.web_search_read([], {"state": {}, "next_deadline_name": {}})
        self.assertEqual([row["id"] for row in result["records"]], self.eva_case.ids)
        self.assertIsNone(_SEARCHED.get(), "the request's memory is gone")
        theirs = (self.pieter_case | self.tom_case).with_user(self.director_user)
        token = _SEARCHED.set({})
        try:
            listed = Case.search_fetch([], ["state"])
            self.assertEqual(listed, self.eva_case)
            self.assertTrue(listed.has_access("read"))
            for case in theirs:
                with self.subTest(case=case.sudo().employee_id.name):
                    self.assertFalse(case.has_access("read"))
                    self.assertFalse((listed | case).has_access("read"))
                    with self.assertRaises(AccessError):
                        case.read(["state"])
            # Another user's rules are not the director's.
            self.assertFalse(listed.with_user(self.other_user).has_access("read"))
        finally:
            _SEARCHED.reset(token)
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.tom_case.with_user(self.director_user).read(["state"])

    def test_milestones_follow_the_case(self):
        """A case's milestones are read by the managers who read the case,
        never through the managers' rule by the employee whose case it is,
        even when their own user is in their set (Marc manages his own
        department)."""
        marc_case = self.env["hr.absence.case"].create(
            {"employee_id": self.marc.id, "date_start": date(2026, 9, 1)}
        )
        self.assertIn(self.manager_user, self.marc.wellbeing_manager_user_ids)
        Milestone = self.env["hr.absence.milestone"]
        for user, case, seen in (
            (self.director_user, self.eva_case, True),
            (self.other_user, self.eva_case, False),
            (self.manager_user, self.tom_case, True),
            (self.manager_user, marc_case, False),
            (self.director_user, self.tom_case, False),
        ):
            steps = case.milestone_ids
            with self.subTest(user=user.name, case=case.sudo().employee_id.name):
                self.assertTrue(steps)
                found = Milestone.with_user(user).search([("case_id", "=", case.id)])
                self.assertEqual(found, steps if seen else Milestone)
                self.assertEqual(steps.with_user(user).has_access("read"), seen)
        # Marc reads his own case (its own rule), not its milestones.
        self.env.invalidate_all()
        self.assertTrue(marc_case.with_user(self.manager_user).has_access("read"))
        self.assertFalse(
            marc_case.with_user(self.manager_user)
            .search([("id", "=", marc_case.id)])
            .milestone_ids
        )

    def test_upgrade_computes_existing_employees(self):
        """The stored set is what the walk gives for every employee (an
        upgrade computes it for the existing ones: recomputing changes
        nothing)."""
        employees = self.Employee.with_context(active_test=False).search(
            [("company_id", "=", self.company.id)]
        )
        before = {e.id: e.wellbeing_manager_user_ids.ids for e in employees}
        self.env.add_to_compute(
            self.Employee._fields["wellbeing_manager_user_ids"], employees
        )
        employees.flush_recordset()
        self.env.invalidate_all()
        self.assertEqual(
            {e.id: e.wellbeing_manager_user_ids.ids for e in employees}, before
        )
        # Marc manages his own department: his own user is in his set (as
        # before, the rules never give a user their own records this way).
        self.assertEqual(self.marc.wellbeing_manager_user_ids, self.manager_user)
        self.assertEqual(self.dirk.wellbeing_manager_user_ids, self.env["res.users"])
        self.assertEqual(self.tom.wellbeing_manager_user_ids, self.manager_user)


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestScaleManagersQueries(AbsenceFixtures, TransactionCase):
    """A manager's list of their reports' open cases: the same number of
    queries for a tree of 2 levels and 5 reports and one of 4 levels and 25,
    at most HR's same list and a small constant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()
        cls.setup_absence()
        users = cls._users().create(
            [
                cls._user_values("manager", login=f"wb_scale_lead{n}", name=f"L{n}")
                for n in (2, 4)
            ]
        )
        cls.trees = {}
        for (depth, widths), user in zip(
            ((2, (5,)), (4, (3, 2, 2))), users, strict=True
        ):
            dept = cls.env["hr.department"].create({"name": f"Tree {depth}"})
            vals = {
                "department_id": dept.id,
                "company_id": cls.company.id,
                "resource_calendar_id": cls.calendar.id,
            }
            head = cls.env["hr.employee"].create(
                {"name": f"Head {depth}", "user_id": user.id, **vals}
            )
            level, reports = head, cls.env["hr.employee"]
            for width in widths:
                level = cls.env["hr.employee"].create(
                    [
                        {"name": f"R{depth}-{i}", "parent_id": parent.id, **vals}
                        for parent in level
                        for i in range(width)
                    ]
                )
                reports |= level
            if depth == 4:
                # 21 so far over 3 levels below the head: 4 more at the 4th.
                reports |= cls.env["hr.employee"].create(
                    [
                        {"name": f"R4-x{i}", "parent_id": parent.id, **vals}
                        for i, parent in enumerate(level[:4])
                    ]
                )
            cls.env["hr.absence.case"].create(
                [{"employee_id": e.id, "date_start": date(2026, 9, 1)} for e in reports]
            )
            cls.trees[depth] = (user, reports)
        cls.env.flush_all()

    def _list(self, user, reports):
        return (
            self.env["hr.absence.case"]
            .with_user(user)
            .web_search_read(
                [("employee_id", "in", reports.ids), ("state", "!=", "closed")],
                CASE_LIST,
            )
        )

    def _queries(self, user, reports):
        self.env.invalidate_all()
        self.env.cr.flush()
        before = self.cr.sql_log_count
        result = self._list(user, reports)
        self.env.flush_all()
        self.env.cr.flush()
        return self.cr.sql_log_count - before, result["length"]

    def test_manager_list_flat_with_the_tree(self):
        counts = {}
        for user, reports in self.trees.values():  # warm the caches (rules)
            self._list(user, reports)
            self._list(self.hr_user, reports)
        for depth, (user, reports) in self.trees.items():
            with self.subTest(depth=depth):
                counts[depth, "manager"], length = self._queries(user, reports)
                self.assertEqual(length, len(reports))
                counts[depth, "hr"], length = self._queries(self.hr_user, reports)
                self.assertEqual(length, len(reports))
        self.assertEqual(len(self.trees[2][1]), 5)
        self.assertEqual(len(self.trees[4][1]), 25)
        self.assertEqual(counts[2, "manager"], counts[4, "manager"], counts)
        # HR's count depends on the data (the contacts' names), not on the size.
        # The rules applied by the search are not checked again in Python
        # (no read of the employees' managers): no query more than HR.
        self.assertLessEqual(counts[2, "manager"], counts[2, "hr"], counts)
        self.assertLessEqual(counts[4, "manager"], counts[4, "hr"], counts)
        with self.assertQueryCount(counts[4, "manager"]):
            self.env.invalidate_all()
            self._list(*self.trees[4])


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestScaleNotesLog(ConfidentialCase):
    """The physician's list of notes, the access log's rows included (the
    insert made at commit), within the same budget at 20 and 100 notes."""

    BUDGET = 4

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        physician = cls.users["physician"]
        cls.lists = {}
        for size, employee in ((20, cls.pieter), (100, cls.tom)):
            notes = cls.Note.with_user(physician).create(
                [
                    {
                        "employee_id": employee.id,
                        "service": "medical",
                        "subject": f"Note {i}",
                        "body": "Body",
                    }
                    for i in range(size)
                ]
            )
            cls.lists[size] = (employee, notes)

    def _list_notes(self, user, employee):
        return self.Note.with_user(user).web_search_read(
            [("employee_id", "=", employee.id)],
            {
                "date": {},
                "subject": {},
                "kind": {},
                "service": {},
                "employee_id": {"fields": {"display_name": {}}},
            },
        )

    def _measure(self, user, employee, log_domain):
        """Queries of one list, the log's insert at commit included; the
        rows it logged."""
        self.Log._reset_request_memory()
        earlier = self.Log.search(log_domain)
        self.env.invalidate_all()
        self.env.flush_all()
        self.env.cr.precommit.run()
        before = self.cr.sql_log_count
        result = self._list_notes(user, employee)
        self.env.flush_all()
        self.env.cr.precommit.run()
        count = self.cr.sql_log_count - before
        return count, result["length"], self.Log.search(log_domain) - earlier

    def test_notes_list_with_the_log(self):
        physician = self.users["physician"]
        counts = {}
        for size, (employee, notes) in self.lists.items():
            with self.subTest(size=size):
                log_domain = [
                    ("res_model", "=", self.Note._name),
                    ("res_id", "in", notes.ids),
                ]
                self._measure(physician, employee, log_domain)  # warm the caches
                counts[size], length, logged = self._measure(
                    physician, employee, log_domain
                )
                self.assertEqual(length, size)
                self.assertEqual(len(logged), size)
                self.assertEqual(set(logged.mapped("service")), {"medical"})
                self.assertEqual(logged.user_id, physician)
                self.assertEqual(logged.company_id, self.company)
                # One row per note read, by the physician, dated.
                self.assertEqual(sorted(logged.mapped("res_id")), sorted(notes.ids))
                self.assertEqual(set(logged.mapped("operation")), {"read"})
                self.assertTrue(all(logged.mapped("date")))
                self.assertFalse(any(logged.mapped("field_name")))
        self.assertEqual(counts[20], counts[100], counts)
        self.assertLessEqual(counts[100], self.BUDGET, counts)


@tagged("post_install", "-at_install")
class TestScaleManagersRpc(ManagersFixtures, JsonRpcMixin, HttpCase):
    """The same changes of the tree seen over JSON-RPC by the managers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()
        cls.setup_absence()
        cls.setup_managers(users_today(cls.env) - timedelta(days=60))

    def _rpc_ids(self, user, case):
        result = self.assertRpcOk(
            user, "hr.absence.case", "search_read", [("id", "=", case.id)], ["state"]
        )
        return [row["id"] for row in result]

    def test_tree_changes_over_rpc(self):
        for label, case, change, old, new in self._scenarios():
            with self.subTest(label):
                self.assertEqual(self._rpc_ids(old, case), [case.id])
                self.assertEqual(self._rpc_ids(new, case), [])
                change()
                self.assertEqual(self._rpc_ids(old, case), [])
                self.assertEqual(self._rpc_ids(new, case), [case.id])
                # Reading it by id: refused to the old manager.
                self.assertRpcRefused(old, "hr.absence.case", "read", [case.id])

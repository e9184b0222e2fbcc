"""Shared fixtures: every test builds its own company, people and records.

Nothing here reads a demo record: the tests pass on a database installed with
or without demo data, and on any day (a test that needs a date freezes it).
The company of the fixtures is a company of its own, so that what the demo
(or a real company) holds in the database never shows up in a search made as
one of the fixtures' users.
"""

import json

from odoo import Command, fields
from odoo.tests import TransactionCase

MODULE = "hr_burnout_prevention"
# The fixtures' users live in Brussels: the day the server's checks see in
# their requests. Between 23:00 and midnight UTC it is already tomorrow there.
USERS_TZ = "Europe/Brussels"


def users_today(env):
    """Today for the fixtures' users (see USERS_TZ), whatever the hour."""
    return fields.Date.context_today(env["res.users"].with_context(tz=USERS_TZ))


# The groups of each role (DESIGN.md, "Who uses it"). The line manager and the
# employee have no group of the addon: the manager is derived from the
# employee records.
ROLE_GROUPS = {
    "employee": ("base.group_user",),
    "manager": ("base.group_user",),
    "taskforce": ("base.group_user", f"{MODULE}.group_taskforce"),
    "hr": ("base.group_user", f"{MODULE}.group_hr_officer"),
    "paps": ("base.group_user", f"{MODULE}.group_psychosocial_advisor"),
    "physician": ("base.group_user", f"{MODULE}.group_occupational_physician"),
    # The addon's configuration administrator: not an Odoo administrator (the
    # Settings group runs code; ``cls.odoo_admin`` is that one).
    "admin": ("base.group_user", f"{MODULE}.group_admin"),
}
# The roles of the refusal tests: the fixtures' users and Odoo's own
# administrator (``cls.odoo_admin``).
ROLES = (*ROLE_GROUPS, "odoo_admin")
ROLE_NAMES = {
    "employee": "Els Peeters",
    "manager": "Marc Janssens",
    "taskforce": "Koen Wouters",
    "hr": "Nathalie Dubois",
    "paps": "Ingrid Vos",
    "physician": "Dr. Luc Hermans",
    "admin": "Bart Mertens",
}


class WellbeingFixtures:
    """A Belgian company of the test's own with a Monday-Friday schedule in
    Brussels, three departments, one user per role and a small team:

    * Operations: Marc Janssens (manager, user ``manager``) manages Els
      Peeters (user ``employee``), Sofie Maes and Tom Claes (no user);
    * Customer Service: An Willems manages Pieter De Smet and Koen Wouters
      (user ``taskforce``);
    * People and Prevention: Nathalie Dubois (``hr``) and Bart Mertens
      (``admin``, the manager of the department).

    The psychosocial advisor and the physician work for the external service:
    they have a user, no employee. ``cls.odoo_admin`` is Odoo's own
    administrator (``base.user_admin``, which every database has), given
    access to the company. Logins are ``wb_test_<role>``, password = login,
    so that browser tours and HTTP tests log in as them.

    Use it as a mixin before TransactionCase or HttpCase, and call
    ``cls.setup_wellbeing()`` in ``setUpClass``.
    """

    @classmethod
    def setup_wellbeing(cls):
        cls.company = cls.env["res.company"].create(
            {
                "name": "Wellbeing Test BV",
                "country_id": cls.env.ref("base.be").id,
                "currency_id": cls._euro().id,
            }
        )
        # Records the test creates without a company go to its company.
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=cls.company.ids)
        )
        cls.calendar = cls.company.resource_calendar_id
        cls.calendar.tz = "Europe/Brussels"
        users = cls._users().create([cls._user_values(role) for role in ROLE_GROUPS])
        cls.users = dict(zip(ROLE_GROUPS, users, strict=True))
        cls.odoo_admin = cls.env.ref("base.user_admin")
        cls.odoo_admin.company_ids = [Command.link(cls.company.id)]

        cls.operations, cls.customer_service, cls.people = cls.env[
            "hr.department"
        ].create(
            [
                {"name": "Operations"},
                {"name": "Customer Service"},
                {"name": "People and Prevention"},
            ]
        )
        # The managers first, then their teams: two batches.
        cls.marc, cls.an, cls.nathalie, cls.bart = cls._employees(
            ("Marc Janssens", cls.operations, None, cls.users["manager"]),
            ("An Willems", cls.customer_service, None, None),
            ("Nathalie Dubois", cls.people, None, cls.users["hr"]),
            ("Bart Mertens", cls.people, None, cls.users["admin"]),
        )
        cls.els, cls.sofie, cls.tom, cls.pieter, cls.koen = cls._employees(
            ("Els Peeters", cls.operations, cls.marc, cls.users["employee"]),
            ("Sofie Maes", cls.operations, cls.marc, None),
            ("Tom Claes", cls.operations, cls.marc, None),
            ("Pieter De Smet", cls.customer_service, cls.an, None),
            ("Koen Wouters", cls.customer_service, cls.an, cls.users["taskforce"]),
        )
        cls.operations.manager_id = cls.marc
        cls.customer_service.manager_id = cls.an
        cls.people.manager_id = cls.bart

    @classmethod
    def _euro(cls):
        euro = cls.env.ref("base.EUR")
        euro.active = True
        return euro

    @classmethod
    def _users(cls):
        # No invitation e-mail to the users the tests make.
        return cls.env["res.users"].with_context(no_reset_password=True)

    @classmethod
    def _user_values(cls, role, login=None, company=None, **values):
        company = company or cls.company
        login = login or f"wb_test_{role}"
        return {
            "login": login,
            "password": login,
            "name": ROLE_NAMES.get(role, login),
            "email": f"{login}@example.com",
            "groups_id": [
                Command.set([cls.env.ref(xmlid).id for xmlid in ROLE_GROUPS[role]])
            ],
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "tz": USERS_TZ,
            **values,
        }

    @classmethod
    def new_user(cls, role, login=None, company=None, **values):
        """A user with the groups of `role`, in the fixtures' company (or
        `company`); password = login."""
        return cls._users().create(cls._user_values(role, login, company, **values))

    @classmethod
    def _employee_values(cls, name, department=None, manager=None, user=None):
        return {
            "name": name,
            "company_id": cls.company.id,
            "department_id": department.id if department else False,
            "parent_id": manager.id if manager else False,
            "user_id": user.id if user else False,
            "resource_calendar_id": cls.calendar.id,
        }

    @classmethod
    def _employees(cls, *rows):
        """Employees from (name, department, manager, user) rows, in one
        batch."""
        return cls.env["hr.employee"].create(
            [cls._employee_values(*row) for row in rows]
        )

    @classmethod
    def new_employee(cls, name, department=None, manager=None, user=None, **values):
        return cls.env["hr.employee"].create(
            {**cls._employee_values(name, department, manager, user), **values}
        )


class WellbeingCase(WellbeingFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()


class PreventionCase(WellbeingCase):
    """A policy of the company (2026-2030) with its 2026 plan, an analysis
    with a finding, and three actions. Tests freeze time in 2026."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env["hr.prevention.policy"].create(
            {
                "name": "Test policy",
                "date_start": "2026-01-01",
                "date_end": "2030-12-31",
            }
        )
        cls.plan = cls.env["hr.prevention.year.plan"].create(
            {"year": 2026, "policy_id": cls.policy.id}
        )
        cls.analysis = cls.env["hr.risk.analysis"].create(
            {
                "name": "Test analysis",
                "policy_id": cls.policy.id,
                "date": "2026-02-01",
                "department_ids": [Command.set(cls.operations.ids)],
            }
        )
        cls.finding = cls.env["hr.risk.finding"].create(
            {
                "name": "Month-end peaks",
                "analysis_id": cls.analysis.id,
                "domain": "work_organisation",
                "kind": "bottleneck",
                "priority": "high",
            }
        )
        cls.manager_action = cls._action(
            "Task rotation", cls.users["manager"], cls.operations
        )
        cls.department_action = cls._action(
            "Shift handover", cls.users["hr"], cls.operations
        )
        cls.other_action = cls._action(
            "Call debrief", cls.users["taskforce"], cls.customer_service
        )

    @classmethod
    def _action(cls, name, user, department, **values):
        return cls.env["hr.prevention.action"].create(
            {
                "name": name,
                "domain": "work_organisation",
                "year_plan_id": cls.plan.id,
                "user_id": user.id,
                "department_id": department.id,
                "date_start": "2026-03-01",
                "date_deadline": "2026-06-30",
                **values,
            }
        )


class JsonRpcMixin:
    """For an HttpCase: call the ORM as one of the fixtures' users over
    JSON-RPC (``/web/dataset/call_kw``), as any client of Odoo can, not only
    the web client's buttons."""

    def rpc(self, user, model, method, *args, **kwargs):
        """Return ``(result, error)``: ``error`` is the server's error data
        (``name``, ``message``) or None."""
        if getattr(self, "_rpc_login", None) != user.login:
            self.authenticate(user.login, user.login)
            self._rpc_login = user.login
        # The server reads what the test wrote, the test what the server did.
        self.env.flush_all()
        try:
            return self._rpc_call(model, method, args, kwargs)
        finally:
            self.env.invalidate_all()

    def _rpc_call(self, model, method, args, kwargs):
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": model,
                        "method": method,
                        "args": list(args),
                        "kwargs": kwargs,
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        body = response.json()
        error = body.get("error")
        return body.get("result"), error and error["data"]

    def assertRpcRefused(self, user, model, method, *args, **kwargs):
        """The call is refused with a UserError, an AccessError or a
        ValidationError (a clean, translated message, not a traceback of an
        unexpected error); return the message."""
        result, error = self.rpc(user, model, method, *args, **kwargs)
        self.assertTrue(
            error,
            f"{user.login} {model}.{method}{args} was not refused: {result!r}",
        )
        self.assertIn(
            error["name"],
            (
                "odoo.exceptions.UserError",
                "odoo.exceptions.AccessError",
                "odoo.exceptions.ValidationError",
            ),
            f"{user.login} {model}.{method}{args}: {error['message']}",
        )
        return error["message"]

    def assertRpcOk(self, user, model, method, *args, **kwargs):
        result, error = self.rpc(user, model, method, *args, **kwargs)
        self.assertFalse(
            error, f"{user.login} {model}.{method}{args}: {error and error['message']}"
        )
        return result

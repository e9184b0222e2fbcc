from odoo import Command
from odoo.tests import TransactionCase

MODULE = "hr_burnout_prevention"


class PreventionCase(TransactionCase):
    """A policy of the demo company (2026-2030) with this year's plan and
    actions, and the demo logins. Tests freeze time in 2026."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.users = {
            role: cls.env.ref(f"{MODULE}.demo_user_{role}")
            for role in ("employee", "manager", "taskforce", "hr", "admin")
        }
        cls.operations = cls.env.ref(f"{MODULE}.demo_department_operations")
        cls.customer_service = cls.env.ref(f"{MODULE}.demo_department_customer_service")
        # The demo policy covers the years around the install date: step
        # aside so that the test policy owns 2026-2030.
        cls.env["hr.prevention.policy"].search(
            [("company_id", "=", cls.company.id)]
        ).action_archive()
        cls.policy = cls.env["hr.prevention.policy"].create(
            {
                "name": "Test policy",
                "company_id": cls.company.id,
                "date_start": "2026-01-01",
                "date_end": "2030-12-31",
            }
        )
        cls.plan = cls.env["hr.prevention.year.plan"].create(
            {"year": 2026, "policy_id": cls.policy.id, "company_id": cls.company.id}
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

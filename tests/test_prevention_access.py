from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PreventionCase

POLICY_MODELS = (
    "hr.prevention.policy",
    "hr.prevention.taskforce",
    "hr.risk.analysis",
    "hr.risk.finding",
    "hr.prevention.year.plan",
    "hr.prevention.evaluation",
)


@freeze_time("2026-03-02")
@tagged("post_install", "-at_install")
class TestPreventionAccess(PreventionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Declaration = cls.env["hr.intent.declaration"]
        cls.draft = Declaration.create({"name": "Draft text"})
        cls.published = Declaration.create(
            {
                "name": "Published text",
                "signatory_name": "Bart Mertens",
                "approval_date": "2026-03-02",
            }
        )
        cls.published.action_request_advice()
        cls.published.action_approve()
        cls.published.action_publish()
        cls.evaluation = cls.env["hr.prevention.evaluation"].create(
            {"year_plan_id": cls.plan.id}
        )

    def _env(self, role):
        return self.env(user=self.users[role])

    def test_employee_reads_published_declarations_only(self):
        env = self._env("employee")
        declarations = env["hr.intent.declaration"].search([])
        self.assertIn(self.published, declarations)
        self.assertNotIn(self.draft, declarations)
        self.assertEqual(self.published.with_env(env).name, "Published text")
        with self.assertRaises(AccessError):
            self.draft.with_env(env).read(["name"])
        with self.assertRaises(AccessError):
            self.published.with_env(env).write({"active": False})
        with self.assertRaises(AccessError):
            env["hr.intent.declaration"].create({"name": "Mine"})
        self.assertFalse(env["hr.prevention.action"].search([]))
        with self.assertRaises(AccessError):
            self.manager_action.with_env(env).read(["name"])
        for model in POLICY_MODELS:
            with self.subTest(model=model), self.assertRaises(AccessError):
                env[model].search([])

    def test_manager_reads_and_updates_own_actions(self):
        env = self._env("manager")
        Action = env["hr.prevention.action"]
        visible = Action.search([])
        self.assertIn(self.manager_action, visible)
        self.assertIn(self.department_action, visible)
        self.assertNotIn(self.other_action, visible)
        with self.assertRaises(AccessError):
            self.other_action.with_env(env).read(["name"])

        own = self.manager_action.with_env(env)
        own.write({"progress": 40, "note": "<p>Two shifts done</p>"})
        self.assertEqual(own.progress, 40)
        with self.assertRaises(AccessError):
            own.write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            own.write({"budget": 100})
        with self.assertRaises(UserError):
            own.write({"state": "done"})
        with self.assertRaises(AccessError):
            own.unlink()
        with self.assertRaises(AccessError):
            Action.create(
                {
                    "name": "New",
                    "domain": "work_content",
                    "year_plan_id": self.plan.id,
                }
            )
        self.manager_action.action_plan()
        own.action_start()
        # Cancelling is the taskforce's, also in a state it could be
        # cancelled from.
        with self.assertRaises(AccessError):
            own.action_cancel()
        self.assertEqual(self.manager_action.state, "in_progress")
        own.action_done()
        self.assertEqual(self.manager_action.state, "done")
        with self.assertRaises(UserError):
            own.action_cancel()
        self.assertEqual(self.manager_action.state, "done")

        department = self.department_action.with_env(env)
        self.assertEqual(department.name, "Shift handover")
        with self.assertRaises(AccessError):
            department.write({"progress": 10})
        self.department_action.action_plan()
        with self.assertRaises(AccessError):
            department.action_done()
        self.assertEqual(self.department_action.state, "planned")

    def test_manager_cannot_see_the_policy_work(self):
        env = self._env("manager")
        self.assertEqual(
            env["hr.intent.declaration"].search([]).mapped("state"), ["published"]
        )
        with self.assertRaises(AccessError):
            self.draft.with_env(env).read(["name"])
        for record in (self.analysis, self.evaluation, self.finding, self.plan):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_env(env).read(["display_name"])

    def test_taskforce_and_hr_have_full_policy_access(self):
        for role in ("taskforce", "hr"):
            with self.subTest(role=role):
                env = self._env(role)
                self.assertIn(self.draft, env["hr.intent.declaration"].search([]))
                self.assertEqual(
                    env["hr.prevention.action"].search_count(
                        [("year_plan_id", "=", self.plan.id)]
                    ),
                    3,
                )
                analysis = env["hr.risk.analysis"].create({"name": f"By {role}"})
                analysis.write({"method": "workshop"})
                finding = env["hr.risk.finding"].create(
                    {
                        "name": "Noise",
                        "analysis_id": analysis.id,
                        "domain": "working_conditions",
                    }
                )
                action = env["hr.prevention.action"].create(
                    {
                        "name": "Panels",
                        "domain": "working_conditions",
                        "year_plan_id": self.plan.id,
                        "finding_ids": [(6, 0, finding.ids)],
                    }
                )
                action.write({"budget": 900})
                action.unlink()
                finding.unlink()
                analysis.unlink()
                self.evaluation.with_env(env).write({"conclusions": "<p>OK</p>"})

    def test_no_access_to_another_company(self):
        other = self.env["res.company"].create({"name": "Other BV"})
        policy = self.env["hr.prevention.policy"].create(
            {
                "name": "Other policy",
                "company_id": other.id,
                "date_start": "2026-01-01",
                "date_end": "2030-12-31",
            }
        )
        plan = self.env["hr.prevention.year.plan"].create(
            {"year": 2026, "policy_id": policy.id, "company_id": other.id}
        )
        action = self.env["hr.prevention.action"].create(
            {
                "name": "Other action",
                "domain": "work_content",
                "year_plan_id": plan.id,
                "company_id": other.id,
            }
        )
        for role in ("taskforce", "hr", "admin"):
            with self.subTest(role=role):
                env = self._env(role)
                self.assertNotIn(policy, env["hr.prevention.policy"].search([]))
                for record in (policy, plan, action):
                    with self.assertRaises(AccessError):
                        record.with_env(env).read(["display_name"])

from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common_reintegration import ReintegrationCase


@tagged("post_install", "-at_install", "is_query_count")
@freeze_time("2026-11-02")
class TestReintegrationPerformance(ReintegrationCase):
    """Generating and applying the gradual schedules of many plans: the same
    queries for 5 and for 25 plans, the work Odoo does at commit (tracking,
    mail) counted, and Odoo's internals left as they are (sizes under the
    ORM's batch of 100 rows)."""

    SIZES = (5, 25)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        employees = cls.env["hr.employee"].create(
            [
                {
                    "name": f"Returner {index}",
                    "company_id": cls.company.id,
                    "resource_calendar_id": cls.calendar_38h.id,
                }
                for index in range(5 + sum(cls.SIZES))
            ]
        )
        cls.plans = cls.Plan.create(
            [
                {"employee_id": employee.id, "date_start": date(2026, 11, 9)}
                for employee in employees
            ]
        )

    def _generate(self, plans):
        plans._generate_schedules(
            40, 20, 2, target=80, weekdays=("mon", "tue", "wed", "thu")
        )
        self._as_running(plans)
        self.env.flush_all()

    def _apply(self, plans):
        """What the daily job does for ``plans``, and what Odoo does at
        commit: the tracking of the employees' schedules is written there."""
        plans._apply_schedules(date(2026, 11, 24))
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.cr.postcommit.run()

    def _as_running(self, plans):
        """Hundreds of plans running at once: the system puts them there
        (as a data migration would), not hundreds of employees accepting
        their plan one by one; the moves themselves are proven in
        ``test_workflow_plan``. Measured in both batches alike."""
        with plans._workflow_system():
            plans.write(
                {"state": "running", "original_calendar_id": self.calendar_38h.id}
            )

    def _fresh(self, plans, tracked=False):
        self.env.flush_all()
        self.env.invalidate_all()
        context = dict(self.env.context)
        if tracked:
            context.pop("tracking_disable", None)
        return plans.with_env(self.env(context=context)).browse(plans.ids)

    def _counted(self, method, plans, budget=None):
        before = self.cr.sql_log_count
        if budget is None:
            method(plans)
        else:
            with self.assertQueryCount(budget):
                method(plans)
        return self.cr.sql_log_count - before

    def test_query_count_does_not_grow_with_plans(self):
        # The first run creates the reduced calendars.
        warm = self.plans[:5]
        self._generate(self._fresh(warm))
        self._apply(self._fresh(warm, tracked=True))
        small = self.plans[5 : 5 + self.SIZES[0]]
        large = self.plans[5 + self.SIZES[0] :]
        self.assertEqual(len(large), self.SIZES[1])
        # Generating the schedules (the wizard's work for many plans).
        generate = self._counted(self._generate, self._fresh(small))
        self._counted(self._generate, self._fresh(large), budget=generate)
        # Applying them, as the daily job does, with the tracking at commit.
        apply = self._counted(self._apply, self._fresh(small, tracked=True))
        self._counted(self._apply, self._fresh(large, tracked=True), budget=apply)
        self.assertEqual(
            set(large.phase_ids.mapped("state")), {"done", "running", "planned"}
        )
        employees = large.employee_id
        self.assertEqual(len(employees.resource_calendar_id), 1)
        self.assertAlmostEqual(
            employees.resource_calendar_id._weekly_hours(), 22.8, places=1
        )
        # The audit trail: every employee's change of schedule is in their
        # chatter, once.
        values = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "hr.employee"),
                ("mail_message_id.res_id", "in", employees.ids),
                ("field_id.name", "=", "resource_calendar_id"),
            ]
        )
        self.assertEqual(
            sorted(values.mail_message_id.mapped("res_id")), sorted(employees.ids)
        )
        for value in values:
            self.assertEqual(value.old_value_char, self.calendar_38h.display_name)
            self.assertEqual(
                value.new_value_char, employees.resource_calendar_id.display_name
            )

from contextlib import ExitStack
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .common_reintegration import ReintegrationCase

# The ORM splits any INSERT or UPDATE into chunks of 100 rows and any
# prefetch into chunks of 1000 records: one more query per chunk, whatever
# the code does. The test lifts these chunk sizes so that it measures the
# queries of the schedule code itself, which must not depend on the number
# of plans.
ORM_CHUNKS = ("INSERT_BATCH_SIZE", "UPDATE_BATCH_SIZE", "PREFETCH_MAX")


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestReintegrationPerformance(ReintegrationCase):
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
                for index in range(515)
            ]
        )
        cls.plans = cls.Plan.create(
            [
                {"employee_id": employee.id, "date_start": date(2026, 11, 9)}
                for employee in employees
            ]
        )

    def _generate_and_apply(self, plans):
        plans._generate_schedules(
            40, 20, 2, target=80, weekdays=("mon", "tue", "wed", "thu")
        )
        self._as_running(plans)
        plans._apply_schedules(date(2026, 11, 24))

    def _as_running(self, plans):
        """Hundreds of plans running at once: the system puts them there
        (as a data migration would), not hundreds of employees accepting
        their plan one by one; the moves themselves are proven in
        ``test_workflow_plan``. Measured in both batches alike."""
        with plans._workflow_system():
            plans.write(
                {"state": "running", "original_calendar_id": self.calendar_38h.id}
            )

    def _fresh(self, plans):
        self.env.flush_all()
        self.env.invalidate_all()
        return plans.browse(plans.ids)

    def test_query_count_does_not_grow_with_plans(self):
        with ExitStack() as stack:
            for name in ORM_CHUNKS:
                stack.enter_context(patch(f"odoo.models.{name}", 100_000))
            # The first run creates the reduced calendars.
            self._generate_and_apply(self._fresh(self.plans[:5]))
            small = self._fresh(self.plans[5:15])
            before = self.cr.sql_log_count
            self._generate_and_apply(small)
            self.env.flush_all()
            small_count = self.cr.sql_log_count - before
            large = self._fresh(self.plans[15:])
            self.assertEqual(len(large), 500)
            with self.assertQueryCount(small_count):
                self._generate_and_apply(large)
                self.env.flush_all()
        self.assertEqual(
            set(large.phase_ids.mapped("state")), {"done", "running", "planned"}
        )
        employees = large.employee_id
        self.assertEqual(len(employees.resource_calendar_id), 1)
        self.assertAlmostEqual(
            employees.resource_calendar_id._weekly_hours(), 22.8, places=1
        )

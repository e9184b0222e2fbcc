from datetime import date, timedelta

from freezegun import freeze_time
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged

from ..models.hr_reintegration_phase import MAX_PHASES, generate_phases
from .common_reintegration import ReintegrationCase

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


@tagged("post_install", "-at_install")
class TestReintegrationProperties(ReintegrationCase):
    @settings(max_examples=300, deadline=None)
    @given(
        start_date=st.dates(date(2020, 1, 1), date(2035, 12, 31)),
        start=st.integers(1, 100) | st.floats(0.5, 100, allow_nan=False),
        step=st.integers(1, 100) | st.floats(0.5, 100, allow_nan=False),
        weeks=st.integers(1, 12),
        target=st.integers(1, 100),
    )
    def test_generator_properties(self, start_date, start, step, weeks, target):
        start, step = round(start, 2), round(step, 2)
        assume(start <= target)
        assume(target == start or (target - start) / step < MAX_PHASES - 1)
        phases = generate_phases(start_date, start, step, weeks, target)
        self.assertEqual(phases[0]["date_start"], start_date)
        previous = None
        for phase in phases:
            self.assertLessEqual(phase["date_start"], phase["date_end"])
            self.assertEqual(
                (phase["date_end"] - phase["date_start"]).days + 1, weeks * 7
            )
            self.assertGreater(phase["percentage"], 0)
            self.assertLessEqual(phase["percentage"], 100)
            if previous:
                # Consecutive: no gap, no overlap; never decreasing.
                self.assertEqual(
                    phase["date_start"], previous["date_end"] + timedelta(days=1)
                )
                self.assertGreaterEqual(phase["percentage"], previous["percentage"])
                self.assertGreater(phase["sequence"], previous["sequence"])
            previous = phase
        self.assertEqual(phases[-1]["percentage"], target)
        total = (phases[-1]["date_end"] - start_date).days + 1
        self.assertEqual(total, len(phases) * weeks * 7)

    @settings(max_examples=25, deadline=None)
    @given(
        start=st.integers(10, 60),
        step=st.integers(10, 50),
        weeks=st.integers(1, 3),
        days=st.sets(st.sampled_from(WEEKDAYS)),
        offsets=st.lists(st.integers(-7, 70), min_size=1, max_size=3),
        complete=st.booleans(),
    )
    def test_apply_then_stop_restores_the_original(
        self, start, step, weeks, days, offsets, complete
    ):
        target = min(100, 20 * len(days)) if days else 100
        assume(start <= target)
        original = self.calendar_38h
        self.jan.resource_calendar_id = original
        with freeze_time("2026-11-02"):
            plan = self._plan()
            self._generate(plan, start, step, weeks, target, tuple(sorted(days)))
            plan.action_propose()
            plan.with_user(self.jan_user).action_accept()
            plan.with_user(self.hr_user).action_start()
        for offset in offsets:
            day = date(2026, 11, 9) + timedelta(days=offset)
            with freeze_time(day):
                plan._apply_schedules()
                phase = plan.phase_ids.filtered(
                    lambda p, d=day: p.date_start <= d <= p.date_end
                )
                expected = phase.hours_per_week if phase else original._weekly_hours()
                self.assertAlmostEqual(
                    self.jan.resource_calendar_id._weekly_hours(), expected, delta=0.1
                )
        with freeze_time(plan.date_end + timedelta(days=1)):
            if complete and plan.phase_ids[-1].percentage == 100:
                plan._apply_schedules()
                plan.with_user(self.hr_user).action_complete()
            else:
                plan.with_user(self.hr_user).action_stop()
        self.assertEqual(self.jan.resource_calendar_id, original)
        self.assertFalse(plan.applied_calendar_id)

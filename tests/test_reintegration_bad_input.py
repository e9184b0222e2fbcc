from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_reintegration import ReintegrationCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestReintegrationBadInput(ReintegrationCase):
    def _phase(self, plan, start, end, percentage=50, sequence=10):
        return {
            "plan_id": plan.id,
            "date_start": start,
            "date_end": end,
            "percentage": percentage,
            "sequence": sequence,
        }

    def test_phase_checks(self):
        plan = self._plan(date_end=date(2026, 12, 31))
        Phase = self.env["hr.reintegration.phase"].with_user(self.hr_user)
        cases = {
            "above 0%": [self._phase(plan, "2026-11-09", "2026-11-22", 0)],
            "at most 100%": [self._phase(plan, "2026-11-09", "2026-11-22", 120)],
            "outside the plan": [self._phase(plan, "2026-11-02", "2026-11-22")],
            "outside the plan's": [self._phase(plan, "2026-12-01", "2027-01-22")],
            "overlap": [
                self._phase(plan, "2026-11-09", "2026-11-22"),
                self._phase(plan, "2026-11-20", "2026-11-30", 60, 20),
            ],
            "not in the order": [
                self._phase(plan, "2026-11-23", "2026-11-30", 60, 10),
                self._phase(plan, "2026-11-09", "2026-11-22", 50, 20),
            ],
            "without a gap": [
                self._phase(plan, "2026-11-09", "2026-11-22"),
                self._phase(plan, "2026-11-25", "2026-11-30", 60, 20),
            ],
            "before it starts": [self._phase(plan, "2026-11-22", "2026-11-09")],
        }
        for message, vals_list in cases.items():
            with (
                self.subTest(message),
                self.assertRaisesRegex(ValidationError, message),
            ):
                with self.env.cr.savepoint():
                    Phase.create(vals_list)
            self.assertFalse(plan.phase_ids)

    def test_generator_input(self):
        plan = self._plan(date_end=date(2026, 12, 1))
        for vals, message in (
            ({"start": 0}, "above 0"),
            ({"start": 120}, "above 0"),
            ({"target": 30, "start": 50}, "target"),
            ({"step": 0}, "step"),
            ({"weeks": 0}, "one week"),
            ({"step": 1}, "phases"),
            ({}, "validity"),  # 8 weeks do not fit before 1 December
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
            ):
                with self.env.cr.savepoint():
                    self._generate(plan, **vals)
            self.assertFalse(plan.phase_ids)

    def test_state_and_lock(self):
        plan = self._plan()
        self._generate(plan)
        # A draft is not shown to the employee: they cannot accept it (nor
        # learn what state it is in).
        with self.assertRaises(AccessError):
            plan.with_user(self.jan_user).action_accept()
        # HR cannot accept it for them, in no state.
        with self.assertRaisesRegex(UserError, "Draft and cannot become Accepted"):
            plan.with_user(self.hr_user).action_accept()
        self.assertEqual(plan.state, "draft")
        with self.assertRaisesRegex(UserError, "Plan the gradual schedule"):
            self._plan().with_user(self.hr_user).action_propose()
        plan.with_user(self.hr_user).action_propose()
        plan.with_user(self.jan_user).action_accept()
        with self.assertRaisesRegex(UserError, "Accepted and cannot become Accepted"):
            plan.with_user(self.jan_user).action_accept()
        as_hr = plan.with_user(self.hr_user)
        for vals in (
            {"adapted_work": "Other"},
            {"date_end": date(2027, 6, 1)},
            {
                "adaptation_ids": [
                    (0, 0, {"description": "x", "adaptation_type": "task"})
                ]
            },
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "content"):
                as_hr.write(vals)
        with self.assertRaisesRegex(UserError, "content"):
            as_hr.phase_ids[0].percentage = 45
        with self.assertRaisesRegex(UserError, "content"):
            as_hr.agreement_ids.create(
                {
                    "plan_id": plan.id,
                    "critical_signal": "a",
                    "what_to_do": "b",
                    "contact": "c",
                }
            )
        self.assertEqual(plan.phase_ids[0].percentage, 40)
        # Operational follow-up stays editable.
        as_hr.write({"return_exam_date": date(2026, 11, 12), "coach_user_id": False})
        with self.assertRaisesRegex(UserError, "Accepted and cannot become Completed"):
            as_hr.action_complete()
        self.assertEqual(plan.state, "accepted")

    def test_progressive_authorisation_at_most_two_years(self):
        plan = self._plan()
        with self.assertRaisesRegex(ValidationError, "at most 2 years"):
            plan.write(
                {
                    "progressive_authorised_date": date(2026, 10, 1),
                    "progressive_authorised_until": date(2028, 10, 2),
                }
            )
        plan.write(
            {
                "progressive_authorised_date": date(2026, 10, 1),
                "progressive_authorised_until": date(2028, 10, 1),
            }
        )

    def test_completing_below_100_needs_a_reason(self):
        plan = self._plan()
        self._generate(plan, start=40, step=20, target=80)
        plan.action_propose()
        plan.with_user(self.jan_user).action_accept()
        plan.with_user(self.hr_user).action_start()
        with self.assertRaisesRegex(UserError, "below the normal regime"):
            plan.with_user(self.hr_user).action_complete()
        plan.not_full_reason = "Part-time 4/5 agreed as the new normal."
        plan.with_user(self.hr_user).action_complete()
        self.assertEqual(plan.state, "completed")

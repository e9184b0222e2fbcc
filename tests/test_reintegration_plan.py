from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import format_date

from .common_reintegration import MODULE, ReintegrationCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestReintegrationPlan(ReintegrationCase):
    def test_phase_names_say_number_share_and_dates(self):
        plan = self._plan()
        starts = [date(2026, 11, 9) + timedelta(weeks=2 * i) for i in range(4)]
        self.env["hr.reintegration.phase"].with_user(self.hr_user).create(
            [
                {
                    "plan_id": plan.id,
                    "sequence": (index + 1) * 10,
                    "percentage": percentage,
                    "date_start": start,
                    "date_end": start + timedelta(days=13),
                }
                for index, (start, percentage) in enumerate(
                    zip(starts, (50, 60, 80, 100), strict=True)
                )
            ]
        )
        second = plan.phase_ids.sorted("date_start")[1]
        self.assertTrue(second.display_name.startswith("Phase 2: 60% ("))
        start = format_date(self.env, date(2026, 11, 23))
        end = format_date(self.env, date(2026, 12, 6))
        self.assertEqual(second.display_name, f"Phase 2: 60% ({start} - {end})")
        # Before the plan starts, no phase is current.
        self.assertFalse(plan.current_phase_id)
        # On the plan's first day, the current phase shows as phase 1.
        with freeze_time("2026-11-09"):
            plan.invalidate_recordset(["current_phase_id"])
            self.assertTrue(
                plan.current_phase_id.display_name.startswith("Phase 1: 50% (")
            )
        with freeze_time("2026-12-06"):
            plan.invalidate_recordset(["current_phase_id"])
            self.assertEqual(plan.current_phase_id, second)

    def test_new_user_flow(self):
        """HR generates 4 phases and proposes; the employee accepts in their
        own session; the schedule follows the phases and comes back."""
        plan = self._plan()
        phases = self._generate(plan)
        self.assertEqual(phases.mapped("percentage"), [40, 60, 80, 100])
        self.assertEqual(phases[0].hours_per_week, 15.2)  # 40% of 38 h
        self.assertEqual(plan.date_end, date(2027, 1, 3))
        plan.with_user(self.hr_user).action_propose()
        self.assertEqual(plan.reply_deadline, date(2026, 11, 16))
        with self.assertRaises(AccessError):
            plan.with_user(self.manager_user).action_accept()
        with self.assertRaises(AccessError):
            plan.with_user(self.hr_user).action_accept()
        plan.with_user(self.jan_user).action_accept()
        self.assertEqual(plan.state, "accepted")
        plan.with_user(self.hr_user).action_start()
        self.assertEqual(plan.original_calendar_id, self.calendar_38h)
        review = self.env.ref(f"{MODULE}.mail_activity_type_phase_review")
        reviews = plan.activity_ids.filtered(lambda a: a.activity_type_id == review)
        self.assertEqual(len(reviews), 4)
        self.assertEqual(reviews.user_id, self.manager_user)
        # Before the first phase: the normal schedule.
        self.assertEqual(self.jan.resource_calendar_id, self.calendar_38h)
        with freeze_time("2026-11-10"):
            self.Plan._cron_apply_schedules()
            reduced = self.jan.resource_calendar_id
            self.assertNotEqual(reduced, self.calendar_38h)
            self.assertEqual(reduced.reintegration_base_id, self.calendar_38h)
            self.assertAlmostEqual(reduced._weekly_hours(), 15.2, places=1)
            self.assertEqual(phases[0].state, "running")
        with freeze_time("2026-12-08"):
            self.Plan._cron_apply_schedules()
            self.assertAlmostEqual(
                self.jan.resource_calendar_id._weekly_hours(), 30.4, places=1
            )
            self.assertEqual(
                phases.mapped("state"), ["done", "done", "running", "planned"]
            )
        with freeze_time("2027-01-04"):
            self.Plan._cron_apply_schedules()
            self.assertEqual(self.jan.resource_calendar_id, self.calendar_38h)
            plan.with_user(self.hr_user).action_complete()
        self.assertEqual(plan.state, "completed")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(f"{MODULE}.hr_reintegration_plan_report", plan.ids)[0]
            .decode()
        )
        for text in (
            "Jan Returner",
            "Hours per week",
            "30.4",
            "occupational physician",
        ):
            self.assertIn(text, html)

    def test_same_reduced_calendar_is_reused(self):
        first = self._running()
        second = self._running(
            self.new_returner(
                "Second", self.new_user("employee", login="wb_test_second")
            )
        )
        with freeze_time("2026-11-10"):
            (first | second)._apply_schedules()
        self.assertEqual(first.applied_calendar_id, second.applied_calendar_id)

    def test_stop_restores_at_once(self):
        plan = self._running()
        with freeze_time("2026-11-24"):
            plan._apply_schedules()
            self.assertNotEqual(self.jan.resource_calendar_id, self.calendar_38h)
            plan.with_user(self.hr_user).action_stop()
        self.assertEqual(self.jan.resource_calendar_id, self.calendar_38h)
        self.assertEqual(plan.state, "stopped")
        review = self.env.ref(f"{MODULE}.mail_activity_type_phase_review")
        self.assertFalse(
            plan.activity_ids.filtered(lambda a: a.activity_type_id == review)
        )

    def test_fixed_weekdays(self):
        plan = self._plan()
        phases = self._generate(
            plan, start=40, step=10, target=60, days=("mon", "tue", "thu")
        )
        self.assertEqual(phases[0].working_days, "Mon, Tue, Thu")
        with self.assertRaisesRegex(ValidationError, "does not fit"):
            self._generate(plan, start=80, step=20, days=("mon", "tue"))
        # Nothing half-written: the first schedule is still there.
        self.assertEqual(plan.phase_ids, phases)
        plan.action_propose()
        plan.with_user(self.jan_user).action_accept()
        plan.with_user(self.hr_user).action_start()
        with freeze_time("2026-11-10"):
            plan._apply_schedules()
        calendar = self.jan.resource_calendar_id
        self.assertEqual(
            set(calendar._work_slots().mapped("dayofweek")), {"0", "1", "3"}
        )
        self.assertAlmostEqual(calendar._weekly_hours(), 15.2, places=1)

    def test_refusal_needs_a_reason_and_reaches_the_trajectory(self):
        case = self.env["hr.absence.case"].create(
            {"employee_id": self.jan.id, "date_start": date(2026, 6, 1)}
        )
        rit = self.env["hr.reintegration.trajectory"].create(
            {
                "case_id": case.id,
                "request_date": date(2026, 9, 1),
                "requester": "employee",
                "physician_user_id": self.physician_user.id,
            }
        )
        # A plan follows a decision A or B: proposing it sends it.
        rit.write(
            {
                "decision": "A",
                "decision_date": date(2026, 10, 15),
                "decision_received_date": date(2026, 10, 20),
            }
        )
        rit.action_confirm_decision()
        plan = self._plan(kind="rit", trajectory_id=rit.id, case_id=case.id)
        self._generate(plan)
        plan.with_user(self.hr_user).action_propose()
        self.assertEqual(
            (rit.state, rit.plan_sent_date), ("plan_sent", date(2026, 11, 2))
        )
        action = plan.with_user(self.jan_user).action_refuse()
        self.assertEqual(action["res_model"], "hr.reintegration.refuse.wizard")
        with self.assertRaises(UserError):
            plan.with_user(self.jan_user).action_refuse(reason="  ")
        wizard = self.env["hr.reintegration.refuse.wizard"].with_user(self.jan_user)
        wizard.create({"plan_id": plan.id, "reason": "Too fast for me"}).action_refuse()
        self.assertEqual(plan.state, "refused")
        self.assertEqual(rit.employee_reply, "refused")
        self.assertEqual(rit.employee_reply_date, date(2026, 11, 2))
        # The reasons stay on the plan (HR and the employee read them); the
        # trajectory keeps the fact and the day, and ends (issue 11, 12).
        self.assertEqual(plan.refusal_reason, "Too fast for me")
        self.assertNotIn("employee_refusal_reason", rit._fields)
        self.assertEqual(
            (rit.state, rit.end_reason, rit.end_date),
            ("ended", "plan_refused", date(2026, 11, 2)),
        )
        # HR revises it.
        plan.with_user(self.hr_user).action_reset_draft()
        self.assertEqual(plan.state, "draft")

    def test_rit_plan_needs_its_trajectory(self):
        with self.assertRaises(ValidationError):
            self._plan(kind="rit")

    def test_return_exam_and_followups(self):
        self.company.resource_calendar_id = self.calendar_38h
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Armistice",
                "calendar_id": self.calendar_38h.id,
                "company_id": self.company.id,
                "date_from": "2026-11-11 00:00:00",
                "date_to": "2026-11-11 23:59:59",
            }
        )
        plan = self._plan(start=date(2026, 11, 2), health_surveillance=True)
        # 10 working days after Monday 2 November, skipping 11 November.
        self.assertEqual(plan.return_exam_deadline, date(2026, 11, 17))
        self.assertEqual(plan.followup_deadline, date(2027, 2, 2))
        plan.return_exam_date = date(2026, 11, 18)
        self.assertTrue(plan.return_exam_late)
        plan.write(
            {"followup_1_date": date(2026, 12, 1), "followup_2_date": date(2027, 1, 15)}
        )
        self.assertFalse(plan.followup_late)

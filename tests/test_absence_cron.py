from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import MODULE
from .common_absence import AbsenceCase, D

# Calls of the cron on one day before it must have done all its work (its
# query counts and pages: test_scale_absence).
MAX_CRON_CALLS = 200


@tagged("post_install", "-at_install")
class TestAbsenceCron(AbsenceCase):
    def _activities(self, case):
        return self.env["mail.activity"].search(
            [
                "|",
                "&",
                ("res_model", "=", "hr.absence.case"),
                ("res_id", "=", case.id),
                "&",
                ("res_model", "=", "hr.reintegration.trajectory"),
                ("res_id", "in", case.trajectory_ids.ids),
            ]
        )

    def _run(self, day):
        """Run the cron on `day` as the scheduler does: called again while
        it reports remaining work (the database may hold other companies'
        cases, which it processes too)."""
        with freeze_time(day):
            for _i in range(MAX_CRON_CALLS):
                if not self.Case._cron_process_deadlines():
                    # As at the end of the cron's transaction.
                    self.env.flush_all()
                    return
        self.fail(f"the cron still had work after {MAX_CRON_CALLS} calls")

    def _on(self, day, records, field):
        """``field`` of ``records`` read on ``day``: overdue is live, a fact
        of the day it is read."""
        with freeze_time(day):
            records.invalidate_recordset([field])
            return records.mapped(field)

    def test_cron_is_idempotent_flags_overdue_and_closes_obsolete(self):
        case = self._case(
            D(2026, 3, 2), hr_responsible_id=self.hr_user.id, contact_frequency=14
        )
        self._run("2026-03-25")  # day-28 milestones are within the 7 days ahead
        activities = self._activities(case)
        milestones = activities.filtered("absence_milestone_id")
        self.assertEqual(
            sorted(milestones.absence_milestone_id.mapped("code")),
            ["inform_ohs", "letter_pre_return"],
        )
        self.assertEqual(milestones.user_id, self.hr_user)
        self.assertEqual(self._on("2026-03-25", case, "has_overdue"), [False])
        self._run("2026-03-25")
        self.assertEqual(self._activities(case), activities)
        # Overdue the day after the deadline.
        self.assertEqual(self._on("2026-03-30", case, "has_overdue"), [False])
        self.assertEqual(self._on("2026-03-31", case, "has_overdue"), [True])
        overdue = self._on("2026-03-31", case.milestone_ids, "is_overdue")
        self.assertEqual(overdue.count(True), 2)
        # The letter is sent: its activity is gone.
        with freeze_time("2026-04-01"):
            case.action_mark_letter_sent()
        self._run("2026-04-01")
        codes = self._activities(case).absence_milestone_id.mapped("code")
        self.assertEqual(codes, ["inform_ohs"])
        # Doing the activity ticks the milestone.
        with freeze_time("2026-04-02"):
            self._activities(case).filtered("absence_milestone_id").action_done()
        inform = case.milestone_ids.filtered(lambda m: m.code == "inform_ohs")
        self.assertTrue(inform.done)
        self._run("2026-04-02")
        self.assertEqual(self._on("2026-04-02", case, "has_overdue"), [False])
        self.assertFalse(self._activities(case).filtered("absence_milestone_id"))

    def test_steps_late_beyond_the_catch_up_get_no_activity(self):
        """A case registered long after its start: its steps due within the
        catch-up days (a company setting) get their activity; older ones are
        flagged overdue, shown on the case, without an activity each."""
        self.assertEqual(self.env.company.absence_activity_catch_up_days, 30)
        case = self._case(D(2026, 3, 2), hr_responsible_id=self.hr_user.id)
        steps = case.milestone_ids.filtered(
            lambda m: not m.information_only and m.date_deadline
        )
        day = max(steps.mapped("date_deadline")) + timedelta(days=10)
        self._run(day)
        oldest = day - timedelta(days=30)
        late = steps.filtered(lambda m: m.date_deadline < oldest)
        recent = steps - late
        self.assertTrue(late, "the case has steps late beyond the catch-up")
        self.assertTrue(recent, "the case has steps late within the catch-up")
        self.assertEqual(
            self._activities(case).absence_milestone_id,
            recent.filtered(lambda m: not m.done and not m.no_longer_needed),
        )
        self.assertEqual(set(self._on(day, late, "is_overdue")), {True})
        self.assertEqual(set(self._on(day, late, "status")), {"overdue"})
        self.assertEqual(self._on(day, case, "has_overdue"), [True])
        # No contact reminder either: the contact was due long ago.
        self.assertFalse(
            self._activities(case).filtered(
                lambda a: a.activity_type_id
                == self.env.ref(f"{MODULE}.mail_activity_type_absence_contact")
            )
        )
        # With more catch-up days, the next run gives the older ones too.
        self.env.company.absence_activity_catch_up_days = 400
        self._run(day)
        self.assertEqual(
            self._activities(case).absence_milestone_id,
            steps.filtered(lambda m: not m.done and not m.no_longer_needed),
        )

    def test_contact_due_and_fading_contact(self):
        contact_person = self.manager_user
        self.assertEqual(self.employee.parent_id.user_id, contact_person)
        case = self._case(
            D(2026, 3, 2),
            hr_responsible_id=self.hr_user.id,
            contact_user_id=contact_person.id,
            contact_frequency=7,
        )
        contact_type = self.env.ref(
            "hr_burnout_prevention.mail_activity_type_absence_contact"
        )
        fading_type = self.env.ref(
            "hr_burnout_prevention.mail_activity_type_fading_contact"
        )
        self._run("2026-03-08")
        self.assertFalse(
            self._activities(case).filtered(
                lambda a: a.activity_type_id == contact_type
            )
        )
        self._run("2026-03-09")
        due = self._activities(case).filtered(
            lambda a: a.activity_type_id == contact_type
        )
        self.assertEqual(due.user_id, contact_person)
        self.assertEqual(due.date_deadline, D(2026, 3, 9))
        self._run("2026-03-10")
        self.assertEqual(
            self._activities(case).filtered(
                lambda a: a.activity_type_id == contact_type
            ),
            due,
        )
        self._run("2026-03-23")  # 3 x 7 days without contact
        fading = self._activities(case).filtered(
            lambda a: a.activity_type_id == fading_type
        )
        self.assertEqual(fading.user_id, self.hr_user)
        # The manager logs a contact: both alerts close, the next one is planned.
        with freeze_time("2026-03-24"):
            self.env["hr.absence.contact"].with_user(contact_person).create(
                {"case_id": case.id, "channel": "phone", "note": "Short call."}
            )
        self.assertEqual(case.next_contact_date, D(2026, 3, 31))
        self.assertFalse(
            self._activities(case).filtered(
                lambda a: a.activity_type_id in (contact_type | fading_type)
            )
        )
        # A pause silences the reminders.
        case.contact_pause_until = D(2026, 4, 30)
        self._run("2026-04-15")
        self.assertFalse(
            self._activities(case).filtered(
                lambda a: a.activity_type_id in (contact_type | fading_type)
            )
        )

    def test_rit_deadline_goes_to_the_physician_and_closes_with_the_trajectory(self):
        physician = self.physician_user
        case = self._case(D(2026, 1, 5), hr_responsible_id=self.hr_user.id)
        rit = self.Rit.create(
            {
                "case_id": case.id,
                "request_date": D(2026, 3, 2),
                "requester": "employee",
                "physician_user_id": physician.id,
            }
        )
        # Two invitations refused, 14 days apart, before the deadline nears.
        for day in ("2026-03-18", "2026-04-01"):
            with freeze_time(day):
                rit.with_user(physician).action_register_refused_invitation()
        self.assertEqual(rit.state, "requested")
        self._run("2026-04-15")
        rit_activity = self._activities(case).filtered(
            lambda a: a.res_model == "hr.reintegration.trajectory"
        )
        self.assertEqual(rit_activity.user_id, physician)
        self.assertEqual(rit_activity.date_deadline, D(2026, 4, 20))
        # The third ends the trajectory.
        with freeze_time("2026-04-16"):
            rit.with_user(physician).action_register_refused_invitation()
        self.assertEqual(rit.state, "ended")
        self._run("2026-04-17")
        self.assertFalse(
            self._activities(case).filtered(
                lambda a: a.res_model == "hr.reintegration.trajectory"
            )
        )

    def test_no_overdue_flag_nor_activity_for_steps_no_longer_needed(self):
        case = self._case(D(2026, 3, 2), hr_responsible_id=self.hr_user.id)
        self._run("2026-04-01")  # the day-28 steps are overdue, with activities
        self.assertEqual(self._on("2026-04-01", case, "has_overdue"), [True])
        self.assertTrue(self._activities(case).filtered("absence_milestone_id"))
        case.return_date = D(2026, 4, 2)
        with freeze_time("2026-04-02"):
            case.action_register_return()
        self._run("2026-04-03")
        steps = case.milestone_ids.filtered(lambda m: m.code != "return_exam")
        self.assertEqual(set(self._on("2026-04-03", steps, "status")), {"not_needed"})
        self.assertEqual(set(self._on("2026-04-03", steps, "is_overdue")), {False})
        self.assertEqual(self._on("2026-04-03", case, "has_overdue"), [False])
        self.assertFalse(steps.activity_ids)
        # 10 working days after 2 April 2026 (Easter Monday not on this
        # test company's schedule): 16 April; its activity comes, no other.
        self._run("2026-04-10")
        codes = self._activities(case).absence_milestone_id.mapped("code")
        self.assertEqual(codes, ["return_exam"])

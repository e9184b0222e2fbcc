from freezegun import freeze_time

from odoo.tests import tagged

from .common_absence import AbsenceCase, D

# Queries of one call of the deadline cron, whatever the number of cases.
CRON_QUERIES = 41


@tagged("post_install", "-at_install", "is_query_count")
class TestAbsenceCron(AbsenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr_user = cls.env.ref("hr_burnout_prevention.demo_user_hr")
        cls.manager_user = cls.env.ref("hr_burnout_prevention.demo_user_manager")
        # Existing demo cases are not part of these tests.
        cls.Case.search([]).write({"state": "closed"})

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
        with freeze_time(day):
            self.Case._cron_process_deadlines()

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
        self.assertFalse(case.has_overdue)
        self._run("2026-03-25")
        self.assertEqual(self._activities(case), activities)
        # Overdue the day after the deadline.
        self._run("2026-03-30")
        self.assertFalse(case.has_overdue)
        self._run("2026-03-31")
        self.assertTrue(case.has_overdue)
        self.assertEqual(len(case.milestone_ids.filtered("is_overdue")), 2)
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
        self.assertFalse(case.has_overdue)
        self.assertFalse(self._activities(case).filtered("absence_milestone_id"))

    def test_contact_due_and_fading_contact(self):
        contact_person = self.manager_user
        self.employee.parent_id = contact_person.employee_id
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
        physician = self.env.ref("hr_burnout_prevention.demo_user_physician")
        case = self._case(D(2026, 1, 5), hr_responsible_id=self.hr_user.id)
        rit = self.Rit.create(
            {
                "case_id": case.id,
                "request_date": D(2026, 3, 2),
                "requester": "employee",
                "physician_user_id": physician.id,
            }
        )
        self._run("2026-04-15")
        rit_activity = self._activities(case).filtered(
            lambda a: a.res_model == "hr.reintegration.trajectory"
        )
        self.assertEqual(rit_activity.user_id, physician)
        self.assertEqual(rit_activity.date_deadline, D(2026, 4, 20))
        with freeze_time("2026-04-16"):
            for _i in range(3):
                rit.sudo().write({"last_refused_invitation_date": False})
                rit.action_register_refused_invitation()
        self._run("2026-04-17")
        self.assertFalse(
            self._activities(case).filtered(
                lambda a: a.res_model == "hr.reintegration.trajectory"
            )
        )

    def _queries_for(self, count):
        employees = self.env["hr.employee"].create(
            [
                {"name": f"Load {count} {i}", "parent_id": self.manager.id}
                for i in range(count)
            ]
        )
        self.Case.with_context(mail_create_nolog=True).create(
            [
                {
                    "employee_id": employee.id,
                    "date_start": D(2026, 3, 2),
                    "hr_responsible_id": self.hr_user.id,
                    "contact_user_id": self.manager_user.id,
                    "contact_frequency": 7,
                }
                for employee in employees
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time("2026-04-01"):
            if count >= 10:
                with self.assertQueryCount(CRON_QUERIES):
                    self.Case._cron_process_deadlines()
            else:
                self.Case._cron_process_deadlines()
            # The cron calls itself again while work remains.
            for _i in range(40):
                if not self.Case._cron_process_deadlines():
                    break
            self.assertFalse(self.Case._cron_process_deadlines())
        contact_type = self.env.ref(
            "hr_burnout_prevention.mail_activity_type_absence_contact"
        )
        reminded = self.env["mail.activity"].search_count(
            [
                ("res_model", "=", "hr.absence.case"),
                ("activity_type_id", "=", contact_type.id),
                ("user_id", "=", self.manager_user.id),
            ]
        )
        self.assertEqual(reminded, count)

    def test_cron_query_count_does_not_grow_with_cases(self):
        # A first small run warms the caches (xml ids, models, subtypes);
        # then one call costs CRON_QUERIES queries for 10 and for 300 cases.
        for count in (3, 10, 300):
            with (
                self.subTest(cases=count),
                self.env.cr.savepoint(flush=False) as savepoint,
            ):
                self._queries_for(count)
                savepoint.rollback()
                self.env.invalidate_all()

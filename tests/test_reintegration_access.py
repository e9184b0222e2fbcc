from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_reintegration import ReintegrationCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestReintegrationAccess(ReintegrationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls._running_plan()
        cls.other_plan = cls.Plan.create(
            {"employee_id": cls.pieter.id, "date_start": "2026-11-09"}
        )
        with freeze_time("2026-11-10"):
            cls.checkin = (
                cls.env["hr.reintegration.checkin"]
                .with_user(cls.jan_user)
                .create({"plan_id": cls.plan.id, "load": "heavier", "need_talk": True})
            )

    @classmethod
    def _running_plan(cls):
        plan = cls.Plan.create(
            {
                "employee_id": cls.jan.id,
                "date_start": "2026-11-09",
                "coach_user_id": cls.paps_user.id,
            }
        )
        plan._generate_schedules(40, 20, 2)
        plan.write(
            {
                "adaptation_ids": [(0, 0, {"description": "Quiet desk"})],
                "agreement_ids": [
                    (0, 0, {"critical_signal": "a", "what_to_do": "b", "contact": "c"})
                ],
            }
        )
        plan.action_propose()
        plan.with_user(cls.jan_user).action_accept()
        plan.action_start()
        return plan

    def _read(self, user, record):
        record.with_user(user).invalidate_recordset()
        return record.with_user(user).read(["display_name"])

    def test_manager_reads_reports_plans_not_other_teams(self):
        manager = self.manager_user
        self._read(manager, self.plan)
        self._read(manager, self.plan.phase_ids)
        self._read(manager, self.plan.checklist_ids)
        self._read(manager, self.plan.adaptation_ids)
        self._read(manager, self.plan.agreement_ids)
        with self.assertRaises(AccessError):
            self._read(manager, self.other_plan)
        sofie = self.Plan.create(
            {"employee_id": self.sofie.id, "date_start": "2026-11-09"}
        )
        self._read(manager, sofie)  # a report without a user of her own
        found = self.Plan.with_user(manager).search([])
        self.assertIn(self.plan, found)
        self.assertIn(sofie, found)
        self.assertNotIn(self.other_plan, found)

    def test_manager_updates_reviews_and_checklist_only(self):
        as_manager = self.plan.with_user(self.manager_user)
        phase = as_manager.phase_ids[0]
        phase.write({"review_done": True, "review_notes": "Went well"})
        self.assertTrue(phase.review_done)
        with self.assertRaises(AccessError):
            phase.write({"percentage": 45})
        item = as_manager.checklist_ids.filtered(lambda i: i.item == "manager_day1")
        item.write({"done": True})
        self.assertEqual(str(item.done_date), "2026-11-02")
        with self.assertRaises(AccessError):
            item.write({"message_to_team": "Everything"})
        with self.assertRaises(AccessError):
            as_manager.write({"adapted_work": "More"})
        with self.assertRaises(AccessError):
            as_manager.write({"coach_user_id": False})
        with self.assertRaises(AccessError):
            as_manager.action_stop()
        with self.assertRaises(AccessError):
            as_manager.read(["refusal_reason"])
        # Another team's manager cannot update the phases.
        other = self.other_plan.with_user(self.manager_user)
        with self.assertRaises(AccessError):
            other.phase_ids.create({"plan_id": self.other_plan.id})

    def test_manager_and_hr_never_see_checkins(self):
        Checkin = self.env["hr.reintegration.checkin"]
        for user in (self.manager_user, self.hr_user, self.taskforce_user):
            with self.subTest(user=user.login):
                self.assertFalse(Checkin.with_user(user).search([]))
                with self.assertRaises(AccessError):
                    self._read(user, self.checkin)

    def test_employee_reads_own_plan_answers_checkins(self):
        employee = self.jan_user
        self._read(employee, self.plan)
        self._read(employee, self.plan.phase_ids)
        with self.assertRaises(AccessError):
            self._read(employee, self.other_plan)
        draft = self.Plan.create(
            {"employee_id": self.jan.id, "date_start": "2027-03-01"}
        )
        with self.assertRaises(AccessError):
            self._read(employee, draft)
        with self.assertRaises(AccessError):
            self.plan.with_user(employee).write({"training": "x"})
        with self.assertRaises(AccessError):
            self.plan.phase_ids[0].with_user(employee).write({"review_done": True})
        self._read(employee, self.checkin)
        # Els (another employee) neither reads Jan's plan nor his check-ins.
        with self.assertRaises(AccessError):
            self._read(self.employee_user, self.plan)
        with self.assertRaises(AccessError):
            self._read(self.employee_user, self.checkin)

    def test_paps_reads_checkins_of_coached_plans(self):
        self._read(self.paps_user, self.checkin)
        self._read(self.paps_user, self.plan)
        with self.assertRaises(AccessError):
            self._read(self.other_paps, self.checkin)
        with self.assertRaises(AccessError):
            self.checkin.with_user(self.paps_user).write({"need_talk": False})
        with self.assertRaises(AccessError):
            self._read(self.paps_user, self.other_plan)

    def test_hr_drafts_and_proposes_for_the_company(self):
        plan = self._plan()
        self._generate(plan)
        plan.with_user(self.hr_user).action_propose()
        self._read(self.hr_user, self.other_plan)
        for user in (self.manager_user, self.taskforce_user, self.jan_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Plan.with_user(user).create(
                    {"employee_id": self.jan.id, "date_start": "2027-01-04"}
                )
        with self.assertRaises(AccessError):
            self.other_plan.with_user(self.manager_user).action_propose()
        self.assertFalse(self.Plan.with_user(self.taskforce_user).search([]))

    def test_physician_reads_proposed_plans(self):
        self._read(self.physician_user, self.plan)
        with self.assertRaises(AccessError):
            self._read(self.physician_user, self.other_plan)

    def test_checkin_alerts_go_to_the_advisor(self):
        checkin = self.checkin.with_user(self.jan_user)
        checkin.action_submit()
        self.assertEqual(checkin.activity_ids.user_id, self.paps_user)
        self.assertEqual(len(checkin.activity_ids), 1)  # need to talk
        with self.assertRaises(UserError):
            checkin.action_submit()
        with freeze_time("2026-11-17"):
            second = checkin.create({"plan_id": self.plan.id, "load": "heavier"})
            second.action_submit()
        self.assertEqual(second.alert, "heavier")
        self.assertEqual(second.activity_ids.user_id, self.paps_user)
        # The activities say nothing of the answers: a neutral summary, no
        # note, a plain to-do type; the alert shows on the check-in only.
        todo = self.env.ref("mail.mail_activity_data_todo")
        for activity in checkin.activity_ids | second.activity_ids:
            self.assertEqual(activity.activity_type_id, todo)
            self.assertEqual(
                activity.summary, "A confidential record needs your attention"
            )
            self.assertFalse(activity.note)
        # Nothing reaches the plan, which the manager reads, nor the manager.
        self.assertFalse(
            self.plan.activity_ids.filtered(
                lambda a: a.summary == "A confidential record needs your attention"
            )
        )
        self.assertFalse(
            self.env["mail.activity"]
            .search([("user_id", "=", self.manager_user.id)])
            .filtered(lambda a: a.res_model == checkin._name)
        )
        with self.assertRaises(AccessError):
            checkin.with_user(self.manager_user).action_submit()

    def test_weekly_checkin_cron(self):
        Checkin = self.env["hr.reintegration.checkin"]
        with freeze_time("2026-11-18"):
            # The cron serves every running plan of the database: look at
            # this test's plan only.
            created = Checkin._cron_create_checkins()
            mine = created.filtered(lambda c: c.plan_id == self.plan)
            self.assertEqual(len(mine), 1)
            self.assertEqual(str(mine.week_start), "2026-11-16")
            self.assertEqual(mine.activity_ids.user_id, self.jan_user)
            # Not for the draft plan of another team.
            self.assertNotIn(self.other_plan, created.plan_id)
            # Once a week: the second run creates nothing, for any plan.
            self.assertFalse(Checkin._cron_create_checkins())
        self.assertEqual(
            Checkin.search([("plan_id", "=", self.plan.id)]), mine | self.checkin
        )

    def test_the_advisor_records_the_contact(self):
        checkin = self.checkin.with_user(self.jan_user)
        checkin.action_submit()
        self.assertEqual(checkin.alert, "talk")
        # Nobody but the coach records it.
        for user in (self.jan_user, self.manager_user, self.other_paps):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.checkin.with_user(user).action_record_contact()
        self.checkin.invalidate_recordset()
        self.assertFalse(self.checkin.contact_date)
        with freeze_time("2026-11-12 10:00:00"):
            result = self.checkin.with_user(self.paps_user).action_record_contact()
        self.assertIs(result, True)
        self.assertEqual(self.checkin.contact_user_id, self.paps_user)
        self.assertEqual(str(self.checkin.contact_date), "2026-11-12 10:00:00")
        self.assertFalse(self.checkin.activity_ids)
        with self.assertRaises(UserError):
            self.checkin.with_user(self.paps_user).action_record_contact()
        with self.assertRaises(AccessError):
            self.checkin.with_user(self.paps_user).write(
                {"contact_user_id": self.paps_user.id}
            )

    def test_checkin_reads_are_logged(self):
        Log = self.env["hr.wellbeing.access.log"]
        Log._reset_request_memory()
        last = Log.search([], order="id desc", limit=1).id or 0
        as_paps = self.checkin.with_user(self.paps_user)
        as_paps.read(["load"])
        as_paps.search_read([("id", "=", self.checkin.id)], ["need_talk"])
        # One row per record and request, in words for the reader.
        logs = Log.search([("id", ">", last)])
        self.assertEqual(
            logs.mapped(lambda log: (log.res_model, log.res_id, log.user_id)),
            [(self.checkin._name, self.checkin.id, self.paps_user)],
        )
        self.assertEqual(logs.service, "psychosocial")
        self.assertEqual(logs.employee_id, self.jan)

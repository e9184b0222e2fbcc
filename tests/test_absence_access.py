from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_absence import AbsenceCase, D

TODAY = D(2026, 6, 15)


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestAbsenceAccess(AbsenceCase):
    """Each role on the cases of Marc's team: Els (absent for ten weeks, a
    contact plan she agreed with, contacts logged), Sofie (a trajectory with
    a decision A and its restrictions), Tom (back at work, his case closed),
    and a case of another team (Pieter, Customer Service)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        manager = cls.users["manager"]
        cls.case_els = cls._case_of(
            cls.els,
            TODAY - timedelta(weeks=10),
            expected_return_date=TODAY + timedelta(weeks=4),
            contact_frequency=14,
            contact_channel="phone",
            topics_to_avoid="The planning backlog and who covers her work.",
        )
        # Els agreed with it herself, at the first call.
        cls.case_els.with_user(cls.users["employee"]).action_agree_contact_plan(
            TODAY - timedelta(weeks=9)
        )
        cls.env["hr.absence.contact"].create(
            [
                {
                    "case_id": cls.case_els.id,
                    "date": TODAY - timedelta(weeks=weeks),
                    "channel": "phone",
                    "user_id": manager.id,
                    "note": "Short call.",
                }
                for weeks in (9, 6, 2)
            ]
        )
        cls.case_els.action_mark_letter_sent()

        cls.case_sofie = cls._case_of(
            cls.sofie, D(2025, 8, 4), contact_frequency=21, contact_channel="email"
        )
        cls.rit_sofie = cls.env["hr.reintegration.trajectory"].create(
            {
                "case_id": cls.case_sofie.id,
                "request_date": D(2025, 12, 15),
                "requester": "employee",
                "physician_user_id": cls.users["physician"].id,
            }
        )
        cls.rit_sofie.with_user(cls.users["physician"]).write(
            {
                "decision": "A",
                "decision_date": TODAY - timedelta(days=20),
                "decision_received_date": TODAY - timedelta(days=18),
                "functional_restrictions": "No night shifts, no lifting above 10 kg.",
                "restricted_hours": 20,
            }
        )
        cls.rit_sofie.with_user(cls.users["physician"]).action_confirm_decision()
        cls.rit_sofie.plan_or_report = "plan"

        cls.case_tom = cls._case_of(
            cls.tom,
            TODAY - timedelta(days=130),
            expected_return_date=TODAY - timedelta(days=45),
            return_date=TODAY - timedelta(days=44),
        )
        cls.case_tom.action_mark_letter_sent()
        cls.case_tom.action_register_return()
        cls.case_tom.action_close()

        cls.case_pieter = cls._case_of(cls.pieter, TODAY - timedelta(weeks=12))
        cls.rit_pieter = cls.env["hr.reintegration.trajectory"].create(
            {
                "case_id": cls.case_pieter.id,
                "request_date": TODAY - timedelta(weeks=4),
                "requester": "employee",
            }
        )
        cls.cases = cls.case_els | cls.case_sofie | cls.case_tom | cls.case_pieter

    @classmethod
    def _case_of(cls, employee, start, **values):
        return cls.env["hr.absence.case"].create(
            {
                "employee_id": employee.id,
                "date_start": start,
                "hr_responsible_id": cls.users["hr"].id,
                **values,
            }
        )

    def _env(self, role):
        return self.env(user=self.users[role])

    def _visible(self, role, model):
        return self._env(role)[model].search([])

    def test_the_story(self):
        """The records are what the other tests say they are."""
        self.assertEqual(
            self.cases.mapped("state"), ["absent", "absent", "closed", "absent"]
        )
        self.assertEqual(self.case_els.manager_user_id, self.users["manager"])
        self.assertEqual(self.case_pieter.manager_user_id, self.env["res.users"])
        self.assertEqual(self.rit_sofie.state, "decided")
        self.assertEqual(self.rit_sofie.rules_version, "2022")
        self.assertEqual(self.rit_pieter.state, "requested")

    def test_manager_reads_only_the_cases_of_their_reports(self):
        team = self.case_els | self.case_sofie | self.case_tom
        self.assertEqual(self._visible("manager", "hr.absence.case"), team)
        rits = self._visible("manager", "hr.reintegration.trajectory")
        self.assertEqual(rits, self.rit_sofie)
        with self.assertRaises(AccessError):
            self.case_pieter.with_user(self.users["manager"]).read(["date_start"])
        milestones = self._visible("manager", "hr.absence.milestone")
        self.assertTrue(self.case_pieter.milestone_ids)
        self.assertTrue(self.rit_sofie.milestone_ids)
        self.assertEqual(milestones, team.milestone_ids)

    def test_manager_writes_the_contact_log_but_nothing_else(self):
        env = self._env("manager")
        contact = env["hr.absence.contact"].create(
            {"case_id": self.case_els.id, "channel": "phone", "note": "Short call."}
        )
        self.assertEqual(contact.date, TODAY)
        self.assertEqual(contact.user_id, self.users["manager"])
        # What was logged stays: a correction is a new contact.
        with self.assertRaises(UserError):
            contact.note = "Short call, all fine."
        with self.assertRaises(UserError):
            contact.unlink()
        contact.invalidate_recordset()
        self.assertEqual(contact.note, "Short call.")
        correction = env["hr.absence.contact"].create(
            {
                "case_id": self.case_els.id,
                "channel": "phone",
                "note": "Short call, all fine.",
                "correction_of_id": contact.id,
            }
        )
        self.assertTrue(contact.is_corrected)
        self.assertEqual(contact.corrected_by_ids, correction)
        with self.assertRaises(AccessError):
            env["hr.absence.contact"].create(
                {"case_id": self.case_pieter.id, "channel": "phone"}
            )
        with self.assertRaises(AccessError):
            self.case_els.with_env(env).write({"contact_frequency": 3})
        milestone = self.case_els.milestone_ids[:1].with_env(env)
        self.assertTrue(milestone)
        with self.assertRaises(AccessError):
            milestone.write({"done": True})
        with self.assertRaises(UserError):
            milestone.action_mark_done()
        self.assertFalse(milestone.done)
        with self.assertRaises(AccessError):
            self.rit_sofie.with_env(env).write({"decision": "B"})
        with self.assertRaises(AccessError):
            self.rit_sofie.with_env(env).write({"plan_sent_date": TODAY})
        # Reading the restrictions and deadlines is fine.
        rit = self.rit_sofie.with_env(env)
        self.assertEqual(rit.decision, "A")
        self.assertTrue(rit.plan_deadline)
        self.assertFalse(rit.plan_sent_date)
        self.assertEqual(
            rit.functional_restrictions, "No night shifts, no lifting above 10 kg."
        )

    def test_hr_officer_sees_every_case_but_does_not_decide(self):
        self.assertEqual(self._visible("hr", "hr.absence.case"), self.cases)
        rits = self._visible("hr", "hr.reintegration.trajectory")
        self.assertEqual(rits, self.rit_sofie | self.rit_pieter)
        env = self._env("hr")
        with self.assertRaises(AccessError):
            self.rit_pieter.with_env(env).write({"decision": "A"})
        self.assertFalse(self.rit_pieter.decision)
        self.rit_pieter.with_env(env).write(
            {"physician_user_id": self.users["physician"].id}
        )
        self.case_pieter.with_env(env).write({"contact_frequency": 10})
        milestone = self.case_pieter.milestone_ids[:1]
        milestone.with_env(env).action_mark_done()
        self.assertEqual(self.rit_pieter.physician_user_id, self.users["physician"])
        self.assertEqual(self.case_pieter.contact_frequency, 10)
        self.assertTrue(milestone.done)
        self.assertEqual(milestone.done_date, TODAY)

    def test_physician_sets_the_decision_and_only_that(self):
        env = self._env("physician")
        rit = self.rit_pieter.with_env(env)
        rit.write(
            {
                "decision": "A",
                "decision_date": TODAY - timedelta(days=2),
                "decision_received_date": TODAY - timedelta(days=1),
                "functional_restrictions": "Half days, no phone duty.",
            }
        )
        rit.action_confirm_decision()
        self.assertEqual(self.rit_pieter.state, "decided")
        with self.assertRaises(AccessError):
            rit.write({"plan_sent_date": TODAY})
        with self.assertRaises(AccessError):
            self.case_pieter.with_env(env).write({"contact_frequency": 3})
        self.assertFalse(self.rit_pieter.plan_sent_date)
        self.assertEqual(self.case_pieter.contact_frequency, 14)

    def test_employee_sees_their_own_case_and_rit_dates_only(self):
        env = self._env("employee")
        self.assertEqual(self._visible("employee", "hr.absence.case"), self.case_els)
        self.assertFalse(self._visible("employee", "hr.absence.contact"))
        self.assertFalse(self._visible("employee", "hr.absence.milestone"))
        case = self.case_els.with_env(env)
        self.assertTrue(case.is_own_case)
        self.assertEqual(case.contact_user_id, self.users["manager"])
        self.assertTrue(case.topics_to_avoid)
        self.assertEqual(
            self.case_els.contact_plan_agreed_date, TODAY - timedelta(weeks=9)
        )
        # HR changes the plan: Els is asked to agree again, and does.
        self.case_els.with_user(self.users["hr"]).contact_frequency = 21
        self.assertFalse(self.case_els.contact_plan_agreed)
        self.assertFalse(self.case_els.contact_plan_agreed_date)
        case.action_agree_contact_plan()
        self.assertTrue(self.case_els.contact_plan_agreed)
        self.assertEqual(self.case_els.contact_plan_agreed_date, TODAY)
        request = self.case_els.date_start + timedelta(days=7)
        rit = self.env["hr.reintegration.trajectory"].create(
            {
                "case_id": self.case_els.id,
                "request_date": request,
                "requester": "employee",
            }
        )
        own = self._visible("employee", "hr.reintegration.trajectory")
        self.assertEqual(own, rit)
        self.assertEqual(own.assessment_deadline, request + timedelta(days=49))
        with self.assertRaises(AccessError):
            own.write({"request_date": request})
        with self.assertRaises(AccessError):
            self.case_sofie.with_env(env).read(["date_start"])
        with self.assertRaises(AccessError):
            env["hr.absence.contact"].create(
                {"case_id": self.case_els.id, "channel": "phone"}
            )

    def test_other_employees_cannot_agree_with_a_contact_plan(self):
        agreed = self.case_els.contact_plan_agreed_date
        with self.assertRaises(UserError):
            self.case_els.with_user(self.users["manager"]).action_agree_contact_plan()
        self.assertEqual(self.case_els.contact_plan_agreed_date, agreed)

    def test_taskforce_sees_no_individual_case(self):
        for model in (
            "hr.absence.case",
            "hr.absence.contact",
            "hr.absence.milestone",
            "hr.reintegration.trajectory",
        ):
            with self.subTest(model=model):
                # The records exist: the HR officer sees them.
                self.assertTrue(self._visible("hr", model))
                self.assertFalse(self._visible("taskforce", model))

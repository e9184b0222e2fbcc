from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

MODULE = "hr_burnout_prevention"


@tagged("post_install", "-at_install")
class TestAbsenceAccess(TransactionCase):
    """Each demo role on the demo cases (Els, Sofie with her RIT, Tom closed)
    and a case of another team (Pieter, Customer Service)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.users = {
            login: ref(f"{MODULE}.demo_user_{login}")
            for login in (
                "employee",
                "manager",
                "taskforce",
                "hr",
                "physician",
                "admin",
            )
        }
        cls.case_els = ref(f"{MODULE}.demo_absence_case_els")
        cls.case_sofie = ref(f"{MODULE}.demo_absence_case_sofie")
        cls.case_tom = ref(f"{MODULE}.demo_absence_case_tom")
        cls.rit_sofie = ref(f"{MODULE}.demo_reintegration_trajectory_sofie")
        cls.case_pieter = cls.env["hr.absence.case"].create(
            {
                "employee_id": ref(f"{MODULE}.demo_employee_pieter").id,
                "date_start": fields.Date.today() - timedelta(weeks=12),
            }
        )
        cls.rit_pieter = cls.env["hr.reintegration.trajectory"].create(
            {
                "case_id": cls.case_pieter.id,
                "request_date": fields.Date.today() - timedelta(weeks=4),
                "requester": "employee",
            }
        )
        cls.demo_cases = cls.case_els | cls.case_sofie | cls.case_tom | cls.case_pieter

    def _env(self, login):
        return self.env(user=self.users[login])

    def _visible(self, login, model):
        return self._env(login)[model].search([])

    def test_manager_reads_only_the_cases_of_their_reports(self):
        cases = self._visible("manager", "hr.absence.case") & self.demo_cases
        self.assertEqual(cases, self.case_els | self.case_sofie | self.case_tom)
        rits = self._visible("manager", "hr.reintegration.trajectory")
        self.assertIn(self.rit_sofie, rits)
        self.assertNotIn(self.rit_pieter, rits)
        with self.assertRaises(AccessError):
            self.case_pieter.with_user(self.users["manager"]).read(["date_start"])
        milestones = self._visible("manager", "hr.absence.milestone")
        self.assertTrue(milestones)
        self.assertFalse(milestones.filtered(lambda m: m.case_id == self.case_pieter))

    def test_manager_writes_the_contact_log_but_nothing_else(self):
        env = self._env("manager")
        contact = env["hr.absence.contact"].create(
            {"case_id": self.case_els.id, "channel": "phone", "note": "Short call."}
        )
        contact.note = "Short call, all fine."
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
        with self.assertRaises(AccessError):
            self.rit_sofie.with_env(env).write({"decision": "B"})
        with self.assertRaises(AccessError):
            self.rit_sofie.with_env(env).write({"plan_sent_date": fields.Date.today()})
        # Reading the restrictions and deadlines is fine.
        rit = self.rit_sofie.with_env(env)
        self.assertEqual(rit.decision, "A")
        self.assertTrue(rit.plan_deadline)
        self.assertTrue(rit.functional_restrictions)

    def test_hr_officer_sees_every_case_but_does_not_decide(self):
        cases = self._visible("hr", "hr.absence.case")
        self.assertLessEqual(self.demo_cases, cases)
        rits = self._visible("hr", "hr.reintegration.trajectory")
        self.assertLessEqual(self.rit_sofie | self.rit_pieter, rits)
        env = self._env("hr")
        with self.assertRaises(AccessError):
            self.rit_pieter.with_env(env).write({"decision": "A"})
        self.rit_pieter.with_env(env).write(
            {"physician_user_id": self.users["physician"].id}
        )
        self.case_pieter.with_env(env).write({"contact_frequency": 10})
        self.case_pieter.milestone_ids[:1].with_env(env).action_mark_done()

    def test_physician_sets_the_decision_and_only_that(self):
        env = self._env("physician")
        rit = self.rit_pieter.with_env(env)
        rit.write(
            {
                "decision": "A",
                "decision_date": fields.Date.today() - timedelta(days=2),
                "decision_received_date": fields.Date.today() - timedelta(days=1),
                "functional_restrictions": "Half days, no phone duty.",
            }
        )
        rit.action_confirm_decision()
        self.assertEqual(self.rit_pieter.state, "decided")
        with self.assertRaises(AccessError):
            rit.write({"plan_sent_date": fields.Date.today()})
        with self.assertRaises(AccessError):
            self.case_pieter.with_env(env).write({"contact_frequency": 3})

    def test_employee_sees_their_own_case_and_rit_dates_only(self):
        env = self._env("employee")
        self.assertEqual(self._visible("employee", "hr.absence.case"), self.case_els)
        self.assertFalse(self._visible("employee", "hr.absence.contact"))
        self.assertFalse(self._visible("employee", "hr.absence.milestone"))
        case = self.case_els.with_env(env)
        self.assertTrue(case.is_own_case)
        self.assertEqual(case.contact_user_id, self.users["manager"])
        self.assertTrue(case.topics_to_avoid)
        self.case_els.contact_plan_agreed_date = False
        case.action_agree_contact_plan()
        self.assertEqual(
            self.case_els.contact_plan_agreed_date, fields.Date.context_today(case)
        )
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
        with self.assertRaises(UserError):
            self.case_els.with_user(self.users["manager"]).action_agree_contact_plan()

    def test_taskforce_sees_no_individual_case(self):
        for model in (
            "hr.absence.case",
            "hr.absence.contact",
            "hr.absence.milestone",
            "hr.reintegration.trajectory",
        ):
            with self.subTest(model=model):
                self.assertFalse(self._visible("taskforce", model))

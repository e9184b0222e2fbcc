from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_absence import AbsenceCase, D


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestAbsenceDeadlines(AbsenceCase):
    # --- protocol versions -------------------------------------------------
    def test_case_protocol_switches_on_2022_10_01_and_2026_01_01(self):
        p2016 = self.env.ref("hr_burnout_prevention.protocol_be_2016")
        p2022 = self.env.ref("hr_burnout_prevention.protocol_be_2022")
        p2026 = self.env.ref("hr_burnout_prevention.protocol_be_2026")
        expected = {
            D(2016, 11, 30): self.env["hr.legal.protocol"],
            D(2016, 12, 1): p2016,
            D(2022, 9, 30): p2016,
            D(2022, 10, 1): p2022,
            D(2025, 12, 31): p2022,
            D(2026, 1, 1): p2026,
        }
        for start, protocol in expected.items():
            with self.subTest(start=start):
                self.assertEqual(
                    self.env["hr.legal.protocol"]._find(start, self.company), protocol
                )

    def test_case_milestones_2022(self):
        case = self._case(D(2025, 3, 3))
        self.assertEqual(case.rules_version, "2022")
        self.assertEqual(
            self._milestones(case),
            {
                "inform_ohs": D(2025, 3, 31),
                "letter_pre_return": D(2025, 3, 31),
                "employer_rit_possible": D(2025, 6, 3),
                "force_majeure": D(2025, 12, 3),
            },
        )
        info = case.milestone_ids.filtered("information_only")
        self.assertEqual(info.mapped("code"), ["force_majeure"])

    def test_case_milestones_2026(self):
        case = self._case(D(2026, 3, 2))
        self.assertEqual(case.rules_version, "2026")
        self.assertEqual(
            self._milestones(case),
            {
                "inform_ohs": D(2026, 3, 30),
                "letter_pre_return": D(2026, 3, 30),
                "assess_work_potential": D(2026, 4, 27),
                "employer_rit_possible": D(2026, 6, 2),
                # 6 months under the 2026 rules (9 before).
                "force_majeure": D(2026, 9, 2),
            },
        )
        self.assertEqual(case.next_deadline, D(2026, 3, 30))

    def test_return_exam_counts_working_days_across_weekend_and_holiday(self):
        # Return on Friday 8 May 2026; Ascension Day (14 May) is a holiday.
        case = self._case(D(2026, 3, 2))
        case.return_date = D(2026, 5, 8)
        self.assertEqual(self._milestones(case)["return_exam"], D(2026, 5, 22))
        self._public_holiday(D(2026, 5, 14))
        case.return_date = D(2026, 5, 7)
        case.return_date = D(2026, 5, 8)
        self.assertEqual(self._milestones(case)["return_exam"], D(2026, 5, 25))
        step = self.env.ref("hr_burnout_prevention.protocol_be_2026_step_return_exam")
        # Saturday anchor: Monday 11 is the first working day, 14 is a holiday.
        self.assertEqual(step._date_after(D(2026, 5, 9), self.company), D(2026, 5, 25))
        self.assertEqual(step._date_after(D(2026, 5, 1), self.company), D(2026, 5, 18))

    def test_milestone_dates_follow_the_start_date(self):
        case = self._case(D(2026, 3, 2))
        case.milestone_ids.filtered(lambda m: m.code == "inform_ohs")._mark_done()
        case.date_start = D(2026, 3, 9)
        dates = self._milestones(case)
        self.assertEqual(dates["letter_pre_return"], D(2026, 4, 6))
        # A done milestone keeps its date.
        self.assertEqual(dates["inform_ohs"], D(2026, 3, 30))

    # --- RIT ---------------------------------------------------------------
    def test_rules_version_by_request_date(self):
        case = self._case(D(2022, 1, 3))
        expected = {
            D(2022, 9, 30): "2016",
            D(2022, 10, 1): "2022",
            D(2025, 12, 31): "2022",
            D(2026, 1, 1): "2026",
        }
        for request, version in expected.items():
            with self.subTest(request=request):
                rit = self.Rit.create(
                    {
                        "case_id": case.id,
                        "request_date": request,
                        "requester": "employee",
                    }
                )
                self.assertEqual(rit.rules_version, version)
                rit.unlink()

    def test_rit_deadlines_2022_decision_a(self):
        case = self._case(D(2024, 10, 1))
        rit = self._rit(case, D(2025, 1, 10))
        self.assertEqual(rit.rules_version, "2022")
        self.assertEqual(rit.assessment_deadline, D(2025, 2, 28))
        self.assertFalse(rit.plan_deadline)
        rit.write(
            {
                "decision": "A",
                "decision_date": D(2025, 2, 18),
                "decision_received_date": D(2025, 2, 20),
            }
        )
        self.assertEqual(rit.plan_deadline, D(2025, 4, 24))
        self.assertFalse(rit.appeal_deadline)
        rit.action_confirm_decision()
        # The plan went out on 1 April: sending it says so.
        rit.plan_or_report = "plan"
        rit.write({"state": "plan_sent", "plan_sent_date": D(2025, 4, 1)})
        self.assertEqual(rit.plan_sent_date, D(2025, 4, 1))
        self.assertEqual(rit.employee_reply_deadline, D(2025, 4, 15))
        self.assertEqual(
            self._milestones(rit),
            {
                "rit_assessment": D(2025, 2, 28),
                "rit_plan": D(2025, 4, 24),
                "rit_reply": D(2025, 4, 15),
            },
        )

    def test_rit_deadlines_2026_decision_b_with_appeal(self):
        case = self._case(D(2026, 1, 5))
        rit = self._rit(case, D(2026, 1, 12))
        self.assertEqual(rit.rules_version, "2026")
        self.assertEqual(rit.assessment_deadline, D(2026, 3, 2))
        rit.write(
            {
                "decision": "B",
                "decision_date": D(2026, 2, 9),
                "decision_received_date": D(2026, 2, 10),
            }
        )
        self.assertEqual(rit.appeal_deadline, D(2026, 3, 3))
        self.assertEqual(rit.plan_deadline, D(2026, 8, 10))
        rit.action_confirm_decision()
        rit.appeal_date = D(2026, 2, 20)
        self.assertEqual(rit.appeal_outcome_deadline, D(2026, 4, 3))
        # The appeal suspends the trajectory until its outcome.
        self.assertTrue(rit.appeal_pending)
        rit.plan_or_report = "plan"
        with self.assertRaisesRegex(UserError, "suspended by the appeal"):
            rit.write({"state": "plan_sent", "plan_sent_date": D(2026, 3, 1)})
        rit.write(
            {"appeal_outcome": "confirmed", "appeal_outcome_date": D(2026, 2, 27)}
        )
        self.assertFalse(rit.appeal_pending)
        rit.write({"state": "plan_sent", "plan_sent_date": D(2026, 3, 1)})
        self.assertEqual(rit.employee_reply_deadline, D(2026, 3, 15))

    def test_rit_decision_c_has_no_plan_deadline(self):
        case = self._case(D(2026, 1, 5))
        rit = self.Rit.create(
            {
                "case_id": case.id,
                "request_date": D(2026, 1, 12),
                "requester": "employee",
            }
        )
        rit.write(
            {
                "decision": "C",
                "decision_date": D(2026, 2, 9),
                "decision_received_date": D(2026, 2, 10),
            }
        )
        self.assertFalse(rit.plan_deadline)
        self.assertFalse(rit.appeal_deadline)

    def test_employer_request_2022_before_three_months_is_refused(self):
        case = self._case(D(2025, 1, 6))
        with self.assertRaisesRegex(ValidationError, "3 months"):
            self.Rit.create(
                {
                    "case_id": case.id,
                    "request_date": D(2025, 4, 5),
                    "requester": "employer",
                }
            )
        rit = self.Rit.create(
            {
                "case_id": case.id,
                "request_date": D(2025, 4, 5),
                "requester": "employer",
                "definitive_unfitness_certificate": True,
            }
        )
        rit.unlink()
        rit = self.Rit.create(
            {"case_id": case.id, "request_date": D(2025, 4, 6), "requester": "employer"}
        )
        self.assertEqual(rit.rules_version, "2022")

    def test_employer_request_2026_before_three_months_needs_consent(self):
        # 2026 rules: the employer may request from day 1 with the worker's
        # consent, otherwise after 3 months (2 February + 3 months = 2 May).
        case = self._case(D(2026, 2, 2))
        # (Odoo's assertRaises rolls the refused creation back, as a request.)
        with self.assertRaises(ValidationError) as refused:
            self.Rit.create(
                {
                    "case_id": case.id,
                    "request_date": D(2026, 5, 1),
                    "requester": "employer",
                }
            )
        self.assertIn("consent", str(refused.exception))
        self.assertFalse(self.Rit.search([("case_id", "=", case.id)]))
        for day in (D(2026, 2, 2), D(2026, 3, 29)):
            rit = self.Rit.create(
                {
                    "case_id": case.id,
                    "request_date": day,
                    "requester": "employer",
                    "worker_consent_date": D(2026, 2, 2),
                }
            )
            rit.unlink()
        rit = self.Rit.create(
            {
                "case_id": case.id,
                "request_date": D(2026, 5, 2),
                "requester": "employer",
            }
        )
        self.assertEqual(rit.rules_version, "2026")

    # --- bad input -----------------------------------------------------------
    def test_bad_input_is_refused_and_nothing_is_written(self):
        case = self._case(D(2026, 1, 5))
        with self.assertRaises(ValidationError):
            case.write({"expected_return_date": D(2026, 1, 1), "contact_frequency": 7})
        case.invalidate_recordset()
        self.assertEqual(case.contact_frequency, 14)
        self.assertFalse(case.expected_return_date)
        with self.assertRaises(ValidationError):
            self._case(D(2026, 3, 5), employee=self.manager, return_date=D(2026, 3, 1))
        rit = self._rit(case, D(2026, 1, 12))
        with self.assertRaises(ValidationError):
            rit.write({"decision": "A", "decision_date": D(2026, 1, 10)})
        rit.invalidate_recordset()
        self.assertFalse(rit.decision)
        with self.assertRaises(ValidationError):
            rit.write({"decision": "D", "decision_date": D(2026, 2, 1)})
        rit.write(
            {
                "decision": "A",
                "decision_date": D(2026, 2, 9),
                "decision_received_date": D(2026, 2, 10),
            }
        )
        rit.action_confirm_decision()
        with self.assertRaises(ValidationError):
            rit.write({"appeal_date": D(2026, 2, 12)})
        rit.invalidate_recordset()
        self.assertFalse(rit.appeal_date)
        # A confirmed decision stays as it is.
        with self.assertRaises(UserError):
            rit.write({"decision": "B"})
        rit.invalidate_recordset()
        self.assertEqual(rit.decision, "A")
        # Against a decision B, the appeal comes within its period.
        rit_b = self._rit(case, D(2026, 1, 12))
        rit_b.write(
            {
                "decision": "B",
                "decision_date": D(2026, 2, 9),
                "decision_received_date": D(2026, 2, 10),
            }
        )
        rit_b.action_confirm_decision()
        # (assertRaises, unlike assertRaisesRegex, rolls the refused write
        # back as a request would.)
        with self.assertRaises(ValidationError) as refused:
            rit_b.write({"appeal_date": D(2026, 3, 10)})
        self.assertIn("appeal period ended", str(refused.exception))
        rit_b.invalidate_recordset()
        self.assertFalse(rit_b.appeal_date)

    def test_three_refused_invitations_end_the_trajectory(self):
        case = self._case(D(2026, 1, 5))
        rit = self.Rit.create(
            {
                "case_id": case.id,
                "request_date": D(2026, 1, 12),
                "requester": "employee",
            }
        )
        for day in (D(2026, 1, 20), D(2026, 2, 3), D(2026, 2, 17)):
            with freeze_time(day):
                rit.action_register_refused_invitation()
        self.assertEqual(rit.invitation_refusal_count, 3)
        self.assertEqual(rit.state, "ended")
        with (
            freeze_time("2026-03-10"),
            self.assertRaisesRegex(UserError, "already ended"),
        ):
            rit.action_register_refused_invitation()
        self.assertEqual(rit.invitation_refusal_count, 3)

    def test_refused_invitations_count_fourteen_days_apart(self):
        case = self._case(D(2026, 1, 5))
        rit = self.Rit.create(
            {
                "case_id": case.id,
                "request_date": D(2026, 1, 12),
                "requester": "employee",
            }
        )
        with freeze_time("2026-01-20"):
            rit.action_register_refused_invitation()
        with freeze_time("2026-02-02"), self.assertRaisesRegex(UserError, "14 days"):
            rit.action_register_refused_invitation()
        self.assertEqual(rit.invitation_refusal_count, 1)

    def test_state_actions_check_state_and_role(self):
        case = self._case(D(2026, 1, 5))
        with self.assertRaises(UserError):
            case.action_close()
        with self.assertRaises(UserError):
            case.with_user(self.hr_user).action_plan_return()  # no expected date
        case.expected_return_date = D(2026, 7, 1)
        # The line manager reads the case but does not plan the return.
        with self.assertRaisesRegex(UserError, "Only an HR officer"):
            case.with_user(self.manager_user).action_plan_return()
        self.assertEqual(case.state, "absent")
        case.with_user(self.hr_user).action_plan_return()
        self.assertEqual(case.state, "return_planned")
        rit = self.Rit.create(
            {
                "case_id": case.id,
                "request_date": D(2026, 1, 12),
                "requester": "employee",
            }
        )
        with self.assertRaises(AccessError):
            rit.with_user(self.hr_user).action_confirm_decision()
        self.assertEqual(rit.state, "requested")

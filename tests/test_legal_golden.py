"""Golden tests: one test per row of LEGAL_RULES section 2 about the absence
case, the employer's duties during an absence, the return-to-work exam,
relapse, medical force majeure and the public holidays (the trajectory rows
are in ``test_legal_golden_trajectory.py``).

Every expected date is written by hand with the reason beside it: the engine
is never asked what the answer is. The company of the fixtures is Belgian and
gets Belgium's public holidays of the years the tests use.
"""

from freezegun import freeze_time
from pytz import UTC, timezone

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common_absence import AbsenceCase, D


@tagged("post_install", "-at_install")
@freeze_time("2026-11-30")
class TestLegalGolden(AbsenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["resource.calendar"]._generate_public_holidays_be(
            years=[2021, 2024, 2025, 2026, 2027], companies=cls.company
        )
        cls.Protocol = cls.env["hr.legal.protocol"]
        cls.engine = cls.env["hr.legal.deadline.mixin"]

    def _holidays(self, year):
        leaves = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", self.calendar.id),
                ("resource_id", "=", False),
                ("date_from", ">=", f"{year - 1}-12-31"),
                ("date_to", "<=", f"{year}-12-31 23:59:59"),
            ]
        )
        # Stored in UTC: Brussels midnight is the evening before.
        brussels = timezone("Europe/Brussels")
        return sorted(
            UTC.localize(leave.date_from).astimezone(brussels).date()
            for leave in leaves
        )

    def _step(self, version, code, decision=None):
        protocol = self.env.ref(f"hr_burnout_prevention.protocol_be_{version}")
        return protocol.step_ids.filtered(
            lambda s: s.code == code and (not decision or s.decision == decision)
        )

    # --- public holidays ---------------------------------------------------
    def test_the_ten_belgian_public_holidays(self):
        expected = {
            # Easter 2026 is 5 April: Easter Monday 6 April, Ascension 39
            # days after Easter (14 May), Whit Monday 50 days after (25 May).
            2026: [
                D(2026, 1, 1),
                D(2026, 4, 6),
                D(2026, 5, 1),
                D(2026, 5, 14),
                D(2026, 5, 25),
                D(2026, 7, 21),
                D(2026, 8, 15),
                D(2026, 11, 1),
                D(2026, 11, 11),
                D(2026, 12, 25),
            ],
            # Leap year, Easter on 31 March: Easter Monday 1 April,
            # Ascension 9 May, Whit Monday 20 May.
            2024: [
                D(2024, 1, 1),
                D(2024, 4, 1),
                D(2024, 5, 1),
                D(2024, 5, 9),
                D(2024, 5, 20),
                D(2024, 7, 21),
                D(2024, 8, 15),
                D(2024, 11, 1),
                D(2024, 11, 11),
                D(2024, 12, 25),
            ],
        }
        for year, days in expected.items():
            with self.subTest(year=year):
                self.assertEqual(self._holidays(year), days)

    def test_holidays_keep_what_the_company_entered_and_never_duplicate(self):
        calendar_leaves = self.env["resource.calendar.leaves"]
        before = calendar_leaves.search_count([("calendar_id", "=", self.calendar.id)])
        # Generating again adds nothing.
        created = self.env["resource.calendar"]._generate_public_holidays_be(
            years=[2026, 2027], companies=self.company
        )
        self.assertFalse(created)
        self.assertEqual(
            calendar_leaves.search_count([("calendar_id", "=", self.calendar.id)]),
            before,
        )
        # The company's own 2028 New Year (every schedule of the company) is
        # kept: the generated year adds the nine other days.
        own = calendar_leaves.create(
            {
                "name": "Nieuwjaar",
                "company_id": self.company.id,
                "calendar_id": False,
                "date_from": "2027-12-31 23:00:00",
                "date_to": "2028-01-01 22:59:59",
            }
        )
        created = self.env["resource.calendar"]._generate_public_holidays_be(
            years=[2028], companies=self.company
        )
        self.assertEqual(len(created), 9)
        self.assertTrue(own.exists())

    def test_setting_off_for_a_company_outside_belgium(self):
        other = self.env["res.company"].create(
            {"name": "Outside BV", "country_id": self.env.ref("base.nl").id}
        )
        self.assertFalse(other.public_holidays_be)
        created = self.env["resource.calendar"]._generate_public_holidays_be(
            years=[2026], companies=other
        )
        self.assertFalse(created)
        other.public_holidays_be = True
        created = self.env["resource.calendar"]._generate_public_holidays_be(
            years=[2026], companies=other
        )
        self.assertEqual(len(created), 10)

    # --- absence duties ----------------------------------------------------
    def test_inform_ohs_and_letter_after_4_weeks(self):
        # Wednesday 5 March 2025 + 28 calendar days = Wednesday 2 April 2025.
        case = self._case(D(2025, 3, 5))
        dates = self._milestones(case)
        self.assertEqual(dates["inform_ohs"], D(2025, 4, 2))
        self.assertEqual(dates["letter_pre_return"], D(2025, 4, 2))

    def test_calendar_days_never_move_off_a_holiday(self):
        # 27 November 2025 + 4 weeks = Christmas Day 2025 (Thursday): kept.
        case = self._case(D(2025, 11, 27))
        self.assertEqual(self._milestones(case)["inform_ohs"], D(2025, 12, 25))

    def test_employer_may_request_after_3_months_month_end_and_leap_day(self):
        cases = {
            # 30 November 2024 + 3 months: February 2025 has 28 days.
            D(2024, 11, 30): D(2025, 2, 28),
            # 30 November 2023 + 3 months: 2024 is a leap year.
            D(2023, 11, 30): D(2024, 2, 29),
        }
        for start, expected in cases.items():
            with self.subTest(start=start):
                case = self._case(start)
                self.assertEqual(
                    self._milestones(case)["employer_rit_possible"], expected
                )
                case.unlink()

    def test_2016_employer_after_4_months(self):
        # 31 October 2021 + 4 months = 28 February 2022 (2016 rules).
        case = self._case(D(2021, 10, 31))
        self.assertEqual(case.rules_version, "2016")
        dates = self._milestones(case)
        self.assertEqual(dates["employer_rit_possible"], D(2022, 2, 28))
        # No 4-week duty to inform the service before 1 October 2022.
        self.assertNotIn("inform_ohs", dates)

    def test_2016_assessment_40_working_days(self):
        # Monday 29 March 2021: 40 working days skip Easter Monday (5 April),
        # Ascension (13 May) and Whit Monday (24 May): Thursday 27 May.
        step = self._step("2016", "rit_assessment")
        self.assertEqual(step._date_after(D(2021, 3, 29), self.company), D(2021, 5, 27))

    def test_absence_straddling_1_january_2026_gets_the_2026_duties(self):
        # First day Monday 15 December 2025 (2022 rules), but the duties fall
        # due in 2026: 4 weeks = 12 January, 8 weeks = 9 February (the 2026
        # work-potential request), 3 months = 15 March, 6 months of force
        # majeure (2026) = 15 June.
        case = self._case(D(2025, 12, 15))
        self.assertEqual(case.rules_version, "2022")
        steps = {
            m.code: m.step_id.protocol_id.rules_version for m in case.milestone_ids
        }
        self.assertEqual(
            self._milestones(case),
            {
                "inform_ohs": D(2026, 1, 12),
                "letter_pre_return": D(2026, 1, 12),
                "assess_work_potential": D(2026, 2, 9),
                "employer_rit_possible": D(2026, 3, 15),
                "force_majeure": D(2026, 6, 15),
            },
        )
        self.assertEqual(set(steps.values()), {"2026"})

    def test_work_potential_opens_the_6_month_duty(self):
        workers = self.env["hr.employee"].search_count(
            [("company_id", "=", self.company.id)]
        )
        case = self._case(D(2025, 12, 15))
        # More workers needed than the company has: no duty.
        self.company.reintegration_duty_min_workers = workers + 1
        case.write({"work_potential": "yes", "work_potential_date": D(2026, 2, 20)})
        self.assertNotIn("rit_start_duty", self._milestones(case))
        # At the threshold: a trajectory within 6 months of 15 December 2025.
        self.company.reintegration_duty_min_workers = workers
        case.write({"work_potential": "no"})
        self.assertNotIn("rit_start_duty", self._milestones(case))
        case.write({"work_potential": "yes"})
        self.assertEqual(self._milestones(case)["rit_start_duty"], D(2026, 6, 15))

    def test_work_potential_bad_input(self):
        case = self._case(D(2026, 3, 2))
        for vals in (
            {"work_potential": "yes", "work_potential_date": D(2026, 3, 1)},
            {"work_potential": "yes"},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    case.write(vals)
            self.assertFalse(case.work_potential)

    # --- return-to-work exam ----------------------------------------------
    def test_return_exam_skips_holidays(self):
        cases = {
            # Wednesday 1 April 2026: Easter Monday 6 April is skipped, the
            # 10th working day is Thursday 16 April.
            D(2026, 4, 1): D(2026, 4, 16),
            # Friday 17 July 2026: 21 July (Tuesday) is skipped: Monday
            # 3 August.
            D(2026, 7, 17): D(2026, 8, 3),
            # Monday 21 December 2026: Christmas (Friday 25) and New Year
            # (Friday 1 January 2027) are skipped: Wednesday 6 January 2027.
            D(2026, 12, 21): D(2027, 1, 6),
        }
        for back, expected in cases.items():
            with self.subTest(back=back):
                case = self._case(D(2026, 1, 5))
                case.return_date = back
                self.assertEqual(self._milestones(case)["return_exam"], expected)
                case.unlink()

    # --- force majeure -----------------------------------------------------
    def test_force_majeure_9_months_then_6_months(self):
        cases = {
            # 2022 rules: 31 January 2025 + 9 months = 31 October 2025.
            D(2025, 1, 31): D(2025, 10, 31),
            # 2026 rules: 31 January 2026 + 6 months = 31 July 2026.
            D(2026, 1, 31): D(2026, 7, 31),
            # 1 May 2025: 9 months end on 1 February 2026 (the 2026 rules are
            # in force then, not the 2022 ones); the 2026 rules' 6 months
            # passed before they came in: possible from 1 January 2026.
            D(2025, 5, 1): D(2026, 1, 1),
        }
        for start, expected in cases.items():
            with self.subTest(start=start):
                case = self._case(start)
                self.assertEqual(self._milestones(case)["force_majeure"], expected)
                case.unlink()

    def test_force_majeure_not_possible_while_a_trajectory_runs(self):
        case = self._case(D(2026, 1, 31))
        with freeze_time("2026-07-30"):
            case.invalidate_recordset(["force_majeure_possible"])
            self.assertFalse(case.force_majeure_possible)
        with freeze_time("2026-07-31"):
            case.invalidate_recordset(["force_majeure_possible"])
            self.assertTrue(case.force_majeure_possible)
            self.Rit.create(
                {
                    "case_id": case.id,
                    "request_date": D(2026, 7, 31),
                    "requester": "employee",
                }
            )
            case.invalidate_recordset(["force_majeure_possible"])
            self.assertFalse(case.force_majeure_possible)

    # --- relapse -----------------------------------------------------------
    def test_reopen_as_relapse_checks_the_14_days(self):
        case = self._case(D(2026, 1, 5))
        case.return_date = D(2026, 3, 2)
        case.action_register_return()
        # Sunday 15 March is the 13th day after the return of 2 March: the
        # same incapacity goes on.
        with freeze_time("2026-03-20"):
            case.action_reopen(relapse_date=D(2026, 3, 15))
        self.assertEqual(case.state, "absent")
        self.assertEqual(case.relapse_count, 1)
        case.return_date = D(2026, 4, 1)
        case.action_register_return()
        # 15 April is the 14th day after the return of 1 April: a new
        # incapacity, refused with the rule, nothing written.
        with freeze_time("2026-04-15"), self.assertRaisesRegex(UserError, "14 days"):
            case.action_reopen()
        case.invalidate_recordset()
        self.assertEqual(case.state, "returned")
        self.assertEqual(case.return_date, D(2026, 4, 1))
        self.assertEqual(case.relapse_count, 1)
        # Dates in the wrong order: a relapse before the return.
        with freeze_time("2026-04-10"), self.assertRaises(UserError):
            case.action_reopen(relapse_date=D(2026, 3, 31))
        self.assertEqual(case.state, "returned")

    def test_relapse_window_is_protocol_data(self):
        protocol = self.env.ref("hr_burnout_prevention.protocol_be_2026")
        self.assertEqual(protocol._param("relapse_days"), 14)
        protocol.relapse_days = 20
        case = self._case(D(2026, 1, 5))
        case.return_date = D(2026, 4, 1)
        case.action_register_return()
        # 15 April: 14 days, within a window of 20.
        with freeze_time("2026-04-15"):
            case.action_reopen()
        self.assertEqual(case.state, "absent")

    # --- after the return --------------------------------------------------
    def test_absence_steps_close_as_no_longer_needed_after_the_return(self):
        case = self._case(D(2026, 3, 2))
        case.return_date = D(2026, 3, 23)
        with freeze_time("2026-03-23"):
            case.action_register_return()
        by_code = {m.code: m for m in case.milestone_ids}
        # The status is read on its day (overdue is live).
        with freeze_time("2026-03-23"):
            case.milestone_ids.invalidate_recordset(["is_overdue", "status"])
            for code in ("inform_ohs", "letter_pre_return", "assess_work_potential"):
                with self.subTest(code=code):
                    self.assertEqual(by_code[code].status, "not_needed")
                    self.assertFalse(by_code[code].done)
            self.assertEqual(by_code["return_exam"].status, "to_do")
        self.assertEqual(case.next_deadline_name, by_code["return_exam"].name)
        with self.assertRaises(UserError):
            by_code["inform_ohs"].action_mark_done()
        # A relapse: they apply again.
        with freeze_time("2026-03-25"):
            case.action_reopen()
            case.milestone_ids.invalidate_recordset(["is_overdue", "status"])
            self.assertEqual(by_code["inform_ohs"].status, "to_do")

    # --- pre-return visit --------------------------------------------------
    def _visit(self, case, **vals):
        return self.env["hr.absence.pre.return.visit"].create(
            {
                "case_id": case.id,
                "employee_id": case.employee_id.id,
                "requested_by": "worker",
                **vals,
            }
        )

    def test_pre_return_visit_10_working_days_only_at_the_workers_request(self):
        case = self._case(D(2026, 1, 5))
        # Thursday 2 April 2026: Easter Monday (6 April) is skipped, the 10th
        # working day is Friday 17 April.
        visit = self._visit(case, request_date=D(2026, 4, 2))
        self.assertEqual(visit.date_deadline, D(2026, 4, 17))
        # The employer may ask since 2026: no period then.
        by_employer = self._visit(
            case, request_date=D(2026, 4, 2), requested_by="employer"
        )
        self.assertFalse(by_employer.date_deadline)
        # Held on Monday 20 April: late, the real day kept.
        with freeze_time("2026-04-20"):
            visit.action_mark_held()
        self.assertEqual(visit.state, "held")
        self.assertEqual(visit.visit_date, D(2026, 4, 20))
        self.assertTrue(visit.is_late)
        with self.assertRaises(UserError):
            visit.visit_date = D(2026, 4, 16)
        self.assertEqual(visit.visit_date, D(2026, 4, 20))

    def test_pre_return_visit_bad_input(self):
        case = self._case(D(2025, 9, 1))
        other = self._case(D(2025, 9, 1), employee=self.sofie)
        Visit = self.env["hr.absence.pre.return.visit"]
        bad = {
            # Before 2026 only the worker may ask.
            "employer before 2026": {
                "request_date": D(2025, 11, 3),
                "requested_by": "employer",
            },
            # Another case's employee.
            "another employee": {
                "request_date": D(2025, 11, 3),
                "employee_id": self.sofie.id,
            },
            # Dates in the wrong order.
            "visit before request": {
                "request_date": D(2025, 11, 3),
                "visit_date": D(2025, 11, 2),
            },
            "request before the absence": {"request_date": D(2025, 8, 29)},
        }
        for label, vals in bad.items():
            with self.subTest(label), self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    self._visit(case, **vals)
        self.assertFalse(Visit.search([("case_id", "in", (case | other).ids)]))

    # --- the trajectory's deadlines (the engine's part) ---------------------
    def test_appeal_suspends_the_plan_deadline_until_its_outcome(self):
        case = self._case(D(2026, 1, 5))
        rit = self._rit(case, D(2026, 1, 12))
        rit.write(
            {
                "decision": "B",
                "decision_date": D(2026, 2, 9),
                "decision_received_date": D(2026, 2, 10),
            }
        )
        # Decision B received on 10 February: 6 months = 10 August.
        self.assertEqual(rit.plan_deadline, D(2026, 8, 10))
        rit.action_confirm_decision()
        rit.appeal_date = D(2026, 2, 20)
        # Pending appeal: no plan deadline; the appeal period is kept
        # (10 February + 21 days = 3 March).
        self.assertFalse(rit.plan_deadline)
        self.assertEqual(rit.appeal_deadline, D(2026, 3, 3))
        self.assertNotIn("rit_plan", self._milestones(rit))
        rit.write(
            {"appeal_outcome": "confirmed", "appeal_outcome_date": D(2026, 3, 31)}
        )
        # From the outcome on 31 March: 6 months = 30 September (month end).
        self.assertEqual(rit.plan_deadline, D(2026, 9, 30))
        self.assertEqual(self._milestones(rit)["rit_plan"], D(2026, 9, 30))

    def test_2022_rules_apply_to_trajectories_running_on_1_october_2022(self):
        case = self._case(D(2022, 3, 1))
        rit = self.Rit.create(
            {
                "case_id": case.id,
                "request_date": D(2022, 9, 20),
                "requester": "employee",
            }
        )
        # Requested under the 2016 rules, still running on 1 October 2022:
        # its assessment follows the 2022 rules, 20 September + 49 days =
        # 8 November 2022.
        self.assertEqual(rit.rules_version, "2016")
        self.assertEqual(rit.protocol_id.rules_version, "2022")
        self.assertEqual(rit.assessment_deadline, D(2022, 11, 8))

    def test_protocol_params_for_the_trajectory(self):
        expected = {
            "2016": (4, True, False),
            "2022": (3, False, False),
            "2026": (3, False, True),
        }
        for version, (months, advising, consent) in expected.items():
            protocol = self.env.ref(f"hr_burnout_prevention.protocol_be_{version}")
            with self.subTest(version=version):
                self.assertEqual(protocol._param("employer_request_months"), months)
                self.assertEqual(
                    protocol._param("advising_physician_may_request"), advising
                )
                self.assertEqual(
                    protocol._param("employer_request_with_consent"), consent
                )
                self.assertEqual(protocol._param("refused_invitation_max"), 3)
                self.assertEqual(protocol._param("refused_invitation_gap"), 14)

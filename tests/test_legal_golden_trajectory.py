"""Golden tests of the reintegration trajectory: one test per row of
LEGAL_RULES section 2 that concerns the trajectory.

Every date is computed by hand, in the comment beside it, never by calling
the engine: a period of N days "from" an event starts on the day after it;
calendar-day deadlines are not moved off weekends or holidays. The clock is
frozen in each test; the dates straddle a month end, a year end and the leap
day of 2028.
"""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_absence import AbsenceCase, D


class TrajectoryGoldenCase(AbsenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.worker = cls.users["employee"]  # Els Peeters

    def _case(self, start, employee=None, **vals):
        return super()._case(start, employee=employee or self.els, **vals)

    def _decide(self, rit, decision, decided, received):
        physician = rit.with_user(self.physician_user)
        physician.write(
            {
                "decision": decision,
                "decision_date": decided,
                "decision_received_date": received,
            }
        )
        physician.action_confirm_decision()
        return rit

    def _step(self, rit, code):
        return rit.milestone_ids.filtered(lambda m: m.code == code)

    def _refused_plan(self, rit, reason="Too fast for me", day=None):
        """A plan of the trajectory that the worker refused with reasons (the
        plan's own workflow is tested elsewhere)."""
        plan = self.env["hr.reintegration.plan"].create(
            {
                "employee_id": rit.employee_id.id,
                "case_id": rit.case_id.id,
                "trajectory_id": rit.id,
                "kind": "rit",
                "date_start": rit.plan_sent_date,
            }
        )
        with plan._workflow_system():
            plan.write(
                {"state": "refused", "refusal_reason": reason, "reply_date": day}
            )
        return plan

    def _worker(self, rit):
        """The worker's reply reaches the trajectory through their plan
        (server code, run for them)."""
        return rit.with_user(self.worker).sudo()

    def assertUnchanged(self, rit, before):
        rit.invalidate_recordset()
        self.assertEqual(rit.read(list(before[0]))[0], before[0])


@tagged("post_install", "-at_install")
class TestGoldenTrajectory(TrajectoryGoldenCase):
    # --- who may request, per rules version ---------------------------------
    def test_who_may_request_per_version(self):
        with freeze_time("2028-03-15"):
            case = self._case(D(2022, 6, 1))
            # (request date, requester, allowed)
            table = [
                # Before 1 October 2022 (2016 rules): the mutuality's
                # advising physician could request.
                (D(2022, 9, 30), "advising_physician", True),
                (D(2022, 9, 30), "employee", True),
                # From 1 October 2022: no longer.
                (D(2022, 10, 1), "advising_physician", False),
                (D(2022, 10, 1), "employee", True),
                (D(2022, 10, 1), "treating_physician", True),
                # 1 June 2022 + 3 months = 1 September 2022: the employer may.
                (D(2022, 10, 1), "employer", True),
                # 2026 rules: the same three, not the advising physician.
                (D(2026, 1, 1), "advising_physician", False),
                (D(2028, 2, 29), "advising_physician", False),
                (D(2028, 2, 29), "treating_physician", True),
            ]
            for request, requester, allowed in table:
                with self.subTest(request=request, requester=requester):
                    count = self.Rit.search_count([("case_id", "=", case.id)])
                    if allowed:
                        rit = self._rit(case, request, requester)
                        self.assertEqual(rit.requester, requester)
                        rit.unlink()
                        continue
                    # (assertRaises rolls the refused create back, as a
                    # request would.)
                    with self.assertRaises(ValidationError) as refused:
                        self._rit(case, request, requester)
                    self.assertIn(
                        "advising physician may no longer", str(refused.exception)
                    )
                    self.assertEqual(
                        self.Rit.search_count([("case_id", "=", case.id)]), count
                    )
            # 2022 rules, employer: not before 3 months of incapacity.
            late_case = self._case(D(2022, 11, 30), employee=self.sofie)
            with self.assertRaises(ValidationError) as refused:
                # 30 November 2022 + 3 months = 28 February 2023 (month end).
                self._rit(late_case, D(2023, 2, 27), "employer")
            self.assertIn("3 months", str(refused.exception))
            self._rit(late_case, D(2023, 2, 28), "employer")

    # --- refused invitations ----------------------------------------------------
    def test_three_refused_invitations_each_14_days_apart_end_it(self):
        case = self._case(D(2027, 9, 1))
        rit = self._rit(case, D(2027, 12, 1))
        physician = rit.with_user(self.physician_user)
        with freeze_time("2028-01-20"):
            # Recorded on 20 January, each with the day of the missed
            # invitation.
            physician.action_register_refused_invitation(D(2027, 12, 10))
            # 10 December + 13 days = 23 December: too close, not counted.
            with self.assertRaisesRegex(UserError, "14 days apart"):
                physician.action_register_refused_invitation(D(2027, 12, 23))
            self.assertEqual(rit.invitation_refusal_count, 1)
            # 10 December + 14 days = 24 December: counts.
            physician.action_register_refused_invitation(D(2027, 12, 24))
            # Not a day to come, not before the request.
            with self.assertRaisesRegex(UserError, "a day to come"):
                physician.action_register_refused_invitation(D(2028, 1, 21))
            self.assertEqual(rit.invitation_refusal_count, 2)
            # 24 December + 14 days = 7 January 2028: the third ends it.
            physician.action_register_refused_invitation(D(2028, 1, 7))
        self.assertEqual(
            (rit.state, rit.end_reason, rit.end_date, rit.invitation_refusal_count),
            ("ended", "refused_invitations", D(2028, 1, 7), 3),
        )
        self.assertEqual(
            rit.refused_invitation_ids.mapped("invitation_date"),
            [D(2027, 12, 10), D(2027, 12, 24), D(2028, 1, 7)],
        )
        other = self._rit(case, D(2027, 12, 1))
        with freeze_time("2028-01-20"), self.assertRaisesRegex(UserError, "request"):
            other.with_user(self.hr_user).action_register_refused_invitation(
                D(2027, 11, 30)
            )
        self.assertFalse(other.refused_invitation_ids)
        # Kept, each one.
        with self.assertRaises(UserError):
            rit.refused_invitation_ids[:1].sudo().unlink()
        with self.assertRaises(AccessError):
            self.env["hr.reintegration.refused.invitation"].with_user(
                self.hr_user
            ).create({"trajectory_id": other.id, "invitation_date": D(2028, 1, 1)})

    # --- the assessment ----------------------------------------------------------
    def test_assessment_within_49_days_ticked_on_the_decision_day(self):
        with freeze_time("2028-04-15"):
            case = self._case(D(2027, 12, 1))
            # 29 February 2028 (leap day) + 49 days: March has 31 days, so
            # 31 March is day 31 and 18 April day 49.
            rit = self._rit(case, D(2028, 2, 29))
            self.assertEqual(rit.rules_version, "2026")
            self.assertEqual(rit.assessment_deadline, D(2028, 4, 18))
            self.assertEqual(
                self._step(rit, "rit_assessment").date_deadline, D(2028, 4, 18)
            )
            # Confirmed on 15 April, decided on 10 April: ticked on the 10th.
            self._decide(rit, "A", D(2028, 4, 10), D(2028, 4, 12))
            step = self._step(rit, "rit_assessment")
            self.assertEqual((step.done, step.done_date), (True, D(2028, 4, 10)))

    def test_decision_before_the_request_is_refused(self):
        with freeze_time("2028-04-15"):
            rit = self._rit(self._case(D(2027, 12, 1)), D(2028, 2, 29))
            with self.assertRaises(ValidationError) as refused:
                rit.with_user(self.physician_user).write(
                    {"decision": "A", "decision_date": D(2028, 2, 28)}
                )
            self.assertIn("cannot be before", str(refused.exception))
            rit.invalidate_recordset()
            self.assertEqual((rit.decision, rit.decision_date), (False, False))

    # --- decision C -----------------------------------------------------------------
    def test_decision_c_ends_the_trajectory_on_its_day(self):
        with freeze_time("2028-03-25"):
            rit = self._rit(self._case(D(2027, 12, 1)), D(2028, 2, 1))
            self._decide(rit, "C", D(2028, 3, 20), D(2028, 3, 21))
        self.assertEqual(
            (rit.state, rit.end_reason, rit.end_date),
            ("ended", "decision_c", D(2028, 3, 20)),
        )
        # No plan, no appeal, no close follows.
        self.assertFalse(rit.plan_deadline)
        hr = rit.with_user(self.hr_user)
        with freeze_time("2028-03-25"):
            for action, args in (
                ("action_send_plan", ()),
                ("action_close", ()),
                ("action_record_appeal", (D(2028, 3, 22),)),
            ):
                with self.subTest(action=action), self.assertRaises(UserError):
                    getattr(hr, action)(*args)
        self.assertEqual((rit.state, rit.appeal_date), ("ended", False))

    # --- the appeal --------------------------------------------------------------
    def test_appeal_21_days_once_against_b_decided_in_42_days_suspends(self):
        with freeze_time("2028-02-15"):
            case = self._case(D(2027, 6, 1))
            rit = self._decide(
                self._rit(case, D(2027, 11, 2)), "B", D(2027, 12, 20), D(2027, 12, 31)
            )
            # 31 December 2027 + 21 days = 21 January 2028.
            self.assertEqual(rit.appeal_deadline, D(2028, 1, 21))
            # 31 December 2027 + 6 months = 30 June 2028 (month end).
            self.assertEqual(rit.plan_deadline, D(2028, 6, 30))
            hr = rit.with_user(self.hr_user)
            with self.assertRaisesRegex(ValidationError, "appeal period ended"):
                hr.action_record_appeal(D(2028, 1, 22))
            self.assertFalse(rit.appeal_date)
            # The last day of the period.
            hr.action_record_appeal(D(2028, 1, 21))
            self.assertTrue(rit.appeal_pending)
            self.assertEqual(self._step(rit, "rit_appeal").done_date, D(2028, 1, 21))
            # 21 January + 42 days: 31 January is day 10, 29 February day 39,
            # 3 March day 42.
            self.assertEqual(rit.appeal_outcome_deadline, D(2028, 3, 3))
            # Once per trajectory.
            with self.assertRaisesRegex(UserError, "once per trajectory"):
                hr.action_record_appeal(D(2028, 1, 21))
            with self.assertRaisesRegex(UserError, "once per trajectory"):
                hr.write({"appeal_date": D(2028, 1, 20)})
            # Suspended: no plan, no close until the outcome.
            hr.plan_or_report = "plan"
            for action in ("action_send_plan", "action_close"):
                with self.subTest(action=action):
                    with self.assertRaisesRegex(UserError, "suspended by the appeal"):
                        getattr(hr, action)()
            self.assertEqual(rit.state, "decided")
            # The outcome, on the day it was decided (not in the future, not
            # before the appeal).
            with self.assertRaisesRegex(UserError, "a day to come"):
                hr.action_record_appeal_outcome("confirmed", D(2028, 2, 16))
            with self.assertRaisesRegex(UserError, "before the appeal"):
                hr.action_record_appeal_outcome("confirmed", D(2028, 1, 20))
            hr.action_record_appeal_outcome("confirmed", D(2028, 2, 10))
            self.assertEqual(
                (rit.appeal_pending, rit.appeal_outcome_date),
                (False, D(2028, 2, 10)),
            )
            hr.action_send_plan(D(2028, 2, 14))
            self.assertEqual(rit.state, "plan_sent")

    def test_plan_deadline_runs_from_the_appeals_outcome(self):
        with freeze_time("2028-02-15"):
            rit = self._decide(
                self._rit(self._case(D(2027, 6, 1)), D(2027, 11, 2)),
                "B",
                D(2027, 12, 20),
                D(2027, 12, 31),
            )
            hr = rit.with_user(self.hr_user)
            hr.action_record_appeal(D(2028, 1, 10))
            hr.action_record_appeal_outcome("confirmed", D(2028, 2, 10))
        # Not from the receipt of the decision (31 December 2027 + 6 months =
        # 30 June 2028) but from the outcome of the appeal: 10 February 2028
        # + 6 months = 10 August 2028.
        self.assertEqual(rit.plan_deadline, D(2028, 8, 10))

    def test_appeal_refused_against_a_or_c_and_before_the_decision_arrives(self):
        with freeze_time("2028-03-31"):
            case = self._case(D(2027, 6, 1))
            rit_a = self._decide(
                self._rit(case, D(2028, 1, 3)), "A", D(2028, 1, 31), D(2028, 1, 31)
            )
            with self.assertRaisesRegex(
                ValidationError, "only possible against a decision B"
            ):
                rit_a.with_user(self.hr_user).action_record_appeal(D(2028, 2, 2))
            self.assertFalse(rit_a.appeal_date)
            # A decision B whose receipt was not recorded: a clear message,
            # not a TypeError.
            rit_b = self._decide(
                self._rit(case, D(2028, 1, 3)), "B", D(2028, 1, 31), False
            )
            with self.assertRaisesRegex(UserError, "decision was received"):
                rit_b.with_user(self.hr_user).write({"appeal_date": D(2028, 2, 2)})
            self.assertFalse(rit_b.appeal_date)
            # Only HR records it.
            with self.assertRaises(AccessError):
                rit_b.with_user(self.physician_user).write(
                    {"appeal_date": D(2028, 2, 2)}
                )

    # --- the plan ---------------------------------------------------------------
    def test_plan_63_days_after_a_6_months_after_b_late_plans_flagged(self):
        with freeze_time("2029-03-15"):
            case = self._case(D(2027, 6, 1))
            # A received 31 January 2028 + 63 days: 29 February is day 29,
            # 31 March day 60, 3 April day 63.
            rit_a = self._decide(
                self._rit(case, D(2028, 1, 3)), "A", D(2028, 1, 28), D(2028, 1, 31)
            )
            self.assertEqual(rit_a.plan_deadline, D(2028, 4, 3))
            # B received 31 August 2028 + 6 months = 28 February 2029.
            rit_b = self._decide(
                self._rit(case, D(2028, 7, 3)), "B", D(2028, 8, 28), D(2028, 8, 31)
            )
            self.assertEqual(rit_b.plan_deadline, D(2029, 2, 28))
            for rit in (rit_a, rit_b):
                rit.with_user(self.hr_user).plan_or_report = "plan"
            hr_a, hr_b = rit_a.with_user(self.hr_user), rit_b.with_user(self.hr_user)
            with self.assertRaisesRegex(UserError, "a day to come"):
                hr_a.action_send_plan(D(2029, 3, 16))
            self.assertEqual(rit_a.state, "decided")
            # Sent on 5 April 2028, two days late: accepted, flagged, dated.
            hr_a.action_send_plan(D(2028, 4, 5))
            # Sent on its last day, 28 February 2029: on time.
            hr_b.action_send_plan(D(2029, 2, 28))
        self.assertEqual((rit_a.plan_sent_date, rit_a.plan_late), (D(2028, 4, 5), True))
        self.assertEqual(
            (rit_b.plan_sent_date, rit_b.plan_late), (D(2029, 2, 28), False)
        )
        self.assertEqual(self._step(rit_a, "rit_plan").done_date, D(2028, 4, 5))
        late = self.Rit.search([("plan_late", "=", True), ("case_id", "=", case.id)])
        self.assertEqual(late, rit_a)

    # --- the worker's reply ---------------------------------------------------------
    def test_reply_within_14_days_ticked_late_reply_flagged(self):
        with freeze_time("2028-03-10"):
            case = self._case(D(2027, 6, 1))
            rits = []
            for _i in range(2):
                rit = self._decide(
                    self._rit(case, D(2028, 1, 3)),
                    "A",
                    D(2028, 1, 28),
                    D(2028, 1, 31),
                )
                rit.plan_or_report = "plan"
                rit.with_user(self.hr_user).action_send_plan(D(2028, 2, 15))
                rits.append(rit)
            timely, late = rits
            # 15 February 2028 + 14 days = 29 February 2028 (leap day).
            self.assertEqual(timely.employee_reply_deadline, D(2028, 2, 29))
            self._worker(timely).write(
                {"employee_reply": "accepted", "employee_reply_date": D(2028, 2, 29)}
            )
            self._worker(late).write(
                {"employee_reply": "accepted", "employee_reply_date": D(2028, 3, 1)}
            )
        self.assertEqual(
            (timely.employee_reply_date, timely.reply_late), (D(2028, 2, 29), False)
        )
        step = self._step(timely, "rit_reply")
        self.assertEqual((step.done, step.done_date), (True, D(2028, 2, 29)))
        self.assertEqual(
            (late.employee_reply_date, late.reply_late), (D(2028, 3, 1), True)
        )
        self.assertEqual(
            self.Rit.search([("reply_late", "=", True), ("case_id", "=", case.id)]),
            late,
        )

    def test_refusal_gives_reasons_and_ends_the_trajectory(self):
        with freeze_time("2028-03-10"):
            rit = self._decide(
                self._rit(self._case(D(2027, 6, 1)), D(2028, 1, 3)),
                "A",
                D(2028, 1, 28),
                D(2028, 1, 31),
            )
            rit.plan_or_report = "plan"
            rit.with_user(self.hr_user).action_send_plan(D(2028, 2, 15))
            with self.assertRaisesRegex(UserError, "gives its reasons"):
                self._worker(rit).write({"employee_reply": "refused"})
            self.assertFalse(rit.employee_reply)
            self._refused_plan(rit, day=D(2028, 2, 20))
            self._worker(rit).write(
                {"employee_reply": "refused", "employee_reply_date": D(2028, 2, 20)}
            )
        self.assertEqual(
            (rit.state, rit.end_reason, rit.end_date, rit.employee_reply),
            ("ended", "plan_refused", D(2028, 2, 20), "refused"),
        )
        # The reasons stay on the plan: the trajectory has no copy, not even
        # the column of an older version.
        self.assertNotIn("employee_refusal_reason", rit._fields)
        self.env.cr.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = "
            "'hr_reintegration_trajectory' AND column_name = 'employee_refusal_reason'"
        )
        self.assertFalse(self.env.cr.fetchall())

    def test_no_reply_after_a_reminder_counts_as_a_refusal(self):
        self.company.rit_reply_reminder_days = 7
        with freeze_time("2028-03-01"):
            rit = self._decide(
                self._rit(self._case(D(2027, 6, 1)), D(2028, 1, 3)),
                "A",
                D(2028, 1, 28),
                D(2028, 1, 31),
            )
            rit.plan_or_report = "plan"
            hr = rit.with_user(self.hr_user)
            hr.action_send_plan(D(2028, 2, 15))
            # The worker may reply until 29 February: no reminder before.
            with self.assertRaisesRegex(UserError, "reminder comes after"):
                hr.action_record_reply_reminder(D(2028, 2, 29))
            with freeze_time("2028-03-02"):
                hr.action_record_reply_reminder()
            self.assertEqual(rit.reply_reminder_date, D(2028, 3, 2))
        # 2 March + 7 days = 9 March: still time on that day.
        with freeze_time("2028-03-09"):
            self.Rit._cron_end_without_reply()
        self.assertEqual(rit.state, "plan_sent")
        with freeze_time("2028-03-10"):
            self.Rit._cron_end_without_reply()
        self.assertEqual(
            (rit.state, rit.employee_reply, rit.end_reason, rit.end_date),
            ("ended", "refused", "no_reply", D(2028, 3, 9)),
        )

    def test_end_without_reply_runs_in_pages(self):
        self.company.rit_reply_reminder_days = 7
        with freeze_time("2028-03-02"):
            case = self._case(D(2027, 6, 1))
            rits = self.Rit
            for _i in range(6):
                rit = self._decide(
                    self._rit(case, D(2028, 1, 3)),
                    "A",
                    D(2028, 1, 28),
                    D(2028, 1, 31),
                )
                rit.plan_or_report = "plan"
                rit.with_user(self.hr_user).action_send_plan(D(2028, 2, 15))
                rit.with_user(self.hr_user).action_record_reply_reminder()
                rits |= rit
        with freeze_time("2028-03-20"):
            self.assertTrue(self.Rit._cron_end_without_reply(batch_size=4))
            self.assertEqual(len(rits.filtered(lambda r: r.state == "ended")), 4)
            self.assertFalse(self.Rit._cron_end_without_reply(batch_size=4))
        self.assertEqual(set(rits.mapped("state")), {"ended"})


@tagged("post_install", "-at_install")
class TestGoldenPreventiveReintegration(TrajectoryGoldenCase):
    """Preventive reintegration trajectory (2026): the worker asks, the
    physician or the advisor advises, the employer decides as soon as
    possible (a setting, 14 calendar days by default)."""

    def _request(self, user, day, **vals):
        return (
            self.env["hr.preventive.reintegration"]
            .with_user(user)
            .create(
                {
                    "employee_id": self.els.id,
                    "company_id": self.company.id,
                    "request_date": day,
                    "request_kind": "adapted_work",
                    "requested_adaptations": "No night shifts for a while.",
                    **vals,
                }
            )
        )

    def test_request_advice_and_decision_as_soon_as_possible(self):
        self.company.preventive_decision_days = 14
        Preventive = self.env["hr.preventive.reintegration"]
        with freeze_time("2028-03-20"):
            request = self._request(self.worker, D(2028, 2, 29))
            # 29 February 2028 + 14 days = 14 March 2028.
            self.assertEqual(request.decision_deadline, D(2028, 3, 14))
            # The worker asks for themself only; the line manager sees none.
            with self.assertRaises(AccessError):
                self._request(self.worker, D(2028, 3, 1), employee_id=self.sofie.id)
            self.assertFalse(
                Preventive.with_user(self.manager_user).search(
                    [("id", "=", request.id)]
                )
            )
            # Advice: the physician or the advisor, never HR.
            with self.assertRaises(AccessError):
                request.with_user(self.hr_user).action_record_advice()
            physician = request.with_user(self.physician_user)
            with self.assertRaisesRegex(UserError, "adaptations you suggest"):
                physician.action_record_advice(D(2028, 3, 5))
            physician.suggested_adaptations = "Day shifts only."
            physician.action_record_advice(D(2028, 3, 5))
            self.assertEqual(
                (request.state, request.advice_date, request.advised_by_id),
                ("advised", D(2028, 3, 5), self.physician_user),
            )
            # The employer decides: a refusal gives reasons; not before the
            # advice; only HR.
            hr = request.with_user(self.hr_user)
            with self.assertRaisesRegex(UserError, "gives its reasons"):
                hr.action_refuse(D(2028, 3, 15))
            with self.assertRaisesRegex(UserError, "cannot come before"):
                hr.action_agree(D(2028, 3, 4))
            with self.assertRaises(AccessError):
                request.with_user(self.worker).action_agree(D(2028, 3, 15))
            self.assertEqual(request.state, "advised")
            hr.decision_reason = "No day shift position in the team."
            hr.action_refuse(D(2028, 3, 15))
        # Decided on 15 March: one day after the 14 March deadline.
        self.assertEqual(
            (request.state, request.decision_date, request.decision_late),
            ("refused", D(2028, 3, 15), True),
        )
        with self.assertRaises(UserError):
            request.sudo().unlink()

    def test_decision_before_the_request_or_in_the_future_is_refused(self):
        with freeze_time("2028-03-20"):
            request = self._request(self.hr_user, D(2028, 3, 10))
            hr = request.with_user(self.hr_user)
            for day in (D(2028, 3, 9), D(2028, 3, 21)):
                with self.subTest(day=day), self.assertRaises(UserError):
                    hr.action_agree(day)
            self.assertEqual(
                (request.state, request.decision_date), ("requested", False)
            )
            with self.assertRaisesRegex(UserError, "a day to come"):
                self._request(self.hr_user, D(2028, 3, 21))
            hr.action_agree()
            self.assertEqual(
                (request.state, request.decision_date, request.decision_late),
                ("agreed", D(2028, 3, 20), False),
            )

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common_absence import AbsenceCase, D


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestAbsenceOpening(AbsenceCase):
    def _cases(self):
        return self.Case.search([("employee_id", "=", self.employee.id)])

    def test_27_days_open_nothing_28_days_open_a_case(self):
        self._leave(D(2026, 3, 3), D(2026, 3, 29))  # 27 days, Tuesday to Sunday
        self.assertFalse(self._cases())
        self._leave(D(2026, 3, 30), D(2026, 3, 30))  # day 28, the next day
        case = self._cases()
        self.assertEqual(len(case), 1)
        self.assertEqual(case.date_start, D(2026, 3, 3))
        self.assertEqual(case.state, "absent")
        self.assertEqual(case.expected_return_date, D(2026, 3, 31))
        self.assertEqual(len(case.sudo().leave_ids), 2)
        self.assertTrue(
            case.milestone_ids.filtered(lambda m: m.code == "letter_pre_return")
        )

    def test_other_leave_types_and_unvalidated_leave_open_nothing(self):
        self.sick_type.opens_absence_case = False
        self._leave(D(2026, 3, 2), D(2026, 4, 30))
        self.assertFalse(self._cases())
        self.sick_type.opens_absence_case = True
        self._leave(D(2026, 5, 4), D(2026, 6, 12), validate=False)
        self.assertFalse(self._cases())

    def test_a_working_day_between_breaks_the_run(self):
        self._leave(D(2026, 3, 2), D(2026, 3, 18))
        self._leave(D(2026, 3, 20), D(2026, 3, 31))  # Thursday 19 at work
        self.assertFalse(self._cases())

    def test_a_weekend_between_does_not_break_the_run(self):
        self._leave(D(2026, 3, 2), D(2026, 3, 13))  # Monday to Friday
        self._leave(D(2026, 3, 16), D(2026, 3, 31))  # Monday
        self.assertEqual(self._cases().date_start, D(2026, 3, 2))

    def test_relapse_less_than_14_days_after_reopens_the_same_case(self):
        self._leave(D(2026, 3, 2), D(2026, 4, 5))
        case = self._cases()
        case.return_date = D(2026, 4, 6)
        case.action_register_return()
        self.assertEqual(case.state, "returned")
        self.assertIn("return_exam", self._milestones(case))
        # Friday 17 April: 11 days after the return, less than 14.
        self._leave(D(2026, 4, 17), D(2026, 4, 22))
        self.assertEqual(self._cases(), case)
        self.assertEqual(case.state, "absent")
        self.assertEqual(case.relapse_count, 1)
        self.assertEqual(case.date_start, D(2026, 3, 2))
        self.assertNotIn("return_exam", self._milestones(case))

    def test_relapse_on_the_14th_day_is_a_new_absence(self):
        self._leave(D(2026, 3, 2), D(2026, 4, 5))
        case = self._cases()
        case.return_date = D(2026, 4, 6)
        case.action_register_return()
        case.action_close()
        # Monday 20 April is the 14th day after the return of 6 April: a new
        # incapacity (too short for a case yet).
        self._leave(D(2026, 4, 20), D(2026, 4, 22))
        self.assertEqual(self._cases(), case)
        self.assertEqual(case.state, "closed")
        self._leave(D(2026, 4, 23), D(2026, 5, 20))  # now 31 days in a row
        cases = self._cases()
        self.assertEqual(len(cases), 2)
        new = cases - case
        self.assertEqual(new.date_start, D(2026, 4, 20))
        self.assertEqual(case.state, "closed")

    def test_closed_case_reopens_on_relapse(self):
        self._leave(D(2026, 3, 2), D(2026, 4, 5))
        case = self._cases()
        case.return_date = D(2026, 4, 6)
        case.action_register_return()
        case.action_close()
        self._leave(D(2026, 4, 10), D(2026, 4, 10))
        self.assertEqual(case.state, "absent")

    def test_one_open_case_per_employee(self):
        self._case(D(2026, 3, 2))
        with self.assertRaisesRegex(ValidationError, "already has an absence case"):
            self._case(D(2026, 5, 2))

    def test_day28_letter_in_the_employee_language(self):
        case = self._case(D(2026, 3, 2))
        self.env["res.lang"]._activate_lang("nl_BE")
        self.env["res.lang"]._activate_lang("fr_BE")
        for lang, text in (
            ("nl_BE", "bezoek voorafgaand aan de werkhervatting"),
            ("fr_BE", "visite de pré-reprise du travail"),
            ("en_US", "pre-return visit"),
        ):
            with self.subTest(lang=lang):
                self.employee.lang = lang
                html = (
                    self.env["ir.actions.report"]
                    ._render_qweb_html(
                        "hr_burnout_prevention.report_absence_day28_letter", case.ids
                    )[0]
                    .decode()
                )
                self.assertIn(text, html)
        # Printing is previewing: the letter is sent when HR says so.
        case.action_print_day28_letter()
        self.assertFalse(case.letter_sent_date)
        case.action_mark_letter_sent()
        self.assertEqual(case.letter_sent_date, D(2026, 6, 15))
        letter = case.milestone_ids.filtered(lambda m: m.code == "letter_pre_return")
        self.assertTrue(letter.done)
        self.assertEqual(letter.done_date, D(2026, 6, 15))

    def test_relapse_time_off_validated_before_it_starts_reopens(self):
        self._leave(D(2026, 3, 2), D(2026, 4, 5))
        case = self._cases()
        case.return_date = D(2026, 4, 6)
        case.action_register_return()
        # Validated on Friday 10 April for Wednesday 15 April: 9 days after
        # the return, the same incapacity (the day is still to come).
        with freeze_time("2026-04-10"):
            self._leave(D(2026, 4, 15), D(2026, 4, 22))
        self.assertEqual(self._cases(), case)
        self.assertEqual(case.state, "absent")
        self.assertEqual(case.relapse_count, 1)

"""The absence side's jobs and bulk creation at scale: the same number of
queries for a few and for many records (commit-time work included), pages
that are reported to Odoo's cron runner, texts in the reader's language."""

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common_absence import AbsenceCase, D

# The two sizes measured: the same budget for both.
SIZES = (5, 25)
# Queries of the first daily run of the deadline job over cases whose reminders
# are all due (one page per step), commit-time work included: 45 measured (55
# while two steps flagged the overdue milestones; overdue is live now), one
# more after tests that clear Odoo's caches.
CRON_QUERIES = 46
# Queries of creating cases in one call (milestones, followers, tracking); Odoo
# itself inserts and updates rows by 100 (one more query per 100 milestones):
# 19 measured alone, 21 in the whole suite (tests that clear Odoo's caches).
CREATE_QUERIES = 21
# Queries of opening the cases of the sick time off of many employees at once:
# 31 measured alone, 33 in the whole suite.
LEAVE_QUERIES = 33
# Queries of moving the start of many cases at once, commit-time work
# included: 15 measured for 5 cases, 19 for 25 (Odoo updates rows by 100: two
# more updates for their 200 milestones), up to 2 more in the whole suite. It
# was 23 and 67: the company's workers counted and the steps' activities read
# once per case.
MOVE_QUERIES = 21
# The day of the measures: the day-28 steps and the contact reminders of
# cases that started on 2 March 2026 are due.
QUERY_DAY = "2026-04-01"


@tagged("post_install", "-at_install", "is_query_count")
class TestScaleAbsence(AbsenceCase):
    def _new_employees(self, count, tag, **vals):
        return self.env["hr.employee"].create(
            [
                {
                    "name": f"Scale {tag} {i}",
                    "parent_id": self.manager.id,
                    # No approver added to hr_holidays' group: that would
                    # clear the registry caches and run the measure cold.
                    "leave_manager_id": False,
                    **vals,
                }
                for i in range(count)
            ]
        )

    def _case_vals(self, employees):
        return [
            {
                "employee_id": employee.id,
                "date_start": D(2026, 3, 2),
                "hr_responsible_id": self.hr_user.id,
                "contact_user_id": self.manager_user.id,
                "contact_frequency": 7,
            }
            for employee in employees
        ]

    def _measure(self, func):
        """Queries of ``func`` and of the work Odoo does at commit."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        result = func()
        self.env.flush_all()
        self.env.cr.precommit.run()
        return self.cr.sql_log_count - before, result

    def _finish_cron(self, day, **options):
        """Run the deadline job on ``day`` as the runner does, until it
        reports no work: the number of calls."""
        with freeze_time(day):
            for calls in range(1, 200):
                if not self.Case._cron_process_deadlines(**options):
                    return calls
        self.fail("the deadline job never finished")

    def _per_size(self, measure, warm=False):
        """``measure(count)`` for each size, each in a savepoint rolled back
        (``warm``: after a first run of 2 records that warms the caches)."""
        results = {}
        for count in ((2,) if warm else ()) + SIZES:
            self.env.flush_all()
            with (
                self.subTest(count=count),
                self.env.cr.savepoint(flush=False) as savepoint,
            ):
                results[count] = measure(count)
                savepoint.rollback()
                self.env.invalidate_all()
        return results

    # ------------------------------------------------------------------
    # Creation of cases
    # ------------------------------------------------------------------
    def test_bulk_case_creation_is_flat(self):
        # Warm the caches (xml ids, models) with a first small batch.
        self.Case.create(self._case_vals(self._new_employees(2, "warm")))

        def measure(count):
            employees = self._new_employees(count, f"create {count}")
            with self.assertQueryCount(CREATE_QUERIES):
                queries, cases = self._measure(
                    lambda: self.Case.create(self._case_vals(employees))
                )
            self.assertEqual(len(cases), count)
            # Each case has its legal steps, the same as a case made alone.
            self.assertEqual(
                set(cases.mapped(lambda c: len(c.milestone_ids))),
                {len(cases[0].milestone_ids)},
            )
            self.assertTrue(cases[0].milestone_ids)
            return queries

        self._per_size(measure)

    def test_second_open_case_refused_in_a_batch(self):
        employees = self._new_employees(2, "twice")
        vals = self._case_vals(employees)
        with self.assertRaises(Exception) as caught:
            with self.env.cr.savepoint():
                self.Case.create([*vals, dict(vals[1])])
        self.assertIn("already has an absence case", str(caught.exception))
        self.assertFalse(self.Case.search([("employee_id", "in", employees.ids)]))

    def test_protocol_and_rules_version_are_flat(self):
        def measure(count):
            cases = self.Case.create(
                self._case_vals(self._new_employees(count, f"protocol {count}"))
            )
            self.env.flush_all()
            self.env.invalidate_all()
            field = cases._fields["protocol_id"]
            with self.assertQueryCount(6):
                self.env.add_to_compute(field, cases)
                cases.flush_recordset(["protocol_id"])
                versions = set(cases.mapped("rules_version"))
            self.assertEqual(versions, {"2026"})
            return len(cases.protocol_id)

        self.assertEqual(self._per_size(measure), dict.fromkeys(SIZES, 1))

    def test_cases_from_time_off_of_many_employees_are_flat(self):
        """Sick time off validated for many employees: the cases they open
        cost the same number of queries for 5 and 25 employees. The time off
        is validated first under a type that opens no case (Odoo's own
        validation is not measured), then the type opens cases."""
        self.sick_type.opens_absence_case = False

        def measure(count):
            employees = self._new_employees(count, f"leave {count}")
            leaves = (
                self.env["hr.leave"]
                .with_context(leave_skip_state_check=True)
                .create(
                    [
                        {
                            "name": "Sick",
                            "employee_id": employee.id,
                            "holiday_status_id": self.sick_type.id,
                            "request_date_from": D(2026, 3, 2),
                            "request_date_to": D(2026, 4, 3),
                        }
                        for employee in employees
                    ]
                )
            )
            leaves.action_validate()
            self.sick_type.opens_absence_case = True
            budget = LEAVE_QUERIES if count in SIZES else 1000
            with self.assertQueryCount(budget):
                queries, cases = self._measure(
                    lambda: self.Case._open_from_leaves(leaves)
                )
            self.assertEqual(cases.employee_id, employees)
            for case in cases:
                self.assertEqual(case.date_start, D(2026, 3, 2))
                self.assertEqual(case.expected_return_date, D(2026, 4, 4))
                self.assertEqual(case.sudo().leave_ids.employee_id, case.employee_id)
                self.assertTrue(case.milestone_ids)
                self.assertIn("33", case.message_ids[:1].body)
            # Validated again (a second time off in the same run): the open
            # case goes on, no second case.
            self.assertEqual(self.Case._open_from_leaves(leaves), cases)
            self.sick_type.opens_absence_case = False
            return queries

        self._per_size(measure, warm=True)

    def test_moving_the_start_of_many_cases_is_flat(self):
        """HR moves the start of many cases at once (and records the
        physician's estimate of work potential): their steps move, the
        trajectory's steps appear, in the same number of queries for 5 and
        25 cases."""

        def measure(count):
            cases = self.Case.create(
                self._case_vals(self._new_employees(count, f"move {count}"))
            )
            # The company has the duty of a trajectory, whatever its size.
            cases.company_id.sudo().reintegration_duty_min_workers = 1
            before = {m: m.date_deadline for m in cases.milestone_ids}
            budget = MOVE_QUERIES if count in SIZES else 1000
            with self.assertQueryCount(budget):
                queries, _result = self._measure(
                    lambda: cases.write(
                        {
                            "date_start": D(2026, 3, 9),
                            "work_potential": "yes",
                            "work_potential_date": D(2026, 5, 4),
                        }
                    )
                )
            moved = cases.milestone_ids.filtered(lambda m: m in before)
            self.assertTrue(moved)
            self.assertTrue(
                all(m.date_deadline > before[m] for m in moved),
                "every step moved with the start",
            )
            # The trajectory's steps appear with the work potential.
            self.assertTrue(
                all(
                    case.milestone_ids.filtered("step_id.requires_work_potential")
                    for case in cases
                )
            )
            return queries

        results = self._per_size(measure, warm=True)
        # Not one query per case (it was 2.2 per case: the workers of the
        # company counted and the activities read for each case).
        self.assertLess(results[25] - results[5], 25 - 5)

    # ------------------------------------------------------------------
    # The deadline job
    # ------------------------------------------------------------------
    def test_first_daily_run_is_flat(self):
        # Whatever the database holds (demo or not) is done first, so that
        # the measured run only does the work of the cases made here.
        self._finish_cron(QUERY_DAY)
        contact_type = self.env.ref(
            "hr_burnout_prevention.mail_activity_type_absence_contact"
        )

        def measure(count):
            cases = self.Case.with_context(mail_create_nolog=True).create(
                self._case_vals(self._new_employees(count, f"cron {count}"))
            )
            with freeze_time(QUERY_DAY):
                self.assertEqual(fields.Date.context_today(self.Case), QUERY_DAY_D)
                budget = CRON_QUERIES if count in SIZES else 1000
                with self.assertQueryCount(budget):
                    queries, more = self._measure(self.Case._cron_process_deadlines)
            self.assertFalse(more)
            reminded = self.env["mail.activity"].search(
                [
                    ("res_model", "=", "hr.absence.case"),
                    ("res_id", "in", cases.ids),
                    ("activity_type_id", "=", contact_type.id),
                ]
            )
            self.assertEqual(set(reminded.mapped("res_id")), set(cases.ids))
            self.assertEqual(reminded.user_id, self.manager_user)
            due = cases.milestone_ids.filtered(
                lambda m: m.code in ("inform_ohs", "letter_pre_return")
            )
            self.assertEqual(len(due), 2 * count)
            self.assertTrue(all(due.mapped("activity_scheduled")))
            with freeze_time(QUERY_DAY):
                due.invalidate_recordset(["is_overdue"])
                self.assertTrue(all(due.mapped("is_overdue")))
            self.assertTrue(all(cases.mapped("fading_alert_date")))
            # No notification mail per activity.
            self.assertFalse(
                self.env["mail.mail"].search_count(
                    [("model", "=", "hr.absence.case"), ("res_id", "in", cases.ids)]
                )
            )
            return queries

        self._per_size(measure, warm=True)

    def test_progress_counts_the_cleanup(self):
        """A run with only cleanup left reports the cleanup as work done and
        remaining (Odoo's runner stops a job that reports nothing done), and
        ends in as many calls as pages."""
        self._finish_cron(QUERY_DAY)
        cases = self.Case.create(self._case_vals(self._new_employees(7, "cleanup")))
        self._finish_cron(QUERY_DAY)
        milestone_activities = cases.milestone_ids.activity_ids
        contact_activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "hr.absence.case"),
                ("res_id", "in", cases.ids),
                ("absence_milestone_id", "=", False),
            ]
        )
        self.assertGreaterEqual(len(milestone_activities), 14)
        self.assertEqual(len(contact_activities), 14)  # contact and fading
        # The cases are closed behind the job's back (not by their button,
        # which closes their activities): only cleanup is left.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE hr_absence_case SET state = 'closed', return_date = "
            "date_start, date_closed = date_start WHERE id = ANY(%s)",
            [cases.ids],
        )
        self.env.invalidate_all()
        pages = -(-len(milestone_activities) // 3) - (-len(contact_activities) // 3)
        total = len(milestone_activities) + len(contact_activities)
        cron = self.env.ref("hr_burnout_prevention.ir_cron_absence_deadlines")
        reports = []
        with freeze_time(QUERY_DAY):
            for _call in range(pages + 5):
                # As Odoo's runner: a progress row per call, read after it.
                progress = self.env["ir.cron.progress"].create(
                    {"cron_id": cron.id, "done": 0, "remaining": 0}
                )
                more = self.Case.with_context(
                    ir_cron_progress_id=progress.id
                )._cron_process_deadlines(page_size=3, max_pages=1)
                reports.append((progress.done, progress.remaining))
                if not more:
                    break
        self.assertEqual(len(reports), pages)
        # Every call but the last reports work done and work remaining: the
        # runner calls the job again.
        self.assertTrue(all(done and remaining for done, remaining in reports[:-1]))
        self.assertEqual(reports[0], (3, total - 3))
        self.assertEqual(reports[-1][1], 0)
        self.assertEqual(sum(done for done, _remaining in reports), total)
        self.assertFalse(milestone_activities.exists())
        self.assertFalse(contact_activities.exists())

    def test_summaries_in_the_assignee_language(self):
        self._finish_cron(QUERY_DAY)
        for lang in ("nl_BE", "fr_BE"):
            self.env["res.lang"]._activate_lang(lang)
        self.env["ir.module.module"].search(
            [("name", "=", "hr_burnout_prevention")]
        )._update_translations(["nl_BE"])
        self.hr_user.lang = "nl_BE"
        self.manager_user.lang = "fr_BE"
        cases = self.Case.create(self._case_vals(self._new_employees(2, "lang")))
        self._finish_cron(QUERY_DAY)
        activities = cases.milestone_ids.activity_ids
        self.assertTrue(activities)
        for activity in activities:
            milestone = activity.absence_milestone_id
            with self.subTest(activity=milestone.code):
                self.assertEqual(activity.user_id, self.hr_user)
                self.assertEqual(
                    activity.summary, milestone.with_context(lang="nl_BE").name
                )
        # The step names are translated: the summaries are not the English.
        english = set(
            activities.absence_milestone_id.with_context(lang="en_US").mapped("name")
        )
        self.assertFalse(set(activities.mapped("summary")) & english)
        contact = self.env["mail.activity"].search(
            [
                ("res_model", "=", "hr.absence.case"),
                ("res_id", "in", cases.ids),
                ("user_id", "=", self.manager_user.id),
            ]
        )
        self.assertEqual(len(contact), 2)
        self.assertEqual(
            set(contact.mapped("summary")),
            {"Prendre des nouvelles : contact bref et bienveillant"},
        )


QUERY_DAY_D = D(2026, 4, 1)

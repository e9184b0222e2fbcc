"""The daily job that ends the trajectories left without a reply after a
reminder: one page costs the same number of queries for 2 trajectories as
for 20, commit-time work (flush, tracking, messages) included."""

from contextlib import nullcontext

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common_absence import AbsenceCase, D

# Queries of one call of the job, whatever the number of trajectories of its
# page, with the flush and the commit-time hooks that follow it. Ending a
# trajectory also recomputes, for the whole page at once, the protocol it
# follows (the protocols read once) and its deadlines.
CRON_QUERIES = 16
# The day of the measured calls: the reminders of 1 March 2028, with the
# default delay, ended on an earlier day.
QUERY_DAY = "2028-04-03"


@tagged("post_install", "-at_install", "is_query_count")
class TestTrajectoryCron(AbsenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.rit_reply_reminder_days = 7

    def _waiting(self, count):
        """`count` trajectories whose plan went out on 15 February 2028 and
        whose worker was reminded on 1 March 2028, without a reply."""
        employees = self.env["hr.employee"].create(
            [
                {"name": f"Cron {count} {i}", "leave_manager_id": False}
                for i in range(count)
            ]
        )
        cases = self.Case.create(
            [{"employee_id": e.id, "date_start": D(2027, 6, 1)} for e in employees]
        )
        rits = self.Rit.create(
            [
                {
                    "case_id": case.id,
                    "request_date": D(2028, 1, 3),
                    "requester": "employee",
                    "physician_user_id": self.physician_user.id,
                }
                for case in cases
            ]
        )
        # Test data: the steps before the reminder are tested in
        # test_legal_golden_trajectory; here they are set as the system.
        with self.Rit._workflow_system():
            rits.write(
                {
                    "decision": "A",
                    "decision_date": D(2028, 1, 28),
                    "decision_received_date": D(2028, 1, 31),
                    "state": "decided",
                }
            )
            rits.write(
                {
                    "plan_or_report": "plan",
                    "plan_sent_date": D(2028, 2, 15),
                    "state": "plan_sent",
                }
            )
            rits.write({"reply_reminder_date": D(2028, 3, 1)})
        return rits

    def _queries_for(self, count):
        """Queries of the first call of the job on QUERY_DAY for `count`
        trajectories (all in its page), flush and commit-time hooks
        included (within CRON_QUERIES from 2 trajectories on)."""
        rits = self._waiting(count)
        self.env.cr.flush()
        self.env.invalidate_all()
        # The job runs with the chatter on, as the scheduler runs it.
        Rit = self.Rit.with_context(tracking_disable=False, mail_notrack=False)
        with freeze_time(QUERY_DAY):
            self.assertEqual(fields.Date.context_today(Rit), D(2028, 4, 3))
            budget = self.assertQueryCount(CRON_QUERIES) if count > 1 else nullcontext()
            with budget:
                queries = self.cr.sql_log_count
                remaining = Rit._cron_end_without_reply()
                # What the commit would run: the flush and the precommit
                # hooks (tracking, messages).
                self.env.cr.flush()
                queries = self.cr.sql_log_count - queries
            self.assertFalse(remaining)
        self.assertEqual(
            set(rits.mapped(lambda r: (r.state, r.employee_reply, r.end_reason))),
            {("ended", "refused", "no_reply")},
        )
        # The last day of the delay: 1 March + 7 days.
        self.assertEqual(set(rits.mapped("end_date")), {D(2028, 3, 8)})
        # Each trajectory says it once in its chatter, with the tracked
        # changes.
        for rit in rits:
            message = rit.message_ids.filtered(
                lambda m: "counts as refused" in (m.body or "")
            )
            self.assertEqual(len(message), 1, rit.display_name)
            tracked = {
                value.field_id.name: value.new_value_char
                for value in message.tracking_value_ids
            }
            self.assertEqual(tracked["state"], "Ended")
            self.assertIn("end_date", tracked)
            self.assertTrue(tracked["end_reason"])
        return queries

    def _finish_other_work(self):
        """Whatever else the database holds on QUERY_DAY is done first."""
        with freeze_time(QUERY_DAY):
            for _i in range(100):
                if not self.Rit._cron_end_without_reply():
                    break
            self.assertFalse(self.Rit._cron_end_without_reply())

    def test_query_count_does_not_grow_with_trajectories(self):
        self._finish_other_work()
        queries = {}
        # A first page of one warms the caches (fields, subtypes); then a
        # page costs CRON_QUERIES queries for 2 and for 20 trajectories.
        for count in (1, 2, 20):
            with (
                self.subTest(trajectories=count),
                self.env.cr.savepoint(flush=False) as savepoint,
            ):
                queries[count] = self._queries_for(count)
                savepoint.rollback()
                self.env.invalidate_all()
        self.assertEqual(queries[2], queries[20])

    def test_pages_report_their_progress(self):
        self._finish_other_work()
        rits = self._waiting(5)
        cron = self.env.ref("hr_burnout_prevention.ir_cron_rit_no_reply_after_reminder")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Rit = self.Rit.with_context(ir_cron_progress_id=progress.id)
        with freeze_time(QUERY_DAY):
            self.assertTrue(Rit._cron_end_without_reply(batch_size=3))
            self.assertEqual((progress.done, progress.remaining), (3, 2))
            self.assertEqual(rits[:3].mapped("state"), ["ended"] * 3)
            self.assertEqual(rits[3:].mapped("state"), ["plan_sent"] * 2)
            self.assertFalse(Rit._cron_end_without_reply(batch_size=3))
            self.assertEqual((progress.done, progress.remaining), (2, 0))
        self.assertEqual(set(rits.mapped("state")), {"ended"})

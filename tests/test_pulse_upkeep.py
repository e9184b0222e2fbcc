"""The pulse's upkeep (issue 16 follow-ups): the daily close of the
campaigns whose end date has passed, and who owns a new question of the
bank."""

from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_pulse import PulseCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-05")
class TestPulseUpkeep(PulseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Open campaigns the test does not own (the demo's) end after its
        # days, so that the cron sees the test's only.
        cls.env["hr.pulse.campaign"].sudo().search([("state", "=", "open")]).write(
            {"date_end": "2099-12-31"}
        )
        cls.ending = cls._campaign(name="Ends on the 20th")
        cls.later = cls._campaign(name="Ends on the 25th", date_end="2026-11-25")
        (cls.ending | cls.later).action_open()

    def _run_cron(self, **kwargs):
        progress = []
        with patch.object(
            type(self.env["ir.cron"]),
            "_notify_progress",
            lambda cron, *, done, remaining, deactivate=False: progress.append(
                (done, remaining)
            ),
        ):
            more = self.env["hr.pulse.campaign"]._cron_close_ended(**kwargs)
        return more, progress

    def test_cron_closes_the_ended_campaigns_and_publishes(self):
        for user in self.ops_users[:3]:
            self._answer(self.ending, user, 4, 2, 5)
        cron = self.env.ref("hr_burnout_prevention.ir_cron_hr_pulse_campaign_close")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        with freeze_time("2026-11-20"):
            # The last day still takes answers: nothing closes.
            self.assertEqual(self._run_cron(), (False, [(0, 0)]))
            self.assertEqual(self.ending.state, "open")
        with freeze_time("2026-11-21"):
            self.assertEqual(self._run_cron(), (False, [(1, 0)]))
        self.assertEqual(self.ending.state, "closed")
        self.assertEqual(str(self.ending.date_closed), "2026-11-21")
        self.assertEqual(self.later.state, "open")
        overall = self.ending.result_ids.filtered(
            lambda r: r.level == "domain" and not r.group_key
        )
        self.assertTrue(overall)
        self.assertEqual(set(overall.mapped("answer_count")), {3})

    def test_cron_walks_in_pages(self):
        with freeze_time("2026-11-26"):
            self.assertEqual(self._run_cron(batch_size=1), (True, [(1, 1)]))
            self.assertEqual(
                (self.ending | self.later).mapped("state"), ["closed", "open"]
            )
            self.assertEqual(self._run_cron(batch_size=1), (False, [(1, 0)]))
            self.assertEqual(self.later.state, "closed")
            # Nothing left to close.
            self.assertEqual(self._run_cron(batch_size=1), (False, [(0, 0)]))

    def test_new_question_of_a_non_administrator_is_the_company_s(self):
        for role in ("taskforce", "hr", "paps"):
            with self.subTest(role=role):
                user = self.users[role]
                Question = self.env["hr.pulse.question"].with_user(user)
                question = Question.create(
                    {
                        "name": f"Question of {role}",
                        "domain": "work_content",
                        "company_id": False,
                    }
                )
                self.assertEqual(question.company_id, user.company_id)
                with self.assertRaisesRegex(AccessError, "starter bank"):
                    question.write({"company_id": False})
                self.assertEqual(question.company_id, user.company_id)
        # The addon's administrator adds to the shared bank.
        shared = (
            self.env["hr.pulse.question"]
            .with_user(self.users["admin"])
            .create({"name": "For everybody", "domain": "work_content"})
        )
        self.assertFalse(shared.company_id)

    def test_line_labels_are_distinct(self):
        fields = self.env["hr.pulse.campaign.line"]._fields
        self.assertNotEqual(fields["name"].string, fields["question_id"].string)

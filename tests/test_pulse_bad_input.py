"""Bad input on the pulse (issue 16): each refusal is a clear message, and
nothing is written that could identify the person."""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_pulse import PulseCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-05")
class TestPulseBadInput(PulseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls._campaign()
        cls.campaign.action_open()

    def _state(self):
        """What a refusal must leave as it was."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT (SELECT count(*) FROM hr_pulse_answer WHERE campaign_id = %s),"
            " (SELECT count(*) FROM hr_pulse_participation"
            "  WHERE campaign_id = %s AND answered),"
            " (SELECT count(*) FROM mail_message),"
            " (SELECT count(*) FROM ir_attachment)",
            [self.campaign.id, self.campaign.id],
        )
        return self.env.cr.fetchone()

    def test_open_needs_the_minimum_population(self):
        small = self.env["hr.department"].create({"name": "Tiny"})
        self.new_employee("Alone", small)
        campaign = self._campaign(department_ids=[Command.set(small.ids)])
        with self.assertRaisesRegex(UserError, "at least 3 people"):
            campaign.action_open()
        self.assertEqual(campaign.state, "draft")
        self.assertFalse(campaign.sudo().participation_ids)

    def test_open_needs_a_scale_question_and_a_future_end(self):
        campaign = self._campaign(questions=self.q_text)
        with self.assertRaisesRegex(UserError, "no question on the scale"):
            campaign.action_open()
        campaign = self._campaign(date_start="2026-10-01", date_end="2026-11-01")
        with self.assertRaisesRegex(UserError, "has passed"):
            campaign.action_open()
        self.assertEqual(campaign.state, "draft")

    def test_question_without_domain(self):
        Question = self.env["hr.pulse.question"].with_user(self.users["taskforce"])
        count = Question.search_count([])
        for vals in (
            {"name": "No domain", "polarity": "giver"},
            {"name": "Empty domain", "polarity": "giver", "domain": False},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                Question.create(vals)
        with self.assertRaises(ValidationError):
            self.q_giver.with_user(self.users["taskforce"]).write({"domain": False})
        self.assertEqual(Question.search_count([]), count)
        self.assertEqual(self.q_giver.domain, "work_organisation")
        campaign = self._campaign(questions=self.q_giver)
        with self.assertRaises(ValidationError):
            campaign.line_ids.write({"domain": False})

    def test_refused_answers_write_nothing(self):
        outsider = self.new_user("employee", login="wb_pulse_outsider")
        self._answer(self.campaign, self.ops_users[0], 4, 2, 5)
        before = self._state()
        lines = self.campaign.line_ids.sorted("sequence")
        cases = [
            ("second answer", self.ops_users[0], self._values(self.campaign, 3, 3, 3)),
            ("outside", outsider, self._values(self.campaign, 3, 3, 3)),
            ("missing", self.ops_users[1], {lines[0].id: 3, lines[1].id: 3}),
            ("too high", self.ops_users[1], self._values(self.campaign, 6, 3, 3)),
            ("not a number", self.ops_users[1], self._values(self.campaign, "x", 3, 3)),
            ("a boolean", self.ops_users[1], self._values(self.campaign, True, 3, 3)),
            ("a foreign line", self.ops_users[1], {999999: 3}),
            ("not a dict", self.ops_users[1], [3, 3, 3]),
            (
                "text not a text",
                self.ops_users[1],
                self._values(self.campaign, 3, 3, 3, text=42),
            ),
        ]
        for name, user, values in cases:
            with self.subTest(name), self.assertRaises(UserError):
                self.campaign.with_user(user)._submit_answers(values)
            self.assertEqual(self._state(), before, name)
        participation = self.campaign.sudo().participation_ids.filtered(
            lambda p: p.employee_id.user_id == self.ops_users[1]
        )
        self.assertFalse(participation.answered)

    def test_answer_after_the_end_or_when_closed(self):
        with freeze_time("2026-11-21"):
            before = self._state()
            with self.assertRaisesRegex(UserError, "closed"):
                self._answer(self.campaign, self.ops_users[0], 4, 2, 5)
            self.assertEqual(self._state(), before)
        with freeze_time("2026-11-10"):
            for user in self.ops_users[:3]:
                self._answer(self.campaign, user, 4, 2, 5)
            self.campaign.action_close()
            before = self._state()
            with self.assertRaisesRegex(UserError, "closed"):
                self._answer(self.campaign, self.ops_users[3], 4, 2, 5)
            self.assertEqual(self._state(), before)

    def test_not_yet_open(self):
        campaign = self._campaign(date_start="2026-11-10")
        campaign.action_open()
        with self.assertRaisesRegex(UserError, "opens on"):
            self._answer(campaign, self.ops_users[0], 4, 2, 5)
        open_for_user = self.env["hr.pulse.campaign"].with_user(self.ops_users[0])
        self.assertNotIn(campaign, open_for_user._open_for_user())
        self.assertIn(self.campaign, open_for_user._open_for_user())

    def test_open_for_user(self):
        Campaign = self.env["hr.pulse.campaign"]
        self.assertEqual(
            Campaign.with_user(self.ops_users[0])._open_for_user(), self.campaign
        )
        self._answer(self.campaign, self.ops_users[0], 4, 2, 5)
        self.assertFalse(Campaign.with_user(self.ops_users[0])._open_for_user())
        outsider = self.new_user("employee", login="wb_pulse_outsider")
        self.assertFalse(Campaign.with_user(outsider)._open_for_user())

    def test_only_the_taskforce_and_advisor_run_campaigns(self):
        for role in ("employee", "manager", "physician"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.env["hr.pulse.campaign"].with_user(self.users[role]).create(
                    {"name": "Mine", "date_end": "2026-11-30"}
                )
        draft = self._campaign()
        for role in ("employee", "physician"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                draft.with_user(self.users[role]).action_open()
        self.assertEqual(draft.state, "draft")
        # The advisor runs one too.
        paps_campaign = draft.with_user(self.users["paps"])
        self.assertTrue(paps_campaign.action_open())
        self.assertEqual(draft.state, "open")

    def test_started_campaign_is_frozen(self):
        campaign = self.campaign.with_user(self.users["taskforce"])
        for vals, error in (
            ({"department_ids": [Command.set(self.operations.ids)]}, UserError),
            ({"group_by_department": True}, UserError),
            ({"state": "draft"}, UserError),
            ({"date_closed": "2026-11-06"}, AccessError),
        ):
            with self.subTest(vals=vals), self.assertRaises(error):
                campaign.write(vals)
        with self.assertRaises(UserError):
            campaign.line_ids[:1].write({"name": "Changed"})
        with self.assertRaises(UserError):
            campaign.line_ids[:1].unlink()
        with self.assertRaises(UserError):
            campaign.unlink()
        self.assertEqual(self.campaign.state, "open")
        self.assertEqual(self.campaign.line_ids[:1].name, "I decide how I work.")

    def test_bank_edit_does_not_change_an_open_campaign(self):
        self.q_giver.write({"name": "I decide freely."})
        self.assertEqual(
            self.campaign.line_ids.sorted("sequence")[0].name, "I decide how I work."
        )

    def test_reminders(self):
        self._answer(self.campaign, self.ops_users[0], 4, 2, 5)
        campaign = self.campaign.with_user(self.users["taskforce"])
        Mail = self.env["mail.mail"].sudo()
        before = Mail.search([])
        self.assertTrue(campaign.action_send_reminders())
        mails = Mail.search([]) - before
        population = self.campaign.sudo().participation_ids
        expected = population.filtered(
            lambda p: not p.answered and p.employee_id.work_email
        )
        self.assertEqual(len(mails), len(expected))
        self.assertTrue(mails)
        self.assertTrue(all(mails.mapped("auto_delete")))
        self.assertNotIn(
            self.ops_users[0].email, mails.mapped("email_to"), "answered: no reminder"
        )
        self.assertEqual(set(mails.mapped("model")), {False})
        self.assertEqual(self.campaign.last_reminder_date.isoformat(), "2026-11-05")
        with self.assertRaisesRegex(UserError, "next reminder is possible"):
            campaign.action_send_reminders()
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.users["employee"]).action_send_reminders()

    def test_reminder_cron_pages(self):
        other = self._campaign(reminder_days=2)
        other.action_open()
        Campaign = self.env["hr.pulse.campaign"]
        with freeze_time("2026-11-06"):
            # Opened on the 5th: the 2-day one is not due yet, the 7-day either.
            Campaign._cron_send_reminders()
            self.assertFalse(other.last_reminder_date)
        with freeze_time("2026-11-12"):
            self.assertTrue(Campaign._cron_send_reminders(batch_size=1))
            self.assertFalse(Campaign._cron_send_reminders(batch_size=1))
            self.assertEqual(
                (self.campaign | other).mapped("last_reminder_date"),
                [self.campaign.last_reminder_date] * 2,
            )
            Mail = self.env["mail.mail"].sudo()
            count = Mail.search_count([])
            Campaign._cron_send_reminders()
            self.assertEqual(Mail.search_count([]), count, "once per day at most")

    def test_shared_bank_is_changed_by_the_administrator_only(self):
        shared = self.env.ref("hr_burnout_prevention.hr_pulse_question_org_1")
        name = shared.name
        for role in ("taskforce", "hr", "paps"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                shared.with_user(self.users[role]).write({"name": "Mine"})
        self.assertEqual(shared.name, name)
        copy = shared.with_user(self.users["taskforce"]).copy()
        self.assertEqual(copy.company_id, self.company)
        copy.with_user(self.users["taskforce"]).write({"name": "Mine"})
        self.assertEqual(copy.name, "Mine")

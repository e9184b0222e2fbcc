import re
from datetime import timedelta

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import USERS_TZ, JsonRpcMixin, WellbeingFixtures, users_today
from .common_pulse_loop import PulseLoopFixtures

ANSWERS = {
    "work_organisation": [2, 3, 2, 3, 2],
    "employment_conditions": [3, 2, 3, 2, 3],
    "interpersonal_relations": [5, 4, 5, 4, 4],
    "work_content": [4, 4, 3, 4, 4],
}


@tagged("post_install", "-at_install")
class TestUiPulse(PulseLoopFixtures, JsonRpcMixin, WellbeingFixtures, HttpCase):
    """The pulse's screens: the answer page over HTTP (an internal and a
    portal employee), the refusals of the findings button over JSON-RPC, and
    the taskforce's tour from a campaign's results to its findings.

    The server's clock is not frozen: the open campaign runs from today."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()
        cls.setup_pulse_loop()
        cls.today = users_today(cls.env)
        # A closed campaign of last month, for the taskforce's tour.
        start = cls.today - timedelta(days=40)
        cls.closed = cls.run_campaign(
            "Tour pulse", start, start + timedelta(days=10), ANSWERS
        )
        cls.open = cls.new_campaign(
            "Open pulse",
            cls.today - timedelta(days=1),
            cls.today + timedelta(days=7),
            line_ids=[
                Command.create({"question_id": question.id})
                for question in cls.questions | cls.free_text
            ],
        )
        cls.open.with_user(cls.users["taskforce"]).action_open()

    def _token(self, page):
        found = re.search(r'csrf_token(?:" value="|: ")([^"]+)"', page.text)
        self.assertTrue(found, "no CSRF token in the page")
        return found.group(1)

    def _answered(self, campaign):
        return (
            self.env["hr.pulse.participation"]
            .sudo()
            .search_count([("campaign_id", "=", campaign.id), ("answered", "=", True)])
        )

    def _answer_count(self, campaign):
        return (
            self.env["hr.pulse.answer"]
            .sudo()
            .search_count([("campaign_id", "=", campaign.id)])
        )

    def _form(self, campaign, token, **answers):
        data = {"csrf_token": token}
        for line in campaign.line_ids:
            if line.answer_type == "text":
                data[f"q_{line.id}"] = answers.get("text", "")
            elif line.domain in answers:
                data[f"q_{line.id}"] = str(answers[line.domain])
        return data

    def _answer_in_the_portal(self, login, campaign):
        self.authenticate(login, login)
        page = self.url_open("/my/pulse")
        self.assertIn(campaign.name, page.text)
        self.assertNotIn(self.closed.name, page.text)
        page = self.url_open(f"/my/pulse/{campaign.id}")
        self.assertIn("I can plan my work", page.text)
        token = self._token(page)
        url = f"/my/pulse/{campaign.id}/submit"
        full = {domain: 4 for domain in ANSWERS}

        # Not a number from 1 to 5: the page says which question, keeps what
        # was given, writes nothing.
        response = self.url_open(
            url,
            data=self._form(
                campaign, token, text="More quiet time", **{**full, "work_content": 7}
            ),
        )
        self.assertIn("My work asks more than I can give", response.text)
        self.assertIn("from 1 to 5", response.text)
        self.assertIn("More quiet time", response.text)
        self.assertRegex(response.text, r'value="4"\s+checked')
        # A scale question left out: the model's message, nothing written.
        partial = dict(full)
        del partial["work_content"]
        response = self.url_open(
            url, data=self._form(campaign, token, text="More quiet time", **partial)
        )
        self.assertIn("o_portal_error", response.text)
        self.assertIn("More quiet time", response.text)
        self.assertEqual(self._answered(campaign), 0)
        self.assertEqual(self._answer_count(campaign), 0)

        response = self.url_open(
            url, data=self._form(campaign, token, text="More quiet time", **full)
        )
        self.assertTrue(response.url.endswith("/my/pulse/thanks"), response.url)
        self.assertIn("Thank you", response.text)
        self.assertEqual(self._answered(campaign), 1)
        # Answered: no longer listed; a second answer is refused with the
        # model's message, nothing more written.
        self.assertNotIn(campaign.name, self.url_open("/my/pulse").text)
        written = self._answer_count(campaign)
        response = self.url_open(url, data=self._form(campaign, token, **full))
        self.assertIn("o_portal_error", response.text)
        self.assertEqual(self._answered(campaign), 1)
        self.assertEqual(self._answer_count(campaign), written)
        return token

    def test_employees_answer_in_the_portal(self):
        token = self._answer_in_the_portal("wb_test_employee", self.open)
        # A closed campaign: refused with its message, nothing written.
        written = self._answer_count(self.closed)
        response = self.url_open(
            f"/my/pulse/{self.closed.id}/submit",
            data=self._form(self.closed, token, **{d: 3 for d in ANSWERS}),
        )
        self.assertIn("o_portal_error", response.text)
        self.assertEqual(self._answer_count(self.closed), written)
        self.assertIn(
            "not open to you", self.url_open(f"/my/pulse/{self.closed.id}").text
        )

        # An employee with a portal user answers the same way.
        portal = self._users().create(
            {
                "name": "Sofie Maes",
                "login": "wb_test_portal",
                "password": "wb_test_portal",
                "email": "wb_test_portal@example.com",
                "groups_id": [Command.set([self.env.ref("base.group_portal").id])],
                "company_id": self.company.id,
                "company_ids": [Command.set(self.company.ids)],
                # In Brussels as the other users: the days the page compares.
                "tz": USERS_TZ,
            }
        )
        self.sofie.user_id = portal
        later = self.new_campaign(
            "Portal pulse",
            self.today,
            self.today + timedelta(days=7),
            line_ids=[
                Command.create({"question_id": question.id})
                for question in self.questions | self.free_text
            ],
        )
        later.with_user(self.users["taskforce"]).action_open()
        self._answer_in_the_portal("wb_test_portal", later)

    def test_findings_button_refused_over_rpc(self):
        for role in ("employee", "manager", "paps", "physician"):
            with self.subTest(role=role):
                self.assertRpcRefused(
                    self.users[role],
                    "hr.pulse.campaign",
                    "action_create_findings",
                    [self.closed.id],
                )
                self.assertFalse(self.closed.finding_ids)
        self.assertRpcOk(
            self.users["taskforce"],
            "hr.pulse.campaign",
            "action_create_findings",
            [self.closed.id],
        )
        self.assertEqual(len(self.closed.finding_ids), 4)

    def test_taskforce_makes_findings_from_the_results(self):
        self.start_tour(
            "/odoo/action-hr_burnout_prevention.hr_pulse_campaign_action",
            "hr_burnout_prevention_pulse_tour",
            login=self.users["taskforce"].login,
        )
        self.env.invalidate_all()
        findings = self.closed.finding_ids
        self.assertEqual(len(findings), 4)
        self.assertEqual(findings.create_uid, self.users["taskforce"])
        self.assertEqual(
            findings.filtered(lambda f: f.domain == "interpersonal_relations").kind,
            "strength",
        )

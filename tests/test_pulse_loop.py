from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PreventionCase
from .common_pulse_loop import PulseLoopFixtures

# Five people answer each campaign; scores are (mean - 1) * 25, a drainer's
# answer v counting as 6 - v.
BEFORE = {
    "work_organisation": [2, 3, 2, 3, 2],  # 2.4: 35
    "employment_conditions": [3, 2, 3, 2, 3],  # 2.6: 40
    "interpersonal_relations": [5, 4, 5, 4, 4],  # 4.4: 85
    "work_content": [4, 4, 3, 4, 4],  # drainer, 2.2: 30
}
AFTER = {
    "work_organisation": [4, 4, 3, 4, 4],  # 3.8: 70
    "employment_conditions": [3, 3, 3, 3, 3],  # 3.0: 50
    "interpersonal_relations": [5, 4, 5, 4, 5],  # 4.6: 90
    "work_content": [2, 2, 3, 2, 2],  # drainer, 3.8: 70
}


@freeze_time("2026-12-15")
@tagged("post_install", "-at_install")
class TestPulseLoop(PulseLoopFixtures, PreventionCase):
    """From a campaign's published results to findings, to the actions that
    answer them, to the yearly evaluation's before and after per domain."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_pulse_loop()
        # The pulse before the 2026 plan, and the one at its end.
        cls.before = cls.run_campaign("Autumn 2025", "2025-11-03", "2025-11-21", BEFORE)
        cls.after = cls.run_campaign("Autumn 2026", "2026-11-02", "2026-11-20", AFTER)
        cls.taskforce = cls.users["taskforce"]

    def _findings(self, campaign):
        return {finding.domain: finding for finding in campaign.finding_ids}

    def test_findings_from_the_scores(self):
        action = self.before.with_user(self.taskforce).action_create_findings()
        self.assertEqual(action["res_model"], "hr.risk.finding")
        findings = self._findings(self.before)
        self.assertEqual(
            {
                domain: (f.kind, f.priority, f.pulse_score)
                for domain, f in findings.items()
            },
            {
                "work_organisation": ("bottleneck", "high", 35.0),
                "employment_conditions": ("bottleneck", "medium", 40.0),
                "interpersonal_relations": ("strength", "low", 85.0),
                "work_content": ("bottleneck", "high", 30.0),
            },
        )
        analysis = self.before.finding_ids.analysis_id
        self.assertEqual(len(analysis), 1)
        self.assertEqual(analysis.method, "questionnaire")
        # Made before the policy starts: it goes to the policy it prepares.
        self.assertEqual(analysis.policy_id, self.policy)
        self.assertIn("35", findings["work_organisation"].name)
        self.assertIn("5", findings["work_organisation"].description)
        # A second click makes nothing new, and says so.
        with self.assertRaises(UserError) as refused:
            self.before.with_user(self.taskforce).action_create_findings()
        self.assertIn("without a finding", str(refused.exception))
        self.assertEqual(len(self.before.finding_ids), 4)

    def test_finding_from_a_result_row(self):
        results = self.after.result_ids.filtered(
            lambda r: r.level == "domain" and not r.group_key
        )
        row = results.filtered(lambda r: r.domain == "work_content")
        action = row.with_user(self.taskforce).action_create_finding()
        finding = self.env["hr.risk.finding"].browse(action["res_id"])
        self.assertEqual(
            (finding.domain, finding.kind, finding.pulse_score, finding.priority),
            ("work_content", "strength", 70.0, "low"),
        )
        self.assertEqual(finding.pulse_campaign_id, self.after)
        # The other domains are still to make; the same one is refused.
        with self.assertRaises(UserError):
            row.with_user(self.taskforce).action_create_finding()
        self.after.with_user(self.taskforce).action_create_findings()
        self.assertEqual(len(self.after.finding_ids), 4)
        self.assertEqual(len(self.after.finding_ids.analysis_id), 1)
        question_row = self.after.result_ids.filtered(lambda r: r.level == "question")[
            :1
        ]
        self.assertTrue(question_row)
        with self.assertRaises(UserError) as refused:
            question_row.with_user(self.taskforce).action_create_finding()
        self.assertIn("domain", str(refused.exception))

    def test_only_the_taskforce_makes_findings(self):
        for role in ("employee", "manager", "paps", "physician"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.before.with_user(self.users[role]).action_create_findings()
        self.assertFalse(self.before.finding_ids)

    def test_loop_to_the_evaluation(self):
        self.before.with_user(self.taskforce).action_create_findings()
        finding = self._findings(self.before)["work_organisation"]
        self.assertTrue(finding.is_unanswered)
        # The taskforce plans an action answering it, measured by the pulse.
        context = finding.with_user(self.taskforce).action_create_action()["context"]
        action = (
            self.env["hr.prevention.action"]
            .with_user(self.taskforce)
            .with_context(**context)
            .create(
                {
                    "user_id": self.users["manager"].id,
                    "date_start": "2026-02-01",
                    "date_deadline": "2026-10-31",
                    "indicator": "Work organisation score",
                    "indicator_pulse_campaign_id": self.after.id,
                }
            )
        )
        self.assertEqual(action.year_plan_id, self.plan)
        self.assertEqual(action.finding_ids, finding)
        self.assertFalse(finding.is_unanswered)
        # Its measured value is the published score, also for its owner, who
        # reads no pulse result.
        self.assertEqual(
            action.with_user(self.users["manager"]).indicator_measured_value, 70.0
        )
        # The owner's form shows what measures it.
        owned = action.with_user(self.users["manager"])
        self.assertIn(
            "indicator_measured_value",
            owned.get_views([(False, "form")])["models"]["hr.prevention.action"][
                "fields"
            ],
        )
        [read] = owned.web_read(
            {
                "indicator_pulse_campaign_id": {"fields": {"display_name": {}}},
                "indicator_measured_value": {},
            }
        )
        self.assertEqual(
            read["indicator_pulse_campaign_id"]["display_name"], "Autumn 2026"
        )
        self.assertEqual(read["indicator_measured_value"], 70.0)
        # Its owner does not choose what measures it.
        with self.assertRaises(AccessError):
            action.with_user(
                self.users["manager"]
            ).indicator_pulse_campaign_id = self.before
        action.invalidate_recordset()
        self.assertEqual(action.indicator_pulse_campaign_id, self.after)
        action.indicator_pulse_domain = "interpersonal_relations"
        self.assertEqual(action.indicator_measured_value, 90.0)

        evaluation = (
            self.env["hr.prevention.evaluation"]
            .with_user(self.taskforce)
            .create({"year_plan_id": self.plan.id})
        )
        for line in evaluation.line_ids:
            line.result = "achieved" if line.action_id == action else "partly"
        pulse = evaluation._pulse_comparison()
        self.assertEqual((pulse["before"], pulse["after"]), (self.before, self.after))
        rows = {row["domain"]: row for row in pulse["rows"]}
        self.assertEqual(
            {d: (r["before"], r["after"], r["change"]) for d, r in rows.items()},
            {
                "work_organisation": (35.0, 70.0, 35.0),
                "employment_conditions": (40.0, 50.0, 10.0),
                "interpersonal_relations": (85.0, 90.0, 5.0),
                "work_content": (30.0, 70.0, 40.0),
            },
        )
        self.assertIn(action, rows["work_organisation"]["actions"])
        self.assertIn("Achieved: 1", rows["work_organisation"]["results"])
        self.assertIn("Partly Achieved: 3", rows["work_organisation"]["results"])
        self.assertFalse(rows["work_content"]["actions"])
        # On the form and in the PDF.
        self.assertIn('data-domain="work_organisation"', evaluation.pulse_comparison)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "hr_burnout_prevention.hr_prevention_evaluation_report",
                evaluation.ids,
            )[0]
            .decode()
        )
        self.assertIn("Pulse before and after", html)
        self.assertIn("Autumn 2025", html)
        self.assertIn("+35", html)

        # Closed: the campaigns compared are kept, a later one changes nothing.
        evaluation.with_user(self.taskforce).action_close()
        self.assertEqual(evaluation.pulse_before_campaign_id, self.before)
        self.assertEqual(evaluation.pulse_after_campaign_id, self.after)
        later = self.run_campaign("December 2026", "2026-12-01", "2026-12-04", AFTER)
        self.assertEqual(evaluation._pulse_comparison()["after"], self.after)
        with self.assertRaises(UserError):
            evaluation.with_user(self.taskforce).pulse_after_campaign_id = later
        self.assertEqual(evaluation.pulse_after_campaign_id, self.after)

    def test_evaluation_compares_closed_campaigns_only(self):
        draft = self.new_campaign("Not yet", "2026-12-20", "2026-12-31")
        evaluation = (
            self.env["hr.prevention.evaluation"]
            .with_user(self.taskforce)
            .create({"year_plan_id": self.plan.id})
        )
        with self.assertRaises(ValidationError) as refused:
            evaluation.pulse_after_campaign_id = draft
        self.assertIn("closed pulse campaigns only", str(refused.exception))
        with self.assertRaises(ValidationError) as refused:
            evaluation.write(
                {
                    "pulse_before_campaign_id": self.after.id,
                    "pulse_after_campaign_id": self.before.id,
                }
            )
        self.assertIn("must end before", str(refused.exception))
        evaluation.invalidate_recordset()
        self.assertFalse(evaluation.pulse_after_campaign_id)
        self.assertFalse(evaluation.pulse_before_campaign_id)
        # Chosen by hand, the campaign after names the one before.
        evaluation.pulse_after_campaign_id = self.before
        self.assertEqual(evaluation._pulse_comparison()["after"], self.before)
        self.assertFalse(evaluation._pulse_comparison()["before"])

    def test_indicator_values_in_one_query(self):
        actions = self.env["hr.prevention.action"].create(
            [
                {
                    "name": f"Measured {index}",
                    "domain": domain,
                    "year_plan_id": self.plan.id,
                    "indicator_pulse_campaign_id": campaign.id,
                }
                for index, (domain, campaign) in enumerate(
                    [(d, c) for d in BEFORE for c in (self.before, self.after)] * 3
                )
            ]
        )
        actions.invalidate_recordset()
        with self.assertQueryCount(2):
            values = actions.mapped("indicator_measured_value")
        self.assertEqual(len(values), 24)
        self.assertEqual(
            sorted(set(values)), [30.0, 35.0, 40.0, 50.0, 70.0, 85.0, 90.0]
        )

    def test_free_answers_on_the_advisors_screen(self):
        with freeze_time("2026-12-01"):
            campaign = self.new_campaign(
                "Free words",
                "2026-12-01",
                "2026-12-05",
                line_ids=[
                    Command.create({"question_id": question.id})
                    for question in self.questions | self.free_text
                ],
            )
            campaign.with_user(self.taskforce).action_open()
            for index, user in enumerate(self.answerers):
                campaign.with_user(user)._submit_answers(
                    {
                        line.id: f"Idea <b>{index}</b>"
                        if line.answer_type == "text"
                        else 3
                        for line in campaign.line_ids
                    }
                )
        paps = campaign.with_user(self.users["paps"])
        self.assertIn("No free answer", paps.free_texts)
        with freeze_time("2026-12-06"):
            campaign.with_user(self.taskforce).action_close()
        paps.invalidate_recordset()
        self.assertIn("What would help you most?", paps.free_texts)
        # The advisor reads what was written, as text, never as markup.
        self.assertIn("Idea &lt;b&gt;3&lt;/b&gt;", paps.free_texts)
        for role in ("taskforce", "hr"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                campaign.with_user(self.users[role]).free_texts  # noqa: B018

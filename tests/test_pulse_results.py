"""Pulse results (issue 16): the published figures, their suppression as
properties, exact figures on a campaign, free texts for the advisor only."""

from freezegun import freeze_time
from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from ..models.hr_pulse_figures import pulse_figures
from .common_pulse import PulseCase

LINES = [
    (1, "work_organisation", "giver"),
    (2, "work_organisation", "drainer"),
    (3, "interpersonal_relations", "giver"),
]
GROUPS = ["a", "b", "c", "d", "other"]


@tagged("post_install", "-at_install")
class TestPulseSuppressionProperties(TransactionCase):
    @settings(max_examples=100, deadline=None)
    @given(
        people=st.lists(
            st.tuples(
                st.sampled_from(GROUPS),
                st.tuples(*[st.integers(1, 5) for _line in LINES]),
            ),
            max_size=30,
        ),
        minimum=st.integers(3, 6),
        grouped=st.booleans(),
    )
    def test_no_figure_from_too_few_people(self, people, minimum, grouped):
        counts = {}
        members = {}
        for index, (group, values) in enumerate(people):
            key = group if grouped else False
            members.setdefault(key, set()).add(index)
            for (line, _domain, _polarity), value in zip(LINES, values, strict=True):
                counts.setdefault((line, key), [0] * 5)[value - 1] += 1
        figures = pulse_figures(counts, LINES, minimum, grouped)
        everybody = set(range(len(people)))
        scopes = {}
        for figure in figures:
            group = figure["group"]
            scope = everybody if group is False else members[group]
            scopes[group] = scope
            # Never computed from fewer than the minimum.
            self.assertGreaterEqual(figure["people"], minimum)
            self.assertEqual(figure["people"], len(scope))
            # Computed from exactly the people of its scope.
            if figure["level"] == "question":
                index = [line for line, _d, _p in LINES].index(figure["line"])
                expected = [0] * 5
                for person in scope:
                    expected[people[person][1][index] - 1] += 1
                self.assertEqual(figure["counts"], expected)
            self.assertTrue(1 <= figure["mean"] <= 5)
            self.assertTrue(0 <= figure["score"] <= 100)
        # No two published figures differ by fewer than the minimum people.
        for key_a, scope_a in scopes.items():
            for key_b, scope_b in scopes.items():
                difference = len(scope_a - scope_b)
                self.assertTrue(
                    difference == 0 or difference >= minimum, (key_a, key_b)
                )
        # Nor the total and the groups shown together (what they hide).
        if False in scopes:
            shown = set().union(*(s for k, s in scopes.items() if k is not False))
            hidden = len(everybody - shown)
            self.assertTrue(hidden == 0 or hidden >= minimum or len(scopes) == 1)
        elif people:
            self.assertLess(len(people), minimum)
        if not grouped:
            self.assertLessEqual(set(scopes), {False})

    def test_drainer_score_is_turned_round(self):
        counts = {(1, False): [0, 0, 0, 0, 3], (2, False): [0, 0, 0, 0, 3]}
        figures = pulse_figures(counts, LINES[:2], 3, False)
        by_line = {f["line"]: f for f in figures if f["level"] == "question"}
        self.assertEqual(by_line[1]["mean"], 5)
        self.assertEqual(by_line[1]["score"], 100)
        self.assertEqual(by_line[2]["mean"], 5)
        self.assertEqual(by_line[2]["score"], 0)
        (domain,) = [f for f in figures if f["level"] == "domain"]
        self.assertEqual(domain["score"], 50)


@tagged("post_install", "-at_install")
@freeze_time("2026-11-05")
class TestPulseResults(PulseCase):
    def _results(self, campaign):
        return campaign.with_user(self.users["taskforce"]).result_ids

    def test_exact_figures(self):
        campaign = self._campaign()
        campaign.action_open()
        answers = [(5, 1, 4), (4, 2, 4), (3, 5, 2), (4, 2, 5)]
        for user, values in zip(self.ops_users, answers, strict=True):
            self._answer(campaign, user, *values)
        self.assertFalse(self._results(campaign), "no figure before the close")
        campaign.action_close()
        results = self._results(campaign)
        self.assertEqual(set(results.mapped("group_key")), {False})
        self.assertEqual(set(results.mapped("answer_count")), {4})
        lines = campaign.line_ids.sorted("sequence")
        giver = results.filtered(lambda r: r.line_id == lines[0])
        self.assertEqual(
            [giver.count_1, giver.count_2, giver.count_3, giver.count_4, giver.count_5],
            [0, 0, 1, 2, 1],
        )
        self.assertAlmostEqual(giver.mean, 4.0)
        self.assertAlmostEqual(giver.score, 75.0)
        drainer = results.filtered(lambda r: r.line_id == lines[1])
        self.assertAlmostEqual(drainer.mean, 2.5)
        self.assertAlmostEqual(drainer.score, 62.5)
        organisation = results.filtered(
            lambda r: r.level == "domain" and r.domain == "work_organisation"
        )
        # Giver 5,4,3,4 and drainer turned round 5,4,1,4: mean 3.75.
        self.assertAlmostEqual(organisation.mean, 3.75)
        self.assertAlmostEqual(organisation.score, 68.8)
        self.assertEqual(
            set(results.filtered(lambda r: r.level == "domain").mapped("domain")),
            {"work_organisation", "interpersonal_relations"},
        )
        self.assertFalse(results.filtered(lambda r: r.line_id == lines[3]))

    def test_too_few_answers_publish_nothing(self):
        campaign = self._campaign()
        campaign.action_open()
        for user in self.ops_users[:2]:
            self._answer(campaign, user, 4, 2, 4)
        campaign.action_close()
        self.assertFalse(self._results(campaign))

    def test_groups_coarsened_and_suppressed(self):
        campaign = self._campaign(group_by_department=True)
        campaign.action_open()
        ops = [self.users["employee"], *self.ops_users]
        order = [
            *ops[:3],
            *self.service_users,
            self.users["hr"],
            *ops[3:],
            self.users["admin"],
            self.users["taskforce"],
        ]
        for user in order:
            self._answer(campaign, user, 4, 2, 4)
        keys = {row["group_key"] for row in self._answers(campaign)}
        ops_key = str(self.operations.id)
        # Customer Service: 2 answered when its answers were first released,
        # People and Prevention: 2 people asked: both "other" for good.
        self.assertEqual(keys, {ops_key, "other"})
        self.assertIn(self.customer_service, campaign.coarsened_department_ids)
        campaign.action_close()
        results = self._results(campaign)
        self.assertEqual(set(results.mapped("group_key")), {False, ops_key, "other"})
        counts = {r.group_key: r.answer_count for r in results}
        self.assertEqual(counts, {False: 10, ops_key: 5, "other": 5})
        self.assertEqual(
            set(results.filtered("group_key").mapped("group_label")),
            {self.operations.display_name, "Other departments"},
        )

    def test_complementary_suppression(self):
        campaign = self._campaign(group_by_department=True)
        campaign.action_open()
        for user in [self.users["employee"], *self.ops_users, self.users["hr"]]:
            self._answer(campaign, user, 4, 2, 4)
        self._answer(campaign, self.users["admin"], 4, 2, 4)
        campaign.action_close()
        # Operations 5 and "other" 2: "other" is too small, and Operations
        # would give it by subtraction from the total: only the total.
        results = self._results(campaign)
        self.assertEqual(set(results.mapped("group_key")), {False})
        self.assertEqual(set(results.mapped("answer_count")), {7})

    def test_free_texts_for_the_advisor_only(self):
        campaign = self._campaign()
        campaign.action_open()
        for user, text in zip(
            self.ops_users, ["Meetings", "", "Deadlines", "Noise"], strict=True
        ):
            self._answer(campaign, user, 4, 2, 4, text=text)
        paps = campaign.with_user(self.users["paps"])
        self.assertEqual(paps._free_texts(), [], "not before the close")
        campaign.action_close()
        for role in ("taskforce", "hr", "admin", "employee", "physician"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                campaign.with_user(self.users[role])._free_texts()
        (texts,) = paps._free_texts()
        self.assertEqual(texts["texts"], ["Deadlines", "Meetings", "Noise"])
        self.assertEqual(texts["question"], "What costs you energy?")

    def test_free_texts_hidden_under_the_minimum(self):
        campaign = self._campaign()
        campaign.action_open()
        for user in self.ops_users[:2]:
            self._answer(campaign, user, 4, 2, 4, text="Alone")
        campaign.action_close()
        self.assertEqual(campaign.with_user(self.users["paps"])._free_texts(), [])


@tagged("post_install", "-at_install")
@freeze_time("2026-11-05")
class TestPulsePerformance(PulseCase):
    def test_query_budgets(self):
        """An answer, a release and the results of the close do not grow
        with the number of questions or people."""
        budgets = []
        # A first campaign warms the caches of the whole path.
        for size in (3, 3, 6):
            questions = self.env["hr.pulse.question"].create(
                [
                    {
                        "name": f"Question {i}",
                        "domain": "work_content",
                        "polarity": "giver" if i % 2 else "drainer",
                        "company_id": self.company.id,
                    }
                    for i in range(size)
                ]
            )
            campaign = self._campaign(questions=questions)
            campaign.action_open()
            values = {line.id: 4 for line in campaign.line_ids}
            # The first answer warms the caches; the second is measured, then
            # the close (it releases the two and builds the results).
            campaign.with_user(self.ops_users[0])._submit_answers(values)
            counts = []
            for step in ("answer", "close"):
                self.env.flush_all()
                self.env.invalidate_all()
                queries = self.cr.sql_log_count
                if step == "answer":
                    campaign.with_user(self.ops_users[1])._submit_answers(values)
                else:
                    campaign.action_close()
                self.env.flush_all()
                counts.append(self.cr.sql_log_count - queries)
            budgets.append(counts)
        # The same number of queries for 3 and 6 questions, and for every
        # answer that does not release.
        self.assertEqual(budgets[1], budgets[2], budgets)
        self.assertLessEqual(budgets[2][0], 15, budgets)
        self.assertLessEqual(budgets[2][1], 25, budgets)

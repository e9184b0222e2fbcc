"""The story the demo tells, checked on the day it was installed.

The demo's dates count from its install day. These tests freeze the clock on
that day, read from the demo itself (the creation date of a demo record,
stamped by PostgreSQL, whose clock `make test TODAY=...` moves too): they
hold whatever the install day and when they run days later on a kept
database. On a database installed without demo data they skip.
"""

import unittest
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.tests import HttpCase, TransactionCase, tagged

MODULE = "hr_burnout_prevention"
GROUPS = (
    "group_taskforce",
    "group_hr_officer",
    "group_admin",
    "group_psychosocial_advisor",
    "group_occupational_physician",
)
OPEN_ACTION_STATES = ("planned", "in_progress", "postponed")


class DemoInstalled:
    """Skips without the demo; freezes the clock on its install day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        module = cls.env["ir.module.module"].search([("name", "=", MODULE)])
        if not module.demo:
            # Odoo installs a module whose demo fails to load without its
            # demo (and only logs a warning): that is a failure, not a skip.
            failure = cls.env["ir.demo_failure"].search(
                [("module_id", "=", module.id)], limit=1
            )
            if failure:
                raise AssertionError(
                    f"The demo data of {MODULE} failed to load:\n{failure.error}"
                )
            raise unittest.SkipTest(
                f"{MODULE} was installed without demo data: these tests check "
                "the story the demo data tells"
            )
        cls.install_day = cls.demo("demo_absence_case_els").create_date.date()
        frozen = freeze_time(datetime.combine(cls.install_day, time(12)))
        frozen.start()
        cls.addClassCleanup(frozen.stop)
        # The Monday of the install week: the demo's phases start on Mondays.
        cls.monday = cls.install_day - timedelta(days=cls.install_day.weekday())

    @classmethod
    def demo(cls, name):
        return cls.env.ref(f"{MODULE}.{name}")


@tagged("post_install", "-at_install")
class TestDemo(DemoInstalled, TransactionCase):
    def _overdue(self, milestones):
        return milestones.filtered(
            lambda m: not m.done
            and not m.information_only
            and m.date_deadline < self.install_day
        )

    def test_demo_logins_have_their_groups(self):
        expected = {
            "bp_employee": set(),
            "bp_manager": set(),
            "bp_taskforce": {"group_taskforce"},
            "bp_hr": {"group_taskforce", "group_hr_officer"},
            "bp_paps": {"group_psychosocial_advisor"},
            "bp_physician": {"group_occupational_physician"},
            "bp_admin": {"group_taskforce", "group_hr_officer", "group_admin"},
        }
        users = self.env["res.users"].search([("login", "in", list(expected))])
        self.assertEqual(set(users.mapped("login")), set(expected))
        for user in users:
            with self.subTest(login=user.login):
                self.assertTrue(user.has_group("base.group_user"))
                granted = {
                    name for name in GROUPS if user.has_group(f"{MODULE}.{name}")
                }
                self.assertEqual(granted, expected[user.login])
                # Nobody of the demo is an Odoo administrator (issue 11):
                # the Settings group runs code; `admin` is that one.
                self.assertFalse(user.has_group("base.group_system"))
                self.assertFalse(user.has_group("base.group_erp_manager"))
                # README: password = login.
                self.assertTrue(
                    user.with_user(user)._check_credentials(
                        {"type": "password", "password": user.login},
                        {"interactive": False},
                    )
                )

    def test_demo_manager_manages_three_employees(self):
        manager = self.demo("demo_user_manager")
        reports = self.env["hr.employee"].search(
            [("parent_id.user_id", "=", manager.id)]
        )
        self.assertEqual(len(reports), 3)
        self.assertEqual(
            reports,
            self.demo("demo_employee_employee")
            | self.demo("demo_employee_sofie")
            | self.demo("demo_employee_tom"),
        )
        self.assertEqual(
            self.demo("demo_user_employee").employee_id.parent_id.user_id, manager
        )
        # Pieter is of another team, with a manager of his own.
        pieter = self.demo("demo_employee_pieter")
        self.assertEqual(pieter.parent_id, self.demo("demo_employee_cs_manager"))
        self.assertNotEqual(pieter.department_id, manager.employee_id.department_id)

    def test_demo_els_back_two_weeks_ago_in_phase_2_of_4(self):
        case = self.demo("demo_absence_case_els")
        plan = self.demo("demo_reintegration_plan_els")
        # Back on the Monday two weeks before the install week, the first
        # day of her plan.
        self.assertEqual(case.state, "returned")
        self.assertEqual(case.return_date, self.monday - timedelta(weeks=2))
        self.assertEqual(plan.case_id, case)
        self.assertEqual(plan.date_start, case.return_date)
        # Her contact plan and log during the absence, the day-28 letter.
        self.assertTrue(case.contact_plan_agreed_date)
        self.assertGreaterEqual(len(case.contact_ids), 3)
        for contact in case.contact_ids:
            self.assertTrue(case.date_start <= contact.date < case.return_date)
        self.assertLessEqual(case.letter_sent_date, case.date_start + timedelta(28))
        letter = case.milestone_ids.filtered(lambda m: m.code == "letter_pre_return")
        self.assertTrue(letter.done)
        self.assertFalse(self._overdue(case.milestone_ids))

        self.assertEqual(plan.state, "running")
        phases = plan.phase_ids.sorted("date_start")
        self.assertEqual(phases.mapped("percentage"), [50, 60, 80, 100])
        self.assertEqual({phase.date_start.weekday() for phase in phases}, {0})
        self.assertTrue(plan.adaptation_ids)
        self.assertTrue(plan.agreement_ids)
        done = plan.checklist_ids.mapped("done")
        self.assertTrue(any(done) and not all(done))
        self.assertTrue(phases[1].display_name.startswith("Phase 2: 60% ("))
        self.assertEqual(plan.current_phase_id, phases[1])
        self.assertTrue(plan.current_phase_id.display_name.startswith("Phase 2: "))
        self.assertEqual(
            phases.mapped("state"), ["done", "running", "planned", "planned"]
        )
        # Her working schedule is the one of phase 2: 60% of her normal one.
        self.assertEqual(
            plan.employee_id.resource_calendar_id, plan.applied_calendar_id
        )
        self.assertNotEqual(plan.applied_calendar_id, plan.original_calendar_id)
        self.assertAlmostEqual(
            plan.applied_calendar_id._weekly_hours(),
            plan.normal_hours_per_week * 0.6,
            places=1,
        )

    def test_demo_sofie_decided_a_plan_deadline_ahead(self):
        rit = self.demo("demo_reintegration_trajectory_sofie")
        case = self.demo("demo_absence_case_sofie")
        self.assertEqual(rit.case_id, case)
        self.assertEqual(case.state, "absent")
        self.assertTrue(case.letter_sent_date)
        self.assertEqual(rit.requester, "employee")
        # The rules in force on the request date, whichever they are.
        self.assertEqual(
            rit.rules_version,
            "2026" if rit.request_date >= date(2026, 1, 1) else "2022",
        )
        self.assertEqual((rit.state, rit.decision), ("decided", "A"))
        self.assertEqual(rit.assessment_deadline, rit.request_date + timedelta(49))
        self.assertLessEqual(rit.decision_date, rit.assessment_deadline)
        self.assertLessEqual(rit.decision_received_date, self.install_day)
        self.assertEqual(rit.plan_deadline, rit.decision_received_date + timedelta(63))
        self.assertGreater(rit.plan_deadline, self.install_day)
        self.assertFalse(rit.plan_sent_date)
        # No deadline of her case is overdue; the plan's is ahead.
        self.assertFalse(self._overdue(case.milestone_ids))
        ahead = case.milestone_ids.filtered(
            lambda m: not m.done and m.date_deadline >= self.install_day
        )
        self.assertIn("rit_plan", ahead.mapped("code"))

    def test_demo_tom_back_at_work_case_closed(self):
        case = self.demo("demo_absence_case_tom")
        self.assertEqual(case.state, "closed")
        self.assertTrue(
            case.date_start < case.return_date <= case.date_closed <= self.install_day
        )
        self.assertTrue(case.letter_sent_date)
        self.assertFalse(case.trajectory_ids)

    def test_demo_prevention_policy_in_implementation(self):
        year = self.install_day.year
        policy = self.demo("demo_prevention_policy")
        self.assertEqual(policy.stage, "implementation")
        # A five-year plan around the install day.
        self.assertEqual(policy.date_start, date(year - 1, 1, 1))
        self.assertEqual(policy.date_end, date(year + 3, 12, 31))
        declaration = self.demo("demo_intent_declaration")
        self.assertEqual(declaration.policy_id, policy)
        self.assertEqual(declaration.state, "published")
        self.assertLessEqual(declaration.date_published, self.install_day)
        taskforce = self.demo("demo_prevention_taskforce")
        self.assertEqual(taskforce.policy_id, policy)
        self.assertTrue(taskforce.lead_id)
        analysis = self.demo("demo_risk_analysis")
        self.assertEqual(analysis.policy_id, policy)
        self.assertLessEqual(analysis.date, self.install_day)
        self.assertEqual(
            set(analysis.finding_ids.mapped("kind")), {"strength", "bottleneck"}
        )
        self.assertEqual(analysis.unanswered_count, 0)

        # Last year's plan, evaluated; this year's plan with its actions,
        # each dated within its year.
        previous = self.demo("demo_year_plan_previous")
        current = self.demo("demo_year_plan")
        self.assertEqual((previous.year, current.year), (year - 1, year))
        evaluation = previous.evaluation_ids
        self.assertEqual(evaluation.state, "closed")
        self.assertEqual(evaluation.date.year, year - 1)
        self.assertEqual(evaluation.line_ids.action_id, previous.action_ids)
        self.assertTrue(evaluation.followup_action_ids)
        self.assertLessEqual(evaluation.followup_action_ids, current.action_ids)
        self.assertGreaterEqual(len(current.action_ids), 10)
        for plan in previous | current:
            for action in plan.action_ids:
                with self.subTest(action=action.name):
                    self.assertTrue(
                        date(plan.year, 1, 1)
                        <= action.date_start
                        <= action.date_deadline
                        <= date(plan.year, 12, 31)
                    )
        # 1 November of the year before: every plan whose advice deadline
        # passed had its advice requested in time.
        for plan in policy.year_plan_ids:
            with self.subTest(plan=plan.name):
                if plan.advice_requested_date:
                    self.assertLessEqual(plan.advice_requested_date, self.install_day)
                if plan.advice_deadline < self.install_day:
                    self.assertTrue(plan.advice_requested_date)
                    self.assertLessEqual(
                        plan.advice_requested_date, plan.advice_deadline
                    )

        # On the install day, some actions are overdue, others are due soon.
        self.env["hr.prevention.action"]._cron_notify_overdue()
        actions = policy.action_ids
        open_actions = actions.filtered(lambda a: a.state in OPEN_ACTION_STATES)
        overdue = actions.filtered("is_overdue")
        self.assertTrue(overdue)
        self.assertEqual(
            overdue, open_actions.filtered(lambda a: a.date_deadline < self.install_day)
        )
        soon = (open_actions - overdue).filtered(
            lambda a: a.date_deadline <= self.install_day + relativedelta(months=1)
        )
        self.assertTrue(soon)
        self.assertTrue(actions.filtered(lambda a: a.state == "done"))

    def test_demo_els_consents_and_reload(self):
        share = self.demo("demo_consent_els_share_services")
        revoked = self.demo("demo_consent_els_team_revoked")
        els = self.demo("demo_employee_employee")
        self.assertEqual(share.employee_id, els)
        self.assertEqual(share.state, "valid")
        self.assertEqual(revoked.employee_id, els)
        self.assertEqual(revoked.state, "revoked")
        self.assertLess(revoked.date_given, revoked.date_revoked)
        self.assertLessEqual(revoked.date_revoked, self.install_day)
        # Notes of both services about her.
        notes = self.env["hr.confidential.note"].search([("employee_id", "=", els.id)])
        self.assertEqual(set(notes.mapped("service")), {"medical", "psychosocial"})
        # Her reload trajectory: two sessions held, the third ahead, within
        # two months of the first.
        reload = self.demo("demo_support_trajectory_els_reload")
        self.assertEqual((reload.kind, reload.state), ("reload", "running"))
        sessions = reload.session_ids.sorted("date")
        self.assertEqual(len(sessions), 3)
        self.assertEqual(sessions.mapped("done"), [True, True, False])
        self.assertLess(sessions[1].date.date(), self.install_day)
        self.assertGreater(sessions[2].date.date(), self.install_day)
        self.assertLessEqual(
            sessions[2].date, sessions[0].date + relativedelta(months=2)
        )

    def test_demo_company_has_belgian_public_holidays(self):
        company = self.env.ref("base.main_company")
        self.assertTrue(company.public_holidays_be)
        year = self.install_day.year
        leaves = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", company.resource_calendar_id.id),
                ("resource_id", "=", False),
                ("date_from", ">=", f"{year - 1}-12-31"),
                ("date_to", "<=", f"{year + 1}-12-31 23:59:59"),
            ]
        )
        # Ten a year, this year and the next (or what the company entered).
        self.assertGreaterEqual(len(leaves), 20)
        brussels = leaves.mapped(lambda lv: (lv.date_from + timedelta(hours=2)).date())
        for day in (date(year, 7, 21), date(year, 12, 25), date(year + 1, 1, 1)):
            with self.subTest(day=day):
                self.assertIn(day, brussels)

    def test_demo_logins_open_on_their_own_screen(self):
        """Each demo login opens the app on the first screen of its role and
        reaches no menu of another role's work."""
        home = self.env.ref(f"{MODULE}.hr_wellbeing_home_action")
        team_menu = self.env.ref(f"{MODULE}.menu_followup_cases")
        checkins_menu = self.env.ref(f"{MODULE}.menu_reintegration_checkins")
        expected = {
            "employee": ("hr_wellbeing_my_return_action", False, False),
            "manager": ("hr_reintegration_plan_action", True, False),
            "taskforce": ("hr_wellbeing_dashboard_action_committee", False, False),
            "hr": ("hr_wellbeing_dashboard_action_hr", True, False),
            "paps": ("hr_wellbeing_dashboard_action_advisor", False, True),
            "physician": ("hr_reintegration_trajectory_action", True, False),
            "admin": ("hr_wellbeing_dashboard_action_hr", True, False),
        }
        for role, (first_screen, sees_cases, sees_checkins) in expected.items():
            with self.subTest(role=role):
                user = self.demo(f"demo_user_{role}")
                action = home.with_user(user).run()
                self.assertEqual(action["id"], self.demo(first_screen).id)
                visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
                self.assertEqual(team_menu.id in visible, sees_cases)
                self.assertEqual(checkins_menu.id in visible, sees_checkins)

    def test_demo_pulse_before_and_after_the_plan(self):
        year = self.install_day.year
        before = self.demo("demo_pulse_campaign_last_year")
        after = self.demo("demo_pulse_campaign_this_year")
        self.assertEqual(after.previous_campaign_id, before)
        self.assertEqual(before.date_closed.year, year - 1)
        self.assertEqual(after.date_closed.year, year)
        self.assertLessEqual(after.date_closed, self.install_day)
        self.assertEqual(before.department_ids, after.department_ids)
        minimum = before.company_id.wellbeing_min_group_size
        for campaign in before | after:
            with self.subTest(campaign=campaign.name):
                self.assertEqual(campaign.state, "closed")
                self.assertGreaterEqual(campaign.answered_count, minimum)
                overall = campaign.result_ids.filtered(
                    lambda r: r.level == "domain" and not r.group_key
                )
                # A published score for each of the five domains.
                self.assertEqual(len(overall), 5)
                self.assertEqual(
                    set(overall.mapped("answer_count")), {campaign.answered_count}
                )
        # Work organisation went better after the plan.
        scores = {
            campaign: campaign.result_ids.filtered(
                lambda r: r.level == "domain"
                and not r.group_key
                and r.domain == "work_organisation"
            ).score
            for campaign in before | after
        }
        self.assertGreater(scores[after], scores[before])


@tagged("post_install", "-at_install")
class TestDemoPortal(DemoInstalled, HttpCase):
    def test_demo_employee_answers_the_open_pulse_at_my_pulse(self):
        campaign = self.demo("demo_pulse_campaign_open")
        self.assertEqual(campaign.state, "open")
        self.assertTrue(campaign.date_start <= self.install_day <= campaign.date_end)
        self.assertLess(campaign.answered_count, campaign.population_count)
        self.authenticate("bp_employee", "bp_employee")
        page = self.url_open("/my/pulse")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/my/pulse/{campaign.id}", page.text)
        self.assertNotIn(
            f"/my/pulse/{self.demo('demo_pulse_campaign_this_year').id}", page.text
        )

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import MODULE, WellbeingFixtures

TODAY = date(2026, 6, 15)
COMMON = {"menu_root", "menu_our_commitment", "menu_my_pulse"}
# The pulse: run by the taskforce and the psychosocial prevention advisor.
PULSE = {
    "menu_pulse",
    "menu_pulse_campaign",
    "menu_pulse_result",
    "menu_pulse_question",
}
PREVENTION = {
    "menu_prevention",
    "menu_prevention_policy",
    "menu_prevention_declaration",
    "menu_prevention_taskforce",
    "menu_prevention_analysis",
    "menu_prevention_finding",
    "menu_prevention_year_plan",
    "menu_prevention_action",
    "menu_prevention_evaluation",
    "menu_prevention_overview",
    "menu_prevention_figures",
}
TEAM = {
    "menu_followup",
    "menu_followup_cases",
    "menu_followup_trajectories",
    "menu_followup_deadlines",
    "menu_reintegration_plans",
    "menu_reintegration_schedules",
    "menu_followup_support_sessions",
    "menu_followup_support_feedback",
}
HR = (
    PREVENTION
    | PULSE
    | TEAM
    | {
        "menu_followup_employees",
        "menu_followup_protocols",
        "menu_followup_preventive",
        "menu_followup_overview",
        "menu_followup_figures",
    }
)
CONFIDENTIAL = {
    "menu_confidential",
    "menu_confidential_notes",
    "menu_confidential_support",
    "menu_confidential_consents",
    "menu_confidential_access_log",
}
# The menus of the app each role sees, and the screen the app opens on.
EXPECTED = {
    # Els: absent, a consent asked of her, no action of her own.
    "employee": (
        COMMON | {"menu_my_return", "menu_my_absence", "menu_my_consents"},
        "hr_wellbeing_my_return_action",
    ),
    # Marc: manages Els's team, owns a prevention action.
    "manager": (
        COMMON | TEAM | {"menu_my_prevention_actions"},
        "hr_reintegration_plan_action",
    ),
    "taskforce": (
        COMMON | PREVENTION | PULSE,
        "hr_wellbeing_dashboard_action_committee",
    ),
    "hr": (COMMON | HR, "hr_wellbeing_dashboard_action_hr"),
    "paps": (
        COMMON
        | CONFIDENTIAL
        | PULSE
        | {
            "menu_followup",
            "menu_reintegration_plans",
            "menu_reintegration_checkins",
            "menu_followup_preventive",
            "menu_confidential_overview",
        },
        "hr_wellbeing_dashboard_action_advisor",
    ),
    "physician": (
        COMMON
        | CONFIDENTIAL
        | {
            "menu_followup",
            "menu_followup_cases",
            "menu_followup_trajectories",
            "menu_followup_preventive",
        },
        "hr_reintegration_trajectory_action",
    ),
    "admin": (
        COMMON
        | HR
        # Odoo's Settings screen is for Odoo's administrators (issue 11): the
        # addon's administrator is not one.
        | {"menu_configuration", "menu_configuration_access_log"},
        "hr_wellbeing_dashboard_action_hr",
    ),
    # A colleague of Els with a user and nothing to follow.
    "colleague": (COMMON, "hr_intent_declaration_action_public"),
}


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestMenusPerRole(WellbeingFixtures, TransactionCase):
    """Each role sees the menus of its work and opens the app on its own
    first screen; the employee's own case in the employee's view, with the
    contact wishes she changes herself."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.users["colleague"] = cls.new_user("employee", login="wb_test_colleague")
        cls.sofie.user_id = cls.users["colleague"]
        cls.case = cls.env["hr.absence.case"].create(
            {
                "employee_id": cls.els.id,
                "date_start": TODAY - timedelta(weeks=6),
                "hr_responsible_id": cls.users["hr"].id,
                "contact_frequency": 14,
                "contact_channel": "phone",
            }
        )
        cls.env["hr.wellbeing.consent"].create(
            {
                "employee_id": cls.els.id,
                "company_id": cls.company.id,
                "scope": "team_return",
                "recipient_role": "team",
                "purpose": "Tell the team that Els comes back part-time.",
            }
        )
        policy = cls.env["hr.prevention.policy"].create(
            {
                "name": "Policy",
                "date_start": date(2026, 1, 1),
                "date_end": date(2030, 12, 31),
            }
        )
        year_plan = cls.env["hr.prevention.year.plan"].create(
            {"year": 2026, "policy_id": policy.id}
        )
        cls.env["hr.prevention.action"].create(
            {
                "name": "Quiet hours in the planning office",
                "domain": "work_organisation",
                "year_plan_id": year_plan.id,
                "user_id": cls.users["manager"].id,
                "department_id": cls.operations.id,
                "date_start": TODAY,
                "date_deadline": TODAY + timedelta(days=60),
            }
        )
        data = cls.env["ir.model.data"].sudo()
        cls.app_menus = {
            row.res_id: row.name
            for row in data.search(
                [("module", "=", MODULE), ("model", "=", "ir.ui.menu")]
            )
        }

    def _visible(self, user):
        """The menus of the app the user reaches: visible, and their parents
        too (as the web client shows them)."""
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        reached = set()
        for menu in self.env["ir.ui.menu"].browse(self.app_menus):
            if all(m.id in visible for m in self._ancestry(menu)):
                reached.add(self.app_menus[menu.id])
        return reached

    def _ancestry(self, menu):
        while menu:
            yield menu
            menu = menu.parent_id

    def test_menus_and_first_screen_per_role(self):
        home = self.env.ref(f"{MODULE}.hr_wellbeing_home_action")
        self.assertEqual(self.env.ref(f"{MODULE}.menu_root").action, home)
        for role, (menus, first_screen) in EXPECTED.items():
            with self.subTest(role=role):
                user = self.users[role]
                self.assertEqual(self._visible(user), menus)
                action = home.with_user(user).run()
                expected = self.env.ref(f"{MODULE}.{first_screen}")
                self.assertEqual(
                    (action["type"], action["id"]), (expected._name, expected.id)
                )

    def test_menus_follow_the_team(self):
        """Marc without a team sees no Return to Work; Els, no longer linked
        to her user, no My return."""
        self.els.parent_id = False
        self.operations.manager_id = False
        self.sofie.parent_id = self.tom.parent_id = False
        visible = self._visible(self.users["manager"])
        self.assertFalse(visible & TEAM)
        self.assertIn("menu_my_prevention_actions", visible)
        self.els.user_id = False
        self.assertEqual(self._visible(self.users["employee"]), COMMON)

    def test_employee_view_of_her_case(self):
        action = self.env.ref(f"{MODULE}.hr_absence_case_action_my")
        els = self.users["employee"]
        views = (
            self.env["hr.absence.case"]
            .with_user(els)
            .get_views([(v.view_id.id, v.view_mode) for v in action.view_ids])
        )
        form = views["views"]["form"]["arch"]
        for shown in ("contact_frequency", "contact_channel", "topics_to_avoid"):
            self.assertIn(f'name="{shown}"', form)
        # No HR deadline, banner or follow-up in her view.
        for hidden in ("milestone_ids", "has_overdue", "letter_sent_date", "alert"):
            self.assertNotIn(hidden, form)
        self.assertEqual(
            self.env["hr.absence.case"]
            .with_user(els)
            .search(safe_eval(action.domain, {"uid": els.id})),
            self.case,
        )

    def test_links_open_her_view(self):
        """A link to her case (a mail, an activity) opens the employee's
        view for Els, the case's own form for HR and her manager."""
        employee_form = self.env.ref(f"{MODULE}.hr_absence_case_view_form_employee")
        for role, employee_view in (
            ("employee", True),
            ("manager", False),
            ("hr", False),
        ):
            with self.subTest(role=role):
                action = self.case.with_user(self.users[role]).get_formview_action()
                self.assertEqual(
                    action["views"][0][0] == employee_form.id, employee_view
                )

    def test_employee_changes_her_contact_wishes(self):
        case = self.case.with_user(self.users["employee"])
        case.write({"contact_frequency": 7, "contact_channel": "text"})
        self.assertEqual((case.contact_frequency, case.contact_channel), (7, "text"))

    def test_contact_wish_refusals(self):
        """Bad input and other people: a clear message, nothing written."""
        other_case = self.env["hr.absence.case"].create(
            {"employee_id": self.tom.id, "date_start": TODAY - timedelta(weeks=5)}
        )
        cases = [
            ("employee", self.case, {"contact_frequency": 0}, UserError),
            ("employee", self.case, {"contact_frequency": -3}, UserError),
            ("employee", self.case, {"expected_return_date": TODAY}, AccessError),
            ("employee", other_case, {"contact_frequency": 7}, AccessError),
            ("manager", self.case, {"contact_frequency": 7}, AccessError),
            ("colleague", self.case, {"contact_frequency": 7}, AccessError),
        ]
        for role, case, vals, error in cases:
            with self.subTest(role=role, vals=vals, case=case.employee_id.name):
                before = case.read(list(vals))[0]
                with self.assertRaises(error) as caught:
                    case.with_user(self.users[role]).write(vals)
                if "contact_frequency" in vals and role == "employee":
                    if case == self.case:
                        self.assertIn("Contact Every (days)", str(caught.exception))
                case.invalidate_recordset()
                self.assertEqual(case.read(list(vals))[0], before)

    def test_no_wishes_on_a_closed_case(self):
        with freeze_time(TODAY + timedelta(days=1)):
            self.case.with_user(self.users["hr"]).action_register_return()
        self.assertEqual(self.case.state, "returned")
        with self.assertRaises(UserError):
            self.case.with_user(self.users["employee"]).write({"contact_frequency": 7})
        self.assertEqual(self.case.contact_frequency, 14)

    def test_menu_queries_do_not_grow_with_the_team(self):
        """The roles behind the menus: a few queries, however large the team
        and however many cases it has."""
        home = self.env["hr.wellbeing.home"]
        manager = self.users["manager"]
        self.env.invalidate_all()
        with self.assertQueryCount(13):
            self.assertEqual(
                home.with_user(manager)._wellbeing_user_roles(),
                {"manager", "action_owner"},
            )
        team = self.env["hr.employee"].create(
            [{"name": f"Team member {n}", "parent_id": self.marc.id} for n in range(20)]
        )
        self.env["hr.absence.case"].create(
            [
                {"employee_id": e.id, "date_start": TODAY - timedelta(weeks=5)}
                for e in team
            ]
        )
        self.env.invalidate_all()
        with self.assertQueryCount(13):
            home.with_user(manager)._wellbeing_user_roles()

    def test_loaded_menus_follow_the_team_at_once(self):
        """The web client's menus (cached per user by Odoo) change as soon as
        Marc no longer manages anyone."""
        menu = self.env["ir.ui.menu"].with_user(self.users["manager"])
        cases = self.env.ref(f"{MODULE}.menu_followup_cases").id
        self.assertIn(cases, menu.load_menus(False))
        self.els.parent_id = self.sofie.parent_id = self.tom.parent_id = False
        self.operations.manager_id = False
        self.assertNotIn(cases, menu.load_menus(False))

from odoo import api, models

MODULE = "hr_burnout_prevention"
HR_GROUP = f"{MODULE}.group_hr_officer"
TASKFORCE_GROUP = f"{MODULE}.group_taskforce"
PAPS_GROUP = f"{MODULE}.group_psychosocial_advisor"
PHYSICIAN_GROUP = f"{MODULE}.group_occupational_physician"

# Who sees a menu of the app beyond its `groups` (a comfort, never the wall:
# the record rules decide what each one reads). Each entry lists the groups
# that see the menu, and the roles without a group of the addon (derived from
# the user's records, see `_wellbeing_user_roles`) that see it too. A menu not
# listed here follows its `groups` only.
MENU_AUDIENCE = {
    "menu_followup_cases": ((HR_GROUP, PHYSICIAN_GROUP), ("manager",)),
    "menu_followup_trajectories": ((HR_GROUP, PHYSICIAN_GROUP), ("manager",)),
    "menu_followup_deadlines": ((HR_GROUP,), ("manager",)),
    "menu_reintegration_plans": ((HR_GROUP, PAPS_GROUP), ("manager",)),
    "menu_reintegration_schedules": ((HR_GROUP,), ("manager",)),
    "menu_followup_support_sessions": ((HR_GROUP,), ("manager",)),
    "menu_followup_support_feedback": ((HR_GROUP,), ("manager",)),
    "menu_followup_preventive": ((HR_GROUP, PHYSICIAN_GROUP, PAPS_GROUP), ()),
    "menu_my_prevention_actions": ((), ("action_owner",)),
    "menu_my_support": ((), ("supported",)),
    "menu_my_consents": ((), ("consenting",)),
    "menu_my_return": ((), ("returner",)),
    "menu_my_absence": ((), ("absent",)),
}


class HrWellbeingHome(models.AbstractModel):
    """The first screen and the menus of each role: HR, the psychosocial
    prevention advisor and the taskforce open on their overview of figures
    (hr.wellbeing.dashboard.tile), the physician on the trajectories, the line
    manager on their team's plans, the employee on "My return"."""

    _name = "hr.wellbeing.home"
    _description = "Well-being: First Screen per Role"

    @api.model
    def _wellbeing_user_roles(self):
        """The roles of the current user that no group tells: a few queries
        that do not depend on the number of records."""
        user = self.env.user
        env = self.env(su=True)
        employees = (
            env["hr.employee"]
            .with_context(active_test=False)
            .search([("user_id", "=", user.id)])
        )
        roles = set()
        if employees:
            if env["hr.employee"].search_count(
                [
                    "|",
                    ("parent_id", "in", employees.ids),
                    ("department_id.manager_id", "in", employees.ids),
                    ("id", "not in", employees.ids),
                ],
                limit=1,
            ):
                roles.add("manager")
            own = [("employee_id", "in", employees.ids)]
            if env["hr.absence.case"].search_count(own, limit=1):
                roles |= {"absent", "returner"}
            elif env["hr.reintegration.plan"].search_count(
                [*own, ("state", "!=", "draft")], limit=1
            ):
                roles.add("returner")
            if env["hr.wellbeing.consent"].search_count(own, limit=1):
                roles |= {"consenting", "returner"}
            if env["hr.support.trajectory"].search_count(own, limit=1):
                roles.add("supported")
        if env["hr.prevention.action"].search_count(
            [("user_id", "=", user.id)], limit=1
        ):
            roles.add("action_owner")
        return roles

    @api.model
    def _wellbeing_hidden_menu_ids(self, menu_ids):
        """The menus among `menu_ids` that are not of the user's work."""
        user = self.env.user
        audience = {}
        for xmlid, who in MENU_AUDIENCE.items():
            menu_id = self.env["ir.model.data"]._xmlid_to_res_id(
                f"{MODULE}.{xmlid}", raise_if_not_found=False
            )
            if menu_id in menu_ids:
                audience[menu_id] = who
        if not audience:
            return set()
        roles = None
        hidden = set()
        for menu_id, (groups, user_roles) in audience.items():
            if any(user.has_group(group) for group in groups):
                continue
            if roles is None:
                roles = self._wellbeing_user_roles()
            if not roles & set(user_roles):
                hidden.add(menu_id)
        return hidden

    @api.model
    def _wellbeing_home_xmlid(self):
        user = self.env.user
        if user.has_group(HR_GROUP):
            return "hr_wellbeing_dashboard_action_hr"
        if user.has_group(PHYSICIAN_GROUP):
            return "hr_reintegration_trajectory_action"
        if user.has_group(PAPS_GROUP):
            return "hr_wellbeing_dashboard_action_advisor"
        if user.has_group(TASKFORCE_GROUP):
            return "hr_wellbeing_dashboard_action_committee"
        roles = self._wellbeing_user_roles()
        if "manager" in roles:
            return "hr_reintegration_plan_action"
        if "returner" in roles:
            return "hr_wellbeing_my_return_action"
        if "action_owner" in roles:
            return "hr_prevention_action_action_my"
        return "hr_intent_declaration_action_public"

    @api.model
    def action_open_home(self):
        """The action of the app's root menu: the first screen of the user's
        role."""
        return self.env["ir.actions.actions"]._for_xml_id(
            f"{MODULE}.{self._wellbeing_home_xmlid()}"
        )

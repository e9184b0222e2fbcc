from odoo import api, models

from .hr_confidential_note import SERVICE_GROUPS


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_in_access_log(self):
        self.env["hr.wellbeing.access.log"]._check_unlink_named(
            self, ("user_id", "target_user_id")
        )

    @api.model
    def _confidential_members(self):
        """{service: set of user ids} of the two confidential groups."""
        members = {}
        for service, xmlid in SERVICE_GROUPS.items():
            group = self.env.ref(xmlid, raise_if_not_found=False)
            members[service] = set(group.sudo().users.ids) if group else set()
        return members

    @api.model
    def _settings_members(self):
        """User ids of Odoo's Settings group (base.group_system)."""
        return set(self.env.ref("base.group_system").sudo().users.ids)

    @api.model
    def _log_confidential_membership(self, before, settings_before=None):
        """Log who joined or left a confidential group since `before`, and
        who joined Odoo's Settings group (since `settings_before`) while
        holding a confidential group: a Settings user can run code, so can
        read anything. A coach who left the advisor group coaches no more."""
        self.env["res.groups"].invalidate_model(["users"])
        self.invalidate_model(["groups_id"])
        after = self._confidential_members()
        vals_list = []
        if settings_before is not None:
            system = self.env.ref("base.group_system")
            joined = self._settings_members() - settings_before
            vals_list += [
                {
                    "user_id": self.env.uid,
                    "operation": "group_add",
                    "service": service,
                    "res_model": "res.groups",
                    "res_id": system.id,
                    "target_user_id": user_id,
                }
                for service, members in after.items()
                for user_id in sorted(joined & members)
            ]
        self._release_coaches(before["psychosocial"] - after["psychosocial"])
        for service, members in after.items():
            for operation, user_ids in (
                ("group_add", members - before[service]),
                ("group_remove", before[service] - members),
            ):
                vals_list += [
                    {
                        "user_id": self.env.uid,
                        "operation": operation,
                        "service": service,
                        "res_model": "res.users",
                        "res_id": user_id,
                        "target_user_id": user_id,
                    }
                    for user_id in sorted(user_ids)
                ]
        self.env["hr.wellbeing.access.log"]._system_create(vals_list)

    @api.model
    def _release_coaches(self, user_ids):
        """Plans coached by users who are no longer psychosocial prevention
        advisors lose their coach: their check-ins go back to the advisors
        of the company, never to someone outside the wall."""
        if not user_ids:
            return
        plans = (
            self.env["hr.reintegration.plan"]
            .sudo()
            .with_context(active_test=False)
            .search([("coach_user_id", "in", list(user_ids))])
        )
        if plans:
            with plans._workflow_system():
                plans.write({"coach_user_id": False})

    @staticmethod
    def _touches_groups(vals):
        return any(
            key == "groups_id" or key.startswith(("in_group_", "sel_groups_"))
            for key in vals
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not any(self._touches_groups(vals) for vals in vals_list):
            return super().create(vals_list)
        before = self._confidential_members()
        settings_before = self._settings_members()
        users = super().create(vals_list)
        self._log_confidential_membership(before, settings_before)
        return users

    def write(self, vals):
        if not self._touches_groups(vals):
            return super().write(vals)
        before = self._confidential_members()
        settings_before = self._settings_members()
        result = super().write(vals)
        self._log_confidential_membership(before, settings_before)
        return result

from odoo import api, models

from .hr_confidential_note import SERVICE_GROUPS


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _confidential_members(self):
        """{service: set of user ids} of the two confidential groups."""
        members = {}
        for service, xmlid in SERVICE_GROUPS.items():
            group = self.env.ref(xmlid, raise_if_not_found=False)
            members[service] = set(group.sudo().users.ids) if group else set()
        return members

    @api.model
    def _log_confidential_membership(self, before):
        """Log who joined or left a confidential group since `before`."""
        self.env["res.groups"].invalidate_model(["users"])
        self.invalidate_model(["groups_id"])
        after = self._confidential_members()
        vals_list = []
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
        users = super().create(vals_list)
        self._log_confidential_membership(before)
        return users

    def write(self, vals):
        if not self._touches_groups(vals):
            return super().write(vals)
        before = self._confidential_members()
        result = super().write(vals)
        self._log_confidential_membership(before)
        return result

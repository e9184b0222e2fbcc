from odoo import models


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        if not {"users", "implied_ids"} & set(vals):
            return super().write(vals)
        Users = self.env["res.users"]
        before = Users._confidential_members()
        settings_before = Users._settings_members()
        result = super().write(vals)
        Users._log_confidential_membership(before, settings_before)
        return result

from odoo import models


class HrLeave(models.Model):
    _inherit = "hr.leave"

    def _validate_leave_request(self):
        res = super()._validate_leave_request()
        self.env["hr.absence.case"].sudo()._open_from_leaves(self)
        return res

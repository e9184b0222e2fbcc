from odoo import api, models


class HrLeave(models.Model):
    _inherit = "hr.leave"

    @api.model
    def _sick_leave_domain(self, employees):
        """Validated time off of ``employees`` of the types that open an
        absence case: the sick time off the cases and the absence figures
        count."""
        return [
            ("employee_id", "in", employees.ids),
            ("state", "=", "validate"),
            ("holiday_status_id.opens_absence_case", "=", True),
        ]

    def _validate_leave_request(self):
        res = super()._validate_leave_request()
        self.env["hr.absence.case"].sudo()._open_from_leaves(self)
        return res

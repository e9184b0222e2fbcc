from odoo import fields, models


class HrLeaveType(models.Model):
    _inherit = "hr.leave.type"

    opens_absence_case = fields.Boolean(
        "Opens an Absence Case",
        help="Validated time off of this type opens an absence case once it "
        "covers 28 consecutive calendar days (sick time off).",
    )

from odoo import fields, models


class HrReintegrationSession(models.Model):
    """A reconnect session: only its date and moment, never its content."""

    _name = "hr.reintegration.session"
    _description = "Reconnect Session"
    _order = "plan_id, date, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "hr.reintegration.plan", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    date = fields.Date(required=True)
    moment = fields.Selection(
        [
            ("before", "Before the return"),
            ("during", "During the return"),
            ("after", "After the return"),
        ],
        required=True,
        default="during",
    )

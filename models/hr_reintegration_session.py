from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date


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

    def write(self, vals):
        if "plan_id" in vals and any(
            session.plan_id.id != vals["plan_id"] for session in self
        ):
            raise UserError(
                _(
                    "The reconnect session of %(date)s stays on its plan.",
                    date=format_date(self.env, self[:1].date),
                )
            )
        return super().write(vals)

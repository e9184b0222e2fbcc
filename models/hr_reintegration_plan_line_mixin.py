from odoo import api, fields, models


class HrReintegrationPlanLineMixin(models.AbstractModel):
    """A line of a reintegration plan's content (an adaptation, an
    agreement): it changes only while the plan's content may change."""

    _name = "hr.reintegration.plan.line.mixin"
    _description = "Reintegration Plan Content Line"
    _order = "plan_id, sequence, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "hr.reintegration.plan", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)

    @api.model_create_multi
    def create(self, vals_list):
        self.env["hr.reintegration.plan"].browse(
            {vals["plan_id"] for vals in vals_list if vals.get("plan_id")}
        )._check_content_editable()
        return super().create(vals_list)

    def write(self, vals):
        self.plan_id._check_content_editable()
        if "plan_id" in vals:
            # Nor into a plan whose content no longer changes.
            self.plan_id.browse(vals["plan_id"])._check_content_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked_content(self):
        self.plan_id._check_content_editable()

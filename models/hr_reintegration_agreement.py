from odoo import api, fields, models


class HrReintegrationAgreement(models.Model):
    """A relapse-prevention agreement: which signal, what to do, whom to
    contact."""

    _name = "hr.reintegration.agreement"
    _description = "Relapse Prevention Agreement"
    _order = "plan_id, sequence, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "hr.reintegration.plan", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    critical_signal = fields.Char(required=True)
    what_to_do = fields.Text("What to Do", required=True)
    contact = fields.Char("Whom to Contact", required=True)

    @api.model_create_multi
    def create(self, vals_list):
        self.env["hr.reintegration.plan"].browse(
            {vals["plan_id"] for vals in vals_list if vals.get("plan_id")}
        )._check_content_editable()
        return super().create(vals_list)

    def write(self, vals):
        self.plan_id._check_content_editable()
        res = super().write(vals)
        if "plan_id" in vals:
            self.plan_id._check_content_editable()
        return res

    def unlink(self):
        self.plan_id._check_content_editable()
        return super().unlink()

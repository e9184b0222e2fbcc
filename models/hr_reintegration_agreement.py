from odoo import fields, models


class HrReintegrationAgreement(models.Model):
    """A relapse-prevention agreement: which signal, what to do, whom to
    contact."""

    _name = "hr.reintegration.agreement"
    _description = "Relapse Prevention Agreement"
    _inherit = ["hr.reintegration.plan.line.mixin"]

    critical_signal = fields.Char(required=True)
    what_to_do = fields.Text("What to Do", required=True)
    contact = fields.Char("Whom to Contact", required=True)

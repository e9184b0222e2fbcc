from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    prevention_action_reminder_days = fields.Integer(
        related="company_id.prevention_action_reminder_days",
        readonly=False,
    )
    prevention_analysis_interval_years = fields.Integer(
        related="company_id.prevention_analysis_interval_years",
        readonly=False,
    )

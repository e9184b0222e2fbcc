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
    absence_contact_frequency = fields.Integer(
        related="company_id.absence_contact_frequency", readonly=False
    )
    absence_fading_multiplier = fields.Integer(
        related="company_id.absence_fading_multiplier", readonly=False
    )
    absence_activity_lead_days = fields.Integer(
        related="company_id.absence_activity_lead_days", readonly=False
    )
    confidential_retention_medical_years = fields.Integer(
        related="company_id.confidential_retention_medical_years", readonly=False
    )
    confidential_retention_psychosocial_years = fields.Integer(
        related="company_id.confidential_retention_psychosocial_years",
        readonly=False,
    )
    reintegration_reply_mode = fields.Selection(
        related="company_id.reintegration_reply_mode", readonly=False
    )

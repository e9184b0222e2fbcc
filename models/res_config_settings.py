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
    absence_activity_catch_up_days = fields.Integer(
        related="company_id.absence_activity_catch_up_days", readonly=False
    )
    confidential_retention_medical_years = fields.Integer(
        related="company_id.confidential_retention_medical_years", readonly=False
    )
    confidential_retention_psychosocial_years = fields.Integer(
        related="company_id.confidential_retention_psychosocial_years",
        readonly=False,
    )

    # --- Reintegration trajectory (issue 12: the trajectory's life) ---------
    rit_reply_reminder_days = fields.Integer(
        related="company_id.rit_reply_reminder_days", readonly=False
    )
    preventive_decision_days = fields.Integer(
        related="company_id.preventive_decision_days", readonly=False
    )
    public_holidays_be = fields.Boolean(
        related="company_id.public_holidays_be", readonly=False
    )
    reintegration_duty_min_workers = fields.Integer(
        related="company_id.reintegration_duty_min_workers", readonly=False
    )
    reintegration_reply_mode = fields.Selection(
        related="company_id.reintegration_reply_mode", readonly=False
    )
    wellbeing_min_group_size = fields.Integer(
        related="company_id.wellbeing_min_group_size", readonly=False
    )
    company_currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id", readonly=True
    )
    wellbeing_absence_direct_cost = fields.Monetary(
        related="company_id.wellbeing_absence_direct_cost",
        currency_field="company_currency_id",
        readonly=False,
    )
    wellbeing_absence_day_salary = fields.Monetary(
        related="company_id.wellbeing_absence_day_salary",
        currency_field="company_currency_id",
        readonly=False,
    )
    wellbeing_absence_salary_factor = fields.Float(
        related="company_id.wellbeing_absence_salary_factor", readonly=False
    )
    wellbeing_external_service_id = fields.Many2one(
        related="company_id.wellbeing_external_service_id", readonly=False
    )

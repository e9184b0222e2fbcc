from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    prevention_action_reminder_days = fields.Integer(
        string="Action Reminder (days)",
        default=7,
        help="How many days before its deadline the owner of a prevention "
        "action gets a reminder.",
    )
    prevention_analysis_interval_years = fields.Integer(
        string="Next Risk Analysis (years)",
        default=5,
        help="How many years after a risk analysis the next one is due, unless "
        "the prevention policy period ends sooner.",
    )

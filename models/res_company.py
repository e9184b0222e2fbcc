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
    absence_contact_frequency = fields.Integer(
        string="Default Contact Frequency (days)",
        default=14,
        help="How often the contact person gets in touch with an absent "
        "employee, unless the contact plan says otherwise.",
    )
    absence_fading_multiplier = fields.Integer(
        string="Fading Contact After (x frequency)",
        default=3,
        help="HR officers are alerted when nobody was in touch with an absent "
        "employee for this many times the contact frequency.",
    )
    absence_activity_lead_days = fields.Integer(
        string="Milestone Activities Ahead (days)",
        default=7,
        help="How many days before a milestone its activity is scheduled.",
    )
    confidential_retention_medical_years = fields.Integer(
        string="Medical Notes Kept (years)",
        default=20,
        help="Medical working notes are anonymised this many years after the "
        "employee left.",
    )
    confidential_retention_psychosocial_years = fields.Integer(
        string="Psychosocial Notes Kept (years)",
        default=20,
        help="Psychosocial working notes are anonymised this many years after "
        "the employee left.",
    )
    # Issue 14 (hr-flow): how a worker without a login answers a plan.
    reintegration_reply_mode = fields.Selection(
        [
            ("paper", "On paper, recorded by HR"),
            ("portal", "Online, with a portal login HR creates"),
        ],
        string="Reply to a Reintegration Plan",
        default="paper",
        help="How the company prefers a worker without a login to answer their "
        "reintegration plan. HR can always do both.",
    )

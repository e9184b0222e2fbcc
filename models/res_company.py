from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    prevention_action_reminder_days = fields.Integer(
        string="Action Reminder (days)",
        default=7,
        help="How many days before its deadline the owner of a prevention "
        "action gets a reminder.",
    )

from odoo import fields, models


class HrPulseParticipation(models.Model):
    """Who has answered a campaign (for reminders and to refuse a second
    answer), and nothing else.

    One row per person of the population is made when the campaign opens,
    so the ids say nothing about who answered or when. No create/write date
    or user (`_log_access = False`), no chatter, no tracking. There is no key
    to the answers: the answers do not know who gave them. Every row of a
    campaign is rewritten when answers are released, so that PostgreSQL's row
    versions no longer tell which ones changed since the last release."""

    _name = "hr.pulse.participation"
    _description = "Pulse Participation"
    _log_access = False
    _order = "campaign_id, id"

    campaign_id = fields.Many2one(
        "hr.pulse.campaign", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, ondelete="cascade", index=True
    )
    # The department at opening: the grouping of the campaign, when allowed.
    department_id = fields.Many2one("hr.department", ondelete="set null")
    answered = fields.Boolean(default=False)

    _sql_constraints = [
        (
            "campaign_employee_unique",
            "UNIQUE(campaign_id, employee_id)",
            "A person is in a campaign's population once.",
        )
    ]

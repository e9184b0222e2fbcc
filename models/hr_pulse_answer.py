from odoo import fields, models


class HrPulseAnswer(models.Model):
    """One answer to one question, from nobody in particular.

    No employee, user or partner, no create/write date or user
    (`_log_access = False`), no chatter. Answers wait unpublished
    (`released` False) until enough people have answered; the release
    rewrites every answer of the campaign in a random order with new ids,
    so that neither the ids nor the row versions follow the order in which
    people answered. `group_key` is the only grouping the campaign allows:
    a department id, or "other" when the department is small.

    Nobody reads this model through the ORM: the results and the advisor's
    free texts are built from it by the system."""

    _name = "hr.pulse.answer"
    _description = "Pulse Answer"
    _log_access = False
    _order = "campaign_id, line_id, group_key, value, text"

    campaign_id = fields.Many2one(
        "hr.pulse.campaign", required=True, ondelete="cascade", index=True
    )
    line_id = fields.Many2one(
        "hr.pulse.campaign.line", required=True, ondelete="cascade", index=True
    )
    value = fields.Integer()
    text = fields.Text()
    group_key = fields.Char()
    released = fields.Boolean(default=False, index=True)

    _sql_constraints = [
        (
            "value_range",
            "CHECK(value IS NULL OR (value >= 1 AND value <= 5))",
            "An answer on the scale is a number from 1 to 5.",
        )
    ]

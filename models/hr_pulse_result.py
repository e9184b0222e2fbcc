from odoo import fields, models

from .hr_risk_finding import PREVENTION_DOMAINS


class HrPulseResult(models.Model):
    """A figure of a closed campaign that may be published: per domain or per
    question, for the whole population (``group_key`` False) or for one
    group, only when the group counts at least the minimum number of people
    who answered, with complementary suppression. Built by the system when
    the campaign closes; never edited.

    ``mean`` is the mean answer on the scale as asked (1 to 5) for a
    question; for a domain it is the mean on the "higher is better" scale
    (a drainer's answer v counts as 6 - v). ``score`` is that "higher is
    better" mean on 0 to 100: (mean - 1) * 25, the same for givers and
    drainers, so that figures of a domain can be compared."""

    _name = "hr.pulse.result"
    _description = "Pulse Result"
    _order = "campaign_id, level, domain, line_sequence, line_id, group_key desc"

    campaign_id = fields.Many2one(
        "hr.pulse.campaign", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True)
    level = fields.Selection(
        [("domain", "Domain"), ("question", "Question")], required=True
    )
    domain = fields.Selection(PREVENTION_DOMAINS, required=True)
    line_id = fields.Many2one("hr.pulse.campaign.line", ondelete="cascade")
    line_sequence = fields.Integer()
    polarity = fields.Selection(related="line_id.polarity")
    group_key = fields.Char(help="Empty: the whole population.")
    group_label = fields.Char()
    answer_count = fields.Integer(string="People Who Answered")
    mean = fields.Float(digits=(3, 2))
    score = fields.Float(digits=(5, 1))
    count_1 = fields.Integer(string="1")
    count_2 = fields.Integer(string="2")
    count_3 = fields.Integer(string="3")
    count_4 = fields.Integer(string="4")
    count_5 = fields.Integer(string="5")

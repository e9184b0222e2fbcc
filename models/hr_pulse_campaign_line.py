from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .hr_pulse_question import ANSWER_TYPES, POLARITIES
from .hr_risk_finding import PREVENTION_DOMAINS

COPIED_FIELDS = ("name", "domain", "polarity", "answer_type")


class HrPulseCampaignLine(models.Model):
    """A question as the campaign asks it: its text, domain, polarity and
    type are copied from the bank when the campaign opens, so that an edit of
    the bank does not change a running campaign."""

    _name = "hr.pulse.campaign.line"
    _description = "Pulse Campaign Question"
    _order = "campaign_id, sequence, id"
    _check_company_auto = True

    campaign_id = fields.Many2one(
        "hr.pulse.campaign", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True)
    question_id = fields.Many2one(
        "hr.pulse.question", string="Bank Question", ondelete="set null"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(
        string="Question",
        translate=True,
        compute="_compute_from_question",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    domain = fields.Selection(
        PREVENTION_DOMAINS,
        compute="_compute_from_question",
        store=True,
        readonly=False,
        precompute=True,
    )
    polarity = fields.Selection(
        POLARITIES,
        compute="_compute_from_question",
        store=True,
        readonly=False,
        precompute=True,
    )
    answer_type = fields.Selection(
        ANSWER_TYPES,
        compute="_compute_from_question",
        store=True,
        readonly=False,
        precompute=True,
    )

    @api.depends("question_id")
    def _compute_from_question(self):
        for line in self:
            question = line.question_id
            for fname in COPIED_FIELDS:
                line[fname] = question[fname] if question else line[fname]

    def _copy_from_bank(self):
        """At opening: the bank's words as they are now, in every installed
        language (each person reads the campaign in their own)."""
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        langs.sort(key=lambda code: code != "en_US")
        for line in self.filtered("question_id"):
            question = line.question_id
            line.write({fname: question[fname] for fname in COPIED_FIELDS[1:]})
            for lang in langs:
                line.with_context(lang=lang).write(
                    {"name": question.with_context(lang=lang).name}
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_draft()
        lines._check_domain()
        return lines

    def write(self, vals):
        self._check_draft()
        res = super().write(vals)
        self._check_domain()
        return res

    def unlink(self):
        self._check_draft()
        return super().unlink()

    def _check_draft(self):
        if self.env.su:
            return
        started = self.filtered(lambda line: line.campaign_id.state != "draft")
        if started:
            raise UserError(
                _(
                    "The campaign %(campaign)s has started: its questions no "
                    "longer change.",
                    campaign=started[0].campaign_id.display_name,
                )
            )

    def _check_domain(self):
        for line in self:
            if not line.domain or not line.polarity or not line.answer_type:
                raise ValidationError(
                    _(
                        "The question %(name)s has no domain, polarity or answer "
                        "type: choose them (or a question of the bank).",
                        name=line.name or _("(no text)"),
                    )
                )

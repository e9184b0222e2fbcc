from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .hr_risk_finding import PREVENTION_DOMAINS

ADMIN_GROUP = "hr_burnout_prevention.group_admin"
POLARITIES = [("giver", "Energy giver"), ("drainer", "Energy drainer")]
ANSWER_TYPES = [("scale", "Scale (1 to 5)"), ("text", "Free text")]


class HrPulseQuestion(models.Model):
    """A question of the pulse bank. The starter bank (no company) is shared
    by every company; a company adds its own questions or archives one."""

    _name = "hr.pulse.question"
    _description = "Pulse Question"
    _order = "sequence, id"

    name = fields.Char(string="Question", required=True, translate=True)
    domain = fields.Selection(PREVENTION_DOMAINS, required=True)
    polarity = fields.Selection(POLARITIES, required=True, default="giver")
    answer_type = fields.Selection(ANSWER_TYPES, required=True, default="scale")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Empty: a question of the starter bank, shared by all companies.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        shares = self._may_share()
        for vals in vals_list:
            self._check_domain_given(vals, vals.get("name"))
            if not shares and not vals.get("company_id"):
                # Only the addon's administrator adds to the shared bank: a
                # question of somebody else is their company's own.
                vals["company_id"] = self.env.company.id
        return super().create(vals_list)

    def write(self, vals):
        self._check_shared_bank()
        if "company_id" in vals and not vals["company_id"] and not self._may_share():
            raise AccessError(
                _(
                    "Only the administrator of the well-being app adds questions "
                    "to the starter bank shared by all companies: the question "
                    "%(name)s stays your company's own.",
                    name=self[:1].name,
                )
            )
        if "domain" in vals:
            self._check_domain_given(vals, self[:1].name)
        return super().write(vals)

    def _may_share(self):
        """Whether the current user may write the shared starter bank."""
        return self.env.su or self.env.user.has_group(ADMIN_GROUP)

    def _check_shared_bank(self):
        """The starter bank is shared by every company: only the addon's
        administrator changes it; a company copies a question to adapt it."""
        shared = self.filtered(lambda q: not q.company_id)
        if shared and not self._may_share():
            raise AccessError(
                _(
                    "The question %(name)s belongs to the starter bank shared by "
                    "all companies: duplicate it for your company to change it, "
                    "or leave it out of your campaigns.",
                    name=shared[0].name,
                )
            )

    def copy_data(self, default=None):
        # A copy made by a company is its own question.
        default = dict(default or {})
        default.setdefault("company_id", self.env.company.id)
        return super().copy_data(default)

    @api.model
    def _check_domain_given(self, vals, name):
        if "domain" in vals or not self:
            if not vals.get("domain"):
                raise ValidationError(
                    _(
                        "The question %(name)s has no domain: choose one of the "
                        "five domains of the prevention policy.",
                        name=name or _("(no text)"),
                    )
                )

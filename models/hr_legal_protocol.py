from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

RULES_VERSIONS = [
    ("2016", "2016 (before 1 October 2022)"),
    ("2022", "2022 (from 1 October 2022)"),
    ("2026", "2026 (from 1 January 2026)"),
]


class HrLegalProtocol(models.Model):
    _name = "hr.legal.protocol"
    _description = "Legal Protocol"
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    country_id = fields.Many2one(
        "res.country", default=lambda self: self.env.ref("base.be", False)
    )
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty for a protocol that applies to every company.",
    )
    rules_version = fields.Selection(RULES_VERSIONS, required=True)
    date_from = fields.Date("Valid From", required=True)
    date_to = fields.Date("Valid To")
    step_ids = fields.One2many("hr.legal.protocol.step", "protocol_id", "Steps")
    note = fields.Html(translate=True)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for protocol in self:
            if protocol.date_to and protocol.date_to < protocol.date_from:
                raise ValidationError(
                    _(
                        "The protocol %(name)s ends before it starts.",
                        name=protocol.name,
                    )
                )

    @api.model
    def _find(self, on_date, company, rules_version=None):
        """The protocol in force on ``on_date`` for ``company``: a protocol of
        the company wins over a shared one, one of the company's country over
        another country's (the shipped Belgian protocols apply when nothing
        closer exists), a later start over an earlier one."""
        if not on_date:
            return self.browse()
        domain = [
            ("date_from", "<=", on_date),
            "|",
            ("date_to", "=", False),
            ("date_to", ">=", on_date),
            ("company_id", "in", [False, company.id]),
        ]
        if rules_version:
            domain.append(("rules_version", "=", rules_version))
        country = company.country_id
        protocols = (
            self.sudo()
            .search(domain)
            .sorted(
                lambda p: (
                    bool(p.company_id),
                    not p.country_id or p.country_id == country,
                    p.date_from,
                    p.id,
                ),
                reverse=True,
            )
        )
        return protocols[:1].with_env(self.env)

    def _steps(self, anchor, on_date, decision=None):
        """Steps of this protocol for ``anchor`` valid on ``on_date``."""
        self.ensure_one()
        steps = self.sudo().step_ids.filtered(
            lambda s: (
                s.anchor == anchor
                and (not s.date_from or s.date_from <= on_date)
                and (not s.date_to or s.date_to >= on_date)
                and (not s.decision or s.decision == decision)
            )
        )
        return steps.sorted(lambda s: (s.sequence, s.id))

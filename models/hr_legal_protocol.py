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
    # The numbers and switches of the law that are not a step's deadline:
    # read them with ``protocol._param(name)``, never as Python constants.
    applies_to_running = fields.Boolean(
        "Applies to Running Trajectories",
        help="These rules apply at once to the trajectories still running on "
        "their first day (no transitional measures).",
    )
    relapse_days = fields.Integer(
        "Relapse Window (days)",
        help="Falling ill again less than this many calendar days after a "
        "return continues the same incapacity; on that day or later a new "
        "incapacity starts.",
    )
    refused_invitation_max = fields.Integer(
        "Refused Invitations Ending the Trajectory",
        help="This many refused invitations to the assessment end the trajectory.",
    )
    refused_invitation_gap = fields.Integer(
        "Days Between Refused Invitations",
        help="Each refused invitation counts only when it is at least this many "
        "calendar days after the previous one.",
    )
    employer_request_months = fields.Integer(
        "Employer Requests After (months)",
        help="Months of uninterrupted incapacity after which the employer may "
        "request a trajectory.",
    )
    employer_request_with_consent = fields.Boolean(
        "Employer Requests Earlier With Consent",
        help="With the worker's consent the employer may request a trajectory "
        "from the first day of incapacity.",
    )
    advising_physician_may_request = fields.Boolean(
        "The Mutuality's Advising Physician May Request"
    )
    employer_may_request_pre_return_visit = fields.Boolean(
        "The Employer May Ask for a Pre-Return Visit"
    )

    PARAMS = (
        "applies_to_running",
        "relapse_days",
        "refused_invitation_max",
        "refused_invitation_gap",
        "employer_request_months",
        "employer_request_with_consent",
        "advising_physician_may_request",
        "employer_may_request_pre_return_visit",
    )

    def _param(self, name):
        """A number or switch of the law held by this protocol (see PARAMS):
        ``protocol._param("refused_invitation_gap")``; no protocol (a day
        before the first one) holds none: 0 or False."""
        if len(self) > 1:
            self.ensure_one()
        if name not in self.PARAMS:
            raise KeyError(name)
        return self.sudo()[name]

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
    def _find(self, on_date, company, rules_version=None, pool=None):
        """The protocol in force on ``on_date`` for ``company``: a protocol of
        the company wins over a shared one, one of the company's country over
        another country's (the shipped Belgian protocols apply when nothing
        closer exists), a later start over an earlier one. ``pool``: the
        protocols to choose from (`_pool()`, read once for a batch), else a
        search."""
        if not on_date:
            return self.browse()
        if pool is None:
            domain = [
                ("date_from", "<=", on_date),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", on_date),
                ("company_id", "in", [False, company.id]),
            ]
            if rules_version:
                domain.append(("rules_version", "=", rules_version))
            pool = self.sudo().search(domain)
        else:
            pool = pool.filtered(
                lambda p: p.date_from <= on_date
                and (not p.date_to or p.date_to >= on_date)
                and (not p.company_id or p.company_id == company)
                and (not rules_version or p.rules_version == rules_version)
            )
        country = company.country_id
        protocols = pool.sorted(
            lambda p: (
                bool(p.company_id),
                not p.country_id or p.country_id == country,
                p.date_from,
                p.id,
            ),
            reverse=True,
        )
        return protocols[:1].with_env(self.env)

    @api.model
    def _pool(self):
        """Every active protocol, read at once: a batch chooses among them in
        memory (`_find`, `_for_trajectory`) instead of a search per record."""
        return self.sudo().search([])

    @api.model
    def _candidates(self, from_date, company, pool=None):
        """The protocols that may govern something happening from
        ``from_date`` on, oldest first (ties as in `_find`)."""
        if pool is None:
            domain = [
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", from_date),
                ("company_id", "in", [False, company.id]),
            ]
            pool = self.sudo().search(domain)
        else:
            pool = pool.filtered(
                lambda p: (not p.date_to or p.date_to >= from_date)
                and (not p.company_id or p.company_id == company)
            )
        return pool.sorted(lambda p: (p.date_from, p.id))

    @api.model
    def _for_trajectory(self, request_date, company, dates, pool=None):
        """The protocol whose deadlines a trajectory follows: the one in force
        on its request date, or a later one that applies to the trajectories
        running on its first day when the trajectory was still running then
        (``dates``: the days something happened in it; an open trajectory
        passes today)."""
        protocol = self._find(request_date, company, pool=pool)
        if not protocol:
            return protocol
        last = max([d for d in dates if d] or [request_date])
        later = self._candidates(request_date, company, pool=pool).filtered(
            lambda p: p.applies_to_running and request_date < p.date_from <= last
        )
        for candidate in later.sorted(lambda p: p.date_from, reverse=True):
            found = self._find(candidate.date_from, company, pool=pool)
            if found:
                return found
        return protocol

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

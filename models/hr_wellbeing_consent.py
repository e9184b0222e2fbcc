from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv.expression import FALSE_DOMAIN, OR

SCOPES = [
    ("manager_work_related", "Share the work-related nature of the absence"),
    ("share_services", "Share notes between the physician and the PAPS"),
    ("team_return", "Inform the team about the return"),
    ("share_feedback", "Share the approved feedback with the manager"),
]

RECIPIENT_ROLES = [
    ("manager", "Line manager"),
    ("hr", "HR officer"),
    ("team", "The team"),
    ("physician", "Occupational physician"),
    ("paps", "Prevention advisor psychosocial aspects"),
]

# The fields a given consent keeps for ever: its history is never edited.
FROZEN_FIELDS = {
    "employee_id",
    "scope",
    "recipient_user_id",
    "recipient_role",
    "purpose",
    "date_given",
    "date_expiry",
    "date_revoked",
    "company_id",
}


class HrWellbeingConsent(models.Model):
    """An employee's consent to share something confidential.

    Every sharing check reads these records through `_valid_domain()`, with
    today's date: a revoked or expired consent stops sharing at once. Given
    consents are never edited nor deleted; revoking one stamps `date_revoked`.
    """

    _name = "hr.wellbeing.consent"
    _description = "Well-being Consent"
    _order = "date_given desc, id desc"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        default=lambda self: self.env.user.employee_id,
    )
    employee_user_id = fields.Many2one(
        related="employee_id.user_id", store=True, string="Employee User"
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    scope = fields.Selection(SCOPES, required=True)
    recipient_user_id = fields.Many2one(
        "res.users", string="Recipient", help="A named person who may receive it."
    )
    recipient_role = fields.Selection(
        RECIPIENT_ROLES, help="Or everyone holding this role for the employee."
    )
    purpose = fields.Text(required=True)
    date_given = fields.Date(string="Given On", readonly=True, copy=False)
    date_expiry = fields.Date(string="Expires On")
    date_revoked = fields.Date(string="Revoked On", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Not given"),
            ("valid", "Valid"),
            ("expired", "Expired"),
            ("revoked", "Revoked"),
        ],
        compute="_compute_state",
        search="_search_state",
    )

    _sql_constraints = [
        (
            "expiry_after_given",
            "CHECK(date_expiry IS NULL OR date_given IS NULL "
            "OR date_expiry >= date_given)",
            "A consent cannot expire before it is given.",
        ),
    ]

    @api.constrains("date_given", "date_expiry")
    def _check_dates(self):
        for consent in self:
            if (
                consent.date_given
                and consent.date_expiry
                and consent.date_expiry < consent.date_given
            ):
                raise ValidationError(
                    _(
                        "The consent cannot expire on %(expiry)s, before it is "
                        "given on %(given)s.",
                        expiry=consent.date_expiry,
                        given=consent.date_given,
                    )
                )

    @api.depends("date_given", "date_expiry", "date_revoked")
    @api.depends_context("date")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for consent in self:
            if consent.date_revoked:
                consent.state = "revoked"
            elif not consent.date_given:
                consent.state = "draft"
            elif consent.date_expiry and consent.date_expiry < today:
                consent.state = "expired"
            else:
                consent.state = "valid"

    def _search_state(self, operator, value):
        all_states = {"draft", "valid", "expired", "revoked"}
        values = {value} if isinstance(value, str) else set(value or ())
        if operator in ("!=", "not in"):
            values = all_states - values
        elif operator not in ("=", "in"):
            raise UserError(_("Unsupported search on the state of a consent."))
        today = fields.Date.context_today(self)
        domains = {
            "draft": [("date_given", "=", False), ("date_revoked", "=", False)],
            "revoked": [("date_revoked", "!=", False)],
            "expired": [
                ("date_revoked", "=", False),
                ("date_given", "!=", False),
                ("date_expiry", "<", today),
            ],
            "valid": self._valid_domain(),
        }
        return (
            OR([domains[state] for state in sorted(values & all_states)])
            if values & all_states
            else FALSE_DOMAIN
        )

    @api.model
    def _valid_domain(self, scope=None):
        """Consents that allow sharing today."""
        today = fields.Date.context_today(self)
        domain = [
            ("date_given", "!=", False),
            ("date_given", "<=", today),
            ("date_revoked", "=", False),
            "|",
            ("date_expiry", "=", False),
            ("date_expiry", ">=", today),
        ]
        if scope:
            domain = [("scope", "=", scope), *domain]
        return domain

    @api.model
    def _consenting_employees(self, scope, employees=None):
        """The employees (ids) who allow `scope` today: one query."""
        domain = self._valid_domain(scope)
        if employees is not None:
            domain = [("employee_id", "in", employees.ids), *domain]
        groups = self.sudo()._read_group(domain, ["employee_id"])
        return {employee.id for (employee,) in groups}

    @api.depends("scope", "employee_id")
    def _compute_display_name(self):
        labels = dict(self._fields["scope"]._description_selection(self.env))
        for consent in self:
            consent.display_name = _(
                "%(employee)s: %(scope)s",
                employee=consent.employee_id.name or "",
                scope=labels.get(consent.scope, ""),
            )

    # ------------------------------------------------------------------
    # The employee's own actions
    # ------------------------------------------------------------------
    def _check_own(self):
        for consent in self:
            if consent.employee_user_id != self.env.user:
                raise AccessError(
                    _(
                        "Only %(employee)s can give or revoke their own consent.",
                        employee=consent.employee_id.name,
                    )
                )

    def action_give(self):
        self._check_own()
        today = fields.Date.context_today(self)
        for consent in self:
            if consent.date_given or consent.date_revoked:
                raise UserError(_("This consent was already given."))
            if consent.date_expiry and consent.date_expiry < today:
                raise ValidationError(
                    _(
                        "The consent cannot expire on %(expiry)s, before it is "
                        "given on %(given)s.",
                        expiry=consent.date_expiry,
                        given=today,
                    )
                )
        self.sudo().with_context(wellbeing_consent_action=True).write(
            {"date_given": today}
        )
        return True

    def action_revoke(self):
        self._check_own()
        for consent in self:
            if consent.state != "valid":
                raise UserError(
                    _(
                        "Only a valid consent can be revoked; this one is %(state)s.",
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[consent.state],
                    )
                )
        self.sudo().with_context(wellbeing_consent_action=True).write(
            {"date_revoked": fields.Date.context_today(self)}
        )
        return True

    # ------------------------------------------------------------------
    # History is never edited
    # ------------------------------------------------------------------
    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or operation != "write" or self.env.su:
            return result
        if self.env.context.get("wellbeing_consent_action"):
            return None
        # A given or revoked consent is history: nobody writes on it.
        frozen = self.sudo().filtered(lambda c: c.date_given or c.date_revoked)
        if frozen:
            forbidden = self.browse(frozen.ids)
            return forbidden, lambda: AccessError(
                _("A given consent is never edited: revoke it and give a new one.")
            )
        return None

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("date_given") or vals.get("date_revoked") for vals in vals_list
        ):
            raise UserError(
                _("A consent is given or revoked by the employee, not written.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.context.get("wellbeing_consent_action") and (
            FROZEN_FIELDS & set(vals)
        ):
            if "date_given" in vals or "date_revoked" in vals:
                raise UserError(
                    _("A consent is given or revoked by the employee, not written.")
                )
            if any(consent.date_given or consent.date_revoked for consent in self):
                raise UserError(
                    _("A given consent is never edited: revoke it and give a new one.")
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never_given(self):
        if any(consent.date_given or consent.date_revoked for consent in self):
            raise UserError(
                _("The history of consents is kept: a given consent is revoked.")
            )

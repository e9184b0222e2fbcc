from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv.expression import FALSE_DOMAIN, OR
from odoo.tools import SQL, format_date

# Per cursor (one per HTTP request): {company id: its time zone}.
COMPANY_TZ_KEY = "hr_wellbeing_company_tz"

SCOPES = [
    ("manager_work_related", "Share the work-related nature of the absence"),
    (
        "share_services",
        "Share notes between the physician and the psychosocial prevention advisor",
    ),
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

# What the employee agreed to: set when the consent is created, never edited
# afterwards (a new consent is a new record). The dates given and revoked are
# written by the consent's own moves only.
FROZEN_FIELDS = {
    "employee_id",
    "scope",
    "recipient_user_id",
    "recipient_role",
    "purpose",
    "date_expiry",
    "company_id",
}


class HrWellbeingConsent(models.Model):
    """An employee's consent to share something confidential.

    Every sharing check reads these records through `_valid_domain()`, with
    today's date: a revoked or expired consent stops sharing at once.

    The consent moves through the workflow guard only (`stage`): the
    employee gives it (draft -> given, `date_given` = today) and revokes it
    (given -> revoked, `date_revoked` = today); a revoked consent never
    becomes valid again. What it says is fixed when it is created, the dates
    are written by these moves only, and no consent is ever deleted.
    """

    _name = "hr.wellbeing.consent"
    _inherit = ["hr.wellbeing.workflow.mixin"]
    _description = "Well-being Consent"
    _order = "date_given desc, id desc"
    _check_company_auto = True
    _workflow = {
        "stage": {
            ("draft", "given"): "_wf_give",
            ("given", "revoked"): "_wf_revoke",
        }
    }
    _workflow_initial = {"stage": ("draft",)}
    _workflow_system_fields = ("date_given", "date_revoked")

    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        default=lambda self: self.env.user.employee_id,
        domain=lambda self: [("user_id", "=", self.env.uid)],
        help="The employee who gives the consent: only themself.",
    )
    # Not stored: always the employee's user of now (the record rules read
    # `employee_id.user_id` itself).
    employee_user_id = fields.Many2one(
        related="employee_id.user_id", string="Employee User"
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
    stage = fields.Selection(
        [("draft", "Not given"), ("given", "Given"), ("revoked", "Revoked")],
        compute="_compute_stage",
        store=True,
        readonly=True,
        index=True,
        copy=False,
        help="Where the consent is in its life: given and revoked by the "
        "employee only.",
    )
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
        (
            "revoked_after_given",
            "CHECK(date_revoked IS NULL OR "
            "(date_given IS NOT NULL AND date_revoked >= date_given))",
            "A consent is revoked after it was given.",
        ),
    ]

    @api.depends("date_given", "date_revoked")
    def _compute_stage(self):
        # The moves write the stage with its date; this keeps them equal for
        # consents recorded before the stage existed.
        for consent in self:
            if consent.date_revoked:
                consent.stage = "revoked"
            elif consent.date_given:
                consent.stage = "given"
            else:
                consent.stage = "draft"

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
                        expiry=format_date(self.env, consent.date_expiry),
                        given=format_date(self.env, consent.date_given),
                    )
                )

    @api.model
    def _server_today(self):
        """Today in the company's time zone, by the server's clock: every
        validity check reads this, never a `tz` or a date the client sends
        in its context."""
        # One small query per request (cursor) and company: every sharing
        # check of a request reads it.
        zones = self.env.cr.cache.setdefault(COMPANY_TZ_KEY, {})
        company_id = self.env.company.id
        if company_id not in zones:
            rows = self.env.execute_query(
                SQL(
                    """SELECT calendar.tz FROM res_company company
                       LEFT JOIN resource_calendar calendar
                              ON calendar.id = company.resource_calendar_id
                       WHERE company.id = %s""",
                    company_id,
                )
            )
            zones[company_id] = (rows and rows[0][0]) or "UTC"
        return fields.Date.context_today(self.with_context(tz=zones[company_id]))

    @api.depends("date_given", "date_expiry", "date_revoked")
    @api.depends_context("company")
    def _compute_state(self):
        today = self._server_today()
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
        today = self._server_today()
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
        today = self._server_today()
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
    @api.depends_context("lang")
    def _compute_display_name(self):
        labels = dict(self._fields["scope"]._description_selection(self.env))
        for consent in self:
            consent.display_name = _(
                "%(employee)s: %(scope)s",
                employee=consent.employee_id.name or "",
                scope=labels.get(consent.scope, ""),
            )

    # ------------------------------------------------------------------
    # The employee's own moves, checked by the guard in write()
    # ------------------------------------------------------------------
    def _check_own(self):
        self.check_access("read")
        for consent in self:
            if consent.employee_id.user_id != self.env.user:
                raise AccessError(
                    _(
                        "Only %(employee)s gives or revokes the consent %(record)s.",
                        employee=consent.employee_id.name,
                        record=consent.display_name,
                    )
                )

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _check_revocable(self):
        for consent in self:
            if consent.state != "valid":
                raise UserError(
                    _(
                        "Only a valid consent can be revoked; %(record)s is %(state)s.",
                        record=consent.display_name,
                        state=consent._state_label(),
                    )
                )

    def _wf_give(self, vals):
        self._check_own()
        today = self._server_today()
        for consent in self:
            if consent.date_expiry and consent.date_expiry < today:
                raise ValidationError(
                    _(
                        "The consent cannot expire on %(expiry)s, before it is "
                        "given on %(given)s.",
                        expiry=format_date(self.env, consent.date_expiry),
                        given=format_date(self.env, today),
                    )
                )
        return {"date_given": today}

    def _wf_revoke(self, vals):
        self._check_own()
        self._check_revocable()
        return {"date_revoked": self._server_today()}

    def _check_not_given(self):
        for consent in self:
            if consent.stage != "draft":
                raise UserError(
                    _(
                        "%(record)s is %(state)s: only a consent not given yet "
                        "can be given. To share again, give a new consent.",
                        record=consent.display_name,
                        state=consent._state_label(),
                    )
                )

    def action_give(self):
        self._check_own()
        self._check_not_given()
        # Nobody has a write access on consents: the employee's own move is
        # written once the guard checked that the user is the employee.
        self.sudo().write({"stage": "given"})
        return True

    def action_revoke(self):
        self._check_own()
        self._check_revocable()
        self.sudo().write({"stage": "revoked"})
        return True

    def _record_given_on_paper(self, date_given, date_revoked=False):
        """Record consents the employee gave (and revoked) on paper before
        they were entered here, on their real days. Server code only (data
        files, migrations): no client reaches a private method."""
        today = self._server_today()
        given = fields.Date.to_date(date_given)
        revoked = fields.Date.to_date(date_revoked) if date_revoked else False
        self._check_not_given()
        if not given or given > today or (revoked and not given <= revoked <= today):
            raise UserError(
                _(
                    "A consent recorded from paper is given on a day no later "
                    "than today and revoked, if it was, between that day and "
                    "today: given on %(given)s and revoked on %(revoked)s do not "
                    "fit.",
                    given=format_date(self.env, given),
                    revoked=format_date(self.env, revoked) or _("never"),
                )
            )
        with self._workflow_system():
            self.sudo().write({"date_given": given, "date_revoked": revoked})
        return True

    # ------------------------------------------------------------------
    # What the employee agreed to is never edited, nor deleted
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self._workflow_trusted():
            Employee = self.env["hr.employee"].sudo()
            own = self.env.user.employee_ids
            for vals in vals_list:
                employee = Employee.browse(vals.get("employee_id", own[:1].id))
                if employee not in own:
                    raise AccessError(
                        _(
                            "A consent is given by the employee themself: "
                            "%(user)s cannot give one for %(employee)s.",
                            user=self.env.user.name,
                            employee=employee.name or _("nobody"),
                        )
                    )
        return super().create(vals_list)

    def write(self, vals):
        frozen = FROZEN_FIELDS & set(vals)
        if frozen and self and not self._workflow_trusted():
            self.check_access("write")
            raise UserError(
                _(
                    "%(record)s cannot be edited: a consent keeps what the employee "
                    "agreed to (here: %(field)s). Create a new consent instead.",
                    record=self[:1].display_name,
                    field=self._fields[sorted(frozen)[0]]._description_string(self.env),
                )
            )
        return super().write(vals)

    def _workflow_kept(self):
        return self

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

TASKFORCE_GROUP = "hr_burnout_prevention.group_taskforce"

# What a published or superseded declaration never changes again.
FROZEN_FIELDS = {
    "name",
    "version",
    "body",
    "commitments",
    "state",
    "policy_id",
    "company_id",
    "signatory_name",
    "signatory_function",
    "approval_date",
    "advice_requested_date",
    "advice_received_date",
    "advice_text",
    "date_published",
}


class HrIntentDeclaration(models.Model):
    _name = "hr.intent.declaration"
    _description = "Intent Declaration"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "company_id, version desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    active = fields.Boolean(default=True)
    version = fields.Integer(readonly=True, copy=False, default=0)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    policy_id = fields.Many2one("hr.prevention.policy", check_company=True, index=True)
    body = fields.Html(string="Declaration")
    commitments = fields.Html()
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("advice_requested", "Advice Requested"),
            ("approved", "Approved"),
            ("published", "Published"),
            ("superseded", "Superseded"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    advice_requested_date = fields.Date(string="Advice Requested On", copy=False)
    advice_received_date = fields.Date(string="Advice Received On", copy=False)
    advice_text = fields.Text(string="CPBW Advice", copy=False)
    signatory_name = fields.Char(string="Signatory", copy=False)
    signatory_function = fields.Char(copy=False)
    approval_date = fields.Date(string="Approved On", copy=False)
    date_published = fields.Date(string="Published On", readonly=True, copy=False)
    superseded_by_id = fields.Many2one(
        "hr.intent.declaration", readonly=True, copy=False, check_company=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = {
            vals.get("company_id") or self.env.company.id for vals in vals_list
        }
        last = dict(
            self.sudo()
            .with_context(active_test=False)
            ._read_group(
                [("company_id", "in", list(companies))],
                ["company_id"],
                ["version:max"],
            )
        )
        last = {company.id: version for company, version in last.items()}
        for vals in vals_list:
            company_id = vals.get("company_id") or self.env.company.id
            last[company_id] = (last.get(company_id) or 0) + 1
            vals.setdefault("version", last[company_id])
        return super().create(vals_list)

    def write(self, vals):
        self._check_not_frozen(set(vals))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_published(self):
        frozen = self.filtered(lambda d: d.state in ("published", "superseded"))
        if frozen:
            raise UserError(
                _(
                    "The declaration %(name)s has been published: it cannot be "
                    "deleted. Archive it instead.",
                    name=frozen[0].display_name,
                )
            )

    def _check_not_frozen(self, fnames):
        frozen = self.filtered(lambda d: d.state in ("published", "superseded"))
        if frozen and fnames & FROZEN_FIELDS:
            raise UserError(
                _(
                    "The declaration %(name)s has been published and is read-only. "
                    "Draft a new version instead.",
                    name=frozen[0].display_name,
                )
            )

    def _set_state(self, vals):
        # State changes happen here only, after the checks of an action_*.
        return super().write(vals)

    def _check_taskforce(self):
        if not self.env.su and not self.env.user.has_group(TASKFORCE_GROUP):
            raise UserError(
                _("Only taskforce members can move an intent declaration forward.")
            )

    def _check_state(self, allowed, label):
        for declaration in self:
            if declaration.state not in allowed:
                raise UserError(
                    _(
                        "The declaration %(name)s cannot be %(step)s from the state "
                        "%(state)s.",
                        name=declaration.display_name,
                        step=label,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[declaration.state],
                    )
                )

    @api.depends("name", "version")
    def _compute_display_name(self):
        for declaration in self:
            declaration.display_name = _(
                "%(name)s (v%(version)s)",
                name=declaration.name or "",
                version=declaration.version,
            )

    def action_request_advice(self):
        self._check_taskforce()
        self._check_state(("draft",), _("sent for advice"))
        self._set_state(
            {
                "state": "advice_requested",
                "advice_requested_date": fields.Date.context_today(self),
            }
        )

    def action_approve(self):
        self._check_taskforce()
        self._check_state(("advice_requested",), _("approved"))
        for declaration in self:
            if not declaration.signatory_name or not declaration.approval_date:
                raise UserError(
                    _(
                        "The declaration %(name)s needs a signatory and an approval "
                        "date before it is approved.",
                        name=declaration.display_name,
                    )
                )
        self._set_state({"state": "approved"})

    def action_publish(self):
        self._check_taskforce()
        for declaration in self:
            if declaration.state != "approved":
                raise UserError(
                    _(
                        "The declaration %(name)s must be approved before it is "
                        "published.",
                        name=declaration.display_name,
                    )
                )
        if len(self.company_id) != len(self):
            raise UserError(_("Publish one declaration per company at a time."))
        today = fields.Date.context_today(self)
        previous = self.search(
            [("company_id", "in", self.company_id.ids), ("state", "=", "published")]
        )
        for declaration in self:
            previous.filtered(
                lambda d, c=declaration.company_id: d.company_id == c
            )._set_state({"state": "superseded", "superseded_by_id": declaration.id})
        self._set_state({"state": "published", "date_published": today})

    def action_draft(self):
        self._check_taskforce()
        self._check_state(("advice_requested", "approved"), _("reset to draft"))
        self._set_state({"state": "draft"})

    @api.constrains("approval_date", "advice_requested_date")
    def _check_dates(self):
        for declaration in self:
            if (
                declaration.approval_date
                and declaration.advice_requested_date
                and declaration.approval_date < declaration.advice_requested_date
            ):
                raise ValidationError(
                    _(
                        "The declaration %(name)s cannot be approved before its "
                        "advice was requested.",
                        name=declaration.display_name,
                    )
                )

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_date

from .hr_prevention_policy import TASKFORCE_GROUP

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
# What an approved declaration keeps until it is published or reset to draft:
# the text, the advice and the signature it was approved with.
APPROVED_FIELDS = FROZEN_FIELDS - {"state", "date_published"}


class HrIntentDeclaration(models.Model):
    _name = "hr.intent.declaration"
    _description = "Intent Declaration"
    # The guard first: a move is tracked whatever the client's context says
    # (mail.thread would drop the tracking of a move on `tracking_disable`).
    _inherit = [
        "hr.wellbeing.workflow.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "company_id, version desc, id desc"
    _check_company_auto = True
    _workflow = {
        "state": {
            ("draft", "advice_requested"): (
                "_wf_taskforce",
                "_wf_after_request_advice",
            ),
            ("advice_requested", "approved"): "_wf_approve",
            ("approved", "published"): ("_wf_publish", "_wf_after_publish"),
            ("advice_requested", "draft"): "_wf_taskforce",
            ("approved", "draft"): "_wf_taskforce",
            ("published", "superseded"): "_wf_supersede",
        }
    }
    _workflow_initial = {"state": ("draft",)}
    _workflow_system_fields = ("superseded_by_id",)

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
            # The system numbers the versions, whatever a client sends.
            vals["version"] = last[company_id]
        declarations = super().create(vals_list)
        if not self._workflow_trusted() and any(declarations.mapped("date_published")):
            raise AccessError(
                _("The publication date is set when the declaration is published.")
            )
        return declarations

    def write(self, vals):
        if "version" in vals and not self._workflow_trusted():
            raise AccessError(
                _("The version of an intent declaration is set by the system.")
            )
        if "date_published" in vals and vals.get("state") != "published":
            raise AccessError(
                _("The publication date is set when the declaration is published.")
            )
        if not self._workflow_trusted():
            self._check_not_frozen(set(vals))
        return super().write(vals)

    def _workflow_kept(self):
        return self.filtered(lambda d: d.state in ("published", "superseded"))

    def _check_not_frozen(self, fnames):
        frozen = self._workflow_kept()
        if frozen and fnames & FROZEN_FIELDS:
            raise UserError(
                _(
                    "The declaration %(name)s has been published and is read-only. "
                    "Draft a new version instead.",
                    name=frozen[0].display_name,
                )
            )
        approved = self.filtered(lambda d: d.state == "approved")
        if approved and fnames & APPROVED_FIELDS:
            raise UserError(
                _(
                    "The declaration %(name)s is approved as it stands: reset it to "
                    "draft before changing its text, advice or signature.",
                    name=approved[0].display_name,
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

    # --- the moves, checked by the guard in write() ---------------------------

    def _wf_taskforce(self, vals=None):
        self._workflow_require_group(
            TASKFORCE_GROUP,
            _("Only taskforce members can move an intent declaration forward."),
        )

    def _wf_after_request_advice(self):
        self.filtered(lambda d: not d.advice_requested_date).write(
            {"advice_requested_date": fields.Date.context_today(self)}
        )

    def _company_today(self):
        """Today where the company is (its address's time zone, else the
        user's)."""
        tz = self.company_id[:1].partner_id.tz or self.env.user.tz
        return fields.Date.context_today(self.with_context(tz=tz))

    def _wf_approve(self, vals):
        self._wf_taskforce()
        today = fields.Date.context_today(self)
        defaulted = {}
        if not vals.get("approval_date") and not any(self.mapped("approval_date")):
            # Approved today where the company is, unless it says another day.
            defaulted = {"approval_date": min(self[:1]._company_today(), today)}
        for declaration in self:
            approval_date = fields.Date.to_date(
                vals.get("approval_date", declaration.approval_date)
            ) or defaulted.get("approval_date")
            if not (vals.get("signatory_name", declaration.signatory_name)) or not (
                approval_date
            ):
                raise UserError(
                    _(
                        "The declaration %(name)s needs a signatory and an approval "
                        "date before it is approved.",
                        name=declaration.display_name,
                    )
                )
            if approval_date > today:
                raise UserError(
                    _(
                        "The declaration %(name)s cannot be approved on %(date)s: "
                        "that day is still to come.",
                        name=declaration.display_name,
                        date=format_date(self.env, approval_date),
                    )
                )
        return defaulted

    def _wf_publish(self, vals):
        self._wf_taskforce()
        if len(self.company_id) != len(self):
            raise UserError(_("Publish one declaration per company at a time."))
        # Two declarations of a company published at once: the second waits
        # for the first and then supersedes it.
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE company_id = ANY(%s) FOR NO KEY UPDATE",
                SQL.identifier(self._table),
                self.company_id.ids,
            )
        )
        # A declaration published on paper earlier may say so, once.
        today = fields.Date.context_today(self)
        published = fields.Date.to_date(vals.get("date_published")) or today
        for declaration in self:
            if published > today or (
                declaration.approval_date and published < declaration.approval_date
            ):
                raise UserError(
                    _(
                        "The declaration %(name)s cannot be published on "
                        "%(date)s: the day is between its approval and today.",
                        name=declaration.display_name,
                        date=published,
                    )
                )
        return {"date_published": published}

    def _wf_after_publish(self):
        # Every other published version of the company, archived ones too.
        previous = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("company_id", "in", self.company_id.ids),
                    ("state", "=", "published"),
                    ("id", "not in", self.ids),
                ]
            )
        )
        with self._workflow_system():
            for declaration in self:
                previous.filtered(
                    lambda d, c=declaration.company_id: d.company_id == c
                ).write({"state": "superseded", "superseded_by_id": declaration.id})

    def _wf_supersede(self, vals):
        raise UserError(
            _(
                "The declaration %(name)s is superseded only when a newer version "
                "is published.",
                name=self[:1].display_name,
            )
        )

    def action_request_advice(self):
        return self._workflow_go({"state": "advice_requested"})

    def action_approve(self):
        return self._workflow_go({"state": "approved"})

    def action_publish(self):
        return self._workflow_go({"state": "published"})

    def action_new_version(self):
        """A new draft version of the published declaration, with its text:
        the published one stays in force until the new one is published
        (the publication supersedes it, through the guard)."""
        self.ensure_one()
        self._wf_taskforce()
        if self.state != "published":
            raise UserError(
                _(
                    "A new version is drafted from the published declaration, "
                    "and %(name)s is %(state)s.",
                    name=self.display_name,
                    state=self._workflow_label("state", self.state),
                )
            )
        draft = self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "in", ("draft", "advice_requested", "approved")),
                ("version", ">", self.version),
            ],
            limit=1,
        ) or self.copy({"name": self.name, "policy_id": self.policy_id.id})
        return {
            "type": "ir.actions.act_window",
            "name": _("Intent Declaration"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "res_id": draft.id,
            "target": "current",
        }

    def action_draft(self):
        return self._workflow_go({"state": "draft"})

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

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

from .hr_risk_finding import PREVENTION_DOMAINS

TASKFORCE_GROUP = "hr_burnout_prevention.group_taskforce"
PLANNED_TYPE = "hr_burnout_prevention.mail_activity_type_prevention_action"
REMINDER_TYPE = "hr_burnout_prevention.mail_activity_type_prevention_reminder"
OPEN_STATES = ("planned", "in_progress", "postponed")
# What the owner of an action (a line manager) may change by hand.
OWNER_FIELDS = {"progress", "note"}


class HrPreventionAction(models.Model):
    _name = "hr.prevention.action"
    _description = "Prevention Action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_deadline, id"
    _check_company_auto = True

    name = fields.Char(string="Action", required=True, tracking=True)
    objective = fields.Text()
    sub_theme = fields.Char()
    domain = fields.Selection(PREVENTION_DOMAINS, required=True)
    level = fields.Selection(
        [
            ("organisation", "Organisation"),
            ("team", "Team"),
            ("individual", "Individual"),
        ],
        required=True,
        default="organisation",
    )
    prevention_level = fields.Selection(
        [("primary", "Primary"), ("secondary", "Secondary"), ("tertiary", "Tertiary")],
        required=True,
        default="primary",
    )
    method = fields.Text()
    means = fields.Text()
    budget = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    training_needed = fields.Boolean()
    training_description = fields.Char(string="Training")
    year_plan_id = fields.Many2one(
        "hr.prevention.year.plan",
        string="Annual Plan",
        required=True,
        check_company=True,
        index=True,
        ondelete="restrict",
    )
    policy_id = fields.Many2one(
        related="year_plan_id.policy_id", store=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        check_company=True,
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
    )
    department_id = fields.Many2one("hr.department", check_company=True, index=True)
    date_start = fields.Date(string="Start")
    date_deadline = fields.Date(string="Deadline", index=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("planned", "Planned"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
            ("postponed", "Postponed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        group_expand="_expand_states",
    )
    progress = fields.Integer(tracking=True)
    indicator = fields.Char(string="Monitoring Indicator")
    target = fields.Char()
    quick_win = fields.Boolean()
    note = fields.Html(string="Notes")
    finding_ids = fields.Many2many(
        "hr.risk.finding",
        "hr_prevention_action_risk_finding_rel",
        "action_id",
        "finding_id",
        string="Findings Answered",
        check_company=True,
    )
    origin_line_id = fields.Many2one(
        "hr.prevention.evaluation.line",
        string="Follow-up of",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        readonly=True,
        copy=False,
        help="Set by the daily check when the deadline passed and the action "
        "is not done.",
    )

    is_taskforce_user = fields.Boolean(compute="_compute_is_taskforce_user")

    def _compute_is_taskforce_user(self):
        self.is_taskforce_user = self._is_taskforce()

    @api.model
    def _expand_states(self, states, domain):
        return [key for key, _label in self._fields["state"].selection]

    @api.constrains("date_start", "date_deadline")
    def _check_dates(self):
        for action in self:
            if (
                action.date_start
                and action.date_deadline
                and action.date_deadline < action.date_start
            ):
                raise ValidationError(
                    _(
                        "The deadline of %(name)s cannot be before its start.",
                        name=action.name,
                    )
                )

    @api.constrains("progress")
    def _check_progress(self):
        for action in self:
            if not 0 <= action.progress <= 100:
                raise ValidationError(
                    _(
                        "The progress of %(name)s must be between 0 and 100 %%.",
                        name=action.name,
                    )
                )

    @api.constrains("budget")
    def _check_budget(self):
        for action in self:
            if action.budget < 0:
                raise ValidationError(
                    _("The budget of %(name)s cannot be negative.", name=action.name)
                )

    # ------------------------------------------------------------------
    # Who may change what
    # ------------------------------------------------------------------
    def _is_taskforce(self):
        return self.env.su or self.env.user.has_group(TASKFORCE_GROUP)

    def write(self, vals):
        if "state" in vals and not self.env.su:
            raise UserError(
                _("The state of an action changes through its buttons only.")
            )
        if not self._is_taskforce():
            forbidden = set(vals) - OWNER_FIELDS - self._mail_fields()
            if forbidden:
                raise AccessError(
                    _(
                        "As the owner of an action you can only update its "
                        "progress, state and notes, not: %(fields)s.",
                        fields=", ".join(
                            self._fields[f].string
                            for f in sorted(forbidden)
                            if f in self._fields
                        ),
                    )
                )
        return super().write(vals)

    def _mail_fields(self):
        return {
            "message_main_attachment_id",
            "activity_ids",
            "message_follower_ids",
        }

    def _set_state(self, vals):
        return super().write(vals)

    def _check_can_update(self):
        if self._is_taskforce():
            return
        for action in self:
            if action.user_id != self.env.user:
                raise AccessError(
                    _(
                        "Only the owner or the taskforce can update the action "
                        "%(name)s.",
                        name=action.name,
                    )
                )

    def _check_state(self, allowed):
        for action in self:
            if action.state not in allowed:
                raise UserError(
                    _(
                        "The action %(name)s cannot make this step from the state "
                        "%(state)s.",
                        name=action.name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[action.state],
                    )
                )

    # ------------------------------------------------------------------
    # State changes
    # ------------------------------------------------------------------
    def action_plan(self):
        if not self._is_taskforce():
            raise AccessError(_("Only the taskforce plans prevention actions."))
        self._check_state(("draft", "postponed"))
        for action in self:
            if not action.user_id or not action.date_deadline:
                raise UserError(
                    _(
                        "The action %(name)s needs an owner and a deadline before "
                        "it is planned.",
                        name=action.name,
                    )
                )
        self._set_state({"state": "planned"})
        for action in self:
            action.activity_schedule(
                PLANNED_TYPE,
                date_deadline=action.date_start or action.date_deadline,
                summary=_("Prevention action to carry out: %(name)s", name=action.name),
                user_id=action.user_id.id,
            )

    def action_start(self):
        self._check_can_update()
        self._check_state(("planned", "postponed"))
        self._set_state({"state": "in_progress"})

    def action_postpone(self):
        self._check_can_update()
        self._check_state(("planned", "in_progress"))
        self._set_state({"state": "postponed"})

    def action_done(self):
        self._check_can_update()
        self._check_state(("planned", "in_progress", "postponed"))
        self._set_state({"state": "done", "progress": 100, "is_overdue": False})
        self.activity_feedback([PLANNED_TYPE, REMINDER_TYPE])

    def action_cancel(self):
        if not self._is_taskforce():
            raise AccessError(_("Only the taskforce cancels prevention actions."))
        self._check_state(("draft", "planned", "in_progress", "postponed"))
        self._set_state({"state": "cancelled", "is_overdue": False})
        self.activity_unlink([PLANNED_TYPE, REMINDER_TYPE])

    def action_draft(self):
        if not self._is_taskforce():
            raise AccessError(_("Only the taskforce reopens prevention actions."))
        self._check_state(("cancelled",))
        self._set_state({"state": "draft"})

    # ------------------------------------------------------------------
    # Daily cron
    # ------------------------------------------------------------------
    @api.model
    def _cron_prevention_daily(self):
        self._cron_flag_overdue()
        self._cron_send_reminders()
        self.env["hr.prevention.year.plan"]._cron_check_advice_and_evaluation()

    @api.model
    def _cron_flag_overdue(self):
        today = fields.Date.context_today(self)
        self.search(
            [
                ("state", "in", OPEN_STATES),
                ("date_deadline", "<", today),
                ("is_overdue", "=", False),
            ]
        )._set_state({"is_overdue": True})
        self.search(
            [
                ("is_overdue", "=", True),
                "|",
                ("state", "not in", OPEN_STATES),
                ("date_deadline", ">=", today),
            ]
        )._set_state({"is_overdue": False})

    @api.model
    def _cron_send_reminders(self):
        """One reminder per open action whose deadline is within the company's
        reminder days; the number of queries does not grow with the actions."""
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].search([])
        domain = expression.OR(
            [
                [
                    ("company_id", "=", company.id),
                    ("date_deadline", ">=", today),
                    (
                        "date_deadline",
                        "<=",
                        today
                        + relativedelta(
                            days=company.prevention_action_reminder_days or 0
                        ),
                    ),
                ]
                for company in companies
            ]
        )
        actions = self.search(
            expression.AND(
                [domain, [("state", "in", OPEN_STATES), ("user_id", "!=", False)]]
            )
        )
        if not actions:
            return
        reminder_type = self.env.ref(REMINDER_TYPE)
        reminded = self.env["mail.activity"]._read_group(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", actions.ids),
                ("activity_type_id", "=", reminder_type.id),
            ],
            ["res_id"],
        )
        reminded = {res_id for (res_id,) in reminded}
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": action.id,
                "activity_type_id": reminder_type.id,
                "summary": _("Deadline near: %(name)s", name=action.name),
                "user_id": action.user_id.id,
                "date_deadline": action.date_deadline,
                "automated": True,
            }
            for action in actions
            if action.id not in reminded
        ]
        if vals_list:
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(vals_list)

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from .hr_prevention_policy import TASKFORCE_GROUP
from .hr_risk_finding import PREVENTION_DOMAINS
from .wellbeing_cron import (
    PAGE_SIZE,
    CronStep,
    followers_in_batch,
    walk_pages,
)
from .wellbeing_i18n import date_label, env_of_reader, overdue_domain

PLANNED_TYPE = "hr_burnout_prevention.mail_activity_type_prevention_action"
REMINDER_TYPE = "hr_burnout_prevention.mail_activity_type_prevention_reminder"
OVERDUE_TYPE = "hr_burnout_prevention.mail_activity_type_prevention_overdue"
OPEN_STATES = ("planned", "in_progress", "postponed")
# An owner of more actions than this turning overdue (or near their deadline)
# on one day gets one activity listing them, not one each: the first run on a
# backlog, or a plan entered late, gives a to-do to read, not hundreds.
DIGEST_ABOVE = 5
# The actions such an activity names; My Actions lists them all.
DIGEST_LISTED = 20
# What the owner of an action (a line manager) may change by hand; the state
# through the guard's moves.
OWNER_FIELDS = {"progress", "note", "state"}


class HrPreventionAction(models.Model):
    _name = "hr.prevention.action"
    _description = "Prevention Action"
    # The guard first: a move is tracked whatever the client's context says.
    _inherit = ["hr.wellbeing.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_deadline, id"
    _check_company_auto = True
    _workflow = {
        "state": {
            ("draft", "planned"): ("_wf_plan", "_wf_after_plan"),
            ("postponed", "planned"): ("_wf_plan", "_wf_after_plan"),
            ("planned", "in_progress"): "_wf_owner",
            ("postponed", "in_progress"): "_wf_owner",
            ("planned", "postponed"): "_wf_owner",
            ("in_progress", "postponed"): "_wf_owner",
            ("planned", "done"): ("_wf_done", "_wf_after_done"),
            ("in_progress", "done"): ("_wf_done", "_wf_after_done"),
            ("postponed", "done"): ("_wf_done", "_wf_after_done"),
            ("draft", "cancelled"): ("_wf_cancel", "_wf_after_cancel"),
            ("planned", "cancelled"): ("_wf_cancel", "_wf_after_cancel"),
            ("in_progress", "cancelled"): ("_wf_cancel", "_wf_after_cancel"),
            ("postponed", "cancelled"): ("_wf_cancel", "_wf_after_cancel"),
            ("cancelled", "draft"): "_wf_reopen",
        }
    }
    _workflow_initial = {"state": ("draft",)}
    # Overdue is computed live (never written); the daily check notes the
    # deadlines it warned and reminded the owner about; "Adjust" links a
    # follow-up to the evaluation line it answers.
    _workflow_system_fields = (
        "is_overdue",
        "overdue_notified_deadline",
        "reminded_deadline",
        "origin_line_id",
    )

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
    # The indicator measured by a pulse: a domain's published score (0-100,
    # higher is better) in a campaign, for the whole population.
    indicator_pulse_campaign_id = fields.Many2one(
        "hr.pulse.campaign",
        string="Measured by Pulse",
        check_company=True,
        index="btree_not_null",
        ondelete="set null",
    )
    indicator_pulse_domain = fields.Selection(PREVENTION_DOMAINS, string="Pulse Domain")
    indicator_measured_value = fields.Float(
        string="Measured Value",
        compute="_compute_indicator_measured_value",
        digits=(16, 1),
        help="The score of the pulse domain in the campaign's published "
        "results (0-100, higher is better); empty while it has none.",
    )
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
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="The deadline passed and the action is not done: true from the "
        "day after the deadline, in filters and badges alike.",
    )
    overdue_notified_deadline = fields.Date(
        readonly=True,
        copy=False,
        help="The deadline the owner was warned about once it passed: one "
        "warning per deadline.",
    )
    reminded_deadline = fields.Date(
        readonly=True,
        copy=False,
        help="The deadline the owner was reminded of before it came: one "
        "reminder per deadline.",
    )

    is_taskforce_user = fields.Boolean(compute="_compute_is_taskforce_user")

    def _compute_is_taskforce_user(self):
        self.is_taskforce_user = self._is_taskforce()

    @api.depends("indicator_pulse_campaign_id", "indicator_pulse_domain", "domain")
    def _compute_indicator_measured_value(self):
        scores = self.indicator_pulse_campaign_id._pulse_domain_scores()
        for action in self:
            action.indicator_measured_value = scores.get(
                (
                    action.indicator_pulse_campaign_id.id,
                    action.indicator_pulse_domain or action.domain,
                    False,
                ),
                False,
            )

    @api.depends_context("tz")
    @api.depends("state", "date_deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = bool(
                action.state in OPEN_STATES
                and action.date_deadline
                and action.date_deadline < today
            )

    def _search_is_overdue(self, operator, value):
        today = fields.Date.context_today(self)
        return overdue_domain(
            self.env,
            operator,
            value,
            [("state", "in", OPEN_STATES), ("date_deadline", "<", today)],
            [
                "|",
                "|",
                ("state", "not in", OPEN_STATES),
                ("date_deadline", "=", False),
                ("date_deadline", ">=", today),
            ],
        )

    @api.model_create_multi
    def create(self, vals_list):
        # Overdue is computed: a client cannot create an action as overdue.
        if not self._workflow_trusted() and (
            any("is_overdue" in vals for vals in vals_list)
            or "default_is_overdue" in self.env.context
        ):
            raise AccessError(
                _(
                    "The field %(field)s of %(model)s is set by the system only.",
                    field=self._fields["is_overdue"]._description_string(self.env),
                    model=self._description,
                )
            )
        return super().create(vals_list)

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
        if not self._workflow_trusted() and not self._is_taskforce():
            forbidden = set(vals) - OWNER_FIELDS - self._mail_fields()
            if forbidden:
                raise AccessError(
                    _(
                        "As the owner of an action you can only update its "
                        "progress, state and notes, not: %(fields)s.",
                        fields=", ".join(
                            self._fields[f]._description_string(self.env)
                            for f in sorted(forbidden)
                            if f in self._fields
                        ),
                    )
                )
        res = super().write(vals)
        if "date_deadline" in vals:
            # A new deadline: the warning about the old one is moot.
            self.filtered(lambda a: not a.is_overdue).sudo().activity_unlink(
                [OVERDUE_TYPE]
            )
        return res

    def _mail_fields(self):
        return {
            "message_main_attachment_id",
            "activity_ids",
            "message_follower_ids",
        }

    def _workflow_kept(self):
        """An action evaluated in a closed evaluation is part of it."""
        lines = (
            self.env["hr.prevention.evaluation.line"]
            .sudo()
            .search(
                [("action_id", "in", self.ids), ("evaluation_id.state", "=", "closed")]
            )
        )
        return self.filtered(lambda a: a in lines.action_id)

    # ------------------------------------------------------------------
    # The moves, checked by the guard in write()
    # ------------------------------------------------------------------
    def _wf_plan(self, vals):
        self._workflow_require_group(
            TASKFORCE_GROUP, _("Only the taskforce plans prevention actions.")
        )
        for action in self:
            if not vals.get("user_id", action.user_id) or not vals.get(
                "date_deadline", action.date_deadline
            ):
                raise UserError(
                    _(
                        "The action %(name)s needs an owner and a deadline before "
                        "it is planned.",
                        name=action.name,
                    )
                )

    def _wf_after_plan(self):
        planned_type = self.env.ref(PLANNED_TYPE)
        for action in self:
            # Planned again after a postponement: the owner has the activity.
            if action.activity_ids.filtered(
                lambda a, t=planned_type: a.activity_type_id == t
            ):
                continue
            action.activity_schedule(
                PLANNED_TYPE,
                date_deadline=action.date_start or action.date_deadline,
                summary=env_of_reader(action, action.user_id)._(
                    "Prevention action to carry out: %(name)s", name=action.name
                ),
                user_id=action.user_id.id,
            )

    def _wf_owner(self, vals=None):
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

    def _wf_done(self, vals):
        self._wf_owner()
        return {"progress": 100}

    def _wf_after_done(self):
        self.activity_feedback([PLANNED_TYPE, REMINDER_TYPE, OVERDUE_TYPE])

    def _wf_cancel(self, vals):
        self._workflow_require_group(
            TASKFORCE_GROUP, _("Only the taskforce cancels prevention actions.")
        )

    def _wf_after_cancel(self):
        self.activity_unlink([PLANNED_TYPE, REMINDER_TYPE, OVERDUE_TYPE])

    def _wf_reopen(self, vals):
        self._workflow_require_group(
            TASKFORCE_GROUP, _("Only the taskforce reopens prevention actions.")
        )

    def action_plan(self):
        return self._workflow_go({"state": "planned"})

    def action_start(self):
        return self._workflow_go({"state": "in_progress"})

    def action_postpone(self):
        return self._workflow_go({"state": "postponed"})

    def action_done(self):
        return self._workflow_go({"state": "done"})

    def action_cancel(self):
        return self._workflow_go({"state": "cancelled"})

    def action_draft(self):
        return self._workflow_go({"state": "draft"})

    # ------------------------------------------------------------------
    # Daily cron
    # ------------------------------------------------------------------
    @api.model
    def _cron_prevention_daily(self, page_size=PAGE_SIZE, max_pages=None):
        """The overdue warnings and the reminders of the actions, in committed
        pages of owners with the progress of both reported (an owner's
        actions are all done at once and leave the step's domain: a stopped
        call is continued by the next), then the year plans' checks (a few
        records per company)."""
        result = walk_pages(
            self.env,
            [self._overdue_step(), self._reminder_step()],
            page_size=page_size,
            max_pages=max_pages,
        )
        if not result[1]:
            self.env["hr.prevention.year.plan"]._cron_check_advice_and_evaluation()
        return result

    @api.model
    def _cron_notify_overdue(self):
        return walk_pages(self.env, [self._overdue_step()])

    @api.model
    def _cron_send_reminders(self):
        return walk_pages(self.env, [self._reminder_step()])

    @api.model
    def _overdue_step(self):
        return self._owners_step(
            self._overdue_domain(), lambda actions: actions._notify_overdue()
        )

    @api.model
    def _reminder_step(self):
        return self._owners_step(
            self._reminder_domain(), lambda actions: actions._send_reminders()
        )

    @api.model
    def _owners_step(self, domain, process):
        """A step of the daily job that walks the owners of the actions of
        ``domain``: ``process`` gets all the actions of a page of owners at
        once (sudo, by deadline), so that each owner hears of them in one
        go, and they leave ``domain``."""
        Action = self.sudo()

        def process_owners(owners):
            process(
                Action.search_fetch(
                    expression.AND([domain, [("user_id", "in", owners.ids)]]),
                    ["name", "user_id", "date_deadline"],
                    order="date_deadline, id",
                )
            )

        owners = Action._search(domain).subselect("user_id")
        return CronStep("res.users", [("id", "in", owners)], process_owners)

    @api.model
    def _overdue_domain(self):
        """Overdue actions with an owner not yet warned about this deadline
        (a warned action leaves it)."""
        return [
            ("is_overdue", "=", True),
            ("user_id", "!=", False),
            self._deadline_not_told("overdue_notified_deadline"),
        ]

    @api.model
    def _deadline_not_told(self, fname):
        """The domain leaf of the actions whose owner did not hear of their
        current deadline yet: ``fname`` holds the deadline last warned (or
        reminded) about."""
        told = self._field_to_sql(self._table, fname)
        deadline = self._field_to_sql(self._table, "date_deadline")
        return (
            "id",
            "in",
            SQL(
                "(SELECT id FROM %s WHERE %s IS DISTINCT FROM %s)",
                SQL.identifier(self._table),
                told,
                deadline,
            ),
        )

    @api.model
    def _reminder_domain(self):
        """Open actions with an owner whose deadline is within their
        company's reminder days, without an open reminder (a reminded action
        leaves it)."""
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].sudo().search([])
        windows = expression.OR(
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
        reminded = (
            self.env["mail.activity"]
            .sudo()
            ._search(
                [
                    ("res_model", "=", self._name),
                    ("activity_type_id", "=", self.env.ref(REMINDER_TYPE).id),
                ]
            )
            .subselect("res_id")
        )
        return expression.AND(
            [
                windows,
                [
                    ("state", "in", OPEN_STATES),
                    ("user_id", "!=", False),
                    ("id", "not in", reminded),
                    self._deadline_not_told("reminded_deadline"),
                ],
            ]
        )

    def _owner_activity_values(self, activity_type, single, several):
        """The activities telling the owners about these actions (sudo, by
        deadline), in each owner's language: one per action, or, for an
        owner of more than DIGEST_ABOVE of them, one on the first that lists
        them all. ``single(env, action)`` and ``several(env, count)`` give
        the summaries."""
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for owner, actions in self.grouped("user_id").items():
            env = env_of_reader(self, owner)
            values = {
                "res_model_id": model_id,
                "activity_type_id": activity_type.id,
                "user_id": owner.id,
                "automated": True,
            }
            if len(actions) > DIGEST_ABOVE:
                vals_list.append(
                    {
                        **values,
                        "res_id": actions[0].id,
                        "summary": several(env, len(actions)),
                        "note": actions._digest_note(env),
                        "date_deadline": actions[0].date_deadline,
                    }
                )
                continue
            for action in actions:
                vals_list.append(
                    {
                        **values,
                        "res_id": action.id,
                        "summary": single(env, action),
                        "date_deadline": action.date_deadline,
                    }
                )
        return vals_list

    def _digest_note(self, env):
        """The list of an owner's actions in their digest activity (``env``
        in the owner's language)."""
        items = Markup()
        for action in self[:DIGEST_LISTED]:
            items += Markup("<li>%s</li>") % env._(
                "%(name)s (deadline %(date)s)",
                name=action.name,
                date=date_label(env, action.date_deadline),
            )
        note = Markup("<ul>%s</ul>") % items
        if len(self) > DIGEST_LISTED:
            note += Markup("<p>%s</p>") % env._(
                "And %(count)s more: My Actions lists them all.",
                count=len(self) - DIGEST_LISTED,
            )
        return note

    def _create_owner_activities(self, vals_list):
        """The activities of a page, their owners subscribed in one batch,
        without a notification mail each."""
        pairs = {
            (
                vals["res_id"],
                self.env["res.users"].browse(vals["user_id"]).partner_id.id,
            )
            for vals in vals_list
        }
        with followers_in_batch(self.env, self._name, pairs):
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(vals_list)

    def _notify_overdue(self):
        """The owner of an action whose deadline passed gets an activity,
        due on the deadline (late at once in their systray): once per
        deadline, and never a second one while one is open; an owner of many
        gets one listing them. The actions of a page of owners (sudo) in a
        constant number of queries."""
        actions = self
        overdue_type = self.env.ref(OVERDUE_TYPE)
        warned = self.env["mail.activity"]._read_group(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", actions.ids),
                ("activity_type_id", "=", overdue_type.id),
            ],
            ["res_id"],
        )
        warned = {res_id for (res_id,) in warned}
        todo = actions.filtered(lambda a: a.id not in warned)
        self._create_owner_activities(
            todo._owner_activity_values(
                overdue_type,
                lambda env, action: env._("Overdue: %(name)s", name=action.name),
                lambda env, count: env._(
                    "%(count)s of your prevention actions are overdue", count=count
                ),
            )
        )
        self._mark_notified("overdue_notified_deadline")

    def _send_reminders(self):
        """One reminder per open action whose deadline is near, once per
        deadline, in the owner's language; an owner of many gets one listing
        them. The actions of a page of owners (sudo) in a constant number of
        queries."""
        self._create_owner_activities(
            self._owner_activity_values(
                self.env.ref(REMINDER_TYPE),
                lambda env, action: env._("Deadline near: %(name)s", name=action.name),
                lambda env, count: env._(
                    "%(count)s of your prevention actions are near their deadline",
                    count=count,
                ),
            )
        )
        self._mark_notified("reminded_deadline")

    def _mark_notified(self, fname):
        """Each action remembers the deadline its owner heard of (``fname``):
        one statement for them all, whatever their number."""
        if not self:
            return
        self.flush_recordset(["date_deadline"])
        self.env.cr.execute(
            SQL(
                "UPDATE hr_prevention_action SET %s = date_deadline WHERE id = ANY(%s)",
                SQL.identifier(fname),
                self.ids,
            )
        )
        self.invalidate_recordset([fname])

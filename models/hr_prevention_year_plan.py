from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, clean_context, format_date, sql

from .hr_prevention_policy import TASKFORCE_GROUP
from .wellbeing_i18n import env_of_reader

HR_GROUP = "hr_burnout_prevention.group_hr_officer"
ADVICE_TYPE = "hr_burnout_prevention.mail_activity_type_prevention_advice"
EVALUATION_TYPE = "hr_burnout_prevention.mail_activity_type_prevention_evaluation"
# A plan whose advice is not requested this many days before the deadline
# gets an activity.
ADVICE_WARNING_DAYS = 30
# The CPBW's advice as received: kept as given.
ADVICE_FIELDS = {"advice_received_date", "advice_result", "advice_text"}
# What the CPBW was asked to advise on.
PLAN_FIELDS = {"year", "policy_id", "company_id"}


class HrPreventionYearPlan(models.Model):
    _name = "hr.prevention.year.plan"
    _description = "Annual Action Plan"
    # The guard first: a move is tracked whatever the client's context says.
    _inherit = ["hr.wellbeing.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "year desc, id desc"
    _check_company_auto = True
    _workflow = {
        "advice_state": {
            ("not_requested", "requested"): (
                "_wf_request_advice",
                "_wf_after_request_advice",
            ),
            ("requested", "received"): (
                "_wf_receive_advice",
                "_wf_after_receive_advice",
            ),
        }
    }
    _workflow_initial = {"advice_state": ("not_requested",)}

    # Built when read, in the reader's language (not stored in the maker's).
    name = fields.Char(compute="_compute_name", search="_search_name")
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    policy_id = fields.Many2one(
        "hr.prevention.policy", required=True, check_company=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    action_ids = fields.One2many("hr.prevention.action", "year_plan_id")
    action_count = fields.Integer(compute="_compute_action_stats")
    budget_total = fields.Monetary(compute="_compute_action_stats")
    evaluation_ids = fields.One2many("hr.prevention.evaluation", "year_plan_id")
    evaluation_count = fields.Integer(compute="_compute_action_stats")
    advice_deadline = fields.Date(
        compute="_compute_advice_deadline",
        store=True,
        help="The CPBW gives its advice before 1 November of the year before.",
    )
    advice_deadline_passed = fields.Boolean(
        compute="_compute_advice_deadline_passed",
        help="The plan has no CPBW advice and the day of the advice passed.",
    )
    advice_state = fields.Selection(
        [
            ("not_requested", "Not Requested"),
            ("requested", "Requested"),
            ("received", "Received"),
        ],
        string="CPBW Advice",
        default="not_requested",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    advice_requested_date = fields.Date(
        string="Advice Requested On",
        readonly=True,
        copy=False,
        tracking=True,
        help="Set when the advice is requested.",
    )
    advice_received_date = fields.Date(
        string="Advice Received On",
        copy=False,
        tracking=True,
        help="Today when left empty as the advice is marked received.",
    )
    advice_text = fields.Text(copy=False)
    advice_result = fields.Selection(
        [
            ("favourable", "Favourable"),
            ("remarks", "Favourable with Remarks"),
            ("unfavourable", "Unfavourable"),
        ],
        copy=False,
        tracking=True,
    )
    note = fields.Html()

    _sql_constraints = [
        (
            "year_policy_uniq",
            "unique(policy_id, year)",
            "A policy has one annual action plan per year.",
        ),
    ]

    @api.depends("year")
    @api.depends_context("lang")
    def _compute_name(self):
        for plan in self:
            plan.name = _("Action Plan %(year)s", year=plan.year)

    @api.depends_context("lang")
    def _compute_display_name(self):
        # The name is the reader's: so is the display name (cached per language).
        return super()._compute_display_name()

    def _search_name(self, operator, value):
        # The words of the name are the reader's: only its year is searched.
        if isinstance(value, str):
            value = "".join(char for char in value if char.isdigit())
        return [("year", operator, value)]

    @api.depends("year")
    def _compute_advice_deadline(self):
        for plan in self:
            plan.advice_deadline = (
                date(plan.year - 1, 11, 1) if plan.year and plan.year > 1 else False
            )

    def _compute_action_stats(self):
        actions = dict(
            self.env["hr.prevention.action"]._read_group(
                [("year_plan_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["year_plan_id"],
                ["__count"],
            )
        )
        budgets = dict(
            self.env["hr.prevention.action"]._read_group(
                [("year_plan_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["year_plan_id"],
                ["budget:sum"],
            )
        )
        evaluations = dict(
            self.env["hr.prevention.evaluation"]._read_group(
                [("year_plan_id", "in", self.ids)], ["year_plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.action_count = actions.get(plan, 0)
            plan.budget_total = budgets.get(plan, 0.0)
            plan.evaluation_count = evaluations.get(plan, 0)

    @api.constrains("year", "policy_id")
    def _check_year(self):
        for plan in self:
            if (
                not plan.policy_id.date_start.year
                <= plan.year
                <= (plan.policy_id.date_end.year)
            ):
                raise ValidationError(
                    _(
                        "The year %(year)s is outside the period of the policy "
                        "%(policy)s.",
                        year=plan.year,
                        policy=plan.policy_id.name,
                    )
                )

    @api.constrains("advice_requested_date", "advice_received_date")
    def _check_advice_dates(self):
        for plan in self:
            if plan.advice_received_date and (
                not plan.advice_requested_date
                or plan.advice_received_date < plan.advice_requested_date
            ):
                raise ValidationError(
                    _(
                        "The advice on %(name)s cannot be received before it was "
                        "requested.",
                        name=plan.name,
                    )
                )

    # ------------------------------------------------------------------
    # The CPBW advice, moved by the guard in write()
    # ------------------------------------------------------------------
    def _auto_init(self):
        # A database made before the advice had a state: the state follows
        # the dates the plans hold.
        fill = not sql.column_exists(self.env.cr, self._table, "advice_state")
        result = super()._auto_init()
        if fill:
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET advice_state = CASE"
                    " WHEN advice_received_date IS NOT NULL THEN 'received'"
                    " WHEN advice_requested_date IS NOT NULL THEN 'requested'"
                    " ELSE 'not_requested' END",
                    SQL.identifier(self._table),
                )
            )
        return result

    @api.model_create_multi
    def create(self, vals_list):
        if any("advice_deadline" in vals for vals in vals_list):
            raise AccessError(self._advice_system_message("advice_deadline"))
        plans = super().create(vals_list)
        if not self._workflow_trusted():
            for plan in plans:
                if plan.advice_requested_date:
                    raise AccessError(
                        self._advice_system_message("advice_requested_date")
                    )
                if any(plan[fname] for fname in ADVICE_FIELDS):
                    raise UserError(
                        _(
                            "The annual action plan %(name)s starts without "
                            "advice: request the CPBW advice first, then record "
                            "it.",
                            name=plan.name,
                        )
                    )
        for plan in plans.filtered("advice_deadline_passed"):
            plan.message_post(body=plan._advice_late_message())
        return plans

    def _workflow_kept(self):
        return self.filtered(lambda p: p.advice_state == "received")

    @api.depends_context("tz")
    @api.depends("advice_deadline", "advice_state")
    def _compute_advice_deadline_passed(self):
        today = fields.Date.context_today(self)
        for plan in self:
            plan.advice_deadline_passed = bool(
                plan.advice_deadline
                and plan.advice_state != "received"
                and today > plan.advice_deadline
            )

    def _advice_late_message(self):
        self.ensure_one()
        return _(
            "The CPBW's advice on the annual action plan %(name)s was due by "
            "%(date)s, a day that has passed: request it now and record when it "
            "comes.",
            name=self.name,
            date=format_date(self.env, self.advice_deadline),
        )

    @api.onchange("year")
    def _onchange_year_advice_deadline(self):
        # A warning only: a late plan is still better than none.
        if self.advice_deadline_passed:
            return {
                "warning": {
                    "title": _("Advice deadline passed"),
                    "message": self._advice_late_message(),
                }
            }
        return None

    def write(self, vals):
        if not self._workflow_trusted():
            self._check_advice_write(vals)
        return super().write(vals)

    def _advice_system_message(self, fname):
        if fname == "advice_deadline":
            return _(
                "The advice deadline of an annual action plan is computed from "
                "its year: 1 November of the year before."
            )
        return _(
            "The day the CPBW advice was requested is set when the advice is requested."
        )

    def _check_advice_write(self, vals):
        if "advice_deadline" in vals:
            raise AccessError(self._advice_system_message("advice_deadline"))
        moving_to = vals.get("advice_state")
        for plan in self:
            if "advice_requested_date" in vals and not (
                moving_to == "requested" and plan.advice_state == "not_requested"
            ):
                raise AccessError(self._advice_system_message("advice_requested_date"))
            if plan.advice_state == "received" and vals.keys() & ADVICE_FIELDS:
                raise UserError(
                    _(
                        "The CPBW advice on %(name)s was received on %(date)s and "
                        "is kept as given: it cannot be changed.",
                        name=plan.name,
                        date=format_date(self.env, plan.advice_received_date),
                    )
                )
            if (
                plan.advice_state == "not_requested"
                and moving_to != "requested"
                and any(vals.get(fname) for fname in ADVICE_FIELDS)
            ):
                raise UserError(
                    _(
                        "The CPBW advice on %(name)s is not requested yet: request "
                        "it before recording the advice.",
                        name=plan.name,
                    )
                )
            if plan.advice_state != "not_requested" and vals.keys() & PLAN_FIELDS:
                for fname in vals.keys() & PLAN_FIELDS:
                    if plan._workflow_value(plan, fname) != vals[fname]:
                        raise UserError(
                            _(
                                "The CPBW advice on %(name)s was requested: its "
                                "year, policy and company can no longer change.",
                                name=plan.name,
                            )
                        )

    def _wf_taskforce(self):
        self._workflow_require_group(
            TASKFORCE_GROUP,
            _("Only taskforce members can request and record the CPBW advice."),
        )

    def _wf_request_advice(self, vals):
        """The advice is requested today, or on the earlier day it was asked
        on paper."""
        self._wf_taskforce()
        today = fields.Date.context_today(self)
        requested = fields.Date.to_date(vals.get("advice_requested_date")) or today
        if requested > today:
            raise UserError(
                _(
                    "The CPBW advice on %(name)s cannot be requested on %(date)s: "
                    "that day is still to come.",
                    name=self[:1].name,
                    date=requested,
                )
            )
        return {"advice_requested_date": requested}

    def _wf_after_request_advice(self):
        self.activity_feedback([ADVICE_TYPE])

    def _wf_receive_advice(self, vals):
        """The advice is received with its result, today or on the day given
        (not before it was requested, not after today)."""
        self._wf_taskforce()
        today = fields.Date.context_today(self)
        for plan in self:
            received = fields.Date.to_date(
                vals.get("advice_received_date", plan.advice_received_date)
            )
            received = received or today
            if not vals.get("advice_result", plan.advice_result):
                raise UserError(
                    _(
                        "The CPBW advice on %(name)s needs its result (favourable, "
                        "with remarks or unfavourable) before it is received.",
                        name=plan.name,
                    )
                )
            if received > today or (
                plan.advice_requested_date and received < plan.advice_requested_date
            ):
                raise UserError(
                    _(
                        "The CPBW advice on %(name)s cannot be received on "
                        "%(date)s: the day is between its request (%(requested)s) "
                        "and today.",
                        name=plan.name,
                        date=received,
                        requested=format_date(self.env, plan.advice_requested_date),
                    )
                )

    def _wf_after_receive_advice(self):
        with self._workflow_system():
            self.filtered(lambda p: not p.advice_received_date).write(
                {"advice_received_date": fields.Date.context_today(self)}
            )

    def action_request_advice(self):
        return self._workflow_go({"advice_state": "requested"})

    def action_receive_advice(self):
        return self._workflow_go({"advice_state": "received"})

    def action_create_evaluation(self):
        self.ensure_one()
        evaluation = self.env["hr.prevention.evaluation"].create(
            {"year_plan_id": self.id, "company_id": self.company_id.id}
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.prevention.evaluation",
            "res_id": evaluation.id,
            "view_mode": "form",
        }

    def action_open_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_burnout_prevention.hr_prevention_action_action"
        )
        action["domain"] = [("year_plan_id", "=", self.id)]
        action["context"] = {"default_year_plan_id": self.id}
        return action

    def action_open_evaluations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Evaluations"),
            "res_model": "hr.prevention.evaluation",
            "view_mode": "list,form",
            "domain": [("year_plan_id", "=", self.id)],
            "context": {"default_year_plan_id": self.id},
        }

    def _get_or_create_next(self):
        """The plan of the next year of the same policy, created when needed."""
        self.ensure_one()
        plan = self.search(
            [("policy_id", "=", self.policy_id.id), ("year", "=", self.year + 1)],
            limit=1,
        )
        return plan or self.with_context(clean_context(self.env.context)).create(
            {
                "year": self.year + 1,
                "policy_id": self.policy_id.id,
                "company_id": self.company_id.id,
            }
        )

    # ------------------------------------------------------------------
    # Daily checks (called by the prevention cron)
    # ------------------------------------------------------------------
    @api.model
    def _cron_check_advice_and_evaluation(self):
        today = fields.Date.context_today(self)
        self._schedule_missing(
            self.search(
                [
                    ("advice_state", "=", "not_requested"),
                    ("advice_deadline", ">=", today),
                    (
                        "advice_deadline",
                        "<=",
                        today + relativedelta(days=ADVICE_WARNING_DAYS),
                    ),
                ]
            ),
            ADVICE_TYPE,
            lambda env: env._("Request the CPBW advice on the annual action plan"),
            lambda plan: plan.advice_deadline,
        )
        # The yearly evaluation is due within 12 months of the plan's year start.
        due = self.search(
            [
                ("year", "<=", (today - relativedelta(months=12)).year),
                ("policy_id.active", "=", True),
            ]
        )
        evaluated = self.env["hr.prevention.evaluation"]._read_group(
            [("year_plan_id", "in", due.ids)], ["year_plan_id"]
        )
        due -= self.browse([plan.id for (plan,) in evaluated])
        self._schedule_missing(
            due.policy_id,
            EVALUATION_TYPE,
            lambda env: env._(
                "Evaluate the annual action plan: the yearly evaluation is a duty"
            ),
            lambda policy: today,
        )

    @api.model
    def _hr_officers_by_company(self, companies):
        hr_group = self.env.ref(HR_GROUP)
        users = self.env["res.users"].search(
            [("groups_id", "in", hr_group.ids), ("share", "=", False)]
        )
        return {
            company: users.filtered(lambda u, c=company: c in u.company_ids)
            for company in companies
        }

    @api.model
    def _schedule_missing(self, records, type_xmlid, summary, deadline):
        """Give each HR officer of the record's company one open activity of
        the type on each record, in a fixed number of queries; ``summary(env)``
        is built once per language, in the officer's."""
        if not records:
            return
        activity_type = self.env.ref(type_xmlid)
        existing = self.env["mail.activity"]._read_group(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", activity_type.id),
            ],
            ["res_id", "user_id"],
        )
        existing = {(res_id, user.id) for res_id, user in existing}
        officers = self._hr_officers_by_company(records.company_id)
        model_id = self.env["ir.model"]._get_id(records._name)
        vals_list = []
        texts = {}
        for record in records:
            for user in officers.get(record.company_id, []):
                if (record.id, user.id) in existing:
                    continue
                env = env_of_reader(record, user)
                if env.lang not in texts:
                    texts[env.lang] = summary(env)
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": record.id,
                        "activity_type_id": activity_type.id,
                        "summary": texts[env.lang],
                        "user_id": user.id,
                        "date_deadline": deadline(record),
                        "automated": True,
                    }
                )
        if vals_list:
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(vals_list)

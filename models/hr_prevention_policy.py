from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# The seven phases of the National Labour Council's recommendation.
PREVENTION_STAGES = [
    ("discovery", "Discovery"),
    ("support_base", "Support Base"),
    ("preparation", "Preparation"),
    ("development", "Development"),
    ("implementation", "Implementation"),
    ("evaluation", "Evaluation"),
    ("adjustment", "Adjustment"),
]

TASKFORCE_GROUP = "hr_burnout_prevention.group_taskforce"


class HrPreventionPolicy(models.Model):
    _name = "hr.prevention.policy"
    _description = "Prevention Policy"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        check_company=True,
        tracking=True,
    )
    date_start = fields.Date(
        string="Start",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(month=1, day=1),
    )
    date_end = fields.Date(
        string="End", required=True, default=lambda self: self._default_end()
    )
    stage = fields.Selection(
        PREVENTION_STAGES, required=True, default="discovery", tracking=True
    )
    description = fields.Html()
    declaration_ids = fields.One2many("hr.intent.declaration", "policy_id")
    taskforce_ids = fields.One2many("hr.prevention.taskforce", "policy_id")
    analysis_ids = fields.One2many("hr.risk.analysis", "policy_id")
    year_plan_ids = fields.One2many("hr.prevention.year.plan", "policy_id")
    action_ids = fields.One2many("hr.prevention.action", "policy_id")
    evaluation_ids = fields.One2many("hr.prevention.evaluation", "policy_id")
    declaration_count = fields.Integer(compute="_compute_counts")
    taskforce_count = fields.Integer(compute="_compute_counts")
    analysis_count = fields.Integer(compute="_compute_counts")
    year_plan_count = fields.Integer(compute="_compute_counts")
    action_count = fields.Integer(compute="_compute_counts")
    evaluation_count = fields.Integer(compute="_compute_counts")

    def _default_end(self):
        start = fields.Date.context_today(self).replace(month=1, day=1)
        return start + relativedelta(years=5, days=-1)

    @api.onchange("date_start")
    def _onchange_date_start(self):
        if self.date_start:
            self.date_end = self.date_start + relativedelta(years=5, days=-1)

    def _compute_counts(self):
        for field, model in (
            ("declaration_count", "hr.intent.declaration"),
            ("taskforce_count", "hr.prevention.taskforce"),
            ("analysis_count", "hr.risk.analysis"),
            ("year_plan_count", "hr.prevention.year.plan"),
            ("action_count", "hr.prevention.action"),
            ("evaluation_count", "hr.prevention.evaluation"),
        ):
            counts = dict(
                self.env[model]._read_group(
                    [("policy_id", "in", self.ids)], ["policy_id"], ["__count"]
                )
            )
            for policy in self:
                policy[field] = counts.get(policy, 0)

    @api.constrains("date_start", "date_end", "company_id", "active")
    def _check_period(self):
        for policy in self:
            if policy.date_end <= policy.date_start:
                raise ValidationError(
                    _(
                        "The policy %(name)s must end after it starts.",
                        name=policy.name,
                    )
                )
        overlapping = self.search(
            [
                ("id", "not in", self.ids),
                ("company_id", "in", self.company_id.ids),
            ]
        )
        for policy in self.filtered("active"):
            others = (overlapping | self).filtered(
                lambda other, p=policy: (
                    other != p
                    and other.company_id == p.company_id
                    and other.active
                    and other.date_start <= p.date_end
                    and other.date_end >= p.date_start
                )
            )
            if others:
                raise ValidationError(
                    _(
                        "The policy %(name)s overlaps the period of %(other)s in "
                        "company %(company)s: a company has one policy per period.",
                        name=policy.name,
                        other=others[0].name,
                        company=policy.company_id.name,
                    )
                )

    def _check_taskforce(self):
        if not self.env.su and not self.env.user.has_group(TASKFORCE_GROUP):
            raise UserError(_("Only taskforce members can move the policy phase."))

    def action_next_stage(self):
        self._check_taskforce()
        keys = [key for key, _label in PREVENTION_STAGES]
        for policy in self:
            index = keys.index(policy.stage)
            if index == len(keys) - 1:
                raise UserError(
                    _(
                        "The policy %(name)s is already in its last phase.",
                        name=policy.name,
                    )
                )
            policy.stage = keys[index + 1]

    def action_previous_stage(self):
        self._check_taskforce()
        keys = [key for key, _label in PREVENTION_STAGES]
        for policy in self:
            index = keys.index(policy.stage)
            if index == 0:
                raise UserError(
                    _(
                        "The policy %(name)s is already in its first phase.",
                        name=policy.name,
                    )
                )
            policy.stage = keys[index - 1]

    def _open_related(self, model, name):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": [("policy_id", "=", self.id)],
            "context": {
                "default_policy_id": self.id,
                "default_company_id": self.company_id.id,
            },
        }

    def action_open_declarations(self):
        return self._open_related("hr.intent.declaration", _("Intent Declarations"))

    def action_open_taskforces(self):
        return self._open_related("hr.prevention.taskforce", _("Taskforces"))

    def action_open_analyses(self):
        return self._open_related("hr.risk.analysis", _("Risk Analyses"))

    def action_open_year_plans(self):
        return self._open_related("hr.prevention.year.plan", _("Annual Action Plans"))

    def action_open_actions(self):
        action = self._open_related("hr.prevention.action", _("Actions"))
        action["view_mode"] = "list,kanban,form,calendar,pivot,graph"
        action["context"] = {}
        return action

    def action_open_evaluations(self):
        action = self._open_related("hr.prevention.evaluation", _("Evaluations"))
        action["context"] = {}
        return action

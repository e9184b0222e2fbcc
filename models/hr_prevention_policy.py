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
STAGE_KEYS = [key for key, _label in PREVENTION_STAGES]


class HrPreventionPolicy(models.Model):
    _name = "hr.prevention.policy"
    _description = "Prevention Policy"
    # The guard first: a move is tracked whatever the client's context says.
    _inherit = ["hr.wellbeing.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    # The seven phases, one step at a time, forward or back.
    _workflow = {
        "stage": {
            **{
                (old, new): "_wf_stage"
                for old, new in zip(STAGE_KEYS, STAGE_KEYS[1:], strict=False)
            },
            **{
                (old, new): "_wf_stage"
                for old, new in zip(STAGE_KEYS[1:], STAGE_KEYS, strict=False)
            },
        }
    }
    _workflow_initial = {"stage": ("discovery",)}

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
        PREVENTION_STAGES,
        required=True,
        default="discovery",
        readonly=True,
        copy=False,
        tracking=True,
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

    # --- the phase, moved by the guard in write() ----------------------------

    def _wf_stage(self, vals):
        self._workflow_require_group(
            TASKFORCE_GROUP, _("Only taskforce members can move the policy phase.")
        )

    def _move_stage(self, step):
        for policy in self:
            index = STAGE_KEYS.index(policy.stage) + step
            if not 0 <= index < len(STAGE_KEYS):
                raise UserError(
                    _(
                        "The policy %(name)s is already in its last phase.",
                        name=policy.name,
                    )
                    if step > 0
                    else _(
                        "The policy %(name)s is already in its first phase.",
                        name=policy.name,
                    )
                )
        for stage in set(self.mapped("stage")):
            policies = self.filtered(lambda p, s=stage: p.stage == s)
            policies.write({"stage": STAGE_KEYS[STAGE_KEYS.index(stage) + step]})
        return True

    def action_next_stage(self):
        return self._move_stage(1)

    def action_previous_stage(self):
        return self._move_stage(-1)

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

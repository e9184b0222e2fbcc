from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import clean_context

from .hr_prevention_policy import TASKFORCE_GROUP

FOLLOWUP_RESULTS = ("partly", "not_achieved")


class HrPreventionEvaluation(models.Model):
    _name = "hr.prevention.evaluation"
    _description = "Yearly Evaluation of an Annual Action Plan"
    # The guard first: a move is tracked whatever the client's context says.
    _inherit = ["hr.wellbeing.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _workflow = {"state": {("draft", "closed"): ("_wf_close", "_wf_after_close")}}
    _workflow_initial = {"state": ("draft",)}

    # Built when read, in the reader's language (not stored in the maker's).
    name = fields.Char(compute="_compute_name", search="_search_name")
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
    date = fields.Date(required=True, default=fields.Date.context_today)
    state = fields.Selection(
        [("draft", "Draft"), ("closed", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    line_ids = fields.One2many(
        "hr.prevention.evaluation.line", "evaluation_id", string="Results"
    )
    bottlenecks = fields.Html()
    success_factors = fields.Html()
    conclusions = fields.Html()
    # The pulse before the plan and the one after: chosen here, or found by
    # their dates while the evaluation is a draft (kept once it is closed).
    pulse_before_campaign_id = fields.Many2one(
        "hr.pulse.campaign",
        string="Pulse Before",
        check_company=True,
        ondelete="restrict",
        domain="[('state', '=', 'closed')]",
        help="Empty: the last closed campaign that ended before the plan's year.",
    )
    pulse_after_campaign_id = fields.Many2one(
        "hr.pulse.campaign",
        string="Pulse After",
        check_company=True,
        ondelete="restrict",
        domain="[('state', '=', 'closed')]",
        help="Empty: the last closed campaign that ended in the plan's year or "
        "later, up to the evaluation date.",
    )
    pulse_comparison = fields.Html(
        string="Pulse Before and After",
        compute="_compute_pulse_comparison",
        sanitize=False,
    )
    followup_action_ids = fields.One2many(
        "hr.prevention.action", compute="_compute_followups", string="Adjustments"
    )
    followup_count = fields.Integer(compute="_compute_followups")

    @api.depends("year_plan_id.year")
    @api.depends_context("lang")
    def _compute_name(self):
        for evaluation in self:
            evaluation.name = _(
                "Evaluation of %(plan)s", plan=evaluation.year_plan_id.name or ""
            )

    @api.depends_context("lang")
    def _compute_display_name(self):
        # The name is the reader's: so is the display name (cached per language).
        return super()._compute_display_name()

    def _search_name(self, operator, value):
        return [("year_plan_id", operator, value)]

    @api.depends(
        "pulse_before_campaign_id",
        "pulse_after_campaign_id",
        "year_plan_id.year",
        "date",
        "line_ids.result",
    )
    @api.depends_context("lang")
    def _compute_pulse_comparison(self):
        for evaluation in self:
            evaluation.pulse_comparison = self.env["ir.qweb"]._render(
                "hr_burnout_prevention.report_evaluation_pulse",
                {"doc": evaluation},
            )

    @api.depends("line_ids.followup_action_ids")
    def _compute_followups(self):
        for evaluation in self:
            evaluation.followup_action_ids = evaluation.line_ids.followup_action_ids
            evaluation.followup_count = len(evaluation.followup_action_ids)

    @api.constrains("year_plan_id", "company_id")
    def _check_plan_company(self):
        for evaluation in self:
            if evaluation.year_plan_id.company_id != evaluation.company_id:
                raise ValidationError(
                    _(
                        "The evaluation %(name)s belongs to %(company)s and cannot "
                        "evaluate a plan of %(other)s.",
                        name=evaluation.name,
                        company=evaluation.company_id.name,
                        other=evaluation.year_plan_id.company_id.name,
                    )
                )

    @api.constrains("pulse_before_campaign_id", "pulse_after_campaign_id")
    def _check_pulse_campaigns(self):
        for evaluation in self:
            before = evaluation.pulse_before_campaign_id.sudo()
            after = evaluation.pulse_after_campaign_id.sudo()
            for campaign in before | after:
                if campaign.state != "closed":
                    raise ValidationError(
                        _(
                            "The evaluation %(name)s compares closed pulse "
                            "campaigns only; %(campaign)s is not closed.",
                            name=evaluation.name,
                            campaign=campaign.name,
                        )
                    )
            if before and after and before.date_end >= after.date_end:
                raise ValidationError(
                    _(
                        "In the evaluation %(name)s, the pulse before "
                        "(%(before)s) must end before the pulse after "
                        "(%(after)s).",
                        name=evaluation.name,
                        before=before.name,
                        after=after.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        plans = self.env["hr.prevention.year.plan"].browse(
            [vals["year_plan_id"] for vals in vals_list if vals.get("year_plan_id")]
        )
        for vals in vals_list:
            plan = plans.filtered(lambda p, v=vals: p.id == v.get("year_plan_id"))
            if plan and plan.company_id and "company_id" not in vals:
                vals["company_id"] = plan.company_id.id
            if plan and not vals.get("line_ids"):
                vals["line_ids"] = [
                    fields.Command.create({"action_id": action.id})
                    for action in plan.action_ids.filtered(
                        lambda a: a.state != "cancelled"
                    )
                ]
        return super().create(vals_list)

    def write(self, vals):
        if not self._workflow_trusted():
            self._check_open()
        return super().write(vals)

    def _workflow_kept(self):
        return self.filtered(lambda e: e.state == "closed")

    def _check_open(self):
        closed = self._workflow_kept()
        if closed:
            raise UserError(
                _(
                    "The evaluation %(name)s is closed and can no longer be changed "
                    "or deleted.",
                    name=closed[0].name,
                )
            )

    # --- closing, checked by the guard in write() -----------------------------

    def _wf_close(self, vals):
        self._workflow_require_group(
            TASKFORCE_GROUP, _("Only taskforce members can close an evaluation.")
        )
        for evaluation in self:
            missing = evaluation.line_ids.filtered(lambda line: not line.result)
            if missing:
                raise UserError(
                    _(
                        "Give a result for every action before closing %(name)s "
                        "(missing: %(actions)s).",
                        name=evaluation.name,
                        actions=", ".join(missing.action_id.mapped("name")),
                    )
                )

    def _wf_after_close(self):
        # The campaigns found by their dates are kept with the evaluation: a
        # later campaign does not change a closed evaluation.
        with self._workflow_system():
            for evaluation in self:
                before, after = evaluation._pulse_campaigns()
                evaluation.write(
                    {
                        "pulse_before_campaign_id": before.id,
                        "pulse_after_campaign_id": after.id,
                    }
                )

    # --- the pulse before and after ------------------------------------------

    def _pulse_campaigns(self):
        """The campaign before the plan and the one after: the chosen ones,
        else found by dates among the company's closed campaigns. After: the
        last that ended in the plan's year or later, by the evaluation date.
        Before: the one the campaign after names as its previous one, else
        the last that ended before the plan's year, else the last that ended
        before the campaign after started."""
        self.ensure_one()
        campaigns = self.env["hr.pulse.campaign"].sudo()
        after = self.pulse_after_campaign_id
        before = self.pulse_before_campaign_id
        year = self.year_plan_id.year
        if not year:
            return before, after
        first_day = fields.Date.to_date(f"{year}-01-01")
        closed = [("company_id", "=", self.company_id.id), ("state", "=", "closed")]
        if not after:
            after = campaigns.search(
                [
                    *closed,
                    ("date_end", ">=", first_day),
                    ("date_end", "<=", self.date or fields.Date.context_today(self)),
                    ("id", "!=", before.id),
                ],
                order="date_end desc, id desc",
                limit=1,
            )
        if not before:
            before = after.previous_campaign_id.filtered(lambda c: c.state == "closed")
        if not before:
            before = campaigns.search(
                [*closed, ("date_end", "<", first_day), ("id", "!=", after.id)],
                order="date_end desc, id desc",
                limit=1,
            )
        if not before and after:
            # No campaign before the plan's year: the last one before the
            # campaign after (a pulse early in the year, before the actions).
            before = campaigns.search(
                [*closed, ("date_end", "<", after.date_start), ("id", "!=", after.id)],
                order="date_end desc, id desc",
                limit=1,
            )
        return before.with_env(self.env), after.with_env(self.env)

    def _pulse_comparison(self):
        """Per domain: the score before and after (published results for the
        whole population, 0-100, higher is better), the change, and the
        results of the plan's actions of that domain."""
        self.ensure_one()
        before, after = self._pulse_campaigns()
        scores = (before | after)._pulse_domain_scores()
        labels = dict(
            self.env["hr.risk.finding"]
            ._fields["domain"]
            ._description_selection(self.env)
        )
        result_labels = dict(
            self.line_ids._fields["result"]._description_selection(self.env)
        )
        rows = []
        for domain, label in labels.items():
            score_before = scores.get((before.id, domain, False))
            score_after = scores.get((after.id, domain, False))
            lines = self.line_ids.filtered(lambda line, d=domain: line.domain == d)
            counts = [
                _(
                    "%(result)s: %(count)s",
                    result=result_label,
                    count=len(lines.filtered(lambda line, r=key: line.result == r)),
                )
                for key, result_label in result_labels.items()
                if lines.filtered(lambda line, r=key: line.result == r)
            ]
            if not (score_before is not None or score_after is not None or lines):
                continue
            rows.append(
                {
                    "domain": domain,
                    "label": label,
                    "before": score_before,
                    "after": score_after,
                    "change": (
                        score_after - score_before
                        if score_before is not None and score_after is not None
                        else None
                    ),
                    "actions": lines.action_id,
                    "results": ", ".join(counts),
                }
            )
        return {"before": before, "after": after, "rows": rows}

    def action_close(self):
        return self._workflow_go({"state": "closed"})

    def action_adjust(self):
        """Create a follow-up action in next year's plan for each action that
        was not (fully) achieved and has no follow-up yet."""
        self._workflow_require_group(
            TASKFORCE_GROUP, _("Only taskforce members can adjust a plan.")
        )
        # What a client's context would give the new records by default has
        # no say: they start as drafts of their own.
        created = self.env["hr.prevention.action"].with_context(
            clean_context(self.env.context)
        )
        for evaluation in self:
            lines = evaluation.line_ids.filtered(
                lambda line: (
                    line.result in FOLLOWUP_RESULTS and not line.followup_action_ids
                )
            )
            if not lines:
                continue
            next_plan = evaluation.year_plan_id._get_or_create_next()
            # The link to the line it follows up is the system's.
            with created._workflow_system():
                created |= created.create(
                    [
                        {
                            "name": line.action_id.name,
                            "objective": line.action_id.objective,
                            "sub_theme": line.action_id.sub_theme,
                            "domain": line.action_id.domain,
                            "level": line.action_id.level,
                            "prevention_level": line.action_id.prevention_level,
                            "method": line.action_id.method,
                            "means": line.action_id.means,
                            "budget": line.action_id.budget,
                            "currency_id": line.action_id.currency_id.id,
                            "training_needed": line.action_id.training_needed,
                            "user_id": line.action_id.user_id.id,
                            "department_id": line.action_id.department_id.id,
                            "indicator": line.action_id.indicator,
                            "indicator_pulse_domain": (
                                line.action_id.indicator_pulse_domain
                            ),
                            "target": line.action_id.target,
                            "finding_ids": [
                                fields.Command.set(line.action_id.finding_ids.ids)
                            ],
                            "year_plan_id": next_plan.id,
                            "company_id": next_plan.company_id.id,
                            "origin_line_id": line.id,
                            "note": line.comment,
                        }
                        for line in lines
                    ]
                )
        if not created:
            raise UserError(
                _(
                    "There is no action left to adjust: every action not achieved "
                    "already has its follow-up."
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("Adjustments"),
            "res_model": "hr.prevention.action",
            "view_mode": "list,form",
            "domain": [("id", "in", created.ids)],
        }

    def action_open_followups(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Adjustments"),
            "res_model": "hr.prevention.action",
            "view_mode": "list,form",
            "domain": [("id", "in", self.followup_action_ids.ids)],
        }

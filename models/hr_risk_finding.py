from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

# The five domains of the psychosocial risk analysis.
PREVENTION_DOMAINS = [
    ("work_organisation", "Work Organisation"),
    ("work_content", "Work Content"),
    ("employment_conditions", "Employment Conditions"),
    ("working_conditions", "Working Conditions"),
    ("interpersonal_relations", "Interpersonal Relations"),
]


class HrRiskFinding(models.Model):
    _name = "hr.risk.finding"
    _description = "Risk Analysis Finding"
    _order = "analysis_id, domain, priority desc, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    description = fields.Text()
    analysis_id = fields.Many2one(
        "hr.risk.analysis", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="analysis_id.company_id", store=True, index=True
    )
    policy_id = fields.Many2one(related="analysis_id.policy_id", store=True)
    domain = fields.Selection(PREVENTION_DOMAINS, required=True)
    kind = fields.Selection(
        [("strength", "Strength"), ("bottleneck", "Bottleneck")],
        required=True,
        default="bottleneck",
    )
    priority = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")],
        required=True,
        default="medium",
    )
    department_ids = fields.Many2many(
        "hr.department", string="Departments", check_company=True
    )
    action_ids = fields.Many2many(
        "hr.prevention.action",
        "hr_prevention_action_risk_finding_rel",
        "finding_id",
        "action_id",
        string="Actions",
        check_company=True,
    )
    # The loop from a pulse: the campaign whose published results the
    # finding comes from, and the group (False = the whole population). The
    # score is read from the published results, never typed in.
    pulse_campaign_id = fields.Many2one(
        "hr.pulse.campaign",
        string="Pulse Campaign",
        check_company=True,
        index="btree_not_null",
        ondelete="restrict",
    )
    pulse_group_key = fields.Char(string="Pulse Group")
    pulse_score = fields.Float(
        compute="_compute_pulse_score",
        digits=(16, 1),
        help="The domain's score in the campaign's published results (0-100, "
        "higher is better), for the finding's group.",
    )
    is_unanswered = fields.Boolean(
        string="Needs an Action",
        compute="_compute_is_unanswered",
        store=True,
        help="A high-priority bottleneck that no action answers yet.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any("is_unanswered" in vals for vals in vals_list):
            raise AccessError(self._unanswered_message())
        return super().create(vals_list)

    def write(self, vals):
        # The flag follows the finding's kind, priority and actions only.
        if "is_unanswered" in vals:
            raise AccessError(self._unanswered_message())
        return super().write(vals)

    def _unanswered_message(self):
        return _(
            "Whether a finding needs an action is computed from its kind, its "
            "priority and the actions that answer it."
        )

    @api.depends("kind", "priority", "action_ids")
    def _compute_is_unanswered(self):
        for finding in self:
            finding.is_unanswered = (
                finding.kind == "bottleneck"
                and finding.priority == "high"
                and not finding.action_ids
            )

    @api.depends("pulse_campaign_id", "pulse_group_key", "domain")
    def _compute_pulse_score(self):
        scores = self.pulse_campaign_id._pulse_domain_scores()
        for finding in self:
            finding.pulse_score = scores.get(
                (
                    finding.pulse_campaign_id.id,
                    finding.domain,
                    finding.pulse_group_key or False,
                ),
                0.0,
            )

    def action_create_action(self):
        """Plan an action answering this finding in the policy's current plan."""
        self.ensure_one()
        plans = self.env["hr.prevention.year.plan"].search(
            [("policy_id", "=", self.policy_id.id)], order="year desc"
        )
        if not self.policy_id or not plans:
            raise UserError(
                _(
                    "Create an annual action plan for the policy of %(name)s first.",
                    name=self.analysis_id.name,
                )
            )
        year = fields.Date.context_today(self).year
        plan = plans.filtered(lambda p: p.year == year)[:1] or plans[0]
        return {
            "type": "ir.actions.act_window",
            "name": _("New Action"),
            "res_model": "hr.prevention.action",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_name": self.name,
                "default_domain": self.domain,
                "default_year_plan_id": plan.id,
                "default_finding_ids": [self.id],
                "default_department_id": self.department_ids[:1].id,
            },
        }

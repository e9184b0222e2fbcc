from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class HrRiskAnalysis(models.Model):
    _name = "hr.risk.analysis"
    _description = "Psychosocial Risk Analysis"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    policy_id = fields.Many2one("hr.prevention.policy", check_company=True, index=True)
    analysis_type = fields.Selection(
        [("general", "General"), ("specific", "Specific Work Situation")],
        string="Type",
        required=True,
        default="general",
    )
    method = fields.Selection(
        [
            ("questionnaire", "Questionnaire"),
            ("workshop", "Workshop"),
            ("interviews", "Interviews"),
            ("oira", "OiRA"),
            ("warning_lights", "Warning Lights"),
            ("sobane", "SOBANE"),
        ],
        required=True,
        default="questionnaire",
    )
    sobane_level = fields.Selection(
        [
            ("screening", "Screening"),
            ("observation", "Observation"),
            ("analysis", "Analysis"),
            ("expertise", "Expertise"),
        ],
        string="SOBANE Level",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    department_ids = fields.Many2many(
        "hr.department", string="Scope", check_company=True
    )
    participant_ids = fields.Many2many(
        "hr.employee", string="Participants", check_company=True
    )
    summary = fields.Html()
    finding_ids = fields.One2many("hr.risk.finding", "analysis_id", string="Findings")
    finding_count = fields.Integer(compute="_compute_finding_stats")
    unanswered_count = fields.Integer(
        string="High-priority Bottlenecks Without Action",
        compute="_compute_finding_stats",
    )
    next_analysis_date = fields.Date(
        compute="_compute_next_analysis_date",
        store=True,
        help="The end of the policy period, or the analysis date plus the "
        "configured number of years, whichever comes first.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any("next_analysis_date" in vals for vals in vals_list):
            raise AccessError(self._next_analysis_message())
        return super().create(vals_list)

    def write(self, vals):
        # The date follows the analysis date, the policy and the setting only.
        if "next_analysis_date" in vals:
            raise AccessError(self._next_analysis_message())
        return super().write(vals)

    def _next_analysis_message(self):
        return _(
            "The next analysis date is computed from the analysis date, the "
            "end of the policy and the company's interval."
        )

    @api.depends("finding_ids.is_unanswered")
    def _compute_finding_stats(self):
        for analysis in self:
            analysis.finding_count = len(analysis.finding_ids)
            analysis.unanswered_count = len(
                analysis.finding_ids.filtered("is_unanswered")
            )

    @api.depends(
        "date", "policy_id.date_end", "company_id.prevention_analysis_interval_years"
    )
    def _compute_next_analysis_date(self):
        for analysis in self:
            if not analysis.date:
                analysis.next_analysis_date = False
                continue
            years = analysis.company_id.prevention_analysis_interval_years or 5
            candidates = [analysis.date + relativedelta(years=years)]
            if analysis.policy_id.date_end and analysis.policy_id.date_end > (
                analysis.date
            ):
                candidates.append(analysis.policy_id.date_end)
            analysis.next_analysis_date = min(candidates)

    def action_open_findings(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Findings"),
            "res_model": "hr.risk.finding",
            "view_mode": "list,form",
            "domain": [("analysis_id", "=", self.id)],
            "context": {
                "default_analysis_id": self.id,
                "group_by": ["domain"],
            },
        }

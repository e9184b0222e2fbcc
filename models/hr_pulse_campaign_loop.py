from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .hr_prevention_policy import TASKFORCE_GROUP

PAPS_GROUP = "hr_burnout_prevention.group_psychosocial_advisor"

# The finding a domain's score proposes (the taskforce changes it at will):
# from this score on a strength, below it a bottleneck whose priority rises as
# the score falls. Scores are the results' common 0-100 scale, higher is
# better. These are the product's reading of a score, no figure of the law.
STRENGTH_FROM = 60.0
MEDIUM_BELOW = 50.0
HIGH_BELOW = 40.0


def proposed_finding(score):
    """(kind, priority) of the finding a domain's score proposes."""
    if score >= STRENGTH_FROM:
        return "strength", "low"
    if score < HIGH_BELOW:
        return "bottleneck", "high"
    if score < MEDIUM_BELOW:
        return "bottleneck", "medium"
    return "bottleneck", "low"


class HrPulseCampaign(models.Model):
    """The closed loop from a pulse campaign's published results to the risk
    analysis: findings made from the domains' scores, actions that answer
    them, the evaluation's before and after."""

    _inherit = "hr.pulse.campaign"

    finding_ids = fields.One2many(
        "hr.risk.finding", "pulse_campaign_id", string="Findings"
    )
    finding_count = fields.Integer(compute="_compute_finding_count")

    # The free answers, on the advisor's screen only (the field's group is
    # a comfort; `_free_texts` refuses anybody else and gives nothing below
    # the minimum number of people who answered).
    free_texts = fields.Html(
        string="Free Answers",
        compute="_compute_free_texts",
        sanitize=False,
        groups=PAPS_GROUP,
    )

    @api.depends("state")
    def _compute_free_texts(self):
        for campaign in self:
            blocks = campaign._origin._free_texts() if campaign._origin else []
            campaign.free_texts = Markup("").join(
                Markup("<h5>%s</h5><ul>%s</ul>")
                % (
                    block["question"],
                    Markup("").join(
                        Markup("<li>%s</li>") % escape(text) for text in block["texts"]
                    ),
                )
                for block in blocks
            ) or Markup("<p>%s</p>") % _(
                "No free answer to show: the campaign is not closed, nobody "
                "wrote one, or fewer people answered than the minimum group size."
            )

    @api.depends("finding_ids")
    def _compute_finding_count(self):
        counts = dict(
            self.env["hr.risk.finding"]._read_group(
                [("pulse_campaign_id", "in", self.ids)],
                ["pulse_campaign_id"],
                ["__count"],
            )
        )
        for campaign in self:
            campaign.finding_count = counts.get(campaign._origin, 0)

    def _pulse_domain_scores(self):
        """{(campaign id, domain, group key or False): score} of the
        campaigns' published domain results, in one query. The results hold
        only figures that may be published; the score of a domain for the
        whole population is what an action's indicator or the evaluation
        shows to whoever reads them."""
        campaigns = self.filtered("id")
        if not campaigns:
            return {}
        results = (
            self.env["hr.pulse.result"]
            .sudo()
            .search_read(
                [("campaign_id", "in", campaigns.ids), ("level", "=", "domain")],
                ["campaign_id", "domain", "group_key", "score"],
                load=None,
            )
        )
        return {
            (row["campaign_id"], row["domain"], row["group_key"] or False): row["score"]
            for row in results
        }

    # --- the results screens -------------------------------------------------

    def action_view_results(self):
        """The score per domain: a chart first, then the pivot and the list
        (whole population and groups)."""
        action = super().action_view_results()
        action.update(
            view_mode="graph,pivot,list",
            views=[(False, "graph"), (False, "pivot"), (False, "list")],
            domain=[("campaign_id", "in", self.ids), ("level", "=", "domain")],
        )
        return action

    def action_view_question_results(self):
        """Per question: the mean and the distribution of the answers."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Questions of %(campaign)s", campaign=self.name),
            "res_model": "hr.pulse.result",
            "view_mode": "list",
            "views": [(False, "list")],
            "domain": [("campaign_id", "=", self.id), ("level", "=", "question")],
            "context": {"default_campaign_id": self.id},
        }

    # --- findings from the results -------------------------------------------

    def _check_taskforce(self):
        if not self.env.su and not self.env.user.has_group(TASKFORCE_GROUP):
            raise AccessError(
                _("Only the taskforce creates findings from a pulse campaign.")
            )

    def _findings_analysis(self):
        """The risk analysis the campaign's findings go into: the one its
        findings are already in, else a new questionnaire analysis of the
        campaign's population."""
        self.ensure_one()
        analysis = self.finding_ids[:1].analysis_id
        if analysis:
            return analysis
        date = self.date_end or fields.Date.context_today(self)
        # The policy running on the campaign's last day, else the next one
        # (a pulse made to prepare a new policy).
        policy = self.env["hr.prevention.policy"].search(
            [
                ("company_id", "=", self.company_id.id),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", date),
            ],
            order="date_start",
            limit=1,
        )
        return self.env["hr.risk.analysis"].create(
            {
                "name": _("Pulse: %(campaign)s", campaign=self.name),
                "company_id": self.company_id.id,
                "policy_id": policy.id,
                "method": "questionnaire",
                "analysis_type": "general",
                "date": date,
                "department_ids": [fields.Command.set(self.department_ids.ids)],
            }
        )

    def _create_findings(self, results):
        """One finding per domain result (the whole population or a group) that
        has none yet, in the campaign's analysis; kind and priority proposed
        from the score."""
        self.ensure_one()
        self._check_taskforce()
        results = results.filtered(lambda r: r.level == "domain")
        done = {(f.domain, f.pulse_group_key or False) for f in self.finding_ids}
        results = results.filtered(
            lambda r: (r.domain, r.group_key or False) not in done
        )
        if not results:
            raise UserError(
                _(
                    "The campaign %(campaign)s has no published domain result "
                    "without a finding: its findings have already been made, or the "
                    "results are not published yet.",
                    campaign=self.name,
                )
            )
        analysis = self._findings_analysis()
        domains = dict(
            self.env["hr.risk.finding"]
            ._fields["domain"]
            ._description_selection(self.env)
        )
        vals_list = []
        for result in results:
            kind, priority = proposed_finding(result.score)
            values = {
                "domain": domains.get(result.domain, result.domain),
                "score": round(result.score),
                "campaign": self.name,
                "count": result.answer_count,
            }
            if result.group_key:
                values["group"] = result.group_label or result.group_key
                name = _("%(domain)s in %(group)s: pulse score %(score)s", **values)
                description = _(
                    "Pulse %(campaign)s, %(group)s: score %(score)s out of 100 "
                    "(higher is better), from %(count)s answers.",
                    **values,
                )
            else:
                name = _("%(domain)s: pulse score %(score)s", **values)
                description = _(
                    "Pulse %(campaign)s: score %(score)s out of 100 (higher is "
                    "better), from %(count)s answers.",
                    **values,
                )
            vals_list.append(
                {
                    "name": name,
                    "description": description,
                    "analysis_id": analysis.id,
                    "domain": result.domain,
                    "kind": kind,
                    "priority": priority,
                    "pulse_campaign_id": self.id,
                    "pulse_group_key": result.group_key or False,
                    "department_ids": [
                        fields.Command.set(self._group_departments(result).ids)
                    ],
                }
            )
        return self.env["hr.risk.finding"].create(vals_list)

    def _group_departments(self, result):
        """The departments of a result's group: the group's department when
        the campaign groups by department, else the campaign's population."""
        if result.group_key and str(result.group_key).isdigit():
            department = (
                self.env["hr.department"]
                .browse(int(result.group_key))
                .exists()
                .filtered(lambda d: d.company_id == self.company_id)
            )
            if department:
                return department
        return self.department_ids

    def action_create_findings(self):
        """Findings from the campaign's domain scores for its whole
        population, then the findings to plan actions on."""
        self.ensure_one()
        self._check_taskforce()
        results = self.result_ids.filtered(
            lambda r: r.level == "domain" and not r.group_key
        )
        self._create_findings(results)
        return self.action_view_findings()

    def action_view_findings(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Findings"),
            "res_model": "hr.risk.finding",
            "view_mode": "list,form",
            "domain": [("pulse_campaign_id", "=", self.id)],
            "context": {"group_by": ["domain"]},
        }

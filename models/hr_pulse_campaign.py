from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .hr_prevention_policy import TASKFORCE_GROUP

PAPS_GROUP = "hr_burnout_prevention.group_psychosocial_advisor"


class HrPulseCampaign(models.Model):
    """A short anonymous questionnaire for a population (a company, or some
    of its departments), between two dates. See `hr.pulse.answer` and
    `hr.pulse.participation` for how answers are kept apart from people."""

    _name = "hr.pulse.campaign"
    _description = "Pulse Campaign"
    # No mail.thread: nothing about a campaign's answers may reach a message.
    _inherit = ["hr.wellbeing.workflow.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _workflow = {
        "state": {
            ("draft", "open"): ("_wf_open", "_wf_after_open"),
            ("open", "closed"): ("_wf_close", "_wf_after_close"),
            ("draft", "cancel"): "_wf_manage",
        }
    }
    _workflow_initial = {"state": ("draft",)}
    _workflow_system_fields = (
        "date_opened",
        "date_closed",
        "last_reminder_date",
        "coarsened_department_ids",
    )

    name = fields.Char(required=True, translate=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        check_company=True,
        help="The population: the people of these departments. Empty: the "
        "whole company.",
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today)
    date_end = fields.Date(required=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("open", "Open"),
            ("closed", "Closed"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
    )
    line_ids = fields.One2many(
        "hr.pulse.campaign.line", "campaign_id", string="Questions", copy=True
    )
    group_by_department = fields.Boolean(
        help="Answers carry the department of the person (departments with "
        "fewer people than the minimum group size are grouped as 'other'), "
        "so that results can be shown per department."
    )
    reminder_days = fields.Integer(
        default=7,
        help="A neutral reminder to the people who have not answered, at most "
        "once every this many days (0: no reminder).",
    )
    last_reminder_date = fields.Date(readonly=True, copy=False)
    date_opened = fields.Date(readonly=True, copy=False)
    date_closed = fields.Date(readonly=True, copy=False)
    participation_ids = fields.One2many(
        "hr.pulse.participation", "campaign_id", readonly=True
    )
    population_count = fields.Integer(compute="_compute_counts")
    answered_count = fields.Integer(compute="_compute_counts")
    result_ids = fields.One2many("hr.pulse.result", "campaign_id", readonly=True)
    previous_campaign_id = fields.Many2one(
        "hr.pulse.campaign",
        string="Previous Campaign",
        check_company=True,
        help="The campaign to compare with (before / after).",
    )
    # Departments whose answers are stored as "other" (too few answered when
    # their answers were first released): they stay "other" to the end.
    coarsened_department_ids = fields.Many2many(
        "hr.department",
        "hr_pulse_campaign_coarsened_rel",
        "campaign_id",
        "department_id",
        readonly=True,
        copy=False,
    )

    _sql_constraints = [
        (
            "dates_check",
            "CHECK(date_end IS NULL OR date_end >= date_start)",
            "A campaign ends on or after the day it starts.",
        ),
        (
            "reminder_days_check",
            "CHECK(reminder_days >= 0)",
            "The days between reminders cannot be negative.",
        ),
    ]

    @api.depends("participation_ids", "department_ids", "company_id", "state")
    def _compute_counts(self):
        participations = dict(
            self.env["hr.pulse.participation"]
            .sudo()
            ._read_group(
                [("campaign_id", "in", self.ids)], ["campaign_id"], ["__count"]
            )
        )
        answered = dict(
            self.env["hr.pulse.participation"]
            .sudo()
            ._read_group(
                [("campaign_id", "in", self.ids), ("answered", "=", True)],
                ["campaign_id"],
                ["__count"],
            )
        )
        for campaign in self:
            key = campaign.sudo()
            if campaign.state == "draft":
                campaign.population_count = len(campaign._population())
            else:
                campaign.population_count = participations.get(key, 0)
            campaign.answered_count = answered.get(key, 0)

    def _population(self):
        """The employees a draft campaign would ask."""
        self.ensure_one()
        domain = [("company_id", "=", self.company_id.id)]
        if self.department_ids:
            domain.append(("department_id", "child_of", self.department_ids.ids))
        return self.env["hr.employee"].sudo().search(domain)

    def _minimum(self):
        self.ensure_one()
        return self.company_id.wellbeing_min_group_size

    # --- the moves ----------------------------------------------------------

    def _wf_manage(self, vals=None):
        self._workflow_require_group_any(
            _(
                "Only the taskforce and the psychosocial prevention advisor "
                "run pulse campaigns."
            )
        )

    def _workflow_require_group_any(self, message):
        user = self.env.user
        if self.env.su or user.has_group(TASKFORCE_GROUP) or user.has_group(PAPS_GROUP):
            return
        raise AccessError(message)

    def _wf_open(self, vals):
        self._wf_manage()
        return {"date_opened": fields.Date.context_today(self)}

    def _wf_after_open(self):
        return True

    def _wf_close(self, vals):
        self._wf_manage()
        return {"date_closed": fields.Date.context_today(self)}

    def _wf_after_close(self):
        return True

    def _workflow_kept(self):
        return self.filtered(lambda c: c.state in ("open", "closed"))

    # --- buttons ------------------------------------------------------------

    def action_open(self):
        return self._workflow_go({"state": "open"})

    def action_close(self):
        return self._workflow_go({"state": "closed"})

    def action_cancel(self):
        return self._workflow_go({"state": "cancel"})

    def action_send_reminders(self):
        return True

    def action_view_results(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Results of %(campaign)s", campaign=self.name),
            "res_model": "hr.pulse.result",
            "view_mode": "list,graph,pivot",
            "domain": [("campaign_id", "=", self.id)],
            "context": {"default_campaign_id": self.id},
        }

    # --- the answer page ----------------------------------------------------

    @api.model
    def _open_for_user(self):
        return self.browse()

    def _submit_answers(self, values):
        raise UserError(_("Not yet."))

    def _free_texts(self):
        raise ValidationError(_("Not yet."))

    @api.model
    def _cron_send_reminders(self):
        return True

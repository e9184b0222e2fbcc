from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, html_escape

from ..models.hr_reintegration_phase import generate_phases
from ..models.resource_calendar import percent_label


class HrReintegrationScheduleWizard(models.TransientModel):
    _name = "hr.reintegration.schedule.wizard"
    _inherit = ["hr.reintegration.weekdays.mixin"]
    _description = "Generate a Gradual Schedule"

    plan_id = fields.Many2one("hr.reintegration.plan", required=True)
    date_start = fields.Date(
        "Start",
        required=True,
        compute="_compute_date_start",
        store=True,
        readonly=False,
        precompute=True,
    )
    start_percentage = fields.Float("Start %", default=50.0, required=True)
    step = fields.Float("Step (%)", default=25.0, required=True)
    weeks_per_step = fields.Integer(default=2, required=True)
    target_percentage = fields.Float("Target %", default=100.0, required=True)
    preview = fields.Html(compute="_compute_preview", sanitize=False)

    @api.depends("plan_id")
    def _compute_date_start(self):
        for wizard in self:
            wizard.date_start = wizard.plan_id.date_start

    @api.depends(
        "date_start", "start_percentage", "step", "weeks_per_step", "target_percentage"
    )
    @api.depends_context("lang")
    def _compute_preview(self):
        for wizard in self:
            if not wizard.date_start:
                wizard.preview = False
                continue
            try:
                phases = generate_phases(
                    wizard.date_start,
                    wizard.start_percentage,
                    wizard.step,
                    wizard.weeks_per_step,
                    wizard.target_percentage,
                )
            except UserError as error:
                wizard.preview = (
                    f"<p class='text-danger'>{html_escape(error.args[0])}</p>"
                )
                continue
            rows = "".join(
                "<tr><td>{}</td><td>{}</td><td>{}%</td></tr>".format(
                    html_escape(format_date(self.env, phase["date_start"])),
                    html_escape(format_date(self.env, phase["date_end"])),
                    html_escape(percent_label(phase["percentage"])),
                )
                for phase in phases
            )
            wizard.preview = (
                "<table class='table table-sm'><thead><tr>"
                "<th>{}</th><th>{}</th><th>%</th>"
                "</tr></thead><tbody>{}</tbody></table>"
            ).format(html_escape(_("From")), html_escape(_("To")), rows)

    def action_generate(self):
        self.ensure_one()
        self.plan_id._check_hr()
        self.plan_id._generate_schedules(
            self.start_percentage,
            self.step,
            self.weeks_per_step,
            self.target_percentage,
            weekdays=self._weekday_names(),
            date_start=self.date_start,
        )
        return {"type": "ir.actions.act_window_close"}

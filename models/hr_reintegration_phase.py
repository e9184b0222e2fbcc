import math
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from .hr_reintegration_plan import KEPT_STATES
from .hr_reintegration_weekdays_mixin import DAY_FIELDS
from .resource_calendar import percent_label
from .wellbeing_i18n import date_label, weekdays_label

# What a line manager may update on a phase of their report's plan.
REVIEW_FIELDS = {"review_date", "review_done", "review_notes"}
MAX_PHASES = 52
PHASE_STATES = [("planned", "Planned"), ("running", "Running"), ("done", "Done")]


def generate_phases(date_start, start_percentage, step, weeks_per_step, target=100.0):
    """The phases of a gradual return: from ``start_percentage``, ``step``
    more every ``weeks_per_step`` weeks, until ``target`` (its own last
    phase of ``weeks_per_step`` weeks). Returns a list of phase values."""
    if not 0 < start_percentage <= 100:
        raise ValidationError(
            _(
                "The start percentage must be above 0 and at most 100, not %(value)s.",
                value=start_percentage,
            )
        )
    if not start_percentage <= target <= 100:
        raise ValidationError(
            _(
                "The target must be between the start percentage (%(start)s) and "
                "100, not %(value)s.",
                start=start_percentage,
                value=target,
            )
        )
    if weeks_per_step < 1:
        raise ValidationError(_("Each step lasts at least one week."))
    if target > start_percentage and step <= 0:
        raise ValidationError(_("The step must be above 0 to reach the target."))
    count = (
        1
        if target == start_percentage
        else math.ceil(round((target - start_percentage) / step, 6)) + 1
    )
    if count > MAX_PHASES:
        raise ValidationError(
            _(
                "This would make %(count)s phases (at most %(max)s): take a larger "
                "step.",
                count=count,
                max=MAX_PHASES,
            )
        )
    phases = []
    length = timedelta(weeks=weeks_per_step)
    for index in range(count):
        percentage = min(start_percentage + index * step, target)
        if index == count - 1:
            percentage = target
        start = date_start + length * index
        phases.append(
            {
                "sequence": (index + 1) * 10,
                "date_start": start,
                "date_end": start + length - timedelta(days=1),
                "percentage": round(percentage, 2),
            }
        )
    return phases


class HrReintegrationPhase(models.Model):
    _name = "hr.reintegration.phase"
    _inherit = ["hr.reintegration.weekdays.mixin", "hr.wellbeing.workflow.mixin"]
    _description = "Reintegration Phase"
    _order = "plan_id, sequence, date_start, id"
    _check_company_auto = True
    # The state of a phase follows the calendar: the system sets it (the
    # daily job, inside ``_workflow_system``); every move a client asks for
    # is refused.
    _workflow = {
        "state": {
            (old, new): "_wf_follow_calendar"
            for old, _label in PHASE_STATES
            for new, _label2 in PHASE_STATES
            if old != new
        }
    }
    _workflow_initial = {"state": ("planned",)}

    plan_id = fields.Many2one(
        "hr.reintegration.plan", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, precompute=True
    )
    employee_id = fields.Many2one(
        related="plan_id.employee_id", store=True, precompute=True
    )
    sequence = fields.Integer(default=10)
    number = fields.Integer("Phase", compute="_compute_number")
    date_start = fields.Date("From", required=True)
    date_end = fields.Date("To", required=True)
    percentage = fields.Float(
        "% of the Normal Regime", required=True, default=50.0, digits=(5, 2)
    )
    hours_per_week = fields.Float(
        compute="_compute_hours_per_week",
        digits=(5, 2),
        help="The share of the employee's normal weekly hours.",
    )
    working_days = fields.Char(
        compute="_compute_working_days",
        help="Empty days mean the employee's usual working days.",
    )
    focus_tasks = fields.Text()
    review_date = fields.Date(
        "Review Meeting",
        compute="_compute_review_date",
        store=True,
        readonly=False,
        precompute=True,
    )
    review_done = fields.Boolean("Reviewed")
    review_notes = fields.Text(
        help="Operational notes of the review with the line manager. Never "
        "medical information."
    )
    state = fields.Selection(
        PHASE_STATES,
        default="planned",
        required=True,
        readonly=True,
        copy=False,
    )

    @api.depends("plan_id.phase_ids.sequence", "plan_id.phase_ids.date_start")
    def _compute_number(self):
        numbers = {}
        for plan in self.plan_id:
            ordered = plan.phase_ids.sorted(lambda p: (p.date_start, p.sequence, p.id))
            numbers.update({phase: index for index, phase in enumerate(ordered, 1)})
        # Only the phases being computed are assigned: assigning the others
        # would write them.
        for phase in self:
            phase.number = numbers.get(phase, 0)

    @api.depends("number", "percentage", "date_start", "date_end")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for phase in self:
            phase.display_name = _(
                "Phase %(number)s: %(percentage)s%% (%(start)s - %(end)s)",
                number=phase.number,
                percentage=percent_label(phase.percentage),
                start=date_label(self.env, phase.date_start),
                end=date_label(self.env, phase.date_end),
            )

    @api.depends("percentage", "plan_id.normal_hours_per_week")
    def _compute_hours_per_week(self):
        for phase in self:
            phase.hours_per_week = round(
                phase.plan_id.normal_hours_per_week * phase.percentage / 100, 2
            )

    @api.depends(*DAY_FIELDS)
    @api.depends_context("lang")
    def _compute_working_days(self):
        for phase in self:
            days = phase._weekdays()
            phase.working_days = (
                weekdays_label(self.env, days) if days else _("Usual days")
            )

    @api.depends("date_end")
    def _compute_review_date(self):
        for phase in self:
            if not phase.review_date:
                phase.review_date = phase.date_end

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.constrains("percentage")
    def _check_percentage(self):
        for phase in self:
            if not 0 < phase.percentage <= 100:
                raise ValidationError(
                    _(
                        "A phase works above 0%% and at most 100%% of the normal "
                        "regime, not %(value)s%%.",
                        value=phase.percentage,
                    )
                )

    @api.constrains(
        "date_start", "date_end", "sequence", "plan_id", "percentage", *DAY_FIELDS
    )
    def _check_dates(self):
        self._check_schedule()

    def _check_schedule(self):
        for plan in self.plan_id:
            phases = plan.phase_ids
            by_sequence = phases.sorted(lambda p: (p.sequence, p.date_start, p.id))
            previous = None
            for phase in by_sequence:
                if phase.date_end < phase.date_start:
                    raise ValidationError(
                        _(
                            "A phase cannot end (%(end)s) before it starts "
                            "(%(start)s).",
                            end=format_date(self.env, phase.date_end),
                            start=format_date(self.env, phase.date_start),
                        )
                    )
                if phase.date_start < plan.date_start or (
                    plan.date_end and phase.date_end > plan.date_end
                ):
                    raise ValidationError(
                        _(
                            "The phase from %(start)s to %(end)s is outside the "
                            "plan's dates (%(plan_start)s to %(plan_end)s).",
                            start=format_date(self.env, phase.date_start),
                            end=format_date(self.env, phase.date_end),
                            plan_start=format_date(self.env, plan.date_start),
                            plan_end=format_date(self.env, plan.date_end)
                            or _("open end"),
                        )
                    )
                if previous:
                    if phase.date_start <= previous.date_end:
                        raise ValidationError(
                            _(
                                "The phases from %(start1)s to %(end1)s and from "
                                "%(start2)s to %(end2)s overlap or are not in the "
                                "order of their dates.",
                                start1=format_date(self.env, previous.date_start),
                                end1=format_date(self.env, previous.date_end),
                                start2=format_date(self.env, phase.date_start),
                                end2=format_date(self.env, phase.date_end),
                            )
                        )
                    if phase.date_start != previous.date_end + timedelta(days=1):
                        raise ValidationError(
                            _(
                                "The phases must follow each other without a gap: "
                                "the phase after %(end)s starts on %(start)s instead "
                                "of %(expected)s.",
                                end=format_date(self.env, previous.date_end),
                                start=format_date(self.env, phase.date_start),
                                expected=format_date(
                                    self.env, previous.date_end + timedelta(days=1)
                                ),
                            )
                        )
                previous = phase
            normal = plan.normal_calendar_id
            if normal:
                for phase in phases.filtered(lambda p: p._weekdays()):
                    normal._check_share_fits(phase.percentage, phase._weekdays())

    # ------------------------------------------------------------------
    # CRUD: the content is HR's, the review the line manager's
    # ------------------------------------------------------------------
    def _is_hr(self):
        return self.env.is_superuser() or self.env.user.has_group(
            "hr_burnout_prevention.group_hr_officer"
        )

    @api.model_create_multi
    def create(self, vals_list):
        plans = self.env["hr.reintegration.plan"].browse(
            {vals["plan_id"] for vals in vals_list if vals.get("plan_id")}
        )
        plans._check_content_editable()
        return super().create(vals_list)

    def write(self, vals):
        if self._workflow_trusted():
            return super().write(vals)
        content = set(vals) - REVIEW_FIELDS - {"state"}
        if content and not self._is_hr():
            raise AccessError(
                _("Only HR changes the schedule; the line manager records reviews.")
            )
        if content:
            self.plan_id._check_content_editable()
            if "plan_id" in vals:
                # Nor into a plan whose content no longer changes.
                self.plan_id.browse(vals["plan_id"])._check_content_editable()
        elif not self._is_hr():
            for phase in self:
                if phase.plan_id.state not in ("accepted", "running"):
                    raise UserError(
                        _("Phases are reviewed while the plan is accepted or running.")
                    )
        res = super().write(vals)
        if vals.get("review_done"):
            self._close_review_activities()
        return res

    def action_mark_reviewed(self):
        """The line manager (or HR) reviewed the phase: from the plan's
        form; the "Review phase" activity of the phase is done with it."""
        for phase in self:
            if phase.review_done:
                raise UserError(
                    _("%(phase)s is reviewed already.", phase=phase.display_name)
                )
        self.write({"review_done": True})
        return True

    def _close_review_activities(self):
        """Mark done the review activity of each phase: the one due on the
        phase's review date (or its last day)."""
        review_type = self.env.ref(
            "hr_burnout_prevention.mail_activity_type_phase_review"
        )
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "hr.reintegration.plan"),
                    ("res_id", "in", self.plan_id.ids),
                    ("activity_type_id", "=", review_type.id),
                ],
                order="date_deadline, id",
            )
        )
        done = activities.browse()
        for phase in self:
            mine = (activities - done).filtered(
                lambda a, p=phase: a.res_id == p.plan_id.id
            )
            dues = {phase.review_date, phase.date_end}
            done |= mine.filtered(lambda a, d=dues: a.date_deadline in d)[:1]
        if done:
            done.action_feedback(feedback=_("Reviewed"))

    def _workflow_kept(self):
        return self.filtered(lambda p: p.plan_id.state in KEPT_STATES)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked_plan(self):
        self.plan_id._check_content_editable()

    def _wf_follow_calendar(self, vals):
        raise AccessError(
            _(
                "The state of %(phase)s follows the calendar: the system sets it.",
                phase=self[:1].display_name,
            )
        )

    def _update_states(self, today):
        phases = self.sudo()
        with self._workflow_system():
            for state, todo in (
                ("done", phases.filtered(lambda p: p.date_end < today)),
                (
                    "running",
                    phases.filtered(lambda p: p.date_start <= today <= p.date_end),
                ),
                ("planned", phases.filtered(lambda p: p.date_start > today)),
            ):
                todo.filtered(lambda p, s=state: p.state != s).write({"state": state})

import logging
from collections import defaultdict
from datetime import datetime, time, timedelta

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import _, _lt, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_date

from .resource_calendar import percent_label
from .wellbeing_cron import PAGE_SIZE, CronStep, walk_pages
from .wellbeing_i18n import date_label, env_of_reader

_logger = logging.getLogger(__name__)

PLAN_STATES = [
    ("draft", "Draft"),
    ("proposed", "Proposed to the Employee"),
    ("accepted", "Accepted"),
    ("refused", "Refused"),
    ("running", "Running"),
    ("completed", "Completed"),
    ("stopped", "Stopped"),
]
# Once proposed, the content is what the employee answers to (and what they
# accepted or refused): it changes only by going back to draft, before the
# employee accepts it.
LOCKED_STATES = ("proposed", "refused", "accepted", "running", "completed", "stopped")
# Accepted by the employee: never deleted (the mixin's ``_workflow_kept``).
KEPT_STATES = ("accepted", "running", "completed", "stopped")
# One plan of an employee at a time is accepted or running.
ACTIVE_STATES = ("accepted", "running")
ENDED_STATES = ("completed", "stopped")
CONTENT_FIELDS = {
    "employee_id",
    "company_id",
    "case_id",
    "trajectory_id",
    "kind",
    "date_start",
    "date_end",
    "adapted_work",
    "training",
    "adaptation_ids",
    "agreement_ids",
    "phase_ids",
}
# How the plan ended: written until it ends, or with the move that ends it.
END_FIELDS = {"stop_reason", "not_full_reason"}
# The employee's reply to the plan: a move of the plan's own employee, who
# only reads the plan (the system writes it once the guard checked them).
REPLY_VALUES = {"state", "refusal_reason"}
# A reply on paper, recorded by HR: written only with the reply's move, which
# checks them (HR only, a date between the proposal and today, the scan).
PAPER_VALUES = {"paper_reply_date", "reply_scan_id"}
PORTAL_GROUP = "base.group_portal"
REPLY_DAYS = 14
RETURN_EXAM_WORKING_DAYS = 10
FOLLOWUP_MONTHS = 3
PROGRESSIVE_MAX_YEARS = 2
HR_GROUP = "hr_burnout_prevention.group_hr_officer"
PAPS_GROUP = "hr_burnout_prevention.group_psychosocial_advisor"


class HrReintegrationPlan(models.Model):
    _name = "hr.reintegration.plan"
    _description = "Reintegration Plan"
    # The guard first: its moves reach the chatter with the context it forces
    # (a client's tracking_disable does not silence them).
    _inherit = [
        "hr.wellbeing.workflow.mixin",
        "hr.wellbeing.reader.name.mixin",
        "hr.wellbeing.managed.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_start desc, id desc"
    _reader_name = _lt("Return of %(employee)s on %(date)s")
    _reader_name_fields = ("employee_id", "date_start")
    # The line manager follows the plan of their report in its chatter: who
    # reads the plan may post on it (the record rules say who reads it).
    _mail_post_access = "read"
    _check_company_auto = True
    # The only moves of a plan (the guard of the workflow mixin, in write()):
    # HR proposes, sets back to draft before acceptance, starts, completes
    # and stops; only the plan's own employee accepts or refuses it.
    _workflow = {
        "state": {
            ("draft", "proposed"): ("_wf_propose", "_wf_after_propose"),
            ("proposed", "draft"): ("_wf_back_to_draft", "_wf_after_back_to_draft"),
            ("refused", "draft"): "_wf_back_to_draft",
            ("proposed", "accepted"): ("_wf_accept", "_wf_after_reply"),
            ("proposed", "refused"): ("_wf_refuse", "_wf_after_reply"),
            ("accepted", "running"): ("_wf_start", "_wf_after_start"),
            ("running", "completed"): ("_wf_complete", "_wf_after_end"),
            ("accepted", "stopped"): ("_wf_stop", "_wf_after_end"),
            ("running", "stopped"): ("_wf_stop", "_wf_after_end"),
        }
    }
    _workflow_initial = {"state": ("draft",)}
    _workflow_system_fields = (
        "proposed_date",
        "reply_deadline",
        "reply_date",
        "original_calendar_id",
        "applied_calendar_id",
        "end_date",
        "reply_channel",
    )

    # The name is built when read, in the reader's language (not stored in
    # the maker's): hr.wellbeing.reader.name.mixin.
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    case_id = fields.Many2one(
        "hr.absence.case",
        "Absence Case",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('employee_id', '=', employee_id)]",
    )
    trajectory_id = fields.Many2one(
        "hr.reintegration.trajectory",
        "Reintegration Trajectory",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('employee_id', '=', employee_id)]",
        help="The formal reintegration trajectory (RIT) this plan answers.",
    )
    kind = fields.Selection(
        [
            ("informal", "Informal return"),
            ("rit", "Plan of a reintegration trajectory"),
        ],
        required=True,
        default="informal",
        tracking=True,
    )
    state = fields.Selection(
        PLAN_STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    employee_user_id = fields.Many2one(
        "res.users", compute="_compute_employee_links", store=True
    )
    manager_user_id = fields.Many2one(
        "res.users", "Line Manager", compute="_compute_employee_links", store=True
    )
    hr_responsible_id = fields.Many2one(
        "res.users", "HR Officer", default=lambda self: self.env.user, tracking=True
    )
    coach_user_id = fields.Many2one(
        "res.users",
        "Coach (PAPS)",
        tracking=True,
        domain=lambda self: [("groups_id", "in", self.env.ref(PAPS_GROUP).id)],
        help="Reads the weekly check-ins of the employee. Without a coach, every "
        "psychosocial prevention advisor of the company does.",
    )
    is_own_plan = fields.Boolean(compute="_compute_is_own_plan")

    # Content (locked once proposed).
    date_start = fields.Date(
        "Return Date", required=True, tracking=True, help="First day back at work."
    )
    date_end = fields.Date("Valid Until", tracking=True)
    adapted_work = fields.Text(
        "Adapted or Other Work",
        help="Content, volume, schedule and progressivity of the work.",
    )
    training = fields.Text()
    adaptation_ids = fields.One2many(
        "hr.reintegration.adaptation", "plan_id", "Workplace Adaptations", copy=True
    )
    agreement_ids = fields.One2many(
        "hr.reintegration.agreement", "plan_id", "Relapse Prevention", copy=True
    )
    phase_ids = fields.One2many(
        "hr.reintegration.phase", "plan_id", "Gradual Schedule", copy=True
    )
    phase_count = fields.Integer(compute="_compute_phase_info")
    current_phase_id = fields.Many2one(
        "hr.reintegration.phase", compute="_compute_phase_info"
    )
    normal_calendar_id = fields.Many2one(
        "resource.calendar", "Normal Working Hours", compute="_compute_normal_calendar"
    )
    normal_hours_per_week = fields.Float(compute="_compute_normal_calendar")

    # Operational follow-up (editable while running).
    checklist_ids = fields.One2many(
        "hr.reintegration.checklist", "plan_id", "Team Communication"
    )
    checklist_progress = fields.Char(compute="_compute_checklist_progress")
    session_ids = fields.One2many(
        "hr.reintegration.session", "plan_id", "Reconnect Sessions"
    )
    health_surveillance = fields.Boolean(
        "Under Health Surveillance",
        tracking=True,
        help="Workers under health surveillance have a return-to-work exam "
        "after an incapacity of at least 4 weeks.",
    )
    return_exam_deadline = fields.Date(
        "Return Exam Due By",
        compute="_compute_return_exam_deadline",
        store=True,
        help="The 10th working day after the return day, on the company's "
        "working schedule and public holidays.",
    )
    return_exam_date = fields.Date("Return-to-Work Exam On", tracking=True)
    return_exam_late = fields.Boolean(compute="_compute_followup_flags")
    followup_deadline = fields.Date(
        "Follow-up Consultations By", compute="_compute_followup_deadline", store=True
    )
    followup_1_date = fields.Date("First Follow-up Consultation", tracking=True)
    followup_2_date = fields.Date("Second Follow-up Consultation", tracking=True)
    followup_late = fields.Boolean(compute="_compute_followup_flags")
    physician_consulted_date = fields.Date(
        "Occupational Physician Consulted On", tracking=True
    )

    # Progressive work authorised by the mutuality's advising physician.
    progressive_requested_date = fields.Date(
        "Progressive Work Requested On", tracking=True
    )
    progressive_authorised_date = fields.Date("Authorised On", tracking=True)
    progressive_authorised_until = fields.Date(
        "Authorised Until",
        tracking=True,
        help="At most 2 years after the authorisation; renewable with a new "
        "authorisation.",
    )

    # The employee's reply and the end.
    proposed_date = fields.Date(readonly=True, copy=False)
    reply_deadline = fields.Date(readonly=True, copy=False)
    reply_date = fields.Date(readonly=True, copy=False, tracking=True)
    reply_channel = fields.Selection(
        [("online", "Online, by the employee"), ("paper", "On paper, recorded by HR")],
        "Reply Given",
        readonly=True,
        copy=False,
        tracking=True,
    )
    paper_reply_date = fields.Date(
        "Date of the Paper Reply",
        readonly=True,
        copy=False,
        help="The date the worker signed their reply on paper.",
    )
    reply_scan_id = fields.Many2one(
        "ir.attachment",
        "Signed Reply",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The scan of the reply the worker signed on paper.",
    )
    employee_has_user = fields.Boolean(compute="_compute_employee_has_user")
    reply_mode = fields.Selection(related="company_id.reintegration_reply_mode")
    refusal_reason = fields.Text(
        readonly=True,
        copy=False,
        groups="hr_burnout_prevention.group_hr_officer",
        help="The employee's reasons, for HR and the employee only: not shown to "
        "the line manager, and not copied onto the trajectory.",
    )
    original_calendar_id = fields.Many2one(
        "resource.calendar",
        "Original Working Hours",
        readonly=True,
        copy=False,
        help="The employee's working schedule before the plan; restored after "
        "the last phase and when the plan stops.",
    )
    applied_calendar_id = fields.Many2one(
        "resource.calendar", "Working Hours Applied", readonly=True, copy=False
    )
    stop_reason = fields.Text(copy=False, tracking=True)
    end_date = fields.Date("Ended On", readonly=True, copy=False)
    not_full_reason = fields.Text(
        "Why the Last Phase Is Not 100%",
        tracking=True,
        help="Required to complete a plan whose last phase is below the normal regime.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends(
        "employee_id.user_id",
        "employee_id.parent_id.user_id",
        "employee_id.department_id.manager_id.user_id",
    )
    def _compute_employee_links(self):
        for plan in self:
            employee = plan.employee_id.sudo()
            plan.employee_user_id = employee.user_id
            plan.manager_user_id = (
                employee.parent_id.user_id or employee.department_id.manager_id.user_id
            )

    @api.depends_context("uid")
    @api.depends("employee_id.user_id")
    def _compute_is_own_plan(self):
        for plan in self:
            plan.is_own_plan = plan.sudo().employee_id.user_id == self.env.user

    @api.depends("employee_id.user_id")
    def _compute_employee_has_user(self):
        for plan in self:
            plan.employee_has_user = bool(plan.sudo().employee_id.user_id)

    @api.depends("phase_ids.date_start", "phase_ids.date_end")
    def _compute_phase_info(self):
        today = fields.Date.context_today(self)
        for plan in self:
            plan.phase_count = len(plan.phase_ids)
            plan.current_phase_id = plan.phase_ids.filtered(
                lambda p: p.date_start <= today <= p.date_end
            )[:1]

    @api.depends("original_calendar_id", "employee_id.resource_calendar_id")
    def _compute_normal_calendar(self):
        for plan in self:
            calendar = plan.original_calendar_id or (
                plan.employee_id.sudo().resource_calendar_id
                or plan.company_id.resource_calendar_id
            )
            calendar = calendar.sudo()._normal_calendar() if calendar else calendar
            plan.normal_calendar_id = calendar
            plan.normal_hours_per_week = calendar._weekly_hours() if calendar else 0.0

    @api.depends("checklist_ids.done")
    def _compute_checklist_progress(self):
        for plan in self:
            plan.checklist_progress = _(
                "%(done)s / %(total)s done",
                done=len(plan.checklist_ids.filtered("done")),
                total=len(plan.checklist_ids),
            )

    @api.depends("date_start", "company_id.resource_calendar_id")
    def _compute_return_exam_deadline(self):
        deadlines = {}  # once per company calendar and return day
        for plan in self:
            calendar = plan.company_id.resource_calendar_id
            if not (plan.date_start and calendar):
                plan.return_exam_deadline = False
                continue
            key = (calendar, plan.date_start)
            if key not in deadlines:
                after_return = datetime.combine(
                    plan.date_start + timedelta(days=1), time.min
                )
                deadline = calendar.plan_days(
                    RETURN_EXAM_WORKING_DAYS, after_return, compute_leaves=True
                )
                deadlines[key] = deadline and deadline.date()
            plan.return_exam_deadline = deadlines[key]

    @api.depends("date_start")
    def _compute_followup_deadline(self):
        for plan in self:
            plan.followup_deadline = (
                plan.date_start
                and plan.date_start + relativedelta(months=FOLLOWUP_MONTHS)
            )

    @api.depends_context("date")
    @api.depends(
        "return_exam_date",
        "return_exam_deadline",
        "health_surveillance",
        "followup_1_date",
        "followup_2_date",
        "followup_deadline",
    )
    def _compute_followup_flags(self):
        today = fields.Date.context_today(self)
        for plan in self:
            exam_due = plan.return_exam_deadline
            plan.return_exam_late = bool(
                plan.health_surveillance
                and exam_due
                and (
                    (plan.return_exam_date and plan.return_exam_date > exam_due)
                    or (not plan.return_exam_date and today > exam_due)
                )
            )
            limit = plan.followup_deadline
            dates = [d for d in (plan.followup_1_date, plan.followup_2_date) if d]
            plan.followup_late = bool(
                limit
                and (
                    any(d > limit for d in dates) or (len(dates) < 2 and today > limit)
                )
            )

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for plan in self:
            if plan.date_end and plan.date_end < plan.date_start:
                raise ValidationError(
                    _(
                        "The plan cannot end (%(end)s) before the return date "
                        "(%(start)s).",
                        end=format_date(self.env, plan.date_end),
                        start=format_date(self.env, plan.date_start),
                    )
                )
        self.phase_ids._check_schedule()

    @api.constrains("kind", "trajectory_id", "case_id", "employee_id")
    def _check_links(self):
        for plan in self:
            if plan.kind == "rit" and not plan.trajectory_id:
                raise ValidationError(
                    _("A plan of a reintegration trajectory needs its trajectory.")
                )
            for link in (plan.case_id, plan.trajectory_id):
                if link and link.sudo().employee_id != plan.employee_id:
                    raise ValidationError(
                        _(
                            "%(link)s is not about %(employee)s.",
                            link=link.sudo().display_name,
                            employee=plan.employee_id.sudo().name,
                        )
                    )

    @api.constrains("coach_user_id")
    def _check_coach(self):
        # The coach reads the check-ins and gets their alerts: a
        # psychosocial prevention advisor only, whatever the client sends
        # (the view's domain is a comfort). A coach who leaves the group is
        # taken off their plans (res.users._log_confidential_membership).
        advisors = self.env.ref(PAPS_GROUP).sudo().users
        for plan in self:
            if plan.coach_user_id and plan.coach_user_id not in advisors:
                raise ValidationError(
                    _(
                        "%(user)s cannot be the %(field)s of %(plan)s: only a "
                        "psychosocial prevention advisor coaches a plan.",
                        user=plan.coach_user_id.sudo().name,
                        field=self._fields["coach_user_id"]._description_string(
                            self.env
                        ),
                        plan=plan.name,
                    )
                )

    @api.constrains("progressive_authorised_date", "progressive_authorised_until")
    def _check_progressive(self):
        for plan in self:
            start = plan.progressive_authorised_date
            until = plan.progressive_authorised_until
            if not until:
                continue
            if not start:
                raise ValidationError(
                    _("Enter the date of the authorisation before its end date.")
                )
            if until < start:
                raise ValidationError(
                    _("The authorisation cannot end before it was given.")
                )
            if until > start + relativedelta(years=PROGRESSIVE_MAX_YEARS):
                raise ValidationError(
                    _(
                        "The mutuality authorises progressive work for at most "
                        "%(years)s years (until %(max)s), not until %(until)s: "
                        "record the renewal as a new authorisation.",
                        years=PROGRESSIVE_MAX_YEARS,
                        max=start + relativedelta(years=PROGRESSIVE_MAX_YEARS),
                        until=until,
                    )
                )

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _report_acceptance_values(self):
        """Issue 15, the plan's PDF: the employee's reply as one sentence
        (who, when, online or on paper and who recorded it) and the
        trajectory's reference, read in sudo for a reader who may print the
        plan (the employee in the portal) but not read its trajectory. Only
        the fact and the date of the reply: never the reasons of a refusal,
        never the plan's internal state."""
        self.ensure_one()
        plan = self.sudo()
        employee = plan.employee_id.name or ""
        on = date_label(self.env, plan.reply_date) if plan.reply_date else ""
        recorder = recorded_on = ""
        if plan.reply_channel == "paper" and plan.reply_scan_id:
            # HR records the paper reply with the scan of it: who stored the
            # scan, and when, recorded the reply.
            scan = plan.reply_scan_id.sudo()
            recorder = scan.create_uid.name or ""
            recorded_on = scan.create_date and date_label(
                self.env, scan.create_date.date()
            )
        accepted = plan.state in KEPT_STATES
        vals = {
            "employee": employee,
            "date": on,
            "recorder": recorder,
            "recorded": recorded_on,
        }
        if plan.state == "refused" or (accepted and plan.reply_date):
            if plan.reply_channel == "paper" and recorder:
                line = (
                    _(
                        "Accepted by %(employee)s on paper, signed on %(date)s; "
                        "recorded by %(recorder)s on %(recorded)s.",
                        **vals,
                    )
                    if accepted
                    else _(
                        "Refused by %(employee)s on paper, signed on %(date)s; "
                        "recorded by %(recorder)s on %(recorded)s.",
                        **vals,
                    )
                )
            elif plan.reply_channel == "paper":
                line = (
                    _(
                        "Accepted by %(employee)s on paper, signed on %(date)s.",
                        **vals,
                    )
                    if accepted
                    else _(
                        "Refused by %(employee)s on paper, signed on %(date)s.",
                        **vals,
                    )
                )
            else:
                line = (
                    _("Accepted by %(employee)s online, on %(date)s.", **vals)
                    if accepted
                    else _("Refused by %(employee)s online, on %(date)s.", **vals)
                )
        elif accepted:
            line = _(
                "Accepted by %(employee)s; the date of the reply is not on file.",
                employee=employee,
            )
        elif plan.state == "proposed":
            line = _(
                "Proposed to %(employee)s on %(date)s: not accepted yet.",
                employee=employee,
                date=date_label(self.env, plan.proposed_date)
                if plan.proposed_date
                else "",
            )
        else:
            line = _(
                "Not proposed to %(employee)s yet: not accepted.",
                employee=employee,
            )
        return {
            "acceptance": line,
            "accepted": accepted,
            "trajectory": plan.trajectory_id.name or "",
        }

    def _check_content_editable(self):
        for plan in self:
            if plan.state in LOCKED_STATES:
                raise UserError(
                    _(
                        "%(plan)s is %(state)s: its content can no longer change. "
                        "Before the employee accepts it, HR can set it back to "
                        "draft.",
                        plan=plan.name,
                        state=plan._state_label(),
                    )
                )

    def _check_not_ended(self):
        for plan in self:
            if plan.state in ENDED_STATES:
                raise UserError(
                    _(
                        "%(plan)s is %(state)s: how it ended can no longer change.",
                        plan=plan.name,
                        state=plan._state_label(),
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def init(self):
        res = super().init()
        # One accepted or running plan per employee, also when two replies
        # come at once (the moves check it first, with a clear message).
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    """
                    CREATE UNIQUE INDEX IF NOT EXISTS
                        hr_reintegration_plan_one_active_per_employee
                    ON hr_reintegration_plan (employee_id)
                    WHERE state IN ('accepted', 'running')
                    """
                )
        except psycopg2.Error:
            _logger.warning(
                "Some employees have more than one accepted or running "
                "reintegration plan: stop all but one, then update the module."
            )
        return res

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        checklist = self.env["hr.reintegration.checklist"]
        checklist.create(
            [
                vals
                for plan in plans.filtered(lambda p: not p.checklist_ids)
                for vals in checklist._default_items(plan)
            ]
        )
        return plans

    def write(self, vals):
        if self._workflow_trusted():
            return super().write(vals)
        if (
            not self.env.su
            and vals.get("state") in ("accepted", "refused")
            and set(vals) <= REPLY_VALUES
        ):
            # The employee's reply: they read their plan and may not write
            # it. The move checks that they are its employee (the user of the
            # request, also under sudo); then the system writes the reply.
            self.check_access("read")
            return self.sudo().write(vals)
        fnames = set(vals)
        if fnames & CONTENT_FIELDS:
            self.check_access("write")
            self._check_content_editable()
        if fnames & END_FIELDS:
            self.check_access("write")
            self._check_not_ended()
        if PAPER_VALUES & fnames and vals.get("state") not in ("accepted", "refused"):
            raise AccessError(
                _(
                    "The date and the scan of a paper reply are recorded with the "
                    "reply to the plan %(plan)s, and never changed afterwards.",
                    plan=self[:1].name,
                )
            )
        if "refusal_reason" in vals and (
            vals.get("state") != "refused"
            or any(plan.state != "proposed" for plan in self)
        ):
            raise AccessError(
                _(
                    "The reasons of a refusal are written when the employee "
                    "refuses the plan %(plan)s, and never changed afterwards.",
                    plan=self[:1].name,
                )
            )
        records = self
        if self._workflow_kept():
            # What the employee accepted changes only with a trace in the
            # chatter: no client silences it.
            records = self.with_context(tracking_disable=False, mail_notrack=False)
        return super(HrReintegrationPlan, records).write(vals)

    def _workflow_kept(self):
        return self.filtered(lambda p: p.state in KEPT_STATES)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_proposed(self):
        proposed = self.filtered(lambda p: p.state == "proposed")
        if proposed:
            raise UserError(
                _(
                    "%(plan)s is proposed to the employee: set it back to draft "
                    "before deleting it.",
                    plan=proposed[0].name,
                )
            )

    # ------------------------------------------------------------------
    # Who may act
    # ------------------------------------------------------------------
    def _check_hr(self):
        if not (self.env.is_superuser() or self.env.user.has_group(HR_GROUP)):
            raise AccessError(_("Only an HR officer can do this on a plan."))

    def _check_own_plan(self):
        """The employee of the plan, and nobody else: the user of the request
        (``env.user`` is still that user under sudo), not a role."""
        for plan in self:
            employee = plan.sudo().employee_id
            if employee.user_id != self.env.user:
                raise AccessError(
                    _(
                        "Only %(employee)s accepts or refuses the plan %(plan)s.",
                        employee=employee.name,
                        plan=plan.name,
                    )
                )

    def _check_one_active(self):
        """At most one accepted or running plan per employee. The plans of
        the employees are locked first: of two replies at once, the second
        waits, is retried by Odoo and sees the first."""
        employees = self.sudo().employee_id
        self.env.cr.execute(
            SQL(
                "SELECT id FROM hr_reintegration_plan WHERE employee_id = ANY(%s) "
                "FOR NO KEY UPDATE",
                employees.ids,
            )
        )
        others = self.sudo().search(
            [
                ("employee_id", "in", employees.ids),
                ("state", "in", ACTIVE_STATES),
                ("id", "not in", self.ids),
            ]
        )
        for plan in self.sudo():
            other = others.filtered(lambda p, e=plan.employee_id: p.employee_id == e)
            if other:
                raise UserError(
                    _(
                        "%(employee)s already has the plan %(other)s, which is "
                        "%(state)s: one plan at a time is accepted or running. "
                        "Complete or stop it before %(plan)s.",
                        employee=plan.employee_id.name,
                        other=other[0].name,
                        state=other[0]._state_label(),
                        plan=plan.name,
                    )
                )
            twin = (self.sudo() - plan).filtered(
                lambda p, e=plan.employee_id: p.employee_id == e
            )
            if twin:
                raise UserError(
                    _(
                        "%(plan)s and %(other)s are both for %(employee)s: one "
                        "plan at a time is accepted or running.",
                        plan=plan.name,
                        other=twin[0].name,
                        employee=plan.employee_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # The moves, checked by the guard in write()
    # ------------------------------------------------------------------
    def _wf_propose(self, vals):
        self._workflow_require_group(
            HR_GROUP,
            _(
                "Only an HR officer proposes the plan %(plan)s to the employee.",
                plan=self[:1].name,
            ),
        )
        today = fields.Date.context_today(self)
        for plan in self:
            if not plan.phase_ids:
                raise UserError(
                    _("Plan the gradual schedule of %(plan)s first.", plan=plan.name)
                )
            deadline = plan.trajectory_id.sudo().plan_deadline
            if plan.kind == "rit" and deadline and today > deadline:
                raise UserError(
                    _(
                        "The plan of this reintegration trajectory was due on "
                        "%(date)s: after that date the trajectory needs a motivated "
                        "report instead.",
                        date=format_date(self.env, deadline),
                    )
                )
        return {
            "proposed_date": today,
            "reply_date": False,
            "refusal_reason": False,
            "reply_channel": False,
            "paper_reply_date": False,
            "reply_scan_id": False,
        }

    def _wf_after_propose(self):
        today = fields.Date.context_today(self)
        self._send_trajectory_plans(today)
        by_deadline = defaultdict(lambda: self.browse())
        for plan in self:
            # The worker replies within 14 days; under a trajectory whose plan
            # was already sent, its own reply deadline counts.
            rit_deadline = plan.trajectory_id.sudo().employee_reply_deadline
            deadline = (plan.kind == "rit" and rit_deadline) or (
                today + timedelta(days=REPLY_DAYS)
            )
            by_deadline[deadline] |= plan
        with self._workflow_system():
            for deadline, plans in by_deadline.items():
                plans.write({"reply_deadline": deadline})
        for plan in self:
            worker = plan.sudo().employee_id.user_id
            if worker:
                plan.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=plan.reply_deadline,
                    summary=env_of_reader(plan, worker)._(
                        "Accept or refuse your reintegration plan"
                    ),
                    user_id=worker.id,
                )
            elif plan.hr_responsible_id:
                # No login: the worker answers on paper, HR records it.
                plan.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=plan.reply_deadline,
                    summary=env_of_reader(plan, plan.hr_responsible_id)._(
                        "Record the paper reply of %(employee)s",
                        employee=plan.sudo().employee_id.name,
                    ),
                    user_id=plan.hr_responsible_id.id,
                )

    def _send_trajectory_plans(self, today):
        """Proposing the plan of a trajectory is sending it: the trajectory
        moves to "plan sent" through its own guard (a revised plan, after a
        refusal, finds it sent already)."""
        for plan in self.filtered(lambda p: p.kind == "rit" and p.trajectory_id):
            trajectory = plan.trajectory_id
            if trajectory.state == "plan_sent":
                continue
            trajectory.write(
                {
                    "plan_or_report": "plan",
                    "state": "plan_sent",
                    "plan_sent_date": today,
                }
            )

    def _wf_back_to_draft(self, vals):
        self._workflow_require_group(
            HR_GROUP,
            _(
                "Only an HR officer sets the plan %(plan)s back to draft.",
                plan=self[:1].name,
            ),
        )

    def _wf_after_back_to_draft(self):
        # The proposal is withdrawn: the employee has nothing to answer.
        todo = self.env.ref("mail.mail_activity_data_todo")
        for plan in self.sudo():
            plan.activity_ids.filtered(
                lambda a, u=plan.employee_id.user_id: a.user_id == u
                and a.activity_type_id == todo
            ).unlink()

    def _wf_accept(self, vals):
        values = self._reply_values(vals)
        self._check_one_active()
        return values

    def _wf_refuse(self, vals):
        values = self._reply_values(vals)
        reason = (vals.get("refusal_reason") or "").strip()
        if not reason:
            raise UserError(
                _("Say why you refuse the plan %(plan)s.", plan=self[:1].name)
            )
        return dict(values, refusal_reason=reason)

    def _reply_values(self, vals):
        """Who replies and when: the employee online, today; or HR, who
        records the reply the worker signed on paper, on its date."""
        if not PAPER_VALUES & set(vals):
            self._check_own_plan()
            return {
                "reply_date": fields.Date.context_today(self),
                "reply_channel": "online",
            }
        self._workflow_require_group(
            HR_GROUP,
            _(
                "Only an HR officer records a reply given on paper to the plan "
                "%(plan)s.",
                plan=self[:1].name,
            ),
        )
        replied = fields.Date.to_date(vals.get("paper_reply_date"))
        scan = self.env["ir.attachment"].browse(vals.get("reply_scan_id") or [])
        for plan in self:
            plan._check_paper_reply(
                replied,
                refusing=vals.get("state") == "refused",
                reason=vals.get("refusal_reason"),
            )
            scan_sudo = scan.sudo()
            if (
                not scan_sudo.exists()
                or scan_sudo.res_model != self._name
                or scan_sudo.res_id != plan.id
            ):
                raise ValidationError(
                    _(
                        "%(field)s: attach the scan of the reply signed by "
                        "%(employee)s to the plan %(plan)s.",
                        field=plan._field_label("reply_scan_id"),
                        employee=plan.sudo().employee_id.name,
                        plan=plan.name,
                    )
                )
        return {"reply_date": replied, "reply_channel": "paper"}

    def _field_label(self, fname):
        return self._fields[fname]._description_string(self.env)

    def _check_paper_reply(self, replied, refusing=False, reason=None):
        """The checks of a reply on paper, before anything is written (the
        wizard runs them before it stores the scan; the move again)."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        field = self._field_label("paper_reply_date")
        if self.state != "proposed":
            raise UserError(
                _(
                    "%(plan)s is %(state)s: a reply is recorded while it is "
                    "proposed to the employee.",
                    plan=self.name,
                    state=self._state_label(),
                )
            )
        if not replied:
            raise ValidationError(
                _(
                    "%(field)s: enter the date the worker signed their reply.",
                    field=field,
                )
            )
        if self.proposed_date and replied < self.proposed_date:
            raise ValidationError(
                _(
                    "%(field)s: the reply (%(date)s) cannot come before the plan "
                    "was proposed (%(proposed)s).",
                    field=field,
                    date=format_date(self.env, replied),
                    proposed=format_date(self.env, self.proposed_date),
                )
            )
        if replied > today:
            raise ValidationError(
                _(
                    "%(field)s: the reply cannot be dated %(date)s, a day to come.",
                    field=field,
                    date=format_date(self.env, replied),
                )
            )
        if refusing and not (reason or "").strip():
            raise ValidationError(
                _(
                    "%(field)s: a refusal gives the worker's reasons.",
                    field=self._field_label("refusal_reason"),
                )
            )

    def _wf_after_reply(self):
        plans = self.sudo()
        reply = plans[:1].state
        paper = plans[:1].reply_channel == "paper"
        todo = self.env.ref("mail.mail_activity_data_todo")
        for plan in plans:
            # Whoever was to reply or to record the reply has nothing to do.
            repliers = self.env.user | (
                (plan.employee_id.user_id | plan.hr_responsible_id)
                if paper
                else self.env.user
            )
            plan.activity_ids.filtered(
                lambda a, u=repliers: a.user_id in u and a.activity_type_id == todo
            ).action_feedback(feedback=plan._state_label())
        for plan in plans:
            trajectory = plan.trajectory_id
            if plan.kind == "rit" and trajectory:
                # The fact and the day of the reply: the reasons of a refusal
                # stay on the plan, for HR and the employee (not the manager).
                trajectory.write(
                    {
                        "employee_reply": reply,
                        "employee_reply_date": plan.reply_date
                        or fields.Date.context_today(self),
                    }
                )
                trajectory.message_post(
                    body=_(
                        "The worker accepted the reintegration plan on %(date)s.",
                        date=format_date(
                            self.env,
                            plan.reply_date or fields.Date.context_today(self),
                        ),
                    )
                    if reply == "accepted"
                    else _(
                        "The worker refused the reintegration plan on %(date)s.",
                        date=format_date(
                            self.env,
                            plan.reply_date or fields.Date.context_today(self),
                        ),
                    )
                )
            if plan.hr_responsible_id and not paper:
                hr_env = env_of_reader(plan, plan.hr_responsible_id)
                plan.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=hr_env._(
                        "%(employee)s accepted the plan",
                        employee=plan.employee_id.name,
                    )
                    if reply == "accepted"
                    else hr_env._(
                        "%(employee)s refused the plan",
                        employee=plan.employee_id.name,
                    ),
                    user_id=plan.hr_responsible_id.id,
                )

    def _wf_start(self, vals):
        self._workflow_require_group(
            HR_GROUP,
            _("Only an HR officer starts the plan %(plan)s.", plan=self[:1].name),
        )
        self._check_one_active()
        for plan in self.sudo():
            if not (
                plan.employee_id.resource_calendar_id
                or plan.company_id.resource_calendar_id
            ):
                raise UserError(
                    _(
                        "%(employee)s has no working schedule: the plan %(plan)s "
                        "cannot derive the reduced ones from it.",
                        employee=plan.employee_id.name,
                        plan=plan.name,
                    )
                )

    def _wf_after_start(self):
        # The schedule of the employee is derived from this plan from now on:
        # the normal one is kept to come back to.
        by_calendar = defaultdict(lambda: self.browse())
        for plan in self.sudo():
            calendar = (
                plan.employee_id.resource_calendar_id
                or plan.company_id.resource_calendar_id
            )
            by_calendar[calendar._normal_calendar()] |= plan
        with self._workflow_system():
            for calendar, plans in by_calendar.items():
                plans.write({"original_calendar_id": calendar.id})
        self._schedule_phase_reviews()
        self._apply_schedules()

    def _wf_complete(self, vals):
        self._workflow_require_group(
            HR_GROUP,
            _("Only an HR officer completes the plan %(plan)s.", plan=self[:1].name),
        )
        for plan in self:
            last = plan.phase_ids.sorted("date_start")[-1:]
            reason = vals.get("not_full_reason", plan.not_full_reason)
            if last.percentage < 100 and not (reason or "").strip():
                raise UserError(
                    _(
                        "The last phase of %(plan)s is %(percentage)s%%: say why "
                        "the plan ends below the normal regime before completing it.",
                        plan=plan.name,
                        percentage=last.percentage,
                    )
                )
        return {"end_date": fields.Date.context_today(self)}

    def _wf_stop(self, vals):
        self._workflow_require_group(
            HR_GROUP,
            _("Only an HR officer stops the plan %(plan)s.", plan=self[:1].name),
        )
        return {"end_date": fields.Date.context_today(self)}

    def _wf_after_end(self):
        self._restore_schedules()
        self.env["mail.activity"].sudo().search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref(
                        "hr_burnout_prevention.mail_activity_type_phase_review"
                    ).id,
                ),
            ]
        ).unlink()

    # ------------------------------------------------------------------
    # Actions: each one is a move of the guard
    # ------------------------------------------------------------------
    def _move(self, state):
        """A button's move: the same as a plain write of the state (the
        guard checks both), except that a plan already in ``state`` is
        refused with the guard's message instead of left as it is."""
        for plan in self:
            if plan.state == state:
                plan._workflow_step("state", state, state)
        self.write({"state": state})
        return True

    def action_open_schedule_wizard(self):
        self.ensure_one()
        self._check_hr()
        self._check_content_editable()
        return {
            "type": "ir.actions.act_window",
            "name": _("Generate the Schedule"),
            "res_model": "hr.reintegration.schedule.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": self.id},
        }

    def action_propose(self):
        return self._move("proposed")

    def _send_portal_invitation(self, user):
        """The invitation to choose a password, queued (sent by the mail
        queue): a mail server down does not undo the login."""
        user.partner_id.signup_prepare(signup_type="signup")
        template = self.env.ref(
            "auth_signup.set_password_email", raise_if_not_found=False
        )
        if template:
            template.sudo().send_mail(
                user.id,
                force_send=False,
                email_values={
                    "email_to": user.email,
                    "email_cc": False,
                    "recipient_ids": [],
                    "partner_ids": [],
                    "auto_delete": True,
                    "message_type": "user_notification",
                    "scheduled_date": False,
                },
            )

    def action_reset_draft(self):
        return self._move("draft")

    def action_accept(self):
        return self._move("accepted")

    def action_refuse(self, reason=None):
        """The employee refuses, with a reason (asked in a wizard)."""
        if reason is None:
            for plan in self:
                if plan.state != "proposed":
                    plan._workflow_step("state", plan.state, "refused")
            self._check_own_plan()
            return {
                "type": "ir.actions.act_window",
                "name": _("Refuse the Plan"),
                "res_model": "hr.reintegration.refuse.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"default_plan_id": self.ensure_one().id},
            }
        for plan in self:
            if plan.state == "refused":
                plan._workflow_step("state", "refused", "refused")
        self.write({"state": "refused", "refusal_reason": reason})
        return True

    def action_start(self):
        return self._move("running")

    def action_record_paper_reply(self):
        """HR records the reply the worker signed on paper (a wizard: the
        date, accept or refuse with reasons, the scan)."""
        self.ensure_one()
        self._check_hr()
        self._check_action_state(("proposed",))
        return {
            "type": "ir.actions.act_window",
            "name": _("Record the Paper Reply"),
            "res_model": "hr.reintegration.paper.reply.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": self.id},
        }

    def action_create_portal_user(self):
        """HR gives the worker a portal login in one step, so that they
        answer the plan themselves: a portal user on the employee's work
        contact, linked to the employee, invited by mail. Only a portal
        user: HR never creates an internal user or gives a group."""
        self._check_hr()
        portal = self.env.ref(PORTAL_GROUP)
        for plan in self:
            employee = plan.employee_id.sudo()
            if employee.user_id:
                raise UserError(
                    _(
                        "%(employee)s already has a login (%(login)s).",
                        employee=employee.name,
                        login=employee.user_id.login,
                    )
                )
            email = (employee.work_email or employee.private_email or "").strip()
            if not email:
                raise UserError(
                    _(
                        "%(field)s: enter an email address of %(employee)s first; "
                        "the invitation is sent there.",
                        field=employee._fields["work_email"]._description_string(
                            self.env
                        ),
                        employee=employee.name,
                    )
                )
            users = self.env["res.users"].sudo().with_context(active_test=False)
            if users.search_count([("login", "=ilike", email)]):
                raise UserError(
                    _(
                        "A user with the login %(login)s exists already: link it "
                        "to %(employee)s in the employee's form.",
                        login=email,
                        employee=employee.name,
                    )
                )
            partner = employee.work_contact_id
            user = users.with_context(no_reset_password=True).create(
                {
                    "name": employee.name,
                    "login": email,
                    "email": email,
                    "partner_id": partner.id or False,
                    "company_id": plan.company_id.id,
                    "company_ids": [(6, 0, plan.company_id.ids)],
                    "groups_id": [(6, 0, portal.ids)],
                }
            )
            employee.user_id = user
            plan._send_portal_invitation(user)
            plan.message_post(
                body=_(
                    "A portal login was created for %(employee)s and an "
                    "invitation sent to %(email)s.",
                    employee=employee.name,
                    email=email,
                )
            )
        return True

    def action_apply_schedule(self):
        self._workflow_require_group(
            HR_GROUP,
            _(
                "Only an HR officer applies the schedule of the plan %(plan)s.",
                plan=self[:1].name,
            ),
        )
        for plan in self:
            if plan.state != "running":
                raise UserError(
                    _(
                        "%(plan)s is %(state)s: its schedule is applied while it runs.",
                        plan=plan.name,
                        state=plan._state_label(),
                    )
                )
        self._apply_schedules()
        return True

    def action_complete(self):
        return self._move("completed")

    def action_stop(self):
        return self._move("stopped")

    # ------------------------------------------------------------------
    # One path from the case and the trajectory to the plan
    # ------------------------------------------------------------------
    @api.model
    def _plan_counts(self, fname, records):
        """{record id: number of plans} for a smart button, in one query."""
        groups = self._read_group([(fname, "in", records.ids)], [fname], ["__count"])
        return {record.id: count for record, count in groups}

    @api.model
    def _defaults_from(self, case=None, trajectory=None):
        """The values a new plan takes from where it is made: the employee,
        the case, the trajectory and the restrictions of its decision. They
        are defaults only: the plan's constraints check them on save."""
        values = {}
        if trajectory:
            case = case or trajectory.case_id
            values.update(
                {
                    "default_kind": "rit",
                    "default_trajectory_id": trajectory.id,
                    "default_adapted_work": trajectory.functional_restrictions or False,
                }
            )
        if case:
            values["default_case_id"] = case.id
            start = case.return_date or case.expected_return_date
            if start:
                values["default_date_start"] = fields.Date.to_string(start)
        employee = (trajectory or case).employee_id if (trajectory or case) else None
        if employee:
            values["default_employee_id"] = employee.id
        return values

    @api.model
    def _action_open_plans(self, domain, defaults):
        """The plans of a case or a trajectory: the only one opens at once;
        none opens a new one with the defaults of where it comes from."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_burnout_prevention.hr_reintegration_plan_action"
        )
        plans = self.search(domain)
        action["domain"] = domain
        action["context"] = defaults
        if len(plans) <= 1:
            action.update(
                {
                    "view_mode": "form",
                    "views": [(False, "form")],
                    "res_id": plans.id,
                }
            )
        return action

    def action_print(self):
        return self.env.ref(
            "hr_burnout_prevention.hr_reintegration_plan_report"
        ).report_action(self)

    def _backdate_reply(self, proposed_date, reply_date):
        """Server code only (no RPC reaches a private method): a plan that
        was proposed and answered on paper before it was entered (the demo's
        story) says when. The reply deadline follows the proposal."""
        proposed = fields.Date.to_date(proposed_date)
        replied = fields.Date.to_date(reply_date)
        today = fields.Date.context_today(self)
        for plan in self:
            if plan.state in ("draft", "proposed") or not (
                proposed <= replied <= today
            ):
                raise UserError(
                    _(
                        "%(plan)s cannot say it was proposed on %(proposed)s and "
                        "answered on %(replied)s.",
                        plan=plan.name,
                        proposed=proposed,
                        replied=replied,
                    )
                )
        with self._workflow_system():
            self.write(
                {
                    "proposed_date": proposed,
                    "reply_deadline": proposed + timedelta(days=REPLY_DAYS),
                    "reply_date": replied,
                }
            )
        return True

    # ------------------------------------------------------------------
    # Schedule generation and application (batch)
    # ------------------------------------------------------------------
    def _generate_schedules(
        self,
        start_percentage,
        step,
        weeks_per_step,
        target=100.0,
        weekdays=(),
        date_start=None,
    ):
        """Replace the phases of every plan by generated ones."""
        from .hr_reintegration_phase import DAY_FIELDS, generate_phases

        self._check_content_editable()
        phase_vals = []
        plan_dates = {}
        for plan in self:
            start = date_start or plan.date_start
            generated = generate_phases(
                start, start_percentage, step, weeks_per_step, target
            )
            # Check everything before the current schedule is replaced.
            weekday_numbers = tuple(DAY_FIELDS[f"work_{day}"] for day in weekdays)
            if weekday_numbers and plan.normal_calendar_id:
                plan.normal_calendar_id._check_share_fits(
                    max(vals["percentage"] for vals in generated), weekday_numbers
                )
            last_end = generated[-1]["date_end"]
            if plan.date_end and last_end > plan.date_end:
                raise ValidationError(
                    _(
                        "The schedule would end on %(end)s, after the plan's "
                        "validity (%(valid)s): extend the validity or use fewer or "
                        "shorter steps.",
                        end=last_end,
                        valid=format_date(self.env, plan.date_end),
                    )
                )
            plan_dates[plan] = (min(plan.date_start, start), plan.date_end or last_end)
            for vals in generated:
                vals["plan_id"] = plan.id
                for day in weekdays:
                    vals[f"work_{day}"] = True
                phase_vals.append(vals)
        self.phase_ids.unlink()
        by_dates = defaultdict(lambda: self.browse())
        for plan, (start, end) in plan_dates.items():
            by_dates[start, end] |= plan
        for (start, end), plans in by_dates.items():
            plans.filtered(
                lambda p, s=start, e=end: (p.date_start, p.date_end) != (s, e)
            ).write({"date_start": start, "date_end": end})
        return self.env["hr.reintegration.phase"].create(phase_vals)

    def _target_calendars(self, today):
        """{plan: (normal calendar, percentage, weekdays)} for today."""
        targets = {}
        for plan in self:
            normal = plan.original_calendar_id
            phase = plan.phase_ids.filtered(
                lambda p: p.date_start <= today <= p.date_end
            )[:1]
            if phase:
                targets[plan] = (normal, phase.percentage, phase._weekdays())
            else:
                targets[plan] = (normal, 100.0, ())
        return targets

    def _apply_schedules(self, today=None):
        """Set on each employee the working schedule of their current phase
        (the normal one before the first and after the last phase). The
        number of queries does not grow with the number of plans."""
        today = today or fields.Date.context_today(self)
        # The schedule of an employee is derived from their one running plan
        # (the moves allow no second one; should the data hold two, the
        # latest wins instead of both rewriting it in turn).
        latest = {}
        for plan in self.sudo().filtered(lambda p: p.state == "running"):
            if plan.employee_id not in latest or latest[plan.employee_id].id < plan.id:
                latest[plan.employee_id] = plan
        plans = self.sudo().browse([plan.id for plan in latest.values()])
        if not plans:
            return
        targets = plans._target_calendars(today)
        calendars = self.env["resource.calendar"]._reintegration_calendars(
            set(targets.values())
        )
        employees_by_calendar = defaultdict(lambda: self.env["hr.employee"].sudo())
        plans_by_calendar = defaultdict(lambda: self.sudo().browse())
        for plan, key in targets.items():
            calendar = calendars[key]
            plans_by_calendar[calendar] |= plan
            if plan.employee_id.resource_calendar_id != calendar:
                employees_by_calendar[calendar] |= plan.employee_id
        self._set_calendars(employees_by_calendar)
        with self._workflow_system():
            for calendar, group in plans_by_calendar.items():
                group.filtered(lambda p, c=calendar: p.applied_calendar_id != c).write(
                    {"applied_calendar_id": calendar.id}
                )
        plans.phase_ids._update_states(today)

    def _restore_schedules(self):
        plans = self.sudo().filtered("original_calendar_id")
        by_calendar = defaultdict(lambda: self.env["hr.employee"].sudo())
        for plan in plans:
            if plan.employee_id.resource_calendar_id != plan.original_calendar_id:
                by_calendar[plan.original_calendar_id] |= plan.employee_id
        self._set_calendars(by_calendar)
        with self._workflow_system():
            plans.write({"applied_calendar_id": False})

    @api.model
    def _set_calendars(self, employees_by_calendar):
        """Switch the working schedule of many employees in a few queries:
        on their resources at once (``hr.employee.write`` inverses the related
        field record by record), then, as hr_holidays does when an employee's
        schedule changes, their future time off follows it.

        The audit trail stays what Odoo's tracking writes (a note in each
        employee's chatter with the old and the new schedule), written in
        one batch (``_log_calendar_changes``) instead of Odoo's message per
        employee at commit."""
        now = fields.Datetime.now()
        changes = {}
        for calendar, employees in employees_by_calendar.items():
            for employee in employees:
                changes[employee.id] = (employee.resource_calendar_id, calendar)
            employees.resource_id.write({"calendar_id": calendar.id})
            self.env["hr.leave"].sudo().search(
                [
                    ("employee_id", "in", employees.ids),
                    ("resource_calendar_id", "!=", calendar.id),
                    ("date_from", ">", now),
                ]
            ).write({"resource_calendar_id": calendar.id})
        self._log_calendar_changes(changes)

    @api.model
    def _log_calendar_changes(self, changes):
        """``changes``: {employee id: (old calendar, new calendar)}. The
        employees' stored schedule is recomputed now without Odoo's tracking
        (one message per employee at commit), and the same messages, with
        the same tracking values, are created in one batch."""
        if not changes:
            return
        Employee = self.env["hr.employee"].sudo()
        employees = Employee.browse(list(changes))
        employees.with_context(tracking_disable=True)._recompute_recordset(
            ["resource_calendar_id"]
        )
        fname = "resource_calendar_id"
        col_info = Employee.fields_get([fname], attributes=("string", "type"))[fname]
        Tracking = self.env["mail.tracking.value"].sudo()
        author_id, email_from = Employee._message_compute_author(
            None, None, raise_on_email=False
        )
        base = {
            "author_id": author_id,
            "email_from": email_from,
            "model": Employee._name,
            "message_type": "notification",
            "is_internal": True,
            "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
            "body": "",
            # Given, as Odoo's _message_log_batch does: not looked up per
            # message.
            "record_alias_domain_id": False,
            "record_company_id": False,
            "record_name": False,
            "reply_to": self.env["mail.thread"]._notify_get_reply_to(
                default=email_from
            )[False],
        }
        logged = employees.filtered(lambda e: changes[e.id][0] != changes[e.id][1])
        if not logged:
            return
        messages = Employee._message_create(
            [dict(base, res_id=employee.id) for employee in logged]
        )
        Tracking.create(
            [
                dict(
                    Tracking._create_tracking_values(
                        *changes[employee.id], fname, col_info, employee
                    ),
                    mail_message_id=message.id,
                )
                for employee, message in zip(logged, messages, strict=True)
            ]
        )

    def _schedule_phase_reviews(self):
        """One review activity per phase for the line manager, due at the end
        of the phase."""
        activity_type = self.env.ref(
            "hr_burnout_prevention.mail_activity_type_phase_review"
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for plan in self.sudo():
            user = plan.manager_user_id or plan.hr_responsible_id
            if not user:
                continue
            for phase in plan.phase_ids:
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": plan.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "date_deadline": phase.review_date or phase.date_end,
                        "summary": _(
                            "Review phase %(number)s (%(percentage)s%%) with "
                            "%(employee)s",
                            number=phase.number,
                            percentage=percent_label(phase.percentage),
                            employee=plan.employee_id.name,
                        ),
                    }
                )
        self.env["mail.activity"].sudo().create(vals_list)

    @api.model
    def _cron_apply_schedules(self, page_size=PAGE_SIZE, max_pages=None):
        """Today's schedule of every running plan's employee, in committed
        pages with the progress reported; the plans stay running, so a
        bookmark says where a stopped call continues."""
        today = fields.Date.context_today(self)
        return walk_pages(
            self.env,
            [
                CronStep(
                    self._name,
                    [("state", "=", "running")],
                    lambda plans: plans._apply_schedules(today),
                    cursor=f"{self._name}._cron_apply_schedules",
                )
            ],
            page_size=page_size,
            max_pages=max_pages,
        )

from collections import defaultdict
from contextlib import ExitStack
from contextvars import ContextVar
from datetime import timedelta

from odoo import _, _lt, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from .wellbeing_cron import CronStep, followers_in_batch, walk_pages
from .wellbeing_i18n import env_of_reader, overdue_ids_domain

# A case's steps still to do, with a deadline (its next deadline is the
# first of them): searched for a list of cases, filtered for one.
OPEN_DEADLINE_DOMAIN = [
    ("done", "=", False),
    ("no_longer_needed", "=", False),
    ("information_only", "=", False),
    ("date_deadline", "!=", False),
]

CASE_STATES = [
    ("absent", "Absent"),
    ("return_planned", "Return Planned"),
    ("returned", "Returned"),
    ("closed", "Closed"),
]
OPEN_STATES = ("absent", "return_planned")
CHANNELS = [
    ("card", "Card"),
    ("text", "Text message"),
    ("phone", "Phone call"),
    ("visit", "Short visit"),
    ("email", "E-mail"),
]
# The relapse window is protocol data (`relapse_days`): falling ill again less
# than that many days after a return reopens the case.
CASE_MIN_DAYS = 28
HR_GROUP = "hr_burnout_prevention.group_hr_officer"
# The terms of the contact plan the employee agrees with: when one of them
# changes, the agreement no longer holds and the employee is asked again.
CONTACT_PLAN_FIELDS = (
    "contact_user_id",
    "contact_frequency",
    "contact_channel",
    "topics_to_avoid",
    "contact_pause_until",
)
# The contact wishes the employee changes themselves on their own open case
# (the employee has no write access to the case: `_write_contact_wishes`).
EMPLOYEE_WISH_FIELDS = (
    "contact_frequency",
    "contact_channel",
    "topics_to_avoid",
    "contact_pause_until",
)
# Written only together with the move that sets them: {field: (moving
# field, its new value)}.
MOVE_FIELDS = {
    "contact_plan_agreed_date": ("contact_plan_agreed", True),
    "date_closed": ("state", "closed"),
}
# Computed by the system from other records: no client writes them.
DERIVED_FIELDS = (
    "name",
    "employee_name",
    "department_id",
    "manager_user_id",
    "employee_user_id",
    "protocol_id",
    "last_contact_date",
    "next_contact_date",
    "fading_date",
    "next_deadline",
    "next_deadline_name",
    "has_overdue",
)
# The day of the relapse of a reopen, set by server code only (the system
# from validated sick time off, the reopen button): a client cannot reach it.
_RELAPSE_DAY = ContextVar("hr_absence_relapse_day", default=None)
# Changing one of them moves the legal steps of the case.
SYNC_FIELDS = {"date_start", "return_date", "company_id", "work_potential"}
# Client context keys that would silence the chatter of a guarded change.
NO_SILENCE = {"tracking_disable": False, "mail_notrack": False}


class HrAbsenceCase(models.Model):
    _name = "hr.absence.case"
    _description = "Absence Case"
    # The guard first: its moves reach mail.thread with their chatter on,
    # whatever context the client sent.
    _inherit = [
        "hr.wellbeing.workflow.mixin",
        "hr.wellbeing.reader.name.mixin",
        "hr.wellbeing.managed.mixin",
        "hr.legal.deadline.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "hr.reintegration.plan.source.mixin",
    ]
    _order = "date_start desc, id desc"
    _reader_name = _lt("%(employee)s since %(date)s")
    _reader_name_fields = ("employee_name", "date_start")
    _check_company_auto = True
    _workflow = {
        "state": {
            ("absent", "return_planned"): "_wf_plan_return",
            ("absent", "returned"): ("_wf_register_return", "_wf_after_return"),
            ("return_planned", "returned"): (
                "_wf_register_return",
                "_wf_after_return",
            ),
            ("returned", "closed"): ("_wf_close", "_wf_after_close"),
            ("returned", "absent"): ("_wf_reopen", "_wf_after_reopen"),
            ("closed", "absent"): ("_wf_reopen", "_wf_after_reopen"),
        },
        "contact_plan_agreed": {
            (False, True): "_wf_agree",
            (True, False): "_wf_withdraw_agreement",
        },
    }
    _workflow_initial = {"state": ("absent",), "contact_plan_agreed": (False,)}
    _workflow_system_fields = (
        "relapse_count",
        "letter_sent_date",
        "contact_reminded_on",
        "fading_alert_date",
    )

    # No field of this model holds a diagnosis or a reason of the absence.
    # The name is built when read, in the reader's language (not stored in
    # the maker's): hr.wellbeing.reader.name.mixin.
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True, check_company=True
    )
    # The employee's name on the case's own row: the name above and the pages
    # of the cron (activities name their case) read it without a query.
    employee_name = fields.Char(related="employee_id.name", store=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    department_id = fields.Many2one(
        "hr.department", compute="_compute_employee_links", store=True
    )
    manager_user_id = fields.Many2one(
        "res.users",
        "Line Manager",
        compute="_compute_employee_links",
        store=True,
    )
    employee_user_id = fields.Many2one(
        "res.users", compute="_compute_employee_links", store=True
    )
    hr_responsible_id = fields.Many2one(
        "res.users",
        "HR Officer",
        default=lambda self: self._default_hr_responsible(),
        tracking=True,
        domain=lambda self: [
            (
                "groups_id",
                "in",
                self.env.ref("hr_burnout_prevention.group_hr_officer").id,
            )
        ],
    )
    state = fields.Selection(
        CASE_STATES,
        default="absent",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    date_start = fields.Date(
        "First Day of Incapacity", required=True, tracking=True, index=True
    )
    expected_return_date = fields.Date(tracking=True)
    return_date = fields.Date(
        "Actual Return Date", tracking=True, help="First day back at work."
    )
    date_closed = fields.Date(readonly=True, tracking=True, copy=False)
    relapse_count = fields.Integer(readonly=True, copy=False)
    leave_ids = fields.Many2many(
        "hr.leave",
        string="Source Time Off",
        readonly=True,
        groups="hr_holidays.group_hr_holidays_user",
    )
    protocol_id = fields.Many2one(
        "hr.legal.protocol",
        compute="_compute_protocol_id",
        store=True,
        help="The legal protocol in force on the first day of incapacity.",
    )
    rules_version = fields.Selection(related="protocol_id.rules_version")
    is_own_case = fields.Boolean(compute="_compute_is_own_case")

    # Contact plan, agreed with the employee.
    contact_user_id = fields.Many2one(
        "res.users",
        "Contact Person",
        compute="_compute_contact_user_id",
        store=True,
        readonly=False,
        tracking=True,
    )
    contact_frequency = fields.Integer(
        "Contact Every (days)",
        default=lambda self: self.env.company.absence_contact_frequency or 14,
        tracking=True,
    )
    contact_channel = fields.Selection(CHANNELS, default="phone", tracking=True)
    topics_to_avoid = fields.Text(help="Written together with the employee.")
    contact_pause_until = fields.Date("Pause Contact Until", tracking=True)
    contact_plan_agreed = fields.Boolean(
        readonly=True,
        tracking=True,
        copy=False,
        help="The employee agreed with the contact plan as it is. A change of "
        "the plan asks the employee again.",
    )
    contact_plan_agreed_date = fields.Date(
        "Plan Agreed by the Employee On", readonly=True, tracking=True, copy=False
    )
    contact_ids = fields.One2many("hr.absence.contact", "case_id", "Contact Log")
    last_contact_date = fields.Date(compute="_compute_contact_dates", store=True)
    next_contact_date = fields.Date(compute="_compute_contact_dates", store=True)
    fading_date = fields.Date(
        "Contact Fades On",
        compute="_compute_contact_dates",
        store=True,
        help="Nobody was in touch for the fading multiplier times the frequency.",
    )
    contact_reminded_on = fields.Date(readonly=True, copy=False)
    fading_alert_date = fields.Date(readonly=True, copy=False)

    # Milestones and deadlines.
    milestone_ids = fields.One2many("hr.absence.milestone", "case_id", "Milestones")
    trajectory_ids = fields.One2many(
        "hr.reintegration.trajectory", "case_id", "Reintegration Trajectories"
    )
    trajectory_count = fields.Integer(compute="_compute_trajectory_count")
    next_deadline = fields.Date(compute="_compute_next_deadline", store=True)
    # The next milestone's label in the reader's language, when read.
    next_deadline_name = fields.Char(compute="_compute_next_deadline_name")
    has_overdue = fields.Boolean(
        "Overdue", compute="_compute_has_overdue", search="_search_has_overdue"
    )
    letter_sent_date = fields.Date(
        "Day-28 Letter Sent On", readonly=True, tracking=True, copy=False
    )
    # The occupational physician's estimate of the work potential (2026
    # rules, asked after 8 weeks): only its result, never a reason.
    work_potential = fields.Selection(
        [("yes", "Work potential"), ("no", "No work potential")],
        "Work Potential Estimate",
        tracking=True,
        copy=False,
        help="The occupational physician's estimate of the remaining work "
        "potential. With potential, employers with at least the number of "
        "workers of the settings must start a reintegration trajectory within "
        "the period of the protocol.",
    )
    work_potential_date = fields.Date(
        "Work Potential Estimated On", tracking=True, copy=False
    )
    pre_return_visit_ids = fields.One2many(
        "hr.absence.pre.return.visit",
        "case_id",
        "Pre-Return Visits",
        groups="hr_burnout_prevention.group_hr_officer,"
        "hr_burnout_prevention.group_occupational_physician",
    )
    force_majeure_possible = fields.Boolean(
        compute="_compute_force_majeure_possible",
        help="The period of the protocol has passed and no reintegration "
        "trajectory is running.",
    )

    @api.model
    def _default_hr_responsible(self):
        if self.env.user.has_group(HR_GROUP):
            return self.env.user
        return False

    def _search_name(self, operator, value):
        return [("employee_name", operator, value)]

    @api.depends(
        "employee_id.user_id",
        "employee_id.parent_id.user_id",
        "employee_id.department_id.manager_id.user_id",
    )
    def _compute_employee_links(self):
        for case in self:
            employee = case.employee_id.sudo()
            case.department_id = employee.department_id
            case.manager_user_id = (
                employee.parent_id.user_id or employee.department_id.manager_id.user_id
            )
            case.employee_user_id = employee.user_id

    @api.depends_context("uid")
    @api.depends("employee_id")
    def _compute_contact_user_id(self):
        for case in self:
            if not case.contact_user_id:
                employee = case.employee_id.sudo()
                case.contact_user_id = (
                    employee.parent_id.user_id
                    or employee.department_id.manager_id.user_id
                )

    @api.depends("date_start", "company_id")
    def _compute_protocol_id(self):
        protocol_model = self.env["hr.legal.protocol"]
        pool = protocol_model._pool()
        for case in self:
            case.protocol_id = protocol_model._find(
                case.date_start, case.company_id, pool=pool
            )

    @api.depends_context("uid")
    @api.depends("employee_id.user_id")
    def _compute_is_own_case(self):
        for case in self:
            case.is_own_case = case.employee_id.sudo().user_id == self.env.user

    @api.depends(
        "date_start",
        "contact_ids.date",
        "contact_ids.is_corrected",
        "contact_frequency",
        "contact_pause_until",
        "company_id.absence_fading_multiplier",
    )
    def _compute_contact_dates(self):
        for case in self:
            contacts = case.contact_ids.filtered(lambda c: not c.is_corrected)
            last = max(contacts.mapped("date"), default=False)
            case.last_contact_date = last
            base = last or case.date_start
            if not base or case.contact_frequency <= 0:
                case.next_contact_date = case.fading_date = False
                continue
            frequency = case.contact_frequency
            multiplier = case.company_id.absence_fading_multiplier or 3
            next_date = base + timedelta(days=frequency)
            fading = base + timedelta(days=frequency * multiplier)
            pause = case.contact_pause_until
            if pause and pause >= next_date:
                next_date = pause + timedelta(days=1)
                fading = max(fading, pause + timedelta(days=frequency * multiplier))
            case.next_contact_date = next_date
            case.fading_date = fading

    @api.depends("trajectory_ids")
    def _compute_trajectory_count(self):
        for case in self:
            case.trajectory_count = len(case.trajectory_ids)

    @api.depends_context("date")
    @api.depends("state", "milestone_ids.date_deadline", "trajectory_ids.state")
    def _compute_force_majeure_possible(self):
        today = fields.Date.context_today(self)
        for case in self:
            step = case.sudo().milestone_ids.filtered(
                lambda m: m.code == "force_majeure" and not m.trajectory_id
            )[:1]
            running = case.sudo().trajectory_ids.filtered(
                lambda r: r.state in ("requested", "decided", "plan_sent")
            )
            case.force_majeure_possible = bool(
                case.state in OPEN_STATES
                and step
                and step.date_deadline <= today
                and not running
            )

    @api.depends(
        "milestone_ids.date_deadline",
        "milestone_ids.done",
        "milestone_ids.information_only",
        "milestone_ids.no_longer_needed",
    )
    def _compute_next_deadline(self):
        for case in self:
            case.next_deadline = case._open_deadlines()[:1].date_deadline

    @api.depends_context("tz")
    @api.depends("milestone_ids.is_overdue")
    def _compute_has_overdue(self):
        # In one search for the saved cases: a list of cases reads it.
        saved = self.filtered(lambda case: isinstance(case.id, int))
        overdue = set()
        if saved:
            overdue = set(
                self.env["hr.absence.milestone"]
                .sudo()
                .search_fetch(
                    [("case_id", "in", saved.ids), ("is_overdue", "=", True)],
                    ["case_id"],
                )
                .case_id.ids
            )
        for case in saved:
            case.has_overdue = case.id in overdue
        for case in self - saved:
            case.has_overdue = any(case.milestone_ids.mapped("is_overdue"))

    def _search_has_overdue(self, operator, value):
        overdue = (
            self.env["hr.absence.milestone"]
            .sudo()
            ._search([("is_overdue", "=", True)])
            .subselect("case_id")
        )
        return overdue_ids_domain(self.env, operator, value, overdue)

    @api.depends(
        "milestone_ids.date_deadline",
        "milestone_ids.done",
        "milestone_ids.information_only",
        "milestone_ids.no_longer_needed",
        "milestone_ids.name",
    )
    @api.depends_context("lang")
    def _compute_next_deadline_name(self):
        # The saved cases' next steps in one search (the reader's rules
        # applied in the same query), not a read of all their milestones.
        saved = self.filtered(lambda case: isinstance(case.id, int))
        names = {}
        if saved:
            steps = self.env["hr.absence.milestone"].search_fetch(
                [("case_id", "in", saved.ids), *OPEN_DEADLINE_DOMAIN],
                ["case_id", "name"],
                order="date_deadline, sequence, id",
            )
            for step in steps:
                names.setdefault(step.case_id.id, step.name)
        for case in self:
            if case in saved:
                case.next_deadline_name = names.get(case.id, False)
            else:
                case.next_deadline_name = case._open_deadlines()[:1].name

    def _open_deadlines(self):
        """The case's steps still to do, with a deadline, the first first."""
        self.ensure_one()
        return self.milestone_ids.filtered_domain(OPEN_DEADLINE_DOMAIN).sorted(
            lambda m: (m.date_deadline, m.sequence, m.id)
        )

    @api.constrains(
        "date_start",
        "expected_return_date",
        "return_date",
        "date_closed",
        "state",
        "work_potential",
        "work_potential_date",
    )
    def _check_dates(self):
        for case in self:
            if bool(case.work_potential) != bool(case.work_potential_date):
                raise ValidationError(
                    _(
                        "The work potential estimate of %(case)s is recorded with "
                        "its result and the day of the estimate.",
                        case=case.name,
                    )
                )
            for field_name in (
                "expected_return_date",
                "return_date",
                "date_closed",
                "work_potential_date",
            ):
                if case[field_name] and case[field_name] < case.date_start:
                    raise ValidationError(
                        _(
                            "The %(field)s (%(date)s) of %(case)s cannot be before "
                            "the first day of incapacity (%(start)s).",
                            field=case._field_label(field_name),
                            date=case[field_name],
                            case=case.name,
                            start=format_date(self.env, case.date_start),
                        )
                    )
            if case.state in ("returned", "closed") and not case.return_date:
                raise ValidationError(
                    _(
                        "%(case)s is %(state)s: it keeps its actual return date.",
                        case=case.name,
                        state=case._workflow_label("state", case.state),
                    )
                )

    @api.constrains("employee_id", "state")
    def _check_one_open_case(self):
        cases = self.filtered(lambda c: c.state != "closed")
        if not cases:
            return
        # One grouped count for the batch: an employee with two cases that are
        # not closed (in the batch or already there) is refused.
        counts = {
            employee.id: count
            for employee, count in self.sudo()._read_group(
                [
                    ("employee_id", "in", cases.employee_id.ids),
                    ("state", "!=", "closed"),
                ],
                ["employee_id"],
                ["__count"],
            )
        }
        for case in cases:
            if counts.get(case.employee_id.id, 0) > 1:
                raise ValidationError(
                    _(
                        "%(employee)s already has an absence case that is not "
                        "closed: continue that one.",
                        employee=case.employee_id.sudo().name,
                    )
                )

    @api.constrains("contact_frequency")
    def _check_frequency(self):
        for case in self:
            if case.contact_frequency < 1:
                raise ValidationError(
                    _("The contact frequency must be at least one day.")
                )

    def _field_label(self, field_name):
        return self._fields[field_name]._description_string(self.env)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self._workflow_trusted():
            for vals in vals_list:
                self.browse()._check_client_fields(vals)
        cases = super().create(vals_list)
        cases._sync_milestones()
        return cases

    def write(self, vals):
        if self._workflow_trusted():
            res = super().write(vals)
            if SYNC_FIELDS & set(vals):
                self._sync_milestones()
            if {"contact_ids", "contact_frequency", "contact_pause_until"} & set(vals):
                self._reset_contact_alerts()
            return res
        if self._is_contact_wish_write(vals):
            return self._write_contact_wishes(vals)
        self._check_client_fields(vals)
        cases = self
        if set(vals) & (set(self._workflow) | set(CONTACT_PLAN_FIELDS)):
            # A guarded change always leaves its trace in the chatter.
            cases = self.with_context(**NO_SILENCE)
        agreed = cases._agreed_contact_plans(vals)
        res = super(HrAbsenceCase, cases).write(vals)
        if agreed[1]:
            cases._withdraw_changed_agreements(agreed)
        if SYNC_FIELDS & set(vals) or "state" in vals:
            cases._sync_milestones()
        if {"contact_ids", "contact_frequency", "contact_pause_until"} & set(vals):
            cases._reset_contact_alerts()
        return res

    def _is_contact_wish_write(self, vals):
        """A user outside HR changing only contact wishes: the employee's own
        path (`_write_contact_wishes`), which refuses anyone else."""
        return (
            not self.env.su
            and vals
            and set(vals) <= set(EMPLOYEE_WISH_FIELDS)
            and not self.env.user.has_group(HR_GROUP)
        )

    def get_formview_id(self, access_uid=None):
        """The employee opens their own case (from a link, a mail, an
        activity) in their own view: no HR deadline, no banner."""
        user = self.env["res.users"].browse(access_uid) if access_uid else self.env.user
        if (
            len(self) == 1
            and not user.has_group(HR_GROUP)
            and self.sudo().employee_id.user_id == user
        ):
            return self.env.ref(
                "hr_burnout_prevention.hr_absence_case_view_form_employee"
            ).id
        return super().get_formview_id(access_uid=access_uid)

    def _write_contact_wishes(self, vals):
        """The employee changes the contact wishes of their own open case
        (backend form or portal): only those fields, only while the case is
        open; the change withdraws an agreed contact plan as any change does."""
        unknown = set(vals) - set(EMPLOYEE_WISH_FIELDS)
        if unknown:
            raise AccessError(
                _(
                    "The field %(field)s of an absence case is not one of your "
                    "contact wishes.",
                    field=self._field_label(sorted(unknown)[0]),
                )
            )
        for case in self:
            if case.employee_id.sudo().user_id != self.env.user:
                raise AccessError(
                    _("Only the employee changes the contact wishes of their case.")
                )
            if case.state not in OPEN_STATES:
                raise UserError(
                    _(
                        "The contact wishes of %(case)s no longer change: the "
                        "case is %(state)s.",
                        case=case.name,
                        state=case._workflow_label("state", case.state),
                    )
                )
        if "contact_frequency" in vals and (
            not isinstance(vals["contact_frequency"], int)
            or vals["contact_frequency"] < 1
        ):
            raise UserError(
                _(
                    "%(field)s must be at least 1 day: %(value)s is not a frequency.",
                    field=self._field_label("contact_frequency"),
                    value=vals["contact_frequency"],
                )
            )
        return self.sudo().write(vals)

    def _check_client_fields(self, vals):
        """What a client may not write at all, or only with its move."""
        derived = [f for f in DERIVED_FIELDS if f in vals]
        if derived:
            raise AccessError(
                _(
                    "The field %(field)s of an absence case is computed by the system.",
                    field=self._field_label(derived[0]),
                )
            )
        for field_name, (move, target) in MOVE_FIELDS.items():
            if field_name not in vals:
                continue
            if not self and not vals[field_name]:
                continue
            moving = (
                self
                and vals[field_name]
                and vals.get(move) == target
                and all(self._workflow_value(case, move) != target for case in self)
            )
            if not moving:
                raise UserError(
                    _(
                        "The field %(field)s of an absence case is set with its "
                        "step only (%(step)s: %(value)s).",
                        field=self._field_label(field_name),
                        step=self._field_label(move),
                        value=self._workflow_label(move, target),
                    )
                )
        if "employee_id" in vals and any(
            case.employee_id.id != vals["employee_id"] for case in self
        ):
            raise UserError(
                _(
                    "An absence case stays the case of its employee: open a new "
                    "case for another employee."
                )
            )

    def _workflow_kept(self):
        """Cases that hold what happened: a contact, a trajectory, a letter, an
        agreement, a milestone done, a return or a relapse."""
        return self.filtered(
            lambda c: c.state != "absent"
            or c.relapse_count
            or c.letter_sent_date
            or c.contact_plan_agreed
            or c.sudo().contact_ids
            or c.sudo().trajectory_ids
            or c.sudo().pre_return_visit_ids
            or any(c.sudo().milestone_ids.mapped("done"))
        )

    # ------------------------------------------------------------------
    # The moves, checked by the guard in write()
    # ------------------------------------------------------------------
    def _wf_check_hr(self):
        """HR officers make the moves of a case (server code may too)."""
        self._workflow_require_group(
            HR_GROUP, _("Only an HR officer can do this on an absence case.")
        )

    def _wf_plan_return(self, vals):
        self._wf_check_hr()
        for case in self:
            if not vals.get("expected_return_date", case.expected_return_date):
                raise UserError(
                    _("Set the expected return date of %(case)s first.", case=case.name)
                )

    def _wf_register_return(self, vals):
        """Back at work on the actual return date, today when none is set."""
        self._wf_check_hr()
        if "return_date" in vals:
            return None
        missing = self.filtered(lambda c: not c.return_date)
        today = fields.Date.context_today(self)
        if missing == self:
            return {"return_date": today}
        # Each of the others keeps the return date it has.
        with self._workflow_system():
            missing.write({"return_date": today})
        return None

    def _wf_after_return(self):
        self._close_open_activities()

    def _wf_close(self, vals):
        self._wf_check_hr()
        today = fields.Date.context_today(self)
        closed = fields.Date.to_date(vals.get("date_closed")) or today
        for case in self:
            return_date = fields.Date.to_date(vals.get("return_date", case.return_date))
            if closed > today or (return_date and closed < return_date):
                raise UserError(
                    _(
                        "%(case)s cannot be closed on %(date)s: the closing date "
                        "is between the return (%(return)s) and today.",
                        case=case.name,
                        date=closed,
                        **{"return": format_date(self.env, return_date)},
                    )
                )
        return {"date_closed": closed}

    def _wf_after_close(self):
        """A closed case has nothing left to do: its activities and those of
        its milestones (its trajectories' included) close with it."""
        cases = self.sudo()
        (cases.activity_ids | cases.milestone_ids.activity_ids).unlink()

    def _wf_reopen(self, vals):
        """A relapse continues the same incapacity only when the worker falls
        ill again less than the protocol's relapse window after the return;
        later, a new incapacity starts (a new case)."""
        self._wf_check_hr()
        today = fields.Date.context_today(self)
        relapse_day, from_time_off = _RELAPSE_DAY.get() or (today, False)
        # Validated sick time off may start in the future.
        latest = relapse_day if from_time_off else today
        for case in self:
            if not case.return_date:
                continue
            window = case._relapse_days(relapse_day)
            if not (case.return_date <= relapse_day <= latest):
                raise UserError(
                    _(
                        "%(case)s cannot be reopened as a relapse on %(date)s: "
                        "the day of the relapse is between the return "
                        "(%(return)s) and today.",
                        case=case.name,
                        date=relapse_day,
                        **{"return": case.return_date},
                    )
                )
            if (relapse_day - case.return_date).days >= window:
                raise UserError(
                    _(
                        "%(case)s cannot be reopened as a relapse: falling ill "
                        "again %(days)s days after the return (%(return)s) starts "
                        "a new incapacity. Only a relapse less than %(window)s "
                        "days after the return continues the same incapacity: "
                        "open a new absence case.",
                        case=case.name,
                        days=(relapse_day - case.return_date).days,
                        window=window,
                        **{"return": case.return_date},
                    )
                )
        return {"return_date": False, "date_closed": False}

    def _relapse_days(self, relapse_day):
        """The relapse window of the protocol in force on ``relapse_day``."""
        self.ensure_one()
        protocol = self.env["hr.legal.protocol"]._find(relapse_day, self.company_id)
        return protocol._param("relapse_days") if protocol else 0

    def _wf_after_reopen(self):
        with self._workflow_system():
            for case in self:
                case.write({"relapse_count": case.relapse_count + 1})
        for case in self:
            case.message_post(body=_("Relapse: the case is open again."))

    def _wf_agree(self, vals):
        """Only the employee agrees with their own contact plan, on the live
        link between the employee and their user."""
        today = fields.Date.context_today(self)
        agreed_on = fields.Date.to_date(vals.get("contact_plan_agreed_date")) or today
        for case in self:
            if case.employee_id.sudo().user_id != self.env.user:
                raise AccessError(
                    _("Only the employee can agree with their own contact plan.")
                )
            if agreed_on > today or agreed_on < case.date_start:
                raise UserError(
                    _(
                        "The contact plan of %(case)s cannot be agreed on "
                        "%(date)s: the day is between the first day of "
                        "incapacity and today.",
                        case=case.name,
                        date=format_date(self.env, agreed_on),
                    )
                )
        return {"contact_plan_agreed_date": agreed_on}

    def _wf_withdraw_agreement(self, vals):
        raise UserError(
            _(
                "The employee's agreement with the contact plan of %(case)s is "
                "withdrawn only when the plan changes: change the plan and the "
                "employee is asked again.",
                case=self[:1].name,
            )
        )

    def _agreed_contact_plans(self, vals):
        """The terms of the agreed plans that `vals` may change:
        ``(field names, {case: values})``."""
        fnames = [f for f in CONTACT_PLAN_FIELDS if f in vals]
        if not fnames:
            return fnames, {}
        return fnames, {
            case: [case[f] for f in fnames]
            for case in self.filtered("contact_plan_agreed")
        }

    def _withdraw_changed_agreements(self, agreed):
        """The employee agreed with other terms: ask them again."""
        fnames, terms = agreed
        changed = self.browse(
            [
                case.id
                for case, values in terms.items()
                if values != [case[f] for f in fnames]
            ]
        )
        if not changed:
            return
        with self._workflow_system():
            changed.with_context(**NO_SILENCE).write(
                {"contact_plan_agreed": False, "contact_plan_agreed_date": False}
            )
        for case in changed:
            case.message_post(
                body=_(
                    "The contact plan changed: the employee is asked to agree "
                    "with it again."
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_plan_return(self):
        self._wf_check_hr()
        self._check_action_state(("absent",))
        self.write({"state": "return_planned"})
        return True

    def action_register_return(self):
        self._wf_check_hr()
        self._check_action_state(OPEN_STATES)
        self.write({"state": "returned"})
        return True

    def action_close(self):
        self._wf_check_hr()
        self._check_action_state(("returned",))
        self.write({"state": "closed"})
        return True

    def action_reopen(self, relapse_date=None):
        """A relapse: the same incapacity goes on (the worker fell ill again
        on ``relapse_date``, today by default)."""
        self._wf_check_hr()
        self._check_action_state(("returned", "closed"))
        day = fields.Date.to_date(relapse_date)
        token = _RELAPSE_DAY.set((day, False) if day else None)
        try:
            self.write({"state": "absent"})
        finally:
            _RELAPSE_DAY.reset(token)
        return True

    def _reopen(self, relapse_day=None):
        """A relapse found by the system in validated sick time off."""
        token = _RELAPSE_DAY.set((relapse_day, True) if relapse_day else None)
        try:
            self.write({"state": "absent"})
        finally:
            _RELAPSE_DAY.reset(token)

    def action_agree_contact_plan(self, agreed_on=None):
        """The employee agrees with the contact plan of their own case (on
        `agreed_on`, when they agreed earlier than today: not before the
        first day of incapacity, not in the future)."""
        for case in self:
            if case.employee_id.sudo().user_id != self.env.user:
                raise AccessError(
                    _("Only the employee can agree with their own contact plan.")
                )
            if case.contact_plan_agreed:
                raise UserError(
                    _(
                        "You already agreed with the contact plan of %(case)s on "
                        "%(date)s.",
                        case=case.name,
                        date=format_date(self.env, case.contact_plan_agreed_date),
                    )
                )
        vals = {"contact_plan_agreed": True}
        if agreed_on:
            vals["contact_plan_agreed_date"] = agreed_on
        # The employee reads their case, HR writes it: the guard checks that
        # the current user is the employee.
        self.sudo().write(vals)
        return True

    def action_mark_letter_sent(self, sent_on=None):
        """The day-28 letter went out (on `sent_on`, today by default): ticks
        its milestone. Once."""
        self._wf_check_hr()
        self.check_access("write")
        today = fields.Date.context_today(self)
        sent_on = fields.Date.to_date(sent_on) or today
        for case in self:
            if case.letter_sent_date:
                raise UserError(
                    _(
                        "The day-28 letter of %(case)s was sent on %(date)s.",
                        case=case.name,
                        date=format_date(self.env, case.letter_sent_date),
                    )
                )
            if not (case.date_start <= sent_on <= today):
                raise UserError(
                    _(
                        "The letter of %(case)s cannot be sent on %(date)s: the "
                        "day is between the first day of incapacity and today.",
                        case=case.name,
                        date=format_date(self.env, sent_on),
                    )
                )
        with self._workflow_system():
            self.write({"letter_sent_date": sent_on})
        self.milestone_ids.filtered(
            lambda m: m.code == "letter_pre_return" and not m.done
        )._mark_done(sent_on)
        for case in self:
            case.message_post(body=_("Letter about the pre-return visit sent."))
        return True

    def action_print_day28_letter(self):
        # A print is a preview too: "Mark as Sent" says the letter went out.
        self._wf_check_hr()
        return self.env.ref(
            "hr_burnout_prevention.hr_absence_case_report_day28_letter"
        ).report_action(self)

    def _get_day28_letter_values(self):
        """What the day-28 letter needs, read once with the rights of the
        module: the HR officer prints it without reading private employee
        data elsewhere."""
        self.ensure_one()
        employee = self.employee_id.sudo()
        partner = employee.work_contact_id
        lang_code = employee.lang or employee.user_id.lang or partner.lang or "en_US"
        lang = lang_code[:2] if lang_code[:2] in ("nl", "fr") else "en"
        installed = dict(self.env["res.lang"].get_installed())
        address = self._day28_letter_address()
        today = fields.Date.context_today(self)
        city = self.company_id.city
        date_text = format_date(
            self.env, today, lang_code=lang_code if lang_code in installed else "en_US"
        )
        return {
            "lang": lang,
            "lang_code": lang_code if lang_code in installed else "en_US",
            "employee_name": employee.name,
            "first_name": employee.name,
            "address_lines": [line for line in address if line],
            "place_date": f"{city}, {date_text}" if city else date_text,
            "hr_name": (self.hr_responsible_id or self.env.user).name,
            "company_name": self.company_id.name,
            **self._day28_letter_contacts(),
        }

    def _day28_letter_contacts(self):
        """Issue 15: who the letter names. HR's contact details (the HR
        officer's work phone and e-mail, else the company's) and the external
        prevention service of the company's settings, with its contact. Only
        business contact details: nothing about the employee."""
        self.ensure_one()
        company = self.company_id.sudo()
        hr_user = (self.hr_responsible_id or self.env.user).sudo()
        employees = hr_user.employee_ids.filtered(lambda e: e.company_id == company)
        hr_employee = employees[:1]
        hr_lines = [
            hr_employee.job_title,
            hr_employee.work_phone or hr_user.phone or company.phone,
            hr_employee.work_email or hr_user.email or company.email,
        ]
        service = company.wellbeing_external_service_id
        service_lines = [
            service.street,
            service.street2,
            " ".join(filter(None, [service.zip, service.city])),
            service.phone,
            service.email,
        ]
        return {
            "hr_lines": [line for line in hr_lines if line],
            "service": service.name or "",
            "service_lines": [line for line in service_lines if line],
        }

    def _day28_letter_address(self):
        """The employee's private address, read with the reader's rights
        (never in sudo): a reader who may not read it gets a letter without
        it, to complete by hand."""
        fnames = ("private_street", "private_street2", "private_zip", "private_city")
        Employee = self.env["hr.employee"]
        if not all(Employee._fields[f].is_accessible(self.env) for f in fnames):
            return []
        try:
            employee = self.employee_id
            employee.check_access("read")
            return [
                employee.private_street,
                employee.private_street2,
                " ".join(filter(None, [employee.private_zip, employee.private_city])),
                employee.private_country_id.name,
            ]
        except AccessError:
            return []

    def action_log_contact(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": _("Log a Contact"),
            "res_model": "hr.absence.contact",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_case_id": self.id,
                "default_channel": self.contact_channel or "phone",
            },
        }

    def action_open_trajectories(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_burnout_prevention.hr_reintegration_trajectory_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Milestones
    # ------------------------------------------------------------------
    def _expected_milestones(self, pool=None, workers=None):
        """{code: (step, date)} of the protocol steps anchored on the case,
        each by the protocol in force on the day it falls due (``pool``: the
        protocols read once for a batch; ``workers``: the companies' numbers
        of workers, counted once for a batch)."""
        self.ensure_one()
        if not self.date_start:
            return {}
        expected = self._legal_deadlines_by_due_date(
            {"case_start": self.date_start, "return_date": self.return_date},
            self.company_id,
            pool=pool,
        )
        if not self._has_trajectory_duty(workers):
            expected = {
                code: found
                for code, found in expected.items()
                if not found[0].requires_work_potential
            }
        return expected

    def _has_trajectory_duty(self, workers=None):
        """The physician found work potential and the company has at least
        the number of workers of its setting (``workers``: see
        `_workers_by_company`)."""
        self.ensure_one()
        if self.work_potential != "yes":
            return False
        if workers is None:
            workers = self._workers_by_company()
        company = self.company_id.sudo()
        return workers.get(company.id, 0) >= company.reintegration_duty_min_workers

    def _workers_by_company(self):
        """{company id: active employees} of the companies of the cases with
        work potential: one query for a batch of cases."""
        companies = self.filtered(lambda case: case.work_potential == "yes").company_id
        if not companies:
            return {}
        groups = (
            self.env["hr.employee"]
            .sudo()
            ._read_group(
                [("company_id", "in", companies.ids)], ["company_id"], ["__count"]
            )
        )
        return {company.id: count for company, count in groups}

    def _sync_milestones(self):
        """Make, move and drop the milestones of the cases after their legal
        steps: the protocols and the working schedules are read once for the
        batch, the new milestones made in one create."""
        milestone_model = self.env["hr.absence.milestone"].sudo()
        pool = self.env["hr.legal.protocol"]._pool()
        workers = self._workers_by_company()
        vals_list = []
        moved = {}
        obsolete = milestone_model.browse()
        with self._working_days_batch():
            for case in self:
                expected = case._expected_milestones(pool, workers)
                current = case.sudo().milestone_ids.filtered(
                    lambda m: not m.trajectory_id
                )
                by_code = {}
                for milestone in current:
                    by_code.setdefault(milestone.code, milestone)
                for code, (step, deadline) in expected.items():
                    milestone = by_code.get(code)
                    if not milestone:
                        vals_list.append(
                            milestone_model._vals_from_step(step, deadline, case)
                        )
                    elif not milestone.done and milestone.date_deadline != deadline:
                        moved[milestone] = deadline
                obsolete |= current.filtered(
                    lambda m, e=expected: not m.done and m.code not in e
                )
        milestone_model._reschedule(moved)
        obsolete.activity_ids.unlink()
        obsolete.unlink()
        with self._workflow_system():
            milestone_model.create(vals_list)
        self._close_absence_milestones()

    def _close_absence_milestones(self):
        """Back at work: the steps that only apply during the absence close
        themselves as no longer needed (not done), with their activities; a
        relapse opens them again."""
        milestones = self.sudo().milestone_ids.filtered(
            lambda m: not m.trajectory_id
            and not m.done
            and m.step_id.during_absence_only
        )
        changed = milestones.filtered(
            lambda m: m.no_longer_needed != (m.case_id.state in ("returned", "closed"))
        )
        if not changed:
            return
        for back in (True, False):
            moving = changed.filtered(
                lambda m, b=back: (m.case_id.state in ("returned", "closed")) == b
            )
            if not moving:
                continue
            if back:
                moving.activity_ids.unlink()
            with self._workflow_system():
                moving.write(
                    {
                        "no_longer_needed": back,
                        "activity_scheduled": False,
                    }
                )

    # ------------------------------------------------------------------
    # Contact alerts and activities
    # ------------------------------------------------------------------
    def _reset_contact_alerts(self):
        cases = self.sudo()
        with self._workflow_system():
            cases.write({"contact_reminded_on": False, "fading_alert_date": False})
        cases._activity_types_close(
            [
                "hr_burnout_prevention.mail_activity_type_absence_contact",
                "hr_burnout_prevention.mail_activity_type_fading_contact",
            ]
        )

    def _activity_types_close(self, xmlids):
        types = [self.env.ref(xmlid).id for xmlid in xmlids]
        self.env["mail.activity"].sudo().search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "in", types),
            ]
        ).unlink()

    def _close_open_activities(self):
        cases = self.sudo()
        cases._activity_types_close(
            [
                "hr_burnout_prevention.mail_activity_type_absence_contact",
                "hr_burnout_prevention.mail_activity_type_fading_contact",
            ]
        )

    # ------------------------------------------------------------------
    # Opening from time off
    # ------------------------------------------------------------------
    @api.model
    def _open_from_leaves(self, leaves):
        """Open, extend or reopen cases for validated sick time off. The time
        off of many employees (validated together) costs a constant number of
        queries when each opens a new case: the time off, the open and the
        last cases of all the employees are read at once and the new cases
        made in one create; an employee whose time off extends an open case
        or is a relapse goes the way of one employee."""
        leaves = leaves.sudo().filtered(
            lambda lv: (
                lv.state == "validate"
                and lv.employee_id
                and lv.holiday_status_id.opens_absence_case
            )
        )
        if not leaves:
            return self.browse()
        cases = self.sudo().browse()
        with self._working_days_batch():
            new_vals, single = self._new_cases_from_leaves(leaves)
            for employee in single:
                cases |= self._open_for_employee(employee, leaves)
            cases |= self._create_from_runs(new_vals)
        return cases

    @api.model
    def _new_cases_from_leaves(self, leaves):
        """``([(employee, run)], employees)``: the new cases to open for the
        employees of ``leaves`` whose new time off falls in one run of at
        least the case minimum, without an open case nor a relapse; and the
        employees to handle one by one (the others)."""
        case_model = self.sudo()
        employees = leaves.employee_id
        all_leaves = (
            self.env["hr.leave"]
            .sudo()
            .search(
                self.env["hr.leave"]._sick_leave_domain(employees),
                order="employee_id, request_date_from, id",
            )
        )
        leaves_of = defaultdict(lambda: self.env["hr.leave"].sudo())
        for leave in all_leaves:
            leaves_of[leave.employee_id.id] |= leave
        with_open = set(
            case_model.search(
                [("employee_id", "in", employees.ids), ("state", "in", OPEN_STATES)]
            ).employee_id.ids
        )
        last_case = {}
        for case in case_model.search(
            [
                ("employee_id", "in", employees.ids),
                ("state", "in", ("returned", "closed")),
                ("return_date", "!=", False),
            ],
            order="return_date desc",
        ):
            last_case.setdefault(case.employee_id.id, case)
        pool = self.env["hr.legal.protocol"]._pool()
        new_vals, single = [], employees.browse()
        for employee in employees:
            if employee.id in with_open:
                single |= employee
                continue
            runs = self._sick_runs(employee, leaves_of[employee.id])
            starts = leaves.filtered(lambda lv, e=employee: lv.employee_id == e)
            hit = {
                run[0]: run
                for leave in starts
                for run in runs
                if run[0] <= leave.request_date_from <= run[1]
            }
            if len(hit) != 1:
                if hit:
                    single |= employee
                continue
            run = next(iter(hit.values()))
            last = last_case.get(employee.id)
            if last and last.return_date <= run[0]:
                protocol = self.env["hr.legal.protocol"]._find(
                    run[0], last.company_id, pool=pool
                )
                window = protocol._param("relapse_days") if protocol else 0
                if run[0] < last.return_date + timedelta(days=window):
                    single |= employee
                    continue
            if (run[1] - run[0]).days + 1 >= CASE_MIN_DAYS:
                new_vals.append((employee, run))
        return new_vals, single

    @api.model
    def _create_from_runs(self, new_vals):
        """The new cases of ``[(employee, run)]`` in one create: the cases of
        their last absence still at "returned" are closed first."""
        case_model = self.sudo()
        if not new_vals:
            return case_model.browse()
        employees = self.env["hr.employee"].browse([e.id for e, _run in new_vals])
        case_model.search(
            [("employee_id", "in", employees.ids), ("state", "=", "returned")]
        ).write({"state": "closed"})
        cases = case_model.create(
            [
                {
                    "employee_id": employee.id,
                    "company_id": employee.company_id.id,
                    "date_start": run_start,
                    "leave_ids": [(4, leave.id) for leave in run_leaves],
                    "expected_return_date": run_end + timedelta(days=1),
                }
                for employee, (run_start, run_end, run_leaves) in new_vals
            ]
        )
        cases._message_log_batch(
            bodies={
                case.id: self.env._(
                    "Opened from validated sick time off of %(days)s "
                    "consecutive calendar days.",
                    days=(run_end - run_start).days + 1,
                )
                for case, (_employee, (run_start, run_end, _leaves)) in zip(
                    cases, new_vals, strict=True
                )
            }
        )
        return cases

    @api.model
    def _open_for_employee(self, employee, new_leaves):
        case_model = self.sudo()
        runs = self._sick_runs(employee)
        cases = case_model.browse()
        for leave in new_leaves.filtered(lambda lv: lv.employee_id == employee):
            start = leave.request_date_from
            run = next((r for r in runs if r[0] <= start <= r[1]), None)
            if not run:
                continue
            run_start, run_end, run_leaves = run
            case = case_model.search(
                [("employee_id", "=", employee.id), ("state", "in", OPEN_STATES)],
                limit=1,
            )
            relapse = not case and self._relapse_case(employee, run_start)
            if case:
                case._attach_leaves(run_leaves, run_end)
            elif relapse:
                case = relapse
                case._reopen(run_start)
                case._attach_leaves(run_leaves, run_end)
            elif (run_end - run_start).days + 1 >= CASE_MIN_DAYS:
                returned = case_model.search(
                    [("employee_id", "=", employee.id), ("state", "=", "returned")]
                )
                # A new absence: the case of the last one is done.
                returned.write({"state": "closed"})
                case = case_model.create(
                    {
                        "employee_id": employee.id,
                        "company_id": employee.company_id.id,
                        "date_start": run_start,
                    }
                )
                case._attach_leaves(run_leaves, run_end)
                case.message_post(
                    body=_(
                        "Opened from validated sick time off of %(days)s "
                        "consecutive calendar days.",
                        days=(run_end - run_start).days + 1,
                    )
                )
            else:
                continue
            cases |= case
        return cases

    @api.model
    def _relapse_case(self, employee, run_start):
        """The last case of the employee if they returned less than the
        protocol's relapse window before ``run_start``."""
        case = self.sudo().search(
            [
                ("employee_id", "=", employee.id),
                ("state", "in", ("returned", "closed")),
                ("return_date", "!=", False),
            ],
            order="return_date desc",
            limit=1,
        )
        if case and case.return_date <= run_start < case.return_date + timedelta(
            days=case._relapse_days(run_start)
        ):
            return case
        return self.browse()

    @api.model
    def _sick_runs(self, employee, leaves=None):
        """Runs of consecutive calendar days covered by validated time off of
        the case-opening types, bridging days off between two time off:
        [(first day, last day, leaves)] (``leaves``: that time off, read
        for a batch of employees, in order of their first day)."""
        if leaves is None:
            leaves = (
                self.env["hr.leave"]
                .sudo()
                .search(
                    self.env["hr.leave"]._sick_leave_domain(employee),
                    order="request_date_from, id",
                )
            )
        runs = []
        step_model = self.env["hr.legal.protocol.step"]
        for leave in leaves:
            start, end = leave.request_date_from, leave.request_date_to
            # Only days off (weekend, public holiday) between two time off:
            # the incapacity goes on.
            if runs and start <= max(
                runs[-1][1] + timedelta(days=1),
                step_model._add_working_days(runs[-1][1], 1, employee.company_id),
            ):
                runs[-1][1] = max(runs[-1][1], end)
                runs[-1][2] |= leave
            else:
                runs.append([start, end, leave])
        return [tuple(run) for run in runs]

    def _attach_leaves(self, leaves, run_end):
        self.ensure_one()
        vals = {"leave_ids": [(4, leave.id) for leave in leaves]}
        expected = run_end + timedelta(days=1)
        if not self.expected_return_date or self.expected_return_date < expected:
            vals["expected_return_date"] = expected
        self.sudo().write(vals)

    # ------------------------------------------------------------------
    # The deadline engine (one daily cron, in pages)
    # ------------------------------------------------------------------
    @api.model
    def _cron_process_deadlines(self, page_size=None, time_budget=None, max_pages=None):
        """The daily deadline job: its steps (cleanup first) walk their work
        in pages by id (`wellbeing_cron.walk_pages`): each page costs a
        constant number of queries, is committed under the cron runner, and
        the progress reported counts the work of every step, cleanup
        included, so that the runner calls the job again while any remains.
        Every step's records leave its domain once done: a new call goes on
        where the last one stopped. Returns True when work remains."""
        today = fields.Date.context_today(self)
        options = {
            key: value
            for key, value in (
                ("page_size", page_size),
                ("time_budget", time_budget),
                ("max_pages", max_pages),
            )
            if value
        }
        _done, remaining = walk_pages(self.env, self._cron_steps(today), **options)
        return bool(remaining)

    @api.model
    def _cron_steps(self, today):
        """The steps of the deadline job on ``today``, in order."""
        contact_types = [
            self.env.ref(xmlid).id
            for xmlid in (
                "hr_burnout_prevention.mail_activity_type_absence_contact",
                "hr_burnout_prevention.mail_activity_type_fading_contact",
            )
        ]
        company = self.env.company
        horizon = today + timedelta(days=company.absence_activity_lead_days)
        # A step due before `oldest` (a case registered late, a backlog found
        # on the first run) gets no activity: it shows as overdue on the case
        # and on HR's overview.
        oldest = today - timedelta(days=company.absence_activity_catch_up_days)
        not_paused = [
            "|",
            ("contact_pause_until", "=", False),
            ("contact_pause_until", "<", today),
        ]
        activity, milestone = "mail.activity", "hr.absence.milestone"
        return [
            # 1. The activities of milestones done, no longer needed or
            # information only, of closed cases and trajectories.
            CronStep(
                activity,
                [
                    # Done activities kept (archived) stay: they are history.
                    ("active", "=", True),
                    ("absence_milestone_id", "!=", False),
                    "|",
                    "|",
                    "|",
                    "|",
                    ("absence_milestone_id.done", "=", True),
                    ("absence_milestone_id.no_longer_needed", "=", True),
                    ("absence_milestone_id.case_id.state", "=", "closed"),
                    (
                        "absence_milestone_id.trajectory_id.state",
                        "in",
                        ("closed", "ended"),
                    ),
                    ("absence_milestone_id.information_only", "=", True),
                ],
                lambda activities: activities.unlink(),
            ),
            # 2. The contact activities of cases no longer open.
            CronStep(
                activity,
                [
                    ("active", "=", True),
                    ("res_model", "=", self._name),
                    ("activity_type_id", "in", contact_types),
                    (
                        "res_id",
                        "in",
                        self.sudo()._search([("state", "not in", OPEN_STATES)]),
                    ),
                ],
                lambda activities: activities.unlink(),
            ),
            # 3. The milestones whose activity is due (once per milestone).
            CronStep(
                milestone,
                [
                    *self._cron_open_milestone_domain(),
                    ("activity_scheduled", "=", False),
                    ("date_deadline", "<=", horizon),
                    ("date_deadline", ">=", oldest),
                ],
                self._cron_milestone_activities,
            ),
            # 4. The cases whose contact is due (logging a contact or changing
            # the plan clears the flag).
            CronStep(
                self._name,
                [
                    ("state", "in", OPEN_STATES),
                    ("next_contact_date", "<=", today),
                    ("next_contact_date", ">=", oldest),
                    ("contact_user_id", "!=", False),
                    ("contact_reminded_on", "=", False),
                    *not_paused,
                ],
                lambda cases: cases._cron_contact_activities(today),
            ),
            # 5. The cases where contact faded.
            CronStep(
                self._name,
                [
                    ("state", "in", OPEN_STATES),
                    ("fading_date", "<=", today),
                    ("fading_date", ">=", oldest),
                    ("fading_alert_date", "=", False),
                    *not_paused,
                ],
                lambda cases: cases._cron_fading_activities(today),
            ),
        ]

    @api.model
    def _cron_open_milestone_domain(self):
        return [
            ("done", "=", False),
            ("no_longer_needed", "=", False),
            ("information_only", "=", False),
            ("case_id.state", "in", OPEN_STATES + ("returned",)),
            "|",
            ("trajectory_id", "=", False),
            ("trajectory_id.state", "not in", ("closed", "ended")),
        ]

    @api.model
    def _cron_responsible(self, case, role, rit=None, officers=None):
        """The user who gets the activity of a step of ``role``: the case's
        person of that role, else its HR officer, else the company's first."""
        users = {
            "contact_person": case.contact_user_id,
            "manager": case.manager_user_id,
            "employee": case.employee_user_id,
            "occupational_physician": rit and rit.physician_user_id,
        }
        return (
            users.get(role)
            or case.hr_responsible_id
            or self.env["res.users"].browse(
                (officers or {}).get(case.company_id.id, [])[:1]
            )
            or self.env.ref("base.user_root")
        )

    @api.model
    def _cron_create_activities(self, vals_list):
        """The activities of a page in one create, each summary in the
        language of its assignee (``summary``: a function of an env in that
        language), without a notification mail each."""
        users = (
            self.env["res.users"].sudo().browse({vals["user_id"] for vals in vals_list})
        )
        lang_of = {user.id: user.lang for user in users}
        envs = {}
        pairs = defaultdict(set)
        partner_of = {user.id: user.partner_id.id for user in users}
        for vals in vals_list:
            lang = lang_of.get(vals["user_id"]) or self.env.lang
            if lang not in envs:
                envs[lang] = env_of_reader(self, users.browse(vals["user_id"]))
            vals["summary"] = vals["summary"](envs[lang])
            pairs[vals["res_model_id"]].add(
                (vals["res_id"], partner_of[vals["user_id"]])
            )
        # The assignees follow the records, as Odoo subscribes them: in one
        # batch per model, not one assignee at a time.
        with ExitStack() as stack:
            for model_id, model_pairs in pairs.items():
                model = self.env["ir.model"].sudo().browse(model_id).model
                stack.enter_context(followers_in_batch(self.env, model, model_pairs))
            return (
                self.env["mail.activity"]
                .sudo()
                .with_context(mail_activity_quick_update=True)
                .create(vals_list)
            )

    @api.model
    def _cron_milestone_activities(self, milestones):
        """Step 3, one page: an activity per milestone due, for the person of
        its role, named in their language."""
        officers = self._hr_officers_by_company()
        model_ids = {
            model: self.env["ir.model"]._get_id(model)
            for model in (self._name, "hr.reintegration.trajectory")
        }
        default_type = self.env.ref(
            "hr_burnout_prevention.mail_activity_type_absence_milestone"
        ).id
        vals_list = []
        for milestone in milestones:
            case, rit = milestone.case_id, milestone.trajectory_id
            user = self._cron_responsible(
                case, milestone.responsible_role, rit, officers
            )
            vals_list.append(
                {
                    "res_model_id": model_ids[rit._name if rit else self._name],
                    "res_id": (rit or case).id,
                    "activity_type_id": milestone.activity_type_id.id or default_type,
                    # The step's own label in the assignee's language.
                    "summary": lambda env, m=milestone: m.with_env(env).sudo().name,
                    "date_deadline": milestone.date_deadline,
                    "user_id": user.id,
                    "absence_milestone_id": milestone.id,
                }
            )
        self._cron_create_activities(vals_list)
        with self._workflow_system():
            milestones.write({"activity_scheduled": True})

    def _cron_contact_activities(self, today):
        """Step 4, one page: a contact reminder for the contact person."""
        model_id = self.env["ir.model"]._get_id(self._name)
        contact_type = self.env.ref(
            "hr_burnout_prevention.mail_activity_type_absence_contact"
        ).id
        officers = self._hr_officers_by_company()
        self._cron_create_activities(
            [
                {
                    "res_model_id": model_id,
                    "res_id": case.id,
                    "activity_type_id": contact_type,
                    "summary": lambda env: env._("Get in touch: short and supportive"),
                    "date_deadline": case.next_contact_date,
                    "user_id": self._cron_responsible(
                        case, "contact_person", officers=officers
                    ).id,
                }
                for case in self
            ]
        )
        with self._workflow_system():
            self.write({"contact_reminded_on": today})

    def _cron_fading_activities(self, today):
        """Step 5, one page: HR hears that nobody was in touch for long."""
        model_id = self.env["ir.model"]._get_id(self._name)
        fading_type = self.env.ref(
            "hr_burnout_prevention.mail_activity_type_fading_contact"
        ).id
        officers = self._hr_officers_by_company()
        vals_list = []
        for case in self:
            user_ids = case.hr_responsible_id.ids or officers.get(
                case.company_id.id, []
            )
            for user_id in user_ids:
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": case.id,
                        "activity_type_id": fading_type,
                        "summary": lambda env: env._(
                            "Nobody was in touch for a long time"
                        ),
                        "date_deadline": today,
                        "user_id": user_id,
                    }
                )
        self._cron_create_activities(vals_list)
        with self._workflow_system():
            self.write({"fading_alert_date": today})

    @api.model
    def _hr_officers_by_company(self):
        group = self.env.ref("hr_burnout_prevention.group_hr_officer")
        officers = {}
        for user in group.sudo().users.filtered(lambda u: not u.share).sorted("id"):
            for company in user.company_ids:
                officers.setdefault(company.id, []).append(user.id)
        return officers

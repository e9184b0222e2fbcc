from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

KINDS = [
    ("reboost_individual", "Reboost (individual)"),
    ("reboost_team", "Reboost (team)"),
    ("reload", "Reload"),
    ("reconnect", "Reconnect"),
    ("coaching", "Coaching"),
]

# Seed 003: reboost at most 3 a year; reload and reconnect: 3 sessions of 2
# hours over 2 months, at most 10 hours, one follow-up within 6 months.
REBOOST_PER_YEAR = 3
THREE_SESSION_KINDS = ("reload", "reconnect")
REGULAR_SESSIONS = 3
SESSION_HOURS = 2.0
MAX_HOURS = 10.0
REGULAR_MONTHS = 2
FOLLOW_UP_MONTHS = 6

PAPS_GROUP = "hr_burnout_prevention.group_psychosocial_advisor"


class HrSupportTrajectory(models.Model):
    """A short support trajectory run by the PAPS (seed 003).

    Only the PAPS and the employee read it. The line manager sees the session
    dates (`hr.support.session.public`) and the feedback the employee approved
    (`hr.support.trajectory.public`), never the session notes, which are
    psychosocial `hr.confidential.note` records.

    Two guarded fields (`hr.wellbeing.workflow.mixin`): the PAPS starts,
    closes and cancels the trajectory (`state`); the feedback to the manager
    is prepared and proposed by the PAPS and approved by the employee alone
    (`feedback_state`), which gives the employee's consent to share it.
    """

    _name = "hr.support.trajectory"
    _inherit = ["hr.wellbeing.workflow.mixin", "hr.wellbeing.logged.read.mixin"]
    _description = "Support Trajectory"
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _workflow = {
        "state": {
            ("draft", "running"): "_wf_paps",
            ("running", "done"): "_wf_paps",
            ("draft", "cancelled"): "_wf_paps",
            ("running", "cancelled"): "_wf_paps",
        },
        "feedback_state": {
            ("draft", "proposed"): "_wf_propose_feedback",
            ("proposed", "approved"): (
                "_wf_approve_feedback",
                "_wf_after_approve_feedback",
            ),
            ("proposed", "draft"): "_wf_feedback_back",
            ("approved", "draft"): "_wf_feedback_reopen",
        },
    }
    _workflow_initial = {"state": ("draft",), "feedback_state": ("draft",)}
    _workflow_system_fields = ("feedback_consent_id",)

    kind = fields.Selection(KINDS, required=True, default="reload")
    employee_id = fields.Many2one(
        "hr.employee", index=True, ondelete="restrict", check_company=True
    )
    # Not stored: always the employee's user of now (the record rules read
    # `employee_id.user_id` itself).
    employee_user_id = fields.Many2one(
        related="employee_id.user_id", string="Employee User"
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Team",
        index=True,
        check_company=True,
        compute="_compute_department_id",
        store=True,
        readonly=False,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    initiator = fields.Selection(
        [
            ("employee", "Employee"),
            ("manager", "Manager"),
            ("paps", "Psychosocial prevention advisor"),
        ],
        required=True,
        default="employee",
    )
    mandate_date = fields.Date(string="Employer's Mandate On")
    mandate_user_id = fields.Many2one("res.users", string="Mandate Given By")
    advisor_id = fields.Many2one(
        "res.users",
        string="Psychosocial Prevention Advisor",
        required=True,
        default=lambda self: self.env.user,
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("running", "Running"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
    )
    session_ids = fields.One2many("hr.support.session", "trajectory_id")
    session_count = fields.Integer(compute="_compute_hours")
    hours_total = fields.Float(compute="_compute_hours", string="Hours")
    note_ids = fields.One2many(
        "hr.confidential.note",
        "support_trajectory_id",
        groups="hr_burnout_prevention.group_psychosocial_advisor,"
        "hr_burnout_prevention.group_occupational_physician",
    )
    feedback = fields.Text(
        string="Feedback to the Manager",
        help="Prepared by the employee and the advisor; the manager reads it "
        "only once the employee approved it.",
    )
    feedback_state = fields.Selection(
        [
            ("draft", "Being prepared"),
            ("proposed", "Waiting for the employee"),
            ("approved", "Approved by the employee"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
    )
    feedback_consent_id = fields.Many2one(
        "hr.wellbeing.consent", readonly=True, copy=False
    )
    limit_warning = fields.Text(compute="_compute_limit_warning")

    # ------------------------------------------------------------------
    # Reads are logged (hr.wellbeing.logged.read.mixin: every read path)
    # ------------------------------------------------------------------
    _log_service = "psychosocial"
    _log_free_fields = (
        "id",
        "company_id",
        "employee_id",
        "department_id",
        "state",
        "advisor_id",
    )

    @api.depends("employee_id")
    def _compute_department_id(self):
        for trajectory in self:
            if trajectory.employee_id:
                trajectory.department_id = trajectory.employee_id.department_id

    @api.depends("session_ids.duration")
    def _compute_hours(self):
        for trajectory in self:
            trajectory.session_count = len(trajectory.session_ids)
            trajectory.hours_total = sum(trajectory.session_ids.mapped("duration"))

    @api.depends("kind", "session_ids.duration", "session_ids.moment")
    def _compute_limit_warning(self):
        for trajectory in self:
            warnings = []
            if trajectory.kind in THREE_SESSION_KINDS:
                odd = trajectory.session_ids.filtered(
                    lambda s: not s.is_follow_up and s.duration != SESSION_HOURS
                )
                if odd:
                    warnings.append(
                        _(
                            "%(kind)s sessions usually last %(hours)s hours.",
                            kind=dict(KINDS)[trajectory.kind],
                            hours=SESSION_HOURS,
                        )
                    )
            if trajectory.kind == "reconnect":
                moments = set(trajectory.session_ids.mapped("moment"))
                missing = {"before", "during", "after"} - moments
                if missing and trajectory.session_ids:
                    warnings.append(
                        _(
                            "A reconnect trajectory has a session before, during "
                            "and after the return."
                        )
                    )
            trajectory.limit_warning = "\n".join(warnings) or False

    @api.depends("kind", "employee_id", "department_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for trajectory in self:
            who = trajectory.employee_id.name or trajectory.department_id.name or ""
            trajectory.display_name = _(
                "%(kind)s: %(who)s", kind=kinds.get(trajectory.kind, ""), who=who
            )

    @api.constrains("kind", "employee_id", "department_id")
    def _check_subject(self):
        for trajectory in self:
            if trajectory.kind == "reboost_team":
                if not trajectory.department_id:
                    raise ValidationError(_("A team reboost concerns a team."))
            elif not trajectory.employee_id:
                raise ValidationError(
                    _(
                        "A %(kind)s trajectory concerns an employee.",
                        kind=dict(KINDS)[trajectory.kind],
                    )
                )

    # ------------------------------------------------------------------
    # The moves, checked by the guard in write()
    # ------------------------------------------------------------------
    def _wf_paps(self, vals=None):
        self._workflow_require_group(
            PAPS_GROUP,
            _(
                "Only the psychosocial prevention advisor runs a support "
                "trajectory: %(trajectory)s stays %(state)s.",
                trajectory=self[:1].display_name,
                state=self._workflow_label("state", self[:1].state),
            ),
        )

    def _check_employee(self):
        """The employee of the trajectory, not the system in their place:
        the feedback is theirs to approve."""
        self.check_access("read")
        for trajectory in self:
            if trajectory.employee_id.user_id != self.env.user:
                raise AccessError(
                    _(
                        "Only %(employee)s approves the feedback of %(trajectory)s "
                        "to their manager.",
                        employee=trajectory.employee_id.name
                        or trajectory.department_id.name,
                        trajectory=trajectory.display_name,
                    )
                )

    def _wf_propose_feedback(self, vals):
        self._wf_paps()
        for trajectory in self:
            if not trajectory.employee_id:
                raise UserError(
                    _(
                        "%(trajectory)s concerns a team: feedback to a manager is "
                        "proposed to one employee, who approves it.",
                        trajectory=trajectory.display_name,
                    )
                )
            if not vals.get("feedback", trajectory.feedback):
                raise UserError(
                    _(
                        "Write the feedback of %(trajectory)s to the manager first: "
                        "it is proposed to the employee.",
                        trajectory=trajectory.display_name,
                    )
                )

    def _wf_approve_feedback(self, vals):
        self._check_employee()
        if "feedback" in vals:
            raise UserError(_("The employee approves the feedback as it was proposed."))

    def _wf_after_approve_feedback(self):
        """Approving the feedback gives the employee's consent to share it
        with the manager (revoking the consent hides it again)."""
        Consent = self.env["hr.wellbeing.consent"].sudo()
        for trajectory in self:
            consent = Consent.create(
                {
                    "employee_id": trajectory.employee_id.id,
                    "company_id": trajectory.company_id.id,
                    "scope": "share_feedback",
                    "recipient_role": "manager",
                    "purpose": _(
                        "Feedback of %(trajectory)s", trajectory=trajectory.display_name
                    ),
                }
            )
            # The consent's own move, by the employee (checked again there).
            consent.action_give()
            with self._workflow_system():
                trajectory.write({"feedback_consent_id": consent.id})

    def _wf_feedback_back(self, vals):
        """Back to preparation: the PAPS withdraws the proposal, or the
        employee asks for changes."""
        if self.env.user.has_group(PAPS_GROUP):
            return
        self._check_employee()

    def _wf_feedback_reopen(self, vals):
        # The PAPS rewrites an approved feedback: the manager no longer reads
        # it until the employee approves the new text.
        self._wf_paps()

    def action_start(self):
        return self._workflow_go({"state": "running"})

    def action_done(self):
        return self._workflow_go({"state": "done"})

    def action_cancel(self):
        return self._workflow_go({"state": "cancelled"})

    def action_propose_feedback(self):
        return self._workflow_go({"feedback_state": "proposed"})

    def action_approve_feedback(self):
        self._check_employee()
        # The employee has no write access on the trajectory: the guard
        # checks that the user is the employee, then the system writes.
        return self.sudo()._workflow_go({"feedback_state": "approved"})

    def action_feedback_to_draft(self):
        if not self.env.user.has_group(PAPS_GROUP):
            self._check_employee()
        return self.sudo()._workflow_go({"feedback_state": "draft"})

    def write(self, vals):
        if "feedback" in vals and "feedback_state" not in vals:
            # A changed text is proposed (and approved) again.
            if any(t.feedback_state != "draft" for t in self.sudo()):
                vals = dict(vals, feedback_state="draft")
        return super().write(vals)

    def _workflow_kept(self):
        return self.filtered(
            lambda t: t.state != "draft" or t.session_ids.filtered("done")
        )

    # ------------------------------------------------------------------
    # Limits of seed 003
    # ------------------------------------------------------------------
    def _check_limits(self):
        Session = self.env["hr.support.session"].sudo()
        for trajectory in self.sudo():
            sessions = trajectory.session_ids
            if trajectory.kind in ("reboost_individual", "reboost_team"):
                years = {s.date.year for s in sessions if s.date}
                for year in years:
                    subject = (
                        ("trajectory_id.employee_id", "=", trajectory.employee_id.id)
                        if trajectory.kind == "reboost_individual"
                        else (
                            "trajectory_id.department_id",
                            "=",
                            trajectory.department_id.id,
                        )
                    )
                    count = Session.search_count(
                        [
                            subject,
                            ("trajectory_id.kind", "=", trajectory.kind),
                            ("trajectory_id.state", "!=", "cancelled"),
                            (
                                "date",
                                ">=",
                                fields.Datetime.to_datetime(f"{year}-01-01"),
                            ),
                            (
                                "date",
                                "<",
                                fields.Datetime.to_datetime(f"{year + 1}-01-01"),
                            ),
                        ]
                    )
                    if count > REBOOST_PER_YEAR:
                        raise ValidationError(
                            _(
                                "At most %(max)s reboost sessions a year: %(who)s "
                                "would have %(count)s in %(year)s.",
                                max=REBOOST_PER_YEAR,
                                who=trajectory.employee_id.name
                                or trajectory.department_id.name,
                                count=count,
                                year=year,
                            )
                        )
            if trajectory.kind not in THREE_SESSION_KINDS:
                continue
            kind = dict(KINDS)[trajectory.kind]
            regular = sessions.filtered(lambda s: not s.is_follow_up)
            follow_ups = sessions - regular
            if len(regular) > REGULAR_SESSIONS:
                raise ValidationError(
                    _(
                        "A %(kind)s trajectory has %(max)s sessions (and one "
                        "optional follow-up), not %(count)s.",
                        kind=kind,
                        max=REGULAR_SESSIONS,
                        count=len(regular),
                    )
                )
            if len(follow_ups) > 1:
                raise ValidationError(
                    _(
                        "A %(kind)s trajectory has one follow-up session at most.",
                        kind=kind,
                    )
                )
            hours = sum(sessions.mapped("duration"))
            if hours > MAX_HOURS:
                raise ValidationError(
                    _(
                        "A %(kind)s trajectory takes at most %(max)s hours; these "
                        "sessions take %(hours)s.",
                        kind=kind,
                        max=MAX_HOURS,
                        hours=hours,
                    )
                )
            dated = sessions.filtered("date").sorted("date")
            if not dated:
                continue
            first = dated[0].date
            for session in dated:
                months = FOLLOW_UP_MONTHS if session.is_follow_up else REGULAR_MONTHS
                if session.date > first + relativedelta(months=months):
                    late = {
                        "kind": kind,
                        "date": format_date(self.env, session.date.date()),
                        "months": months,
                        "first": format_date(self.env, first.date()),
                    }
                    raise ValidationError(
                        _(
                            "The %(kind)s session of %(date)s is too late: the "
                            "follow-up comes within %(months)s months of the first "
                            "one (%(first)s).",
                            **late,
                        )
                        if session.is_follow_up
                        else _(
                            "The %(kind)s session of %(date)s is too late: the "
                            "sessions take place within %(months)s months of the "
                            "first one (%(first)s).",
                            **late,
                        )
                    )
            if trajectory.kind == "reconnect":
                moments = regular.mapped("moment")
                if len(moments) != len(set(moments)):
                    raise ValidationError(
                        _(
                            "A reconnect trajectory has one session before, one "
                            "during and one after the return."
                        )
                    )

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .hr_legal_protocol import RULES_VERSIONS
from .hr_legal_protocol_step import DECISIONS

RIT_STATES = [
    ("requested", "Requested"),
    ("decided", "Decided"),
    ("plan_sent", "Plan Sent"),
    ("closed", "Closed"),
    ("ended", "Ended"),
]
REQUESTERS = [
    ("employee", "Employee"),
    ("treating_physician", "Treating physician"),
    ("employer", "Employer"),
    ("advising_physician", "Advising physician (mutuality)"),
]
# The rules version is the one in force on the request date.
VERSION_SWITCHES = [(date(2026, 1, 1), "2026"), (date(2022, 10, 1), "2022")]
MAX_REFUSED_INVITATIONS = 3
REFUSED_INVITATION_GAP = 14
HR_GROUP = "hr_burnout_prevention.group_hr_officer"
PHYSICIAN_GROUP = "hr_burnout_prevention.group_occupational_physician"
OPEN_RIT_STATES = ("requested", "decided", "plan_sent")
# Who writes which field, and while the trajectory is in which states. The
# state, the decision, the worker's reply, the appeal's outcome and the
# refused invitations move through the guard (`_workflow`) on top of this.
HR, PHYSICIAN, HR_OR_PHYSICIAN, WORKER = "hr", "physician", "hr_physician", "worker"
FIELD_RULES = {
    "case_id": (HR, ("requested",)),
    "request_date": (HR, ("requested",)),
    "requester": (HR, ("requested",)),
    "definitive_unfitness_certificate": (HR, ("requested",)),
    "worker_consent_date": (HR, ("requested",)),
    "physician_user_id": (HR_OR_PHYSICIAN, ("requested",)),
    "decision": (PHYSICIAN, ("requested",)),
    "decision_date": (PHYSICIAN, ("requested",)),
    "decision_received_date": (PHYSICIAN, ("requested", "decided")),
    "functional_restrictions": (PHYSICIAN, ("requested", "decided")),
    "restricted_hours": (PHYSICIAN, ("requested", "decided")),
    "restrictions_review_date": (PHYSICIAN, ("requested", "decided")),
    "plan_or_report": (HR, ("requested", "decided")),
    "plan_sent_date": (HR, ("decided",)),
    "appeal_date": (HR, ("decided", "plan_sent")),
    "appeal_outcome": (HR, ("decided", "plan_sent")),
    "appeal_outcome_date": (HR, ("decided", "plan_sent")),
    "employee_reply": (WORKER, OPEN_RIT_STATES),
    "employee_reply_date": (WORKER, OPEN_RIT_STATES),
    "employee_refusal_reason": (WORKER, OPEN_RIT_STATES),
}
# Recorded once in these states: then they stay as they are.
SET_ONCE = {
    "decision_received_date": ("decided",),
    "appeal_date": ("decided", "plan_sent"),
}
# Written only with the move they belong to: {field: (moving field, whether
# the move allows it, from the old and the new value of the moving field)}.
MOVE_FIELDS = {
    "plan_sent_date": ("state", lambda old, new: new == "plan_sent" != old),
    "appeal_outcome_date": ("appeal_outcome", lambda old, new: bool(new and not old)),
    "employee_reply_date": ("employee_reply", lambda old, new: bool(new)),
    "employee_refusal_reason": ("employee_reply", lambda old, new: bool(new)),
}
# Computed by the system: no client writes them.
DERIVED_FIELDS = (
    "name",
    "employee_id",
    "company_id",
    "rules_version",
    "protocol_id",
    "assessment_deadline",
    "appeal_deadline",
    "appeal_outcome_deadline",
    "plan_deadline",
    "employee_reply_deadline",
)
# Changing one of them moves the legal steps of the trajectory.
SYNC_FIELDS = {
    "request_date",
    "decision",
    "decision_received_date",
    "appeal_date",
    "plan_sent_date",
    "case_id",
    "state",
}
# Client context keys that would silence the chatter of a guarded change.
NO_SILENCE = {"tracking_disable": False, "mail_notrack": False}
DECISION_VALUES = [False] + [value for value, _label in DECISIONS]
# Deadline field -> (step code, anchor, anchor field).
DEADLINES = {
    "assessment_deadline": ("rit_assessment", "rit_request", "request_date"),
    "appeal_deadline": ("rit_appeal", "decision_received", "decision_received_date"),
    "appeal_outcome_deadline": ("rit_appeal_outcome", "appeal_filed", "appeal_date"),
    "plan_deadline": ("rit_plan", "decision_received", "decision_received_date"),
    "employee_reply_deadline": ("rit_reply", "plan_sent", "plan_sent_date"),
}


def rules_version_on(request_date):
    for switch, version in VERSION_SWITCHES:
        if request_date >= switch:
            return version
    return "2016"


class HrReintegrationTrajectory(models.Model):
    _name = "hr.reintegration.trajectory"
    _description = "Reintegration Trajectory"
    # The guard first: its moves reach mail.thread with their chatter on,
    # whatever context the client sent.
    _inherit = ["hr.wellbeing.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "request_date desc, id desc"
    _check_company_auto = True
    _workflow = {
        "state": {
            ("requested", "decided"): ("_wf_decide", "_wf_after_decide"),
            ("requested", "ended"): "_wf_end",
            ("decided", "plan_sent"): ("_wf_send_plan", "_wf_after_send_plan"),
            ("decided", "closed"): ("_wf_close", "_wf_after_close"),
            ("plan_sent", "closed"): ("_wf_close", "_wf_after_close"),
        },
        # The physician enters (and may revise) the decision while the
        # trajectory is requested; confirming it fixes it.
        "decision": {
            (old, new): "_wf_decision"
            for old in DECISION_VALUES
            for new in DECISION_VALUES
            if old != new
        },
        "employee_reply": {
            (False, "accepted"): "_wf_reply",
            (False, "refused"): "_wf_reply",
            # A revised plan, after a refused one.
            ("refused", "accepted"): "_wf_reply",
        },
        "appeal_outcome": {
            (False, "confirmed"): "_wf_appeal_outcome",
            (False, "overturned"): "_wf_appeal_outcome",
        },
        # (False, 1): the guard reads a count of 0 as False.
        "invitation_refusal_count": {
            (False, 1): ("_wf_refuse_invitation", "_wf_after_refused_invitation"),
            (1, 2): ("_wf_refuse_invitation", "_wf_after_refused_invitation"),
            (2, 3): ("_wf_refuse_invitation", "_wf_after_refused_invitation"),
        },
    }
    _workflow_initial = {
        "state": ("requested",),
        "decision": (False,),
        "employee_reply": (False,),
        "appeal_outcome": (False,),
        "invitation_refusal_count": (0,),
    }
    _workflow_system_fields = ("last_refused_invitation_date", "worker_consent_by_id")

    name = fields.Char(compute="_compute_name", store=True)
    case_id = fields.Many2one(
        "hr.absence.case",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    employee_id = fields.Many2one(related="case_id.employee_id", store=True)
    company_id = fields.Many2one(
        related="case_id.company_id", store=True, index=True, precompute=True
    )
    state = fields.Selection(
        RIT_STATES,
        default="requested",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    request_date = fields.Date(required=True, tracking=True)
    requester = fields.Selection(REQUESTERS, required=True, tracking=True)
    rules_version = fields.Selection(
        RULES_VERSIONS, compute="_compute_rules_version", store=True
    )
    protocol_id = fields.Many2one(
        "hr.legal.protocol", compute="_compute_rules_version", store=True
    )
    definitive_unfitness_certificate = fields.Boolean(
        help="2022 rules: the employer may request a trajectory before 3 months "
        "of incapacity with a certificate of definitive unfitness from the "
        "treating physician."
    )
    worker_consent_date = fields.Date(
        "Worker's Consent On",
        tracking=True,
        help="2026 rules: an employer's request before 8 weeks of incapacity "
        "needs the worker's consent.",
    )
    worker_consent_by_id = fields.Many2one(
        "res.users", "Consent Recorded By", readonly=True, copy=False
    )
    physician_user_id = fields.Many2one(
        "res.users",
        "Occupational Physician",
        domain=lambda self: [
            (
                "groups_id",
                "in",
                self.env.ref("hr_burnout_prevention.group_occupational_physician").id,
            )
        ],
        tracking=True,
    )
    invitation_refusal_count = fields.Integer(
        "Refused Invitations", readonly=True, tracking=True, copy=False
    )
    last_refused_invitation_date = fields.Date(readonly=True, copy=False)

    # Set by the occupational physician only.
    decision = fields.Selection(DECISIONS, tracking=True, copy=False)
    decision_date = fields.Date(tracking=True, copy=False)
    decision_received_date = fields.Date(tracking=True, copy=False)
    functional_restrictions = fields.Text(
        tracking=True,
        help="What the worker can do: the only medical-derived text the "
        "employer sees. Never a diagnosis.",
    )
    restricted_hours = fields.Float("Hours per Week Possible", tracking=True)
    restrictions_review_date = fields.Date("Review Restrictions On", tracking=True)

    # Appeal (decision B only).
    appeal_date = fields.Date("Appeal Filed On", tracking=True, copy=False)
    appeal_outcome = fields.Selection(
        [("confirmed", "Decision confirmed"), ("overturned", "Decision overturned")],
        tracking=True,
        copy=False,
    )
    appeal_outcome_date = fields.Date(readonly=True, copy=False)

    # The plan or the motivated report.
    plan_or_report = fields.Selection(
        [("plan", "Reintegration plan"), ("report", "Motivated report")],
        tracking=True,
    )
    plan_sent_date = fields.Date(tracking=True, readonly=True, copy=False)
    employee_reply = fields.Selection(
        [("accepted", "Accepted"), ("refused", "Refused")],
        tracking=True,
        readonly=True,
        copy=False,
    )
    employee_reply_date = fields.Date(readonly=True, copy=False)
    employee_refusal_reason = fields.Text(readonly=True, copy=False)

    # Stored deadlines, counted by the protocol in force on the request date.
    assessment_deadline = fields.Date(compute="_compute_deadlines", store=True)
    appeal_deadline = fields.Date(compute="_compute_deadlines", store=True)
    appeal_outcome_deadline = fields.Date(compute="_compute_deadlines", store=True)
    plan_deadline = fields.Date(compute="_compute_deadlines", store=True)
    employee_reply_deadline = fields.Date(compute="_compute_deadlines", store=True)
    milestone_ids = fields.One2many(
        "hr.absence.milestone", "trajectory_id", "Legal Steps"
    )

    @api.depends("employee_id", "request_date")
    def _compute_name(self):
        for rit in self:
            rit.name = _(
                "Reintegration of %(employee)s (%(date)s)",
                employee=rit.employee_id.sudo().name or "",
                date=rit.request_date or "",
            )

    @api.depends("request_date", "company_id")
    def _compute_rules_version(self):
        protocol_model = self.env["hr.legal.protocol"]
        for rit in self:
            if not rit.request_date:
                rit.rules_version = rit.protocol_id = False
                continue
            rit.rules_version = rules_version_on(rit.request_date)
            rit.protocol_id = protocol_model._find(
                rit.request_date, rit.company_id, rit.rules_version
            )

    @api.depends(
        "protocol_id",
        "request_date",
        "decision",
        "decision_received_date",
        "appeal_date",
        "plan_sent_date",
    )
    def _compute_deadlines(self):
        for rit in self:
            expected = rit._expected_deadlines()
            for field_name, (code, _anchor, _field) in DEADLINES.items():
                rit[field_name] = expected.get(code, (None, False))[1]

    def _expected_deadlines(self):
        """{step code: (step, date)} of the protocol steps of the trajectory."""
        self.ensure_one()
        if not self.protocol_id or not self.request_date:
            return {}
        anchors = {
            "rit_request": self.request_date,
            "decision_received": self.decision_received_date,
            "appeal_filed": self.appeal_date,
            "plan_sent": self.plan_sent_date,
        }
        expected = {}
        for anchor, anchor_date in anchors.items():
            if not anchor_date:
                continue
            steps = self.protocol_id._steps(anchor, self.request_date, self.decision)
            for step in steps:
                expected[step.code] = (
                    step,
                    step._date_after(anchor_date, self.company_id),
                )
        return expected

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.constrains(
        "request_date",
        "requester",
        "case_id",
        "definitive_unfitness_certificate",
        "worker_consent_date",
    )
    def _check_request(self):
        for rit in self:
            start = rit.case_id.date_start
            if rit.request_date < start:
                raise ValidationError(
                    _(
                        "The trajectory cannot be requested (%(request)s) before the "
                        "first day of incapacity (%(start)s).",
                        request=rit.request_date,
                        start=start,
                    )
                )
            if rit.requester != "employer":
                continue
            version = rules_version_on(rit.request_date)
            if version == "2016" and rit.request_date < start + relativedelta(months=4):
                raise ValidationError(
                    _(
                        "Request refused: under the rules before 1 October 2022 "
                        "the employer may only request a reintegration trajectory "
                        "after 4 months of incapacity (from %(date)s).",
                        date=start + relativedelta(months=4),
                    )
                )
            if (
                version == "2022"
                and rit.request_date < start + relativedelta(months=3)
                and not rit.definitive_unfitness_certificate
            ):
                raise ValidationError(
                    _(
                        "Request refused: under the 2022 rules the employer may only "
                        "request a reintegration trajectory after 3 months of "
                        "uninterrupted incapacity (from %(date)s) or with a "
                        "certificate of definitive unfitness.",
                        date=start + relativedelta(months=3),
                    )
                )
            if (
                version == "2026"
                and rit.request_date < start + timedelta(weeks=8)
                and not rit.worker_consent_date
            ):
                raise ValidationError(
                    _(
                        "Under the 2026 rules an employer's request before 8 weeks "
                        "of incapacity (before %(date)s) needs the worker's "
                        "consent: record the date of the consent first.",
                        date=start + timedelta(weeks=8),
                    )
                )

    @api.constrains(
        "request_date",
        "decision",
        "decision_date",
        "decision_received_date",
        "appeal_date",
        "appeal_outcome_date",
        "plan_sent_date",
        "employee_reply_date",
    )
    def _check_dates(self):
        for rit in self:
            order = [
                ("request_date", "decision_date"),
                ("decision_date", "decision_received_date"),
                ("decision_received_date", "appeal_date"),
                ("appeal_date", "appeal_outcome_date"),
                ("decision_received_date", "plan_sent_date"),
                ("plan_sent_date", "employee_reply_date"),
            ]
            for before, after in order:
                if rit[before] and rit[after] and rit[after] < rit[before]:
                    raise ValidationError(
                        _(
                            "%(after)s (%(after_date)s) cannot be before %(before)s "
                            "(%(before_date)s).",
                            after=rit._field_label(after),
                            after_date=rit[after],
                            before=rit._field_label(before),
                            before_date=rit[before],
                        )
                    )
            if rit.appeal_date and rit.decision != "B":
                raise ValidationError(
                    _("An appeal is only possible against a decision B.")
                )
            if rit.appeal_date and rit.appeal_date > rit.appeal_deadline:
                raise ValidationError(
                    _(
                        "The appeal period ended on %(date)s.",
                        date=rit.appeal_deadline,
                    )
                )
            if rit.appeal_outcome and not rit.appeal_date:
                raise ValidationError(_("Record the appeal before its outcome."))
            if (rit.decision_date or rit.decision_received_date) and not rit.decision:
                raise ValidationError(_("Record the decision with its dates."))

    def _field_label(self, field_name):
        return self._fields[field_name].get_description(self.env)["string"]

    @api.model
    def _check_decision_value(self, vals):
        if vals.get("decision") and vals["decision"] not in dict(DECISIONS):
            raise ValidationError(
                _(
                    "The decision must be A, B or C, not %(value)s.",
                    value=vals["decision"],
                )
            )

    # ------------------------------------------------------------------
    # Who writes what, when
    # ------------------------------------------------------------------
    def _is_worker(self):
        """The current user is the worker of every trajectory of `self`, on
        the live link between the employee and their user."""
        return all(rit.employee_id.sudo().user_id == self.env.user for rit in self)

    def _check_role(self, who, field_name):
        if self.env.su:
            return
        user = self.env.user
        field = self._field_label(field_name)
        record = self[:1].display_name or self._description
        if who == HR and not user.has_group(HR_GROUP):
            raise AccessError(
                _(
                    "%(rit)s: only an HR officer records %(field)s.",
                    rit=record,
                    field=field,
                )
            )
        if who == PHYSICIAN and not user.has_group(PHYSICIAN_GROUP):
            raise AccessError(
                _(
                    "%(rit)s: only the occupational physician sets %(field)s.",
                    rit=record,
                    field=field,
                )
            )
        if who == HR_OR_PHYSICIAN and not (
            user.has_group(HR_GROUP) or user.has_group(PHYSICIAN_GROUP)
        ):
            raise AccessError(
                _(
                    "%(rit)s: only an HR officer or the occupational physician "
                    "sets %(field)s.",
                    rit=record,
                    field=field,
                )
            )
        if who == WORKER and not (self and self._is_worker()):
            raise AccessError(
                _(
                    "%(rit)s: only the worker answers the plan (%(field)s).",
                    rit=record,
                    field=field,
                )
            )

    def _check_client_fields(self, vals):
        """The field rules of a client's create or write: who writes which
        field, in which states, once, or only with its move. On create
        (`self` empty), the trajectory is requested."""
        derived = [f for f in DERIVED_FIELDS if f in vals]
        if derived:
            raise AccessError(
                _(
                    "The field %(field)s of a reintegration trajectory is "
                    "computed by the system.",
                    field=self._field_label(derived[0]),
                )
            )
        for field_name in [f for f in FIELD_RULES if f in vals]:
            who, states = FIELD_RULES[field_name]
            self._check_role(who, field_name)
            for rit in self or [None]:
                state = rit.state if rit else "requested"
                if state not in states:
                    raise UserError(
                        _(
                            "%(rit)s is %(state)s: its %(field)s can only change "
                            "while it is %(allowed)s.",
                            rit=rit.display_name if rit else self._description,
                            state=self._workflow_label("state", state),
                            field=self._field_label(field_name),
                            allowed=", ".join(
                                self._workflow_label("state", s) for s in states
                            ),
                        )
                    )
                current = rit and rit[field_name]
                if (
                    current
                    and state in SET_ONCE.get(field_name, ())
                    and current
                    != self._fields[field_name].convert_to_cache(vals[field_name], rit)
                ):
                    raise UserError(
                        _(
                            "%(rit)s: %(field)s was recorded (%(value)s) and "
                            "stays as it is.",
                            rit=rit.display_name,
                            field=self._field_label(field_name),
                            value=current,
                        )
                    )
        for field_name, (move, allows) in MOVE_FIELDS.items():
            if field_name not in vals or (not self and not vals[field_name]):
                continue
            if (
                not self
                or move not in vals
                or not all(
                    allows(
                        self._workflow_value(rit, move) or False, vals[move] or False
                    )
                    for rit in self
                )
            ):
                raise UserError(
                    _(
                        "%(rit)s: %(field)s is set with its step only (%(step)s).",
                        rit=self[:1].display_name or self._description,
                        field=self._field_label(field_name),
                        step=self._field_label(move),
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        trusted = self._workflow_trusted()
        if not trusted:
            for vals in vals_list:
                self._check_decision_value(vals)
                self.browse()._check_client_fields(vals)
        rits = super().create(vals_list)
        if not trusted:
            rits.filtered("worker_consent_date")._set_consent_recorder()
        rits._sync_milestones()
        return rits

    def write(self, vals):
        if self._workflow_trusted():
            res = super().write(vals)
            if SYNC_FIELDS & set(vals):
                self._sync_milestones()
            return res
        self._check_decision_value(vals)
        self._check_client_fields(vals)
        rits = self
        if set(vals) & (set(FIELD_RULES) | set(self._workflow)):
            # A guarded change always leaves its trace in the chatter.
            rits = self.with_context(**NO_SILENCE)
        res = super(HrReintegrationTrajectory, rits).write(vals)
        if "worker_consent_date" in vals:
            rits._set_consent_recorder()
        if SYNC_FIELDS & set(vals):
            rits._sync_milestones()
        return res

    def _set_consent_recorder(self):
        """Who recorded the worker's consent: the system says."""
        with self._workflow_system():
            for rit in self:
                rit.write(
                    {
                        "worker_consent_by_id": rit.worker_consent_date
                        and self.env.user.id
                    }
                )

    def _workflow_kept(self):
        """Decided (or further) trajectories, those with a refused
        invitation, a legal step done, or a plan: never deleted."""
        planned = (
            self.env["hr.reintegration.plan"]
            .sudo()
            .search([("trajectory_id", "in", self.ids)])
            .trajectory_id
        )
        return self.filtered(
            lambda rit: rit.state != "requested"
            or rit.invitation_refusal_count
            or rit in planned
            or any(rit.sudo().milestone_ids.mapped("done"))
        )

    def _sync_milestones(self):
        milestone_model = self.env["hr.absence.milestone"].sudo()
        for rit in self:
            expected = rit._expected_deadlines()
            current = rit.sudo().milestone_ids
            vals_list = []
            for code, (step, deadline) in expected.items():
                milestone = current.filtered(lambda m, c=code: m.code == c)[:1]
                if not milestone:
                    vals_list.append(
                        milestone_model._vals_from_step(
                            step, deadline, rit.case_id, rit
                        )
                    )
                elif not milestone.done and milestone.date_deadline != deadline:
                    milestone._reschedule(deadline)
            obsolete = current.filtered(
                lambda m, e=expected: not m.done and m.code not in e
            )
            obsolete.activity_ids.unlink()
            obsolete.unlink()
            with self._workflow_system():
                milestone_model.create(vals_list)

    def _tick(self, code):
        self.sudo().milestone_ids.filtered(lambda m: m.code == code)._mark_done()

    def _close_milestone_activities(self):
        self.sudo().milestone_ids.filtered(lambda m: not m.done).activity_ids.unlink()

    # ------------------------------------------------------------------
    # The moves, checked by the guard in write()
    # ------------------------------------------------------------------
    def _wf_decide(self, vals):
        """The occupational physician confirms the decision: a decision A, B
        or C, its date and the physician."""
        self._workflow_require_group(
            PHYSICIAN_GROUP,
            _("Only the occupational physician confirms the decision of a trajectory."),
        )
        is_physician = self.env.user.has_group(PHYSICIAN_GROUP)
        for rit in self:
            decision = vals.get("decision", rit.decision)
            decision_date = vals.get("decision_date", rit.decision_date)
            physician = vals.get("physician_user_id", rit.physician_user_id)
            if decision not in dict(DECISIONS) or not decision_date:
                raise UserError(
                    _(
                        "%(rit)s: enter the decision (A, B or C) and its date "
                        "before confirming it.",
                        rit=rit.display_name,
                    )
                )
            if not physician and not is_physician:
                raise UserError(
                    _(
                        "%(rit)s: name the occupational physician who made the "
                        "decision before confirming it.",
                        rit=rit.display_name,
                    )
                )
        if "physician_user_id" not in vals and is_physician:
            # The physician who confirms it, unless another one was named.
            with self._workflow_system():
                self.filtered(lambda rit: not rit.physician_user_id).write(
                    {"physician_user_id": self.env.user.id}
                )

    def _wf_after_decide(self):
        self._tick("rit_assessment")

    def _wf_end(self, vals):
        raise UserError(
            _(
                "%(rit)s ends by itself after %(count)s refused invitations; "
                "otherwise it is closed after its decision.",
                rit=self[:1].display_name,
                count=MAX_REFUSED_INVITATIONS,
            )
        )

    def _wf_decision(self, vals):
        """The decision is entered, or revised, before it is confirmed."""
        self._check_role(PHYSICIAN, "decision")
        for rit in self:
            if rit.state != "requested":
                raise UserError(
                    _(
                        "%(rit)s: the decision was confirmed and stays as it is. "
                        "The worker may appeal against a decision B; a new "
                        "request starts a new trajectory.",
                        rit=rit.display_name,
                    )
                )

    def _wf_send_plan(self, vals):
        self._workflow_require_group(
            HR_GROUP, _("Only an HR officer sends the plan or the motivated report.")
        )
        today = fields.Date.context_today(self)
        sent = fields.Date.to_date(vals.get("plan_sent_date")) or today
        for rit in self:
            if rit.decision not in ("A", "B"):
                raise UserError(
                    _(
                        "%(rit)s: a plan follows a decision A or B only, not "
                        "%(decision)s.",
                        rit=rit.display_name,
                        decision=rit._workflow_label("decision", rit.decision),
                    )
                )
            if not rit.decision_received_date:
                raise UserError(
                    _(
                        "%(rit)s: the decision was not received yet.",
                        rit=rit.display_name,
                    )
                )
            if not vals.get("plan_or_report", rit.plan_or_report):
                raise UserError(
                    _(
                        "%(rit)s: say whether you send a plan or a motivated report.",
                        rit=rit.display_name,
                    )
                )
            if sent > today:
                raise UserError(
                    _(
                        "%(rit)s: the plan cannot be sent on %(date)s, a day to come.",
                        rit=rit.display_name,
                        date=sent,
                    )
                )
        return {"plan_sent_date": sent}

    def _wf_after_send_plan(self):
        self._tick("rit_plan")

    def _wf_close(self, vals):
        self._workflow_require_group(
            HR_GROUP, _("Only an HR officer closes a reintegration trajectory.")
        )

    def _wf_after_close(self):
        self._close_milestone_activities()

    def _wf_reply(self, vals):
        """The worker's reply to the plan: theirs only (the plan they answer
        writes it for them), with a reason when they refuse."""
        self._check_role(WORKER, "employee_reply")
        for rit in self:
            if rit.state not in OPEN_RIT_STATES:
                raise UserError(
                    _(
                        "%(rit)s is %(state)s: the plan can no longer be answered.",
                        rit=rit.display_name,
                        state=rit._workflow_label("state", rit.state),
                    )
                )
        reason = (vals.get("employee_refusal_reason") or "").strip()
        if vals["employee_reply"] == "refused" and not reason:
            raise UserError(
                _(
                    "%(rit)s: a refusal of the plan gives its reasons.",
                    rit=self[:1].display_name,
                )
            )
        today = fields.Date.context_today(self)
        replied = fields.Date.to_date(vals.get("employee_reply_date")) or today
        if replied > today:
            raise UserError(
                _(
                    "%(rit)s: the reply cannot be dated %(date)s, a day to come.",
                    rit=self[:1].display_name,
                    date=replied,
                )
            )
        return {
            "employee_reply_date": replied,
            "employee_refusal_reason": reason or False,
        }

    def _wf_appeal_outcome(self, vals):
        self._check_role(HR, "appeal_outcome")
        today = fields.Date.context_today(self)
        decided = fields.Date.to_date(vals.get("appeal_outcome_date")) or today
        for rit in self:
            if not vals.get("appeal_date", rit.appeal_date):
                raise UserError(
                    _(
                        "%(rit)s: record the appeal before its outcome.",
                        rit=rit.display_name,
                    )
                )
        if decided > today:
            raise UserError(
                _(
                    "%(rit)s: the outcome of the appeal cannot be dated %(date)s, "
                    "a day to come.",
                    rit=self[:1].display_name,
                    date=decided,
                )
            )
        return {"appeal_outcome_date": decided}

    def _wf_refuse_invitation(self, vals):
        """One more refused invitation to the assessment: each counts only
        REFUSED_INVITATION_GAP days after the previous one; the third ends
        the trajectory."""
        if not self.env.su and not (
            self.env.user.has_group(PHYSICIAN_GROUP)
            or self.env.user.has_group(HR_GROUP)
        ):
            raise AccessError(
                _(
                    "Only the occupational physician or an HR officer registers a "
                    "refused invitation."
                )
            )
        today = fields.Date.context_today(self)
        for rit in self:
            if rit.state != "requested":
                raise UserError(
                    _(
                        "%(rit)s is %(state)s: refused invitations count only while "
                        "the assessment is awaited.",
                        rit=rit.display_name,
                        state=rit._workflow_label("state", rit.state),
                    )
                )
            last = rit.last_refused_invitation_date
            if last and today < last + timedelta(days=REFUSED_INVITATION_GAP):
                raise UserError(
                    _(
                        "Refused invitations count only %(days)s days apart: the "
                        "next one can count from %(date)s.",
                        days=REFUSED_INVITATION_GAP,
                        date=last + timedelta(days=REFUSED_INVITATION_GAP),
                    )
                )
        values = {"last_refused_invitation_date": today}
        if vals["invitation_refusal_count"] >= MAX_REFUSED_INVITATIONS:
            values["state"] = "ended"
        return values

    def _wf_after_refused_invitation(self):
        ended = self.filtered(lambda rit: rit.state == "ended")
        ended._close_milestone_activities()
        for rit in ended:
            rit.message_post(
                body=_(
                    "%(count)s invitations refused: the trajectory ends.",
                    count=rit.invitation_refusal_count,
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_record_consent(self):
        for rit in self.filtered("worker_consent_date"):
            raise UserError(
                _(
                    "%(rit)s: the worker's consent was recorded on %(date)s.",
                    rit=rit.display_name,
                    date=rit.worker_consent_date,
                )
            )
        self.write({"worker_consent_date": fields.Date.context_today(self)})
        return True

    def action_register_refused_invitation(self):
        for rit in self:
            if rit.state == "ended":
                raise UserError(
                    _(
                        "%(rit)s already ended after %(count)s refused invitations.",
                        rit=rit.display_name,
                        count=rit.invitation_refusal_count,
                    )
                )
            rit.write({"invitation_refusal_count": rit.invitation_refusal_count + 1})
        return True

    def action_confirm_decision(self):
        self._check_action_state(("requested",))
        self.write({"state": "decided"})
        return True

    def action_send_plan(self):
        self._check_action_state(("decided",))
        self.write({"state": "plan_sent"})
        return True

    def action_close(self):
        self._check_action_state(("decided", "plan_sent"))
        self.write({"state": "closed"})
        return True

    # ------------------------------------------------------------------
    # The trajectory's plans (issue 14, hr-flow: smart button and creation)
    # ------------------------------------------------------------------
    reintegration_plan_count = fields.Integer(
        "Plans", compute="_compute_reintegration_plan_count"
    )

    def _compute_reintegration_plan_count(self):
        counts = self.env["hr.reintegration.plan"]._plan_counts("trajectory_id", self)
        for rit in self:
            rit.reintegration_plan_count = counts.get(rit.id, 0)

    def action_open_plans(self):
        self.ensure_one()
        plans = self.env["hr.reintegration.plan"]
        return plans._action_open_plans(
            [("trajectory_id", "=", self.id)], plans._defaults_from(trajectory=self)
        )

    def action_create_plan(self):
        """After a decision A or B, HR makes the plan from the trajectory."""
        self.ensure_one()
        self._check_role(HR, "plan_or_report")
        if self.state not in ("decided", "plan_sent") or self.decision not in (
            "A",
            "B",
        ):
            raise UserError(
                _(
                    "%(rit)s: a plan follows a confirmed decision A or B.",
                    rit=self.display_name,
                )
            )
        plans = self.env["hr.reintegration.plan"]
        return {
            "type": "ir.actions.act_window",
            "name": _("Reintegration Plan"),
            "res_model": "hr.reintegration.plan",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": plans._defaults_from(trajectory=self),
        }

from collections import defaultdict
from contextvars import ContextVar
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, _lt, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import format_date

from .hr_legal_protocol import RULES_VERSIONS
from .hr_legal_protocol_step import DECISIONS
from .wellbeing_i18n import date_label

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
END_REASONS = [
    ("decision_c", "Decision C: assessment not (yet) possible"),
    ("refused_invitations", "Invitations to the assessment refused"),
    ("plan_refused", "Plan refused by the worker"),
    ("no_reply", "No reply to the plan after a reminder"),
]
# The day of the event a move records, given by server code (an action's
# argument); no client reaches it.
_EVENT_DATE = ContextVar("hr_reintegration_event_date", default=None)
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
}
# Recorded once in these states: then they stay as they are.
SET_ONCE = {
    "decision_received_date": ("decided",),
}
# Written only with the move they belong to: {field: (moving field, whether
# the move allows it, from the old and the new value of the moving field)}.
MOVE_FIELDS = {
    "plan_sent_date": ("state", lambda old, new: new == "plan_sent" != old),
    "appeal_outcome_date": ("appeal_outcome", lambda old, new: bool(new and not old)),
    "employee_reply_date": ("employee_reply", lambda old, new: bool(new)),
}
# Computed by the system: no client writes them.
DERIVED_FIELDS = (
    "name",
    "employee_name",
    "employee_id",
    "company_id",
    "rules_version",
    "protocol_id",
    "request_protocol_id",
    "assessment_deadline",
    "appeal_deadline",
    "appeal_outcome_deadline",
    "plan_deadline",
    "employee_reply_deadline",
    "appeal_pending",
    "plan_late",
    "reply_late",
)
# Changing one of them moves the legal steps of the trajectory.
SYNC_FIELDS = {
    "request_date",
    "decision",
    "decision_received_date",
    "appeal_date",
    "appeal_outcome_date",
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


class HrReintegrationTrajectory(models.Model):
    _name = "hr.reintegration.trajectory"
    _description = "Reintegration Trajectory"
    # The guard first: its moves reach mail.thread with their chatter on,
    # whatever context the client sent.
    _inherit = [
        "hr.wellbeing.workflow.mixin",
        "hr.wellbeing.reader.name.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "hr.reintegration.plan.source.mixin",
    ]
    _plan_source = ("trajectory_id", "trajectory")
    _order = "request_date desc, id desc"
    _reader_name = _lt("Reintegration of %(employee)s (%(date)s)")
    _reader_name_fields = ("employee_name", "request_date")
    _check_company_auto = True
    _workflow = {
        "state": {
            ("requested", "decided"): ("_wf_decide", "_wf_after_decide"),
            # It ends by itself (decision C, refused invitations, a refusal
            # of the plan, no reply after a reminder): never by a client.
            ("requested", "ended"): "_wf_end",
            ("decided", "ended"): "_wf_end",
            ("plan_sent", "ended"): "_wf_end",
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
        # A refusal ends the trajectory: a reply is given once.
        "employee_reply": {
            (False, "accepted"): ("_wf_reply", "_wf_after_reply"),
            (False, "refused"): ("_wf_reply", "_wf_after_reply"),
        },
        # One appeal per trajectory: any date, once (see `_workflow_step`).
        "appeal_date": {(False, "filed"): ("_wf_appeal", "_wf_after_appeal")},
        "appeal_outcome": {
            (False, "confirmed"): ("_wf_appeal_outcome", "_wf_after_appeal_outcome"),
            (False, "overturned"): ("_wf_appeal_outcome", "_wf_after_appeal_outcome"),
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
        "appeal_date": (False,),
        "invitation_refusal_count": (0,),
    }
    _workflow_system_fields = (
        "last_refused_invitation_date",
        "worker_consent_by_id",
        "end_date",
        "end_reason",
        "reply_reminder_date",
    )

    # The name is built when read, in the reader's language (not stored in
    # the maker's): hr.wellbeing.reader.name.mixin.
    case_id = fields.Many2one(
        "hr.absence.case",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    employee_id = fields.Many2one(related="case_id.employee_id", store=True)
    # The employee's name on the trajectory's own row: its name (built when
    # read, in the reader's language) costs no query.
    employee_name = fields.Char(related="case_id.employee_name")
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
    # Who may request follows the rules of the request date; the deadlines
    # follow `protocol_id`: the same protocol, or rules that applied at once
    # to the trajectories still running on their first day.
    rules_version = fields.Selection(
        RULES_VERSIONS,
        compute="_compute_rules_version",
        store=True,
        help="The rules in force on the request date.",
    )
    request_protocol_id = fields.Many2one(
        "hr.legal.protocol",
        "Protocol of the Request",
        compute="_compute_rules_version",
        store=True,
    )
    protocol_id = fields.Many2one(
        "hr.legal.protocol",
        compute="_compute_rules_version",
        store=True,
        help="The protocol of the trajectory's deadlines.",
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
    refused_invitation_ids = fields.One2many(
        "hr.reintegration.refused.invitation",
        "trajectory_id",
        "Refused Invitation Dates",
        readonly=True,
        groups="hr_burnout_prevention.group_hr_officer,"
        "hr_burnout_prevention.group_occupational_physician",
    )

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
    appeal_pending = fields.Boolean(
        compute="_compute_appeal_pending",
        store=True,
        help="An appeal against the decision B awaits its outcome: the "
        "trajectory is suspended (no plan is sent) until then.",
    )

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
    reply_reminder_date = fields.Date(
        "Reminder Sent On",
        readonly=True,
        copy=False,
        tracking=True,
        help="No reply by the end of the reminder's delay (a setting) counts "
        "as a refusal of the plan.",
    )
    plan_late = fields.Boolean(
        "Plan Sent Late",
        compute="_compute_late",
        store=True,
        help="The plan or the report was sent after its deadline.",
    )
    reply_late = fields.Boolean(
        "Replied Late",
        compute="_compute_late",
        store=True,
        help="The worker replied after the reply period.",
    )
    end_date = fields.Date("Ended On", readonly=True, copy=False, tracking=True)
    end_reason = fields.Selection(
        END_REASONS, "Ended Because", readonly=True, copy=False, tracking=True
    )

    # Stored deadlines, counted by the protocol in force on the request date.
    assessment_deadline = fields.Date(compute="_compute_deadlines", store=True)
    appeal_deadline = fields.Date(compute="_compute_deadlines", store=True)
    appeal_outcome_deadline = fields.Date(compute="_compute_deadlines", store=True)
    plan_deadline = fields.Date(compute="_compute_deadlines", store=True)
    employee_reply_deadline = fields.Date(compute="_compute_deadlines", store=True)
    milestone_ids = fields.One2many(
        "hr.absence.milestone", "trajectory_id", "Legal Steps"
    )

    def init(self):
        # The worker's reasons for refusing a plan were once copied here,
        # where the line manager reads: they live on the plan only (issue
        # 11). The old column goes at the upgrade, with what it held.
        self.env.cr.execute(
            "ALTER TABLE hr_reintegration_trajectory "
            "DROP COLUMN IF EXISTS employee_refusal_reason"
        )

    @api.depends("appeal_date", "appeal_outcome")
    def _compute_appeal_pending(self):
        for rit in self:
            rit.appeal_pending = bool(rit.appeal_date and not rit.appeal_outcome)

    @api.depends(
        "plan_sent_date",
        "plan_deadline",
        "employee_reply_date",
        "employee_reply_deadline",
    )
    def _compute_late(self):
        for rit in self:
            rit.plan_late = bool(
                rit.plan_sent_date
                and rit.plan_deadline
                and rit.plan_sent_date > rit.plan_deadline
            )
            rit.reply_late = bool(
                rit.employee_reply_date
                and rit.employee_reply_deadline
                and rit.employee_reply_date > rit.employee_reply_deadline
            )

    @api.depends(
        "request_date",
        "company_id",
        "state",
        "decision_received_date",
        "appeal_outcome_date",
        "plan_sent_date",
        "employee_reply_date",
    )
    def _compute_rules_version(self):
        protocol_model = self.env["hr.legal.protocol"]
        today = fields.Date.context_today(self)
        pool = protocol_model._pool() if self.filtered("request_date") else None
        for rit in self:
            if not rit.request_date:
                rit.rules_version = False
                rit.request_protocol_id = rit.protocol_id = False
                continue
            requested = protocol_model._find(
                rit.request_date, rit.company_id, pool=pool
            )
            rit.request_protocol_id = requested
            rit.rules_version = requested.rules_version or "2016"
            # Still running: up to today; otherwise up to its last event.
            running = [today] if rit.state in OPEN_RIT_STATES else []
            rit.protocol_id = protocol_model._for_trajectory(
                rit.request_date,
                rit.company_id,
                running
                + [
                    rit.decision_received_date,
                    rit.appeal_outcome_date,
                    rit.plan_sent_date,
                    rit.employee_reply_date,
                ],
                pool=pool,
            )

    @api.depends(
        "protocol_id",
        "request_date",
        "decision",
        "decision_received_date",
        "appeal_date",
        "appeal_outcome_date",
        "plan_sent_date",
    )
    def _compute_deadlines(self):
        for rit in self:
            expected = rit._expected_deadlines()
            for field_name, (code, _anchor, _field) in DEADLINES.items():
                rit[field_name] = expected.get(code, (None, False))[1]

    def _expected_deadlines(self):
        """{step code: (step, date)} of the protocol steps of the trajectory,
        counted by the deadline engine. An appeal suspends the trajectory:
        the plan deadline then runs from the appeal's outcome only."""
        self.ensure_one()
        if not self.protocol_id or not self.request_date:
            return {}
        engine = self.env["hr.legal.deadline.mixin"]
        anchors = {
            anchor: self[field_name] for _code, anchor, field_name in DEADLINES.values()
        }
        if self.appeal_date:
            anchors = dict(anchors, decision_received=False)
        expected = engine._legal_deadlines(
            self.protocol_id, anchors, self.company_id, self.request_date, self.decision
        )
        if self.appeal_date and self.decision_received_date:
            # The steps of the decision other than the plan keep its date.
            after_decision = engine._legal_deadlines(
                self.protocol_id,
                {"decision_received": self.decision_received_date},
                self.company_id,
                self.request_date,
                self.decision,
            )
            after_decision.pop("rit_plan", None)
            expected.update(after_decision)
            if self.appeal_outcome_date:
                after_outcome = engine._legal_deadlines(
                    self.protocol_id,
                    {"decision_received": self.appeal_outcome_date},
                    self.company_id,
                    self.request_date,
                    self.decision,
                )
                if "rit_plan" in after_outcome:
                    expected["rit_plan"] = after_outcome["rit_plan"]
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
                        request=format_date(self.env, rit.request_date),
                        start=start,
                    )
                )
            version = rit.rules_version
            if rit.requester == "advising_physician" and not (
                rit.request_protocol_id._param("advising_physician_may_request")
            ):
                raise ValidationError(
                    _(
                        "Request refused: under the rules in force on %(date)s "
                        "(%(version)s) a reintegration trajectory is requested by "
                        "the worker, their treating physician or the employer, "
                        "not by %(requester)s (the mutuality's advising physician "
                        "may no longer request one since 1 October 2022).",
                        date=date_label(self.env, rit.request_date),
                        version=rit._workflow_label("rules_version", version),
                        requester=rit._workflow_label("requester", rit.requester),
                    )
                )
            if rit.requester != "employer":
                continue
            # The employer waits the protocol's months of incapacity, unless
            # the worker has a certificate of definitive unfitness or (2026
            # rules) consented to an earlier request.
            protocol = rit.request_protocol_id
            months = protocol._param("employer_request_months")
            earliest = start + relativedelta(months=months)
            if rit.request_date >= earliest or rit.definitive_unfitness_certificate:
                continue
            if not protocol._param("employer_request_with_consent"):
                raise ValidationError(
                    _(
                        "Request refused: under the rules in force on %(date)s the "
                        "employer may only request a reintegration trajectory after "
                        "%(months)s months of uninterrupted incapacity (from "
                        "%(earliest)s) or with a certificate of definitive "
                        "unfitness.",
                        date=date_label(self.env, rit.request_date),
                        months=months,
                        earliest=date_label(self.env, earliest),
                    )
                )
            if not rit.worker_consent_date:
                raise ValidationError(
                    _(
                        "Under the rules in force on %(date)s an employer's request "
                        "before %(months)s months of incapacity (before "
                        "%(earliest)s) needs the worker's consent: record the date "
                        "of the consent first.",
                        date=date_label(self.env, rit.request_date),
                        months=months,
                        earliest=date_label(self.env, earliest),
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
            if (
                rit.appeal_date
                and rit.appeal_deadline
                and rit.appeal_date > rit.appeal_deadline
            ):
                raise ValidationError(
                    _(
                        "The appeal period ended on %(date)s.",
                        date=format_date(self.env, rit.appeal_deadline),
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
        """Make, move and drop the milestones of the trajectories after
        their legal steps: the new ones made in one create, the moved and
        the dropped ones in one batch each."""
        milestone_model = self.env["hr.absence.milestone"].sudo()
        vals_list = []
        moved = {}
        obsolete = milestone_model.browse()
        for rit in self:
            expected = rit._expected_deadlines()
            current = rit.sudo().milestone_ids
            by_code = {}
            for milestone in current:
                by_code.setdefault(milestone.code, milestone)
            for code, (step, deadline) in expected.items():
                milestone = by_code.get(code)
                if not milestone:
                    vals_list.append(
                        milestone_model._vals_from_step(
                            step, deadline, rit.case_id, rit
                        )
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

    def _tick(self, code, day=None):
        """Tick the step `code` done on `day`, the day the event happened
        (not the day of the click)."""
        self.sudo().milestone_ids.filtered(lambda m: m.code == code)._mark_done(day)

    def _close_milestone_activities(self):
        self.sudo().milestone_ids.filtered(lambda m: not m.done).activity_ids.unlink()

    # ------------------------------------------------------------------
    # Rules read from one place
    # ------------------------------------------------------------------
    def _refused_invitation_rule(self):
        """(how many refused invitations end the trajectory, the days between
        two that count). One place, so that it reads the protocol once the
        protocol holds them."""
        protocol = self[:1].protocol_id
        return (
            protocol._param("refused_invitation_max"),
            protocol._param("refused_invitation_gap"),
        )

    @api.model
    def _event_date(self, value, label):
        """The day an event happened, as entered (today by default): never a
        day to come."""
        today = fields.Date.context_today(self)
        day = fields.Date.to_date(value) if value else today
        if day > today:
            raise UserError(
                _(
                    "%(rit)s: %(event)s cannot be dated %(date)s, a day to come.",
                    rit=self[:1].display_name or self._description,
                    event=label,
                    date=date_label(self.env, day),
                )
            )
        return day

    def _end(self, reason, end_date, message=None):
        """Server code: the trajectory ends (decision C, refused invitations,
        a refusal of the plan, no reply after a reminder). The reason and the
        day are tracked; `message` explains it in the chatter too."""
        with self._workflow_system():
            self.write({"state": "ended", "end_reason": reason, "end_date": end_date})
        self._close_milestone_activities()
        for rit in self if message else ():
            rit.message_post(body=message)

    # ------------------------------------------------------------------
    # The moves, checked by the guard in write()
    # ------------------------------------------------------------------
    def _workflow_step(self, fname, old, new):
        # The appeal is a date: any date is the move "filed".
        if fname == "appeal_date":
            return self._workflow[fname][(False, "filed")]
        return super()._workflow_step(fname, old, new)

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
        for rit in self:
            rit._tick("rit_assessment", rit.decision_date)
        # Decision C: the assessment is not (yet) medically possible; the
        # trajectory ends on the day of the decision.
        for rit in self.filtered(lambda r: r.decision == "C"):
            rit._end(
                "decision_c",
                rit.decision_date,
                _(
                    "Decision C (assessment not yet possible) of %(date)s: the "
                    "trajectory ends.",
                    date=date_label(self.env, rit.decision_date),
                ),
            )

    def _wf_end(self, vals):
        raise UserError(
            _(
                "%(rit)s ends by itself: on a decision C, after %(count)s refused "
                "invitations, on a refusal of the plan or on no reply after a "
                "reminder. Otherwise an HR officer closes it after its decision.",
                rit=self[:1].display_name,
                count=self._refused_invitation_rule()[0],
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

    def _check_not_suspended(self):
        for rit in self.filtered("appeal_pending"):
            raise UserError(
                _(
                    "%(rit)s is suspended by the appeal filed on %(date)s: it goes "
                    "on once the outcome of the appeal is recorded.",
                    rit=rit.display_name,
                    date=date_label(self.env, rit.appeal_date),
                )
            )

    def _wf_send_plan(self, vals):
        self._workflow_require_group(
            HR_GROUP, _("Only an HR officer sends the plan or the motivated report.")
        )
        sent = self._event_date(
            vals.get("plan_sent_date"), self._field_label("plan_sent_date")
        )
        self._check_not_suspended()
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
        # A late plan is accepted, and flagged late (plan_late).
        return {"plan_sent_date": sent}

    def _wf_after_send_plan(self):
        for rit in self:
            rit._tick("rit_plan", rit.plan_sent_date)

    def _wf_close(self, vals):
        self._workflow_require_group(
            HR_GROUP, _("Only an HR officer closes a reintegration trajectory.")
        )
        self._check_not_suspended()

    def _wf_after_close(self):
        self._close_milestone_activities()

    def _wf_reply(self, vals):
        """The worker's reply to the plan: theirs only (the plan they answer
        writes it for them). A refusal gives its reasons on the plan, where
        HR and the worker read them; the trajectory keeps the fact and the
        date."""
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
        if vals["employee_reply"] == "refused":
            with_reasons = (
                self.env["hr.reintegration.plan"]
                .sudo()
                .search(
                    [
                        ("trajectory_id", "in", self.ids),
                        ("state", "=", "refused"),
                        ("refusal_reason", "!=", False),
                    ]
                )
                .trajectory_id
            )
            if self - with_reasons:
                raise UserError(
                    _(
                        "%(rit)s: a refusal of the plan gives its reasons. The "
                        "worker refuses their plan with their reasons.",
                        rit=(self - with_reasons)[:1].display_name,
                    )
                )
        replied = self._event_date(
            vals.get("employee_reply_date"), self._field_label("employee_reply_date")
        )
        return {"employee_reply_date": replied}

    def _wf_after_reply(self):
        # The reply step is done on the day of the reply (a late reply is
        # accepted, and flagged late).
        for rit in self:
            rit._tick("rit_reply", rit.employee_reply_date)
        for rit in self.filtered(lambda r: r.employee_reply == "refused"):
            rit._end(
                "plan_refused",
                rit.employee_reply_date,
                _(
                    "The worker refused the reintegration plan on %(date)s: the "
                    "trajectory ends.",
                    date=date_label(self.env, rit.employee_reply_date),
                ),
            )

    def _check_no_appeal(self):
        for rit in self.filtered("appeal_date"):
            raise UserError(
                _(
                    "%(rit)s: the worker appeals once per trajectory; the "
                    "appeal of %(date)s was recorded.",
                    rit=rit.display_name,
                    date=date_label(self.env, rit.appeal_date),
                )
            )

    def _wf_appeal(self, vals):
        """The worker's appeal, recorded by HR: only against a decision B,
        once, within its period after the decision was received."""
        self._check_role(HR, "appeal_date")
        if not vals.get("appeal_date"):
            raise UserError(
                _(
                    "%(rit)s: an appeal once recorded stays as it is.",
                    rit=self[:1].display_name,
                )
            )
        filed = self._event_date(vals["appeal_date"], self._field_label("appeal_date"))
        self._check_no_appeal()
        for rit in self:
            if rit.decision != "B":
                raise ValidationError(
                    _(
                        "%(rit)s: an appeal is only possible against a decision B "
                        "(definitively unfit), not against %(decision)s.",
                        rit=rit.display_name,
                        decision=rit._workflow_label("decision", rit.decision),
                    )
                )
            if not rit.decision_received_date:
                raise UserError(
                    _(
                        "%(rit)s: record the day the decision was received before "
                        "the appeal: the appeal period runs from it.",
                        rit=rit.display_name,
                    )
                )
            if filed < rit.decision_received_date:
                raise UserError(
                    _(
                        "%(rit)s: the appeal (%(date)s) cannot come before the "
                        "decision was received (%(received)s).",
                        rit=rit.display_name,
                        date=date_label(self.env, filed),
                        received=date_label(self.env, rit.decision_received_date),
                    )
                )
            if rit.appeal_deadline and filed > rit.appeal_deadline:
                raise ValidationError(
                    _(
                        "%(rit)s: the appeal period ended on %(deadline)s; an "
                        "appeal filed on %(date)s is too late.",
                        rit=rit.display_name,
                        deadline=date_label(self.env, rit.appeal_deadline),
                        date=date_label(self.env, filed),
                    )
                )
        return {"appeal_date": filed}

    def _wf_after_appeal(self):
        for rit in self:
            rit._tick("rit_appeal", rit.appeal_date)
            rit.message_post(
                body=_(
                    "Appeal filed on %(date)s: the trajectory is suspended until "
                    "its outcome.",
                    date=date_label(self.env, rit.appeal_date),
                )
            )

    def _wf_appeal_outcome(self, vals):
        self._check_role(HR, "appeal_outcome")
        decided = self._event_date(
            vals.get("appeal_outcome_date"), self._field_label("appeal_outcome_date")
        )
        for rit in self:
            appeal = fields.Date.to_date(vals.get("appeal_date")) or rit.appeal_date
            if not appeal:
                raise UserError(
                    _(
                        "%(rit)s: record the appeal before its outcome.",
                        rit=rit.display_name,
                    )
                )
            if decided < appeal:
                raise UserError(
                    _(
                        "%(rit)s: the outcome of the appeal (%(date)s) cannot come "
                        "before the appeal (%(appeal)s).",
                        rit=rit.display_name,
                        date=date_label(self.env, decided),
                        appeal=date_label(self.env, appeal),
                    )
                )
        return {"appeal_outcome_date": decided}

    def _wf_after_appeal_outcome(self):
        for rit in self:
            rit._tick("rit_appeal_outcome", rit.appeal_outcome_date)

    def _wf_refuse_invitation(self, vals):
        """One more refused invitation to the assessment, on the day of the
        missed invitation: each counts only a number of days after the
        previous one; the last one ends the trajectory."""
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
        maximum, gap = self._refused_invitation_rule()
        day = self._event_date(
            _EVENT_DATE.get(), _("the missed invitation to the assessment")
        )
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
            if day < rit.request_date:
                raise UserError(
                    _(
                        "%(rit)s: an invitation refused on %(date)s comes before "
                        "the request (%(request)s).",
                        rit=rit.display_name,
                        date=date_label(self.env, day),
                        request=date_label(self.env, rit.request_date),
                    )
                )
            last = rit.last_refused_invitation_date
            if last and day < last + timedelta(days=gap):
                raise UserError(
                    _(
                        "Refused invitations count only %(days)s days apart: the "
                        "next one can count from %(date)s.",
                        days=gap,
                        date=last + timedelta(days=gap),
                    )
                )
        values = {"last_refused_invitation_date": day}
        if vals["invitation_refusal_count"] >= maximum:
            values.update(
                {"state": "ended", "end_reason": "refused_invitations", "end_date": day}
            )
        return values

    def _wf_after_refused_invitation(self):
        with self._workflow_system():
            self.env["hr.reintegration.refused.invitation"].sudo().create(
                [
                    {
                        "trajectory_id": rit.id,
                        "invitation_date": rit.last_refused_invitation_date,
                        "recorded_by_id": self.env.user.id,
                    }
                    for rit in self
                ]
            )
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
    # No reply after a reminder (daily job, in pages)
    # ------------------------------------------------------------------
    @api.model
    def _cron_end_without_reply(self, batch_size=200):
        """A plan left without a reply by the end of the reminder's delay
        counts as refused: the trajectory ends on the last day of the delay.

        One page of `batch_size` trajectories (all companies) per call, in a
        number of queries that does not grow with the page: one write per end
        day, the legal steps of the whole page at once, the chatter's
        messages created together. The scheduler commits the page and calls
        again while `_notify_progress` reports work remaining; returns
        whether work remains."""
        today = fields.Date.context_today(self)
        delays = {
            company.id: company.rit_reply_reminder_days
            for company in self.env["res.company"]
            .sudo()
            .search_fetch([], ["rit_reply_reminder_days"])
        }
        domain = expression.AND(
            [
                [
                    ("state", "=", "plan_sent"),
                    ("employee_reply", "=", False),
                    ("reply_reminder_date", "!=", False),
                ],
                expression.OR(
                    [
                        [
                            ("company_id", "=", company_id),
                            ("reply_reminder_date", "<", today - timedelta(days=delay)),
                        ]
                        for company_id, delay in delays.items()
                    ]
                ),
            ]
        )
        # The chatter gets one message per trajectory, created in one batch
        # below, instead of a tracking message each.
        Rit = self.sudo().with_context(tracking_disable=True)
        rits = Rit.search_fetch(
            domain, ["reply_reminder_date", "company_id"], limit=batch_size, order="id"
        )
        by_day = defaultdict(list)
        for rit in rits:
            day = rit.reply_reminder_date + timedelta(days=delays[rit.company_id.id])
            by_day[day].append(rit.id)
        bodies, new_values = {}, {}
        with self._workflow_system():
            for day, ids in by_day.items():
                vals = {
                    "employee_reply": "refused",
                    "state": "ended",
                    "end_reason": "no_reply",
                    "end_date": day,
                }
                # The end changes no deadline of the legal steps (they hang on
                # the request, the decision, the appeal and the plan): the
                # write skips their sync, and the page's open steps lose their
                # activities at once below.
                super(HrReintegrationTrajectory, Rit.browse(ids)).write(vals)
                body = _(
                    "No reply to the plan by %(date)s, the end of the delay after "
                    "the reminder: the plan counts as refused and the trajectory "
                    "ends.",
                    date=date_label(self.env, day),
                )
                bodies.update(dict.fromkeys(ids, body))
                new_values.update(dict.fromkeys(ids, vals))
        rits._close_milestone_activities()
        messages = rits._message_log_batch(bodies=bodies)
        self._log_tracking_batch(
            messages,
            {"employee_reply": False, "state": "plan_sent", "end_reason": False},
            new_values,
        )
        remaining = Rit.search_count(domain) if len(rits) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(rits), remaining=remaining)
        return bool(remaining)

    @api.model
    def _log_tracking_batch(self, messages, old_values, new_values):
        """The tracking values of a batch of messages (one per trajectory, as
        `_message_log_batch` creates them) created together: `old_values`
        {field: value} the same for all, `new_values` {trajectory id:
        {field: value}}. Fields that are not tracked are left out."""
        tracked = self._track_get_fields()
        fnames = list(next(iter(new_values.values()), {}))
        info = self.fields_get(
            [fname for fname in fnames if fname in tracked],
            attributes=("string", "type", "selection"),
        )
        Tracking = self.env["mail.tracking.value"].sudo()
        Tracking.create(
            [
                dict(
                    Tracking._create_tracking_values(
                        old_values.get(fname, False),
                        new_values[message.res_id][fname],
                        fname,
                        col_info,
                        self,
                    ),
                    mail_message_id=message.id,
                )
                for message in messages
                for fname, col_info in info.items()
            ]
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
                    date=format_date(self.env, rit.worker_consent_date),
                )
            )
        self.write({"worker_consent_date": fields.Date.context_today(self)})
        return True

    def action_register_refused_invitation(self, invitation_date=None):
        """The worker refused an invitation to the assessment on
        `invitation_date` (the day of the missed invitation; today by
        default)."""
        for rit in self:
            if rit.state == "ended":
                raise UserError(
                    _(
                        "%(rit)s already ended (%(reason)s).",
                        rit=rit.display_name,
                        reason=rit._workflow_label("end_reason", rit.end_reason),
                    )
                )
        token = _EVENT_DATE.set(invitation_date)
        try:
            for rit in self:
                rit.write(
                    {"invitation_refusal_count": rit.invitation_refusal_count + 1}
                )
        finally:
            _EVENT_DATE.reset(token)
        return True

    def action_confirm_decision(self):
        self._check_action_state(("requested",))
        self.write({"state": "decided"})
        return True

    def action_send_plan(self, plan_sent_date=None):
        """The plan or the report went out on `plan_sent_date` (today by
        default)."""
        self._check_action_state(("decided",))
        vals = {"state": "plan_sent"}
        if plan_sent_date:
            vals["plan_sent_date"] = plan_sent_date
        self.write(vals)
        return True

    def action_close(self):
        self._check_action_state(("decided", "plan_sent"))
        self.write({"state": "closed"})
        return True

    def action_record_appeal(self, appeal_date=None):
        """HR records the worker's appeal, filed on `appeal_date`."""
        self._check_action_state(("decided", "plan_sent"))
        self._check_no_appeal()
        self.write({"appeal_date": appeal_date or fields.Date.context_today(self)})
        return True

    def action_record_appeal_outcome(self, outcome, outcome_date=None):
        """HR records the outcome of the appeal, decided on `outcome_date`."""
        self._check_action_state(("decided", "plan_sent"))
        vals = {"appeal_outcome": outcome}
        if outcome_date:
            vals["appeal_outcome_date"] = outcome_date
        self.write(vals)
        return True

    def action_record_reply_reminder(self, reminder_date=None):
        """HR reminded the worker to reply to the plan on `reminder_date`
        (after the reply period): without a reply by the end of the
        reminder's delay, the plan counts as refused."""
        self._check_role(HR, "reply_reminder_date")
        self._check_action_state(("plan_sent",))
        day = self._event_date(reminder_date, self._field_label("reply_reminder_date"))
        for rit in self:
            if rit.employee_reply or rit.reply_reminder_date:
                raise UserError(
                    _(
                        "%(rit)s: the worker replied, or was reminded on "
                        "%(date)s; one reminder is recorded.",
                        rit=rit.display_name,
                        date=date_label(
                            self.env, rit.reply_reminder_date or rit.employee_reply_date
                        ),
                    )
                )
            if rit.employee_reply_deadline and day <= rit.employee_reply_deadline:
                raise UserError(
                    _(
                        "%(rit)s: the worker may reply until %(deadline)s; a "
                        "reminder comes after that day.",
                        rit=rit.display_name,
                        deadline=date_label(self.env, rit.employee_reply_deadline),
                    )
                )
        with self._workflow_system():
            self.write({"reply_reminder_date": day})
        return True

    def action_open_event_wizard(self):
        """The form's buttons that record an event on the day it happened."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Record the Day"),
            "res_model": "hr.reintegration.trajectory.event.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_trajectory_id": self.id,
                "default_event": self.env.context.get("trajectory_event"),
            },
        }

    # ------------------------------------------------------------------
    # The trajectory's plans (issue 14, hr-flow: their creation; the smart
    # button is hr.reintegration.plan.source.mixin's)
    # ------------------------------------------------------------------

    def action_create_plan(self):
        """After a decision A or B, HR makes the plan from the trajectory."""
        self.ensure_one()
        self._check_role(HR, "plan_or_report")
        if (
            self.state not in ("decided", "plan_sent")
            or self.decision not in ("A", "B")
            or self.appeal_pending
        ):
            raise UserError(
                _(
                    "%(rit)s: a plan follows a confirmed decision A or B, and "
                    "waits for the outcome of an appeal.",
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

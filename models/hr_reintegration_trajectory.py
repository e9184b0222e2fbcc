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
# Fields that only the occupational physician sets.
PHYSICIAN_FIELDS = {
    "decision",
    "decision_date",
    "decision_received_date",
    "functional_restrictions",
    "restricted_hours",
    "restrictions_review_date",
}
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
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "request_date desc, id desc"
    _check_company_auto = True

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
        RIT_STATES, default="requested", required=True, tracking=True, index=True
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
    worker_consent_by_id = fields.Many2one("res.users", "Consent Recorded By")
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
    )
    invitation_refusal_count = fields.Integer("Refused Invitations", readonly=True)
    last_refused_invitation_date = fields.Date(readonly=True)

    # Set by the occupational physician only.
    decision = fields.Selection(DECISIONS, tracking=True)
    decision_date = fields.Date(tracking=True)
    decision_received_date = fields.Date(tracking=True)
    functional_restrictions = fields.Text(
        help="What the worker can do: the only medical-derived text the "
        "employer sees. Never a diagnosis."
    )
    restricted_hours = fields.Float("Hours per Week Possible")
    restrictions_review_date = fields.Date("Review Restrictions On")

    # Appeal (decision B only).
    appeal_date = fields.Date("Appeal Filed On", tracking=True)
    appeal_outcome = fields.Selection(
        [("confirmed", "Decision confirmed"), ("overturned", "Decision overturned")],
        tracking=True,
    )
    appeal_outcome_date = fields.Date()

    # The plan or the motivated report.
    plan_or_report = fields.Selection(
        [("plan", "Reintegration plan"), ("report", "Motivated report")],
        tracking=True,
    )
    plan_sent_date = fields.Date(tracking=True)
    employee_reply = fields.Selection(
        [("accepted", "Accepted"), ("refused", "Refused")], tracking=True
    )
    employee_reply_date = fields.Date()
    employee_refusal_reason = fields.Text()

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

    def _check_field_rights(self, vals):
        if self.env.is_superuser():
            return
        physician_fields = PHYSICIAN_FIELDS & set(vals)
        is_physician = self.env.user.has_group(
            "hr_burnout_prevention.group_occupational_physician"
        )
        if physician_fields and not is_physician:
            raise AccessError(
                _(
                    "Only the occupational physician sets the decision, its dates "
                    "and the functional restrictions."
                )
            )
        if physician_fields and any(
            rit.state not in ("requested", "decided") for rit in self
        ):
            raise UserError(
                _("The decision cannot change once the plan was sent or it ended.")
            )
        hr_fields = set(vals) - PHYSICIAN_FIELDS - {"physician_user_id"}
        hr_fields = {
            f for f in hr_fields if not f.startswith(("message_", "activity_"))
        }
        if (
            hr_fields
            and is_physician
            and not self.env.user.has_group("hr_burnout_prevention.group_hr_officer")
        ):
            raise AccessError(
                _(
                    "The occupational physician records the decision; HR records "
                    "the rest of the trajectory."
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_decision_value(vals)
            self.browse()._check_field_rights(vals)
        rits = super().create(vals_list)
        rits._sync_milestones()
        return rits

    def write(self, vals):
        self._check_decision_value(vals)
        self._check_field_rights(vals)
        res = super().write(vals)
        if {
            "request_date",
            "decision",
            "decision_received_date",
            "appeal_date",
            "plan_sent_date",
            "case_id",
        } & set(vals):
            self._sync_milestones()
        return res

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
            milestone_model.create(vals_list)

    def _tick(self, code):
        self.sudo().milestone_ids.filtered(lambda m: m.code == code)._mark_done()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_group(self, *xmlids):
        if self.env.is_superuser():
            return
        if not any(self.env.user.has_group(xmlid) for xmlid in xmlids):
            raise AccessError(_("You are not allowed to do this on a trajectory."))

    def _check_state(self, states):
        for rit in self:
            if rit.state not in states:
                raise UserError(
                    _(
                        "%(rit)s is %(state)s: this step is not possible now.",
                        rit=rit.name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[rit.state],
                    )
                )

    def action_record_consent(self):
        self._check_group("hr_burnout_prevention.group_hr_officer")
        self.write(
            {
                "worker_consent_date": fields.Date.context_today(self),
                "worker_consent_by_id": self.env.user.id,
            }
        )

    def action_register_refused_invitation(self):
        self._check_group(
            "hr_burnout_prevention.group_occupational_physician",
            "hr_burnout_prevention.group_hr_officer",
        )
        today = fields.Date.context_today(self)
        for rit in self:
            if rit.state == "ended":
                raise UserError(
                    _(
                        "%(rit)s already ended after %(count)s refused invitations.",
                        rit=rit.name,
                        count=rit.invitation_refusal_count,
                    )
                )
            rit._check_state(("requested",))
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
            count = rit.invitation_refusal_count + 1
            vals = {
                "invitation_refusal_count": count,
                "last_refused_invitation_date": today,
            }
            if count >= MAX_REFUSED_INVITATIONS:
                vals["state"] = "ended"
            rit.sudo().write(vals)
            if count >= MAX_REFUSED_INVITATIONS:
                rit.sudo().milestone_ids.filtered(
                    lambda m: not m.done
                ).activity_ids.unlink()
                rit.message_post(
                    body=_("Three invitations refused: the trajectory ends.")
                )

    def action_confirm_decision(self):
        self._check_group("hr_burnout_prevention.group_occupational_physician")
        self._check_state(("requested",))
        for rit in self:
            if not (rit.decision and rit.decision_date):
                raise UserError(
                    _("Enter the decision and its date before confirming it.")
                )
        self.sudo().write({"state": "decided"})
        self._tick("rit_assessment")

    def action_send_plan(self):
        self._check_group("hr_burnout_prevention.group_hr_officer")
        self._check_state(("decided",))
        for rit in self:
            if rit.decision not in ("A", "B"):
                raise UserError(
                    _(
                        "A plan follows a decision A or B only, not %(d)s.",
                        d=rit.decision,
                    )
                )
            if not rit.decision_received_date:
                raise UserError(_("The decision was not received yet."))
            if not rit.plan_or_report:
                raise UserError(_("Say whether you send a plan or a motivated report."))
            vals = {"state": "plan_sent"}
            if not rit.plan_sent_date:
                vals["plan_sent_date"] = fields.Date.context_today(self)
            rit.write(vals)
        self._tick("rit_plan")

    def action_close(self):
        self._check_group("hr_burnout_prevention.group_hr_officer")
        self._check_state(("decided", "plan_sent"))
        self.write({"state": "closed"})
        self.sudo().milestone_ids.filtered(lambda m: not m.done).activity_ids.unlink()

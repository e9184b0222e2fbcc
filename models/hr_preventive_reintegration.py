from contextvars import ContextVar
from datetime import timedelta

from odoo import _, _lt, api, fields, models
from odoo.exceptions import AccessError, UserError

from .wellbeing_i18n import date_label

HR_GROUP = "hr_burnout_prevention.group_hr_officer"
PHYSICIAN_GROUP = "hr_burnout_prevention.group_occupational_physician"
PAPS_GROUP = "hr_burnout_prevention.group_psychosocial_advisor"
STATES = [
    ("requested", "Requested"),
    ("advised", "Advice Given"),
    ("agreed", "Agreed"),
    ("refused", "Refused"),
]
# Who writes which field, while the request is in which states (the state,
# the advice's date and the decision's date move with the buttons).
FIELD_RULES = {
    "employee_id": ("hr", ("requested",)),
    "request_date": ("requester", ("requested",)),
    "request_kind": ("requester", ("requested",)),
    "requested_adaptations": ("requester", ("requested",)),
    "advisor_user_id": ("advisor", ("requested", "advised")),
    "suggested_adaptations": ("advisor", ("requested", "advised")),
    "decision_reason": ("hr", ("requested", "advised")),
}
# The day of the event a move records, given by server code only.
_EVENT_DATE = ContextVar("hr_preventive_reintegration_event_date", default=None)


class HrPreventiveReintegration(models.Model):
    """The preventive reintegration trajectory (2026 rules): a worker who
    risks becoming unfit for health reasons asks the employer to examine
    workplace adaptations or adapted or other work. The occupational
    physician or the psychosocial prevention advisor advises (their advice
    itself stays on their side: the employer sees that advice was given and
    the adaptations suggested, never a diagnosis); the employer agrees or
    refuses with reasons, as soon as possible (a setting)."""

    _name = "hr.preventive.reintegration"
    _description = "Preventive Reintegration Trajectory"
    _inherit = [
        "hr.wellbeing.workflow.mixin",
        "hr.wellbeing.reader.name.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "request_date desc, id desc"
    _reader_name = _lt("Preventive reintegration of %(employee)s (%(date)s)")
    _reader_name_fields = ("employee_id", "request_date")
    _check_company_auto = True
    _workflow = {
        "state": {
            ("requested", "advised"): ("_wf_advise", "_wf_after_advise"),
            ("requested", "agreed"): ("_wf_decide", "_wf_after_decide"),
            ("requested", "refused"): ("_wf_decide", "_wf_after_decide"),
            ("advised", "agreed"): ("_wf_decide", "_wf_after_decide"),
            ("advised", "refused"): ("_wf_decide", "_wf_after_decide"),
        }
    }
    _workflow_initial = {"state": ("requested",)}
    _workflow_system_fields = (
        "advice_date",
        "advised_by_id",
        "decision_date",
        "decided_by_id",
    )

    # The name is built when read, in the reader's language (not stored in
    # the maker's): hr.wellbeing.reader.name.mixin.
    employee_id = fields.Many2one(
        "hr.employee",
        "Worker",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self.env.user.employee_id,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    employee_user_id = fields.Many2one(
        "res.users", compute="_compute_employee_user", store=True, index=True
    )
    state = fields.Selection(
        STATES,
        default="requested",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    request_date = fields.Date(
        "Requested On",
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self),
    )
    request_kind = fields.Selection(
        [
            ("adaptation", "Workplace adaptations"),
            ("adapted_work", "Adapted work"),
            ("other_work", "Other work"),
        ],
        "Asked For",
        required=True,
        default="adaptation",
        tracking=True,
    )
    requested_adaptations = fields.Text(
        "What the Worker Asks",
        help="The adaptations or the work the worker asks the employer to "
        "examine. No health information.",
    )
    advisor_user_id = fields.Many2one(
        "res.users",
        "Physician or Advisor",
        tracking=True,
        help="The occupational physician or the psychosocial prevention "
        "advisor whose advice is asked.",
    )
    advice_date = fields.Date("Advice Given On", readonly=True, copy=False)
    advised_by_id = fields.Many2one(
        "res.users", "Advice Given By", readonly=True, copy=False
    )
    suggested_adaptations = fields.Text(
        "Adaptations Suggested",
        tracking=True,
        help="What the physician or the advisor suggests the employer adapts. "
        "The advice itself stays with them: never a diagnosis here.",
    )
    decision_deadline = fields.Date(
        "Decision Due By",
        compute="_compute_decision_deadline",
        store=True,
        help="The employer informs the worker of its decision as soon as "
        "possible: this many calendar days after the request (a setting).",
    )
    decision_date = fields.Date("Decided On", readonly=True, copy=False)
    decided_by_id = fields.Many2one("res.users", "Decided By", readonly=True)
    decision_reason = fields.Text(
        "Reasons", tracking=True, help="Required when the employer refuses."
    )
    decision_late = fields.Boolean(
        "Decided Late", compute="_compute_decision_late", store=True
    )
    is_own_request = fields.Boolean(compute="_compute_is_own_request")

    @api.depends("employee_id.user_id")
    def _compute_employee_user(self):
        for request in self:
            request.employee_user_id = request.employee_id.sudo().user_id

    @api.depends_context("uid")
    @api.depends("employee_id.user_id")
    def _compute_is_own_request(self):
        for request in self:
            request.is_own_request = request.sudo().employee_id.user_id == self.env.user

    @api.depends("request_date", "company_id.preventive_decision_days")
    def _compute_decision_deadline(self):
        for request in self:
            request.decision_deadline = request.request_date and (
                request.request_date
                + timedelta(days=request.company_id.preventive_decision_days)
            )

    @api.depends("decision_date", "decision_deadline")
    def _compute_decision_late(self):
        for request in self:
            request.decision_late = bool(
                request.decision_date
                and request.decision_deadline
                and request.decision_date > request.decision_deadline
            )

    # ------------------------------------------------------------------
    # Who writes what
    # ------------------------------------------------------------------
    def _is_hr(self):
        return self.env.su or self.env.user.has_group(HR_GROUP)

    def _is_advisor(self):
        user = self.env.user
        return self.env.su or (
            user.has_group(PHYSICIAN_GROUP) or user.has_group(PAPS_GROUP)
        )

    def _check_field_rules(self, vals):
        for fname in [f for f in FIELD_RULES if f in vals]:
            who, states = FIELD_RULES[fname]
            label = self._fields[fname]._description_string(self.env)
            allowed = {
                "hr": self._is_hr(),
                "advisor": self._is_advisor(),
                "requester": self._is_hr()
                or all(r.sudo().employee_id.user_id == self.env.user for r in self),
            }[who]
            if not allowed:
                raise AccessError(
                    _(
                        "%(record)s: you may not set %(field)s.",
                        record=self[:1].display_name or self._description,
                        field=label,
                    )
                )
            for request in self:
                if request.state not in states:
                    raise UserError(
                        _(
                            "%(record)s is %(state)s: %(field)s no longer changes.",
                            record=request.display_name,
                            state=request._workflow_label("state", request.state),
                            field=label,
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._workflow_trusted():
            today = fields.Date.context_today(self)
            for vals in vals_list:
                self.browse()._check_field_rules(
                    {
                        f: v
                        for f, v in vals.items()
                        if f in ("advisor_user_id", "suggested_adaptations")
                        or f == "decision_reason"
                        if v
                    }
                )
                day = fields.Date.to_date(vals.get("request_date")) or today
                if day > today:
                    raise UserError(
                        _(
                            "A preventive reintegration cannot be requested on "
                            "%(date)s, a day to come.",
                            date=date_label(self.env, day),
                        )
                    )
        requests = super().create(vals_list)
        if not self._workflow_trusted() and not self._is_hr():
            # A worker asks for themself only.
            for request in requests:
                if request.sudo().employee_id.user_id != self.env.user:
                    raise AccessError(
                        _(
                            "A worker asks for a preventive reintegration for "
                            "themself; HR records the request of another worker."
                        )
                    )
        return requests

    def write(self, vals):
        if not self._workflow_trusted():
            self._check_field_rules(vals)
            if "request_date" in vals:
                day = fields.Date.to_date(vals["request_date"])
                if day and day > fields.Date.context_today(self):
                    raise UserError(
                        _(
                            "A preventive reintegration cannot be requested on "
                            "%(date)s, a day to come.",
                            date=date_label(self.env, day),
                        )
                    )
        return super().write(vals)

    def _workflow_kept(self):
        return self.filtered(lambda r: r.state != "requested")

    # ------------------------------------------------------------------
    # The moves
    # ------------------------------------------------------------------
    def _day(self, not_before, label):
        today = fields.Date.context_today(self)
        day = fields.Date.to_date(_EVENT_DATE.get()) or today
        if day > today:
            raise UserError(
                _(
                    "%(record)s: %(event)s cannot be dated %(date)s, a day to come.",
                    record=self[:1].display_name,
                    event=label,
                    date=date_label(self.env, day),
                )
            )
        for request in self:
            before = not_before(request)
            if before and day < before:
                raise UserError(
                    _(
                        "%(record)s: %(event)s (%(date)s) cannot come before "
                        "%(before)s.",
                        record=request.display_name,
                        event=label,
                        date=date_label(self.env, day),
                        before=before,
                    )
                )
        return day

    def _wf_advise(self, vals):
        if not self._is_advisor():
            raise AccessError(
                _(
                    "Only the occupational physician or the psychosocial "
                    "prevention advisor records that advice was given."
                )
            )
        for request in self:
            if not vals.get("suggested_adaptations", request.suggested_adaptations):
                raise UserError(
                    _(
                        "%(record)s: say which adaptations you suggest (never a "
                        "diagnosis) before recording the advice.",
                        record=request.display_name,
                    )
                )
        day = self._day(lambda r: r.request_date, _("the advice"))
        return {"advice_date": day, "advised_by_id": self.env.user.id}

    def _wf_after_advise(self):
        for request in self:
            request.message_post(
                body=_(
                    "Advice given on %(date)s: the employer decides now.",
                    date=date_label(self.env, request.advice_date),
                )
            )

    def _wf_decide(self, vals):
        if not self._is_hr():
            raise AccessError(_("Only an HR officer records the employer's decision."))
        if vals["state"] == "refused":
            for request in self:
                reason = vals.get("decision_reason", request.decision_reason)
                if not (reason or "").strip():
                    raise UserError(
                        _(
                            "%(record)s: the employer's refusal gives its reasons.",
                            record=request.display_name,
                        )
                    )
        day = self._day(
            lambda r: max(d for d in (r.request_date, r.advice_date) if d),
            _("the decision"),
        )
        return {"decision_date": day, "decided_by_id": self.env.user.id}

    def _wf_after_decide(self):
        for request in self:
            request.message_post(
                body=_(
                    "The employer decided on %(date)s: %(decision)s.",
                    date=date_label(self.env, request.decision_date),
                    decision=request._workflow_label("state", request.state),
                )
            )

    def _go(self, state, day):
        token = _EVENT_DATE.set(day)
        try:
            self._workflow_go({"state": state})
        finally:
            _EVENT_DATE.reset(token)
        return True

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_record_advice(self, advice_date=None):
        self._check_action_state(("requested",))
        return self._go("advised", advice_date)

    def action_agree(self, decision_date=None):
        self._check_action_state(("requested", "advised"))
        return self._go("agreed", decision_date)

    def action_refuse(self, decision_date=None):
        self._check_action_state(("requested", "advised"))
        return self._go("refused", decision_date)

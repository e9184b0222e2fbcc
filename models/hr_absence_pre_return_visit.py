from odoo import _, _lt, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .wellbeing_i18n import date_label

HR_GROUP = "hr_burnout_prevention.group_hr_officer"
PHYSICIAN_GROUP = "hr_burnout_prevention.group_occupational_physician"
VISIT_STATES = [
    ("requested", "Requested"),
    ("held", "Held"),
    ("cancelled", "Cancelled"),
]
# Computed by the system: no client writes them.
DERIVED_FIELDS = ("name", "company_id", "protocol_id", "date_deadline", "is_late")


class HrAbsencePreReturnVisit(models.Model):
    """A pre-return visit with the occupational physician during an absence.

    Asked by the worker (the physician then holds it within the protocol's
    working days), or since the 2026 rules by the employer (no period). The
    visit prepares the return: it gives no fitness decision, and the record
    holds no medical content.
    """

    _name = "hr.absence.pre.return.visit"
    _description = "Pre-Return Visit"
    # The guard first.
    _inherit = [
        "hr.wellbeing.workflow.mixin",
        "hr.wellbeing.reader.name.mixin",
        "mail.thread",
    ]
    _order = "request_date desc, id desc"
    _reader_name = _lt("Pre-return visit of %(employee)s (%(date)s)")
    _reader_name_fields = ("employee_id", "request_date")
    _check_company_auto = True
    _workflow = {
        "state": {
            ("requested", "held"): "_wf_held",
            ("requested", "cancelled"): "_wf_cancel",
        }
    }
    _workflow_initial = {"state": ("requested",)}

    # The name is built when read, in the reader's language (not stored in
    # the maker's): hr.wellbeing.reader.name.mixin.
    case_id = fields.Many2one(
        "hr.absence.case",
        "Absence Case",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, check_company=True
    )
    company_id = fields.Many2one(
        related="case_id.company_id", store=True, index=True, precompute=True
    )
    requested_by = fields.Selection(
        [("worker", "The worker"), ("employer", "The employer")],
        required=True,
        default="worker",
        tracking=True,
    )
    request_date = fields.Date(required=True, tracking=True)
    visit_date = fields.Date(tracking=True)
    state = fields.Selection(
        VISIT_STATES,
        default="requested",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    protocol_id = fields.Many2one(
        "hr.legal.protocol",
        compute="_compute_deadline",
        store=True,
        help="The protocol in force on the request date.",
    )
    date_deadline = fields.Date(
        "Held By",
        compute="_compute_deadline",
        store=True,
        help="At the worker's request the visit is held within the protocol's "
        "working days; when the employer asks there is no period.",
    )
    is_late = fields.Boolean(compute="_compute_is_late", store=True)

    @api.depends("request_date", "requested_by", "company_id")
    def _compute_deadline(self):
        engine = self.env["hr.legal.deadline.mixin"]
        protocol_model = self.env["hr.legal.protocol"]
        pool = protocol_model._pool()
        for visit in self:
            protocol = protocol_model._find(
                visit.request_date, visit.company_id, pool=pool
            )
            visit.protocol_id = protocol
            deadline = False
            if protocol and visit.requested_by == "worker":
                found = engine._legal_deadlines(
                    protocol,
                    {"pre_return_request": visit.request_date},
                    visit.company_id,
                    visit.request_date,
                ).get("pre_return_visit")
                deadline = found and found[1]
            visit.date_deadline = deadline

    @api.depends("visit_date", "date_deadline")
    def _compute_is_late(self):
        for visit in self:
            visit.is_late = bool(
                visit.visit_date
                and visit.date_deadline
                and visit.visit_date > visit.date_deadline
            )

    @api.constrains("case_id", "employee_id", "request_date", "visit_date")
    def _check_visit(self):
        for visit in self:
            case = visit.case_id.sudo()
            if visit.employee_id != case.employee_id:
                raise ValidationError(
                    _(
                        "A pre-return visit is for the worker of the absence "
                        "case: %(employee)s is not the employee of %(case)s.",
                        employee=visit.employee_id.sudo().name,
                        case=case.name,
                    )
                )
            if visit.request_date < case.date_start:
                raise ValidationError(
                    _(
                        "A pre-return visit is asked during the absence: the "
                        "request (%(date)s) cannot be before the first day of "
                        "incapacity (%(start)s).",
                        date=date_label(self.env, visit.request_date),
                        start=case.date_start,
                    )
                )
            if visit.visit_date and visit.visit_date < visit.request_date:
                raise ValidationError(
                    _(
                        "The pre-return visit (%(visit)s) cannot be before its "
                        "request (%(date)s).",
                        visit=visit.visit_date,
                        date=date_label(self.env, visit.request_date),
                    )
                )

    @api.constrains("requested_by", "request_date", "company_id")
    def _check_requester(self):
        for visit in self.filtered(lambda v: v.requested_by == "employer"):
            protocol = visit.protocol_id
            if not protocol or not protocol._param(
                "employer_may_request_pre_return_visit"
            ):
                raise ValidationError(
                    _(
                        "Under the rules in force on %(date)s (%(protocol)s) only "
                        "the worker may ask for a pre-return visit; the employer "
                        "may ask since the 2026 rules.",
                        date=date_label(self.env, visit.request_date),
                        protocol=protocol.name or _("no protocol"),
                    )
                )

    # --- CRUD -----------------------------------------------------------------
    def _check_client_fields(self, vals):
        derived = [f for f in DERIVED_FIELDS if f in vals]
        if derived:
            raise AccessError(
                _(
                    "The field %(field)s of a pre-return visit is computed by the "
                    "system.",
                    field=self._fields[derived[0]]._description_string(self.env),
                )
            )
        done = self.filtered(lambda v: v.state != "requested")
        if done and set(vals) - {"state"}:
            raise UserError(
                _(
                    "%(visit)s is %(state)s: what happened stays as it was recorded.",
                    visit=done[0].name,
                    state=done._workflow_label("state", done[0].state),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._workflow_trusted():
            for vals in vals_list:
                self.browse()._check_client_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self._workflow_trusted():
            self._check_client_fields(vals)
        return super().write(vals)

    def _workflow_kept(self):
        return self.filtered(lambda v: v.state != "requested")

    # --- the moves --------------------------------------------------------------
    def _wf_check_role(self):
        if not self.env.su and not (
            self.env.user.has_group(HR_GROUP)
            or self.env.user.has_group(PHYSICIAN_GROUP)
        ):
            raise AccessError(
                _(
                    "Only an HR officer or the occupational physician records a "
                    "pre-return visit."
                )
            )

    def _wf_held(self, vals):
        self._wf_check_role()
        today = fields.Date.context_today(self)
        for visit in self:
            held = fields.Date.to_date(vals.get("visit_date", visit.visit_date))
            if not held or held > today or held < visit.request_date:
                raise UserError(
                    _(
                        "Record the day of the pre-return visit of %(visit)s: "
                        "between the request (%(date)s) and today.",
                        visit=visit.name,
                        date=date_label(self.env, visit.request_date),
                    )
                )

    def _wf_cancel(self, vals):
        self._wf_check_role()

    def action_mark_held(self, visit_date=None):
        """The visit took place (on ``visit_date``, the recorded day or
        today)."""
        self._wf_check_role()
        self._check_action_state(("requested",))
        vals = {"state": "held"}
        today = fields.Date.context_today(self)
        if visit_date or any(not visit.visit_date for visit in self):
            vals["visit_date"] = fields.Date.to_date(visit_date) or today
        self.write(vals)
        return True

    def action_cancel(self):
        self._wf_check_role()
        return self._workflow_go({"state": "cancelled"})

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

ANCHORS = [
    ("case_start", "First day of incapacity"),
    ("return_date", "Return to work"),
    ("rit_request", "Trajectory requested"),
    ("decision_received", "Decision received"),
    ("appeal_filed", "Appeal filed"),
    ("plan_sent", "Plan sent to the worker"),
    ("pre_return_request", "Pre-return visit requested by the worker"),
]
UNITS = [
    ("calendar_days", "Calendar days"),
    ("working_days", "Working days"),
    ("weeks", "Weeks"),
    ("months", "Months"),
]
ROLES = [
    ("hr_officer", "HR officer"),
    ("contact_person", "Contact person"),
    ("manager", "Line manager"),
    ("occupational_physician", "Occupational physician"),
    ("employee", "Employee"),
]
DECISIONS = [
    ("A", "A: temporarily unfit, adapted or other work possible"),
    ("B", "B: definitively unfit, adapted or other work possible"),
    ("C", "C: assessment not (yet) medically possible"),
]


class HrLegalProtocolStep(models.Model):
    _name = "hr.legal.protocol.step"
    _description = "Legal Protocol Step"
    _order = "protocol_id, sequence, id"
    _check_company_auto = True

    protocol_id = fields.Many2one(
        "hr.legal.protocol", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="protocol_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    code = fields.Char(
        required=True,
        help="Technical key: the engine finds a step by its code "
        "(e.g. rit_assessment, letter_pre_return).",
    )
    name = fields.Char("Label", required=True, translate=True)
    anchor = fields.Selection(ANCHORS, "Anchor Event", required=True)
    offset = fields.Integer(required=True)
    unit = fields.Selection(UNITS, required=True, default="calendar_days")
    decision = fields.Selection(
        DECISIONS, help="Only for trajectories with this decision."
    )
    responsible_role = fields.Selection(ROLES, required=True, default="hr_officer")
    information_only = fields.Boolean(
        help="A date to know, not a task: no activity and never overdue."
    )
    during_absence_only = fields.Boolean(
        help="Only applies while the worker is absent: after the return it "
        "closes itself as no longer needed."
    )
    requires_work_potential = fields.Boolean(
        help="Only when the occupational physician estimated that the worker "
        "has work potential, and for companies with at least the number of "
        "workers set in the settings."
    )
    activity_type_id = fields.Many2one("mail.activity.type")
    date_from = fields.Date("Valid From")
    date_to = fields.Date("Valid To")
    description = fields.Text(translate=True)

    _sql_constraints = [
        (
            "code_protocol_uniq",
            "unique(protocol_id, code, decision)",
            "A step code appears once per protocol.",
        ),
    ]

    @api.constrains("offset", "date_from", "date_to")
    def _check_values(self):
        for step in self:
            if step.offset < 0:
                raise ValidationError(
                    _("The offset of step %(name)s cannot be negative.", name=step.name)
                )
            if step.date_from and step.date_to and step.date_to < step.date_from:
                raise ValidationError(
                    _("The step %(name)s ends before it starts.", name=step.name)
                )

    def _date_after(self, anchor_date, company):
        """The deadline of this step counted from ``anchor_date`` (the
        deadline engine, ``hr.legal.deadline.mixin``)."""
        self.ensure_one()
        return self.env["hr.legal.deadline.mixin"]._legal_due_date(
            self, anchor_date, company
        )

    @api.model
    def _add_working_days(self, anchor_date, days, company):
        return self.env["hr.legal.deadline.mixin"]._add_working_days(
            anchor_date, days, company
        )

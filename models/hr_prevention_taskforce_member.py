from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

TASKFORCE_ROLES = [
    ("lead", "Lead"),
    ("management", "Management"),
    ("hr", "HR"),
    ("line_manager", "Line Manager"),
    ("worker_representative", "Worker Representative"),
    ("cpbw_member", "CPBW Member"),
    ("prevention_advisor", "Prevention Advisor"),
    ("paps", "Psychosocial Prevention Advisor"),
    ("occupational_physician", "Occupational Physician"),
    ("confidential_counsellor", "Confidential Counsellor"),
    ("external_expert", "External Expert"),
]


class HrPreventionTaskforceMember(models.Model):
    _name = "hr.prevention.taskforce.member"
    _description = "Prevention Taskforce Member"
    _order = "taskforce_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    taskforce_id = fields.Many2one(
        "hr.prevention.taskforce", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="taskforce_id.company_id", store=True, index=True
    )
    employee_id = fields.Many2one("hr.employee", check_company=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="External Partner",
        check_company=True,
        help="For a member who is not an employee, e.g. an external expert.",
    )
    name = fields.Char(compute="_compute_name", store=True)
    role = fields.Selection(TASKFORCE_ROLES, required=True, default="cpbw_member")

    @api.depends("employee_id.name", "partner_id.name")
    def _compute_name(self):
        for member in self:
            member.name = member.employee_id.name or member.partner_id.name

    @api.constrains("employee_id", "partner_id", "taskforce_id")
    def _check_person(self):
        for member in self:
            if not member.employee_id and not member.partner_id:
                raise ValidationError(
                    _("A taskforce member is an employee or an external partner.")
                )

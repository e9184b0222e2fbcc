from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

CHECKLIST_ITEMS = [
    ("team_informed", "Team informed (what, with the employee's consent)"),
    ("manager_day1", "Line manager present on the first day"),
    ("workstation_ready", "Workstation ready"),
    ("access_ready", "Accesses and tools working"),
    ("welcome", "Welcome organised"),
    ("other", "Other"),
]
# What the line manager may tick on their report's plan.
MANAGER_FIELDS = {"done", "done_date", "note"}


class HrReintegrationChecklist(models.Model):
    """One item of the team communication checklist of a return."""

    _name = "hr.reintegration.checklist"
    _description = "Team Communication Checklist Item"
    _order = "plan_id, sequence, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "hr.reintegration.plan", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    item = fields.Selection(CHECKLIST_ITEMS, required=True, default="other")
    name = fields.Char("Description", required=True)
    message_to_team = fields.Text(
        "What the Team Is Told",
        help="Only what the employee agreed to share. Never a diagnosis.",
    )
    employee_consent = fields.Boolean(
        "Employee Agrees", help="The employee agreed with what the team is told."
    )
    done = fields.Boolean()
    done_date = fields.Date()
    note = fields.Char()

    @api.model
    def _default_items(self, plan):
        return [
            {
                "plan_id": plan.id,
                "sequence": index * 10,
                "item": item,
                "name": label,
            }
            for index, (item, label) in enumerate(
                self._fields["item"]._description_selection(self.env)[:-1], start=1
            )
        ]

    @api.constrains("done", "item", "employee_consent")
    def _check_consent(self):
        for line in self:
            if line.done and line.item == "team_informed" and not line.employee_consent:
                raise ValidationError(
                    _(
                        "The team is informed only with the employee's consent on "
                        "what is told: record the consent first."
                    )
                )

    @api.onchange("done")
    def _onchange_done(self):
        if self.done and not self.done_date:
            self.done_date = fields.Date.context_today(self)

    def write(self, vals):
        if (
            not (
                self.env.is_superuser()
                or self.env.user.has_group("hr_burnout_prevention.group_hr_officer")
            )
            and set(vals) - MANAGER_FIELDS
        ):
            raise AccessError(
                _("The line manager ticks the checklist; HR writes its content.")
            )
        if "plan_id" in vals and any(
            line.plan_id.id != vals["plan_id"] for line in self
        ):
            raise UserError(
                _(
                    "The checklist item %(item)s stays on its plan.",
                    item=self[:1].name,
                )
            )
        if vals.get("done") and "done_date" not in vals:
            vals = dict(vals, done_date=fields.Date.context_today(self))
        return super().write(vals)

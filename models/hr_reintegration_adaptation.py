from odoo import fields, models

ADAPTATION_TYPES = [
    ("task", "Tasks"),
    ("schedule", "Working hours"),
    ("workstation", "Workstation"),
    ("relational", "Relational"),
    ("cognitive", "Cognitive"),
]


class HrReintegrationAdaptation(models.Model):
    _name = "hr.reintegration.adaptation"
    _description = "Workplace Adaptation"
    _inherit = ["hr.reintegration.plan.line.mixin"]

    adaptation_type = fields.Selection(
        ADAPTATION_TYPES, "Type", required=True, default="task"
    )
    description = fields.Text(required=True)

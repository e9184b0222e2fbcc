from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HrPreventionEvaluationLine(models.Model):
    _name = "hr.prevention.evaluation.line"
    _description = "Evaluation Result of an Action"
    _order = "evaluation_id, id"
    _check_company_auto = True

    evaluation_id = fields.Many2one(
        "hr.prevention.evaluation", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="evaluation_id.company_id", store=True, index=True
    )
    action_id = fields.Many2one(
        "hr.prevention.action", required=True, check_company=True, ondelete="restrict"
    )
    domain = fields.Selection(related="action_id.domain")
    action_state = fields.Selection(related="action_id.state", string="Action State")
    result = fields.Selection(
        [
            ("achieved", "Achieved"),
            ("partly", "Partly Achieved"),
            ("not_achieved", "Not Achieved"),
        ]
    )
    comment = fields.Text()
    followup_action_ids = fields.One2many(
        "hr.prevention.action", "origin_line_id", string="Follow-up Actions"
    )

    @api.model_create_multi
    def create(self, vals_list):
        default = self.env.context.get("default_evaluation_id")
        evaluations = (
            self.env["hr.prevention.evaluation"]
            .browse([vals.get("evaluation_id", default) for vals in vals_list])
            .exists()
        )
        evaluations._check_open()
        lines = super().create(vals_list)
        # Also when the evaluation came from the context's defaults.
        lines._check_open()
        return lines

    def write(self, vals):
        self._check_open()
        if vals.get("evaluation_id"):
            self.evaluation_id.browse(vals["evaluation_id"])._check_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self._check_open()

    def _check_open(self):
        closed = self.evaluation_id._workflow_kept()
        if closed:
            raise UserError(
                _(
                    "The evaluation %(name)s is closed and can no longer be changed.",
                    name=closed[0].name,
                )
            )

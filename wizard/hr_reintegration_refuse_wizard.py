from odoo import fields, models


class HrReintegrationRefuseWizard(models.TransientModel):
    _name = "hr.reintegration.refuse.wizard"
    _description = "Refuse a Reintegration Plan"

    plan_id = fields.Many2one("hr.reintegration.plan", required=True)
    reason = fields.Text(required=True)

    def action_refuse(self):
        self.ensure_one()
        self.plan_id.action_refuse(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}

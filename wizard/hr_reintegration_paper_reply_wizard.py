from odoo import _, api, fields, models


class HrReintegrationPaperReplyWizard(models.TransientModel):
    """HR records the reply a worker signed on paper: its date, accept or
    refuse with the reasons, and the scan. The plan's guard checks it all
    again (HR only, the date, the scan); nothing is written when a check
    fails."""

    _name = "hr.reintegration.paper.reply.wizard"
    _description = "Record a Paper Reply to a Reintegration Plan"

    plan_id = fields.Many2one("hr.reintegration.plan", required=True)
    reply = fields.Selection(
        [("accepted", "Accepts the plan"), ("refused", "Refuses the plan")],
        required=True,
        default="accepted",
    )
    reply_date = fields.Date(
        "Date of the Paper Reply",
        required=True,
        default=lambda self: fields.Date.context_today(self),
    )
    reason = fields.Text("Reasons for the Refusal")
    scan = fields.Binary("Signed Reply", required=True)
    scan_name = fields.Char()

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        # The wizard opens on a plan the user may read; the guard decides.
        if values.get("plan_id"):
            self.env["hr.reintegration.plan"].browse(values["plan_id"]).check_access(
                "read"
            )
        return values

    def action_confirm(self):
        self.ensure_one()
        plan = self.plan_id
        plan._check_hr()
        # Every check before the scan is stored: a refused reply leaves
        # nothing behind.
        plan._check_paper_reply(
            self.reply_date, refusing=self.reply == "refused", reason=self.reason
        )
        scan = self.env["ir.attachment"].create(
            {
                "name": self.scan_name
                or _("Signed reply of %(employee)s", employee=plan.employee_id.name),
                "datas": self.scan,
                "res_model": plan._name,
                "res_id": plan.id,
            }
        )
        values = {
            "state": self.reply,
            "paper_reply_date": self.reply_date,
            "reply_scan_id": scan.id,
        }
        if self.reply == "refused":
            values["refusal_reason"] = self.reason
        plan.write(values)
        return {"type": "ir.actions.act_window_close"}

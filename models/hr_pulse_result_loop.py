from odoo import _, models
from odoo.exceptions import UserError


class HrPulseResult(models.Model):
    """A finding from one published domain result (the whole population or
    a group), from the results screen."""

    _inherit = "hr.pulse.result"

    def action_create_finding(self):
        if any(result.level != "domain" for result in self):
            raise UserError(
                _(
                    "A finding is made from a domain's result: choose a row of "
                    "the domains, not of a question."
                )
            )
        findings = self.env["hr.risk.finding"]
        for campaign in self.campaign_id:
            findings |= campaign._create_findings(
                self.filtered(lambda r, c=campaign: r.campaign_id == c)
            )
        if len(findings) == 1:
            return {
                "type": "ir.actions.act_window",
                "name": _("Finding"),
                "res_model": "hr.risk.finding",
                "view_mode": "form",
                "res_id": findings.id,
            }
        return {
            "type": "ir.actions.act_window",
            "name": _("Findings"),
            "res_model": "hr.risk.finding",
            "view_mode": "list,form",
            "domain": [("id", "in", findings.ids)],
        }

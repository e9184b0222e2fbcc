from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class HrReintegrationRefusedInvitation(models.Model):
    """One invitation to the reintegration assessment that the worker
    refused, on the day of the missed invitation. Written by the trajectory's
    move only, and kept: the refusals together may end the trajectory."""

    _name = "hr.reintegration.refused.invitation"
    _description = "Refused Invitation to the Reintegration Assessment"
    _inherit = ["hr.wellbeing.workflow.mixin"]
    _order = "invitation_date, id"
    _check_company_auto = True

    trajectory_id = fields.Many2one(
        "hr.reintegration.trajectory",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    company_id = fields.Many2one(
        related="trajectory_id.company_id", store=True, index=True
    )
    invitation_date = fields.Date(
        "Invitation Refused On",
        required=True,
        readonly=True,
        help="The day of the missed invitation, not the day it was recorded.",
    )
    recorded_by_id = fields.Many2one("res.users", "Recorded By", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not self._workflow_trusted():
            raise AccessError(
                _(
                    "A refused invitation is recorded with the trajectory's "
                    "“Invitation Refused” button, not by hand."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self._workflow_trusted():
            raise AccessError(_("A refused invitation stays as it was recorded."))
        return super().write(vals)

    def _workflow_kept(self):
        return self

from odoo import _, fields, models
from odoo.exceptions import UserError

EVENTS = [
    ("plan_sent", "Plan or report sent"),
    ("invitation_refused", "Invitation to the assessment refused"),
    ("appeal", "Appeal filed"),
    ("appeal_outcome", "Outcome of the appeal"),
    ("reply_reminder", "Reminder to reply to the plan"),
]


class HrReintegrationTrajectoryEventWizard(models.TransientModel):
    """Records an event of a trajectory on the day it happened (today by
    default). The trajectory's own actions check everything again: the
    wizard only asks for the day."""

    _name = "hr.reintegration.trajectory.event.wizard"
    _description = "Record an Event of a Reintegration Trajectory"

    trajectory_id = fields.Many2one("hr.reintegration.trajectory", required=True)
    event = fields.Selection(EVENTS, required=True)
    event_date = fields.Date(
        "On", required=True, default=lambda self: fields.Date.context_today(self)
    )
    appeal_outcome = fields.Selection(
        [("confirmed", "Decision confirmed"), ("overturned", "Decision overturned")]
    )

    def action_confirm(self):
        self.ensure_one()
        rit = self.trajectory_id
        if self.event == "plan_sent":
            rit.action_send_plan(self.event_date)
        elif self.event == "invitation_refused":
            rit.action_register_refused_invitation(self.event_date)
        elif self.event == "appeal":
            rit.action_record_appeal(self.event_date)
        elif self.event == "appeal_outcome":
            if not self.appeal_outcome:
                raise UserError(_("Say whether the appeal confirmed the decision."))
            rit.action_record_appeal_outcome(self.appeal_outcome, self.event_date)
        else:
            rit.action_record_reply_reminder(self.event_date)
        return {"type": "ir.actions.act_window_close"}

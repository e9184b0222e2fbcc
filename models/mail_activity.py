from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    absence_milestone_id = fields.Many2one(
        "hr.absence.milestone", index="btree_not_null", ondelete="cascade"
    )

    def _action_done(self, feedback=False, attachment_ids=None):
        # Doing the activity of a milestone ticks the milestone: the one it
        # was given to did the step (server code, as the activity's owner
        # may be the line manager or the physician).
        milestones = self.sudo().absence_milestone_id.filtered(lambda m: not m.done)
        if milestones:
            # Its other activities, if any, close with the next run of the
            # deadline cron; this one is done by super().
            with milestones._workflow_system():
                milestones.write(
                    {
                        "done": True,
                        "done_date": fields.Date.context_today(self),
                        "is_overdue": False,
                    }
                )
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

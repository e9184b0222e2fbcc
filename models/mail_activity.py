from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    absence_milestone_id = fields.Many2one(
        "hr.absence.milestone", index="btree_not_null", ondelete="cascade"
    )

    def _action_done(self, feedback=False, attachment_ids=None):
        # Doing the activity of a milestone ticks the milestone.
        milestones = self.sudo().absence_milestone_id.filtered(lambda m: not m.done)
        if milestones:
            milestones.write(
                {"done": True, "done_date": fields.Date.context_today(self)}
            )
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

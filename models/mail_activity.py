from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .confidential_wall import is_contentless


class MailActivity(models.Model):
    _name = "mail.activity"
    _inherit = ["hr.wellbeing.mail.wall.mixin", "mail.activity"]

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
                    }
                )
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    # ------------------------------------------------------------------
    # The wall (models/confidential_wall.py): an activity of a confidential
    # record is read only by those who read the record (Odoo lets its
    # assignee read it), goes only to a user who reads the record, and
    # carries no content: a neutral summary, no note, the record's kind as
    # its name. Whoever creates it, server code included.
    # ------------------------------------------------------------------

    @api.depends("res_model", "res_id")
    def _compute_res_name(self):
        # The record's kind, not its name (never built: a daily job makes
        # thousands of these).
        walled = self.filtered(lambda activity: is_contentless(activity.res_model))
        for activity in walled:
            activity.res_name = self.env["ir.model"]._get(activity.res_model).name
        others = self - walled
        # The others' records named in one batch per model (Odoo's compute
        # asks one record at a time, then finds the names cached).
        for model, activities in others.grouped("res_model").items():
            ids = [res_id for res_id in activities.mapped("res_id") if res_id]
            if model in self.env and ids:
                self.env[model].browse(ids).exists().mapped("display_name")
        return super(MailActivity, others)._compute_res_name()

    @api.model
    def _wall_neutral_values(self):
        return {
            "summary": _("A confidential record needs your attention"),
            "note": False,
        }

    @api.model
    def _wall_model_of(self, vals):
        if vals.get("res_model_id"):
            return self.env["ir.model"].sudo().browse(vals["res_model_id"]).model
        return vals.get("res_model") or self.env.context.get("default_res_model")

    def _wall_check_assignees(self):
        """The assignee of an activity of a confidential record reads the
        record: an alert never goes to someone outside the wall."""
        for activity in self.sudo() - self._wall_known_readers():
            if not is_contentless(activity.res_model) or not activity.user_id:
                continue
            user = activity.user_id
            # In the assignee's own companies, not the creator's.
            record = (
                self.env[activity.res_model]
                .with_user(user)
                .with_context(allowed_company_ids=user.company_ids.ids)
                .browse(activity.res_id)
            )
            if not record._filtered_access("read"):
                raise ValidationError(
                    _(
                        "%(user)s cannot read this %(kind)s: its activities go "
                        "only to someone who may read it (field %(field)s).",
                        user=activity.user_id.name,
                        kind=self.env["ir.model"]._get(activity.res_model).name,
                        field=self._fields["user_id"]._description_string(self.env),
                    )
                )

    def _wall_known_readers(self):
        """The activities (sudo) whose assignee the confidential model knows
        to read the record without a query per activity (its optional
        ``_wall_readable_by_assignees``): a batch of to-dos made by a cron."""
        known = self.browse().sudo()
        for model, activities in self.sudo().grouped("res_model").items():
            Model = self.env.get(model)
            if is_contentless(model) and hasattr(Model, "_wall_readable_by_assignees"):
                known |= Model._wall_readable_by_assignees(activities)
        return known

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if is_contentless(self._wall_model_of(vals)):
                vals.update(self._wall_neutral_values())
        activities = super().create(vals_list)
        activities._wall_check_assignees()
        return activities

    def write(self, vals):
        if {"summary", "note"} & set(vals):
            walled = self.filtered(lambda a: is_contentless(a.sudo().res_model))
            if walled:
                super(MailActivity, walled).write(
                    {**vals, **self._wall_neutral_values()}
                )
                result = super(MailActivity, self - walled).write(vals)
                if "user_id" in vals:
                    self._wall_check_assignees()
                return result
        result = super().write(vals)
        if "user_id" in vals:
            self._wall_check_assignees()
        return result

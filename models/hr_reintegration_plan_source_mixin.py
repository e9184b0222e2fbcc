from odoo import fields, models


class HrReintegrationPlanSourceMixin(models.AbstractModel):
    """A record reintegration plans are made from (an absence case, a
    trajectory): its plans' smart button, opening them with the defaults it
    gives a new one."""

    _name = "hr.reintegration.plan.source.mixin"
    _description = "Record Reintegration Plans Come From"
    # The plan's field pointing at this record, and the keyword of
    # hr.reintegration.plan._defaults_from for it.
    _plan_source = ("case_id", "case")

    reintegration_plan_count = fields.Integer(
        "Plans", compute="_compute_reintegration_plan_count"
    )

    def _compute_reintegration_plan_count(self):
        plan_field = self._plan_source[0]
        counts = self.env["hr.reintegration.plan"]._plan_counts(plan_field, self)
        for record in self:
            record.reintegration_plan_count = counts.get(record.id, 0)

    def action_open_plans(self):
        self.ensure_one()
        plan_field, keyword = self._plan_source
        plans = self.env["hr.reintegration.plan"]
        return plans._action_open_plans(
            [(plan_field, "=", self.id)], plans._defaults_from(**{keyword: self})
        )

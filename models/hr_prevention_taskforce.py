from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HrPreventionTaskforce(models.Model):
    _name = "hr.prevention.taskforce"
    _description = "Prevention Taskforce"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    policy_id = fields.Many2one("hr.prevention.policy", check_company=True, index=True)
    member_ids = fields.One2many(
        "hr.prevention.taskforce.member", "taskforce_id", string="Members"
    )
    member_count = fields.Integer(compute="_compute_lead")
    lead_id = fields.Many2one(
        "hr.prevention.taskforce.member", string="Lead", compute="_compute_lead"
    )
    composition_warning = fields.Char(compute="_compute_composition_warning")
    note = fields.Html()

    @api.depends("member_ids.role")
    def _compute_lead(self):
        for taskforce in self:
            taskforce.member_count = len(taskforce.member_ids)
            taskforce.lead_id = taskforce.member_ids.filtered(
                lambda m: m.role == "lead"
            )[:1]

    @api.depends("member_ids.role")
    def _compute_composition_warning(self):
        for taskforce in self:
            roles = set(taskforce.member_ids.mapped("role"))
            no_representative = "worker_representative" not in roles
            no_advisor = not roles & {"prevention_advisor", "paps"}
            # Whole sentences, one per case: a translation never glues parts.
            if no_representative and no_advisor:
                warning = _(
                    "The taskforce has no worker representative and no prevention "
                    "advisor: the recommendation asks for a multidisciplinary "
                    "group built bottom-up."
                )
            elif no_representative:
                warning = _(
                    "The taskforce has no worker representative: the "
                    "recommendation asks for a multidisciplinary group built "
                    "bottom-up."
                )
            elif no_advisor:
                warning = _(
                    "The taskforce has no prevention advisor: the recommendation "
                    "asks for a multidisciplinary group built bottom-up."
                )
            else:
                warning = False
            taskforce.composition_warning = warning

    @api.constrains("member_ids")
    def _check_one_lead(self):
        for taskforce in self:
            if len(taskforce.member_ids.filtered(lambda m: m.role == "lead")) > 1:
                raise ValidationError(
                    _(
                        "The taskforce %(name)s can have only one lead.",
                        name=taskforce.name,
                    )
                )

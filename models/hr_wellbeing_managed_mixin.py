from odoo import api, fields, models


class HrWellbeingManagedMixin(models.AbstractModel):
    """A record about an employee that their line managers follow: the
    managers up the hierarchy (direct and indirect) and the manager of the
    employee's department.

    The record rules search `managed_by_user_ids` when they are applied, on
    the live relations of the employee (as `hr.manager.department.report`
    does in Odoo): a rule's domain is cached per user, so a domain built from
    `user.employee_ids` would keep the links of the day it was first
    evaluated; this one follows a user linked to or unlinked from an
    employee at once."""

    _name = "hr.wellbeing.managed.mixin"
    _description = "Followed by the Employee's Line Managers"

    managed_by_user_ids = fields.Many2many(
        "res.users",
        string="Line Managers",
        compute="_compute_managed_by_user_ids",
        search="_search_managed_by_user_ids",
        help="The managers of the employee up the hierarchy and the manager of "
        "their department, now: the record rules search it live.",
    )

    @api.depends(
        "employee_id.user_id",
        "employee_id.parent_id",
        "employee_id.department_id.manager_id",
    )
    def _compute_managed_by_user_ids(self):
        for record in self:
            employee = record.sudo().employee_id
            users = employee.department_id.manager_id.user_id
            managers, manager = employee.browse(), employee.parent_id
            while manager and manager not in managers:
                managers |= manager
                users |= manager.user_id
                manager = manager.parent_id
            record.managed_by_user_ids = users.with_env(self.env)

    def _search_managed_by_user_ids(self, operator, value):
        if operator not in ("=", "in"):
            raise NotImplementedError(operator)
        user_ids = value if isinstance(value, list | tuple) else [value]
        managers = self.env["hr.employee"].sudo().search([("user_id", "in", user_ids)])
        if not managers:
            return [(0, "=", 1)]
        return [
            "|",
            ("employee_id", "child_of", managers.ids),
            ("employee_id.department_id.manager_id", "in", managers.ids),
        ]

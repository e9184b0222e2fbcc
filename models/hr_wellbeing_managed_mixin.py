from odoo import api, fields, models
from odoo.tools import SQL


class HrWellbeingManagedMixin(models.AbstractModel):
    """A record about an employee that their line managers follow: the
    managers up the hierarchy (direct and indirect) and the manager of the
    employee's department.

    The set of managers is stored on the employee
    (`hr.employee.wellbeing_manager_user_ids`, recomputed whenever the tree,
    a manager's user or a department's manager changes): the record rules
    search `managed_by_user_ids`, which becomes one subquery on that set, no
    walk of the employee tree per request. A rule's domain is cached per
    user, so it names `user.id` only: a user linked to or unlinked from an
    employee takes effect at once."""

    _name = "hr.wellbeing.managed.mixin"
    _description = "Followed by the Employee's Line Managers"

    managed_by_user_ids = fields.Many2many(
        "res.users",
        string="Line Managers",
        compute="_compute_managed_by_user_ids",
        search="_search_managed_by_user_ids",
        help="The managers of the employee up the hierarchy and the manager of "
        "their department: the record rules search it.",
    )

    @api.depends("employee_id.wellbeing_manager_user_ids")
    def _compute_managed_by_user_ids(self):
        for record in self:
            users = record.sudo().employee_id.wellbeing_manager_user_ids
            record.managed_by_user_ids = users.with_env(self.env)

    def _search_managed_by_user_ids(self, operator, value):
        if operator not in ("=", "in"):
            raise NotImplementedError(operator)
        user_ids = list(value) if isinstance(value, list | tuple) else [value]
        user_ids = [user_id for user_id in user_ids if user_id]
        if not user_ids:
            return [(0, "=", 1)]
        # A subquery on the stored set, not a list of ids: the employees
        # (archived ones too, their records stay) whose managers include the
        # users; `to_flush` recomputes the set first if the tree just changed.
        field = self.env["hr.employee"]._fields["wellbeing_manager_user_ids"]
        employees = SQL(
            "(SELECT %s FROM %s WHERE %s IN %s)",
            SQL.identifier(field.column1),
            SQL.identifier(field.relation),
            SQL.identifier(field.column2),
            tuple(user_ids),
            to_flush=field,
        )
        return [("employee_id", "in", employees)]

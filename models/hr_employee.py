from odoo import api, fields, models


class HrEmployee(models.Model):
    """The line managers of an employee, stored: the record rules of the
    records that managers follow (`hr.wellbeing.managed.mixin`) search this
    set with one join instead of expanding the employee tree on each request.
    """

    _inherit = "hr.employee"

    wellbeing_manager_user_ids = fields.Many2many(
        "res.users",
        "hr_employee_wellbeing_manager_rel",
        "employee_id",
        "user_id",
        string="Line Manager Users",
        compute="_compute_wellbeing_manager_user_ids",
        store=True,
        recursive=True,
        compute_sudo=True,
        help="The users of the employee's managers up the hierarchy (direct and "
        "indirect) and of the manager of their department; archived managers "
        "give nothing.",
    )

    @api.depends(
        "parent_id",
        "parent_id.user_id",
        "parent_id.active",
        # Recursive: a change up the chain reaches every level below.
        "parent_id.wellbeing_manager_user_ids",
        "department_id.manager_id.user_id",
        "department_id.manager_id.active",
    )
    def _compute_wellbeing_manager_user_ids(self):
        """Walk up `parent_id` (archived links too, as `child_of` does),
        stopping at a cycle; keep the users of the active managers met and
        of the department's active manager."""
        for employee in self:
            users = self.env["res.users"]
            department_manager = employee.department_id.manager_id
            if department_manager.active:
                users |= department_manager.user_id
            seen, manager = {employee.id}, employee.parent_id
            while manager and manager.id not in seen:
                seen.add(manager.id)
                if manager.active:
                    users |= manager.user_id
                manager = manager.parent_id
            employee.wellbeing_manager_user_ids = users

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        # Odoo does not flush a many2many before a condition on it: a rule
        # that searches the managers right after the tree changed must see
        # the new set.
        if any(
            isinstance(leaf, list | tuple)
            and leaf
            and isinstance(leaf[0], str)
            and leaf[0].startswith("wellbeing_manager_user_ids")
            for leaf in domain or ()
        ):
            self.flush_model(["wellbeing_manager_user_ids"])
        return super()._search(
            domain, offset=offset, limit=limit, order=order, **kwargs
        )

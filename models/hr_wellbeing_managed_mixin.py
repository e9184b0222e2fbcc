from contextvars import ContextVar

from odoo import api, fields, models
from odoo.tools import SQL

# During one list request (`web_search_read`): the ids its searches returned,
# per model and read rules (user, companies). A server-side variable that no
# client reaches, reset when the request's list is built.
_SEARCHED = ContextVar("hr_burnout_prevention_searched", default=None)


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

    @api.model
    @api.readonly
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        token = _SEARCHED.set({})
        try:
            return super().web_search_read(
                domain,
                specification,
                offset=offset,
                limit=limit,
                order=order,
                count_limit=count_limit,
            )
        finally:
            _SEARCHED.reset(token)

    @api.model
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        records = super().search_fetch(
            domain, field_names, offset=offset, limit=limit, order=order
        )
        searched = _SEARCHED.get()
        if searched is not None and not self.env.su:
            searched.setdefault(self._read_rules_key(), set()).update(records._ids)
        return records

    def _read_rules_key(self):
        """What the read rules of these records depend on: the model, the
        user and the context keys of Odoo's cache of rule domains."""
        rules = self.env["ir.rule"]
        return (
            self._name,
            self.env.uid,
            tuple(rules._compute_domain_context_values()),
        )

    def _check_access(self, operation):
        # The records a list request's search returned passed the read rules
        # in SQL a moment ago: its read does not evaluate them again in
        # Python (as Odoo's own `search_read` does), which for a line manager
        # walks each record's employee and its stored managers. Any other
        # record, and any other request, is checked as usual.
        searched = _SEARCHED.get()
        if operation == "read" and searched and self._ids and not self.env.su:
            ids = searched.get(self._read_rules_key())
            if ids and ids.issuperset(self._ids):
                # The rules were applied by the search: the access rights
                # of the model only.
                result = super(HrWellbeingManagedMixin, self.browse())._check_access(
                    operation
                )
                return (self, result[1]) if result else None
        return super()._check_access(operation)

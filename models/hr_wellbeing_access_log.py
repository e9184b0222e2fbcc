from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

# Per cursor (one per HTTP request): what was already logged in this request.
LOGGED_KEY = "hr_wellbeing_access_logged"

SERVICES = [("medical", "Medical"), ("psychosocial", "Psychosocial")]


class HrWellbeingAccessLog(models.Model):
    """Who opened which confidential record, when, and how.

    Rows are written by the system only: `_log_access` and `_system_create`,
    private server code that no client reaches (RPC cannot call a method
    whose name starts with an underscore), inside the workflow guard's
    `_workflow_system()`. No context key and no access right lets a client
    create, edit or delete a row, not even an administrator: an access right
    granted by mistake only meets the same refusals.
    """

    _name = "hr.wellbeing.access.log"
    _inherit = ["hr.wellbeing.workflow.mixin"]
    _description = "Confidential Access Log"
    _order = "date desc, id desc"
    _log_access = True

    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one(
        "res.users", string="User", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one("res.company", index=True)
    operation = fields.Selection(
        [
            ("read", "Read"),
            ("export", "Export"),
            ("print", "Print"),
            ("group_add", "Added to a confidential group"),
            ("group_remove", "Removed from a confidential group"),
        ],
        required=True,
    )
    service = fields.Selection(SERVICES, index=True)
    res_model = fields.Char(string="Model", required=True, index=True)
    res_id = fields.Integer(string="Record ID", index=True)
    field_name = fields.Char(
        string="Field", help="The consent-gated field that was read, if any."
    )
    target_user_id = fields.Many2one(
        "res.users",
        string="Member",
        ondelete="restrict",
        help="The user added to or removed from a confidential group.",
    )

    @api.depends("operation", "res_model", "res_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        labels = dict(self._fields["operation"]._description_selection(self.env))
        for log in self:
            log.display_name = _(
                "%(operation)s %(model)s #%(id)s",
                operation=labels.get(log.operation, ""),
                model=log.res_model or "",
                id=log.res_id,
            )

    @api.model
    def _log_access(self, records, operation, service_of=None, field_name=None):
        """Log `operation` on `records` by the current user: one insert.

        `service_of(record)` tells the service concerned; records already
        logged for this user and operation in this request are skipped.
        """
        if not records:
            return self.browse()
        logged = self.env.cr.cache.setdefault(LOGGED_KEY, set())
        uid = self.env.uid
        vals_list = []
        for record in records:
            key = (uid, operation, records._name, record.id, field_name)
            if key in logged:
                continue
            logged.add(key)
            vals_list.append(
                {
                    "user_id": uid,
                    "operation": operation,
                    "res_model": records._name,
                    "res_id": record.id,
                    "field_name": field_name,
                    "service": service_of(record) if service_of else False,
                    "company_id": record.company_id.id
                    if "company_id" in record._fields
                    else False,
                }
            )
        return self._system_create(vals_list)

    @api.model
    def _system_create(self, vals_list):
        """Write log rows: the one way in, for server code only."""
        if not vals_list:
            return self.browse()
        with self._workflow_system():
            return self.sudo().create(vals_list)

    @api.model
    def _reset_request_memory(self):
        """Forget what this cursor logged (a new request starts)."""
        self.env.cr.cache.pop(LOGGED_KEY, None)

    @api.model_create_multi
    def create(self, vals_list):
        if not self._workflow_trusted():
            self.check_access("create")
            raise AccessError(
                _("The confidential access log is written by the system only.")
            )
        return super().create(vals_list)

    def write(self, vals):  # pylint: disable=method-required-super
        # Never, by anybody: not even the system rewrites what was logged.
        self.check_access("write")
        raise UserError(
            _(
                "%(record)s is a row of the confidential access log: it is never "
                "edited.",
                record=self[:1].sudo().display_name,
            )
        )

    def _workflow_kept(self):
        return self

import functools

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_datetime

from .hr_wellbeing_access_log import SERVICES
from .hr_wellbeing_logged_read_mixin import _writable


class HrConfidentialNoteRevision(models.Model):
    """One change of a confidential note: who changed which field, when,
    from what to what.

    The history stays on the confidential side: only the note's own service
    reads it (not the other service, even under the employee's consent to
    share the note itself), every read is logged, and nothing of it goes to a
    chatter or a mail tracking value. Rows are written by the system when a
    note changes (`hr.confidential.note.write`), never edited (but blanked
    with their note by the retention job) and never deleted.
    """

    _name = "hr.confidential.note.revision"
    _inherit = ["hr.wellbeing.logged.read.mixin", "hr.wellbeing.workflow.mixin"]
    _description = "Confidential Note Revision"
    _order = "date desc, id desc"

    note_id = fields.Many2one(
        "hr.confidential.note",
        string="Note",
        required=True,
        index=True,
        readonly=True,
        ondelete="restrict",
    )
    service = fields.Selection(SERVICES, required=True, index=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Changed By",
        required=True,
        index=True,
        readonly=True,
        ondelete="restrict",
    )
    date = fields.Datetime(string="Changed On", required=True, readonly=True)
    field_name = fields.Char(string="Technical Field", required=True, readonly=True)
    field_label = fields.Char(
        string="Field", compute="_compute_field_label", readonly=True
    )
    old_value = fields.Text(string="Before", readonly=True)
    new_value = fields.Text(string="After", readonly=True)

    @api.depends("field_name")
    def _compute_field_label(self):
        Note = self.env["hr.confidential.note"]
        for revision in self:
            field = Note._fields.get(revision.field_name)
            revision.field_label = (
                field._description_string(self.env) if field else revision.field_name
            )

    # ------------------------------------------------------------------
    # Only the note's service reads it, and every read is logged
    # ------------------------------------------------------------------
    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su or not self._ids:
            return result
        # The rules said yes: check the same in code.
        services = self.env["hr.confidential.note"]._user_services()
        outside = self.sudo().filtered(lambda r: r.service not in services)
        if outside:
            forbidden = self.browse(outside.ids)
            return forbidden, functools.partial(
                self.env["ir.rule"]._make_access_error, operation, forbidden
            )
        return None

    @_writable
    def read(self, fields=None, load="_classic_read"):
        self.check_access("read")
        return super().read(fields=fields, load=load)

    # ------------------------------------------------------------------
    # Written by the system only
    # ------------------------------------------------------------------
    @api.model
    def _system_record(self, vals_list):
        """Write the history of notes: the one way in, for server code."""
        if not vals_list:
            return self.browse()
        with self._workflow_system():
            return self.sudo().create(vals_list)

    @api.model_create_multi
    def create(self, vals_list):
        if not self._workflow_trusted():
            self.check_access("create")
            raise AccessError(
                _("The history of a confidential note is written by the system only.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self._workflow_trusted():
            self.check_access("write")
            raise UserError(
                _(
                    "%(record)s is the history of a confidential note: it is never "
                    "edited.",
                    record=self[:1].sudo().display_name,
                )
            )
        return super().write(vals)

    @api.depends("note_id", "field_name", "date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for revision in self:
            revision.display_name = _(
                "%(note)s: %(field)s changed on %(date)s",
                note=revision.note_id.subject or "",
                field=revision.field_label or "",
                date=format_datetime(self.env, revision.date, dt_format="short"),
            )

    def _workflow_kept(self):
        return self

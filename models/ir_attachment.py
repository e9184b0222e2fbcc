from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.osv.expression import AND

NOTE_MODEL = "hr.confidential.note"


class IrAttachment(models.Model):
    """Uploads for a confidential note not saved yet.

    The note form uploads its files before the note exists
    (`/web/binary/upload_attachment` with id 0): such an upload has
    `res_model` = the note model and `res_id` = 0. Odoo lets every
    administrator read unbound uploads; for a note, only its uploader reads,
    changes or deletes it until the note binds it (the note checks that
    only unbound uploads of the same user are bound). The retention job
    removes the uploads never bound after a day.
    """

    _inherit = "ir.attachment"

    @api.model
    def _note_upload_domain(self):
        """What the current user may see among note uploads: the bound ones
        (the note's access decides) and their own unbound ones."""
        return [
            "|",
            "|",
            ("res_model", "!=", NOTE_MODEL),
            ("res_id", ">", 0),
            ("create_uid", "=", self.env.uid),
        ]

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = AND([domain or [], self._note_upload_domain()])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def check(self, mode, values=None):
        result = super().check(mode, values=values)
        if self.env.su:
            return result
        if self:
            self.flush_model(["res_model", "res_id", "create_uid"])
            self.env.cr.execute(
                """SELECT id FROM ir_attachment
                    WHERE id IN %s AND res_model = %s
                      AND COALESCE(res_id, 0) = 0 AND create_uid != %s""",
                [tuple(self.ids), NOTE_MODEL, self.env.uid],
            )
            if self.env.cr.fetchone():
                raise AccessError(
                    _(
                        "This file was uploaded for a confidential note that is "
                        "not saved yet: only the person who uploaded it can open "
                        "or change it."
                    )
                )
        if (
            values
            and values.get("res_model") == NOTE_MODEL
            and not values.get("res_id")
            and mode in ("create", "write")
        ):
            # Only the two services upload files for their notes.
            self.env[NOTE_MODEL].check_access("create")
        return result

    @api.model
    def _remove_unbound_note_uploads(self, hours=24, batch_size=1000):
        """Remove the uploads for notes never saved, older than `hours`."""
        cutoff = fields.Datetime.now() - timedelta(hours=hours)
        uploads = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", NOTE_MODEL),
                    "|",
                    ("res_id", "=", 0),
                    ("res_id", "=", False),
                    ("create_date", "<", cutoff),
                ],
                limit=batch_size,
            )
        )
        uploads.unlink()
        return uploads

from odoo import api, models
from odoo.osv.expression import AND

from .confidential_wall import check_walled, forbidden_domain


class MailNotification(models.Model):
    """Notifications of a message about a confidential record: read by those
    who read the record only (Odoo lets the notified partner read theirs)."""

    _inherit = "mail.notification"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            forbidden = (
                self.env["mail.message"]
                .sudo()
                ._search(forbidden_domain(self.env, "model", "res_id"))
            )
            domain = AND([domain or [], [("mail_message_id", "not in", forbidden)]])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        return check_walled(
            self,
            operation,
            result,
            lambda rows: {
                row.id: (row.mail_message_id.model, row.mail_message_id.res_id)
                for row in rows
            },
        )

from odoo import api, models
from odoo.osv.expression import AND

from .confidential_wall import check_walled, walled_domain


class MailFollowers(models.Model):
    """Followers of a confidential record (who has a plan, a case, a
    check-in) are read by those who read the record only: Odoo lets every
    internal user search every follower row."""

    _inherit = "mail.followers"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        wall = walled_domain(self.env, "res_model", "res_id")
        if wall:
            domain = AND([domain or [], wall])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        return check_walled(
            self,
            operation,
            result,
            lambda rows: {row.id: (row.res_model, row.res_id) for row in rows},
        )

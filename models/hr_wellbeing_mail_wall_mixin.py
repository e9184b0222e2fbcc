from odoo import api, models
from odoo.osv.expression import AND

from .confidential_wall import check_walled, walled_domain


class HrWellbeingMailWallMixin(models.AbstractModel):
    """The wall (``confidential_wall.py``) on a mail model whose rows point
    at a record by model name and id (followers, messages, mails,
    activities): a row about a confidential record is searched and read only
    by those who read the record. First in the mail model's ``_inherit``."""

    _name = "hr.wellbeing.mail.wall.mixin"
    _description = "Mail Rows Behind the Confidential Wall"
    # The fields of the row that name its record: (model name, id).
    _wall_fields = ("res_model", "res_id")

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        wall = walled_domain(self.env, *self._wall_fields)
        if wall:
            domain = AND([domain or [], wall])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        model_field, id_field = self._wall_fields
        return check_walled(
            self,
            operation,
            result,
            lambda rows: {row.id: (row[model_field], row[id_field]) for row in rows},
        )

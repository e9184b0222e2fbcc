from odoo import api, models


def _writable(method):
    """Odoo runs RPC methods marked `@api.readonly` on a read-only cursor;
    reads of these models write the access log, so they need a writable one."""
    method._readonly = False
    return method


class HrWellbeingLoggedReadMixin(models.AbstractModel):
    """Reads of a model whose reads are written to the access log."""

    _name = "hr.wellbeing.logged.read.mixin"
    _description = "Reads Written to the Access Log"

    def _log_reads(self):
        """Log that the current user read these records (a model that logs
        its reads says how; `read` itself is logged by the model)."""

    @_writable
    def read(self, fields=None, load="_classic_read"):
        return super().read(fields=fields, load=load)

    @api.model
    @_writable
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **kwargs
    ):
        # Odoo's search_read reads without calling read(): log it here.
        result = super().search_read(domain, fields, offset, limit, order, **kwargs)
        if result:
            self.browse([row["id"] for row in result])._log_reads()
        return result

    @api.model
    @_writable
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        return super().web_search_read(
            domain,
            specification,
            offset=offset,
            limit=limit,
            order=order,
            count_limit=count_limit,
        )

    @_writable
    def web_read(self, specification):
        return super().web_read(specification)

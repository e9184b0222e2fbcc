from odoo import api, models


def _writable(method):
    """Odoo runs RPC methods marked `@api.readonly` on a read-only cursor;
    reads of these models write the access log, so they need a writable one."""
    method._readonly = False
    return method


class HrWellbeingLoggedReadMixin(models.AbstractModel):
    """Reads of a model whose reads are written to the access log.

    Every way a value leaves the server through the ORM's public methods is
    logged: `read` (and `web_read`, `web_search_read` that call it),
    `search_read`, `read_group` / `web_read_group` over a field outside
    `_log_free_fields`, `name_search` (display names) and `export_data`,
    also of the logged records reached through a relation
    (`note_ids/body`). A model says how it logs in `_log_reads`.
    """

    _name = "hr.wellbeing.logged.read.mixin"
    _description = "Reads Written to the Access Log"
    # Fields a read_group may group or count by without revealing anything
    # confidential (who, which company, in which state): grouping by any
    # other field is logged as a read of the records grouped.
    _log_free_fields = ("id", "company_id", "employee_id")
    # The confidential service whose records these are: a fixed one
    # ("psychosocial"), None for each record's own `service` field, or False
    # when the model logs its reads in its own code.
    _log_service = None

    def _log_reads(self, operation="read"):
        """Log that the current user read (or exported) these records."""
        if self._log_service is False or self.env.su or not self:
            return
        self.env["hr.wellbeing.access.log"]._record_access(
            self, operation, service=self._log_service
        )

    def _log_value_fields(self):
        """The stored fields a log row takes from the record read: fetched
        with the read's own query, so that logging costs no query of its
        own."""
        if self._log_service is False:
            return []
        names = ["company_id"] if "company_id" in self._fields else []
        if self._log_service is None and "service" in self._fields:
            names.append("service")
        return names

    def _log_read_ids(self, ids, operation="read"):
        if ids and not self.env.su:
            self.browse(ids)._log_reads(operation)

    @api.model
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        # The values the log needs come with the search (web_search_read).
        if not self.env.su and field_names is not None:
            field_names = [*field_names, *self._log_value_fields()]
        return super().search_fetch(
            domain, field_names, offset=offset, limit=limit, order=order
        )

    @_writable
    def read(self, fields=None, load="_classic_read"):
        if fields and not self.env.su:
            extra = [f for f in self._log_value_fields() if f not in fields]
            if extra:
                # One query for the read and the log's values (none when
                # they are in the cache already), not a second one.
                self._origin.fetch([*fields, *extra])
        result = super().read(fields=fields, load=load)
        self.browse([values["id"] for values in result])._log_reads()
        return result

    @api.model
    @_writable
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **kwargs
    ):
        # Odoo's search_read reads without calling read(): log it here.
        result = super().search_read(domain, fields, offset, limit, order, **kwargs)
        self._log_read_ids([row["id"] for row in result])
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

    @api.model
    @_writable
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        result = super().name_search(
            name=name, args=args, operator=operator, limit=limit
        )
        self._log_read_ids([row[0] for row in result])
        return result

    def _log_group_fields(self, specs):
        """The fields of read_group specs (`field:agg`, `date:month`,
        `alias:agg(field)`) that are not free to group by."""
        names = set()
        for spec in specs or ():
            if not spec or spec == "__count":
                continue
            spec = spec.split(":", 1)
            fname = spec[0]
            if len(spec) > 1 and "(" in spec[1]:
                fname = spec[1].split("(", 1)[1].rstrip(")")
            names.add(fname.split(".", 1)[0].strip())
        return names - set(self._log_free_fields) - {"__count"}

    @api.model
    @_writable
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        result = super().read_group(
            domain,
            fields,
            groupby,
            offset=offset,
            limit=limit,
            orderby=orderby,
            lazy=lazy,
        )
        if result and not self.env.su:
            groupby = [groupby] if isinstance(groupby, str) else list(groupby or ())
            if self._log_group_fields([*fields, *groupby]):
                # What the groups showed: the records they grouped.
                self._log_read_ids(self.search(domain or [])._ids)
        return result

    @api.model
    @_writable
    def web_read_group(
        self, domain, fields, groupby, limit=None, offset=0, orderby=False, lazy=True
    ):
        return super().web_read_group(
            domain,
            fields,
            groupby,
            limit=limit,
            offset=offset,
            orderby=orderby,
            lazy=lazy,
        )

    @_writable
    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        if not self.env.su:
            self._log_reads("export")
            self._log_export_relations(fields_to_export)
        return result

    def _log_export_relations(self, fields_to_export):
        """Log the logged records an export reached through a relation."""
        seen = set()
        for path in fields_to_export:
            names = path.replace(".id", "id").split("/")[:-1]
            records = self
            for name in names:
                field = records._fields.get(name)
                if not field or not field.relational:
                    break
                records = records[name]
                key = (records._name, tuple(records._ids), "/".join(names))
                if records and hasattr(records, "_log_reads") and key not in seen:
                    seen.add(key)
                    records._log_reads("export")

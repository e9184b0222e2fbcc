import itertools

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv.expression import OR
from odoo.tools import SQL

# Per transaction (one per attempt of an HTTP request): what was already logged
# and the rows still to write. Both live in the cursor's precommit data, which
# a rollback clears: when Odoo retries a request after a serialization
# failure, the new attempt logs its reads again (the rows of the failed
# attempt were rolled back with it), so no row is lost and none is counted
# twice.
LOGGED_KEY = "hr_burnout_prevention.access_logged"
PENDING_KEY = "hr_burnout_prevention.access_pending"

SERVICES = [("medical", "Medical"), ("psychosocial", "Psychosocial")]
# What the rows a request logs share, in the order of their group's key
# (`_record_access`), with the type of their column.
SHARED_COLUMNS = (
    ("user_id", "int4"),
    ("operation", "varchar"),
    ("res_model", "varchar"),
    ("field_name", "varchar"),
    ("service", "varchar"),
    ("company_id", "int4"),
)


def _column_values(records, fname):
    """The values of a stored field of `records` as the cache holds them (a
    many2one's id), in the records' order, fetched where missing: without
    building a record per value (Odoo's `Field.mapped` does the same)."""
    field = records._fields[fname]
    values = records.env.cache.get_until_miss(records, field)
    while len(values) < len(records):
        rest = records[len(values) :]
        field.__get__(rest[:1])
        values += records.env.cache.get_until_miss(rest, field)
    return values


class _UncheckedMany2one(fields.Many2one):
    """A many2one of the access log that PostgreSQL does not check.

    The log writes one row per confidential record read, in the transaction
    of the read, and PostgreSQL checks a foreign key once per row written (a
    lookup and a lock of the referenced row): for a list of 200 notes, the
    checks of the reader and the company took about 2 of the 5 ms that the
    log cost. The values come from the server (the reader, the company of
    the record read), never from a client, and the users and companies the
    log names are not deleted (`res.users` and `res.company` refuse it, as
    `ondelete="restrict"` did): archived, they keep their name in the log."""

    def update_db_foreign_key(self, model, column):
        return


class HrWellbeingAccessLog(models.Model):
    """Who opened which confidential record, when, and how.

    Rows are written by the system only: `_record_access` and `_system_create`,
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
    # Its own user and date say who and when; Odoo's create/write stamps
    # would repeat them (two more foreign keys checked per row written).
    _log_access = False

    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    user_id = _UncheckedMany2one("res.users", string="User", required=True, index=True)
    # Neither the company nor the service is indexed: a handful of values
    # each, which an index would not narrow (the rules filter on them while
    # the date, user or record index does the work), and an index more is
    # work for every row the log writes.
    company_id = _UncheckedMany2one("res.company")
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
    service = fields.Selection(SERVICES)
    res_model = fields.Char(string="Model", required=True, index=True)
    res_id = fields.Integer(string="Record ID", index=True)
    record_kind = fields.Char(
        string="Record", compute="_compute_words", help="What kind of record."
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Employee",
        compute="_compute_words",
        help="Whose record it is.",
    )
    summary = fields.Char(string="What happened", compute="_compute_words")
    field_name = fields.Char(
        string="Field", help="The consent-gated field that was read, if any."
    )
    target_user_id = fields.Many2one(
        "res.users",
        string="Member",
        ondelete="restrict",
        help="The user added to or removed from a confidential group.",
    )

    @api.depends("res_model", "res_id", "operation", "user_id", "target_user_id")
    @api.depends_context("lang")
    def _compute_words(self):
        """The row in words: who did what with whose record. Never the
        record's own name (a note's subject is confidential): its kind and
        its employee, read by the system one query per kind of record."""
        employees = {}
        by_model = {}
        for log in self:
            if log.res_model in self.env and log.res_id:
                by_model.setdefault(log.res_model, set()).add(log.res_id)
        kinds = {}
        for model, ids in by_model.items():
            Model = self.env[model].sudo().with_context(active_test=False)
            kinds[model] = self.env["ir.model"].sudo()._get(model).name
            if "employee_id" in Model._fields:
                path = "employee_id"
            elif "note_id" in Model._fields:
                path = "note_id.employee_id"
            else:
                continue
            for record in Model.browse(ids).exists():
                employees[model, record.id] = record.mapped(path).id
        for log in self:
            log.record_kind = kinds.get(log.res_model, log.res_model)
            log.employee_id = employees.get((log.res_model, log.res_id), False)
            log.summary = log._summary_words()

    def _summary_words(self):
        self.ensure_one()
        who = self.user_id.name or ""
        if self.operation in ("group_add", "group_remove"):
            message = {
                "group_add": _(
                    "%(user)s added %(member)s to a confidential group",
                    user=who,
                    member=self.target_user_id.name or "",
                ),
                "group_remove": _(
                    "%(user)s removed %(member)s from a confidential group",
                    user=who,
                    member=self.target_user_id.name or "",
                ),
            }
            return message[self.operation]
        record = self.record_kind or ""
        employee = self.employee_id.name
        if employee:
            texts = {
                "read": _(
                    "%(user)s read a record “%(record)s” of %(employee)s",
                    user=who,
                    record=record,
                    employee=employee,
                ),
                "export": _(
                    "%(user)s exported a record “%(record)s” of %(employee)s",
                    user=who,
                    record=record,
                    employee=employee,
                ),
                "print": _(
                    "%(user)s printed a record “%(record)s” of %(employee)s",
                    user=who,
                    record=record,
                    employee=employee,
                ),
            }
        else:
            texts = {
                "read": _(
                    "%(user)s read a record “%(record)s”", user=who, record=record
                ),
                "export": _(
                    "%(user)s exported a record “%(record)s”",
                    user=who,
                    record=record,
                ),
                "print": _(
                    "%(user)s printed a record “%(record)s”",
                    user=who,
                    record=record,
                ),
            }
        return texts.get(self.operation, record)

    @api.depends("summary", "date")
    @api.depends_context("lang", "tz")
    def _compute_display_name(self):
        for log in self:
            log.display_name = log.summary

    @api.model
    def _record_access(self, records, operation, service=None, field_name=None):
        """Log `operation` on `records` by the current user.

        `service` is the service concerned, the same for every record, or
        None for each record's own `service` field. Records already logged
        for this user and operation in this transaction are skipped. The rows
        are written when the transaction is flushed before its commit (one
        insert for the whole request), so that a transaction Odoo retries
        writes them once, in its successful attempt.
        """
        if not records:
            return self.browse()
        precommit = self.env.cr.precommit
        logged = precommit.data.setdefault(LOGGED_KEY, set())
        uid, model = self.env.uid, records._name
        ids = []
        # A record not saved yet (a form's onchange) holds nothing stored.
        for record_id in filter(None, records._ids):
            key = (uid, operation, model, record_id, field_name)
            if key not in logged:
                logged.add(key)
                ids.append(record_id)
        if not ids:
            return self.browse()
        # The values the read put in the cache (shared by every environment
        # of the transaction), read as the system: no rule check; the fields
        # missing from the cache, if any, in one small query.
        records = records.browse(ids).sudo()
        needed = ["company_id"] if "company_id" in records._fields else []
        if service is None:
            needed.append("service")
        if needed:
            records.fetch(needed)
        companies = (
            _column_values(records, "company_id")
            if "company_id" in needed
            else [None] * len(ids)
        )
        services = (
            _column_values(records, "service")
            if service is None
            else [service] * len(ids)
        )
        # The request's rows by what they share (SHARED_COLUMNS: who, how,
        # which kind of record, service and company): each row adds only its
        # record's id.
        pending = precommit.data.get(PENDING_KEY)
        if pending is None:
            pending = precommit.data[PENDING_KEY] = {}
            precommit.add(self._write_pending)
        for record_id, company_id, service_ in zip(
            ids, companies, services, strict=True
        ):
            group = (uid, operation, model, field_name, service_ or None, company_id)
            pending.setdefault(group, []).append(record_id)
        return self.browse()

    def _write_pending(self):
        """Write the rows logged in this transaction: one multi-row insert,
        made by the system without the ORM's work per row (defaults,
        checks of a client's values: these rows come from `_record_access`)."""
        pending = self.env.cr.precommit.data.pop(PENDING_KEY, None)
        if not pending:
            return
        # One statement: the values the rows share once per group, and one
        # array of (group, record id) pairs; dated by the log's own date.
        groups = list(pending)
        numbers, res_ids = [], []
        for number, group in enumerate(groups, 1):
            numbers.extend(itertools.repeat(number, len(pending[group])))
            res_ids.extend(pending[group])
        shared = SQL(", ").join(
            SQL("(%s::%s[])[v.grp]", [group[i] for group in groups], SQL(kind))
            for i, (_column, kind) in enumerate(SHARED_COLUMNS)
        )
        self.env.cr.execute(
            SQL(
                """INSERT INTO %(table)s (date, %(columns)s, res_id)
                   SELECT %(now)s, %(shared)s, v.res_id
                     FROM unnest(%(numbers)s::int4[], %(res_ids)s::int4[])
                          AS v(grp, res_id)""",
                table=SQL.identifier(self._table),
                columns=SQL(", ").join(
                    SQL.identifier(column) for column, _kind in SHARED_COLUMNS
                ),
                shared=shared,
                now=fields.Datetime.now(),
                numbers=numbers,
                res_ids=res_ids,
            )
        )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        # What this transaction logged is read back with the rest.
        if self.env.cr.precommit.data.get(PENDING_KEY):
            self._write_pending()
        return super()._search(
            domain, offset=offset, limit=limit, order=order, **kwargs
        )

    @api.model
    def _check_unlink_named(self, records, field_names):
        """Refuse to delete users or companies that the log names in one of
        `field_names` (in place of a foreign key, for the unchecked ones)."""
        if not records:
            return
        domain = OR([[(name, "in", records.ids)] for name in field_names])
        named = self.sudo().search_fetch(domain, field_names, limit=1)
        if named:
            record = next(named[name] for name in field_names if named[name] in records)
            raise UserError(
                _(
                    "%(record)s is named in the confidential access log, which "
                    "is never changed: archive it instead of deleting it.",
                    record=record.display_name,
                )
            )

    @api.model
    def _system_create(self, vals_list):
        """Write log rows: the one way in, for server code only."""
        if not vals_list:
            return self.browse()
        with self._workflow_system():
            return self.sudo().create(vals_list)

    @api.model
    def _reset_request_memory(self):
        """Write what is pending and forget what this transaction logged (for
        tests: a new request starts)."""
        if self.env.cr.precommit.data.get(PENDING_KEY):
            self._write_pending()
        self.env.cr.precommit.data.pop(LOGGED_KEY, None)

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

from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# Set only by server code (`_workflow_system`); no client can reach it: a
# context key or a field value sent over RPC never opens the guard.
_SYSTEM = ContextVar("hr_wellbeing_workflow_system", default=False)

# Context keys a client could send to silence the chatter of a move.
_NO_SILENCE = {
    "tracking_disable": False,
    "mail_notrack": False,
    "mail_create_nolog": False,
    "mail_auto_subscribe_no_notify": False,
}


class HrWellbeingWorkflowMixin(models.AbstractModel):
    """The one guard of a workflow model's state-like fields.

    As `hr.leave._check_approval_update` in Odoo, the guard runs inside
    `write()` and `create()`, so the web client's buttons, a plain RPC
    `write`, an import and server code all go through it:

    * `_workflow` says, per guarded field, the only moves allowed:
      ``{field: {(old, new): "_method"}}``. The method runs on the records
      that move, before they are written; it raises if the current user may
      not make the move or if something it needs is missing, and returns the
      values the system writes with the move (a date, a link, a counter).
      A value ``("_method", "_after")`` also runs ``_after`` once written.
    * `_workflow_initial` says which values of a guarded field a new record
      may have (after defaults, so a ``default_state`` in the context cannot
      create a record in a later state).
    * `_workflow_system_fields` are written by the moves only.
    * `_workflow_kept` returns the records that are never deleted, by
      anybody (the law or a signature fixed them).

    Put the mixin first in `_inherit`, before `mail.thread`: the guard then
    runs before the chatter reads `tracking_disable` from the context, and a
    move is tracked whatever the client sends. Buttons call `_workflow_go`.

    Server code that must write what a client may not (a cron, a move's
    effects on other records) does so inside ``_workflow_system()``.
    """

    _name = "hr.wellbeing.workflow.mixin"
    _description = "Guarded Workflow"

    _workflow = {}
    _workflow_initial = {}
    _workflow_system_fields = ()

    # --- the guard ---------------------------------------------------------

    @contextmanager
    def _workflow_system(self):
        """Let server code write system fields and skip the guard."""
        token = _SYSTEM.set(True)
        try:
            yield
        finally:
            _SYSTEM.reset(token)

    def _workflow_trusted(self):
        return _SYSTEM.get()

    @api.model_create_multi
    def create(self, vals_list):
        if self._workflow_trusted():
            return super().create(vals_list)
        records = super(
            HrWellbeingWorkflowMixin, self.with_context(**_NO_SILENCE)
        ).create(vals_list)
        records._check_workflow_create()
        return records.with_env(self.env)

    def _check_workflow_create(self):
        for fname, allowed in self._workflow_initial.items():
            for record in self:
                value = self._workflow_value(record, fname)
                if value not in allowed:
                    raise UserError(
                        _(
                            "%(record)s cannot be created as %(value)s: a new "
                            "record starts as %(allowed)s and moves on with "
                            "its buttons.",
                            record=record.display_name,
                            value=record._workflow_label(fname, value),
                            allowed=", ".join(
                                record._workflow_label(fname, v) for v in allowed
                            ),
                        )
                    )
        for fname in self._workflow_system_fields:
            if any(self._workflow_value(record, fname) for record in self):
                raise AccessError(
                    _(
                        "The field %(field)s of %(model)s is set by the system only.",
                        field=self._fields[fname]._description_string(self.env),
                        model=self._description,
                    )
                )

    def write(self, vals):
        if self._workflow_trusted():
            return super().write(vals)
        system = [f for f in self._workflow_system_fields if f in vals]
        if system:
            raise AccessError(
                _(
                    "The field %(field)s of %(model)s is set by the system only.",
                    field=self._fields[system[0]]._description_string(self.env),
                    model=self._description,
                )
            )
        moving = [f for f in self._workflow if f in vals]
        if not moving or not self:
            return super().write(vals)
        return self._workflow_write(vals, moving)

    def _workflow_write(self, vals, moving):
        self._workflow_lock()
        groups = defaultdict(lambda: self.browse())
        for record in self:
            key = tuple(
                (fname, self._workflow_value(record, fname), vals[fname])
                for fname in moving
            )
            groups[key] |= record
        for key, records in groups.items():
            records = records.with_context(**_NO_SILENCE)
            values, afters = dict(vals), []
            for fname, old, new in key:
                if (old or False) == (new or False):
                    continue
                step = records._workflow_step(fname, old, new)
                check, after = step if isinstance(step, tuple) else (step, None)
                values.update(getattr(records, check)(vals) or {})
                if after:
                    afters.append(after)
            super(HrWellbeingWorkflowMixin, records).write(values)
            for after in afters:
                getattr(records, after)()
        return True

    def _workflow_step(self, fname, old, new):
        steps = self._workflow[fname]
        step = steps.get((old or False, new or False))
        if step:
            return step
        allowed = [
            self._workflow_label(fname, target)
            for (source, target) in steps
            if source == (old or False)
        ]
        values = {
            "record": self[:1].display_name,
            "field": self._fields[fname]._description_string(self.env),
            "current": self._workflow_label(fname, old),
            "target": self._workflow_label(fname, new),
            "allowed": ", ".join(allowed),
        }
        if allowed:
            raise UserError(
                _(
                    "%(record)s: %(field)s is %(current)s and cannot become "
                    "%(target)s. From %(current)s it can only become: %(allowed)s.",
                    **values,
                )
            )
        raise UserError(
            _(
                "%(record)s: %(field)s is %(current)s and cannot change any "
                "more (asked: %(target)s).",
                **values,
            )
        )

    def _workflow_lock(self):
        """Lock the rows that move: of two clicks at once, the second waits,
        is retried by Odoo on the new state and gets the guard's message."""
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id = ANY(%s) FOR NO KEY UPDATE",
                SQL.identifier(self._table),
                self.ids,
            )
        )

    @api.model
    def _workflow_value(self, record, fname):
        value = record[fname]
        return value.id if isinstance(value, models.BaseModel) else value

    def _workflow_label(self, fname, value):
        field = self._fields[fname]
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(
                value, _("(none)") if value is False else str(value)
            )
        if field.type == "boolean":
            return _("Yes") if value else _("No")
        if field.type in ("integer", "float"):
            return str(value or 0)
        return str(value) if value else _("(none)")

    def _workflow_go(self, vals):
        """What a button does: every record makes the move. A record already
        there (the second of two clicks) is refused with a clean message;
        a plain write of the same value changes nothing and says nothing."""
        for fname in self._workflow:
            if fname not in vals:
                continue
            there = self.filtered(
                lambda r, f=fname: (self._workflow_value(r, f) or False)
                == (vals[f] or False)
            )
            if there:
                raise UserError(
                    _(
                        "%(record)s: %(field)s is already %(current)s.",
                        record=there[0].display_name,
                        field=self._fields[fname]._description_string(self.env),
                        current=self._workflow_label(fname, vals[fname]),
                    )
                )
        self.write(vals)
        return True

    def _check_action_state(self, states, fname="state"):
        """A button that is not a plain move (it sets other fields, or acts
        on other records) in another state, a second click included: a
        clear message instead of doing nothing."""
        for record in self:
            if record[fname] not in states:
                raise UserError(
                    _(
                        "%(record)s is %(state)s: this step is possible only when "
                        "it is %(allowed)s.",
                        record=record.display_name,
                        state=record._workflow_label(fname, record[fname]),
                        allowed=", ".join(
                            record._workflow_label(fname, s) for s in states
                        ),
                    )
                )

    # --- helpers for the moves ---------------------------------------------

    def _workflow_require_group(self, xmlid, message):
        """The current user must be in `xmlid` (server code may)."""
        if not self.env.su and not self.env.user.has_group(xmlid):
            raise AccessError(message)

    # --- what is never deleted ---------------------------------------------

    def _workflow_kept(self):
        """The records the law or a signature fixed: never deleted."""
        return self.browse()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_workflow_kept(self):
        kept = self._workflow_kept()
        if kept:
            raise UserError(
                _(
                    "%(record)s is kept as the law or a signature fixed it: it "
                    "cannot be deleted. A correction is a new record.",
                    record=kept[0].display_name,
                )
            )

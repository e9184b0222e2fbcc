import functools

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv.expression import AND, OR

# The history of notes lives in a model of its own, on the confidential side.
from .hr_wellbeing_access_log import SERVICES
from .hr_wellbeing_logged_read_mixin import _writable
from .wellbeing_cron import CronStep, walk_pages

SERVICE_GROUPS = {
    "medical": "hr_burnout_prevention.group_occupational_physician",
    "psychosocial": "hr_burnout_prevention.group_psychosocial_advisor",
}
SHARE_SCOPE = "share_services"
# What a note keeps the history of (who changed it, when, from what to what).
HISTORY_FIELDS = (
    "subject",
    "body",
    "kind",
    "date",
    "employee_id",
    "case_id",
    "trajectory_id",
    "support_trajectory_id",
    "support_session_id",
    "active",
)


class HrConfidentialNote(models.Model):
    """A working note of the occupational physician or of the PAPS.

    The wall: only this model holds the text, and only the two confidential
    groups have an access right on it. A record rule per group lets each
    service read and write its own notes, and read the other service's notes
    while the employee's consent to share between them is valid; the same is
    checked again in `_check_access`. Every read is logged. No chatter, no
    tracking: nothing of a note is copied into a message.

    The author is the user who wrote the note, set by the system. Every
    change of its text or of what it is about is kept in
    `hr.confidential.note.revision` (who, when, before, after), which only
    the note's own service reads. Notes are archived, never deleted.
    """

    _name = "hr.confidential.note"
    _inherit = ["hr.wellbeing.logged.read.mixin", "hr.wellbeing.workflow.mixin"]
    _description = "Confidential Note"
    _order = "date desc, id desc"
    _check_company_auto = True
    _rec_name = "subject"
    _workflow_system_fields = ("anonymised",)

    active = fields.Boolean(default=True)
    employee_id = fields.Many2one(
        "hr.employee",
        index=True,
        ondelete="restrict",
        check_company=True,
        help="Empty only once the note is anonymised.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    service = fields.Selection(
        SERVICES,
        required=True,
        index=True,
        default=lambda self: self._default_service(),
        help="The service the note belongs to: taken from the author's group "
        "(a user of both services chooses).",
    )
    is_own_service = fields.Boolean(
        compute="_compute_is_own_service",
        help="The note is of the reader's service: only then can they edit it.",
    )
    author_id = fields.Many2one(
        "res.users",
        string="Author",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env.user,
        ondelete="restrict",
        help="The user who wrote the note: set by the system.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    kind = fields.Selection(
        [
            ("consultation", "Consultation"),
            ("assessment", "Assessment"),
            ("barometer", "Barometer result"),
            ("coaching", "Coaching session"),
            ("other", "Other"),
        ],
        required=True,
        default="consultation",
    )
    subject = fields.Char(required=True)
    body = fields.Text()
    case_id = fields.Many2one(
        "hr.absence.case", string="Absence Case", index=True, check_company=True
    )
    trajectory_id = fields.Many2one(
        "hr.reintegration.trajectory",
        string="Reintegration Trajectory",
        index=True,
        check_company=True,
    )
    support_trajectory_id = fields.Many2one(
        "hr.support.trajectory", index=True, check_company=True
    )
    support_session_id = fields.Many2one(
        "hr.support.session", string="Support Session", index=True
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "hr_confidential_note_attachment_rel",
        "note_id",
        "attachment_id",
        string="Attachments",
    )
    anonymised = fields.Boolean(readonly=True, copy=False)
    revision_ids = fields.One2many(
        "hr.confidential.note.revision",
        "note_id",
        string="History",
        readonly=True,
        help="Who changed the note, when, from what to what. Only the note's "
        "own service reads it.",
    )
    shared_by_consent = fields.Boolean(
        compute="_compute_shared_by_consent",
        search="_search_shared_by_consent",
        help="The employee allows sharing between the physician and the PAPS.",
    )

    _sql_constraints = [
        (
            "employee_or_anonymised",
            "CHECK(employee_id IS NOT NULL OR anonymised)",
            "A confidential note concerns an employee.",
        ),
    ]

    @api.model
    def _default_service(self):
        services = self._user_services()
        return services.pop() if len(services) == 1 else False

    @api.depends("service")
    @api.depends_context("uid")
    def _compute_is_own_service(self):
        services = self._user_services()
        for note in self:
            note.is_own_service = not note.service or note.service in services

    # ------------------------------------------------------------------
    # Sharing under consent
    # ------------------------------------------------------------------
    @api.depends("employee_id")
    @api.depends_context("uid", "date")
    def _compute_shared_by_consent(self):
        consenting = self.env["hr.wellbeing.consent"]._consenting_employees(
            SHARE_SCOPE, self.employee_id
        )
        for note in self:
            note.shared_by_consent = note.employee_id.id in consenting

    def _search_shared_by_consent(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on shared notes."))
        # A subquery on today's consents (no list of ids, no query of its own):
        # it runs inside the search, with the consents as they are now.
        Consent = self.env["hr.wellbeing.consent"].sudo()
        query = Consent._search(Consent._valid_domain(SHARE_SCOPE))
        consenting = query.subselect(
            Consent._field_to_sql(Consent._table, "employee_id", query)
        )
        positive = (operator == "=") == value
        return [("employee_id", "in" if positive else "not in", consenting)]

    @api.model
    def _code_access_domain(self):
        """In code, what the rules say for reading: the user's services, and
        the other service's notes under a valid consent."""
        services = sorted(self._user_services())
        return ["|", ("service", "in", services), ("shared_by_consent", "=", True)]

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        if not self.env.su:
            domain = AND([domain or [], self._code_access_domain()])
        return super()._search(
            domain, offset=offset, limit=limit, order=order, **kwargs
        )

    @api.model
    def _user_services(self):
        user = self.env.user
        return {s for s, group in SERVICE_GROUPS.items() if user.has_group(group)}

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su or not self._ids:
            return result
        # The rules said yes: check the same in code, with today's consents.
        # A note not saved yet (the form's onchange) is checked when saved.
        services = self._user_services()
        notes = self.sudo().filtered(lambda n: isinstance(n.id, int))
        outside = notes.filtered(lambda n: n.service not in services)
        if outside and operation == "read":
            outside = outside.filtered(lambda n: not n.shared_by_consent)
        if outside:
            forbidden = self.browse(outside.ids)
            return forbidden, functools.partial(
                self.env["ir.rule"]._make_access_error, operation, forbidden
            )
        return None

    # ------------------------------------------------------------------
    # Reads are logged (hr.wellbeing.logged.read.mixin: every read path)
    # ------------------------------------------------------------------
    _log_free_fields = ("id", "company_id", "employee_id", "service")

    @_writable
    def read(self, fields=None, load="_classic_read"):
        self.check_access("read")
        return super().read(fields=fields, load=load)

    @_writable
    def export_data(self, fields_to_export):
        self.check_access("read")
        return super().export_data(fields_to_export)

    # ------------------------------------------------------------------
    # Writing: the author's own service, attachments bound to the note
    # ------------------------------------------------------------------
    def _check_service_rights(self, services_written):
        if self.env.su:
            return
        mine = self._user_services()
        known = dict(self._fields["service"]._description_selection(self.env))
        for service in services_written:
            if not service:
                raise ValidationError(
                    _("A confidential note needs a service: medical or psychosocial.")
                )
            if service not in known:
                raise ValidationError(
                    _(
                        "%(service)s is not a service of confidential notes: "
                        "choose medical or psychosocial.",
                        service=service,
                    )
                )
            if service not in mine:
                raise AccessError(
                    _(
                        "Only the %(service)s service writes %(service)s notes.",
                        service=known[service].lower(),
                    )
                )

    def _bind_attachments(self, before=None):
        """Attachments of a note always point to it and are never public, so
        that `ir.attachment` checks the note's access for them. Only the
        user's own uploads not bound to anything yet (the form uploads before
        saving) are bound: never a file of another document, nor another
        user's upload. `before` maps a note to the attachments it had."""
        before = before or {}
        uid = self.env.uid
        for note in self.sudo():
            added = note.attachment_ids.filtered(
                lambda a, n=note: a.id not in before.get(n.id, ())
                and not (a.res_model == n._name and a.res_id == n.id)
            )
            for attachment in added:
                if attachment.res_id or attachment.res_model not in (
                    False,
                    note._name,
                ):
                    raise AccessError(
                        _(
                            "The file %(file)s belongs to another document: it "
                            "cannot be added to the note %(note)s.",
                            file=attachment.name,
                            note=note.subject,
                        )
                    )
                if not self.env.su and attachment.create_uid.id != uid:
                    raise AccessError(
                        _(
                            "The file %(file)s was uploaded by someone else: only "
                            "your own uploads can be added to the note %(note)s.",
                            file=attachment.name,
                            note=note.subject,
                        )
                    )
            unbound = note.attachment_ids.filtered(
                lambda a, n=note: a.res_model != n._name or a.res_id != n.id or a.public
            )
            if unbound:
                unbound.write(
                    {"res_model": note._name, "res_id": note.id, "public": False}
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "service" not in vals:
                vals["service"] = self._default_service()
        self._check_service_rights({vals.get("service") for vals in vals_list})
        trusted = self._workflow_trusted()
        for vals in vals_list:
            if not vals.get("employee_id") and not self.env.su:
                raise ValidationError(_("A confidential note concerns an employee."))
            if trusted and vals.get("author_id"):
                continue
            if vals.get("author_id") not in (None, False, self.env.uid):
                raise AccessError(
                    _(
                        "The author of a confidential note is the user who writes "
                        "it: the system sets it."
                    )
                )
            vals["author_id"] = self.env.uid
        notes = super().create(vals_list)
        notes._bind_attachments()
        return notes

    def write(self, vals):
        if self._workflow_trusted():
            return super().write(vals)
        # Refusals below name the note: only to those who may write it.
        self.check_access("write")
        if "author_id" in vals and any(
            note.author_id.id != vals["author_id"] for note in self.sudo()
        ):
            raise AccessError(
                _(
                    "The author of the confidential note %(note)s is the user who "
                    "wrote it: the system sets it.",
                    note=self[:1].sudo().display_name,
                )
            )
        if "service" in vals:
            self._check_service_rights({vals["service"]})
        anonymised = self.sudo().filtered("anonymised")
        if anonymised:
            raise UserError(
                _(
                    "The note %(note)s was anonymised when its retention period "
                    "ended: it is kept as it is.",
                    note=anonymised[0].display_name,
                )
            )
        history = [f for f in HISTORY_FIELDS if f in vals]
        before = {note.id: note._history_values(history) for note in self.sudo()}
        attached = (
            {note.id: set(note.attachment_ids.ids) for note in self.sudo()}
            if "attachment_ids" in vals
            else {}
        )
        result = super().write(vals)
        if history:
            self._record_history(before, history)
        if "attachment_ids" in vals:
            self._bind_attachments(attached)
        return result

    # ------------------------------------------------------------------
    # History: who changed what, when, on the confidential side
    # ------------------------------------------------------------------
    def _history_values(self, fnames):
        self.ensure_one()
        values = {}
        for fname in fnames:
            field = self._fields[fname]
            value = self[fname]
            if field.type == "many2one":
                value = value.display_name
            elif field.type == "selection":
                value = dict(field._description_selection(self.env)).get(value)
            elif field.type == "boolean":
                value = _("Yes") if value else _("No")
            elif field.type == "date":
                value = fields.Date.to_string(value)
            values[fname] = value or False
        return values

    def _record_history(self, before, fnames):
        now = fields.Datetime.now()
        vals_list = []
        for note in self.sudo():
            after = note._history_values(fnames)
            for fname in fnames:
                old = before[note.id][fname]
                if old == after[fname]:
                    continue
                vals_list.append(
                    {
                        "note_id": note.id,
                        "service": note.service,
                        "company_id": note.company_id.id,
                        "user_id": self.env.uid,
                        "date": now,
                        "field_name": fname,
                        "old_value": old,
                        "new_value": after[fname],
                    }
                )
        self.env["hr.confidential.note.revision"]._system_record(vals_list)

    def action_archive(self):
        super().action_archive()
        return True

    def action_unarchive(self):
        super().action_unarchive()
        return True

    def _workflow_kept(self):
        return self

    # ------------------------------------------------------------------
    # Retention
    # ------------------------------------------------------------------
    @api.model
    def _cron_anonymise(self, batch_size=1000, time_budget=None, max_pages=None):
        """Anonymise the notes whose retention ended: the employee left more
        than the service's retention period ago (per company). Every due note,
        in pages of ``batch_size`` by id, committed under the cron runner with
        the progress reported (`wellbeing_cron.walk_pages`). Uploads for notes
        never saved are removed after a day. Returns the notes anonymised by
        this call."""
        self.env["ir.attachment"]._remove_unbound_note_uploads(batch_size=batch_size)
        today = fields.Date.context_today(self)
        due = []
        for company in self.env["res.company"].sudo().search([]):
            for service, years in (
                ("medical", company.confidential_retention_medical_years),
                ("psychosocial", company.confidential_retention_psychosocial_years),
            ):
                cutoff = today - relativedelta(years=years or 20)
                due.append(
                    [
                        ("company_id", "=", company.id),
                        ("service", "=", service),
                        ("employee_id.departure_date", "<=", cutoff),
                    ]
                )
        if not due:
            return self.browse()
        domain = AND(
            [
                [
                    ("anonymised", "=", False),
                    ("employee_id.active", "=", False),
                    ("employee_id.departure_date", "!=", False),
                ],
                OR(due),
            ]
        )
        anonymised = []
        subject = self.env._("Anonymised note")

        def anonymise(notes):
            notes.attachment_ids.unlink()
            with self._workflow_system():
                notes.revision_ids.write({"old_value": False, "new_value": False})
                notes.write(
                    {
                        "employee_id": False,
                        "case_id": False,
                        "trajectory_id": False,
                        "support_trajectory_id": False,
                        "support_session_id": False,
                        "subject": subject,
                        "body": False,
                        "anonymised": True,
                        "active": False,
                    }
                )
            anonymised.extend(notes.ids)

        options = {"time_budget": time_budget, "max_pages": max_pages}
        walk_pages(
            self.env,
            [CronStep(self._name, domain, anonymise)],
            page_size=batch_size,
            **{key: value for key, value in options.items() if value},
        )
        return self.sudo().with_context(active_test=False).browse(anonymised)

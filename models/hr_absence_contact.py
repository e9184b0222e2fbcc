from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from .hr_absence_case import CHANNELS


class HrAbsenceContact(models.Model):
    """A contact logged during an absence.

    What was logged stays as it was: nobody rewrites or deletes a contact
    (administrators and server code included). A mistake is corrected by
    logging a new contact that says which one it corrects; the corrected
    contact no longer counts for the contact dates of the case.
    """

    _name = "hr.absence.contact"
    _description = "Contact During Absence"
    _inherit = ["hr.wellbeing.workflow.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    case_id = fields.Many2one(
        "hr.absence.case", required=True, ondelete="restrict", index=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    employee_id = fields.Many2one(related="case_id.employee_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    channel = fields.Selection(CHANNELS, required=True, default="phone")
    user_id = fields.Many2one(
        "res.users", "By", required=True, default=lambda self: self.env.user
    )
    note = fields.Char(
        "Short Note",
        help="How the contact went, in a few words. Never a diagnosis or a "
        "medical detail: the contact is there to support, not to check.",
    )
    correction_of_id = fields.Many2one(
        "hr.absence.contact",
        "Corrects",
        index="btree_not_null",
        ondelete="restrict",
        help="The contact logged earlier that this one corrects: the earlier "
        "one stays in the log, marked as corrected.",
    )
    corrected_by_ids = fields.One2many(
        "hr.absence.contact", "correction_of_id", "Corrected By"
    )
    is_corrected = fields.Boolean(
        "Corrected", compute="_compute_is_corrected", store=True
    )

    @api.depends("corrected_by_ids")
    def _compute_is_corrected(self):
        for contact in self:
            contact.is_corrected = bool(contact.corrected_by_ids)

    @api.constrains("date", "case_id")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for contact in self:
            if contact.date > today:
                raise ValidationError(_("A contact cannot be logged in the future."))
            if contact.date < contact.case_id.date_start:
                raise ValidationError(
                    _(
                        "A contact of %(case)s cannot be before the first day of "
                        "incapacity.",
                        case=contact.case_id.name,
                    )
                )

    @api.constrains("correction_of_id", "case_id")
    def _check_correction(self):
        for contact in self.filtered("correction_of_id"):
            if contact.correction_of_id.case_id != contact.case_id:
                raise ValidationError(
                    _(
                        "A contact corrects a contact of the same absence case "
                        "(%(case)s).",
                        case=contact.case_id.name,
                    )
                )

    @api.depends("date", "channel")
    @api.depends_context("lang")
    def _compute_display_name(self):
        channels = dict(self._fields["channel"]._description_selection(self.env))
        for contact in self:
            contact.display_name = _(
                "%(channel)s on %(date)s",
                channel=channels.get(contact.channel, ""),
                date=format_date(self.env, contact.date),
            )

    @api.model_create_multi
    def create(self, vals_list):
        contacts = super().create(vals_list)
        contacts.case_id._reset_contact_alerts()
        return contacts

    def write(self, vals):
        if not self._workflow_trusted():
            raise UserError(
                _(
                    "The contact %(contact)s is logged and stays as it was. Log a "
                    "new contact that corrects it instead.",
                    contact=self[:1].display_name,
                )
            )
        return super().write(vals)

    def _workflow_kept(self):
        return self

    def action_correct(self):
        """Open a new contact that corrects this one."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": _("Correct a Contact"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_case_id": self.case_id.id,
                "default_correction_of_id": self.id,
                "default_date": fields.Date.to_string(self.date),
                "default_channel": self.channel,
                "default_note": self.note,
            },
        }

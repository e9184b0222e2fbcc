from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .hr_absence_case import CHANNELS


class HrAbsenceContact(models.Model):
    _name = "hr.absence.contact"
    _description = "Contact During Absence"
    _order = "date desc, id desc"
    _check_company_auto = True

    case_id = fields.Many2one(
        "hr.absence.case", required=True, ondelete="cascade", index=True
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

    @api.model_create_multi
    def create(self, vals_list):
        contacts = super().create(vals_list)
        contacts.case_id._reset_contact_alerts()
        return contacts

    def write(self, vals):
        res = super().write(vals)
        self.case_id._reset_contact_alerts()
        return res

from odoo import api, fields, models

from .wellbeing_i18n import date_label, employee_name_domain


class HrWellbeingReaderNameMixin(models.AbstractModel):
    """A record named after its employee and a day, in the reader's language
    (a Dutch manager reads a Dutch name, whoever made the record), and found
    by the employee's name.

    The model sets ``_reader_name``, an ``_lt`` text with ``%(employee)s`` and
    ``%(date)s``, and ``_reader_name_fields``: the employee (a Many2one to
    ``hr.employee``, read with sudo, or a Char holding the name) and the day.
    The text is translated once per computation and each day written once:
    a list of thousands of records (or the activities a daily job makes on
    them) costs no translation lookup per record.
    """

    _name = "hr.wellbeing.reader.name.mixin"
    _description = "Name in the Reader's Language"

    _reader_name = None
    _reader_name_fields = ("employee_id", "date_start")

    name = fields.Char(compute="_compute_name", search="_search_name")

    @api.depends(lambda self: self._reader_name_fields)
    @api.depends_context("lang")
    def _compute_name(self):
        template = self.env._(self._reader_name)
        employee_field, date_field = self._reader_name_fields
        days = {}
        for record in self:
            employee = record[employee_field]
            if isinstance(employee, models.BaseModel):
                employee = employee.sudo().name
            day = record[date_field]
            if day not in days:
                days[day] = date_label(self.env, day)
            record.name = template % {"employee": employee or "", "date": days[day]}

    @api.depends_context("lang")
    def _compute_display_name(self):
        # The name is the reader's: so is the display name (cached per language).
        return super()._compute_display_name()

    def _search_name(self, operator, value):
        return employee_name_domain(self.env, operator, value)

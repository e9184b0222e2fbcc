from odoo import fields, models

# Weekday fields and the weekday numbers of resource.calendar.attendance.
DAY_FIELDS = {
    "work_mon": "0",
    "work_tue": "1",
    "work_wed": "2",
    "work_thu": "3",
    "work_fri": "4",
    "work_sat": "5",
    "work_sun": "6",
}


class HrReintegrationWeekdaysMixin(models.AbstractModel):
    """Fixed weekdays of a gradual schedule (none: the usual days)."""

    _name = "hr.reintegration.weekdays.mixin"
    _description = "Fixed Weekdays of a Gradual Schedule"

    work_mon = fields.Boolean("Mon")
    work_tue = fields.Boolean("Tue")
    work_wed = fields.Boolean("Wed")
    work_thu = fields.Boolean("Thu")
    work_fri = fields.Boolean("Fri")
    work_sat = fields.Boolean("Sat")
    work_sun = fields.Boolean("Sun")

    def _weekdays(self):
        """The chosen weekdays as resource.calendar weekday numbers."""
        self.ensure_one()
        return tuple(day for name, day in DAY_FIELDS.items() if self[name])

    def _weekday_names(self):
        """The chosen weekdays as 'mon', 'tue', ..."""
        self.ensure_one()
        return [name.removeprefix("work_") for name in DAY_FIELDS if self[name]]

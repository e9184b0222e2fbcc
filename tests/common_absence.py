from datetime import date, datetime

from odoo.tests import TransactionCase


class AbsenceCase(TransactionCase):
    """A company with a Monday-Friday schedule in Brussels, an HR officer, a
    manager and an employee with a sick time-off type."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.calendar = cls.company.resource_calendar_id
        cls.calendar.tz = "Europe/Brussels"
        cls.sick_type = cls.env["hr.leave.type"].create(
            {
                "name": "Sick (test)",
                "requires_allocation": "no",
                "leave_validation_type": "hr",
                "opens_absence_case": True,
                "company_id": cls.company.id,
            }
        )
        cls.manager = cls.env["hr.employee"].create(
            {"name": "Test Manager", "resource_calendar_id": cls.calendar.id}
        )
        cls.employee = cls.env["hr.employee"].create(
            {
                "name": "Test Employee",
                "parent_id": cls.manager.id,
                "resource_calendar_id": cls.calendar.id,
            }
        )
        cls.Case = cls.env["hr.absence.case"]
        cls.Rit = cls.env["hr.reintegration.trajectory"]

    def _case(self, start, employee=None, **vals):
        return self.Case.create(
            {
                "employee_id": (employee or self.employee).id,
                "date_start": start,
                **vals,
            }
        )

    def _leave(self, date_from, date_to, employee=None, validate=True):
        leave = (
            self.env["hr.leave"]
            .with_context(leave_skip_state_check=True)
            .create(
                {
                    "name": "Sick",
                    "employee_id": (employee or self.employee).id,
                    "holiday_status_id": self.sick_type.id,
                    "request_date_from": date_from,
                    "request_date_to": date_to,
                }
            )
        )
        if validate:
            leave.action_validate()
        return leave

    def _public_holiday(self, day):
        return self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": self.calendar.id,
                "company_id": self.company.id,
                "date_from": datetime.combine(day, datetime.min.time()),
                "date_to": datetime.combine(day, datetime.max.time()).replace(
                    microsecond=0
                ),
            }
        )

    def _milestones(self, record):
        return {m.code: m.date_deadline for m in record.milestone_ids}


D = date

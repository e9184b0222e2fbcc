"""Fixtures of the absence tests: cases, milestones and trajectories of the
company of the shared fixtures (``common.WellbeingFixtures``).

The legal protocols (``protocol_be_2022``, ``protocol_be_2026`` and their
steps) are data of the addon, not demo: the tests may read them.
"""

from datetime import date, datetime

from odoo.tests import TransactionCase

from .common import WellbeingFixtures


class AbsenceFixtures(WellbeingFixtures):
    """The company of the shared fixtures (a Monday-Friday schedule in
    Brussels) with a sick time-off type that opens absence cases.

    ``cls.employee`` is Tom Claes (no user), whose line manager
    ``cls.manager`` is Marc Janssens (user ``manager``). ``cls.hr_user``,
    ``cls.manager_user`` and ``cls.physician_user`` are the fixtures' users
    of these roles.

    Use it before TransactionCase (``AbsenceCase``) or HttpCase, and call
    ``cls.setup_wellbeing()`` then ``cls.setup_absence()`` in
    ``setUpClass``.
    """

    @classmethod
    def setup_absence(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.sick_type = cls.env["hr.leave.type"].create(
            {
                "name": "Sick (test)",
                "requires_allocation": "no",
                "leave_validation_type": "hr",
                "opens_absence_case": True,
                "company_id": cls.company.id,
            }
        )
        cls.employee = cls.tom
        cls.manager = cls.marc
        cls.hr_user = cls.users["hr"]
        cls.manager_user = cls.users["manager"]
        cls.physician_user = cls.users["physician"]
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

    def _rit(self, case, request, requester="employee", **vals):
        """A trajectory of ``case`` requested on ``request``, with the
        fixtures' physician."""
        return self.Rit.create(
            {
                "case_id": case.id,
                "request_date": request,
                "requester": requester,
                "physician_user_id": self.physician_user.id,
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


class AbsenceCase(AbsenceFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()
        cls.setup_absence()


D = date

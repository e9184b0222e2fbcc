from collections import defaultdict
from datetime import datetime, time

from dateutil.relativedelta import relativedelta
from pytz import UTC

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

MODULE = "hr_burnout_prevention"
# Frequent short absence: this many sick reports or more in 12 months. A
# convention of absence software (not a number of the law).
FREQUENT_REPORTS = 3
MONTHS = 12


def _month_start(day):
    return day.replace(day=1)


def _utc(day):
    return datetime.combine(day, time.min).replace(tzinfo=UTC)


class HrWellbeingAbsenceFigure(models.Model):
    """HR's absence and return figures, one row per company, department and
    month (the last 12 months up to the current one), for pivot and graph.

    The rows are computed by `_refresh` (as the system: they count every
    employee of the company) when HR opens them and they are not of today;
    HR reads them, nobody writes them. The committee never reads this model:
    it reads `hr.wellbeing.absence.figure.public`, whose rows are the
    published aggregates with small groups hidden."""

    _name = "hr.wellbeing.absence.figure"
    _description = "Well-being: Absence Figures per Department and Month"
    _order = "month desc, department_id"

    company_id = fields.Many2one("res.company", required=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(required=True, readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    refreshed_on = fields.Date(readonly=True)
    headcount = fields.Integer("Employees", readonly=True)
    no_schedule_count = fields.Integer(
        "Employees without a Working Schedule",
        readonly=True,
        help="Left out of the absence %: they have no working hours to count.",
    )
    work_hours = fields.Float("Working Hours", readonly=True)
    sick_hours = fields.Float(readonly=True)
    sick_days = fields.Float(readonly=True)
    absence_rate = fields.Float(
        "Absence %",
        readonly=True,
        aggregator="avg",
        help="Sick hours over working hours of the schedule, in %. Grouped "
        "rows show the average of the rows: read Sick Hours and Working Hours "
        "for the exact share of a group.",
    )
    report_count = fields.Integer("Sick Reports", readonly=True)
    report_days = fields.Float("Days of the Sick Reports", readonly=True)
    average_duration = fields.Float(
        "Average Duration (days)", readonly=True, aggregator="avg"
    )
    frequent_count = fields.Integer(
        "Frequent Short Absence",
        readonly=True,
        help="Employees with 3 or more sick reports in the 12 months up to the "
        "end of the month. A count, never a name or a reason.",
    )
    return_count = fields.Integer("Returns", readonly=True)
    return_days = fields.Integer("Days to Return (total)", readonly=True)
    time_to_return = fields.Float(
        "Average Time to Return (days)", readonly=True, aggregator="avg"
    )
    plans_completed = fields.Integer(readonly=True)
    relapse_count = fields.Integer(
        "Relapses",
        readonly=True,
        help="Cases opened in the month for an employee who had returned from "
        "an earlier case less than 12 months before, and cases reopened as a "
        "relapse within the protocol's window.",
    )
    cost_salary = fields.Monetary(
        "Salary Cost of Absence",
        readonly=True,
        help="Sick days × average daily salary × salary factor (settings).",
    )
    cost_direct = fields.Monetary(
        "Direct Cost of Absence",
        readonly=True,
        help="The direct cost per full-time worker a year (settings), for "
        "the month's employees.",
    )
    cost_total = fields.Monetary("Cost of Absence", readonly=True)

    # ------------------------------------------------------------------
    # Computing the rows
    # ------------------------------------------------------------------
    @api.model
    def _period(self):
        first = _month_start(fields.Date.context_today(self))
        return first - relativedelta(months=MONTHS - 1), first + relativedelta(months=1)

    @api.model
    def _compute_rows(self, company):
        """{(month, department id): values} for ``company`` over the period,
        read as the system in a few queries per company."""
        env = self.env(su=True)
        start, end = self._period()
        months = [start + relativedelta(months=n) for n in range(MONTHS)]
        employees = (
            env["hr.employee"]
            .with_context(active_test=True)
            .search([("company_id", "=", company.id)])
        )
        rows = self._empty_rows(employees, months)
        dept_of = {employee.id: employee.department_id.id for employee in employees}
        self._add_time_off(rows, employees, dept_of, months)
        self._add_returns(rows, company, employees, dept_of)
        return rows

    @api.model
    def _empty_rows(self, employees, months):
        rows = {}
        by_dept = defaultdict(lambda: employees.browse())
        for employee in employees:
            by_dept[employee.department_id.id] |= employee
        for month in months:
            for dept, members in by_dept.items():
                rows[month, dept] = dict.fromkeys(
                    (
                        "work_hours",
                        "sick_hours",
                        "sick_days",
                        "report_days",
                        "return_days",
                    ),
                    0.0,
                ) | {
                    "headcount": len(members),
                    "no_schedule_count": len(
                        members.filtered(lambda e: not e.resource_calendar_id)
                    ),
                    "report_count": 0,
                    "frequent_count": 0,
                    "return_count": 0,
                    "plans_completed": 0,
                    "relapse_count": 0,
                }
        return rows

    @api.model
    def _add_time_off(self, rows, employees, dept_of, months):
        """Working hours of the schedules, sick time off on them, sick
        reports and frequent short absence."""
        start, end = months[0], months[-1] + relativedelta(months=1)
        # Working hours of each schedule, per month (public holidays out).
        work = {}
        for calendar in employees.resource_calendar_id:
            intervals = calendar._work_intervals_batch(_utc(start), _utc(end))[False]
            work[calendar.id] = intervals
            hours = defaultdict(float)
            for begin, stop, _meta in intervals:
                month = _month_start(begin.date())
                hours[month] += (stop - begin).total_seconds() / 3600
            for employee in employees.filtered(
                lambda e, c=calendar: e.resource_calendar_id == c
            ):
                for month in months:
                    rows[month, dept_of[employee.id]]["work_hours"] += hours[month]
        # Validated sick time off on those hours.
        leaves = (
            self.env["hr.leave"]
            .sudo()
            .search(
                self.env["hr.leave"]._sick_leave_domain(employees)
                + [
                    ("date_from", "<", _utc(end).replace(tzinfo=None)),
                    (
                        "date_to",
                        ">=",
                        _utc(start - relativedelta(months=MONTHS)).replace(tzinfo=None),
                    ),
                ]
            )
        )
        reports = defaultdict(list)
        for leave in leaves:
            first_day = leave.request_date_from or leave.date_from.date()
            reports[leave.employee_id.id].append(first_day)
            dept = dept_of[leave.employee_id.id]
            month = _month_start(first_day)
            if (month, dept) in rows:
                rows[month, dept]["report_count"] += 1
                rows[month, dept]["report_days"] += leave.number_of_days
            intervals = work.get(leave.employee_id.resource_calendar_id.id)
            if not intervals:
                continue
            leave_from = leave.date_from.replace(tzinfo=UTC)
            leave_to = leave.date_to.replace(tzinfo=UTC)
            days = defaultdict(set)
            for begin, stop, _meta in intervals:
                lo, hi = max(begin, leave_from), min(stop, leave_to)
                if lo < hi:
                    key = (_month_start(begin.date()), dept)
                    rows[key]["sick_hours"] += (hi - lo).total_seconds() / 3600
                    days[key].add(begin.date())
            for key, dates in days.items():
                rows[key]["sick_days"] += len(dates)
        for month in months:
            until = month + relativedelta(months=1)
            since = until - relativedelta(months=12)
            for employee_id, firsts in reports.items():
                if sum(since <= day < until for day in firsts) >= FREQUENT_REPORTS:
                    rows[month, dept_of[employee_id]]["frequent_count"] += 1

    @api.model
    def _add_returns(self, rows, company, employees, dept_of):
        """Returns, time to return, relapses and completed plans."""
        env = self.env(su=True)
        start, end = self._period()
        # Returns, relapses and completed plans.
        cases = env["hr.absence.case"].search_read(
            [
                ("company_id", "=", company.id),
                ("employee_id", "in", employees.ids),
                "|",
                ("date_start", ">=", start - relativedelta(months=12)),
                ("return_date", ">=", start - relativedelta(months=12)),
            ],
            ["employee_id", "date_start", "return_date", "relapse_count"],
            load=None,
        )
        returned = defaultdict(list)
        for case in cases:
            if case["return_date"]:
                returned[case["employee_id"]].append(case["return_date"])
        for case in cases:
            dept = dept_of[case["employee_id"]]
            if case["return_date"]:
                key = (_month_start(case["return_date"]), dept)
                if key in rows:
                    rows[key]["return_count"] += 1
                    rows[key]["return_days"] += (
                        case["return_date"] - case["date_start"]
                    ).days
            key = (_month_start(case["date_start"]), dept)
            if key not in rows:
                continue
            again = any(
                back < case["date_start"] <= back + relativedelta(months=12)
                for back in returned[case["employee_id"]]
            )
            if again or case["relapse_count"]:
                rows[key]["relapse_count"] += 1
        plans = env["hr.reintegration.plan"].search_read(
            [
                ("company_id", "=", company.id),
                ("employee_id", "in", employees.ids),
                ("state", "=", "completed"),
                ("end_date", ">=", start),
                ("end_date", "<", end),
            ],
            ["employee_id", "end_date"],
            load=None,
        )
        for plan in plans:
            key = (_month_start(plan["end_date"]), dept_of[plan["employee_id"]])
            rows[key]["plans_completed"] += 1
        return rows

    @api.model
    def _with_ratios(self, company, values):
        """The shares, averages and costs of a row from its counts."""
        work, reports = values["work_hours"], values["report_count"]
        salary = (
            values["sick_days"]
            * company.wellbeing_absence_day_salary
            * company.wellbeing_absence_salary_factor
        )
        direct = values["headcount"] * company.wellbeing_absence_direct_cost / 12
        return values | {
            "absence_rate": 100 * values["sick_hours"] / work if work else 0.0,
            "average_duration": values["report_days"] / reports if reports else 0.0,
            "time_to_return": (
                values["return_days"] / values["return_count"]
                if values["return_count"]
                else 0.0
            ),
            "cost_salary": salary,
            "cost_direct": direct,
            "cost_total": salary + direct,
        }

    @api.model
    def _refresh(self, companies):
        """Replace the rows of ``companies`` (HR's, then the committee's)."""
        today = fields.Date.context_today(self)
        figures = self.sudo()
        for company in companies:
            figures.search([("company_id", "=", company.id)]).unlink()
            rows = self._compute_rows(company)
            figures.create(
                [
                    self._with_ratios(company, values)
                    | {
                        "company_id": company.id,
                        "month": month,
                        "department_id": dept or False,
                        "refreshed_on": today,
                    }
                    for (month, dept), values in rows.items()
                ]
            )
            self.env["hr.wellbeing.absence.figure.public"]._publish(company, rows)

    @api.model
    def _drop(self, companies):
        """Forget the figures of ``companies`` (HR's and the committee's):
        the next opening counts them again."""
        domain = [("company_id", "in", companies.ids)]
        self.sudo().search(domain).unlink()
        self.env["hr.wellbeing.absence.figure.public"].sudo().search(domain).unlink()

    @api.model
    def _refresh_if_stale(self, companies):
        today = fields.Date.context_today(self)
        figures = self.sudo()
        stale = companies.filtered(
            lambda c: not figures.search_count(
                [("company_id", "=", c.id), ("refreshed_on", "=", today)], limit=1
            )
        )
        if stale:
            self._refresh(stale)

    @api.model
    def action_open_figures(self):
        """HR's figures, refreshed once a day when opened."""
        if not self.env.user.has_group(f"{MODULE}.group_hr_officer"):
            raise AccessError(_("Only HR reads the absence figures per department."))
        self._refresh_if_stale(self.env.companies)
        return self.env["ir.actions.actions"]._for_xml_id(
            f"{MODULE}.hr_wellbeing_absence_figure_action"
        )

from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .wellbeing_small_groups import hidden_groups, total_shown

MODULE = "hr_burnout_prevention"


class HrWellbeingAbsenceFigurePublic(models.Model):
    """The committee's absence figures: the published aggregates, one row
    per company, month and department at or above the minimum group size,
    and one row for the departments hidden together (small groups and the
    next-smallest with them, so no figure is found by subtraction). There is
    no finer key: however the committee regroups them, no group under the
    minimum appears."""

    _name = "hr.wellbeing.absence.figure.public"
    _description = "Well-being: Absence Figures for the Committee"
    _order = "month desc, department_id"

    company_id = fields.Many2one("res.company", required=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(required=True, readonly=True)
    department_id = fields.Many2one(
        "hr.department",
        readonly=True,
        help="Empty on the row of the departments too small to show alone, "
        "counted together.",
    )
    group_name = fields.Char("Group", readonly=True)
    headcount = fields.Integer("Employees", readonly=True)
    work_hours = fields.Float("Working Hours", readonly=True)
    sick_hours = fields.Float(readonly=True)
    absence_rate = fields.Float("Absence %", readonly=True, aggregator="avg")
    report_count = fields.Integer("Sick Reports", readonly=True)
    average_duration = fields.Float(
        "Average Duration (days)", readonly=True, aggregator="avg"
    )
    frequent_count = fields.Integer("Frequent Short Absence", readonly=True)
    return_count = fields.Integer("Returns", readonly=True)
    time_to_return = fields.Float(
        "Average Time to Return (days)", readonly=True, aggregator="avg"
    )
    plans_completed = fields.Integer(readonly=True)
    relapse_count = fields.Integer("Relapses", readonly=True)
    cost_total = fields.Monetary("Cost of Absence", readonly=True)

    @api.model
    def _publish(self, company, rows):
        """Replace the committee's rows of ``company`` from HR's ``rows``
        ({(month, department id): values})."""
        Figure = self.env["hr.wellbeing.absence.figure"]
        public = self.sudo()
        public.search([("company_id", "=", company.id)]).unlink()
        minimum = company.wellbeing_min_group_size
        by_month = defaultdict(dict)
        for (month, dept), values in rows.items():
            by_month[month][dept] = values
        keys = [
            "headcount",
            "work_hours",
            "sick_hours",
            "sick_days",
            "report_count",
            "report_days",
            "frequent_count",
            "return_count",
            "return_days",
            "plans_completed",
            "relapse_count",
            "no_schedule_count",
        ]
        names = dict(
            self.env["hr.department"]
            .sudo()
            .browse([d for d in {d for _m, d in rows} if d])
            .with_context(lang=self.env.lang)
            .mapped(lambda d: (d.id, d.display_name))
        )
        vals_list = []
        for month, depts in by_month.items():
            counts = {dept: values["headcount"] for dept, values in depts.items()}
            if not total_shown(counts, minimum):
                continue
            hidden = hidden_groups(counts, minimum)
            groups = [(dept, [depts[dept]]) for dept in depts if dept not in hidden]
            if hidden:
                groups.append((None, [depts[dept] for dept in hidden]))
            for dept, members in groups:
                values = {key: sum(m[key] for m in members) for key in keys}
                values = Figure._with_ratios(company, values)
                vals_list.append(
                    {
                        "company_id": company.id,
                        "month": month,
                        "department_id": dept or False,
                        "group_name": (
                            _("Other departments together")
                            if dept is None
                            else names.get(dept) or _("No department")
                        ),
                        **{
                            key: values[key]
                            for key in (
                                "headcount",
                                "work_hours",
                                "sick_hours",
                                "absence_rate",
                                "report_count",
                                "average_duration",
                                "frequent_count",
                                "return_count",
                                "time_to_return",
                                "plans_completed",
                                "relapse_count",
                                "cost_total",
                            )
                        },
                    }
                )
        public.create(vals_list)

    @api.model
    def action_open_figures(self):
        """The committee's figures, refreshed once a day when opened."""
        if not self.env.user.has_group(f"{MODULE}.group_taskforce"):
            raise AccessError(
                _("Only the taskforce and the committee read these figures.")
            )
        self.env["hr.wellbeing.absence.figure"]._refresh_if_stale(self.env.companies)
        return self.env["ir.actions.actions"]._for_xml_id(
            f"{MODULE}.hr_wellbeing_absence_figure_public_action"
        )

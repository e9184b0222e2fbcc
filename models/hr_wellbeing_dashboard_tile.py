from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_amount, format_date

MODULE = "hr_burnout_prevention"
CASE_OPEN = ("absent", "return_planned", "returned")
ACTION_OPEN = ("planned", "in_progress", "postponed")


class HrWellbeingDashboardTile(models.Model):
    """One figure of a role's first screen: a tile of a kanban, its count (or
    amount, or countdown) computed for the user who looks, through the record
    rules of that user, and a click away from the records behind it.

    The tiles are data (one per ``code``); what each one counts is Python
    (``_tile_<code>``): a model, a domain and the action that lists them. The
    counts are one ``search_count`` or ``_read_group`` per tile, whatever the
    number of records. Which tiles a user sees follows its ``role`` (record
    rules per group); what a tile counts is what its user may read."""

    _name = "hr.wellbeing.dashboard.tile"
    _description = "Well-being: Figure of a First Screen"
    _order = "role, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, readonly=True)
    role = fields.Selection(
        [
            ("hr", "HR"),
            ("committee", "Taskforce and Committee"),
            ("advisor", "Psychosocial Prevention Advisor"),
        ],
        required=True,
        readonly=True,
    )
    sequence = fields.Integer(default=10)
    warning = fields.Boolean(
        help="The tile turns red when it counts something (overdue, alerts)."
    )
    count = fields.Integer(compute="_compute_figure")
    value_display = fields.Char(string="Figure", compute="_compute_figure")
    note = fields.Char(compute="_compute_figure")
    color = fields.Integer(compute="_compute_figure")

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "A figure of a first screen is unique."),
    ]

    # ------------------------------------------------------------------
    # What each tile counts: (model, domain, action xml id)
    # ------------------------------------------------------------------
    def _today(self):
        return fields.Date.context_today(self)

    def _week(self):
        """This week, Monday to Sunday."""
        today = self._today()
        monday = today - relativedelta(days=today.weekday())
        return monday, monday + relativedelta(days=6)

    def _tile_cases_absent(self):
        return "hr.absence.case", [("state", "=", "absent")], "hr_absence_case_action"

    def _tile_cases_return_planned(self):
        return (
            "hr.absence.case",
            [("state", "=", "return_planned")],
            "hr_absence_case_action",
        )

    def _tile_cases_returned(self):
        return (
            "hr.absence.case",
            [("state", "=", "returned")],
            "hr_absence_case_action",
        )

    def _tile_deadlines_week(self):
        monday, sunday = self._week()
        return (
            "hr.absence.milestone",
            [
                ("status", "=", "to_do"),
                ("date_deadline", ">=", monday),
                ("date_deadline", "<=", sunday),
            ],
            "hr_absence_milestone_action",
        )

    def _tile_deadlines_overdue(self):
        return (
            "hr.absence.milestone",
            [("status", "=", "overdue")],
            "hr_absence_milestone_action",
        )

    def _tile_contacts_due(self):
        return (
            "hr.absence.case",
            [
                ("state", "in", CASE_OPEN[:2]),
                ("next_contact_date", "<=", self._today()),
                "|",
                ("contact_pause_until", "=", False),
                ("contact_pause_until", "<", self._today()),
            ],
            "hr_absence_case_action",
        )

    def _tile_contacts_fading(self):
        return (
            "hr.absence.case",
            [
                ("state", "in", CASE_OPEN[:2]),
                ("fading_date", "<=", self._today()),
                "|",
                ("contact_pause_until", "=", False),
                ("contact_pause_until", "<", self._today()),
            ],
            "hr_absence_case_action",
        )

    def _tile_trajectories_decision(self):
        return (
            "hr.reintegration.trajectory",
            [("state", "=", "requested")],
            "hr_reintegration_trajectory_action",
        )

    def _tile_trajectories_plan(self):
        return (
            "hr.reintegration.trajectory",
            [("state", "=", "decided")],
            "hr_reintegration_trajectory_action",
        )

    def _tile_returns_running(self):
        return (
            "hr.reintegration.plan",
            [("state", "=", "running")],
            "hr_wellbeing_return_progress_action",
        )

    def _tile_relapses_reopened(self):
        """Cases reopened as a relapse (falling ill again within the
        protocol's relapse window after the return), still open."""
        return (
            "hr.absence.case",
            [("state", "in", CASE_OPEN), ("relapse_count", ">", 0)],
            "hr_absence_case_action",
        )

    def _tile_relapses_year(self):
        """Cases opened in the last 12 months for an employee who had
        returned from an earlier case less than 12 months before."""
        since = self._today() - relativedelta(months=12)
        Case = self.env["hr.absence.case"]
        recent = Case.search_read(
            [("date_start", ">=", since - relativedelta(months=12))],
            ["employee_id", "date_start", "return_date"],
            load=None,
        )
        returns = {}
        for row in recent:
            if row["return_date"]:
                returns.setdefault(row["employee_id"], []).append(row["return_date"])
        ids = [
            row["id"]
            for row in recent
            if row["date_start"] >= since
            and any(
                back <= row["date_start"] <= back + relativedelta(months=12)
                for back in returns.get(row["employee_id"], ())
                if back < row["date_start"]
            )
        ]
        return "hr.absence.case", [("id", "in", ids)], "hr_absence_case_action"

    def _tile_actions_open(self):
        return (
            "hr.prevention.action",
            [("state", "in", ACTION_OPEN)],
            "hr_wellbeing_action_analysis_action",
        )

    def _tile_actions_overdue(self):
        return (
            "hr.prevention.action",
            [("is_overdue", "=", True)],
            "hr_wellbeing_action_analysis_action",
        )

    def _tile_budget_planned(self):
        return (
            "hr.prevention.action",
            [("state", "in", ("draft", *ACTION_OPEN))],
            "hr_wellbeing_action_analysis_action",
        )

    def _tile_budget_spent(self):
        return (
            "hr.prevention.action",
            [("state", "=", "done")],
            "hr_wellbeing_action_analysis_action",
        )

    def _tile_advice_deadline(self):
        return (
            "hr.prevention.year.plan",
            [("year", "=", self._today().year + 1)],
            "hr_prevention_year_plan_action",
        )

    def _tile_evaluation_due(self):
        """The plans of a year ended at least a year ago (the prevention
        cron's rule) without an evaluation, of an active policy."""
        return (
            "hr.prevention.year.plan",
            [
                ("year", "<=", (self._today() - relativedelta(months=12)).year),
                ("policy_id.active", "=", True),
                ("evaluation_ids", "=", False),
            ],
            "hr_prevention_year_plan_action",
        )

    def _tile_findings_unanswered(self):
        return (
            "hr.risk.finding",
            [("is_unanswered", "=", True)],
            "hr_risk_finding_action",
        )

    def _tile_checkin_alerts(self):
        """Answered check-ins where the employee asked to talk and nobody
        has contacted them yet."""
        return (
            "hr.reintegration.checkin",
            [
                ("state", "=", "answered"),
                ("need_talk", "=", True),
                ("contact_user_id", "=", False),
            ],
            "hr_reintegration_checkin_action",
        )

    def _tile_support_running(self):
        return (
            "hr.support.trajectory",
            [("state", "=", "running")],
            "hr_support_trajectory_action",
        )

    def _tile_sessions_week(self):
        monday, sunday = self._week()
        return (
            "hr.support.session",
            [
                ("date", ">=", fields.Datetime.to_datetime(monday)),
                (
                    "date",
                    "<",
                    fields.Datetime.to_datetime(sunday + relativedelta(days=1)),
                ),
            ],
            "hr_wellbeing_support_session_action",
        )

    def _tile_spec(self):
        self.ensure_one()
        method = getattr(self, f"_tile_{self.code}", None)
        if method is None:
            raise UserError(_("The figure %(name)s has no definition.", name=self.name))
        return method()

    # ------------------------------------------------------------------
    # The figures
    # ------------------------------------------------------------------
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_figure(self):
        for tile in self:
            model, domain, _action = tile._tile_spec()
            Model = self.env[model]
            tile.note = False
            if not Model.has_access("read"):
                tile.count, tile.value_display, tile.color = 0, "-", 0
                continue
            count = Model.search_count(domain)
            tile.count = count
            tile.value_display = str(count)
            extra = getattr(tile, f"_figure_{tile.code}", None)
            if extra:
                extra(Model, domain, count)
            tile.color = 1 if tile.warning and tile.count else 0

    def _budget(self, Model, domain):
        company = self.env.company
        [(total,)] = Model._read_group(domain, aggregates=["budget:sum"])
        return format_amount(self.env, total or 0.0, company.currency_id)

    def _figure_budget_planned(self, Model, domain, count):
        self.value_display = self._budget(Model, domain)
        self.note = _("Actions: %(count)s", count=count)

    def _figure_budget_spent(self, Model, domain, count):
        self.value_display = self._budget(Model, domain)
        self.note = _("Actions done: %(count)s", count=count)

    def _figure_advice_deadline(self, Model, domain, count):
        year = self._today().year + 1
        plans = Model.search(domain, limit=1)
        if not plans:
            self.value_display = "-"
            self.note = _("No annual action plan for %(year)s yet.", year=year)
            return
        plan = plans.sudo()
        if plan.advice_state == "received":
            self.value_display = _("Received")
            self.note = _("The committee's advice is in.")
            return
        if not plan.advice_deadline:
            self.value_display = "-"
            self.note = _("The plan for %(year)s has no advice deadline.", year=year)
            return
        days = (plan.advice_deadline - self._today()).days
        self.value_display = str(days)
        self.count = days
        self.note = _(
            "Days until the committee's advice, due on %(date)s.",
            date=format_date(self.env, plan.advice_deadline),
        )
        self.color = 1 if days < 0 else (3 if days <= 30 else 0)

    def _figure_returns_running(self, Model, domain, count):
        self.note = _(
            "The list behind this figure shows how far each return has come "
            "(the current percentage of the working time)."
        )

    # ------------------------------------------------------------------
    # Click through
    # ------------------------------------------------------------------
    def action_open(self):
        """The records behind the figure, as the user may read them."""
        self.ensure_one()
        model, domain, xmlid = self._tile_spec()
        action = self.env["ir.actions.actions"]._for_xml_id(f"{MODULE}.{xmlid}")
        action.update(
            {
                "name": self.name,
                "display_name": self.name,
                "domain": domain,
                "context": {"create": False},
                "target": "current",
            }
        )
        return action

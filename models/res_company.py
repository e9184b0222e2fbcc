from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    prevention_action_reminder_days = fields.Integer(
        string="Action Reminder (days)",
        default=7,
        help="How many days before its deadline the owner of a prevention "
        "action gets a reminder.",
    )
    prevention_analysis_interval_years = fields.Integer(
        string="Next Risk Analysis (years)",
        default=5,
        help="How many years after a risk analysis the next one is due, unless "
        "the prevention policy period ends sooner.",
    )
    absence_contact_frequency = fields.Integer(
        string="Default Contact Frequency (days)",
        default=14,
        help="How often the contact person gets in touch with an absent "
        "employee, unless the contact plan says otherwise.",
    )
    absence_fading_multiplier = fields.Integer(
        string="Fading Contact After (x frequency)",
        default=3,
        help="HR officers are alerted when nobody was in touch with an absent "
        "employee for this many times the contact frequency.",
    )
    absence_activity_lead_days = fields.Integer(
        string="Milestone Activities Ahead (days)",
        default=7,
        help="How many days before a milestone its activity is scheduled.",
    )
    absence_activity_catch_up_days = fields.Integer(
        string="Activities for Steps Late by at Most (days)",
        default=30,
        help="The daily job schedules the activity of a milestone, a contact "
        "or a fading contact that became due at most this many days ago (a job "
        "that did not run for some days catches up). Older ones, for example "
        "of a case registered long after its start, are shown as overdue on "
        "the case and on HR's overview, not as one activity each.",
    )
    public_holidays_be = fields.Boolean(
        "Belgian Public Holidays",
        compute="_compute_public_holidays_be",
        store=True,
        readonly=False,
        help="Put Belgium's ten public holidays on the company's working "
        "schedules every year (on by default for a company in Belgium): "
        "working-day deadlines skip them.",
    )
    reintegration_duty_min_workers = fields.Integer(
        "Workers for the Duty to Start a Trajectory",
        default=20,
        help="2026 rules: when the occupational physician finds work potential, "
        "an employer with at least this many workers starts a reintegration "
        "trajectory within the period of the protocol.",
    )
    confidential_retention_medical_years = fields.Integer(
        string="Medical Notes Kept (years)",
        default=20,
        help="Medical working notes are anonymised this many years after the "
        "employee left.",
    )
    confidential_retention_psychosocial_years = fields.Integer(
        string="Psychosocial Notes Kept (years)",
        default=20,
        help="Psychosocial working notes are anonymised this many years after "
        "the employee left.",
    )

    # --- Reintegration trajectory (issue 12: the trajectory's life) ---------
    rit_reply_reminder_days = fields.Integer(
        string="Reply After a Reminder (days)",
        default=7,
        help="Days the worker has to reply to the reintegration plan after a "
        "reminder; no reply by then counts as a refusal.",
    )
    preventive_decision_days = fields.Integer(
        string="Preventive Trajectory Decision (days)",
        default=14,
        help="Calendar days from a worker's request for a preventive "
        "reintegration trajectory in which the employer informs them of its "
        "decision (the rules say: as soon as possible).",
    )

    # Figures about groups of people (committee figures, pulse results).
    wellbeing_min_group_size = fields.Integer(
        string="Minimum Group Size",
        default=5,
        help="A figure about a group of fewer people is never shown, and "
        "neither is the next-smallest group with it, so that no figure can be "
        "found by subtraction. At least 3.",
    )

    # Issue 15 (dashboards): the cost of absence, seed 004's figures.
    wellbeing_absence_direct_cost = fields.Monetary(
        string="Direct Cost of Absence per Worker a Year",
        currency_field="currency_id",
        default=1100.0,
        help="The employer's direct cost of absence per full-time worker a "
        "year (1,100 EUR in the study the policy follows).",
    )
    wellbeing_absence_day_salary = fields.Monetary(
        string="Average Daily Salary",
        currency_field="currency_id",
        help="The average salary of one working day, paid while absent. "
        "Empty: the salary cost of absence is not counted.",
    )
    wellbeing_absence_salary_factor = fields.Float(
        string="Salary Factor",
        default=1.25,
        help="The salary cost of a day of absence is the daily salary times "
        "this factor (employer's contributions, bonus, overtime: +25% in the "
        "study the policy follows).",
    )

    _sql_constraints = [
        (
            "wellbeing_min_group_size_check",
            "CHECK(wellbeing_min_group_size >= 3)",
            "The minimum group size is at least 3 people.",
        ),
        (
            "wellbeing_absence_cost_check",
            "CHECK(wellbeing_absence_direct_cost >= 0 "
            "AND COALESCE(wellbeing_absence_day_salary, 0) >= 0 "
            "AND wellbeing_absence_salary_factor >= 0)",
            "The costs of absence and the salary factor cannot be negative.",
        ),
        (
            "absence_activity_days_check",
            "CHECK(absence_activity_lead_days >= 0 "
            "AND absence_activity_catch_up_days >= 0)",
            "The days of the milestone activities cannot be negative.",
        ),
    ]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_in_access_log(self):
        self.env["hr.wellbeing.access.log"]._check_unlink_named(self, ("company_id",))

    @api.depends("country_id")
    def _compute_public_holidays_be(self):
        for company in self:
            company.public_holidays_be = company.country_id.code == "BE"

    # Issue 14 (hr-flow): how a worker without a login answers a plan.
    reintegration_reply_mode = fields.Selection(
        [
            ("paper", "On paper, recorded by HR"),
            ("portal", "Online, with a portal login HR creates"),
        ],
        string="Reply to a Reintegration Plan",
        default="paper",
        help="How the company prefers a worker without a login to answer their "
        "reintegration plan. HR can always do both.",
    )

    # Issue 15: the external service for prevention and protection at work,
    # named with its contact details in the letter about the pre-return visit.
    wellbeing_external_service_id = fields.Many2one(
        "res.partner",
        string="External Prevention Service",
        help="The company's external service for prevention and protection at "
        "work (its occupational physicians): the letter about the pre-return "
        "visit names it with its address, phone and e-mail.",
    )
    # Issue 15 (dashboards): figures counted with the old settings are
    # dropped, so that the next opening counts them again (a larger minimum
    # group size hides at once what it must hide).
    _WELLBEING_FIGURE_SETTINGS = (
        "wellbeing_min_group_size",
        "wellbeing_absence_direct_cost",
        "wellbeing_absence_day_salary",
        "wellbeing_absence_salary_factor",
    )

    def write(self, vals):
        res = super().write(vals)
        if any(name in vals for name in self._WELLBEING_FIGURE_SETTINGS):
            self.env["hr.wellbeing.absence.figure"]._drop(self)
        return res

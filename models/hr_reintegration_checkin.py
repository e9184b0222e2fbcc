from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

LOADS = [
    ("lighter", "Lighter than planned"),
    ("as_planned", "As planned"),
    ("heavier", "Heavier than planned"),
]
PAPS_GROUP = "hr_burnout_prevention.group_psychosocial_advisor"


class HrReintegrationCheckin(models.Model):
    """The employee's weekly check-in during a plan. Only the employee and
    the psychosocial prevention advisor (the plan's coach) read it: never the
    line manager, never HR (see the record rules)."""

    _name = "hr.reintegration.checkin"
    _description = "Weekly Check-in"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "week_start desc, id desc"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "hr.reintegration.plan",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    employee_id = fields.Many2one(related="plan_id.employee_id", store=True)
    employee_user_id = fields.Many2one(
        related="plan_id.employee_user_id", store=True, index=True
    )
    coach_user_id = fields.Many2one(related="plan_id.coach_user_id", store=True)
    week_start = fields.Date(
        "Week Of",
        required=True,
        default=lambda self: self._monday(fields.Date.context_today(self)),
    )
    load = fields.Selection(LOADS, "How heavy was this week compared with the plan?")
    need_talk = fields.Boolean("I would like to talk")
    state = fields.Selection(
        [("pending", "To answer"), ("answered", "Answered")],
        default="pending",
        required=True,
        readonly=True,
    )
    answered_date = fields.Date(readonly=True)

    _sql_constraints = [
        (
            "plan_week_unique",
            "unique(plan_id, week_start)",
            "There is one check-in per plan and week.",
        )
    ]

    @api.model
    def _monday(self, day):
        return day - timedelta(days=day.weekday())

    @api.depends("plan_id", "week_start")
    def _compute_display_name(self):
        for checkin in self:
            checkin.display_name = _(
                "Check-in of the week of %(date)s", date=checkin.week_start
            )

    @api.constrains("plan_id", "week_start")
    def _check_plan(self):
        for checkin in self:
            plan = checkin.plan_id.sudo()
            if plan.state != "running":
                raise ValidationError(_("Check-ins are for a running plan."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("week_start"):
                vals["week_start"] = self._monday(
                    fields.Date.to_date(vals["week_start"])
                )
        checkins = super().create(vals_list)
        if not self.env.su:
            for checkin in checkins:
                if checkin.employee_user_id != self.env.user:
                    raise AccessError(_("Only the employee writes their check-ins."))
        return checkins

    def write(self, vals):
        if not self.env.su and any(
            checkin.employee_user_id != self.env.user for checkin in self
        ):
            raise AccessError(_("Only the employee writes their check-ins."))
        if {"plan_id", "week_start"} & set(vals):
            raise UserError(_("A check-in stays on its plan and week."))
        if "load" in vals and any(checkin.state == "answered" for checkin in self):
            raise UserError(_("This check-in was already sent."))
        return super().write(vals)

    def action_submit(self):
        for checkin in self:
            if checkin.sudo().employee_user_id != self.env.user:
                raise AccessError(_("Only the employee answers their check-in."))
            if checkin.state != "pending":
                raise UserError(_("This check-in was already sent."))
            if not checkin.load:
                raise UserError(
                    _("Say how heavy this week was compared with the plan.")
                )
        self.sudo().write(
            {"state": "answered", "answered_date": fields.Date.context_today(self)}
        )
        self.sudo().activity_ids.filtered(
            lambda a: a.user_id == self.env.user
        ).action_feedback()
        self.sudo()._alert_advisor()

    def _advisor(self):
        """The plan's coach, or a psychosocial prevention advisor of the
        company."""
        self.ensure_one()
        if self.coach_user_id:
            return self.coach_user_id
        group = self.env.ref(PAPS_GROUP)
        return group.users.filtered(lambda u: self.company_id in u.company_ids)[:1]

    def _alert_advisor(self):
        """A wish to talk, or a second heavier-than-planned week in a row,
        becomes an activity for the advisor on the check-in itself (never on
        the plan, which the line manager reads)."""
        relapse_type = self.env.ref(
            "hr_burnout_prevention.mail_activity_type_relapse_warning"
        )
        for checkin in self:
            advisor = checkin._advisor()
            if not advisor:
                continue
            if checkin.need_talk:
                checkin.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=_("The employee would like to talk"),
                    user_id=advisor.id,
                )
            if checkin.load != "heavier":
                continue
            previous = self.search(
                [
                    ("plan_id", "=", checkin.plan_id.id),
                    ("state", "=", "answered"),
                    ("week_start", "<", checkin.week_start),
                ],
                order="week_start desc",
                limit=1,
            )
            if previous.load == "heavier":
                checkin.activity_schedule(
                    activity_type_id=relapse_type.id,
                    summary=_("Two weeks in a row heavier than planned"),
                    user_id=advisor.id,
                )

    @api.model
    def _cron_create_checkins(self):
        """This week's check-in for every running plan, with a to-do for the
        employee: a constant number of queries."""
        monday = self._monday(fields.Date.context_today(self))
        plans = (
            self.env["hr.reintegration.plan"]
            .sudo()
            .search([("state", "=", "running"), ("employee_user_id", "!=", False)])
        )
        existing = self.sudo().search(
            [("plan_id", "in", plans.ids), ("week_start", "=", monday)]
        )
        todo = plans - existing.plan_id
        checkins = self.sudo().create(
            [{"plan_id": plan.id, "week_start": monday} for plan in todo]
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": checkin.id,
                    "activity_type_id": todo_type.id,
                    "user_id": checkin.employee_user_id.id,
                    "date_deadline": monday + timedelta(days=4),
                    "summary": _("Your weekly check-in"),
                }
                for checkin in checkins
            ]
        )
        return checkins

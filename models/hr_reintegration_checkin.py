from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from .wellbeing_cron import (
    PAGE_SIZE,
    CronStep,
    followers_in_batch,
    walk_pages,
)

LOADS = [
    ("lighter", "Lighter than planned"),
    ("as_planned", "As planned"),
    ("heavier", "Heavier than planned"),
]
PAPS_GROUP = "hr_burnout_prevention.group_psychosocial_advisor"
# The employee's answer: written until it is sent, then never again.
ANSWER_FIELDS = {"load", "need_talk"}


class HrReintegrationCheckin(models.Model):
    """The employee's weekly check-in during a plan. Only the employee and
    the psychosocial prevention advisor (the plan's coach) read it: never the
    line manager, never HR (see the record rules)."""

    _name = "hr.reintegration.checkin"
    _description = "Weekly Check-in"
    # The guard first: its move reaches the chatter with the context it forces.
    _inherit = [
        "hr.wellbeing.workflow.mixin",
        "hr.wellbeing.logged.read.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "week_start desc, id desc"
    _check_company_auto = True
    # Only the check-in's employee sends it; a sent check-in never goes back.
    _workflow = {
        "state": {("pending", "answered"): ("_wf_answer", "_wf_after_answer")},
    }
    _workflow_initial = {"state": ("pending",)}
    _workflow_system_fields = ("answered_date", "contact_user_id", "contact_date")

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
    alert = fields.Selection(
        [
            ("talk", "The employee would like to talk"),
            ("heavier", "Two weeks in a row heavier than planned"),
        ],
        compute="_compute_alert",
        help="Why the advisor was asked to look at this check-in (shown on the "
        "check-in only, never in the activity).",
    )
    contact_user_id = fields.Many2one(
        "res.users",
        string="Contacted By",
        readonly=True,
        copy=False,
        help="The advisor who contacted the employee after their wish to talk.",
    )
    contact_date = fields.Datetime(string="Contacted On", readonly=True, copy=False)

    _sql_constraints = [
        (
            "plan_week_unique",
            "unique(plan_id, week_start)",
            "There is one check-in per plan and week.",
        )
    ]

    # ------------------------------------------------------------------
    # Reads are logged (hr.wellbeing.logged.read.mixin: every read path)
    # ------------------------------------------------------------------
    _log_service = "psychosocial"
    _log_free_fields = (
        "id",
        "company_id",
        "plan_id",
        "employee_id",
        "employee_user_id",
        "coach_user_id",
        "state",
        "week_start",
    )

    @api.depends("need_talk", "load", "state")
    def _compute_alert(self):
        # The answered weeks of the plans concerned, read once (no query per
        # check-in).
        heavier = self.filtered(
            lambda c: c.state == "answered" and not c.need_talk and c.load == "heavier"
        )
        weeks = {}
        if heavier:
            answered = (
                self.sudo()
                .search(
                    [
                        ("plan_id", "in", heavier.plan_id.ids),
                        ("state", "=", "answered"),
                    ]
                )
                .sorted("week_start")
            )
            for checkin in answered:
                weeks.setdefault(checkin.plan_id.id, []).append(
                    (checkin.week_start, checkin.load)
                )
        for checkin in self:
            if checkin.state != "answered":
                checkin.alert = False
            elif checkin.need_talk:
                checkin.alert = "talk"
            elif checkin in heavier:
                before = [
                    load
                    for week, load in weeks.get(checkin.plan_id.id, [])
                    if week < checkin.week_start
                ]
                checkin.alert = "heavier" if before[-1:] == ["heavier"] else False
            else:
                checkin.alert = False

    def _previous_heavier(self):
        self.ensure_one()
        previous = self.search(
            [
                ("plan_id", "=", self.plan_id.id),
                ("state", "=", "answered"),
                ("week_start", "<", self.week_start),
            ],
            order="week_start desc",
            limit=1,
        )
        return previous.load == "heavier"

    @api.model
    def _monday(self, day):
        return day - timedelta(days=day.weekday())

    @api.depends("plan_id", "week_start")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for checkin in self:
            checkin.display_name = _(
                "Check-in of the week of %(date)s",
                date=format_date(self.env, checkin.week_start),
            )

    @api.constrains("plan_id", "week_start")
    def _check_plan(self):
        for checkin in self:
            plan = checkin.plan_id.sudo()
            if plan.state != "running":
                raise ValidationError(_("Check-ins are for a running plan."))

    def _check_own(self):
        """The employee of the plan (a live relation: the user linked to the
        employee now), and nobody else."""
        for checkin in self:
            if checkin.sudo().plan_id.employee_id.user_id != self.env.user:
                raise AccessError(
                    _(
                        "Only the employee writes their check-ins: %(checkin)s is "
                        "not yours.",
                        checkin=checkin.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("week_start"):
                vals["week_start"] = self._monday(
                    fields.Date.to_date(vals["week_start"])
                )
        checkins = super().create(vals_list)
        if not self.env.su:
            checkins._check_own()
        return checkins

    def write(self, vals):
        if self._workflow_trusted():
            return super().write(vals)
        if not self.env.su:
            self._check_own()
        if {"plan_id", "week_start"} & set(vals):
            raise UserError(_("A check-in stays on its plan and week."))
        sent = self.filtered(lambda c: c.state == "answered")
        if sent and ANSWER_FIELDS & set(vals):
            raise UserError(
                _(
                    "%(checkin)s was sent on %(date)s: its answers no longer change.",
                    checkin=sent[0].display_name,
                    date=format_date(self.env, sent[0].answered_date),
                )
            )
        return super().write(vals)

    def _workflow_kept(self):
        return self.filtered(lambda c: c.state == "answered")

    # --- the move, checked by the guard in write() ----------------------------

    def _wf_answer(self, vals):
        for checkin in self:
            # The employee themselves, also under sudo (env.user stays the
            # user of the request): no role answers for them.
            employee = checkin.sudo().plan_id.employee_id
            if employee.user_id != self.env.user:
                raise AccessError(
                    _(
                        "Only %(employee)s answers %(checkin)s.",
                        employee=employee.name,
                        checkin=checkin.display_name,
                    )
                )
            if not vals.get("load", checkin.load):
                raise UserError(
                    _(
                        "Say how heavy the week of %(date)s was compared with the "
                        "plan before sending %(checkin)s.",
                        date=format_date(self.env, checkin.week_start),
                        checkin=checkin.display_name,
                    )
                )
        return {"answered_date": fields.Date.context_today(self)}

    def _wf_after_answer(self):
        self.sudo().activity_ids.filtered(
            lambda a: a.user_id == self.env.user
        ).action_feedback()
        self.sudo()._alert_advisor()

    def action_submit(self):
        for checkin in self:
            if checkin.state == "answered":
                # A plain write of the same state changes nothing; the button
                # says the check-in was already sent.
                checkin._workflow_step("state", "answered", "answered")
        self.write({"state": "answered"})
        return True

    def _backdate_answer(self, answered_date):
        """Server code only (no RPC reaches a private method): check-ins
        answered on paper say the day (the demo's story)."""
        answered = fields.Date.to_date(answered_date)
        today = fields.Date.context_today(self)
        for checkin in self:
            if checkin.state != "answered" or not (
                checkin.week_start <= answered <= today
            ):
                raise UserError(
                    _(
                        "%(checkin)s cannot say it was answered on %(date)s.",
                        checkin=checkin.display_name,
                        date=answered,
                    )
                )
        with self._workflow_system():
            self.write({"answered_date": answered})
        return True

    def _advisor(self):
        """The plan's coach if they are a psychosocial prevention advisor, or
        else an advisor of the company: never anybody else (a line manager
        set as coach by mistake gets nothing)."""
        self.ensure_one()
        group = self.env.ref(PAPS_GROUP)
        if self.coach_user_id and group in self.coach_user_id.groups_id:
            return self.coach_user_id
        return group.users.filtered(lambda u: self.company_id in u.company_ids)[:1]

    def _alert_advisor(self):
        """A wish to talk, or a second heavier-than-planned week in a row,
        becomes an activity for the advisor on the check-in itself (never on
        the plan, which the line manager reads). The activity says nothing
        of the answers: a neutral summary and the link to the check-in, which
        only the employee and the advisor read."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        for checkin in self:
            advisor = checkin._advisor()
            if not advisor:
                continue
            need_talk = checkin.need_talk
            if not need_talk and not (
                checkin.load == "heavier" and checkin._previous_heavier()
            ):
                continue
            # Its summary and note are the wall's neutral ones
            # (mail_activity.py): nothing of the answers.
            checkin.activity_schedule(activity_type_id=todo.id, user_id=advisor.id)

    def action_record_contact(self):
        """The advisor records that they contacted the employee who wished
        to talk (who, when) and closes their activity on the check-in."""
        self._workflow_require_group(
            PAPS_GROUP,
            _("Only the psychosocial prevention advisor records the contact."),
        )
        self.check_access("read")
        for checkin in self:
            if checkin._advisor() != self.env.user:
                raise AccessError(
                    _(
                        "%(checkin)s is followed by another advisor: they record "
                        "the contact.",
                        checkin=checkin.display_name,
                    )
                )
            if not checkin.need_talk or checkin.state != "answered":
                raise UserError(
                    _(
                        "%(checkin)s asks for no talk: there is no contact to record.",
                        checkin=checkin.display_name,
                    )
                )
            if checkin.contact_date:
                raise UserError(
                    _(
                        "The contact after %(checkin)s was already recorded by "
                        "%(user)s on %(date)s.",
                        checkin=checkin.display_name,
                        user=checkin.contact_user_id.name,
                        date=fields.Datetime.context_timestamp(
                            self, checkin.contact_date
                        ).strftime("%Y-%m-%d %H:%M"),
                    )
                )
        with self._workflow_system():
            self.sudo().write(
                {"contact_user_id": self.env.uid, "contact_date": fields.Datetime.now()}
            )
        self.sudo().activity_ids.filtered(
            lambda a: a.user_id == self.env.user
        ).action_feedback()
        return True

    # ------------------------------------------------------------------
    # The weekly job: pages of plans, each in a constant number of queries
    # ------------------------------------------------------------------

    @api.model
    def _wall_readable_by_assignees(self, activities):
        """The activities (in sudo) of check-ins given to the check-in's own
        employee, an internal user of its company: the rules "Check-in: own
        only" and "multi-company" let them read it. The wall's check
        (mail_activity.py) needs no query per activity for them."""
        checkins = self.sudo().browse(set(activities.mapped("res_id"))).exists()
        own = {
            checkin.id: (checkin.plan_id.employee_id.user_id, checkin.company_id)
            for checkin in checkins
        }
        known = self.env["mail.activity"]
        for activity in activities:
            user, company = own.get(activity.res_id, (None, None))
            if (
                user
                and activity.user_id == user
                and not user.share
                and company in user.company_ids
            ):
                known |= activity
        return known

    def _checkin_week(self):
        return self._monday(fields.Date.context_today(self))

    def _checkin_plans_domain(self, monday):
        """The running plans of an employee with a user and without their
        check-in of the week of ``monday``: a plan done leaves it."""
        this_week = self.sudo()._search([("week_start", "=", monday)])
        return [
            ("state", "=", "running"),
            ("employee_id.user_id", "!=", False),
            ("id", "not in", this_week.subselect("plan_id")),
        ]

    def _create_checkins_page(self, plans, monday):
        """This week's check-ins of ``plans`` (sudo), their followers and
        their to-dos, each in one batch: the to-dos in the language of their
        reader, without a notification mail each (the employee sees them in
        their activities and their home page)."""
        # Server code: no "created" note on each (the job makes one a week
        # per plan); a client cannot silence the chatter this way.
        with self._workflow_system():
            checkins = (
                self.sudo()
                .with_context(mail_create_nosubscribe=True, mail_create_nolog=True)
                .create([{"plan_id": plan.id, "week_start": monday} for plan in plans])
            )
        # The employee's own to-do goes to an internal user of the check-in's
        # company (what the rules let read it); a portal user answers on the
        # portal.
        internal = {}
        for checkin in checkins:
            user = checkin.plan_id.employee_id.user_id
            if not user.share and checkin.company_id in user.company_ids:
                internal[checkin.id] = user
        if not internal:
            return checkins
        pairs = {(cid, user.partner_id.id) for cid, user in internal.items()}
        model_id = self.env["ir.model"]._get_id(self._name)
        todo_type = self.env.ref("mail.mail_activity_data_todo").id
        deadline = monday + timedelta(days=4)
        per_lang = defaultdict(list)
        for cid, user in internal.items():
            per_lang[user.lang or self.env.lang].append(
                {
                    "res_model_id": model_id,
                    "res_id": cid,
                    "activity_type_id": todo_type,
                    "user_id": user.id,
                    "date_deadline": deadline,
                }
            )
        with followers_in_batch(self.env, self._name, pairs):
            for lang, vals_list in per_lang.items():
                # Its summary is the wall's neutral one (mail_activity.py),
                # translated in ``lang``.
                self.env["mail.activity"].sudo().with_context(
                    lang=lang, mail_activity_quick_update=True
                ).create(vals_list)
        return checkins

    @api.model
    def _cron_create_checkins(self, page_size=PAGE_SIZE, max_pages=None):
        """This week's check-in for every running plan, with a to-do for the
        employee: pages of plans, committed one by one under the cron runner,
        with the progress reported; a call stopped half-way is continued by
        the next (the plans done have their check-in: they are not walked
        again). Returns the check-ins created by this call."""
        monday = self._checkin_week()
        created = self.browse()

        def page(plans):
            nonlocal created
            created |= self._create_checkins_page(plans, monday)

        walk_pages(
            self.env,
            [
                CronStep(
                    "hr.reintegration.plan", self._checkin_plans_domain(monday), page
                )
            ],
            page_size=page_size,
            max_pages=max_pages,
        )
        return created

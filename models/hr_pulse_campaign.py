import random
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_date

from .hr_prevention_policy import TASKFORCE_GROUP
from .hr_pulse_figures import pulse_figures

PAPS_GROUP = "hr_burnout_prevention.group_psychosocial_advisor"
# The grouping of answers from departments too small to be shown apart.
OTHER = "other"


class HrPulseCampaign(models.Model):
    """A short anonymous questionnaire for a population (a company, or some
    of its departments), between two dates. See `hr.pulse.answer` and
    `hr.pulse.participation` for how answers are kept apart from people."""

    _name = "hr.pulse.campaign"
    _description = "Pulse Campaign"
    # No mail.thread: nothing about a campaign's answers may reach a message.
    _inherit = ["hr.wellbeing.workflow.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _workflow = {
        "state": {
            ("draft", "open"): ("_wf_open", "_wf_after_open"),
            ("open", "closed"): ("_wf_close", "_wf_after_close"),
            ("draft", "cancel"): "_wf_manage",
        }
    }
    _workflow_initial = {"state": ("draft",)}
    _workflow_system_fields = (
        "date_opened",
        "date_closed",
        "last_reminder_date",
        "coarsened_department_ids",
    )

    name = fields.Char(required=True, translate=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        check_company=True,
        help="The population: the people of these departments. Empty: the "
        "whole company.",
    )
    date_start = fields.Date(
        string="Start Date", required=True, default=fields.Date.context_today
    )
    date_end = fields.Date(string="End Date", required=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("open", "Open"),
            ("closed", "Closed"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
    )
    line_ids = fields.One2many(
        "hr.pulse.campaign.line", "campaign_id", string="Questions", copy=True
    )
    group_by_department = fields.Boolean(
        string="Results per Department",
        help="Answers carry the department of the person (departments with "
        "fewer people than the minimum group size are grouped as 'other'), "
        "so that results can be shown per department.",
    )
    reminder_days = fields.Integer(
        string="Days Between Reminders",
        default=7,
        help="A neutral reminder to the people who have not answered, at most "
        "once every this many days (0: no reminder).",
    )
    last_reminder_date = fields.Date(string="Last Reminder", readonly=True, copy=False)
    date_opened = fields.Date(string="Opened On", readonly=True, copy=False)
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False)
    participation_ids = fields.One2many(
        "hr.pulse.participation", "campaign_id", readonly=True
    )
    population_count = fields.Integer(string="People Asked", compute="_compute_counts")
    answered_count = fields.Integer(
        string="People Who Answered", compute="_compute_counts"
    )
    result_ids = fields.One2many("hr.pulse.result", "campaign_id", readonly=True)
    previous_campaign_id = fields.Many2one(
        "hr.pulse.campaign",
        string="Previous Campaign",
        check_company=True,
        help="The campaign to compare with (before / after).",
    )
    # Departments whose answers are stored as "other" (too few answered when
    # their answers were first released): they stay "other" to the end.
    coarsened_department_ids = fields.Many2many(
        "hr.department",
        "hr_pulse_campaign_coarsened_rel",
        "campaign_id",
        "department_id",
        string="Departments Grouped as Other",
        readonly=True,
        copy=False,
    )

    _sql_constraints = [
        (
            "dates_check",
            "CHECK(date_end IS NULL OR date_end >= date_start)",
            "A campaign ends on or after the day it starts.",
        ),
        (
            "reminder_days_check",
            "CHECK(reminder_days >= 0)",
            "The days between reminders cannot be negative.",
        ),
    ]

    @api.depends("participation_ids", "department_ids", "company_id", "state")
    def _compute_counts(self):
        participations = dict(
            self.env["hr.pulse.participation"]
            .sudo()
            ._read_group(
                [("campaign_id", "in", self.ids)], ["campaign_id"], ["__count"]
            )
        )
        answered = dict(
            self.env["hr.pulse.participation"]
            .sudo()
            ._read_group(
                [("campaign_id", "in", self.ids), ("answered", "=", True)],
                ["campaign_id"],
                ["__count"],
            )
        )
        # Drafts of the same population are counted once.
        drafts = {}
        for campaign in self:
            key = campaign.sudo()
            if campaign.state == "draft":
                population = (campaign.company_id.id, campaign.department_ids.ids)
                if str(population) not in drafts:
                    drafts[str(population)] = len(campaign._population())
                campaign.population_count = drafts[str(population)]
            else:
                campaign.population_count = participations.get(key, 0)
            campaign.answered_count = answered.get(key, 0)

    def _population(self):
        """The employees a draft campaign would ask: the active employees of
        its company, in its departments and their sub-departments if any."""
        self.ensure_one()
        domain = [("company_id", "=", self.company_id.id)]
        if self.department_ids:
            domain.append(("department_id", "child_of", self.department_ids.ids))
        return self.env["hr.employee"].sudo().search(domain)

    def _minimum(self):
        self.ensure_one()
        return self.company_id.wellbeing_min_group_size

    # --- the moves ----------------------------------------------------------

    def _wf_manage(self, vals=None):
        user = self.env.user
        if self.env.su or user.has_group(TASKFORCE_GROUP) or user.has_group(PAPS_GROUP):
            return
        raise AccessError(
            _(
                "Only the taskforce and the psychosocial prevention advisor "
                "run pulse campaigns."
            )
        )

    def _wf_open(self, vals):
        self._wf_manage()
        today = fields.Date.context_today(self)
        for campaign in self:
            if campaign.date_end < today:
                raise UserError(
                    _(
                        "The campaign %(campaign)s ends on %(date)s, which has "
                        "passed: choose a later end date before opening it.",
                        campaign=campaign.display_name,
                        date=format_date(self.env, campaign.date_end),
                    )
                )
            if not campaign.line_ids:
                campaign._load_bank()
            campaign.line_ids._copy_from_bank()
            campaign.line_ids._check_domain()
            if not campaign.line_ids.filtered(lambda line: line.answer_type == "scale"):
                raise UserError(
                    _(
                        "The campaign %(campaign)s asks no question on the scale: "
                        "add at least one.",
                        campaign=campaign.display_name,
                    )
                )
            population = len(campaign._population())
            minimum = campaign._minimum()
            if population < minimum:
                raise UserError(
                    _(
                        "The campaign %(campaign)s would ask %(count)s people: "
                        "a pulse needs at least %(minimum)s people (the minimum "
                        "group size of %(company)s), or nobody's answers could "
                        "stay anonymous.",
                        campaign=campaign.display_name,
                        count=population,
                        minimum=minimum,
                        company=campaign.company_id.name,
                    )
                )
        return {"date_opened": today}

    def _wf_after_open(self):
        """The population's participation rows, all at once: their ids and
        row versions then say nothing about who answers and when."""
        vals_list = []
        for campaign in self:
            vals_list += [
                {
                    "campaign_id": campaign.id,
                    "employee_id": employee.id,
                    "department_id": employee.department_id.id,
                }
                for employee in campaign._population()
            ]
        self.env["hr.pulse.participation"].sudo().create(vals_list)

    def _wf_close(self, vals):
        self._wf_manage()
        return {"date_closed": fields.Date.context_today(self)}

    def _wf_after_close(self):
        for campaign in self:
            campaign._release(final=True)
            campaign._build_results()

    def _workflow_kept(self):
        return self.filtered(lambda c: c.state in ("open", "closed"))

    def write(self, vals):
        if not self._workflow_trusted() and not self.env.su:
            frozen = set(vals) & {"company_id", "department_ids", "group_by_department"}
            started = self.filtered(lambda c: c.state != "draft")
            if frozen and started:
                raise UserError(
                    _(
                        "The campaign %(campaign)s has started: its population "
                        "and grouping no longer change.",
                        campaign=started[0].display_name,
                    )
                )
        return super().write(vals)

    def _load_bank(self):
        """Every active question of the bank the company uses."""
        self.ensure_one()
        questions = self.env["hr.pulse.question"].search(
            [
                ("company_id", "in", [False, self.company_id.id]),
                ("active", "=", True),
            ]
        )
        self.env["hr.pulse.campaign.line"].create(
            [
                {
                    "campaign_id": self.id,
                    "question_id": question.id,
                    "sequence": question.sequence,
                }
                for question in questions
            ]
        )

    # --- buttons ------------------------------------------------------------

    def action_open(self):
        return self._workflow_go({"state": "open"})

    def action_close(self):
        return self._workflow_go({"state": "closed"})

    def action_cancel(self):
        return self._workflow_go({"state": "cancel"})

    def action_send_reminders(self):
        self._wf_manage()
        self._check_action_state(["open"])
        today = fields.Date.context_today(self)
        for campaign in self:
            if campaign.date_end < today:
                raise UserError(
                    _(
                        "The campaign %(campaign)s ended on %(date)s: no more "
                        "reminders.",
                        campaign=campaign.display_name,
                        date=format_date(self.env, campaign.date_end),
                    )
                )
            due = campaign._next_reminder_date()
            if due and due > today:
                raise UserError(
                    _(
                        "The people of %(campaign)s were reminded on %(date)s: "
                        "the next reminder is possible on %(next)s.",
                        campaign=campaign.display_name,
                        date=format_date(self.env, campaign.last_reminder_date),
                        next=format_date(self.env, due),
                    )
                )
        self.sudo()._send_reminders()
        return True

    def action_view_results(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Results of %(campaign)s", campaign=self.name),
            "res_model": "hr.pulse.result",
            "view_mode": "list,graph,pivot",
            "domain": [("campaign_id", "=", self.id)],
            "context": {"default_campaign_id": self.id},
        }

    # --- reminders ----------------------------------------------------------

    def _next_reminder_date(self):
        """The first day a new reminder may go (False: any day)."""
        self.ensure_one()
        if not self.last_reminder_date:
            return False
        return self.last_reminder_date + timedelta(days=max(self.reminder_days, 1))

    def _send_reminders(self):
        """A neutral mail to each person of the population who has not
        answered: it says a pulse is open and until when, nothing about
        anybody's answers; deleted once sent."""
        today = fields.Date.context_today(self)
        participations = (
            self.env["hr.pulse.participation"]
            .sudo()
            .search_fetch(
                [("campaign_id", "in", self.ids), ("answered", "=", False)],
                ["campaign_id", "employee_id"],
            )
        )
        mails = []
        for participation in participations:
            employee = participation.employee_id
            email = employee.work_email or employee.user_id.email
            if not email:
                continue
            campaign = participation.campaign_id.with_context(
                lang=employee.user_id.lang or employee.company_id.partner_id.lang
            )
            mails.append(campaign._reminder_values(email))
        if mails:
            self.env["mail.mail"].sudo().create(mails)
        with self._workflow_system():
            self.write({"last_reminder_date": today})
        return len(mails)

    def _reminder_values(self, email):
        env = self.env
        date = format_date(env, self.date_end)
        subject = _("A short anonymous pulse is open until %(date)s", date=date)
        body = Markup("<p>%s</p><p>%s</p>") % (
            _(
                "Your employer asks how work is going for you, in a short "
                "questionnaire (%(campaign)s) open until %(date)s. Your answers "
                "are anonymous: nobody can see who answered what.",
                campaign=self.name,
                date=date,
            ),
            _("You can answer from your portal, under Pulse."),
        )
        return {
            "subject": subject,
            "body_html": body,
            "email_to": email,
            "email_from": self.company_id.email_formatted
            or self.env.user.email_formatted,
            "auto_delete": True,
        }

    @api.model
    def _cron_send_reminders(self, batch_size=50):
        """The open campaigns whose reminder is due, one page of
        `batch_size` campaigns per call; the scheduler commits the page and
        calls again while `_notify_progress` reports work remaining."""
        today = fields.Date.context_today(self)
        Campaign = self.sudo()
        candidates = Campaign.search_fetch(
            [
                ("state", "=", "open"),
                ("reminder_days", ">", 0),
                ("date_end", ">=", today),
                "|",
                ("last_reminder_date", "=", False),
                ("last_reminder_date", "<", today),
            ],
            ["reminder_days", "last_reminder_date", "date_opened", "date_end"],
            order="id",
        )
        due = candidates.filtered(
            lambda c: (c.last_reminder_date or c.date_opened)
            + timedelta(days=c.reminder_days)
            <= today
        )
        page = due[:batch_size]
        page._send_reminders()
        remaining = len(due) - len(page)
        self.env["ir.cron"]._notify_progress(done=len(page), remaining=remaining)
        return bool(remaining)

    @api.model
    def _cron_close_ended(self, batch_size=50):
        """The open campaigns whose end date has passed are closed (their
        results published), one page of `batch_size` campaigns per call; the
        scheduler commits the page and calls again while `_notify_progress`
        reports work remaining."""
        today = fields.Date.context_today(self)
        ended = self.sudo().search(
            [("state", "=", "open"), ("date_end", "<", today)], order="id"
        )
        page = ended[:batch_size]
        if page:
            page._workflow_go({"state": "closed"})
        remaining = len(ended) - len(page)
        self.env["ir.cron"]._notify_progress(done=len(page), remaining=remaining)
        return bool(remaining)

    # --- the answer page ----------------------------------------------------

    def _user_employees(self):
        return self.env.user.sudo().employee_ids

    @api.model
    def _answer_by_sentence(self):
        """The last day to answer, as one sentence in the reader's language
        (the answer page)."""
        self.ensure_one()
        return self.env._(
            "Answer by %(date)s.", date=format_date(self.env, self.date_end)
        )

    def _open_for_user(self):
        """The open campaigns the current user is asked to answer and has not
        answered yet (within their dates)."""
        today = fields.Date.context_today(self)
        participations = (
            self.env["hr.pulse.participation"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", self._user_employees().ids),
                    ("answered", "=", False),
                    ("campaign_id.state", "=", "open"),
                    ("campaign_id.date_start", "<=", today),
                    ("campaign_id.date_end", ">=", today),
                ]
            )
        )
        return participations.campaign_id.with_env(self.env)

    def _submit_answers(self, values):
        """Store the current user's answers, from nobody: the participation
        row says "answered", the answers say what, and nothing links them.
        `values`: {line id: 1..5 for a scale question, a text otherwise}.
        Writes no message, no log line, no attachment."""
        self.ensure_one()
        campaign = self.sudo()
        today = fields.Date.context_today(self)
        if campaign.state != "open" or campaign.date_end < today:
            raise UserError(
                _(
                    "The pulse %(campaign)s is closed: answers are no longer taken.",
                    campaign=campaign.name,
                )
            )
        if campaign.date_start > today:
            raise UserError(
                _(
                    "The pulse %(campaign)s opens on %(date)s.",
                    campaign=campaign.name,
                    date=format_date(self.env, campaign.date_start),
                )
            )
        Participation = self.env["hr.pulse.participation"].sudo()
        participation = Participation.search(
            [
                ("campaign_id", "=", campaign.id),
                ("employee_id", "in", self._user_employees().ids),
            ],
            limit=1,
        )
        if not participation:
            raise UserError(
                _(
                    "The pulse %(campaign)s is not asked of you.",
                    campaign=campaign.name,
                )
            )
        # Two submits at once: the second waits here, then sees "answered".
        self.env.cr.execute(
            SQL(
                "SELECT answered FROM hr_pulse_participation WHERE id = %s "
                "FOR NO KEY UPDATE",
                participation.id,
            )
        )
        participation.invalidate_recordset(["answered"])
        if participation.answered:
            raise UserError(
                _(
                    "You have already answered the pulse %(campaign)s: one "
                    "answer per person.",
                    campaign=campaign.name,
                )
            )
        vals_list = campaign._answer_values(values, participation.department_id)
        self.env["hr.pulse.answer"].sudo().create(vals_list)
        participation.write({"answered": True})
        campaign._release()
        return True

    def _answer_values(self, values, department):
        """Check the answers and return the rows to store (no key of the
        person in them). Text lines left empty store nothing."""
        if not isinstance(values, dict):
            raise UserError(_("The answers could not be read: send them again."))
        lines = {line.id: line for line in self.line_ids}
        given = {}
        for key, value in values.items():
            try:
                line_id = int(key)
            except (TypeError, ValueError):
                line_id = None
            if line_id not in lines:
                raise UserError(
                    _(
                        "An answer does not belong to the pulse %(campaign)s: "
                        "reload the page and answer again.",
                        campaign=self.name,
                    )
                )
            given[line_id] = value
        group_key = self._group_key(department)
        vals_list = []
        for line in self.line_ids:
            value = given.get(line.id)
            if line.answer_type == "scale":
                if isinstance(value, str) and value.strip().isdigit():
                    value = int(value.strip())
                if (
                    isinstance(value, bool)
                    or not isinstance(value, int)
                    or not 1 <= value <= 5
                ):
                    raise UserError(
                        _(
                            "Please answer the question %(question)s with a "
                            "number from 1 to 5.",
                            question=line.name,
                        )
                    )
                vals_list.append({"value": value})
            else:
                if value in (None, False):
                    continue
                if not isinstance(value, str):
                    raise UserError(
                        _(
                            "The answer to %(question)s must be a text.",
                            question=line.name,
                        )
                    )
                text = value.strip()
                if not text:
                    continue
                vals_list.append({"text": text})
            vals_list[-1].update(
                {"campaign_id": self.id, "line_id": line.id, "group_key": group_key}
            )
        return vals_list

    def _group_key(self, department):
        """The grouping an answer may carry: the department when the campaign
        groups by department and the department is not one of the small
        ones, "other" otherwise; nothing when the campaign does not group."""
        if not self.group_by_department:
            return False
        if not department or department in self.coarsened_department_ids:
            return OTHER
        asked = (
            self.env["hr.pulse.participation"]
            .sudo()
            .search_count(
                [("campaign_id", "=", self.id), ("department_id", "=", department.id)]
            )
        )
        return str(department.id) if asked >= self._minimum() else OTHER

    # --- release ------------------------------------------------------------

    def _counting_line(self):
        """The first question on the scale: everybody who answers answers
        it once, so its answers count the people."""
        return self.line_ids.filtered(lambda line: line.answer_type == "scale")[:1]

    def _release(self, final=False):
        """Release the waiting answers when at least the minimum number of
        people have answered since the last release (any number when the
        campaign closes): every answer of the campaign is rewritten in a
        random order with new ids, departments with too few people who
        answered become "other", and every participation row of the campaign
        is rewritten in the same transaction. Returns whether it released."""
        self.ensure_one()
        cr = self.env.cr
        # One release at a time per campaign.
        cr.execute(
            SQL(
                "SELECT id FROM hr_pulse_campaign WHERE id = %s FOR NO KEY UPDATE",
                self.id,
            )
        )
        Answer = self.env["hr.pulse.answer"].sudo()
        self.env.flush_all()
        waiting = Answer.search_count(
            [
                ("campaign_id", "=", self.id),
                ("line_id", "=", self._counting_line().id),
                ("released", "=", False),
            ]
        )
        if not waiting or (not final and waiting < self._minimum()):
            return False
        self._coarsen()
        cr.execute(
            SQL(
                "SELECT line_id, value, text, group_key FROM hr_pulse_answer "
                "WHERE campaign_id = %s",
                self.id,
            )
        )
        rows = cr.fetchall()
        coarsened = {str(d) for d in self.coarsened_department_ids.ids}
        random.SystemRandom().shuffle(rows)
        cr.execute(SQL("DELETE FROM hr_pulse_answer WHERE campaign_id = %s", self.id))
        Answer.invalidate_model()
        Answer.create(
            [
                {
                    "campaign_id": self.id,
                    "line_id": line_id,
                    **({"value": value} if value else {"text": text}),
                    "group_key": OTHER if group_key in coarsened else group_key,
                    "released": True,
                }
                for line_id, value, text, group_key in rows
            ]
        )
        # New row versions for the whole population, in this transaction.
        cr.execute(
            SQL(
                "UPDATE hr_pulse_participation SET answered = answered "
                "WHERE campaign_id = %s",
                self.id,
            )
        )
        self.env.flush_all()
        return True

    def _coarsen(self):
        """Departments that fewer than the minimum people of the population
        have answered from become "other" for good (their answers cannot be
        told apart again); a department once shown stays shown, as the
        number of people who answered only grows."""
        if not self.group_by_department:
            return
        minimum = self._minimum()
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT group_key FROM hr_pulse_answer "
                "WHERE campaign_id = %s AND group_key IS NOT NULL AND group_key != %s",
                self.id,
                OTHER,
            )
        )
        keys = {int(key) for (key,) in self.env.cr.fetchall()}
        answered = dict(
            self.env["hr.pulse.participation"]
            .sudo()
            ._read_group(
                [("campaign_id", "=", self.id), ("answered", "=", True)],
                ["department_id"],
                ["__count"],
            )
        )
        answered = {dept.id: count for dept, count in answered.items() if dept}
        small = [
            key
            for key in keys
            if answered.get(key, 0) < minimum
            and key not in self.coarsened_department_ids.ids
        ]
        if small:
            with self._workflow_system():
                self.sudo().write(
                    {"coarsened_department_ids": [(4, key) for key in small]}
                )

    # --- results ------------------------------------------------------------

    def _group_label(self, key):
        if key == OTHER:
            return _("Other departments")
        return self.env["hr.department"].sudo().browse(int(key)).display_name

    def _build_results(self):
        """The figures that may be published, from the released answers (see
        `pulse_figures`), replacing the previous ones."""
        self.ensure_one()
        Result = self.env["hr.pulse.result"].sudo()
        Result.search([("campaign_id", "=", self.id)]).unlink()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT line_id, group_key, value, count(*) FROM hr_pulse_answer "
                "WHERE campaign_id = %s AND released AND value IS NOT NULL "
                "GROUP BY line_id, group_key, value",
                self.id,
            )
        )
        counts = {}
        for line_id, group_key, value, count in self.env.cr.fetchall():
            per_value = counts.setdefault((line_id, group_key or False), [0] * 5)
            per_value[value - 1] += count
        lines = self.line_ids.filtered(lambda line: line.answer_type == "scale")
        figures = pulse_figures(
            counts,
            [(line.id, line.domain, line.polarity) for line in lines],
            self._minimum(),
            self.group_by_department,
        )
        sequences = {line.id: line.sequence for line in lines}
        labels = {}
        vals_list = []
        for figure in figures:
            group = figure["group"]
            if group and group not in labels:
                labels[group] = self._group_label(group)
            vals_list.append(
                {
                    "campaign_id": self.id,
                    "level": figure["level"],
                    "domain": figure["domain"],
                    "line_id": figure["line"],
                    "line_sequence": sequences.get(figure["line"], 0),
                    "group_key": group,
                    "group_label": labels.get(group, False),
                    "answer_count": figure["people"],
                    "mean": round(figure["mean"], 2),
                    "score": round(figure["score"], 1),
                    **{
                        f"count_{i + 1}": count
                        for i, count in enumerate(figure["counts"])
                    },
                }
            )
        Result.create(vals_list)
        return True

    def _free_texts(self):
        """The free-text answers of a closed campaign, for the psychosocial
        prevention advisor only, and only when at least the minimum number
        of people answered: [{"line_id", "question", "texts"}], the texts in
        alphabetical order (never in the order they were given)."""
        self.ensure_one()
        if not self.env.su and not self.env.user.has_group(PAPS_GROUP):
            raise AccessError(
                _(
                    "Only the psychosocial prevention advisor reads the free "
                    "answers of a pulse."
                )
            )
        self.check_access("read")
        campaign = self.sudo()
        if campaign.state != "closed":
            return []
        answers = self.env["hr.pulse.answer"].sudo()
        people = answers.search_count(
            [
                ("campaign_id", "=", campaign.id),
                ("line_id", "=", campaign._counting_line().id),
                ("released", "=", True),
            ]
        )
        if people < campaign._minimum():
            return []
        texts = answers.search_read(
            [
                ("campaign_id", "=", campaign.id),
                ("released", "=", True),
                ("text", "!=", False),
            ],
            ["line_id", "text"],
        )
        result = []
        for line in campaign.line_ids.filtered(lambda line: line.answer_type == "text"):
            found = sorted(t["text"] for t in texts if t["line_id"][0] == line.id)
            if found:
                result.append(
                    {"line_id": line.id, "question": line.name, "texts": found}
                )
        return result

    # --- demo data ----------------------------------------------------------

    def _demo_answer(self, user_ids, scores):
        """The demo's answers: each user answers the campaign through
        `_submit_answers`, as they would on the answer page. `scores`:
        {domain: 1..5}, how well the domain goes; the users spread around
        it (an energy drainer is answered the other way round)."""
        self.ensure_one()
        users = self.env["res.users"].browse(user_ids)
        for index, user in enumerate(users):
            values = {}
            for line in self.sudo().line_ids:
                if line.answer_type != "scale":
                    continue
                score = min(max(scores.get(line.domain, 3) + index % 3 - 1, 1), 5)
                values[line.id] = score if line.polarity == "giver" else 6 - score
            self.with_user(user)._submit_answers(values)
        return True

    def _demo_backdate(self, date_start, date_end):
        """The demo's past campaigns happened on these days (they are run on
        the install day, as a campaign cannot open after its end)."""
        with self._workflow_system():
            self.sudo().write(
                {
                    "date_start": date_start,
                    "date_end": date_end,
                    "date_opened": date_start,
                    "date_closed": date_end,
                }
            )
        return True

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL

from .hr_legal_protocol_step import ROLES
from .wellbeing_i18n import overdue_ids_domain

HR_GROUP = "hr_burnout_prevention.group_hr_officer"


class HrAbsenceMilestone(models.Model):
    """A step of the legal protocol for one case or trajectory.

    The system makes the milestones from the protocol and keeps their dates;
    a client only ticks one (``done``, by an HR officer) or reopens it. A
    milestone once done is kept: the duty it records was fulfilled.
    """

    _name = "hr.absence.milestone"
    _description = "Absence Milestone"
    # The guard first; the line managers' key (`managed_by_user_ids`) for the
    # managers' rule, as on the case.
    _inherit = ["hr.wellbeing.workflow.mixin", "hr.wellbeing.managed.mixin"]
    _order = "date_deadline, sequence, id"
    _check_company_auto = True
    _workflow = {
        "done": {
            (False, True): ("_wf_done", "_wf_after_done"),
            (True, False): "_wf_undone",
        }
    }
    _workflow_initial = {"done": (False,)}
    _workflow_system_fields = (
        "done_date",
        "is_overdue",
        "activity_scheduled",
        "no_longer_needed",
    )

    case_id = fields.Many2one(
        "hr.absence.case", required=True, ondelete="cascade", index=True
    )
    trajectory_id = fields.Many2one(
        "hr.reintegration.trajectory", ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    employee_id = fields.Many2one(related="case_id.employee_id", store=True)
    step_id = fields.Many2one("hr.legal.protocol.step", ondelete="set null")
    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, readonly=True)
    # The step's label in every language of the protocol (see _copy_step_names).
    name = fields.Char(required=True, readonly=True, translate=True)
    date_deadline = fields.Date("Date", required=True, readonly=True)
    responsible_role = fields.Selection(ROLES, readonly=True)
    information_only = fields.Boolean(readonly=True)
    activity_type_id = fields.Many2one("mail.activity.type", readonly=True)
    done = fields.Boolean(readonly=True)
    done_date = fields.Date(readonly=True)
    # Overdue is a fact of the day, computed when read and searched live (as
    # an action's): no daily job has to flag it, and it is right on a day
    # the job did not run.
    is_overdue = fields.Boolean(
        "Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    no_longer_needed = fields.Boolean(
        readonly=True,
        index=True,
        copy=False,
        help="A step that only applies during the absence, closed by itself "
        "when the worker returned: not done, no longer needed.",
    )
    status = fields.Selection(
        [
            ("to_do", "To Do"),
            ("overdue", "Overdue"),
            ("done", "Done"),
            ("not_needed", "No Longer Needed"),
        ],
        compute="_compute_status",
        search="_search_status",
    )
    activity_scheduled = fields.Boolean(readonly=True, copy=False)
    activity_ids = fields.One2many("mail.activity", "absence_milestone_id")

    @api.depends("done", "is_overdue", "no_longer_needed")
    def _compute_status(self):
        for milestone in self:
            if milestone.done:
                milestone.status = "done"
            elif milestone.no_longer_needed:
                milestone.status = "not_needed"
            elif milestone.is_overdue:
                milestone.status = "overdue"
            else:
                milestone.status = "to_do"

    @api.model
    def _overdue_domain(self):
        """The milestones overdue today: a step to do (of an open or
        returned case, of a running trajectory, not information only) whose
        deadline passed."""
        today = fields.Date.context_today(self)
        return [
            ("done", "=", False),
            ("no_longer_needed", "=", False),
            ("information_only", "=", False),
            ("date_deadline", "<", today),
            ("case_id.state", "in", ("absent", "return_planned", "returned")),
            "|",
            ("trajectory_id", "=", False),
            ("trajectory_id.state", "not in", ("closed", "ended")),
        ]

    @api.depends_context("tz")
    @api.depends(
        "done",
        "no_longer_needed",
        "information_only",
        "date_deadline",
        "case_id.state",
        "trajectory_id.state",
    )
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for milestone in self:
            case, rit = milestone.sudo().case_id, milestone.sudo().trajectory_id
            milestone.is_overdue = bool(
                not (milestone.done or milestone.no_longer_needed)
                and not milestone.information_only
                and milestone.date_deadline
                and milestone.date_deadline < today
                and case.state in ("absent", "return_planned", "returned")
                and rit.state not in ("closed", "ended")
            )

    def _search_is_overdue(self, operator, value):
        overdue = self.sudo()._search(self._overdue_domain())
        return overdue_ids_domain(self.env, operator, value, overdue)

    def _search_status(self, operator, value):
        # The statuses as `_compute_status` gives them, as domains.
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(_("The status is searched by its values only."))
        values = [value] if operator in ("=", "!=") else list(value)
        open_step = [("done", "=", False), ("no_longer_needed", "=", False)]
        domains = {
            "done": [("done", "=", True)],
            "not_needed": [("done", "=", False), ("no_longer_needed", "=", True)],
            "overdue": [*open_step, ("is_overdue", "=", True)],
            "to_do": [*open_step, ("is_overdue", "=", False)],
        }
        domain = expression.OR([domains[v] for v in values if v in domains])
        if operator in ("=", "in"):
            return domain
        return ["!", *expression.normalize_domain(domain)]

    # --- only the system makes and dates milestones -------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self._workflow_trusted():
            raise AccessError(
                _(
                    "Milestones are made by the system from the legal protocol: "
                    "they cannot be created by hand."
                )
            )
        milestones = super().create(vals_list)
        milestones._copy_step_names()
        return milestones

    def _copy_step_names(self):
        """Give the milestones the label of their step in every language the
        step has (one query): a Dutch or French reader sees the step's own
        translation, not the language of whoever opened the case."""
        with_step = self.filtered("step_id")
        if not with_step:
            return
        self.env["hr.legal.protocol.step"].flush_model(["name"])
        self.env.cr.execute(
            SQL(
                "UPDATE hr_absence_milestone m SET name = s.name"
                "  FROM hr_legal_protocol_step s"
                " WHERE s.id = m.step_id AND m.id = ANY(%s)",
                with_step.ids,
            )
        )
        with_step.invalidate_recordset(["name"])

    def init(self):
        # Milestones made before their name was translatable (or before a
        # language was loaded) get the translations of their step, where the
        # English label is still the step's.
        self.env.cr.execute(
            "UPDATE hr_absence_milestone m SET name = s.name"
            "  FROM hr_legal_protocol_step s"
            " WHERE s.id = m.step_id AND m.name->>'en_US' = s.name->>'en_US'"
            "   AND m.name IS DISTINCT FROM s.name"
        )

    def write(self, vals):
        if not self._workflow_trusted():
            other = sorted(set(vals) - {"done"})
            if other:
                raise AccessError(
                    _(
                        "The field %(field)s of a milestone is set by the system "
                        "from the legal protocol: only ticking it done (or "
                        "reopening it) is possible.",
                        field=self._fields[other[0]]._description_string(self.env)
                        if other[0] in self._fields
                        else other[0],
                    )
                )
        return super().write(vals)

    def _workflow_kept(self):
        return self.filtered("done")

    # --- the moves, checked by the guard in write() -------------------------

    def _wf_check_hr(self, message):
        self._workflow_require_group(HR_GROUP, message)

    def _wf_done(self, vals):
        self._wf_check_hr(_("Only an HR officer can tick a milestone."))
        self._check_needed()
        return {"done_date": fields.Date.context_today(self)}

    def _check_needed(self):
        for milestone in self:
            if milestone.no_longer_needed:
                raise UserError(
                    _(
                        "The milestone %(name)s only applied during the absence: "
                        "the employee returned, it is no longer needed.",
                        name=milestone.name,
                    )
                )

    def _wf_after_done(self):
        self.sudo().activity_ids.unlink()

    def _wf_undone(self, vals):
        self._wf_check_hr(_("Only an HR officer can reopen a milestone."))
        return {"done_date": False, "activity_scheduled": False}

    # --- server code ----------------------------------------------------------

    @api.model
    def _vals_from_step(self, step, deadline, case, trajectory=None):
        return {
            "case_id": case.id,
            "trajectory_id": trajectory.id if trajectory else False,
            "step_id": step.id,
            "sequence": step.sequence,
            "code": step.code,
            "name": step.name,
            "date_deadline": deadline,
            "responsible_role": step.responsible_role,
            "information_only": step.information_only,
            "activity_type_id": step.activity_type_id.id,
        }

    @api.model
    def _reschedule(self, deadlines):
        """Move milestones to new deadlines (``{milestone: date}``): their
        activities go (the daily job schedules new ones), in one batch
        whatever their number."""
        if not deadlines:
            return
        milestones = self.sudo().union(*deadlines)
        milestones.activity_ids.unlink()
        with self._workflow_system():
            for milestone, deadline in deadlines.items():
                milestone.sudo().write(
                    {"date_deadline": deadline, "activity_scheduled": False}
                )

    def _mark_done(self, done_date=None):
        """Tick the milestones as done on ``done_date`` (today by default):
        server code that already checked who acts (an action of the case or
        the trajectory, an activity done)."""
        done_date = done_date or fields.Date.context_today(self)
        milestones = self.sudo().filtered(
            lambda m: not m.done and not m.no_longer_needed
        )
        with self._workflow_system():
            milestones.write({"done": True, "done_date": done_date})
        milestones.activity_ids.unlink()
        return True

    # --- buttons --------------------------------------------------------------

    def action_mark_done(self):
        self._wf_check_hr(_("Only an HR officer can tick a milestone."))
        for milestone in self:
            if milestone.done:
                raise UserError(
                    _("The milestone %(name)s is already done.", name=milestone.name)
                )
        self.write({"done": True})
        return True

    def action_mark_undone(self):
        self._wf_check_hr(_("Only an HR officer can reopen a milestone."))
        for milestone in self:
            if not milestone.done:
                raise UserError(
                    _("The milestone %(name)s is not done.", name=milestone.name)
                )
        self.write({"done": False})
        return True

from odoo import _, api, fields, models
from odoo.exceptions import UserError

PAPS_GROUP = "hr_burnout_prevention.group_psychosocial_advisor"


class HrSupportSession(models.Model):
    """A session of a support trajectory: when and how long, never what was
    said (that goes into a psychosocial `hr.confidential.note`).

    `done` is guarded (`hr.wellbeing.workflow.mixin`): the PAPS marks a
    session of a running trajectory as held, and a held session stays held
    and is never deleted.
    """

    _name = "hr.support.session"
    _inherit = ["hr.wellbeing.workflow.mixin", "hr.wellbeing.logged.read.mixin"]
    _description = "Support Session"
    _order = "date, id"
    _check_company_auto = True
    _workflow = {"done": {(False, True): "_wf_held"}}

    trajectory_id = fields.Many2one(
        "hr.support.trajectory",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="trajectory_id.company_id", store=True, index=True
    )
    employee_id = fields.Many2one(
        related="trajectory_id.employee_id", store=True, index=True
    )
    kind = fields.Selection(related="trajectory_id.kind")
    date = fields.Datetime(required=True)
    duration = fields.Float(string="Duration (hours)", default=2.0, required=True)
    is_follow_up = fields.Boolean(string="Follow-up")
    moment = fields.Selection(
        [
            ("before", "Before the return"),
            ("during", "During the return"),
            ("after", "After the return"),
        ],
        help="For reconnect sessions.",
    )
    done = fields.Boolean(copy=False)
    note_ids = fields.One2many(
        "hr.confidential.note",
        "support_session_id",
        groups="hr_burnout_prevention.group_psychosocial_advisor,"
        "hr_burnout_prevention.group_occupational_physician",
    )

    _sql_constraints = [
        (
            "duration_positive",
            "CHECK(duration > 0 AND duration <= 10)",
            "A session lasts more than 0 and at most 10 hours.",
        ),
    ]

    # ------------------------------------------------------------------
    # Reads are logged (hr.wellbeing.logged.read.mixin: every read path)
    # ------------------------------------------------------------------
    _log_service = "psychosocial"
    _log_free_fields = (
        "id",
        "company_id",
        "employee_id",
        "trajectory_id",
        "date",
        "duration",
    )

    @api.constrains("date", "duration", "is_follow_up", "moment", "trajectory_id")
    def _check_trajectory_limits(self):
        self.trajectory_id._check_limits()

    @api.model_create_multi
    def create(self, vals_list):
        sessions = super().create(vals_list)
        if not self._workflow_trusted():
            # Entered as held at once: the same check as ticking it later.
            held = sessions.filtered("done")
            if held:
                held._wf_held({})
        return sessions

    def _wf_held(self, vals):
        self._workflow_require_group(
            PAPS_GROUP,
            _(
                "Only the psychosocial prevention advisor records that the session "
                "of %(trajectory)s was held.",
                trajectory=self[:1].trajectory_id.display_name,
            ),
        )
        today = fields.Date.context_today(self)
        for session in self:
            moment = fields.Datetime.to_datetime(vals.get("date")) or session.date
            day = fields.Date.context_today(self, moment)
            if day > today:
                raise UserError(
                    _(
                        "The support session of %(date)s has not taken place yet.",
                        date=day,
                    )
                )
            if session.trajectory_id.state != "running":
                raise UserError(
                    _(
                        "The session of %(date)s belongs to %(trajectory)s, which is "
                        "%(state)s: only a session of a running trajectory is held.",
                        date=day,
                        trajectory=session.trajectory_id.display_name,
                        state=session.trajectory_id._workflow_label(
                            "state", session.trajectory_id.state
                        ),
                    )
                )

    def action_mark_done(self):
        return self._workflow_go({"done": True})

    def _workflow_kept(self):
        return self.filtered("done")

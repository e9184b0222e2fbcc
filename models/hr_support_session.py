from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HrSupportSession(models.Model):
    """A session of a support trajectory: when and how long, never what was
    said (that goes into a psychosocial `hr.confidential.note`)."""

    _name = "hr.support.session"
    _description = "Support Session"
    _order = "date, id"
    _check_company_auto = True

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
    done = fields.Boolean()
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

    @api.constrains("date", "duration", "is_follow_up", "moment", "trajectory_id")
    def _check_trajectory_limits(self):
        self.trajectory_id._check_limits()

    @api.ondelete(at_uninstall=False)
    def _unlink_not_done(self):
        if any(session.done for session in self):
            raise UserError(_("A session that took place is kept."))

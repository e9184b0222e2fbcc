from odoo import _, api, fields, models, tools
from odoo.tools import format_date


class HrSupportTrajectoryPublic(models.Model):
    """What a line manager may know of a support trajectory of their report:
    that it exists, its session dates and the feedback the employee approved
    (while their consent to share it is valid). A SQL view, like
    `hr.employee.public`: the confidential model itself stays unreadable."""

    _name = "hr.support.trajectory.public"
    _inherit = ["hr.wellbeing.logged.read.mixin"]
    # The approved feedback is logged when it is computed for its reader.
    _log_service = False
    _description = "Support Trajectory (manager view)"
    _auto = False
    _order = "date_start desc, id desc"

    employee_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", string="Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_start = fields.Date(readonly=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("running", "Running"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        readonly=True,
    )
    session_ids = fields.One2many(
        "hr.support.session.public", "trajectory_id", readonly=True
    )
    feedback = fields.Text(
        compute="_compute_feedback",
        string="Approved Feedback",
        help="Shown only while the employee's consent to share it is valid.",
    )

    @api.depends("employee_id", "date_start")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # No kind and no content: only who and since when, as on the list.
        for public in self:
            public.display_name = _(
                "Support of %(employee)s since %(date)s",
                employee=public.employee_id.sudo().name or "",
                date=format_date(self.env, public.date_start),
            )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT id, employee_id, department_id, company_id, date_start,
                       state
                  FROM hr_support_trajectory
                 WHERE state != 'draft'
            )"""  # noqa: S608
        )

    @api.depends_context("uid", "date")
    def _compute_feedback(self):
        private = self.env["hr.support.trajectory"].sudo().browse(self.ids)
        consents = (
            self.env["hr.wellbeing.consent"]
            .sudo()
            .search(
                [
                    ("id", "in", private.feedback_consent_id.ids),
                    *self.env["hr.wellbeing.consent"]._valid_domain("share_feedback"),
                ]
            )
        )
        shown = self.browse()
        for public, trajectory in zip(self, private, strict=True):
            if (
                trajectory.feedback_state == "approved"
                and trajectory.feedback_consent_id in consents
            ):
                public.feedback = trajectory.feedback
                shown |= public
            else:
                public.feedback = False
        if shown and not self.env.su:
            self.env["hr.wellbeing.access.log"]._record_access(
                shown,
                "read",
                service="psychosocial",
                field_name="feedback",
            )

from odoo import fields, models, tools


class HrSupportSessionPublic(models.Model):
    """The dates of support sessions, for the manager who frees the time."""

    _name = "hr.support.session.public"
    _description = "Support Session (manager view)"
    _auto = False
    _order = "date, id"

    trajectory_id = fields.Many2one("hr.support.trajectory.public", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", string="Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Datetime(readonly=True)
    duration = fields.Float(string="Duration (hours)", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT s.id, s.trajectory_id, t.employee_id, t.department_id,
                       s.company_id, s.date, s.duration
                  FROM hr_support_session s
                  JOIN hr_support_trajectory t ON t.id = s.trajectory_id
                 WHERE t.state != 'draft'
            )"""  # noqa: S608
        )

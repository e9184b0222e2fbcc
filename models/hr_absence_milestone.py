from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .hr_legal_protocol_step import ROLES


class HrAbsenceMilestone(models.Model):
    _name = "hr.absence.milestone"
    _description = "Absence Milestone"
    _order = "date_deadline, sequence, id"
    _check_company_auto = True

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
    name = fields.Char(required=True, readonly=True)
    date_deadline = fields.Date("Date", required=True, readonly=True)
    responsible_role = fields.Selection(ROLES, readonly=True)
    information_only = fields.Boolean(readonly=True)
    activity_type_id = fields.Many2one("mail.activity.type", readonly=True)
    done = fields.Boolean(readonly=True)
    done_date = fields.Date(readonly=True)
    is_overdue = fields.Boolean("Overdue", readonly=True, index=True)
    activity_scheduled = fields.Boolean(readonly=True, copy=False)
    activity_ids = fields.One2many("mail.activity", "absence_milestone_id")

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

    def _reschedule(self, deadline):
        self.activity_ids.sudo().unlink()
        self.sudo().write(
            {
                "date_deadline": deadline,
                "activity_scheduled": False,
                "is_overdue": False,
            }
        )

    def _mark_done(self, done_date=None):
        done_date = done_date or fields.Date.context_today(self)
        milestones = self.sudo().filtered(lambda m: not m.done)
        milestones.write({"done": True, "done_date": done_date, "is_overdue": False})
        milestones.activity_ids.unlink()

    def action_mark_done(self):
        if not (
            self.env.is_superuser()
            or self.env.user.has_group("hr_burnout_prevention.group_hr_officer")
        ):
            raise UserError(_("Only an HR officer can tick a milestone."))
        self.check_access("write")
        for milestone in self:
            if milestone.done:
                raise UserError(
                    _("The milestone %(name)s is already done.", name=milestone.name)
                )
        self._mark_done()

    def action_mark_undone(self):
        if not (
            self.env.is_superuser()
            or self.env.user.has_group("hr_burnout_prevention.group_hr_officer")
        ):
            raise UserError(_("Only an HR officer can reopen a milestone."))
        self.check_access("write")
        self.sudo().write(
            {"done": False, "done_date": False, "activity_scheduled": False}
        )

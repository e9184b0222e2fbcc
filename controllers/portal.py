from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class ReintegrationPortal(CustomerPortal):
    """The employee's own reintegration plans: read, accept or refuse."""

    def _my_reintegration_plans(self):
        # Only the plans of the logged-in employee, once proposed: read with
        # sudo after that filter, as Odoo's portal pages do.
        return (
            request.env["hr.reintegration.plan"]
            .sudo()
            .search(
                [
                    ("employee_user_id", "=", request.env.user.id),
                    ("state", "!=", "draft"),
                ]
            )
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "reintegration_count" in counters:
            values["reintegration_count"] = len(self._my_reintegration_plans())
        return values

    @http.route("/my/reintegration", type="http", auth="user", website=True)
    def portal_my_reintegration_plans(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(plans=self._my_reintegration_plans(), page_name="reintegration")
        return request.render(
            "hr_burnout_prevention.portal_my_reintegration_plans", values
        )

    def _render_plan(self, plan, error=None):
        values = self._prepare_portal_layout_values()
        values.update(plan=plan, page_name="reintegration", error=error)
        return request.render("hr_burnout_prevention.portal_reintegration_plan", values)

    @http.route(
        "/my/reintegration/<int:plan_id>", type="http", auth="user", website=True
    )
    def portal_reintegration_plan(self, plan_id, **kw):
        plan = self._my_reintegration_plans().filtered(lambda p: p.id == plan_id)
        if not plan:
            return request.redirect("/my")
        return self._render_plan(plan)

    @http.route(
        "/my/reintegration/<int:plan_id>/reply",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_reintegration_reply(self, plan_id, reply=None, reason=None, **kw):
        plan = self._my_reintegration_plans().filtered(lambda p: p.id == plan_id)
        if not plan:
            return request.redirect("/my")
        try:
            # The actions check that the logged-in user is the plan's employee
            # and that the plan waits for the reply.
            if reply == "accept":
                plan.action_accept()
            elif reply == "refuse":
                plan.action_refuse(reason=reason or "")
            else:
                raise UserError(request.env._("Choose to accept or to refuse."))
        except (UserError, AccessError) as error:
            request.env.cr.rollback()
            return self._render_plan(plan, error=error.args[0])
        return request.redirect(f"/my/reintegration/{plan.id}")

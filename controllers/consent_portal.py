from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class ConsentPortal(CustomerPortal):
    """The employee's own consents: read them, give or revoke them."""

    def _my_consents(self):
        # Only the consents of the logged-in employee: read with sudo after
        # that filter, as Odoo's portal pages do. Giving and revoking check
        # again that the user is the employee.
        return (
            request.env["hr.wellbeing.consent"]
            .sudo()
            .search([("employee_id.user_id", "=", request.env.user.id)])
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "consent_count" in counters:
            values["consent_count"] = len(self._my_consents())
        return values

    def _render_consents(self, error=None):
        values = self._prepare_portal_layout_values()
        values.update(consents=self._my_consents(), page_name="consents", error=error)
        return request.render("hr_burnout_prevention.portal_my_consents", values)

    @http.route("/my/consents", type="http", auth="user", website=True)
    def portal_my_consents(self, **kw):
        return self._render_consents()

    @http.route(
        "/my/consents/<int:consent_id>/<string:step>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_consent_step(self, consent_id, step, **kw):
        consent = self._my_consents().filtered(lambda c: c.id == consent_id)
        if not consent or step not in ("give", "revoke"):
            return request.redirect("/my/consents")
        try:
            if step == "give":
                consent.action_give()
            else:
                consent.action_revoke()
        except (UserError, ValidationError, AccessError) as error:
            request.env.cr.rollback()
            return self._render_consents(error=error.args[0])
        return request.redirect("/my/consents")

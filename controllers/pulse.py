from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

REFUSALS = (UserError, ValidationError, AccessError)


class PulsePortal(CustomerPortal):
    """The pulse's answer page, for portal and internal users alike.

    The page shows the open campaigns the logged-in person may answer and has
    not, and posts the answers straight to `campaign._submit_answers`, which
    checks everything again (population, dates, a second answer) and stores
    them apart from the person. Nothing is kept in between: no draft, no
    transient record (whose creator would link the answers to the person);
    after a refusal the page shows what was given, from the request only."""

    def _pulse_campaigns(self):
        # The campaign model filters on the current user; read with sudo
        # after that filter, as Odoo's portal pages do.
        return request.env["hr.pulse.campaign"]._open_for_user().sudo()

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "pulse_count" in counters:
            values["pulse_count"] = len(self._pulse_campaigns())
        return values

    def _render_pulse_list(self, error=None, message=None):
        values = self._prepare_portal_layout_values()
        values.update(
            campaigns=self._pulse_campaigns(),
            page_name="pulse",
            error=error,
            message=message,
        )
        return request.render("hr_burnout_prevention.portal_my_pulse", values)

    def _render_pulse_form(self, campaign, error=None, given=None):
        values = self._prepare_portal_layout_values()
        values.update(
            campaign=campaign,
            lines=campaign.line_ids.sorted(lambda line: (line.sequence, line.id)),
            page_name="pulse_form",
            error=error,
            given=given or {},
        )
        return request.render("hr_burnout_prevention.portal_pulse_form", values)

    @http.route("/my/pulse", type="http", auth="user", website=True)
    def portal_my_pulse(self, **kw):
        return self._render_pulse_list()

    @http.route("/my/pulse/<int:campaign_id>", type="http", auth="user", website=True)
    def portal_pulse_form(self, campaign_id, **kw):
        campaign = self._pulse_campaigns().filtered(lambda c: c.id == campaign_id)
        if not campaign:
            return self._render_pulse_list(
                error=_(
                    "This pulse is not open to you: it is closed, you answered "
                    "it already, or it asks other people."
                )
            )
        return self._render_pulse_form(campaign)

    def _given_answers(self, campaign, post):
        """{line id: the text given} for the campaign's questions: sent as
        given to the model, which checks it (a number from 1 to 5, a text),
        and shown again after a refusal."""
        given = {}
        for line in campaign.line_ids:
            raw = (post.get(f"q_{line.id}") or "").strip()
            if raw:
                given[line.id] = raw
        return given

    @http.route(
        "/my/pulse/<int:campaign_id>/submit",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_pulse_submit(self, campaign_id, **post):
        # Any campaign of the database by its id: the model refuses, with its
        # own message, a closed campaign, a second answer or a person outside
        # the population.
        campaign = request.env["hr.pulse.campaign"].sudo().browse(campaign_id).exists()
        if not campaign:
            return self._render_pulse_list(
                error=_("This pulse does not exist (any more).")
            )
        given = self._given_answers(campaign, post)
        try:
            campaign.with_user(request.env.user)._submit_answers(given)
        except REFUSALS as error:
            request.env.cr.rollback()
            message = error.args[0]
            if campaign not in self._pulse_campaigns():
                # Not (or no longer) the person's to answer: the list and the
                # message, not the campaign's questions.
                return self._render_pulse_list(error=message)
            return self._render_pulse_form(campaign, error=message, given=given)
        return request.redirect("/my/pulse/thanks")

    @http.route("/my/pulse/thanks", type="http", auth="user", website=True)
    def portal_pulse_thanks(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(campaigns=self._pulse_campaigns(), page_name="pulse")
        return request.render("hr_burnout_prevention.portal_pulse_thanks", values)

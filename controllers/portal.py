from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

# The plans the employee follows on "My return": proposed and later.
FOLLOWED_STATES = ("proposed", "accepted", "refused", "running")
WISH_FIELDS = (
    "contact_frequency",
    "contact_channel",
    "topics_to_avoid",
    "contact_pause_until",
)
REFUSALS = (UserError, ValidationError, AccessError)


class ReintegrationPortal(CustomerPortal):
    """The employee's return to work: "My return" (their plan, the weekly
    check-in, their contact wishes and consents) and the plan's own page.

    Every record is looked up among the logged-in employee's own (on the live
    link between the employee and their user), read with sudo after that
    filter as Odoo's portal pages do; the models' own moves check again that
    the user is the employee."""

    def _my_employee_domain(self, field="employee_id"):
        return [(f"{field}.user_id", "=", request.env.user.id)]

    def _my_reintegration_plans(self):
        # Only the plans of the logged-in employee, once proposed.
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

    def _my_checkins(self):
        return (
            request.env["hr.reintegration.checkin"]
            .sudo()
            .search(self._my_employee_domain("plan_id.employee_id"))
        )

    def _my_cases(self):
        return (
            request.env["hr.absence.case"]
            .sudo()
            .search(self._my_employee_domain(), order="date_start desc")
        )

    def _my_return_consents(self):
        return (
            request.env["hr.wellbeing.consent"]
            .sudo()
            .search(self._my_employee_domain())
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "reintegration_count" in counters:
            # What "My return" holds: plans, cases, consents.
            values["reintegration_count"] = (
                len(self._my_reintegration_plans())
                + len(self._my_cases())
                + len(self._my_return_consents())
            )
        return values

    # ------------------------------------------------------------------
    # My return
    # ------------------------------------------------------------------
    def _my_return_values(self, error=None, wishes=None):
        today = fields.Date.context_today(request.env.user)
        plans = self._my_reintegration_plans()
        followed = plans.filtered(lambda p: p.state in FOLLOWED_STATES)
        plan = followed[:1] or plans[:1]
        phases = plan.phase_ids.sorted("date_start")
        current_phase = phases.filtered(lambda p: p.date_start <= today <= p.date_end)[
            :1
        ]
        reviews = phases.filtered(
            lambda p: not p.review_done and p.review_date and p.review_date >= today
        ).sorted("review_date")
        cases = self._my_cases()
        case = cases.filtered(lambda c: c.state in ("absent", "return_planned"))[:1]
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="my_return",
            plan=plan,
            other_plans=plans - plan,
            current_phase=current_phase,
            next_review=reviews[:1],
            checkins=self._my_checkins().filtered(
                lambda c: c.state == "pending" and c.plan_id.state == "running"
            ),
            answered_checkins=self._my_checkins().filtered(
                lambda c: c.state == "answered"
            )[:3],
            case=case,
            wishes=wishes or {},
            channels=case._fields["contact_channel"]._description_selection(
                request.env
            ),
            consents=self._my_return_consents(),
            loads=request.env["hr.reintegration.checkin"]
            ._fields["load"]
            ._description_selection(request.env),
            error=error,
            sent=request.params.get("sent"),
        )
        return values

    def _render_my_return(self, error=None, wishes=None):
        return request.render(
            "hr_burnout_prevention.portal_my_return",
            self._my_return_values(error=error, wishes=wishes),
        )

    @http.route("/my/return", type="http", auth="user", website=True)
    def portal_my_return(self, **kw):
        return self._render_my_return()

    @http.route(
        "/my/return/checkin/<int:checkin_id>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_return_checkin(self, checkin_id, load=None, need_talk=None, **kw):
        checkin = self._my_checkins().filtered(lambda c: c.id == checkin_id)
        if not checkin:
            return request.redirect("/my/return")
        try:
            loads = dict(checkin._fields["load"].selection)
            checkin.write(
                {
                    "load": load if load in loads else False,
                    "need_talk": bool(need_talk),
                }
            )
            # The check-in's move checks that the user is its employee.
            checkin.action_submit()
        except REFUSALS as error:
            request.env.cr.rollback()
            return self._render_my_return(error=error.args[0])
        return request.redirect("/my/return?sent=checkin")

    def _parse_wishes(self, case, post):
        """The contact wishes of the form, as values of the case (a clear
        message naming the field for what is not a value)."""
        env = request.env
        vals = {}
        frequency = (post.get("contact_frequency") or "").strip()
        try:
            vals["contact_frequency"] = int(frequency)
        except ValueError:
            raise UserError(
                env._(
                    "%(field)s must be a whole number of days: %(value)s is not.",
                    field=case._field_label("contact_frequency"),
                    value=frequency or '""',
                )
            ) from None
        channels = dict(case._fields["contact_channel"].selection)
        channel = post.get("contact_channel")
        if channel not in channels:
            raise UserError(
                env._(
                    "Choose how you would like to be contacted (%(field)s).",
                    field=case._field_label("contact_channel"),
                )
            )
        vals["contact_channel"] = channel
        vals["topics_to_avoid"] = (post.get("topics_to_avoid") or "").strip() or False
        pause = (post.get("contact_pause_until") or "").strip()
        try:
            vals["contact_pause_until"] = fields.Date.to_date(pause) or False
        except ValueError:
            raise UserError(
                env._(
                    "%(field)s must be a date: %(value)s is not.",
                    field=case._field_label("contact_pause_until"),
                    value=pause,
                )
            ) from None
        # Only what changed: an unchanged wish keeps the agreed contact plan.
        return {name: value for name, value in vals.items() if case[name] != value}

    @http.route(
        "/my/return/wishes/<int:case_id>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_return_wishes(self, case_id, **post):
        case = self._my_cases().filtered(lambda c: c.id == case_id)
        if not case:
            return request.redirect("/my/return")
        try:
            vals = self._parse_wishes(case, post)
            if vals:
                # The case's own path for the employee: only these fields,
                # only their own open case, a frequency of at least one day.
                case._write_contact_wishes(vals)
        except REFUSALS as error:
            request.env.cr.rollback()
            return self._render_my_return(
                error=error.args[0], wishes={f: post.get(f) for f in WISH_FIELDS}
            )
        return request.redirect("/my/return?sent=wishes")

    @http.route(
        "/my/return/consent/<int:consent_id>/<string:step>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_return_consent(self, consent_id, step, **kw):
        consent = self._my_return_consents().filtered(lambda c: c.id == consent_id)
        if not consent or step not in ("give", "revoke"):
            return request.redirect("/my/return")
        try:
            # The consent's moves check that the user is its employee.
            if step == "give":
                consent.action_give()
            else:
                consent.action_revoke()
        except REFUSALS as error:
            request.env.cr.rollback()
            return self._render_my_return(error=error.args[0])
        return request.redirect(f"/my/return?sent=consent_{step}")

    # ------------------------------------------------------------------
    # The plan's own page
    # ------------------------------------------------------------------
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
        except REFUSALS as error:
            request.env.cr.rollback()
            return self._render_plan(plan, error=error.args[0])
        return request.redirect(f"/my/reintegration/{plan.id}")

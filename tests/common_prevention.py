"""Fixtures of the prevention side for the workflow tests: one record of each
workflow model in each of its states, every state reached through the
guarded moves (the models' own buttons), as the taskforce makes them.

Dates are relative to the day the tests run (the HTTP tests do not freeze
the clock): a policy from 1 January of this year for five years, this
year's plan and next year's.
"""

from dateutil.relativedelta import relativedelta

from odoo import Command, fields

from .common import WellbeingFixtures


class PreventionFixtures(WellbeingFixtures):
    """Use it before TransactionCase or HttpCase and call
    ``cls.setup_prevention()`` in ``setUpClass``."""

    @classmethod
    def setup_prevention(cls):
        cls.setup_wellbeing()
        # The day of the fixtures' users (Brussels), also for what the set-up
        # does: the moves compare the days they are given with today.
        cls.env = cls.env(context=dict(cls.env.context, tz="Europe/Brussels"))
        cls.today = fields.Date.context_today(cls.env["res.users"])
        year = cls.today.year
        cls.policy = cls.env["hr.prevention.policy"].create(
            {
                "name": "Workflow policy",
                "date_start": f"{year}-01-01",
                "date_end": fields.Date.to_date(f"{year}-01-01")
                + relativedelta(years=5, days=-1),
            }
        )
        cls.plan = cls.env["hr.prevention.year.plan"].create(
            {"year": year, "policy_id": cls.policy.id}
        )
        cls.analysis = cls.env["hr.risk.analysis"].create(
            {"name": "Workflow analysis", "policy_id": cls.policy.id}
        )
        cls.finding = cls.env["hr.risk.finding"].create(
            {
                "name": "Month-end peaks",
                "analysis_id": cls.analysis.id,
                "domain": "work_organisation",
                "kind": "bottleneck",
                "priority": "high",
            }
        )
        cls.declarations = cls._declarations()
        cls.actions = cls._actions()
        cls.year_plans = cls._year_plans()
        cls.evaluations = cls._evaluations()

    # --- intent declarations --------------------------------------------

    @classmethod
    def new_declaration(cls, name, **values):
        return cls.env["hr.intent.declaration"].create(
            {
                "name": name,
                "policy_id": cls.policy.id,
                "body": "<p>Burn-out is not an individual failure.</p>",
                **values,
            }
        )

    @classmethod
    def approve_declaration(cls, declaration):
        declaration.action_request_advice()
        declaration.write(
            {"signatory_name": "Bart Mertens", "approval_date": cls.today}
        )
        declaration.action_approve()

    @classmethod
    def _declarations(cls):
        """{state: declaration}: the superseded one was published first."""
        draft = cls.new_declaration("Draft text")
        requested = cls.new_declaration("Asked text")
        requested.action_request_advice()
        approved = cls.new_declaration("Approved text")
        cls.approve_declaration(approved)
        superseded = cls.new_declaration("First text")
        cls.approve_declaration(superseded)
        superseded.action_publish()
        published = cls.new_declaration("Second text")
        cls.approve_declaration(published)
        published.action_publish()
        return {
            "draft": draft,
            "advice_requested": requested,
            "approved": approved,
            "published": published,
            "superseded": superseded,
        }

    # --- actions --------------------------------------------------------

    @classmethod
    def new_action(cls, name, user=None, **values):
        user = user or cls.users["manager"]
        return cls.env["hr.prevention.action"].create(
            {
                "name": name,
                "domain": "work_organisation",
                "year_plan_id": cls.plan.id,
                "user_id": user.id,
                "department_id": cls.operations.id,
                "date_start": cls.today,
                "date_deadline": cls.today + relativedelta(months=3),
                **values,
            }
        )

    @classmethod
    def _actions(cls):
        """{state: action}, owned by the line manager."""
        actions = {
            state: cls.new_action(f"Action {state}")
            for state in (
                "draft",
                "planned",
                "in_progress",
                "postponed",
                "done",
                "cancelled",
            )
        }
        (
            actions["planned"]
            | actions["in_progress"]
            | actions["postponed"]
            | actions["done"]
        ).action_plan()
        (actions["in_progress"] | actions["done"]).action_start()
        actions["postponed"].action_postpone()
        actions["done"].action_done()
        actions["cancelled"].action_cancel()
        return actions

    # --- annual plans ---------------------------------------------------

    @classmethod
    def _year_plans(cls):
        """{advice state: plan}: this year's plan has its advice, next
        year's is asked, the one after waits."""
        year = cls.today.year
        Plan = cls.env["hr.prevention.year.plan"]
        cls.plan.action_request_advice()
        cls.plan.write({"advice_result": "favourable", "advice_text": "Fine."})
        cls.plan.action_receive_advice()
        requested = Plan.create({"year": year + 1, "policy_id": cls.policy.id})
        requested.action_request_advice()
        waiting = Plan.create({"year": year + 2, "policy_id": cls.policy.id})
        return {"not_requested": waiting, "requested": requested, "received": cls.plan}

    # --- evaluations ----------------------------------------------------

    @classmethod
    def _evaluations(cls):
        """{"draft": an evaluation with a result missing, "ready": one with
        every result, "closed": one closed}, each of its own plan's actions."""
        Evaluation = cls.env["hr.prevention.evaluation"]
        draft = Evaluation.create({"year_plan_id": cls.plan.id})
        ready = Evaluation.create(
            {
                "year_plan_id": cls.plan.id,
                "line_ids": [
                    Command.create(
                        {"action_id": cls.actions["done"].id, "result": "achieved"}
                    )
                ],
            }
        )
        closed = Evaluation.create(
            {
                "year_plan_id": cls.plan.id,
                "line_ids": [
                    Command.create(
                        {"action_id": cls.actions["done"].id, "result": "achieved"}
                    ),
                    Command.create(
                        {
                            "action_id": cls.actions["in_progress"].id,
                            "result": "partly",
                        }
                    ),
                ],
            }
        )
        closed.action_close()
        return {"draft": draft, "ready": ready, "closed": closed}

"""Every state change of the prevention side goes through the guard of its
model, whatever the client: the web client's buttons, a plain JSON-RPC
``write``/``create``/``unlink`` (``/web/dataset/call_kw``, as any client of
Odoo can send), an import or server code.

The guarded fields: the intent declaration's ``state``, ``version``,
``date_published`` and ``superseded_by_id``; the action's ``state``,
``is_overdue`` and ``origin_line_id``; the policy's ``stage``; the annual
plan's ``advice_state``, its advice dates, result and text and its
``advice_deadline``; the evaluation's ``state`` and its lines; the
computed ``is_unanswered`` of a finding and ``next_analysis_date`` of an
analysis.
"""

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, tagged

from .common import ROLE_GROUPS, JsonRpcMixin
from .common_prevention import PreventionFixtures

ROLES = tuple(ROLE_GROUPS)
# The roles of the prevention work: the taskforce and the roles that imply
# it (HR officer, the addon's administrator, Odoo's administrator).
TASKFORCE_ROLES = ("taskforce", "hr", "admin", "odoo_admin")
OTHER_ROLES = ("employee", "manager", "paps", "physician")
# What a client could send to slip past a check: none of it opens one.
HOSTILE_CONTEXT = {
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_create_nolog": True,
    "hr_wellbeing_workflow_system": True,
    "workflow_system": True,
    "active_test": False,
}
# Every state-like field of the workflow models, read back after each refusal.
GUARDED = {
    "hr.intent.declaration": [
        "state",
        "version",
        "date_published",
        "superseded_by_id",
        "signatory_name",
        "approval_date",
        "body",
        "active",
    ],
    "hr.prevention.action": ["state", "is_overdue", "origin_line_id", "progress"],
    "hr.prevention.policy": ["stage"],
    "hr.prevention.year.plan": [
        "advice_state",
        "advice_requested_date",
        "advice_received_date",
        "advice_result",
        "advice_text",
        "advice_deadline",
        "year",
    ],
    "hr.prevention.evaluation": ["state", "conclusions"],
    "hr.prevention.evaluation.line": ["result", "comment", "evaluation_id"],
    "hr.risk.finding": ["is_unanswered"],
    "hr.risk.analysis": ["next_analysis_date"],
}


class PreventionWorkflowMixin(PreventionFixtures):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_prevention()
        cls.actors = {role: cls.users[role] for role in ROLES}
        cls.actors["odoo_admin"] = cls.odoo_admin
        cls.closed_line = cls.evaluations["closed"].line_ids[:1]

    def _read(self, record, fnames=None):
        self.env.invalidate_all()
        record = record.with_context(active_test=False)
        self.assertTrue(record.exists(), f"{record} was deleted")
        return record.read(fnames or GUARDED[record._name])[0]

    def _kept(self):
        """The records the law or a signature fixed: never deleted."""
        return [
            self.declarations["published"],
            self.declarations["superseded"],
            self.evaluations["closed"],
            self.closed_line,
            self.year_plans["received"],
            # Evaluated in the closed evaluation.
            self.actions["done"],
        ]


@tagged("post_install", "-at_install")
class TestWorkflowPreventionRpc(JsonRpcMixin, PreventionWorkflowMixin, HttpCase):
    """Over JSON-RPC, as each role of the fixtures and Odoo's administrator."""

    def _refused_writes(self):
        """(record, values) that no role may write: moves out of order,
        moves without what they need, system fields, fixed records."""
        d, a, p, e = (
            self.declarations,
            self.actions,
            self.year_plans,
            self.evaluations,
        )
        today = self.today
        yesterday = str(today - relativedelta(days=1))
        tomorrow = str(today + relativedelta(days=1))
        return [
            (d["draft"], {"state": "published"}),
            (d["draft"], {"state": "approved"}),
            (d["draft"], {"state": "superseded"}),
            (d["draft"], {"superseded_by_id": d["published"].id}),
            (d["draft"], {"version": 99}),
            (d["draft"], {"date_published": str(today)}),
            (d["advice_requested"], {"state": "published"}),
            # Not without a signatory and an approval date.
            (d["advice_requested"], {"state": "approved"}),
            (d["approved"], {"state": "superseded"}),
            (d["approved"], {"body": "<p>Another text</p>"}),
            (d["approved"], {"signatory_name": "Somebody Else"}),
            (d["approved"], {"state": "published", "date_published": tomorrow}),
            (d["published"], {"state": "draft"}),
            (d["published"], {"state": "superseded"}),
            (d["published"], {"state": "approved"}),
            (d["published"], {"body": "<p>Another text</p>"}),
            (d["published"], {"date_published": yesterday}),
            (d["published"], {"superseded_by_id": d["draft"].id}),
            (d["superseded"], {"state": "published"}),
            (d["superseded"], {"superseded_by_id": False}),
            (a["draft"], {"state": "done"}),
            (a["draft"], {"state": "in_progress"}),
            (a["draft"], {"state": "postponed"}),
            (a["draft"], {"is_overdue": True}),
            (a["draft"], {"origin_line_id": self.closed_line.id}),
            (a["planned"], {"state": "draft"}),
            (a["in_progress"], {"state": "planned"}),
            (a["postponed"], {"state": "draft"}),
            (a["done"], {"state": "in_progress"}),
            (a["done"], {"state": "cancelled"}),
            (a["done"], {"is_overdue": True}),
            (a["done"], {"origin_line_id": False}),
            (a["cancelled"], {"state": "done"}),
            (a["cancelled"], {"state": "planned"}),
            (self.policy, {"stage": "preparation"}),
            (self.policy, {"stage": "adjustment"}),
            (p["not_requested"], {"advice_state": "received"}),
            (p["not_requested"], {"advice_requested_date": str(today)}),
            (p["not_requested"], {"advice_result": "favourable"}),
            (p["not_requested"], {"advice_deadline": str(today)}),
            (p["requested"], {"advice_state": "not_requested"}),
            # Not without its result.
            (p["requested"], {"advice_state": "received"}),
            (p["requested"], {"advice_requested_date": yesterday}),
            (p["requested"], {"year": today.year + 3}),
            (p["received"], {"advice_state": "requested"}),
            (p["received"], {"advice_result": "unfavourable"}),
            (p["received"], {"advice_text": "Another advice"}),
            (p["received"], {"advice_received_date": yesterday}),
            # A result is missing.
            (e["draft"], {"state": "closed"}),
            (e["closed"], {"state": "draft"}),
            (e["closed"], {"conclusions": "<p>Another conclusion</p>"}),
            (self.closed_line, {"result": "not_achieved"}),
            # Computed flags and dates are the system's.
            (self.finding, {"is_unanswered": False}),
            (self.analysis, {"next_analysis_date": yesterday}),
            (self.closed_line, {"evaluation_id": e["draft"].id}),
            (e["draft"].line_ids[:1], {"evaluation_id": e["closed"].id}),
        ]

    def _role_moves(self):
        """(record, values, roles): moves the taskforce may make, refused to
        the other roles."""
        d, a, p, e = (
            self.declarations,
            self.actions,
            self.year_plans,
            self.evaluations,
        )
        return [
            (d["draft"], {"state": "advice_requested"}, OTHER_ROLES),
            (d["advice_requested"], {"state": "draft"}, OTHER_ROLES),
            (
                d["advice_requested"],
                {
                    "state": "approved",
                    "signatory_name": "Bart Mertens",
                    "approval_date": str(self.today),
                },
                OTHER_ROLES,
            ),
            (d["approved"], {"state": "published"}, OTHER_ROLES),
            (a["draft"], {"state": "planned"}, OTHER_ROLES),
            (a["planned"], {"state": "cancelled"}, OTHER_ROLES),
            (a["cancelled"], {"state": "draft"}, OTHER_ROLES),
            # The owner's moves: not for those who do not own the action.
            (a["planned"], {"state": "in_progress"}, ("employee", "paps", "physician")),
            (a["in_progress"], {"state": "done"}, ("employee", "paps", "physician")),
            (a["planned"], {"state": "postponed"}, ("employee", "paps", "physician")),
            (self.policy, {"stage": "support_base"}, OTHER_ROLES),
            (p["not_requested"], {"advice_state": "requested"}, OTHER_ROLES),
            (
                p["requested"],
                {"advice_state": "received", "advice_result": "favourable"},
                OTHER_ROLES,
            ),
            (e["ready"], {"state": "closed"}, OTHER_ROLES),
        ]

    def _refused_creates(self):
        """(model, values, context): a new record starts in its first state,
        without system fields, whatever the values or the context say."""
        year = self.today.year
        action = {
            "name": "Created late",
            "domain": "work_content",
            "year_plan_id": self.plan.id,
        }
        return [
            (
                "hr.risk.finding",
                {
                    "name": "Created late",
                    "analysis_id": self.analysis.id,
                    "domain": "work_content",
                    "priority": "high",
                    "is_unanswered": False,
                },
                {},
            ),
            (
                "hr.risk.analysis",
                {"name": "Created late", "next_analysis_date": str(self.today)},
                {},
            ),
            (
                "hr.intent.declaration",
                {"name": "Created late", "state": "published"},
                {},
            ),
            (
                "hr.intent.declaration",
                {"name": "Created late"},
                {"default_state": "published"},
            ),
            (
                "hr.intent.declaration",
                {"name": "Created late", "date_published": str(self.today)},
                {},
            ),
            (
                "hr.intent.declaration",
                {
                    "name": "Created late",
                    "superseded_by_id": self.declarations["published"].id,
                },
                {},
            ),
            ("hr.prevention.action", {**action, "state": "done"}, {}),
            ("hr.prevention.action", action, {"default_state": "in_progress"}),
            ("hr.prevention.action", {**action, "is_overdue": True}, {}),
            ("hr.prevention.action", action, {"default_is_overdue": True}),
            (
                "hr.prevention.action",
                {**action, "origin_line_id": self.closed_line.id},
                {},
            ),
            (
                "hr.prevention.policy",
                {
                    "name": "Created late",
                    "date_start": f"{year + 10}-01-01",
                    "date_end": f"{year + 14}-12-31",
                    "stage": "adjustment",
                },
                {},
            ),
            (
                "hr.prevention.policy",
                {
                    "name": "Created late",
                    "date_start": f"{year + 10}-01-01",
                    "date_end": f"{year + 14}-12-31",
                },
                {"default_stage": "implementation"},
            ),
            (
                "hr.prevention.year.plan",
                {
                    "year": year + 3,
                    "policy_id": self.policy.id,
                    "advice_state": "received",
                },
                {},
            ),
            (
                "hr.prevention.year.plan",
                {"year": year + 3, "policy_id": self.policy.id},
                {"default_advice_state": "requested"},
            ),
            (
                "hr.prevention.year.plan",
                {
                    "year": year + 3,
                    "policy_id": self.policy.id,
                    "advice_requested_date": str(self.today),
                },
                {},
            ),
            (
                "hr.prevention.year.plan",
                {
                    "year": year + 3,
                    "policy_id": self.policy.id,
                    "advice_result": "favourable",
                },
                {},
            ),
            (
                "hr.prevention.evaluation",
                {"year_plan_id": self.plan.id, "state": "closed"},
                {},
            ),
            (
                "hr.prevention.evaluation",
                {"year_plan_id": self.plan.id},
                {"default_state": "closed"},
            ),
            (
                "hr.prevention.evaluation.line",
                {
                    "evaluation_id": self.evaluations["closed"].id,
                    "action_id": self.actions["planned"].id,
                },
                {},
            ),
        ]

    def _count(self, model):
        self.env.invalidate_all()
        return self.env[model].with_context(active_test=False).search_count([])

    def test_writes_and_creates_refused_for_every_role(self):
        refused = self._refused_writes()
        role_moves = self._role_moves()
        creates = self._refused_creates()
        for role, user in self.actors.items():
            for record, vals in refused:
                contexts = [{}]
                if role in TASKFORCE_ROLES:
                    contexts.append(HOSTILE_CONTEXT)
                for context in contexts:
                    with self.subTest(
                        role=role,
                        record=record.display_name,
                        vals=vals,
                        context=context,
                    ):
                        before = self._read(record, GUARDED[record._name] + list(vals))
                        self.assertRpcRefused(
                            user,
                            record._name,
                            "write",
                            record.ids,
                            vals,
                            context=context,
                        )
                        self.assertEqual(
                            self._read(record, GUARDED[record._name] + list(vals)),
                            before,
                        )
            for record, vals, roles in role_moves:
                if role not in roles:
                    continue
                with self.subTest(role=role, record=record.display_name, vals=vals):
                    before = self._read(record)
                    self.assertRpcRefused(user, record._name, "write", record.ids, vals)
                    self.assertEqual(self._read(record), before)
            for model, vals, context in creates:
                with self.subTest(role=role, model=model, vals=vals, context=context):
                    count = self._count(model)
                    self.assertRpcRefused(
                        user, model, "create", [vals], context=context
                    )
                    self.assertEqual(self._count(model), count)
            # The old bypass is gone, and the guard's own code is never a
            # way in: a private method cannot be called remotely.
            for record in (self.declarations["draft"], self.actions["draft"]):
                with self.subTest(role=role, bypass=record._name):
                    before = self._read(record)
                    _result, error = self.rpc(
                        user, record._name, "_set_state", record.ids, {"state": "done"}
                    )
                    self.assertIn("does not exist", error["message"])
                    self.assertRpcRefused(
                        user,
                        record._name,
                        "_workflow_write",
                        record.ids,
                        {"state": "done"},
                        ["state"],
                    )
                    self.assertEqual(self._read(record), before)

    def test_manager_moves_only_the_actions_they_own(self):
        """The manager reads the actions of the departments they manage; they
        move only their own."""
        manager = self.users["manager"]
        theirs = self.new_action("Not the manager's", user=self.users["hr"])
        theirs.action_plan()
        self.assertEqual(
            self.assertRpcOk(manager, theirs._name, "read", theirs.ids, ["state"]),
            [{"id": theirs.id, "state": "planned"}],
        )
        for method in (
            "action_start",
            "action_postpone",
            "action_done",
            "action_cancel",
        ):
            with self.subTest(method=method):
                self.assertRpcRefused(manager, theirs._name, method, theirs.ids)
                self.assertEqual(self._read(theirs)["state"], "planned")
        for vals in ({"state": "in_progress"}, {"state": "done"}, {"progress": 50}):
            with self.subTest(vals=vals):
                self.assertRpcRefused(manager, theirs._name, "write", theirs.ids, vals)
                self.assertEqual(self._read(theirs)["state"], "planned")

    def test_actions_in_a_wrong_state_are_refused(self):
        wrong = {
            "hr.intent.declaration": {
                "action_request_advice": (
                    "advice_requested",
                    "approved",
                    "published",
                    "superseded",
                ),
                "action_approve": ("draft", "approved", "published", "superseded"),
                "action_publish": (
                    "draft",
                    "advice_requested",
                    "published",
                    "superseded",
                ),
                "action_draft": ("draft", "published", "superseded"),
            },
            "hr.prevention.action": {
                "action_plan": ("planned", "in_progress", "done", "cancelled"),
                "action_start": ("draft", "in_progress", "done", "cancelled"),
                "action_postpone": ("draft", "postponed", "done", "cancelled"),
                "action_done": ("draft", "done", "cancelled"),
                "action_cancel": ("done", "cancelled"),
                "action_draft": (
                    "draft",
                    "planned",
                    "in_progress",
                    "postponed",
                    "done",
                ),
            },
            "hr.prevention.year.plan": {
                "action_request_advice": ("requested", "received"),
                "action_receive_advice": ("not_requested", "received"),
            },
            "hr.prevention.evaluation": {"action_close": ("closed",)},
        }
        records = {
            "hr.intent.declaration": self.declarations,
            "hr.prevention.action": self.actions,
            "hr.prevention.year.plan": self.year_plans,
            "hr.prevention.evaluation": self.evaluations,
        }
        policy_last = self.env["hr.prevention.policy"].create(
            {
                "name": "At its end",
                "date_start": f"{self.today.year + 10}-01-01",
                "date_end": f"{self.today.year + 14}-12-31",
            }
        )
        for _step in range(6):
            policy_last.action_next_stage()
        self.assertEqual(policy_last.stage, "adjustment")
        for role in ("taskforce", "odoo_admin"):
            user = self.actors[role]
            for model, methods in wrong.items():
                for method, states in methods.items():
                    for state in states:
                        record = records[model][state]
                        with self.subTest(role=role, method=method, state=state):
                            before = self._read(record)
                            message = self.assertRpcRefused(
                                user, model, method, record.ids
                            )
                            # The record is named in the message.
                            self.assertIn(record.display_name, message)
                            self.assertEqual(self._read(record), before)
            for record, method in (
                (self.policy, "action_previous_stage"),
                (policy_last, "action_next_stage"),
            ):
                with self.subTest(role=role, method=method):
                    before = self._read(record)
                    message = self.assertRpcRefused(
                        user, record._name, method, record.ids
                    )
                    self.assertIn(record.name, message)
                    self.assertEqual(self._read(record), before)

    def test_kept_records_are_never_deleted(self):
        for role, user in self.actors.items():
            for record in self._kept():
                with self.subTest(role=role, record=record.display_name):
                    before = self._read(record)
                    self.assertRpcRefused(user, record._name, "unlink", record.ids)
                    self.assertEqual(self._read(record), before)
        # Not by the superuser either.
        for record in self._kept():
            with self.subTest(record=record.display_name):
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    record.sudo().unlink()
                self.assertTrue(record.exists())

    def test_the_right_role_moves_and_every_button_answers(self):
        """Each move by the role that may make it, over JSON-RPC: a button
        answers True or an action (never None, which XML-RPC cannot send);
        a plain write of the same values is the same move."""
        taskforce, manager = self.users["taskforce"], self.users["manager"]
        d, a, p, e = (
            self.declarations,
            self.actions,
            self.year_plans,
            self.evaluations,
        )
        # The declaration asked for advice needs its signature first: the
        # form saves it, then the button runs.
        self.assertRpcOk(
            taskforce,
            d["advice_requested"]._name,
            "write",
            d["advice_requested"].ids,
            {"signatory_name": "Bart Mertens", "approval_date": str(self.today)},
        )
        steps = [
            (
                taskforce,
                d["draft"],
                "action_request_advice",
                "state",
                "advice_requested",
            ),
            (taskforce, d["draft"], "action_draft", "state", "draft"),
            (taskforce, d["approved"], "action_draft", "state", "draft"),
            (taskforce, d["advice_requested"], "action_approve", "state", "approved"),
            (taskforce, a["draft"], "action_plan", "state", "planned"),
            (manager, a["draft"], "action_start", "state", "in_progress"),
            (manager, a["draft"], "action_postpone", "state", "postponed"),
            (taskforce, a["draft"], "action_plan", "state", "planned"),
            (manager, a["draft"], "action_done", "state", "done"),
            (taskforce, a["planned"], "action_cancel", "state", "cancelled"),
            (taskforce, a["planned"], "action_draft", "state", "draft"),
            (taskforce, self.policy, "action_next_stage", "stage", "support_base"),
            (taskforce, self.policy, "action_previous_stage", "stage", "discovery"),
            (
                taskforce,
                p["not_requested"],
                "action_request_advice",
                "advice_state",
                "requested",
            ),
            (taskforce, e["ready"], "action_close", "state", "closed"),
        ]
        for user, record, method, fname, value in steps:
            with self.subTest(
                user=user.login, record=record.display_name, method=method
            ):
                result = self.assertRpcOk(user, record._name, method, record.ids)
                self.assertIsNotNone(result)
                self.assertTrue(result is True or result.get("type"), result)
                self.assertEqual(self._read(record, [fname])[fname], value)
        self.assertEqual(self._read(a["draft"], ["progress"])["progress"], 100)
        # Buttons that answer an action.
        self.assertRpcOk(
            taskforce,
            p["requested"]._name,
            "write",
            p["requested"].ids,
            {"advice_result": "remarks", "advice_text": "With remarks."},
        )
        self.assertIs(
            self.assertRpcOk(
                taskforce,
                p["requested"]._name,
                "action_receive_advice",
                p["requested"].ids,
            ),
            True,
        )
        plan = self._read(p["requested"])
        self.assertEqual(plan["advice_state"], "received")
        self.assertEqual(plan["advice_received_date"], self.today)
        evaluation = e["closed"]
        action = self.assertRpcOk(
            taskforce, evaluation._name, "action_adjust", evaluation.ids
        )
        self.assertEqual(action["res_model"], "hr.prevention.action")
        followup = self.env["hr.prevention.action"].search(action["domain"])
        self.assertEqual(followup.origin_line_id.evaluation_id, evaluation)
        self.assertEqual(followup.state, "draft")
        self.assertEqual(followup.year_plan_id, p["requested"])
        # A plain write with the values of a button is the same move, with
        # the same checks and effects: the previous version is superseded.
        approved = d["advice_requested"]
        self.assertIs(
            self.assertRpcOk(
                taskforce, approved._name, "write", approved.ids, {"state": "published"}
            ),
            True,
        )
        self.assertEqual(self._read(approved)["state"], "published")
        self.assertEqual(self._read(d["published"])["superseded_by_id"][0], approved.id)
        self.assertEqual(self._read(d["published"])["state"], "superseded")
        # The owner's progress, and the taskforce's archiving of a published
        # text, stay open.
        self.assertRpcOk(
            manager, a["planned"]._name, "write", a["planned"].ids, {"progress": 30}
        )
        self.assertRpcOk(taskforce, approved._name, "action_archive", approved.ids)
        self.assertFalse(self._read(approved)["active"])

    def test_a_move_leaves_its_trace_whatever_the_context(self):
        taskforce = self.users["taskforce"]
        context = {"tracking_disable": True, "mail_notrack": True}
        moves = [
            (self.declarations["draft"], "state", "advice_requested"),
            (self.actions["draft"], "state", "planned"),
            (self.policy, "stage", "support_base"),
            (self.year_plans["not_requested"], "advice_state", "requested"),
            (self.evaluations["ready"], "state", "closed"),
        ]
        for record, fname, value in moves:
            with self.subTest(record=record.display_name):
                self.assertRpcOk(
                    taskforce,
                    record._name,
                    "write",
                    record.ids,
                    {fname: value},
                    context=context,
                )
                self.assertEqual(self._read(record, [fname])[fname], value)
                tracked = self.env["mail.tracking.value"].search(
                    [
                        ("mail_message_id.model", "=", record._name),
                        ("mail_message_id.res_id", "=", record.id),
                        ("field_id.name", "=", fname),
                    ]
                )
                self.assertTrue(tracked, f"{record.display_name}: no trace of the move")
                self.assertEqual(
                    tracked[:1].mail_message_id.author_id, taskforce.partner_id
                )


@tagged("post_install", "-at_install")
class TestWorkflowPrevention(PreventionWorkflowMixin, TransactionCase):
    """What RPC adds nothing to, in Python."""

    def test_a_second_click_is_refused_cleanly(self):
        taskforce = self.users["taskforce"]
        clicks = [
            (self.declarations["draft"], "action_request_advice", "state"),
            (self.actions["draft"], "action_plan", "state"),
            (self.year_plans["not_requested"], "action_request_advice", "advice_state"),
            (self.evaluations["ready"], "action_close", "state"),
        ]
        for record, method, fname in clicks:
            with self.subTest(record=record.display_name):
                record = record.with_user(taskforce)
                self.assertIs(getattr(record, method)(), True)
                value = record[fname]
                with self.assertRaisesRegex(UserError, "is already") as caught:
                    getattr(record, method)()
                self.assertIn(record.display_name, str(caught.exception))
                self.assertEqual(record[fname], value)
        # One "carry out" activity for the owner, not two.
        self.assertEqual(
            len(
                self.actions["draft"].activity_ids.filtered(
                    lambda act: act.user_id == self.users["manager"]
                )
            ),
            1,
        )

    def test_publishing_supersedes_every_published_version(self):
        published = self.declarations["published"]
        # An archived published version is superseded too.
        published.action_archive()
        new = self.new_declaration("Third text")
        self.approve_declaration(new)
        new.with_user(self.users["taskforce"]).action_publish()
        self.assertEqual(new.state, "published")
        self.assertEqual(published.state, "superseded")
        self.assertEqual(published.superseded_by_id, new)
        published_now = (
            self.env["hr.intent.declaration"]
            .with_context(active_test=False)
            .search([("company_id", "=", self.company.id), ("state", "=", "published")])
        )
        self.assertEqual(published_now, new)
        # The superseded version keeps the link to the one before it.
        self.assertEqual(self.declarations["superseded"].superseded_by_id, published)

    def test_declaration_dates(self):
        declaration = self.new_declaration("Dated text")
        declaration.action_request_advice()
        declaration.signatory_name = "Bart Mertens"
        with self.assertRaisesRegex(UserError, "still to come"):
            declaration.write(
                {
                    "state": "approved",
                    "approval_date": self.today + relativedelta(days=1),
                }
            )
        self.assertEqual(declaration.state, "advice_requested")
        declaration.write({"state": "approved", "approval_date": self.today})
        self.assertEqual(declaration.state, "approved")
        # Published on paper the day it was approved.
        declaration.write({"state": "published", "date_published": self.today})
        self.assertEqual(declaration.date_published, self.today)

    def test_year_plan_advice_on_paper_days(self):
        plan = self.year_plans["not_requested"].with_user(self.users["taskforce"])
        earlier = self.today - relativedelta(days=10)
        with self.assertRaisesRegex(UserError, "still to come"):
            plan.write(
                {
                    "advice_state": "requested",
                    "advice_requested_date": self.today + relativedelta(days=1),
                }
            )
        plan.write({"advice_state": "requested", "advice_requested_date": earlier})
        self.assertEqual(plan.advice_requested_date, earlier)
        # The advice is recorded while it is asked, then received: not before
        # it was asked.
        plan.write({"advice_result": "remarks", "advice_text": "Remarks."})
        with self.assertRaisesRegex(UserError, "cannot be received on"):
            plan.write(
                {
                    "advice_state": "received",
                    "advice_received_date": earlier - relativedelta(days=1),
                }
            )
        self.assertEqual(plan.advice_state, "requested")
        plan.write({"advice_state": "received", "advice_received_date": earlier})
        self.assertEqual(
            (plan.advice_state, plan.advice_received_date), ("received", earlier)
        )
        # The advice is kept as given.
        with self.assertRaisesRegex(UserError, "kept as given"):
            plan.advice_text = "Other"
        with self.assertRaises(UserError):
            plan.sudo().unlink()

    def test_year_plan_fixed_once_asked(self):
        plan = self.year_plans["requested"]
        with self.assertRaisesRegex(UserError, "can no longer change"):
            plan.year = self.today.year + 3
        self.assertEqual(plan.year, self.today.year + 1)
        # The same value is no change.
        plan.write({"year": self.today.year + 1})
        waiting = self.year_plans["not_requested"]
        waiting.year = self.today.year + 3
        self.assertEqual(waiting.advice_deadline.year, self.today.year + 2)

    def test_overdue_is_computed_never_written(self):
        action = self.actions["planned"]
        with self.assertRaises(AccessError):
            action.write({"is_overdue": True})
        late = self.today + relativedelta(months=4)
        with freeze_time(late):
            # Overdue the moment the deadline passed, without the daily job.
            action.invalidate_recordset(["is_overdue"])
            self.assertTrue(action.is_overdue)
            action.with_user(self.users["manager"]).action_done()
            self.assertFalse(action.is_overdue)
        self.assertEqual(action.progress, 100)

    def test_adjust_ignores_the_defaults_of_the_context(self):
        evaluation = self.evaluations["closed"].with_context(
            default_state="done",
            default_is_overdue=True,
            default_advice_state="received",
        )
        evaluation.with_user(self.users["taskforce"]).action_adjust()
        followup = evaluation.followup_action_ids
        self.assertEqual(len(followup), 1)
        self.assertEqual((followup.state, followup.is_overdue), ("draft", False))
        self.assertEqual(followup.year_plan_id.advice_state, "requested")
        with self.assertRaises(AccessError):
            evaluation.with_user(self.users["manager"]).action_adjust()

    def test_closed_evaluation_takes_no_new_line(self):
        closed = self.evaluations["closed"]
        with self.assertRaisesRegex(UserError, "closed"):
            closed.write(
                {
                    "line_ids": [
                        Command.create({"action_id": self.actions["planned"].id})
                    ]
                }
            )
        with self.assertRaisesRegex(UserError, "closed"):
            self.env["hr.prevention.evaluation.line"].with_context(
                default_evaluation_id=closed.id
            ).create({"action_id": self.actions["planned"].id})
        self.assertEqual(len(closed.line_ids), 2)

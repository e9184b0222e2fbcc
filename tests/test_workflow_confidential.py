"""The confidential side moves through its guards only (issue 10).

Over JSON-RPC (`/web/dataset/call_kw`, as any client of Odoo calls the ORM),
as every role: consents, the access log, notes and their history, support
trajectories and their sessions refuse every write that is not one of their
moves, whatever the context says; a new record starts in its first state;
kept records are never deleted, by anybody; every button answers a value.
After each refusal the record is read again: unchanged. The allowed paths go
through over RPC too. Python-level checks (sudo, the server-only paths, the
record rules on live relations) are in `TestWorkflowConfidential`.
"""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import ROLES, JsonRpcMixin
from .common_confidential import ConfidentialCase, ConfidentialFixtures

# What a client could send to get around a check: the context keys that once
# opened a way (they are read nowhere now), the ones that silence the
# chatter, the guard's own name.
BYPASS = {
    "wellbeing_consent_action": True,
    "hr_wellbeing_log_write": True,
    "hr_wellbeing_workflow_system": True,
    "tracking_disable": True,
    "mail_notrack": True,
}
CONSENT_FIELDS = [
    "employee_id",
    "scope",
    "recipient_user_id",
    "recipient_role",
    "purpose",
    "date_given",
    "date_expiry",
    "date_revoked",
    "company_id",
    "stage",
]
TRAJECTORY_FIELDS = ["state", "feedback_state", "feedback", "feedback_consent_id"]


class WorkflowRpcBase(JsonRpcMixin, ConfidentialFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_confidential()

    def user(self, role):
        return self.odoo_admin if role == "odoo_admin" else self.users[role]

    def grant_consent_access(self):
        """Every user gets every access right on consents (a mistake)."""
        self.env["ir.model.access"].create(
            {
                "name": "Everybody writes consents (a mistake)",
                "model_id": self.env["ir.model"]._get_id("hr.wellbeing.consent"),
                "group_id": self.env.ref("base.group_user").id,
                "perm_read": True,
                "perm_write": True,
                "perm_create": True,
                "perm_unlink": True,
            }
        )

    def snapshot(self, record, fnames):
        record.invalidate_recordset()
        return record.sudo().with_context(active_test=False).read(fnames)

    def assertRefusedUnchanged(self, role, record, method, *args, fnames, **kwargs):  # noqa: N802
        """`method` on `record` as `role` is refused cleanly, and the record
        reads the same afterwards."""
        before = self.snapshot(record, fnames)
        message = self.assertRpcRefused(
            self.user(role), record._name, method, record.ids, *args, **kwargs
        )
        self.assertEqual(
            self.snapshot(record, fnames),
            before,
            f"{role} {record._name}.{method}{args} was refused but changed it",
        )
        return message

    def assertButton(self, role, record, method, **kwargs):  # noqa: N802
        """A button over RPC answers a value (XML-RPC cannot marshal None)."""
        result = self.assertRpcOk(
            self.user(role), record._name, method, record.ids, **kwargs
        )
        self.assertIsNotNone(result, f"{record._name}.{method} answered None")
        return result

    def assertNeverDeleted(self, records, fnames):  # noqa: N802
        for record in records:
            for role in ROLES:
                with self.subTest(model=record._name, id=record.id, role=role):
                    self.assertRefusedUnchanged(
                        role, record, "unlink", fnames=fnames, context=BYPASS
                    )
            with self.assertRaises(UserError):
                record.sudo().unlink()
            self.assertTrue(record.exists())


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestWorkflowConfidentialRpc(WorkflowRpcBase):
    # ------------------------------------------------------------------
    # Consents
    # ------------------------------------------------------------------
    def test_consent_moves_over_rpc(self):
        els = self.users["employee"]
        # Els makes a consent over RPC, as the portal's backend does.
        consent_id = self.assertRpcOk(
            els,
            "hr.wellbeing.consent",
            "create",
            {
                "employee_id": self.els.id,
                "scope": "share_feedback",
                "recipient_role": "manager",
                "purpose": "Marc may read the feedback.",
                "date_expiry": "2027-11-02",
            },
        )
        draft = self.env["hr.wellbeing.consent"].browse(consent_id)
        self.assertEqual((draft.stage, draft.state), ("draft", "draft"))
        valid, revoked = self.share_consent, self.revoked_consent
        other_user = self.users["manager"]
        # Every field of what was agreed, every date, every stage: refused
        # for every role, on a draft, a valid and a revoked consent, even
        # with the old bypass keys in the context.
        writes = [
            {"employee_id": self.sofie.id},
            {"scope": "manager_work_related"},
            {"recipient_user_id": other_user.id},
            {"recipient_role": "hr"},
            {"purpose": "Anything"},
            {"date_expiry": "2031-01-01"},
            {"date_given": "2020-01-01"},
            {"date_revoked": False},
            {"date_revoked": "2026-11-01"},
        ]
        out_of_order = {
            draft: [{"stage": "revoked"}],
            valid: [{"stage": "draft"}],
            revoked: [{"stage": "draft"}, {"stage": "given"}],
        }
        # Nobody has a write access on consents; an administrator who gives
        # one by mistake (the second pass) gives no way around the guard.
        for granted in (False, True):
            if granted:
                self.grant_consent_access()
            for role in ROLES:
                for record in (draft, valid, revoked):
                    for values in writes + out_of_order[record]:
                        with self.subTest(
                            granted=granted, role=role, consent=record.id, values=values
                        ):
                            self.assertRefusedUnchanged(
                                role,
                                record,
                                "write",
                                values,
                                fnames=CONSENT_FIELDS,
                                context=BYPASS,
                            )
                # Giving and revoking are Els's alone.
                if role != "employee":
                    with self.subTest(granted=granted, role=role, move="give"):
                        self.assertRefusedUnchanged(
                            role,
                            draft,
                            "write",
                            {"stage": "given"},
                            fnames=CONSENT_FIELDS,
                            context=BYPASS,
                        )
                        self.assertRefusedUnchanged(
                            role, draft, "action_give", fnames=CONSENT_FIELDS
                        )
                    with self.subTest(granted=granted, role=role, move="revoke"):
                        self.assertRefusedUnchanged(
                            role,
                            valid,
                            "write",
                            {"stage": "revoked"},
                            fnames=CONSENT_FIELDS,
                            context=BYPASS,
                        )
                        self.assertRefusedUnchanged(
                            role, valid, "action_revoke", fnames=CONSENT_FIELDS
                        )
        # A revoked consent never becomes valid again, however it is asked.
        for values in (
            {"stage": "given"},
            {"stage": "given", "date_given": "2020-01-01", "date_revoked": False},
            {"date_revoked": False, "date_given": "2020-01-01"},
        ):
            with self.subTest(values=values):
                self.assertRefusedUnchanged(
                    "employee",
                    revoked,
                    "write",
                    values,
                    fnames=CONSENT_FIELDS,
                    context=BYPASS,
                )
        message = self.assertRefusedUnchanged(
            "employee", revoked, "action_give", fnames=CONSENT_FIELDS, context=BYPASS
        )
        self.assertIn("Revoked", message)
        self.assertIn("new consent", message)
        # Nor is a consent made for someone else, or born given.
        for values, context in (
            ({"employee_id": self.sofie.id}, {}),
            ({"employee_id": self.sofie.id}, BYPASS),
            ({"date_given": "2020-01-01"}, BYPASS),
            ({"date_given": "2026-11-02", "date_revoked": "2026-11-02"}, {}),
            ({}, {**BYPASS, "default_date_given": "2020-01-01"}),
        ):
            with self.subTest(create=values, context=context):
                self.assertRpcRefused(
                    els,
                    "hr.wellbeing.consent",
                    "create",
                    {
                        "employee_id": self.els.id,
                        "scope": "team_return",
                        "purpose": "Born given?",
                        **values,
                    },
                    context=context,
                )
        self.assertFalse(
            self.env["hr.wellbeing.consent"].search([("purpose", "=", "Born given?")])
        )
        # A stage sent with the values or as a default in the context
        # creates a draft all the same: the stage follows the moves.
        born = self.env["hr.wellbeing.consent"]
        for values, context in (
            ({"stage": "given"}, BYPASS),
            ({}, {"default_stage": "given"}),
            ({}, {"default_stage": "revoked"}),
        ):
            with self.subTest(create=values, context=context):
                born |= born.browse(
                    self.assertRpcOk(
                        els,
                        "hr.wellbeing.consent",
                        "create",
                        {
                            "employee_id": self.els.id,
                            "scope": "team_return",
                            "purpose": "Draft",
                            **values,
                        },
                        context=context,
                    )
                )
        self.assertEqual(
            born.read(["stage", "state", "date_given", "date_revoked"]),
            [
                {
                    "id": consent.id,
                    "stage": "draft",
                    "state": "draft",
                    "date_given": False,
                    "date_revoked": False,
                }
                for consent in born
            ],
        )
        # The allowed path: Els gives, then revokes, over RPC.
        self.assertIs(self.assertButton("employee", draft, "action_give"), True)
        draft.invalidate_recordset()
        self.assertEqual(
            (draft.stage, draft.state, draft.date_given),
            ("given", "valid", date(2026, 11, 2)),
        )
        # A second click: a clean message naming the consent and its state.
        message = self.assertRefusedUnchanged(
            "employee", draft, "action_give", fnames=CONSENT_FIELDS
        )
        self.assertIn(draft.display_name, message)
        self.assertIn("Valid", message)
        self.assertIs(self.assertButton("employee", draft, "action_revoke"), True)
        draft.invalidate_recordset()
        self.assertEqual(
            (draft.stage, draft.state, draft.date_revoked),
            ("revoked", "revoked", date(2026, 11, 2)),
        )
        message = self.assertRefusedUnchanged(
            "employee", draft, "action_revoke", fnames=CONSENT_FIELDS
        )
        self.assertIn("Only a valid consent can be revoked", message)
        # Kept: no consent is ever deleted (a draft, a given, a revoked one).
        self.assertNeverDeleted(born[:1] | valid | revoked, CONSENT_FIELDS)

    # ------------------------------------------------------------------
    # The access log
    # ------------------------------------------------------------------
    def test_access_log_is_closed_even_with_an_access_right(self):
        log = self.env["hr.wellbeing.access.log"]._system_create(
            [
                {
                    "user_id": self.users["physician"].id,
                    "operation": "read",
                    "service": "medical",
                    "res_model": self.medical_note._name,
                    "res_id": self.medical_note.id,
                    "company_id": self.company.id,
                }
            ]
        )
        # An administrator gives every user every access right on the log
        # by mistake: nobody writes a row all the same.
        self.env["ir.model.access"].create(
            {
                "name": "Everybody on the log (a mistake)",
                "model_id": self.env["ir.model"]._get_id("hr.wellbeing.access.log"),
                "group_id": self.env.ref("base.group_user").id,
                "perm_read": True,
                "perm_write": True,
                "perm_create": True,
                "perm_unlink": True,
            }
        )
        fnames = ["user_id", "operation", "service", "res_model", "res_id", "date"]
        count = self.env["hr.wellbeing.access.log"].search_count([])
        for role in ROLES:
            for context in ({}, BYPASS):
                with self.subTest(role=role, context=context):
                    self.assertRefusedUnchanged(
                        role,
                        log,
                        "write",
                        {"res_id": 1, "user_id": self.users["hr"].id},
                        fnames=fnames,
                        context=context,
                    )
                    self.assertRpcRefused(
                        self.user(role),
                        "hr.wellbeing.access.log",
                        "create",
                        {
                            "user_id": self.users["hr"].id,
                            "operation": "read",
                            "res_model": "hr.confidential.note",
                            "res_id": self.medical_note.id,
                            "company_id": self.company.id,
                        },
                        context=context,
                    )
        self.assertEqual(self.env["hr.wellbeing.access.log"].search_count([]), count)
        self.assertNeverDeleted(log, fnames)
        # Nor does the server's superuser, short of the log's own path.
        with self.assertRaises(UserError):
            log.sudo().with_context(**BYPASS).write({"res_id": 1})
        with self.assertRaises(AccessError):
            self.env["hr.wellbeing.access.log"].sudo().with_context(**BYPASS).create(
                {"user_id": 1, "operation": "read", "res_model": "x"}
            )

    # ------------------------------------------------------------------
    # Notes and their history
    # ------------------------------------------------------------------
    def test_note_author_and_history_over_rpc(self):
        physician = self.users["physician"]
        paps = self.users["paps"]
        vals = {
            "employee_id": self.els.id,
            "service": "medical",
            "subject": "Follow-up",
            "body": "First version",
        }
        # The author comes from the system, never from the client.
        for context in ({}, BYPASS):
            with self.subTest(context=context):
                self.assertRpcRefused(
                    physician,
                    "hr.confidential.note",
                    "create",
                    {**vals, "author_id": paps.id},
                    context=context,
                )
        note = self.env["hr.confidential.note"].browse(
            self.assertRpcOk(physician, "hr.confidential.note", "create", vals)
        )
        self.assertEqual(note.author_id, physician)
        fnames = ["author_id", "subject", "body", "anonymised", "active", "service"]
        for role, values in (
            ("physician", {"author_id": paps.id}),
            ("physician", {"author_id": False}),
            ("physician", {"anonymised": True}),
            ("physician", {"service": "psychosocial"}),
            ("paps", {"body": "Rewritten by the other service"}),
            ("paps", {"author_id": paps.id}),
        ) + tuple((role, {"body": "x"}) for role in ROLES if role != "physician"):
            with self.subTest(role=role, values=values):
                self.assertRefusedUnchanged(
                    role, note, "write", values, fnames=fnames, context=BYPASS
                )
        # The physician rewrites the body and the subject: both leave a trace
        # (who, when, before, after) in the note's history.
        with freeze_time("2026-11-02 10:30:00"):
            self.assertRpcOk(
                physician,
                "hr.confidential.note",
                "write",
                note.ids,
                {"body": "Second version", "subject": "Follow-up visit"},
                context=BYPASS,
            )
        revisions = note.revision_ids.sorted("field_name")
        self.assertEqual(
            revisions.mapped(
                lambda r: (
                    r.field_name,
                    r.old_value,
                    r.new_value,
                    r.user_id,
                    r.service,
                    r.date,
                )
            ),
            [
                (
                    "body",
                    "First version",
                    "Second version",
                    physician,
                    "medical",
                    datetime(2026, 11, 2, 10, 30),
                ),
                (
                    "subject",
                    "Follow-up",
                    "Follow-up visit",
                    physician,
                    "medical",
                    datetime(2026, 11, 2, 10, 30),
                ),
            ],
        )
        # Archiving is the only way out, and it leaves its trace too.
        self.assertIs(self.assertButton("physician", note, "action_archive"), True)
        self.assertFalse(note.active)
        self.assertEqual(
            note.revision_ids.filtered(lambda r: r.field_name == "active").mapped(
                lambda r: (r.old_value, r.new_value)
            ),
            [("Yes", "No")],
        )
        self.assertIs(self.assertButton("physician", note, "action_unarchive"), True)
        # Only the note's service reads its history: not the PAPS, although
        # Els lets the PAPS read the note itself.
        history = note.revision_ids
        result = self.assertRpcOk(
            physician,
            "hr.confidential.note.revision",
            "search_read",
            [("note_id", "=", note.id)],
            fields=["old_value"],
        )
        self.assertEqual(sorted(r["id"] for r in result), sorted(history.ids))
        # Reading the history is logged, like reading the note.
        self.assertEqual(
            set(
                self.env["hr.wellbeing.access.log"]
                .search(
                    [
                        ("res_model", "=", "hr.confidential.note.revision"),
                        ("user_id", "=", physician.id),
                    ]
                )
                .mapped("res_id")
            ),
            set(history.ids),
        )
        # The PAPS opens the shared note's form: its history comes empty.
        result = self.assertRpcOk(
            paps,
            "hr.confidential.note",
            "web_read",
            note.ids,
            specification={
                "body": {},
                "revision_ids": {"fields": {"old_value": {}}},
            },
        )
        self.assertEqual(
            (result[0]["body"], result[0]["revision_ids"]), ("Second version", [])
        )
        result = self.assertRpcOk(
            physician,
            "hr.confidential.note",
            "web_read",
            note.ids,
            specification={"revision_ids": {"fields": {"old_value": {}}}},
        )
        self.assertEqual(
            sorted(r["id"] for r in result[0]["revision_ids"]), sorted(history.ids)
        )
        for role in ROLES:
            if role == "physician":
                continue
            with self.subTest(role=role, read="history"):
                result, error = self.rpc(
                    self.user(role),
                    "hr.confidential.note.revision",
                    "search_read",
                    [("note_id", "=", note.id)],
                    fields=["old_value"],
                )
                self.assertFalse(result)
                self.assertRpcRefused(
                    self.user(role),
                    "hr.confidential.note.revision",
                    "read",
                    history.ids,
                    ["old_value"],
                )
        # The history is written by the system only, never edited.
        rfields = ["old_value", "new_value", "user_id", "date", "field_name"]
        for role in ROLES:
            with self.subTest(role=role, write="history"):
                self.assertRefusedUnchanged(
                    role,
                    history[0],
                    "write",
                    {"old_value": "Nothing happened"},
                    fnames=rfields,
                    context=BYPASS,
                )
                self.assertRpcRefused(
                    self.user(role),
                    "hr.confidential.note.revision",
                    "create",
                    {
                        "note_id": note.id,
                        "service": "medical",
                        "company_id": self.company.id,
                        "user_id": paps.id,
                        "date": "2026-11-01 09:00:00",
                        "field_name": "body",
                        "old_value": "Invented",
                    },
                    context=BYPASS,
                )
        self.assertEqual(note.revision_ids, history)
        # Notes and their history are kept, for everybody.
        self.assertNeverDeleted(note | self.psy_note, fnames)
        self.assertNeverDeleted(history[0], rfields)

    # ------------------------------------------------------------------
    # Support trajectories and their sessions
    # ------------------------------------------------------------------
    def test_support_trajectory_moves_over_rpc(self):
        reload = self.reload  # running, its feedback proposed to Els
        manager = self.users["manager"]
        paps = self.users["paps"]
        public = self.env["hr.support.trajectory.public"].browse(reload.id)
        consent = self.share_consent
        refused = [
            # Out of order, for everybody.
            ({"state": "draft"}, ROLES),
            ({"feedback_state": "approved"}, ROLES),
            ({"feedback_consent_id": consent.id}, ROLES),
            (
                {"feedback_state": "approved", "feedback_consent_id": consent.id},
                ROLES,
            ),
            # The PAPS's moves, by anybody else.
            ({"state": "done"}, tuple(r for r in ROLES if r != "paps")),
            ({"state": "cancelled"}, tuple(r for r in ROLES if r != "paps")),
            ({"feedback_state": "draft"}, tuple(r for r in ROLES if r != "paps")),
            ({"feedback": "Rewritten"}, tuple(r for r in ROLES if r != "paps")),
        ]
        for values, roles in refused:
            for role in roles:
                with self.subTest(role=role, values=values):
                    message = self.assertRefusedUnchanged(
                        role,
                        reload,
                        "write",
                        values,
                        fnames=TRAJECTORY_FIELDS,
                        context=BYPASS,
                    )
                    if role == "paps" and values == {"feedback_state": "approved"}:
                        self.assertIn("Only Els Peeters approves", message)
        # The actions in a wrong state or by a wrong role.
        for role, method in (
            ("paps", "action_start"),  # running already
            ("paps", "action_propose_feedback"),  # proposed already
            ("paps", "action_approve_feedback"),  # Els's
            ("manager", "action_approve_feedback"),
            ("hr", "action_feedback_to_draft"),
            ("employee", "action_done"),
            ("employee", "action_cancel"),
            ("odoo_admin", "action_done"),
        ):
            with self.subTest(role=role, method=method):
                self.assertRefusedUnchanged(
                    role, reload, method, fnames=TRAJECTORY_FIELDS, context=BYPASS
                )
        # Nothing is born running, approved or with a consent.
        for values, context in (
            ({"state": "running"}, {}),
            ({"feedback_state": "approved"}, BYPASS),
            ({"feedback_consent_id": consent.id}, BYPASS),
            ({}, {"default_state": "running"}),
            ({}, {"default_feedback_state": "approved"}),
        ):
            with self.subTest(create=values, context=context):
                self.assertRpcRefused(
                    paps,
                    "hr.support.trajectory",
                    "create",
                    {"kind": "coaching", "employee_id": self.pieter.id, **values},
                    context=context,
                )
        # The manager reads no feedback before Els approves it.
        self.assertEqual(
            self.assertRpcOk(manager, public._name, "read", public.ids, ["feedback"]),
            [{"id": public.id, "feedback": False}],
        )
        # Els approves it (her button, over RPC): the manager reads it.
        self.assertIs(
            self.assertButton("employee", reload, "action_approve_feedback"), True
        )
        reload.invalidate_recordset()
        self.assertEqual(reload.feedback_state, "approved")
        self.assertEqual(
            (reload.feedback_consent_id.scope, reload.feedback_consent_id.state),
            ("share_feedback", "valid"),
        )
        result = self.assertRpcOk(
            manager, public._name, "read", public.ids, ["feedback"]
        )
        self.assertIn("month-end planning", result[0]["feedback"])
        message = self.assertRefusedUnchanged(
            "employee", reload, "action_approve_feedback", fnames=TRAJECTORY_FIELDS
        )
        self.assertIn("Approved by the employee", message)
        # The PAPS rewrites it: back to preparation, hidden from the manager
        # until Els approves the new text.
        self.assertRpcOk(
            paps, reload._name, "write", reload.ids, {"feedback": "New text"}
        )
        reload.invalidate_recordset()
        self.assertEqual(reload.feedback_state, "draft")
        self.assertEqual(
            self.assertRpcOk(manager, public._name, "read", public.ids, ["feedback"]),
            [{"id": public.id, "feedback": False}],
        )
        self.assertIs(
            self.assertButton("paps", reload, "action_propose_feedback"), True
        )
        self.assertIs(
            self.assertButton("employee", reload, "action_feedback_to_draft"), True
        )
        reload.invalidate_recordset()
        self.assertEqual(reload.feedback_state, "draft")
        # The PAPS closes the trajectory; then nothing moves any more.
        self.assertIs(self.assertButton("paps", reload, "action_done"), True)
        for method in ("action_start", "action_done", "action_cancel"):
            with self.subTest(method=method, state="done"):
                self.assertRefusedUnchanged(
                    "paps", reload, method, fnames=TRAJECTORY_FIELDS
                )
        # A draft starts and is cancelled by the PAPS, over RPC.
        draft = self.env["hr.support.trajectory"].browse(
            self.assertRpcOk(
                paps,
                "hr.support.trajectory",
                "create",
                {"kind": "coaching", "employee_id": self.pieter.id},
            )
        )
        for method in ("action_done", "action_feedback_to_draft"):
            with self.subTest(method=method, state="draft"):
                self.assertRefusedUnchanged(
                    "paps", draft, method, fnames=TRAJECTORY_FIELDS
                )
        self.assertRefusedUnchanged(
            "paps", draft, "action_propose_feedback", fnames=TRAJECTORY_FIELDS
        )  # no feedback written
        self.assertIs(self.assertButton("paps", draft, "action_start"), True)
        self.assertIs(self.assertButton("paps", draft, "action_cancel"), True)
        # Started or closed: kept, for everybody.
        self.assertNeverDeleted(reload | draft, TRAJECTORY_FIELDS)

    def test_support_session_held_over_rpc(self):
        held, planned = self.reload_sessions[0], self.reload_sessions[2]
        fnames = ["done", "date", "duration"]
        for role in ROLES:
            with self.subTest(role=role):
                # A held session stays held.
                self.assertRefusedUnchanged(
                    role, held, "write", {"done": False}, fnames=fnames, context=BYPASS
                )
                if role != "paps":
                    self.assertRefusedUnchanged(
                        role, planned, "action_mark_done", fnames=fnames
                    )
        # Not before it took place, not twice.
        self.assertRefusedUnchanged("paps", planned, "action_mark_done", fnames=fnames)
        self.assertRefusedUnchanged("paps", held, "action_mark_done", fnames=fnames)
        self.assertRpcRefused(
            self.users["paps"],
            "hr.support.session",
            "create",
            {
                "trajectory_id": self.reload.id,
                "date": "2026-11-20 09:00:00",
                "is_follow_up": True,
                "done": True,
            },
        )
        with freeze_time("2026-11-16 12:00:00"):
            self.assertIs(self.assertButton("paps", planned, "action_mark_done"), True)
        self.assertTrue(planned.done)
        self.assertNeverDeleted(held | planned, fnames)


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestWorkflowConfidential(ConfidentialCase):
    """What RPC adds nothing to: sudo, the server-only paths, the record
    rules on live relations, the double click."""

    def test_no_context_key_opens_the_guard(self):
        # The guard's own switch is a ContextVar of the server: a context key
        # with its name (or the old keys) changes nothing.
        employee = self.users["employee"]
        consent = self.revoked_consent.with_user(employee).with_context(**BYPASS)
        with self.assertRaises(AccessError):
            consent.write({"date_revoked": False, "date_given": "2020-01-01"})
        with self.assertRaises(UserError):
            consent.sudo().write({"stage": "given"})
        with self.assertRaises(AccessError):
            consent.sudo().write({"date_revoked": False})
        with self.assertRaises(UserError):
            consent.sudo().write({"employee_id": self.sofie.id})
        self.revoked_consent.invalidate_recordset()
        self.assertEqual(
            (self.revoked_consent.state, str(self.revoked_consent.date_revoked)),
            ("revoked", "2026-10-12"),
        )
        self.assertEqual(self.revoked_consent.employee_id, self.els)

    def test_paper_consents_are_server_code_only(self):
        consent = self.Consent.with_user(self.users["employee"]).create(
            {
                "employee_id": self.els.id,
                "scope": "team_return",
                "purpose": "Told on paper",
            }
        )
        for given, revoked in (
            ("2026-11-03", False),  # tomorrow
            ("2026-10-01", "2026-09-30"),  # revoked before given
            ("2026-10-01", "2026-11-03"),  # revoked tomorrow
            (False, False),
        ):
            with self.subTest(given=given, revoked=revoked):
                with self.assertRaises(UserError):
                    consent._record_given_on_paper(given, revoked)
        consent._record_given_on_paper("2026-10-01", "2026-10-20")
        self.assertEqual(
            (consent.stage, consent.state, str(consent.date_given)),
            ("revoked", "revoked", "2026-10-01"),
        )
        # Once, on a consent not given yet.
        with self.assertRaises(UserError):
            consent._record_given_on_paper("2026-10-01")
        with self.assertRaises(UserError):
            self.share_consent._record_given_on_paper("2026-01-01")

    def test_double_click_leaves_one_move(self):
        consent = self.Consent.with_user(self.users["employee"]).create(
            {"employee_id": self.els.id, "scope": "team_return", "purpose": "Twice"}
        )
        self.assertIs(consent.action_give(), True)
        with self.assertRaises(UserError) as second:
            consent.action_give()
        self.assertIn(consent.display_name, str(second.exception))
        self.assertEqual(consent.date_given, date(2026, 11, 2))
        trajectory = (
            self.env["hr.support.trajectory"]
            .with_user(self.users["paps"])
            .create({"kind": "coaching", "employee_id": self.pieter.id})
        )
        self.assertIs(trajectory.action_start(), True)
        with self.assertRaises(UserError) as second:
            trajectory.action_start()
        self.assertIn("Running", str(second.exception))
        self.assertEqual(trajectory.state, "running")

    def test_approving_is_the_employee_not_the_system(self):
        # Server code in sudo as another user passes role checks, not this
        # one: only the employee's own user approves.
        with self.assertRaises(AccessError):
            self.reload.with_user(self.users["paps"]).sudo().write(
                {"feedback_state": "approved"}
            )
        with self.assertRaises(AccessError):
            self.reload.sudo().write({"feedback_state": "approved"})
        self.assertEqual(self.reload.feedback_state, "proposed")
        self.assertFalse(self.reload.feedback_consent_id)

    def test_rules_follow_the_employee_user_at_once(self):
        els_user = self.users["employee"]
        newcomer = self.new_user("employee", login="wb_test_newcomer", name="Els P.")
        records = (
            self.share_consent,
            self.reload,
            self.reload_sessions[0],
        )

        def readable(user):
            return [
                bool(record.with_user(user).search([("id", "=", record.id)]))
                for record in records
            ]

        self.assertEqual(readable(els_user), [True, True, True])
        self.assertEqual(readable(newcomer), [False, False, False])
        # Els's user is unlinked from her employee: it reads nothing of hers
        # any more, and cannot act for her.
        self.els.user_id = False
        self.assertEqual(readable(els_user), [False, False, False])
        with self.assertRaises(AccessError):
            self.share_consent.with_user(els_user).action_revoke()
        with self.assertRaises(AccessError):
            self.reload.with_user(els_user).action_approve_feedback()
        self.assertFalse(
            self.Consent.with_user(els_user).search(
                [("employee_user_id", "=", els_user.id)]
            )
        )
        # Another user is linked: it reads her records and acts at once.
        self.els.user_id = newcomer
        self.assertEqual(readable(newcomer), [True, True, True])
        self.assertEqual(
            self.Consent.with_user(newcomer).search(
                [("employee_user_id", "=", newcomer.id)]
            ),
            self.share_consent | self.revoked_consent,
        )
        self.assertIs(self.reload.with_user(newcomer).action_approve_feedback(), True)
        self.assertEqual(self.reload.feedback_state, "approved")
        self.assertIs(self.share_consent.with_user(newcomer).action_revoke(), True)
        self.assertEqual(self.share_consent.state, "revoked")
        # And a new consent of hers is made by the newcomer, not by Els's
        # old user.
        with self.assertRaises(AccessError):
            self.Consent.with_user(els_user).create(
                {"employee_id": self.els.id, "scope": "team_return", "purpose": "x"}
            )

    def test_anonymising_blanks_the_history(self):
        self.pieter.sudo().write({"departure_date": "2006-10-01", "active": False})
        self.Note._cron_anonymise()  # what the database held before
        note = self.note(self.pieter)
        note.write({"body": "Second, secret version"})
        self.assertEqual(note.revision_ids.old_value, "Secret test body")
        self.assertEqual(self.Note._cron_anonymise(), note)
        note.invalidate_recordset()
        self.assertTrue(note.anonymised)
        self.assertEqual(
            note.with_context(active_test=False).revision_ids.read(
                ["old_value", "new_value"]
            ),
            [
                {
                    "id": note.revision_ids.id,
                    "old_value": False,
                    "new_value": False,
                }
            ],
        )
        # Kept as it is afterwards.
        with self.assertRaises(UserError):
            note.sudo().write({"body": "Back again"})
        with self.assertRaises(UserError):
            note.sudo().unlink()

    def test_every_action_returns_a_value(self):
        """Buttons of the views, called the way they are wired: each answers
        True or an action (RPC cannot marshal None)."""
        models = (
            "hr.wellbeing.consent",
            "hr.confidential.note",
            "hr.support.trajectory",
            "hr.support.session",
        )
        actions = {
            model: sorted(
                name
                for name in dir(type(self.env[model]))
                if name.startswith("action_")
                and getattr(type(self.env[model]), name).__module__.startswith(
                    "odoo.addons.hr_burnout_prevention."
                )
            )
            for model in models
        }
        # The addon's own actions (Odoo's archive / unarchive, made to answer
        # True, for notes): each is called over RPC in
        # TestWorkflowConfidentialRpc and answers a value there.
        self.assertEqual(
            actions["hr.wellbeing.consent"], ["action_give", "action_revoke"]
        )
        self.assertEqual(
            actions["hr.support.trajectory"],
            [
                "action_approve_feedback",
                "action_cancel",
                "action_done",
                "action_feedback_to_draft",
                "action_propose_feedback",
                "action_start",
            ],
        )
        self.assertEqual(actions["hr.support.session"], ["action_mark_done"])
        self.assertEqual(
            actions["hr.confidential.note"], ["action_archive", "action_unarchive"]
        )

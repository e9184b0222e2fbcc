import base64
from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_confidential import ConfidentialCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestConfidentialNotes(ConfidentialCase):
    def test_each_service_reads_its_own_notes(self):
        own = self.note(self.pieter)
        self.as_user("physician", own).read(["body"])
        psy = self.note(self.pieter, service="psychosocial")
        self.as_user("paps", psy).read(["body"])
        # Pieter gave no consent: the other service sees nothing of it.
        with self.assertRaises(AccessError):
            self.as_user("paps", own).read(["body"])
        with self.assertRaises(AccessError):
            self.as_user("physician", psy).read(["body"])
        found = self.Note.with_user(self.users["paps"]).search([])
        self.assertIn(psy, found)
        self.assertNotIn(own, found)

    def test_employer_side_never_reads_a_note(self):
        for role in ("employee", "manager", "taskforce", "hr", "admin"):
            with self.subTest(role=role):
                Note = self.as_user(role, self.Note)
                with self.assertRaises(AccessError):
                    Note.search([])
                with self.assertRaises(AccessError):
                    self.as_user(role, self.medical_note).read(["body"])
                with self.assertRaises(AccessError):
                    Note.read_group([], ["kind"], ["employee_id"])
        # Not even the Odoo administrator (not in a confidential group).
        with self.assertRaises(AccessError):
            self.as_user("admin", self.psy_note).read(["subject"])

    def test_consent_shares_reading_and_revoke_stops_at_once(self):
        # Els consented: the PAPS reads the medical note, but cannot edit it.
        self.as_user("paps", self.medical_note).read(["body"])
        self.assertIn(
            self.medical_note, self.Note.with_user(self.users["paps"]).search([])
        )
        with self.assertRaises(AccessError):
            self.as_user("paps", self.medical_note).write({"body": "x"})
        self.as_user("physician", self.psy_note).read(["body"])
        # She revokes: sharing stops in the same transaction.
        self.as_user("employee", self.share_consent).action_revoke()
        with self.assertRaises(AccessError):
            self.as_user("paps", self.medical_note).read(["body"])
        self.assertNotIn(
            self.medical_note, self.Note.with_user(self.users["paps"]).search([])
        )
        self.as_user("physician", self.medical_note).read(["body"])
        self.assertEqual(self.share_consent.state, "revoked")

    def test_expired_consent_stops_sharing(self):
        expiry = self.share_consent.date_expiry
        self.as_user("paps", self.medical_note).read(["body"])
        with freeze_time(expiry):
            self.as_user("paps", self.medical_note).read(["body"])
        with freeze_time(expiry + timedelta(days=1)):
            with self.assertRaises(AccessError):
                self.as_user("paps", self.medical_note).read(["body"])
            self.assertEqual(self.share_consent.state, "expired")

    def test_code_check_backs_the_rules(self):
        """Even if a rule were loosened, `_check_access` refuses."""
        rule = self.env.ref(
            "hr_burnout_prevention.hr_confidential_note_rule_group_psychosocial_advisor"
        )
        rule.domain_force = "[(1, '=', 1)]"
        other = self.note(self.pieter)
        with self.assertRaises(AccessError):
            self.as_user("paps", other).read(["body"])

    def test_bad_input(self):
        last = (
            self.Note.with_context(active_test=False)
            .search([], order="id desc", limit=1)
            .id
        )
        Note = self.Note.with_user(self.users["physician"])
        # An unknown service: a clear error, not a KeyError (a note without a
        # service takes the user's one: tests/test_confidential_services.py).
        with self.assertRaises(ValidationError):
            Note.create(
                {"employee_id": self.els.id, "subject": "x", "service": "dental"}
            )
        with self.assertRaises(AccessError):
            Note.create(
                {"employee_id": self.els.id, "subject": "x", "service": "psychosocial"}
            )
        with self.assertRaises(ValidationError):
            Note.create({"subject": "Nobody", "service": "medical"})
        for role in ("manager", "hr", "employee", "admin"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.as_user(role, self.Note).create(
                    {"employee_id": self.els.id, "subject": "x", "service": "medical"}
                )
        self.assertFalse(
            self.Note.with_context(active_test=False).search([("id", ">", last)])
        )
        with self.assertRaises(AccessError):
            self.as_user("physician", self.medical_note).write(
                {"service": "psychosocial"}
            )

    def test_notes_are_archived_never_deleted(self):
        note = self.note()
        with self.assertRaises(UserError):
            note.unlink()
        with self.assertRaises(UserError):
            note.sudo().unlink()
        note.action_archive()
        self.assertFalse(note.active)
        self.assertTrue(note.exists())

    def test_no_chatter_no_tracking(self):
        self.assertNotIn("message_ids", self.Note._fields)
        self.assertFalse(
            any(getattr(f, "tracking", None) for f in self.Note._fields.values())
        )

    def test_attachments_follow_the_note(self):
        physician = self.users["physician"]
        attachment = (
            self.env["ir.attachment"]
            .with_user(physician)
            .create(
                {
                    "name": "letter.pdf",
                    "datas": base64.b64encode(b"secret letter"),
                    "res_model": "hr.confidential.note",
                    "res_id": 0,
                    "public": True,
                }
            )
        )
        note = self.note(attachment_ids=[Command.set(attachment.ids)])
        attachment.invalidate_recordset()
        self.assertEqual(
            (attachment.res_model, attachment.res_id, attachment.public),
            ("hr.confidential.note", note.id, False),
        )
        self.as_user("physician", attachment).read(["datas"])
        self.as_user("paps", attachment).read(["datas"])  # shared under consent
        for role in ("manager", "hr", "admin", "employee"):
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    self.as_user(role, attachment).read(["datas"])
                found = (
                    self.env["ir.attachment"]
                    .with_user(self.admin if role == "admin" else self.users[role])
                    .search([("id", "=", attachment.id)])
                )
                self.assertFalse(found)
        self.as_user("employee", self.share_consent).action_revoke()
        with self.assertRaises(AccessError):
            self.as_user("paps", attachment).read(["datas"])

    def test_retention_cron_anonymises(self):
        # The job works on every company: settle what the database holds
        # first, on the same day, so that what follows is the test's own.
        self.Note._cron_anonymise()
        self.env.company.confidential_retention_medical_years = 20
        self.pieter.sudo().write({"departure_date": "2006-10-01", "active": False})
        old = self.note(self.pieter)
        recent = self.note()
        with self.assertRaises(AccessError):
            old.write({"anonymised": True})
        done = self.Note._cron_anonymise()
        self.assertEqual(done, old)
        old.invalidate_recordset()
        self.assertTrue(old.anonymised)
        self.assertFalse(old.employee_id or old.body)
        self.assertFalse(recent.anonymised)
        self.env.company.confidential_retention_medical_years = 25
        self.assertFalse(self.Note._cron_anonymise())

    def test_every_read_is_logged_once_per_request(self):
        note = self.note(self.pieter)
        last = self.last_log_id()
        as_physician = self.as_user("physician", note)
        as_physician.read(["body"])
        as_physician.read(["subject"])
        as_physician.web_read({"body": {}})
        logs = self.Log.search(
            [("res_id", "=", note.id), ("res_model", "=", note._name)]
        )
        # One row in all, about this note.
        self.assertEqual(self.logs_since(last), logs)
        self.assertEqual(
            (logs.user_id, logs.operation, logs.service, logs.res_model),
            (self.users["physician"], "read", "medical", "hr.confidential.note"),
        )
        self.users["physician"].groups_id += self.env.ref("base.group_allow_export")
        as_physician.export_data(["subject"])
        self.assertEqual(
            self.Log.search(
                [("res_id", "=", note.id), ("res_model", "=", note._name)]
            ).mapped("operation"),
            ["export", "read"],
        )
        # A new request logs again.
        self.Log._reset_request_memory()
        as_physician.read(["body"])
        self.assertEqual(
            self.Log.search_count(
                [("res_id", "=", note.id), ("res_model", "=", note._name)]
            ),
            3,
        )

    def test_search_read_is_logged(self):
        # Odoo's search_read does not go through read(): logged all the same.
        note = self.note(self.pieter)
        last = self.last_log_id()
        rows = self.as_user("physician", self.Note).search_read(
            [("id", "=", note.id)], ["body"]
        )
        self.assertEqual([row["id"] for row in rows], note.ids)
        log = self.logs_since(last)
        self.assertEqual(
            (log.res_model, log.res_id, log.user_id, log.operation),
            (note._name, note.id, self.users["physician"], "read"),
        )

    def test_log_is_read_only(self):
        last = self.last_log_id()
        self.as_user("physician", self.medical_note).read(["body"])
        log = self.logs_since(last)
        self.assertEqual(
            (log.res_model, log.res_id, log.user_id),
            (self.Note._name, self.medical_note.id, self.users["physician"]),
        )
        self.assertEqual(
            self.Log.with_user(self.users["physician"]).search([("id", "=", log.id)]),
            log,
        )
        self.assertFalse(
            self.Log.with_user(self.users["paps"]).search([("id", "=", log.id)])
        )
        self.assertTrue(
            self.Log.with_user(self.users["admin"]).search([("id", "=", log.id)])
        )
        for role in ("manager", "hr", "employee"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.as_user(role, self.Log).search([])
        for role in ("physician", "admin"):
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    self.as_user(role, log).write({"res_id": 1})
                with self.assertRaises(AccessError):
                    self.as_user(role, log).unlink()
                with self.assertRaises(AccessError):
                    self.as_user(role, self.Log).create(
                        {"user_id": 1, "operation": "read", "res_model": "x"}
                    )
        with self.assertRaises(UserError):
            log.write({"res_id": 1})
        with self.assertRaises(UserError):
            log.unlink()

    def test_group_membership_changes_are_logged(self):
        group = self.env.ref("hr_burnout_prevention.group_occupational_physician")
        hr = self.users["hr"]
        hr.write({"groups_id": [Command.link(group.id)]})
        added = self.Log.search(
            [("operation", "=", "group_add"), ("target_user_id", "=", hr.id)]
        )
        self.assertEqual(added.service, "medical")
        group.write({"users": [Command.unlink(hr.id)]})
        self.assertTrue(
            self.Log.search(
                [("operation", "=", "group_remove"), ("target_user_id", "=", hr.id)]
            )
        )
        # Rewriting the same groups logs nothing.
        last = self.last_log_id()
        self.users["physician"].write({"groups_id": [Command.link(group.id)]})
        self.assertFalse(self.logs_since(last))

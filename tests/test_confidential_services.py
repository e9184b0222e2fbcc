"""The two services at work: notes they write, uploads for notes not saved
yet, and the access log of every read path (issue 11, items 1, 4 and 5)."""

import threading
from datetime import datetime

from freezegun import freeze_time

from odoo import SUPERUSER_ID, Command, api, http
from odoo.exceptions import AccessError, ValidationError
from odoo.service.model import retrying
from odoo.tests import HttpCase, TransactionCase, tagged

from .common import JsonRpcMixin
from .common_confidential import TODAY, ConfidentialCase, ConfidentialFixtures
from .common_reintegration import ReintegrationFixtures

NOTE_FORM = {
    "subject": {},
    "employee_id": {"fields": {"display_name": {}}},
    "service": {},
    "is_own_service": {},
    "kind": {},
    "date": {},
    "author_id": {"fields": {"display_name": {}}},
    "shared_by_consent": {},
    "body": {},
    "attachment_ids": {"fields": {"name": {}}},
    "revision_ids": {"fields": {"date": {}}},
}
EMPLOYER_ROLES = ("employee", "manager", "taskforce", "hr", "admin", "odoo_admin")


def upload(env, user, name="scan.pdf", content=b"a scanned letter"):
    """What /web/binary/upload_attachment does for a form not saved yet."""
    return (
        env["ir.attachment"]
        .with_user(user)
        .create(
            {
                "name": name,
                "raw": content,
                "res_model": "hr.confidential.note",
                "res_id": 0,
            }
        )
    )


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestConfidentialServices(ConfidentialCase):
    def user_of(self, role):
        return self.admin if role == "odoo_admin" else self.users[role]

    # ------------------------------------------------------------------
    # Item 1: New note, per service
    # ------------------------------------------------------------------
    def test_new_note_form_per_service(self):
        for role, service in (("physician", "medical"), ("paps", "psychosocial")):
            with self.subTest(role=role):
                Note = self.Note.with_user(self.users[role])
                # The form's New: no access error, the user's service.
                values = Note.onchange({}, [], NOTE_FORM)["value"]
                self.assertEqual(values["service"], service)
                self.assertTrue(values["is_own_service"])
                note = Note.create({"employee_id": self.els.id, "subject": "New"})
                self.assertEqual(
                    (note.service, note.author_id), (service, self.users[role])
                )
                note.web_read(NOTE_FORM)

    def test_a_user_of_both_services_chooses(self):
        both = self.users["physician"].copy({"login": "wb_test_both"})
        both.groups_id += self.env.ref(
            "hr_burnout_prevention.group_psychosocial_advisor"
        )
        Note = self.Note.with_user(both)
        self.assertFalse(Note.onchange({}, [], NOTE_FORM)["value"]["service"])
        with self.assertRaises(ValidationError):
            Note.create({"employee_id": self.els.id, "subject": "Which one?"})
        for service in ("medical", "psychosocial"):
            note = Note.create(
                {"employee_id": self.els.id, "subject": "Chosen", "service": service}
            )
            self.assertEqual(note.service, service)

    def test_the_other_services_note_is_read_only(self):
        # Shared under Els's consent: the PAPS reads the physician's note, the
        # form shows it read-only, and the model refuses a change.
        note = self.as_user("paps", self.medical_note)
        self.assertFalse(note.is_own_service)
        body = self.medical_note.body
        for vals in ({"body": "changed"}, {"subject": "x"}, {"service": "medical"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                note.write(vals)
        self.medical_note.invalidate_recordset()
        self.assertEqual(self.medical_note.body, body)
        self.assertTrue(self.as_user("physician", self.medical_note).is_own_service)

    def test_employer_roles_create_no_note(self):
        last = self.Note.with_context(active_test=False).search(
            [], order="id desc", limit=1
        )
        for role in EMPLOYER_ROLES:
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.Note.with_user(self.user_of(role)).create(
                    {"employee_id": self.els.id, "subject": "x", "service": "medical"}
                )
        self.assertFalse(
            self.Note.with_context(active_test=False).search([("id", ">", last.id)])
        )

    # ------------------------------------------------------------------
    # Item 4: uploads for a note not saved yet
    # ------------------------------------------------------------------
    def test_an_unsaved_notes_upload_is_its_uploaders(self):
        scan = upload(self.env, self.users["physician"])
        Attachment = self.env["ir.attachment"]
        self.assertEqual(
            Attachment.with_user(self.users["physician"]).browse(scan.id).raw,
            b"a scanned letter",
        )
        for role in ("paps", "admin", "odoo_admin", "hr", "manager"):
            with self.subTest(role=role):
                other = Attachment.with_user(self.user_of(role))
                self.assertFalse(other.search([("id", "=", scan.id)]))
                with self.assertRaises(AccessError):
                    other.browse(scan.id).read(["raw"])
                with self.assertRaises(AccessError):
                    other.browse(scan.id).write({"name": "mine.pdf"})
                with self.assertRaises(AccessError):
                    other.browse(scan.id).unlink()
        # Employer-side roles cannot upload for a note at all.
        for role in ("hr", "manager", "admin"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                upload(self.env, self.user_of(role))

    def test_only_own_unbound_uploads_are_bound(self):
        scan = upload(self.env, self.users["physician"])
        hr_file = (
            self.env["ir.attachment"]
            .with_user(self.users["hr"])
            .sudo()
            .create(
                {
                    "name": "contract.pdf",
                    "raw": b"HR file",
                    "res_model": "hr.employee",
                    "res_id": self.els.id,
                }
            )
        )
        psy_note = self.as_user("paps", self.psy_note)
        cases = (
            ("another user's upload", "paps", psy_note, scan),
            ("an HR file", "paps", psy_note, hr_file),
            ("an HR file", "physician", None, hr_file),
        )
        for label, role, note, attachment in cases:
            with self.subTest(label, role=role):
                before = (attachment.res_model, attachment.res_id)
                with self.assertRaises(AccessError):
                    if note:
                        note.write({"attachment_ids": [Command.link(attachment.id)]})
                    else:
                        self.note(attachment_ids=[Command.link(attachment.id)])
                attachment.invalidate_recordset()
                self.assertEqual((attachment.res_model, attachment.res_id), before)
                self.assertNotIn(attachment, self.psy_note.attachment_ids)
        # Its uploader binds it: then the note's readers read it.
        note = self.note(attachment_ids=[Command.link(scan.id)])
        self.assertEqual((scan.res_model, scan.res_id), (note._name, note.id))
        self.assertEqual(self.as_user("paps", scan).raw, b"a scanned letter")

    def test_unbound_uploads_are_removed_after_a_day(self):
        old = upload(self.env, self.users["physician"], "old.pdf")
        self.env.cr.execute(
            "UPDATE ir_attachment SET create_date = %s WHERE id = %s",
            [datetime(2026, 10, 31, 8), old.id],
        )
        recent = upload(self.env, self.users["paps"], "recent.pdf")
        self.env.cr.execute(
            "UPDATE ir_attachment SET create_date = %s WHERE id = %s",
            [datetime(2026, 11, 1, 23), recent.id],
        )
        bound_old = upload(self.env, self.users["physician"], "kept.pdf")
        self.env.cr.execute(
            "UPDATE ir_attachment SET create_date = %s WHERE id = %s",
            [datetime(2026, 10, 1), bound_old.id],
        )
        self.note(attachment_ids=[Command.link(bound_old.id)])
        self.env.invalidate_all()
        with freeze_time("2026-11-02 00:00:00"):
            self.Note._cron_anonymise()
        Attachment = self.env["ir.attachment"].sudo()
        self.assertFalse(Attachment.browse(old.id).exists())
        self.assertTrue(Attachment.browse(recent.id).exists())
        self.assertTrue(Attachment.browse(bound_old.id).exists())

    # ------------------------------------------------------------------
    # Item 5: every read path writes its log rows
    # ------------------------------------------------------------------
    def test_every_read_path_is_logged(self):
        physician = self.users["physician"]
        physician.groups_id += self.env.ref("base.group_allow_export")
        paps = self.users["paps"]
        paps.groups_id += self.env.ref("base.group_allow_export")
        note = self.medical_note
        sessions = self.reload_sessions
        # (user, what, call, model, ids)
        paths = (
            ("read", physician, lambda N: N.browse(note.id).read(["body"])),
            (
                "search_read",
                physician,
                lambda N: N.search_read([("id", "=", note.id)], ["body"]),
            ),
            ("web_read", physician, lambda N: N.browse(note.id).web_read({"body": {}})),
            (
                "web_search_read",
                physician,
                lambda N: N.web_search_read([("id", "=", note.id)], {"body": {}}),
            ),
            (
                "read_group",
                physician,
                lambda N: N.read_group(
                    [("id", "=", note.id)], ["subject"], ["subject"]
                ),
            ),
            (
                "web_read_group",
                physician,
                lambda N: N.web_read_group(
                    [("id", "=", note.id)], ["body:count_distinct"], ["kind"]
                ),
            ),
            (
                "name_search",
                physician,
                lambda N: N.name_search(note.subject, [("id", "=", note.id)]),
            ),
            (
                "export_data",
                physician,
                lambda N: N.browse(note.id).export_data(["body"]),
            ),
        )
        for label, user, call in paths:
            with self.subTest(label):
                self.Log._reset_request_memory()
                last = self.last_log_id()
                call(self.Note.with_user(user))
                logs = self.logs_since(last)
                self.assertEqual(
                    logs.mapped(lambda log: (log.res_model, log.res_id, log.user_id)),
                    [(note._name, note.id, user)],
                )
        # A count by employee shows no confidential value: not logged.
        self.Log._reset_request_memory()
        last = self.last_log_id()
        self.Note.with_user(physician).read_group(
            [("id", "=", note.id)], ["__count"], ["employee_id"]
        )
        self.assertFalse(self.logs_since(last))
        # Check-ins' and support work's models, and exports through a relation.
        related = (
            (
                "trajectory read",
                self.reload,
                lambda r: r.read(["feedback"]),
                {(self.reload._name, self.reload.id, "read")},
            ),
            (
                "session read",
                sessions[:1],
                lambda r: r.read(["done"]),
                {(sessions._name, sessions[0].id, "read")},
            ),
            (
                "note bodies through the trajectory",
                self.reload,
                lambda r: r.export_data(["kind", "note_ids/body"]),
                {
                    (self.reload._name, self.reload.id, "export"),
                    (note._name, self.psy_note.id, "export"),
                },
            ),
        )
        for label, records, call, expected in related:
            with self.subTest(label):
                self.Log._reset_request_memory()
                last = self.last_log_id()
                call(records.with_user(paps))
                self.assertEqual(
                    set(
                        self.logs_since(last).mapped(
                            lambda log: (log.res_model, log.res_id, log.operation)
                        )
                    ),
                    expected,
                )

    def test_the_log_in_words(self):
        self.Log._reset_request_memory()
        last = self.last_log_id()
        self.as_user("physician", self.medical_note).read(["body"])
        log = self.logs_since(last)
        self.assertEqual(log.employee_id, self.els)
        self.assertEqual(log.record_kind, "Confidential Note")
        self.assertEqual(
            log.summary,
            f"{self.users['physician'].name} read a record “Confidential Note” of "
            f"{self.els.name}",
        )
        self.assertNotIn(self.medical_note.subject, log.display_name)


@tagged("post_install", "-at_install")
class TestAccessLogUnderRetries(TransactionCase):
    """Concurrent saves of one note in real transactions: PostgreSQL refuses
    all but one (serialization failures), Odoo retries them, and every read
    of every attempt that succeeded is logged once.

    A plain TransactionCase: its own transaction holds no lock that the
    committed set-up (a user, an employee, a note) would wait for."""

    WORKERS = 4
    SAVES = 2

    def _committed_note(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.ref("base.main_company")
            user = env["res.users"].create(
                {
                    "name": "Concurrency physician",
                    "login": "wb_test_concurrency_physician",
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                    "groups_id": [
                        Command.set(
                            [
                                env.ref("base.group_user").id,
                                env.ref(
                                    "hr_burnout_prevention.group_occupational_physician"
                                ).id,
                            ]
                        )
                    ],
                }
            )
            employee = env["hr.employee"].create(
                {"name": "Concurrency employee", "company_id": company.id}
            )
            note = (
                env["hr.confidential.note"]
                .with_user(user)
                .with_company(company)
                .create(
                    {
                        "employee_id": employee.id,
                        "service": "medical",
                        "subject": "Saved concurrently",
                        "body": "0",
                    }
                )
            )
            return user.id, employee.id, note.id

    def _remove(self, user_id, employee_id, note_id):
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM hr_wellbeing_access_log WHERE user_id = %s "
                "OR target_user_id = %s",
                [user_id, user_id],
            )
            cr.execute(
                "DELETE FROM hr_confidential_note_revision WHERE note_id = %s",
                [note_id],
            )
            cr.execute("DELETE FROM hr_confidential_note WHERE id = %s", [note_id])
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["hr.employee"].browse(employee_id).unlink()
            user = env["res.users"].browse(user_id)
            partner = user.partner_id
            user.unlink()
            partner.unlink()

    def test_no_log_row_is_lost_on_retry(self):
        user_id, employee_id, note_id = self._committed_note()
        self.addCleanup(self._remove, user_id, employee_id, note_id)
        barrier = threading.Barrier(self.WORKERS, timeout=30)
        attempts = []
        errors = []

        def save(worker, number, first_attempt):
            def attempt():
                env_note = note.env["hr.confidential.note"].browse(note_id)
                attempts.append((worker, number))
                # The form's save: read (the snapshot starts), write, read.
                env_note.web_read({"body": {}})
                if first_attempt and first_attempt.pop():
                    barrier.wait()
                env_note.write({"body": f"{worker}-{number}"})

            with self.registry.cursor() as cr:
                env = api.Environment(cr, user_id, {})
                note = env["hr.confidential.note"]
                retrying(attempt, env)

        def worker(number):
            try:
                for save_number in range(self.SAVES):
                    save(number, save_number, [save_number == 0])
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
                barrier.abort()

        threads = [
            threading.Thread(target=worker, args=(n,)) for n in range(self.WORKERS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        self.assertFalse(errors)
        saves = self.WORKERS * self.SAVES
        # The first saves met on the barrier: all but one were retried.
        self.assertGreater(len(attempts), saves)
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM hr_wellbeing_access_log WHERE user_id = %s "
                "AND res_model = 'hr.confidential.note' AND res_id = %s",
                [user_id, note_id],
            )
            self.assertEqual(cr.fetchone()[0], saves)


@tagged("post_install", "-at_install")
class TestConfidentialServicesHttp(
    ConfidentialFixtures, ReintegrationFixtures, JsonRpcMixin, HttpCase
):
    """Over HTTP, as a client of Odoo would: notes per service, and uploads
    for a note not saved yet (`/web/binary/upload_attachment` with id 0);
    and the tours of the two services in the browser (real clock)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_confidential()
        cls.setup_reintegration()
        # Jan's running plan, coached by the advisor, and his check-in of
        # the week: he would like to talk.
        with freeze_time(TODAY):
            plan = cls.Plan.create(
                {
                    "employee_id": cls.jan.id,
                    "date_start": "2026-11-09",
                    "coach_user_id": cls.paps_user.id,
                }
            )
            plan._generate_schedules(40, 20, 2)
            plan.write(
                {
                    "adaptation_ids": [Command.create({"description": "Quiet desk"})],
                    "agreement_ids": [
                        Command.create(
                            {"critical_signal": "a", "what_to_do": "b", "contact": "c"}
                        )
                    ],
                }
            )
            plan.action_propose()
            plan.with_user(cls.jan_user).action_accept()
            plan.action_start()
        with freeze_time("2026-11-10"):
            checkin = (
                cls.env["hr.reintegration.checkin"]
                .with_user(cls.jan_user)
                .create({"plan_id": plan.id, "load": "as_planned", "need_talk": True})
            )
            checkin.action_submit()
        cls.checkin = checkin.with_user(cls.env.user)

    def test_physician_tour(self):
        self.start_tour(
            "/odoo/action-hr_burnout_prevention.hr_confidential_note_action",
            "hr_burnout_prevention_physician_tour",
            login="wb_test_physician",
        )
        note = self.Note.search([("subject", "=", "Follow-up consultation")])
        self.assertEqual(note.service, "medical")
        self.assertEqual(note.attachment_ids.mapped("name"), ["letter.txt"])
        self.assertEqual(
            (note.attachment_ids.res_model, note.attachment_ids.res_id),
            (note._name, note.id),
        )

    def test_advisor_tour(self):
        self.start_tour(
            "/odoo/action-hr_burnout_prevention.hr_confidential_note_action",
            "hr_burnout_prevention_advisor_tour",
            login="wb_test_paps",
        )
        note = self.Note.search([("subject", "=", "Reload session 2")])
        self.assertEqual(note.service, "psychosocial")
        self.assertEqual(len(note.attachment_ids), 1)
        self.assertEqual(self.checkin.contact_user_id, self.users["paps"])
        self.assertFalse(self.checkin.activity_ids)

    def upload(self, user, name="scan.pdf"):
        self.authenticate(user.login, user.login)
        self._rpc_login = user.login
        response = self.url_open(
            "/web/binary/upload_attachment",
            data={
                "model": "hr.confidential.note",
                "id": "0",
                "csrf_token": http.Request.csrf_token(self),
            },
            files={"ufile": (name, b"a scanned letter", "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()[0]

    def test_notes_and_uploads_over_http(self):
        Note = self.env["hr.confidential.note"]
        # Each service creates its notes: the service comes from its group.
        for role, service in (("physician", "medical"), ("paps", "psychosocial")):
            with self.subTest(role=role):
                note_id = self.assertRpcOk(
                    self.users[role],
                    Note._name,
                    "create",
                    {"employee_id": self.els.id, "subject": f"By {role}"},
                )
                self.assertEqual(Note.browse(note_id).service, service)
        last = Note.with_context(active_test=False).search([], order="id desc", limit=1)
        for role in ("employee", "manager", "taskforce", "hr", "admin"):
            for service in ("medical", "psychosocial"):
                with self.subTest(role=role, service=service):
                    self.assertRpcRefused(
                        self.users[role],
                        Note._name,
                        "create",
                        {
                            "employee_id": self.els.id,
                            "subject": "x",
                            "service": service,
                        },
                    )
        self.assertRpcRefused(
            self.users["paps"],
            Note._name,
            "create",
            {"employee_id": self.els.id, "subject": "x", "service": "medical"},
        )
        self.assertRpcRefused(
            self.users["physician"],
            Note._name,
            "create",
            {"employee_id": self.els.id, "subject": "x", "service": "dental"},
        )
        self.assertFalse(
            Note.with_context(active_test=False).search([("id", ">", last.id)])
        )
        # The physician uploads before saving: only they read the file.
        scan = self.upload(self.users["physician"])
        self.assertTrue(scan.get("id"), scan)
        for user in (self.users["admin"], self.users["paps"], self.odoo_admin):
            with self.subTest(reader=user.login):
                result, _error = self.rpc(
                    user, "ir.attachment", "search_read", [("id", "=", scan["id"])]
                )
                self.assertFalse(result)
                self.authenticate(user.login, user.login)
                self._rpc_login = user.login
                response = self.url_open(f"/web/content/{scan['id']}?download=true")
                self.assertNotIn(b"a scanned letter", response.content)
        # The advisor cannot bind it to their note; the physician can.
        psy = self.psy_note
        self.assertRpcRefused(
            self.users["paps"],
            Note._name,
            "write",
            psy.ids,
            {"attachment_ids": [Command.link(scan["id"])]},
        )
        attachment = self.env["ir.attachment"].browse(scan["id"])
        self.assertEqual((attachment.res_model, attachment.res_id), (Note._name, 0))
        self.assertFalse(psy.attachment_ids)
        self.assertRpcOk(
            self.users["physician"],
            Note._name,
            "write",
            self.medical_note.ids,
            {"attachment_ids": [Command.link(scan["id"])]},
        )
        self.assertEqual(attachment.res_id, self.medical_note.id)

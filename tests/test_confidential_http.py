import json

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common_confidential import ConfidentialFixtures

SECRETS = ("Exhaustion", "Energy drains", "month-end planning", "Dr. Hermans")


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestConfidentialHttp(ConfidentialFixtures, HttpCase):
    """The manager and the HR officer log in through /web/session/authenticate
    and call the ORM over JSON-RPC on Els's confidential records: access
    errors, and no confidential value."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_confidential()

    def _rpc(self, url, params):
        response = self.url_open(
            url,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.text, response.json()

    def _login(self, login):
        self.opener.cookies.clear()
        _text, body = self._rpc(
            "/web/session/authenticate",
            {"db": self.env.cr.dbname, "login": login, "password": login},
        )
        self.assertEqual(body["result"]["username"], login)

    def _call(self, model, method, args, kwargs=None):
        return self._rpc(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_employer_side_gets_access_errors_and_no_data(self):
        note = self.medical_note
        psy = self.psy_note
        consent = self.share_consent
        reload = self.reload
        calls = [
            ("hr.confidential.note", "search_read", [[]], {"fields": ["body"]}),
            ("hr.confidential.note", "read", [note.ids + psy.ids, ["body", "subject"]]),
            (
                "hr.confidential.note",
                "web_read",
                [note.ids],
                {"specification": {"body": {}}},
            ),
            ("hr.confidential.note", "read_group", [[], ["body"], ["employee_id"]]),
            ("hr.confidential.note", "export_data", [note.ids, ["body"]]),
            ("hr.support.trajectory", "search_read", [[]], {"fields": ["feedback"]}),
            ("hr.support.trajectory", "read", [reload.ids, ["feedback", "kind"]]),
            ("hr.support.trajectory", "read_group", [[], ["kind"], ["kind"]]),
            ("hr.support.session", "search_read", [[]], {"fields": ["date"]}),
            ("hr.wellbeing.consent", "read", [consent.ids, ["purpose"]]),
            ("hr.wellbeing.consent", "export_data", [consent.ids, ["purpose"]]),
            ("hr.wellbeing.access.log", "search_read", [[]], {"fields": ["res_id"]}),
            (
                "ir.attachment",
                "search_read",
                [[("res_model", "=", "hr.confidential.note")]],
                {"fields": ["datas"]},
            ),
        ]
        export = self.env.ref("base.group_allow_export")
        for role in ("manager", "hr"):
            self.users[role].groups_id += export
        for login in (self.users["manager"].login, self.users["hr"].login):
            self._login(login)
            for model, method, args, *kwargs in calls:
                with self.subTest(login=login, model=model, method=method):
                    text, body = self._call(model, method, args, *kwargs)
                    for secret in SECRETS:
                        self.assertNotIn(secret, text)
                    if model in ("hr.support.session", "ir.attachment"):
                        # Search succeeds for nothing (own records only).
                        self.assertFalse(body.get("result"), text)
                        continue
                    if method in ("search_read", "read_group") and "result" in body:
                        self.assertEqual(body["result"], [], text)
                        continue
                    self.assertIn("error", body, text)
                    self.assertEqual(
                        body["error"]["data"]["name"],
                        "odoo.exceptions.AccessError",
                        text,
                    )
        # The manager reads the public view of the sessions: dates only.
        self._login(self.users["manager"].login)
        text, body = self._call(
            "hr.support.session.public",
            "search_read",
            [[]],
            {"fields": ["date", "duration", "employee_id"]},
        )
        self.assertEqual(
            sorted(session["id"] for session in body["result"]),
            sorted(self.reload.session_ids.ids),
            text,
        )
        text, body = self._call(
            "hr.support.trajectory.public",
            "web_search_read",
            [[]],
            {"specification": {"feedback": {}, "employee_id": {}}},
        )
        records = body["result"]["records"]
        self.assertEqual([r["id"] for r in records], self.reload.ids, text)
        self.assertEqual(records[0]["feedback"], False, text)

    def test_physician_reads_over_rpc_and_is_logged(self):
        note = self.medical_note
        physician = self.users["physician"]
        self._login(physician.login)
        text, body = self._call(
            "hr.confidential.note",
            "web_search_read",
            [[("id", "=", note.id)]],
            {"specification": {"body": {}}},
        )
        self.assertIn("Exhaustion", text)
        log = self.env["hr.wellbeing.access.log"].search(
            [("res_id", "=", note.id), ("res_model", "=", "hr.confidential.note")]
        )
        self.assertEqual(log.user_id, physician)

"""The wall around confidential records (issue 11): their followers,
messages, mails, notifications and activities, the plan's coach, the reports
of HR, the consent's clock and who gives a consent, the Settings group."""

from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged

from .common import MODULE, JsonRpcMixin
from .common_confidential import ConfidentialFixtures
from .common_reintegration import ReintegrationFixtures

SECRET = "Feels crushed by the month-end planning"
MAIL_MODELS = (
    "mail.followers",
    "mail.message",
    "mail.mail",
    "mail.notification",
    "mail.activity",
)
WALL_ROLES = ("employee", "manager", "taskforce", "hr", "admin", "odoo_admin")


class WallFixtures(ConfidentialFixtures, ReintegrationFixtures):
    """Els's confidential story (``common_confidential``), Jan's running plan
    coached by the PAPS with a check-in, and, in sudo, mail rows about the
    check-in, Els's support trajectory and Jan's plan that name people
    outside the wall (what server code or a careless module could write)."""

    @classmethod
    def setup_wall(cls):
        cls.setup_confidential()
        cls.setup_reintegration()
        with freeze_time("2026-11-02"):
            cls.plan = cls.Plan.create(
                {
                    "employee_id": cls.jan.id,
                    "date_start": "2026-11-09",
                    "coach_user_id": cls.paps_user.id,
                }
            )
            cls.plan._generate_schedules(40, 20, 2)
            cls.plan.write(
                {
                    "adaptation_ids": [Command.create({"description": "Quiet desk"})],
                    "agreement_ids": [
                        Command.create(
                            {"critical_signal": "a", "what_to_do": "b", "contact": "c"}
                        )
                    ],
                }
            )
            cls.plan.action_propose()
            cls.plan.with_user(cls.jan_user).action_accept()
            cls.plan.action_start()
        with freeze_time("2026-11-10"):
            cls.checkin = (
                cls.env["hr.reintegration.checkin"]
                .with_user(cls.jan_user)
                .create({"plan_id": cls.plan.id, "load": "heavier"})
                .sudo()
            )
        cls.walled = {
            "checkin": cls.checkin,
            "support": cls.reload.sudo(),
            "plan": cls.plan.sudo(),
        }
        cls.rows = {name: cls._mail_rows(rec) for name, rec in cls.walled.items()}

    @classmethod
    def _mail_rows(cls, record):
        """One row of each mail model about `record`, naming the line
        manager, the taskforce member and the addon's administrator (who
        would read them in Odoo as follower, author, recipient)."""
        env = cls.env(su=True)
        partners = (
            cls.users["manager"] | cls.users["taskforce"] | cls.users["admin"]
        ).partner_id
        Followers = env["mail.followers"]
        known = Followers.search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )
        follower = known.filtered(lambda f: f.partner_id in partners) | (
            Followers.create(
                [
                    {"res_model": record._name, "res_id": record.id, "partner_id": p.id}
                    for p in partners - known.partner_id
                ]
            )
        )
        message = env["mail.message"].create(
            {
                "model": record._name,
                "res_id": record.id,
                "body": SECRET,
                "message_type": "comment",
                "author_id": cls.users["manager"].partner_id.id,
                "partner_ids": [Command.set(partners.ids)],
            }
        )
        notification = env["mail.notification"].create(
            [
                {
                    "mail_message_id": message.id,
                    "res_partner_id": p.id,
                    "notification_type": "inbox",
                }
                for p in partners
            ]
        )
        mail = env["mail.mail"].create(
            {
                "model": record._name,
                "res_id": record.id,
                "body_html": SECRET,
                "recipient_ids": [Command.set(partners.ids)],
            }
        )
        rows = {
            "mail.followers": follower,
            "mail.message": message,
            "mail.mail": mail,
            "mail.notification": notification,
        }
        if "activity_ids" in record._fields:
            rows["mail.activity"] = env["mail.activity"].create(
                {
                    "res_model_id": env["ir.model"]._get_id(record._name),
                    "res_id": record.id,
                    "summary": SECRET,
                    "user_id": cls.paps_user.id
                    if record._name != "hr.reintegration.plan"
                    else cls.users["hr"].id,
                }
            )
        return rows

    def user_of(self, role):
        return self.odoo_admin if role == "odoo_admin" else self.users[role]


@tagged("post_install", "-at_install")
class TestConfidentialWallRpc(WallFixtures, JsonRpcMixin, HttpCase):
    """As an RPC client, every employer-side role (and Odoo's administrator)
    reads no mail row of a confidential record it cannot read itself."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wall()

    def test_mail_rows_follow_the_record(self):
        for role in WALL_ROLES:
            user = self.user_of(role)
            readable = {
                name: bool(record.with_user(user)._filtered_access("read"))
                for name, record in self.walled.items()
            }
            self.assertFalse(readable["checkin"], f"{role} reads the check-in")
            for model in MAIL_MODELS:
                rows = [
                    (self.rows[name][model], readable[name])
                    for name in self.walled
                    if model in self.rows[name]
                ]
                with self.subTest(role=role, model=model):
                    self._assert_rows(user, model, rows)
        # Not vacuous: the coach reads the rows of the check-in that Odoo
        # gives them (followers, messages, the activity assigned to them).
        for model in ("mail.followers", "mail.message", "mail.activity"):
            rows = self.rows["checkin"][model]
            with self.subTest(role="paps", model=model):
                found = self.assertRpcOk(
                    self.paps_user,
                    model,
                    "search_read",
                    [("id", "in", rows.ids)],
                    ["id"],
                )
                self.assertEqual(sorted(r["id"] for r in found), sorted(rows.ids))

    def _assert_rows(self, user, model, rows):
        """`rows`: [(rows of a record, whether `user` reads the record)].
        Rows of a record the user does not read: none found, counted nor
        read. Of a record they read: Odoo's own rules decide (someone
        else's notification or activity stays theirs)."""
        all_ids = [i for records, __ in rows for i in records.ids]
        hidden = [i for records, ok in rows if not ok for i in records.ids]
        self.assertTrue(hidden)
        result, error = self.rpc(
            user, model, "search_read", [("id", "in", all_ids)], ["id"]
        )
        if error:
            # No access right on the model at all (mail.mail): refused.
            self.assertEqual(model, "mail.mail", error["message"])
            self.assertEqual(error["name"], "odoo.exceptions.AccessError")
            return
        found = {r["id"] for r in result}
        self.assertLessEqual(found, set(all_ids))
        self.assertFalse(found & set(hidden), f"{user.login} search_read {model}")
        groups = self.assertRpcOk(
            user,
            model,
            "read_group",
            [("id", "in", hidden)],
            ["id:count"],
            [],
            lazy=False,
        )
        self.assertEqual(
            groups[0]["__count"] if groups else 0,
            0,
            f"{user.login} read_group {model}: {groups}",
        )
        self.assertRpcRefused(user, model, "read", hidden[:1], ["id"])
        if model == "mail.message":
            # The text stays on the server: not even searched.
            found = self.assertRpcOk(
                user,
                model,
                "search_count",
                [("body", "ilike", "month-end"), ("id", "in", hidden)],
            )
            self.assertEqual(found, 0)

    def test_hr_letter_refused_to_the_manager_over_http(self):
        self.els.sudo().write({"private_street": "Kerkstraat 12"})
        case = self.env["hr.absence.case"].create(
            {"employee_id": self.els.id, "date_start": "2026-10-01"}
        )
        name = f"{MODULE}.report_absence_day28_letter"
        for role, allowed in (("manager", False), ("taskforce", False), ("hr", True)):
            user = self.users[role]
            self.authenticate(user.login, user.login)
            converters = ("html", "pdf") if not allowed else ("html",)
            for converter in converters:
                with self.subTest(role=role, converter=converter):
                    response = self.url_open(f"/report/{converter}/{name}/{case.id}")
                    if allowed:
                        self.assertEqual(response.status_code, 200)
                        self.assertIn("Els Peeters", response.text)
                    else:
                        self.assertNotEqual(
                            response.status_code, 200, response.text[:500]
                        )
                        self.assertNotIn("Kerkstraat", response.text)
                        self.assertNotIn("Els Peeters", response.text)


@tagged("post_install", "-at_install")
class TestConfidentialWall(WallFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wall()

    def test_confidential_mail_carries_no_content(self):
        # Server code posting on a check-in, scheduling an activity with a
        # text: the rows hold a neutral text only.
        message = self.checkin.message_post(body=SECRET, subject=SECRET)
        self.assertNotIn("month-end", message.body)
        self.assertFalse(message.subject)
        activity = self.rows["checkin"]["mail.activity"]
        self.assertNotIn("month-end", activity.summary)
        activity.write({"note": SECRET, "summary": SECRET})
        self.assertNotIn("month-end", activity.summary)
        self.assertFalse(activity.note)
        self.assertEqual(activity.res_name, "Weekly Check-in")
        self.assertNotIn("month-end", self.rows["checkin"]["mail.message"].body)
        mail = self.rows["checkin"]["mail.mail"]
        self.assertNotIn("month-end", mail.body_html)
        self.assertIn(f"res_id={self.checkin.id}", mail.body_html)
        # The plan (the employer side's) keeps its text.
        self.assertIn("month-end", self.rows["plan"]["mail.activity"].summary)

    def test_no_confidential_field_is_tracked(self):
        from ..models.confidential_wall import CONFIDENTIAL_MODELS

        for model in CONFIDENTIAL_MODELS:
            for fname, field in self.env[model]._fields.items():
                with self.subTest(model=model, field=fname):
                    tracked = getattr(field, "tracking", False)
                    self.assertFalse(tracked and field.groups, f"{model}.{fname}")

    def test_checkin_alert_never_goes_outside_the_wall(self):
        Activity = self.env["mail.activity"]
        for role in ("manager", "hr", "admin", "taskforce"):
            with self.subTest(role=role), self.assertRaises(ValidationError):
                Activity.create(
                    {
                        "res_model_id": self.env["ir.model"]._get_id(
                            self.checkin._name
                        ),
                        "res_id": self.checkin.id,
                        "user_id": self.users[role].id,
                    }
                )
        activity = self.rows["checkin"]["mail.activity"]
        with self.assertRaises(ValidationError):
            activity.write({"user_id": self.users["manager"].id})
        self.assertEqual(activity.user_id, self.paps_user)

    def test_coach_is_a_psychosocial_advisor(self):
        for role in ("manager", "hr", "physician", "admin"):
            with self.subTest(role=role):
                with self.assertRaises(ValidationError) as caught:
                    self.plan.with_user(self.hr_user).write(
                        {"coach_user_id": self.users[role].id}
                    )
                self.assertIn("Coach", str(caught.exception))
                self.assertEqual(self.plan.coach_user_id, self.paps_user)
        self.plan.with_user(self.hr_user).write({"coach_user_id": self.other_paps.id})
        self.assertEqual(self.checkin.coach_user_id, self.other_paps)
        # A coach who leaves the advisor group coaches no more: the
        # check-ins go back to the advisors of the company.
        self.other_paps.write(
            {
                "groups_id": [
                    Command.unlink(
                        self.env.ref(f"{MODULE}.group_psychosocial_advisor").id
                    )
                ]
            }
        )
        self.assertFalse(self.plan.coach_user_id)
        self.assertTrue(self.checkin.with_user(self.paps_user).read(["load"]))

    def test_consent_validity_by_the_company_clock(self):
        # The consent expires on 2027-05-02. At 23:30 UTC on that day, it is
        # already 2027-05-03 in Brussels (the company's zone): expired,
        # whatever zone the client says it is in.
        consent = self.share_consent
        with freeze_time(datetime(2027, 5, 2, 23, 30)):
            for tz in (None, "UTC", "America/Los_Angeles", "Pacific/Honolulu"):
                context = {"tz": tz} if tz else {}
                with self.subTest(tz=tz):
                    as_physician = consent.with_user(
                        self.users["physician"]
                    ).with_context(**context)
                    as_physician.invalidate_recordset()
                    self.assertEqual(as_physician.state, "expired")
                    self.assertFalse(
                        as_physician.search_count(
                            [("id", "=", consent.id), ("state", "=", "valid")]
                        )
                    )
                    note = self.psy_note.with_user(
                        self.users["physician"]
                    ).with_context(**context)
                    self.assertFalse(
                        note.search([("id", "=", self.psy_note.id)]),
                        "the note is still shared",
                    )
        with freeze_time(datetime(2027, 5, 2, 21, 30)):
            consent.invalidate_recordset(["state"])
            self.assertEqual(
                consent.with_context(tz="Pacific/Kiritimati").state, "valid"
            )

    def test_consent_for_another_employee_refused(self):
        Consent = self.Consent.with_user(self.users["employee"])
        before = self.Consent.search_count([])
        for employee in (self.sofie, self.marc, self.jan):
            with self.subTest(employee=employee.name):
                with self.assertRaises(AccessError) as caught:
                    Consent.create(
                        {
                            "employee_id": employee.id,
                            "scope": "team_return",
                            "purpose": "x",
                        }
                    )
                self.assertIn(employee.name, str(caught.exception))
        self.assertEqual(self.Consent.search_count([]), before)
        own = Consent.create({"scope": "team_return", "purpose": "Mine"})
        self.assertEqual(own.employee_id, self.els)
        domain = Consent._fields["employee_id"].get_domain_list(Consent)
        self.assertEqual(
            self.env["hr.employee"].with_user(self.users["employee"]).search(domain),
            self.els,
        )

    def test_settings_group_of_a_confidential_user_is_logged(self):
        system = self.env.ref("base.group_system")
        last = self.Log.search([], limit=1, order="id desc").id or 0
        self.users["physician"].write({"groups_id": [Command.link(system.id)]})
        self.users["manager"].write({"groups_id": [Command.link(system.id)]})
        rows = self.Log.search([("id", ">", last)])
        self.assertEqual(
            rows.mapped(lambda r: (r.operation, r.res_model, r.target_user_id)),
            [("group_add", "res.groups", self.users["physician"])],
        )
        self.assertEqual(rows.service, "medical")
        self.assertEqual(rows.res_id, system.id)

    def test_addon_administrator_is_no_settings_user(self):
        admin_group = self.env.ref(f"{MODULE}.group_admin")
        implied = admin_group.trans_implied_ids
        for xmlid in (
            "base.group_system",
            "base.group_erp_manager",
            f"{MODULE}.group_occupational_physician",
            f"{MODULE}.group_psychosocial_advisor",
        ):
            with self.subTest(group=xmlid):
                self.assertNotIn(self.env.ref(xmlid), implied)
                self.assertFalse(self.users["admin"].has_group(xmlid))

import re
from datetime import timedelta
from urllib.parse import urlsplit

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import JsonRpcMixin, WellbeingFixtures, users_today

PDF = "/report/pdf/hr_burnout_prevention.hr_reintegration_plan_report_document"


@tagged("post_install", "-at_install")
class TestUiEmployee(WellbeingFixtures, JsonRpcMixin, HttpCase):
    """Els (``wb_test_employee``) on "My return": her plan, the weekly
    check-in, her contact wishes and consents; Sofie, a colleague with a
    user of her own, reaches none of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_wellbeing()
        cls.colleague = cls.new_user("employee", login="wb_test_colleague")
        cls.sofie.user_id = cls.colleague
        today = users_today(cls.env)
        cls.today = today
        cls.case = cls.env["hr.absence.case"].create(
            {
                "employee_id": cls.els.id,
                "date_start": today - timedelta(weeks=6),
                "hr_responsible_id": cls.users["hr"].id,
                "contact_frequency": 14,
                "contact_channel": "phone",
            }
        )
        cls.consent = cls.env["hr.wellbeing.consent"].create(
            {
                "employee_id": cls.els.id,
                "company_id": cls.company.id,
                "scope": "team_return",
                "recipient_role": "team",
                "purpose": "Tell the planning team that Els comes back part-time.",
            }
        )
        cls.consent.with_user(cls.users["employee"]).action_give()
        cls.plan = cls.env["hr.reintegration.plan"].create(
            {
                "employee_id": cls.els.id,
                "date_start": today + timedelta(days=14 - today.weekday()),
                "hr_responsible_id": cls.users["hr"].id,
                "coach_user_id": cls.users["paps"].id,
            }
        )
        cls.plan._generate_schedules(50, 25, 2)
        cls.plan.with_user(cls.users["hr"]).action_propose()

    def _token(self, url="/my/return"):
        page = self.url_open(url)
        found = re.search(r'csrf_token(?:" value="|: ")([^"]+)"', page.text)
        self.assertTrue(found, "no CSRF token in the page")
        return page, found.group(1)

    def _start_with_checkin(self):
        self.plan.with_user(self.users["employee"]).action_accept()
        self.plan.with_user(self.users["hr"]).action_start()
        return (
            self.env["hr.reintegration.checkin"]
            .sudo()
            .create({"plan_id": self.plan.id})
        )

    def test_employee_tours(self):
        """Accept the plan after a confirmation; then a week of her return:
        the check-in, her contact wishes, a consent revoked."""
        self.start_tour(
            "/my",
            "hr_burnout_prevention_employee_accept_tour",
            login="wb_test_employee",
        )
        self.assertEqual(self.plan.state, "accepted")
        self.plan.with_user(self.users["hr"]).action_start()
        checkin = (
            self.env["hr.reintegration.checkin"]
            .sudo()
            .create({"plan_id": self.plan.id})
        )
        self.start_tour(
            "/my/return",
            "hr_burnout_prevention_employee_week_tour",
            login="wb_test_employee",
        )
        self.assertEqual(
            (checkin.state, checkin.load, checkin.need_talk),
            ("answered", "as_planned", True),
        )
        self.assertEqual(
            (self.case.contact_frequency, self.case.contact_channel), (7, "text")
        )
        self.assertEqual(self.consent.state, "revoked")

    def test_portal_refusals(self):
        """Another employee reaches nothing of Els's; bad input writes
        nothing and says why."""
        checkin = self._start_with_checkin()
        self.authenticate("wb_test_employee", "wb_test_employee")
        page, token = self._token()
        for text in ("Your return is under way", "Weekly check-in", "My return"):
            self.assertIn(text, page.text)
        self.assertNotIn("Proposed to the Employee", page.text)
        self.assertNotIn("PAPS", page.text)
        self.assertEqual(self.url_open(f"{PDF}/{self.plan.id}").status_code, 200)
        # A frequency of 0: the field named, nothing written.
        response = self.url_open(
            f"/my/return/wishes/{self.case.id}",
            data={
                "csrf_token": token,
                "contact_frequency": "0",
                "contact_channel": "text",
            },
        )
        self.assertIn("Contact Every (days)", response.text)
        self.assertEqual(
            (self.case.contact_frequency, self.case.contact_channel), (14, "phone")
        )
        # A check-in sent without saying how the week was.
        response = self.url_open(
            f"/my/return/checkin/{checkin.id}", data={"csrf_token": token}
        )
        self.assertIn("Say how heavy the week", response.text)
        self.assertEqual(checkin.state, "pending")

        self.authenticate("wb_test_colleague", "wb_test_colleague")
        page, token = self._token()
        self.assertNotIn(self.plan.name, page.text)
        posts = {
            f"/my/return/checkin/{checkin.id}": {"load": "heavier"},
            f"/my/return/wishes/{self.case.id}": {
                "contact_frequency": "3",
                "contact_channel": "visit",
            },
            f"/my/return/consent/{self.consent.id}/revoke": {},
            f"/my/reintegration/{self.plan.id}/reply": {"reply": "refuse"},
        }
        for url, data in posts.items():
            with self.subTest(url=url):
                response = self.url_open(url, data={"csrf_token": token, **data})
                self.assertEqual(response.status_code, 200)
                self.assertIn(urlsplit(response.url).path, ("/my", "/my/return"))
        self.assertNotIn(
            self.plan.name, self.url_open(f"/my/reintegration/{self.plan.id}").text
        )
        self.assertNotEqual(self.url_open(f"{PDF}/{self.plan.id}").status_code, 200)
        self.env.invalidate_all()
        self.assertEqual((checkin.state, checkin.load), ("pending", False))
        self.assertEqual(
            (self.case.contact_frequency, self.case.contact_channel), (14, "phone")
        )
        self.assertEqual((self.consent.state, self.plan.state), ("valid", "running"))

    def test_contact_wishes_over_rpc(self):
        """Only Els, only her wishes, at least one day."""
        els, manager = self.users["employee"], self.users["manager"]
        model, ids = "hr.absence.case", [self.case.id]
        refused = [
            (els, {"contact_frequency": 0}),
            (els, {"expected_return_date": fields.Date.to_string(self.today)}),
            (manager, {"contact_frequency": 7}),
            (self.colleague, {"contact_frequency": 7}),
        ]
        for user, vals in refused:
            with self.subTest(login=user.login, vals=vals):
                message = self.assertRpcRefused(user, model, "write", ids, vals)
                if vals == {"contact_frequency": 0}:
                    self.assertIn("Contact Every (days)", message)
                self.assertEqual(self.case.contact_frequency, 14)
                self.assertFalse(self.case.expected_return_date)
        self.assertRpcOk(els, model, "write", ids, {"contact_frequency": 10})
        self.assertEqual(self.case.contact_frequency, 10)

from odoo.tests import TransactionCase

MODULE = "hr_burnout_prevention"


class ConfidentialCase(TransactionCase):
    """The demo roles and Els's demo notes, trajectory and consents; Pieter of
    another team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.users = {
            role: ref(f"{MODULE}.demo_user_{role}")
            for role in (
                "employee",
                "manager",
                "taskforce",
                "hr",
                "paps",
                "physician",
                "admin",
            )
        }
        cls.admin = ref("base.user_admin")
        cls.els = ref(f"{MODULE}.demo_employee_employee")
        cls.pieter = ref(f"{MODULE}.demo_employee_pieter")
        cls.Note = cls.env["hr.confidential.note"]
        cls.Consent = cls.env["hr.wellbeing.consent"]
        cls.Log = cls.env["hr.wellbeing.access.log"]
        cls.share_consent = ref(f"{MODULE}.demo_consent_els_share_services")
        cls.revoked_consent = ref(f"{MODULE}.demo_consent_els_team_revoked")
        cls.medical_note = ref(f"{MODULE}.demo_note_els_consultation")
        cls.psy_note = ref(f"{MODULE}.demo_note_els_reload_1")
        cls.reload = ref(f"{MODULE}.demo_support_trajectory_els_reload")

    def setUp(self):
        super().setUp()
        self.Log._reset_request_memory()

    def as_user(self, role, records):
        user = self.admin if role == "admin" else self.users[role]
        records = records.with_user(user)
        records.invalidate_recordset()
        return records

    def note(self, employee=None, service="medical", role=None, **vals):
        role = role or ("physician" if service == "medical" else "paps")
        return (
            self.env["hr.confidential.note"]
            .with_user(self.users[role])
            .create(
                {
                    "employee_id": (employee or self.els).id,
                    "service": service,
                    "subject": "Test note",
                    "body": "Secret test body",
                    **vals,
                }
            )
        )

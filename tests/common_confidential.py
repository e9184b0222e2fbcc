"""Fixtures of the confidential side: Els's notes, support trajectory and
consents, built by the tests on the shared fixtures' company.

The story is the one of the demo (Els Peeters saw the occupational physician,
then the PAPS for a reload trajectory), with fixed dates around the tests'
frozen day, 2026-11-02: nothing here depends on the install day or on demo
data. Every record is made the way its users make it (the guarded moves, the
actions), never written into a later state.
"""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import TransactionCase

from .common import WellbeingFixtures

# The day the confidential tests freeze the clock on.
TODAY = "2026-11-02"


class ConfidentialFixtures(WellbeingFixtures):
    """The shared fixtures and Els's confidential story, all dated around
    2026-11-02:

    * ``share_consent``: valid consent to share notes between the physician
      and the PAPS, given 2026-09-28, expiring 2027-05-02;
    * ``revoked_consent``: consent to inform the team, given 2026-09-07 and
      revoked 2026-10-12;
    * ``medical_note`` (consultation, 2026-09-21) and ``barometer_note``
      (2026-09-28) of the physician;
    * ``reload``: a running reload trajectory with the PAPS, started
      2026-10-05, with three sessions (2026-10-05 and 2026-10-26 held,
      2026-11-16 planned) and a feedback to the manager about the
      "month-end planning", proposed to Els, not approved;
    * ``psy_note``: the PAPS's note of the first reload session.

    Pieter (``cls.pieter``) is of another team and gave no consent.
    ``cls.admin`` is Odoo's administrator (no confidential group), the addon's
    administrator is ``cls.users["admin"]``.

    Use it as a mixin before TransactionCase or HttpCase, and call
    ``cls.setup_confidential()`` in ``setUpClass``.
    """

    @classmethod
    def setup_confidential(cls):
        cls.setup_wellbeing()
        cls.admin = cls.odoo_admin
        cls.Note = cls.env["hr.confidential.note"]
        cls.Consent = cls.env["hr.wellbeing.consent"]
        cls.Log = cls.env["hr.wellbeing.access.log"]
        with freeze_time(TODAY):
            cls._build_els_story()

    @classmethod
    def _build_els_story(cls):
        # Everything goes the way the users go: Els gives and revokes her
        # consents herself on their days, the physician and the PAPS write
        # their notes (the system makes them the authors), the PAPS starts
        # the trajectory, records the sessions held and proposes the
        # feedback. The records are returned in the test's own environment.
        env = cls.env(su=True)
        employee = cls.users["employee"]
        physician = cls.users["physician"]
        paps = cls.users["paps"]
        Consent = env["hr.wellbeing.consent"].with_user(employee)
        with freeze_time("2026-09-07"):
            cls.revoked_consent = Consent.create(
                {
                    "employee_id": cls.els.id,
                    "company_id": cls.company.id,
                    "scope": "team_return",
                    "recipient_role": "manager",
                    "purpose": "Marc may tell the team that I am coming back "
                    "part-time.",
                }
            )
            cls.revoked_consent.action_give()
        with freeze_time("2026-09-28"):
            cls.share_consent = Consent.create(
                {
                    "employee_id": cls.els.id,
                    "company_id": cls.company.id,
                    "scope": "share_services",
                    "recipient_role": "paps",
                    "purpose": "Dr. Hermans and Ingrid Vos may exchange what "
                    "matters for my recovery and my return.",
                    "date_expiry": date(2027, 5, 2),
                }
            )
            cls.share_consent.action_give()
        with freeze_time("2026-10-12"):
            cls.revoked_consent.action_revoke()
        cls.share_consent = cls.share_consent.with_env(env)
        cls.revoked_consent = cls.revoked_consent.with_env(env)
        Medical = env["hr.confidential.note"].with_user(physician)
        cls.medical_note = Medical.create(
            {
                "employee_id": cls.els.id,
                "company_id": cls.company.id,
                "service": "medical",
                "kind": "consultation",
                "date": date(2026, 9, 21),
                "subject": "Spontaneous consultation",
                "body": "Exhaustion after a year of month-end peaks; sleeps badly. "
                "Advised to see her GP; psychosocial barometer planned.",
            }
        ).with_env(env)
        cls.barometer_note = Medical.create(
            {
                "employee_id": cls.els.id,
                "company_id": cls.company.id,
                "service": "medical",
                "kind": "barometer",
                "date": date(2026, 9, 28),
                "subject": "Psychosocial barometer",
                "body": "High scores on overstrain and stress complaints, "
                "engagement still present. Referred to the PAPS for a reload "
                "trajectory.",
            }
        ).with_env(env)
        Trajectory = env["hr.support.trajectory"].with_user(paps)
        reload = Trajectory.create(
            {
                "kind": "reload",
                "employee_id": cls.els.id,
                "company_id": cls.company.id,
                "initiator": "employee",
                "advisor_id": paps.id,
                "mandate_date": date(2026, 9, 28),
                "mandate_user_id": cls.users["hr"].id,
                "date_start": date(2026, 10, 5),
            }
        )
        reload.action_start()
        cls.reload_sessions = (
            env["hr.support.session"]
            .with_user(paps)
            .create(
                [
                    {
                        "trajectory_id": reload.id,
                        "date": datetime(2026, 10, 5, 9),
                        "duration": 2,
                    },
                    {
                        "trajectory_id": reload.id,
                        "date": datetime(2026, 10, 26, 9),
                        "duration": 2,
                    },
                    {
                        "trajectory_id": reload.id,
                        "date": datetime(2026, 11, 16, 9),
                        "duration": 2,
                    },
                ]
            )
        )
        cls.reload_sessions[:2].action_mark_done()
        cls.reload_sessions = cls.reload_sessions.with_env(env)
        reload.write(
            {
                "feedback": "Els prepares with the advisor a talk about the "
                "month-end planning and a quieter workplace on peak days."
            }
        )
        reload.action_propose_feedback()
        cls.reload = reload.with_env(env)
        cls.psy_note = (
            env["hr.confidential.note"]
            .with_user(paps)
            .create(
                {
                    "employee_id": cls.els.id,
                    "company_id": cls.company.id,
                    "service": "psychosocial",
                    "kind": "coaching",
                    "support_trajectory_id": cls.reload.id,
                    "support_session_id": cls.reload_sessions[0].id,
                    "date": date(2026, 10, 5),
                    "subject": "Reload session 1",
                    "body": "Energy drains: unplanned rush orders, feeling alone "
                    "with the backlog. Energy givers: the team, the customer "
                    "contacts.",
                }
            )
            .with_env(env)
        )
        env.flush_all()


class ConfidentialCase(ConfidentialFixtures, TransactionCase):
    """The shared fixtures and Els's confidential story (see
    `ConfidentialFixtures`); tests freeze the clock on 2026-11-02."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_confidential()

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

    def last_log_id(self):
        """The newest access log row now: logs written after it are the
        test's own, whatever the database held before."""
        return self.Log.search([], order="id desc", limit=1).id or 0

    def logs_since(self, last_id, domain=()):
        return self.Log.search([("id", ">", last_id), *domain], order="id")

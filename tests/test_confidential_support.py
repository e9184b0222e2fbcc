from contextlib import contextmanager
from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_confidential import ConfidentialCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestConfidentialSupport(ConfidentialCase):
    def _trajectory(self, kind, employee=None, **vals):
        return (
            self.env["hr.support.trajectory"]
            .with_user(self.users["paps"])
            .create(
                {
                    "kind": kind,
                    "employee_id": (self.pieter if employee is None else employee).id,
                    "date_start": "2026-11-02",
                    **vals,
                }
            )
        )

    @contextmanager
    def assertRaisesRegex(self, exception, regex):  # noqa: N802
        """Like assertRaises: the refused write is rolled back."""
        with self.assertRaises(exception) as cm:
            yield cm
        self.assertRegex(str(cm.exception), regex)
        self.env.invalidate_all()

    def _sessions(self, trajectory, *dates, **vals):
        self.env.invalidate_all()
        return trajectory.write(
            {
                "session_ids": [
                    Command.create({"date": datetime.fromisoformat(d), **vals})
                    for d in dates
                ]
            }
        )

    def test_reload_limits(self):
        reload = self._trajectory("reload")
        self._sessions(
            reload, "2026-11-03 09:00", "2026-11-20 09:00", "2027-01-02 09:00"
        )
        with self.assertRaisesRegex(ValidationError, "3 sessions"):
            self._sessions(reload, "2027-01-03 09:00")
        self.assertEqual(len(reload.session_ids), 3)
        with self.assertRaisesRegex(ValidationError, "too late"):
            reload.session_ids[-1].date = datetime(2027, 1, 10, 9)
        self._sessions(reload, "2027-04-01 09:00", is_follow_up=True)
        with self.assertRaisesRegex(ValidationError, "one follow-up"):
            self._sessions(reload, "2027-04-02 09:00", is_follow_up=True)
        late = self._trajectory("reload")
        self._sessions(late, "2026-11-03 09:00")
        with self.assertRaisesRegex(ValidationError, "too late"):
            self._sessions(late, "2027-05-10 09:00", is_follow_up=True)
        hours = self._trajectory("reload")
        self._sessions(hours, "2026-11-03 09:00", duration=4)
        self._sessions(hours, "2026-11-04 09:00", duration=4)
        with self.assertRaisesRegex(ValidationError, "10"):
            self._sessions(hours, "2026-11-05 09:00", duration=3)
        self.assertIn("2.0 hours", hours.limit_warning)

    def test_reboost_three_a_year(self):
        first = self._trajectory("reboost_individual")
        self._sessions(first, "2026-02-01 09:00", "2026-06-01 09:00")
        second = self._trajectory("reboost_individual")
        self._sessions(second, "2026-11-03 09:00")
        with self.assertRaisesRegex(ValidationError, "At most 3 reboost"):
            self._sessions(second, "2026-11-20 09:00")
        self._sessions(second, "2027-01-05 09:00")  # a new year
        team = self._trajectory(
            "reboost_team",
            employee=self.env["hr.employee"],
            department_id=self.operations.id,
        )
        self._sessions(team, "2026-03-01 09:00", "2026-06-01 09:00", "2026-09-01 09:00")
        with self.assertRaises(ValidationError):
            self._sessions(team, "2026-11-03 09:00")
        with self.assertRaisesRegex(ValidationError, "concerns a team"):
            self._trajectory("reboost_team", employee=self.env["hr.employee"])

    def test_reconnect_one_session_per_moment(self):
        reconnect = self._trajectory("reconnect")
        reconnect.write(
            {
                "session_ids": [
                    Command.create(
                        {"date": datetime(2026, 11, 3, 9), "moment": "before"}
                    ),
                    Command.create(
                        {"date": datetime(2026, 11, 20, 9), "moment": "during"}
                    ),
                ]
            }
        )
        self.assertTrue(reconnect.limit_warning)
        with self.assertRaisesRegex(ValidationError, "one session before"):
            self._sessions(reconnect, "2026-11-25 09:00", moment="during")
        self._sessions(reconnect, "2026-12-10 09:00", moment="after")
        self.assertFalse(reconnect.limit_warning)

    def test_manager_sees_dates_and_approved_feedback_only(self):
        manager = self.users["manager"]
        Public = self.env["hr.support.session.public"].with_user(manager)
        sessions = Public.search([("employee_id", "=", self.els.id)])
        self.assertEqual(len(sessions), 3)
        self.assertEqual(
            sorted(sessions.mapped("date")),
            sorted(self.reload.session_ids.mapped("date")),
        )
        self.assertNotIn("note_ids", Public._fields)
        for model in ("hr.support.trajectory", "hr.support.session"):
            with self.subTest(model=model):
                self.assertFalse(self.env[model].with_user(manager).search([]))
        with self.assertRaises(AccessError):
            self.as_user("manager", self.reload).read(["feedback"])
        public = (
            self.env["hr.support.trajectory.public"]
            .with_user(manager)
            .browse(self.reload.id)
        )
        self.assertFalse(public.feedback)  # proposed, not approved yet
        # Only Els approves the feedback.
        with self.assertRaises(AccessError):
            self.as_user("paps", self.reload).action_approve_feedback()
        self.as_user("employee", self.reload).action_approve_feedback()
        last = self.last_log_id()
        public.invalidate_recordset()
        self.assertIn("month-end planning", public.feedback)
        log = self.logs_since(last)
        self.assertEqual(
            (log.res_model, log.res_id, log.field_name, log.user_id),
            ("hr.support.trajectory.public", self.reload.id, "feedback", manager),
        )
        # Revoking her consent hides it at once.
        self.as_user("employee", self.reload.feedback_consent_id).action_revoke()
        public.invalidate_recordset()
        self.assertFalse(public.feedback)
        # Another team's manager sees none of it.
        other = self.new_user("employee", login="wb_test_an", name="An Willems")
        self.an.user_id = other
        self.assertFalse(
            self.env["hr.support.session.public"]
            .with_user(other)
            .search([("employee_id", "=", self.els.id)])
        )

    def test_employee_reads_own_trajectory_not_notes(self):
        employee = self.users["employee"]
        self.as_user("employee", self.reload).read(["feedback", "session_ids"])
        with self.assertRaises(AccessError):
            self.as_user("employee", self.reload).write({"feedback": "x"})
        with self.assertRaises(AccessError):
            self.as_user("employee", self.reload).read(["note_ids"])
        with self.assertRaises(AccessError):
            self.env["hr.support.trajectory"].with_user(employee).create(
                {"kind": "coaching", "employee_id": self.els.id}
            )

    def test_state_actions(self):
        trajectory = self._trajectory("coaching")
        with self.assertRaises(AccessError):
            self.as_user("employee", trajectory).action_start()
        trajectory.action_start()
        with self.assertRaises(UserError):
            trajectory.action_start()
        trajectory.action_done()
        self.assertEqual(trajectory.state, "done")

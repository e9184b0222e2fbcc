from datetime import date

from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged

from ..models.wellbeing_cron import CronStep, walk_pages
from .common_reintegration import MODULE, ReintegrationCase


@tagged("post_install", "-at_install")
class TestWellbeingCronPages(TransactionCase):
    """The shared page walker: progress over every step, resumption where a
    call stopped, nothing done twice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partners = cls.env["res.partner"].create(
            [{"name": f"Page {index}"} for index in range(7)]
        )

    def test_resumes_without_duplicates(self):
        seen = []

        def leave(records):
            seen.extend(records.ids)
            records.write({"ref": "done"})

        def stay(records):
            seen.extend(records.ids)

        ids = self.partners.ids
        cases = {
            "records leave the domain": CronStep(
                "res.partner", [("id", "in", ids), ("ref", "=", False)], leave
            ),
            "a bookmark": CronStep(
                "res.partner", [("id", "in", ids)], stay, cursor="test_scale_plan"
            ),
        }
        for label, step in cases.items():
            with self.subTest(label):
                seen.clear()
                calls = [
                    walk_pages(self.env, [step], page_size=3, max_pages=1)
                    for _call in range(3)
                ]
                self.assertEqual(calls, [(3, 4), (3, 1), (1, 0)])
                self.assertEqual(seen, ids)
        # Done: the records that left the domain are not walked again (a
        # bookmark's walk starts over on the next run, as it should).
        self.assertEqual(
            walk_pages(self.env, [cases["records leave the domain"]]), (0, 0)
        )
        self.assertFalse(
            self.env["hr.wellbeing.cron.cursor"].search(
                [("key", "=", "test_scale_plan")]
            )
        )

    def test_progress_counts_every_step(self):
        progress = self.env["ir.cron.progress"].create(
            {"cron_id": self.env.ref("base.autovacuum_job").id}
        )
        ids = self.partners.ids
        steps = [
            CronStep("res.partner", [("id", "in", ids[:4])], lambda r: None),
            CronStep("res.partner", [("id", "in", ids[4:])], lambda r: None),
        ]
        env = self.env(context=dict(self.env.context, ir_cron_progress_id=progress.id))
        self.assertEqual(walk_pages(env, steps, page_size=2, max_pages=2), (4, 3))
        self.assertEqual((progress.done, progress.remaining), (4, 3))


class ScalePlanFixtures:
    """Employees with a user each and a plan each (not running: a test puts
    the number it measures in the running state)."""

    SIZES = (5, 25)

    @classmethod
    def setup_scale_plans(cls, count=31):
        users = cls._users().create(
            [
                cls._user_values(
                    "employee", login=f"wb_test_scale_{index}", name=f"Scale {index}"
                )
                for index in range(count)
            ]
        )
        employees = cls._employees(
            *[
                (f"Scale {index}", cls.operations, cls.marc, user)
                for index, user in enumerate(users)
            ]
        )
        employees.resource_calendar_id = cls.calendar_38h
        cls.scale_plans = cls.Plan.create(
            [
                {
                    "employee_id": employee.id,
                    "date_start": date(2026, 11, 9),
                    "coach_user_id": cls.paps_user.id,
                }
                for employee in employees
            ]
        )

    def _tracked_env(self):
        """The fixtures' environment without ``tracking_disable``: the
        commit-time tracking is measured too."""
        context = dict(self.env.context)
        context.pop("tracking_disable", None)
        return self.env(context=context)

    def _as_running(self, plans):
        """The system puts the plans in the running state (as a data
        migration would): the moves themselves are proven elsewhere."""
        with plans._workflow_system():
            plans.write(
                {"state": "running", "original_calendar_id": self.calendar_38h.id}
            )
        self.env.flush_all()

    def _commit_work(self):
        """What Odoo does at commit (tracking, mail), in the counted block."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.cr.postcommit.run()


@tagged("post_install", "-at_install", "is_query_count")
@freeze_time("2026-11-18")
class TestScaleCheckins(ScalePlanFixtures, ReintegrationCase):
    # Queries of one call of the weekly job, whatever the number of plans
    # of its page (counted with the commit-time work): 11 measured alone, up
    # to 16 after tests that clear Odoo's caches (16 to 17 while each
    # check-in got a "created" note).
    BUDGET = 16

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_scale_plans()
        cls.Checkin = cls.env["hr.reintegration.checkin"]
        # The plans of the database (demo data) done first: the tests
        # measure their own plans only.
        cls.Checkin._cron_create_checkins()

    def _checkin_job(self, **kwargs):
        Checkin = self._tracked_env()["hr.reintegration.checkin"]
        created = Checkin._cron_create_checkins(**kwargs)
        self._commit_work()
        return created

    def test_query_count_is_flat(self):
        # A first plan warms the caches (the ORM's and the rules'); then 5
        # plans, then 25: the same queries.
        warm, small, large = (
            self.scale_plans[:1],
            self.scale_plans[1 : 1 + self.SIZES[0]],
            self.scale_plans[1 + self.SIZES[0] : 1 + sum(self.SIZES)],
        )
        self._as_running(warm)
        self._checkin_job()
        counts = []
        for plans in (small, large):
            self._as_running(plans)
            before = self.cr.sql_log_count
            with self.assertQueryCount(self.BUDGET):
                created = self._checkin_job()
            counts.append(self.cr.sql_log_count - before)
            self.assertEqual(created.plan_id, plans)
            self.assertEqual(created.activity_ids.user_id, plans.employee_id.user_id)
        self.assertEqual(counts[0], counts[1], "the same queries at 5 and 25 plans")

    def test_no_mail_per_checkin(self):
        self._as_running(self.scale_plans)
        mails = self.env["mail.mail"].search_count([])
        notifications = self.env["mail.notification"].search_count([])
        created = self._checkin_job()
        self.assertEqual(len(created), len(self.scale_plans))
        # No e-mail, no inbox notification: the to-do is enough.
        self.assertEqual(self.env["mail.mail"].search_count([]), mails)
        self.assertEqual(self.env["mail.notification"].search_count([]), notifications)
        # Not even a note that each check-in was created (the job is server
        # code; a client cannot silence the guard's creation note).
        messages = self.env["mail.message"].search(
            [("model", "=", created._name), ("res_id", "in", created.ids)]
        )
        self.assertFalse(messages)
        for checkin in created:
            activity = checkin.activity_ids
            self.assertEqual(len(activity), 1)
            # The wall's neutral text, for the check-in's own employee, who
            # follows it; nothing reaches the plan.
            self.assertEqual(
                activity.summary, "A confidential record needs your attention"
            )
            self.assertFalse(activity.note)
            self.assertEqual(activity.user_id, checkin.plan_id.employee_id.user_id)
            self.assertEqual(str(activity.date_deadline), "2026-11-20")
            self.assertEqual(checkin.message_partner_ids, activity.user_id.partner_id)
            # With the subtypes Odoo's own subscription gives.
            self.assertEqual(
                checkin.message_follower_ids.subtype_ids,
                self.env["mail.message.subtype"].default_subtypes(checkin._name)[0],
            )
        self.assertFalse(self.scale_plans.activity_ids)

    def test_summary_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        plans = self.scale_plans[:2]
        plans[0].employee_id.user_id.lang = "fr_FR"
        self._as_running(plans)
        created = self._checkin_job()
        fr, en = (c.activity_ids.sudo() for c in created.sorted(lambda c: c.plan_id.id))
        self.assertEqual(en.summary, "A confidential record needs your attention")
        french = self.env["mail.activity"].with_context(lang="fr_FR")
        self.assertEqual(fr.summary, french._wall_neutral_values()["summary"])

    def test_resumes_where_it_stopped(self):
        self._as_running(self.scale_plans)
        progress = self.env["ir.cron.progress"].create(
            {"cron_id": self.env.ref(f"{MODULE}.ir_cron_reintegration_checkins").id}
        )
        Checkin = self.env["hr.reintegration.checkin"].with_context(
            ir_cron_progress_id=progress.id
        )
        first = Checkin._cron_create_checkins(page_size=10, max_pages=1)
        self.assertEqual(len(first), 10)
        self.assertEqual((progress.done, progress.remaining), (10, 21))
        created = first
        for _call in range(3):
            self.assertGreater(progress.remaining, 0)
            created |= Checkin._cron_create_checkins(page_size=10, max_pages=1)
        self.assertEqual(progress.remaining, 0)
        self.assertEqual(created.plan_id, self.scale_plans)
        week = self.Checkin.search(
            [("plan_id", "in", self.scale_plans.ids), ("week_start", "=", "2026-11-16")]
        )
        self.assertEqual(week, created)
        self.assertEqual(len(week.activity_ids), len(self.scale_plans))

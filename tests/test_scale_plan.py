from odoo.tests import TransactionCase, tagged

from ..models.wellbeing_cron import CronStep, walk_pages


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

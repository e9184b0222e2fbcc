from freezegun import freeze_time

from odoo.tests import tagged

from .common_confidential import ConfidentialCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestConfidentialPerformance(ConfidentialCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.notes = cls.Note.with_user(cls.users["physician"]).create(
            [
                {
                    "employee_id": cls.pieter.id,
                    "service": "medical",
                    "subject": f"Note {i}",
                    "body": "Body",
                }
                for i in range(200)
            ]
        )

    def _list(self, limit):
        Note = self.Note.with_user(self.users["physician"])
        return Note.web_search_read(
            [("employee_id", "=", self.pieter.id)],
            {
                "date": {},
                "subject": {},
                "kind": {},
                "service": {},
                "employee_id": {"fields": {"display_name": {}}},
            },
            limit=limit,
        )

    def test_listing_200_notes_costs_as_much_as_listing_10(self):
        self.env.invalidate_all()
        with self.assertQueryCount(19):
            result = self._list(200)
            # The end of the request: the log rows are written (one insert).
            self.env.cr.flush()
        self.assertEqual(result["length"], 200)
        self.assertEqual(
            self.Log.search_count(
                [("res_id", "in", self.notes.ids), ("res_model", "=", self.Note._name)]
            ),
            200,
        )
        self.Log._reset_request_memory()
        self.env.invalidate_all()
        with self.assertQueryCount(19):
            self._list(10)
            self.env.cr.flush()


# Queries of one run of the anonymisation (a page), whatever the number of
# notes due; Odoo writes rows by 100 (one more query per 100 notes).
ANONYMISE_QUERIES = 30


@tagged("post_install", "-at_install", "is_query_count")
class TestAnonymisePerformance(ConfidentialCase):
    """The anonymisation walks every due note in pages, with progress, in a
    number of queries that does not grow with the notes of a page."""

    def _departed_notes(self, count, tag):
        employees = self.env["hr.employee"].create(
            [
                {"name": f"Departed {tag} {i}", "company_id": self.company.id}
                for i in range(count)
            ]
        )
        notes = self.Note.with_user(self.users["physician"]).create(
            [
                {
                    "employee_id": employee.id,
                    "service": "medical",
                    "subject": f"Note {i}",
                    "body": "Body",
                }
                for i, employee in enumerate(employees)
            ]
        )
        employees.sudo().write({"departure_date": "2006-10-01", "active": False})
        return notes

    def test_anonymisation_is_flat(self):
        # What the database held before, and a first run that warms the caches.
        with freeze_time("2026-11-02"):
            self.Note._cron_anonymise()
            self._departed_notes(2, "warm")
            self.Note._cron_anonymise()
        for count in (5, 25):
            self.env.flush_all()
            with (
                self.subTest(count=count),
                self.env.cr.savepoint(flush=False) as savepoint,
                freeze_time("2026-11-02"),
            ):
                notes = self._departed_notes(count, count)
                self.env.flush_all()
                self.env.invalidate_all()
                with self.assertQueryCount(ANONYMISE_QUERIES):
                    done = self.Note._cron_anonymise()
                    self.env.flush_all()
                    self.env.cr.precommit.run()
                self.assertEqual(done, notes)
                self.assertTrue(all(notes.mapped("anonymised")))
                self.assertFalse(any(notes.mapped("body")))
                savepoint.rollback()
                self.env.invalidate_all()

    def test_every_due_note_in_pages_with_progress(self):
        with freeze_time("2026-11-02"):
            self.Note._cron_anonymise()
            notes = self._departed_notes(7, "pages")
            cron = self.env.ref(
                "hr_burnout_prevention.ir_cron_hr_confidential_note_anonymise"
            )
            reports = []
            for _call in range(10):
                progress = self.env["ir.cron.progress"].create(
                    {"cron_id": cron.id, "done": 0, "remaining": 0}
                )
                done = self.Note.with_context(
                    ir_cron_progress_id=progress.id
                )._cron_anonymise(batch_size=3, max_pages=1)
                reports.append((len(done), progress.done, progress.remaining))
                if not progress.remaining:
                    break
        # 7 notes in pages of 3: three calls, each reporting its page and
        # what remains, so that Odoo's runner calls again.
        self.assertEqual(reports, [(3, 3, 4), (3, 3, 1), (1, 1, 0)])
        self.assertTrue(all(notes.mapped("anonymised")))

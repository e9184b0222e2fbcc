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

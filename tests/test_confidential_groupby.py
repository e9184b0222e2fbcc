from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_confidential import ConfidentialCase

SECRETS = ("Exhaustion", "burn-out", "barometer", "Energy drains", "Secret")


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestConfidentialGroupBy(ConfidentialCase):
    """A manager groups time off and cases by every field: no group label
    carries a confidential value."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        leave_type = cls.env["hr.leave.type"].create(
            {"name": "Sick (group-by test)", "requires_allocation": "no"}
        )
        cls.leave = (
            cls.env["hr.leave"]
            .with_context(leave_skip_state_check=True)
            .create(
                {
                    "name": "Secret: burn-out diagnosis",
                    "private_name": "Secret: burn-out diagnosis",
                    "employee_id": cls.els.id,
                    "holiday_status_id": leave_type.id,
                    "request_date_from": "2026-10-05",
                    "request_date_to": "2026-10-09",
                }
            )
        )
        # Els's absence case, with its contact plan, as Marc follows it.
        cls.case = cls.env["hr.absence.case"].create(
            {
                "employee_id": cls.els.id,
                "date_start": "2026-08-24",
                "expected_return_date": "2026-11-30",
                "hr_responsible_id": cls.users["hr"].id,
                "contact_user_id": cls.users["manager"].id,
                "contact_frequency": 14,
                "contact_channel": "phone",
                "topics_to_avoid": "The planning backlog and who covers her work.",
            }
        )
        cls.case.with_user(cls.users["employee"]).action_agree_contact_plan(
            "2026-08-31"
        )
        cls.medical_note.sudo().case_id = cls.case

    def _groupable(self, Model):
        return [
            name
            for name, field in Model._fields.items()
            if field.store
            and field.type not in ("binary", "html", "text", "one2many", "many2many")
            and field.is_accessible(Model.env)
        ]

    def test_manager_group_by_reveals_nothing(self):
        manager = self.users["manager"]
        for model, record in (("hr.leave", self.leave), ("hr.absence.case", self.case)):
            Model = self.env[model].with_user(manager)
            # Marc sees Els's record: the groups below are not empty.
            self.assertEqual(Model.search([]), record, model)
            for fname in self._groupable(Model):
                with self.subTest(model=model, field=fname):
                    try:
                        groups = Model.read_group([], ["__count"], [fname], lazy=False)
                    except (AccessError, UserError, ValueError):
                        continue
                    text = repr(groups)
                    for secret in SECRETS:
                        self.assertNotIn(secret, text)
            # Grouping by a field the manager may not read is refused.
            if "private_name" in Model._fields:
                with self.assertRaises(AccessError):
                    Model.read_group([], ["__count"], ["private_name"])
        # No model of the employer side links to a confidential model.
        confidential = {
            "hr.confidential.note",
            "hr.wellbeing.consent",
            "hr.wellbeing.access.log",
            "hr.support.trajectory",
            "hr.support.session",
        }
        for model in (
            "hr.leave",
            "hr.absence.case",
            "hr.employee",
            "hr.employee.public",
        ):
            links = {
                f.name
                for f in self.env[model]._fields.values()
                if getattr(f, "comodel_name", None) in confidential
            }
            self.assertFalse(links, model)

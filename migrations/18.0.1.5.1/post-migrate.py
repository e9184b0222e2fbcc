"""18.0.1.5.1:

- the access log's `service` and `company_id` are no longer indexed;
- a milestone's `is_overdue` and `status` and a case's `has_overdue` are
  computed when read (overdue is live), no longer stored: their old columns
  stay, unused, as Odoo leaves them; the index of the old flag goes.

Odoo keeps an index whose field lost `index=True` ("Keep unexpected index"):
drop them here."""

from odoo.tools import SQL

INDEXES = (
    "hr_wellbeing_access_log__service_index",
    "hr_wellbeing_access_log__company_id_index",
    "hr_absence_milestone__is_overdue_index",
)


def migrate(cr, version):
    if not version:
        return
    for index in INDEXES:
        cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(index)))

"""18.0.1.5.1: the access log's `service` and `company_id` are no longer
indexed. Odoo keeps an index whose field lost `index=True` ("Keep unexpected
index"): drop the two here."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    for column in ("service", "company_id"):
        cr.execute(
            SQL(
                "DROP INDEX IF EXISTS %s",
                SQL.identifier(f"hr_wellbeing_access_log__{column}_index"),
            )
        )

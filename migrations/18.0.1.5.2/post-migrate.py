"""18.0.1.5.2: the access log's `user_id` and `company_id` are no longer
foreign keys (see `_UncheckedMany2one` in the access log's model).

Odoo creates the foreign keys its fields declare and leaves those it no
longer declares: drop the two here, with their reflection in
`ir.model.constraint` (which module uninstallation would drop again)."""

from odoo.tools import SQL

TABLE = "hr_wellbeing_access_log"
CONSTRAINTS = (f"{TABLE}_user_id_fkey", f"{TABLE}_company_id_fkey")


def migrate(cr, version):
    if not version:
        return
    for name in CONSTRAINTS:
        cr.execute(
            SQL(
                "ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s",
                SQL.identifier(TABLE),
                SQL.identifier(name),
            )
        )
    cr.execute(
        "DELETE FROM ir_model_constraint WHERE type = 'f' AND name IN %s",
        [CONSTRAINTS],
    )

from odoo import _, api, models
from odoo.exceptions import AccessError

MODULE = "hr_burnout_prevention"


class IrActionsReport(models.Model):
    """A report of the addon restricted to groups (`groups_id`, e.g. the
    day-28 letter for HR) renders for those groups only, whatever the way in:
    the print menu, ``/report/html/...``, ``/report/pdf/...`` or an RPC call
    (Odoo itself only hides it from the print menu). Reports without groups
    print what the reader may read: their records are read with the reader's
    rights."""

    _inherit = "ir.actions.report"

    @api.model
    def _get_rendering_context(self, report, docids, data):
        # `report` comes in sudo (``_get_report``): the reader is self's user.
        self._check_report_audience(report)
        return super()._get_rendering_context(report, docids, data)

    @api.model
    def _check_report_audience(self, reports):
        if self.env.su:
            return
        for report in reports.sudo():
            if (
                report.report_name.startswith(f"{MODULE}.")
                and report.groups_id
                and not report.groups_id & self.env.user.groups_id
            ):
                raise AccessError(
                    _(
                        "%(report)s is printed by %(groups)s only.",
                        report=report.name,
                        groups=", ".join(report.groups_id.mapped("full_name")),
                    )
                )

import functools
import io
import subprocess
from contextvars import ContextVar

import lxml.html
from reportlab.pdfgen import canvas

from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

# Set by the server around a call of wkhtmltopdf for one document whose
# letterhead is in its body (never by a client: a context key would be).
_BODY_ONLY = ContextVar("wellbeing_report_body_only", default=False)

MODULE = "hr_burnout_prevention"
# Margins (mm) of a page whose letterhead is printed in the page itself.
BODY_MARGIN_TOP = 12
BODY_MARGIN_BOTTOM = 18


@functools.cache
def wkhtmltopdf_patched_qt():
    """Whether wkhtmltopdf is the build with patched Qt (the one Odoo
    recommends). Other builds (Debian's package among them) ignore
    ``--header-html`` and ``--footer-html``: the layout's header and footer
    never reach the PDF."""
    try:
        out = subprocess.run(
            [_get_wkhtmltopdf_bin(), "--version"],
            capture_output=True,
            timeout=30,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return b"patched qt" in out.lower()


def _classes(node):
    return (node.get("class") or "").split()


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

    # Letterhead and page numbers with a wkhtmltopdf that ignores the
    # header and footer files (no patched Qt): the layout's header is
    # printed at the top of each document, its footer at the end, and the
    # page numbers are stamped on every page afterwards.

    def _wellbeing_letterhead_in_body(self):
        self.ensure_one()
        return self.report_name.startswith(f"{MODULE}.") and not (
            wkhtmltopdf_patched_qt()
        )

    def _prepare_html(self, html, report_model=False):
        if not (len(self) == 1 and self._wellbeing_letterhead_in_body()):
            return super()._prepare_html(html, report_model=report_model)
        html = self._wellbeing_letterhead_into_body(html)
        bodies, res_ids, header, footer, args = super()._prepare_html(
            html, report_model=report_model
        )
        args = dict(args)
        args.setdefault("data-report-margin-top", BODY_MARGIN_TOP)
        args.setdefault("data-report-margin-bottom", BODY_MARGIN_BOTTOM)
        return bodies, res_ids, header, footer, args

    @api.model
    def _wellbeing_letterhead_into_body(self, html):
        """The html of the report with each document's header moved to the
        top of its page and its footer to the end, less the page number line
        (stamped afterwards)."""
        root = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(encoding="utf-8"))
        for main in root.xpath("//main"):
            header = article = None
            for node in list(main):
                classes = _classes(node)
                if "header" in classes:
                    header = node
                elif "article" in classes:
                    article = node
                    if header is not None:
                        header.set("class", self._wellbeing_rename(header, "header"))
                        article.insert(0, header)
                        header = None
                elif "footer" in classes and article is not None:
                    for page in node.xpath(".//span[@class='page']/.."):
                        page.getparent().remove(page)
                    node.set("class", self._wellbeing_rename(node, "footer"))
                    article.append(node)
                    article = None
        return lxml.html.tostring(root, encoding="utf-8", doctype="<!DOCTYPE html>")

    @api.model
    def _wellbeing_rename(self, node, klass):
        return " ".join(
            f"o_wellbeing_{klass}" if c == klass else c for c in _classes(node)
        )

    @api.model
    def _run_wkhtmltopdf(self, bodies, report_ref=False, **kwargs):
        report = report_ref and self._get_report(report_ref)
        if not (report and report._wellbeing_letterhead_in_body()):
            return super()._run_wkhtmltopdf(bodies, report_ref=report_ref, **kwargs)
        # This wkhtmltopdf prints one html file per call: one call per
        # document, each numbered on its own, then put together.
        writer = PdfFileWriter()
        run = super()
        for body in bodies:
            token = _BODY_ONLY.set(True)
            try:
                pdf = run._run_wkhtmltopdf([body], report_ref=report_ref, **kwargs)
            finally:
                _BODY_ONLY.reset(token)
            reader = PdfFileReader(
                io.BytesIO(self._wellbeing_stamp_page_numbers(pdf)), strict=False
            )
            for number in range(reader.getNumPages()):
                writer.addPage(reader.getPage(number))
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    @api.model
    def _build_wkhtmltopdf_args(self, paperformat_id, landscape, *args, **kwargs):
        command_args = super()._build_wkhtmltopdf_args(
            paperformat_id, landscape, *args, **kwargs
        )
        if _BODY_ONLY.get() and "--javascript-delay" in command_args:
            # The wait is for the script that fills the header and footer
            # files; a page with its letterhead in it has no script to wait
            # for (set by the server just above).
            at = command_args.index("--javascript-delay")
            del command_args[at : at + 2]
        return command_args

    @api.model
    def _wellbeing_stamp_page_numbers(self, pdf):
        """ "1 / 3" at the bottom right of every page, in a font of the PDF
        itself (a text layer, in any language)."""
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        total = reader.getNumPages()
        packet = io.BytesIO()
        stamp = canvas.Canvas(packet)
        for number in range(total):
            box = reader.getPage(number).mediaBox
            width, height = float(box.getWidth()), float(box.getHeight())
            stamp.setPageSize((width, height))
            stamp.setFont("Helvetica", 8)
            stamp.setFillGray(0.4)
            stamp.drawRightString(width - 36, 24, f"{number + 1} / {total}")
            stamp.showPage()
        stamp.save()
        stamps = PdfFileReader(packet, strict=False)
        writer = PdfFileWriter()
        for number in range(total):
            page = reader.getPage(number)
            page.mergePage(stamps.getPage(number))
            writer.addPage(page)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

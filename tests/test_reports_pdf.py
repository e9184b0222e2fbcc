"""Issue 15, documents a company signs: every report of the addon printed to a
real PDF in the test run (wkhtmltopdf, as in production), its text read back
with PyPDF2.

Odoo renders reports as HTML in tests unless asked otherwise
(``force_report_rendering``); the PDF is made here for real. The class is an
HttpCase so that wkhtmltopdf loads the report's style sheets from the test
server, as it does from a running Odoo. Each report is printed once, in
``setUpClass``; the tests read the texts.
"""

import base64
import io
import re
from datetime import date

from freezegun import freeze_time
from PyPDF2 import PdfReader

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common_absence import AbsenceFixtures
from .common_prevention import PreventionFixtures
from .common_reintegration import ReintegrationFixtures

MODULE = "hr_burnout_prevention"
SCAN = base64.b64encode(b"%PDF-1.4 signed reply").decode()
# "1 / 2" at the foot of each page (or "Page 1 / 2" with a wkhtmltopdf that
# prints the layout's footer itself).
PAGE_NUMBER = re.compile(r"\b(\d+)\s*/\s*(\d+)\s*$")


def pdf_pages(pdf):
    """The text of each page, with the words joined by single spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def pdf_fonts(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    return fonts


@tagged("post_install", "-at_install")
class TestReportsPdf(
    ReintegrationFixtures, AbsenceFixtures, PreventionFixtures, HttpCase
):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-11-02"):
            cls.setup_wellbeing()
            cls._prevention_data()
            cls.setup_absence()
            cls.setup_reintegration()
            cls._documents_data()
        cls.pdf = cls.text = None

    @classmethod
    def _prevention_data(cls):
        """A published declaration, this year's plan with the committee's
        advice, an action with everything the plan prints, a cancelled one,
        and an evaluation of the plan."""
        cls.env = cls.env(context=dict(cls.env.context, tz="Europe/Brussels"))
        cls.today = date(2026, 11, 2)
        cls.policy = cls.env["hr.prevention.policy"].create(
            {
                "name": "Documents policy",
                "date_start": date(2026, 1, 1),
                "date_end": date(2030, 12, 31),
            }
        )
        cls.plan = cls.env["hr.prevention.year.plan"].create(
            {"year": 2026, "policy_id": cls.policy.id}
        )
        cls.declaration = cls.new_declaration("Our commitment")
        cls.approve_declaration(cls.declaration)
        cls.declaration.action_publish()
        cls.action = cls.new_action(
            "Action planned",
            objective="Fewer month-end peaks",
            indicator="Overtime hours per month",
            target="Under 10 hours",
            prevention_level="secondary",
            budget=1500,
        )
        cls.action.action_plan()
        cls.new_action("Action cancelled").action_cancel()
        cls.plan.action_request_advice()
        cls.plan.write({"advice_result": "favourable", "advice_text": "Fine."})
        cls.plan.action_receive_advice()
        cls.evaluation = cls.env["hr.prevention.evaluation"].create(
            {
                "year_plan_id": cls.plan.id,
                "line_ids": [
                    Command.create({"action_id": cls.action.id, "result": "partly"})
                ],
            }
        )

    @classmethod
    def _documents_data(cls):
        company = cls.company
        # The fixtures' company has no logo and no address: the bad input of
        # the letterhead, on every document.
        company.wellbeing_external_service_id = cls.env["res.partner"].create(
            {
                "name": "Preventa EDPB",
                "is_company": True,
                "street": "Kunstlaan 10",
                "zip": "1000",
                "city": "Brussel",
                "phone": "+32 2 555 01 01",
                "email": "arbeidsarts@preventa.example.com",
            }
        )
        # HR reads private addresses only with Odoo's Employees rights.
        cls.users["hr"].groups_id = [Command.link(cls.env.ref("hr.group_hr_user").id)]
        cls.nathalie.write(
            {
                "job_title": "HR Business Partner",
                "work_phone": "+32 2 555 02 02",
                "work_email": "nathalie.dubois@example.com",
            }
        )
        cls.tom.write(
            {
                "private_street": "Lindenlaan 5",
                "private_zip": "2000",
                "private_city": "Antwerpen",
            }
        )
        Case = cls.env["hr.absence.case"]
        cls.cases = Case.create(
            [
                {
                    "employee_id": employee.id,
                    "date_start": date(2026, 9, 1),
                    "hr_responsible_id": cls.users["hr"].id,
                }
                for employee in (cls.tom, cls.sofie)
            ]
        )
        # A plan accepted online by its employee, one accepted on paper,
        # recorded by HR, inside a reintegration trajectory.
        with freeze_time("2026-10-26"):
            cls.online_plan = cls._proposed(cls.jan)
        cls.online_plan.with_user(cls.jan_user).action_accept()
        cls.online_plan.with_user(cls.hr_user).action_stop()
        piet = cls.new_returner("Piet Paper")
        cls.rit = cls._decided_rit(piet)
        with freeze_time("2026-10-26"):
            cls.paper_plan = cls._proposed(
                piet, kind="rit", trajectory_id=cls.rit.id, case_id=cls.rit.case_id.id
            )
        wizard = (
            cls.env["hr.reintegration.paper.reply.wizard"]
            .with_user(cls.hr_user)
            .create(
                {
                    "plan_id": cls.paper_plan.id,
                    "reply": "accepted",
                    "reply_date": date(2026, 10, 30),
                    "scan": SCAN,
                    "scan_name": "reply.pdf",
                }
            )
        )
        wizard.action_confirm()

    @classmethod
    def _proposed(cls, employee, **vals):
        plan = (
            cls.env["hr.reintegration.plan"]
            .with_user(cls.hr_user)
            .create(
                {
                    "employee_id": employee.id,
                    "date_start": date(2026, 11, 9),
                    "coach_user_id": cls.paps_user.id,
                    "hr_responsible_id": cls.hr_user.id,
                    **vals,
                }
            )
        )
        wizard = (
            cls.env["hr.reintegration.schedule.wizard"]
            .with_user(cls.hr_user)
            .create(
                {
                    "plan_id": plan.id,
                    "start_percentage": 40,
                    "step": 20,
                    "weeks_per_step": 2,
                    "target_percentage": 100,
                }
            )
        )
        wizard.action_generate()
        plan.with_user(cls.hr_user).action_propose()
        return plan

    @classmethod
    def _decided_rit(cls, employee):
        case = cls.env["hr.absence.case"].create(
            {"employee_id": employee.id, "date_start": date(2026, 6, 1)}
        )
        rit = cls.env["hr.reintegration.trajectory"].create(
            {
                "case_id": case.id,
                "request_date": date(2026, 9, 1),
                "requester": "employee",
                "physician_user_id": cls.physician_user.id,
            }
        )
        rit.write(
            {
                "decision": "A",
                "decision_date": date(2026, 10, 15),
                "decision_received_date": date(2026, 10, 20),
                "functional_restrictions": "No lifting above 10 kg.",
            }
        )
        rit.action_confirm_decision()
        return rit

    @classmethod
    def _print(cls, template, records, user):
        report = cls.env["ir.actions.report"].with_user(user)
        pdf, kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            f"{MODULE}.{template}", records.ids
        )
        if kind != "pdf":
            raise AssertionError(f"{template} printed {kind}, not a PDF")
        return pdf

    def _printed(self):
        """Each report printed once for the class, in its first test: the
        test server answers wkhtmltopdf's requests (the style sheets) only
        while a test runs."""
        cls = type(self)
        if cls.pdf is None:
            pdf = {}
            pdf["letter"] = cls._print(
                "report_absence_day28_letter", cls.cases, cls.users["hr"]
            )
            pdf["plan_online"] = cls._print(
                "hr_reintegration_plan_report_document", cls.online_plan, cls.jan_user
            )
            pdf["plan_paper"] = cls._print(
                "hr_reintegration_plan_report_document",
                cls.paper_plan,
                cls.users["hr"],
            )
            pdf["year_plan"] = cls._print(
                "report_year_plan", cls.plan, cls.users["taskforce"]
            )
            pdf["evaluation"] = cls._print(
                "report_evaluation", cls.evaluation, cls.users["taskforce"]
            )
            pdf["declaration"] = cls._print(
                "report_intent_declaration",
                cls.declaration,
                cls.users["employee"],
            )
            cls.pdf = pdf
            cls.text = {name: pdf_pages(content) for name, content in pdf.items()}
        return cls.pdf, cls.text

    def _pdfs(self):
        return self._printed()[0]

    def _texts(self):
        return self._printed()[1]

    # --- every document -------------------------------------------------

    def test_every_pdf_has_a_text_layer_with_the_letterhead_and_page_numbers(self):
        for name, pages in self._texts().items():
            with self.subTest(report=name):
                self.assertTrue(pages)
                # The page number at the foot of every page, counted per
                # document ("1 / 1" for each letter of a batch).
                previous = (0, 0)
                for text in pages:
                    found = PAGE_NUMBER.search(text)
                    self.assertTrue(found, f"no page number on {text[-40:]!r}")
                    number, total = int(found[1]), int(found[2])
                    if previous[0] == previous[1]:
                        self.assertEqual(number, 1)
                    else:
                        self.assertEqual(
                            (number, total), (previous[0] + 1, previous[1])
                        )
                    previous = (number, total)
                self.assertEqual(previous[0], previous[1])
                self.assertIn("Wellbeing Test BV", pages[0])
                # No logo, no address: said, not a traceback.
                self.assertIn("The company's address is not on file", pages[0])
                # The text is drawn in a font of the PDF, not as shapes: the
                # report's style sheet (system fonts) was applied.
                fonts = " ".join(pdf_fonts(self._pdfs()[name]))
                self.assertIn("DejaVuSans", fonts)

    # --- the day-28 letter --------------------------------------------------

    def test_letter_has_the_address_block_hr_contact_and_external_service(self):
        pages = self._texts()["letter"]
        tom = next(text for text in pages if "Tom Claes" in text)
        sofie = next(text for text in pages if "Sofie Maes" in text)
        self.assertRegex(tom, r"Tom Claes Lindenlaan 5 2000 Antwerpen")
        self.assertNotIn("No address on file Sofie", tom)
        self.assertRegex(sofie, r"Sofie Maes No address on file")
        for text in (tom, sofie):
            with self.subTest(text=text[:40]):
                self.assertIn(
                    "Our external service: Preventa EDPB, Kunstlaan 10, "
                    "1000 Brussel, +32 2 555 01 01, "
                    "arbeidsarts@preventa.example.com.",
                    text,
                )
                self.assertIn("occupational physician of our external service", text)
                self.assertIn(
                    "Nathalie Dubois HR Business Partner +32 2 555 02 02 "
                    "nathalie.dubois@example.com Wellbeing Test BV",
                    text,
                )

    def test_letter_without_external_service_says_so(self):
        self.company.wellbeing_external_service_id = False
        html = (
            self.env["ir.actions.report"]
            .with_user(self.users["hr"])
            ._render_qweb_html(
                f"{MODULE}.report_absence_day28_letter", self.cases[:1].ids
            )[0]
            .decode()
        )
        self.assertIn("External service for prevention and protection", html)
        self.assertIn("not set", html)
        self.assertNotIn("Preventa", html)

    # --- the reintegration plan ---------------------------------------------

    def test_plan_shows_its_acceptance_and_no_status(self):
        online = " ".join(self._texts()["plan_online"])
        paper = " ".join(self._texts()["plan_paper"])
        self.assertIn(
            "Acceptance: Accepted by Jan Returner online, on 11/02/2026.", online
        )
        # Recorded by HR on the day the scan was stored.
        self.assertRegex(
            paper,
            r"Acceptance: Accepted by Piet Paper on paper, signed on 10/30/2026; "
            r"recorded by Nathalie Dubois on \d\d/\d\d/\d{4}\.",
        )
        self.assertIn(f"Reintegration trajectory: {self.rit.name}", paper)
        self.assertNotIn("Reintegration trajectory:", online)
        for text in (online, paper):
            with self.subTest(text=text[:60]):
                self.assertNotIn("Status", text)
                # The online plan was stopped: its state is not printed.
                self.assertNotIn("Stopped", text)
                self.assertNotIn("Running", text)

    def test_plan_signature_blocks_stay_with_the_acceptance(self):
        for name in ("plan_online", "plan_paper"):
            with self.subTest(report=name):
                pages = self._texts()[name]
                last = next(t for t in pages if "The occupational physician" in t)
                # The employer's and the employee's blocks, the acceptance
                # and the last words before them are on that same page.
                self.assertIn("The employee", last)
                self.assertIn("The employer", last)
                self.assertIn("Acceptance:", last)

    # --- the annual plan ------------------------------------------------------

    def test_year_plan_is_landscape_with_its_columns_advice_and_signatures(self):
        reader = PdfReader(io.BytesIO(self._pdfs()["year_plan"]))
        box = reader.pages[0].mediabox
        self.assertGreater(float(box.width), float(box.height))
        text = " ".join(self._texts()["year_plan"])
        for column in (
            "Objective",
            "Indicator and target",
            "Prevention level",
            "Owner",
            "Department",
            "Dates",
            "Budget",
        ):
            with self.subTest(column=column):
                self.assertIn(column, text)
        for value in (
            "Fewer month-end peaks",
            "Overtime hours per month",
            "Target: Under 10 hours",
            "Secondary",
            "Operations",
            "Marc Janssens",
        ):
            with self.subTest(value=value):
                self.assertIn(value, text)
        self.assertIn(
            "Advice of the committee for prevention and protection at work", text
        )
        self.assertIn("Favourable", text)
        self.assertIn("Fine.", text)
        self.assertIn("For the committee Name, date and signature", text)
        self.assertIn("For the employer Name, date and signature", text)
        # A cancelled action is not part of the plan.
        self.assertNotIn("Action cancelled", text)

    def test_evaluation_and_declaration_print_their_content(self):
        evaluation = " ".join(self._texts()["evaluation"])
        self.assertIn("Actions and results", evaluation)
        self.assertIn("Action planned", evaluation)
        self.assertIn("Partly", evaluation)
        declaration = " ".join(self._texts()["declaration"])
        self.assertIn("Our commitment", declaration)
        self.assertIn("Burn-out is not an individual failure.", declaration)
        self.assertIn("Signed,", declaration)

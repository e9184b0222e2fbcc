"""The main screens in Belgian Dutch and French: no English left.

Generated names (case, trajectory, plan, phases, milestones, the schedule
wizard's preview, a reduced calendar, an action plan) are built when read, in
the reader's language, with dates in the reader's format; the labels of the
main forms come from the addon's translations."""

import re
from datetime import date

import polib
from freezegun import freeze_time
from lxml import etree

from odoo.modules.module import get_module_path
from odoo.tests import tagged

from .common import MODULE
from .common_reintegration import ReintegrationCase

LANGS = ("nl_BE", "fr_BE")
PO_FILES = {"nl_BE": "nl.po", "fr_BE": "fr.po"}
# Words of the English names that no Dutch or French screen shows.
ENGLISH_WORDS = (
    "since",
    "Return of",
    "Reintegration of",
    "Phase 1:",
    "Usual days",
    "usual days",
    "return (",
    "Mon",
    "Tue",
    "Action Plan",
    "Evaluation of",
    "From",
)
# A word each language's names must show.
OWN_WORDS = {
    "nl_BE": {
        "case": "sinds",
        "plan": "Terugkeer van",
        "trajectory": "Re-integratie van",
        "year plan": "Actieplan",
    },
    "fr_BE": {
        "case": "depuis",
        "plan": "Retour de",
        "trajectory": "Réintégration de",
        "year plan": "Plan d'action",
    },
}
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# The main forms whose labels are checked.
FORMS = (
    "hr.absence.case",
    "hr.reintegration.trajectory",
    "hr.reintegration.plan",
    "hr.reintegration.schedule.wizard",
    "hr.prevention.action",
)
VIEW_ATTRIBUTES = ("string", "placeholder", "help", "title")


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestI18nScreens(ReintegrationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        module = cls.env["ir.module.module"].search([("name", "=", MODULE)])
        for lang in LANGS:
            cls.env["res.lang"]._activate_lang(lang)
        module._update_translations(list(LANGS))
        cls.case = cls.env["hr.absence.case"].create(
            {"employee_id": cls.jan.id, "date_start": date(2026, 1, 5)}
        )
        cls.rit = cls.env["hr.reintegration.trajectory"].create(
            {
                "case_id": cls.case.id,
                "request_date": date(2026, 3, 2),
                "requester": "employee",
            }
        )
        policy = cls.env["hr.prevention.policy"].create(
            {"name": "Policy", "date_start": "2026-01-01", "date_end": "2030-12-31"}
        )
        cls.year_plan = cls.env["hr.prevention.year.plan"].create(
            {"year": 2027, "policy_id": policy.id}
        )

    def _translations(self, lang):
        """msgid: msgstr of the addon's catalog of ``lang``."""
        path = f"{get_module_path(MODULE)}/i18n/{PO_FILES[lang]}"
        return {e.msgid: e.msgstr for e in polib.pofile(path) if not e.obsolete}

    def _names(self, lang, plans, wizard, calendar):
        """Every generated text of the screens, as the HR officer reads it."""
        hr = self.hr_user
        case = self.case.with_user(hr).with_context(lang=lang)
        rit = self.rit.with_user(hr).with_context(lang=lang)
        plans = plans.with_user(hr).with_context(lang=lang)
        year_plans = self.env["hr.prevention.year.plan"].with_context(lang=lang)
        names = {
            "case": case.display_name,
            "case next deadline": case.next_deadline_name,
            "trajectory": rit.display_name,
            "plan": plans[0].display_name,
            "preview": wizard.with_user(hr).with_context(lang=lang).preview,
            "calendar": calendar.with_context(lang=lang).display_name,
            "year plan": year_plans.browse(self.year_plan.id).display_name,
            "year plan found": year_plans.name_search("2027")[0][1],
        }
        for plan in plans:
            for phase in plan.phase_ids:
                names[f"{plan.id} phase {phase.number}"] = phase.display_name
                names[f"{plan.id} phase {phase.number} days"] = phase.working_days
        for milestone in case.milestone_ids | rit.milestone_ids:
            names[f"milestone {milestone.id}"] = milestone.name
        return names

    def test_generated_names_are_in_the_readers_language(self):
        plan = self._plan(start=date(2026, 11, 9))
        self._generate(plan, start=40, step=10, target=50, days=("mon", "tue", "wed"))
        # A second plan on the usual days: its phases say so.
        other = self._plan(self.new_returner("Lien Returner"), start=plan.date_start)
        self._generate(other)
        wizard = (
            self.env["hr.reintegration.schedule.wizard"]
            .with_user(self.hr_user)
            .create({"plan_id": plan.id})
        )
        key = (self.calendar_38h, 50.0, ("0", "1", "2"))
        calendar = self.calendar_38h._reintegration_calendars({key})[key]
        english = self._names("en_US", plan | other, wizard, calendar)
        # The fixture is what the screens show: names, steps, both kinds of
        # working days, the preview's dates.
        self.assertGreaterEqual(len([k for k in english if "milestone" in k]), 3)
        self.assertIn("since 01/05/2026", english["case"])
        self.assertIn("Usual days", english.values())
        self.assertIn("Mon, Tue, Wed", english.values())
        self.assertIn("11/09/2026", english["preview"])
        for lang in LANGS:
            with self.subTest(lang=lang):
                names = self._names(lang, plan | other, wizard, calendar)
                self.assertEqual(set(names), set(english))
                # Every generated text differs from its English rendering...
                same = {k: v for k, v in names.items() if v == english[k]}
                self.assertFalse(same, f"still in English in {lang}")
                # ... shows no English word and no ISO date ...
                for key, value in names.items():
                    for word in ENGLISH_WORDS:
                        self.assertNotRegex(
                            value, rf"\b{re.escape(word)}", f"{key} in {lang}"
                        )
                    self.assertNotRegex(value, ISO_DATE, f"{key} in {lang}")
                # ... and the words and date format of the language.
                for key, word in OWN_WORDS[lang].items():
                    self.assertIn(word, names[key])
                # Dates as the language writes them (nl_BE 05-01-2026, fr_BE
                # 05/01/2026), never the English 01/05/2026.
                date_format = self.env["res.lang"]._get_data(code=lang).date_format
                self.assertIn(date(2026, 1, 5).strftime(date_format), names["case"])
                self.assertIn(date(2026, 11, 9).strftime(date_format), names["plan"])
                self.assertIn(date(2026, 11, 9).strftime(date_format), names["preview"])

    def test_milestones_take_their_steps_translations(self):
        translations = {lang: self._translations(lang) for lang in LANGS}
        milestones = self.case.milestone_ids
        self.assertTrue(milestones)
        for lang in LANGS:
            with self.subTest(lang=lang):
                for milestone in milestones.with_context(lang=lang):
                    english = milestone.with_context(lang="en_US").name
                    expected = translations[lang].get(english) or english
                    self.assertEqual(milestone.name, expected)
                    self.assertEqual(milestone.step_id.name, expected)

    def test_generated_names_are_searched_by_the_employee(self):
        rit_model = self.env["hr.reintegration.trajectory"].with_user(self.hr_user)
        for lang in ("en_US", *LANGS):
            with self.subTest(lang=lang):
                rits = rit_model.with_context(lang=lang)
                self.assertEqual(rits.search([("name", "ilike", "jan ret")]), self.rit)
                self.assertEqual(rits.name_search("Jan Returner")[0][0], self.rit.id)
                self.assertNotIn(
                    self.rit, rits.search([("name", "not ilike", "jan ret")])
                )
                cases = (
                    self.env["hr.absence.case"]
                    .with_user(self.hr_user)
                    .with_context(lang=lang)
                )
                self.assertEqual(cases.search([("name", "=ilike", "jan%")]), self.case)

    def test_main_forms_have_no_english_label(self):
        """The labels, titles and placeholders of the main forms are the
        catalog's translation wherever the catalog has one: compared with the
        English arch node by node, nothing translated stays English."""
        for lang in LANGS:
            catalog = self._translations(lang)
            translated = {m for m, s in catalog.items() if s and s != m}
            for model in FORMS:
                with self.subTest(lang=lang, model=model):
                    views = {
                        code: self.env[model]
                        .with_user(self.hr_user)
                        .with_context(lang=code)
                        .get_views([(False, "form")])
                        for code in ("en_US", lang)
                    }
                    english, local = (
                        etree.fromstring(views[code]["views"]["form"]["arch"])
                        for code in ("en_US", lang)
                    )
                    left = []
                    checked = 0
                    for node_en, node in zip(english.iter(), local.iter(), strict=True):
                        texts = [(node_en.get(a), node.get(a)) for a in VIEW_ATTRIBUTES]
                        texts.append(
                            ((node_en.text or "").strip(), (node.text or "").strip())
                        )
                        for text_en, text in texts:
                            if text_en in translated:
                                checked += 1
                                if text == text_en:
                                    left.append(text_en)
                    fields_en = views["en_US"]["models"][model]["fields"]
                    fields = views[lang]["models"][model]["fields"]
                    for fname, description in fields_en.items():
                        label = description.get("string")
                        field = self.env["ir.model.fields"]._get(model, fname)
                        if label in translated and MODULE in field.modules:
                            checked += 1
                            if fields[fname].get("string") == label:
                                left.append(label)
                    self.assertGreater(checked, 10)
                    self.assertFalse(left, f"English labels in {lang}")

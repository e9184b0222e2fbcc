import polib

from odoo.exceptions import UserError
from odoo.modules.module import get_module_path
from odoo.tests import tagged

from .common import WellbeingCase

MODULE = "hr_burnout_prevention"
# Entries that stay untranslated on purpose: the day-28 letter has its own
# Dutch and French texts, and a few method names or placeholders.
MAX_UNTRANSLATED = 0.05


@tagged("post_install", "-at_install")
class TestTranslations(WellbeingCase):
    def _po(self, name):
        return polib.pofile(f"{get_module_path(MODULE)}/i18n/{name}")

    def test_translations_follow_the_template(self):
        template = {entry.msgid for entry in self._po(f"{MODULE}.pot")}
        self.assertGreater(len(template), 100)
        for lang in ("nl", "fr"):
            with self.subTest(lang=lang):
                catalog = self._po(f"{lang}.po")
                entries = {
                    entry.msgid: entry for entry in catalog if not entry.obsolete
                }
                self.assertFalse(
                    template - set(entries),
                    "run `make i18n` and translate the new terms",
                )
                empty = [m for m in template if not entries[m].msgstr]
                self.assertLessEqual(len(empty), MAX_UNTRANSLATED * len(template))
                self.assertFalse([e.msgid for e in catalog if "fuzzy" in e.flags])

    def test_belgian_users_get_their_language(self):
        expected = {
            "nl_BE": ("Welzijn", "Alleen een HR-medewerker"),
            "fr_BE": ("Bien-être", "Seul un gestionnaire RH"),
        }
        module = self.env["ir.module.module"].search([("name", "=", MODULE)])
        case = self.env["hr.absence.case"].create(
            {"employee_id": self.tom.id, "date_start": "2026-01-05"}
        )
        employee_user = self.users["employee"]
        for lang, (menu_name, error_start) in expected.items():
            with self.subTest(lang=lang):
                self.env["res.lang"]._activate_lang(lang)
                module._update_translations([lang])
                menu = self.env.ref(f"{MODULE}.menu_root").with_context(lang=lang)
                self.assertEqual(menu.name, menu_name)
                with self.assertRaises(UserError) as error:
                    case.with_user(employee_user).with_context(lang=lang).action_close()
                self.assertTrue(str(error.exception).startswith(error_start))

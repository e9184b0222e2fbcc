from odoo.tests import TransactionCase, tagged

MODULE = "hr_burnout_prevention"
CONFIDENTIAL = ("group_psychosocial_advisor", "group_occupational_physician")


@tagged("post_install", "-at_install")
class TestSecurityGroups(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.groups = {
            name: cls.env.ref(f"{MODULE}.{name}")
            for name in (
                "group_taskforce",
                "group_hr_officer",
                "group_admin",
                *CONFIDENTIAL,
            )
        }

    def _implied(self, group):
        return group.trans_implied_ids | group

    def test_groups_share_one_category(self):
        category = self.env.ref(f"{MODULE}.module_category_wellbeing")
        for name, group in self.groups.items():
            with self.subTest(group=name):
                self.assertEqual(group.category_id, category)

    def test_chain_hr_officer_and_admin(self):
        hr = self._implied(self.groups["group_hr_officer"])
        admin = self._implied(self.groups["group_admin"])
        self.assertIn(self.groups["group_taskforce"], hr)
        self.assertIn(self.groups["group_hr_officer"], admin)
        self.assertIn(self.groups["group_taskforce"], admin)
        # The chain goes one way only.
        self.assertNotIn(
            self.groups["group_hr_officer"],
            self._implied(self.groups["group_taskforce"]),
        )
        self.assertNotIn(self.groups["group_admin"], hr)

    def test_no_group_implies_a_confidential_group(self):
        confidential = self.groups[CONFIDENTIAL[0]] | self.groups[CONFIDENTIAL[1]]
        implying = (
            self.env["res.groups"]
            .search([])
            .filtered(lambda group: group.trans_implied_ids & confidential)
        )
        self.assertFalse(
            implying,
            "A confidential group must only be given explicitly, "
            "never implied by another group",
        )
        for name in ("group_admin", "group_hr_officer", "group_taskforce"):
            with self.subTest(group=name):
                self.assertFalse(self._implied(self.groups[name]) & confidential)
        for xmlid in ("base.group_system", "base.group_erp_manager"):
            with self.subTest(group=xmlid):
                self.assertFalse(self._implied(self.env.ref(xmlid)) & confidential)
        # The two confidential groups do not imply each other either.
        self.assertNotIn(
            self.groups["group_occupational_physician"],
            self._implied(self.groups["group_psychosocial_advisor"]),
        )
        self.assertNotIn(
            self.groups["group_psychosocial_advisor"],
            self._implied(self.groups["group_occupational_physician"]),
        )

    def test_a_new_system_administrator_gets_no_confidential_group(self):
        user = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "New Odoo Administrator",
                    "login": "new_sysadmin",
                    "groups_id": [(6, 0, [self.env.ref("base.group_system").id])],
                }
            )
        )
        for name in CONFIDENTIAL:
            with self.subTest(group=name):
                self.assertFalse(user.has_group(f"{MODULE}.{name}"))

from odoo import api, models, tools

from odoo.addons.base.models.ir_ui_menu import IrUiMenu as BaseIrUiMenu


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    def _visible_menu_ids(self, debug=False):
        """Odoo's visible menus (cached per set of groups), less the menus of
        the app that are not of the user's work (`hr.wellbeing.home`): the
        line manager and the employee have no group of the addon, so their
        menus follow their records. A folder left empty goes too."""
        visible = super()._visible_menu_ids(debug)
        hidden = self.env["hr.wellbeing.home"]._wellbeing_hidden_menu_ids(visible)
        if not hidden:
            return visible
        visible = visible - hidden
        parents = self.sudo().browse(hidden).parent_id
        while parents:
            children = (
                self.sudo()
                .with_context(**{"ir.ui.menu.full_list": True})
                .search([("parent_id", "in", parents.ids), ("id", "in", list(visible))])
            )
            empty = self.sudo().browse(
                menu.id
                for menu in parents - children.parent_id
                if menu.id in visible and not menu.action
            )
            if not empty:
                break
            visible = visible - set(empty.ids)
            parents = empty.parent_id
        return visible

    def _wellbeing_menu_key(self):
        """The menus of the app hidden from the user now: part of the key of
        the menus' cache, so that a user who becomes a line manager or
        starts a return sees their menus at the next page load."""
        menus = super()._visible_menu_ids(self.env.context.get("debug", False))
        return frozenset(
            self.env["hr.wellbeing.home"]._wellbeing_hidden_menu_ids(menus)
        )

    @api.model
    @tools.ormcache_context(
        "self._uid", "debug", "self._wellbeing_menu_key()", keys=("lang",)
    )
    def load_menus(self, debug):
        # Odoo's own computation, under a key that follows the user's work
        # (Odoo's cache is per user only).
        return BaseIrUiMenu.load_menus.__wrapped__(self, debug)

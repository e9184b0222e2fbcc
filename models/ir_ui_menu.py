from odoo import models


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

from markupsafe import Markup
from werkzeug.urls import url_encode

from odoo import _, api, models

from .confidential_wall import is_contentless


class MailMail(models.Model):
    """Outgoing mails of a confidential record: not readable by a Settings
    user (Odoo's only readers of mails) who cannot read the record. Their
    text is neutral, with a link that the recipient's rights then decide,
    whoever writes them (Odoo's notifications, server code)."""

    _name = "mail.mail"
    _inherit = ["hr.wellbeing.mail.wall.mixin", "mail.mail"]
    _wall_fields = ("model", "res_id")

    @api.model
    def _wall_neutral_values(self, model, res_id):
        link = "{}/mail/view?{}".format(
            self.get_base_url(), url_encode({"model": model, "res_id": res_id or 0})
        )
        text = _(
            "There is news on a confidential record. Open it to read it if "
            "your access allows it."
        )
        return {
            "subject": self.env["ir.model"]._get(model).name,
            "body_html": Markup('<p>%s</p><p><a href="%s">%s</a></p>')
            % (text, link, _("Open")),
            "attachment_ids": [],
        }

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            model, res_id = vals.get("model"), vals.get("res_id")
            if not model and vals.get("mail_message_id"):
                message = (
                    self.env["mail.message"].sudo().browse(vals["mail_message_id"])
                )
                model, res_id = message.model, message.res_id
            if is_contentless(model):
                vals.update(self._wall_neutral_values(model, res_id))
        return super().create(vals_list)

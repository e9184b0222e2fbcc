from odoo import _, api, models

from .confidential_wall import is_contentless


class MailMessage(models.Model):
    """Messages of a confidential record: read by those who read the record
    only (Odoo also lets their author and recipients read them), and with no
    content (a neutral text; the record's link decides what the reader
    sees), whoever posts them, server code included."""

    _name = "mail.message"
    _inherit = ["hr.wellbeing.mail.wall.mixin", "mail.message"]
    _wall_fields = ("model", "res_id")

    @api.model
    def _wall_neutral_values(self, model):
        """What a message of a confidential record says, whatever it was
        given: no text, no subject, no tracked value, no attachment."""
        return {
            "body": _(
                "There is news on this confidential record. Open it to read it "
                "if your access allows it."
            ),
            "subject": False,
            "record_name": self.env["ir.model"]._get(model).name,
            "tracking_value_ids": [],
            "attachment_ids": [],
        }

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if is_contentless(vals.get("model")):
                vals.update(self._wall_neutral_values(vals["model"]))
        return super().create(vals_list)

    def write(self, vals):
        content = {"body", "subject", "attachment_ids", "tracking_value_ids"}
        if content & set(vals):
            walled = self.filtered(lambda m: is_contentless(m.sudo().model))
            for message in walled:
                super(MailMessage, message).write(
                    {**vals, **self._wall_neutral_values(message.sudo().model)}
                )
            return super(MailMessage, self - walled).write(vals)
        return super().write(vals)

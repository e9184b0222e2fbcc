from odoo import models


class MailFollowers(models.Model):
    """Followers of a confidential record (who has a plan, a case, a
    check-in) are read by those who read the record only: Odoo lets every
    internal user search every follower row."""

    _name = "mail.followers"
    _inherit = ["hr.wellbeing.mail.wall.mixin", "mail.followers"]

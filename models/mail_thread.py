from odoo import models

from .wellbeing_cron import followers_done


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # A daily job of the addon inserts the followers of a page at once
        # (`wellbeing_cron.followers_in_batch`: the assignees of its
        # activities, as Odoo subscribes them); Odoo's activity creation then
        # asks again, one assignee at a time. Server code only: a ContextVar,
        # no RPC sets it.
        if followers_done(self, partner_ids, subtype_ids):
            return True
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )

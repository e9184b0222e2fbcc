"""The confidential models, in one place, and the wall around their mail.

Odoo's mail models (followers, messages, mails, notifications, activities)
point at a record by model name and id. Some of their paths check that the
reader may read that record, some do not (followers are readable by every
internal user, an activity by its assignee, a message by its author and its
recipients, a mail by every Settings user). For the models below, no such
row is readable by anyone who cannot read the record itself: the overrides
in ``mail_followers.py``, ``mail_message.py``, ``mail_mail.py``,
``mail_notification.py`` and ``mail_activity.py`` use the two helpers here.
"""

from collections import defaultdict

from odoo.osv.expression import OR

# model -> whether its records hold confidential values (True): their
# activities, messages and notification mails then carry no content (a
# neutral text and a link; the reader's rights decide what the link shows).
# False: the records are the employer side's, but who follows them tells who
# has a plan, a case or a trajectory; their mail rows are walled all the same.
CONFIDENTIAL_MODELS = {
    "hr.confidential.note": True,
    "hr.confidential.note.revision": True,
    "hr.reintegration.checkin": True,
    "hr.support.trajectory": True,
    "hr.support.session": True,
    "hr.wellbeing.consent": True,
    "hr.reintegration.plan": False,
    "hr.reintegration.trajectory": False,
    "hr.absence.case": False,
    "hr.absence.pre.return.visit": False,
    "hr.preventive.reintegration": False,
}


def is_contentless(model_name):
    """Whether the mail of `model_name` carries no content."""
    return bool(CONFIDENTIAL_MODELS.get(model_name))


def walled_domain(env, model_field, id_field):
    """A domain on a mail model: the rows about no confidential record, or
    about one the current user reads (record rules and the model's own
    search included, as sub-queries). Empty for the superuser."""
    if env.su:
        return []
    access = env["ir.model.access"]
    allowed = [[(model_field, "not in", list(CONFIDENTIAL_MODELS))]]
    for model in CONFIDENTIAL_MODELS:
        if model not in env or not access.check(model, "read", False):
            continue
        readable = env[model].with_context(active_test=False)._search([])
        allowed.append([(model_field, "=", model), (id_field, "in", readable)])
    return OR(allowed)


def forbidden_domain(env, model_field, id_field):
    """The opposite of `walled_domain`: rows about a confidential record the
    current user cannot read (for a sub-query in sudo)."""
    if env.su:
        return [(0, "=", 1)]
    access = env["ir.model.access"]
    forbidden = []
    for model in CONFIDENTIAL_MODELS:
        if model not in env or not access.check(model, "read", False):
            forbidden.append([(model_field, "=", model)])
            continue
        readable = env[model].with_context(active_test=False)._search([])
        forbidden.append([(model_field, "=", model), (id_field, "not in", readable)])
    return OR(forbidden)


def forbidden_rows(env, rows):
    """`rows`: {row id: (model name, record id)}. The row ids about a
    confidential record the current user cannot read (or that is gone)."""
    if env.su:
        return set()
    per_model = defaultdict(lambda: defaultdict(list))
    for row_id, (model, res_id) in rows.items():
        if model in CONFIDENTIAL_MODELS:
            per_model[model][res_id or 0].append(row_id)
    forbidden = set()
    for model, by_record in per_model.items():
        if model not in env:
            continue
        records = env[model].with_context(active_test=False).browse(by_record)
        existing = records.sudo().exists()
        readable = set(records.browse(existing.ids)._filtered_access("read")._ids)
        for res_id, row_ids in by_record.items():
            if res_id not in readable:
                forbidden.update(row_ids)
    return forbidden


def check_walled(records, operation, result, pairs):
    """Extend a ``_check_access`` result with the rows of `records` about a
    confidential record the user cannot read. `pairs(rows)` gives
    {row id: (model, record id)} of rows (read in sudo)."""
    if records.env.su or not records._ids:
        return result
    rows = records - result[0] if result else records
    if not rows:
        return result
    forbidden_ids = forbidden_rows(records.env, pairs(rows.sudo()))
    if not forbidden_ids:
        return result
    forbidden = records.browse([i for i in rows._ids if i in forbidden_ids])
    if result:
        return (result[0] + forbidden, result[1])
    return (
        forbidden,
        lambda: records.env["ir.rule"]._make_access_error(operation, forbidden),
    )

"""Batched, resumable cron jobs, shared by the addon's crons.

A cron hands ``walk_pages`` its work as steps: a model, the domain of the work
left, and the function that does one page of it. The pages are taken by id;
after each page the progress is reported to Odoo's cron runner
(``ir.cron._notify_progress``, counting the work of every step) and, when the
cron runner called the job, committed. A call stops after its time budget
with ``remaining > 0``: the runner calls the job again at once (up to ten
times per round, then in its next round), and the next call continues where
this one stopped:

- a step whose processed records leave its domain (a plan that got its
  check-in of the week) needs nothing more: the next call's search no longer
  finds them;
- a step whose records stay in the domain names a ``cursor``: the last id
  done is kept in ``hr.wellbeing.cron.cursor`` (not a system parameter, whose
  every write clears the registry's caches), written in the same transaction
  as the page (so a killed call loses neither the page nor the cursor), and
  removed once the step is through.

Example::

    from .wellbeing_cron import CronStep, walk_pages

    def _cron_something(self):
        return walk_pages(
            self.env,
            [CronStep("hr.some.model", [("state", "=", "due")], self._do_page)],
        )

``process`` receives the page in sudo, ordered by id, and does the whole page
in a constant number of queries (one ``create([...])`` per page, texts built
once per language).
"""

import logging
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from odoo import Command, fields, models

_logger = logging.getLogger(__name__)

# Defaults of a call: the cron worker is killed after limit_time_real_cron
# (120 s by default) for ALL the calls of a round (up to ten per job, and
# every ready job of the database), so one call stays short.
PAGE_SIZE = 200
TIME_BUDGET = 5.0


class HrWellbeingCronCursor(models.Model):
    """Where a resumable cron step stopped (server code only, in sudo)."""

    _name = "hr.wellbeing.cron.cursor"
    _description = "Cron Job Bookmark"
    _log_access = False

    key = fields.Char(required=True, index=True)
    last_id = fields.Integer(string="Last Record Done", required=True)

    _sql_constraints = [("key_unique", "unique(key)", "One bookmark per key.")]

    def _get(self, key):
        return self.search([("key", "=", key)], limit=1).last_id

    def _put(self, key, last_id):
        bookmark = self.search([("key", "=", key)], limit=1)
        if not last_id:
            bookmark.unlink()
        elif bookmark:
            bookmark.last_id = last_id
        else:
            self.create({"key": key, "last_id": last_id})


# (model, record id, partner id) of the followers a cron just inserted in
# one batch; set by server code only (no RPC reaches a ContextVar).
_FOLLOWERS_INSERTED = ContextVar("wellbeing_followers_inserted", default=frozenset())


@contextmanager
def followers_in_batch(env, model, pairs):
    """Subscribe ``pairs`` ({(record id, partner id)}) of ``model`` in one
    batch (the missing ones: one search, one insert, with the subtypes
    Odoo's subscription gives); inside the block, ``followers_done`` tells
    ``message_subscribe`` (models/mail_thread.py) that Odoo's activity
    creation, which asks again one user at a time, has nothing to do."""
    pairs = set(pairs)
    if pairs:
        Followers = env["mail.followers"].sudo()
        existing = Followers.search_fetch(
            [
                ("res_model", "=", model),
                ("res_id", "in", list({rid for rid, _pid in pairs})),
            ],
            ["res_id", "partner_id"],
        )
        pairs_done = {(f.res_id, f.partner_id.id) for f in existing}
        new = sorted(pairs - pairs_done)
        # The subtypes Odoo's subscription gives (`_add_default_followers`):
        # the model's default ones, the external ones to a portal partner.
        default, _internal, external = env["mail.message.subtype"].default_subtypes(
            model
        )
        partners = env["res.partner"].sudo().browse({pid for _rid, pid in new})
        customers = set(partners.filtered("partner_share").ids)
        Followers.create(
            [
                {
                    "res_model": model,
                    "res_id": rid,
                    "partner_id": pid,
                    "subtype_ids": [
                        Command.set((external if pid in customers else default).ids)
                    ],
                }
                for rid, pid in new
            ]
        )
    token = _FOLLOWERS_INSERTED.set(frozenset((model, rid, pid) for rid, pid in pairs))
    try:
        yield
    finally:
        _FOLLOWERS_INSERTED.reset(token)


def followers_done(records, partner_ids, subtype_ids):
    """Whether ``followers_in_batch`` already subscribed ``partner_ids`` to
    ``records`` (with the default subtypes)."""
    done = _FOLLOWERS_INSERTED.get()
    return bool(
        done
        and partner_ids
        and not subtype_ids
        and all(
            (records._name, rid, pid) in done
            for rid in records.ids
            for pid in partner_ids
        )
    )


@dataclass
class CronStep:
    """One kind of work of a cron job.

    :param model: the model name of the records walked
    :param domain: the records whose work is left
    :param process: ``process(records)`` does the work of one page
    :param cursor: a bookmark key (e.g. the cron's method name) keeping the
        last id done, for work whose records stay in ``domain`` once done
        (None: they leave it)
    """

    model: str
    domain: list
    process: Callable
    cursor: str | None = None


def _committing(env):
    """Whether the pages are committed: only under Odoo's cron runner, never
    in a test (whose transaction is rolled back; Odoo's own crons check the
    same flag)."""
    return bool(env.context.get("ir_cron_progress_id")) and not (
        getattr(threading.current_thread(), "testing", False)
        or env.registry.in_test_mode()
    )


def walk_pages(
    env, steps, *, page_size=PAGE_SIZE, time_budget=TIME_BUDGET, max_pages=None
):
    """Walk ``steps`` (CronStep) in pages of ``page_size`` records by id
    (each step's records searched once per call, when the step starts).

    After each page: progress notified (done in this call, remaining over
    every step) and, under the cron runner, committed. Stops after
    ``time_budget`` seconds or ``max_pages`` pages (at least one page per
    call) with ``remaining > 0``.

    :return: ``(done, remaining)`` of this call
    """
    started = time.monotonic()
    committing = _committing(env)
    bookmarks = env["hr.wellbeing.cron.cursor"].sudo()
    cron = env["ir.cron"]
    plans = []
    remaining = 0
    for step in steps:
        last_id = bookmarks._get(step.cursor) if step.cursor else 0
        model = env[step.model].sudo().with_context(active_test=False)
        domain = list(step.domain) + ([("id", ">", last_id)] if last_id else [])
        count = model.search_count(domain)
        remaining += count
        plans.append((step, model, domain, last_id, count))
    done = 0
    pages = 0
    stopped = False
    for step, model, domain, last_id, count in plans:
        if not count:
            if step.cursor and last_id:
                bookmarks._put(step.cursor, 0)
            continue
        # The step's work, searched once when the step starts (after the
        # steps before it did theirs), then walked in pages of ids.
        ids = model.search(domain, order="id").ids
        for start in range(0, len(ids), page_size):
            if pages and (
                (max_pages and pages >= max_pages)
                or time.monotonic() - started >= time_budget
            ):
                stopped = True
                break
            records = model.browse(ids[start : start + page_size])
            step.process(records)
            done += len(records)
            remaining = max(remaining - len(records), 0)
            pages += 1
            finished = start + page_size >= len(ids)
            if step.cursor:
                bookmarks._put(step.cursor, 0 if finished else records.ids[-1])
            if not finished and not remaining:
                # More than counted (work added meanwhile): keep going.
                remaining = 1
            cron._notify_progress(done=done, remaining=remaining)
            if committing:
                env.cr.commit()
        if not ids and step.cursor and last_id:
            bookmarks._put(step.cursor, 0)
        if stopped:
            break
    final = max(remaining, 1) if stopped else 0
    if final != remaining or not done:
        cron._notify_progress(done=done, remaining=final)
    remaining = final
    _logger.info(
        "%s: %s done in %.1f s, %s remaining",
        ", ".join(step.model for step in steps),
        done,
        time.monotonic() - started,
        remaining,
    )
    return done, remaining

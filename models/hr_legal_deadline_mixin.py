import bisect
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from pytz import timezone

from odoo import _, api, models
from odoo.exceptions import ValidationError

# The working days of each company's schedule read for a batch of deadlines
# ({company id: (first day, last day, sorted working days)}): set only by
# server code around one batch (`_working_days_batch`), never by a client.
_WORKING_DAYS = ContextVar("hr_legal_working_days", default=None)
# Days of schedule read ahead at once for a batch: the steps of a protocol
# fall within a year of their anchor.
BATCH_SPAN_DAYS = 400


class HrLegalDeadlineMixin(models.AbstractModel):
    """The one deadline engine of cases, trajectories and pre-return visits.

    A deadline is a protocol step counted from an anchor date on the
    company's working schedule: "within N days of" an event starts the day
    after it; calendar days, weeks and months never move off a weekend or a
    public holiday; working days skip the days off of the schedule and its
    public holidays (calendar leaves without a resource).
    """

    _name = "hr.legal.deadline.mixin"
    _description = "Legal Deadline Engine"

    @api.model
    def _legal_due_date(self, step, anchor_date, company):
        if not anchor_date:
            return False
        if step.unit == "calendar_days":
            return anchor_date + timedelta(days=step.offset)
        if step.unit == "weeks":
            return anchor_date + timedelta(weeks=step.offset)
        if step.unit == "months":
            return anchor_date + relativedelta(months=step.offset)
        return self._add_working_days(anchor_date, step.offset, company)

    @api.model
    def _add_working_days(self, anchor_date, days, company):
        """The ``days``-th working day after ``anchor_date`` (excluded) on the
        company's working schedule, public holidays (calendar leaves without
        a resource) excluded."""
        if days <= 0:
            return anchor_date
        calendar = company.sudo().resource_calendar_id
        memo = _WORKING_DAYS.get()
        if calendar and memo is not None:
            return self._add_working_days_batch(memo, anchor_date, days, calendar)
        if not calendar:
            found, day = 0, anchor_date
            while found < days:
                day += timedelta(days=1)
                found += day.weekday() < 5
            return day
        tz = timezone(calendar.tz or "UTC")
        start = tz.localize(datetime.combine(anchor_date + timedelta(days=1), time.min))
        span = days * 2 + 14
        for _attempt in range(8):
            end = start + timedelta(days=span)
            intervals = calendar._work_intervals_batch(start, end)[False]
            work_days = sorted({interval[0].date() for interval in intervals})
            if len(work_days) >= days:
                return work_days[days - 1]
            span *= 2
        raise ValidationError(
            _(
                "The working schedule %(calendar)s has too few working days to "
                "count %(days)s working days.",
                calendar=calendar.name,
                days=days,
            )
        )

    @api.model
    @contextmanager
    def _working_days_batch(self):
        """Within it, `_add_working_days` reads each schedule once for the
        whole batch (a window of days per calendar) instead of once per
        deadline: the deadlines of many cases cost a few queries."""
        if _WORKING_DAYS.get() is not None:
            yield
            return
        token = _WORKING_DAYS.set({})
        try:
            yield
        finally:
            _WORKING_DAYS.reset(token)

    @api.model
    def _add_working_days_batch(self, memo, anchor_date, days, calendar):
        first = anchor_date + timedelta(days=1)
        lo, hi, work_days = memo.get(calendar.id, (None, None, []))
        span = days * 2 + 14
        for _attempt in range(8):
            if lo is not None and lo <= first:
                index = bisect.bisect_right(work_days, anchor_date) + days - 1
                if index < len(work_days):
                    return work_days[index]
                if hi >= first + timedelta(days=span):
                    span *= 2
                    continue
            # Read (again) a window that covers this deadline and the ones
            # of the batch near it.
            lo = min(lo or first, first)
            hi = max(hi or first, first + timedelta(days=max(span, BATCH_SPAN_DAYS)))
            tz = timezone(calendar.tz or "UTC")
            start = tz.localize(datetime.combine(lo, time.min))
            end = tz.localize(datetime.combine(hi + timedelta(days=1), time.min))
            intervals = calendar._work_intervals_batch(start, end)[False]
            work_days = sorted({interval[0].date() for interval in intervals})
            memo[calendar.id] = (lo, hi, work_days)
        raise ValidationError(
            _(
                "The working schedule %(calendar)s has too few working days to "
                "count %(days)s working days.",
                calendar=calendar.name,
                days=days,
            )
        )

    @api.model
    def _legal_deadlines(self, protocol, anchors, company, on_date, decision=None):
        """{step code: (step, due date)} of the steps of ``protocol`` (valid on
        ``on_date``) for ``anchors`` ({anchor: date}): a trajectory follows
        one protocol."""
        expected = {}
        if not protocol:
            return expected
        for anchor, anchor_date in anchors.items():
            if not anchor_date:
                continue
            for step in protocol._steps(anchor, on_date, decision):
                expected[step.code] = (
                    step,
                    self._legal_due_date(step, anchor_date, company),
                )
        return expected

    @api.model
    def _legal_deadlines_by_due_date(self, anchors, company, pool=None):
        """{step code: (step, due date)} for ``anchors`` ({anchor: date}) of
        an absence: each duty follows the protocol in force on the day it
        falls due (a duty that falls due under older rules that did not have
        it does not exist). A possibility a later protocol opens (an
        information-only step) opens at the latest on its first day.
        ``pool``: the protocols read once for a batch (`_pool()`)."""
        protocol_model = self.env["hr.legal.protocol"]
        if pool is None:
            pool = protocol_model._pool()
        expected = {}
        found = {}
        for anchor, anchor_date in anchors.items():
            if not anchor_date:
                continue
            for protocol in protocol_model._candidates(anchor_date, company, pool=pool):
                for step in protocol._steps(
                    anchor, max(anchor_date, protocol.date_from)
                ):
                    if step.code in expected:
                        continue
                    due = self._legal_due_date(step, anchor_date, company)
                    if step.information_only and due < protocol.date_from:
                        due = protocol.date_from
                    if due not in found:
                        found[due] = protocol_model._find(due, company, pool=pool)
                    if found[due] == protocol:
                        expected[step.code] = (step, due)
        return expected

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from dateutil.easter import easter
from pytz import UTC, timezone

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .wellbeing_i18n import weekdays_label


def percent_label(value):
    """A share of the normal regime as people write it (60, 62.5).

    Outside the translated calls: the translation extractor cannot read an
    f-string inside `_()`."""
    return f"{value:g}"


def belgian_public_holidays(year):
    """Belgium's ten public holidays of ``year``: [(key, day)] (the names are
    translated by `ResourceCalendar._belgian_holiday_names`). The moving ones
    follow Easter Sunday."""
    sunday = easter(year)
    return [
        ("new_year", date(year, 1, 1)),
        ("easter_monday", sunday + timedelta(days=1)),
        ("labour_day", date(year, 5, 1)),
        ("ascension", sunday + timedelta(days=39)),
        ("whit_monday", sunday + timedelta(days=50)),
        ("national_day", date(year, 7, 21)),
        ("assumption", date(year, 8, 15)),
        ("all_saints", date(year, 11, 1)),
        ("armistice", date(year, 11, 11)),
        ("christmas", date(year, 12, 25)),
    ]


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    # A reduced calendar made for a gradual return: which normal calendar it
    # shrinks, to which share, on which days ("" = the normal days).
    reintegration_base_id = fields.Many2one(
        "resource.calendar",
        "Reduced From",
        index="btree_not_null",
        readonly=True,
        ondelete="restrict",
    )
    reintegration_percentage = fields.Float("Share of the Normal Hours", readonly=True)
    reintegration_weekdays = fields.Char(readonly=True)

    def _normal_calendar(self):
        """The normal calendar behind a (possibly reduced) calendar."""
        self.ensure_one()
        return self.reintegration_base_id or self

    def _work_slots(self):
        """Attendances that count as work time in the normal week."""
        return self.attendance_ids.filtered(
            lambda a: a.day_period != "lunch"
            and not a.display_type
            and not a.resource_id
            and not a.date_from
            and not a.date_to
        )

    def _weekly_hours(self, weekdays=None):
        """Hours of work per week (the mean of both weeks in two-week mode),
        only on ``weekdays`` (strings "0".."6") if given."""
        self.ensure_one()
        slots = self._work_slots()
        if weekdays:
            slots = slots.filtered(lambda a: a.dayofweek in weekdays)
        hours = sum(slot.hour_to - slot.hour_from for slot in slots)
        return hours / 2 if self.two_weeks_calendar else hours

    def _check_share_fits(self, percentage, weekdays):
        """Raise if ``percentage`` of the normal hours does not fit in the
        normal hours of ``weekdays``."""
        self.ensure_one()
        if not weekdays:
            return
        available = self._weekly_hours(weekdays)
        wanted = self._weekly_hours() * percentage / 100
        if wanted > available + 0.01:
            raise ValidationError(
                _(
                    "%(percentage)s%% of the %(hours)s normal hours of "
                    "%(calendar)s does not fit on %(days)s (%(available)s hours): "
                    "choose more working days or a lower percentage.",
                    percentage=percentage,
                    hours=round(self._weekly_hours(), 2),
                    calendar=self.name,
                    days=weekdays_label(self.env, weekdays),
                    available=round(available, 2),
                )
            )

    def _reduced_name(self, calendar_name, percentage, weekdays):
        """The name of a reduced calendar, in the language of the context."""
        return _(
            "%(calendar)s - %(percentage)s%% return (%(days)s)",
            calendar=calendar_name,
            percentage=percent_label(percentage),
            days=weekdays_label(self.env, weekdays) if weekdays else _("usual days"),
        )

    @api.depends("reintegration_base_id.name", "reintegration_percentage")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # A reduced calendar is named when read, in the reader's language;
        # its stored name stays in the language of the plan that made it.
        reduced = self.filtered("reintegration_base_id")
        result = super(ResourceCalendar, self - reduced)._compute_display_name()
        for calendar in reduced:
            weekdays = [
                d for d in (calendar.reintegration_weekdays or "").split(",") if d
            ]
            calendar.display_name = self._reduced_name(
                calendar.reintegration_base_id.display_name,
                calendar.reintegration_percentage,
                weekdays,
            )
        return result

    def _reduced_vals(self, percentage, weekdays):
        self.ensure_one()
        self._check_share_fits(percentage, weekdays)
        slots = self._work_slots()
        kept = slots.filtered(lambda a: a.dayofweek in weekdays) if weekdays else slots
        factor = (
            self._weekly_hours()
            * percentage
            / 100
            / (self._weekly_hours(weekdays) or 1)
        )
        attendances = []
        for slot in kept:
            vals = slot._copy_attendance_vals()
            duration = (slot.hour_to - slot.hour_from) * factor
            vals["hour_to"] = slot.hour_from + round(duration * 60) / 60
            attendances.append(fields.Command.create(vals))
        for section in self.attendance_ids.filtered("display_type"):
            attendances.append(fields.Command.create(section._copy_attendance_vals()))
        return {
            "name": self._reduced_name(self.name, percentage, weekdays),
            "company_id": self.company_id.id,
            "tz": self.tz,
            "two_weeks_calendar": self.two_weeks_calendar,
            "full_time_required_hours": self.full_time_required_hours,
            "attendance_ids": attendances,
            "reintegration_base_id": self.id,
            "reintegration_percentage": percentage,
            "reintegration_weekdays": ",".join(sorted(weekdays)),
        }

    @api.model
    def _reintegration_calendars(self, keys):
        """Find or create the reduced calendars of ``keys``, a set of
        (normal calendar, percentage, weekdays tuple): {key: calendar}.
        A constant number of queries for any number of keys that share
        calendars."""
        calendars = self.sudo()
        result = {}
        todo = defaultdict(list)
        for key in keys:
            base, percentage, weekdays = key
            if percentage >= 100 and not weekdays:
                result[key] = base
            else:
                todo[base.id].append(key)
        if not todo:
            return result
        existing = calendars.search(
            [("reintegration_base_id", "in", list(todo)), ("active", "=", True)]
        )
        found = {
            (
                cal.reintegration_base_id.id,
                round(cal.reintegration_percentage, 2),
                cal.reintegration_weekdays or "",
            ): cal
            for cal in existing
        }
        missing = []
        for keys_of_base in todo.values():
            for key in keys_of_base:
                base, percentage, weekdays = key
                lookup = (base.id, round(percentage, 2), ",".join(sorted(weekdays)))
                if lookup in found:
                    result[key] = found[lookup]
                elif key not in missing:
                    missing.append(key)
        if missing:
            created = calendars.create(
                [base._reduced_vals(pct, days) for base, pct, days in missing]
            )
            result.update(zip(missing, created, strict=True))
        return {key: cal.with_env(self.env) for key, cal in result.items()}

    # ------------------------------------------------------------------
    # Belgian public holidays
    # ------------------------------------------------------------------
    @api.model
    def _belgian_holiday_names(self):
        return {
            "new_year": _("New Year's Day"),
            "easter_monday": _("Easter Monday"),
            "labour_day": _("Labour Day"),
            "ascension": _("Ascension Day"),
            "whit_monday": _("Whit Monday"),
            "national_day": _("Belgian National Day"),
            "assumption": _("Assumption Day"),
            "all_saints": _("All Saints' Day"),
            "armistice": _("Armistice Day"),
            "christmas": _("Christmas Day"),
        }

    @api.model
    def _generate_public_holidays_be(self, years=None, companies=None):
        """Put Belgium's public holidays of ``years`` (this year and the next
        by default) on the working schedules of ``companies`` (those with the
        setting on by default) as public time off: a leave without a
        resource, as Odoo's public holidays are. A day already covered by a
        public time off of the schedule (or of every schedule of the company)
        is kept as the company entered it. Returns the leaves created."""
        today = fields.Date.context_today(self)
        years = sorted(set(years or (today.year, today.year + 1)))
        if companies is None:
            companies = (
                self.env["res.company"]
                .sudo()
                .search([("public_holidays_be", "=", True)])
            )
        companies = companies.sudo().filtered("public_holidays_be")
        leave_model = self.env["resource.calendar.leaves"].sudo()
        if not companies or not years:
            return leave_model
        calendars = (
            self.sudo()
            .with_context(active_test=True)
            .search([("company_id", "in", companies.ids)])
        )
        first, last = date(years[0], 1, 1), date(years[-1], 12, 31)
        existing = leave_model.search(
            [
                ("resource_id", "=", False),
                ("company_id", "in", companies.ids),
                ("date_from", "<=", datetime.combine(last, time.max)),
                ("date_to", ">=", datetime.combine(first, time.min) - timedelta(1)),
            ]
        )
        names = self._belgian_holiday_names()
        user_tz = timezone(self.env.user.tz) if self.env.user.tz else UTC
        vals_list = []
        for calendar in calendars:
            tz = timezone(calendar.tz or "Europe/Brussels")
            covering = existing.filtered(
                lambda lv, c=calendar: (
                    lv.calendar_id == c
                    or (not lv.calendar_id and lv.company_id == c.company_id)
                )
            )
            for year in years:
                for key, day in belgian_public_holidays(year):
                    start, end = self._day_bounds(day, tz)
                    if any(
                        lv.date_from <= end and lv.date_to >= start for lv in covering
                    ):
                        continue
                    # hr_holidays reads a public time off as entered in the
                    # user's time zone and moves it to the schedule's.
                    entered_from, entered_to = self._day_bounds(day, user_tz)
                    vals_list.append(
                        {
                            "name": names[key],
                            "calendar_id": calendar.id,
                            "company_id": calendar.company_id.id,
                            "date_from": entered_from,
                            "date_to": entered_to,
                            "time_type": "leave",
                        }
                    )
        return leave_model.create(vals_list)

    @api.model
    def _day_bounds(self, day, tz):
        """The first and last second of ``day`` in ``tz``, as naive UTC."""
        start = tz.localize(datetime.combine(day, time.min))
        end = tz.localize(datetime.combine(day, time(23, 59, 59)))
        return (
            start.astimezone(UTC).replace(tzinfo=None),
            end.astimezone(UTC).replace(tzinfo=None),
        )

    @api.model
    def _cron_public_holidays_be(self):
        """Yearly: this year's and next year's holidays on every schedule of
        the companies that keep the setting on."""
        self._generate_public_holidays_be()
        self.env["ir.cron"]._notify_progress(done=1, remaining=0)
        return True

"""Helpers for names and texts shown in the reader's language.

Generated names (case, trajectory, plan) are computed when they are read,
in the language of the reader's context, rather than stored in the language
of whoever made the record."""

from babel.dates import get_day_names

from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.misc import babel_locale_parse, format_date


def employee_name_domain(env, operator, value):
    """A domain on ``employee_id`` for a search on a generated name made of
    the employee's name: the employees are matched by name with sudo (a user
    without HR rights cannot read hr.employee), the records by their own
    rules."""
    if operator in expression.NEGATIVE_TERM_OPERATORS:
        positive = expression.TERM_OPERATORS_NEGATION[operator]
        query = env["hr.employee"].sudo()._search([("name", positive, value)])
        return [("employee_id", "not in", query)]
    query = env["hr.employee"].sudo()._search([("name", operator, value)])
    return [("employee_id", "in", query)]


def overdue_domain(env, operator, value, overdue, not_overdue):
    """The domain of a search on a live overdue flag (computed when read):
    ``overdue`` when searched true, ``not_overdue`` when searched false; a
    clear, translated refusal of any other search."""
    if operator not in ("=", "!=") or not isinstance(value, bool):
        raise UserError(env._("Overdue is searched as true or false only."))
    return overdue if (operator == "=") == value else not_overdue


def overdue_ids_domain(env, operator, value, overdue_ids):
    """`overdue_domain` for a model whose overdue records are the ids that
    the subquery ``overdue_ids`` selects."""
    return overdue_domain(
        env,
        operator,
        value,
        [("id", "in", overdue_ids)],
        [("id", "not in", overdue_ids)],
    )


def weekday_label(env, day):
    """The short name of a resource.calendar weekday ("0" = Monday) in the
    language of ``env`` (Babel's day names start on Monday too)."""
    names = get_day_names("abbreviated", locale=babel_locale_parse(env.lang))
    return names[int(day)]


def weekdays_label(env, days):
    """The short names of resource.calendar weekdays, in week order."""
    return ", ".join(weekday_label(env, day) for day in sorted(days))


def env_of_reader(records, user):
    """The environment of ``records`` in the language of ``user``, who will
    read what is written for them (an activity's summary): ``env._(...)`` and
    ``format_date(env, ...)`` there speak the reader's language."""
    lang = user.sudo().lang or records.env.lang
    return records.with_context(lang=lang).env


def date_label(env, value):
    """``value`` (a date) written in the language the texts of ``env`` are
    translated in (``_()`` uses English when the context has no language;
    the date follows it, and costs no query to find the user's language)."""
    return format_date(env, value, lang_code=env.lang or "en_US")

"""The figures of a pulse campaign that may be published, as a pure function
(the campaign builds its `hr.pulse.result` rows from it; the tests check it
as a property).

The score is on a common "higher is better" scale: an answer v of an energy
drainer counts as 6 - v, and a mean m on that 1 to 5 scale is the score
(m - 1) * 25, from 0 to 100."""

from .wellbeing_small_groups import publishable


def score_of(better_mean):
    """The "higher is better" score, 0 to 100, of a mean on the oriented 1
    to 5 scale."""
    return (better_mean - 1) * 25


def _add(a, b):
    return [x + y for x, y in zip(a, b, strict=True)]


def _mean(per_value):
    n = sum(per_value)
    return sum((i + 1) * c for i, c in enumerate(per_value)) / n if n else 0.0


def pulse_figures(counts, lines, minimum, grouped):
    """The publishable figures.

    ``counts``: {(line key, group key): [count of 1, ..., count of 5]} for
    the scale questions (group key False when the campaign does not group);
    ``lines``: [(line key, domain, polarity)] in the campaign's order, the
    first one answered by everybody (it counts the people); ``minimum``: the
    minimum group size. Returns a list of dicts: ``level`` ("question" or
    "domain"), ``domain``, ``line`` (question level), ``group`` (False: the
    whole population), ``people``, ``counts`` (five counts; for a domain on
    the oriented scale), ``mean`` (as asked for a question, oriented for a
    domain) and ``score``. A group is published only with at least
    ``minimum`` people and with complementary suppression; the whole
    population only with at least ``minimum`` people."""
    if not lines:
        return []
    first = lines[0][0]
    people = {}
    for (line, group), per_value in counts.items():
        if line == first:
            people[group] = people.get(group, 0) + sum(per_value)
    if grouped:
        shown, total = publishable(people, minimum)
    else:
        shown, total = [], sum(people.values()) >= minimum
    scopes = ([False] if total else []) + [group for group in shown if group]
    figures = []
    for scope in scopes:
        size = sum(people.values()) if scope is False else people[scope]
        by_domain = {}
        for line, domain, polarity in lines:
            per_value = [0] * 5
            for (key, group), values in counts.items():
                if key == line and (scope is False or group == scope):
                    per_value = _add(per_value, values)
            if not sum(per_value):
                continue
            oriented = per_value if polarity == "giver" else per_value[::-1]
            figures.append(
                {
                    "level": "question",
                    "domain": domain,
                    "line": line,
                    "group": scope,
                    "people": size,
                    "counts": per_value,
                    "mean": _mean(per_value),
                    "score": score_of(_mean(oriented)),
                }
            )
            by_domain[domain] = _add(by_domain.get(domain, [0] * 5), oriented)
        for domain, oriented in by_domain.items():
            figures.append(
                {
                    "level": "domain",
                    "domain": domain,
                    "line": False,
                    "group": scope,
                    "people": size,
                    "counts": oriented,
                    "mean": _mean(oriented),
                    "score": score_of(_mean(oriented)),
                }
            )
    return figures

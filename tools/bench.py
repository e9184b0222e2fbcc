"""The scale benchmark of the addon (`make bench`, README "Scale").

Run by Odoo's own Python in the project's virtualenv, on a database that
`tools/dev.sh bench` has just made with the addon installed without demo data:

    python tools/bench.py -c .local/odoo.conf -d burnout_bench

It builds the data at the chosen size in batched creates (no per-record
commit), then measures each row of the issue's table as the product runs it:

* the crons as Odoo's cron worker runs them (``ir.cron._process_job`` on a
  cursor of their own, called again while the job reports work remaining,
  every commit and commit-time hook included);
* the lists as their users read them (``web_search_read`` as the line manager,
  HR and the occupational physician, end-of-request work included), alternated
  with their baseline, median of ``BENCH_RUNS`` runs.

It prints one table (work, N, queries, median time, baseline, ratio, goal,
holds) and exits with 1 when a goal is missed. Queries are counted with Odoo's
own counter (``odoo.sql_db.sql_counter``, every cursor of the process).

Sizes (environment): ``BENCH_SCALE`` multiplies the default sizes (5,000
employees, a manager of 498 reports over 4 levels, 5,000 open cases, 10,000
prevention actions, 5,000 notes, 5,000 running plans); ``BENCH_EMPLOYEES``,
``BENCH_REPORTS``, ``BENCH_ACTIONS``, ``BENCH_NOTES``, ``BENCH_PLANS`` set one
size; ``BENCH_RUNS`` (default 5) the runs of each list.
"""

# A command-line tool: its output is its table, printed.
# pylint: disable=print-used

import argparse
import logging
import os
import statistics
import sys
import time
from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

MODULE = "hr_burnout_prevention"
DEFAULT_SIZES = {
    "employees": 5000,
    "reports": 498,
    "actions": 10000,
    "notes": 5000,
    "plans": 5000,
}
MINIMUM_SIZES = {"employees": 20, "reports": 6, "actions": 10, "notes": 10}
# Goals of the table. "Flat" query counts: at most this many
# queries per record (a paged job does a handful of queries per page of
# hundreds of records; one query per record is what the goal forbids).
FLAT_QUERIES_PER_RECORD = 0.2
FLAT_COMPUTE_QUERIES_PER_RECORD = 0.05
# The weekly check-in job: under 10 s for 5,000 running plans.
CHECKIN_SECONDS_PER_PLAN = 10 / 5000


# ---------------------------------------------------------------------------
# Sizes and the table: pure functions (tests/test_bench_tool.py)
# ---------------------------------------------------------------------------
def sizes_from_env(environ):
    """The sizes asked for: defaults x BENCH_SCALE, then BENCH_<SIZE>."""
    raw = environ.get("BENCH_SCALE") or "1"
    try:
        scale = float(raw)
    except ValueError:
        raise ValueError(f"BENCH_SCALE={raw} is not a number (e.g. 0.02)") from None
    if not 0 < scale <= 10:
        raise ValueError(f"BENCH_SCALE={raw} is out of range: give 0 < scale <= 10")
    sizes = {
        key: max(MINIMUM_SIZES.get(key, 1), round(value * scale))
        for key, value in DEFAULT_SIZES.items()
    }
    for key in DEFAULT_SIZES:
        value = environ.get(f"BENCH_{key.upper()}")
        if value:
            if not value.isdigit() or int(value) < MINIMUM_SIZES.get(key, 1):
                raise ValueError(
                    f"BENCH_{key.upper()}={value} is not understood: give a "
                    f"whole number of at least {MINIMUM_SIZES.get(key, 1)}"
                )
            sizes[key] = int(value)
    # Every case and plan has an employee; the manager's tree fits in them.
    sizes["cases"] = sizes["employees"]
    sizes["plans"] = min(sizes["plans"], sizes["employees"])
    sizes["reports"] = min(sizes["reports"], sizes["employees"] - 2)
    runs = environ.get("BENCH_RUNS") or "5"
    if not runs.isdigit() or not 1 <= int(runs) <= 50:
        raise ValueError(f"BENCH_RUNS={runs} is not understood: give 1 to 50")
    sizes["runs"] = int(runs)
    return sizes


def evaluate(row):
    """Complete a measured row with its ratio and whether its goal holds.

    A row has: work, n, queries, seconds, baseline (a text), and one goal:
    ``max_ratio`` (seconds / baseline_seconds), ``max_queries_per_record``,
    ``max_seconds``, or ``must_be_zero`` (a count that must end at 0, in
    ``left``)."""
    row = dict(row)
    ratio = None
    if row.get("baseline_seconds"):
        ratio = row["seconds"] / row["baseline_seconds"]
    row["ratio"] = ratio
    if "max_ratio" in row:
        row["goal"] = f"ratio <= {row['max_ratio']:g}"
        holds = ratio is not None and ratio <= row["max_ratio"]
    elif "max_queries_per_record" in row:
        limit = row["max_queries_per_record"]
        row["goal"] = f"<= {limit:g} queries/record"
        holds = row["queries"] <= limit * max(row["n"], 1)
    elif "max_seconds" in row:
        row["goal"] = f"<= {row['max_seconds']:.1f} s"
        holds = row["seconds"] <= row["max_seconds"]
    elif "must_be_zero" in row:
        row["goal"] = f"{row['must_be_zero']} = 0"
        holds = row.get("left") == 0
    else:
        raise ValueError(f"row {row['work']!r} has no goal")
    for extra in row.get("also", ()):
        # Further conditions of the same goal: (text, holds).
        row["goal"] += f", {extra[0]}"
        holds = holds and extra[1]
    row["holds"] = bool(holds)
    return row


COLUMNS = (
    ("work", "work"),
    ("n", "N"),
    ("queries", "queries"),
    ("time", "median"),
    ("baseline", "baseline"),
    ("ratio", "ratio"),
    ("goal", "goal"),
    ("holds", "holds"),
    ("warnings", "warnings"),
)


def _cell(row, key):
    if key == "time":
        return f"{row['seconds'] * 1000:.0f} ms"
    if key == "ratio":
        return "-" if row["ratio"] is None else f"{row['ratio']:.2f}"
    if key == "holds":
        return "yes" if row["holds"] else "NO"
    if key == "baseline":
        text = row.get("baseline") or "-"
        if row.get("baseline_seconds"):
            text += f" ({row['baseline_seconds'] * 1000:.0f} ms)"
        return text
    if key in ("n", "queries", "warnings"):
        return f"{row.get(key, 0):,}"
    return str(row[key])


def format_table(rows):
    """One Markdown table of evaluated rows."""
    cells = [[_cell(row, key) for key, _title in COLUMNS] for row in rows]
    titles = [title for _key, title in COLUMNS]
    widths = [
        max(len(line[i]) for line in [titles, *cells]) for i in range(len(titles))
    ]

    def line(texts):
        padded = (text.ljust(width) for text, width in zip(texts, widths, strict=True))
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return "\n".join([line(titles), rule, *(line(texts) for texts in cells)])


# ---------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------
def _queries():
    import odoo.sql_db  # noqa: PLC0415

    return odoo.sql_db.sql_counter


@contextmanager
def measure(result):
    """Time and count the queries of every cursor of the process."""
    queries = _queries()
    start = time.perf_counter()
    yield
    result["seconds"] = time.perf_counter() - start
    result["queries"] = _queries() - queries


def alternate(runs, work, baseline):
    """Run work and baseline alternately; medians of time, last query
    counts."""
    times, base_times = [], []
    result, base = {}, {}
    for _run in range(runs):
        with measure(result):
            n = work()
        times.append(result["seconds"])
        with measure(base):
            baseline()
        base_times.append(base["seconds"])
    return {
        "n": n,
        "queries": result["queries"],
        "seconds": statistics.median(times),
        "baseline_queries": base["queries"],
        "baseline_seconds": statistics.median(base_times),
    }


class Bench:
    def __init__(self, registry, sizes, log=print):
        self.registry = registry
        self.sizes = sizes
        self.log = log

    # -- helpers -----------------------------------------------------------
    @contextmanager
    def env(self, uid=None, **context):
        from odoo import SUPERUSER_ID, api  # noqa: PLC0415

        with self.registry.cursor() as cr:
            yield api.Environment(cr, uid or SUPERUSER_ID, context)

    def run_cron(self, xmlid):
        """Run a cron as Odoo's cron worker does, again while it reports work
        remaining (as the worker reschedules it at once), until it is done or
        makes no progress. Returns (calls, done, remaining at the end)."""
        import odoo.sql_db  # noqa: PLC0415

        ir_cron = self.registry["ir.cron"]

        with self.env() as env:
            cron_id = env.ref(xmlid).id
        db = odoo.sql_db.db_connect(self.registry.db_name)
        calls = done = remaining = 0
        for _round in range(10000):
            with self.registry.cursor() as cr:
                cr.execute(
                    "UPDATE ir_cron SET active = true, nextcall = "
                    "(now() at time zone 'UTC') - interval '1 minute' WHERE id = %s",
                    [cron_id],
                )
                # The bench drives Odoo's cron worker itself, as its loop does.
                cr.commit()  # pylint: disable=invalid-commit
                job = ir_cron._acquire_one_job(cr, cron_id)
                if not job:
                    raise RuntimeError(f"cron {xmlid} could not be acquired")
                before = job.get("progress_id") or 0
                ir_cron._process_job(db, cr, job)
                cr.execute(
                    "SELECT count(*), coalesce(sum(done), 0), "
                    "(array_agg(remaining ORDER BY id DESC))[1], "
                    "(array_agg(done ORDER BY id DESC))[1] "
                    "FROM ir_cron_progress WHERE cron_id = %s AND id > %s",
                    [cron_id, before],
                )
                count, total, last_remaining, last_done = cr.fetchone()
            calls += count
            done += total
            remaining = last_remaining or 0
            # Odoo's worker stops a job for the day when it reports nothing
            # left, or nothing done.
            if not remaining or not last_done:
                break
        return calls, done, remaining

    # -- data --------------------------------------------------------------
    def build(self):
        from odoo import Command, fields  # noqa: PLC0415

        sizes = self.sizes
        ctx = {
            "tracking_disable": True,
            "mail_create_nolog": True,
            "mail_notrack": True,
            "no_reset_password": True,
        }
        with self.env(**ctx) as env:
            company = env.ref("base.main_company")
            company.write({"country_id": env.ref("base.be").id})
            today = fields.Date.context_today(env["res.users"])
            self.today = today
            group = env.ref

            def users(prefix, count, groups, password=True):
                # Only the users who log in (make load) get a password:
                # hashing one costs a good part of a second.
                ids = [group(xmlid).id for xmlid in ("base.group_user", *groups)]
                return env["res.users"].create(
                    [
                        {
                            "login": f"{prefix}{i}",
                            **({"password": f"{prefix}{i}"} if password else {}),
                            "name": f"{prefix.title()} {i}",
                            "groups_id": [Command.set(ids)],
                            "company_id": company.id,
                            "company_ids": [Command.set(company.ids)],
                        }
                        for i in range(count)
                    ]
                )

            t0 = time.perf_counter()
            staff = users("bench_staff_", sizes["employees"], (), password=False)
            hr = users("bench_hr_", 5, (f"{MODULE}.group_hr_officer",))
            physician = users(
                "bench_physician_", 1, (f"{MODULE}.group_occupational_physician",)
            )
            managers = users("bench_manager_", 5, ())
            self.log(f"  users: {time.perf_counter() - t0:.1f} s")
            dept = env["hr.department"].create(
                {"name": "Bench", "company_id": company.id}
            )
            Employee = env["hr.employee"]
            # The big manager (user bench_manager_0) and their tree of
            # `reports` over 4 levels, filled breadth first.
            boss = Employee.create(
                {
                    "name": "Big Manager",
                    "user_id": managers[0].id,
                    "department_id": dept.id,
                }
            )
            other_bosses = Employee.create(
                [
                    {"name": f"Manager {i}", "user_id": m.id, "department_id": dept.id}
                    for i, m in enumerate(managers[1:], 1)
                ]
            )
            fanout = 1
            while sum(fanout**level for level in range(1, 5)) < sizes["reports"]:
                fanout += 1
            level, parents, left = [boss], [], sizes["reports"]
            values = [
                {
                    "name": f"Employee {i}",
                    "user_id": user.id,
                    "department_id": dept.id,
                    "company_id": company.id,
                }
                for i, user in enumerate(staff)
            ]
            employees = Employee.browse()
            index = 0
            while left > 0:
                batch = []
                for parent in level:
                    for _child in range(min(fanout, left - len(batch))):
                        batch.append({**values[index], "parent_id": parent.id})
                        index += 1
                if not batch:
                    break
                created = Employee.create(batch)
                employees |= created
                left -= len(created)
                parents, level = level, created
            rest = values[index:]
            for i, vals in enumerate(rest):
                vals["parent_id"] = other_bosses[i % len(other_bosses)].id
            employees |= Employee.create(rest)
            self.log(f"  employees: {time.perf_counter() - t0:.1f} s")
            del parents
            env.cr.commit()

            # Notes: most on active employees; a quarter (1,250 at the
            # default size: more than one batch of 1,000 of the job) on
            # employees who left long ago, due for anonymisation.
            departed_count = max(1, sizes["notes"] // 4)
            departed = Employee.create(
                [
                    {"name": f"Former {i}", "company_id": company.id}
                    for i in range(departed_count)
                ]
            )
            Note = env["hr.confidential.note"].with_user(physician).with_context(**ctx)
            targets = list(employees) + list(departed)
            Note.create(
                [
                    {
                        "employee_id": (
                            departed[i % departed_count]
                            if i < departed_count
                            else targets[i % len(employees)]
                        ).id,
                        "company_id": company.id,
                        "service": "medical",
                        "subject": f"Note {i}",
                        "body": "Consultation notes.",
                        "date": today - timedelta(days=i % 300),
                    }
                    for i in range(sizes["notes"])
                ]
            )
            years = company.confidential_retention_medical_years or 20
            departed.write(
                {
                    "active": False,
                    "departure_date": today - timedelta(days=366 * (years + 1)),
                }
            )
            self.log(f"  notes: {time.perf_counter() - t0:.1f} s")
            env.cr.commit()

            # Prevention: a policy, this year's plan, actions (half overdue).
            policy = env["hr.prevention.policy"].create(
                {
                    "name": "Bench policy",
                    "date_start": today.replace(month=1, day=1),
                    "date_end": today.replace(year=today.year + 4, month=12, day=31),
                }
            )
            year_plan = env["hr.prevention.year.plan"].create(
                {"year": today.year, "policy_id": policy.id}
            )
            actions = env["hr.prevention.action"].create(
                [
                    {
                        "name": f"Action {i}",
                        "domain": "work_organisation",
                        "year_plan_id": year_plan.id,
                        "user_id": (hr[i % len(hr)] if i % 3 else managers[i % 5]).id,
                        "department_id": dept.id,
                        "date_start": today - timedelta(days=60),
                        "date_deadline": today + timedelta(days=(i % 60) - 30),
                    }
                    for i in range(sizes["actions"])
                ]
            )
            with actions._workflow_system():
                actions.write({"state": "planned"})
            self.log(f"  actions: {time.perf_counter() - t0:.1f} s")
            env.cr.commit()

            # Running plans, started a week ago, on their schedules.
            plan_employees = employees[: sizes["plans"]]
            Plan = env["hr.reintegration.plan"]
            plans = Plan.create(
                [
                    {"employee_id": e.id, "date_start": today - timedelta(days=7)}
                    for e in plan_employees
                ]
            )
            plans._generate_schedules(
                40, 20, 2, target=80, weekdays=("mon", "tue", "wed", "thu")
            )
            with plans._workflow_system():
                plans.write(
                    {
                        "state": "running",
                        "original_calendar_id": company.resource_calendar_id.id,
                    }
                )
            self.log(f"  plans: {time.perf_counter() - t0:.1f} s")
            env.cr.commit()
            self.employees = employees
            self.users = {"hr": hr[0], "manager": managers[0], "physician": physician}
            self.boss = boss
            self.company = company

    # -- rows --------------------------------------------------------------
    def row_create_cases(self):
        """Creating the open cases (one per employee), by HR, committed."""
        n = self.sizes["cases"]
        result = {}
        with self.env() as env:
            hr = self.users["hr"].with_env(env)
            Case = env["hr.absence.case"].with_user(hr)
            today = self.today
            vals = [
                {
                    "employee_id": emp_id,
                    "date_start": today - timedelta(days=10 + (i * 7) % 700),
                }
                for i, emp_id in enumerate(self.employees.ids[:n])
            ]
            with measure(result):
                Case.create(vals)
                env.cr.commit()
        return evaluate(
            {
                "work": "creating the open cases (HR, one batch)",
                "n": n,
                **result,
                "baseline": "flat",
                "max_queries_per_record": FLAT_QUERIES_PER_RECORD,
            }
        )

    def row_computes(self):
        rows = []
        with self.env() as env:
            cases = env["hr.absence.case"].search([])
            for name, field in (
                ("_compute_protocol_id", "protocol_id"),
                ("_compute_rules_version", "rules_version"),
            ):
                env.invalidate_all()
                cases = cases.browse(cases.ids)
                result = {}
                with measure(result):
                    if name == "_compute_protocol_id":
                        # Recomputed by the ORM, as after a change of the
                        # protocols (stored: written at the flush).
                        env.add_to_compute(cases._fields[field], cases)
                        env.flush_all()
                    else:
                        cases.mapped(field)
                        env.flush_all()
                env.cr.rollback()
                rows.append(
                    evaluate(
                        {
                            "work": f"{name} (cases)",
                            "n": len(cases),
                            **result,
                            "baseline": "flat",
                            "max_queries_per_record": FLAT_COMPUTE_QUERIES_PER_RECORD,
                        }
                    )
                )
        return rows

    def _read_baseline(self, model, domain, fields_):
        """The `search_read` of the records a job walks, as the job's user
        (superuser), in a fresh cursor."""

        def baseline():
            with self.env() as env:
                env[model].search_read(domain, fields_)

        return baseline

    def _cron_row(self, work, xmlid, baseline, n, **goal):
        runs = self.sizes["runs"]
        base = []
        base_queries = 0
        for _run in range(runs // 2 + 1):
            result = {}
            with measure(result):
                baseline()
            base.append(result["seconds"])
            base_queries = result["queries"]
        result = {}
        with measure(result):
            calls, done, remaining = self.run_cron(xmlid)
        for _run in range(runs // 2):
            after = {}
            with measure(after):
                baseline()
            base.append(after["seconds"])
        row = {
            "work": f"{work} ({calls} calls)",
            "n": n,
            **result,
            "baseline_seconds": statistics.median(base),
            "baseline_queries": base_queries,
            "left": remaining,
            **goal,
        }
        return row

    def row_deadlines(self):
        with self.env() as env:
            open_cases = [("state", "in", ("absent", "return_planned"))]
            n = env["hr.absence.case"].search_count(open_cases)
        cases = self._read_baseline(
            "hr.absence.case",
            open_cases,
            [
                "employee_id",
                "date_start",
                "state",
                "next_deadline",
                "protocol_id",
                "contact_user_id",
                "next_contact_date",
                "fading_date",
            ],
        )
        milestones = self._read_baseline(
            "hr.absence.milestone",
            [("case_id.state", "in", ("absent", "return_planned"))],
            ["case_id", "code", "date_deadline", "done"],
        )

        def baseline():
            cases()
            milestones()

        row = self._cron_row(
            "absence deadline job, first daily run",
            f"{MODULE}.ir_cron_absence_deadlines",
            baseline,
            n,
            max_ratio=2,
        )
        row["baseline"] = "search_read of open cases + milestones"
        row["also"] = [("nothing left", row["left"] == 0)]
        return evaluate(row)

    def row_checkins(self):
        with self.env() as env:
            n = env["hr.reintegration.plan"].search_count([("state", "=", "running")])
            env.cr.execute("SELECT count(*) FROM mail_mail")
            mails_before = env.cr.fetchone()[0]
        row = self._cron_row(
            "weekly check-in job",
            f"{MODULE}.ir_cron_reintegration_checkins",
            self._read_baseline(
                "hr.reintegration.plan",
                [("state", "=", "running")],
                ["employee_id", "state", "date_start"],
            ),
            n,
            max_seconds=max(1.0, CHECKIN_SECONDS_PER_PLAN * n),
        )
        with self.env() as env:
            env.cr.execute("SELECT count(*) FROM mail_mail")
            mails = env.cr.fetchone()[0] - mails_before
            checkins = env["hr.reintegration.checkin"].search_count([])
        row["baseline"] = f"10 s per 5,000 plans; {mails} e-mails, {checkins} check-ins"
        row["baseline_seconds"] = None
        row["also"] = [
            ("no e-mail per check-in", mails < max(n, 1)),
            ("every plan", checkins >= n),
        ]
        return evaluate(row)

    def row_apply_schedules(self):
        with self.env() as env:
            n = env["hr.reintegration.plan"].search_count([("state", "=", "running")])
        row = self._cron_row(
            "applying schedules",
            f"{MODULE}.ir_cron_reintegration_apply_schedules",
            self._read_baseline(
                "hr.reintegration.plan",
                [("state", "=", "running")],
                ["employee_id", "state", "date_start"],
            ),
            n,
            max_queries_per_record=FLAT_QUERIES_PER_RECORD,
        )
        row["baseline"] = "flat"
        row["baseline_seconds"] = None
        return evaluate(row)

    def row_prevention(self):
        with self.env() as env:
            n = env["hr.prevention.action"].search_count([])
        row = self._cron_row(
            "prevention daily job, first run",
            f"{MODULE}.ir_cron_prevention_daily",
            self._read_baseline(
                "hr.prevention.action",
                [],
                ["name", "user_id", "date_deadline", "state", "department_id"],
            ),
            n,
            max_ratio=2,
        )
        row["baseline"] = "search_read of the actions"
        return evaluate(row)

    def row_anonymise(self):
        due = [
            ("anonymised", "=", False),
            ("employee_id.active", "=", False),
            ("employee_id.departure_date", "!=", False),
        ]
        with self.env() as env:
            Note = env["hr.confidential.note"].with_context(active_test=False)
            n = Note.search_count(due)
        row = self._cron_row(
            "anonymisation",
            f"{MODULE}.ir_cron_hr_confidential_note_anonymise",
            lambda: None,
            n,
            must_be_zero="due notes left",
        )
        with self.env() as env:
            Note = env["hr.confidential.note"].with_context(active_test=False)
            row["left"] = Note.search_count(due)
        row["baseline"] = "-"
        row["baseline_seconds"] = None
        return evaluate(row)

    def row_manager_list(self):
        spec = {
            "employee_id": {"fields": {"display_name": {}}},
            "department_id": {"fields": {"display_name": {}}},
            "date_start": {},
            "expected_return_date": {},
            "next_deadline_name": {},
            "next_deadline": {},
            "contact_user_id": {"fields": {"display_name": {}}},
            "state": {},
        }
        domain = [("state", "in", ("absent", "return_planned"))]

        def lister(role):
            def work():
                with self.env(self.users[role].id) as env:
                    result = env["hr.absence.case"].web_search_read(
                        domain, spec, limit=80
                    )
                    env.flush_all()
                    env.cr.precommit.run()
                    env.cr.rollback()
                return result["length"]

            return work

        result = alternate(self.sizes["runs"], lister("manager"), lister("hr"))
        return evaluate(
            {
                "work": "line manager's list of open cases (80 of N)",
                **result,
                "baseline": "HR's same list",
                "max_ratio": 1.3,
            }
        )

    def row_notes(self):
        spec = {
            "date": {},
            "subject": {},
            "kind": {},
            "service": {},
            "employee_id": {"fields": {"display_name": {}}},
        }
        physician = self.users["physician"].id

        def read():
            with self.env(physician) as env:
                result = env["hr.confidential.note"].web_search_read(
                    [], spec, limit=200
                )
                env.flush_all()
                env.cr.precommit.run()
                env.cr.rollback()
            return len(result["records"])

        Note = self.registry["hr.confidential.note"]

        def without_log():
            # The baseline: the same request with the access log switched
            # off in server code.
            with patch.object(Note, "_log_reads", lambda self, operation="read": None):
                read()

        result = alternate(self.sizes["runs"], read, without_log)
        return evaluate(
            {
                "work": "physician's list of 200 notes, access log on",
                **result,
                "baseline": "same list, log off",
                "max_ratio": 1.2,
            }
        )


class WarningCounter(logging.Handler):
    """Counts the warnings and errors logged while a row runs (Odoo's
    console shows only errors during the benchmark)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


# The rows, in the order they run (each builds on the data the previous
# ones left: the cases, then their jobs).
ROW_STEPS = (
    "row_create_cases",
    "row_computes",
    "row_deadlines",
    "row_checkins",
    "row_apply_schedules",
    "row_manager_list",
    "row_notes",
    "row_prevention",
    "row_anonymise",
)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args(argv)
    try:
        sizes = sizes_from_env(os.environ)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    import odoo  # noqa: PLC0415

    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.database, "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(args.database)
    started = time.perf_counter()
    print(
        "Building: {employees:,} employees (a manager of {reports:,} reports), "
        "{actions:,} actions, {notes:,} notes, {plans:,} running plans".format(**sizes),
        flush=True,
    )
    bench = Bench(registry, sizes, log=lambda text: print(text, flush=True))
    bench.build()
    built = time.perf_counter()
    print(f"Built in {built - started:.0f} s; measuring", flush=True)
    rows = []
    counter = WarningCounter()
    logging.getLogger().addHandler(counter)
    for handler in logging.getLogger().handlers:
        if handler is not counter:
            handler.setLevel(logging.ERROR)
    for name in ROW_STEPS:
        warnings = counter.count
        result = getattr(bench, name)()
        for row in result if isinstance(result, list) else [result]:
            row["warnings"] = counter.count - warnings
            per = row["seconds"] * 1000 / max(row["n"], 1)
            print(
                f"  {row['work']}: {row['seconds']:.2f} s, {row['queries']:,} "
                f"queries, {per:.2f} ms per record, {row['warnings']:,} warnings",
                flush=True,
            )
            rows.append(row)
    print()
    print(format_table(rows))
    missed = [row["work"] for row in rows if not row["holds"]]
    measured, total = time.perf_counter() - built, time.perf_counter() - started
    print(
        f"\n{len(rows) - len(missed)} of {len(rows)} goals hold; measured in "
        f"{measured:.0f} s, {total:.0f} s in all"
    )
    if missed:
        print("Missed: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

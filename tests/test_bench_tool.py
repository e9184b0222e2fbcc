"""The project's scale tools: the table of `make bench` (tools/bench.py) and
the options of `make run WORKERS=...` (tools/dev.sh check).

The benchmark itself builds a database of its own and commits: it is run by
`make bench`, not here; these tests prove its sizes, goals and table."""

import importlib.util
import os
import subprocess
import unittest

from odoo.modules.module import get_module_path
from odoo.tests import BaseCase, tagged

MODULE = "hr_burnout_prevention"
ROOT = os.path.realpath(get_module_path(MODULE))


def _load_bench():
    spec = importlib.util.spec_from_file_location(
        "hr_burnout_bench", os.path.join(ROOT, "tools", "bench.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestBenchTable(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not os.path.exists(os.path.join(ROOT, "tools", "bench.py")):
            raise unittest.SkipTest("tools/ is not shipped with the addon")
        cls.bench = _load_bench()

    def test_default_sizes_are_the_issue_s(self):
        sizes = self.bench.sizes_from_env({})
        self.assertEqual(
            {k: sizes[k] for k in ("employees", "reports", "actions", "notes")},
            {"employees": 5000, "reports": 498, "actions": 10000, "notes": 5000},
        )
        self.assertEqual(
            (sizes["cases"], sizes["plans"], sizes["runs"]), (5000, 5000, 5)
        )

    def test_scale_and_one_size(self):
        sizes = self.bench.sizes_from_env({"BENCH_SCALE": "0.02", "BENCH_NOTES": "300"})
        self.assertEqual(sizes["employees"], 100)
        self.assertEqual(sizes["actions"], 200)
        self.assertEqual(sizes["reports"], 10)
        self.assertEqual(sizes["notes"], 300)
        # A tiny scale keeps the minimum that still makes a tree and a list.
        tiny = self.bench.sizes_from_env({"BENCH_SCALE": "0.0001"})
        self.assertEqual((tiny["employees"], tiny["reports"]), (20, 6))

    def test_bad_sizes_are_refused_with_their_name(self):
        for environ, name in (
            ({"BENCH_SCALE": "abc"}, "BENCH_SCALE"),
            ({"BENCH_SCALE": "0"}, "BENCH_SCALE"),
            ({"BENCH_SCALE": "11"}, "BENCH_SCALE"),
            ({"BENCH_EMPLOYEES": "-5"}, "BENCH_EMPLOYEES"),
            ({"BENCH_EMPLOYEES": "3"}, "BENCH_EMPLOYEES"),
            ({"BENCH_RUNS": "0"}, "BENCH_RUNS"),
        ):
            with self.subTest(environ=environ):
                with self.assertRaisesRegex(ValueError, name):
                    self.bench.sizes_from_env(environ)
                # main() refuses before touching any database (exit code 2).
                old = dict(os.environ)
                try:
                    os.environ.update(environ)
                    self.assertEqual(
                        self.bench.main(["-c", "/nonexistent", "-d", "nothing"]), 2
                    )
                finally:
                    os.environ.clear()
                    os.environ.update(old)

    def test_goals(self):
        evaluate = self.bench.evaluate
        base = {"work": "w", "n": 1000, "queries": 150, "seconds": 3.0}
        cases = (
            ({"baseline_seconds": 2.0, "max_ratio": 2}, True, 1.5),
            ({"baseline_seconds": 1.0, "max_ratio": 2}, False, 3.0),
            ({"max_queries_per_record": 0.2}, True, None),
            ({"max_queries_per_record": 0.1}, False, None),
            ({"max_seconds": 10.0}, True, None),
            ({"max_seconds": 2.5}, False, None),
            ({"must_be_zero": "left", "left": 0}, True, None),
            ({"must_be_zero": "left", "left": 3}, False, None),
            (
                {"max_seconds": 10.0, "also": [("no e-mail", False)]},
                False,
                None,
            ),
        )
        for extra, holds, ratio in cases:
            with self.subTest(extra=extra):
                row = evaluate({**base, **extra})
                self.assertEqual(row["holds"], holds)
                self.assertEqual(row["ratio"], ratio)
        with self.assertRaises(ValueError):
            evaluate(base)

    def test_table_prints_every_row_and_misses(self):
        rows = [
            self.bench.evaluate(
                {
                    "work": f"work {step}",
                    "n": 5000,
                    "queries": 12345,
                    "seconds": 0.25,
                    "baseline": "search_read",
                    "baseline_seconds": 0.1 if step % 2 else 0.2,
                    "max_ratio": 2,
                    "warnings": step,
                }
            )
            for step in range(len(self.bench.ROW_STEPS))
        ]
        table = self.bench.format_table(rows).splitlines()
        self.assertEqual(len(table), 2 + len(rows))
        self.assertIn("| work ", table[0])
        for line, row in zip(table[2:], rows, strict=True):
            self.assertIn(row["work"], line)
            self.assertIn("5,000", line)
            self.assertIn("12,345", line)
            self.assertIn("250 ms", line)
            self.assertIn("NO" if row["ratio"] > 2 else "yes", line)
        self.assertIn("2.50", table[3])

    def test_every_row_step_exists(self):
        for name in self.bench.ROW_STEPS:
            with self.subTest(name=name):
                self.assertTrue(callable(getattr(self.bench.Bench, name, None)))


@tagged("post_install", "-at_install")
class TestRunOptions(BaseCase):
    def _check(self, **environ):
        return subprocess.run(
            ["bash", os.path.join(ROOT, "tools", "dev.sh"), "check"],
            env={"PATH": os.environ["PATH"], **environ},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    def test_bad_workers_are_refused(self):
        if not os.path.exists(os.path.join(ROOT, "tools", "dev.sh")):
            self.skipTest("tools/ is not shipped with the addon")
        for value in ("0", "abc", "65", "-1", "08", "2 ", "1e2"):
            with self.subTest(WORKERS=value):
                result = self._check(WORKERS=value)
                self.assertEqual(result.returncode, 2)
                self.assertIn(f"WORKERS={value} is not understood", result.stderr)
        for name, value in (
            ("CRON_WORKERS", "x"),
            ("GEVENT_PORT", "80"),
            ("DB", "a;b"),
        ):
            with self.subTest(**{name: value}):
                result = self._check(**{name: value})
                self.assertEqual(result.returncode, 2)
                self.assertIn(f"{name}={value} is not understood", result.stderr)
        for value in ("1", "2", "64"):
            with self.subTest(WORKERS=value):
                result = self._check(WORKERS=value, CRON_WORKERS="1")
                self.assertEqual((result.returncode, result.stderr), (0, ""))

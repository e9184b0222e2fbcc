"""A pytest plugin of `make test`, loaded with ``-p`` when TEST_JOBS > 1.

`make test` shares the test classes out between processes (pytest-xdist,
``TEST_JOBS``), each on its own copy of the test database, with one filestore
(pytest-odoo) on two cores. Two things of Odoo's test classes assume they run
alone:

* after each class, ``TransactionCase`` removes the filestore's files that
  its own database does not reference: in one process, that removed the
  files another process had just written (the asset bundles a tour was
  loading). With more than one process, each keeps what it wrote; the test
  database and its filestore are dropped at the end of the run.
* a browser tour waits at most a few seconds for each step: with two
  browsers and two servers on two cores, a step could miss its time. One
  tour at a time runs (a lock shared by the processes); the other processes
  go on with the tests that need no browser.
"""

import fcntl
import os


def pytest_configure(config):
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    from odoo.tests.common import HttpCase, TransactionCase
    from odoo.tools import config as odoo_config

    TransactionCase._gc_filestore = classmethod(lambda cls: None)

    browser_js = HttpCase.browser_js

    def browser_js_alone(self, *args, **kwargs):
        lock_path = os.path.join(odoo_config["data_dir"], "browser.lock")
        with open(lock_path, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                return browser_js(self, *args, **kwargs)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    HttpCase.browser_js = browser_js_alone

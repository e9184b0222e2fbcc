"""A pytest plugin of `make test` (loaded with ``-p`` when TEST_JOBS > 1).

`make test` shares the test classes out between processes (pytest-xdist,
``TEST_JOBS``), each on its own copy of the test database but with one
filestore (pytest-odoo). After each class, Odoo's ``TransactionCase`` removes
the filestore's files that its own database does not reference: in one
process, that would remove the files another process has just written (an
asset bundle a tour is loading, an upload). With more than one process, each
keeps what it wrote; the test database and its filestore are dropped at the
end of the run.
"""

import os


def pytest_configure(config):
    if os.environ.get("PYTEST_XDIST_WORKER"):
        from odoo.tests.common import TransactionCase

        TransactionCase._gc_filestore = classmethod(lambda cls: None)

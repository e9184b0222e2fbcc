"""A pytest plugin of `make test` (loaded with ``-p`` when TEST_JOBS > 1).

`make test` shares the test classes out between processes (pytest-xdist,
``TEST_JOBS``), each on its own copy of the test database but with one
filestore (pytest-odoo). Two things Odoo does are safe in one process only:

- After each class, Odoo's ``TransactionCase`` removes the filestore's files
  that its own database does not reference: that would remove the files
  another process has just written (an asset bundle a tour is loading, an
  upload). With more than one process, each keeps what it wrote; the test
  database and its filestore are dropped at the end of the run.
- ``ir.attachment`` writes a file in place. Both processes make the same asset
  bundles (same content, same file name): one could find the other's file
  half-written, take it for a different file of the same checksum ("The
  attachment collides with an existing file.") and fail the bundle, and a
  tour would wait forever for its page. With more than one process, a file is
  written under a temporary name and renamed into place, so the other process
  sees no file or the whole file.
"""

import os


def _atomic_file_write(self, bin_value, checksum):
    """``ir.attachment._file_write`` of Odoo 18, with the file written under a
    temporary name of this process and renamed into place."""
    fname, full_path = self._get_path(bin_value, checksum)
    if not os.path.exists(full_path):
        partial = f"{full_path}.{os.getpid()}.partial"
        with open(partial, "wb") as fp:
            fp.write(bin_value)
        os.replace(partial, full_path)
        # As Odoo does: collected if the transaction aborts.
        self._mark_for_gc(fname)
    return fname


def pytest_configure(config):
    if os.environ.get("PYTEST_XDIST_WORKER"):
        from odoo.tests.common import TransactionCase

        from odoo.addons.base.models.ir_attachment import IrAttachment

        TransactionCase._gc_filestore = classmethod(lambda cls: None)
        IrAttachment._file_write = _atomic_file_write

"""The moved clock of `make test TODAY=...` and `make run TODAY=...`.

tools/dev.sh puts this folder first on PYTHONPATH and the offset to the day
asked for, in seconds, in HR_BURNOUT_CLOCK_OFFSET: every Python process the
command starts (the install, pytest, the tests' own subprocesses, the server)
then runs with its clock moved by that offset, and ticking. Tests that freeze
time themselves nest their own frozen clock inside this one.

freezegun (one of Odoo's requirements) moves the clock at the Python level:
libfaketime, which moves PostgreSQL's and the browser's, cannot move a Python
process's without breaking its sleeps and timed waits.
"""

import os

_offset = os.environ.get("HR_BURNOUT_CLOCK_OFFSET")
if _offset:
    import atexit
    import logging
    import time
    from datetime import datetime, timedelta, timezone

    import freezegun

    _now = datetime.now(timezone.utc).replace(tzinfo=None)
    freezegun.freeze_time(_now + timedelta(seconds=int(_offset)), tick=True).start()

    @atexit.register
    def _real_clock():
        """Before the interpreter tears its modules down, freezegun's
        functions answer the real time (what they do once it stopped): a
        moved clock read then, by a garbage collector callback, fails. Not
        freezegun's stop(), which walks every module and imports some, when
        no import is allowed any more."""
        freezegun.api.ignore_lists.clear()
        freezegun.api.freeze_factories.clear()

    # The log formatter keeps time.localtime as a class attribute: a moved
    # one is a plain function, which would become a method there.
    logging.Formatter.converter = staticmethod(time.localtime)

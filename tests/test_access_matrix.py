"""The access matrix of the addon, as one table.

For every model of the addon (listed from `ir.model`, so that a new model
without a row fails) and every role, the table states which operations
(r = read, w = write, c = create, u = unlink) the role may do on a record of
each kind:

* own: about Els (the employee user's own employee record),
* team: about Sofie, a report of the line manager (Els's colleague),
* other: about Pieter, of another team (Customer Service),
* company: about an employee of another company, where none of the roles is
  given access.

The roles are the users of the shared fixtures (`tests/common.py`):
employee, manager, taskforce, hr, paps and physician, `bp_admin` (the addon's
administrator, the fixtures' ``admin``) and `admin` (Odoo's administrator,
``base.user_admin``, which the addon puts in its administrator group, in no
confidential group). Els gave her consent to share notes between the
physician and the PAPS (valid on the tests' day), so the PAPS reads her
medical note, not Sofie's nor Pieter's.

Every record is made by the test for these employees. Collective records
(policies, plans, protocols...) of "own" and "team" belong to the Operations
department, "other" to Customer Service, "company" to the other company. A
cell is checked both ways: every letter must be allowed and every missing
letter refused, by the access rights, the record rules and the code checks
behind `check_access` (read is also checked through a search). Write and
unlink are tried for real (and undone), so that the models' own `write()`
and `unlink()` (workflow guards, records the law keeps) decide them too.
"""

import os

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MODULE, WellbeingCase

KINDS = ("own", "team", "other", "company")
ROLES = (
    "employee",
    "manager",
    "taskforce",
    "hr",
    "paps",
    "physician",
    "bp_admin",
    "admin",
)
OPERATIONS = (("r", "read"), ("w", "write"), ("c", "create"), ("u", "unlink"))

# The field a write is tried on, where the people who may write the record
# change only some of its fields (the owner of an action its progress note,
# the manager a phase's review and the checklist, the physician the
# restrictions, HR a milestone's "done").
PROBE_FIELDS = {
    "hr.prevention.action": "note",
    "hr.reintegration.phase": "review_notes",
    "hr.reintegration.checklist": "note",
    "hr.reintegration.trajectory": "functional_restrictions",
    "hr.absence.milestone": "done",
}

# fmt: off
# model: {role: (own, team, other, company)}
MATRIX = {
    "hr.absence.case": {
        "employee": ('r---', '----', '----', '----'),
        "manager": ('r---', 'r---', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('rwc-', 'rwc-', 'rwc-', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('r---', 'r---', 'r---', '----'),
        "bp_admin": ('rwc-', 'rwc-', 'rwc-', '----'),
        "admin": ('rwc-', 'rwc-', 'rwc-', '----'),
    },
    "hr.absence.contact": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('r-c-', 'r-c-', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('r-c-', 'r-c-', 'r-c-', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('r-c-', 'r-c-', 'r-c-', '----'),
        "admin": ('r-c-', 'r-c-', 'r-c-', '----'),
    },
    "hr.absence.milestone": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('r---', 'r---', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('rw--', 'rw--', 'rw--', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('r---', 'r---', 'r---', '----'),
        "bp_admin": ('rw--', 'rw--', 'rw--', '----'),
        "admin": ('rw--', 'rw--', 'rw--', '----'),
    },
    "hr.absence.pre.return.visit": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('rwc-', 'rwc-', 'rwc-', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('rwc-', 'rwc-', 'rwc-', '----'),
        "bp_admin": ('rwc-', 'rwc-', 'rwc-', '----'),
        "admin": ('rwc-', 'rwc-', 'rwc-', '----'),
    },
    "hr.confidential.note": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('----', '----', '----', '----'),
        "paps": ('r---', '----', '----', '----'),
        "physician": ('rwc-', 'rwc-', 'rwc-', '----'),
        "bp_admin": ('----', '----', '----', '----'),
        "admin": ('----', '----', '----', '----'),
    },
    "hr.confidential.note.revision": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('----', '----', '----', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('r---', 'r---', 'r---', '----'),
        "bp_admin": ('----', '----', '----', '----'),
        "admin": ('----', '----', '----', '----'),
    },
    "hr.intent.declaration": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('rwcu', 'rwcu', 'rwcu', '----'),
        "hr": ('rwcu', 'rwcu', 'rwcu', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('rwcu', 'rwcu', 'rwcu', '----'),
        "admin": ('rwcu', 'rwcu', 'rwcu', '----'),
    },
    "hr.legal.protocol": {
        "employee": ('r---', 'r---', 'r---', '----'),
        "manager": ('r---', 'r---', 'r---', '----'),
        "taskforce": ('r---', 'r---', 'r---', '----'),
        "hr": ('rwcu', 'rwcu', 'rwcu', '----'),
        "paps": ('r---', 'r---', 'r---', '----'),
        "physician": ('r---', 'r---', 'r---', '----'),
        "bp_admin": ('rwcu', 'rwcu', 'rwcu', '----'),
        "admin": ('rwcu', 'rwcu', 'rwcu', '----'),
    },
    "hr.legal.protocol.step": {
        "employee": ('r---', 'r---', 'r---', '----'),
        "manager": ('r---', 'r---', 'r---', '----'),
        "taskforce": ('r---', 'r---', 'r---', '----'),
        "hr": ('rwcu', 'rwcu', 'rwcu', '----'),
        "paps": ('r---', 'r---', 'r---', '----'),
        "physician": ('r---', 'r---', 'r---', '----'),
        "bp_admin": ('rwcu', 'rwcu', 'rwcu', '----'),
        "admin": ('rwcu', 'rwcu', 'rwcu', '----'),
    },
    "hr.prevention.action": {
        "employee": ('rw--', '----', '----', '----'),
        "manager": ('r---', 'r---', '----', '----'),
        "taskforce": ('rwc-', 'rwc-', 'rwc-', '----'),
        "hr": ('rwc-', 'rwc-', 'rwc-', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('rwc-', 'rwc-', 'rwc-', '----'),
        "admin": ('rwc-', 'rwc-', 'rwc-', '----'),
    },
    "hr.prevention.evaluation": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('rwcu', 'rwcu', 'rwcu', '----'),
        "hr": ('rwcu', 'rwcu', 'rwcu', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('rwcu', 'rwcu', 'rwcu', '----'),
        "admin": ('rwcu', 'rwcu', 'rwcu', '----'),
    },
    "hr.prevention.evaluation.line": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('rwcu', 'rwcu', 'rwcu', '----'),
        "hr": ('rwcu', 'rwcu', 'rwcu', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('rwcu', 'rwcu', 'rwcu', '----'),
        "admin": ('rwcu', 'rwcu', 'rwcu', '----'),
    },
    "hr.prevention.policy": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('rwc-', 'rwc-', 'rwc-', '----'),
        "hr": ('rwc-', 'rwc-', 'rwc-', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('rwc-', 'rwc-', 'rwc-', '----'),
        "admin": ('rwc-', 'rwc-', 'rwc-', '----'),
    },
    "hr.prevention.taskforce": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('rwcu', 'rwcu', 'rwcu', '----'),
        "hr": ('rwcu', 'rwcu', 'rwcu', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('rwcu', 'rwcu', 'rwcu', '----'),
        "admin": ('rwcu', 'rwcu', 'rwcu', '----'),
    },
    "hr.prevention.taskforce.member": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('rwcu', 'rwcu', 'rwcu', '----'),
        "hr": ('rwcu', 'rwcu', 'rwcu', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('rwcu', 'rwcu', 'rwcu', '----'),
        "admin": ('rwcu', 'rwcu', 'rwcu', '----'),
    },
    "hr.prevention.year.plan": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('rwc-', 'rwc-', 'rwc-', '----'),
        "hr": ('rwc-', 'rwc-', 'rwc-', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('rwc-', 'rwc-', 'rwc-', '----'),
        "admin": ('rwc-', 'rwc-', 'rwc-', '----'),
    },
    # issue 16: the pulse. Nobody reads the answers; an employee reads the
    # open campaign that asks them and their own participation.
    "hr.pulse.answer": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('----', '----', '----', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('----', '----', '----', '----'),
        "admin": ('----', '----', '----', '----'),
    },
    "hr.pulse.campaign": {
        "employee": ('r---', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('rwc-', 'rwc-', 'rwc-', '----'),
        "hr": ('rwc-', 'rwc-', 'rwc-', '----'),
        "paps": ('rwc-', 'rwc-', 'rwc-', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('rwc-', 'rwc-', 'rwc-', '----'),
        "admin": ('rwc-', 'rwc-', 'rwc-', '----'),
    },
    "hr.pulse.campaign.line": {
        "employee": ('r---', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('r-c-', 'r-c-', 'r-c-', '----'),
        "hr": ('r-c-', 'r-c-', 'r-c-', '----'),
        "paps": ('r-c-', 'r-c-', 'r-c-', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('r-c-', 'r-c-', 'r-c-', '----'),
        "admin": ('r-c-', 'r-c-', 'r-c-', '----'),
    },
    "hr.pulse.participation": {
        "employee": ('r---', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('----', '----', '----', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('----', '----', '----', '----'),
        "admin": ('----', '----', '----', '----'),
    },
    "hr.pulse.question": {
        "employee": ('r---', 'r---', 'r---', '----'),
        "manager": ('r---', 'r---', 'r---', '----'),
        "taskforce": ('rwc-', 'rwc-', 'rwc-', '----'),
        "hr": ('rwc-', 'rwc-', 'rwc-', '----'),
        "paps": ('rwc-', 'rwc-', 'rwc-', '----'),
        "physician": ('r---', 'r---', 'r---', '----'),
        "bp_admin": ('rwc-', 'rwc-', 'rwc-', '----'),
        "admin": ('rwc-', 'rwc-', 'rwc-', '----'),
    },
    "hr.pulse.result": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('r---', 'r---', 'r---', '----'),
        "hr": ('r---', 'r---', 'r---', '----'),
        "paps": ('r---', 'r---', 'r---', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('r---', 'r---', 'r---', '----'),
        "admin": ('r---', 'r---', 'r---', '----'),
    },
    "hr.reintegration.adaptation": {
        "employee": ('r---', '----', '----', '----'),
        "manager": ('r---', 'r---', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('r-c-', 'r-c-', 'r-c-', '----'),
        "paps": ('r---', 'r---', 'r---', '----'),
        "physician": ('r---', 'r---', 'r---', '----'),
        "bp_admin": ('r-c-', 'r-c-', 'r-c-', '----'),
        "admin": ('r-c-', 'r-c-', 'r-c-', '----'),
    },
    "hr.reintegration.agreement": {
        "employee": ('r---', '----', '----', '----'),
        "manager": ('r---', 'r---', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('r-c-', 'r-c-', 'r-c-', '----'),
        "paps": ('r---', 'r---', 'r---', '----'),
        "physician": ('r---', 'r---', 'r---', '----'),
        "bp_admin": ('r-c-', 'r-c-', 'r-c-', '----'),
        "admin": ('r-c-', 'r-c-', 'r-c-', '----'),
    },
    "hr.reintegration.checkin": {
        "employee": ('r-c-', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('----', '----', '----', '----'),
        "paps": ('r---', 'r---', 'r---', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('----', '----', '----', '----'),
        "admin": ('----', '----', '----', '----'),
    },
    "hr.reintegration.checklist": {
        "employee": ('r---', '----', '----', '----'),
        "manager": ('rw--', 'rw--', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('rwcu', 'rwcu', 'rwcu', '----'),
        "paps": ('r---', 'r---', 'r---', '----'),
        "physician": ('r---', 'r---', 'r---', '----'),
        "bp_admin": ('rwcu', 'rwcu', 'rwcu', '----'),
        "admin": ('rwcu', 'rwcu', 'rwcu', '----'),
    },
    "hr.reintegration.phase": {
        "employee": ('r---', '----', '----', '----'),
        "manager": ('rw--', 'rw--', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('rwc-', 'rwc-', 'rwc-', '----'),
        "paps": ('r---', 'r---', 'r---', '----'),
        "physician": ('r---', 'r---', 'r---', '----'),
        "bp_admin": ('rwc-', 'rwc-', 'rwc-', '----'),
        "admin": ('rwc-', 'rwc-', 'rwc-', '----'),
    },
    "hr.reintegration.plan": {
        "employee": ('r---', '----', '----', '----'),
        "manager": ('r---', 'r---', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('r-c-', 'r-c-', 'r-c-', '----'),
        "paps": ('r---', 'r---', 'r---', '----'),
        "physician": ('r---', 'r---', 'r---', '----'),
        "bp_admin": ('r-c-', 'r-c-', 'r-c-', '----'),
        "admin": ('r-c-', 'r-c-', 'r-c-', '----'),
    },
    "hr.reintegration.paper.reply.wizard": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('----', '----', '----', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('----', '----', '----', '----'),
        "admin": ('----', '----', '----', '----'),
    },
    "hr.reintegration.refuse.wizard": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('----', '----', '----', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('----', '----', '----', '----'),
        "admin": ('----', '----', '----', '----'),
    },
    "hr.reintegration.schedule.wizard": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('----', '----', '----', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('----', '----', '----', '----'),
        "admin": ('----', '----', '----', '----'),
    },
    "hr.reintegration.session": {
        "employee": ('r---', '----', '----', '----'),
        "manager": ('r---', 'r---', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('rwcu', 'rwcu', 'rwcu', '----'),
        "paps": ('r---', 'r---', 'r---', '----'),
        "physician": ('r---', 'r---', 'r---', '----'),
        "bp_admin": ('rwcu', 'rwcu', 'rwcu', '----'),
        "admin": ('rwcu', 'rwcu', 'rwcu', '----'),
    },
    "hr.reintegration.trajectory": {
        "employee": ('r---', '----', '----', '----'),
        "manager": ('r---', 'r---', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('r-c-', 'r-c-', 'r-c-', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('rw--', 'rw--', 'rw--', '----'),
        "bp_admin": ('r-cu', 'r-cu', 'r-cu', '----'),
        "admin": ('r-cu', 'r-cu', 'r-cu', '----'),
    },
    "hr.risk.analysis": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('rwcu', 'rwcu', 'rwcu', '----'),
        "hr": ('rwcu', 'rwcu', 'rwcu', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('rwcu', 'rwcu', 'rwcu', '----'),
        "admin": ('rwcu', 'rwcu', 'rwcu', '----'),
    },
    "hr.risk.finding": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('rwcu', 'rwcu', 'rwcu', '----'),
        "hr": ('rwcu', 'rwcu', 'rwcu', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('rwcu', 'rwcu', 'rwcu', '----'),
        "admin": ('rwcu', 'rwcu', 'rwcu', '----'),
    },
    "hr.support.session": {
        "employee": ('r---', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('----', '----', '----', '----'),
        "paps": ('rwcu', 'rwcu', 'rwcu', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('----', '----', '----', '----'),
        "admin": ('----', '----', '----', '----'),
    },
    "hr.support.session.public": {
        "employee": ('r---', '----', '----', '----'),
        "manager": ('r---', 'r---', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('----', '----', '----', '----'),
        "paps": ('r---', 'r---', 'r---', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('----', '----', '----', '----'),
        "admin": ('----', '----', '----', '----'),
    },
    "hr.support.trajectory": {
        "employee": ('r---', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('----', '----', '----', '----'),
        "paps": ('rwc-', 'rwc-', 'rwc-', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('----', '----', '----', '----'),
        "admin": ('----', '----', '----', '----'),
    },
    "hr.support.trajectory.public": {
        "employee": ('r---', '----', '----', '----'),
        "manager": ('r---', 'r---', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('----', '----', '----', '----'),
        "paps": ('r---', 'r---', 'r---', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('----', '----', '----', '----'),
        "admin": ('----', '----', '----', '----'),
    },
    "hr.wellbeing.cron.cursor": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('----', '----', '----', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('----', '----', '----', '----'),
        "admin": ('r---', 'r---', 'r---', 'r---'),
    },
    "hr.wellbeing.access.log": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('----', '----', '----', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('r---', 'r---', 'r---', '----'),
        "bp_admin": ('r---', 'r---', 'r---', '----'),
        "admin": ('r---', 'r---', 'r---', '----'),
    },
    "hr.wellbeing.consent": {
        "employee": ('r-c-', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('----', '----', '----', '----'),
        "paps": ('r---', 'r---', 'r---', '----'),
        "physician": ('r---', 'r---', 'r---', '----'),
        "bp_admin": ('----', '----', '----', '----'),
        "admin": ('----', '----', '----', '----'),
    },
    "hr.preventive.reintegration": {
        "employee": ('rwc-', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('rwc-', 'rwc-', 'rwc-', '----'),
        "paps": ('r---', 'r---', 'r---', '----'),
        "physician": ('r---', 'r---', 'r---', '----'),
        "bp_admin": ('rwcu', 'rwcu', 'rwcu', '----'),
        "admin": ('rwcu', 'rwcu', 'rwcu', '----'),
    },
    "hr.reintegration.refused.invitation": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('r---', 'r---', 'r---', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('r---', 'r---', 'r---', '----'),
        "bp_admin": ('r---', 'r---', 'r---', '----'),
        "admin": ('r---', 'r---', 'r---', '----'),
    },
    "hr.reintegration.trajectory.event.wizard": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('----', '----', '----', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('----', '----', '----', '----'),
        "admin": ('----', '----', '----', '----'),
    },
    "hr.wellbeing.dashboard.tile": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('r---', 'r---', 'r---', 'r---'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('r---', 'r---', 'r---', 'r---'),
        "admin": ('r---', 'r---', 'r---', 'r---'),
    },
    "hr.wellbeing.absence.figure": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('----', '----', '----', '----'),
        "hr": ('r---', 'r---', 'r---', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('r---', 'r---', 'r---', '----'),
        "admin": ('r---', 'r---', 'r---', '----'),
    },
    "hr.wellbeing.absence.figure.public": {
        "employee": ('----', '----', '----', '----'),
        "manager": ('----', '----', '----', '----'),
        "taskforce": ('r---', 'r---', 'r---', '----'),
        "hr": ('r---', 'r---', 'r---', '----'),
        "paps": ('----', '----', '----', '----'),
        "physician": ('----', '----', '----', '----'),
        "bp_admin": ('r---', 'r---', 'r---', '----'),
        "admin": ('r---', 'r---', 'r---', '----'),
    },
}
# fmt: on


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02")
class TestAccessMatrix(WellbeingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # The fixtures' users; the fixtures' admin is the addon's
        # administrator (bp_admin), "admin" is Odoo's administrator.
        cls.actors = {
            role: cls.users[role]
            for role in ("employee", "manager", "taskforce", "hr", "paps", "physician")
        }
        cls.actors["bp_admin"] = cls.users["admin"]
        cls.actors["admin"] = cls.odoo_admin
        # A second company of the test's own: no role is given access to it.
        cls.other_company = cls.env["res.company"].create(
            {"name": "Other BV", "country_id": cls.env.ref("base.be").id}
        )
        other_dept = cls.env["hr.department"].create(
            {"name": "Elsewhere", "company_id": cls.other_company.id}
        )
        # Els allows the physician and the PAPS to share their notes.
        cls.env["hr.wellbeing.consent"].sudo().create(
            {
                "employee_id": cls.els.id,
                "company_id": cls.company.id,
                "scope": "share_services",
                "recipient_role": "paps",
                "purpose": "Recovery and return",
                "date_expiry": "2027-05-02",
            }
        )._record_given_on_paper("2026-09-28")
        subjects = {
            "own": (cls.els, cls.company),
            "team": (cls.sofie, cls.company),
            "other": (cls.pieter, cls.company),
            "company": (
                cls.env["hr.employee"].create(
                    {
                        "name": "Ola Other",
                        "company_id": cls.other_company.id,
                        "department_id": other_dept.id,
                    }
                ),
                cls.other_company,
            ),
        }
        cls.records = {}
        for kind, (employee, company) in subjects.items():
            for model, record in cls._chain(employee, company).items():
                cls.records.setdefault(model, {})[kind] = record

    @classmethod
    def _chain(cls, employee, company):
        """One record of every model about `employee`, made by the system."""
        env = cls.env(
            su=True,
            context=dict(cls.env.context, allowed_company_ids=[company.id]),
        )
        department = employee.department_id
        year = 2031 + len(cls.records.get("hr.prevention.policy", {}))
        paps = cls.actors["paps"]
        r = {}
        r["hr.prevention.policy"] = policy = env["hr.prevention.policy"].create(
            {
                "name": f"Policy {employee.name}",
                "company_id": company.id,
                "date_start": f"{year}-01-01",
                "date_end": f"{year}-12-31",
                "active": True,
            }
        )
        r["hr.intent.declaration"] = env["hr.intent.declaration"].create(
            {"name": f"Declaration {employee.name}", "company_id": company.id}
        )
        r["hr.prevention.taskforce"] = taskforce = env[
            "hr.prevention.taskforce"
        ].create({"name": f"Taskforce {employee.name}", "company_id": company.id})
        r["hr.prevention.taskforce.member"] = env[
            "hr.prevention.taskforce.member"
        ].create(
            {"taskforce_id": taskforce.id, "role": "lead", "employee_id": employee.id}
        )
        r["hr.risk.analysis"] = analysis = env["hr.risk.analysis"].create(
            {
                "name": f"Analysis {employee.name}",
                "policy_id": policy.id,
                "company_id": company.id,
                "date": f"{year}-02-01",
                "department_ids": [Command.set(department.ids)],
            }
        )
        r["hr.risk.finding"] = env["hr.risk.finding"].create(
            {
                "name": "Peaks",
                "analysis_id": analysis.id,
                "domain": "work_organisation",
                "kind": "bottleneck",
                "priority": "high",
            }
        )
        r["hr.prevention.year.plan"] = year_plan = env[
            "hr.prevention.year.plan"
        ].create({"year": year, "policy_id": policy.id, "company_id": company.id})
        r["hr.prevention.action"] = action = env["hr.prevention.action"].create(
            {
                "name": f"Action {employee.name}",
                "domain": "work_organisation",
                "year_plan_id": year_plan.id,
                "user_id": employee.user_id.id,
                "department_id": department.id,
                "date_start": f"{year}-03-01",
                "date_deadline": f"{year}-06-30",
            }
        )
        r["hr.prevention.evaluation"] = evaluation = env[
            "hr.prevention.evaluation"
        ].create({"year_plan_id": year_plan.id, "date": f"{year}-12-01"})
        r["hr.prevention.evaluation.line"] = env[
            "hr.prevention.evaluation.line"
        ].create({"evaluation_id": evaluation.id, "action_id": action.id})
        r["hr.legal.protocol"] = protocol = env["hr.legal.protocol"].create(
            {
                "name": f"Protocol {employee.name}",
                "rules_version": "2026",
                "date_from": f"{year}-01-01",
                "company_id": company.id,
            }
        )
        r["hr.legal.protocol.step"] = env["hr.legal.protocol.step"].create(
            {
                "protocol_id": protocol.id,
                "code": "x",
                "name": "Step",
                "anchor": "case_start",
                "offset": 10,
                "unit": "calendar_days",
                "responsible_role": "hr_officer",
            }
        )
        # The employee's open case, its trajectory and a running plan.
        r["hr.absence.case"] = case = env["hr.absence.case"].create(
            {"employee_id": employee.id, "date_start": "2026-08-01"}
        )
        r["hr.absence.contact"] = env["hr.absence.contact"].create(
            {"case_id": case.id, "date": case.date_start, "user_id": paps.id}
        )
        r["hr.reintegration.trajectory"] = rit = env[
            "hr.reintegration.trajectory"
        ].create(
            {"case_id": case.id, "request_date": "2026-10-20", "requester": "employee"}
        )
        r["hr.absence.milestone"] = rit.milestone_ids[:1] or case.milestone_ids[:1]
        r["hr.absence.pre.return.visit"] = env["hr.absence.pre.return.visit"].create(
            {
                "case_id": case.id,
                "employee_id": employee.id,
                "request_date": "2026-08-10",
                "requested_by": "worker",
            }
        )
        plan = env["hr.reintegration.plan"].create(
            {
                "employee_id": employee.id,
                "case_id": case.id,
                "date_start": "2027-03-01",
                "coach_user_id": paps.id,
            }
        )
        plan._generate_schedules(40, 20, 2)
        plan.write(
            {
                "adaptation_ids": [Command.create({"description": "Quiet desk"})],
                "agreement_ids": [
                    Command.create(
                        {"critical_signal": "a", "what_to_do": "b", "contact": "c"}
                    )
                ],
                "session_ids": [Command.create({"date": plan.date_start})],
            }
        )
        # Sofie, Pieter and Ola have no user to accept their plans: the
        # system puts them in the running state.
        with plan._workflow_system():
            plan.write({"state": "running"})
        r["hr.reintegration.plan"] = plan
        r["hr.reintegration.phase"] = plan.phase_ids[:1]
        r["hr.reintegration.adaptation"] = plan.adaptation_ids[:1]
        r["hr.reintegration.agreement"] = plan.agreement_ids[:1]
        r["hr.reintegration.session"] = plan.session_ids[:1]
        r["hr.reintegration.checklist"] = plan.checklist_ids[:1] or env[
            "hr.reintegration.checklist"
        ].create({"plan_id": plan.id, "item": "manager_day1"})
        r["hr.reintegration.checkin"] = env["hr.reintegration.checkin"].create(
            {"plan_id": plan.id, "week_start": plan.date_start}
        )
        r["hr.reintegration.schedule.wizard"] = env[
            "hr.reintegration.schedule.wizard"
        ].create({"plan_id": plan.id, "date_start": plan.date_start})
        r["hr.reintegration.refuse.wizard"] = env[
            "hr.reintegration.refuse.wizard"
        ].create({"plan_id": plan.id, "reason": "No"})
        r["hr.reintegration.trajectory.event.wizard"] = env[
            "hr.reintegration.trajectory.event.wizard"
        ].create({"trajectory_id": rit.id, "event": "invitation_refused"})
        refused = env["hr.reintegration.trajectory"].create(
            {"case_id": case.id, "request_date": "2026-10-21", "requester": "employee"}
        )
        refused.action_register_refused_invitation("2026-10-26")
        r["hr.reintegration.refused.invitation"] = refused.refused_invitation_ids
        r["hr.preventive.reintegration"] = env["hr.preventive.reintegration"].create(
            {
                "employee_id": employee.id,
                "company_id": company.id,
                "request_date": "2026-10-20",
                "requested_adaptations": "Fewer evening shifts",
            }
        )
        r["hr.reintegration.paper.reply.wizard"] = env[
            "hr.reintegration.paper.reply.wizard"
        ].create({"plan_id": plan.id, "reply": "accepted", "scan": "U0NBTg=="})
        r["hr.wellbeing.consent"] = env["hr.wellbeing.consent"].create(
            {
                "employee_id": employee.id,
                "company_id": company.id,
                "scope": "team_return",
                "purpose": "Team",
            }
        )
        r["hr.wellbeing.consent"]._record_given_on_paper("2026-10-01")
        notes = env["hr.confidential.note"]
        with notes._workflow_system():
            r["hr.confidential.note"] = note = notes.create(
                {
                    "employee_id": employee.id,
                    "company_id": company.id,
                    "service": "medical",
                    "subject": "Note",
                    "body": "Body",
                    "author_id": cls.actors["physician"].id,
                }
            )
        note.write({"body": "Body, corrected"})
        r["hr.confidential.note.revision"] = note.revision_ids[:1]
        r["hr.support.trajectory"] = trajectory = env["hr.support.trajectory"].create(
            {
                "kind": "coaching",
                "employee_id": employee.id,
                "company_id": company.id,
                "advisor_id": paps.id,
                "session_ids": [Command.create({"date": "2026-11-03 09:00:00"})],
            }
        )
        trajectory.action_start()
        r["hr.support.session"] = trajectory.session_ids
        r.update(cls._pulse_chain(env, employee, company))
        env.flush_all()
        r["hr.support.trajectory.public"] = env["hr.support.trajectory.public"].browse(
            trajectory.id
        )
        r["hr.support.session.public"] = env["hr.support.session.public"].browse(
            trajectory.session_ids.id
        )
        r["hr.wellbeing.access.log"] = env["hr.wellbeing.access.log"]._system_create(
            [
                {
                    "user_id": cls.actors["physician"].id,
                    "operation": "read",
                    "service": "medical",
                    "res_model": note._name,
                    "res_id": note.id,
                    "company_id": company.id,
                }
            ]
        )
        # A cron job's bookmark: server code only, read by Odoo's admin.
        mark = len(cls.records.get("hr.wellbeing.cron.cursor", {}))
        r["hr.wellbeing.cron.cursor"] = env["hr.wellbeing.cron.cursor"].create(
            {"key": f"matrix_{mark}", "last_id": 1}
        )
        # The first screens' figures (global, per role) and the absence
        # figures of the employee's department (HR's, the committee's).
        kind = len(cls.records.get("hr.wellbeing.dashboard.tile", {}))
        r["hr.wellbeing.dashboard.tile"] = env["hr.wellbeing.dashboard.tile"].create(
            {"name": "Matrix", "code": f"matrix_{kind}", "role": "hr"}
        )
        figure = {
            "company_id": company.id,
            "month": "2026-10-01",
            "department_id": department.id,
            "headcount": 5,
        }
        r["hr.wellbeing.absence.figure"] = env["hr.wellbeing.absence.figure"].create(
            figure
        )
        r["hr.wellbeing.absence.figure.public"] = env[
            "hr.wellbeing.absence.figure.public"
        ].create(figure)
        return r

    @classmethod
    def _pulse_chain(cls, env, employee, company):
        """A pulse campaign of the employee's company that asks the employee,
        opened and closed by the system, with its line, participation,
        answer and result (issue 16)."""
        question = env["hr.pulse.question"].create(
            {
                "name": f"Energy {employee.name}",
                "domain": "work_content",
                "polarity": "giver",
                "company_id": company.id,
            }
        )
        campaign = env["hr.pulse.campaign"].create(
            {
                "name": f"Pulse {employee.name}",
                "company_id": company.id,
                "date_start": "2026-11-01",
                "date_end": "2026-11-30",
                "line_ids": [Command.create({"question_id": question.id})],
            }
        )
        with campaign._workflow_system():
            campaign.write({"state": "open"})
        participation = env["hr.pulse.participation"].create(
            {"campaign_id": campaign.id, "employee_id": employee.id}
        )
        answer = env["hr.pulse.answer"].create(
            {"campaign_id": campaign.id, "line_id": campaign.line_ids.id, "value": 4}
        )
        result = env["hr.pulse.result"].create(
            {
                "campaign_id": campaign.id,
                "level": "domain",
                "domain": "work_content",
                "answer_count": 5,
                "mean": 4.0,
                "score": 75.0,
            }
        )
        return {
            "hr.pulse.question": question,
            "hr.pulse.campaign": campaign,
            "hr.pulse.campaign.line": campaign.line_ids,
            "hr.pulse.participation": participation,
            "hr.pulse.answer": answer,
            "hr.pulse.result": result,
        }

    def _observe(self, user, record):
        record = record.with_user(user).with_context(
            allowed_company_ids=user.company_ids.ids
        )
        record.invalidate_recordset()
        allowed = ""
        for letter, operation in OPERATIONS:
            ok = record.has_access(operation)
            if operation == "read":
                try:
                    found = record.with_context(active_test=False).search(
                        [("id", "=", record.id)]
                    )
                except AccessError:
                    found = record.browse()
                self.assertEqual(
                    bool(found),
                    ok,
                    f"{record._name} {user.login}: search and read disagree",
                )
            elif operation in ("write", "unlink"):
                # The model's own write() and unlink() have the last word
                # (workflow guards, records that are kept): try them.
                ok = self._try(record, operation)
            allowed += letter if ok else "-"
        return allowed

    def _probe_values(self, record):
        """Values for a write that changes nothing: the record's own value of
        the field its users edit, else of its first plain field (a write of a
        workflow field would be a move)."""
        model = record.env[record._name]
        if record._name in PROBE_FIELDS:
            name = PROBE_FIELDS[record._name]
            return {
                name: record._fields[name].convert_to_write(record.sudo()[name], record)
            }
        guarded = set(getattr(model, "_workflow", {})) | set(
            getattr(model, "_workflow_system_fields", ())
        )
        for name in ("name", "subject", "description", "note", "notes", "date"):
            field = record._fields.get(name)
            if field and field.store and not field.compute and name not in guarded:
                value = record.sudo()[name]
                return {name: field.convert_to_write(value, record)}
        for name, field in record._fields.items():
            if (
                field.store
                and not field.compute
                and not field.related
                and not field.automatic
                and field.type in ("char", "text", "html", "integer", "date")
                and name not in guarded
            ):
                return {name: field.convert_to_write(record.sudo()[name], record)}
        return {}

    def _try(self, record, operation):
        vals = self._probe_values(record)

        class Undo(Exception):
            pass

        try:
            with self.env.cr.savepoint():
                if operation == "write":
                    record.write(vals)
                else:
                    record.unlink()
                raise Undo
        except Undo:
            return True
        except (AccessError, UserError, ValidationError, IntegrityError):
            # IntegrityError: the database refuses (a record that another
            # one requires); Odoo answers a client with a clean message.
            return False
        finally:
            self.env.invalidate_all()

    def _models(self):
        # The models the addon declares (ir.model's `modules` is not stored:
        # go through their xml ids).
        xmlids = self.env["ir.model.data"].search(
            [("module", "=", MODULE), ("model", "=", "ir.model")]
        )
        models = self.env["ir.model"].browse(xmlids.mapped("res_id"))
        return sorted(
            m.model
            for m in models
            if m.model in self.env
            and self.env[m.model]._original_module == MODULE
            # An abstract model (a mixin) has no record to read or write.
            and not self.env[m.model]._abstract
        )

    def test_every_model_has_a_row(self):
        self.assertEqual(sorted(MATRIX), self._models())

    def test_access_matrix(self):
        for model in self._models():
            for kind in KINDS:
                with self.subTest(model=model, kind=kind):
                    self.assertEqual(len(self.records[model][kind].exists()), 1)
        observed = {}
        for model in self._models():
            observed[model] = {}
            for role in ROLES:
                cells = tuple(
                    self._observe(self.actors[role], self.records[model][kind])
                    for kind in KINDS
                )
                observed[model][role] = cells
        if os.environ.get("HR_BURNOUT_MATRIX_DUMP"):
            with open(os.environ["HR_BURNOUT_MATRIX_DUMP"], "w") as dump:
                for model, rows in observed.items():
                    dump.write(f'    "{model}": {{\n')
                    for role, cells in rows.items():
                        dump.write(f'        "{role}": {cells!r},\n')
                    dump.write("    },\n")
        for model, rows in MATRIX.items():
            for role, cells in rows.items():
                for kind, want, got in zip(
                    KINDS, cells, observed[model][role], strict=True
                ):
                    with self.subTest(model=model, role=role, kind=kind):
                        self.assertEqual(got, want)

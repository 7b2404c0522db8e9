"""Writes to the coordination data. Views, the admin, the sync API, imports and commands call these."""

from .access_logs import access_log_record
from .areas import area_create, area_update
from .certifications import certification_issue, certification_revoke, new_certification_code
from .households import (
    household_create,
    household_erase,
    household_export,
    household_update,
    learner_add,
)
from .visits import visit_record

__all__ = [
    "access_log_record",
    "area_create",
    "area_update",
    "certification_issue",
    "certification_revoke",
    "household_create",
    "household_erase",
    "household_export",
    "household_update",
    "learner_add",
    "new_certification_code",
    "visit_record",
]

"""Writes to the coordination data. Views, the sync API, imports and commands call these."""

from .access_logs import access_log_record
from .certifications import certification_issue, certification_revoke, new_certification_code
from .households import household_erase, household_export, household_register, learner_add
from .visits import visit_record

__all__ = [
    "access_log_record",
    "certification_issue",
    "certification_revoke",
    "household_erase",
    "household_export",
    "household_register",
    "learner_add",
    "new_certification_code",
    "visit_record",
]

"""User-facing error and status messages, defined once (views, services and tests share them)."""

from django.utils.translation import gettext_lazy as _

CONSENT_REQUIRED = _(
    "Record the household's consent (who agreed, and to what) before saving personal data."
)
AREA_OUTSIDE_TEAM = _("Choose an area your team serves.")
AREA_ROOT_FORBIDDEN = _("Only an administrator may add a top-level area.")
AREA_OUTSIDE_SCOPE = _("You may not add areas here.")
TEAM_NOT_YOURS = _("You can only record for a team you belong to.")
HOUSEHOLD_ERASED = _("This household's personal data was erased; nothing more can be added.")
VISIT_IN_FUTURE = _("The visit cannot be in the future.")
DURATION_OUT_OF_RANGE = _("The duration must be between 1 and 480 minutes.")
FOLLOW_UP_REQUIRED = _("Choose a follow-up date when the visit needs a follow-up.")
FOLLOW_UP_BEFORE_VISIT = _("The follow-up date cannot be before the visit.")
SATISFACTION_OUT_OF_RANGE = _("Satisfaction must be between 1 and 5.")
VISIT_ID_REUSED = _("This visit was already recorded for another household.")
SKILL_WITHOUT_CHECKLIST = _("This skill has no checklist yet, so it cannot be certified.")
CHECKLIST_INCOMPLETE = _("Tick every item of the checklist: the learner must show all of them.")
ALREADY_CERTIFIED = _("This learner already holds a valid certificate for this skill.")
LEARNER_ERASED = _("This learner's data was erased.")
REVOKE_REASON_REQUIRED = _("Give a reason for revoking the certificate.")
ALREADY_REVOKED = _("This certificate was already revoked.")
RATE_LIMITED = _("Too many checks from your connection. Please wait a minute and try again.")

VISIT_SAVED = _("Visit saved.")
HOUSEHOLD_SAVED = _("Household registered.")
LEARNER_SAVED = _("Learner added.")
CERTIFICATE_ISSUED = _("Certificate issued.")
CERTIFICATE_REVOKED = _("Certificate revoked.")
HOUSEHOLD_ERASED_DONE = _("Personal data erased. Visits stay for the counts.")

FILTER_ALL = _("All")
FILTER_FOLLOW_UP_DUE = _("Follow-up due")
FILTER_NEVER_VISITED = _("Never visited")
FILTER_VULNERABLE = _("Vulnerable")
VISIT_ALREADY_SAVED = _("This visit was already saved.")
ERASE_LEADERS_ONLY = _("Only a leader of the household's team can erase its personal data.")
# Households live in the smallest area: where an area has villages, one of them is chosen.
AREA_NEEDS_VILLAGE = _("Choose the household's village in %(area)s, not %(area)s itself.")

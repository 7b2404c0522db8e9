from .areas import Area, Official, Target
from .households import Household, Learner
from .imports import ImportJob
from .logs import AccessLog, CoordinationLogEntry
from .sync import HouseholdDeparture, SyncDevice, SyncItem
from .teams import Membership, MentorInvitation, Team, Volunteer
from .visits import Certification, Service, Visit

__all__ = [
    "AccessLog",
    "Area",
    "Certification",
    "CoordinationLogEntry",
    "Household",
    "HouseholdDeparture",
    "ImportJob",
    "Learner",
    "Membership",
    "MentorInvitation",
    "Official",
    "Service",
    "SyncDevice",
    "SyncItem",
    "Target",
    "Team",
    "Visit",
    "Volunteer",
]

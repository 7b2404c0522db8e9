from .areas import Area, Official, Target
from .households import Household, Learner
from .imports import ImportJob
from .logs import AccessLog, CoordinationLogEntry
from .teams import Membership, MentorInvitation, Team, Volunteer
from .visits import Certification, Service, Visit

__all__ = [
    "AccessLog",
    "Area",
    "Certification",
    "CoordinationLogEntry",
    "Household",
    "ImportJob",
    "Learner",
    "Membership",
    "MentorInvitation",
    "Official",
    "Service",
    "Target",
    "Team",
    "Visit",
    "Volunteer",
]

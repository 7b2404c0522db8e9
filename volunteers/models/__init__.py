from .areas import Area, Official, Target
from .households import Household, Learner
from .logs import AccessLog
from .teams import Membership, Team, Volunteer
from .visits import Certification, Service, Visit

__all__ = [
    "AccessLog",
    "Area",
    "Certification",
    "Household",
    "Learner",
    "Membership",
    "Official",
    "Service",
    "Target",
    "Team",
    "Visit",
    "Volunteer",
]

from reports.rollups.models import (
    HouseholdDay,
    HouseholdStock,
    LearnerSkillDay,
    RollupDirty,
    RollupState,
    SkillHouseholdDay,
    VisitDay,
    VolunteerDay,
)

from .campaigns import Campaign, CampaignPhase
from .requests import ReportRequest, ReportSubscription

__all__ = [
    "Campaign",
    "CampaignPhase",
    "HouseholdDay",
    "HouseholdStock",
    "LearnerSkillDay",
    "ReportRequest",
    "ReportSubscription",
    "RollupDirty",
    "RollupState",
    "SkillHouseholdDay",
    "VisitDay",
    "VolunteerDay",
]

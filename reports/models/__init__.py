from reports.rollups.models import (
    AreaMonth,
    AreaSkillMonth,
    AreaStock,
    AreaVolunteerCount,
    AreaVolunteerMonth,
    HouseholdDay,
    HouseholdStock,
    LearnerSkillDay,
    RollupDirty,
    RollupState,
    SkillHouseholdDay,
    TeamMonth,
    VisitDay,
    VolunteerDay,
)

from .campaigns import Campaign, CampaignPhase
from .requests import ReportRequest, ReportSubscription

__all__ = [
    "AreaMonth",
    "AreaSkillMonth",
    "AreaStock",
    "AreaVolunteerCount",
    "AreaVolunteerMonth",
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
    "TeamMonth",
    "VisitDay",
    "VolunteerDay",
]

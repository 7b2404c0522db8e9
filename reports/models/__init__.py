from .campaigns import Campaign, CampaignPhase
from .requests import ReportRequest, ReportSubscription

__all__ = ["Campaign", "CampaignPhase", "ReportRequest", "ReportSubscription"]

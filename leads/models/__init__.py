"""Every model of the leads app, one module per family; `from leads.models import X`
is the one place to get any of them."""

from leads.models.agreement import AgreementApproval, Assignment, HandoffAgreement, RejectionReason
from leads.models.campaigns import (
    CalendarFeed,
    Campaign,
    CampaignChannel,
    Spend,
    SpendCategory,
)
from leads.models.intake import ApiToken, IdempotencyRecord, ImportJob
from leads.models.leads import (
    BackgroundJob,
    Country,
    FitCount,
    Industry,
    Lead,
    LeadFit,
    Source,
    Stage,
)
from leads.models.lifecycle import Channel, LeadEvent, SlaClock
from leads.models.profiles import IdealCustomerProfile, Segment

__all__ = [
    "AgreementApproval",
    "ApiToken",
    "Assignment",
    "BackgroundJob",
    "CalendarFeed",
    "Campaign",
    "CampaignChannel",
    "Channel",
    "Country",
    "FitCount",
    "HandoffAgreement",
    "IdealCustomerProfile",
    "IdempotencyRecord",
    "ImportJob",
    "Industry",
    "Lead",
    "LeadEvent",
    "LeadFit",
    "RejectionReason",
    "Segment",
    "SlaClock",
    "Source",
    "Spend",
    "SpendCategory",
    "Stage",
]

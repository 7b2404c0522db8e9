"""The sync API's request and answer shapes (docs/sync-api.md); published in the OpenAPI schema.

Requests forbid unknown keys, take ids within 1..2^63-1 (what a bigint holds),
dates within the years core.parsing accepts, and text without NUL characters
(PostgreSQL refuses them) and within the model's lengths. Anything else is a
422 for the whole request. Rules about values (durations, follow-ups, consent,
scopes) are the services': an item breaking them is answered ``rejected``.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import (
    AfterValidator,
    AwareDatetime,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    create_model,
)

from core.parsing import MAX_ID, MAX_YEAR, MIN_YEAR, year_in_range
from volunteers.vocabulary import LEARNER_VULNERABILITY_FIELDS, VULNERABILITY_FIELDS

MAX_LIST = 50


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed")
    return value


def _year(value: Any) -> Any:
    if not year_in_range(value):
        raise ValueError(f"the year must be between {MIN_YEAR} and {MAX_YEAR}")
    return value


Id = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]
Day = Annotated[datetime.date, AfterValidator(_year)]
Moment = Annotated[AwareDatetime, AfterValidator(_year)]
Code = Annotated[str, StringConstraints(max_length=40), AfterValidator(_no_nul)]


def Text(max_length: int) -> Any:
    return Annotated[str, StringConstraints(max_length=max_length), AfterValidator(_no_nul)]


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class VisitData(Strict):
    household_id: Id | None = None
    household_client_id: uuid.UUID | None = None
    visited_at: Moment
    duration_minutes: StrictInt | None = Field(default=None, ge=0, le=100_000)
    skill_ids: list[Id] = Field(default_factory=list, max_length=MAX_LIST)
    service_codes: list[Code] = Field(default_factory=list, max_length=MAX_LIST)
    outcome: Code = "done"
    follow_up_on: Day | None = None
    satisfaction: StrictInt | None = Field(default=None, ge=0, le=100)
    team_id: Id | None = None
    volunteer_ids: list[Id] = Field(default_factory=list, max_length=MAX_LIST)
    notes: Text(4000) = ""  # type: ignore[valid-type]


def _flags(fields: tuple[str, ...]) -> dict[str, Any]:
    """One boolean per vulnerability group of the registry (volunteers.vocabulary)."""
    return {name: (StrictBool, False) for name in fields}


HouseholdData: Any = create_model(
    "HouseholdData",
    __base__=Strict,
    team_id=(Id, ...),
    area_id=(Id, ...),
    head_name=(Text(160), ""),
    address=(Text(255), ""),
    phone=(Text(32), ""),
    size=(Annotated[StrictInt, Field(ge=0, le=10_000)], 1),
    consent=(StrictBool, False),
    consent_given_by=(Text(160), ""),
    consent_scope=(Text(4000), ""),
    **_flags(VULNERABILITY_FIELDS),
)

LearnerData: Any = create_model(
    "LearnerData",
    __base__=Strict,
    household_id=(Id | None, None),
    household_client_id=(uuid.UUID | None, None),
    name=(Text(160), ...),
    birth_year=(Annotated[StrictInt, Field(ge=MIN_YEAR, le=2100)] | None, None),
    **_flags(LEARNER_VULNERABILITY_FIELDS),
)


class CertificationData(Strict):
    learner_id: Id | None = None
    learner_client_id: uuid.UUID | None = None
    skill_id: Id
    certified_on: Day | None = None
    checklist: list[Text(500)] = Field(default_factory=list, max_length=MAX_LIST)  # type: ignore[valid-type]


class _Item(Strict):
    client_id: uuid.UUID
    made_at: Moment


class VisitItem(_Item):
    kind: Literal["visit"]
    data: VisitData


class HouseholdItem(_Item):
    kind: Literal["household"]
    data: HouseholdData


class LearnerItem(_Item):
    kind: Literal["learner"]
    data: LearnerData


class CertificationItem(_Item):
    kind: Literal["certification"]
    data: CertificationData


Item = Annotated[
    VisitItem | HouseholdItem | LearnerItem | CertificationItem, Field(discriminator="kind")
]


class BatchIn(Strict):
    device_id: uuid.UUID
    # No max_length here: too many items is a 413 with the limit, not a 422.
    items: list[Item]


# --- answers (documentation of what the endpoints return) ----------------------


class ObjectOut(Schema):
    id: int
    code: str = ""
    url: str = ""


class ResultOut(Schema):
    client_id: str
    status: Literal["created", "duplicate", "conflict", "rejected"]
    code: str | None = None
    message: str | None = None
    errors: dict[str, list[str]] | None = None
    object: ObjectOut | None = None


class BatchOut(Schema):
    results: list[ResultOut]


class ErrorOut(Schema):
    detail: str
    code: str
    limit: int | None = None
    errors: list[dict[str, Any]] | None = None


class MeOut(Schema):
    id: int
    name: str
    is_leader_of: list[int]


class TeamOut(Schema):
    id: int
    name: str
    area_id: int
    contact_url: str


class AreaOut(Schema):
    id: int
    name: str
    parent_id: int | None
    level: str
    has_children: bool


class MemberOut(Schema):
    id: int
    team_id: int
    name: str
    role: str


class SkillOut(Schema):
    id: int
    code: str
    name: str
    checklist: list[str]


class NamedCodeOut(Schema):
    code: str
    name: str


class FlagOut(Schema):
    field: str
    name: str
    on_learner: bool


class LearnerOut(Schema):
    id: int
    name: str
    birth_year: int | None
    certified_skill_ids: list[int]


class LastVisitOut(Schema):
    visited_at: datetime.datetime
    skill_ids: list[int]
    service_codes: list[str]
    outcome: str


class HouseholdOut(Schema):
    id: int
    code: str
    team_id: int
    area_id: int
    head_name: str
    address: str
    phone: str
    size: int
    search: str
    masked: bool
    updated_at: datetime.datetime
    learners: list[LearnerOut]
    last_visit: LastVisitOut | None
    follow_up_on: datetime.date | None


class RejectedOut(Schema):
    client_id: str
    kind: str
    code: str
    message: str


class LimitsOut(Schema):
    max_items: int
    max_body_bytes: int
    max_limit: int


class ChangesOut(Schema):
    cursor: str
    more: bool
    server_time: datetime.datetime
    limits: LimitsOut
    me: MeOut
    teams: list[TeamOut]
    areas: list[AreaOut]
    members: list[MemberOut]
    skills: list[SkillOut]
    services: list[NamedCodeOut]
    outcomes: list[NamedCodeOut]
    vulnerability_flags: list[FlagOut]
    households: list[HouseholdOut]
    removed_household_ids: list[int]
    my_rejected: list[RejectedOut]

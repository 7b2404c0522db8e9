"""Reads for the field app: households by urgency, a household's page, my week."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateTimeField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from core.text import fold

from . import access, masking
from .models import Certification, Household, Learner, Membership, Team, Visit
from .vocabulary import VULNERABILITY_GROUPS, any_vulnerability_q

if TYPE_CHECKING:
    from django.contrib.auth.models import User

FILTER_NEVER_VISITED = "never"
FILTER_FOLLOW_UP_DUE = "due"
FILTER_VULNERABLE = "vulnerable"
FILTERS = (FILTER_NEVER_VISITED, FILTER_FOLLOW_UP_DUE, FILTER_VULNERABLE)

# Urgency ranks, most urgent first.
URGENCY_OVERDUE, URGENCY_NEVER, URGENCY_VULNERABLE, URGENCY_UPCOMING, URGENCY_OTHER = range(5)


def _latest_visit(household_ref: str = "pk") -> QuerySet[Visit]:
    return Visit.objects.filter(household=OuterRef(household_ref)).order_by("-visited_at", "-pk")


def households_for_user(
    *,
    user: User,
    search: str = "",
    filter: str | None = None,  # the name the field app uses
    today: datetime.date | None = None,
) -> QuerySet[Household]:
    """Households the user may see, most urgent first, in one query.

    Each row carries `last_visit_at`, `next_follow_up` (the follow-up date
    set by the latest visit: a later visit clears an earlier follow-up),
    `vulnerable` and `urgency` (overdue follow-up, never visited, vulnerable,
    follow-up coming, the rest). `search` matches code, head name, address
    and area name without diacritics, every word; on households whose personal
    data the user may not see (access.personal_data_scope_q), the code only.
    Rows are not masked here: the view passes them through volunteers.masking.
    """
    today = today or timezone.localdate()
    vulnerable = any_vulnerability_q()
    queryset = (
        access.visible_households(user)
        .select_related("area", "team")
        .annotate(
            last_visit_at=Subquery(
                _latest_visit().values("visited_at")[:1], output_field=DateTimeField()
            ),
            next_follow_up=Subquery(_latest_visit().values("follow_up_on")[:1]),
            vulnerable=ExpressionWrapper(vulnerable, output_field=BooleanField()),
        )
        .annotate(
            urgency=Case(
                When(next_follow_up__lte=today, then=Value(URGENCY_OVERDUE)),
                When(last_visit_at__isnull=True, then=Value(URGENCY_NEVER)),
                When(vulnerable, then=Value(URGENCY_VULNERABLE)),
                When(next_follow_up__isnull=False, then=Value(URGENCY_UPCOMING)),
                default=Value(URGENCY_OTHER),
                output_field=IntegerField(),
            )
        )
    )
    words = fold(search).split()[:6]
    if words:
        # Names and addresses are searched only where the user may see them;
        # elsewhere a word must be in the card code, so no search confirms a masked name.
        by_text = Q()
        for word in words:
            by_text &= Q(search_text__contains=word)
        names = access.personal_data_scope_q(user)
        if names is not None:
            by_code = Q()
            for word in search.split()[:6]:
                by_code &= Q(code__icontains=word)
            by_text = (by_text & names) | by_code
        queryset = queryset.filter(by_text)
    if filter == FILTER_NEVER_VISITED:
        queryset = queryset.filter(last_visit_at__isnull=True)
    elif filter == FILTER_FOLLOW_UP_DUE:
        queryset = queryset.filter(next_follow_up__lte=today)
    elif filter == FILTER_VULNERABLE:
        queryset = queryset.filter(vulnerable)
    return queryset.order_by(
        "urgency",
        F("next_follow_up").asc(nulls_last=True),
        F("last_visit_at").asc(nulls_first=True),
        "code",
    )


def household_page(*, user: User, pk: int) -> dict[str, Any]:
    """A household with its learners (and their certificates), visits and next follow-up,
    and the labels of its vulnerability groups, masked for `user` (volunteers.masking).

    A fixed number of queries whatever the household's history.
    """
    household = access.household_for_user_or_404(user, pk=pk)
    show_names = access.can_see_personal_data(user, household)
    certifications = Certification.objects.select_related("skill", "team").order_by("-certified_on")
    learners = list(
        Learner.objects.filter(household=household).prefetch_related(
            Prefetch("certifications", queryset=certifications)
        )
    )
    visits = list(
        Visit.objects.filter(household=household)
        .select_related("team", "recorded_by")
        .prefetch_related("skills", "services", "volunteers")
        .order_by("-visited_at")[:50]
    )
    next_follow_up = visits[0].follow_up_on if visits else None
    if not show_names:
        # The one masking rule; masked rows refuse to be saved.
        for row in (household, *learners, *visits):
            masking.mask(row)
    return {
        "household": household,
        "learners": learners,
        "visits": visits,
        "vulnerabilities": [
            group.label for group in VULNERABILITY_GROUPS if getattr(household, group.field)
        ],
        "next_follow_up": next_follow_up,
        "follow_up_overdue": next_follow_up is not None and next_follow_up < timezone.localdate(),
        "can_edit": access.editable_households(user).filter(pk=household.pk).exists(),
        "show_names": show_names,
    }


def last_used_skill_ids(*, user: User) -> list[int]:
    """The skills of the user's latest recorded visit (a sensible default for the next one)."""
    visit = Visit.objects.filter(recorded_by=user).order_by("-visited_at", "-pk").first()
    return list(visit.skills.values_list("pk", flat=True)) if visit else []


def my_week(*, user: User, today: datetime.date | None = None) -> dict[str, Any]:
    """This week's (Monday to today) visits, hours and households for the user; follow-ups due.

    Follow-ups due: households the user may change whose latest visit set a
    follow-up on or before the end of this week.
    """
    today = today or timezone.localdate()
    start = today - datetime.timedelta(days=today.weekday())
    end = start + datetime.timedelta(days=6)
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    until = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    totals = Visit.objects.filter(
        volunteers=user, visited_at__gte=since, visited_at__lt=until
    ).aggregate(
        visits=Count("pk", distinct=True),
        minutes=Sum("duration_minutes"),
        households=Count("household", distinct=True),
    )
    due = (
        access.editable_households(user)
        .annotate(next_follow_up=Subquery(_latest_visit().values("follow_up_on")[:1]))
        .filter(next_follow_up__lte=end)
        .count()
    )
    minutes = totals["minutes"] or 0
    return {
        "start": start,
        "end": end,
        "visits": totals["visits"],
        "hours": round(minutes / 60, 1),
        "households": totals["households"],
        "follow_ups_due": due,
    }


def team_overview(*, user: User, team: Team, today: datetime.date | None = None) -> dict[str, Any]:
    """A team's progress for its members and leader: households, follow-ups, members' last 30 days.

    Three queries whatever the team's size.
    """
    today = today or timezone.localdate()
    since = timezone.now() - datetime.timedelta(days=30)
    households = households_for_user(user=user, today=today).filter(team=team)
    counts = households.aggregate(
        total=Count("pk"),
        never=Count("pk", filter=Q(last_visit_at__isnull=True)),
        due=Count("pk", filter=Q(next_follow_up__lte=today)),
    )
    recent = Q(user__visits__team=team, user__visits__visited_at__gte=since)
    members = list(
        Membership.objects.filter(team=team)
        .select_related("user__volunteer")
        .annotate(
            visits_30=Count("user__visits", filter=recent, distinct=True),
            minutes_30=Sum("user__visits__duration_minutes", filter=recent),
        )
        .order_by("role", "user__first_name", "user__username")
    )
    for member in members:
        # An attribute for the template, not a column: mypy does not know it.
        member.hours_30 = round((member.minutes_30 or 0) / 60, 1)  # type: ignore[attr-defined]
    return {"team": team, "counts": counts, "members": members}


# --- the "Ask a question" box: which team a learner can ask (no account needed) ------

# At most this many areas are offered in the box's "your commune" list.
ASK_AREAS_LIMIT = 300


def areas_with_team_contact(*, limit: int = ASK_AREAS_LIMIT) -> list[tuple[str, str]]:
    """(official code, name) of the areas whose team has a group chat link, by name.

    Public: area names and codes are no personal data. One query.
    """
    from .models import Area

    rows = (
        Area.objects.filter(teams__contact_url__gt="")
        .values_list("code", "name")
        .distinct()
        .order_by("name", "code")
    )
    return list(rows[:limit])


def team_contact_for_area(*, code: str) -> Team | None:
    """The team with a group chat link closest to the area with official `code`: a team
    of that area, else of the nearest area above it. None for an unknown code. Two queries.
    """
    from .models import Area

    area = Area.objects.filter(code=code[:32]).only("path").first()
    if area is None:
        return None
    step = Area.steplen
    paths = [area.path[:end] for end in range(step, len(area.path) + 1, step)]
    return (
        Team.objects.filter(area__path__in=paths)
        .exclude(contact_url="")
        .select_related("area")
        .order_by("-area__depth", "name", "pk")
        .first()
    )

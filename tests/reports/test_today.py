"""The volunteer's Today screen and GET /api/v1/progress: follow-ups due first, the team's
month against its pro-rated target, last month beside it; numbers from the registry."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import indicators
from reports.progress import month_bounds, team_progress
from tests.volunteers.factories import HouseholdFactory, TargetFactory, VisitFactory
from tests.world import local_dt, two_districts
from volunteers.models import Target, Visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return two_districts()


@pytest.fixture(autouse=True)
def _rollups_follow_every_write(settings):
    """Today reads the raw rows (reports.progress.SOURCE): no rollup refresh on each write."""
    settings.ROLLUPS_EAGER = False


def month_days(today):
    start, end = month_bounds(today)
    last_start, last_end = month_bounds(start - datetime.timedelta(days=1))
    return start, end, last_start, last_end


def build_month(world, *, reached_now: int, reached_before: int, today):
    """`reached_now` households visited (done) this month by the team, `reached_before` last
    month, plus visits that must not count (not done, other team, next month)."""
    start, _end, last_start, _last_end = month_days(today)
    village = world.household.area
    for n in range(reached_now):
        household = HouseholdFactory(team=world.team, area=village)
        for _ in range(2):  # twice: still one household
            VisitFactory(
                household=household, team=world.team, visited_at=local_dt(start, 8 + n % 8)
            )
    for _n in range(reached_before):
        household = HouseholdFactory(team=world.team, area=village)
        VisitFactory(household=household, team=world.team, visited_at=local_dt(last_start, 9))
    VisitFactory(
        household=HouseholdFactory(team=world.team, area=village),
        team=world.team,
        outcome=Visit.Outcome.NOBODY_HOME,
        visited_at=local_dt(start, 9),
    )
    VisitFactory(
        household=world.other_household, team=world.other_team, visited_at=local_dt(start, 9)
    )


def yearly_target(area, value, today):
    Target.objects.filter(area=area).delete()
    return TargetFactory(
        area=area,
        indicator=Target.Indicator.HOUSEHOLDS_REACHED,
        value=value,
        period_start=datetime.date(today.year, 1, 1),
        period_end=datetime.date(today.year, 12, 31),
    )


def test_progress_counts_households_reached_against_the_prorated_target(world):
    today = timezone.localdate()
    start, end, _ls, _le = month_days(today)
    # The first visit of world.household this month would count too: move it away.
    Visit.objects.filter(household=world.household).update(
        visited_at=local_dt(start - datetime.timedelta(days=70))
    )
    build_month(world, reached_now=3, reached_before=2, today=today)
    yearly_target(world.team.area, 365, today)
    [row] = team_progress(user=world.users["volunteer"], today=today)
    assert row.team == world.team
    assert row.month_done == 3 and row.last_month_done == 2
    days = (end - start).days + 1
    assert row.month_target == indicators.prorated(
        365, datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31), start, end
    )
    assert row.month_target == days  # 365 a year is one a day
    # The same numbers as the registry's own breakdown by team.
    [registry] = indicators.by_team(
        area=world.team.area, start=start, end=end, teams=[world.team.pk], source="raw"
    )
    assert registry.values.households_reached == row.month_done


def test_the_nearest_targets_below_make_the_team_s_target(world):
    today = timezone.localdate()
    village = world.household.area
    yearly_target(world.team.area, 0, today).delete()
    yearly_target(village, 730, today)
    [row] = team_progress(user=world.users["volunteer"], today=today)
    start, end, _ls, _le = month_days(today)
    assert row.month_target == 2 * ((end - start).days + 1)


def test_no_target_says_so(world):
    Target.objects.all().delete()
    [row] = team_progress(user=world.users["volunteer"])
    assert row.month_target is None and world.team.area.name in row.target_note


def test_only_the_user_s_own_teams(world):
    assert [row.team for row in team_progress(user=world.users["volunteer2"])] == [world.other_team]
    assert team_progress(user=world.users["official"]) == []
    assert team_progress(user=world.users["outsider"]) == []


def test_today_lists_follow_ups_due_first(client, world):
    today = timezone.localdate()
    volunteer = world.users["volunteer"]
    overdue = HouseholdFactory(team=world.team, area=world.household.area, head_name="Hà Thị Mơ")
    VisitFactory(
        household=overdue,
        team=world.team,
        outcome=Visit.Outcome.FOLLOW_UP,
        visited_at=local_dt(today - datetime.timedelta(days=9)),
        follow_up_on=today - datetime.timedelta(days=2),
    )
    due = HouseholdFactory(team=world.team, area=world.household.area, head_name="Lò Văn Mến")
    VisitFactory(
        household=due,
        team=world.team,
        outcome=Visit.Outcome.FOLLOW_UP,
        visited_at=local_dt(today - datetime.timedelta(days=3)),
        follow_up_on=today,
    )
    later = HouseholdFactory(team=world.team, area=world.household.area, head_name="Đinh Văn Xa")
    VisitFactory(
        household=later,
        team=world.team,
        outcome=Visit.Outcome.FOLLOW_UP,
        visited_at=local_dt(today - datetime.timedelta(days=1)),
        follow_up_on=today + datetime.timedelta(days=5),
    )
    VisitFactory(
        household=world.other_household,
        team=world.other_team,
        outcome=Visit.Outcome.FOLLOW_UP,
        visited_at=local_dt(today - datetime.timedelta(days=9)),
        follow_up_on=today - datetime.timedelta(days=3),
    )
    client.force_login(volunteer)
    response = client.get(reverse("reports:today"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert [h.pk for h in response.context["follow_ups"]] == [overdue.pk, due.pk]
    body = response.content.decode()
    assert body.index("Hà Thị Mơ") < body.index("Lò Văn Mến") < body.index("This month")
    assert "Đinh Văn Xa" not in body and world.other_household.head_name not in body
    assert f"Overdue since {(today - datetime.timedelta(days=2)):%d/%m}" in body
    assert "Due today" in body


def test_today_shows_n_of_target_and_last_month(client, world):
    today = timezone.localdate()
    start, _end, _ls, _le = month_days(today)
    Visit.objects.filter(household=world.household).update(
        visited_at=local_dt(start - datetime.timedelta(days=70))
    )
    build_month(world, reached_now=2, reached_before=4, today=today)
    yearly_target(world.team.area, 365, today)
    client.force_login(world.users["volunteer"])
    body = client.get(reverse("reports:today"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    days = month_days(today)[1].day
    assert f"<strong>2</strong> of {days} households" in body
    assert f'<progress max="{days}" value="2"' in body
    last = (start - datetime.timedelta(days=1)).strftime("%B %Y")
    assert f"{last}: 4 households" in body
    # The phone's waiting count and last sync have their places (filled by the field app).
    assert "data-outbox-count" in body and "data-last-sync" in body
    body = client.get(reverse("reports:today"), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert f"<strong>2</strong> trên {days} hộ" in body and "Hôm nay" in body
    body = client.get(reverse("reports:today"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert f"<strong>2</strong> von {days} Haushalten" in body and "Heute" in body


def test_today_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    today = timezone.localdate()
    client.force_login(world.users["volunteer"])
    url = reverse("reports:today")
    with django_assert_max_num_queries(40) as small:
        client.get(url)
    build_month(world, reached_now=12, reached_before=8, today=today)
    for n in range(8):
        household = HouseholdFactory(team=world.team, area=world.household.area)
        VisitFactory(
            household=household,
            team=world.team,
            outcome=Visit.Outcome.FOLLOW_UP,
            visited_at=local_dt(today - datetime.timedelta(days=5)),
            follow_up_on=today - datetime.timedelta(days=n % 3),
        )
    with django_assert_max_num_queries(40) as large:
        response = client.get(url)
    assert len(response.context["follow_ups"]) == 8
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_volunteer_lands_on_today_after_login(client, world):
    client.force_login(world.users["volunteer"])
    assert client.get(reverse("after-login"))["Location"] == reverse("reports:today")
    client.force_login(world.users["official"])
    assert client.get(reverse("after-login"))["Location"] == reverse("reports:dashboard")
    body = client.get(reverse("volunteers:home")).content.decode()
    nav = body[body.index('<nav aria-label="') :]
    today_link = f'href="{reverse("reports:today")}"'
    assert nav.index(today_link) < nav.index(f'href="{reverse("volunteers:home")}"')


def test_today_needs_a_login(client):
    response = client.get(reverse("reports:today"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- the API ------------------------------------------------------------------------


def test_api_progress_has_the_same_numbers(client, world):
    today = timezone.localdate()
    start, _end, _ls, _le = month_days(today)
    Visit.objects.filter(household=world.household).update(
        visited_at=local_dt(start - datetime.timedelta(days=70))
    )
    build_month(world, reached_now=3, reached_before=1, today=today)
    yearly_target(world.team.area, 365, today)
    client.force_login(world.users["volunteer"])
    response = client.get("/api/v1/progress", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    data = response.json()
    assert datetime.datetime.fromisoformat(data["as_of"])
    [team] = data["teams"]
    [row] = team_progress(user=world.users["volunteer"], today=today)
    assert team == {
        "team_id": world.team.pk,
        "team_name": world.team.name,
        "month": start.isoformat(),
        "month_label": team["month_label"],
        "month_done": 3,
        "month_target": row.month_target,
        "target_note": team["target_note"],
        "last_month_label": team["last_month_label"],
        "last_month_done": 1,
    }
    assert team["target_note"].startswith("Ziel:")  # in the request's language


def test_api_progress_needs_a_login(client):
    response = client.get("/api/v1/progress")
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


def test_api_progress_is_in_the_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/progress" in schema["paths"]

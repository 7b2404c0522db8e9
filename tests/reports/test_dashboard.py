"""The officials' dashboard: numbers, drill-down, period filter, sorting, access, query counts."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import indicators, periods, rollups
from reports.models import Campaign
from tests.volunteers.factories import UserFactory
from tests.world import END, START, seeded_district

pytestmark = pytest.mark.django_db
URL = "/dashboard/"
CUSTOM = {"period": "custom", "start": START.isoformat(), "end": END.isoformat()}


def get(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_url_name():
    assert reverse("reports:dashboard") == URL


def test_official_sees_their_district_by_default(client, district_world):
    world = district_world
    response = get(client, world.users["official"], **CUSTOM)
    assert response.status_code == 200
    assert response.context["area"] == world.district
    summary = indicators.summary(area=world.district, start=START, end=END)
    assert response.context["summary"] == summary
    body = text(response)
    assert f'<span class="kpi-value">{summary.households_reached}</span>' in body
    for commune in world.communes:
        assert f'href="?area={commune.pk}&amp;period=custom' in body
    assert '<svg class="chart"' in body and 'role="img"' in body and "<title>" in body


def test_drill_down_into_a_commune(client, district_world):
    world = district_world
    commune = world.communes[0]
    response = get(client, world.users["official"], area=commune.pk, **CUSTOM)
    assert response.status_code == 200
    assert response.context["area"] == commune
    assert response.context["summary"] == indicators.summary(area=commune, start=START, end=END)
    # Breadcrumb back up to the district (the province is not the official's).
    crumbs = response.context["scope"].breadcrumbs
    assert crumbs == [world.district]


def test_other_district_answers_404(client, district_world):
    world = district_world
    assert get(client, world.users["official"], area=world.other_district.pk).status_code == 404
    assert get(client, world.users["official"], area=world.province.pk).status_code == 404
    assert get(client, world.users["official"], area="nonsense").status_code == 404


def test_volunteer_without_leader_role_gets_404(client, district_world):
    assert get(client, district_world.users["member"]).status_code == 404
    assert get(client, UserFactory(username="nobody")).status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_leader_sees_only_their_team(client, district_world):
    world = district_world
    team = world.teams[0]
    response = get(client, world.users["leader"], **CUSTOM)
    assert response.status_code == 200
    assert response.context["area"] == team.area
    expected = indicators.summary(area=team.area, start=START, end=END, teams=[team.pk])
    assert response.context["summary"] == expected
    assert "Your teams only" in text(response) or response.context["is_team_view"]
    assert get(client, world.users["leader"], area=world.district.pk).status_code == 404


def test_default_period_is_this_month(client, district_world):
    response = get(client, district_world.users["official"])
    today = timezone.localdate()
    assert response.context["period"].start == today.replace(day=1)
    assert response.context["period"].end == today


def test_last_three_months(client, district_world):
    response = get(client, district_world.users["official"], period="3months")
    period = response.context["period"]
    today = timezone.localdate()
    assert period.end == today and period.start.day == 1
    assert (today.year * 12 + today.month) - (period.start.year * 12 + period.start.month) == 2


def test_last_twelve_months_are_whole_months_to_today(client, district_world):
    response = get(client, district_world.users["official"], period="12months")
    period = response.context["period"]
    today = timezone.localdate()
    assert period.end == today and period.start.day == 1
    assert (today.year * 12 + today.month) - (period.start.year * 12 + period.start.month) == 11


def test_campaign_period(client, district_world):
    world = district_world
    campaign = Campaign.objects.create(
        name="VNeID 2026",
        area=world.province,
        start=datetime.date(2026, 2, 1),
        end=datetime.date(2026, 2, 28),
    )
    elsewhere = Campaign.objects.create(
        name="Elsewhere", area=world.other_district, start=START, end=END
    )
    response = get(client, world.users["official"], period="campaign", campaign=campaign.pk)
    assert response.context["period"].start == campaign.start
    assert response.context["period"].end == campaign.end
    assert "VNeID 2026" in text(response)
    response = get(client, world.users["official"], period="campaign", campaign=elsewhere.pk)
    assert response.context["form"].errors["campaign"] == [str(periods.ERROR_NO_CAMPAIGN)]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"start": "2026-03-01", "end": "2026-02-01"}, "end", periods.ERROR_END_BEFORE_START),
        ({"start": "2026-03-01", "end": ""}, "end", periods.ERROR_MISSING_DATES),
        ({"start": "2099-01-01", "end": "2099-02-01"}, "start", periods.ERROR_START_IN_FUTURE),
        ({"start": "2020-01-01", "end": "2026-01-01"}, "end", periods.ERROR_TOO_LONG),
    ],
)
def test_custom_period_errors_keep_the_input(client, district_world, params, field, message):
    response = get(client, district_world.users["official"], period="custom", **params)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[field] == [str(message)]
    body = text(response)
    assert str(message).replace("'", "&#x27;") in body
    assert f'value="{params["start"]}"' in body  # what was typed is kept
    assert response.context["period"].start == timezone.localdate().replace(day=1)


def test_errors_are_translated(client, district_world):
    client.force_login(district_world.users["official"])
    response = client.get(
        URL,
        {"period": "custom", "start": "2026-03-01", "end": "2026-02-01"},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.context["form"].errors["end"]


def test_sorting_by_column(client, district_world):
    world = district_world
    response = get(client, world.users["official"], sort="-visits", **CUSTOM)
    visits = [row.values.visits for row in response.context["children"]]
    assert visits == sorted(visits, reverse=True)
    response = get(client, world.users["official"], sort="-name", **CUSTOM)
    names = [row.area.name for row in response.context["children"]]
    assert names == sorted(names, reverse=True)
    header = next(c for c in response.context["columns"] if c["key"] == "name")
    assert header["aria_sort"] == "descending" and "sort=name" in header["url"]
    # Unknown keys fall back to the name.
    assert get(client, world.users["official"], sort="password").status_code == 200


def test_download_form_posts_area_and_period(client, district_world):
    response = get(client, district_world.users["official"], **CUSTOM)
    try:
        url = reverse("reports:request")
    except Exception:  # the workbook routes are not there yet
        assert "Download Excel" not in text(response)
        return
    body = text(response)
    assert f'action="{url}"' in body and 'method="post"' in body
    assert f'name="area" value="{district_world.district.pk}"' in body
    assert f'name="start" value="{START.isoformat()}"' in body


def _query_count(client, django_assert_max_num_queries, world, limit):
    client.force_login(world.users["official"])
    rollups.settle()  # the writes' refresh (eager mode) runs before the page, not in it
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(URL, CUSTOM)
    assert response.status_code == 200
    return len(captured)


def test_query_count_does_not_grow(client, django_assert_max_num_queries):
    small = seeded_district(communes=2, households=20, seed=11)
    big = seeded_district(communes=12, households=200, seed=12)
    # 46: the rollup readers, "data as of" (1) and, for a period ended before today, one raw query per
    # breakdown for "follow-ups overdue" at that past date (reports/rollups/readers.py).
    few = _query_count(client, django_assert_max_num_queries, small, 46)
    many = _query_count(client, django_assert_max_num_queries, big, 46)
    assert few == many


def test_demo_campaigns_are_idempotent_and_need_a_province(db):
    import io

    from reports import demo

    out = io.StringIO()
    demo.load(stdout=out, password="x")
    assert Campaign.objects.count() == 0
    world = seeded_district(communes=1, households=1, with_visits=False)
    demo.load(stdout=out, password="x")
    demo.load(stdout=out, password="x")
    campaigns = {c.area_id: c for c in Campaign.objects.all()}
    assert len(campaigns) == 2 and world.province.pk in campaigns
    district = next(c.area for c in campaigns.values() if c.area_id != world.province.pk)
    assert district.level == "district" and district.get_parent() == world.province
    for campaign in campaigns.values():
        phases = list(campaign.phases.order_by("start"))
        assert [p.kind for p in phases] == ["pilot", "expansion", "evaluation"]
        assert phases[0].start == campaign.start and phases[-1].end == campaign.end


def test_skills_table_matches_the_indicators(client, district_world):
    world = district_world
    response = get(client, world.users["official"], **CUSTOM)
    by_name = {row["name"]: row for row in response.context["skills"]}
    for row in indicators.certifications_by_skill(area=world.district, start=START, end=END):
        assert by_name[row.name]["certifications"] == row.certifications
        assert f'<th scope="row">{row.name}</th>' in response.content.decode()


def test_a_scope_with_many_teams_points_to_its_areas_instead_of_listing_them(
    client, district_world, monkeypatch
):
    from reports.views import dashboard as view

    monkeypatch.setattr(view, "TEAM_TABLE_MAX", 1)
    response = get(client, district_world.users["official"])
    assert response.context["teams"] == []
    count = response.context["teams_not_listed"]
    assert count > 1
    assert f"Có {count} đội làm việc ở khu vực này" in response.content.decode()  # vi default

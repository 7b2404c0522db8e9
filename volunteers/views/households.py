"""My households, a household's page, registering households and learners, QR cards."""

import json

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.forms import add_validation_errors
from core.links import absolute_url
from core.parsing import parse_id
from core.qr import qr_svg
from volunteers import access, masking, messages, selectors, services
from volunteers.forms import HouseholdRegisterForm, LearnerForm
from volunteers.models import AccessLog, Area
from volunteers.services.households import household_consent_withdraw
from volunteers.services.sync import team_sync_status

PAGE_SIZE = 25
CONSENT_WITHDRAWN_DONE = _(
    "Consent withdrawn: the household's personal data was removed. Visits stay for the counts."
)
CARDS_PER_SHEET = 24  # 3 x 8 cards on an A4 page
MAX_CARDS = 480  # 20 sheets: a bigger team prints one village at a time


@login_required
def household_list(request):
    """My households: search without diacritics, filters, most urgent first."""
    search = request.GET.get("q", "").strip()[:100]
    current = request.GET.get("filter")
    current = current if current in selectors.FILTERS else ""
    households = selectors.households_for_user(user=request.user, search=search, filter=current)
    page = Paginator(households, PAGE_SIZE).get_page(request.GET.get("page"))
    for household in page:
        masking.for_user(request.user, household)
        household.display_name = household.head_name
    return render(
        request,
        "volunteers/household_list.html",
        {
            "page": page,
            "search": search,
            "current_filter": current,
            "filters": [
                ("", messages.FILTER_ALL),
                (selectors.FILTER_FOLLOW_UP_DUE, messages.FILTER_FOLLOW_UP_DUE),
                (selectors.FILTER_NEVER_VISITED, messages.FILTER_NEVER_VISITED),
                (selectors.FILTER_VULNERABLE, messages.FILTER_VULNERABLE),
            ],
            "teams": access.recordable_teams(request.user),
            "can_register": access.can_register(request.user),
        },
    )


@login_required
def household_detail(request, pk: int):
    context = selectors.household_page(user=request.user, pk=pk)  # masked for the user
    household = context["household"]
    context["can_withdraw"] = access.can_withdraw_consent(request.user, household)
    services.access_log_record(user=request.user, household=household, action=AccessLog.Action.VIEW)
    return render(request, "volunteers/household_detail.html", context)


@login_required
def household_by_code(request, code: str):
    """Where a household QR card points: the household's page (404 outside scope)."""
    household = access.household_for_user_or_404(request.user, code=code.strip().upper())
    return redirect("volunteers:household", pk=household.pk)


@login_required
@access.require_or_404(access.can_register)
def household_register(request):
    teams = access.recordable_teams(request.user).select_related("area")
    areas = access.recordable_areas(request.user).order_by("path")
    form = HouseholdRegisterForm(
        request.POST or None,
        teams=teams,
        areas=areas,
        initial={"team": access.default_team(request.user)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            household = services.household_create(user=request.user, **form.household_fields())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            flash.success(request, messages.HOUSEHOLD_SAVED)
            return redirect("volunteers:household", pk=household.pk)
    return render(request, "volunteers/household_form.html", {"form": form})


@login_required
def learner_add(request, pk: int):
    household = access.household_for_user_or_404(request.user, pk=pk, write=True)
    form = LearnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.learner_add(user=request.user, household=household, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            flash.success(request, messages.LEARNER_SAVED)
            if "another" in request.POST:
                return redirect("volunteers:learner_add", pk=household.pk)
            return redirect("volunteers:household", pk=household.pk)
    return render(request, "volunteers/learner_form.html", {"form": form, "household": household})


@login_required
def household_export(request, pk: int):
    """What is stored about a household, as JSON (team members only); logged."""
    household = access.household_for_user_or_404(request.user, pk=pk, write=True)
    data = services.household_export(user=request.user, household=household)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="household-{household.code}.json"'
    return response


@login_required
@require_POST
def household_erase(request, pk: int):
    """Erase personal data, or (``withdraw`` posted) record that consent was withdrawn,
    which removes what the consent covered; a leader of the household's team."""
    household = access.household_for_user_or_404(request.user, pk=pk, write=True)
    withdraw = "withdraw" in request.POST
    try:
        if withdraw:
            household_consent_withdraw(user=request.user, household=household)
        else:
            services.household_erase(user=request.user, household=household)
    except PermissionDenied as exc:
        # Like an id outside the scope: 404, never 403.
        raise Http404 from exc
    flash.success(request, CONSENT_WITHDRAWN_DONE if withdraw else messages.HOUSEHOLD_ERASED_DONE)
    return redirect("volunteers:household", pk=household.pk)


@login_required
def household_cards(request, team_pk: int):
    """A printable sheet of QR cards for a team's households (members of that team).

    Every card on one page, in sheets of CARDS_PER_SHEET that print one per
    paper page, so the whole team prints at once; at most MAX_CARDS (each QR
    code costs about 10-20 ms), with one village at a time (``?area=``) for
    bigger teams. A card shows the address only where the viewer may see it
    (volunteers.masking).
    """
    team = access.get_visible_or_404(access.recordable_teams, request.user, pk=team_pk)
    team_households = access.editable_households(request.user).filter(team=team)
    villages = list(
        Area.objects.filter(households__in=team_households.values("pk"))
        .annotate(cards=Count("households"))  # the filter above limits the join to the team
        .order_by("name", "pk")
    )
    area = None
    area_pk = parse_id(request.GET.get("area") or "")
    if area_pk is not None:
        area = next((village for village in villages if village.pk == area_pk), None)
        if area is None:
            raise Http404
        team_households = team_households.filter(area=area)
    households = list(
        team_households.select_related("area").order_by("area__name", "code")[: MAX_CARDS + 1]
    )
    truncated = len(households) > MAX_CARDS
    cards = []
    for household in households[:MAX_CARDS]:
        masking.for_user(request.user, household)
        url = absolute_url(reverse("volunteers:household_by_code", args=[household.code]))
        cards.append({"household": household, "qr": qr_svg(url)})
    sheets = [cards[i : i + CARDS_PER_SHEET] for i in range(0, len(cards), CARDS_PER_SHEET)]
    services.access_log_record(
        user=request.user,
        action=AccessLog.Action.PRINT,
        detail=f"team {team.pk} cards {len(cards)}" + (f" area {area.pk}" if area else ""),
    )
    return render(
        request,
        "volunteers/household_cards.html",
        {
            "team": team,
            "sheets": sheets,
            "count": len(cards),
            "truncated": truncated,
            "max_cards": MAX_CARDS,
            "villages": villages if len(villages) > 1 or truncated else [],
            "area": area,
        },
    )


@login_required
def team_detail(request, team_pk: int):
    """A team's progress: households never visited or due, members' visits in the last 30 days."""
    team = access.get_visible_or_404(
        lambda user: access.visible_teams(user).select_related("area"), request.user, pk=team_pk
    )
    context = selectors.team_overview(user=request.user, team=team)
    context["is_member"] = access.is_member(request.user, team)
    context["is_leader"] = access.is_leader(request.user, team)
    context["can_view_sync"] = access.can_view_sync_refusals(request.user, team)
    if context["can_view_sync"]:
        # The offline app's last sync and refused items, per member (services/sync.py).
        status = team_sync_status(
            team_id=team.pk, user_ids=[member.user_id for member in context["members"]]
        )
        for member in context["members"]:
            member.sync = status[member.user_id]
    return render(request, "volunteers/team.html", context)

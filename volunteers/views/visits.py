"""Logging a visit in under a minute, and my week."""

from django.contrib import messages as flash
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.forms import add_validation_errors
from volunteers import access, messages, selectors, services
from volunteers.forms import VisitForm
from volunteers.models import Household, Visit

from .common import default_locale_skills


def _last_visit(household: Household) -> Visit | None:
    """The household's latest visit with its skills and services (3 queries)."""
    return (
        Visit.objects.filter(household=household)
        .order_by("-visited_at", "-pk")
        .prefetch_related("skills", "services")
        .first()
    )


@login_required
def visit_log(request, pk: int):
    """One screen: defaults filled in (now, my team); errors keep the input."""
    household = access.household_for_user_or_404(request.user, pk=pk, write=True)
    teams = access.recordable_teams(request.user)
    teammates = (
        get_user_model()
        .objects.filter(memberships__team__in=teams)
        .exclude(pk=request.user.pk)
        .select_related("volunteer")
        .distinct()
        .order_by("first_name", "username")
    )
    # Nothing is pre-ticked: the last visit's skills and services come only through the
    # form's explicit "same as last visit" box.
    form = VisitForm(
        request.POST or None,
        skills=default_locale_skills(),
        teams=teams,
        teammates=teammates,
        last_visit=_last_visit(household),
        initial={"team": access.default_team(request.user, household)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _visit, created = services.visit_record(
                user=request.user,
                household=household,
                uuid=data["uuid"],
                visited_at=data["visited_at"],
                duration_minutes=data["duration_minutes"],
                outcome=data["outcome"],
                team=data["team"],
                skills=data["skills"],
                services=data["services"],
                follow_up_on=data["follow_up_on"],
                satisfaction=data["satisfaction"],
                notes=data["notes"],
                volunteers=data["volunteers"],
                resubmitted_form_counts_once=True,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            flash.success(
                request, messages.VISIT_SAVED if created else messages.VISIT_ALREADY_SAVED
            )
            return redirect("volunteers:household", pk=household.pk)
    return render(request, "volunteers/visit_form.html", {"form": form, "household": household})


@login_required
def my_week(request):
    return render(
        request, "volunteers/my_week.html", {"week": selectors.my_week(user=request.user)}
    )

"""A volunteer's own profile (teams, roles, their own certificates) and the courses for volunteers."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from wagtail.models import Locale

from courses.models import LessonPage
from volunteers import access
from volunteers.models import Certification, Membership, Volunteer

LESSONS_SHOWN = 200


@login_required
def profile(request):
    """Who I am in the field app: name, phone, teams and roles, and (a mentor) my certificates.

    A mentor's certificates come from their learner record (Volunteer.learner):
    they are the person's own, so they show here whatever the household scope.
    """
    volunteer = Volunteer.objects.filter(user=request.user).first()
    memberships = (
        Membership.objects.filter(user=request.user).select_related("team__area").order_by("team")
    )
    certifications = []
    if volunteer is not None and volunteer.learner_id is not None:
        certifications = list(
            Certification.objects.filter(learner_id=volunteer.learner_id)
            .select_related("skill", "team")
            .order_by("-certified_on", "-pk")
        )
    return render(
        request,
        "volunteers/profile.html",
        {"volunteer": volunteer, "memberships": memberships, "certifications": certifications},
    )


def lessons_for(audiences: list[str]) -> list[LessonPage]:
    """Live, public lessons for `audiences` in the reader's language, else in the default one.

    Two queries; in tree order (course by course, lesson by lesson).
    """
    active, default = Locale.get_active(), Locale.get_default()
    pages = list(
        LessonPage.objects.live()
        .public()
        .filter(audience__in=audiences, locale__in={active.pk, default.pk})
        .select_related("locale")
        .order_by("path")[:LESSONS_SHOWN]
    )
    translated = {page.translation_key for page in pages if page.locale_id == active.pk}
    return [
        page
        for page in pages
        if page.locale_id == active.pk or page.translation_key not in translated
    ]


@login_required
def volunteer_courses(request):
    """Lessons written for volunteers (and, for officials, the ones for officials)."""
    sections = [(LessonPage.Audience.VOLUNTEER.label, lessons_for([LessonPage.Audience.VOLUNTEER]))]
    if access.is_official(request.user) or request.user.is_superuser:
        sections.append(
            (LessonPage.Audience.OFFICIAL.label, lessons_for([LessonPage.Audience.OFFICIAL]))
        )
    return render(request, "volunteers/volunteer_courses.html", {"sections": sections})

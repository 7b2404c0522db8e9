"""Certify a skill, print a certificate, revoke it; public verification."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from core.forms import add_validation_errors
from core.links import absolute_url
from core.parsing import parse_id
from core.qr import qr_svg
from volunteers import access, masking, messages, services
from volunteers.forms import CertifyForm, RevokeForm, VerifyForm
from volunteers.masking import initials
from volunteers.models import AccessLog, Certification
from volunteers.services.codes import normalise

from .common import default_locale_skills

VERIFY_RATE = "30/m"


def verify_url(code: str) -> str:
    """The absolute URL printed (as a QR code) on a certificate."""
    return absolute_url(reverse("volunteers:verify", args=[code]))


@login_required
def certify(request, pk: int):
    """Step 1: choose a skill. Step 2 (?skill=): choose the learner, tick the checklist, issue."""
    household = access.household_for_user_or_404(request.user, pk=pk, write=True)
    skills = default_locale_skills()
    skill_id = request.POST.get("skill") or request.GET.get("skill")
    skill_pk = parse_id(skill_id)
    skill = get_object_or_404(skills, pk=skill_pk) if skill_pk else None
    if skill is None:
        return render(
            request,
            "volunteers/certify_pick_skill.html",
            {"household": household, "skills": skills},
        )
    learners = access.editable_learners(request.user).filter(
        household=household, erased_at__isnull=True
    )
    form = CertifyForm(request.POST or None, learners=learners, skill=skill)
    if request.method == "POST" and form.is_valid():
        try:
            certification = services.certification_issue(
                user=request.user,
                learner=form.cleaned_data["learner"],
                skill=skill,
                ticked=form.cleaned_data["ticked"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            flash.success(request, messages.CERTIFICATE_ISSUED)
            return redirect("volunteers:certificate", pk=certification.pk)
    return render(
        request,
        "volunteers/certify_form.html",
        {"household": household, "skill": skill, "form": form},
    )


@login_required
def certificate(request, pk: int):
    """The certificate as an A6 card to print: skill, learner, date, team, QR and code."""
    certification = access.get_visible_or_404(
        lambda user: access.visible_certifications(user).select_related(
            "learner__household__area", "skill", "team", "certified_by"
        ),
        request.user,
        pk=pk,
    )
    household = certification.learner.household
    masking.for_user(request.user, certification)
    masking.for_user(request.user, certification.learner)
    learner_name = certification.learner.name
    url = verify_url(certification.code)
    services.access_log_record(
        user=request.user,
        household=household,
        action=AccessLog.Action.VIEW,
        detail=f"certificate {certification.pk}",
    )
    return render(
        request,
        "volunteers/certificate.html",
        {
            "certification": certification,
            "learner_name": learner_name,
            "verify_url": url,
            "qr": qr_svg(url),
            "can_revoke": access.can_revoke(request.user, certification),
        },
    )


@login_required
def certificate_revoke(request, pk: int):
    certification = access.get_visible_or_404(access.revocable_certifications, request.user, pk=pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.certification_revoke(
                user=request.user, certification=certification, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            flash.success(request, messages.CERTIFICATE_REVOKED)
            return redirect("volunteers:certificate", pk=certification.pk)
    return render(
        request,
        "volunteers/certificate_revoke.html",
        {"certification": certification, "form": form},
    )


def _limited(request):
    return render(
        request, "volunteers/verify_limited.html", {"message": messages.RATE_LIMITED}, status=429
    )


@never_cache
@ratelimit(group="verify", key="ip", rate=VERIFY_RATE, block=False)
def verify_form(request):
    """A form to type a certificate code; sends to /verify/<code>/."""
    if request.limited:
        return _limited(request)
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        code = normalise(form.cleaned_data["code"]) or "-"
        return redirect("volunteers:verify", code=code)
    return render(request, "volunteers/verify_form.html", {"form": form})


@never_cache
@ratelimit(group="verify", key="ip", rate=VERIFY_RATE, block=False)
def verify(request, code: str):
    """Public: is this certificate valid?

    Revoked and unknown codes render the very same page (same template,
    status 200, same text), so the page never tells which codes exist; a
    valid one shows the skill, date, team and the learner's initials.
    """
    if request.limited:
        return _limited(request)
    certification = (
        Certification.objects.select_related("learner", "skill", "team")
        .filter(code=normalise(code), revoked_at__isnull=True)
        .first()
    )
    context = {"code": normalise(code), "certification": certification, "form": VerifyForm()}
    if certification is not None:
        context["learner_initials"] = initials(certification.learner.name)
    response = render(request, "volunteers/verify.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response

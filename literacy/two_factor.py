"""Two-factor login (TOTP with recovery codes) for the people who see whole areas.

django-otp is the library: it works behind any login view, Wagtail's admin
login included, because it only marks a session as verified; allauth's MFA
would need allauth's own login flow. Who must use it is decided in
``volunteers.access.requires_two_factor`` (officials, staff, superusers);
volunteers may set it up from the same page. ``TWO_FACTOR_REQUIRED`` turns
the requirement off (the dev settings do, so `make run`'s demo logins work
without a phone app).

After a password login, a person who must use it and has no confirmed
device is sent to set one up (a QR code for any authenticator app, then a
first code, then ten one-time recovery codes shown once); one who has a
device is asked for a code. django-otp throttles wrong codes per device.
"""

from __future__ import annotations

import secrets
from base64 import b32encode
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.qr import qr_svg
from volunteers import access

RECOVERY_CODES = 10
ISSUER = "Ky nang so"
ERROR_WRONG_CODE = _("That code is not right, or it has expired. Try the newest code.")
# Paths a person who still has to confirm may reach.
OPEN_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/static/", "/media/", "/healthz")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("after-login")


def _pending_device(user) -> TOTPDevice:
    """The unconfirmed TOTP device being set up (one per person)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="phone", confirmed=False)


def _recovery_codes(user) -> list[str]:
    """Ten new one-time codes, replacing any earlier ones."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery")
    device.token_set.all().delete()
    codes = [secrets.token_hex(4) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@login_required
def setup(request):
    """Show the QR code of a new TOTP key; the first right code confirms it."""
    device = _pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].replace(" ", "")):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
            otp_login(request, device)
            codes = _recovery_codes(request.user)
            return render(
                request,
                "registration/two_factor_codes.html",
                {"codes": codes, "next": _next(request)},
            )
        form.add_error("code", ERROR_WRONG_CODE)
    secret = b32encode(device.bin_key).decode().rstrip("=")
    uri = (
        f"otpauth://totp/{quote(ISSUER)}:{quote(request.user.get_username())}"
        f"?secret={secret}&issuer={quote(ISSUER)}&digits={device.digits}&period={device.step}"
    )
    return render(
        request,
        "registration/two_factor_setup.html",
        {"form": form, "qr": qr_svg(uri), "secret": secret, "next": _next(request)},
    )


@login_required
def verify(request):
    """Ask for a code from the authenticator app or a recovery code."""
    if not user_has_device(request.user):
        return redirect(f"{reverse('two-factor-setup')}?next={quote(_next(request))}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", ERROR_WRONG_CODE)
    return render(
        request, "registration/two_factor_verify.html", {"form": form, "next": _next(request)}
    )


class TwoFactorRequiredMiddleware:
    """Sends a person who must use two factors to set up or confirm one before anything else.

    Sits after django-otp's OTPMiddleware, which adds ``user.is_verified()``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.TWO_FACTOR_REQUIRED
            and user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and not user.is_verified()
            and access.requires_two_factor(user)
        ):
            view = "two-factor-verify" if user_has_device(user) else "two-factor-setup"
            return redirect(f"{reverse(view)}?next={quote(request.get_full_path())}")
        return self.get_response(request)

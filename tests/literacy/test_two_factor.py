"""Two-step login: officials and administrators confirm a code after their password."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from literacy.two_factor import ERROR_WRONG_CODE
from tests.world import two_districts


@pytest.fixture
def world(db, settings):
    settings.TWO_FACTOR_REQUIRED = True
    settings.AXES_ENABLED = False
    return two_districts()


def log_in(client, user):
    client.post(reverse("login"), {"username": user.username, "password": "pw"})


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def set_up(client, user) -> list[str]:
    log_in(client, user)
    page = client.get(reverse("two-factor-setup"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(
        reverse("two-factor-setup"), {"code": current_code(device), "next": "/dashboard/"}
    )
    return re.findall(r"<li><code>([0-9a-f]{8})</code></li>", done.content.decode())


def test_an_official_is_sent_to_set_up_before_seeing_the_dashboard(client, world):
    log_in(client, world.users["official"])
    answer = client.get("/dashboard/")
    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("two-factor-setup"))


def test_setting_up_confirms_the_device_and_shows_ten_recovery_codes_once(client, world):
    codes = set_up(client, world.users["official"])
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=world.users["official"]).confirmed
    assert client.get("/dashboard/").status_code == 200


def test_a_wrong_code_is_refused_with_a_clear_message(client, world):
    log_in(client, world.users["official"])
    client.get(reverse("two-factor-setup"))
    answer = client.post(reverse("two-factor-setup"), {"code": "000000x"})
    assert str(ERROR_WRONG_CODE) in answer.content.decode()
    assert not TOTPDevice.objects.filter(user=world.users["official"], confirmed=True).exists()


def test_the_next_login_asks_for_a_code_and_a_recovery_code_works_once(client, world, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = settings.OTP_TOTP_THROTTLE_FACTOR = 0
    official = world.users["official"]
    codes = set_up(client, official)
    client.logout()
    log_in(client, official)
    answer = client.get("/dashboard/")
    assert answer["Location"].startswith(reverse("two-factor-verify"))
    refused = client.post(reverse("two-factor-verify"), {"code": "123456"})
    assert str(ERROR_WRONG_CODE) in refused.content.decode()
    accepted = client.post(reverse("two-factor-verify"), {"code": codes[0], "next": "/dashboard/"})
    assert accepted.status_code == 302 and accepted["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200
    client.logout()
    log_in(client, official)
    again = client.post(reverse("two-factor-verify"), {"code": codes[0]})
    assert str(ERROR_WRONG_CODE) in again.content.decode()


def test_administrators_need_it_for_the_wagtail_admin_too(client, world):
    client.force_login(world.users["superuser"])
    answer = client.get("/admin/")
    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("two-factor-setup"))


def test_volunteers_are_not_asked(client, world):
    log_in(client, world.users["volunteer"])
    assert client.get("/field/").status_code == 200


def test_next_never_leaves_the_site(client, world):
    codes = set_up(client, world.users["official"])
    client.logout()
    log_in(client, world.users["official"])
    answer = client.post(
        reverse("two-factor-verify"), {"code": codes[1], "next": "https://evil.example/"}
    )
    assert answer["Location"] == reverse("after-login")


def test_switched_off_nobody_is_asked(client, world, settings):
    settings.TWO_FACTOR_REQUIRED = False
    log_in(client, world.users["official"])
    assert client.get("/dashboard/").status_code == 200


def test_after_a_wrong_code_even_a_right_one_waits(client, world):
    """django-otp throttles each device: guessing codes quickly gets nowhere."""
    official = world.users["official"]
    codes = set_up(client, official)
    client.logout()
    log_in(client, official)
    client.post(reverse("two-factor-verify"), {"code": "123456"})
    answer = client.post(reverse("two-factor-verify"), {"code": codes[0]})
    assert answer.status_code == 200 and str(ERROR_WRONG_CODE) in answer.content.decode()

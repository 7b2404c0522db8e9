"""Login throttling by username and address together, throttled reset mails, server-side logout."""

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.test import override_settings

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    from axes.handlers.proxy import AxesProxyHandler

    AxesProxyHandler.implementation = None  # rebuilt with the settings above
    yield
    AxesProxyHandler.implementation = None


def attempt(client, username, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_wrong_passwords_then_the_right_one_is_locked_out(client, axes_on):
    User.objects.create_user("minh", password="right-horse-battery")
    codes = [attempt(client, "minh", "wrong").status_code for _ in range(3)]
    assert codes == [200, 200, 429]  # the third failure reaches the limit
    locked = attempt(client, "minh", "right-horse-battery")
    assert locked.status_code == 429 and "_auth_user_id" not in client.session


def test_a_shared_address_does_not_lock_out_others(client, axes_on):
    User.objects.create_user("lan", password="lan-password-ok")
    for _ in range(5):
        attempt(client, "someone", "wrong", ip="100.64.0.9")  # one carrier NAT for a commune
    response = attempt(client, "lan", "lan-password-ok", ip="100.64.0.9")
    assert response.status_code == 302 and client.session["_auth_user_id"]


def test_the_same_username_from_another_address_still_logs_in(client, axes_on):
    User.objects.create_user("hoa", password="hoa-password-ok")
    for _ in range(3):
        attempt(client, "hoa", "wrong", ip="10.0.0.2")
    assert attempt(client, "hoa", "hoa-password-ok", ip="10.0.0.3").status_code == 302


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_password_reset_mails_are_throttled(client):
    cache.clear()
    User.objects.create_user("tu", email="tu@example.org", password="x-password-ok")
    codes = [
        client.post("/admin/password_reset/", {"email": "tu@example.org"}).status_code
        for _ in range(8)
    ]
    assert codes[:5] == [302] * 5 and set(codes[5:]) == {403}
    assert len(mail.outbox) == 5


def test_logout_ends_the_session_on_the_server(client):
    user = User.objects.create_user("an", password="an-password-ok")
    client.force_login(user)
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()


def test_sessions_suit_shared_phones(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE <= 24 * 3600
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]

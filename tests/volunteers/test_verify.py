"""Public verification: valid, revoked and unknown codes; the rate limit."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from volunteers import messages
from volunteers.views.certificates import VERIFY_RATE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def test_valid_certificate(client, world):
    cert = world.certification
    response = client.get(reverse("volunteers:verify", args=[cert.code]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Valid certificate" in body or "Chứng nhận hợp lệ" in body
    assert cert.skill.name in body and world.team.name in body
    assert "B. T. L." in body  # Bùi Thị Lan, masked
    assert "Bùi Thị Lan" not in body and "Lan" not in body.split("B. T. L.")[1][:50]


def test_lower_case_and_dashes_are_accepted(client, world):
    code = world.certification.code
    response = client.get(reverse("volunteers:verify", args=[f"{code[:5].lower()}-{code[5:]}"]))
    assert world.certification.skill.name in response.content.decode()


def _body_without_code(response, code):
    body = response.content.decode().replace(code, "CODE")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)  # per-request token


def test_revoked_and_unknown_look_the_same(client, world):
    cert = world.certification
    cert.revoked_at = timezone.now()
    cert.revoked_reason = "Sai"
    cert.save()
    revoked = client.get(reverse("volunteers:verify", args=[cert.code]))
    unknown_code = "ZZZZZZZZZZ"
    unknown = client.get(reverse("volunteers:verify", args=[unknown_code]))
    assert revoked.status_code == unknown.status_code == 200
    assert _body_without_code(revoked, cert.code) == _body_without_code(unknown, unknown_code)
    assert cert.skill.name not in revoked.content.decode()


def test_verify_form_redirects_to_the_code(client, world):
    response = client.get(reverse("volunteers:verify_form"), {"code": " ab cd "})
    assert response.status_code == 302 and response["Location"] == reverse(
        "volunteers:verify", args=["ABCD"]
    )
    assert client.get(reverse("volunteers:verify_form")).status_code == 200


def test_rate_limit(client, world):
    limit = int(VERIFY_RATE.split("/")[0])
    url = reverse("volunteers:verify", args=[world.certification.code])
    statuses = [client.get(url).status_code for _ in range(limit)]
    assert statuses == [200] * limit
    response = client.get(url)
    assert response.status_code == 429
    assert str(messages.RATE_LIMITED) in response.content.decode()
    # another address is not limited
    assert client.get(url, REMOTE_ADDR="10.0.0.9").status_code == 200

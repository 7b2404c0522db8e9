"""CSP without inline script on public and field pages, Permissions-Policy, no-store on personal pages."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

TEMPLATE_DIRS = [
    "literacy/templates",
    "courses/templates",
    "volunteers/templates",
    "reports/templates",
]


def test_public_pages_get_a_strict_csp_and_a_permissions_policy(client):
    response = client.get("/healthz")
    policy = response["Content-Security-Policy"]
    script = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'unsafe-inline'" not in script and "'self'" in script
    assert "frame-ancestors 'none'" in policy
    assert "geolocation=()" in response["Permissions-Policy"]


def test_admin_gets_its_looser_policy(client):
    response = client.get("/admin/login/")
    assert "'unsafe-inline'" in re.search(
        r"script-src ([^;]*)", response["Content-Security-Policy"]
    ).group(1)


def test_personal_pages_and_downloads_are_not_stored(client, django_user_model):
    user = django_user_model.objects.create_user("v", password="pw-long-enough")
    client.force_login(user)
    for path in ("/field/", "/dashboard/", "/reports/"):
        response = client.get(path)
        assert "no-store" in response.get("Cache-Control", ""), path
    assert "no-store" not in client.get("/healthz").get("Cache-Control", "")


def test_no_inline_script_or_handler_in_templates():
    root = Path(__file__).resolve().parents[2]
    found = []
    for folder in TEMPLATE_DIRS:
        for template in (root / folder).rglob("*.html"):
            text = template.read_text()
            for match in re.finditer(r"<script\b([^>]*)>", text):
                if "src=" not in match.group(1) and "application/json" not in match.group(1):
                    found.append(str(template))
            if re.search(r"\son[a-z]+=\"", text):
                found.append(f"{template} (handler)")
    assert found == []


@pytest.mark.parametrize(
    "url", ["/field/?q=%00", "/search/?q=a%00b", "/dashboard/?area=%00", "/verify/?code=%00"]
)
def test_a_nul_character_in_a_query_string_is_a_clear_400(client, url):
    answer = client.get(url)
    assert answer.status_code == 400
    assert "NUL" in answer.content.decode()


def test_a_nul_character_in_a_posted_form_is_a_clear_400(client):
    answer = client.post("/accounts/login/", {"username": "a\x00b", "password": "x"})
    assert answer.status_code == 400

import re

import pytest
from django.conf import settings


def html_lang(response) -> str:
    return re.search(r'<html lang="([a-z-]+)"', response.content.decode()).group(1)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "de", "vi"])
def test_app_screens_follow_the_language_cookie(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/verify/")
    assert response.status_code == 200
    assert html_lang(response) == language
    assert response["Content-Language"] == language


@pytest.mark.django_db
def test_app_screens_fall_back_to_accept_language(client):
    response = client.get("/verify/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    assert html_lang(response) == "de"


@pytest.mark.django_db
def test_content_urls_keep_the_language_of_their_path(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert html_lang(client.get("/search/")) == "vi"
    assert html_lang(client.get("/de/search/")) == "de"


@pytest.mark.django_db
def test_switcher_then_field_login_redirect_keeps_choice(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/verify/"})
    assert response.status_code == 302
    assert html_lang(client.get(response["Location"])) == "en"

"""The interface of the literacy project in Vietnamese, English and German."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "lang", "skip_link", "login"),
    [
        ("", "vi", "Chuyển đến nội dung chính", "Tình nguyện viên đăng nhập"),
        ("/en", "en", "Skip to content", "Volunteer login"),
        ("/de", "de", "Zum Inhalt springen", "Anmeldung für Freiwillige"),
    ],
)
def test_base_template_renders_in_the_language_of_the_url(prefix, lang, skip_link, login):
    html = Client().get(f"{prefix}/accounts/login/").content.decode()
    assert f'<html lang="{lang}"' in html
    assert skip_link in html
    assert login in html


def test_login_page_is_translated():
    assert "Mật khẩu" in Client().get("/accounts/login/").content.decode()
    assert "Passwort" in Client().get("/de/accounts/login/").content.decode()


def test_not_found_page_is_translated():
    response = Client().get("/de/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Seite nicht gefunden" in html
    assert '<a class="button primary" href="/de/">Zur Startseite</a>' in html


def test_language_switcher_form_sets_the_language():
    client = Client()
    html = client.get("/accounts/login/").content.decode()
    assert 'action="/i18n/setlang/"' in html
    assert '<select id="lang-select" name="language">' in html
    assert 'name="next" type="hidden" value="/accounts/login/"' in html

    response = client.post("/i18n/setlang/", {"language": "de", "next": "/accounts/login/"})

    assert response.status_code == 302
    assert response["Location"] == "/de/accounts/login/"
    assert client.cookies["django_language"].value == "de"
    assert 'lang="de"' in client.get(response["Location"]).content.decode()

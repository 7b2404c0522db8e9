from django.test import Client


def test_service_worker_served_from_site_root(db):
    response = Client().get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "max-age=300" in response["Cache-Control"]
    source = response.content.decode()
    # The precache list and version are filled in from the real static URLs.
    assert 'var VERSION = "dev"' not in source
    assert 'var OFFLINE = ["/offline/", "/en/offline/", "/de/offline/"]' in source
    assert '"/de/offline/", "/static/css/site.css"' in source


def test_offline_page_is_translated(db):
    client = Client()
    vi = client.get("/offline/", HTTP_ACCEPT_LANGUAGE="vi")
    assert vi.status_code == 200
    assert "Bạn đang không có mạng" in vi.content.decode()
    de = client.get("/de/offline/")
    assert "Sie sind offline" in de.content.decode()
    assert 'lang="de"' in de.content.decode()


def test_every_page_loads_the_offline_script(db):
    html = Client().get("/offline/").content.decode()
    assert "/static/js/offline.js" in html
    assert "data-saved-list" in html


def test_offline_page_offers_only_what_works_offline(db):
    """No login link and no language form: neither can work without a connection."""
    html = Client().get("/en/offline/").content.decode()
    assert "Volunteer login" not in html and "/accounts/login/" not in html
    assert "/i18n/setlang/" not in html and "lang-select" not in html
    assert "Try again" in html and "data-saved-list" in html and "data-saved-usage" in html


def test_service_worker_keeps_home_pages_and_print_views_from_a_visit(db):
    source = Client().get("/sw.js").content.decode()
    assert 'var VISITED = "visited-v1"' in source
    assert "KEEP_ON_VISIT.test(" in source

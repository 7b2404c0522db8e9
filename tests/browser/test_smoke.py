from tests.browser.conftest import axe_violations


def test_login_page_renders_and_is_accessible(live_server, phone):
    phone.goto(f"{live_server.url}/accounts/login/")
    assert phone.locator("html").get_attribute("lang") == "vi"
    assert phone.locator("#id_username").is_visible()
    assert axe_violations(phone) == []

from django.test import RequestFactory, override_settings

from core.links import absolute_url


@override_settings(SITE_BASE_URL="https://hoc.example.vn/")
def test_the_configured_site_comes_first():
    request = RequestFactory().get("/", HTTP_HOST="other.example")
    assert absolute_url("/verify/ABC/", request) == "https://hoc.example.vn/verify/ABC/"


@override_settings(SITE_BASE_URL="")
def test_without_a_configured_site_the_request_host_is_used():
    request = RequestFactory().get("/", HTTP_HOST="lan.example:8000")
    assert absolute_url("/field/", request) == "http://lan.example:8000/field/"


def test_an_absolute_url_is_left_as_it_is():
    assert absolute_url("https://a.example/x") == "https://a.example/x"

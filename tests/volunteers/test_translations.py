"""The field app speaks Vietnamese and German (catalogues compiled by `make messages`)."""

import pytest
from django.urls import reverse
from django.utils import translation

from volunteers import messages

pytestmark = pytest.mark.django_db

HINT = "compile the catalogues first: make messages"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", "Thời lượng phải từ 1 đến 480 phút."),
        ("de", "Die Dauer muss zwischen 1 und 480 Minuten liegen."),
    ],
)
def test_error_messages_are_translated(language, expected):
    with translation.override(language):
        assert str(messages.DURATION_OUT_OF_RANGE) == expected, HINT


def test_verify_page_in_vietnamese(client, world):
    # Non-prefixed URLs are served in LANGUAGE_CODE (i18n_patterns with prefix_default_language=False).
    response = client.get(reverse("volunteers:verify", args=["UNKNOWN123"]))
    assert "Không phải chứng nhận hợp lệ" in response.content.decode(), HINT

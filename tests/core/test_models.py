"""The search-text mixin keeps a folded copy of the searchable text on every save."""

from core.models import SearchTextMixin


class _Saved:
    """Stands in for Model.save: records what it was asked to write."""

    def save(self, *args, **kwargs):
        self.saved_with = kwargs
        return "saved"


class Note(SearchTextMixin, _Saved):
    search_text_max_length = 12

    def __init__(self, title: str):
        self.title = title
        self.search_text = ""

    def build_search_text(self, extra: str = "") -> str:
        return f"{self.title} {extra}"


def test_save_folds_cuts_and_writes_the_search_text():
    note = Note("Đăng ký Khai sinh")
    assert note.save() == "saved"
    assert note.search_text == "dang ky khai"  # folded, then cut to 12 characters


def test_a_partial_save_writes_the_search_text_too():
    note = Note("Cài VNeID")
    note.save(update_fields=["title"])
    assert note.saved_with["update_fields"] == {"title", "search_text"}
    assert note.search_text == "cai vneid"


def test_bulk_builds_pass_their_parts():
    assert Note("Thôn").folded_search_text(extra="Đồng Bãi") == "thon dong ba"

"""Text helpers shared by every app."""

import unicodedata

from anyascii import anyascii


def fold(text: str | None) -> str:
    """Lower-case ASCII form of `text` for diacritic-insensitive search.

    "Đăng ký khai sinh" and "dang ky khai sinh" fold to the same string
    (anyascii also maps Đ/đ, which Unicode decomposition does not).
    """
    return " ".join(anyascii(text or "").lower().split())


# Vietnamese tone marks (grave, acute, tilde, hook above, dot below): second in the order.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# Letters of the Vietnamese alphabet that follow their base letter: a ă â, d đ, e ê, o ô ơ, u ư.
_AFTER_BASE = {
    "ă": "a\x7f1",
    "â": "a\x7f2",
    "đ": "d\x7f1",
    "ê": "e\x7f1",
    "ô": "o\x7f1",
    "ơ": "o\x7f2",
    "ư": "u\x7f1",
}


def sort_key(text: str | None) -> tuple[str, str]:
    """A key that sorts names as a Vietnamese reader expects, and German ones too.

    Letters first, in the Vietnamese alphabet (Dũng before Đông, all of D before
    Đ), tone marks only to break ties; any other accented letter sorts with its
    base letter (Ärzte with A, ß as ss) instead of after Z as code points do.
    """
    value = (text or "").casefold()
    toneless = unicodedata.normalize(
        "NFC",
        "".join(ch for ch in unicodedata.normalize("NFD", value) if ch not in _TONES),
    )
    primary = "".join(_AFTER_BASE.get(ch) or anyascii(ch) for ch in toneless)
    return primary, value

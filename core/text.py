"""Text helpers shared by every app."""

from anyascii import anyascii


def fold(text: str | None) -> str:
    """Lower-case ASCII form of `text` for diacritic-insensitive search.

    "Đăng ký khai sinh" and "dang ky khai sinh" fold to the same string
    (anyascii also maps Đ/đ, which Unicode decomposition does not).
    """
    return " ".join(anyascii(text or "").lower().split())

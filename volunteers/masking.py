"""Showing people without naming them."""


def initials(name: str | None) -> str:
    """'Bùi Thị Lan' -> 'B. T. L.'; empty for an empty name."""
    return " ".join(f"{part[0].upper()}." for part in (name or "").split() if part)

"""Short unguessable codes: certificate verification codes and household card codes."""

import secrets

# Crockford's base32: no I, L, O, U, so a code read aloud or typed is not misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def random_code(length: int) -> str:
    """`length` random characters of the alphabet (5 bits each)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise(code: str) -> str:
    """Upper-case, without spaces or dashes, with look-alike letters mapped (o->0, i/l->1)."""
    cleaned = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return cleaned.translate(_TYPOS)

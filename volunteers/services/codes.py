"""Short unguessable codes: certificate verification codes and household card codes.

The one alphabet and the one generator of codes: the services, the demo
loader and the load-data generator all draw from `random_code`, so every
code they make survives `normalise` unchanged and can be looked up.
"""

from __future__ import annotations

import random
import secrets

# Crockford's base32: no I, L, O, U, so a code read aloud or typed is not misread.
# None of its symbols is changed by `normalise` (tests/volunteers/test_codes.py).
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def random_code(length: int, rng: random.Random | None = None) -> str:
    """`length` random characters of the alphabet (5 bits each).

    Real codes come from `secrets`; pass a seeded `rng` only for reproducible
    synthetic data (the demo and the load data), never for codes handed out.
    """
    choice = secrets.choice if rng is None else rng.choice
    return "".join(choice(ALPHABET) for _ in range(length))


def normalise(code: str) -> str:
    """Upper-case, without spaces or dashes, with look-alike letters mapped (o->0, i/l->1)."""
    cleaned = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return cleaned.translate(_TYPOS)

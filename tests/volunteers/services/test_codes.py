"""services.codes: one alphabet that `normalise` leaves alone, one generator for every caller."""

import random

from volunteers.services.codes import ALPHABET, normalise, random_code


def test_the_alphabet_is_crockford_base32_and_survives_normalise():
    assert len(ALPHABET) == len(set(ALPHABET)) == 32  # 5 bits a symbol
    assert not set(ALPHABET) & set("ILOU")
    # A symbol that normalise changes could be issued but never looked up.
    assert normalise(ALPHABET) == ALPHABET
    assert normalise(ALPHABET.lower()) == ALPHABET


def test_random_code_from_secrets_uses_the_alphabet():
    codes = {random_code(10) for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == 10 and normalise(code) == code for code in codes)


def test_random_code_with_a_seeded_generator_is_reproducible():
    first = [random_code(10, random.Random(7)) for _ in range(3)]
    again = [random_code(10, random.Random(7)) for _ in range(3)]
    assert first == again and len(set(first)) == 1
    rng = random.Random(8)
    drawn = "".join(random_code(10, rng) for _ in range(500))
    assert set(drawn) == set(ALPHABET)  # every symbol turns up, and nothing else

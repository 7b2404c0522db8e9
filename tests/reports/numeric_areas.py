"""Two areas whose official code and primary key cross: Vietnam's codes are numbers too.

``coded`` has the official code "79" (as Hồ Chí Minh City does) and some
other primary key; ``keyed`` has the primary key 79 and, as its code, the
other area's primary key. Whoever mixes up codes and keys gets the wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.volunteers.factories import AreaFactory
from volunteers.models import Area

NUMERIC_PK = 79


@dataclass(frozen=True)
class NumericAreas:
    coded: Area  # code "79", pk not 79
    keyed: Area  # pk 79, code = coded.pk


def add_numeric_areas(parent: Area) -> NumericAreas:
    """Two communes below `parent` whose numeric code and primary key cross."""
    assert not Area.objects.filter(pk=NUMERIC_PK).exists()
    coded = AreaFactory(parent=parent, name="Phường Bảy Chín", level="commune", code="79")
    assert coded.pk != NUMERIC_PK
    keyed = AreaFactory(
        parent=parent, name="Xã Khóa Chính", level="commune", code=str(coded.pk), pk=NUMERIC_PK
    )
    return NumericAreas(coded=coded, keyed=keyed)

"""The demo province: three districts, two communes each, three villages per commune."""

from __future__ import annotations

from dataclasses import dataclass

from volunteers.models import Area

from .vocabulary import DEMO_GEOGRAPHY

PROVINCE_CODE = "DEMO-17"


@dataclass
class DemoTree:
    province: Area
    districts: list[Area]
    communes: list[tuple[Area, list[Area]]]  # each commune with its villages


def build_tree() -> DemoTree:
    """Create the province, its districts, communes and villages (codes DEMO-17-1-2-3)."""
    province = Area.add_root(name="Tỉnh Hòa Bình", level=Area.Level.PROVINCE, code=PROVINCE_CODE)
    tree = DemoTree(province=province, districts=[], communes=[])
    for d, (district_name, district_communes) in enumerate(DEMO_GEOGRAPHY.items(), start=1):
        district = province.add_child(
            name=district_name, level=Area.Level.DISTRICT, code=f"{PROVINCE_CODE}-{d}"
        )
        tree.districts.append(district)
        for c, (commune_name, village_names) in enumerate(district_communes.items(), start=1):
            commune = district.add_child(
                name=commune_name, level=Area.Level.COMMUNE, code=f"{district.code}-{c}"
            )
            villages = [
                commune.add_child(
                    name=village, level=Area.Level.VILLAGE, code=f"{commune.code}-{v}"
                )
                for v, village in enumerate(village_names, start=1)
            ]
            tree.communes.append((commune, villages))
    return tree

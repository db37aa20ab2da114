"""tidings eval geo: readers, alignment, metrics; score floors on the shared corpora."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.conftest import shared_path
from tidings.errors import EvalDataError
from tidings.eval.geo import auc
from tidings.eval.geo_data import align, find_corpora, read_geovirus
from tidings.pipeline import Resources


def test_auc_bounds_and_shape() -> None:
    assert auc([0.0, 0.0, 0.0]) == 0.0
    assert auc([20039.0, 20039.0]) == pytest.approx(1.0)
    # Half perfect, half at the maximum error: the trapezoid between them.
    half = auc([0.0, 0.0, 20039.0, 20039.0])
    assert 0.4 < half < 0.6
    one = auc([math.e - 1])  # ln(1 + km) == 1
    assert one == pytest.approx(1 / math.log(20040))


def test_align_finds_the_name_near_a_drifted_offset() -> None:
    text = "Rain fell on Tbilisi and on Gori."
    assert align(text, "Gori", 28, 32) == (28, 32)
    assert align(text, "Gori", 29, 33) == (28, 32)
    assert align(text, "Gori", 24, 28) == (28, 32)
    assert align(text, "Batumi", 3, 9) == (3, 9)  # absent: keep the stored offsets


def test_geovirus_offsets_are_shifted_by_one(tmp_path: Path) -> None:
    text = "Officials in Lusaka reported cases."
    s = text.index("Lusaka") + 1
    xml = (f"<articles><article><source>x</source><text>{text}</text><locations>"
           f"<location><name>Lusaka</name><start>{s}</start><end>{s + 6}</end>"
           "<lat>-15.4</lat><lon>28.3</lon><page>p</page></location></locations>"
           "</article></articles>")
    path = tmp_path / "GeoVirus.xml"
    path.write_text(xml, encoding="utf-8")
    doc = next(read_geovirus(path))
    t = doc.toponyms[0]
    assert text[t.start:t.end] == "Lusaka" and t.geonameid is None


def test_find_corpora_in_a_parent_folder_and_errors(tmp_path: Path) -> None:
    (tmp_path / "lgl").mkdir()
    (tmp_path / "lgl" / "lgl.xml").write_text("<articles/>", encoding="utf-8")
    assert find_corpora(tmp_path) == {"lgl": tmp_path / "lgl" / "lgl.xml"}
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(EvalDataError, match=r"GWN\.xml"):
        find_corpora(empty)


# Floors a little below what the first documents of each corpus score (measured; see
# docs/geo.md for the full-corpus figures).
FLOORS = {
    "lgl": {"acc_161": 0.80, "exact_id": 0.76, "rec_f1": 0.55},
    "geowebnews": {"acc_161": 0.80, "exact_id": 0.76, "rec_f1": 0.60},
    "geovirus": {"acc_161": 0.75, "rec_f1": 0.70},
}


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.parametrize("corpus", ["lgl", "geowebnews", "geovirus"])
def test_score_floors(resources: Resources, corpus: str) -> None:
    from tidings.eval.geo import evaluate

    data = shared_path(corpus)
    result = evaluate(data, nlp=resources.nlp, gazetteer=resources.gazetteer, limit=80)
    for metric, floor in FLOORS[corpus].items():
        assert result.metrics[f"{corpus}.{metric}"] >= floor, (metric, result.metrics)

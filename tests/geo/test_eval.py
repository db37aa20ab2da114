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


# Floors a little below what the first 80 documents of each corpus score (measured:
# LGL 0.869 / 0.831 / rec F1 0.710; GeoWebNews 0.878 / 0.823 / 0.762; GeoVirus 0.844 /
# rec F1 0.842). Full-corpus figures are in docs/geo.md.
FLOORS = {
    "lgl": {"acc_161": 0.85, "exact_id": 0.81, "rec_f1": 0.68},
    "geowebnews": {"acc_161": 0.86, "exact_id": 0.80, "rec_f1": 0.74},
    "geovirus": {"acc_161": 0.82, "rec_f1": 0.81},
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


def test_evaluate_end_to_end_on_a_small_lgl_file(tmp_path: Path, resources: Resources) -> None:
    from tidings.eval.geo import evaluate

    text = "A grain elevator burned in Paris, Texas, and smoke drifted toward Oklahoma."
    spans = [("Paris", 4717560, 33.66094, -95.55551), ("Texas", 4736286, 31.25044, -99.25061),
             ("Oklahoma", 4544379, 35.49209, -97.50328)]
    tops = "".join(
        f"<toponym><start>{text.index(n)}</start><end>{text.index(n) + len(n)}</end>"
        f"<phrase>{n}</phrase><gaztag geonameid=\"{gid}\"><name>{n}</name><fclass>P</fclass>"
        f"<fcode>PPL</fcode><lat>{lat}</lat><lon>{lon}</lon></gaztag></toponym>"
        for n, gid, lat, lon in spans)
    (tmp_path / "lgl.xml").write_text(
        f"<articles><article docid=\"1\"><text>{text}</text><toponyms>{tops}</toponyms>"
        "</article></articles>", encoding="utf-8")
    result = evaluate(tmp_path, nlp=resources.nlp, gazetteer=resources.gazetteer)
    assert result.n == 3 and len(result.predictions) == 3
    assert result.metrics["lgl.acc_161"] == 1.0
    assert result.metrics["lgl.exact_id"] == 1.0
    assert result.metrics["lgl.auc"] < 0.2
    assert result.metrics["lgl.rec_recall"] > 0.6
    paris = next(p for p in result.predictions if p["text"] == "Paris")
    assert paris["method"] == "containment" and paris["error_km"] < 5

"""The event type table: every CAMEO code, its quad class, Goldstein score and PLOVER type."""

from __future__ import annotations

import pytest

from tidings.lexicon import Lexicon
from tidings.records import PLOVER_TYPES


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.load()


def test_every_root_and_its_subcodes(lex: Lexicon) -> None:
    roots = {c[:2] for c in lex.codes}
    assert roots == {f"{r:02d}" for r in range(1, 21)}
    assert len(lex.codes) >= 290
    for code in ("0234", "0334", "074", "0874", "1056", "1383", "1724", "1823", "2042"):
        assert code in lex.codes


def test_quad_classes_follow_the_roots(lex: Lexicon) -> None:
    for code, info in lex.codes.items():
        root = int(code[:2])
        expected = 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4
        assert info.quad_class == expected, code


def test_goldstein_scores_are_on_the_scale_and_signed_by_quad(lex: Lexicon) -> None:
    for code, info in lex.codes.items():
        assert -10.0 <= info.goldstein <= 10.0, code
        if info.quad_class == 4:
            assert info.goldstein < 0, code
    assert lex.codes["0874"].goldstein == 10.0 and lex.codes["190"].goldstein == -10.0


def test_plover_types(lex: Lexicon) -> None:
    types = {info.plover_type for info in lex.codes.values()}
    assert types == {*PLOVER_TYPES, "STATEMENT"}
    assert {lex.codes[c].plover_type for c in lex.codes if c.startswith("01")} == {"STATEMENT"}
    assert {lex.codes[c].plover_type for c in lex.codes if c.startswith("02")} == {"REQUEST"}
    assert lex.codes["0874"].plover_type == "RETREAT"
    assert (lex.codes["0874"].plover_mode, lex.codes["0874"].plover_context) == (
        "disarm", ("military",))
    assert lex.codes["173"].plover_mode == "arrest"


def test_acled_columns_hold_the_crosswalk(lex: Lexicon) -> None:
    from tidings.events.acled import CASE_CODES, EVENT_TYPE

    mapped = [info for info in lex.codes.values() if info.acled_sub_event_type]
    assert mapped, "the ACLED crosswalk is empty"
    for info in mapped:
        assert info.acled_sub_event_type in CASE_CODES
        assert EVENT_TYPE[info.acled_sub_event_type] == info.acled_event_type
    assert lex.codes["010"].acled_event_type == ""


def test_info_falls_back_to_the_parent_code(lex: Lexicon) -> None:
    assert lex.info("0231").code == "0231"
    assert lex.info("19x9").code == "190"
    with pytest.raises(KeyError):
        lex.info("99")


def test_composition(lex: Lexicon) -> None:
    assert lex.composed("appeal", "074") == "0234"
    assert lex.composed("intent", "074") == "0334"
    assert lex.composed("demand", "0874") == "1056"
    assert lex.composed("reject", "0231") == "1221"
    assert lex.composed("threaten", "183") == "1383"
    assert lex.composed("support", "190") == "190"
    assert lex.composed("appeal", None) == "020"

"""The pattern language and the pattern files."""

from __future__ import annotations

import pytest

from tidings.lexicon import Lexicon, PatternError
from tidings.lexicon.patterns import parse_classes, parse_line
from tidings.lexicon.table import PATTERN_FAMILIES

CODES = {"020", "023", "190", "0874"}
CLASSES = parse_classes("AID: aid assistance help\nFORCE: troop @AID\n  army\n")


def test_classes_nest_and_continue() -> None:
    assert CLASSES["FORCE"] == {"troop", "army", "aid", "assistance", "help"}
    with pytest.raises(PatternError, match="includes itself"):
        parse_classes("A: @B\nB: @A\n")


def test_a_line_with_alternatives_and_constraints() -> None:
    pats = parse_line("023 v appeal|plead for:@AID tgt=to,obj frame=appeal", CLASSES, "request",
                      7, CODES)
    assert [p.lemma for p in pats] == ["appeal", "plead"]
    p = pats[0]
    assert (p.code, p.frame, p.tgt, p.family, p.line) == ("023", "appeal", ("to", "obj"),
                                                          "request", 7)
    (c,) = p.constraints
    assert (c.kind, c.key, c.values) == ("prep", "for", frozenset({"aid", "assistance", "help"}))


def test_specificity_prefers_named_words() -> None:
    (named,) = parse_line("190 v fire obj:@AID", CLASSES, "assault", 1, CODES)
    (any_obj,) = parse_line("190 v fire obj:*", CLASSES, "assault", 2, CODES)
    (prt,) = parse_line("0874 v pull +out", CLASSES, "retreat", 3, CODES)
    assert named.specificity > any_obj.specificity and prt.specificity == 2


@pytest.mark.parametrize("line, message", [
    ("999 v attack", "not in cameo.tsv"),
    ("190 x attack", "POS must be"),
    ("190 v attack obj:@NOPE", "unknown class"),
    ("- v launch", "must declare a frame"),
    ("190 v attack frame=maybe", "unknown frame"),
    ("190", "expected 'CODE POS LEMMA"),
])
def test_errors_name_the_file_and_line(line: str, message: str) -> None:
    with pytest.raises(PatternError, match=message) as err:
        parse_line(line, CLASSES, "assault", 12, CODES)
    assert "patterns/assault.txt line 12" in str(err.value) or "classes" in str(err.value)


def test_every_family_file_loads_and_codes_its_own_type() -> None:
    lex = Lexicon.load()
    families: dict[str, set[str]] = {}
    for table in (lex.verbs, lex.nouns, lex.adjectives):
        for pats in table.values():
            for p in pats:
                if p.code:
                    families.setdefault(p.family, set()).add(lex.info(p.code).plover_type)
    assert set(PATTERN_FAMILIES) - {"frames"} <= set(families)
    for family, types in families.items():
        if family.upper() in types or family == "statement":
            continue
        raise AssertionError(f"patterns/{family}.txt codes no {family.upper()} event: {types}")


def test_lookup_is_by_lemma() -> None:
    lex = Lexicon.load()
    assert "attack" in lex.verbs and "attack" in lex.nouns
    assert all(p.lemma == "appeal" for p in lex.verbs["appeal"])
    pats = lex.verbs["withdraw"]
    assert [p.specificity for p in pats] == sorted((p.specificity for p in pats), reverse=True)

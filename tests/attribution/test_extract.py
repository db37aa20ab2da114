"""Attribution relations on news-style sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from tidings.annotations import AttributionRelation
from tidings.attribution.extract import Extractor
from tidings.attribution.quotes import find_quotes
from tidings.pipeline import Resources

Rels = Callable[[str], tuple[str, list[AttributionRelation]]]


@pytest.fixture(scope="module")
def rels(resources: Resources) -> Rels:
    assert resources.nlp is not None
    nlp = resources.nlp
    ex = Extractor()

    def run(text: str) -> tuple[str, list[AttributionRelation]]:
        doc: Doc = nlp(text)
        return text, ex.relations(doc)

    return run


def _cut(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0]:span[1]]


def _find(text: str, rs: list[AttributionRelation], cue: str) -> AttributionRelation:
    found = [r for r in rs if _cut(text, r.cue) == cue]
    assert found, [(r.cue_text, r.source_text) for r in rs]
    return found[0]


def test_said_that_clause(rels: Rels) -> None:
    text, rs = rels("The finance minister said that the budget deficit would shrink next year.")
    r = _find(text, rs, "said")
    assert _cut(text, r.source) == "The finance minister"
    assert _cut(text, r.content) == "that the budget deficit would shrink next year"


def test_said_without_that(rels: Rels) -> None:
    text, rs = rels("Local officials said the bridge had been closed since Monday.")
    r = _find(text, rs, "said")
    assert _cut(text, r.source) == "Local officials"
    assert "the bridge had been closed since Monday" in (_cut(text, r.content) or "")


def test_inverted_the_minister_said(rels: Rels) -> None:
    text, rs = rels("Talks with the rebels will resume in Geneva next week, the minister said.")
    r = _find(text, rs, "said")
    assert _cut(text, r.source) == "the minister"
    assert _cut(text, r.content) == "Talks with the rebels will resume in Geneva next week"


def test_told_with_hearer(rels: Rels) -> None:
    text, rs = rels("The ceasefire is holding, the general told reporters in the capital.")
    r = _find(text, rs, "told")
    assert _cut(text, r.source) == "the general"
    assert _cut(text, r.content) == "The ceasefire is holding"


def test_according_to(rels: Rels) -> None:
    text, rs = rels("According to the health ministry, twelve people were injured in the blast.")
    r = _find(text, rs, "According to")
    assert _cut(text, r.source) == "the health ministry"
    assert _cut(text, r.content) == "twelve people were injured in the blast"


def test_according_to_at_the_end(rels: Rels) -> None:
    text, rs = rels("Four soldiers were killed near the border, according to local media.")
    r = _find(text, rs, "according to")
    assert _cut(text, r.source) == "local media"
    assert _cut(text, r.content) == "Four soldiers were killed near the border"


def test_denied(rels: Rels) -> None:
    text, rs = rels("The embassy denied that its staff had met the opposition leaders.")
    r = _find(text, rs, "denied")
    assert _cut(text, r.source) == "The embassy"
    assert "its staff had met the opposition leaders" in (_cut(text, r.content) or "")


def test_claimed(rels: Rels) -> None:
    text, rs = rels("The armed group claimed responsibility for the attack on the convoy.")
    r = _find(text, rs, "claimed")
    assert _cut(text, r.source) == "The armed group"
    assert "responsibility for the attack" in (_cut(text, r.content) or "")


def test_reportedly_has_no_source(rels: Rels) -> None:
    text, rs = rels("The governor reportedly resigned after the protests.")
    r = _find(text, rs, "reportedly")
    assert r.source is None
    assert "resigned after the protests" in (_cut(text, r.content) or "")


def test_direct_quote_before_cue(rels: Rels) -> None:
    text, rs = rels("“We will not negotiate under threats,” the prime minister said on Friday.")
    r = _find(text, rs, "said")
    assert _cut(text, r.source) == "the prime minister"
    assert _cut(text, r.content) == "“We will not negotiate under threats,”"


def test_colon_then_quote(rels: Rels) -> None:
    text, rs = rels("The spokeswoman added: “No decision has been taken yet.”")
    r = _find(text, rs, "added:")  # the colon belongs to the cue, as in PolNeAR
    assert _cut(text, r.source) == "The spokeswoman"
    assert _cut(text, r.content) == "“No decision has been taken yet.”"


def test_quote_over_several_sentences_and_paragraphs(rels: Rels) -> None:
    text = ("“The harvest was the worst in a decade. Prices will rise before winter,” "
            "the farmers' union chairman told the radio station.\n\n"
            "“We have asked the government for help. So far there has been no answer.”\n\n"
            "The ministry did not comment.")
    text, rs = rels(text)
    said = [r for r in rs if r.cue_text == "told"]
    contents = [_cut(text, r.content) for r in said]
    assert any(c and c.startswith("“The harvest") and "before winter" in c for c in contents)
    assert any(c and c.startswith("“We have asked") and c.endswith("no answer.”")
               for c in contents), contents
    assert all(_cut(text, r.source) == "the farmers' union chairman" for r in said)


def test_anonymous_quote_marks_continue_until_closed() -> None:
    text = "“First part. Second part.\n\n“Third part,” she said."
    quotes = find_quotes(text)
    assert [text[q.start:q.end] for q in quotes] == ["“First part. Second part.",
                                                     "“Third part,”"]
    assert quotes[1].continues


def test_no_cue_inside_a_quote(rels: Rels) -> None:
    _text, rs = rels("“I think the vote was rigged,” the candidate said.")
    assert [r.cue_text for r in rs] == ["said"]


def test_passive_quoted_as_saying_by_agency(rels: Rels) -> None:
    text, rs = rels("“The pipeline was damaged in two places,” an energy ministry official "
                    "was quoted as saying by Interfax.")
    outer = [r for r in rs if r.source_text == "Interfax"]
    inner = [r for r in rs if r.source_text == "an energy ministry official"]
    assert outer and inner
    assert inner[0].parent == rs.index(outer[0])
    assert _cut(text, inner[0].content) == "“The pipeline was damaged in two places,”"


def test_citing_nested_sources(rels: Rels) -> None:
    text, rs = rels("Gunmen stormed a police station in the south overnight, Reuters reported, "
                    "citing two security officials.")
    outer = [r for r in rs if r.source_text == "Reuters"]
    cited = [r for r in rs if r.source_text == "two security officials"]
    assert outer and cited, [(r.source_text, r.cue_text) for r in rs]
    assert cited[0].parent == rs.index(outer[0])
    assert "Gunmen stormed a police station" in (_cut(text, cited[0].content) or "")


def test_passive_without_agent_is_no_claim(rels: Rels) -> None:
    _text, rs = rels("No weapons were found during the search of the building.")
    assert rs == []


@pytest.mark.parametrize("text", ["", "   ", "“", "\"an unclosed quote and more words",
                                  "According to", "Said.", ":", "reportedly"])
def test_odd_inputs_do_not_break(rels: Rels, text: str) -> None:
    _text, rs = rels(text)
    for r in rs:
        assert 0 <= r.content[0] <= r.content[1] <= len(text)


def test_agency_reports_referring_to_its_sources(rels: Rels) -> None:
    text, rs = rels("Border guards detained two smugglers near the river, Interfax reports "
                    "referring to its sources in the customs service.")
    outer = _find(text, rs, "reports")
    cited = _find(text, rs, "referring to")
    assert _cut(text, outer.source) == "Interfax"
    assert _cut(text, cited.source) == "its sources in the customs service"
    assert cited.parent == rs.index(outer)
    assert _cut(text, cited.content) == "Border guards detained two smugglers near the river"


def test_citing_between_cue_and_clause(rels: Rels) -> None:
    text, rs = rels("Xinhua reports, citing local officials, that floods have destroyed "
                    "hundreds of homes.")
    outer = _find(text, rs, "reports")
    assert _cut(text, outer.content) == "that floods have destroyed hundreds of homes"
    cited = _find(text, rs, "citing")
    assert _cut(text, cited.source) == "local officials"
    assert cited.parent == rs.index(outer)

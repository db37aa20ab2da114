"""Refutation across sentences and paragraphs, on short documents written for these tests.

The stage is run on hand-made event mentions so that these tests depend only on the
factuality code, not on which events the event stage finds.
"""

from __future__ import annotations

from typing import Any

from tidings.annotations import Analysis, EventMention
from tidings.factuality import FactualityStage
from tidings.records import AttributionLink, Document, Factuality


def _run(nlp: Any, text: str, triggers: list[tuple[str, str]],
         attribution: list[AttributionLink] | None = None) -> dict[str, Factuality]:
    """Factuality of each (trigger word, CAMEO code); the word's first occurrence."""
    doc = nlp(text)
    analysis = Analysis(document=Document.from_text(text), doc=doc)
    for word, code in triggers:
        tok = next(t for t in doc if t.text == word)
        analysis.mentions.append(EventMention(
            trigger_token=tok.i, trigger=(tok.idx, tok.idx + len(tok.text)),
            sentence=(tok.sent.start_char, tok.sent.end_char), code=code,
            attribution=list(attribution or [])))
    FactualityStage().__call__(analysis)
    out = {}
    for (word, _), m in zip(triggers, analysis.mentions, strict=True):
        assert m.factuality is not None
        out[word] = m.factuality
    return out


HOAX = ("Police evacuated a school in Leeds on Monday after a caller said a bomb had been "
        "planted in the gym.\n\n"
        "Officers searched the building for three hours.\n\n"
        "The threat later proved to be a hoax, a police spokeswoman said.")


def test_a_hoax_two_paragraphs_later_refutes_the_threat(nlp: Any) -> None:
    f = _run(nlp, HOAX, [("planted", "1383"), ("evacuated", "0874"), ("searched", "090")])
    assert f["planted"].label == "refuted"
    assert f["planted"].score == -3.0
    assert f["planted"].evidence is not None and "hoax" in f["planted"].evidence
    span = f["planted"].evidence_span
    assert span is not None and HOAX[span[0]:span[1]] == f["planted"].evidence
    # what really happened stays asserted
    assert f["evacuated"].label == "asserted"
    assert f["searched"].label == "asserted"


def test_nothing_found_refutes_the_bomb_threat_not_the_search(nlp: Any) -> None:
    text = ("An anonymous caller warned that explosives had been hidden at the central "
            "station.\n\nPolice checked the station overnight. No explosives were found.")
    f = _run(nlp, text, [("hidden", "1383"), ("checked", "090")])
    assert f["hidden"].label == "refuted"
    assert "found" in (f["hidden"].evidence or "")
    assert f["checked"].label == "asserted"


def test_reports_were_untrue(nlp: Any) -> None:
    text = ("Several websites reported that rebels had shelled the airport.\n\n"
            "The reports were untrue, the defence ministry said on Friday.")
    f = _run(nlp, text, [("shelled", "195")])
    assert f["shelled"].label == "refuted"


def test_a_refutation_does_not_reach_later_events(nlp: Any) -> None:
    text = ("The bomb threat against the embassy turned out to be false.\n\n"
            "On Friday, unknown persons threatened to blow up the consulate.")
    f = _run(nlp, text, [("threatened", "1383")])
    assert f["threatened"].label != "refuted"


def test_unrelated_events_are_not_refuted(nlp: Any) -> None:
    text = ("The president met the prime minister in Minsk on Monday. A caller claimed "
            "that a bomb had been left at the embassy.\n\nThe claim was false.")
    f = _run(nlp, text, [("met", "040"), ("left", "1383")])
    assert f["met"].label == "asserted"
    assert f["left"].label == "refuted"


def test_a_statement_that_is_not_a_refutation(nlp: Any) -> None:
    text = ("Gunmen attacked a checkpoint near the border.\n\n"
            "The reports were not false, officials insisted.")
    f = _run(nlp, text, [("attacked", "190")])
    assert f["attacked"].label != "refuted"


def test_reported_from_the_attribution_chain(nlp: Any) -> None:
    text = "Rebels shelled the airport, the ministry said."
    chain = [AttributionLink(text="Asia-Plus", kind="outlet"),
             AttributionLink(text="the ministry", kind="agency", cue="said",
                             cue_start=text.index("said"), cue_end=text.index("said") + 4)]
    f = _run(nlp, text, [("shelled", "195")], attribution=chain)
    assert f["shelled"].label == "reported"
    assert f["shelled"].evidence == "said" and f["shelled"].evidence_span == [41, 45]
    only_outlet = _run(nlp, text, [("shelled", "195")], attribution=chain[:1])
    assert only_outlet["shelled"].label == "asserted"


def test_a_modal_outranks_the_source(nlp: Any) -> None:
    text = "Rebels may shell the airport, the ministry said."
    chain = [AttributionLink(text="Asia-Plus", kind="outlet"),
             AttributionLink(text="the ministry", kind="agency", cue="said")]
    f = _run(nlp, text, [("shell", "195")], attribution=chain)
    assert f["shell"].label == "possible"


def test_a_refutation_about_another_place_does_not_reach(nlp: Any) -> None:
    from tidings.records import Place

    text = ("A bomb exploded at a market in Kabul on Monday, killing five people.\n\n"
            "On Tuesday a caller said a bomb had been planted at the airport in Herat.\n\n"
            "No explosives were found at the airport in Herat, police said.")
    doc = nlp(text)
    analysis = Analysis(document=Document.from_text(text), doc=doc)
    for name, gid in (("Kabul", 1138958), ("Herat", 1140026)):
        for i in range(text.count(name)):
            start = text.index(name) if i == 0 else text.index(name, text.index(name) + 1)
            analysis.places.append(Place(text=name, name=name, geonameid=gid, start=start,
                                         end=start + len(name)))
    for word, code in (("exploded", "183"), ("planted", "1383")):
        tok = next(t for t in doc if t.text == word)
        analysis.mentions.append(EventMention(
            trigger_token=tok.i, trigger=(tok.idx, tok.idx + len(tok.text)),
            sentence=(tok.sent.start_char, tok.sent.end_char), code=code))
    FactualityStage()(analysis)
    exploded, planted = analysis.mentions
    assert planted.factuality is not None and planted.factuality.label == "refuted"
    assert exploded.factuality is not None and exploded.factuality.label == "asserted"

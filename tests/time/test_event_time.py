"""Event time assignment on hand-placed event mentions (the events stage is not needed)."""

from __future__ import annotations

from datetime import date

from tidings.annotations import Analysis, EventMention
from tidings.pipeline import Resources
from tidings.records import Document, TimeValue
from tidings.time import EventTimeStage, TimexStage

DCT = date(2022, 1, 12)


def run(resources: Resources, text: str, triggers: list[str],
        dct: date | None = DCT) -> dict[str, TimeValue | None]:
    """Mentions on the first token of each trigger word; returns trigger -> its time."""
    assert resources.nlp is not None
    doc = resources.nlp(text)
    analysis = Analysis(document=Document.from_text(text), doc=doc, dct=dct)
    TimexStage()(analysis)
    for word in triggers:
        tok = next(t for t in doc if t.text == word)
        sent = tok.sent
        analysis.mentions.append(EventMention(
            trigger_token=tok.i, trigger=(tok.idx, tok.idx + len(tok)),
            sentence=(sent.start_char, sent.end_char), code="010"))
    EventTimeStage()(analysis)
    return {w: m.time for w, m in zip(triggers, analysis.mentions, strict=True)}


def test_governing_modifier_wins_over_other_times(resources: Resources) -> None:
    got = run(resources, "The rebels attacked the convoy on Monday, a week after the army "
                         "shelled their camp on January 2.", ["attacked", "shelled"])
    assert got["attacked"] is not None and got["attacked"].value == "2022-01-10"
    assert got["shelled"] is not None and got["shelled"].value == "2022-01-02"
    assert not got["attacked"].assumed


def test_noun_event_takes_its_clause_time_not_the_speech_time(resources: Resources) -> None:
    text = ("The withdrawal of the peacekeepers will begin in two days, the president told "
            "parliament yesterday.")
    got = run(resources, text, ["withdrawal", "told"])
    w = got["withdrawal"]
    assert w is not None and (w.value, w.anchor) == ("2022-01-13", "speech:2022-01-11")
    t = got["told"]
    assert t is not None and t.value == "2022-01-11"


def test_duration_of_the_event_is_kept(resources: Resources) -> None:
    got = run(resources, "The evacuation will take no more than five days.", ["evacuation"])
    tv = got["evacuation"]
    assert tv is not None
    assert (tv.duration, tv.mod, tv.assumed) == ("P5D", "EQUAL_OR_LESS", True)


def test_narrative_time_within_a_paragraph(resources: Resources) -> None:
    text = ("Gunmen stormed the town hall on January 8. They took twelve hostages.\n\n"
            "The ministry condemned the violence.")
    got = run(resources, text, ["stormed", "took", "condemned"])
    assert got["stormed"] is not None and got["stormed"].value == "2022-01-08"
    took = got["took"]
    assert took is not None
    assert (took.value, took.assumed, took.anchor) == ("2022-01-08", True,
                                                       "narrative:2022-01-08")
    # a new paragraph does not inherit: the document date, marked as an assumption
    cond = got["condemned"]
    assert cond is not None
    assert (cond.value, cond.assumed, cond.anchor, cond.text) == ("2022-01-12", True,
                                                                  "assumed:dct", "")


def test_no_time_and_no_dct_gives_no_time(resources: Resources) -> None:
    got = run(resources, "The ministry condemned the violence.", ["condemned"], dct=None)
    assert got["condemned"] is None


def test_time_modifying_an_event_noun(resources: Resources) -> None:
    got = run(resources, "The January 5 appeal by the president was rejected by the court.",
              ["appeal"])
    tv = got["appeal"]
    assert tv is not None and (tv.value, tv.assumed) == ("2022-01-05", False)

"""The seed article's times (foundation issue): expressions and the events' times.

Skipped when ../shared is absent. Event checks apply to the events the events stage
finds; each is located by its trigger word and a phrase of its sentence.
"""

from __future__ import annotations

import pytest

from tidings.annotations import Analysis


def _timex(seed: Analysis, text: str) -> tuple[str | None, str | None, str | None]:
    hits = [t for t in seed.timexes if t.text == text]
    assert hits, f"{text!r} not found among {[t.text for t in seed.timexes]}"
    return hits[0].value, hits[0].mod, hits[0].anchor


def test_seed_expressions(seed: Analysis) -> None:
    value, _, anchor = _timex(seed, "Yesterday afternoon")
    assert value is not None and value.startswith("2022-01-11")  # inside the TASS quote
    assert anchor == "dct:2022-01-12"
    assert _timex(seed, "January 5")[0] == "2022-01-05"
    assert _timex(seed, "January 6")[0] == "2022-01-06"
    assert _timex(seed, "January 7")[0] == "2022-01-07"
    # "in two days, Tokayev told the Kazakh parliament yesterday": from the speech act
    assert _timex(seed, "two days") == ("2022-01-13", None, "speech:2022-01-11")
    assert _timex(seed, "yesterday")[0] == "2022-01-11"
    assert _timex(seed, "not more than ten days")[:2] == ("P10D", "EQUAL_OR_LESS")
    assert _timex(seed, "30-year")[0] == "P30Y"


EXPECTED = [
    # (trigger prefix, phrase of its sentence, expected value, explicit in the text)
    ("appeal", "on January 5 appealed", "2022-01-05", True),
    ("deploy", "began deploying", "2022-01-06", True),
    ("threat", "on January 7 sent letters", "2022-01-07", True),
    ("withdraw", "will begin in two days", "2022-01-13", True),
]


def test_seed_event_times(seed: Analysis) -> None:
    text = seed.document.text
    checked = 0
    for prefix, phrase, value, explicit in EXPECTED:
        for ev in seed.events:
            s0, s1 = ev.evidence.sentence
            t0, t1 = ev.evidence.trigger
            if phrase in text[s0:s1] and text[t0:t1].lower().startswith(prefix):
                assert ev.time is not None, f"{text[t0:t1]!r} has no time"
                assert ev.time.value == value, f"{text[t0:t1]!r}: {ev.time}"
                assert ev.time.assumed is not explicit
                checked += 1
    if checked == 0:
        pytest.skip("the events stage finds none of the seed's dated events")


def test_seed_withdrawal_length_and_assumed_times(seed: Analysis) -> None:
    text = seed.document.text
    found = False
    for ev in seed.events:
        s0, s1 = ev.evidence.sentence
        if "will take not more than ten days" in text[s0:s1] and ev.time is not None:
            assert (ev.time.duration, ev.time.mod) == ("P10D", "EQUAL_OR_LESS")
            found = True
        if "In the case of aggression" in text[s0:s1] and ev.time is not None:
            # no time in the treaty clause: never a bare copy of the date
            assert ev.time.assumed and ev.time.anchor == "assumed:dct"
    if not found:
        pytest.skip("the events stage finds no event in the withdrawal-length sentence")

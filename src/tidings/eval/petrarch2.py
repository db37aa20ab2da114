"""``tidings eval petrarch2-gsr``: PETRARCH-2 gold-standard validation records (CAMEO).

``PETR2_GSR_validation.xml`` holds 78 sentences, each with ``<EventCoding eventcode=...
sourcecode=... targetcode=...>`` lines (or ``noevents="True"``). It is not well-formed XML
(comment lines, self-closing ``<Sentence/>`` tags), so it is read with patterns.

Scoring is that of :mod:`tidings.eval.plover_gsr`, with CAMEO codes: each gold event
(``noevents`` records are not events, but what is extracted from them counts against
``precision``) is found when an extracted event of its sentence has the same full code
(``cameo_code_accuracy``), root (``cameo_root_accuracy``), PLOVER type (the type of the
gold code in tidings' event type table; 01x is STATEMENT), source or target. Actor codes
such as ``USAGOV``, ``---REB`` or ``IGOUNOMIL`` are compared as country (``---``: none;
``IGO``: an international organization) plus sector family. ``precision`` counts
extracted events whose CAMEO root matches a gold event of their sentence. All 78
sentences are scored, the one with an empty text included.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tidings.errors import EvalDataError
from tidings.eval.base import EvalResult
from tidings.eval.plover_gsr import GoldEvent, extract_sentences, parse_code, score

_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)(?=<Sentence\b|</Sentences>|\Z)", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


def load(path: Path) -> tuple[list[GoldEvent], list[str]]:
    """Gold events, and the texts of the sentences coded as having none."""
    from tidings.lexicon import Lexicon

    if path.is_dir():
        path = path / "PETR2_GSR_validation.xml"
    if not path.exists():
        raise EvalDataError(f"{path}: not found; --data takes the petrarch2_gsr_validation "
                            "folder or its PETR2_GSR_validation.xml")
    raw = path.read_text(encoding="utf-8")
    lex = Lexicon.load()
    events: list[GoldEvent] = []
    empty: list[str] = []
    for head, body in _SENTENCE.findall(raw):
        attrs = dict(_ATTR.findall(head))
        m = _TEXT.search(body)
        text = " ".join(m.group(1).split()) if m else ""
        date = attrs.get("date", "")
        published = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None
        for coding in _CODING.findall(body):
            c = dict(_ATTR.findall(coding))
            if c.get("noevents", "").lower() == "true":
                empty.append(text)
                continue
            code = c.get("eventcode", "")
            if not code:
                continue
            try:
                plover = lex.info(code).plover_type
            except KeyError:
                plover = ""
            events.append(GoldEvent(
                id=attrs.get("id", f"s{len(events)}"), text=text, type=plover, code=code,
                sources=[parse_code(c.get("sourcecode", "---"))],
                targets=[parse_code(c.get("targetcode", "---"))], published=published))
    return events, empty


def evaluate(data: Path, **options: Any) -> EvalResult:
    """Score tidings on the PETRARCH-2 GSR file (``--data`` the folder or the file)."""
    gold, empty = load(data)
    if not gold:
        raise EvalDataError(f"{data}: no gold events found")
    probe = gold + [GoldEvent(id="noevents", text=t, type="") for t in empty]
    events = extract_sentences(probe, options.get("pipeline"))
    result = score(gold, events, "petrarch2-gsr", codes=True)
    result.metrics["noevent_accuracy"] = round(
        sum(1 for t in set(empty) if not events.get(t)) / len(set(empty)), 4) if empty else 0.0
    return result

"""Actor resolution measured on the gold actors of PLOVER GSR and PETRARCH-2 GSR.

Event extraction is the events area's (``tidings eval plover-gsr`` / ``petrarch2-gsr``);
these helpers isolate the resolution step:

- **PLOVER GSR** gives each gold actor's text, ISO-3 code and sector. The text is
  found in its sentence, the sentence is parsed, and the span is resolved; when the
  gold text is only a modifier ("Hungarian" in "Hungarian and Romanian officials")
  the noun phrase of its head is resolved instead and the actor of the gold text's
  country taken, as the events stage would. Dates in that file are placeholders, so
  no date is used. Reported: code agreement (country, or IGO/NGO/IMG kind), sector
  agreement (gold sector among ours, over the actors that have one), both.
- **PETRARCH-2 GSR** gives codes (``USAGOV``) but no texts. Each sentence is run
  through the ``actors`` stage with its date; a gold code counts as *reached* when
  some actor mention of the sentence agrees with it (:func:`code_matches`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tidings.actors.codes import LEGACY_SECTORS, code_matches, prefix_matches, sector_matches
from tidings.actors.resolve import ActorResolver
from tidings.actors.stage import ActorStage
from tidings.annotations import Analysis
from tidings.records import Actor, Document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

PLOVER_FILE = "PLOVER_GSR_CAMEO.txt"
PETRARCH_FILE = "PETR2_GSR_validation.xml"


@dataclass(slots=True)
class Agreement:
    """Counts and the misses of one file."""

    n: int = 0
    code: int = 0
    sector_n: int = 0
    sector: int = 0
    both: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def metrics(self) -> dict[str, float]:
        return {
            "n": float(self.n),
            "code_agreement": self.code / self.n if self.n else 0.0,
            "sector_n": float(self.sector_n),
            "sector_agreement": self.sector / self.sector_n if self.sector_n else 0.0,
            "full_agreement": self.both / self.n if self.n else 0.0,
        }


def _gold_actors(record: dict[str, Any], role: str) -> list[dict[str, Any]]:
    value = record.get(role)
    if not value:
        return []
    items = value if isinstance(value, list) else [value]
    return [a for a in items if isinstance(a, dict) and a.get("actorText")]


def _gold_span(doc: Any, text: str, actor_text: str) -> Span | None:
    """The gold text's span in its sentence; the gold writes elisions as "..." and
    sometimes doubles spaces, so the first and last pieces are looked for."""
    pieces = [" ".join(p.split()) for p in re.split(r"\.\.+", actor_text)]
    pieces = [p for p in pieces if p]
    if not pieces:
        return None
    flat = re.sub(r"\s+", " ", text)
    offsets = []  # flat text -> original text offsets
    for m in re.finditer(r"\S+|\s+", text):
        if m.group().isspace():
            offsets.append(m.start())
        else:
            offsets.extend(range(m.start(), m.end()))
    offsets.append(len(text))
    first = _find(flat, pieces[0])
    if first < 0:
        return None
    last_piece = pieces[-1]
    last = _find(flat, last_piece, first + len(pieces[0]) - len(last_piece))
    if last < 0:
        last = first
        last_piece = pieces[0].lower()
    start, end = offsets[first], offsets[last + len(last_piece)]
    span = doc.char_span(start, end, alignment_mode="expand")
    return span  # type: ignore[no-any-return]


def _find(text: str, piece: str, start: int = 0) -> int:
    """Where ``piece`` stands as whole words in ``text`` (exact case first)."""
    for flags in (0, re.I):
        m = re.compile(r"(?<!\w)" + re.escape(piece) + r"(?!\w)", flags).search(
            text, max(start, 0))
        if m:
            return m.start()
    return -1


def resolve_gold_text(resolver: ActorResolver, span: Span) -> Actor:
    """Resolve a gold actor text as the events stage would see it."""
    own = resolver.resolve(span, None)
    root = span.root
    if root.dep_ in ("amod", "compound", "nmod", "conj") and not own.sectors \
            and own.kind != "person" and root.head.pos_ in ("NOUN", "PROPN") \
            and root.head.i >= span.end:
        from tidings.events.args import noun_phrase

        head = root.head
        while head.dep_ in ("amod", "conj") and head.head.pos_ in ("NOUN", "ADJ", "PROPN") \
                and head.head.i > head.i:
            head = head.head
        outer = resolver.resolve_all(noun_phrase(head), None)
        for actor in outer:
            if own.country and actor.country == own.country:
                return actor
        if not own.country and outer:
            return outer[0]
    return own


def plover_agreement(data: Path, nlp: Language, resolver: ActorResolver) -> Agreement:
    """Resolve every gold actor text of PLOVER GSR and compare code and sector."""
    path = data / PLOVER_FILE if data.is_dir() else data
    records = [r for r in json.loads(path.read_text(encoding="utf-8"))
               if r.get("event") != "DOCUMENT" and r.get("text")]
    out = Agreement()
    docs = nlp.pipe(r["text"] for r in records)
    for record, doc in zip(records, docs, strict=True):
        for role in ("source", "target"):
            for gold in _gold_actors(record, role):
                out.n += 1
                span = _gold_span(doc, record["text"], gold["actorText"])
                actor = resolve_gold_text(resolver, span) if span is not None else Actor(
                    text=gold["actorText"], method="not-in-text")
                code_ok = prefix_matches(str(gold.get("code", "---")), actor)
                sector = str(gold.get("sector") or "")
                has_sector = bool(sector) and sector != "***"
                sector_ok = True
                if has_sector:
                    out.sector_n += 1
                    sector_ok = sector_matches(sector, actor, medical_med=True)
                    out.sector += sector_ok
                out.code += code_ok
                out.both += code_ok and sector_ok
                if not (code_ok and sector_ok):
                    out.misses.append({"id": record.get("id"), "text": gold["actorText"],
                                       "gold": f"{gold.get('code')} {sector}".strip(),
                                       "got": f"{actor.country or actor.id} {actor.sectors}",
                                       "method": actor.method})
    return out


_SENTENCE = re.compile(r"<Sentence ([^>]*)/?>(.*?)</Sentence>", re.S)


def petrarch_reach(data: Path, nlp: Language, resolver: ActorResolver) -> Agreement:
    """Share of PETRARCH-2 GSR gold source/target codes that a mention resolves to."""
    path = data / PETRARCH_FILE if data.is_dir() else data
    raw = path.read_text(encoding="utf-8")
    items: list[tuple[str, str, date | None, list[str]]] = []
    for m in _SENTENCE.finditer(raw):
        attrs, body = m.groups()
        text_m = re.search(r"<Text>(.*?)</Text>", body, re.S)
        text = " ".join((text_m.group(1) if text_m else "").split())
        if not text:
            continue
        id_m = re.search(r'id="([^"]*)"', attrs)
        date_m = re.search(r'date="([^"]*)"', attrs)
        sid = id_m.group(1) if id_m else ""
        day = _date(date_m.group(1)) if date_m else None
        codes = []
        for coding in re.findall(r"<EventCoding ([^>]*)/>", body):
            for key in ("sourcecode", "targetcode"):
                cm = re.search(key + r'="([^"]*)"', coding)
                if cm:
                    codes.append(cm.group(1))
        if codes:
            items.append((sid, text, day, codes))
    stage = ActorStage(resolver)
    out = Agreement()
    for (sid, text, day, codes), doc in zip(items, nlp.pipe(t for _, t, _, _ in items),
                                            strict=True):
        analysis = Analysis(document=Document.from_text(text), doc=doc, dct=day)
        stage(analysis)
        for code in codes:
            out.n += 1
            ok = any(code_matches(code, a) for a in analysis.actors)
            out.code += ok
            out.both += ok
            if not ok:
                got = sorted({f"{a.country or a.id} {a.sectors}" for a in analysis.actors})
                out.misses.append({"id": sid, "text": text[:90], "gold": code, "got": got})
    return out


def _date(value: str) -> date | None:
    if len(value) == 8 and value.isdigit():
        try:
            return date(int(value[:4]), int(value[4:6]), int(value[6:]))
        except ValueError:
            return None
    return None


def summary(name: str, result: Agreement, top: int = 15) -> str:
    """A printable report: the metrics and the most frequent misses."""
    lines = [f"## {name}"]
    for k, v in result.metrics().items():
        lines.append(f"{k:18} {v:.4f}" if not k.endswith("n") else f"{k:18} {int(v)}")
    counts = Counter(str(m["gold"]) for m in result.misses)
    lines.append(f"misses by gold code: {dict(counts.most_common(top))}")
    for m in result.misses[:top * 4]:
        lines.append("  " + json.dumps(m, ensure_ascii=False))
    return "\n".join(lines)


__all__ = ["LEGACY_SECTORS", "Agreement", "petrarch_reach", "plover_agreement", "summary"]

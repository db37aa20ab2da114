"""Reading ECB+ (Cybulska & Vossen 2014): documents, curated sentences, event mentions.

The gold event mentions are the ACTION_* and NEG_ACTION_* markables inside the
curated sentences (``ECBplus_coreference_sentences.csv``), as in the usual
evaluation. A mention's gold cluster is its CROSS_DOC_COREF instance; a mention
only in an INTRA_DOC_COREF chain gets a cluster of that document; every other
mention is a singleton. Entity markables (participants, times, places) of the same
sentences are kept as the mentions' possible arguments (their text only, never
their coreference).
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from tidings.errors import EvalDataError

TRAIN_TOPICS = (1, 3, 4, 6, 7, 8, 9, 10, 11, 13, 14, 16, 19, 20, 22, 24, 25, 26, 27, 28, 29, 30,
                31, 32, 33)
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)


@dataclass(slots=True)
class EcbMention:
    """An event mention: tokens (sentence, positions), its text, and the gold cluster."""

    id: str
    topic: int
    doc: str
    subtopic: str  # 'ecb' or 'ecbplus': never given to the system
    sentence: int
    positions: list[int]
    text: str
    kind: str
    gold: str


@dataclass(slots=True)
class EcbEntity:
    sentence: int
    positions: list[int]
    text: str
    kind: str  # HUMAN, LOC, TIME, NON_HUMAN


@dataclass(slots=True)
class EcbDocument:
    name: str
    topic: int
    subtopic: str
    sentences: dict[int, list[str]]
    curated: set[int]
    mentions: list[EcbMention] = field(default_factory=list)
    entities: list[EcbEntity] = field(default_factory=list)

    def text(self) -> str:
        return " ".join(" ".join(toks) for _, toks in sorted(self.sentences.items()))


def _curated(root: Path) -> dict[str, set[int]]:
    path = root / "ECBplus_coreference_sentences.csv"
    if not path.is_file():
        raise EvalDataError(f"{root}: ECBplus_coreference_sentences.csv not found; --data must "
                            "be the ECB+ folder (see shared/data/ecbplus/SOURCES.md)")
    out: dict[str, set[int]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    return out


def load_topic(root: Path, topic: int, curated: dict[str, set[int]] | None = None
               ) -> list[EcbDocument]:
    curated = curated if curated is not None else _curated(root)
    folder = root / str(topic)
    if not folder.is_dir():
        raise EvalDataError(f"{folder}: topic folder not found")
    docs = []
    for path in sorted(folder.glob("*.xml")):
        name = path.stem
        docs.append(_read(path, name, topic, curated.get(name, set())))
    return docs


def _read(path: Path, name: str, topic: int, curated: set[int]) -> EcbDocument:
    tree = ET.parse(path).getroot()
    sub = "ecbplus" if name.endswith("plus") else "ecb"
    tokens: dict[str, tuple[int, int, str]] = {}
    sentences: dict[int, list[str]] = {}
    for t in tree.iter("token"):
        s, n = int(t.get("sentence", 0)), int(t.get("number", 0))
        tokens[t.get("t_id", "")] = (s, n, t.text or "")
        sentences.setdefault(s, []).append(t.text or "")
    doc = EcbDocument(name, topic, sub, sentences, curated)
    markables = tree.find("Markables")
    anchored: dict[str, tuple[str, list[str]]] = {}
    if markables is not None:
        for m in markables:
            anchors = [a.get("t_id", "") for a in m.findall("token_anchor")]
            if anchors:
                anchored[m.get("m_id", "")] = (m.tag, anchors)
    gold: dict[str, str] = {}
    relations = tree.find("Relations")
    if relations is not None:
        for r in relations:
            label = (r.get("note") if r.tag == "CROSS_DOC_COREF"
                     else f"{name}:intra:{r.get('r_id')}")
            for src in r.findall("source"):
                mid = src.get("m_id", "")
                if r.tag == "CROSS_DOC_COREF" or mid not in gold:
                    gold[mid] = label or f"{name}:rel:{r.get('r_id')}"
    for mid, (tag, anchors) in anchored.items():
        toks = [tokens[a] for a in anchors if a in tokens]
        if not toks:
            continue
        sent = toks[0][0]
        if sent not in curated:
            continue
        positions = sorted(t[1] for t in toks if t[0] == sent)
        text = " ".join(sentences[sent][p] for p in positions)
        if tag.startswith(("ACTION_", "NEG_ACTION_")):
            doc.mentions.append(EcbMention(
                id=f"{name}:{mid}", topic=topic, doc=name, subtopic=sub, sentence=sent,
                positions=positions, text=text, kind=tag,
                gold=gold.get(mid, f"{name}:single:{mid}")))
        else:
            kind = ("TIME" if tag.startswith("TIME") else "LOC" if tag.startswith("LOC")
                    else "HUMAN" if tag.startswith("HUMAN") else "NON_HUMAN")
            doc.entities.append(EcbEntity(sent, positions, text, kind))
    doc.mentions.sort(key=lambda m: (m.sentence, m.positions))
    return doc


def load(root: Path, topics: tuple[int, ...]) -> dict[int, list[EcbDocument]]:
    curated = _curated(root)
    return {t: load_topic(root, t, curated) for t in topics}

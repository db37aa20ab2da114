"""Readers for the geoparsing gold corpora: LGL, GeoWebNews and GeoVirus.

Each reader yields :class:`GoldDoc` records with gold toponyms whose offsets are checked
against the text: where the stored offsets do not hold the stored name (GeoVirus
offsets are one character too high; some corpora drift by a few characters), the
nearest occurrence of the name within a small window is used instead.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tidings.errors import EvalDataError

# GeoWebNews annotation types that name a place (scored for recognition). Common nouns
# ("Literal_Expression", "Non_Lit_Expression"), non-toponyms, homonyms, languages and
# demonyms used for people are not toponyms in its authors' taxonomy.
GWN_TOPONYM_TYPES = frozenset({
    "Literal", "Literal_Modifier", "Mixed", "Metonymic", "Non_Literal_Modifier", "Coercion",
    "Embedded_Literal", "Embedded_Non_Lit",
})
WINDOW = 12


@dataclass(slots=True)
class GoldToponym:
    """A gold toponym: span, and where known the GeoNames id and point."""

    start: int
    end: int
    text: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str = ""
    resolve: bool = True  # scored for resolution
    recognize: bool = True  # counted as a gold span for recognition


@dataclass(slots=True)
class GoldDoc:
    corpus: str
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def align(text: str, name: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of ``name`` in ``text`` nearest to the stored ``start``."""
    if text[start:end] == name:
        return start, end
    best: tuple[int, int] | None = None
    lo = max(0, start - WINDOW)
    pos = text.find(name, lo, start + len(name) + WINDOW)
    while pos >= 0:
        if best is None or abs(pos - start) < abs(best[0] - start):
            best = (pos, pos + len(name))
        pos = text.find(name, pos + 1, start + len(name) + WINDOW)
    return best if best is not None else (start, end)


def _float(s: str | None) -> float | None:
    try:
        return float(s) if s not in (None, "") else None
    except ValueError:
        return None


def _int(s: str | None) -> int | None:
    try:
        return int(s) if s not in (None, "") else None
    except ValueError:
        return None


def read_lgl(path: Path) -> Iterator[GoldDoc]:
    """LGL: every toponym is a gold span; those with a gaztag are resolved."""
    root = ET.parse(path).getroot()
    for a in root.iter("article"):
        text = a.findtext("text") or ""
        doc = GoldDoc("lgl", a.get("docid", ""), text)
        for t in a.iter("toponym"):
            name = t.findtext("phrase") or ""
            s, e = align(text, name, int(t.findtext("start") or 0), int(t.findtext("end") or 0))
            g = t.find("gaztag")
            if g is None:
                doc.toponyms.append(GoldToponym(s, e, name, resolve=False))
            else:
                doc.toponyms.append(GoldToponym(
                    s, e, name, _int(g.get("geonameid")), _float(g.findtext("lat")),
                    _float(g.findtext("lon")), g.findtext("fcode") or ""))
        yield doc


def read_gwn(path: Path) -> Iterator[GoldDoc]:
    """GeoWebNews: toponyms carrying a GeoNames id are resolved (2,401, as its authors
    score it); toponym types in :data:`GWN_TOPONYM_TYPES` are recognition spans."""
    root = ET.parse(path).getroot()
    for a in root.iter("article"):
        text = a.findtext("text") or ""
        doc = GoldDoc("geowebnews", a.get("file", ""), text)
        for t in a.iter("toponym"):
            kind = t.findtext("type") or ""
            name = t.findtext("extractedName") or ""
            s, e = align(text, name, int(t.findtext("start") or 0), int(t.findtext("end") or 0))
            gid = _int(t.findtext("geonamesID"))
            doc.toponyms.append(GoldToponym(
                s, e, name, gid, _float(t.findtext("latitude")), _float(t.findtext("longitude")),
                kind, resolve=gid is not None, recognize=kind in GWN_TOPONYM_TYPES))
        yield doc


def read_geovirus(path: Path) -> Iterator[GoldDoc]:
    """GeoVirus: coordinates without GeoNames ids; offsets one character too high."""
    root = ET.parse(path).getroot()
    for n, a in enumerate(root.iter("article")):
        text = a.findtext("text") or ""
        doc = GoldDoc("geovirus", str(n), text)
        for t in a.iter("location"):
            name = t.findtext("name") or ""
            s0 = int(t.findtext("start") or 0) - 1
            s, e = align(text, name, s0, s0 + len(name))
            doc.toponyms.append(GoldToponym(s, e, name, None, _float(t.findtext("lat")),
                                            _float(t.findtext("lon")), "location"))
        yield doc


READERS = {"lgl": ("lgl.xml", read_lgl), "geowebnews": ("GWN.xml", read_gwn),
           "geovirus": ("GeoVirus.xml", read_geovirus)}


def find_corpora(data: Path) -> dict[str, Path]:
    """Corpus name -> file, for a corpus file, a corpus folder or a parent of several."""
    by_file = {fname.lower(): corpus for corpus, (fname, _) in READERS.items()}
    if data.is_file():
        corpus = by_file.get(data.name.lower())
        if corpus is None:
            raise EvalDataError(f"{data}: not a known geo corpus file (expected one of "
                                f"{', '.join(f for f, _ in READERS.values())})")
        return {corpus: data}
    found: dict[str, Path] = {}
    for folder in (data, *sorted(p for p in data.iterdir() if p.is_dir())):
        for p in sorted(folder.iterdir()):
            corpus = by_file.get(p.name.lower())
            if corpus is not None and corpus not in found:
                found[corpus] = p
    if not found:
        raise EvalDataError(f"{data}: no lgl.xml, GWN.xml or GeoVirus.xml here or one folder "
                            "down; point --data at a corpus folder or at their parent")
    return found


def read(corpus: str, path: Path) -> list[GoldDoc]:
    return list(READERS[corpus][1](path))

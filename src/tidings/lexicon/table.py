"""Load the lexicon data once into dictionaries keyed by lemma and by code.

Data files (``lexicon/data``):

- ``cameo.tsv``: the event type table, one row per CAMEO code.
- ``classes.txt``: word classes used by patterns (``@AID``, ``@WEAPON``...).
- ``patterns/*.txt``: verb and noun trigger patterns, one file per PLOVER family
  (syntax in :mod:`tidings.lexicon.patterns`).
- ``compose.tsv``: how frames ("agreed to", "appealed for", "demanded") combine with the
  event they embed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from importlib import resources
from typing import Self

from tidings.lexicon.patterns import Pattern, PatternError, parse_classes, parse_line
from tidings.records import Cameo


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """One row of the event type table."""

    code: str
    name: str
    quad_class: int
    goldstein: float
    plover_type: str
    plover_mode: str
    plover_context: tuple[str, ...]
    acled_event_type: str
    acled_sub_event_type: str

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def cooperative(self) -> bool:
        """Quad classes 1 and 2 (verbal and material cooperation)."""
        return self.quad_class <= 2

    def cameo(self) -> Cameo:
        return Cameo(code=self.code, root=self.root, quad_class=self.quad_class,
                     goldstein=self.goldstein)


def _inflections(lemma: str) -> list[str]:
    """Regular English inflections of a verb lemma (enough to find lemmatizer slips)."""
    forms = [lemma + "s", lemma + "es", lemma + "d", lemma + "ed", lemma + "ing"]
    if lemma.endswith("e"):
        forms.append(lemma[:-1] + "ing")
    if lemma.endswith("y"):
        forms += [lemma[:-1] + "ies", lemma[:-1] + "ied"]
    if lemma and lemma[-1] not in "aeiouywx":
        forms += [lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"]
    return forms


def _data(name: str) -> str:
    return (resources.files("tidings.lexicon") / "data" / name).read_text(encoding="utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    lines = [line for line in _data(name).splitlines()
             if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


PATTERN_FAMILIES: tuple[str, ...] = (
    "statement", "request", "agree", "consult", "support", "cooperate", "aid", "concede",
    "retreat", "accuse", "reject", "threaten", "protest", "mobilize", "sanction", "coerce",
    "assault", "frames",
)
"""Pattern files, one per PLOVER family (plus STATEMENT and the frame/support verbs)."""


@dataclass(slots=True)
class Lexicon:
    """Codes and trigger patterns, indexed for constant-time lookup by lemma.

    Attributes:
        codes: CAMEO code -> table row.
        verbs, nouns, adjectives: lemma -> patterns, most specific first.
        classes: class name -> lemmas.
        compose: frame kind -> {embedded code prefix -> composed code}; the key ``""``
            holds the frame's code when the embedded event has no mapping.
    """

    codes: dict[str, CodeInfo] = field(default_factory=dict)
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    adjectives: dict[str, list[Pattern]] = field(default_factory=dict)
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    compose: dict[str, dict[str, str]] = field(default_factory=dict)
    _hashes: frozenset[int] | None = None

    @classmethod
    def load(cls) -> Self:
        lex = cls()
        for row in _rows("cameo.tsv"):
            lex.codes[row["code"]] = CodeInfo(
                code=row["code"],
                name=row["name"],
                quad_class=int(row["quad_class"]),
                goldstein=float(row["goldstein"]),
                plover_type=row["plover_type"],
                plover_mode=row.get("plover_mode") or "",
                plover_context=tuple(c for c in (row.get("plover_context") or "").split(";") if c),
                acled_event_type=row.get("acled_event_type") or "",
                acled_sub_event_type=row.get("acled_sub_event_type") or "",
            )
        lex.classes = parse_classes(_data("classes.txt"))
        known = set(lex.codes)
        for family in PATTERN_FAMILIES:
            text = _data(f"patterns/{family}.txt")
            for n, line in enumerate(text.splitlines(), 1):
                body = line.split("#", 1)[0].strip()
                if not body:
                    continue
                for pat in parse_line(body, lex.classes, family, n, known):
                    table = {"v": lex.verbs, "n": lex.nouns, "a": lex.adjectives}[pat.pos]
                    table.setdefault(pat.lemma, []).append(pat)
        for table in (lex.verbs, lex.nouns, lex.adjectives):
            for pats in table.values():
                # stable: equally specific patterns keep file order
                pats.sort(key=lambda p: -p.specificity)
        for row in _rows("compose.tsv"):
            frame, prefix, result = row["frame"], row["embedded"], row["code"]
            if result != "=" and result not in known:
                raise PatternError(f"compose.tsv: code {result!r} ({frame} {prefix}) is not "
                                   "in cameo.tsv")
            lex.compose.setdefault(frame, {})[prefix if prefix != "*" else ""] = result
        return lex

    def info(self, code: str) -> CodeInfo:
        """The table row for a code, falling back to its parent code, then its root."""
        for cut in range(len(code), 1, -1):
            hit = self.codes.get(code[:cut]) or self.codes.get(code[:cut].ljust(3, "0"))
            if hit is not None:
                return hit
        raise KeyError(f"CAMEO code {code!r} is not in the event type table")

    def composed(self, frame: str, embedded: str | None) -> str | None:
        """The code of ``frame`` over an embedded event coded ``embedded`` (longest prefix).

        ``=`` in the table keeps the embedded code (light verbs: "launch an attack").
        Returns None when the frame is unknown or gives nothing for a bare frame.
        """
        table = self.compose.get(frame)
        if table is None:
            return None
        if embedded:
            for cut in range(len(embedded), 1, -1):
                hit = table.get(embedded[:cut])
                if hit is not None:
                    return embedded if hit == "=" else hit
        hit = table.get("")
        if hit == "=":
            return embedded
        return hit

    def trigger_hashes(self) -> frozenset[int]:
        """spaCy string hashes of every word that may be a trigger: the lemmas of all
        patterns and the inflected forms of the verb lemmas (for lemmatizer slips such as
        "staged" -> "stag"), so that a document is screened on its token arrays."""
        if self._hashes is None:
            from spacy.strings import hash_string  # type: ignore[attr-defined]

            words: set[str] = set()
            for table in (self.nouns, self.adjectives):
                words |= set(table)
            for lemma in self.verbs:
                words |= {lemma, *_inflections(lemma)}
            self._hashes = frozenset(hash_string(w) for w in words)
        return self._hashes

    def in_class(self, name: str, lemma: str) -> bool:
        return lemma in self.classes.get(name, frozenset())

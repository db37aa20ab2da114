"""Load the lexicon data files once into dictionaries keyed by lemma and code."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from importlib import resources
from typing import Self

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

    def cameo(self) -> Cameo:
        return Cameo(code=self.code, root=self.root, quad_class=self.quad_class,
                     goldstein=self.goldstein)


@dataclass(frozen=True, slots=True)
class Pattern:
    """A trigger pattern: the lemma, its constraints and the CAMEO code it gives."""

    lemma: str
    constraints: tuple[tuple[str, frozenset[str]], ...]
    code: str


def _rows(name: str) -> list[dict[str, str]]:
    path = resources.files("tidings.lexicon") / "data" / name
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _pattern(row: dict[str, str]) -> Pattern:
    constraints = []
    for part in (row.get("pattern") or "").split():
        key, _, values = part.partition(":")
        constraints.append((key, frozenset(values.split("|"))))
    return Pattern(lemma=row["lemma"], constraints=tuple(constraints), code=row["code"])


@dataclass(slots=True)
class Lexicon:
    """Codes and trigger patterns, indexed for constant-time lookup by lemma."""

    codes: dict[str, CodeInfo] = field(default_factory=dict)
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)

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
        for row in _rows("verbs.tsv"):
            lex.verbs.setdefault(row["lemma"], []).append(_pattern(row))
        for row in _rows("nouns.tsv"):
            lex.nouns.setdefault(row["lemma"], []).append(_pattern(row))
        return lex

    def info(self, code: str) -> CodeInfo:
        """The table row for a code, falling back to its parent code, then its root."""
        for cut in range(len(code), 1, -1):
            hit = self.codes.get(code[:cut]) or self.codes.get(code[:cut].ljust(3, "0"))
            if hit is not None:
                return hit
        raise KeyError(f"CAMEO code {code!r} is not in the event type table")

"""A synthetic corpus of distinct news-style articles, written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

ACTORS = ["Police", "Soldiers", "Border guards", "Riot police", "Government troops"]
TARGETS = ["protesters", "students", "striking miners", "opposition supporters",
           "farmers"]
PLACES = ["Karvan", "Marsel", "Ostrava Nova", "Telluria", "Brena", "Kessin", "Dalmir"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article(i: int) -> str:
    a = ACTORS[i % len(ACTORS)]
    t = TARGETS[(i // 2) % len(TARGETS)]
    p = PLACES[(i // 3) % len(PLACES)]
    d = DAYS[i % len(DAYS)]
    return (f"{a} attacked {t} in {p} on {d} after a rally near the city hall turned "
            f"violent, the interior ministry said in statement number {i}.\n\n"
            f"Witnesses said the crowd demanded the release of jailed activists. The mayor "
            f"of {p} met community leaders and called for calm.")


def write_jsonl(path: Path, n: int, *, start: int = 0) -> list[str]:
    """``n`` articles as JSONL with dates; returns their texts."""
    texts = [article(i) for i in range(start, start + n)]
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts, start):
            fh.write(json.dumps({"text": text, "published": f"2024-03-{1 + i % 28:02d}",
                                 "outlet": "Test Wire"}) + "\n")
    return texts

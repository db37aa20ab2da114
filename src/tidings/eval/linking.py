"""``tidings eval linking``: event linking on tidings' own collection.

The collection (``src/tidings/data/linking/articles.jsonl``) holds short articles
written for tidings: the same events told by several outlets with other words,
dates and detail, beside similar but distinct events (two protests in one city on
different days, two attacks on one day in two cities). Each article lists its gold
event mentions: a trigger string (its n-th occurrence) and an event label.

The articles run through the full pipeline and are stored one by one, in order
of publication, through :meth:`Store.add`, so linking is measured exactly as an
ingest does it. A gold mention is matched to the extracted event whose trigger
overlaps it; scores are computed over the matched mentions (``coverage`` says how
many that is) and, end to end, with every unmatched mention a singleton.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tidings.errors import EvalDataError
from tidings.eval.base import EvalResult
from tidings.link.scoring import bcubed, pairwise
from tidings.records import Document, Event


@dataclass(slots=True, frozen=True)
class GoldMention:
    article: str
    trigger: str
    start: int
    end: int
    event: str


def load(data: Path) -> tuple[list[Document], dict[str, str], list[GoldMention]]:
    """Documents, article id -> document id, and the gold mentions."""
    from tidings.pipeline import to_datetime

    path = data / "articles.jsonl" if data.is_dir() else data
    if not path.is_file():
        raise EvalDataError(f"{data}: no articles.jsonl with the linking collection")
    docs: list[Document] = []
    ids: dict[str, str] = {}
    gold: list[GoldMention] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            a = json.loads(line)
            d = Document.from_text(a["text"], published_at=to_datetime(a.get("published")),
                                   outlet=a.get("outlet"), title=a.get("title"),
                                   source=f"{path.name}:{a['id']}")
        except (ValueError, KeyError) as exc:
            raise EvalDataError(f"{path}, line {n}: not an article record ({exc})") from None
        docs.append(d)
        ids[a["id"]] = d.id
        for m in a.get("mentions", []):
            start = -1
            for _ in range(int(m.get("occurrence", 0)) + 1):
                start = d.text.find(m["trigger"], start + 1)
            if start < 0:
                raise EvalDataError(f"{path}, line {n}: trigger {m['trigger']!r} not in text")
            gold.append(GoldMention(a["id"], m["trigger"], start, start + len(m["trigger"]),
                                    m["event"]))
    return docs, ids, gold


def run_linking(docs: list[Document], order: list[int] | None = None) -> list[Event]:
    """Analyse ``docs``, store them one per batch in ``order``; the stored events."""
    from tidings.pipeline import default_pipeline
    from tidings.store import EventFilter, Store

    analyses = list(default_pipeline().analyse(docs))
    order = order if order is not None else sorted(
        range(len(docs)), key=lambda i: (docs[i].published_at is None,
                                         docs[i].published_at, docs[i].id))
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(str(Path(tmp) / "linking.db"))
        try:
            for i in order:
                store.add([(analyses[i].document, analyses[i].events)])
            return list(store.events(EventFilter(all_factuality=True)))
        finally:
            store.close()


def match(gold: list[GoldMention], ids: dict[str, str], events: list[Event]
          ) -> dict[int, Event]:
    """Gold mention index -> the extracted event whose trigger overlaps it."""
    by_doc: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        by_doc[e.document_id].append(e)
    out: dict[int, Event] = {}
    for i, g in enumerate(gold):
        for e in by_doc.get(ids[g.article], []):
            s, t = e.evidence.trigger
            if s < g.end and g.start < t:
                out[i] = e
                break
    return out


def evaluate(data: Path, **options: Any) -> EvalResult:
    docs, ids, gold = load(data)
    events = run_linking(docs, options.get("order"))
    matched = match(gold, ids, events)
    key = {i: g.event for i, g in enumerate(gold) if i in matched}
    resp = {i: matched[i].cluster_id or matched[i].id for i in key}
    pp, pr, pf = pairwise(key, resp)
    bp, br, bf = bcubed(key, resp)
    key_all = {i: g.event for i, g in enumerate(gold)}
    resp_all = {i: (matched[i].cluster_id or matched[i].id) if i in matched else f"unmatched:{i}"
                for i in key_all}
    _, _, e2e = bcubed(key_all, resp_all)
    metrics = {"pairwise_p": pp, "pairwise_r": pr, "pairwise_f1": pf,
               "bcubed_p": bp, "bcubed_r": br, "bcubed_f1": bf,
               "coverage": len(matched) / len(gold) if gold else 0.0,
               "bcubed_f1_end_to_end": e2e}
    predictions = [{"article": g.article, "trigger": g.trigger, "start": g.start, "end": g.end,
                    "gold": g.event, "event_id": matched[i].id if i in matched else None,
                    "cluster": resp.get(i)} for i, g in enumerate(gold)]
    return EvalResult(task="linking", n=len(gold), metrics=metrics, predictions=predictions,
                      details={"what fails": _failures(gold, key, resp)})


def _failures(gold: list[GoldMention], key: dict[int, str], resp: dict[int, str]) -> str:
    merged: Counter[str] = Counter()
    split: Counter[str] = Counter()
    idx = sorted(key)
    for n, a in enumerate(idx):
        for b in idx[n + 1:]:
            ga, gb = gold[a], gold[b]
            names = " / ".join(sorted({f"{ga.article}:{ga.trigger}", f"{gb.article}:{gb.trigger}"}))
            if key[a] != key[b] and resp[a] == resp[b]:
                merged[f"{key[a]} + {key[b]}  ({names})"] += 1
            elif key[a] == key[b] and resp[a] != resp[b]:
                split[f"{key[a]}  ({names})"] += 1
    missing = [f"{g.article}:{g.trigger}" for i, g in enumerate(gold) if i not in key]
    lines = ["wrongly merged:"] + [f"  {k}" for k in sorted(merged)] or ["  (none)"]
    lines += ["not linked:"] + [f"  {k}" for k in sorted(split)]
    lines += ["not extracted (no event at the gold trigger):"] + [f"  {m}" for m in missing]
    return "\n".join(lines)

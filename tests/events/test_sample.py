"""The bundled sample corpus covers every PLOVER type, and its records are complete."""

from __future__ import annotations

import json
from collections import Counter

from tidings.pipeline import Pipeline, to_datetime
from tidings.records import PLOVER_TYPES, Document

from ..conftest import SAMPLE


def test_sample_corpus_gives_every_plover_type(pipeline: Pipeline) -> None:
    rows = [json.loads(line) for line in
            (SAMPLE / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line]
    assert len(rows) >= 20
    assert len({r["outlet"] for r in rows}) >= 10 and len({r["published"] for r in rows}) >= 20
    docs = [Document.from_text(r["text"], published_at=to_datetime(r["published"]),
                               outlet=r["outlet"], title=r["title"], url=r["url"])
            for r in rows]
    types: Counter[str] = Counter()
    for analysis in pipeline.analyse(docs):
        assert not analysis.rejected, analysis.rejected
        for e in analysis.events:
            types[e.type] += 1
            text = analysis.document.text
            assert text[e.evidence.sentence[0]:e.evidence.sentence[1]] == e.evidence.text
            assert e.evidence.sentence[0] <= e.evidence.trigger[0] < e.evidence.trigger[1] \
                <= e.evidence.sentence[1]
            assert e.sources or e.targets
    missing = [t for t in PLOVER_TYPES if not types[t]]
    assert not missing, f"no {missing} event in the sample corpus ({dict(types)})"

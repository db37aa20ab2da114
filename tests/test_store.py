from __future__ import annotations

from pathlib import Path

from tidings.pipeline import Pipeline
from tidings.records import Document
from tidings.store import EventFilter, Store

TEXT = ("Police in Tashkent arrested three protesters on Monday. The government of Uzbekistan "
        "condemned the protest.")


def test_same_article_twice_is_stored_once(tmp_path: Path, pipeline: Pipeline) -> None:
    db = tmp_path / "t.db"
    doc = Document.from_text(TEXT, published_at=None, outlet="Test Wire")
    [analysis] = list(pipeline.analyse([doc]))
    with Store.open(str(db)) as store:
        r1 = store.add([(analysis.document, analysis.events)])
        r2 = store.add([(analysis.document, analysis.events)])
        assert r1.documents_stored == 1
        assert r2.documents_stored == 0 and r2.documents_skipped == 1
        assert store.count_documents() == 1
        assert store.count_events(EventFilter(all_factuality=True)) == len(analysis.events)
        got = store.get_document(doc.id)
        assert got is not None and got.text == doc.text


def test_failed_batch_leaves_nothing(tmp_path: Path, pipeline: Pipeline) -> None:
    db = tmp_path / "t.db"
    doc = Document.from_text(TEXT)
    [analysis] = list(pipeline.analyse([doc]))
    events = analysis.events + analysis.events  # duplicate event ids: the insert fails
    other = Document.from_text("Another article about the border talks in Vienna today.")
    with Store.open(str(db)) as store:
        import pytest

        from tidings.errors import StoreError

        if analysis.events:
            with pytest.raises(StoreError):
                store.add([(other, []), (doc, events)])
            assert store.count_documents() == 0

"""Link hints and event rows worked out in the process that analysed a document
(MinHash, event signatures, the rows but for the cluster id) give the database that
writing without them gives; hints or rows that do not fit the document or its events
are not used."""

from __future__ import annotations

import dataclasses
import json
import pickle
from pathlib import Path

from tidings.link.incremental import link_hints
from tidings.store import Store
from tidings.store.codec import plain
from tidings.store.db import event_rows

from ..store.corpus import build
from .test_incremental import _bridge
from .test_link_cache import _dump


def test_hints_from_a_worker_change_nothing_in_the_database(tmp_path: Path) -> None:
    docs = build() + _bridge()
    # as a worker sends them: pickled
    hints, rows = pickle.loads(pickle.dumps((
        {d.id: link_hints(d, evs) for d, evs in docs},
        {d.id: event_rows(d, evs) for d, evs in docs})))
    with Store.open(str(tmp_path / "hinted.db")) as hinted, \
            Store.open(str(tmp_path / "plain.db")) as bare:
        for i in range(0, len(docs), 2):
            hinted.add(docs[i:i + 2], hints=hints, rows=rows)
            bare.add(docs[i:i + 2])
        assert _dump(hinted) == _dump(bare)
        assert hinted.count_clusters() == bare.count_clusters()


def test_event_rows_give_the_record_json_dumps_gives() -> None:
    for d, evs in build():
        for ev, made in zip(evs, event_rows(d, evs), strict=True):
            for cid in (None, "c-1", 'odd "id" \u00e9', ev.cluster_id):
                record = plain(ev)
                record["cluster_id"] = cid
                assert made.record(cid) == json.dumps(record, ensure_ascii=False)
                assert json.loads(made.events_row(cid)["record"]) == record


def test_hints_that_do_not_fit_are_worked_out_again(tmp_path: Path) -> None:
    docs = build() + _bridge()
    d0, evs0 = docs[0]
    d1, evs1 = docs[1]
    assert evs0 and evs1
    wrong = {d0.id: link_hints(d1, evs1),  # another document's
             d1.id: dataclasses.replace(link_hints(d1, evs1), sigs=[])}  # events missing
    assert not wrong[d0.id].fits(d0, evs0) and not wrong[d1.id].fits(d1, evs1)
    assert link_hints(d0, evs0).fits(d0, evs0)
    made = event_rows(d1, evs1)
    wrong_rows = {d0.id: made, d1.id: made[1:]}
    with Store.open(str(tmp_path / "hinted.db")) as hinted, \
            Store.open(str(tmp_path / "plain.db")) as bare:
        hinted.add(docs, hints=wrong, rows=wrong_rows)
        bare.add(docs)
        assert _dump(hinted) == _dump(bare)

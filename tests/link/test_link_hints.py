"""Link hints worked out in the process that analysed a document (MinHash, event
signatures) give the database that linking without them gives; hints that do not fit
the document or its events are not used."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

from tidings.link.incremental import link_hints
from tidings.store import Store

from ..store.corpus import build
from .test_incremental import _bridge
from .test_link_cache import _dump


def test_hints_from_a_worker_change_nothing_in_the_database(tmp_path: Path) -> None:
    docs = build() + _bridge()
    # as a worker sends them: pickled
    hints = pickle.loads(pickle.dumps({d.id: link_hints(d, evs) for d, evs in docs}))
    with Store.open(str(tmp_path / "hinted.db")) as hinted, \
            Store.open(str(tmp_path / "plain.db")) as plain:
        for i in range(0, len(docs), 2):
            hinted.add(docs[i:i + 2], hints=hints)
            plain.add(docs[i:i + 2])
        assert _dump(hinted) == _dump(plain)
        assert hinted.count_clusters() == plain.count_clusters()


def test_hints_that_do_not_fit_are_worked_out_again(tmp_path: Path) -> None:
    docs = build() + _bridge()
    d0, evs0 = docs[0]
    d1, evs1 = docs[1]
    assert evs0 and evs1
    wrong = {d0.id: link_hints(d1, evs1),  # another document's
             d1.id: dataclasses.replace(link_hints(d1, evs1), sigs=[])}  # events missing
    assert not wrong[d0.id].fits(d0, evs0) and not wrong[d1.id].fits(d1, evs1)
    assert link_hints(d0, evs0).fits(d0, evs0)
    with Store.open(str(tmp_path / "hinted.db")) as hinted, \
            Store.open(str(tmp_path / "plain.db")) as plain:
        hinted.add(docs, hints=wrong)
        plain.add(docs)
        assert _dump(hinted) == _dump(plain)

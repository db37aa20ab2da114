from __future__ import annotations

import json

from tidings.records import Event, EventCluster, to_dict
from tidings.store.codec import decode, event_from_json, event_json, plain

from .corpus import build


def test_codec_equals_the_records_module() -> None:
    for d, evs in build():
        assert plain(d) == to_dict(d)
        for ev in evs:
            assert json.loads(event_json(ev)) == to_dict(ev)
            back = event_from_json(event_json(ev))
            assert back == Event.from_dict(to_dict(ev)) == ev
    cl = EventCluster(id="x", type="PROTEST")
    assert decode(EventCluster, plain(cl)) == cl

"""Fast conversion of records to and from their public JSON form.

Equivalent to :func:`tidings.records.to_dict` / ``from_dict`` (a test holds them
equal) but with the field lists and decoders of each record class worked out
once, which makes bulk writes, exports and pages several times faster. New
fields of the records are picked up automatically.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from datetime import datetime
from typing import Any

from tidings.records import RECORD_TYPES, Event

_FIELDS: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in RECORD_TYPES
}


def plain(value: Any) -> Any:
    """A record (or list/dict of them) as JSON-ready data."""
    names = _FIELDS.get(type(value))
    if names is not None:
        return {n: plain(getattr(value, n)) for n in names}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, datetime):
        return value.isoformat()
    return value


Decoder = Callable[[Any], Any]
_PLAN: dict[type, tuple[tuple[str, ...], tuple[tuple[str, Decoder], ...]]] = {}


def _decoder_for(tp: Any) -> Decoder | None:
    """How to decode a value of type ``tp``; None when the JSON value is used as it is."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            return None
        inner = _decoder_for(args[0])
        if inner is None:
            return None
        return lambda v: None if v is None else inner(v)
    if origin is list:
        (arg,) = typing.get_args(tp) or (Any,)
        item = _decoder_for(arg)
        if item is None:
            return lambda v: None if v is None else list(v)
        return lambda v: None if v is None else [item(x) for x in v]
    if isinstance(tp, type) and tp in _FIELDS:
        return lambda v: decode(tp, v)
    if tp is datetime:
        return lambda v: datetime.fromisoformat(v) if isinstance(v, str) else v
    return None


def decode(cls: type, data: dict[str, Any]) -> Any:
    """A record of class ``cls`` from its dict form (unknown keys ignored)."""
    plan = _PLAN.get(cls)
    if plan is None:
        hints = typing.get_type_hints(cls)
        as_is, nested = [], []
        for name in _FIELDS[cls]:
            dec = _decoder_for(hints[name])
            if dec is None:
                as_is.append(name)
            else:
                nested.append((name, dec))
        plan = (tuple(as_is), tuple(nested))
        _PLAN[cls] = plan
    kwargs = {k: data[k] for k in plan[0] if k in data}
    for k, dec in plan[1]:
        if k in data:
            v = data[k]
            kwargs[k] = None if v is None else dec(v)
    return cls(**kwargs)


def event_json(ev: Event) -> str:
    return json.dumps(plain(ev), ensure_ascii=False)


def event_from_json(text: str) -> Event:
    ev = decode(Event, json.loads(text))
    assert isinstance(ev, Event)
    return ev

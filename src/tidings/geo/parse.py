"""Geoparse a parsed document: recognize toponyms, resolve them, make :class:`Place` records."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from tidings.geo.gazetteer import Gazetteer
from tidings.geo.recognize import Toponym, recognize
from tidings.geo.resolve import Resolution, resolve
from tidings.records import Actor, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc


def geoparse(doc: Doc, gaz: Gazetteer, spans: Sequence[tuple[int, int]] | None = None,
             actor_countries: Iterable[str] = (), actors: Sequence[Actor] = (),
             text: str | None = None) -> list[Resolution]:
    """Resolve the toponyms of ``doc``.

    Args:
        doc: the spaCy parse of the document.
        gaz: the gazetteer.
        spans: character spans that are toponyms whatever the recognizer says (used to
            score resolution on gold spans); recognized toponyms overlapping them are
            dropped, the others stay as context.
        actor_countries: ISO codes of countries the document's actors belong to.
        actors: the document's resolved actors; their countries are evidence too, except
            for actors whose mention overlaps a toponym ("Georgia", "Russian troops"):
            their country comes from the same name, so it is no independent evidence.
        text: ``doc.text``, when the caller has it at hand.
    """
    text = doc.text if text is None else text
    found = recognize(doc, gaz, text)
    if spans:
        forced = []
        for s, e in spans:
            name = text[s:e]
            demonym = not gaz.lookup(name) and gaz.country_of_demonym(name) is not None
            forced.append(Toponym(s, e, name, "GOLD", demonym))
        found = [t for t in found if not any(t.start < e and s < t.end for s, e in spans)]
        found = sorted([*found, *forced], key=lambda t: t.start)
    countries = set(actor_countries)
    for a in actors:
        if a.country is None:
            continue
        if a.start is not None and a.end is not None and any(
                t.start < a.end and a.start < t.end for t in found):
            continue
        countries.add(a.country)
    return resolve(gaz, text, found, countries)


def to_place(r: Resolution, gaz: Gazetteer) -> Place:
    """The public record of a resolution."""
    t, e = r.toponym, r.entry
    if e is None:
        return Place(text=t.text, start=t.start, end=t.end, method=r.method)
    return Place(
        text=t.text,
        geonameid=e.geonameid if e.geonameid > 0 else None,
        name=e.name,
        country=gaz.iso3.get(e.cc2) if e.cc2 else None,
        admin1=gaz.admin1_name(e) if e.level > 2 else None,
        lat=e.lat,
        lon=e.lon,
        feature_class=e.fclass,
        feature_code=e.fcode,
        start=t.start,
        end=t.end,
        method=r.method,
    )

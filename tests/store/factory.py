"""Hand-built documents and events for storage, linking and export tests (no parse)."""

from __future__ import annotations

from datetime import UTC, datetime

from tidings.records import (
    Actor,
    Cameo,
    Document,
    Event,
    Evidence,
    Factuality,
    Place,
    TimeValue,
    content_id,
)

ROOTS = {"PROTEST": ("141", 3, -6.5), "ASSAULT": ("190", 4, -10.0), "AGREE": ("057", 1, 8.0),
         "THREATEN": ("130", 3, -4.4), "COERCE": ("173", 4, -5.0), "CONSULT": ("040", 1, 1.0)}

PLACES = {
    "Almaty": Place(text="Almaty", geonameid=1526384, name="Almaty", country="KAZ",
                    lat=43.25, lon=76.91667, feature_class="P"),
    "Tashkent": Place(text="Tashkent", geonameid=1512569, name="Tashkent", country="UZB",
                      lat=41.26465, lon=69.21627, feature_class="P"),
    "La Paz": Place(text="La Paz", geonameid=3911925, name="La Paz", country="BOL",
                    lat=-16.5, lon=-68.15, feature_class="P"),
    "Riga": Place(text="Riga", geonameid=456172, name="Riga", country="LVA",
                  lat=56.946, lon=24.10589, feature_class="P"),
}

COUNTRY = {"KAZ": "Kazakhstan", "UZB": "Uzbekistan", "BOL": "Bolivia", "LVA": "Latvia",
           "LTU": "Lithuania", "RUS": "Russia"}


def actor(code: str, *sectors: str) -> Actor:
    """A country actor with sectors, e.g. ``actor("KAZ", "COP")``."""
    return Actor(text=f"{COUNTRY.get(code, code)} {' '.join(sectors)}".strip(), id=code,
                 name=COUNTRY.get(code, code), country=code, sectors=list(sectors),
                 kind="country")


def doc(text: str, *, day: str | None = "2023-03-14", outlet: str = "Test Wire",
        title: str | None = None) -> Document:
    pub = datetime.fromisoformat(day).replace(tzinfo=UTC) if day else None
    return Document.from_text(text, published_at=pub, outlet=outlet, title=title,
                              url=f"https://example.org/{outlet.lower().replace(' ', '-')}")


def event(d: Document, trigger: str, type_: str, *, sources: list[Actor] | None = None,
          targets: list[Actor] | None = None, place: str | None = None,
          when: str | None = None, factuality: str = "asserted",
          occurrence: int = 0) -> Event:
    """An event whose trigger is the ``occurrence``-th ``trigger`` in the text of ``d``."""
    start = -1
    for _ in range(occurrence + 1):
        start = d.text.index(trigger, start + 1)
    end = start + len(trigger)
    s0 = max(d.text.rfind(". ", 0, start) + 2, d.text.rfind("\n", 0, start) + 1, 0)
    s1 = d.text.find(". ", end)
    s1 = len(d.text) if s1 < 0 else s1 + 1
    code, quad, gold = ROOTS[type_]
    t = None
    if when:
        t = TimeValue(text=when, value=when, start=when, end=when, granularity="day")
    elif d.published_at:
        day = d.published_at.date().isoformat()
        t = TimeValue(text="", value=day, start=day, end=day, granularity="day",
                      anchor="assumed:dct", assumed=True)
    return Event(
        id=content_id(d.id, str(start), str(end), code), document_id=d.id, type=type_,
        cameo=Cameo(code=code, root=code[:2], quad_class=quad, goldstein=gold),
        sources=list(sources or []), targets=list(targets or []),
        place=PLACES[place] if place else None, time=t,
        factuality=Factuality(label=factuality),
        evidence=Evidence(sentence=[s0, s1], trigger=[start, end], text=d.text[s0:s1]),
        confidence=0.8,
    )

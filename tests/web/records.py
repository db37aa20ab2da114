"""Hand-built documents and events for the web tests (no spaCy: fast and exact).

The articles are written for these tests. Offsets are found in the text, so every
highlight the page draws can be checked against the words it should cover.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tidings.records import (
    Actor,
    AttributionLink,
    Cameo,
    Document,
    Event,
    Evidence,
    Factuality,
    Place,
    TimeValue,
    content_id,
)

HOSTILE_TITLE = 'Rally <script>window.__pwned = "title"</script> in Almaty'
HOSTILE_TEXT = (
    "Hundreds of students rallied in Almaty on Friday <img src=x "
    "onerror=\"window.__pwned='img'\"> outside the ministry, a spokesman said.\n\n"
    "The organisers <script>window.__pwned='script'</script> posted a link "
    "<a href=\"javascript:window.__pwned='link'\">here</a> and the words "
    "\u202edias nekops\u202c in reverse.\n\n"
    "<iframe src=\"javascript:window.__pwned='frame'\"></iframe> The police did not intervene."
)
HOSTILE_URL = "javascript:window.__pwned='url'"


def _span(text: str, word: str, after: int = 0) -> tuple[int, int]:
    start = text.index(word, after)
    return start, start + len(word)


def _sentence(text: str, start: int) -> tuple[int, int]:
    dot = text.rfind(". ", 0, start)
    a = max(dot + 2 if dot >= 0 else 0, text.rfind("\n", 0, start) + 1)
    b = text.find(".", start)
    return a, (b + 1 if b >= 0 else len(text))


def actor(text: str, doc: str, *, id: str | None = None, country: str | None = None,
          name: str | None = None, sectors: list[str] | None = None) -> Actor:
    s, e = _span(doc, text)
    return Actor(text=text, id=id, name=name or text, country=country, sectors=sectors or [],
                 kind="country" if id == country else "organization", start=s, end=e,
                 method="kb")


def place(text: str, doc: str, *, geonameid: int, country: str, lat: float,
          lon: float) -> Place:
    s, e = _span(doc, text)
    return Place(text=text, geonameid=geonameid, name=text, country=country, lat=lat, lon=lon,
                 feature_class="P", feature_code="PPLC", start=s, end=e, method="locative")


def event(doc: Document, trigger: str, *, type: str, code: str, quad: int,
          sources: list[Actor] = (), targets: list[Actor] = (),  # type: ignore[assignment]
          where: Place | None = None, when: str | None = None, when_text: str | None = None,
          label: str = "asserted", factuality_cue: str | None = None,
          said_by: str | None = None, cluster: str | None = None) -> Event:
    t0, t1 = _span(doc.text, trigger)
    s0, s1 = _sentence(doc.text, t0)
    day = when or (doc.published_at.date().isoformat() if doc.published_at else None)
    tv = None
    if day:
        if when_text:
            a, b = _span(doc.text, when_text)
            tv = TimeValue(text=when_text, value=day, start=day, end=day, granularity="day",
                           anchor=f"dct:{doc.published_at:%Y-%m-%d}" if doc.published_at
                           else None, start_char=a, end_char=b)
        else:
            tv = TimeValue(text="", value=day, start=day, end=day, granularity="day",
                           anchor="assumed:dct", assumed=True)
    chain = [AttributionLink(text="", name=doc.outlet, kind="outlet")]
    if said_by:
        a, b = _span(doc.text, said_by)
        c0, c1 = _span(doc.text, "said", b)
        chain.append(AttributionLink(text=said_by, name=said_by, kind="person", cue="said",
                                     start=a, end=b, cue_start=c0, cue_end=c1))
    fact = Factuality(label=label, score=3.0 if label == "asserted" else 1.0)
    if factuality_cue:
        a, b = _span(doc.text, factuality_cue)
        fact = Factuality(label=label, evidence=factuality_cue, score=-3.0, evidence_span=[a, b])
    return Event(
        id=content_id(doc.id, str(t0), str(t1), code), document_id=doc.id, type=type,
        cameo=Cameo(code=code, root=code[:2], quad_class=quad, goldstein=-5.0 if quad > 2
                    else 3.0),
        sources=list(sources), targets=list(targets), place=where, time=tv, attribution=chain,
        factuality=fact, evidence=Evidence(sentence=[s0, s1], trigger=[t0, t1],
                                           text=doc.text[s0:s1]),
        confidence=0.8, cluster_id=cluster)


def _doc(text: str, outlet: str, day: str, title: str, url: str | None = None) -> Document:
    return Document.from_text(text, outlet=outlet, title=title, url=url, source="test",
                              published_at=datetime.fromisoformat(day).replace(tzinfo=UTC))


def corpus() -> list[tuple[Document, list[Event]]]:
    """Seven articles: a story told by two outlets, places on both sides of 180°,
    actor pairs in every quad class, a refuted claim, and one hostile article."""
    out: list[tuple[Document, list[Event]]] = []

    t = ("Bolivian police fired tear gas at striking miners in La Paz on Thursday, "
         "a union leader said. The government of Bolivia later met mining union delegates.")
    d = _doc(t, "Andes Daily", "2023-07-21", "Police and miners clash in La Paz",
             "https://example.org/andes/clash")
    lp = place("La Paz", t, geonameid=3911925, country="BOL", lat=-16.5, lon=-68.15)
    out.append((d, [
        event(d, "fired", type="ASSAULT", code="180", quad=4,
              sources=[actor("Bolivian police", t, country="BOL", sectors=["COP"])],
              targets=[actor("striking miners", t, country="BOL", sectors=["LAB"],
                             id="BOL-LAB")],
              where=lp, when="2023-07-20", when_text="Thursday", said_by="a union leader",
              cluster="story-lapaz"),
        event(d, "met", type="CONSULT", code="040", quad=1,
              sources=[actor("The government of Bolivia", t, id="BOL", country="BOL",
                             sectors=["GOV"])],
              targets=[actor("mining union", t, id="ORG:mining-union", country=None)],
              where=lp, when="2023-07-21")]))

    t = ("Riot police in La Paz used tear gas against miners who were protesting a new "
         "tax, witnesses said.")
    d = _doc(t, "Altiplano Post", "2023-07-22", "Tear gas used on miners")
    out.append((d, [
        event(d, "used", type="ASSAULT", code="180", quad=4,
              sources=[actor("Riot police", t, country="BOL", sectors=["COP"])],
              targets=[actor("miners", t, country="BOL", id="BOL-LAB")],
              where=place("La Paz", t, geonameid=3911925, country="BOL", lat=-16.5,
                          lon=-68.15), when="2023-07-20", cluster="story-lapaz"),
        event(d, "protesting", type="PROTEST", code="140", quad=3,
              sources=[actor("miners", t, country="BOL", id="BOL-LAB")],
              when="2023-07-20")]))

    t = ("Fiji sent relief supplies to Tonga on Monday after the storm, the foreign "
         "ministry in Suva said.")
    d = _doc(t, "Pacific Wire", "2023-03-06", "Fiji sends relief to Tonga")
    out.append((d, [event(d, "sent", type="AID", code="073", quad=2,
                          sources=[actor("Fiji", t, id="FJI", country="FJI")],
                          targets=[actor("Tonga", t, id="TON", country="TON")],
                          where=place("Suva", t, geonameid=2198148, country="FJI",
                                      lat=-18.14, lon=178.44),
                          when="2023-03-06", when_text="Monday")]))

    t = ("Russia accused Japan of violating its airspace near Anadyr on Tuesday. "
         "Japan rejected the accusation.")
    d = _doc(t, "Northern Courier", "2023-03-08", "Moscow accuses Tokyo")
    anadyr = place("Anadyr", t, geonameid=2127202, country="RUS", lat=64.73, lon=177.51)
    out.append((d, [
        event(d, "accused", type="ACCUSE", code="112", quad=3,
              sources=[actor("Russia", t, id="RUS", country="RUS")],
              targets=[actor("Japan", t, id="JPN", country="JPN")], where=anadyr,
              when="2023-03-07", when_text="Tuesday"),
        event(d, "rejected", type="REJECT", code="120", quad=3,
              sources=[actor("Japan", t, id="JPN", country="JPN")],
              targets=[actor("Russia", t, id="RUS", country="RUS")], when="2023-03-08")]))

    t = ("Officials denied reports that troops had shelled the village of Nuku'alofa "
         "on Sunday. The report turned out to be false.")
    d = _doc(t, "Pacific Wire", "2023-03-13", "Shelling report denied")
    out.append((d, [event(d, "shelled", type="ASSAULT", code="190", quad=4,
                          sources=[actor("troops", t, sectors=["MIL"])],
                          where=place("Nuku'alofa", t, geonameid=4032402, country="TON",
                                      lat=-21.14, lon=-175.2),
                          when="2023-03-12", label="refuted",
                          factuality_cue="turned out to be false")]))

    t = ("Latvia and Lithuania agreed on Monday to share radar data, the Latvian "
         "defence ministry said.")
    d = _doc(t, "Baltic Wire", "2023-05-02", "Baltic radar deal")
    out.append((d, [event(d, "agreed", type="AGREE", code="030", quad=1,
                          sources=[actor("Latvia", t, id="LVA", country="LVA")],
                          targets=[actor("Lithuania", t, id="LTU", country="LTU")],
                          when="2023-05-01", when_text="Monday",
                          said_by="the Latvian defence ministry")]))

    d = _doc(HOSTILE_TEXT, "Steppe <b>Herald</b>", "2023-09-15", HOSTILE_TITLE, HOSTILE_URL)
    out.append((d, [event(d, "rallied", type="PROTEST", code="141", quad=3,
                          sources=[actor("Hundreds of students", HOSTILE_TEXT,
                                         country="KAZ", sectors=["EDU"])],
                          where=place("Almaty", HOSTILE_TEXT, geonameid=1526384,
                                      country="KAZ", lat=43.25, lon=76.92),
                          when="2023-09-15", when_text="Friday", said_by="a spokesman")]))
    return out


def dense_corpus(n: int = 30) -> list[tuple[Document, list[Event]]]:
    """``n`` protests in ``n`` towns a few kilometres apart: markers that must cluster."""
    out = []
    for i in range(n):
        town = f"Town{i:02d}"
        t = f"Crowds protested in {town} on Monday against the closure of the mine."
        d = _doc(t, "Dense Daily", f"2023-06-{1 + i % 28:02d}", f"Protest in {town}")
        where = place(town, t, geonameid=900000 + i, country="DEU", lat=50.0 + 0.02 * i,
                      lon=10.0 + 0.02 * i)
        out.append((d, [event(d, "protested", type="PROTEST", code="141", quad=3,
                              where=where, when_text="Monday")]))
    return out

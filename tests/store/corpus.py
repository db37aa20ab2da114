"""A small hand-built corpus the query tests share."""

from __future__ import annotations

from tidings.records import Document, Event

from .factory import actor, doc, event


def build() -> list[tuple[Document, list[Event]]]:
    """Six articles: protests, an attack, an agreement, a refuted threat."""
    a = doc("Miners protested in La Paz on Monday against a new tax. Riot police arrested "
            "twelve people near the palace.", day="2023-07-17", outlet="Andes Daily",
            title="Miners protest in La Paz")
    b = doc("Thousands of miners marched through La Paz on Monday to protest the mining tax.",
            day="2023-07-18", outlet="Altiplano Post", title="Tax march in La Paz")
    c = doc("Police in Tashkent arrested three protesters on Friday after a rally outside "
            "the parliament.", day="2023-07-21", outlet="Steppe Herald",
            title="Arrests in Tashkent")
    d = doc("The defence ministers of Latvia and Lithuania agreed in Riga on Wednesday to share "
            "radar data.", day="2023-05-03", outlet="Baltic Wire", title="Radar deal")
    e = doc("An anonymous caller threatened to bomb the Uzbek embassy in Almaty. The threat "
            "turned out to be a hoax.", day="2023-03-14", outlet="Steppe Herald",
            title="Embassy hoax")
    f = doc("Gunmen attacked a police post in Almaty overnight, killing two officers.",
            day="2023-03-20", outlet="Steppe Herald", title="Attack in Almaty")
    return [
        (a, [event(a, "protested", "PROTEST", sources=[actor("BOL", "LAB")],
                   targets=[actor("BOL", "GOV")], place="La Paz", when="2023-07-17"),
             event(a, "arrested", "COERCE", sources=[actor("BOL", "COP")],
                   targets=[actor("BOL", "LAB")], place="La Paz", when="2023-07-17")]),
        (b, [event(b, "protest", "PROTEST", sources=[actor("BOL", "LAB")],
                   targets=[actor("BOL", "GOV")], place="La Paz", when="2023-07-17")]),
        (c, [event(c, "arrested", "COERCE", sources=[actor("UZB", "COP")],
                   targets=[actor("UZB", "CVL")], place="Tashkent", when="2023-07-21")]),
        (d, [event(d, "agreed", "AGREE", sources=[actor("LVA", "MIL")],
                   targets=[actor("LTU", "MIL")], place="Riga", when="2023-05-03",
                   factuality="reported")]),
        (e, [event(e, "threatened", "THREATEN", targets=[actor("UZB", "GOV")], place="Almaty",
                   factuality="refuted")]),
        (f, [event(f, "attacked", "ASSAULT", targets=[actor("KAZ", "COP")], place="Almaty",
                   when="2023-03-20")]),
    ]

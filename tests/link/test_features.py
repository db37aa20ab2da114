from __future__ import annotations

from tidings.link.features import content_words, decide, signature
from tidings.link.summary import Member, cluster_factuality, summarize
from tidings.records import Document, Event

from ..store.factory import actor, doc, event


def sig(d: Document, e: Event):  # type: ignore[no-untyped-def]
    return signature(e, d.published_at.isoformat() if d.published_at else None)


def test_same_protest_told_twice_links() -> None:
    a = doc("Teachers protested in Almaty on Monday over wages.", day="2023-04-03")
    b = doc("Almaty teachers held a protest on Monday demanding better wages.", day="2023-04-04",
            outlet="Other")
    ea = event(a, "protested", "PROTEST", sources=[actor("KAZ", "EDU")], place="Almaty",
               when="2023-04-03")
    eb = event(b, "protest", "PROTEST", sources=[actor("KAZ", "EDU")], place="Almaty",
               when="2023-04-03")
    d1, d2 = decide(sig(a, ea), sig(b, eb)), decide(sig(b, eb), sig(a, ea))
    assert d1.same and d1 == d2  # symmetric


def test_other_day_other_city_other_type_stay_apart() -> None:
    a = doc("Teachers protested in Almaty on Monday over wages.", day="2023-04-03")
    b = doc("Farmers protested in Almaty on Thursday over fuel prices.", day="2023-04-06")
    c = doc("Teachers protested in Tashkent on Monday over wages.", day="2023-04-03")
    ea = event(a, "protested", "PROTEST", place="Almaty", when="2023-04-03")
    eb = event(b, "protested", "PROTEST", place="Almaty", when="2023-04-06")
    ec = event(c, "protested", "PROTEST", place="Tashkent", when="2023-04-03")
    ed = event(a, "protested", "ASSAULT", place="Almaty", when="2023-04-03")
    assert decide(sig(a, ea), sig(b, eb)).reason == "time"
    assert decide(sig(a, ea), sig(c, ec)).reason == "place"
    assert decide(sig(a, ea), sig(a, ed)).reason == "type"


def test_resolved_actors_that_differ_veto_within_a_document() -> None:
    a = doc("Police detained protesters in Almaty. Later soldiers detained journalists in Astana.")
    e1 = event(a, "detained", "COERCE", sources=[actor("KAZ", "COP")], targets=[actor("KAZ")])
    e2 = event(a, "detained", "COERCE", sources=[actor("RUS", "MIL")], targets=[actor("UZB")],
               occurrence=1)
    assert not decide(sig(a, e1), sig(a, e2)).same
    e3 = event(a, "detained", "COERCE", occurrence=1)  # no arguments: an anaphoric mention
    assert decide(sig(a, e1), sig(a, e3)).same


def test_content_words_drop_function_words_and_days() -> None:
    assert content_words("The teachers protested on Monday in Almaty") == {
        "teacher", "protest", "almaty"}


def test_cluster_summary_respects_refutation_and_counts_outlets() -> None:
    a = doc("A caller threatened to bomb the airport.", day="2023-08-01", outlet="A")
    b = doc("The threat against the airport was a hoax.", day="2023-08-02", outlet="B")
    c = doc("Police said a caller threatened the airport.", day="2023-08-01", outlet="A")
    ea = event(a, "threatened", "THREATEN", place="Tashkent")
    eb = event(b, "threat", "THREATEN", place="Tashkent", factuality="refuted")
    ec = event(c, "threatened", "THREATEN", place="Tashkent", factuality="reported")
    members = [Member(ea, "2023-08-01", "A"), Member(eb, "2023-08-02", "B"),
               Member(ec, "2023-08-01T10:00", "A")]
    cl = summarize(members)
    assert cl.factuality.label == "refuted"
    assert cl.n_outlets == 2 and cl.n_documents == 3 and cl.n_events == 3
    assert cl.first_seen == "2023-08-01" and cl.last_seen == "2023-08-02"
    assert cl.id == ea.id and cl.type == "THREATEN"
    assert cl.place is not None and cl.place.name == "Tashkent"
    assert summarize(list(reversed(members))) == cl  # order of members does not matter
    assert cluster_factuality([ec, ea]).label == "asserted"

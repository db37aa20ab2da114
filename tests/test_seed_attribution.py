"""Acceptance on the article the project starts from: the attribution side of issue 6.

The bomb threats come to Asia-Plus through TASS from an unnamed law-enforcement source;
the CSTO withdrawal is Tokayev's word. Nothing here is specific to the article: the
chains come from the general rules (agency list, "referring to", "was quoted as saying
by", "told", "according to him" with coreference).
"""

from __future__ import annotations

from tidings.annotations import Analysis
from tidings.records import AttributionLink, Event


def _trigger(a: Analysis, e: Event) -> str:
    return a.document.text[e.evidence.trigger[0]:e.evidence.trigger[1]]


def _show(e: Event) -> list[tuple[str | None, str, str | None]]:
    return [(link.name, link.kind, link.cue) for link in e.attribution]


def _agency_then_anonymous(chain: list[AttributionLink]) -> bool:
    kinds = [link.kind for link in chain]
    if kinds[:1] != ["outlet"] or chain[0].name != "Asia-Plus":
        return False
    agencies = [i for i, link in enumerate(chain) if link.kind == "agency"
                and "TASS" in (link.name or "") + link.text]
    anonymous = [i for i, link in enumerate(chain) if link.kind == "anonymous"
                 and "law enforcement" in link.text]
    return bool(agencies and anonymous and agencies[0] < anonymous[-1])


def test_every_event_starts_with_the_outlet(seed: Analysis) -> None:
    assert seed.events
    for e in seed.events:
        assert e.attribution and e.attribution[0].kind == "outlet", _show(e)
        assert e.attribution[0].name == "Asia-Plus"


def test_bomb_threats_come_through_tass_from_a_law_enforcement_source(seed: Analysis) -> None:
    threats = [e for e in seed.events if e.type == "THREATEN"
               and {"TJK", "KGZ"} & {a.country for a in e.targets}]
    assert threats
    for e in threats:
        assert _agency_then_anonymous(e.attribution), (_trigger(seed, e), _show(e))


def test_the_unnamed_source_is_police(seed: Analysis) -> None:
    chains = [e.attribution for e in seed.events if _agency_then_anonymous(e.attribution)]
    sectors = {s for chain in chains for link in chain if link.kind == "anonymous"
               and link.actor is not None for s in link.actor.sectors}
    assert "COP" in sectors


def test_links_carry_offsets_into_the_text(seed: Analysis) -> None:
    text = seed.document.text
    for e in seed.events:
        for link in e.attribution[1:]:
            if link.start is not None and link.end is not None:
                assert text[link.start:link.end] == link.text
            if link.cue_start is not None and link.cue_end is not None:
                assert text[link.cue_start:link.cue_end] == link.cue


def test_csto_withdrawal_is_tokayevs_word(seed: Analysis) -> None:
    withdrawals = [e for e in seed.events if "withdrawal" in _trigger(seed, e)
                   and "CSTO" in seed.document.text[e.evidence.sentence[0]:
                                                    e.evidence.sentence[1]]]
    withdrawals += [e for e in seed.events if "withdrawal" in _trigger(seed, e)
                    and "According to him" in seed.document.text[e.evidence.sentence[0]:
                                                                 e.evidence.sentence[1]]]
    assert withdrawals, [(_trigger(seed, e), e.type) for e in seed.events]
    for e in withdrawals:
        last = e.attribution[-1]
        assert last.kind == "person", _show(e)
        assert last.actor is not None and last.actor.country == "KAZ"
        assert "GOV" in last.actor.sectors


def test_the_embassy_inspection_is_tass_own_report(seed: Analysis) -> None:
    """ "..., TASS said." with no source behind it: the chain ends at the agency."""
    said = [e for e in seed.events if any(link.cue == "said" and link.kind == "agency"
                                          for link in e.attribution)]
    assert said
    assert all(e.attribution[-1].kind == "agency" for e in said)

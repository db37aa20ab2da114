"""Resolve an actor mention (a span of the parse) to an :class:`Actor`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tidings.actors.kb import ActorKB, KBEntry
from tidings.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span

    from tidings.annotations import Analysis


def _holds(entry: KBEntry, when: date | None) -> bool:
    if when is None:
        return True
    day = when.isoformat()
    return (entry.start is None or entry.start <= day) and (entry.end is None or day <= entry.end)


class ActorResolver:
    """Turns mentions into actors with the knowledge base.

    Args:
        kb: the loaded knowledge base.
    """

    def __init__(self, kb: ActorKB) -> None:
        self.kb = kb

    def resolve(self, span: Span, when: date | None = None,
                analysis: Analysis | None = None) -> Actor:
        """The actor a noun phrase denotes; unknown actors are kept as written.

        Args:
            span: the mention (a noun phrase of the parse).
            when: the date the role must hold on (office-holders), usually the event or
                document date.
            analysis: the document being analysed, for within-document coreference.
        """
        text = span.text
        actor = Actor(text=text, start=span.start_char, end=span.end_char)
        entries = [e for e in self.kb.lookup(text) if _holds(e, when)]
        if entries:
            return self._from_entry(actor, entries[0], "kb")
        country: str | None = None
        entry_hit: KBEntry | None = None
        # longest matching sub-span first: "Collective Security Treaty Organization"
        words = [t for t in span if not t.is_punct and t.lower_ not in ("the", "a", "an")]
        n = len(words)
        for size in range(n, 0, -1):
            for i in range(0, n - size + 1):
                chunk = span.doc[words[i].i : words[i + size - 1].i + 1].text
                found = [e for e in self.kb.lookup(chunk) if _holds(e, when)]
                if found:
                    entry_hit = found[0]
                    break
            if entry_hit:
                break
        sectors = self.kb.sectors.get(span.root.lemma_.lower(), [])
        if entry_hit is not None:
            if entry_hit.kind == "country":
                country = entry_hit.country
                if sectors:
                    actor.id = country
                    actor.country = country
                    actor.sectors = list(sectors)
                    actor.kind = "group"
                    actor.name = entry_hit.name
                    actor.method = "country+sector"
                    return actor
            return self._from_entry(actor, entry_hit, "kb-part")
        if sectors:
            actor.sectors = list(sectors)
            actor.kind = "group"
            actor.method = "sector"
        return actor

    def _from_entry(self, actor: Actor, entry: KBEntry, method: str) -> Actor:
        actor.id = entry.id
        actor.name = entry.name
        actor.country = entry.country
        actor.sectors = list(entry.sectors)
        actor.kind = entry.kind
        actor.role_start = entry.start
        actor.role_end = entry.end
        actor.method = method
        return actor

"""Stage ``actors``: every actor mention of a document, resolved and linked.

Runs before the events stage. It walks the noun chunks and named entities in text
order, resolves each with the knowledge base, links pronouns, definite descriptions,
surnames and acronyms to earlier mentions (:mod:`tidings.actors.coref`), and writes
``analysis.actors`` plus a head-token index that :meth:`ActorResolver.resolve`
consults, so the events stage gets the linked actor for "he" or "the president".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tidings.actors.coref import Mention, sentence_index
from tidings.actors.resolve import INDEX_KEY, ActorResolver, doc_ents, iso_day, tokens
from tidings.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span

    from tidings.annotations import Analysis

_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


class ActorStage:
    """Stage ``actors``: reads the parse, writes ``analysis.actors``."""

    name = "actors"
    reads = ("doc", "dct")
    writes = ("actors",)

    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver

    def __call__(self, analysis: Analysis) -> None:
        doc = analysis.doc
        history: list[Mention] = []
        index: dict[int, Actor] = {}
        day = iso_day(analysis.dct)
        roles = self.resolver.kb.roles
        toks = tokens(doc)
        for span in candidate_spans(doc):
            actors = self.resolver.resolve_span(span, analysis.dct, analysis, history)
            first = actors[0]
            if not _worth_keeping(first, span, toks.ent_type):
                continue
            analysis.actors.extend(actors)
            head = span.root
            h = head.i
            titles: set[str] = set()
            if first.kind == "person" and first.id:
                titles = {o.title for o in self.resolver.kb.offices_of(first.id, day)}
            role = roles.get(toks.lemma[h])
            if role:
                titles.add(role)
            for k in range(span.start, span.end):
                t = roles.get(toks.lemma[k])
                if t:
                    titles.add(t)
            history.append(Mention(actor=first, head=h, sent=sentence_index(head),
                                   lemma=toks.lemma[h],
                                   plural=toks.tag[h] in ("NNS", "NNPS"),
                                   titles=frozenset(titles)))
            index[h] = first
        analysis.extra[INDEX_KEY] = index


def candidate_spans(doc: object) -> list[Span]:
    """Noun chunks, plus named entities outside them, in text order."""
    from spacy.tokens import Doc

    assert isinstance(doc, Doc)
    spans: list[Span] = []
    covered: set[int] = set()
    if doc.has_annotation("DEP"):
        for chunk in doc.noun_chunks:
            spans.append(chunk)
            covered.update(range(chunk.start, chunk.end))
    for ent in doc_ents(doc):
        if ent.label_ in _ENTITY_LABELS and not covered.intersection(range(ent.start, ent.end)):
            spans.append(ent)
    spans.sort(key=lambda s: s.start)
    return spans


def _worth_keeping(actor: Actor, span: Span, ent_type: list[str]) -> bool:
    """Keep resolved mentions and named ones (unknown names are kept as written);
    ``ent_type``: the document's entity label per token."""
    if actor.method == "unknown":
        return any(ent_type[k] in _ENTITY_LABELS for k in range(span.start, span.end))
    return not (actor.method == "sector" and not actor.sectors)

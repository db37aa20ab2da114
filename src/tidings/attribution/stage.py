"""Stage ``attribution``: relations in the text and each event's chain from the outlet in.

The relations come from :class:`~tidings.attribution.extract.Extractor`. Each source is
typed (outlet, agency, person, group, anonymous) and resolved to an actor through the
``actors`` stage's mentions (which ran before, with coreference, so "he" or "the
president" come resolved). An event whose trigger lies in a relation's content gets
that relation's source, after the sources of the relations it is nested in (its
``parent`` chain), after the publishing outlet.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from tidings.actors.resolve import INDEX_KEY
from tidings.annotations import Analysis, AttributionRelation
from tidings.attribution.extract import Extractor, doc_text
from tidings.attribution.lexicon import CueLexicon, load_lexicon
from tidings.records import Actor, AttributionLink

_GROUP_KINDS = ("country", "organization", "group")


class SourceTyper:
    """Gives a relation's source its kind, canonical name and actor."""

    def __init__(self, lexicon: CueLexicon) -> None:
        self.lex = lexicon
        self._agency = _names_pattern(lexicon.agencies)
        self._outlet = _names_pattern(lexicon.outlets)

    def type(self, rel: AttributionRelation, analysis: Analysis) -> None:
        if rel.source is None:
            rel.kind = "anonymous"
            return
        text = rel.source_text
        actor, inner = _actors_in(analysis, rel.source)
        media = [a for a in ([actor] if actor is not None else []) + inner
                 if a.kind == "media" or (a.id or "").startswith("MED:")]
        agencies = _capitalised(self._agency, text)
        if agencies:
            rel.kind = "agency"
            rel.actor = _media_actor(text, rel.source, ", ".join(agencies), media,
                                     "agency-list")
            return
        outlets = _capitalised(self._outlet, text)
        if (outlets and len(text.split()) <= 6) or (
                actor is not None and actor in media and len(text.split()) <= 6):
            rel.kind = "outlet"
            name = outlets[0] if outlets else (actor.name if actor is not None else None)
            rel.actor = _media_actor(text, rel.source, name or text, media, "outlet-list")
            return
        if self._anonymous(analysis.doc, rel.source, actor):
            rel.kind = "anonymous"
            rel.actor = _anonymous_actor(text, rel.source, actor, inner)
            return
        rel.actor = actor
        if actor is not None and actor.kind == "person":
            rel.kind = "person"
        elif actor is not None and actor.kind in _GROUP_KINDS:
            rel.kind = "group"
        else:
            rel.kind = _kind_from_parse(analysis.doc, rel.source)

    def _anonymous(self, doc: Doc, source: tuple[int, int], actor: Actor | None) -> bool:
        low = doc_text(doc)[source[0]:source[1]].lower()
        if any(m in low for m in self.lex.markers):
            return True
        span = doc.char_span(source[0], source[1], alignment_mode="expand")
        if span is None or len(span) == 0:
            return False
        head = span.root
        if head.lemma_.lower() not in self.lex.anonymous and head.lower_ not in self.lex.anonymous:
            return False
        if actor is not None and actor.kind == "person" and actor.id:
            return False
        return not any(t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and t.i >= head.i)
                       for t in span)


def _names_pattern(names: set[str]) -> re.Pattern[str]:
    alts = sorted((re.escape(n) for n in names), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)


def _capitalised(pattern: re.Pattern[str], text: str) -> list[str]:
    """Names from the list written as names (capitalised), in text order."""
    return [m.group(1) for m in pattern.finditer(text) if m.group(1)[0].isupper()]


def _actors_in(analysis: Analysis, span: tuple[int, int]) -> tuple[Actor | None, list[Actor]]:
    """The actor at the source's head (from the actors stage's index), and the actors
    mentioned inside the source phrase."""
    doc = analysis.doc
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    index = analysis.extra.get(INDEX_KEY)
    head_actor: Actor | None = None
    if sp is not None and len(sp) and isinstance(index, dict):
        found = index.get(sp.root.i)
        if isinstance(found, Actor):
            head_actor = found
    inner = [a for a in analysis.actors if a.start is not None and a.end is not None
             and span[0] <= a.start and a.end <= span[1] and a is not head_actor]
    if head_actor is None:
        whole = [a for a in inner if a.id and (a.start, a.end) == span]
        head_actor = whole[0] if whole else None
    return head_actor, inner


def _media_actor(text: str, span: tuple[int, int], name: str, media: list[Actor],
                 method: str) -> Actor:
    """An agency or outlet source: the knowledge base's entry when the actors stage
    found exactly one (id and country), else the listed name(s)."""
    if len(media) == 1 and "," not in name:
        found = media[0]
        return Actor(text=text, id=found.id, name=found.name or name, country=found.country,
                     sectors=list(found.sectors) or ["MED"], kind="organization",
                     start=span[0], end=span[1], method="kb-media")
    countries = {a.country for a in media if a.country}
    return Actor(text=text, name=name, kind="organization", sectors=["MED"],
                 country=countries.pop() if len(countries) == 1 else None,
                 start=span[0], end=span[1], method=method)


def _anonymous_actor(text: str, span: tuple[int, int], head: Actor | None,
                     inner: list[Actor]) -> Actor:
    """An unnamed source keeps the country and sectors of what it is "within"/"in"."""
    country = head.country if head is not None else None
    sectors = list(head.sectors) if head is not None else []
    for a in inner:
        country = country or a.country
        for s in a.sectors:
            if s not in sectors:
                sectors.append(s)
    return Actor(text=text, kind="group", country=country, sectors=sectors,
                 start=span[0], end=span[1], method="anonymous-source")


def _kind_from_parse(doc: Doc, span: tuple[int, int]) -> str:
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sp is None or len(sp) == 0:
        return "person"
    head = sp.root
    if head.ent_type_ == "PERSON" or head.lower_ in ("he", "she", "i"):
        return "person"
    if head.ent_type_ in ("ORG", "GPE", "NORP") or head.tag_ in ("NNS", "NNPS") \
            or head.lower_ in ("they", "we"):
        return "group"
    return "person"


# ------------------------------------------------------------------ chains
def chain_for(trigger: tuple[int, int], rels: list[AttributionRelation],
              outlet: str | None) -> list[AttributionLink]:
    """The attribution chain of an event with this trigger, from the outlet inward."""
    holding = [i for i, r in enumerate(rels)
               if r.content[0] <= trigger[0] < r.content[1]
               and not (r.cue[0] <= trigger[0] < r.cue[1])]
    path: list[int] = []
    if holding:
        inner = min(holding, key=lambda i: (rels[i].content[1] - rels[i].content[0],
                                            -_depth(rels, i)))
        cur: int | None = inner
        while cur is not None and cur not in path:
            path.append(cur)
            cur = rels[cur].parent
        path.reverse()
    links: list[AttributionLink] = []
    if outlet:
        links.append(AttributionLink(text="", name=outlet, kind="outlet"))
    seen: set[tuple[tuple[int, int] | None, tuple[int, int]]] = set()
    for i in path:
        r = rels[i]
        if (r.source, r.cue) in seen:
            continue
        seen.add((r.source, r.cue))
        link = _link(r)
        if links and link.kind == "outlet" and outlet and _same_outlet(link, outlet):
            links[0] = link
            links[0].name = outlet
            continue
        links.append(link)
    return links


def _same_outlet(link: AttributionLink, outlet: str) -> bool:
    a = re.sub(r"\W", "", (link.name or link.text).lower())
    b = re.sub(r"\W", "", outlet.lower())
    return bool(a) and (a in b or b in a)


def _depth(rels: list[AttributionRelation], i: int) -> int:
    d = 0
    cur = rels[i].parent
    while cur is not None and d < len(rels):
        d += 1
        cur = rels[cur].parent
    return d


def _link(r: AttributionRelation) -> AttributionLink:
    actor = r.actor
    name = actor.name if actor is not None and actor.name else (r.source_text or None)
    return AttributionLink(
        text=r.source_text, name=name, kind=r.kind, cue=r.cue_text, actor=actor,
        start=r.source[0] if r.source else None, end=r.source[1] if r.source else None,
        cue_start=r.cue[0], cue_end=r.cue[1])


class AttributionStage:
    """Stage ``attribution``: writes relations and each mention's chain from the outlet in."""

    name = "attribution"
    reads = ("doc", "actors", "mentions")
    writes = ("attributions", "mentions.attribution")

    def __init__(self, lexicon: CueLexicon | None = None) -> None:
        lex = lexicon or load_lexicon()
        self.extractor = Extractor(lex)
        self.typer = SourceTyper(lex)

    def __call__(self, analysis: Analysis) -> None:
        rels = self.extractor.relations(analysis.doc)
        for r in rels:
            self.typer.type(r, analysis)
        analysis.attributions = rels
        outlet = analysis.document.outlet
        for m in analysis.mentions:
            m.attribution = chain_for(m.trigger, rels, outlet)

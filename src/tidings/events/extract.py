"""Find event triggers in the parse and read their source and target actors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tidings.actors import ActorResolver
from tidings.annotations import Analysis, EventMention
from tidings.events.args import noun_phrase, with_conjuncts
from tidings.lexicon import Lexicon, Pattern
from tidings.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token


def _matches(pattern: Pattern, tok: Token) -> bool:
    for key, values in pattern.constraints:
        if key == "prep":
            if not any(c.dep_ == "prep" and c.lower_ in values for c in tok.children):
                return False
        elif key == "obj":
            objs = [c for c in tok.subtree if c.dep_ in ("dobj", "pobj")]
            if not any(o.lemma_.lower() in values for o in objs):
                return False
        elif key == "xcomp" and not any(
            c.dep_ == "xcomp" and c.lemma_ in values for c in tok.children
        ):
            return False
    return True


class EventStage:
    """Stage ``events``: reads the parse, writes ``analysis.mentions``."""

    name = "events"
    reads = ("doc", "dct")
    writes = ("mentions",)

    def __init__(self, lexicon: Lexicon, resolver: ActorResolver) -> None:
        self.lexicon = lexicon
        self.resolver = resolver

    def __call__(self, analysis: Analysis) -> None:
        doc = analysis.doc
        for tok in doc:
            if tok.pos_ in ("VERB", "AUX"):
                patterns = self.lexicon.verbs.get(tok.lemma_.lower())
            elif tok.pos_ == "NOUN":
                patterns = self.lexicon.nouns.get(tok.lemma_.lower())
            else:
                continue
            if not patterns:
                continue
            pattern = next((p for p in patterns if _matches(p, tok)), None)
            if pattern is None:
                continue
            sent = tok.sent
            mention = EventMention(
                trigger_token=tok.i,
                trigger=(tok.idx, tok.idx + len(tok.text)),
                sentence=(sent.start_char, sent.end_char),
                code=pattern.code,
                negated=any(c.dep_ == "neg" for c in tok.children),
            )
            mention.sources, mention.targets = self._arguments(tok, analysis)
            mention.confidence = 0.5 + 0.25 * bool(mention.sources) + 0.25 * bool(mention.targets)
            analysis.mentions.append(mention)

    def _actors(self, heads: list[Token], analysis: Analysis) -> list[Actor]:
        out = []
        for head in heads:
            for h in with_conjuncts(head):
                out.append(self.resolver.resolve(noun_phrase(h), analysis.dct, analysis))
        return out

    def _arguments(self, tok: Token, analysis: Analysis) -> tuple[list[Actor], list[Actor]]:
        src: list[Token] = []
        tgt: list[Token] = []
        for c in tok.children:
            if c.dep_ in ("nsubj",):
                src.append(c)
            elif c.dep_ in ("dobj", "nsubjpass"):
                tgt.append(c)
            elif c.dep_ == "agent":
                src.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "prep" and c.lower_ in ("to", "against", "with", "on", "inside"):
                tgt.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "poss" and tok.pos_ == "NOUN":
                src.append(c)
        if not src and tok.dep_ in ("xcomp", "conj") and tok.head.pos_ == "VERB":
            src.extend(c for c in tok.head.children if c.dep_ == "nsubj")
        return self._actors(src, analysis), self._actors(tgt, analysis)

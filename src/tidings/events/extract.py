"""Stage ``events``: find event triggers in the parse and read their source and target actors.

One event per predicate-argument structure: a trigger (verb, noun or light-verb + noun),
its CAMEO code (composed through frames such as "agreed to" or "appealed for"), the
sentence and trigger character offsets, and the actors that syntax gives for its source
and target roles. Cheap by construction: one dictionary lookup per token, then work only
on the few tokens that are triggers.

What each mention carries in ``extra`` for the later stages: ``pattern`` (family:line),
``lemma``, ``frame`` and ``embedded`` (for a frame: the act it embeds), ``governor`` (for an
embedded act: the frame above it, e.g. "agreed" over "send"), ``condition`` (the "if",
"unless" or "in the case of" it is under, with its span), ``derived`` (``stated-intent``,
``modal-demand``, ``claim``, ``accusation``) and ``negation`` (``refusal`` when "would not
provide" became a 12x code).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from tidings.actors import ActorResolver
from tidings.annotations import Analysis, EventMention
from tidings.events import syntax
from tidings.events.args import ArgSpan, ArgumentFinder, noun_phrase
from tidings.events.derived import Derived, modal_demands, speech_act, stated_intent
from tidings.events.frames import Trigger, compute_code, find_triggers, link_frames
from tidings.events.roles import RoleFinder
from tidings.lexicon import Lexicon
from tidings.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token


_WEAK_INTENT = frozenset({"plan", "intend", "decide", "hope", "want", "wish", "expect", "aim",
                          "seek", "prepare", "propose", "resolve", "mean", "announce"})
"""Intent verbs that code nothing without the act they are about ("hoped that ...")."""


def _stands_alone(t: Trigger) -> bool:
    """A trigger whose pattern lists ``none`` among its source positions is an event even
    when the sentence names no actor: police work and police inaction written as nouns
    ("a lathi-charge was resorted to", "heavy bandobast", "mute spectators") or as a
    passive ("troops were deployed") say who acted by the words themselves; the readers
    of the record decide from the sentence."""
    if "none" in (t.pattern.src or ()):
        return True
    # "security arrangements have been made": the light verb carries the noun's event
    return t.pattern.frame == "support" and any(
        "none" in (e.pattern.src or ()) for e, _ in t.embedded)


class EventStage:
    """Stage ``events``: reads the parse, writes ``analysis.mentions``.

    Args:
        lexicon: the loaded lexicon (patterns, classes, the type table).
        resolver: turns an argument span into an actor.
    """

    name = "events"
    reads = ("doc", "dct", "actors")
    writes = ("mentions",)

    def __init__(self, lexicon: Lexicon, resolver: ActorResolver) -> None:
        self.lexicon = lexicon
        self.resolver = resolver
        self.args = ArgumentFinder(lexicon)
        kb = getattr(resolver, "kb", None)
        if kb is not None:  # the actor knowledge base's role nouns are actors too
            self.args.human = self.args.human | {
                k for k in getattr(kb, "sectors", {}) if " " not in k}
        self.roles = RoleFinder(lexicon, self.args)
        self.args.sector_lookup = lambda tok: list(resolver.resolve(noun_phrase(tok)).sectors)
        self.args.names_country = lambda tok: bool(
            resolver.resolve(tok.doc[tok.i : tok.i + 1]).country)
        self.natural = lexicon.classes.get("NATURAL", frozenset())
        self._sent_of: dict[int, tuple[int, int]] = {}
        self._text = ""
        self._cond: dict[int, Token | None] = {}
        self._resolved: dict[tuple[int, int, int, int], Actor] = {}

    def __call__(self, analysis: Analysis) -> None:
        triggers = find_triggers(analysis.doc, self.lexicon)
        if not triggers:
            return
        link_frames(triggers, self.lexicon)
        for t in triggers.values():
            compute_code(t, self.lexicon, self.args.is_actorish)
        self.roles.start(triggers)
        # sentence boundaries and resolutions, once per document (Token.sent rescans the doc)
        self._sent_of = {}
        for sent in analysis.doc.sents:
            span = (sent.start_char, sent.end_char)
            for i in range(sent.start, sent.end):
                self._sent_of[i] = span
        self._resolved = {}
        self._text = analysis.doc.text
        self._cond = {}
        seen: set[tuple[int, int, str]] = set()

        def add(mention: EventMention) -> None:
            key = (mention.trigger[0], mention.trigger[1], mention.code)
            if key not in seen:
                seen.add(key)
                analysis.mentions.append(mention)

        for d in modal_demands(self.roles, analysis.doc):
            add(self._derived_mention(d, analysis))
        for t in sorted(triggers.values(), key=lambda t: t.tok.i):
            if t.code is None or t.absorbed:
                continue
            for mention in self._mentions(t, analysis):
                add(mention)

    # -- mentions -----------------------------------------------------------------------

    def _mentions(self, t: Trigger, analysis: Analysis) -> list[EventMention]:
        assert t.code is not None
        if t.pattern.pos == "v" and self.lexicon.info(t.code).quad_class == 4 and any(
                s.lemma_.lower() in self.natural for s in syntax.subjects(t.tok)):
            return []  # "floods destroyed the city": no actor, no event
        src, tgt = self.roles.roles(t)
        earlier = None
        if not src and not tgt and t.pattern.pos == "n":
            # "the withdrawal process will take ten days": a definite mention of an event
            # told earlier in the document takes that event's actors
            earlier = self.roles.antecedent_event(t)
            if earlier is not None:
                src, tgt = self.roles.roles(earlier)
        if not src and not tgt and not _stands_alone(t):
            return []
        if t.pattern.frame == "intent" and t.pattern.lemma in _WEAK_INTENT and not any(
                e.code for e, _ in t.embedded) and not syntax.children(t.tok, "xcomp"):
            return []  # "hoped that X would be indicted": no commitment of the subject's
        if t.pattern.pos == "n" and t.pattern.frame not in (None, "support") and not any(
                e.code for e, _ in t.embedded) and not (
                any(self.args.is_actorish(a.span.root) for a in src)
                and any(self.args.is_actorish(a.span.root) for a in tgt)):
            return []  # "his promises", "an offer of lower prices": too little to code
        out = [self._mention(t, t.code, src, tgt, analysis)]
        if earlier is not None:
            out[0].extra["coreferent"] = {"token": earlier.tok.i, "text": earlier.tok.text}
        intent = stated_intent(self.lexicon, t)
        if intent is not None:
            if not tgt and intent[:2] == "13":
                tgt = self.args.spans(self.roles.condition_subjects(t.tok, t))
            m = self._mention(t, intent, src, tgt, analysis)
            m.extra["derived"] = "stated-intent"
            out.append(m)
        speech = speech_act(self.roles, t)
        if speech is not None:
            out.append(self._derived_mention(speech, analysis))
        return out

    def _derived_mention(self, d: Derived, analysis: Analysis) -> EventMention:
        tok = d.anchor
        m = EventMention(trigger_token=tok.i, trigger=(tok.idx, tok.idx + len(tok.text)),
                         sentence=self._sentence(tok, self._sent_of, self._text), code=d.code)
        m.sources = self._resolve(self.args.spans(d.sources), analysis)
        m.targets = self._resolve(self.args.spans(d.targets), analysis)
        m.confidence = 0.8
        m.extra.update({"pattern": d.pattern, "lemma": tok.lemma_.lower(), "derived": d.kind})
        if d.frame:
            m.extra["frame"] = d.frame
        if d.embedded is not None and d.embedded.code:
            e = d.embedded
            m.extra["embedded"] = {"code": e.code, "token": e.tok.i, "text": e.tok.text}
        cond = syntax.condition_marker(tok)
        if cond is not None:
            m.extra["condition"] = {"text": cond.text, "span": [cond.idx, cond.idx + len(cond)]}
        return m

    def _mention(self, t: Trigger, code: str, src: list[ArgSpan], tgt: list[ArgSpan],
                 analysis: Analysis) -> EventMention:
        tok = t.tok
        start, end = self._trigger_span(t)
        m = EventMention(
            trigger_token=tok.i,
            trigger=(start, end),
            sentence=self._sentence(tok, self._sent_of, self._text),
            code=code,
            negated=syntax.is_negated(tok) and not t.rejected_by_negation,
        )
        m.sources = self._resolve(src, analysis)
        m.targets = self._resolve(tgt, analysis)
        m.code = self._refine(code, m.sources, m.targets, t.pattern.lemma)
        if m.sources and m.targets:
            # "A and B met" may list an actor on both sides through coordination
            m.targets = [a for a in m.targets
                         if not any(a.start == s.start and a.end == s.end for s in m.sources)]
        m.confidence = 0.4 + 0.3 * bool(m.sources) + 0.2 * bool(m.targets) + \
            0.1 * (t.pattern.specificity > 0)
        extra = m.extra
        extra["pattern"] = f"{t.pattern.family}:{t.pattern.line}"
        extra["lemma"] = t.pattern.lemma
        if t.frame:
            extra["frame"] = t.frame
            emb = [e for e, _ in t.embedded if e.code]
            if emb:
                extra["embedded"] = {"code": emb[0].code, "token": emb[0].tok.i,
                                     "text": emb[0].tok.text}
        if t.governor is not None:
            g = t.governor
            extra["governor"] = {"token": g.tok.i, "lemma": g.pattern.lemma,
                                 "frame": g.frame or g.pattern.frame}
        cond = self._condition(tok)
        if cond is not None:
            extra["condition"] = {"text": cond.text, "span": [cond.idx, cond.idx + len(cond)]}
        if t.rejected_by_negation:
            extra["negation"] = "refusal"
        return m

    def _condition(self, tok: Token) -> Token | None:
        if tok.i not in self._cond:
            self._cond[tok.i] = syntax.condition_marker(tok)
        return self._cond[tok.i]

    @staticmethod
    def _refine(code: str, sources: list[Actor], targets: list[Actor], lemma: str = "") -> str:
        """Codes that the resolved actors decide."""
        if code == "042" and lemma == "attend" and not targets:
            return "044"  # attending a meeting whose place is not given: a third location
        if code == "180" and (any("MIL" in a.sectors for a in (*sources, *targets)) or any(
                a.kind == "country" or (a.country and set(a.sectors) <= {"GOV", "MIL"})
                for a in sources)):
            # violence by a state or by or against armed forces is conventional force (19x),
            # not the unconventional violence (18x) of gunmen and bombers
            return "190"
        if code in ("140", "141") and sources and all(
                a.sectors and set(a.sectors) <= {"GOV", "LEG", "IGO"} for a in sources):
            # a government "protests" by complaining officially, not in the street
            return "114"
        return code

    @staticmethod
    def _trigger_span(t: Trigger) -> tuple[int, int]:
        """The trigger's characters: the word, a light verb through its noun ("launched an
        attack"), a phrasal verb through its particle ("put forward")."""
        tok = t.tok
        start, end = tok.idx, tok.idx + len(tok.text)
        if t.frame == "support":
            for e, via in t.embedded:
                if via == "obj" and e.tok.i > tok.i:
                    end = max(end, e.tok.idx + len(e.tok.text))
        for c in tok.children:
            if c.dep_ == "prt" and 0 < c.i - tok.i <= 3:
                end = max(end, c.idx + len(c.text))
        return start, end

    @staticmethod
    def _sentence(tok: Token, sent_of: dict[int, tuple[int, int]],
                  doc_text: str) -> tuple[int, int]:
        """The sentence span, cut at blank lines the sentence splitter ran across."""
        start, end = sent_of.get(tok.i) or (tok.sent.start_char, tok.sent.end_char)
        s0, s1 = start, end
        text = doc_text[start:end]
        if "\n\n" in text:
            rel = tok.idx - s0
            a = text.rfind("\n\n", 0, rel)
            b = text.find("\n\n", rel)
            if a >= 0:
                s0 += a + 2
            if b >= 0:
                s1 = start + b
        while s1 > s0 and doc_text[s1 - 1].isspace():
            s1 -= 1
        return s0, s1

    # -- resolution ---------------------------------------------------------------------

    def _resolve(self, spans: list[ArgSpan], analysis: Analysis) -> list[Actor]:
        out: list[Actor] = []
        for a in spans:
            role = (a.role.start, a.role.end) if a.role is not None else (-1, -1)
            key = (a.span.start, a.span.end, *role)
            cached = self._resolved.get(key)
            if cached is None:
                cached = self._resolve_one(a, analysis)
                self._resolved[key] = cached
            actor = dataclasses.replace(cached, sectors=list(cached.sectors))
            if not any(o.start == actor.start and o.end == actor.end for o in out):
                out.append(actor)
        return out

    def _resolve_one(self, a: ArgSpan, analysis: Analysis) -> Actor:
        """One span to an actor, with the apposition and role-noun fallbacks. A span the
        actors stage already resolved (same characters) is not resolved twice."""
        index = analysis.extra.get("actors.by_head")
        known = index.get(a.span.root.i) if isinstance(index, dict) else None
        if isinstance(known, Actor) and (known.start, known.end) == (
                a.span.start_char, a.span.end_char) and known.text == a.span.text:
            actor = dataclasses.replace(known, sectors=list(known.sectors))
        else:
            actor = self.resolver.resolve(a.span, analysis.dct, analysis)
        if not (actor.id or actor.country):
            alt = self.args.appositive(a.span.root)
            if alt is not None:
                other = self.resolver.resolve(alt, analysis.dct, analysis)
                if (other.id or other.country) or (other.sectors and not actor.sectors):
                    # "the militant group al-Shabab", "Tokayev, the Kazakh president"
                    other.sectors = list(dict.fromkeys([*other.sectors, *actor.sectors]))
                    other.text, other.start, other.end = actor.text, actor.start, actor.end
                    actor = other
        if a.role is not None and not actor.sectors:
            role = self.resolver.resolve(a.role, analysis.dct, analysis)
            if role.sectors:
                actor.sectors = list(role.sectors)
        return actor

"""Stage ``events``: find event triggers in the parse and read their source and target actors.

One event per predicate-argument structure: a trigger (verb, noun or light-verb + noun),
its CAMEO code (composed through frames such as "agreed to" or "appealed for"), the
sentence and trigger character offsets, and the actors that syntax gives for its source
and target roles. Cheap by construction: one dictionary lookup per token, then work only
on the few tokens that are triggers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tidings.actors import ActorResolver
from tidings.annotations import Analysis, EventMention
from tidings.events import syntax
from tidings.events.args import ArgSpan, ArgumentFinder
from tidings.events.frames import Trigger, compute_code, find_triggers, link_frames
from tidings.lexicon import Lexicon
from tidings.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

VERB_TARGETS = ("obj", "dative", "against", "on", "upon", "to", "toward", "towards", "with",
                "into", "at")
NOUN_SOURCES = ("poss", "by", "mod", "from", "between")
NOUN_TARGETS = ("against", "on", "upon", "to", "toward", "towards", "with", "at", "of", "into")
FRAME_TARGETS = {
    "appeal": ("xobj", "obj", "to", "on", "from"),
    "demand": ("xobj", "obj", "from", "on", "of"),
    "order": ("xobj", "obj", "on", "to"),
    "reject": ("obj", "from", "by", "of", "to"),
    "threaten": ("obj", "against", "to", "on", "with", "cond"),
    "accuse": ("obj", "of", "xobj", "against"),
    "intent": ("dative", "to", "with", "obj"),
    "claim": ("obj",),
}
_VIOLENT = frozenset({"17", "18", "19", "20"})
_SPEECH = frozenset({"say", "claim", "allege", "charge", "assert", "insist", "state",
                     "declare", "maintain", "contend", "admit", "acknowledge", "confess"})
_CLAIM = frozenset({"claim", "admit", "acknowledge", "confess"})
_ALLEGE = frozenset({"claim", "allege", "charge", "assert", "contend"})
_SELF = frozenset({"it", "itself", "they", "themselves", "we", "us", "ourselves", "them",
                   "he", "him", "himself", "she", "her", "herself"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "such"})
_DEONTIC = {"must": "demand", "should": "appeal"}
_SAYING = frozenset({"say", "declare", "reiterate", "insist", "conclude", "announce", "add",
                     "stress", "tell", "warn", "write", "state", "argue", "remind", "repeat",
                     "emphasize", "emphasise", "assert", "note", "affirm", "maintain",
                     "demand", "reminder", "warning", "insistence", "argue", "believe",
                     "urge", "underline", "underscore"})
_FUTURE_ROOTS = frozenset({"04", "05", "06", "07", "08", "14", "15", "16", "17", "18", "19",
                           "20"})


class EventStage:
    """Stage ``events``: reads the parse, writes ``analysis.mentions``.

    Args:
        lexicon: the loaded lexicon (patterns, classes, the type table).
        resolver: turns an argument span into an actor.
    """

    name = "events"
    reads = ("doc", "dct")
    writes = ("mentions",)

    def __init__(self, lexicon: Lexicon, resolver: ActorResolver) -> None:
        self.lexicon = lexicon
        self.resolver = resolver
        self.args = ArgumentFinder(lexicon)
        self.natural = lexicon.classes.get("NATURAL", frozenset())
        self._by_code: dict[str, list[Trigger]] = {}
        self._triggers: dict[int, Trigger] = {}
        self._depth = 0
        self._active: set[int] = set()

    def __call__(self, analysis: Analysis) -> None:
        triggers = find_triggers(analysis.doc, self.lexicon)
        if not triggers:
            return
        self._triggers = triggers
        self.args.event_roles = self._event_roles
        link_frames(triggers, self.lexicon)
        for t in triggers.values():
            compute_code(t, self.lexicon, self.args.is_actorish)
        self._by_code = {}
        for t in sorted(triggers.values(), key=lambda t: t.tok.i):
            if t.code:
                self._by_code.setdefault(t.code, []).append(t)
            self._absorb_theme(t)
        seen: set[tuple[int, int, str]] = set()
        for mention in self._modal_demands(analysis):
            key = (mention.trigger[0], mention.trigger[1], mention.code)
            if key not in seen:
                seen.add(key)
                analysis.mentions.append(mention)
        for t in sorted(triggers.values(), key=lambda t: t.tok.i):
            if t.code is None or t.absorbed or t.code.startswith("-"):
                continue
            for mention in self._mentions(t, analysis):
                key = (mention.trigger[0], mention.trigger[1], mention.code)
                if key not in seen:
                    seen.add(key)
                    analysis.mentions.append(mention)

    def _absorb_theme(self, t: Trigger) -> None:
        """"imposed sanctions on X": the verb's pattern already codes its object noun, which
        is not a second event."""
        if t.pattern.pos != "v" or t.pattern.frame is not None or not t.code or not any(
                c.kind == "obj" and c.values is not None for c in t.pattern.constraints):
            return
        for o in syntax.direct_objects(t.tok):
            inner = self._triggers.get(o.i)
            if inner is not None and inner.code and inner.code[:2] == t.code[:2]:
                inner.absorbed = True

    # -- mentions -----------------------------------------------------------------------

    def _mentions(self, t: Trigger, analysis: Analysis) -> list[EventMention]:
        assert t.code is not None
        if t.pattern.pos == "v" and self.lexicon.info(t.code).quad_class == 4 and any(
                s.lemma_.lower() in self.natural for s in syntax.subjects(t.tok)):
            return []  # "floods destroyed the city": no actor, no event
        src, tgt = self._roles(t)
        if not src and not tgt:
            return []
        if t.pattern.pos == "n" and t.pattern.frame not in (None, "support") and not any(
                e.code for e, _ in t.embedded) and not (
                any(self.args.is_actorish(a.span.root) for a in src)
                and any(self.args.is_actorish(a.span.root) for a in tgt)):
            return []  # "his promises", "an offer of lower prices": too little to code
        out = [self._mention(t, t.code, src, tgt, analysis)]
        derived = self._derived_code(t)
        if derived is not None:
            if not tgt and derived[:2] == "13":
                tgt = self.args.spans(self._condition_subjects(t.tok, t))
            m = self._mention(t, derived, src, tgt, analysis)
            m.extra["derived"] = "stated-intent"
            out.append(m)
        speech = self._speech_act(t)
        if speech is not None:
            code, verb, s_heads, t_heads = speech
            m = self._mention(t, code, self.args.spans(s_heads), self.args.spans(t_heads),
                              analysis)
            m.trigger_token = verb.i
            m.trigger = (verb.idx, verb.idx + len(verb.text))
            m.extra["derived"] = "claim" if code == "015" else "accusation"
            m.extra["embedded"] = {"code": t.code, "token": t.tok.i, "text": t.tok.text}
            out.append(m)
        return out

    def _modal_demands(self, analysis: Analysis) -> list[EventMention]:
        """"X said Y must withdraw" is X demanding (10x) that Y withdraw; "... should
        withdraw" is an appeal (02x). The embedded act is absorbed: it has not happened."""
        out: list[EventMention] = []
        for tok in analysis.doc:
            low = tok.lower_
            if low not in _DEONTIC or tok.dep_ != "aux":
                continue
            clause = tok.head
            if clause.dep_ not in ("ccomp", "acl") or clause.head is clause:
                continue
            speech = clause.head
            lemma = speech.lemma_.lower()
            if syntax.is_verb(speech):
                if lemma not in _SAYING:
                    continue
                speaker = syntax.subjects(speech)
            elif speech.pos_ == "NOUN" and (lemma in self.args.container or lemma in _SAYING):
                speaker = [c for c in speech.children if c.dep_ == "poss"] or (
                    syntax.subjects(speech.head) if speech.dep_ == "dobj" else [])
            else:
                continue
            addressee = syntax.children(clause, "nsubj", "nsubjpass")
            if all(a.pos_ == "PRON" for a in addressee):
                # "reminded Iraq that it must", "a reminder to Iraq that it must"
                named = syntax.preps(speech).get("to", []) or syntax.children(
                    speech, "dobj", "dative")
                addressee = named or addressee
            src = [h for s in speaker for h in self.args.heads(s)]
            tgt = [h for s in addressee for h in self.args.heads(s)]
            if not src or not tgt:
                continue
            frame = _DEONTIC[low]
            emb = self._triggers.get(clause.i)
            code = None
            if emb is not None and emb.code and not emb.absorbed:
                code = self.lexicon.composed(frame, emb.code)
                emb.absorbed = True
            code = code or ("100" if frame == "demand" else "020")
            m = EventMention(trigger_token=speech.i,
                             trigger=(speech.idx, speech.idx + len(speech.text)),
                             sentence=self._sentence(speech), code=code)
            m.sources = self._resolve(self.args.spans(src), analysis)
            m.targets = self._resolve(self.args.spans(tgt), analysis)
            m.confidence = 0.8
            m.extra.update({"pattern": f"modal:{low}", "lemma": lemma, "frame": frame,
                            "derived": "modal-demand"})
            if emb is not None and emb.code:
                m.extra["embedded"] = {"code": emb.code, "token": emb.tok.i,
                                       "text": emb.tok.text}
            out.append(m)
        return out

    def _speech_act(self, t: Trigger) -> tuple[str, Token, list[Token], list[Token]] | None:
        """"X claimed that it attacked" claims responsibility (015); "X claimed that Y
        attacked", or "X said Y fired at it", accuses Y (112). Only for violent acts in
        the that-clause of a speech verb whose speaker is an actor."""
        tok = t.tok
        code = t.code
        if code is None or code[:2] not in _VIOLENT or tok.dep_ != "ccomp":
            return None
        verb = tok.head
        lemma = verb.lemma_.lower()
        if lemma not in _SPEECH or syntax.is_negated(verb):
            return None
        speaker = [h for s in syntax.subjects(verb) for h in self.args.heads(s)]
        if not speaker:
            return None
        src, tgt = self._role_heads(t)
        if lemma in _CLAIM and (not src or all(h.lower_ in _SELF for h in src)):
            return "015", verb, speaker, tgt
        reflexive = any(h.lower_ in _SELF for h in tgt) or any(
            c.lower_ in _SELF for c in tok.subtree if c.dep_ in ("pobj", "dobj"))
        if lemma in _ALLEGE or reflexive:
            if not src:
                src = [h for o in syntax.preps(tok).get("from", []) for h in self.args.heads(o)]
            if src and not any(h.lower_ in _SELF for h in src):
                return "112", verb, speaker, src
        return None

    def _derived_code(self, t: Trigger) -> str | None:
        """A future or conditional act stated by its actor is also an expressed intent
        (03x, "the US will supply arms") or a threat (13x, "will blockade Paris unless")."""
        tok = t.tok
        code = t.code
        if (code is None or t.pattern.pos != "v" or t.pattern.frame is not None
                or t.governor is not None or code[:2] not in _FUTURE_ROOTS
                or syntax.is_negated(tok) or t.rejected_by_negation):
            return None
        cond = syntax.condition_marker(tok)
        future = syntax.is_future(tok)
        possible = bool(syntax.aux_words(tok) & syntax.MODALS_POSSIBLE)
        if not (future or (possible and cond is not None)):
            return None
        if not syntax.subjects(tok):
            return None
        info = self.lexicon.info(code)
        if cond is not None and cond.lower_ == "unless" or not info.cooperative:
            return self.lexicon.composed("threaten", code)
        return self.lexicon.composed("intent", code)

    def _mention(self, t: Trigger, code: str, src: list[ArgSpan], tgt: list[ArgSpan],
                 analysis: Analysis) -> EventMention:
        tok = t.tok
        start, end = self._trigger_span(t)
        sent = self._sentence(tok)
        m = EventMention(
            trigger_token=tok.i,
            trigger=(start, end),
            sentence=sent,
            code=code,
            negated=syntax.is_negated(tok) and not t.rejected_by_negation,
        )
        m.sources = self._resolve(src, analysis)
        m.targets = self._resolve(tgt, analysis)
        if code == "180" and (any("MIL" in a.sectors for a in (*m.sources, *m.targets)) or any(
                a.kind == "country" or (a.country and set(a.sectors) <= {"GOV", "MIL"})
                for a in m.sources)):
            # violence by a state or by or against armed forces is conventional force (19x),
            # not the unconventional violence (18x) of gunmen and bombers
            m.code = code = "190"
        if code in ("140", "141") and m.sources and all(
                a.sectors and set(a.sectors) <= {"GOV", "LEG", "IGO"} for a in m.sources):
            # a government "protests" by complaining officially, not in the street
            m.code = code = "114"
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
        cond = syntax.condition_marker(tok)
        if cond is not None:
            extra["condition"] = {"text": cond.text, "span": [cond.idx, cond.idx + len(cond)]}
        if t.rejected_by_negation:
            extra["negation"] = "refusal"
        return m

    def _trigger_span(self, t: Trigger) -> tuple[int, int]:
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
    def _sentence(tok: Token) -> tuple[int, int]:
        """The sentence span, cut at blank lines the sentence splitter ran across."""
        sent = tok.sent
        s0, s1 = sent.start_char, sent.end_char
        text = sent.text
        if "\n\n" in text:
            rel = tok.idx - s0
            a = text.rfind("\n\n", 0, rel)
            b = text.find("\n\n", rel)
            if a >= 0:
                s0 += a + 2
            if b >= 0:
                s1 = sent.start_char + b
        while s1 > s0 and tok.doc.text[s1 - 1].isspace():
            s1 -= 1
        return s0, s1

    # -- roles --------------------------------------------------------------------------

    def _roles(self, t: Trigger) -> tuple[list[ArgSpan], list[ArgSpan]]:
        src_heads, tgt_heads = self._role_heads(t)
        return self.args.spans(src_heads), self.args.spans(tgt_heads)

    def _role_heads(self, t: Trigger) -> tuple[list[Token], list[Token]]:
        """Source and target heads of a trigger (guarded: frames and embedded triggers
        consult each other)."""
        key = t.tok.i
        if key in self._active:
            return [], []
        self._active.add(key)
        try:
            return self._role_heads_of(t)
        finally:
            self._active.discard(key)

    def _role_heads_of(self, t: Trigger) -> tuple[list[Token], list[Token]]:
        p = t.pattern
        tok = t.tok
        frame = t.frame
        if p.pos == "v" or p.pos == "a":
            base = syntax.copula_head(tok) if p.pos == "a" else tok
            src = self._first(base, p.src or ("subj",), t, source=True)
            if not src and (t.code or "")[:2] in _VIOLENT:
                src = self._instrument_source(tok)
            default_tgt = FRAME_TARGETS.get(frame or "", VERB_TARGETS) if p.tgt is None else p.tgt
            tgt = self._first(tok, default_tgt, t)
        else:
            src = self._first(tok, p.src or NOUN_SOURCES, t, source=True)
            tgt = self._first(tok, p.tgt or NOUN_TARGETS, t)
        emb_via = next(((e, via) for e, via in t.embedded
                        if e.code and (e.absorbed or frame in ("intent", "claim"))), None)
        if frame is not None and emb_via is not None:
            emb, via = emb_via
            esrc, etgt = self._role_heads(emb)
            if via == "xcomp":
                esrc = []  # "refused to meet X": the embedded subject is the frame's own
            if frame == "support":
                # light verb + event noun: the verb gives the source, and the noun's target
                # positions apply to the verb too ("launched an attack against X")
                src = src or esrc
                tgt = etgt or self._first(tok, emb.pattern.tgt or NOUN_TARGETS, t)
            elif frame in ("intent", "threaten", "claim"):
                src = src or esrc
                tgt = etgt or tgt or (self._condition_subjects(tok, t) if frame == "threaten"
                                      else [])
            elif frame == "appeal3":
                tgt = etgt or tgt
            elif frame in ("reject", "accuse", "demand", "order"):
                # the author of what is refused ("an Indian proposal"), the one who must
                # act ("the withdrawal of Serbian forces"); through a nested request, its
                # addressee ("insisted on its demands that the government grant ...")
                inner = (etgt or esrc) if emb.pattern.frame else (esrc or etgt)
                tgt = tgt or inner
            else:  # appeal
                tgt = tgt or etgt
        elif frame in ("intent", "threaten") and not tgt:
            # "threatened to retaliate against X": an act the lexicon does not code
            for c in tok.children:
                if c.dep_ == "xcomp" and c.i not in self._triggers:
                    tgt = self._first(c, ("obj", "against", "on", "to"), t)
                    if tgt:
                        break
        if p.pos == "v" and (not src or not tgt):
            # "held their first meeting with X": the object noun the pattern absorbed
            for o in syntax.direct_objects(tok):
                inner = self._triggers.get(o.i)
                if inner is not None and inner.absorbed and inner.governor is None:
                    isrc, itgt = self._role_heads(inner)
                    src, tgt = src or isrc, tgt or itgt
        if not src and t.governor is not None and not t.absorbed:
            src = self._role_heads(t.governor)[0]
        return src, tgt

    def _first(self, tok: Token, positions: tuple[str, ...], t: Trigger,
               source: bool = False) -> list[Token]:
        """Actor heads from the first position (in order of preference) that has any."""
        embedded = set() if t.frame in ("reject", "accuse") else {e.tok.i for e, _ in t.embedded}
        for pos in positions:
            if pos == "none":
                return []
            heads: list[Token] = []
            # what is asked for is not the one asked: "demanded higher wages"
            strict = source or (pos == "obj" and t.frame in ("appeal", "demand", "order"))
            for r in self._raw(tok, pos, t):
                if r.i not in embedded:
                    heads.extend(self.args.heads(r, source=strict))
            if heads:
                return heads
        return []

    def _raw(self, tok: Token, pos: str, t: Trigger) -> list[Token]:
        """The tokens at an argument position (see :mod:`tidings.lexicon.patterns`)."""
        if "." in pos:
            first, _, rest = pos.partition(".")
            if first == "deep":
                return self.args.deep(tok, rest)
            base = (syntax.direct_objects(tok) if first == "obj"
                    else self._raw(tok, first, t))
            return [r for b in base for r in self._raw(b, rest, t)]
        if pos == "subj":
            return syntax.subjects(tok)
        if pos == "obj":
            theme = tok is t.tok and t.pattern.frame is None and any(
                c.kind == "obj" and c.values is not None for c in t.pattern.constraints)
            if theme and "obj" not in (t.pattern.tgt or ()):
                return []  # "deliver aid": the object is what is given, not to whom
            objs = syntax.direct_objects(tok)
            if t.embedded and tok is t.tok and t.frame not in ("reject", "accuse"):
                objs = [o for o in objs if not any(e.tok.i == o.i for e, _ in t.embedded)]
            return objs
        if pos == "dative":
            return [c for c in tok.children if c.dep_ == "dative" and c.pos_ != "ADP"]
        if pos == "poss":
            return [c for c in tok.children if c.dep_ == "poss"]
        if pos == "mod":
            return [c for c in tok.children if self.args.is_actor_modifier(c)]
        if pos == "xobj":
            return self._clause_subjects(tok)
        if pos == "loc":
            return self.args.located(tok)
        if pos == "incident":
            return self._incident(tok)
        if pos == "purpose":
            return self._purpose(tok)
        if pos == "cond":
            return self._condition_subjects(tok, t)
        return syntax.preps(tok).get(pos, [])

    def _purpose(self, tok: Token) -> list[Token]:
        """Whom a protest is aimed at, from its purpose or reason: "blocked roads to press
        their demands on the government", "a hunger strike in protest of the government's
        refusal", "to convince the parliament"."""
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "against"):
                for o in syntax.pobjs(c):
                    if o.lemma_.lower() in ("protest", "defiance", "response", "support"):
                        for p in o.children:
                            if p.dep_ == "prep" and p.lower_ in ("of", "at", "against", "over"):
                                heads = [h for x in syntax.pobjs(p) for h in self.args.heads(x)]
                                if heads:
                                    return heads
        for c in tok.children:
            if (c.dep_ in ("advcl", "xcomp") and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children)) or (
                    c.dep_ in ("advcl", "acl") and c.tag_ == "VBG"):
                t = self._triggers.get(c.i)
                if t is not None and t.code:
                    src, tgt = self._role_heads(t)
                    if tgt:
                        return tgt
                for o in [*syntax.direct_objects(c), *syntax.preps(c).get("from", []),
                          *syntax.preps(c).get("for", []), *syntax.preps(c).get("against", [])]:
                    heads = self.args.heads(o)
                    if heads:
                        return heads
        return []

    def _condition_subjects(self, tok: Token, t: Trigger) -> list[Token]:
        """"threatened to strike unless Israel rescinded ...": the one the condition is
        put to is the threat's target."""
        nodes = [tok, *(e.tok for e, _ in t.embedded)]
        for node in nodes:
            for c in node.children:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                             for m in c.children):
                    subj = syntax.children(c, "nsubj", "nsubjpass")
                    heads = [h for s in subj for h in self.args.heads(s)]
                    if heads:
                        return heads
        return []

    def _instrument_source(self, tok: Token) -> list[Token]:
        """"killed in an Israeli air strike", "wounded in Israeli tank shelling": the
        author of the violence named by the means it was done with."""
        for prep, objs in syntax.preps(tok).items():
            if prep not in ("in", "during", "by", "from", "after"):
                continue
            for o in objs:
                t = self._triggers.get(o.i)
                if t is not None and t.code:
                    src = self._role_heads(t)[0]
                    if src:
                        return src
                mods = [c for c in o.children if self.args.is_actor_modifier(c)
                        and c.ent_type_ in ("NORP", "GPE", "ORG")]
                if mods:
                    return mods
        return []

    def _clause_subjects(self, tok: Token) -> list[Token]:
        """The subject of the clause a frame embeds: "demanded that Hamas renounce",
        "urged the EU to act", "demands that the government grant"."""
        out: list[Token] = []
        for c in tok.children:
            if c.dep_ == "xcomp" or (c.dep_ in ("ccomp", "acl") and c.i > tok.i and (
                    any(m.dep_ == "mark" and m.lower_ in ("that", "to") for m in c.children)
                    or any(s.dep_ in ("nsubj", "nsubjpass") and s.i <= tok.i + 4
                           for s in c.children))):
                out.extend(s for s in c.children if s.dep_ in ("nsubj", "nsubjpass"))
        if not out and any(c.dep_ == "xcomp" for c in tok.children):
            out = list(syntax.children(tok, *syntax.OBJ))
        return out

    def _event_roles(self, tok: Token) -> tuple[list[Token], list[Token]] | None:
        """Source and target heads of the event a noun names; for "the demand", "the
        verdict", "the expulsions" without actors of their own, those of the nearest earlier
        event with the same code (event coreference within the document)."""
        t = self._triggers.get(tok.i)
        if t is None or not t.code or t.pattern.pos != "n" or self._depth > 2:
            return None
        self._depth += 1
        try:
            roles = self._role_heads(t)
            if roles[0] or roles[1] or not any(
                    c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in tok.children):
                return roles
            for prev in reversed(self._by_code.get(t.code, [])):
                if prev.tok.i < tok.i and prev is not t:
                    earlier = self._role_heads(prev)
                    if earlier[0] or earlier[1]:
                        return earlier
            return roles
        finally:
            self._depth -= 1

    def _incident(self, tok: Token) -> list[Token]:
        """Targets of the incident that prompted an act: "searched the building after
        reports of a bomb inside the embassy" -> the embassy."""
        for prep, objs in syntax.preps(tok).items():
            if prep not in ("after", "following", "over", "into", "amid"):
                continue
            for o in objs:
                node: Token | None = o
                for _ in range(3):
                    if node is None:
                        break
                    t = self._triggers.get(node.i)
                    if t is not None and t.code:
                        return self._role_heads(t)[1]
                    nxt = syntax.preps(node).get("of", [])
                    node = nxt[0] if nxt else None
        return []

    # -- resolution ---------------------------------------------------------------------

    def _resolve(self, spans: list[ArgSpan], analysis: Analysis) -> list[Actor]:
        out: list[Actor] = []
        for a in spans:
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
            if not any(o.start == actor.start and o.end == actor.end for o in out):
                out.append(actor)
        return out


def _resolved(actor: Actor) -> bool:
    return bool(actor.id or actor.country or actor.sectors)


def span_text(span: Span) -> str:
    return span.text

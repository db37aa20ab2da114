"""Where an event's source and target are in the parse, trigger by trigger.

:class:`RoleFinder` reads the argument positions a pattern names (``subj``, ``obj``,
``to``, ``obj.mod``, ``deep.in``...; see :mod:`tidings.lexicon.patterns`), or the defaults
below, and combines a frame's arguments with those of the event it embeds ("refused to
meet X": the target is the one not met). It returns head tokens; :mod:`tidings.events.args`
turns them into spans and the resolver into actors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tidings.events import syntax
from tidings.events.args import ArgSpan, ArgumentFinder
from tidings.events.frames import Trigger
from tidings.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

VERB_TARGETS = ("obj", "dative", "against", "on", "upon", "to", "toward", "towards", "with",
                "into", "at")
"""Default target positions of a verb trigger, in order of preference."""
NOUN_SOURCES = ("poss", "by", "mod", "from", "between")
"""Default source positions of a noun trigger ("Israel's attack", "an attack by X")."""
NOUN_TARGETS = ("against", "on", "upon", "to", "toward", "towards", "with", "at", "of", "into")
"""Default target positions of a noun trigger ("an attack on X", "talks with X")."""
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
"""Default target positions of frame verbs."""
VIOLENT = frozenset({"17", "18", "19", "20"})
"""CAMEO roots of material conflict that uses force."""
_REASONS = frozenset({"protest", "defiance", "response", "support", "solidarity", "opposition"})
_CALLING = frozenset({"call", "demand", "urge", "protest", "press", "seek", "ask", "appeal"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "such"})
PLACE_PREPS = frozenset({"in", "near", "outside", "inside", "at"})
DEEP_PREPS = frozenset({"against", "to", "on", "for", "with", "from", "into", "at", "of"})
DEEP_DEPS = frozenset({"dobj", "pobj", "prep", "pcomp", "acl", "amod", "acomp", "nsubjpass",
                       "advcl", "xcomp"})
"""Links followed down from a trigger; clauses only when they are "to" infinitives of
purpose or control ("blocked a road to show their anger at X")."""
"""Prepositions whose named object may be a target deeper in the trigger's phrase (not
"in": where something happens is not whom it is done to)."""
DEEP_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
"""Prepositions of the place an event happened in."""
PLACE_NOUNS = frozenset({"town", "city", "village", "region", "province", "district",
                         "capital", "port", "enclave", "territory", "suburb", "outskirts"})


class RoleFinder:
    """Source and target heads for the triggers of one document at a time.

    Args:
        lexicon: the lexicon (word classes).
        args: the argument finder that turns heads into actor spans.
    """

    def __init__(self, lexicon: Lexicon, args: ArgumentFinder) -> None:
        self.lexicon = lexicon
        self.args = args
        self._triggers: dict[int, Trigger] = {}
        self._by_code: dict[str, list[Trigger]] = {}
        self._active: set[int] = set()
        self._depth = 0

    def start(self, triggers: dict[int, Trigger]) -> None:
        """Take the triggers of a new document (codes already computed)."""
        self._triggers = triggers
        self._by_code = {}
        self._active = set()
        self._depth = 0
        self.args.event_roles = self._event_roles
        self.args.is_trigger = lambda tok: tok.i in self._triggers
        for t in sorted(triggers.values(), key=lambda t: t.tok.i):
            if t.code:
                self._by_code.setdefault(t.code, []).append(t)
            self._absorb_theme(t)

    def trigger(self, tok: Token) -> Trigger | None:
        return self._triggers.get(tok.i)
    def roles(self, t: Trigger) -> tuple[list[ArgSpan], list[ArgSpan]]:
        src_heads, tgt_heads = self.role_heads(t)
        return self.args.spans(src_heads), self.args.spans(tgt_heads)

    def role_heads(self, t: Trigger) -> tuple[list[Token], list[Token]]:
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
            if not src and (t.code or "")[:2] in VIOLENT:
                src = self._instrument_source(tok)
            default_tgt = FRAME_TARGETS.get(frame or "", VERB_TARGETS) if p.tgt is None else p.tgt
            tgt = self._first(tok, default_tgt, t)
        else:
            src = self._first(tok, p.src or NOUN_SOURCES, t, source=True)
            tgt = self._first(tok, p.tgt or NOUN_TARGETS, t)
        emb_via = next(((e, via) for e, via in t.embedded
                        if e.code and (e.absorbed or p.frame in ("intent", "claim"))), None)
        if frame is not None and emb_via is not None:
            emb, via = emb_via
            esrc, etgt = self.role_heads(emb)
            if via == "xcomp":
                esrc = []  # "refused to meet X": the embedded subject is the frame's own
            if frame == "support":
                # light verb + event noun: the verb gives the source, and the noun's target
                # positions apply to the verb too ("launched an attack against X")
                src = src or esrc
                tgt = etgt or self._first(tok, emb.pattern.tgt or NOUN_TARGETS, t)
            elif frame in ("intent", "threaten", "claim"):
                src = src or esrc
                tgt = etgt or tgt or (self.condition_subjects(tok, t) if frame == "threaten"
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
                    tgt = self._first(c, ("to", "against", "on", "obj"), t)
                    if tgt:
                        break
        if p.pos == "v" and (not src or not tgt):
            # "held their first meeting with X": the object noun the pattern absorbed
            for o in syntax.direct_objects(tok):
                theme = self._triggers.get(o.i)
                if theme is not None and theme.absorbed and theme.governor is None:
                    isrc, itgt = self.role_heads(theme)
                    src, tgt = src or isrc, tgt or itgt
        if not src and t.governor is not None and not t.absorbed:
            src = self.role_heads(t.governor)[0]
        if not src and p.pos == "v" and syntax.is_passive(tok):
            # "was arrested in Lebanon": no one named, the place's state stands in
            src = self._place_of_event(tok, tgt)
        if p.pos == "v" and not any(self._actor_like(h) for h in tgt):
            # "lift embargoes on pharmaceutical sales to Iran, Libya and Cuba": the named
            # actor deeper in the object's phrase, when the target found names no one
            deeper = self._deep_named(tok, src)
            if deeper:
                tgt = deeper
        return src, tgt

    def _actor_like(self, tok: Token) -> bool:
        """An actor, or a thing an actor owns ("Chinese authorities", "Filipino
        peacekeepers", "the Iraqi convoy"), not a bare thing ("pharmaceutical sales")."""
        return tok.pos_ == "PRON" or self.args.is_actorish(tok) or any(
            self.args.is_actor_modifier(c) for c in tok.children)

    @staticmethod
    def _named(tok: Token) -> bool:
        """A name, or a noun with a country or organization modifier."""
        return tok.ent_type_ in DEEP_ENTS or any(
            c.dep_ in ("amod", "compound", "poss") and c.ent_type_ in DEEP_ENTS
            for c in tok.children)

    def _deep_named(self, tok: Token, src: list[Token]) -> list[Token]:
        """The first named actor (country, people, organization, person) that a
        preposition of the trigger's phrase introduces, breadth first, at most six
        levels down; "of" only when nothing else is found."""
        taken = {h.i for h in src}
        frontier = [tok]
        fallback: list[Token] = []
        for _ in range(6):
            nxt: list[Token] = []
            for node in frontier:
                for c in node.children:
                    if c.dep_ == "prep" and c.lower_ in DEEP_PREPS:
                        for o in syntax.pobjs(c):
                            if o.i in taken or not self._named(o) or \
                                    self.args.is_temporal(o):
                                continue
                            heads = [h for h in self.args.heads(o, descend=False)
                                     if h.i not in taken]
                            if heads and c.lower_ != "of":
                                return heads
                            fallback = fallback or heads
                    if c.dep_ in DEEP_DEPS and c.i not in taken and not (
                            c.dep_ in ("advcl", "xcomp") and not any(
                                a.dep_ == "aux" and a.lower_ == "to" for a in c.children)):
                        nxt.append(c)
            frontier = nxt
        return fallback

    def _place_of_event(self, tok: Token, tgt: list[Token]) -> list[Token]:
        """The named place a trigger happened in ("in Lebanon", "outside of the Iraqi city
        of Basra", "in Khanty-Mansiysk"), if it is not the target already."""
        for c in tok.children:
            if c.dep_ != "prep" or c.lower_ not in PLACE_PREPS:
                continue
            objs = syntax.pobjs(c)
            if not objs:  # "outside of X"
                objs = [o for cc in c.children if cc.dep_ == "prep" for o in syntax.pobjs(cc)]
            for o in objs:
                if o in tgt or self.args.is_temporal(o):
                    continue
                if o.ent_type_ in ("GPE", "LOC", "FAC") or (
                        o.lemma_.lower() in PLACE_NOUNS and any(
                            c2.ent_type_ in ("GPE", "NORP", "LOC") for c2 in o.subtree)):
                    return [o]
        return []

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
            mods = [c for c in tok.children if self.args.is_actor_modifier(c)]
            if not mods:
                # "US Predator attacks", "Israeli tank fire": the owner of the compound
                mods = [cc for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN"
                        for cc in c.children if cc.dep_ in ("compound", "amod")
                        and cc.ent_type_ in ("GPE", "NORP", "ORG")]
            return mods
        if pos == "xobj":
            return self._clause_subjects(tok)
        if pos == "loc":
            return self.args.located(tok)
        if pos == "incident":
            return self._incident(tok)
        if pos == "purpose":
            return self._purpose(tok)
        if pos == "cond":
            return self.condition_subjects(tok, t)
        return syntax.preps(tok).get(pos, [])

    def _purpose(self, tok: Token) -> list[Token]:
        """Whom a protest is aimed at, from its purpose or reason: "blocked roads to press
        their demands on the government", "a hunger strike in protest of the government's
        refusal", "rioted following a demonstration calling for the removal of X"."""
        for c in tok.children:
            if c.dep_ != "prep" or c.lower_ not in ("in", "against", "following", "after"):
                continue
            for o in syntax.pobjs(c):
                if c.lower_ == "in" and o.lemma_.lower() not in _REASONS:
                    continue
                for p in o.children:
                    if p.dep_ == "prep" and p.lower_ in ("of", "at", "against", "over"):
                        heads = [h for x in syntax.pobjs(p) for h in self._aimed_at(x)]
                        if heads:
                            return heads
                if c.lower_ != "in":
                    heads = self._named_in(o)
                    if heads:
                        return heads
        for c in tok.children:
            if (c.dep_ in ("advcl", "xcomp") and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children)) or (
                    c.dep_ in ("advcl", "acl") and c.tag_ == "VBG"
                    and c.lemma_.lower() in _CALLING):
                t = self._triggers.get(c.i)
                if t is not None and t.code:
                    tgt = self.role_heads(t)[1]
                    if tgt and all(self.args.is_actorish(h) for h in tgt):
                        return tgt
                for o in [*syntax.direct_objects(c), *syntax.preps(c).get("from", []),
                          *syntax.preps(c).get("for", []), *syntax.preps(c).get("against", [])]:
                    heads = self._aimed_at(o)
                    if heads:
                        return heads
        return []

    def _aimed_at(self, tok: Token) -> list[Token]:
        """The actor a protest's reason names: an event's author, else a named actor in
        the phrase ("the government's refusal", "the United States' policies")."""
        t = self._triggers.get(tok.i)
        if t is not None and t.code:
            src = self.role_heads(t)[0]
            if src:
                return src
        if self.args.is_actorish(tok) and tok.pos_ in ("PROPN", "NOUN") and \
                tok.lemma_.lower() not in self.args.abstract:
            return [tok]
        return self._named_in(tok)

    def _named_in(self, tok: Token) -> list[Token]:
        """The first named actor in a short phrase (at most 12 tokens are looked at)."""
        for n, w in enumerate(tok.subtree):
            if n > 12:
                break
            if w.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") and w.dep_ != "compound":
                return [w]
        return []

    def condition_subjects(self, tok: Token, t: Trigger) -> list[Token]:
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
                    src = self.role_heads(t)[0]
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

    def antecedent_event(self, t: Trigger) -> Trigger | None:
        """For a definite event noun ("the withdrawal", "this attack"), the nearest earlier
        trigger with the same code, if the noun is definite."""
        noun = t.tok.head if t.tok.dep_ == "compound" else t.tok  # "the withdrawal process"
        if not t.code or not any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE
                                 for c in noun.children):
            return None
        for prev in reversed(self._by_code.get(t.code, [])):
            if prev.tok.i < t.tok.i and prev is not t:
                return prev
        return None

    def _event_roles(self, tok: Token) -> tuple[list[Token], list[Token]] | None:
        """Source and target heads of the event a noun names; for "the demand", "the
        verdict", "the expulsions" without actors of their own, those of the nearest earlier
        event with the same code (event coreference within the document)."""
        t = self._triggers.get(tok.i)
        if t is None or not t.code or t.pattern.pos != "n" or self._depth > 2:
            return None
        self._depth += 1
        try:
            roles = self.role_heads(t)
            if roles[0] or roles[1] or not any(
                    c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in tok.children):
                return roles
            for prev in reversed(self._by_code.get(t.code, [])):
                if prev.tok.i < tok.i and prev is not t:
                    earlier = self.role_heads(prev)
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
                        return self.role_heads(t)[1]
                    nxt = syntax.preps(node).get("of", [])
                    node = nxt[0] if nxt else None
        return []

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
                if t.code.endswith("0") and inner.code.startswith(t.code[:2]) and \
                        inner.code != t.code and inner.code[2:3] != "0":
                    t.code = inner.code  # "provide military aid": the noun says which aid


"""Triggers, the frames that embed them, and the codes that result.

A *trigger* is a token whose lemma and syntax match a lexicon pattern. A *frame* trigger
("agreed", "appealed", "demanded", "refused", "threatened", "launched") embeds another
trigger -- through an open clause ("agreed to send"), a that-clause ("demanded that they
withdraw"), a prepositional object ("appealed for assistance") or a direct object
("launched an attack") -- and its code is composed from the embedded one's
(``compose.tsv``). Commissive frames (``intent``) leave the embedded event standing as
an event of its own (the sending that was agreed); the others absorb it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tidings.events import syntax
from tidings.events.match import best
from tidings.lexicon import Lexicon, Pattern

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

FRAME_PREPS = ("for", "to", "of", "on", "in", "into", "against", "about", "with", "from")
FALLBACK = {"order": "demand"}
"""A frame with no entry for an embedded code borrows another frame's."""
KEEPS_EMBEDDED = frozenset({"intent", "claim"})
"""Frames whose embedded event is also an event of its own."""
_NOT_IN_NAMES = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC", "LAW", "EVENT",
                           "WORK_OF_ART"})


@dataclass(slots=True, eq=False)
class Trigger:
    """A matched trigger token.

    Attributes:
        tok: the token.
        pattern: the pattern it matched.
        embedded: triggers this frame embeds, with how ("xcomp", "ccomp", "obj",
            "prep:for", "subj", "acl").
        governor: the frame trigger embedding this one, if any.
        code: the final CAMEO code (after composition and negation), None if nothing.
        frame: the frame kind actually applied (``intent`` may become ``threaten``).
        absorbed: True when a frame codes this trigger into its own event.
        rejected_by_negation: the code was turned into a refusal ("would not provide").
    """

    tok: Token
    pattern: Pattern
    embedded: list[tuple[Trigger, str]] = field(default_factory=list)
    governor: Trigger | None = None
    code: str | None = None
    frame: str | None = None
    absorbed: bool = False
    rejected_by_negation: bool = False
    done: bool = False


def find_triggers(doc: Doc, lexicon: Lexicon) -> dict[int, Trigger]:
    """Every token that matches a pattern, keyed by token index (one dict lookup per token)."""
    from spacy.attrs import LEMMA, LOWER

    out: dict[int, Trigger] = {}
    keys = lexicon.trigger_hashes()
    arr = doc.to_array([LEMMA, LOWER])
    for i in range(len(arr)):
        if int(arr[i, 0]) not in keys and int(arr[i, 1]) not in keys:
            continue  # most tokens: no pattern has this word
        tok = doc[i]
        if tok.ent_type_ in _NOT_IN_NAMES and tok.pos_ == "PROPN":
            continue  # part of a name: "Ceasefire Violations Committee"
        if tok.pos_ == "PROPN" and tok.dep_ == "compound" and tok.head.pos_ == "PROPN":
            continue  # "Free Trade Agreement", "Peace Corps"
        if syntax.is_verb(tok) and tok.dep_ in ("dobj", "pobj") and any(
                c.dep_ == "det" for c in tok.children):
            continue  # "evacuated the wounded": a participle used as a noun
        if tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.lemma_.lower() in (
                "protest", "response", "retaliation", "defiance", "solidarity"):
            continue  # "in protest of X": the reason for another event, not one of its own
        if tok.dep_ == "amod" and tok.tag_ in ("VBN", "VBG"):
            continue  # a state, not an event: "the ousted president", "striking workers"
        pat = best(lexicon, tok)
        if pat is not None:
            out[tok.i] = Trigger(tok=tok, pattern=pat)
    return out


def _embedded_candidates(t: Trigger, container: frozenset[str]) -> list[tuple[Token, str]]:
    tok = t.tok
    kids = list(tok.children)
    out: list[tuple[Token, str]] = []
    for c in kids:
        if c.dep_ == "xcomp":
            out.append((c, "xcomp"))
    if t.pattern.frame != "support" and not out:
        # "sworn to fight": an infinitive the parser hung as an adverbial clause
        out.extend((c, "xcomp") for c in kids if c.dep_ == "advcl" and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
    if t.pattern.frame not in ("support", "intent"):
        # an intent is the subject's own ("agreed to send"); "hoped that X would be
        # indicted" commits nobody
        for c in kids:
            if c.dep_ == "ccomp":
                out.append((c, "ccomp"))
    for c in kids:
        if c.dep_ in ("dobj", "attr", "oprd") or (c.dep_ == "nsubjpass" and t.pattern.pos == "v"):
            out.append((c, "obj"))
            if c.lemma_.lower() in container:
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ in ("of", "about", "with"):
                        out.extend((o, "obj") for o in syntax.pobjs(p))
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in FRAME_PREPS:
            out.extend((o, f"prep:{c.lower_}") for o in syntax.pobjs(c))
    if t.pattern.frame != "support":
        # "an appeal by Somalia for food aid": "for" hung on the nearer noun
        for c in kids:
            if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                for o in syntax.pobjs(c):
                    for p in o.children:
                        if p.dep_ == "prep" and p.lower_ in ("for", "to"):
                            out.extend((x, f"prep:{p.lower_}") for x in syntax.pobjs(p))
    for c in kids:
        if c.dep_ in ("acl", "relcl") and t.pattern.pos == "n":
            out.append((c, "acl"))
    if t.pattern.frame == "support":
        for c in kids:
            if c.dep_ in syntax.SUBJ or c.dep_ in syntax.PASS_SUBJ:
                out.append((c, "subj"))
    return out


def link_frames(triggers: dict[int, Trigger], lexicon: Lexicon) -> None:
    """Attach each frame trigger to the trigger(s) it embeds (first position that has one,
    with its conjuncts: "agreed to send troops and provide aid")."""
    container = lexicon.classes.get("CONTAINER", frozenset())
    for t in triggers.values():
        if t.pattern.frame is None:
            continue
        for cand, via in _embedded_candidates(t, container):
            e = triggers.get(cand.i)
            if e is None or e is t or e.governor is not None:
                continue
            group = [e]
            for conj in cand.conjuncts:
                ce = triggers.get(conj.i)
                if ce is not None and ce.governor is None and ce is not t:
                    group.append(ce)
            for g in group:
                g.governor = t
                t.embedded.append((g, via))
            break


def has_own_target(e: Trigger, is_actor: object) -> bool:
    """Whether an embedded act names its own target ("to support the PLO", "sanctions
    against Nigeria") -- an appeal over it rallies others for or against that target."""
    check = is_actor  # a callable Token -> bool
    tok = e.tok
    cands = list(syntax.direct_objects(tok)) if e.pattern.pos == "v" else []
    p = syntax.preps(tok)
    for key in ("against", "on", "upon", "at"):
        cands.extend(p.get(key, []))
    return any(check(c) for c in cands)  # type: ignore[operator]


def compute_code(t: Trigger, lexicon: Lexicon, is_actor: object) -> str | None:
    """The trigger's final code: composed through its frame, then through negation."""
    if t.done:
        return t.code
    t.done = True
    emb_code: str | None = None
    emb: Trigger | None = None
    emb_via = ""
    for e, via in t.embedded:
        c = compute_code(e, lexicon, is_actor)
        if c is not None and emb_code is None:
            emb_code, emb, emb_via = c, e, via
    code: str | None = t.pattern.code
    frame = t.pattern.frame
    if frame == "support" and emb_via in ("xcomp", "subj", "ccomp", "acl"):
        # aspect and attempt verbs ("began deploying", "the withdrawal will begin"): the
        # embedded act is the event, at its own trigger
        t.frame = frame
        t.code = None
        return None
    if frame is not None and emb_code is not None:
        info = lexicon.info(emb_code)
        kind = frame
        if kind == "intent" and not info.cooperative:
            kind = "threaten"
        composed = None
        if kind == "appeal" and emb is not None and has_own_target(emb, is_actor):
            composed = lexicon.composed("appeal3", emb_code) if emb_code[:2] in (
                "05", "11", "14", "15", "16", "17", "18", "19", "20") else None
            if composed is not None:
                kind = "appeal3"
        if composed is None:
            composed = lexicon.composed(kind, emb_code)
        if composed is None and kind in FALLBACK:
            kind = FALLBACK[kind]
            composed = lexicon.composed(kind, emb_code)
        code = composed if composed is not None else code
        t.frame = kind
        for e, _via in t.embedded:
            e.absorbed = frame not in KEEPS_EMBEDDED
    elif frame is not None:
        t.frame = frame
    if code is not None and t.pattern.pos == "v" and frame != "reject":
        code = _negation(t, code, lexicon)
    t.code = code
    return code


def _negation(t: Trigger, code: str, lexicon: Lexicon) -> str:
    """"would not provide support" / "will not allow" is a refusal (12x); a negated past
    act stays what it is and is marked negated."""
    tok = t.tok
    if not syntax.is_negated(tok):
        return code
    info = lexicon.info(code)
    if not info.cooperative or code[:2] in ("01", "09", "12"):
        return code
    aux = syntax.aux_words(tok)
    if aux & (syntax.MODALS_FUTURE | {"can", "ca", "could"}) or (
            t.governor is not None and t.governor.frame == "intent"):
        refused = lexicon.composed("reject", code)
        if refused is not None:
            t.rejected_by_negation = True
            return refused
    return code

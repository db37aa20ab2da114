"""Events that follow from the syntax around a trigger rather than from one pattern.

- "X said Y must withdraw": X demands (10x) that Y withdraw; "... should ...": an appeal.
- "X claimed that it attacked": X claims responsibility (015); "X claimed that Y attacked",
  "X said Y fired at it": X accuses Y (112).
- "the US will supply arms", "will blockade Paris unless ...": a stated future act is also
  an expressed intent (03x) or a threat (13x).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tidings.events import syntax
from tidings.events.frames import Trigger
from tidings.events.roles import VIOLENT, RoleFinder
from tidings.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SPEECH = frozenset({"say", "claim", "allege", "charge", "assert", "insist", "state",
                     "declare", "maintain", "contend", "admit", "acknowledge", "confess"})
_CLAIM = frozenset({"claim", "admit", "acknowledge", "confess"})
_ALLEGE = frozenset({"claim", "allege", "charge", "assert", "contend"})
_SELF = frozenset({"it", "itself", "they", "themselves", "we", "us", "ourselves", "them",
                   "he", "him", "himself", "she", "her", "herself"})
_OWN = frozenset({"its", "our"})
"""Possessives by which the speaker is the victim: "said the rebels attacked its base"."""
_DEONTIC = {"must": "demand", "should": "appeal"}
_SAYING = frozenset({"say", "declare", "reiterate", "insist", "conclude", "announce", "add",
                     "stress", "tell", "warn", "write", "state", "argue", "remind", "repeat",
                     "emphasize", "emphasise", "assert", "note", "affirm", "maintain",
                     "demand", "reminder", "warning", "insistence", "believe", "urge",
                     "underline", "underscore"})
_FUTURE_ROOTS = frozenset({"04", "05", "06", "07", "08", "14", "15", "16", "17", "18", "19",
                           "20"})


@dataclass(slots=True)
class Derived:
    """An event read from the syntax around a trigger.

    Attributes:
        code: its CAMEO code.
        anchor: the token it is stated by (the speech verb).
        sources, targets: actor heads.
        kind: ``modal-demand``, ``claim`` or ``accusation``.
        frame: the frame kind, if any.
        embedded: the trigger of the act it is about, if any.
        pattern: a label for ``extra["pattern"]``.
    """

    code: str
    anchor: Token
    sources: list[Token]
    targets: list[Token]
    kind: str
    frame: str | None = None
    embedded: Trigger | None = None
    pattern: str = ""


def modal_demands(roles: RoleFinder, doc: Doc) -> list[Derived]:
    """"X said Y must withdraw" is X demanding (10x) that Y withdraw; "... should
    withdraw" is an appeal (02x). The embedded act is absorbed: it has not happened."""
    out: list[Derived] = []
    args = roles.args
    for tok in doc:
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
        elif speech.pos_ == "NOUN" and (lemma in args.container or lemma in _SAYING):
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
        src = [h for s in speaker for h in args.heads(s)]
        tgt = [h for s in addressee for h in args.heads(s)]
        if not src or not tgt:
            continue
        frame = _DEONTIC[low]
        emb = roles.trigger(clause)
        code = None
        if emb is not None and emb.code and not emb.absorbed:
            code = roles.lexicon.composed(frame, emb.code)
            emb.absorbed = True
        code = code or ("100" if frame == "demand" else "020")
        out.append(Derived(code=code, anchor=speech, sources=src, targets=tgt,
                           kind="modal-demand", frame=frame,
                           embedded=emb if emb is not None and emb.code else None,
                           pattern=f"modal:{low}"))
    return out


def speech_act(roles: RoleFinder, t: Trigger) -> Derived | None:
    """"X claimed that it attacked" claims responsibility (015); "X claimed that Y
    attacked", or "X said Y fired at it", accuses Y (112). Only for violent acts in
    the that-clause of a speech verb whose speaker is an actor."""
    tok = t.tok
    code = t.code
    if code is None or code[:2] not in VIOLENT or tok.dep_ != "ccomp":
        return None
    verb = tok.head
    lemma = verb.lemma_.lower()
    if lemma not in _SPEECH or syntax.is_negated(verb):
        return None
    args = roles.args
    speaker = [h for s in syntax.subjects(verb) for h in args.heads(s)]
    if not speaker:
        return None
    src, tgt = roles.role_heads(t)
    if lemma in _CLAIM and (not src or all(h.lower_ in _SELF for h in src)):
        return Derived(code="015", anchor=verb, sources=speaker, targets=tgt, kind="claim",
                       embedded=t, pattern=f"speech:{lemma}")
    reflexive = any(h.lower_ in _SELF for h in tgt) or any(
        c.lower_ in _SELF for c in tok.subtree if c.dep_ in ("pobj", "dobj")) or any(
        c.lower_ in _OWN for c in tok.subtree if c.dep_ == "poss")
    monitor = any(s in ("NGO", "HRI") for h in speaker for s in roles.args.sectors_of(h))
    agent = any(c.lower_ == "by" and c.dep_ in ("agent", "prep") for c in tok.subtree)
    if lemma in _ALLEGE or reflexive or (monitor and agent):
        # a rights group or monitor naming who killed is accusing them
        if not src:
            src = [h for o in syntax.preps(tok).get("from", []) for h in args.heads(o)]
        if src and not any(h.lower_ in _SELF for h in src):
            return Derived(code="112", anchor=verb, sources=speaker, targets=src,
                           kind="accusation", embedded=t, pattern=f"speech:{lemma}")
    return None


def stated_intent(lexicon: Lexicon, t: Trigger) -> str | None:
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
    if cond is not None and cond.lower_ in ("case", "event"):
        return None  # "in the case of aggression, members shall provide aid": a rule, not a pledge
    if not syntax.subjects(tok):
        return None
    info = lexicon.info(code)
    if (cond is not None and cond.lower_ == "unless") or not info.cooperative:
        return lexicon.composed("threaten", code)
    return lexicon.composed("intent", code)

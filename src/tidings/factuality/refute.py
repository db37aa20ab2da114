"""Refutation across sentences: a later statement in the document says an event was false.

Two kinds of refuting statement are found on the parse:

- a falsity predicate on a subject: "the messages turned out to be false", "the threat
  proved to be a hoax", "the reports were untrue", "police dismissed the calls as fake";
- a search that found nothing: "no explosive devices were found", "police did not find
  any explosives", "nothing was discovered".

Each statement is linked back to the events it refutes by what its subject (or the thing
not found) refers to: a word for a claim or message ("the reports", "the information",
"the threat", "it") refers to the threat events and to events reported inside such a
claim before it; a thing ("explosives", "bombs", "devices") refers to threat and attack
events whose own phrase mentions the same kind of thing; an event noun ("the attack")
refers to earlier events of the matching type.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

FALSITY = frozenset({"false", "untrue", "fake", "hoax", "baseless", "groundless", "unfounded",
                     "fabricated", "bogus", "fiction", "fabrication", "prank", "lie", "inaccurate",
                     "incorrect", "wrong", "fraudulent", "spurious", "erroneous", "fictitious"})
FALSITY_VERBS = frozenset({"be", "turn", "prove", "appear", "emerge", "find", "seem", "become"})
DISMISS_VERBS = frozenset({"dismiss", "describe", "call", "brand", "reject", "denounce",
                           "label", "expose", "declare"})
SEARCH_VERBS = frozenset({"find", "discover", "detect", "locate", "uncover", "identify"})
CLAIM_WORDS = frozenset({"message", "letter", "email", "e", "mail", "call", "report", "warn",
                         "information", "claim", "warning", "threat", "rumor", "rumour",
                         "news", "allegation", "tip", "statement", "post", "alert", "it",
                         "this", "that", "they", "these", "those", "story", "account",
                         "alarm", "notification", "signal", "reports", "messages"})
THING_CLASSES: tuple[frozenset[str], ...] = (
    frozenset({"explosive", "explosives", "device", "bomb", "mine", "explosion", "ied",
               "grenade", "blast", "detonator", "dynamite", "munition", "bombing"}),
    frozenset({"weapon", "gun", "firearm", "rifle", "arm", "ammunition", "missile",
               "rocket"}),
    frozenset({"body", "bodies", "casualty", "victim", "corpse", "dead"}),
    frozenset({"troop", "soldier", "tank", "forces", "force", "army", "unit"}),
)
EVENT_NOUN_TYPES: dict[str, frozenset[str]] = {
    "threat": frozenset({"THREATEN"}), "attack": frozenset({"ASSAULT", "THREATEN"}),
    "explosion": frozenset({"ASSAULT", "THREATEN"}), "bombing": frozenset({"ASSAULT"}),
    "shooting": frozenset({"ASSAULT"}), "strike": frozenset({"ASSAULT"}),
    "invasion": frozenset({"ASSAULT", "MOBILIZE"}), "protest": frozenset({"PROTEST"}),
    "coup": frozenset({"COERCE", "ASSAULT"}), "arrest": frozenset({"COERCE"}),
    "resignation": frozenset({"CONCEDE", "RETREAT"}), "withdrawal": frozenset({"RETREAT"}),
    "deployment": frozenset({"MOBILIZE", "AID"}), "mobilization": frozenset({"MOBILIZE"}),
}
THING_TYPES = frozenset({"THREATEN", "ASSAULT", "COERCE", "MOBILIZE"})
CLAIM_TYPES = frozenset({"THREATEN"})


@dataclass(slots=True, frozen=True)
class Refutation:
    """A refuting statement: where it is, its words, and what it refers to."""

    sentence: tuple[int, int]
    tokens: tuple[int, int]
    evidence: str
    span: tuple[int, int]
    words: frozenset[str]
    kind: str


def _lem(tok: Token) -> str:
    return str(tok.lemma_).lower()


def _np_words(tok: Token) -> set[str]:
    """Lemmas and forms of a noun phrase's head, its conjuncts and their modifiers."""
    out: set[str] = set()
    stack = [tok]
    while stack:
        t = stack.pop()
        out.add(_lem(t))
        out.add(str(t.lower_))
        for c in t.children:
            if c.dep_ in ("compound", "amod", "conj", "nmod", "appos"):
                stack.append(c)
            elif c.dep_ == "prep" and c.lower_ == "of":
                stack.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _subject(verb: Token) -> Token | None:
    cur = verb
    for _ in range(4):
        for c in cur.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c
        if cur.dep_ in ("xcomp", "ccomp", "conj") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return None


def _falsity(tok: Token) -> tuple[Token, Token | None] | None:
    """'X turned out to be false', 'X was a hoax', 'dismissed X as fake': (verb, X)."""
    if _lem(tok) not in FALSITY and str(tok.lower_) not in FALSITY:
        return None
    if tok.dep_ == "amod" and _lem(tok.head) in ("alarm", "report", "claim", "alert"):
        tok = tok.head
    cur = tok
    if cur.dep_ == "pobj" and cur.head.lower_ == "as" and _lem(cur.head.head) in DISMISS_VERBS:
        verb = cur.head.head
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        return (verb, obj) if not _negated(verb) else None
    for _ in range(4):
        if cur.dep_ not in ("acomp", "attr", "xcomp", "oprd"):
            break
        cur = cur.head
        if _negated(cur):
            return None
        if _lem(cur) in FALSITY_VERBS and not (
                cur.dep_ == "xcomp" and _lem(cur.head) in FALSITY_VERBS):
            break
    if cur.i == tok.i or _lem(cur) not in FALSITY_VERBS:
        return None
    return cur, _subject(cur)


def _not_found(tok: Token) -> tuple[Token, Token | None] | None:
    """'no X were found', 'did not find any X', 'nothing was discovered': (verb, X)."""
    if _lem(tok) not in SEARCH_VERBS or tok.pos_ not in ("VERB", "AUX"):
        return None
    objs = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")]
    for obj in objs:
        low = str(obj.lower_)
        if low in ("nothing", "none") or any(
                c.dep_ == "det" and c.lower_ in ("no", "neither") for c in obj.children):
            return tok, obj
    if _negated(tok) and objs:
        return tok, objs[0]
    return None


def _span_of(tokens: list[Token]) -> tuple[int, int]:
    return min(t.i for t in tokens), max(t.i for t in tokens) + 1


def find_refutations(doc: Doc) -> list[Refutation]:
    """Every refuting statement in the document, in text order."""
    out: list[Refutation] = []
    for sent in doc.sents:
        out.extend(_sentence_refutations(doc, sent))
    return out


def _sentence_refutations(doc: Doc, sent: Span) -> Iterator[Refutation]:
    for tok in sent:
        hit = _falsity(tok)
        kind = "false"
        if hit is None:
            hit = _not_found(tok)
            kind = "not-found"
        if hit is None:
            continue
        verb, subj = hit
        parts = [verb, tok]
        neg = [c for c in verb.children if c.dep_ == "neg"]
        if subj is not None and kind == "not-found":
            parts.append(subj)
            parts.extend(c for c in subj.children if c.dep_ == "det")
        parts.extend(neg)
        a, b = _span_of(parts)
        words = frozenset(_np_words(subj)) if subj is not None else frozenset({"it"})
        span = doc[a:b]
        yield Refutation(sentence=(sent.start_char, sent.end_char), tokens=(a, b),
                         evidence=span.text, span=(span.start_char, span.end_char),
                         words=words, kind=kind)


def _thing_class(words: frozenset[str] | set[str]) -> set[int]:
    return {i for i, cls in enumerate(THING_CLASSES) if words & cls}


def _event_words(trigger: Token) -> set[str]:
    """The words of the event's own phrase: the trigger's subtree inside its clause, without
    what hangs off a different clause (a reason, a time clause, a second report)."""
    out = {_lem(trigger), str(trigger.lower_)}
    stack = [c for c in trigger.children]
    while stack:
        t = stack.pop()
        if t.dep_ in ("advcl", "ccomp", "parataxis", "relcl", "csubj") or (
                t.dep_ == "prep" and t.lower_ in ("after", "before", "during", "following",
                                                  "despite", "amid", "since")):
            continue
        out.add(_lem(t))
        out.add(str(t.lower_))
        stack.extend(t.children)
    return out


def _inside_claim(trigger: Token, words: frozenset[str]) -> bool:
    """The event is the content of a claim ('reports of the laying of mines'), or of the
    very act the refutation names ('websites reported that ...' / 'the reports')."""
    cur = trigger
    for _ in range(6):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        lem = _lem(cur)
        if lem in CLAIM_WORDS and (cur.pos_ == "NOUN" or lem in words):
            return True
    return False


def refutes(ref: Refutation, trigger: Token, event_type: str) -> bool:
    """Whether refuting statement ``ref`` refers to the event at ``trigger``."""
    if trigger.i >= ref.tokens[0]:
        return False  # a refutation speaks of what was said before it
    words = ref.words
    typed = set().union(*(EVENT_NOUN_TYPES.get(w, frozenset()) for w in words))
    if typed and event_type in typed:
        return True
    things = _thing_class(words)
    if things and event_type in THING_TYPES and things & _thing_class(
            _event_words(trigger) | _sentence_words(trigger)):
        return True
    if words & CLAIM_WORDS and not things:
        return event_type in CLAIM_TYPES or _inside_claim(trigger, words)
    return False


def _sentence_words(trigger: Token) -> set[str]:
    """Words of the trigger's sentence, used only for threat/attack events: a bomb threat
    names its bombs anywhere in the sentence that states it."""
    return {_lem(t) for t in trigger.sent} | {str(t.lower_) for t in trigger.sent}

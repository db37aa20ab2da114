"""Sentence-level factuality cues on the spaCy parse: what in the syntax around a predicate
says it did not happen, might happen, would happen under a condition, or is planned.

The same cues feed both the label (with the words that decide it as evidence) and the
graded score's features, so the two agree. Cues are looked for on the predicate itself
and on the clauses that govern it (an infinitive inherits "did not agree to", a noun
inherits "the withdrawal will begin"), stopping at clause boundaries that change who
is speaking (reporting verbs are features of the score, not labels: the attribution
chain decides ``reported``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nobody", "nothing",
                      "none", "without", "nowhere"})
POSSIBLE_MODALS = frozenset({"may", "might", "could", "can", "ca"})
HYPOTHETICAL_MODALS = frozenset({"would", "should", "shall", "must", "'d", "ought"})
FUTURE_MODALS = frozenset({"will", "'ll", "wo"})
HEDGES = frozenset({"reportedly", "allegedly", "possibly", "perhaps", "maybe", "probably",
                    "likely", "apparently", "supposedly", "purportedly", "potentially",
                    "seemingly", "presumably", "unlikely"})
HEDGE_ADJECTIVES = frozenset({"alleged", "possible", "suspected", "potential", "likely",
                              "probable", "rumored", "rumoured", "purported", "presumed",
                              "apparent", "unconfirmed", "hypothetical"})
PLANNED_ADJECTIVES = frozenset({"planned", "proposed", "upcoming", "future", "scheduled",
                                "intended", "forthcoming", "expected", "impending",
                                "prospective", "pending"})
POLITE_DESIRE = frozenset({"like", "love", "prefer"})
"""'would like to thank' states a wish being carried out, not a hypothetical."""
NEGATED_ADJECTIVES = frozenset({"cancelled", "canceled", "now-cancelled", "abandoned",
                                "aborted", "scrapped", "foiled", "thwarted", "averted",
                                "failed", "called-off", "shelved", "suspended"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
CONDITIONAL_NOUNS = frozenset({"case", "event"})
# Governing verbs (and nouns) by what they say about the event they embed.
INTENTION = frozenset({"plan", "intend", "aim", "prepare", "schedule", "decide", "agree",
                       "promise", "pledge", "vow", "want", "seek", "threaten", "propose",
                       "offer", "mean", "resolve", "vote", "set", "due", "expect", "hope",
                       "wish", "order", "ask", "urge", "call", "demand", "request", "push",
                       "press", "insist", "plot", "prepared", "ready", "going", "eager",
                       "determined", "willing", "need", "try", "attempt", "struggle",
                       "scramble", "strive", "bid", "move", "tell",
                       "invite", "encourage", "allow", "permit", "authorize", "approve",
                       "recommend", "require", "force", "compel", "persuade", "convince",
                       "work", "consider", "intention", "proposal",
                       "effort", "intent", "deadline", "agreement", "threat", "decision",
                       "would-be"})
NEGATIVE = frozenset({"deny", "fail", "refuse", "decline", "avoid", "prevent", "stop",
                      "reject", "cancel", "abandon", "forgo", "forget", "neglect", "halt",
                      "block", "ban", "prohibit", "forbid", "dismiss", "refute", "cease",
                      "deter", "thwart", "foil", "rule", "denial", "refusal", "failure",
                      "unable"})
BELIEF = frozenset({"believe", "think", "suspect", "fear", "suggest", "seem", "appear",
                    "assume", "guess", "suppose", "speculate", "doubt", "wonder", "estimate",
                    "predict", "forecast", "anticipate", "project", "imagine", "hypothesize",
                    "rumor", "allege", "accuse", "claim", "possibility", "chance", "risk",
                    "likelihood", "suspicion", "speculation", "rumour", "allegation",
                    "concern", "worry", "question", "ask", "investigate", "probe", "whether",
                    "consider"})
REPORTING = frozenset({"say", "tell", "report", "announce", "state", "add", "declare",
                       "confirm", "note", "explain", "write", "insist", "acknowledge",
                       "admit", "disclose", "reveal", "testify", "quote", "according",
                       "warn", "remind", "recall", "argue", "comment", "indicate", "show",
                       "find", "learn", "know", "realize", "discover", "hear", "see",
                       "notice", "reply", "respond", "statement", "announcement"})
REPORTED_FUTURE = frozenset({"say", "tell", "announce", "state", "add", "declare", "confirm",
                             "promise", "pledge", "vow", "warn", "expect", "hope", "believe",
                             "think", "insist", "report", "indicate", "decide", "agree"})
"""Verbs after which 'would' is a future seen from the past, not a condition."""
FACTIVE = frozenset({"know", "realize", "regret", "discover", "learn", "notice", "forget",
                     "manage", "succeed", "continue", "help", "finish", "complete", "end",
                     "resume", "keep", "remember", "after", "because", "since", "when",
                     "while"})
# Dependencies along which the governing clause's modality reaches the predicate.
INHERIT_DEPS = frozenset({"xcomp", "conj", "compound", "nsubj", "nsubjpass", "dobj",
                          "attr", "oprd", "pcomp", "pobj", "prep", "acomp", "appos", "agent",
                          "dative", "amod"})


@dataclass(slots=True, frozen=True)
class Cue:
    """A factuality cue: the label it points to, its kind, the words, and how far up the
    parse it was found (0: on the predicate's own clause)."""

    label: str
    kind: str
    tokens: tuple[int, ...]
    depth: int


def _lower(tok: Token) -> str:
    return str(tok.lower_)


def _lemma(tok: Token) -> str:
    return str(tok.lemma_).lower()


OCCURRENCE = frozenset({"happen", "occur", "take", "begin", "start", "materialize",
                        "materialise", "proceed", "last", "continue", "end",
                        "resume", "commence", "finish", "unfold"})
"""Verbs whose subject is the event itself ('the withdrawal will begin')."""
ADJUNCT_PREPS = frozenset({"during", "after", "before", "following", "amid", "amidst",
                           "despite", "since", "until", "throughout", "because", "due"})


def governors(tok: Token, limit: int = 6) -> Iterator[tuple[Token, int]]:
    """The predicate, then the words that govern it (with depth), as long as they pass
    their modality down (an xcomp, a subject noun, a conjunct, a preposition's object).
    A time or circumstance adjunct ("during the inspection") does not inherit."""
    cur = tok
    yield cur, 0
    for depth in range(1, limit + 1):
        if cur.dep_ not in INHERIT_DEPS or cur.head.i == cur.i:
            return
        if cur.dep_ == "prep" and cur.lower_ in ADJUNCT_PREPS:
            return
        if cur.dep_ in ("nsubj", "nsubjpass") and _lemma(cur.head) not in OCCURRENCE:
            return  # 'their acts must be stopped': the acts are not what 'must' is about
        if cur.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            return  # a conjoined clause with its own subject has its own modality
        cur = cur.head
        yield cur, depth


def _local_cues(head: Token, depth: int, first: bool) -> Iterator[Cue]:
    """Cues among one word's own children (negation, modals, hedges, conditionals)."""
    for c in head.children:
        low, lem, dep = _lower(c), _lemma(c), c.dep_
        if dep in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and _no_one(c):
            # "nobody was hurt", "no weapon was found"
            dets = [g.i for g in c.children if g.dep_ == "det" and g.lower_ in ("no", "neither")]
            yield Cue("negated", "no-subject", (*dets, c.i), depth)
        elif dep == "advmod" and low == "longer" and any(g.lower_ == "no" for g in c.children):
            no = next(g for g in c.children if g.lower_ == "no")
            yield Cue("negated", "no longer", (no.i, c.i), depth)
        elif dep == "neg" or (dep in ("det", "advmod", "npadvmod") and low in NEGATORS):
            # "no" on a noun only negates that noun's own event ("no attack took place"),
            # and a conjunct below does not share a determiner.
            if dep == "det" and not first and head.pos_ in ("NOUN", "PROPN"):
                continue
            yield Cue("negated", low, (c.i,), depth)
        elif dep in ("aux", "auxpass") and c.tag_ == "MD":
            if low in FUTURE_MODALS or lem in FUTURE_MODALS:
                yield Cue("planned", "will", (c.i,), depth)
            elif low in ("would", "'d") and _lemma(head) in POLITE_DESIRE:
                continue  # "would like to thank": a wish carried out, not a condition
            elif low in ("would", "'d") and head.dep_ == "ccomp" and (
                    _lemma(head.head) in REPORTED_FUTURE):
                yield Cue("planned", "would", (c.i,), depth)  # "said it would withdraw"
            elif low in HYPOTHETICAL_MODALS or lem in HYPOTHETICAL_MODALS:
                yield Cue("hypothetical", lem if lem != "'d" else "would", (c.i,), depth)
            elif low in POSSIBLE_MODALS or lem in POSSIBLE_MODALS:
                yield Cue("possible", lem, (c.i,), depth)
        elif dep == "aux" and low in ("going", "gon"):
            yield Cue("planned", "going to", (c.i,), depth)
        elif (dep in ("advmod", "npadvmod") and low in HEDGES) or (
                dep == "amod" and low in HEDGE_ADJECTIVES and head.pos_ in ("NOUN", "PROPN")):
            yield Cue("possible", "hedge", (c.i,), depth)
        elif dep == "amod" and low in NEGATED_ADJECTIVES and head.pos_ in ("NOUN", "PROPN"):
            yield Cue("negated", low, (c.i,), depth)
        elif dep == "amod" and low in PLANNED_ADJECTIVES and head.pos_ in ("NOUN", "PROPN"):
            yield Cue("planned", "planned-adj", (c.i,), depth)
        elif dep == "mark" and low in CONDITIONAL_MARKS and not _if_not(c):
            yield Cue("hypothetical", "if-clause", (c.i,), depth)
        elif dep == "advcl" and any(g.dep_ == "mark" and _lower(g) in ("if", "unless")
                                    and not _if_not(g) for g in c.children):
            mark = next(g for g in c.children if g.dep_ == "mark")
            yield Cue("hypothetical", "if-main", (mark.i,), depth)
        elif dep == "prep" and low == "in":
            yield from _in_case_of(c, depth)
    yield from _conditional_prep(head, depth)


def _no_one(subj: Token) -> bool:
    """A subject that denies there is anyone or anything: 'nobody', 'no one', 'no weapon'."""
    if subj.lower_ in ("nobody", "nothing", "none", "noone", "neither"):
        return True
    return any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in subj.children)


def _if_not(mark: Token) -> bool:
    """'dozens if not hundreds' is a scalar hedge, not a condition."""
    nxt = mark.nbor(1) if mark.i + 1 < len(mark.doc) else None
    return nxt is not None and nxt.lower_ in ("not", "any", "anything", "ever")


def _in_case_of(prep: Token, depth: int) -> Iterator[Cue]:
    """'in the case of X' / 'in the event of X' / 'in case X' attached to a clause."""
    for obj in prep.children:
        if obj.dep_ == "pobj" and _lemma(obj) in CONDITIONAL_NOUNS and any(
                _lower(g) in ("of", "that") for g in obj.children):
            yield Cue("hypothetical", "in-case-of", (prep.i, obj.i), depth)


def _conditional_prep(head: Token, depth: int) -> Iterator[Cue]:
    """The predicate itself is the X of 'in the case of X' / 'in the event of X'."""
    if head.dep_ != "pobj" or _lower(head.head) != "of":
        return
    noun = head.head.head
    if _lemma(noun) in CONDITIONAL_NOUNS and noun.dep_ == "pobj" and _lower(noun.head) == "in":
        yield Cue("hypothetical", "in-case-of", (noun.head.i, noun.i), depth)


def _in_conditional_clause(tok: Token) -> Cue | None:
    """The predicate sits inside an 'if'/'unless' clause further up the tree."""
    cur = tok
    depth = 0
    while cur.head.i != cur.i and depth < 8:
        depth += 1
        for c in cur.children:
            if c.dep_ == "mark" and _lower(c) in ("if", "unless", "lest") and not _if_not(c):
                return Cue("hypothetical", "if-clause", (c.i,), depth)
        if cur.dep_ in ("ccomp", "advcl", "relcl", "acl", "parataxis", "ROOT") and cur is not tok:
            return None  # one clause up only: the first clause boundary ends the walk
        cur = cur.head
    return None


def _embedding_cue(gov: Token, child: Token, depth: int) -> Cue | None:
    """A governing verb or noun whose meaning decides about the event it embeds."""
    lem = _lemma(gov)
    if child.dep_ not in ("xcomp", "ccomp", "pcomp", "dobj", "pobj", "acl", "prep", "advcl",
                          "nsubj", "nsubjpass", "attr", "oprd", "compound"):
        return None
    if child.dep_ in ("nsubj", "nsubjpass") and lem not in ("fail", "fall"):
        return None
    if lem == "rule" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in gov.children):
        return None  # "the court ruled that ..." asserts; "ruled out" negates
    if lem in NEGATIVE:
        return Cue("negated", lem, (gov.i,), depth)
    if lem == "against" and child.dep_ in ("pcomp", "pobj") and _lemma(gov.head) in (
            "decide", "vote", "choose", "opt", "advise", "rule", "argue"):
        return Cue("negated", f"{_lemma(gov.head)} against", (gov.head.i, gov.i), depth)
    if lem == "be" and child.dep_ == "xcomp" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
        to = next(c for c in child.children if c.lower_ == "to")
        return Cue("planned", "is to", (gov.i, to.i), depth)
    if lem in INTENTION and child.dep_ in ("xcomp", "acl", "pobj", "dobj", "prep", "compound",
                                           "ccomp"):
        if lem in ("tell", "ask", "call", "urge", "demand", "request", "order", "push",
                   "press", "invite", "encourage", "force", "persuade", "require",
                   "recommend", "authorize", "approve", "allow", "permit") and child.dep_ != (
                "xcomp"):
            return None  # a directive embeds an infinitive; 'X, he told reporters' reports
        if lem in ("work", "move", "due", "set", "mean") and child.dep_ != "xcomp":
            return None
        return Cue("planned", lem, (gov.i,), depth)
    if lem in BELIEF and child.dep_ in ("ccomp", "xcomp", "pobj", "acl", "dobj", "prep"):
        if lem in ("accuse", "investigate", "probe", "claim") and child.dep_ != "pobj" and (
                lem != "claim" or child.dep_ not in ("ccomp", "xcomp")):
            return None
        return Cue("possible", lem, (gov.i,), depth)
    return None


NEG_INHERIT = frozenset({"xcomp", "conj", "dobj", "attr", "oprd", "acomp", "compound",
                         "acl"})
"""Links along which a negation reaches the predicate ('did not launch an attack'); a
subject, an adjunct or a prepositional object keeps its own polarity ('the tests did not
exclude him': the tests happened)."""


def find_cues(tok: Token) -> list[Cue]:
    """Every cue that bears on the predicate ``tok``, nearest first."""
    out: list[Cue] = []
    prev = tok
    neg_ok = True
    for gov, depth in governors(tok):
        if depth:
            # the governor's own meaning bears on its complement whatever the link ...
            emb = _embedding_cue(gov, prev, depth)
            if emb is not None and (neg_ok or emb.label != "negated"):
                out.append(emb)
            # ... but a negation on it reaches down only along verbal and object links
            neg_ok = neg_ok and (prev.dep_ in NEG_INHERIT or (
                prev.dep_ in ("nsubj", "nsubjpass") and _lemma(gov) in OCCURRENCE))
        out.extend(c for c in _local_cues(gov, depth, first=depth == 0)
                   if neg_ok or c.label != "negated")
        prev = gov
    # one step across a clause boundary: "agreed that it would withdraw", "denied that ..."
    top = prev
    if top.dep_ in ("ccomp", "advcl", "acl", "relcl") and top.head.i != top.i:
        emb = _embedding_cue(top.head, top, 10)
        if emb is not None and (neg_ok or emb.label != "negated"):
            out.append(emb)
        noun = top.head
        if emb is not None and emb.label == "planned" and noun.dep_ in ("dobj", "nsubjpass"):
            # "rejected a proposal to merge": the plan itself is refused
            outer = _embedding_cue(noun.head, noun, 11)
            if outer is not None and outer.label == "negated":
                out.append(outer)
    cond = _in_conditional_clause(tok)
    if cond is not None:
        out.append(cond)
    if tok.doc[tok.sent.end - 1].text == "?" or any(t.text == "?" for t in tok.sent):
        out.append(Cue("possible", "question", (tok.sent.end - 1,), 10))
    return out


LABEL_ORDER = ("negated", "hypothetical", "possible", "planned")
"""When cues disagree, the nearest wins; at the same depth this order breaks ties."""


def decide(cues: list[Cue]) -> Cue | None:
    """The cue that sets the label: the nearest one; ties go to the stronger reading.

    Two negations cancel on the same predicate ("not fail to"), so a negative embedding
    under a negation reads as asserted.
    """
    if not cues:
        return None
    neg_kinds = [c for c in cues if c.label == "negated"]
    if len(neg_kinds) >= 2 and any(c.kind in NEGATIVE for c in neg_kinds) and any(
            c.kind not in NEGATIVE for c in neg_kinds):
        cues = [c for c in cues if c.label != "negated"]
        if not cues:
            return None
    nearest = min(cues, key=lambda c: c.depth)
    refusal = [c for c in cues if c.label == "negated" and c.kind in NEGATIVE]
    if nearest.label in ("planned", "possible") and refusal and not any(
            c.kind in ("if-clause", "if-main", "in-case-of") for c in cues):
        return min(refusal, key=lambda c: c.depth)  # "rejected a proposal to merge"
    if any(c.label == "hypothetical" and c.kind in ("if-clause", "if-main", "in-case-of")
           for c in cues):
        # a condition outranks anything said inside it
        return min((c for c in cues if c.kind in ("if-clause", "if-main", "in-case-of")),
                   key=lambda c: c.depth)
    return min(cues, key=lambda c: (c.depth, LABEL_ORDER.index(c.label)
                                    if c.label in LABEL_ORDER else 9))

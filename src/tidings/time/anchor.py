"""What relative expressions count from: the tense of the governing clause, the
reporting verb whose speech act anchors reported speech, and the predicate a
temporal expression modifies (all read from the spaCy parse, no reparsing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll", "would", "'d"})
MODAL_FUTURE = frozenset({"might", "may", "should", "must", "can", "ca"})
FUTURE_HEADS = frozenset({"expect", "schedule", "plan", "set", "due", "intend", "hope",
                          "aim", "prepare", "promise", "propose", "threaten", "seek", "want",
                          "agree", "decide", "vow", "pledge", "wish"})
"""Verbs whose infinitive complement is in the future ("is expected to meet Friday")."""

PLANNING_VERBS = frozenset({"schedule", "slate", "postpone", "delay", "defer", "adjourn",
                            "reschedule", "extend"})
"""Verbs whose time is usually ahead even in the past tense ("postponed until Tuesday")."""

FUTURE_ADJ = frozenset({"payable", "effective", "due", "starting", "beginning", "expiring"})
"""Words whose date lies ahead ("a dividend payable Dec. 15")."""

DEADLINE_PREPS = frozenset({"until", "till", "til", "pending"})
"""Prepositions before a time that lies ahead ("until 9 a.m. Tuesday")."""

REPORTING_VERBS = frozenset({
    "say", "tell", "announce", "report", "state", "add", "declare", "claim", "warn", "insist",
    "confirm", "deny", "note", "explain", "write", "argue", "predict", "promise", "pledge",
    "vow", "indicate", "reveal", "disclose", "acknowledge", "admit", "assert", "estimate",
    "forecast", "suggest", "stress", "emphasize", "remark", "reply", "respond", "recall",
    "inform", "quote", "cite", "signal", "reiterate", "agree", "testify", "allege", "tweet",
    "post",
})


def _verb_of(tok: Token, limit: int = 8) -> Token | None:
    """The closest verb (or auxiliary used as main verb) at or above ``tok``."""
    cur = tok
    for _ in range(limit):
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "auxpass"):
            return cur
        if cur.head.i == cur.i:
            return cur if cur.pos_ in ("VERB", "AUX") else None
        cur = cur.head
    return None


def governing_predicate(span: Span) -> Token | None:
    """The predicate a temporal expression modifies: the verb above its root, or the
    noun it attaches to when it modifies a noun ("the January 5 appeal")."""
    root = span.root
    head = root.head
    if head.i == root.i:
        return None
    if root.dep_ in ("npadvmod", "tmod", "advmod", "obl", "nmod:tmod"):
        return head
    if root.dep_ == "pobj":
        prep = head
        return prep.head if prep.head.i != prep.i else None
    if root.dep_ in ("compound", "nmod", "amod", "poss") and head.pos_ in ("NOUN", "PROPN"):
        return head
    return _verb_of(head)


def clause_tense(tok: Token) -> str | None:
    """``past``, ``present`` or ``future`` for the clause governing ``tok``, from the
    verb's tag and auxiliaries; None when no verb governs it.

    A time after "until", or governed by a verb of planning or postponing, counts as
    ``future`` whatever the tense ("postponed until Tuesday", "planned a rally on
    Saturday").
    """
    head = tok.head
    verb = _verb_of(tok)
    if tok.dep_ == "pobj" and head.lower_ in DEADLINE_PREPS and not (
            verb is not None and any(c.lower_ == "had" for c in verb.children)):
        return "future"
    if verb is None:
        return None
    if verb.lemma_ in PLANNING_VERBS and ((tok.dep_ == "pobj" and head.lower_ in (
            "to", "until", "till", "through")) or tok.dep_ in ("npadvmod", "tmod") or (
            head.lower_ == "for" and verb.lemma_ in ("schedule", "slate", "reschedule"))):
        return "future"
    cur = tok
    for _ in range(4):  # "since the Oct. 23 slaying": before the time of writing
        if cur.lower_ == "since" and cur.dep_ == "prep":
            return "past"
        if cur.head.i == cur.i or cur.i == verb.i:
            break
        cur = cur.head
    if head.lower_ in FUTURE_ADJ or (head.dep_ == "prep" and head.head.lower_ in FUTURE_ADJ):
        return "future"  # "payable Dec. 15", "effective Feb. 1"
    return verb_tense(verb)


def verb_tense(verb: Token, depth: int = 0) -> str | None:
    """The tense of ``verb``'s clause from its tag and auxiliaries."""
    if depth > 6:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    low = [a.lower_ for a in auxes]
    if any(a in FUTURE_AUX for a in low):
        return "future"
    if "going" in low or (verb.lower_ == "going" and any(c.dep_ == "xcomp" for c in verb.children)):
        return "future"
    if verb.tag_ == "VB" and "to" in low:
        head = verb.head
        if head.i != verb.i and head.lemma_ in FUTURE_HEADS:
            # "had been due to expire Friday" lies in the past
            if any(c.lower_ == "had" for c in head.children) or \
                    any(c.lower_ == "had" for c in head.head.children):
                return "past"
            return "future"
        if head.i != verb.i and head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
            return "future"  # "is to begin"
        return verb_tense(head, depth + 1) if head.i != verb.i else None
    if any(a in MODAL_FUTURE for a in low):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ in ("VBN", "VBG") and any(a.lemma_ == "have" for a in auxes):
        return "past"  # present perfect: "has been searching since ..."
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        if verb.lemma_ in FUTURE_HEADS and any(c.dep_ == "xcomp" for c in verb.children):
            return "future"
        return "present"
    if (verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "acl", "conj", "pcomp")) or \
            (verb.tag_ == "VB" and verb.dep_ in ("xcomp", "conj", "ccomp", "advcl")) or \
            verb.dep_ == "conj":
        if verb.head.i == verb.i:
            return None
        up = _verb_of(verb.head)
        return verb_tense(up, depth + 1) if up is not None and up.i != verb.i else None
    return None


def reporting_verb(tok: Token, limit: int = 10) -> Token | None:
    """The reporting verb (say, tell...) whose reported content holds ``tok``, if any.

    Walks up from ``tok``'s predicate; the first reporting verb reached through a
    clausal complement (``ccomp``, ``parataxis``, ``xcomp``) or as the head of the
    main clause of a fronted quote is the speech act.
    """
    cur = _verb_of(tok)
    if cur is None:
        return None
    for _ in range(limit):
        head = cur.head
        if head.i == cur.i:
            return None
        if head.lemma_ in REPORTING_VERBS and cur.dep_ in ("ccomp", "parataxis", "xcomp",
                                                            "conj", "advcl"):
            if cur.dep_ == "conj":
                # "X said A and B": only when the conjunct hangs under the reported clause
                return None
            return head
        if head.lemma_ in REPORTING_VERBS and cur.dep_ in ("dobj", "attr") and \
                head.lemma_ in ("quote", "cite"):
            return head
        cur = head
    return None


def sentence_tokens(doc: Doc, start_char: int, end_char: int) -> Span | None:
    """The spaCy span covering the characters (expanded to token bounds), or None."""
    return doc.char_span(start_char, end_char, alignment_mode="expand")

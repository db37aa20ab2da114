"""Give each event mention its own time.

The order of preference, each step only when the one before finds nothing:

1. ``governing``: a temporal expression attached to the trigger itself in the parse
   ("appealed on January 5", "the January 5 appeal");
2. ``clause``: one attached to the trigger's clause ("the withdrawal ... will begin
   in two days": the noun's clause is headed by "begin");
3. ``sentence``: the nearest one in the sentence, leaving out the time of a speech
   act when the event is what was said ("..., Tokayev told parliament yesterday");
4. ``narrative``: the time of the last dated event earlier in the same paragraph,
   when the clause continues in the same tense (marked ``assumed``, anchor
   ``narrative:<date>``);
5. ``assumed``: the document date, marked ``assumed=True`` and ``anchor="assumed:dct"``.

Only calendar times (DATE, TIME, and PRESENT/PAST/FUTURE references) place an event;
a duration attached to the trigger ("will take not more than ten days") is kept in
the chosen time's ``duration`` and ``mod``. Which step decided is written to the
mention's ``extra["time_rule"]``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tidings.annotations import Analysis
from tidings.records import TimeValue
from tidings.time.anchor import REPORTING_VERBS, clause_tense, governing_predicate

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "parataxis", "conj", "csubj",
                         "csubjpass", "acl", "pcomp"})


@dataclass(slots=True)
class _Timex:
    tv: TimeValue
    para: int
    pred: int | None
    clause: int | None
    sent: int
    root: int
    reporting: bool
    pred_verb: bool


def clause_head(tok: Token, limit: int = 12) -> Token:
    """The verb heading ``tok``'s clause (an ``xcomp`` belongs to its head's clause)."""
    cur = tok
    for _ in range(limit):
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ in CLAUSE_DEPS:
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _dominates(head: Token, tok: Token, limit: int = 12) -> bool:
    cur = tok
    for _ in range(limit):
        if cur.i == head.i:
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _timex_info(doc: Doc, timexes: list[TimeValue], paras: list[int]) -> list[_Timex]:
    sent_starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    out = []
    for tv in timexes:
        if tv.start_char is None or tv.end_char is None:
            continue
        span = doc.char_span(tv.start_char, tv.end_char, alignment_mode="expand")
        if span is None or not len(span):
            continue
        pred = governing_predicate(span)
        clause = clause_head(pred).i if pred is not None else None
        out.append(_Timex(
            tv=tv, para=bisect.bisect_right(paras, tv.start_char) - 1,
            pred=pred.i if pred is not None else None, clause=clause,
            sent=bisect.bisect_right(sent_starts, span.root.i) - 1, root=span.root.i,
            reporting=pred is not None and pred.lemma_ in REPORTING_VERBS,
            pred_verb=pred is not None and pred.pos_ in ("VERB", "AUX")))
    return out


def _is_point(tv: TimeValue) -> bool:
    return tv.type in ("DATE", "TIME") and tv.value is not None


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def _choose(tok: Token, txs: list[_Timex], sent_no: int, para: int,
            doc: Doc) -> tuple[_Timex | None, _Timex | None, str]:
    """The point time and the duration for a mention, and the rule that chose them."""
    # a paragraph break ends a sentence even where the text lacks its full stop
    in_sent = [t for t in txs if t.sent == sent_no and t.para == para]
    clause = clause_head(tok).i
    # a length attached to the trigger or its clause's verb ("will take ten days"),
    # not one inside a noun phrase ("its 30-year history")
    duration = next((t for t in in_sent if t.tv.type == "DURATION" and t.pred_verb and
                     (t.pred == tok.i or t.pred == clause)), None)
    points = [t for t in in_sent if _is_point(t.tv)]
    gov = [t for t in points if t.pred == tok.i]
    if gov:
        return gov[0], duration, "governing"
    same = [t for t in points if t.clause == clause]
    if same:
        return min(same, key=lambda t: abs(t.root - tok.i)), duration, "clause"
    # a speech act's time is not the time of what was said
    usable = [t for t in points
              if not (t.reporting and t.pred is not None and _dominates(doc[t.pred], tok))]
    if usable:
        return min(usable, key=lambda t: abs(t.root - tok.i)), duration, "sentence"
    return None, duration, ""


def assign_event_times(analysis: Analysis) -> None:
    """Set ``time`` on every mention of ``analysis`` (see the module docstring)."""
    doc = analysis.doc
    if not analysis.mentions:
        return
    paras = _paragraph_starts(analysis.document.text)
    txs = _timex_info(doc, analysis.timexes, paras)
    sent_starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    dct = analysis.dct
    # paragraph -> the last explicitly dated event time in it, with its clause's tense
    narrative: dict[int, tuple[TimeValue, str | None]] = {}
    # event noun -> its last explicitly dated mention ("the withdrawal process" after
    # "the withdrawal ... will begin in two days")
    dated_nouns: dict[str, TimeValue] = {}
    for m in sorted(analysis.mentions, key=lambda x: x.trigger[0]):
        tok = doc[m.trigger_token]
        sent_no = bisect.bisect_right(sent_starts, tok.i) - 1
        para = bisect.bisect_right(paras, m.trigger[0]) - 1
        tense = clause_tense(tok)
        point, dur, rule = _choose(tok, txs, sent_no, para, doc)
        if point is not None:
            tv = replace(point.tv)
            if point.tv.start is not None and point.tv.value not in ("PRESENT_REF", "PAST_REF",
                                                                     "FUTURE_REF"):
                narrative[para] = (point.tv, tense)
                if tok.pos_ == "NOUN":
                    dated_nouns[tok.lemma_.lower()] = point.tv
        elif _definite(tok) and tok.lemma_.lower() in dated_nouns:
            base = dated_nouns[tok.lemma_.lower()]
            tv = replace(base, text="", start_char=None, end_char=None, assumed=True,
                         anchor=f"narrative:{base.start or base.value}")
            rule = "narrative"
        elif para in narrative and _compatible(narrative[para][1], tense):
            base = narrative[para][0]
            tv = replace(base, text="", start_char=None, end_char=None, assumed=True,
                         anchor=f"narrative:{base.start or base.value}")
            rule = "narrative"
        elif dct is not None:
            d = dct.isoformat()
            tv = TimeValue(text="", value=d, start=d, end=d, granularity="day",
                           anchor="assumed:dct", assumed=True)
            rule = "assumed"
        else:
            m.extra["time_rule"] = "none"
            continue
        if dur is not None:
            tv.duration = dur.tv.value
            tv.mod = tv.mod or dur.tv.mod
        m.time = tv
        m.extra["time_rule"] = rule


def _definite(tok: Token) -> bool:
    """A noun with a definite determiner or a possessor ("the withdrawal", "its attack")."""
    if tok.pos_ != "NOUN":
        return False
    np = tok.head if tok.dep_ == "compound" else tok  # "the withdrawal process"
    return any((c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")) or
               c.dep_ == "poss" for c in np.children)


def _compatible(then: str | None, now: str | None) -> bool:
    """Whether a clause in tense ``now`` continues a narrative told in tense ``then``."""
    if now == "future":
        return then == "future"
    return then != "future"

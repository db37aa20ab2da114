"""Find temporal expressions in a text and normalize them in context.

Recognition runs every rule's compiled pattern over the text (linear scans in C),
keeps matches whose handler accepts them, and picks a set of non-overlapping spans
that covers the most text (leftmost-longest where they compete). Normalization then
walks the spans in reading order with a context that carries the document date, the
narrative reference time (the last calendar value mentioned) and, when a spaCy parse
is given, the tense of each expression's clause.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from tidings.time import rules_calendar, rules_period, rules_relative
from tidings.time.anchor import clause_tense
from tidings.time.calendar import Cal
from tidings.time.rules import Ctx, Norm, Rule

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ALL_RULES: tuple[Rule, ...] = (
    *rules_calendar.RULES, *rules_relative.RULES, *rules_period.RULES,
)

def _key_words() -> dict[str, tuple[str, ...]]:
    """Lower-cased word -> the trigger classes it belongs to."""
    classes: dict[str, set[str]] = {}

    def add(cls: str, *words: str) -> None:
        for w in words:
            classes.setdefault(w, set()).add(cls)

    add("year", "nineteen", "eighteen", "seventeen", "thousand")
    add("clock", "noon", "midnight", "midday", "o", "clock")
    months = ("january", "jan", "february", "feb", "march", "mar", "april", "apr", "may", "june",
              "jun", "july", "jul", "august", "aug", "september", "sept", "sep", "october", "oct",
              "november", "nov", "december", "dec")
    add("month", *months)
    days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    add("weekday", *days, "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
        "sun")
    add("set", *(d + "s" for d in days))
    units = ("second", "minute", "hour", "day", "night", "week", "weekend", "fortnight", "month",
             "quarter", "year", "decade", "century", "centuries", "millennium", "millennia",
             "season", "semester", "half", "halves")
    add("unit", *units, *(u + "s" for u in units))
    for u in ("second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade"):
        add("unit", u + "long")
    add("relday", "yesterday", "today", "tomorrow", "tonight")
    add("pod", "morning", "afternoon", "evening", "night", "overnight")
    add("ref", "now", "current", "currently", "present", "presently", "recent", "recently",
        "lately", "past", "formerly", "future", "term", "run", "so", "moment", "time", "days",
        "years", "later", "soon", "nowadays", "while", "long", "some")
    add("set", "every", "each", "per", "once", "twice", "thrice", "times", "hourly", "daily",
        "nightly", "weekly", "biweekly", "monthly", "quarterly", "annually", "yearly",
        "semiannually", "biannually")
    add("quarter", "quarter", "quarters", "half", "period")
    add("season", "spring", "summer", "fall", "autumn", "winter")
    add("holiday", "christmas", "new", "valentine", "halloween", "independence", "july",
        "veterans", "boxing", "may", "armistice", "bastille", "thanksgiving", "labor", "memorial",
        "election", "easter", "good")
    add("century", "century", "centuries")
    add("decade", "twenties", "thirties", "forties", "fifties", "sixties", "seventies",
        "eighties", "nineties")
    return {w: tuple(sorted(c)) for w, c in classes.items()}


KEY_WORDS = _key_words()
"""Trigger words: a rule only runs near a word of one of its key classes."""

_WORD = re.compile(r"\d+(?:'?s\b)?|[A-Za-z]+")
_BACK, _FWD = 56, 64
"""How far before and after a trigger word a rule's match may start and end."""


def _key_hits(text: str) -> dict[str, list[tuple[int, int]]]:
    """Windows around each trigger word, by class (one pass over the words)."""
    hits: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for m in _WORD.finditer(text):
        w = m.group()
        s, e = m.start(), m.end()
        if w[0].isdigit():
            cls: tuple[str, ...] = ("digit", "clock")
            if len(w) >= 4:
                cls = ("digit", "clock", "year", "decade") if w.endswith("s") else \
                    ("digit", "clock", "year")
            elif w.endswith("s"):
                cls = ("digit", "decade")
        else:
            found = KEY_WORDS.get(w.lower())
            if found is None:
                continue
            cls = found
        win = (max(0, s - _BACK), min(n, e + _FWD))
        for c in cls:
            hits.setdefault(c, []).append(win)
    return hits


def _windows(keys: tuple[str, ...], hits: dict[str, list[tuple[int, int]]]
             ) -> list[tuple[int, int]]:
    """Merged character windows around the trigger words of ``keys``."""
    spans: list[tuple[int, int]] = []
    for k in keys:
        spans.extend(hits.get(k, ()))
    if len(keys) > 1:
        spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _matches(rule: Rule, text: str,
             hits: dict[str, list[tuple[int, int]]]) -> list[re.Match[str]]:
    """Every match of ``rule`` in ``text``, searched only near its trigger words.

    A window may cut an expression short at its end, so each match is taken again
    from its start over the whole text.
    """
    if not rule.keys:
        return list(rule.pattern.finditer(text))
    out: list[re.Match[str]] = []
    last_end = -1
    for ws, we in _windows(rule.keys, hits):
        for m in rule.pattern.finditer(text, ws, we):
            if m.start() < last_end:
                continue
            full = rule.pattern.match(text, m.start()) if m.end() >= we - 1 else m
            if full is None:
                continue
            out.append(full)
            last_end = full.end()
    return out


@dataclass(slots=True)
class Found:
    """A recognized expression: its span, the rule and match, and (once resolved) its norm."""

    start: int
    end: int
    rule: Rule
    match: re.Match[str]
    norm: Norm | None = None
    tense: str | None = None
    ref: Cal | None = None
    anchor: str | None = None

    @property
    def text(self) -> str:
        return self.match.string[self.start:self.end]


class TokenIndex:
    """Character offset -> spaCy token, by binary search over token starts."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import IDX

        self.doc = doc
        self.starts = doc.to_array(IDX).tolist() if len(doc) else []
        self._sent_starts: list[int] | None = None

    def sentence_of(self, i: int) -> int:
        """The index of the sentence holding token ``i``."""
        if self._sent_starts is None:
            self._sent_starts = [s.start for s in self.doc.sents] if self.doc.has_annotation(
                "SENT_START") else [0]
        return bisect.bisect_right(self._sent_starts, i) - 1

    def at(self, char: int) -> Token | None:
        if not self.starts:
            return None
        i = bisect.bisect_right(self.starts, char) - 1
        return self.doc[max(i, 0)]

    def tokens(self, start: int, end: int) -> list[Token]:
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        j = bisect.bisect_left(self.starts, end)
        return [self.doc[k] for k in range(i, max(j, i + 1))]


def _ctx_window(text: str, start: int, end: int) -> tuple[str, str]:
    return text[max(0, start - 40):start].lower(), text[end:end + 40].lower()


# ------------------------------------------------------------------ context checks

_MONTH_VERBS = {"may", "march"}
_TIME_NOUNS = frozenset({"year", "years", "season", "quarter", "period", "budget", "fiscal",
                         "model", "election", "elections", "class", "census", "levels", "level",
                         "crop", "harvest", "term", "session", "campaign", "olympics", "games",
                         "war", "revolution", "crash", "earthquake", "uprising", "act", "law",
                         "agreement", "accord", "constitution", "treaty", "summit", "trip"})


def _check(f: Found, text: str, index: TokenIndex | None) -> bool:
    """Cheap filters that need the surrounding text or the parse."""
    needs = f.rule.needs
    m = f.match
    mon = ""
    if "month_case" in needs:
        mon = m.group("month")
        if not mon[0].isupper():
            return False
        if mon.lower() in _MONTH_VERBS and m.group(0).strip() == mon and index is not None:
            tok = index.at(m.start("month"))
            if tok is not None and (tok.tag_ == "MD" or tok.pos_ == "VERB"):
                return False
        if mon.lower() == "may" and m.group(0).strip() == mon and index is None:
            return False
    if "month_noun" in needs and m.group(0).strip() == mon and re.search(
            r"\b(?:the|a|an|annual)\s+$", text[max(0, m.start() - 8):m.start()], re.I):
        return False  # "the annual March for Life": a march, not the month
    if "weekday_case" in needs and not m.group("wd")[0].isupper():
        return False
    if "capitalized" in needs and not m.group(0).lstrip()[0].isupper():
        return False
    if "year_ctx" in needs and m.group("year") and not _year_ok(m, text, index):
        return False
    if "season_ctx" in needs and not _season_ok(m, text, index):
        return False
    if "overnight" in needs and m.group("rel2") and index is not None:
        tok = index.at(m.start("rel2"))
        if tok is not None and tok.pos_ == "ADJ":
            return False
    if "ref_ctx" in needs and not _ref_ok(m, text, index):
        return False
    if "set_ctx" in needs and m.group("setadv") and index is not None:
        tok = index.at(m.start("setadv"))
        # "its quarterly dividend": a kind of dividend, not a recurring time
        if tok is not None and tok.dep_ == "amod" and tok.lower_ in ("quarterly", "monthly",
                                                                      "weekly", "annually"):
            return False
    if "clock" in needs and re.search(r"\bhigh\s+$", text[max(0, m.start() - 6):m.start()],
                                      re.I):
        return False
    return not ("duration_ctx" in needs and not _duration_ok(m, text))


def _year_ok(m: re.Match[str], text: str, index: TokenIndex | None) -> bool:
    s, e = m.start("year"), m.end("year")
    before = text[max(0, s - 12):s]
    after = text[e:e + 12]
    if re.search(r"(?:\$|#|No\.\s?|[Nn]umber\s|[Rr]oute\s|[Ff]light\s|[Rr]oom\s|[Pp]\.\s?|"
                 r"[Ss]ection\s|[Aa]rticle\s)$", before):
        return False
    if re.match(r"\s*(?:%|percent|per\s?cent|[a-z]+\s+(?:tons|barrels|troops|people|shares))",
                after):
        return False
    if re.match(r"[.,/]\d", after) or re.search(r"\d[.,/]$", before):
        return False
    if index is not None:
        tok = index.at(s)
        # "1,500 troops", "2000 people" are counts; "the 1996 Olympic bombing" is a year
        if tok is not None and tok.dep_ == "nummod" and tok.head.tag_ == "NNS" and \
                tok.head.lower_ not in _TIME_NOUNS and tok.head.i > tok.i:
            return False
    return True


def _season_ok(m: re.Match[str], text: str, index: TokenIndex | None) -> bool:
    season = m.group("season").lower()
    if m.group("rel") or m.group("year") or m.group("yw") or m.group("pos"):
        return True
    before = text[max(0, m.start() - 12):m.start()].lower()
    if season in ("fall", "spring"):
        return bool(re.search(r"(?:in|during|until|by|since|through|this|last|next)\s+(?:the\s+)?$",
                              before)) and index is not None and \
            (tok := index.at(m.start("season"))) is not None and tok.pos_ == "NOUN"
    return True


def _ref_ok(m: re.Match[str], text: str, index: TokenIndex | None) -> bool:
    word = m.group("ref").lower()
    if word == "current" and index is not None:
        tok = index.at(m.start("ref"))
        # "current" names the present when it qualifies a time or state, not in
        # "current account" or "alternating current"
        return tok is not None and tok.dep_ == "amod"
    return True


def _duration_ok(m: re.Match[str], text: str) -> bool:
    unit = (m.group("unit") or "").lower()
    if unit.startswith("second"):
        num = m.group("num")
        return bool(num) and num.lower() not in ("a", "an", "one")
    return True


# ------------------------------------------------------------------ selection

def find(text: str, dct: date | None, index: TokenIndex | None = None,
         rules: tuple[Rule, ...] = ALL_RULES) -> list[Found]:
    """Candidate expressions in ``text``: every accepted match, overlapping ones included."""
    out: list[Found] = []
    probe = Ctx(dct=dct, anchor=dct, text=text)
    hits = _key_hits(text)
    for rule in rules:
        for m in _matches(rule, text, hits):
            if m.end() <= m.start():
                continue
            f = Found(m.start(), m.end(), rule, m)
            if not _check(f, text, index):
                continue
            probe.before, probe.after = _ctx_window(text, m.start(), m.end())
            norm = rule.handler(m, probe)
            if norm is None:
                continue
            f.start += norm.trim[0]
            f.end -= norm.trim[1]
            out.append(f)
    return out


def select(found: list[Found]) -> list[Found]:
    """Non-overlapping spans covering the most characters (ties: higher rule priority)."""
    if not found:
        return []
    items = sorted(found, key=lambda f: (f.end, f.start))
    ends = [f.end for f in items]
    n = len(items)
    best: list[tuple[int, int]] = [(0, 0)] * (n + 1)
    choice: list[bool] = [False] * (n + 1)
    prev: list[int] = [0] * (n + 1)
    for k in range(1, n + 1):
        f = items[k - 1]
        p = bisect.bisect_right(ends, f.start, 0, k - 1)
        prev[k] = p
        take = (best[p][0] + (f.end - f.start), best[p][1] + f.rule.priority)
        if take > best[k - 1]:
            best[k], choice[k] = take, True
        else:
            best[k] = best[k - 1]
    out: list[Found] = []
    k = n
    while k > 0:
        if choice[k]:
            out.append(items[k - 1])
            k = prev[k]
        else:
            k -= 1
    out.reverse()
    return out


# ------------------------------------------------------------------ normalization

def resolve(found: list[Found], text: str, dct: date | None, index: TokenIndex | None = None,
            anchors: dict[int, tuple[date, str]] | None = None) -> None:
    """Normalize each expression in reading order, tracking the narrative reference time.

    ``anchors`` maps an expression's start offset to a (date, kind) anchor that
    replaces the DCT for it (the time of a speech act, for reported speech).
    """
    ref: Cal | None = None
    ref_sent = -10
    period: Cal | None = None
    period_sent = -10
    for f in found:
        tense = f.tense if f.norm is not None and anchors else _tense(f, index)
        anchor, kind = (anchors or {}).get(f.start, (dct, "dct"))
        before, after = _ctx_window(text, f.start, f.end)
        sent = _sentence_no(f, text, index)
        ctx = Ctx(dct=dct, anchor=anchor, anchor_kind=kind, ref=ref, tense=tense, text=text,
                  before=before, after=after, ref_near=sent - ref_sent <= 1,
                  period=period if sent - period_sent <= 1 else None)
        norm = f.rule.handler(f.match, ctx)
        f.norm, f.tense, f.ref = norm, tense, ref
        # the narrative moves with what the text states, not with values derived from
        # the narrative itself ("a year earlier" must not become the next reference),
        # nor with the closing dates of periods ("the quarter ended Sept. 30")
        if norm is not None and norm.cal is not None and norm.type in ("DATE", "TIME") and \
                norm.cal.complete and norm.uses != "ref" and norm.narrative and \
                not _PERIOD_END.search(before):
            ref, ref_sent = norm.cal, sent
            if norm.cal.gran in ("quarter", "half"):
                period, period_sent = norm.cal, sent


_PERIOD_END = re.compile(r"\b(?:ended|ending|ends|through)\s+$")


def _sentence_no(f: Found, text: str, index: TokenIndex | None) -> int:
    """A number that grows by one per sentence (approximated by character position
    without a parse)."""
    if index is None:
        return f.start // 250
    tok = index.at(f.start)
    if tok is None:
        return 0
    return index.sentence_of(tok.i)


def _tense(f: Found, index: TokenIndex | None) -> str | None:
    if index is None:
        return None
    tok = index.at(f.start)
    if tok is None:
        return None
    span = index.doc.char_span(f.start, f.end, alignment_mode="expand")
    root = span.root if span is not None and len(span) else tok
    return clause_tense(root)


def recognize(text: str, dct: date | None, doc: Doc | None = None) -> list[Found]:
    """Recognize and normalize every temporal expression of ``text``.

    Args:
        text: the document text.
        dct: the document creation time; relative expressions stay unresolved without it.
        doc: the spaCy parse of ``text`` (optional; improves tense and filters).
    """
    index = TokenIndex(doc) if doc is not None else None
    found = select(find(text, dct, index))
    resolve(found, text, dct, index)
    return found

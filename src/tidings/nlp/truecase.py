"""Restore letter case in all-upper or all-lower text before parsing.

Wire copy in capitals ("GUERRILLAS ATTACKED THE FARM") and scraped text in lower case
("police fired in ahmedabad") defeat a parser and a named-entity recognizer trained on
ordinary case: every word looks like a proper noun, or none does. :func:`truecase`
rewrites only the case of letters, never the length, so every character offset found
on the restored text holds on the original.

How: the text is lower-cased, then

1. names of several words from the case table ("national liberation front",
   "new delhi") are restored, longest first;
2. single words from the table are restored ("guatemala" -> "Guatemala",
   "nato" -> "NATO"); words made of consonants only ("fmln") become acronyms; a word
   the table does not list at all (neither a common word nor a known name) gets a
   capital, as most such words in news are names ("cerezo");
3. the first word of each sentence and the pronoun "I" get a capital; so does a month
   name before or after a day number ("march 15").

The table (``nlp/data/truecase.tsv.gz``) is built by ``tools/build_truecase.py`` from
Debian's word list, tidings' actor knowledge base and its gazetteer.
:func:`needs_truecase` decides when to apply it ("auto" in the ``truecase`` setting).
"""

from __future__ import annotations

import gzip
import re
import threading
from importlib import resources

_WORD = re.compile(r"[^\W\d_]+(?:[.'’-][^\W\d_]+)*")
_VOWELS = frozenset("aeiouy")
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july",
                     "august", "september", "october", "november", "december", "jan",
                     "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                     "nov", "dec"})
_SENTENCE_END = re.compile(r"(?:[.!?]['\"”’)]*\s+|\n[ \t]*\n\s*|\]\s+)['\"“‘(]*$")
"""Before a sentence's first word: end punctuation, a blank line (a single line break
is only wrapping, as in wire copy), or a bracketed tag ("[TEXT] THE ...")."""
_DAY = re.compile(r"^\s*\d{1,2}\b|\b\d{1,2}\s*$")
_MAX_PHRASE = 6
_COMMON_SHORT = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "by", "and",
                           "or", "for", "as", "is", "it", "be", "we", "he", "us", "me",
                           "my", "no", "so", "do", "up", "if", "am", "pm", "mr", "mrs",
                           "ms", "dr", "st", "vs", "hr", "hrs", "km", "kg", "mph", "tv"})


class _Table:
    _lock = threading.Lock()
    words: dict[str, str] | None = None
    phrases: dict[str, str] | None = None
    first_words: frozenset[str] = frozenset()

    @classmethod
    def load(cls) -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
        with cls._lock:
            if cls.words is None:
                path = resources.files("tidings.nlp") / "data" / "truecase.tsv.gz"
                words: dict[str, str] = {}
                phrases: dict[str, str] = {}
                with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
                    for line in fh:
                        if line.startswith("#"):
                            continue
                        low, _, cased = line.rstrip("\n").partition("\t")
                        if len(low) != len(cased):
                            continue
                        (phrases if " " in low else words)[low] = cased
                cls.words, cls.phrases = words, phrases
                cls.first_words = frozenset(p.split(" ", 1)[0] for p in phrases)
            assert cls.words is not None and cls.phrases is not None
            return cls.words, cls.phrases, cls.first_words


def case_profile(text: str) -> tuple[int, float]:
    """Number of letters and the share of them in upper case."""
    letters = upper = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            upper += ch.isupper()
    return letters, (upper / letters if letters else 0.0)


def needs_truecase(text: str, mode: str = "auto") -> bool:
    """Whether to restore case: ``always``, ``never``, or ``auto`` when the text is
    mostly upper case (over 80% of letters) or mostly lower case (under 1.2%, where
    ordinary prose has 2-5%)."""
    if mode == "never":
        return False
    if mode == "always":
        return True
    letters, share = case_profile(text)
    if letters < 40:
        return False
    return share > 0.8 or share < 0.012


def _lower(text: str) -> list[str]:
    """Lower case, character by character, never changing the length."""
    out = []
    for ch in text:
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
    return out


def _put(chars: list[str], start: int, cased: str) -> None:
    for k, ch in enumerate(cased):
        if chars[start + k].lower() == ch.lower():
            chars[start + k] = ch


def _capitalize(chars: list[str], start: int) -> None:
    up = chars[start].upper()
    if len(up) == 1:
        chars[start] = up


def truecase(text: str) -> str:
    """``text`` with its letter case restored (same length; see the module docstring)."""
    words_t, phrases_t, first_words = _Table.load()
    chars = _lower(text)
    low = "".join(chars)
    spans = [(m.start(), m.end()) for m in _WORD.finditer(low)]
    done = [False] * len(spans)
    i = 0
    while i < len(spans):
        w = low[spans[i][0]:spans[i][1]]
        if w in first_words:
            for n in range(min(_MAX_PHRASE, len(spans) - i), 1, -1):
                s0, s1 = spans[i][0], spans[i + n - 1][1]
                phrase = low[s0:s1]
                if phrase in phrases_t:
                    _put(chars, s0, phrases_t[phrase])
                    for k in range(i, i + n):
                        done[k] = True
                    i += n - 1
                    break
        i += 1
    for k, (s0, s1) in enumerate(spans):
        w = low[s0:s1]
        if done[k]:
            continue
        if w.endswith(("'s", "’s")) and len(w) > 3:
            w = w[:-2]  # possessive: "gujarat's" is looked up as "gujarat"
        cased = words_t.get(w) or words_t.get(w.rstrip("."))
        if cased is not None:
            _put(chars, s0, cased)
        elif w == "i":
            chars[s0] = "I"
        elif _acronym(w):
            _put(chars, s0, w.upper())
        elif _unknown_name(w, words_t) or (w in _MONTHS and _dated(low, s0, s1)):
            _capitalize(chars, s0)
    for s0, _s1 in spans:
        if _SENTENCE_END.search(low[max(0, s0 - 12):s0]) or not low[:s0].strip():
            _capitalize(chars, s0)
    return "".join(chars)


def _dated(low: str, s0: int, s1: int) -> bool:
    """A day number just before or after the word ("15 march", "march 15")."""
    return bool(_DAY.search(low[max(0, s0 - 4):s0]) or _DAY.search(low[s1:s1 + 4]))


def _acronym(word: str) -> bool:
    """Consonants only, 2-5 letters, not a common abbreviation ("fmln", "cnn", "bjp")."""
    letters = word.replace(".", "")
    return (2 <= len(letters) <= 5 and letters.isalpha() and letters.isascii()
            and not (set(letters) & _VOWELS) and word not in _COMMON_SHORT)


def _unknown_name(word: str, table: dict[str, str]) -> bool:
    """A word the table does not know, neither common nor a name: most such words in
    news are names ("cerezo", "limbayat"), a few are rare words or typos."""
    if len(word) < 3 or not word.isalpha() or "'" in word:
        return False
    stem = word[:-1] if word.endswith("s") else word
    return stem not in table and word not in table


def common_word(word: str) -> bool:
    """Whether ``word`` (lower case) is a common English word rather than a name."""
    words_t, _, _ = _Table.load()
    return words_t.get(word) == word


def maybe_truecase(text: str, mode: str = "auto") -> str:
    """:func:`truecase` when :func:`needs_truecase` says so, else the text unchanged."""
    return truecase(text) if needs_truecase(text, mode) else text

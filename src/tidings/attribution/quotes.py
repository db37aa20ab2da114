"""Direct quotes: where each quotation runs, across sentences and paragraphs.

A quote opens at an opening mark and runs to its closing mark, whatever sentences lie
between. News style leaves the closing mark off at the end of a paragraph when the next
paragraph goes on quoting the same speaker and opens with a new mark; such a quote
is closed at its paragraph's end and the next paragraph's quote is flagged
``continues`` so that it takes the previous speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = "“«„"
_CLOSE = "”»“"
_PARA = re.compile(r"\n\s*\n|\n(?=\s*[“\"«])")


@dataclass(slots=True)
class Quote:
    """A quotation: character span including its marks.

    Attributes:
        start, end: offsets (``end`` after the closing mark, or at the paragraph end).
        continues: opens a paragraph while the previous paragraph's quote was left open.
        para_start: the quote opens its paragraph.
    """

    start: int
    end: int
    continues: bool = False
    para_start: bool = False


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blocks between blank lines (or lines opening with a quote mark)."""
    out = []
    pos = 0
    for m in _PARA.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _para_start(text: str, para: tuple[int, int], i: int) -> bool:
    return not text[para[0]:i].strip()


def find_quotes(text: str) -> list[Quote]:
    """All quotations of ``text`` in order; straight quotes pair up within a paragraph."""
    quotes: list[Quote] = []
    left_open = False
    for para in paragraphs(text):
        a, b = para
        open_at: int | None = None
        straight = False
        first = True
        for i in range(a, b):
            ch = text[i]
            if open_at is None:
                if ch in _OPEN or (ch == '"' and _opens(text, i)):
                    open_at = i
                    straight = ch == '"'
            elif (straight and ch == '"') or (not straight and ch in _CLOSE and ch != "“") \
                    or (not straight and ch == "“" and text[open_at] == "„"):
                q = Quote(open_at, i + 1, para_start=_para_start(text, para, open_at))
                q.continues = first and q.para_start and left_open
                quotes.append(q)
                open_at = None
                first = False
                left_open = False
        if open_at is not None:
            end = b
            while end > open_at and text[end - 1].isspace():
                end -= 1
            q = Quote(open_at, end, para_start=_para_start(text, para, open_at))
            q.continues = first and q.para_start and left_open
            quotes.append(q)
            left_open = True
        else:
            left_open = False
    return [q for q in quotes if q.end - q.start > 2]


def _opens(text: str, i: int) -> bool:
    """A straight double quote opens when it is not glued to the word before it."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-:"

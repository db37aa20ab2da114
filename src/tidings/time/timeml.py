"""Read and write TimeML (``.tml``) documents: the DCT, the text, and TIMEX3 tags.

Only what temporal-expression scoring needs is read: the document creation time
(the ``TIMEX3`` inside ``<DCT>``), the ``<TEXT>`` section as plain text, and the
TIMEX3 tags inside it as character spans of that plain text. Writing produces the
same document (everything up to and including the text, tags stripped) with only
the TIMEX3 tags given, so that the official TempEval-3 toolkit can score them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tidings.errors import EvalDataError

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_:]+)\s*=\s*"([^"]*)"')
_DCT = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>(.*?)</TIMEX3>", re.S)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")


@dataclass(slots=True, kw_only=True)
class GoldTimex:
    """A TIMEX3 of a TimeML document: its span in the plain text and its attributes."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    mod: str | None = None
    tid: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True, kw_only=True)
class TimeMLDoc:
    """One TimeML document.

    Attributes:
        path: where it was read from.
        docid: the DOCID element, else the file stem.
        dct: the document creation time (date part), or None when absent or unreadable.
        dct_value: the DCT's TIMEX3 value as written.
        text: the ``<TEXT>`` section with every tag removed and XML entities decoded.
        timexes: the TIMEX3 tags in the text section (the DCT excluded).
        raw: the whole file as read.
        text_start, text_end: where the text section's content is in ``raw``.
        raw_offsets: for each plain-text offset (and one past the end) the offset in
            the tag-stripped raw text section (so tags can be written back into it).
        raw_stripped: the text section of ``raw`` with tags removed, entities intact.
    """

    path: Path
    docid: str
    dct: date | None
    dct_value: str | None
    text: str
    timexes: list[GoldTimex]
    raw: str
    text_start: int
    text_end: int
    raw_offsets: list[int]
    raw_stripped: str


def _attrs(s: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(s)}


def parse_dct(value: str | None) -> date | None:
    """The date part of a TIMEX3 DCT value such as ``1998-08-07`` or ``1998-08-07T06:18``."""
    if not value:
        return None
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _decode(segment: str, plain: list[str], offsets: list[int], raw_pos: int) -> None:
    """Append ``segment`` (raw text, entities intact) decoded to ``plain`` with offsets."""
    i = 0
    for m in _ENTITY.finditer(segment):
        for k in range(i, m.start()):
            plain.append(segment[k])
            offsets.append(raw_pos + k)
        decoded = html.unescape(m.group(0))
        for ch in decoded:
            plain.append(ch)
            offsets.append(raw_pos + m.start())
        i = m.end()
    for k in range(i, len(segment)):
        plain.append(segment[k])
        offsets.append(raw_pos + k)


def parse_timeml(raw: str, path: Path | None = None) -> TimeMLDoc:
    """Parse TimeML source text; raises :class:`EvalDataError` when it has no TEXT section."""
    where = str(path) if path else "<string>"
    tm = _TEXT.search(raw)
    if tm is None:
        raise EvalDataError(f"{where}: no <TEXT> section; is this a TimeML .tml file?")
    dm = _DCT.search(raw)
    dct_value = _attrs(dm.group(1)).get("value") if dm else None
    docid_m = re.search(r"<DOCID>(.*?)</DOCID>", raw, re.S)
    docid = docid_m.group(1).strip() if docid_m else (path.stem if path else "doc")
    section = tm.group(1)
    plain: list[str] = []
    offsets: list[int] = []
    stripped: list[str] = []
    stripped_len = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    pos = 0
    for m in _TAG.finditer(section):
        seg = section[pos:m.start()]
        _decode(seg, plain, offsets, stripped_len)
        stripped.append(seg)
        stripped_len += len(seg)
        closing, name, attr_text, selfclosing = m.groups()
        if name == "TIMEX3":
            if closing:
                if open_timex:
                    start, attrs = open_timex.pop()
                    end = len(plain)
                    timexes.append(GoldTimex(
                        start=start, end=end, text="".join(plain[start:end]),
                        type=attrs.get("type", "DATE"), value=attrs.get("value"),
                        mod=attrs.get("mod"), tid=attrs.get("tid"), attrs=attrs))
            elif not selfclosing:
                open_timex.append((len(plain), _attrs(attr_text)))
        pos = m.end()
    seg = section[pos:]
    _decode(seg, plain, offsets, stripped_len)
    stripped.append(seg)
    stripped_len += len(seg)
    offsets.append(stripped_len)
    timexes.sort(key=lambda t: (t.start, t.end))
    return TimeMLDoc(path=path or Path(docid), docid=docid, dct=parse_dct(dct_value),
                     dct_value=dct_value, text="".join(plain), timexes=timexes, raw=raw,
                     text_start=tm.start(1), text_end=tm.end(1), raw_offsets=offsets,
                     raw_stripped="".join(stripped))


def read_timeml(path: Path) -> TimeMLDoc:
    """Read one ``.tml`` file."""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raw = path.read_text(encoding="latin-1")
    return parse_timeml(raw, path)


def find_timeml(root: Path) -> list[Path]:
    """Every ``.tml`` file under ``root`` (or ``root`` itself), sorted, AppleDouble skipped."""
    if root.is_file():
        return [root]
    files = sorted(p for p in root.rglob("*.tml") if not p.name.startswith("._"))
    if not files:
        raise EvalDataError(f"{root}: no .tml files found; point --data at a TimeML folder")
    return files


def iter_timeml(root: Path) -> Iterator[TimeMLDoc]:
    """Read every TimeML document under ``root``."""
    for path in find_timeml(root):
        yield read_timeml(path)


@dataclass(slots=True, kw_only=True)
class TagSpan:
    """A TIMEX3 to write: plain-text span and attributes (``tid``, ``type``, ``value``...)."""

    start: int
    end: int
    attrs: dict[str, str]


def _escape_attr(v: str) -> str:
    return html.escape(v, quote=True)


def write_timeml(doc: TimeMLDoc, tags: Iterable[TagSpan]) -> str:
    """The document's source with its text section carrying only ``tags``.

    Everything before ``<TEXT>`` (header, DOCID, DCT, title) is kept as it was; the
    text keeps its characters and entities with all of its own tags removed; what
    follows the text (MAKEINSTANCE, TLINK...) is dropped except the closing element.
    Overlapping tags are skipped (TIMEX3 do not nest in TimeML).
    """
    raw_text = doc.raw_stripped
    parts: list[str] = []
    last = 0
    prev_end = -1
    for tag in sorted(tags, key=lambda t: (t.start, -t.end)):
        if tag.start < prev_end or tag.end <= tag.start:
            continue
        rs, re_ = doc.raw_offsets[tag.start], doc.raw_offsets[tag.end]
        attrs = " ".join(f'{k}="{_escape_attr(v)}"' for k, v in tag.attrs.items())
        parts.append(raw_text[last:rs])
        parts.append(f"<TIMEX3 {attrs}>{raw_text[rs:re_]}</TIMEX3>")
        last = re_
        prev_end = tag.end
    parts.append(raw_text[last:])
    closing = "\n\n</TimeML>\n" if "</TimeML>" in doc.raw else "\n"
    return doc.raw[:doc.text_start] + "".join(parts) + "</TEXT>" + closing


def timex_tags(timexes: Iterable[object]) -> list[TagSpan]:
    """TIMEX3 tags (``tid``, ``type``, ``value``, ``mod``) for TimeValue-like records."""
    tags: list[TagSpan] = []
    for i, tv in enumerate(timexes, start=1):
        start = getattr(tv, "start_char", None)
        end = getattr(tv, "end_char", None)
        if start is None or end is None:
            continue
        attrs = {"tid": f"t{i}", "type": str(getattr(tv, "type", "DATE"))}
        value = getattr(tv, "value", None)
        attrs["value"] = value if value is not None else ""
        mod = getattr(tv, "mod", None)
        if mod:
            attrs["mod"] = mod
        tags.append(TagSpan(start=start, end=end, attrs=attrs))
    return tags

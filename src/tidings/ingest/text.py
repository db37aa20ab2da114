"""Turning bytes into clean text: decoding, mojibake repair, language detection.

Scraped news is full of text that was encoded as UTF-8 and decoded as cp1252
("â€œ" for a quote): :func:`repair_text` fixes that with ``ftfy``. Language
detection uses ``py3langid`` (offline, model bundled), loaded once per process.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass
from typing import Any

from tidings.records import Rejected

_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip file"),
)


def looks_binary(raw: bytes) -> str | None:
    """What kind of binary ``raw`` is ("a PDF"...), or None if it looks like text."""
    for magic, what in _BINARY_MAGIC:
        if raw.startswith(magic):
            return what
    head = raw[:8192]
    if b"\x00" in head:
        return "binary data"
    # control characters other than tab/newline/carriage return/form feed/escape
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if head and controls / len(head) > 0.05:
        return "binary data"
    return None


_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                       rb"|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH = re.compile(rb"[\x80-\xff]")
_MIXED = "tidings-utf8-cp1252"


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 refused as cp1252 (latin-1 for its five holes)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    out = "".join(bytes([b]).decode("cp1252", errors="strict") if b not in (0x81, 0x8D, 0x8F,
                                                                              0x90, 0x9D)
                  else chr(b) for b in bad)
    return out, exc.end


codecs.register_error(_MIXED, _cp1252_fallback)


def mostly_utf8(raw: bytes) -> bool:
    """Whether most non-ASCII bytes form valid UTF-8 sequences: text pasted together
    from UTF-8 and a legacy (cp1252) source, to decode piece by piece rather than
    guess one legacy charset for all of it (which garbles the UTF-8 part)."""
    sample = raw[:200_000]
    high = len(_HIGH.findall(sample))
    if not high:
        return False
    in_seqs = sum(len(m) for m in _UTF8_SEQ.findall(sample))
    return in_seqs / high >= 0.5


def decode_bytes(raw: bytes, name: str, declared: str | None = None) -> str | Rejected:
    """Text from bytes: BOM, then UTF-8, then the declared charset, then a guess.

    A declared charset is tried after UTF-8 because pages that declare latin-1 but
    hold UTF-8 are far more common than the reverse; mojibake left over is repaired
    later by :func:`repair_text`.
    """
    if not raw.strip():
        return Rejected(input=name, reason="empty", message=f"{name}: the input is empty")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    what = looks_binary(raw)
    if what is not None:
        return Rejected(input=name, reason="binary",
                        message=f"{name}: looks like {what}, not text; skipped")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if mostly_utf8(raw):
        return raw.decode("utf-8", errors=_MIXED)
    if declared:
        try:
            return raw.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return raw.decode(best.encoding, errors="replace")
        except LookupError:
            pass
    return raw.decode("cp1252", errors="replace")


_LOST_QUOTE = "\u00e2\u20ac\ufffd"
"""A closing double quote (UTF-8 E2 80 9D) read as cp1252, whose 0x9D has no character
and became U+FFFD: ftfy cannot tell which character was lost, but in news text it is
nearly always the closing quote."""


def repair_text(text: str) -> str:
    """Fix mojibake and other encoding damage; quotes keep their curl, offsets follow."""
    import ftfy

    # fast path: pure ASCII text cannot hold mojibake
    if text.isascii():
        return text
    text = text.replace(_LOST_QUOTE, "\u201d")
    return ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=False)


def repair_text_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`repair_text`, plus where each input offset lands in the repaired text.

    Mojibake is a run of non-ASCII characters, so each such run is repaired on its own
    and ASCII characters are copied: the returned list maps every offset ``i`` of the
    input (``0..len(text)``) to an offset of the output, so spans annotated on the
    damaged text (gold sentences, say) can be carried over to the repaired one.
    """
    out: list[str] = []
    mapping: list[int] = []
    pos = 0
    i = 0
    n = len(text)
    while i < n:
        if text[i].isascii():
            out.append(text[i])
            mapping.append(pos)
            pos += 1
            i += 1
            continue
        j = i
        while j < n and not text[j].isascii():
            j += 1
        fixed = repair_text(text[i:j])
        out.append(fixed)
        # every character of the damaged run points at the start of its repair, except
        # that a run repaired to the same length keeps a one-to-one map
        for k in range(j - i):
            mapping.append(pos + (k if len(fixed) == j - i else 0))
        pos += len(fixed)
        i = j
    mapping.append(pos)
    return "".join(out), mapping


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """A detected language (ISO 639-1) and the detector's probability for it."""

    language: str
    confidence: float


class LanguageDetector:
    """Offline language identification, one model per process (loaded on first use).

    Args:
        sample_chars: how much of each text is looked at (the start is enough and
            keeps detection cheap beside parsing).
    """

    _lock = threading.Lock()
    _identifier: Any = None

    def __init__(self, sample_chars: int = 1500) -> None:
        self.sample_chars = sample_chars

    @classmethod
    def _model(cls) -> Any:
        with cls._lock:
            if cls._identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                cls._identifier = LanguageIdentifier.from_model_file(MODEL_FILE,
                                                                     norm_probs=True)
        return cls._identifier

    def detect(self, text: str) -> LanguageGuess:
        """The most likely language of ``text``."""
        sample = text[: self.sample_chars]
        lang, prob = self._model().classify(sample)
        return LanguageGuess(str(lang), float(prob))

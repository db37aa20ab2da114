"""Reader for the unified factuality CoNLL files (UW, MEANTIME; Stanovsky et al. 2017).

Each line is ``index, token, value, POS, head, dep, lemma`` separated by tabs; the value
is a number on the [-3, +3] scale on predicate tokens and ``_`` elsewhere; sentences are
separated by blank lines. Only the tokens and the values are read: tidings parses the
tokens itself so that the scorer sees the same parse as in the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tidings.errors import EvalDataError


@dataclass(slots=True, kw_only=True)
class GoldSentence:
    """One sentence: its tokens and the gold value of each marked predicate token."""

    source: str
    number: int
    words: list[str]
    values: dict[int, float]


def read_conll(path: Path) -> list[GoldSentence]:
    """All sentences of one file, with a clear error naming the file on bad lines."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalDataError(f"{path}: cannot read factuality CoNLL file ({exc})") from None
    return list(_sentences(path, text))


def _sentences(path: Path, text: str) -> Iterator[GoldSentence]:
    words: list[str] = []
    values: dict[int, float] = {}
    number = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            if words:
                yield GoldSentence(source=path.name, number=number, words=words, values=values)
                number += 1
            words, values = [], {}
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            raise EvalDataError(f"{path}:{lineno}: expected tab-separated index, token, value")
        words.append(cols[1] or "_")
        if cols[2] != "_":
            try:
                values[len(words) - 1] = float(cols[2])
            except ValueError:
                raise EvalDataError(f"{path}:{lineno}: factuality value {cols[2]!r} "
                                    "is not a number") from None
    if words:
        yield GoldSentence(source=path.name, number=number, words=words, values=values)


def resolve_split(data: Path, split: str = "dev") -> list[Path]:
    """The files to read: ``data`` itself when a file, else ``<data>/<split>.conll``.

    A folder holding several datasets (e.g. ``uw_factuality`` and ``meantime_factuality``
    side by side) is not accepted: the caller says which one to read.
    """
    if data.is_file():
        return [data]
    if not data.is_dir():
        raise EvalDataError(f"{data}: not a file or folder")
    path = data / f"{split}.conll"
    if not path.exists():
        found = sorted(p.name for p in data.glob("*.conll"))
        sets = sorted(p.parent.name for p in data.glob(f"*/{split}.conll"))
        hint = f"; pass one of the dataset folders: {', '.join(sets)}" if sets else ""
        raise EvalDataError(f"{data}: no {split}.conll (found: {', '.join(found) or 'none'})"
                            f"{hint}")
    return [path]


def parse_sentences(sentences: list[GoldSentence], nlp: object, batch_size: int = 64
                    ) -> list[object]:
    """spaCy parses of the given tokenization (no re-tokenization, so indices agree)."""
    from spacy.tokens import Doc

    docs = []
    for s in sentences:
        docs.append(Doc(nlp.vocab, words=s.words))  # type: ignore[attr-defined]
    return list(nlp.pipe(docs, batch_size=batch_size))  # type: ignore[attr-defined]

"""Dates, decoding and language detection, on their own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tidings.ingest.dates import parse_date
from tidings.ingest.text import LanguageDetector, decode_bytes, looks_binary, repair_text
from tidings.records import Rejected


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-03-05", datetime(2024, 3, 5, tzinfo=UTC)),
    ("2024-03-05T09:30:00Z", datetime(2024, 3, 5, 9, 30, tzinfo=UTC)),
    ("Tue, 05 Mar 2024 09:30:00 GMT", datetime(2024, 3, 5, 9, 30, tzinfo=UTC)),
    ("March 5, 2024", datetime(2024, 3, 5, tzinfo=UTC)),
    (1709631000, datetime(2024, 3, 5, 9, 30, tzinfo=UTC)),
])
def test_readable_dates(value: object, expected: datetime) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["", "yesterday", "32 January 2024", "0000-01-01",
                                   "9999-12-31", "5 March", "1700-01-01", None, "x" * 500])
def test_unreadable_or_absurd_dates_are_unknown(value: object) -> None:
    assert parse_date(value) is None


def test_binary_and_text_are_told_apart() -> None:
    assert looks_binary(b"%PDF-1.4 ...") == "a PDF"
    assert looks_binary(bytes(range(256))) == "binary data"
    assert looks_binary(b"Police said on Monday.") is None
    rejected = decode_bytes(b"\x00\x01\x02\x03" * 50, "blob.txt")
    assert isinstance(rejected, Rejected) and "blob.txt" in rejected.message


def test_declared_charset_is_used_when_utf8_fails() -> None:
    text = "Министр заявил, что переговоры продолжатся."
    assert decode_bytes(text.encode("cp1251"), "ru.txt", "cp1251") == text


def test_repair_keeps_clean_text_and_fixes_mojibake() -> None:
    clean = "The minister’s “frank” talks in Zürich"
    assert repair_text(clean) == clean
    assert repair_text(clean.encode("utf-8").decode("latin-1")) == clean


def test_language_detector() -> None:
    detector = LanguageDetector()
    assert detector.detect("Police detained dozens of protesters on Monday evening "
                           "after clashes outside parliament.").language == "en"
    assert detector.detect("Die Polizei nahm am Montagabend Dutzende Demonstranten "
                           "nach Zusammenstößen vor dem Parlament fest.").language == "de"

"""Each reader on inputs written here: text, HTML, JSONL/CSV/JSON/Parquet, WARC, feeds."""

from __future__ import annotations

import gzip
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tidings.ingest import FieldMap, IngestOptions, SourceReader, read_sources
from tidings.ingest.prepare import DATE_FROM, prepare
from tidings.records import Document, Rejected

from .conftest import ARTICLE_1, ARTICLE_2, ARTICLE_3, FRENCH, page

OPTS = IngestOptions(fetch_links="never", respect_robots=False)


def read(*inputs: str | Path, options: IngestOptions = OPTS) -> list[Document | Rejected]:
    with SourceReader(options) as reader:
        return list(reader.read(inputs))


def docs(items: list[Document | Rejected]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def rejected(items: list[Document | Rejected]) -> list[Rejected]:
    return [i for i in items if isinstance(i, Rejected)]


# -- text files, folders, patterns ---------------------------------------------------

def test_folder_is_read_recursively_without_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_1, encoding="utf-8")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "b.txt").write_text(ARTICLE_2, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text(ARTICLE_3, encoding="utf-8")
    items = read(tmp_path)
    assert [d.text for d in docs(items)] == [ARTICLE_1, ARTICLE_2]
    assert docs(items)[1].source == str(tmp_path / "sub" / "deeper" / "b.txt")


def test_glob_patterns_and_missing_inputs(tmp_path: Path) -> None:
    for name, text in (("x1.txt", ARTICLE_1), ("x2.txt", ARTICLE_2), ("y.md", ARTICLE_3)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    items = read(str(tmp_path / "x*.txt"), str(tmp_path / "nothing*.txt"),
                 tmp_path / "missing.txt")
    assert [d.text for d in docs(items)] == [ARTICLE_1, ARTICLE_2]
    reasons = [(r.reason, Path(r.input).name) for r in rejected(items)]
    assert reasons == [("not-found", "nothing*.txt"), ("not-found", "missing.txt")]
    recursive = read(str(tmp_path / "**" / "*.md"))
    assert [d.text for d in docs(recursive)] == [ARTICLE_3]


def test_empty_and_binary_files_are_rejected_by_name(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"  \n\t ")
    (tmp_path / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (tmp_path / "ok.txt").write_text(ARTICLE_1, encoding="utf-8")
    items = read(tmp_path)
    assert len(docs(items)) == 1
    by_name = {Path(r.input).name: r for r in rejected(items)}
    assert by_name["empty.txt"].reason == "empty"
    assert by_name["scan.txt"].reason == "binary" and "PNG" in by_name["scan.txt"].message
    assert by_name["doc.pdf"].reason == "binary" and "PDF" in by_name["doc.pdf"].message


def test_encodings_are_decoded_and_mojibake_repaired(tmp_path: Path) -> None:
    quoted = "The minister’s aide said the ‘talks were frank’ and the café stayed shut. " * 2
    (tmp_path / "cp1252.txt").write_bytes(quoted.encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes(quoted.encode("utf-16"))
    # UTF-8 bytes once read as cp1252 and saved again: the classic scraped-text damage
    (tmp_path / "mojibake.txt").write_text(quoted.encode("utf-8").decode("cp1252"),
                                           encoding="utf-8")
    got = {Path(d.source or "").name: d for d in read_sources([tmp_path], options=OPTS)
           if isinstance(d, Document)}
    assert set(got) == {"cp1252.txt", "utf16.txt", "mojibake.txt"}
    for doc in got.values():
        assert doc.text == quoted.strip(), doc.source
    # same text, same id: the repaired document is stored once
    assert len({d.id for d in got.values()}) == 1


# -- preparing: language, length, dates --------------------------------------------------

def test_prepare_skips_non_english_with_a_counted_reason() -> None:
    out = prepare(Document.from_text(FRENCH, source="fr.txt"), OPTS)
    assert isinstance(out, Rejected) and out.reason == "not-english"
    assert "fr.txt" in out.message and "'fr'" in out.message
    kept = prepare(Document.from_text(FRENCH, source="fr.txt"),
                   IngestOptions(language_filter=False))
    assert isinstance(kept, Document)
    english = prepare(Document.from_text(ARTICLE_1), OPTS)
    assert isinstance(english, Document) and english.language == "en"


def test_prepare_flags_unknown_dates_and_uses_the_default_only_when_asked() -> None:
    doc = prepare(Document.from_text(ARTICLE_1), OPTS)
    assert isinstance(doc, Document)
    assert doc.published_at is None and doc.meta[DATE_FROM] == "unknown"
    when = datetime(2024, 5, 2, tzinfo=UTC)
    doc = prepare(Document.from_text(ARTICLE_1), IngestOptions(published=when))
    assert isinstance(doc, Document)
    assert doc.published_at == when and doc.meta[DATE_FROM] == "default"
    short = prepare(Document.from_text("Too short.", source="s.txt"), OPTS)
    assert isinstance(short, Rejected) and short.reason == "empty"
    long = prepare(Document.from_text(ARTICLE_1 * 50, source="l.txt"),
                   IngestOptions(max_chars=1000))
    assert isinstance(long, Rejected) and long.reason == "too-long"


# -- HTML ---------------------------------------------------------------------------------

def test_html_page_gives_text_title_date_outlet(tmp_path: Path) -> None:
    html = page("Protesters detained in Karvan", ARTICLE_1,
                published="2024-03-05T09:30:00+02:00")
    (tmp_path / "story.html").write_text(html, encoding="utf-8")
    (doc,) = docs(read(tmp_path / "story.html"))
    assert doc.title == "Protesters detained in Karvan"
    assert doc.outlet == "Karvan Courier"
    assert doc.published_at is not None and doc.published_at.date().isoformat() == "2024-03-05"
    assert doc.meta[DATE_FROM] == "page"
    assert doc.text.startswith("Police in the northern city")  # headline not repeated
    assert "Subscribe" not in doc.text and "Home" not in doc.text
    assert "inquiry had been opened" in doc.text


def test_html_without_date_is_unknown_and_without_body_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "nodate.html").write_text(page("Talks resume", ARTICLE_2, site=None),
                                          encoding="utf-8")
    (tmp_path / "hollow.html").write_text("<html><head><title>x</title></head></html>",
                                          encoding="utf-8")
    items = read_sources([tmp_path], options=OPTS)
    (doc,) = [i for i in items if isinstance(i, Document)] or [None]
    assert doc is not None and doc.published_at is None and doc.meta[DATE_FROM] == "unknown"
    rej = [i for i in read(tmp_path / "hollow.html") if isinstance(i, Rejected)]
    assert rej and rej[0].reason in ("no-text", "empty") and "hollow.html" in rej[0].message


# -- records: JSONL, CSV, JSON, Parquet --------------------------------------------------

def test_jsonl_with_custom_fields_broken_lines_and_bad_dates(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"body": ARTICLE_1, "headline": "Detentions", "when": "2024-03-05",
                    "site": "Courier", "link": "https://example.org/1"}),
        "{this is not json",
        json.dumps({"body": ARTICLE_2, "when": "32 January 2024"}),
        json.dumps({"headline": "no text here"}),
        json.dumps({"body": ARTICLE_3, "when": "9999-12-31"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fields = FieldMap.parse(["text=body", "title=headline", "published=when",
                             "outlet=site", "url=link"])
    items = read(path, options=IngestOptions(fields=fields))
    got = docs(items)
    assert [d.text for d in got] == [ARTICLE_1, ARTICLE_2, ARTICLE_3]
    first = got[0]
    assert (first.title, first.outlet, first.url) == ("Detentions", "Courier",
                                                      "https://example.org/1")
    assert first.published_at == datetime(2024, 3, 5, tzinfo=UTC)
    assert first.source == f"{path}:1"
    for bad in got[1:]:
        assert bad.published_at is None and "date" in bad.meta["date_problem"]
    assert [(r.reason, r.input) for r in rejected(items)] == [
        ("bad-json", f"{path}:2"), ("no-text", f"{path}:4")]


def test_gzipped_jsonl_and_json_list(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": ARTICLE_1}) + "\n")
    (tmp_path / "b.json").write_text(json.dumps([{"text": ARTICLE_2}, {"text": ARTICLE_3}]),
                                     encoding="utf-8")
    assert [d.text for d in docs(read(tmp_path))] == [ARTICLE_1, ARTICLE_2, ARTICLE_3]


def test_csv_and_tsv_with_custom_fields(tmp_path: Path) -> None:
    import csv

    with (tmp_path / "a.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["story", "day", "paper"])
        w.writerow([ARTICLE_1, "2024-03-05", "Courier"])
        w.writerow(["", "2024-03-06", "Courier"])
    (tmp_path / "b.tsv").write_text("story\tday\n" + ARTICLE_3.replace("\n", " ") +
                                    "\t2024-03-07\n", encoding="utf-8")
    fields = FieldMap.parse(["text=story", "published=day", "outlet=paper"])
    items = read(tmp_path, options=IngestOptions(fields=fields))
    got = docs(items)
    assert [d.outlet for d in got] == ["Courier", None]
    assert got[0].text == ARTICLE_1 and got[0].source == f"{tmp_path / 'a.csv'}:2"
    assert got[1].published_at == datetime(2024, 3, 7, tzinfo=UTC)
    assert [r.reason for r in rejected(items)] == ["no-text"]


def test_field_map_refuses_unknown_parts() -> None:
    from tidings.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown part"):
        FieldMap.parse(["texte=body"])
    with pytest.raises(ConfigError, match="PART=FIELD"):
        FieldMap.parse(["text"])


def test_parquet_rows(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow", reason="pyarrow comes with the 'ray' extra")
    import pyarrow.parquet as pq

    table = pa.table({"text": [ARTICLE_1, ARTICLE_2], "date": ["2024-03-05", None]})
    pq.write_table(table, tmp_path / "a.parquet")
    got = docs(read(tmp_path / "a.parquet"))
    assert [d.text for d in got] == [ARTICLE_1, ARTICLE_2]
    assert got[0].published_at is not None and got[1].published_at is None


# -- WARC ---------------------------------------------------------------------------------

def _warc(path: Path, records: list[tuple[str, str, int, str, bytes]], gz: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for rec_type, url, status, ctype, body in records:
            if rec_type == "request":
                headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")],
                                           is_http_request=True)
                rec = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                http_headers=headers)
            else:
                headers = StatusAndHeaders(f"{status} X", [("Content-Type", ctype)],
                                           protocol="HTTP/1.1")
                rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                http_headers=headers)
            writer.write_record(rec)


def test_warc_reads_html_responses_once_each(tmp_path: Path) -> None:
    one = page("Detentions in Karvan", ARTICLE_1, published="2024-03-05").encode()
    two = page("Talks resume", ARTICLE_2).encode()
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [
        ("request", "https://example.org/1", 0, "", b""),
        ("response", "https://example.org/1", 200, "text/html; charset=utf-8", one),
        ("response", "https://example.org/logo.png", 200, "image/png", b"\x89PNG...."),
        ("response", "https://example.org/gone", 404, "text/html", two),
        ("response", "https://example.org/2", 200, "text/html", two),
        # the same payload under another URL (a mirror): read once
        ("response", "https://mirror.example.net/1", 200, "text/html", one),
    ])
    got = docs(read(path))
    assert [d.url for d in got] == ["https://example.org/1", "https://example.org/2"]
    assert got[0].title == "Detentions in Karvan"
    assert got[0].meta["crawled_at"] and got[0].meta[DATE_FROM] == "page"
    assert got[1].published_at is None  # the crawl date is not a publication date


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_truncated_warc_keeps_what_came_before(tmp_path: Path, gz: bool) -> None:
    whole = tmp_path / "whole.warc"
    body = page("Detentions", ARTICLE_1).encode()
    _warc(whole, [("response", "https://example.org/1", 200, "text/html", body),
                  ("response", "https://example.org/2", 200, "text/html",
                   page("Convoy attacked", ARTICLE_3).encode())], gz=gz)
    assert [d.url for d in docs(read(whole))] == ["https://example.org/1",
                                                   "https://example.org/2"]
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: len(data) - 400])
    items = read(cut)
    assert [d.url for d in docs(items)] == ["https://example.org/1"]
    assert [r.reason for r in rejected(items)] == ["bad-warc"]
    assert "cut.warc" in rejected(items)[0].message


# -- feeds --------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Karvan Courier</title><link>https://example.org/</link>
<item><title>Protesters detained</title><link>https://example.org/a</link>
<pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate>
<description><![CDATA[<p>{a1}</p>]]></description></item>
<item><title>Talks resume</title><link>https://example.org/b</link>
<description>{a2}</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Border Wire</title>
<entry><title>Convoy attacked</title><link href="https://example.net/c"/>
<updated>2024-03-10T12:00:00Z</updated><content type="html">&lt;p&gt;{a3}&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_and_atom_entries_use_their_content_and_dates(tmp_path: Path) -> None:
    (tmp_path / "news.rss").write_text(RSS.format(a1=ARTICLE_1, a2=ARTICLE_2),
                                       encoding="utf-8")
    (tmp_path / "wire.atom").write_text(ATOM.format(a3=ARTICLE_3), encoding="utf-8")
    got = docs(read(tmp_path / "news.rss", tmp_path / "wire.atom"))
    assert [d.title for d in got] == ["Protesters detained", "Talks resume", "Convoy attacked"]
    assert [d.outlet for d in got] == ["Karvan Courier", "Karvan Courier", "Border Wire"]
    assert got[0].published_at == datetime(2024, 3, 5, 9, 30, tzinfo=UTC)
    assert got[1].published_at is None
    assert got[2].published_at == datetime(2024, 3, 10, 12, 0, tzinfo=UTC)
    assert got[0].text.startswith("Police in the northern city")
    assert got[2].url == "https://example.net/c"


def test_malformed_feed_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "broken.xml").write_text("<rss><channel><title>x</title><item>",
                                         encoding="utf-8")
    items = read(tmp_path / "broken.xml")
    assert [r.reason for r in rejected(items)] == ["bad-feed"]
    assert "broken.xml" in rejected(items)[0].message

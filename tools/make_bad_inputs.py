"""Write a corpus of bad inputs: what users feed tidings when the web gives them junk.

    PYTHONPATH=src python tools/make_bad_inputs.py OUT_DIR [--base-url http://127.0.0.1:PORT]

Every file is generated here (nothing downloaded): empty and whitespace-only files,
binaries (PDF and PNG headers, random bytes), a 50 MB text, a 200,000-character
single line, HTML without a body and with 100,000 nested ``div``s, truncated and
entity-broken feeds, a feed with 10,000 entries, a billion-laughs XML bomb, wrong
and mixed encodings, truncated WARC archives, JSONL with broken lines, absurd
dates, and ``.urls`` lists whose URLs (on a loopback test server, see
:data:`SERVER_ROUTES`) time out, redirect in a circle, or answer 500 and 404.

Importable: :func:`make_bad_inputs` returns one :class:`BadInput` per file with the
outcome the ingest must reach (rejection reasons, or documents stored).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

BIG_TEXT_BYTES = 50 * 1024 * 1024
LONG_LINE_CHARS = 200_000
NESTED_DIVS = 100_000
FEED_ENTRIES = 10_000

SERVER_ROUTES: dict[str, tuple[int, dict[str, str], float]] = {
    "/slow": (200, {}, 6.0),
    "/loop-a": (302, {"Location": "/loop-b"}, 0.0),
    "/loop-b": (302, {"Location": "/loop-a"}, 0.0),
    "/broken": (500, {}, 0.0),
    "/gone": (404, {}, 0.0),
}
"""Routes the loopback test server must answer: path -> (status, headers, delay s).
``/slow`` must outlast the fetch timeout the test sets (a few seconds)."""


@dataclass(slots=True)
class BadInput:
    """One generated input and what ingesting it must give.

    Attributes:
        name: short label for reports.
        path: the file.
        reasons: rejection reasons that must appear for this input (each at least once).
        stored: documents that must be stored from it (good parts of a bad file).
        at_least_rejected: rejections (any listed reason) it must produce at least.
        note: what is wrong with it.
        texts: strings a stored text must hold (decoded right, no mojibake, no BOM).
    """

    name: str
    path: Path
    reasons: set[str] = field(default_factory=set)
    stored: int = 0
    at_least_rejected: int = 1
    note: str = ""
    texts: tuple[str, ...] = ()


STORY = ("The regional council of Varnok voted on Thursday to close two coal mines by the end "
         "of next year, a spokeswoman said after the session. Miners' unions said they would "
         "hold a strike in the capital next week to protest the decision.")
"""A made-up English article (long enough for min_chars and the language filter)."""

STORY_B = ("Customs officers at the Brelin border crossing seized a truck carrying "
           "undeclared fuel on Saturday, the finance ministry said. The driver was "
           "detained and an inquiry was opened, officials told reporters.")

STORY_C = ("The mayor of Quellin met striking bus drivers on Wednesday and promised to "
           "review their wages, a city hall statement said. The drivers agreed to resume "
           "work while talks continue.")


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _big_text(path: Path) -> Path:
    line = ("Delegates argued over the budget late into the night while the clerk "
            "read out every amendment again. ")
    block = (line * 100 + "\n").encode()
    with path.open("wb") as fh:
        written = 0
        while written < BIG_TEXT_BYTES:
            fh.write(block)
            written += len(block)
    return path


def _long_line(rng: random.Random) -> str:
    words = ["ministry", "officials", "convoy", "border", "talks", "village", "minister",
             "court", "statement", "election", "union", "farmers", "capital"]
    out: list[str] = []
    size = 0
    n = 0
    while size < LONG_LINE_CHARS:
        w = rng.sample(words, 3)
        s = f"The {w[0]} and the {w[1]} spoke about the {w[2]} in report {n}. "
        out.append(s)
        size += len(s)
        n += 1
    return "".join(out)[:LONG_LINE_CHARS]


def _rss(items: str, *, title: str = "Bad Feed Wire") -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>{title}</title><link>http://127.0.0.1/</link>"
            f"<description>test feed</description>{items}</channel></rss>")


def _item(title: str, text: str, date: str = "Mon, 04 Mar 2024 10:00:00 GMT") -> str:
    return (f"<item><title>{title}</title><pubDate>{date}</pubDate>"
            f"<description>{text}</description></item>")


def _warc(records: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for url, html in records:
        body = html.encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                              ("Content-Length", str(len(body)))],
                                   protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                        http_headers=headers)
        writer.write_record(rec)
    return buf.getvalue()


def _page(title: str, text: str) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1><p>{text}</p></article></body></html>")


def make_bad_inputs(out: Path, base_url: str = "http://127.0.0.1:9",
                    seed: int = 10) -> list[BadInput]:
    """Write the corpus into ``out``; ``base_url`` serves :data:`SERVER_ROUTES`."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    made: list[BadInput] = []

    def add(name: str, path: Path, note: str, reasons: set[str] | None = None,
            stored: int = 0, at_least: int = 1, texts: tuple[str, ...] = ()) -> None:
        made.append(BadInput(name, path, reasons or set(), stored,
                             at_least if reasons else 0, note, texts))

    add("empty", _write(out / "empty.txt", b""), "zero bytes", {"empty"})
    add("whitespace", _write(out / "whitespace.txt", " \n\t\r\n   \n" * 50),
        "only spaces, tabs and newlines", {"empty"})
    add("pdf", _write(out / "report.pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\n"),
        "a PDF header in a .txt file", {"binary"})
    add("png", _write(out / "photo.png.txt", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256)
                                                                       for _ in range(512))),
        "a PNG header in a .txt file", {"binary"})
    add("random", _write(out / "noise.txt", bytes(rng.randrange(256) for _ in range(65536))),
        "64 KB of random bytes", {"binary"})
    add("big", _big_text(out / "huge.txt"), f"{BIG_TEXT_BYTES // 2**20} MB of text",
        {"too-long"})
    add("long-line", _write(out / "one_line.txt", _long_line(rng)),
        f"{LONG_LINE_CHARS:,} characters on one line", stored=1)
    add("no-body", _write(out / "no_body.html",
                          "<!DOCTYPE html><html><head><title>Nothing here</title></head></html>"),
        "HTML with a head and no body", {"no-text"})
    add("nested", _write(out / "nested.html",
                         "<!DOCTYPE html><html><body>" + "<div>" * NESTED_DIVS
                         + f"<p>{STORY_B}</p>" + "</div>" * NESTED_DIVS + "</body></html>"),
        f"{NESTED_DIVS:,} nested divs", {"no-text", "bad-html"})
    good_items = _item("Mines to close", STORY) + _item("Fuel seized", STORY_B)
    full = _rss(good_items)
    add("feed-truncated", _write(out / "truncated.rss", full[: full.index(STORY_B) + 40]),
        "an RSS feed cut off in its second entry", {"no-text"}, stored=1)
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Cut Atom</title><entry><title>Drivers")
    add("atom-truncated", _write(out / "truncated.atom", atom),
        "an Atom feed cut off in its first entry title", {"bad-feed", "no-text"})
    add("feed-entities", _write(out / "entities.rss", _rss(
        _item("Bus &nbsp; drivers &bogus; return", STORY_C.replace("city hall", "city &hall;"))
        + "<item><title>&#xFFFFFFF; &#0; broken</title><description>&amp</description></item>")),
        "undefined entities, an out-of-range character reference", {"no-text"}, stored=1)
    many = "".join(f"<item><title>Brief {i}</title><description>Short item {i}."
                   "</description></item>" for i in range(FEED_ENTRIES))
    add("feed-10k", _write(out / "many.rss", _rss(many)),
        f"{FEED_ENTRIES:,} entries, each too short to be an article", {"no-text"},
        at_least=FEED_ENTRIES)
    levels = [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">\n'
              for i in range(1, 10)]
    laughs = ('<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol "lol">\n'
              + "".join(levels)
              + ']>\n<rss version="2.0"><channel><title>Laughs</title>'
              "<item><title>&lol9;</title><description>&lol9;</description></item>"
              "</channel></rss>")
    add("billion-laughs", _write(out / "laughs.xml", laughs),
        "nine levels of nested entities (10^9 'lol's if expanded)", {"bad-feed", "no-text"})
    cyr = ("Mayor Ivan Petrov («Иван Петров») of Novgrad said on Friday that the city would "
           "repair the flooded bridge before winter, and thanked rescue teams — «спасибо».")
    add("cp1251", _write(out / "cp1251.txt", cyr.encode("cp1251")),
        "cp1251 bytes, no declaration", stored=1,
        texts=("«Иван Петров»", "— «спасибо»"))
    latin = _page("Café owners protest", "Café owners in Évora protested on Monday against "
                  "the new tax, the association said. Police said the rally was peaceful "
                  "and ended at noon near the cathedral.")
    add("latin1-as-utf8", _write(out / "latin1.html", latin.encode("latin-1")),
        "latin-1 bytes in a page that declares UTF-8", stored=1,
        texts=("Café owners in Évora",))
    add("utf8-bom", _write(out / "bom8.txt", b"\xef\xbb\xbf" + STORY_C.encode()),
        "a UTF-8 byte-order mark", stored=1,
        texts=("The mayor of Quellin",))
    add("utf16-bom", _write(out / "bom16.txt", STORY_B.replace("Saturday", "Sunday")
                            .encode("utf-16")), "UTF-16 with a byte-order mark", stored=1,
        texts=("Customs officers", "on Sunday"))
    mixed = (STORY.replace("Thursday", "Tuesday").encode("utf-8") + b" The d\xe9put\xe9 said "
             b"\x93nothing\x94 more. Officials added \xe2\x80\x9cno comment\xe2\x80\x9d.")
    add("mixed", _write(out / "mixed.txt", mixed), "UTF-8 and cp1252 bytes in one file",
        stored=1, texts=("Miners' unions", "“no comment”"))
    warc = _warc([("http://127.0.0.1/a", _page("Mines", STORY.replace("Varnok", "Selvin"))),
                  ("http://127.0.0.1/b", _page("Fuel", STORY_B.replace("Brelin", "Oskar")))])
    cut = warc[: len(warc) - 120]
    add("warc-truncated", _write(out / "cut.warc", cut),
        "the second WARC record cut short", {"bad-warc"}, stored=1)
    add("warc-gz-truncated", _write(out / "cut.warc.gz", gzip.compress(warc)[:-300]),
        "a gzipped WARC cut short", {"bad-warc"})
    lines = [json.dumps({"text": STORY.replace("Varnok", "Telmar"), "published": "2024-03-01"}),
             '{"text": "The army said on Monday', "not json at all", "[1, 2, 3]",
             json.dumps({"title": "No text field"}), "",
             json.dumps({"text": STORY_B.replace("Brelin", "Dorn"), "published": "2024-03-02"})]
    add("jsonl-broken", _write(out / "broken.jsonl", "\n".join(lines) + "\n"),
        "a cut-off line, non-JSON, a list, a record with no text", {"bad-json"}, stored=2,
        at_least=3)
    dates = [json.dumps({"text": STORY_C.replace("Quellin", town), "published": when})
             for town, when in (("Arden", "0000-01-01"), ("Belmo", "9999-12-31"),
                                ("Corvo", "32 January 2024"), ("Dunst", "-0001-05-05"))]
    add("absurd-dates", _write(out / "dates.jsonl", "\n".join(dates) + "\n"),
        "years 0 and 9999, 32 January, a negative year (stored, date unknown)", stored=4)
    add("urls", _write(out / "bad.urls", "".join(f"{base_url}{p}\n" for p in SERVER_ROUTES)),
        "URLs that time out, redirect in a circle, answer 500 and 404",
        {"timeout", "redirect-loop", "http-500", "http-404"}, at_least=len(SERVER_ROUTES))
    return made


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--base-url", default="http://127.0.0.1:9",
                    help="server answering SERVER_ROUTES (default: a closed port)")
    args = ap.parse_args()
    for item in make_bad_inputs(args.out, args.base_url):
        print(f"{item.name:<18} {item.path}  ({item.note})")


if __name__ == "__main__":
    main()

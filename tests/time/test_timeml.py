"""Reading and writing TimeML: spans of the plain text, DCT, entities, round trips."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from tidings.errors import EvalDataError
from tidings.time.timeml import TagSpan, parse_timeml, read_timeml, write_timeml

SOURCE = (
    '<?xml version="1.0" ?>\n'
    '<TimeML>\n'
    '<DOCID>TEST001</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2021-03-04"'
    ' functionInDocument="CREATION_TIME">03/04/21</TIMEX3></DCT>\n'
    '<TEXT>\n'
    'Smith &amp; Sons <EVENT eid="e1">said</EVENT>'
    ' <TIMEX3 tid="t1" type="DATE" value="2021-03-03">yesterday</TIMEX3>'
    ' that the strike would last <TIMEX3 tid="t2" type="DURATION" value="P2W"'
    ' mod="EQUAL_OR_LESS">no more than two weeks</TIMEX3>.\n'
    '</TEXT>\n'
    '<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>\n'
    '</TimeML>\n'
    '\n'
)


def test_parse_spans_dct_and_entities() -> None:
    doc = parse_timeml(SOURCE)
    assert doc.docid == "TEST001"
    assert doc.dct is not None and doc.dct.isoformat() == "2021-03-04"
    assert "Smith & Sons said yesterday" in doc.text
    assert [(t.text, t.type, t.value, t.mod) for t in doc.timexes] == [
        ("yesterday", "DATE", "2021-03-03", None),
        ("no more than two weeks", "DURATION", "P2W", "EQUAL_OR_LESS"),
    ]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text


def test_write_keeps_header_and_text_and_only_new_tags(tmp_path: Path) -> None:
    doc = parse_timeml(SOURCE)
    start = doc.text.index("two weeks")
    out = write_timeml(doc, [TagSpan(start=start, end=start + 9,
                                     attrs={"tid": "t1", "type": "DURATION", "value": "P2W"})])
    assert "<DCT><TIMEX3 tid=\"t0\"" in out
    assert "<EVENT" not in out and "TLINK" not in out
    assert "Smith &amp; Sons" in out
    ElementTree.fromstring(out.split("?>", 1)[1])  # well-formed XML
    path = tmp_path / "out.tml"
    path.write_text(out, encoding="utf-8")
    again = read_timeml(path)
    assert again.text == doc.text
    assert [(t.text, t.value) for t in again.timexes] == [("two weeks", "P2W")]


def test_not_timeml_is_rejected_with_the_file_name() -> None:
    with pytest.raises(EvalDataError, match="no <TEXT> section"):
        parse_timeml("<doc>nothing here</doc>", Path("broken.tml"))

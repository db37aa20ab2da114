"""Case restoration before parsing, and mojibake repair with offsets."""

from __future__ import annotations

from tidings.config import load_config
from tidings.ingest.text import repair_text, repair_text_with_offsets
from tidings.nlp.truecase import maybe_truecase, needs_truecase, truecase

UPPER = ("SAN SALVADOR, 12 MAR 90 -- [TEXT] URBAN GUERRILLAS OF THE FMLN ATTACKED A "
         "POLICE POST IN SOYAPANGO LAST NIGHT. PRESIDENT ALFREDO CRISTIANI SAID THAT "
         "THE ARMY WILL PURSUE THEM.")
LOWER = ("surat: police fired tear gas shells at a mob in the walled city of ahmedabad on "
         "tuesday. the army was called in after the violence spread to gujarat's villages.")


def test_length_and_letters_kept() -> None:
    for text in (UPPER, LOWER):
        out = truecase(text)
        assert len(out) == len(text)
        assert out.lower() == text.lower()


def test_upper_case_wire_copy_is_restored() -> None:
    out = truecase(UPPER)
    assert out.startswith("San Salvador")
    assert "FMLN" in out
    assert "urban guerrillas" in out or "Urban guerrillas" in out
    assert "police post in Soyapango" in out
    assert ". President Alfredo" in out
    assert "the army will pursue them" in out


def test_lower_case_text_gets_names_and_sentence_starts() -> None:
    out = truecase(LOWER)
    assert out.startswith("Surat:")
    assert "Ahmedabad" in out and "Gujarat" in out
    assert ". The army" in out
    assert " on Tuesday" in out


def test_auto_mode_leaves_ordinary_text_alone() -> None:
    text = "Police in Ahmedabad fired tear gas at a crowd on Tuesday, officials said."
    assert not needs_truecase(text)
    assert maybe_truecase(text) == text
    assert needs_truecase(UPPER) and needs_truecase(LOWER)
    assert maybe_truecase(UPPER, "never") == UPPER
    assert needs_truecase(text, "always")


def test_setting_is_declared() -> None:
    assert load_config(env={}).truecase == "auto"
    assert load_config(env={"TIDINGS_TRUECASE": "never"}).truecase == "never"


def test_repair_keeps_a_map_of_offsets() -> None:
    raw = "the proposed â€˜bhoomi pujanâ€™ is legal, â€œwe demand,â€� he said"
    fixed, mapping = repair_text_with_offsets(raw)
    assert fixed == "the proposed \u2018bhoomi pujan\u2019 is legal, \u201cwe demand,\u201d he said"
    assert fixed == repair_text(raw)
    assert len(mapping) == len(raw) + 1
    i = raw.index("is legal")
    assert fixed[mapping[i]:mapping[i + len("is legal")]] == "is legal"
    i = raw.index("he said")
    assert fixed[mapping[i]:mapping[len(raw)]] == "he said"


def test_pipeline_parses_restored_text_at_the_same_offsets(pipeline) -> None:  # type: ignore[no-untyped-def]
    from tidings.records import Document

    doc = Document.from_text(UPPER)
    analysis = next(pipeline.analyse([doc]))
    assert analysis.doc.text != UPPER and len(analysis.doc.text) == len(UPPER)
    assert analysis.events, "no event found in restored upper-case text"
    for e in analysis.events:
        t0, t1 = e.evidence.trigger
        assert UPPER[t0:t1].lower() == analysis.doc.text[t0:t1].lower()

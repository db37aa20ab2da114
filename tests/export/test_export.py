from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tidings.export import export
from tidings.export.gdelt import COLUMNS as GDELT_COLUMNS
from tidings.export.rows import COLUMNS
from tidings.store import EventFilter, Store

from ..store.corpus import build

ALL = EventFilter(all_factuality=True)


@pytest.fixture
def filled(store: Store) -> Store:
    store.add(build())
    return store


def test_jsonl_is_the_public_record(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.jsonl"
    s = export(filled, "jsonl", out)
    assert s.written == 6 and s.left_out == 1
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert got == [e.to_dict() for e in filled.events()]
    assert export(filled, "jsonl", out, ALL).written == 7


def test_csv_reads_back_with_the_csv_module_and_pandas(filled: Store, tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "e.csv"
    export(filled, "csv", out, ALL)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == [c.name for c in COLUMNS]
    by_id = {r["event_id"]: r for r in rows}
    for e in filled.events(ALL):
        r = by_id[e.id]
        assert r["type"] == e.type and r["factuality"] == e.factuality.label
        assert r["cluster_id"] == e.cluster_id
        assert r["sentence"] == e.evidence.text
        assert r["source_country"] == "; ".join(a.country or "" for a in e.sources)
    df = pd.read_csv(out)
    assert len(df) == 7 and df["quad_class"].dtype.kind == "i"


def test_parquet_is_typed_for_pandas_and_duckdb(filled: Store, tmp_path: Path) -> None:
    import duckdb
    import pandas as pd
    import pyarrow.parquet as pq

    out = tmp_path / "e.parquet"
    s = export(filled, "parquet", out)
    assert s.written == 6
    table = pq.read_table(out)
    assert table.schema.field("quad_class").type == "int64"
    assert str(table.schema.field("event_date").type) == "date32[day]"
    import pyarrow as pa

    sid = table.schema.field("source_id").type
    assert pa.types.is_list(sid) and sid.value_type == pa.string()
    assert str(table.schema.field("published_at").type) == "timestamp[us, tz=UTC]"
    df = pd.read_parquet(out)
    assert sorted(df["event_id"]) == sorted(e.id for e in filled.events())
    la_paz = df[df["place_name"] == "La Paz"]
    assert len(la_paz) == 3 and la_paz["lat"].iloc[0] == pytest.approx(-16.5)
    con = duckdb.connect()
    n, protests = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE type = 'PROTEST') "
        f"FROM read_parquet('{out}')").fetchone()
    assert (n, protests) == (6, filled.count_events(EventFilter(type=["PROTEST"])))
    [(day,)] = con.execute(f"SELECT max(event_date) FROM read_parquet('{out}')").fetchall()
    assert str(day) == "2023-07-21"


def test_gdelt_has_its_61_columns_in_order(filled: Store, tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "e.tsv"
    export(filled, "gdelt", out)
    df = pd.read_csv(out, sep="\t", header=None, names=list(GDELT_COLUMNS), dtype=str,
                     keep_default_na=False)
    assert df.shape == (6, 61)
    deal = df[df["EventRootCode"] == "05"].iloc[0]
    assert deal["SQLDATE"] == "20230503" and deal["Actor1CountryCode"] == "LVA"
    assert deal["Actor2Code"] == "LTUMIL" and deal["QuadClass"] == "1"
    assert deal["ActionGeo_CountryCode"] == "LG"  # FIPS code of Latvia, as GDELT uses
    assert float(deal["ActionGeo_Lat"]) == pytest.approx(56.946)
    assert deal["ActionGeo_FeatureID"] == "456172" and deal["AvgTone"] == ""
    protests = df[df["EventRootCode"] == "14"]
    # the two reports of the La Paz protest are one cluster: two articles, two outlets
    assert set(protests["NumArticles"]) == {"2"} and set(protests["NumSources"]) == {"2"}


def test_plover_json_loads_and_has_the_spec_fields(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.json"
    export(filled, "plover", out, ALL)
    records = json.loads(out.read_text(encoding="utf-8"))
    assert len(records) == 7
    deal = next(r for r in records if r["event"] == "AGREE")
    assert deal["source"] == [{"actorText": "Latvia MIL", "code": "LVA", "sector": "MIL"}]
    assert deal["eventLoc"]["geonameID"] == 456172 and deal["date"] == "2023-05-03"
    assert deal["eventText"] == "agreed" and deal["publication"] == "Baltic Wire"
    hoax = next(r for r in records if r["event"] == "THREATEN")
    assert hoax["tidings"]["factuality"] == "refuted"


def test_cli_export_says_what_it_left_out(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tidings.cli import main

    db = str(tmp_path / "cli.db")
    with Store.open(db) as s:
        s.add(build())
    res = CliRunner().invoke(main, ["export", "--db", db, "--format", "jsonl", "--type",
                                    "THREATEN"])
    assert res.exit_code == 0, res.output
    assert "wrote 0 events" in res.stderr and "1 negated" in res.stderr
    res = CliRunner().invoke(main, ["export", "--db", db, "--format", "csv", "--near",
                                    "-16.5,-68.15,10", "--all"])
    assert res.exit_code == 0 and len(res.stdout.strip().splitlines()) == 4
    res = CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet"])
    assert res.exit_code != 0 and "--out" in res.output
    res = CliRunner().invoke(main, ["clusters", "--db", db])
    assert res.exit_code == 0 and "PROTEST" in res.stdout and "La Paz" in res.stdout

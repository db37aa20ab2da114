"""``tidings clusters --db FILE [filters]``: the stored event clusters (stories)."""

from __future__ import annotations

import json
from typing import Any

import click

from tidings.cli.common import handle_errors
from tidings.cli.export import filter_options, make_filter


@click.command(name="clusters")
@click.option("--db", default=None, help="SQLite file or postgresql:// URL (setting db).")
@click.option("--limit", type=int, default=50, show_default=True, help="At most this many.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table",
              show_default=True)
@filter_options
@handle_errors
def command(db: str | None, limit: int, fmt: str, **kw: Any) -> None:
    """Print event clusters matching the filters, most recently seen first."""
    from tidings.config import load_config
    from tidings.store import Store

    f = make_filter(kw)
    config = load_config(db=db)
    with Store.open(config.db, create=False) as store:
        for cl in store.clusters(f, limit=limit):
            if fmt == "jsonl":
                click.echo(json.dumps(cl.to_dict(), ensure_ascii=False))
                continue
            when = cl.time.value if cl.time and cl.time.value else "-"
            where = cl.place.name if cl.place and cl.place.name else "-"
            actors = ", ".join(a.id or a.text for a in cl.sources + cl.targets) or "-"
            click.echo(f"{cl.id}  {cl.type:<10} {cl.factuality.label:<10} {when:<11} "
                       f"{where:<14} events {cl.n_events:<3} outlets {cl.n_outlets:<3} {actors}")
        left = store.count_clusters(f.everything()) - store.count_clusters(f) \
            if not f.all_factuality else 0
        if left:
            click.echo(f"{left} clusters that are negated, possible, hypothetical or refuted "
                       "left out (--all includes them)", err=True)

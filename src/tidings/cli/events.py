"""``tidings events --db FILE``: query stored events."""

from __future__ import annotations

import click

from tidings.cli.common import FORMATS, handle_errors, parse_date, print_events


@click.command()
@click.option("--db", default=None, help="SQLite file or postgresql:// URL (setting db).")
@click.option("--type", "types", multiple=True, help="PLOVER type (repeatable).")
@click.option("--root", "roots", multiple=True, help="CAMEO root, e.g. 18 (repeatable).")
@click.option("--actor", default=None, help="Actor id or name (source or target).")
@click.option("--country", default=None, help="ISO-3 country of a source or target.")
@click.option("--since", callback=parse_date, help="Events on or after YYYY-MM-DD.")
@click.option("--until", callback=parse_date, help="Events on or before YYYY-MM-DD.")
@click.option("--outlet", default=None, help="Publishing outlet.")
@click.option("--factuality", "labels", multiple=True,
              help="Factuality label to include (repeatable).")
@click.option("--all", "all_factuality", is_flag=True,
              help="Include negated, possible, hypothetical and refuted events.")
@click.option("--limit", type=int, default=None, help="At most this many events.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@handle_errors
def command(db: str | None, types: tuple[str, ...], roots: tuple[str, ...], actor: str | None,
            country: str | None, since: object, until: object, outlet: str | None,
            labels: tuple[str, ...], all_factuality: bool, limit: int | None, fmt: str) -> None:
    """Print stored events matching the filters."""
    from tidings.config import load_config
    from tidings.store import EventFilter, Store

    config = load_config(db=db)
    f = EventFilter(type=types, cameo_root=roots, actor=actor, country=country,
                    since=since.isoformat() if since else None,  # type: ignore[attr-defined]
                    until=until.isoformat() if until else None,  # type: ignore[attr-defined]
                    outlet=outlet, factuality=labels, all_factuality=all_factuality)
    with Store.open(config.db, create=False) as store:
        shown = print_events(store.events(f, limit=limit), fmt)
        if not all_factuality and not labels:
            everything = store.count_events(EventFilter(
                type=f.type, cameo_root=f.cameo_root, actor=f.actor, country=f.country,
                since=f.since, until=f.until, outlet=f.outlet, all_factuality=True))
            left_out = everything - store.count_events(f)
            if left_out:
                click.echo(f"{shown} events shown; {left_out} negated, possible, hypothetical "
                           "or refuted events left out (--all includes them)", err=True)

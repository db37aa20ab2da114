"""``tidings export --db FILE --format FMT [--out PATH] [filters]``: write events out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from tidings.cli.common import handle_errors, parse_date

F = TypeVar("F", bound=Callable[..., Any])


def filter_options(func: F) -> F:
    """The query filters shared by ``export`` and ``clusters`` (as in ``tidings events``)."""
    opts = [
        click.option("--type", "types", multiple=True, help="PLOVER type (repeatable)."),
        click.option("--root", "roots", multiple=True, help="CAMEO root, e.g. 18 (repeatable)."),
        click.option("--quad", "quads", multiple=True, type=click.IntRange(1, 4),
                     help="CAMEO quad class 1-4 (repeatable)."),
        click.option("--actor", default=None, help="Actor id or name (source or target)."),
        click.option("--country", default=None, help="ISO-3 country of a source or target."),
        click.option("--sector", default=None, help="Sector of a source or target (GOV, MIL...)."),
        click.option("--place", default=None, help="Place name or GeoNames id."),
        click.option("--bbox", default=None,
                     help="Bounding box min_lon,min_lat,max_lon,max_lat."),
        click.option("--near", default=None, help="lat,lon,radius_km."),
        click.option("--since", callback=parse_date, help="Events on or after YYYY-MM-DD."),
        click.option("--until", callback=parse_date, help="Events on or before YYYY-MM-DD."),
        click.option("--outlet", default=None, help="Publishing outlet."),
        click.option("--text", "query", default=None, help="Full-text query."),
        click.option("--factuality", "labels", multiple=True,
                     help="Factuality label to include (repeatable)."),
        click.option("--all", "all_factuality", is_flag=True,
                     help="Include negated, possible, hypothetical and refuted events."),
    ]
    for opt in reversed(opts):
        func = opt(func)
    return func


def _floats(value: str | None, n: int, name: str) -> tuple[float, ...] | None:
    if value is None:
        return None
    try:
        parts = tuple(float(x) for x in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != n:
        raise click.BadParameter(f"{value!r} is not {n} comma-separated numbers", param_hint=name)
    return parts


def make_filter(kw: dict[str, Any]) -> Any:
    """An :class:`~tidings.store.EventFilter` from the options of :func:`filter_options`."""
    from tidings.store import EventFilter

    since, until = kw.pop("since"), kw.pop("until")
    return EventFilter(
        type=kw.pop("types"), cameo_root=kw.pop("roots"), quad_class=kw.pop("quads"),
        actor=kw.pop("actor"), country=kw.pop("country"), sector=kw.pop("sector"),
        place=kw.pop("place"), bbox=_floats(kw.pop("bbox"), 4, "--bbox"),  # type: ignore[arg-type]
        near=_floats(kw.pop("near"), 3, "--near"),  # type: ignore[arg-type]
        since=since.isoformat() if since else None, until=until.isoformat() if until else None,
        outlet=kw.pop("outlet"), text=kw.pop("query"), factuality=kw.pop("labels"),
        all_factuality=kw.pop("all_factuality"))


@click.command(name="export")
@click.option("--db", default=None, help="SQLite file or postgresql:// URL (setting db).")
@click.option("--format", "fmt", required=True,
              type=click.Choice(["jsonl", "csv", "parquet", "gdelt", "plover"]),
              help="jsonl (public record), csv, parquet, gdelt (2.0 event TSV) or plover.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file (default: standard output; Parquet needs a file).")
@filter_options
@handle_errors
def command(db: str | None, fmt: str, out: Path | None, **kw: Any) -> None:
    """Export stored events in a standard format, streamed."""
    from tidings.config import load_config
    from tidings.export import export
    from tidings.store import Store

    f = make_filter(kw)
    config = load_config(db=db)
    if config.include_all_factuality:
        f.all_factuality = True
    with Store.open(config.db, create=False) as store:
        summary = export(store, fmt, out, f)
    where = f" to {summary.path}" if summary.path else ""
    msg = f"wrote {summary.written} events{where} ({fmt})"
    if summary.left_out:
        msg += (f"; {summary.left_out} negated, possible, hypothetical or refuted events left "
                "out (--all includes them)")
    click.echo(msg, err=True)


__all__ = ["command", "filter_options", "make_filter"]


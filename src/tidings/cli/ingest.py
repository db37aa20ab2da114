"""``tidings ingest PATH... --db FILE``: extract and store."""

from __future__ import annotations

import sys

import click

from tidings.cli.common import config_options, handle_errors, make_config, parse_date


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", default=None, help="SQLite file or postgresql:// URL (setting db).")
@click.option("--published", callback=parse_date,
              help="Publication date for inputs that carry none, YYYY-MM-DD.")
@click.option("--outlet", default=None, help="Outlet for inputs that carry none.")
@click.option("--batch-size", type=int, default=None, help="Documents per batch/transaction.")
@config_options
@handle_errors
def command(paths: tuple[str, ...], db: str | None, published: object, outlet: str | None,
            batch_size: int | None, config_path: str | None, spacy_model: str | None) -> None:
    """Read articles, extract their events and store both in the database."""
    from tidings.ingest import ingest, read_sources
    from tidings.pipeline import Pipeline, Resources, to_datetime
    from tidings.records import Rejected
    from tidings.store import Store

    config = make_config(config_path, spacy_model=spacy_model, db=db, batch_size=batch_size)

    def report(r: Rejected) -> None:
        click.echo(f"skipped: {r.message}", err=True)

    with Store.open(config.db) as store:
        pipeline = Pipeline(Resources.load(config), config)
        items = read_sources(paths, published_at=to_datetime(published),  # type: ignore[arg-type]
                             outlet=outlet)
        summary = ingest(items, store, pipeline, batch_size=config.batch_size,
                         min_chars=config.min_chars, on_reject=report)
    click.echo(summary.line(), err=True)
    if summary.rejected and not summary.stored and not summary.duplicates:
        sys.exit(3)

"""``tidings ingest PATH... --db FILE``: read, extract and store, resumably."""

from __future__ import annotations

import signal
import sys
from typing import Any

import click

from tidings.cli.common import config_options, handle_errors, make_config, parse_date


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=None, help="SQLite file or postgresql:// URL (setting db).")
@click.option("--published", callback=parse_date,
              help="Publication date for inputs that carry none, YYYY-MM-DD.")
@click.option("--outlet", default=None, help="Outlet for inputs that carry none.")
@click.option("--batch-size", type=int, default=None, help="Documents per batch/transaction.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes analysing documents, one pipeline each (setting workers).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local",
              show_default=True, help="Run on this machine, or on Ray Data (extra 'ray').")
@click.option("--field", "fields", multiple=True, metavar="PART=NAME",
              help="Record field for JSONL/CSV/Parquet, e.g. text=body, published=date "
                   "(parts: text, html, title, url, outlet, published, language).")
@click.option("--fetch-links", type=click.Choice(["auto", "always", "never"]), default=None,
              help="Feeds: fetch each entry's page (auto: when the entry text is short).")
@click.option("--all-languages", is_flag=True, help="Keep documents not detected as English.")
@click.option("--parquet", "parquet_out", type=click.Path(file_okay=False), default=None,
              help="With --engine ray: write records to this Parquet folder instead of "
                   "the database.")
@click.option("--ray-address", default=None, metavar="ADDRESS",
              help="With --engine ray: the cluster to use (else $RAY_ADDRESS, else a "
                   "local Ray).")
@click.option("--progress/--no-progress", default=True, show_default=True,
              help="Show progress (a bar on a terminal, a line every --interval s otherwise).")
@click.option("--interval", type=float, default=10.0, show_default=True,
              help="Seconds between progress lines when not on a terminal.")
@click.option("--quiet", "-q", is_flag=True, help="Do not print each rejection.")
@config_options
@handle_errors
def command(paths: tuple[str, ...], db: str | None, published: object, outlet: str | None,
            batch_size: int | None, workers: int | None, engine: str,
            fields: tuple[str, ...], fetch_links: str | None, all_languages: bool,
            parquet_out: str | None, ray_address: str | None, progress: bool,
            interval: float, quiet: bool,
            config_path: str | None, spacy_model: str | None) -> None:
    """Read articles, extract their events and store both in the database.

    PATH is a file, a folder (read recursively), a glob pattern, or an http(s) URL:
    text, HTML, RSS/Atom, WARC/ARC, JSONL, CSV/TSV, Parquet, or a .urls list. Stopped
    at any moment, the same command started again continues where it stopped.

    Exit status: 0 when something was stored or everything was already stored, 3 when
    every input was rejected, 130 when interrupted.
    """
    from tidings.ingest import FieldMap, IngestOptions, SourceReader, ingest
    from tidings.ingest.progress import Progress
    from tidings.pipeline import to_datetime
    from tidings.records import Rejected
    from tidings.store import Store

    config = make_config(config_path, spacy_model=spacy_model, db=db, batch_size=batch_size,
                         workers=workers,
                         language_filter=False if all_languages else None)
    options = IngestOptions.from_config(
        config, published=to_datetime(published),  # type: ignore[arg-type]
        outlet=outlet, fields=FieldMap.parse(list(fields)), fetch_links=fetch_links)

    def report(r: Rejected) -> None:
        if not quiet:
            click.echo(f"skipped: {r.message}", err=True)

    if engine == "ray":
        from tidings.ingest.ray_engine import run_ray

        summary = run_ray(list(paths), config=config, options=options,
                          db=None if parquet_out else config.db, parquet=parquet_out,
                          on_reject=report, address=ray_address)
        click.echo(summary.line(), err=True)
        _exit(summary)
        return
    if parquet_out:
        raise click.UsageError("--parquet needs --engine ray")

    bar = Progress(interval=interval) if progress else None
    if bar is not None:
        bar.count_in_background(list(paths))
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        with Store.open(config.db) as store, SourceReader(options) as reader:
            summary = ingest(reader.read(paths), store, config=config, options=options,
                             workers=config.workers, progress=bar, on_reject=report)
    except KeyboardInterrupt as exc:
        partial = getattr(exc, "summary", None)
        if partial is not None:
            click.echo(partial.line(), err=True)
        click.echo("interrupted: every batch stored so far is complete; run the same "
                   "command again to continue where it stopped.", err=True)
        sys.exit(130)
    finally:
        signal.signal(signal.SIGTERM, previous)
    click.echo(summary.line(), err=True)
    _exit(summary)


def _exit(summary: Any) -> None:
    if summary.rejected and not summary.stored and not summary.duplicates:
        sys.exit(3)

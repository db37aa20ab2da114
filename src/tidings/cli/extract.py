"""``tidings extract FILE...``: print events, no database."""

from __future__ import annotations

import sys

import click

from tidings.cli.common import (
    FORMATS,
    config_options,
    handle_errors,
    make_config,
    parse_date,
    print_events,
)
from tidings.pipeline import Pipeline, Resources, to_datetime


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--published", callback=parse_date, help="Publication date, YYYY-MM-DD.")
@click.option("--outlet", default=None, help="Publishing outlet's name.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@config_options
@handle_errors
def command(files: tuple[str, ...], published: object, outlet: str | None, fmt: str,
            config_path: str | None, spacy_model: str | None) -> None:
    """Extract events from article files and print them (no database).

    FILE may be a text file, a folder, or - for standard input.
    """
    from tidings.ingest import read_sources
    from tidings.records import Document, Rejected

    config = make_config(config_path, spacy_model=spacy_model)
    when = to_datetime(published)  # type: ignore[arg-type]
    docs: list[Document] = []
    failed = 0
    for f in files:
        if f == "-":
            docs.append(Document.from_text(sys.stdin.read(), published_at=when, outlet=outlet,
                                           source="<stdin>"))
            continue
        for item in read_sources([f], published_at=when, outlet=outlet):
            if isinstance(item, Rejected):
                click.echo(f"Error: {item.message}", err=True)
                failed += 1
            else:
                docs.append(item)
    if docs:
        pipeline = Pipeline(Resources.load(config), config)
        events = [e for a in pipeline.analyse(docs) for e in a.events]
        print_events(events, fmt)
    if failed:
        sys.exit(3)

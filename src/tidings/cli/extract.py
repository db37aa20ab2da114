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
    read_documents,
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
    config = make_config(config_path, spacy_model=spacy_model)
    docs, failed = read_documents(files, to_datetime(published), outlet)  # type: ignore[arg-type]
    if docs:
        pipeline = Pipeline(Resources.load(config), config)
        events = [e for a in pipeline.analyse(docs) for e in a.events]
        print_events(events, fmt)
    if failed:
        sys.exit(3)

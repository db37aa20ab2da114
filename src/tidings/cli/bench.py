"""``tidings bench [--docs N] [--json OUT]``: parse speed, full pipeline speed, workers."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tidings.cli.common import config_options, handle_errors, make_config


@click.command()
@click.option("--docs", type=click.IntRange(8), default=300, show_default=True,
              help="Documents to run through each configuration.")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Also run the ingest with this many worker processes (1: skip).")
@click.option("--json", "json_out", type=click.Path(dir_okay=False), default=None,
              help="Write the figures to this JSON file.")
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False), default=None,
              help="JSONL corpus (doc_text or text field); default: the shared news "
                   "corpus when present, else the bundled sample repeated.")
@click.option("--profile", is_flag=True, help="Also print a cProfile of the full pipeline.")
@config_options
@handle_errors
def command(docs: int, workers: int, json_out: str | None, corpus: str | None,
            profile: bool, config_path: str | None, spacy_model: str | None) -> None:
    """Words per second of the bare spaCy parse and of the full pipeline, memory per
    worker, and the speed-up from one worker to several (a benchmark, run it on a
    quiet machine)."""
    from tidings.bench import report, run_bench

    config = make_config(config_path, spacy_model=spacy_model)
    result = run_bench(docs, workers=workers, corpus=corpus, config=config, profile=profile,
                       log=lambda m: click.echo(m, err=True))
    click.echo(report(result, workers))
    if json_out:
        Path(json_out).write_text(json.dumps(result.to_json(), indent=2) + "\n",
                                  encoding="utf-8")

"""``tidings incidents FILE...``: the attacks, bombings, kidnappings, arsons and robberies
a story reports, with their day, stage, place and the story's role fillers."""

from __future__ import annotations

import json
import sys

import click

from tidings.cli.common import (
    config_options,
    handle_errors,
    make_config,
    parse_date,
    read_documents,
)
from tidings.pipeline import Pipeline, Resources, to_datetime


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--published", callback=parse_date, help="Publication date, YYYY-MM-DD.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document.")
@config_options
@handle_errors
def command(files: tuple[str, ...], published: object, as_json: bool,
            config_path: str | None, spacy_model: str | None) -> None:
    """Print the incidents each article reports (no database).

    FILE may be a text file, a folder, or - for standard input.
    """
    from tidings.events.incident_report import story_incidents

    config = make_config(config_path, spacy_model=spacy_model)
    docs, failed = read_documents(files, to_datetime(published))  # type: ignore[arg-type]
    if docs:
        pipeline = Pipeline(Resources.load(config), config)
        for doc, analysis in zip(docs, pipeline.analyse(docs), strict=True):
            story = story_incidents(analysis)
            if as_json:
                click.echo(json.dumps({"source": doc.source, **story.to_dict()},
                                      ensure_ascii=False))
                continue
            click.echo(f"# {doc.source or doc.id}: {len(story.incidents)} incident(s)")
            for inc in story.incidents:
                place = inc.place.name or inc.place.text if inc.place else "-"
                click.echo(f"  {inc.type:<10} {inc.date or '-':<10} {inc.stage:<12} "
                           f"{place}  (relevance {inc.relevance:.2f})")
                for sentence in inc.evidence[:2]:
                    click.echo(f"      \"{sentence.strip()}\"")
            for role, found in story.roles.items():
                if found:
                    click.echo(f"  {role:<8} " + "; ".join(f.text for f in found))
    if failed:
        sys.exit(3)

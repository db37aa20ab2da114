"""``tidings eval TASK --data PATH``: score tidings on gold data."""

from __future__ import annotations

from pathlib import Path

import click

from tidings.cli.common import handle_errors
from tidings.eval import TASKS


@click.command(name="eval")
@click.argument("task", type=click.Choice(sorted(TASKS)))
@click.option("--data", required=True, type=click.Path(exists=True, path_type=Path),
              help="Folder or file with the gold data.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write {task, n, metrics} here.")
@click.option("--predictions", "pred_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write one JSON line per gold item with tidings' prediction.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Score only the first N documents or sentences (muc4, india-police, timex, "
                   "geo, attribution, factuality, conflibert-actors; the other tasks score "
                   "everything). A quick look, not a reported score.")
@handle_errors
def command(task: str, data: Path, json_out: Path | None, pred_out: Path | None,
            limit: int | None) -> None:
    """Score TASK on the gold data at --data and print a table."""
    from tidings.eval import run_task

    options = {"limit": limit} if limit is not None else {}
    result = run_task(task, data, **options)
    click.echo(result.table())
    result.write(json_out, pred_out)

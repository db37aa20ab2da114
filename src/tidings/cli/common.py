"""Options and helpers shared by the commands."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

import click

from tidings.config import Config, load_config
from tidings.errors import TidingsError
from tidings.records import Document, Event

F = TypeVar("F", bound=Callable[..., Any])


def config_options(func: F) -> F:
    """``--config`` and ``--model``, shared by commands that run the pipeline."""
    func = click.option("--model", "spacy_model", default=None,
                        help="Installed spaCy pipeline to use (setting spacy_model).")(func)
    func = click.option("--config", "config_path", default=None, type=click.Path(dir_okay=False),
                        help="Settings file (TOML).")(func)
    return func


def make_config(config_path: str | None, **overrides: Any) -> Config:
    return load_config(config_path, **overrides)


def handle_errors(func: F) -> F:
    """Turn tidings errors into a clear message and exit status."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TidingsError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


def parse_date(ctx: click.Context | None, param: click.Parameter | None,
               value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def read_documents(files: Iterable[str], published: Any = None,
                   outlet: str | None = None) -> tuple[list[Document], int]:
    """The documents of ``files`` (text files, folders, or ``-`` for standard input),
    and how many inputs were rejected; each rejection is printed, naming the input."""
    from tidings.ingest import read_sources
    from tidings.records import Rejected

    docs: list[Document] = []
    failed = 0
    for f in files:
        if f == "-":
            docs.append(Document.from_text(sys.stdin.read(), published_at=published,
                                           outlet=outlet, source="<stdin>"))
            continue
        for item in read_sources([f], published_at=published, outlet=outlet):
            if isinstance(item, Rejected):
                click.echo(f"Error: {item.message}", err=True)
                failed += 1
            else:
                docs.append(item)
    return docs, failed


def _actors(actors: list[Any]) -> str:
    out = []
    for a in actors:
        code = a.id or "?"
        if a.sectors and a.country and a.id == a.country:
            code = f"{a.country} {'+'.join(a.sectors)}"
        elif a.sectors and not a.id:
            code = "+".join(a.sectors)
        out.append(f"{a.text} [{code}]")
    return "; ".join(out) or "-"


def print_events(events: Iterable[Event], fmt: str, out: Any = None) -> int:
    """Print events as jsonl, json or a table; returns how many."""
    out = out or sys.stdout
    n = 0
    if fmt == "json":
        records = [e.to_dict() for e in events]
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return len(records)
    for e in events:
        n += 1
        if fmt == "jsonl":
            out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
        else:
            when = e.time.value if e.time and e.time.value else "-"
            if e.time and e.time.assumed:
                when += "?"
            where = e.place.name if e.place and e.place.name else "-"
            trig = e.evidence.text[
                e.evidence.trigger[0] - e.evidence.sentence[0]:
                e.evidence.trigger[1] - e.evidence.sentence[0]]
            out.write(f"{e.type:<10} {e.cameo.code:<5} {e.factuality.label:<12} {when:<12} "
                      f"{where:<14} {_actors(e.sources)} -> {_actors(e.targets)}  "
                      f"«{trig}»\n")
    return n


FORMATS = click.Choice(["table", "jsonl", "json"])

"""The ``tidings`` command. Commands are thin: parse, call the library, report."""

from __future__ import annotations

import importlib

import click

from tidings.version import __version__

# command modules, each defining `command` (a click.Command); loaded lazily so that
# `tidings --help` stays fast and an optional extra missing breaks only its command.
COMMANDS: dict[str, str] = {
    "extract": "tidings.cli.extract",
    "ingest": "tidings.cli.ingest",
    "events": "tidings.cli.events",
    "eval": "tidings.cli.evaluate",
    "bench": "tidings.cli.bench",
    "export": "tidings.cli.export",
    "clusters": "tidings.cli.clusters",
    "serve": "tidings.cli.serve",
    "timex-annotate": "tidings.cli.timex",
    "incidents": "tidings.cli.incidents",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        cmd = importlib.import_module(module).command
        assert isinstance(cmd, click.Command)
        return cmd


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tidings")
def main() -> None:
    """tidings: political events from news, with evidence, places, times and sources."""


__all__ = ["main"]

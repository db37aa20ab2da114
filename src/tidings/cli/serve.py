"""``tidings serve --db FILE``: the REST API and the web page."""

from __future__ import annotations

from pathlib import Path

import click

from tidings.cli.common import handle_errors
from tidings.errors import InputError


@click.command()
@click.option("--db", default=None, help="SQLite file or postgresql:// URL (setting db).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the server to "
                   "the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token", default=None, envvar="TIDINGS_TOKEN", show_envvar=True,
              help="Turns the write endpoints on; clients must send it as "
                   "'Authorization: Bearer TOKEN'. Prefer the environment variable: a "
                   "flag shows in the process list.")
@click.option("--allow-host", "allow_hosts", multiple=True,
              help="Host name clients use to reach a server bound beyond loopback "
                   "(repeatable); on loopback only localhost names are accepted.")
@handle_errors
def command(db: str | None, host: str, port: int, token: str | None,
            allow_hosts: tuple[str, ...]) -> None:
    """Serve the events of a database: REST API at /api (schema at /docs), page at /."""
    import uvicorn

    from tidings.config import load_config
    from tidings.store import Store
    from tidings.web import create_app, static_ready
    from tidings.web.security import LOOPBACK_NAMES, is_loopback

    config = load_config(db=db)
    if token is not None and len(token) < 16:
        raise click.BadParameter(
            "use a token of at least 16 characters, e.g. from "
            "`python -c 'import secrets; print(secrets.token_urlsafe())'`",
            param_hint="--token")
    loopback = is_loopback(host)
    if not loopback:
        click.echo(f"Warning: listening on {host}, reachable from other machines: anyone who "
                   "can reach it can read the whole database. Use --host 127.0.0.1 to keep "
                   "it local.", err=True)
    allowed: set[str] | None = None
    if loopback or allow_hosts:
        allowed = set(LOOPBACK_NAMES) | {h.lower() for h in allow_hosts}
        if not loopback:
            allowed.add(host.lower())
    if "://" not in config.db and not Path(config.db).is_file():
        raise InputError(f"database {config.db!r} not found; create it with "
                         f"`tidings ingest PATH --db {config.db}` or give --db")
    store = Store.open(config.db, create=False)
    app = create_app(store, token=token, allowed_hosts=allowed)
    if not static_ready():
        click.echo("Warning: the web page is not built (run `python tools/build_web.py`); "
                   "the API works.", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"tidings: serving {config.db} at http://{shown}:{port}/ "
               f"(API docs at /docs; writes {'on, token required' if token else 'off'})",
               err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    finally:
        store.close()

"""``counterclaim serve``: the web app and HTTP API on a store."""

from __future__ import annotations

import json
import os

import click

from counterclaim.cli.main import db_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default keeps the app on this machine.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--token", default=None, help="Write token for reviews (env COUNTERCLAIM_TOKEN; generated if unset).")
@click.option("--read-token", default=None,
              help="Make reads need a token too (env COUNTERCLAIM_READ_TOKEN): for a server others can reach.")
@click.option("--allowed-host", "allowed", multiple=True, metavar="NAME",
              help="Another Host name to answer to (repeatable); localhost names always work.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (one per core serves the most readers at once).")
def serve(db: str, host: str, port: int, token: str | None, read_token: str | None, allowed: tuple[str, ...],
          workers: int) -> None:
    """Serve the dispute board, event pages and the HTTP API (/api) on the store.

    Reading is open unless --read-token is given; confirming relations and
    correcting sides needs a write token: the one printed at start-up, or one of
    COUNTERCLAIM_TOKENS (NAME=TOKEN,NAME=TOKEN), whose name is recorded with each
    review. Only requests addressed to localhost (or --host, or --allowed-host)
    are answered, which keeps other web pages from reaching the app (DNS rebinding).

    Example: counterclaim serve --db sqlite:///var/demo.db --port 8000
    """
    import uvicorn

    from counterclaim.serve.app import SERVE_ENV, create_app
    from counterclaim.serve.security import WILDCARDS, allowed_hosts, new_token, parse_tokens
    from counterclaim.settings import settings

    config = settings()
    token = token or config.token or new_token()
    read_token = read_token or config.read_token
    hosts = allowed_hosts(host, allowed)
    app = create_app(db, token, tokens=parse_tokens(config.tokens), read_token=read_token, hosts=hosts)
    shown = f"[{host}]" if ":" in host else host
    if host.strip("[]") in WILDCARDS and not read_token:
        click.echo(f"Warning: --host {host} serves every network this machine is on, and reads are open to "
                   "anyone who can reach it. Give --read-token TOKEN to make reads need a token.", err=True)
    click.echo(f"counterclaim on http://{shown}:{port}/  (API: http://{shown}:{port}/api/openapi.json)")
    click.echo(f"write token: {token}")
    if read_token:
        click.echo("reads need a token: send 'Authorization: Bearer READ_TOKEN' or log in at /login")
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # each worker process builds the same app from the environment (the token is chosen once, here)
    os.environ[SERVE_ENV] = json.dumps({"db": db, "token": token, "read_token": read_token, "hosts": hosts})
    uvicorn.run("counterclaim.serve.app:from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning")

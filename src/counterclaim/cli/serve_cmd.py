"""``counterclaim serve``: the web app and HTTP API on a store."""

from __future__ import annotations

import os

import click

from counterclaim.cli.main import db_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default keeps the app on this machine.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--token", default=None, help="Write token for reviews (env COUNTERCLAIM_TOKEN; generated if unset).")
def serve(db: str, host: str, port: int, token: str | None) -> None:
    """Serve the dispute board, event pages and the HTTP API (/api) on the store.

    Reading is open; confirming relations and correcting sides needs the write
    token, which is printed at start-up.

    Example: counterclaim serve --db sqlite:///var/demo.db --port 8000
    """
    import uvicorn

    from counterclaim.serve.app import create_app
    from counterclaim.serve.security import new_token

    token = token or os.environ.get("COUNTERCLAIM_TOKEN") or new_token()
    app = create_app(db, token)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"counterclaim on http://{shown}:{port}/  (API: http://{shown}:{port}/api/openapi.json)")
    click.echo(f"write token: {token}")
    uvicorn.run(app, host=host, port=port, log_level="warning")

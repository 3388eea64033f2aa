"""``counterclaim analyze``, ``extract`` and ``claims``: find who claims what, and show it."""

from __future__ import annotations

import json
from typing import Any

import click

from counterclaim.cli.common import echo_rows, open_store, output_format
from counterclaim.cli.main import db_option
from counterclaim.models import Claim

COLUMNS = ["id", "document_id", "speaker", "side", "stance", "cue", "content"]


@click.command()
@click.argument("paths", nargs=-1, required=True)
@output_format("json", "table")
@click.option("--db", "db", default=None,
              help="Also store the documents and their claims in this store (sqlite:///PATH or a PostgreSQL URL).")
def analyze(paths: tuple[str, ...], fmt: str, db: str | None) -> None:
    """Extract attributed claims from files, without a database, and print them.

    JSON output is the evaluation prediction format (documents, claims with
    character offsets, relations, events). Unreadable files are named on stderr
    and the others are still analysed (exit status 1 when any failed).

    Example: counterclaim analyze reports/*.json --format json > predictions.json
    """
    from counterclaim.export.prediction import prediction_json
    from counterclaim.extract.attribution_run import analyze as run

    if db:
        with open_store(db) as store, _progress("analyzing") as on_progress:
            result = run(list(paths), store, on_progress)
    else:
        with _progress("analyzing") as on_progress:
            result = run(list(paths), None, on_progress)
    for error in result.failed:
        click.echo(f"Error: {error}", err=True)
    if fmt == "json":
        click.echo(json.dumps(prediction_json(result.results, result.relations, result.events), ensure_ascii=False))
    else:
        echo_rows([claim_row(c) for _, claims in result.results for c in claims], COLUMNS, "table")
    if result.failed:
        raise click.exceptions.Exit(1)


@click.command()
@db_option
@click.option("--all", "everything", is_flag=True, help="Re-extract every stored document, not only new ones.")
def extract(db: str, everything: bool) -> None:
    """Extract claims from stored documents that have not been extracted yet.

    Example: counterclaim ingest reports/ && counterclaim extract
    """
    from counterclaim.extract.attribution_run import extract_stored

    with open_store(db) as store, _progress("extracting") as on_progress:
        n = extract_stored(store, everything, on_progress)
    click.echo(f"extracted claims from {n} document{'s' if n != 1 else ''}", err=True)


@click.command()
@click.argument("doc_id", required=False)
@db_option
@output_format("table", "json", "csv")
@click.option("--speaker", default=None, help="Only claims by this speaker (canonical name).")
@click.option("--side", default=None, help="Only claims by speakers of this side (russia, ukraine, ...).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most N claims.")
def claims(doc_id: str | None, db: str, fmt: str, speaker: str | None, side: str | None, limit: int | None) -> None:
    """Show stored claims, of one document (DOC_ID) or of all.

    Example: counterclaim claims --side russia --format csv > russian_claims.csv
    """
    with open_store(db) as store:
        found = store.claims(doc_id, speaker=speaker, side=side, limit=limit)
    if fmt == "json":
        click.echo(json.dumps([c.model_dump(mode="json") for c in found], ensure_ascii=False, indent=2))
    else:
        echo_rows([claim_row(c) for c in found], COLUMNS, fmt)


def claim_row(c: Claim) -> dict[str, Any]:
    """A claim's listing row."""
    return {"id": c.id, "document_id": c.document_id, "speaker": c.speaker.name, "side": c.speaker.side,
            "stance": c.stance, "cue": c.cue.text if c.cue else "", "content": c.content.text}


class _progress:
    """A rich progress bar on stderr when it is a terminal; otherwise a callback that does nothing."""

    def __init__(self, label: str) -> None:
        self.label = label

    def __enter__(self):
        from rich.console import Console
        from rich.progress import Progress

        console = Console(stderr=True)
        if not console.is_terminal:
            self.bar = None
            return None
        self.bar = Progress(*Progress.get_default_columns(), console=console, transient=True)
        self.bar.start()
        self.task = self.bar.add_task(self.label, total=None)
        return self._update

    def _update(self, done: int, total: int, name: str) -> None:
        self.bar.update(self.task, completed=done, total=total, description=name[-40:])

    def __exit__(self, *_exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

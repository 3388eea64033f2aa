"""``counterclaim docs`` and ``counterclaim show``: list stored documents, print one."""

from __future__ import annotations

from typing import Any

import click

from counterclaim.cli.common import echo_rows, open_store, output_format
from counterclaim.cli.main import db_option
from counterclaim.models import Document

COLUMNS = ["id", "published", "outlet", "language", "title", "chars"]


@click.command()
@db_option
@output_format("table", "json", "csv")
@click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N", help="Show at most N documents.")
@click.option("-q", "--query", default=None, help="Only documents whose title or text contains this.")
def docs(db: str, fmt: str, limit: int | None, query: str | None) -> None:
    """List stored documents in ingest order (without their text; see `show`).

    Example: counterclaim docs --format csv --limit 20 > docs.csv
    """
    with open_store(db) as store:
        rows = [summary_row(doc) for doc in store.documents(q=query, limit=limit)]
    echo_rows(rows, COLUMNS, fmt)


@click.command()
@click.argument("doc_id")
@db_option
@output_format("text", "json")
def show(doc_id: str, db: str, fmt: str) -> None:
    """Print one stored document: its metadata, then its text exactly as stored.

    Example: counterclaim show doc-3f2a9c0d1e4b5a6c --format json
    """
    with open_store(db) as store:
        doc = store.get_document(doc_id)
    click.echo(doc.model_dump_json(indent=2) if fmt == "json" else as_text(doc))


def summary_row(doc: Document) -> dict[str, Any]:
    """A document's listing row: its metadata and text length, not the text."""
    row = doc.model_dump(mode="json", exclude={"text", "paragraph_languages"})
    row["chars"] = len(doc.text)
    return row


def as_text(doc: Document) -> str:
    """A header of the metadata that is set, a blank line, and the text."""
    fields = {"id": doc.id, "title": doc.title, "outlet": doc.outlet, "published": doc.published,
              "url": doc.url, "language": doc.language,
              "source": f"{doc.source_kind} {doc.source_path or ''}".strip()}
    header = "\n".join(f"{name}: {value}" for name, value in fields.items() if value)
    return f"{header}\n\n{doc.text}"

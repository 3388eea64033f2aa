"""``counterclaim ingest``: read files into the store."""

from __future__ import annotations

import click

from counterclaim.cli.common import open_store, progress_bar, scheduler_options
from counterclaim.cli.main import db_option


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@scheduler_options(batch_size=64, unit="Files")
def ingest(paths: tuple[str, ...], db: str, scheduler: str | None, workers: int, batch_size: int) -> None:
    """Read reports into the store: text, Markdown, HTML, JSON/JSONL, RSS/Atom, Telegram exports.

    PATHS are files, folders (read recursively, hidden files skipped), globs, or - for
    standard input. Each failing file is named on stderr with the reason; the others are
    still stored, and a summary line goes to stdout. Running it again on the same
    files adds nothing new. Exit status 1 when any file failed. With --scheduler,
    files are read on a Dask cluster and this process alone writes to the store.

    Example: counterclaim ingest reports/ feeds/*.xml --db sqlite:///war.db
    """
    from counterclaim.ingest import ingest as ingest_files

    if scheduler is not None and "-" in paths:
        raise click.UsageError("--scheduler reads files on the workers: standard input (-) cannot go there")
    with open_store(db) as store, progress_bar("ingesting") as on_progress:
        if scheduler is None:
            summary = ingest_files(list(paths), store, on_progress)
        else:
            from counterclaim.scale import cluster_reader, dask_client

            with dask_client(scheduler, workers, models=False) as client:
                read = cluster_reader(client, list(paths), batch_size)
                summary = ingest_files(list(paths), store, on_progress, read=read)
    for error in summary.failed:
        click.echo(str(error), err=True)
    click.echo(str(summary))
    if summary.failed:
        raise click.exceptions.Exit(1)

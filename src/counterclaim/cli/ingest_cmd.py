"""``counterclaim ingest``: read files into the store."""

from __future__ import annotations

import click

from counterclaim.cli.common import open_store
from counterclaim.cli.main import db_option


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
def ingest(paths: tuple[str, ...], db: str) -> None:
    """Read reports into the store: text, Markdown, HTML, JSON/JSONL, RSS/Atom, Telegram exports.

    PATHS are files, folders (read recursively, hidden files skipped), globs, or - for
    standard input. Each failing file is named on stderr with the reason; the others are
    still stored, and a summary line goes to stdout. Running it again on the same
    files adds nothing new. Exit status 1 when any file failed.

    Example: counterclaim ingest reports/ feeds/*.xml --db sqlite:///war.db
    """
    from counterclaim.ingest import ingest as ingest_files

    with open_store(db) as store, _ProgressBar() as on_progress:
        summary = ingest_files(list(paths), store, on_progress)
    for error in summary.failed:
        click.echo(str(error), err=True)
    click.echo(str(summary))
    if summary.failed:
        raise click.exceptions.Exit(1)


class _ProgressBar:
    """A rich progress bar on stderr when it is a terminal; otherwise a callback that does nothing."""

    def __enter__(self):
        from rich.console import Console
        from rich.progress import Progress

        console = Console(stderr=True)
        if not console.is_terminal:
            self.bar = None
            return None
        self.bar = Progress(*Progress.get_default_columns(), console=console, transient=True)
        self.bar.start()
        self.task = self.bar.add_task("ingesting", total=None)
        return self._update

    def _update(self, done: int, total: int, path: str) -> None:
        self.bar.update(self.task, completed=done, total=total, description=path[-40:])

    def __exit__(self, *_exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

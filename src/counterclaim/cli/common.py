"""Helpers every command shares: opening the store, the ``--format`` option, printing rows.

Data goes to stdout (tables through rich, or plain JSON / CSV for pipes); progress and
errors go to stderr. Usage::

    @click.command()
    @db_option
    @output_format("table", "json", "csv")
    def docs(db, fmt): ...
        with open_store(db) as store:
            echo_rows(rows, ["id", "title"], fmt)
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from counterclaim.store import Store


def open_store(db: str) -> Store:
    """The store at ``db``, opened (and migrated); a :class:`StoreError` says what is wrong with the URL.

    The store is a context manager: ``with open_store(db) as store: ...`` closes it.
    """
    from counterclaim.store import Store  # imported here so `--help` does not load SQLAlchemy

    return Store.open(db)


def scheduler_options(batch_size: int, unit: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--scheduler``, ``--workers`` and ``--batch-size`` for a command that can run on Dask."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        command = click.option("--batch-size", type=click.IntRange(min=1), default=batch_size, show_default=True,
                               help=f"{unit} per Dask task.")(command)
        command = click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
                               help="Worker processes for --scheduler local.")(command)
        return click.option("--scheduler", default=None, metavar="ADDRESS",
                            help="Run on Dask: 'local' starts a LocalCluster here; tcp://HOST:8786 uses a "
                                 "running scheduler.")(command)
    return decorate


def output_format(*choices: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A ``--format`` option passed to the command as ``fmt``; the first choice is the default."""
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True, help="Output format."
    )


def echo_table(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> None:
    """Rows as a rich table on stdout (plain text, no colour, when stdout is not a terminal)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, highlight=False)
    for column in columns:
        table.add_column(column, overflow="fold")  # never cut an id short: people copy them
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    Console(soft_wrap=False).print(table)


def echo_rows(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], fmt: str) -> None:
    """Rows as ``table``, ``json`` (a list of objects, all fields) or ``csv`` (``columns`` only) on stdout."""
    if fmt == "json":
        click.echo(json.dumps(list(rows), ensure_ascii=False, indent=2, default=str))
    elif fmt == "csv":
        # RFC 4180 line ends: a field holding a carriage return is then quoted, not split
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({c: _cell(row.get(c)) for c in columns} for row in rows)
    else:
        echo_table(rows, columns)


class progress_bar:
    """A rich progress bar on stderr while the block runs, when stderr is a terminal.

    ``with progress_bar("ingesting") as on_progress:`` yields a callback
    ``on_progress(done, total, name)``, or ``None`` when stderr is not a terminal
    (pipes and CI logs stay clean).
    """

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar = None

    def __enter__(self) -> Callable[[int, int, str], None] | None:
        from rich.console import Console
        from rich.progress import Progress

        console = Console(stderr=True)
        if not console.is_terminal:
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


def _cell(value: Any) -> str:
    """A CSV cell; text a spreadsheet would run as a formula is neutralised (see ``formats.safe_cell``)."""
    from counterclaim.export.formats import safe_cell

    return "" if value is None else str(safe_cell(value))

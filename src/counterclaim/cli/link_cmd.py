"""``counterclaim link``, ``disputes`` and ``event``: link stored claims, show the dispute board, show one event."""

from __future__ import annotations

import json

import click

from counterclaim.cli.common import open_store, output_format, scheduler_options
from counterclaim.cli.main import db_option
from counterclaim.export.formats import format_number
from counterclaim.models import SIDES

STATUSES = ("corroborated_across_sides", "corroborated", "disputed", "denied", "single_source", "unresolved")
BOARD_COLUMNS = ["id", "status", "when", "title", "ukraine", "russia", "others"]


@click.command()
@db_option
@scheduler_options(batch_size=2048, unit="Claims")
def link(db: str, scheduler: str | None, workers: int, batch_size: int) -> None:
    """Link stored claims into events and relations, keeping analysts' reviews and side overrides.

    Every stored claim is linked again (new documents against all that is stored);
    prints "N events, M relations (K contradictions)". With --scheduler, claims are
    encoded and candidate pairs scored on a Dask cluster, in batches; this process
    clusters, relates and alone writes to the store.

    Example: counterclaim link --db sqlite:///reports.db
    """
    from rich.console import Console

    from counterclaim.link.board import link_store

    with open_store(db) as store, Console(stderr=True).status("linking claims"):
        if scheduler is None:
            summary = link_store(store)
        else:
            from counterclaim.scale import dask_client, linking_work

            with dask_client(scheduler, workers, models=False) as client:
                summary = link_store(store, work=linking_work(client, batch_size))
    click.echo(str(summary))


@click.command()
@db_option
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES),
              help="Only events with this status (repeatable).")
@click.option("--side", default=None, type=click.Choice(SIDES),
              help="Only events where a speaker on this side has a claim.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most N events.")
@output_format("table", "json")
def disputes(db: str, statuses: tuple[str, ...], side: str | None, limit: int | None, fmt: str) -> None:
    """The dispute board: events by status (disputed first) and recency, with each side's position.

    Example: counterclaim disputes --status disputed --side russia --format json
    """
    from counterclaim.link.board import dispute_rows

    with open_store(db) as store:
        rows = dispute_rows(store, statuses, side, limit)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif not rows:
        click.echo("No events. Run `counterclaim link` after `counterclaim extract`.", err=True)
    else:
        _print_board(rows)


def _print_board(rows: list[dict]) -> None:
    """The board as a rich table; ids and dates never wrap (people copy them)."""
    from rich.table import Table

    table = Table(highlight=False, show_lines=True)
    for column in BOARD_COLUMNS:
        fixed = column in ("id", "when", "status")
        table.add_column(column, no_wrap=fixed, min_width=len("evt-0000000000000000") if column == "id" else None,
                         ratio=None if fixed else 1, overflow="fold")
    for row in rows:
        table.add_row(*(str(row.get(c, "")) for c in BOARD_COLUMNS))
    _console().print(table)


def _console():
    """A stdout console; piped output gets 160 columns rather than 80, so rows stay readable."""
    from rich.console import Console

    console = Console(soft_wrap=False)
    if not console.is_terminal:
        console.width = max(console.width, 160)
    return console


@click.command()
@click.argument("event_id")
@db_option
@output_format("text", "json")
def event(event_id: str, db: str, fmt: str) -> None:
    """Show one event: the sides side by side, each claim with its speaker, cue and source sentence,
    then the relations with their reasons.

    Example: counterclaim event evt-3f2a9c0d1e4b5a6c
    """
    from counterclaim.link.board import event_view

    with open_store(db) as store:
        view = event_view(store, event_id)
    if fmt == "json":
        click.echo(json.dumps(view.as_json(), ensure_ascii=False, indent=2))
    else:
        _print_event(view)


def _print_event(view) -> None:
    """The event as rich text: header, one column per side, relations."""
    from rich.columns import Columns
    from rich.panel import Panel
    from rich.text import Text

    console = _console()
    e, a = view.event, view.event.assessment
    console.print(Text(f"{e.title}\n{e.id}  {a.status if a else ''}", style="bold"))
    panels = []
    for p in a.positions if a else []:
        body = Text(f"{p.stance}: {p.summary}\n", style="italic")
        for cid in p.claim_ids:
            c = view.claims.get(cid)
            if c is None:  # deleted by re-extraction since the last `link`; the assessment still names it
                continue
            cue = f" {c.cue.text}" if c.cue else ""
            body.append(f"\n{c.speaker.name}{cue}", style="bold")
            body.append(f"  [{c.id}]\n{view.sentences.get(cid, c.content.text)}\n")
        panels.append(Panel(body, title=p.side, width=60))
    console.print(Columns(panels))
    for s in a.spreads if a else []:
        sides = ", ".join(f"{side} {_interval(lo, hi)}" for side, (lo, hi) in s.by_side.items())
        console.print(f"spread {s.key}: {sides}")
    for note in a.notes if a else []:
        console.print(f"note: {note}")
    for r in view.relations:
        flags = " cross-side" * r.cross_side + " not-independent" * (not r.independent)
        console.print(Text(f"\n{r.kind}{flags}  {r.id}", style="bold"))
        console.print(f"  {r.reason}\n  evidence: {', '.join(r.evidence)}")


def _interval(lo: float | None, hi: float | None) -> str:
    """``2–2.6``, ``≥1000`` style bounds, numbers in full (never ``1.2e+06``)."""
    def show(x: float | None) -> str:
        return "" if x is None else format_number(x)

    return show(lo) if lo == hi else f"{show(lo)}–{show(hi)}"

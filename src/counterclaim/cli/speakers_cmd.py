"""``counterclaim speakers``: who speaks in the stored claims, and which speakers the registry lacks."""

from __future__ import annotations

import click

from counterclaim.cli.common import echo_rows, open_store
from counterclaim.cli.main import db_option

COLUMNS = ["name", "side", "claims", "documents", "mentions", "example"]


@click.command()
@db_option
@click.option("--unresolved", is_flag=True,
              help="Only speakers no registered actor matched (required for now; the registry's own actors "
                   "are listed by `counterclaim claims`).")
@click.option("--unknown-only", is_flag=True, help="Only unresolved speakers whose side is still 'unknown'.")
@click.option("--min-claims", type=click.IntRange(min=1), default=1, show_default=True,
              help="Leave out speakers with fewer claims.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most N speakers.")
@click.option("--format", "fmt", type=click.Choice(["yaml", "table", "json", "csv"]), default="yaml",
              show_default=True, help="yaml: an actor file to curate and use as COUNTERCLAIM_ACTORS.")
def speakers(db: str, unresolved: bool, unknown_only: bool, min_claims: int, limit: int | None, fmt: str) -> None:
    """List the speakers of stored claims that the actor registry does not know, most frequent first.

    The YAML output is an actor file: set each speaker's side, delete what is no speaker, point
    COUNTERCLAIM_ACTORS at it and run `counterclaim extract --all`.

    Example: counterclaim speakers --unresolved > my-actors.yaml
    """
    from counterclaim.extract.curation import registry_yaml, unresolved_speakers

    if not unresolved:
        raise click.UsageError("say which speakers to list: --unresolved (speakers the registry does not know)")
    with open_store(db) as store:
        rows = unresolved_speakers(store, unknown_only=unknown_only, min_claims=min_claims)[:limit]
    if fmt == "yaml":
        click.echo(registry_yaml(rows), nl=False)
    else:
        echo_rows([r.row() for r in rows], COLUMNS, fmt)
    click.echo(f"{len(rows)} unresolved speaker{'s' if len(rows) != 1 else ''}", err=True)

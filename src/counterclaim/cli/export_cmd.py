"""``counterclaim export``: claims as JSON, CSV, Parquet, or schema.org ClaimReview JSON-LD."""

from __future__ import annotations

import json
import sys

import click

from counterclaim.cli.main import db_option
from counterclaim.models import SIDES


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "parquet", "claimreview"]), default="json",
              show_default=True, help="Output format.")
@click.option("--event", "event_id", default=None, help="Only the claims of this event (id from `counterclaim disputes`).")
@click.option("--side", type=click.Choice(SIDES), default=None, help="Only claims by speakers on this side.")
@click.option("--speaker", default=None, help="Only claims by this speaker (canonical name).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of stdout (required for parquet).")
def export(db: str, fmt: str, event_id: str | None, side: str | None, speaker: str | None,
           output: str | None) -> None:
    """Export claims, or the ClaimReview JSON-LD of events.

    claimreview writes one schema.org ClaimReview per claim, for --event or for every event.

    Example: counterclaim export --format csv --side russia -o russia.csv
    """
    from counterclaim.export import formats
    from counterclaim.serve import exporting
    from counterclaim.store import Store

    if fmt == "parquet" and not output:
        raise click.UsageError("parquet is binary: give a file with -o FILE.parquet")
    with Store.open(db) as store:
        if fmt == "claimreview":
            text = json.dumps(exporting.claimreviews(store, event_id), ensure_ascii=False, indent=2) + "\n"
        else:
            found = exporting.select_claims(store, event_id=event_id, side=side, speaker=speaker)
            if fmt == "parquet":
                formats.claims_parquet(found, output)
                click.echo(f"wrote {len(found)} claims to {output}", err=True)
                return
            text = formats.claims_json(found) if fmt == "json" else formats.claims_csv(found)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        click.echo(f"wrote {output}", err=True)
    else:
        sys.stdout.write(text)

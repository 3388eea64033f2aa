"""``counterclaim analyze``, ``extract`` and ``claims``: find who claims what, and show it."""

from __future__ import annotations

import json

import click

from counterclaim.cli.common import echo_rows, open_store, output_format, progress_bar, scheduler_options
from counterclaim.cli.main import db_option
from counterclaim.export.formats import claim_row

COLUMNS = ["id", "document_id", "speaker", "side", "stance", "cue", "content"]


@click.command()
@click.argument("paths", nargs=-1, required=True)
@output_format("json", "table")
@click.option("--db", "db", default=None,
              help="Also store the documents and their claims in this store (sqlite:///PATH or a PostgreSQL URL).")
@click.option("--spans", type=click.Choice(["claim", "polnear"]), envvar="COUNTERCLAIM_SPANS", default="claim",
              show_default=True,
              help="Span convention: 'claim' (content = the proposition, cue = the speech verb) or 'polnear' "
                   "(as PolNeAR annotates: 'that', auxiliaries and adverbs kept).")
def analyze(paths: tuple[str, ...], fmt: str, db: str | None, spans: str) -> None:
    """Extract attributed claims from files, without a database, and print them.

    JSON output is the evaluation prediction format (documents, claims with
    character offsets, relations, events). Unreadable files are named on stderr
    and the others are still analysed (exit status 1 when any failed).

    Example: counterclaim analyze reports/*.json --format json > predictions.json
    """
    from counterclaim.export.prediction import prediction_json
    from counterclaim.extract.attribution_run import analyze as run

    if db:
        with open_store(db) as store, progress_bar("analyzing") as on_progress:
            result = run(list(paths), store, on_progress, spans)
    else:
        with progress_bar("analyzing") as on_progress:
            result = run(list(paths), None, on_progress, spans)
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
@scheduler_options(batch_size=16, unit="Documents")
@click.option("--processes", type=click.IntRange(min=1), default=1, show_default=True,
              help="Without --scheduler: processes for spaCy's nlp.pipe on this machine.")
def extract(db: str, everything: bool, scheduler: str | None, workers: int, batch_size: int, processes: int) -> None:
    """Extract claims from stored documents that have not been extracted yet.

    With --scheduler, the documents are extracted on a Dask cluster; with
    --processes, in several processes here. Either way this process stays the only
    one writing to the store. Each process runs COUNTERCLAIM_THREADS threads (default 1).

    Example: counterclaim ingest reports/ && counterclaim extract --scheduler local --workers 4
    """
    from counterclaim.extract.attribution_run import extract_stored

    with open_store(db) as store, progress_bar("extracting") as on_progress:
        if scheduler is None and processes > 1:
            from counterclaim.scale import process_extractor

            n = extract_stored(store, everything, on_progress, runner=process_extractor(processes))
        elif scheduler is None:
            n = extract_stored(store, everything, on_progress)
        else:
            from counterclaim.scale import dask_client, distributed_extractor

            with dask_client(scheduler, workers) as client:  # models load once per worker, at start
                runner = distributed_extractor(client, batch_size)
                n = extract_stored(store, everything, on_progress, runner=runner)
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

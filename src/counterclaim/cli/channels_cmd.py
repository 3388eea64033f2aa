"""``counterclaim channels``: the Telegram channels of the store, and who each speaks for."""

from __future__ import annotations

from collections import Counter

import click

from counterclaim.cli.common import echo_rows, open_store, output_format
from counterclaim.cli.main import db_option

COLUMNS = ["channel", "posts", "speaker", "side"]


@click.command()
@db_option
@output_format("table", "json", "csv")
@click.option("--unresolved", is_flag=True, help="Only channels no channel registry knows (to curate).")
def channels(db: str, fmt: str, unresolved: bool) -> None:
    """List the Telegram channels of stored posts with the speaker each stands for.

    A channel that neither extract/channels.yaml nor your COUNTERCLAIM_CHANNELS file maps
    speaks under its own title; add it to your file to give it an actor and a side.

    Example: counterclaim channels --unresolved --format csv > to_curate.csv
    """
    from counterclaim.extract import channels as registry

    with open_store(db) as store:
        docs = store.documents()
    counts = Counter(c for c in (registry.channel_of(d) for d in docs) if c is not None)
    rows = []
    for channel, posts in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        speaker = registry.channel_speaker(channel)
        if unresolved and speaker is not None:
            continue
        rows.append({"channel": channel, "posts": posts, "speaker": speaker.name if speaker else "",
                     "side": speaker.side if speaker else "unresolved"})
    echo_rows(rows, COLUMNS, fmt)

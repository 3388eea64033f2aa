"""Telegram channels as speakers (filled in below)."""

from __future__ import annotations

from counterclaim.models import Claim, Document, Speaker


def outlet_speaker(doc: Document) -> Speaker:
    name = doc.outlet or "the outlet"
    return Speaker(name=name, side="media", organisation=doc.outlet)


def channel_claims(doc: Document, outlet: Speaker, paragraphs) -> list[Claim]:
    return []

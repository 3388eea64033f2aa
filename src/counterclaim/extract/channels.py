"""Who speaks for a publication: a Telegram channel mapped to an actor, or an outlet.

A Telegram post that attributes a statement to nobody is its channel speaking in the first
person: the Defence Ministry's channel reporting "attacks repelled" is the ministry's claim, a
milblogger's post the milblogger's. ``channels.yaml`` (and the user's file named in
``COUNTERCLAIM_CHANNELS``) maps channel titles and @usernames to an actor of the registry or
to a speaker of its own. A forwarded post speaks for the channel it was forwarded from.
Channels that neither file knows keep their own title as speaker, with a side read from that
title when it says one, and are listed for curation by :func:`unresolved`.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from counterclaim.errors import InputError, ModelError
from counterclaim.models import Document, Side, Speaker

SHIPPED_CHANNELS = Path(__file__).parent / "channels.yaml"


class Channel(BaseModel):
    """One entry of the channel registry: an actor id, or a speaker of its own."""

    model_config = ConfigDict(extra="forbid")
    names: list[str]
    actor: str | None = None
    name: str | None = None
    side: Side = "unknown"
    organisation: str | None = None


def _key(name: str) -> str:
    return " ".join(name.casefold().lstrip("@").replace("ё", "е").split())


def _read(path: Path) -> dict[str, Channel]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entries = data.get("channels") or {}
        if not isinstance(entries, dict):
            raise TypeError("`channels:` must map each id to its fields")
        return {key: Channel(**entry) for key, entry in entries.items()}
    except (OSError, yaml.YAMLError, TypeError, AttributeError, ValidationError) as exc:
        raise InputError(str(path), f"not a channel registry ({exc}); it must be YAML with a `channels:` mapping "
                                    "of entries with `names` and either `actor` or `name`/`side`; see "
                                    "extract/channels.yaml") from exc


@lru_cache(maxsize=8)
def registry(user_path: str | None = None) -> dict[str, Channel]:
    """Channel title or @username (folded) -> its entry: the shipped file, then the user's over it."""
    if not SHIPPED_CHANNELS.exists():
        raise ModelError(f"{SHIPPED_CHANNELS}: shipped channel registry missing; reinstall counterclaim")
    entries = _read(SHIPPED_CHANNELS)
    if user_path:
        entries.update(_read(Path(user_path)))
    return {_key(n): entry for entry in entries.values() for n in entry.names}


def _user_path() -> str | None:
    return os.environ.get("COUNTERCLAIM_CHANNELS") or None


def channel_speaker(channel: str) -> Speaker | None:
    """The speaker a channel title or @username stands for, or None when no registry knows it."""
    entry = registry(_user_path()).get(_key(channel))
    if entry is None:
        return None
    if entry.actor is not None:
        from counterclaim.extract.speakers import registry as actors

        actor = actors(None).get(entry.actor)
        if actor is None:
            raise ModelError(f"channel {channel!r} names actor {entry.actor!r}, which actors.yaml does not have")
        return Speaker(name=actor.name, side=actor.side, organisation=actor.organisation, actor_id=actor.id)
    return Speaker(name=entry.name or channel, side=entry.side, organisation=entry.organisation or entry.name)


def channel_of(doc: Document) -> str | None:
    """The channel a Telegram post speaks for: the one it was forwarded from, else its own."""
    if doc.source_kind != "telegram":
        return None
    for key in ("forwarded_from", "channel"):
        value = doc.meta.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return doc.outlet


def outlet_speaker(doc: Document) -> Speaker:
    """Who speaks in a publication's own voice: its Telegram channel (resolved when known), else
    its outlet as the registry knows it, else the outlet as media."""
    channel = channel_of(doc)
    if channel is not None:
        known = channel_speaker(channel)
        if known is not None:
            return known
        from counterclaim.extract.cyrillic.lexicon import side_of_words

        return Speaker(name=channel, side=side_of_words(channel, skip_media=True), organisation=channel)
    name = doc.outlet or "the outlet"
    if doc.outlet:
        from counterclaim.extract.cyrillic.speakers import match_actor

        actor = match_actor(doc.language if doc.language in ("ru", "uk") else "ru", doc.outlet)
        if actor is not None:  # a news outlet reporting in its own voice speaks as the media, whoever owns it
            side = "media" if actor.kind == "media" else actor.side
            return Speaker(name=actor.name, side=side, organisation=actor.organisation, actor_id=actor.id)
    return Speaker(name=name, side="media", organisation=doc.outlet)


@dataclass(frozen=True)
class UnresolvedChannel:
    """A channel of the store that no channel registry knows, with how many posts it has."""

    channel: str
    posts: int


def unresolved(documents) -> list[UnresolvedChannel]:
    """The channels of ``documents`` (Telegram posts) that no registry maps, most posts first."""
    counts: Counter[str] = Counter()
    for doc in documents:
        channel = channel_of(doc)
        if channel is not None and channel_speaker(channel) is None:
            counts[channel] += 1
    return [UnresolvedChannel(c, n) for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

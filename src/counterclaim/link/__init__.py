"""Claims -> events, relations and assessments.

``link(claims)`` types each claim's propositions, groups claims about the same
happening into events, relates the claims of each event (corroborates /
contradicts / refines, with reasons and evidence), marks which relations come
from independent witnesses and which cross sides, applies analysts' reviews and
assesses each event. Ids are content hashes, so linking the same claims twice
gives the same events and relations.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from counterclaim.link import assess as _assess
from counterclaim.link import events as _events
from counterclaim.link import independence as _independence
from counterclaim.link import relations as _relations
from counterclaim.link.propositions import propositions
from counterclaim.models import Claim, Document, Event, Relation, Review, SideOverride

__all__ = ["LinkResult", "apply_overrides", "link", "propositions"]


@dataclass
class LinkResult:
    """Events (each with its assessment) and the relations between their claims, sorted by id."""

    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def link(claims: Sequence[Claim], documents: Mapping[str, Document] | None = None,
         reviews: Sequence[Review] = (), overrides: Mapping[str, object] = {}, *,
         embeddings: bool = False) -> LinkResult:
    """Link ``claims`` into events and relations (``documents`` enable near-duplicate detection).

    ``overrides`` maps a speaker's canonical name to a :class:`SideOverride`;
    ``embeddings=True`` types claims the rules leave as OTHER with MiniLM.
    """
    with _no_gc_pauses():
        return _link(claims, documents or {}, reviews, overrides, embeddings)


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Pause the cyclic garbage collector: linking allocates many small acyclic objects, and full
    collections over a large live heap would make the run time grow faster than the input."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _link(claims: Sequence[Claim], documents: Mapping[str, Document], reviews: Sequence[Review],
          overrides: Mapping[str, object], embeddings: bool) -> LinkResult:
    claims = sorted(apply_overrides(claims, overrides), key=lambda c: c.id)
    props = {c.id: propositions(c) for c in claims}
    if embeddings:
        from counterclaim.link.embeddings import retype

        props = retype(claims, props)
    groupings = _events.group(claims, props, documents)
    by_id = {c.id: c for c in claims}
    syndication = _independence.Syndication(documents)
    latest = _assess.latest_reviews(list(reviews))
    relations: dict[str, Relation] = {}
    events = []
    for g in groupings:
        found = _independence.annotate(_relations.relate(g), by_id, syndication)
        found = _assess.apply_reviews(found, latest)
        for r in found:
            relations.setdefault(r.id, r)
        ids = sorted({r.id for r in found})
        events.append(g.event.model_copy(update={"relation_ids": ids, "assessment": _assess.assess(g, found)}))
    return LinkResult(events=sorted(events, key=lambda e: e.id), relations=[relations[k] for k in sorted(relations)])


def apply_overrides(claims: Sequence[Claim], overrides: Mapping[str, object]) -> list[Claim]:
    """Claims with analysts' side corrections applied (matched on the speaker's name, case-insensitively)."""
    sides = {name.casefold(): _side(o) for name, o in overrides.items()}
    out = []
    for c in claims:
        side = sides.get(c.speaker.name.casefold())
        if side and side != c.speaker.side:
            c = c.model_copy(update={"speaker": c.speaker.model_copy(update={"side": side})})
        out.append(c)
    return out


def _side(override: object) -> str:
    return override.side if isinstance(override, SideOverride) else str(override)

"""Tables and columns derived from the stored objects, so that every read the app makes is an index lookup.

- ``speakers``: each speaker's side, organisation, actor and claim count (the speaker list and the
  speaker filter's suggestions), refreshed for the names a ``replace_claims`` touched;
- ``event_keys``: the side, speaker and place values each event answers to (the board's filters);
- ``events.search_text``: an event's title, places, speakers and their organisations, claim contents,
  and document titles and outlets (the board's text search, full-text indexed per backend by :mod:`counterclaim.store.search`);
- ``claims.verdict``: whether independent sources corroborate or contradict a claim (the speaker page).

Each is refreshed by the write that changes its sources, inside that write's transaction, and built
for existing data by migration 0004, so the derived values never need a separate job.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from sqlalchemy import String, bindparam, delete, func, insert, literal, select, update
from sqlalchemy.engine import Connection

from counterclaim.models import Relation
from counterclaim.store.schema import claims as claims_t
from counterclaim.store.schema import documents as documents_t
from counterclaim.store.schema import event_claims as event_claims_t
from counterclaim.store.schema import event_keys as keys_t
from counterclaim.store.schema import events as events_t
from counterclaim.store.schema import side_overrides as overrides_t
from counterclaim.store.schema import speakers as speakers_t

CHUNK = 500
SEARCH_TEXT_LIMIT = 100_000  # characters of an event's search text (PostgreSQL caps a tsvector at 1 MB)
VERDICT_KINDS = ("corroborates", "contradicts")


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start:start + size]


# -- speakers --------------------------------------------------------------------------------------

def refresh_speakers(connection: Connection, names: Iterable[str] | None = None) -> None:
    """Recount the ``speakers`` rows of ``names`` (all speakers when None) from their claims.

    A speaker's side, organisation and actor are those of most of their claims (ties: the first in
    sort order), so one odd extraction does not move a speaker to another side.
    """
    if names is None:
        connection.execute(delete(speakers_t))
        _insert_speakers(connection, None)
        return
    for chunk in _chunks(sorted(set(names))):
        connection.execute(delete(speakers_t).where(speakers_t.c.name.in_(chunk)))
        _insert_speakers(connection, chunk)


def _insert_speakers(connection: Connection, names: list[str] | None) -> None:
    query = (select(claims_t.c.speaker_name, claims_t.c.side, claims_t.c.organisation, claims_t.c.actor_id,
                    func.count().label("n"))
             .group_by(claims_t.c.speaker_name, claims_t.c.side, claims_t.c.organisation, claims_t.c.actor_id))
    if names is not None:
        query = query.where(claims_t.c.speaker_name.in_(names))
    groups: dict[str, Counter] = defaultdict(Counter)
    for row in connection.execute(query):
        groups[row.speaker_name][(row.side, row.organisation or "", row.actor_id or "")] += row.n
    out = []
    for name, counts in groups.items():
        (side, organisation, actor_id), _ = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        out.append({"name": name, "side": side, "organisation": organisation or None, "actor_id": actor_id or None,
                    "claims": sum(counts.values())})
    for chunk in _chunks(out):
        connection.execute(insert(speakers_t), chunk)


# -- event keys and search text --------------------------------------------------------------------

def effective_side():
    """A claim's side with the analyst's override applied (needs ``side_overrides`` outer-joined)."""
    return func.coalesce(overrides_t.c.side, claims_t.c.side)


def _members():
    return (event_claims_t.join(claims_t, claims_t.c.id == event_claims_t.c.claim_id)
            .outerjoin(overrides_t, overrides_t.c.speaker == claims_t.c.speaker_name))


def refresh_member_keys(connection: Connection, event_ids: list[str] | None = None) -> None:
    """(Re)build the ``side`` and ``speaker`` keys of ``event_ids`` (all events when None) from their claims."""
    for chunk in ([None] if event_ids is None else _chunks(sorted(set(event_ids)))):
        doomed = delete(keys_t).where(keys_t.c.kind.in_(("side", "speaker")))
        if chunk is not None:
            doomed = doomed.where(keys_t.c.event_id.in_(chunk))
        connection.execute(doomed)
        for kind, value in (("side", effective_side()), ("speaker", claims_t.c.speaker_name)):
            query = select(literal(kind, String), value, event_claims_t.c.event_id).distinct().select_from(_members())
            if chunk is not None:
                query = query.where(event_claims_t.c.event_id.in_(chunk))
            connection.execute(insert(keys_t).from_select(["kind", "key", "event_id"], query))


def add_place_keys(connection: Connection, keys: dict[str, set[str]]) -> None:
    """Insert the ``place`` keys of events (event id -> keys)."""
    rows = [{"kind": "place", "key": key, "event_id": event_id} for event_id, found in keys.items() for key in found]
    for chunk in _chunks(rows, 5000):
        connection.execute(insert(keys_t), chunk)


def events_of_speaker(connection: Connection, speaker: str) -> list[str]:
    """Ids of the events holding a claim by ``speaker``."""
    query = (select(event_claims_t.c.event_id).distinct()
             .join(claims_t, claims_t.c.id == event_claims_t.c.claim_id).where(claims_t.c.speaker_name == speaker))
    return list(connection.execute(query).scalars())


def refresh_search_text(connection: Connection) -> None:
    """Fill every event's ``search_text`` from its title, places and member claims with their documents."""
    piece = (claims_t.c.speaker_name + " " + func.coalesce(claims_t.c.organisation, "") + " " + claims_t.c.content
             + " " + func.coalesce(documents_t.c.title, "") + " " + func.coalesce(documents_t.c.outlet, ""))
    if connection.dialect.name == "postgresql":
        joined = func.string_agg(piece, " ")
    else:
        joined = func.group_concat(piece, " ")
    members = (select(joined)
               .select_from(event_claims_t.join(claims_t, claims_t.c.id == event_claims_t.c.claim_id)
                            .join(documents_t, documents_t.c.id == claims_t.c.document_id))
               .where(event_claims_t.c.event_id == events_t.c.id).scalar_subquery())
    text = events_t.c.title + " " + func.replace(events_t.c.places, "|", " ") + " " + func.coalesce(members, "")
    connection.execute(update(events_t).values(search_text=func.substr(text, 1, SEARCH_TEXT_LIMIT)))


# -- claim verdicts --------------------------------------------------------------------------------

def claim_verdicts(relations: Iterable[Relation]) -> dict[str, str]:
    """Claim id -> ``corroborated``, ``contradicted`` or ``contested`` (both), from independent live relations.

    A relation counts when its sources are independent and no analyst rejected it.
    """
    seen: dict[str, set[str]] = defaultdict(set)
    for r in relations:
        if r.kind in VERDICT_KINDS and r.independent and "review:rejected" not in r.evidence:
            seen[r.a].add(r.kind)
            seen[r.b].add(r.kind)
    return {cid: "contested" if len(kinds) == 2 else
            ("corroborated" if "corroborates" in kinds else "contradicted") for cid, kinds in seen.items()}


def refresh_verdicts(connection: Connection, relations: Iterable[Relation]) -> None:
    """Set ``claims.verdict`` from ``relations`` (all of them: every other claim's verdict is cleared)."""
    verdicts = claim_verdicts(relations)
    connection.execute(update(claims_t).where(claims_t.c.verdict.is_not(None)).values(verdict=None))
    params = [{"cid": cid, "v": verdict} for cid, verdict in verdicts.items()]
    statement = update(claims_t).where(claims_t.c.id == bindparam("cid")).values(verdict=bindparam("v"))
    for chunk in _chunks(params, 5000):
        connection.execute(statement, chunk)

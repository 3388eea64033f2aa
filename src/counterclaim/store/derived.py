"""Tables and columns derived from the stored objects, so that every read the app makes is an index lookup.

- ``speakers``: each speaker's side, organisation, actor and claim count (the speaker list and the
  speaker filter's suggestions), kept by adding the difference each write makes to ``speaker_variants``;
- ``event_keys``: the side, speaker and place values each event answers to (the board's filters);
- ``events.search_text``: an event's title, places, speakers and their organisations, claim contents,
  and document titles and outlets (the board's text search, full-text indexed per backend by :mod:`counterclaim.store.search`);
- ``claims.verdict``: whether independent sources corroborate or contradict a claim, and
  ``speaker_months``: each speaker's claims by month and verdict (the speaker page);
- ``tallies``: how many documents, claims, relations and events (by status) are stored (unfiltered totals).

Each is refreshed by the write that changes its sources, inside that write's transaction, and built
for existing data by migration 0004, so the derived values never need a separate job.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from sqlalchemy import String, delete, func, insert, literal, select, update
from sqlalchemy.engine import Connection

from counterclaim.models import Relation
from counterclaim.store.schema import claims as claims_t
from counterclaim.store.schema import documents as documents_t
from counterclaim.store.schema import event_claims as event_claims_t
from counterclaim.store.schema import event_keys as keys_t
from counterclaim.store.schema import events as events_t
from counterclaim.store.schema import side_overrides as overrides_t
from counterclaim.store.schema import speaker_months as months_t
from counterclaim.store.schema import speaker_variants as variants_t
from counterclaim.store.schema import speakers as speakers_t
from counterclaim.store.schema import tallies as tallies_t

CHUNK = 500
SEARCH_TEXT_LIMIT = 100_000  # characters of an event's search text (PostgreSQL caps a tsvector at 1 MB)
VERDICT_KINDS = ("corroborates", "contradicts")


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start:start + size]


# -- speakers --------------------------------------------------------------------------------------

Variant = tuple[str, str, str, str]  # speaker name, side, organisation ("" for none), actor id ("" for none)


def variants_of_rows(rows: Iterable[dict]) -> Counter:
    """How many of these ``claims`` rows each speaker variant has."""
    return Counter((r["speaker_name"], r["side"], r.get("organisation") or "", r.get("actor_id") or "") for r in rows)


def variants_where(connection: Connection, condition) -> Counter:
    """How many stored claims matching ``condition`` each speaker variant has (one grouped query)."""
    keys = (claims_t.c.speaker_name, claims_t.c.side, func.coalesce(claims_t.c.organisation, ""),
            func.coalesce(claims_t.c.actor_id, ""))
    query = select(*keys, func.count()).where(condition).group_by(*keys)
    return Counter({tuple(row[:4]): row[4] for row in connection.execute(query)})


def _add_counts(connection: Connection, table, keys: tuple[str, ...], deltas: Counter) -> list[str]:
    """Add ``deltas`` (key tuple -> change in ``claims``) to ``table`` and drop the rows left at zero;
    the names (first key) it touched."""
    changes = [{**dict(zip(keys, key, strict=True)), "claims": d} for key, d in deltas.items() if d]
    if not changes:
        return []
    upsert = _insert_for(connection)(table)
    upsert = upsert.on_conflict_do_update(index_elements=list(keys),
                                          set_={"claims": table.c.claims + upsert.excluded.claims})
    for chunk in _chunks(changes, 5000):
        connection.execute(upsert, chunk)
    names = sorted({c["name"] for c in changes})
    for chunk in _chunks(names):
        connection.execute(delete(table).where(table.c.name.in_(chunk), table.c.claims <= 0))
    return names


def apply_speaker_deltas(connection: Connection, deltas: Counter) -> None:
    """Add ``deltas`` (variant -> change in claims) to the counts and refresh the touched speakers' rows."""
    names = _add_counts(connection, variants_t, ("name", "side", "organisation", "actor_id"), deltas)
    for chunk in _chunks(names):
        connection.execute(delete(speakers_t).where(speakers_t.c.name.in_(chunk)))
        _insert_speakers(connection, variants_t.c.name.in_(chunk))


def months_where(connection: Connection, condition) -> Counter:
    """How many stored claims matching ``condition`` each (speaker, month, verdict) has."""
    keys = (claims_t.c.speaker_name, func.coalesce(claims_t.c.month, "undated"), func.coalesce(claims_t.c.verdict, ""))
    query = select(*keys, func.count()).where(condition).group_by(*keys)
    return Counter({tuple(row[:3]): row[3] for row in connection.execute(query)})


def apply_month_deltas(connection: Connection, deltas: Counter) -> None:
    """Add ``deltas`` ((speaker, month, verdict) -> change in claims) to ``speaker_months``."""
    _add_counts(connection, months_t, ("name", "month", "verdict"), deltas)


def refresh_months(connection: Connection) -> None:
    """Recount ``speaker_months`` from the claims (after ``save_links`` sets the verdicts, and migration 0004)."""
    connection.execute(delete(months_t))
    counts = months_where(connection, claims_t.c.id.is_not(None))
    rows = [{"name": n, "month": m, "verdict": v, "claims": c} for (n, m, v), c in counts.items()]
    for chunk in _chunks(rows, 5000):
        connection.execute(insert(months_t), chunk)


def _insert_for(connection: Connection):
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert


def refresh_speakers(connection: Connection) -> None:
    """Recount every speaker from the claims (migration 0004; writes apply differences instead)."""
    connection.execute(delete(speakers_t))
    connection.execute(delete(variants_t))
    counts = variants_where(connection, claims_t.c.id.is_not(None))
    rows = [{"name": n, "side": s, "organisation": o, "actor_id": a, "claims": c} for (n, s, o, a), c in counts.items()]
    for chunk in _chunks(rows, 5000):
        connection.execute(insert(variants_t), chunk)
    _insert_speakers(connection, variants_t.c.name.is_not(None))


def _insert_speakers(connection: Connection, condition) -> None:
    """``speakers`` rows for the variants matching ``condition``: the side, organisation and actor of most of
    a speaker's claims (ties: the first in sort order), so one odd extraction does not move a speaker."""
    groups: dict[str, Counter] = defaultdict(Counter)
    query = select(variants_t.c.name, variants_t.c.side, variants_t.c.organisation, variants_t.c.actor_id,
                   variants_t.c.claims).where(condition)
    for row in connection.execute(query):
        groups[row.name][(row.side, row.organisation, row.actor_id)] += row.claims
    out = []
    for name, counts in groups.items():
        (side, organisation, actor_id), _ = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        out.append({"name": name, "side": side, "organisation": organisation or None, "actor_id": actor_id or None,
                    "claims": sum(counts.values())})
    for chunk in _chunks(out, 5000):
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
    by_verdict: dict[str, list[str]] = defaultdict(list)
    for cid, verdict in verdicts.items():
        by_verdict[verdict].append(cid)
    for verdict, ids in by_verdict.items():  # one statement per verdict and thousand claims, not one per claim
        for chunk in _chunks(sorted(ids), 1000):
            connection.execute(update(claims_t).where(claims_t.c.id.in_(chunk)).values(verdict=verdict))


# -- tallies ---------------------------------------------------------------------------------------

def add_tallies(connection: Connection, deltas: dict[str, int]) -> None:
    """Add ``deltas`` (tally name -> change) to the running totals."""
    changes = [{"name": name, "n": delta} for name, delta in deltas.items() if delta]
    if not changes:
        return
    upsert = _insert_for(connection)(tallies_t)
    upsert = upsert.on_conflict_do_update(index_elements=["name"], set_={"n": tallies_t.c.n + upsert.excluded.n})
    connection.execute(upsert, changes)


def set_tallies(connection: Connection, values: dict[str, int], prefix: str = "") -> None:
    """Replace the totals whose names start with ``prefix`` by ``values``."""
    connection.execute(delete(tallies_t).where(tallies_t.c.name.startswith(prefix, autoescape=True)))
    if values:
        connection.execute(insert(tallies_t), [{"name": k, "n": v} for k, v in values.items()])


def tallies(connection: Connection, prefix: str) -> dict[str, int] | None:
    """The totals whose names start with ``prefix``, or None when they were never counted."""
    query = select(tallies_t.c.name, tallies_t.c.n).where(tallies_t.c.name.startswith(prefix, autoescape=True))
    found = {row.name: row.n for row in connection.execute(query)}
    return found or None


def count_all(connection: Connection) -> None:
    """Count every table once (migration 0004; the writes keep the totals from then on)."""
    from counterclaim.store.schema import relations as relations_t

    values = {name: connection.execute(select(func.count()).select_from(table)).scalar_one()
              for name, table in (("documents", documents_t), ("claims", claims_t), ("relations", relations_t),
                                  ("events", events_t))}
    for status, n in connection.execute(select(events_t.c.status, func.count()).group_by(events_t.c.status)):
        values[f"events:{status or ''}"] = n
    set_tallies(connection, values)

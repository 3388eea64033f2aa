"""Which pairs of claims are worth comparing: blocking on place and time, plus neighbours by meaning.

A million claims have half a trillion pairs; almost all of them are about different things. Two
claims become a candidate pair when

- they share a place name, or lie in the same or a neighbouring map cell (about 33 km), **and** their
  time windows meet within ``SLACK_DAYS``; in a crowded block each claim keeps only its ``NEIGHBOURS``
  partners that say the most similar thing (by their neutral vectors, see :mod:`.embeddings`);
- or they come from the same document (a report and its own follow-ups);
- or they blame someone for harm to the same named thing at the same place, whenever they were made
  (a retrospective months later is about the same blast);
- or one is among the other's ``NEAREST`` claims by meaning in the same time window, wherever they
  are, when that similarity is at least ``MIN_COS``: blocking misses a paraphrase whose place was
  misread or left unnamed.

The work grows with the claims times the block and window sizes, not with their square.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from counterclaim.link.context import View

SLACK_DAYS = 3.0
CELL_LAT, CELL_LON = 0.3, 0.45  # ~33 km at the latitudes of the war
NEIGHBOURS = 40  # partners per claim kept in a crowded block
NEAREST = 10  # neighbours by meaning, wherever they are
MIN_COS = 0.5
_CHUNK = 2048


def candidate_pairs(views: Sequence[View], neutral: np.ndarray) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of the claims to compare (rows of ``neutral`` are the views')."""
    pairs: set[tuple[int, int]] = set()
    for block in _blocks(views).values():
        pairs |= _within(block, views, neutral)
    for block in _by_document(views).values():
        pairs |= _within(block, views, neutral, timed=False)
    for block in _by_incident(views).values():
        pairs |= _within(block, views, neutral, timed=False)
    pairs |= _by_meaning(views, neutral)
    return pairs


def _blocks(views: Sequence[View]) -> dict[tuple, list[int]]:
    """Blocks by place name and by map cell (a claim sits in its own cell; pairs are made over the
    neighbouring cells below)."""
    out: dict[tuple, list[int]] = defaultdict(list)
    for k, v in enumerate(views):
        for name in v.names:
            out[("name", name)].append(k)
        if v.point is not None:
            out[_cell(v.point)].append(k)
    for (kind, *rest), members in list(out.items()):
        if kind == "cell":
            cy, cx = rest
            for dy, dx in ((0, 1), (1, -1), (1, 0), (1, 1)):  # each neighbouring pair of cells once
                other = out.get(("cell", cy + dy, cx + dx))
                if other:
                    out[("pair", cy, cx, dy, dx)] = members + other
    return out


def _cell(point: tuple[float, float]) -> tuple:
    return ("cell", int(math.floor(point[0] / CELL_LAT)), int(math.floor(point[1] / CELL_LON)))


def _by_incident(views: Sequence[View]) -> dict[tuple, list[int]]:
    """Claims about who harmed one named thing at one place ("the detention site near Olenivka"), whenever
    they were made: a report months later about the same blast is still about that blast."""
    out: dict[tuple, list[int]] = defaultdict(list)
    for k, v in enumerate(views):
        if v.reading.frame in ("responsibility", "toll") and v.reading.object:
            for name in v.names:
                out[(v.reading.object, name)].append(k)
    return out


def _by_document(views: Sequence[View]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for k, v in enumerate(views):
        out[v.claim.document_id].append(k)
    return out


def _meet(a: View, b: View) -> bool:
    """True when the two claims' time windows meet within the slack (or either has none)."""
    if a.t0 is None or b.t0 is None:
        return True
    return a.t0 <= b.t1 + SLACK_DAYS and b.t0 <= a.t1 + SLACK_DAYS


def _within(block: list[int], views: Sequence[View], neutral: np.ndarray, timed: bool = True) -> set[tuple[int, int]]:
    """Pairs in one block whose times meet; in a crowded block, each claim's closest partners by meaning."""
    members = sorted(set(block), key=lambda k: (views[k].t0 if views[k].t0 is not None else -math.inf, k))
    out: set[tuple[int, int]] = set()
    for pos, i in enumerate(members):
        partners = []
        for j in members[pos + 1:]:
            if timed and views[i].t1 is not None and views[j].t0 is not None \
                    and views[j].t0 > views[i].t1 + SLACK_DAYS and views[i].t0 is not None:
                break  # sorted by start: no later claim can meet this one
            if not timed or _meet(views[i], views[j]):
                partners.append(j)
        if len(partners) > NEIGHBOURS:
            sims = neutral[partners] @ neutral[i]
            partners = [partners[k] for k in np.argsort(-sims, kind="stable")[:NEIGHBOURS]]
        out.update((min(i, j), max(i, j)) for j in partners)
    return out


def _by_meaning(views: Sequence[View], neutral: np.ndarray) -> set[tuple[int, int]]:
    """Each claim's ``NEAREST`` most similar claims whose times meet, if at least ``MIN_COS`` alike."""
    timed = sorted((k for k, v in enumerate(views) if v.t0 is not None), key=lambda k: views[k].t0)
    out: set[tuple[int, int]] = set()
    for start in range(0, len(timed), _CHUNK):
        rows = timed[start:start + _CHUNK]
        lo = min(views[k].t0 for k in rows) - 8.0 - SLACK_DAYS
        hi = max(views[k].t1 for k in rows) + SLACK_DAYS
        cols = [k for k in timed if lo <= views[k].t0 <= hi]
        sims = neutral[rows] @ neutral[cols].T
        for r, i in enumerate(rows):
            order = np.argsort(-sims[r], kind="stable")[:NEAREST + 1]
            for c in order:
                j = cols[c]
                if j != i and sims[r, c] >= MIN_COS and _meet(views[i], views[j]):
                    out.add((min(i, j), max(i, j)))
    return out

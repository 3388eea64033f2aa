"""The evaluation prediction format (``../shared/eval/FORMAT.md``) from documents and their claims.

Every span keeps its character offsets into the document text; relation ends are
written ``<document id>/<claim id>``. Fields beyond the format (organisation,
hedges, certainty, said_at, method, a quantity's rate ``per``) are extras the scorer ignores.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from counterclaim.models import Claim, Document, Event, Place, Quantity, Relation, Span, Speaker, TimeRange


def prediction_json(results: list[tuple[Document, list[Claim]]], relations: Iterable[Relation] = (),
                    events: Iterable[Event] = ()) -> dict[str, Any]:
    """``{"documents": [...], "relations": [...], "events": [...]}`` as FORMAT.md describes."""
    doc_of = {c.id: doc.id for doc, claims in results for c in claims}
    return {
        "documents": [{"id": doc.id, "claims": [claim_json(c) for c in claims]} for doc, claims in results],
        "relations": [relation_json(r, doc_of) for r in relations if r.a in doc_of and r.b in doc_of],
        "events": [e.model_dump(mode="json") for e in events],
    }


def span_json(span: Span | None) -> dict[str, Any] | None:
    """``{"text", "start", "end"}`` or None."""
    return None if span is None else {"text": span.text, "start": span.start, "end": span.end}


def speaker_json(speaker: Speaker) -> dict[str, Any]:
    """The mention span (or, for an implicit speaker, its name without offsets) plus who it is."""
    base = span_json(speaker.mention) or {"text": speaker.name, "start": None, "end": None}
    return {**base, "name": speaker.name, "side": speaker.side, "organisation": speaker.organisation,
            "actor_id": speaker.actor_id}


def quantity_json(q: Quantity) -> dict[str, Any]:
    return {**span_json(q.span), "value": q.value, "low": q.low, "high": q.high, "unit": q.unit,
            "counted": q.counted, "bound": q.bound, "per": q.per}


def quantities_json(q: Quantity) -> list[dict[str, Any]]:
    """A quantity in the format's bounds: FORMAT.md has no ``range``, so "three to four km" is
    written as its two ends, ``at_least`` 3 and ``at_most`` 4 (as the evaluation gold writes
    ranges), each keeping the whole interval in ``low`` / ``high`` and ``"range": true``."""
    if q.bound != "range" or q.low is None or q.high is None:
        return [quantity_json(q)]
    base = quantity_json(q)
    return [{**base, "value": q.low, "bound": "at_least", "range": True},
            {**base, "value": q.high, "bound": "at_most", "range": True}]


def place_json(p: Place) -> dict[str, Any]:
    return {**span_json(p.span), **p.model_dump(mode="json", exclude={"span"})}


def time_json(t: TimeRange | None) -> dict[str, Any] | None:
    if t is None:
        return None
    base = span_json(t.span) or {"text": None, "start": None, "end": None}
    return {**base, "earliest": t.earliest.isoformat(), "latest": t.latest.isoformat(), "granularity": t.granularity}


def claim_json(c: Claim) -> dict[str, Any]:
    """One claim in the prediction format."""
    return {
        "id": c.id, "speaker": speaker_json(c.speaker), "cue": span_json(c.cue), "content": span_json(c.content),
        "stance": c.stance, "hedges": [span_json(h) for h in c.hedges], "certainty": c.certainty,
        "quantities": [d for q in c.quantities for d in quantities_json(q)], "places": [place_json(p) for p in c.places],
        "when": time_json(c.when), "said_at": time_json(c.said_at), "sentence": span_json(c.sentence),
        "confidence": c.confidence, "method": c.method,
    }


def relation_json(r: Relation, doc_of: dict[str, str]) -> dict[str, Any]:
    """A relation with both ends as ``<document id>/<claim id>``.

    The format knows only ``corroborates`` and ``contradicts``: a ``refines`` relation (agreement with
    more detail) is written as ``corroborates``, with ``refines`` first in its evidence and as ``linked_kind``."""
    kind, evidence = r.kind, list(r.evidence)
    if kind == "refines":
        kind, evidence = "corroborates", ["refines", *(e for e in evidence if e != "refines")]
    return {"id": r.id, "a": f"{doc_of[r.a]}/{r.a}", "b": f"{doc_of[r.b]}/{r.b}", "kind": kind,
            "linked_kind": r.kind, "reason": r.reason, "evidence": evidence, "cross_side": r.cross_side,
            "independent": r.independent, "score": r.score}

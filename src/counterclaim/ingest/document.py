"""Building a valid :class:`Document` from what a reader found, and the error for a partly read file.

Every reader goes through :func:`new_document`, so the rules hold for all formats:
the text has something visible in it (not only spaces or zero-width characters) and is
storable (no NUL characters, no unpaired surrogates), metadata strings are trimmed, the
publication time is timezone-aware and falls in the years 1000-2999 in UTC, extra fields
are nested at most :data:`MAX_META_DEPTH` levels, the id is the source's own id when it
has one, else a content hash, and the language of the text and of each paragraph is
identified (:mod:`counterclaim.lang`). A reader whose file holds many documents collects
the problems of each with :func:`collect` and keeps the good ones (:class:`PartialRead`).
"""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime
from typing import Any

from counterclaim.errors import InputError
from counterclaim.ingest.dates import aware
from counterclaim.lang import identify
from counterclaim.models import Document, SourceKind

MAX_META_DEPTH = 100
"""Extra fields nest at most this deep (a report's metadata is flat; the store's serialiser stops at 255)."""
YEARS = (1000, 2999)
"""Publication years accepted, in UTC: anything else is a broken date, and year 1 at +14:00 has no UTC at all."""
_MAX_REPORTED = 3
_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


class PartialRead(InputError):
    """Some documents of a file were read and some were not (e.g. a JSONL file with one bad line).

    ``documents`` holds the good ones: :func:`counterclaim.ingest.ingest` stores them and
    still reports the file as failed, so nothing is dropped silently.
    """

    def __init__(self, path: str, reason: str, documents: list[Document]) -> None:
        super().__init__(path, reason)
        self.documents = documents


def new_document(
    path: str,
    text: str,
    *,
    kind: SourceKind,
    doc_id: str | None = None,
    title: object = None,
    outlet: object = None,
    url: object = None,
    published: datetime | None = None,
    meta: dict[str, Any] | None = None,
    where: str = "",
) -> Document:
    """A checked Document; ``where`` (e.g. ``"line 3: "``) prefixes any error reason."""
    _check_storable(path, where, "text", text)
    if not text.strip():
        raise InputError(path, f"{where}no text; the document is empty")
    if not any(unicodedata.category(ch) not in _INVISIBLE for ch in text):
        raise InputError(path, f"{where}no visible text, only spaces and invisible characters (such as zero-width "
                         "spaces); the document is empty")
    fields = {"title": _clean(title), "outlet": _clean(outlet), "url": _clean(url)}
    for name, value in fields.items():
        if value is not None:
            _check_storable(path, where, name, value)
    if doc_id is not None:
        _check_storable(path, where, "id", doc_id)
    _check_meta(path, where, meta or {})
    _check_published(path, where, published)
    found = identify(text)
    return Document(
        id=doc_id or Document.make_id(text, fields["outlet"], fields["url"], fields["title"]),
        text=text,
        **fields,
        published=aware(published) if published else None,
        source_kind=kind,
        source_path=path,
        meta=meta or {},
        language=found.language,
        paragraph_languages=found.paragraphs,
    )


def _clean(value: object) -> str | None:
    """A trimmed metadata string, or None when absent or blank."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def collect(path: str, documents: list[Document], errors: list[str], unit: tuple[str, str]) -> list[Document]:
    """The documents of a many-document file with the ``errors`` of its bad ``unit``s (singular, plural):
    the documents when nothing went wrong, else a :class:`PartialRead` with them, or an :class:`InputError`
    when none was good."""
    if not errors:
        return documents
    shown = "; ".join(errors[:_MAX_REPORTED]) + ("; ..." if len(errors) > _MAX_REPORTED else "")
    reason = f"{len(errors)} bad {unit[len(errors) > 1]} ({shown})"
    if not documents:
        raise InputError(path, reason)
    raise PartialRead(path, f"{reason}; the other {len(documents)} read", documents)


def _check_published(path: str, where: str, published: datetime | None) -> None:
    if published is None:
        return
    try:
        year = aware(published).astimezone(UTC).year
    except OverflowError:
        year = None
    if year is None or not YEARS[0] <= year <= YEARS[1]:
        raise InputError(path, f"{where}publication time {published.isoformat()} is out of range (it must fall "
                         f"between the years {YEARS[0]} and {YEARS[1]} in UTC); fix the date")


def _depth(value: object) -> int:
    """How deeply lists and objects nest in ``value`` (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list | tuple):
            deepest = max(deepest, level + 1)
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def _check_meta(path: str, where: str, meta: dict[str, Any]) -> None:
    """Extra fields are stored as JSON: they must serialise, nest at most ``MAX_META_DEPTH`` deep, and be
    storable text."""
    depth = _depth(meta) - 1
    if depth > MAX_META_DEPTH:
        raise InputError(path, f"{where}extra fields are nested {depth} levels deep, more than the "
                         f"{MAX_META_DEPTH} we store; flatten them")
    try:
        encoded = json.dumps(meta, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        raise InputError(path, f"{where}extra fields cannot be stored as JSON; keep them to strings, numbers and lists") from None
    _check_storable(path, where, "extra fields", encoded.replace("\\u0000", "\x00"))


def _check_storable(path: str, where: str, field: str, value: str) -> None:
    """Refuse characters that no database will store: NUL and unpaired surrogates."""
    if "\x00" in value:
        raise InputError(path, f"{where}{field} contains a NUL character; remove it")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(path, f"{where}{field} has an unpaired surrogate at character {exc.start}; fix the escape") from None

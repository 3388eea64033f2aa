"""Building a valid :class:`Document` from what a reader found, and the error for a partly read file.

Every reader goes through :func:`new_document`, so the rules hold for all formats:
the text is non-blank and storable (no NUL characters, no unpaired surrogates),
metadata strings are trimmed, the publication time is timezone-aware, the id
is the source's own id when it has one, else a content hash, and the language of the
text and of each paragraph is identified (:mod:`counterclaim.lang`).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from counterclaim.errors import InputError
from counterclaim.ingest.dates import aware
from counterclaim.lang import identify
from counterclaim.models import Document, SourceKind


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
    fields = {"title": _clean(title), "outlet": _clean(outlet), "url": _clean(url)}
    for name, value in fields.items():
        if value is not None:
            _check_storable(path, where, name, value)
    if doc_id is not None:
        _check_storable(path, where, "id", doc_id)
    _check_meta(path, where, meta or {})
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


def _check_meta(path: str, where: str, meta: dict[str, Any]) -> None:
    """Extra fields are stored as JSON: they must serialise and be storable text."""
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

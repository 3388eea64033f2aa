"""JSON and JSON Lines documents in the shared document format.

Each document is ``{"id", "url", "outlet", "title", "published", "text"}`` (see
``../shared/eval/FORMAT.md``); only ``text`` is required, a given ``id`` is kept, and
other fields go to ``meta``. A ``.json`` file holds one document or a list of them and
is all or nothing; a ``.jsonl`` file holds one per line, and a bad line does not cost
the good ones (they come back in a :class:`PartialRead`).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from counterclaim.errors import InputError
from counterclaim.ingest.dates import parse_time
from counterclaim.ingest.document import collect, new_document
from counterclaim.models import Document, SourceKind

_KNOWN = ("id", "url", "outlet", "title", "published", "text")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_MAX_DIGITS = 4300  # Python's own limit on converting digit strings to int (sys.get_int_max_str_digits)


class _LongNumber(Exception):
    """An integer too long to convert: reported with its line, in our words."""


def parse_json(path: str, text: str, first_line: int | None = None) -> Any:
    """``json.loads`` with errors as ``line 3 column 7: Expecting ',' delimiter``.

    ``first_line`` is the file line ``text`` starts on, so a JSON Lines error names its line.
    """
    where = f"line {first_line}: " if first_line else ""
    try:
        return json.loads(text, parse_int=_parse_int)
    except _LongNumber:
        found = re.search(rf"\d{{{_MAX_DIGITS + 1},}}", text)
        line = (first_line or 1) + text.count("\n", 0, found.start()) if found else first_line or 1
        digits = len(found.group()) if found else _MAX_DIGITS + 1
        raise InputError(path, f"line {line}: a number with {digits} digits is longer than the {_MAX_DIGITS} "
                         "we read; write it as a string if it is an id") from None
    except json.JSONDecodeError as exc:
        position = f"line {exc.lineno + (first_line or 1) - 1} column {exc.colno}"
        raise InputError(path, f"{position}: {exc.msg}; fix the JSON") from None
    except RecursionError:
        raise InputError(path, f"{where}JSON nested too deeply") from None
    except ValueError as exc:  # e.g. an integer with thousands of digits
        raise InputError(path, f"{where}{exc}; fix the JSON") from None


def _parse_int(digits: str) -> int:
    if len(digits) > _MAX_DIGITS + digits.startswith("-"):
        raise _LongNumber
    return int(digits)


def read(path: str, text: str) -> list[Document]:
    """The documents of a ``.json`` file (one object or a list of objects)."""
    return read_value(path, parse_json(path, text))


def read_value(path: str, value: Any) -> list[Document]:
    """The documents of decoded JSON: one object or a list of objects."""
    items = value if isinstance(value, list) else [value]
    if not items:
        raise InputError(path, "the JSON list is empty; it has no documents")
    many = isinstance(value, list)
    documents = [from_object(path, item, f"item {i}: " if many else "") for i, item in enumerate(items, 1)]
    seen: dict[str, int] = {}
    for number, doc in enumerate(documents, 1):
        if problem := _repeated_id(seen, doc, number, "item"):
            raise InputError(path, problem)
    return documents


def read_lines(path: str, text: str) -> list[Document]:
    """The documents of a JSON Lines file, one object per non-blank line."""
    documents: list[Document] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines(text), 1):
        if not line.strip():
            continue
        where = f"line {number}: "
        try:
            doc = from_object(path, parse_json(path, line, number), where, "jsonl")
        except InputError as exc:
            errors.append(exc.reason)
            continue
        if problem := _repeated_id(seen, doc, number, "line"):
            errors.append(problem)
        else:
            documents.append(doc)
    return collect(path, documents, errors, ("line", "lines"))


def lines(text: str) -> list[str]:
    """The lines of a JSON Lines text: split at line breaks only, not at ``str.splitlines``'s U+2028,
    U+2029 or U+0085, which JSON strings may hold raw (a raw CR or LF cannot be inside a JSON string)."""
    return _LINE_BREAK.split(text)


def _repeated_id(seen: dict[str, int], doc: Document, number: int, unit: str) -> str | None:
    """Why ``doc`` (item or line ``number``) cannot be stored when an earlier one has its id, else None."""
    earlier = seen.setdefault(doc.id, number)
    if earlier == number:
        return None
    return f"{unit} {number}: id {doc.id!r} is also {unit} {earlier}'s; give each document its own id"


def from_object(path: str, item: object, where: str = "", kind: SourceKind = "json") -> Document:
    """One document from a decoded JSON object in the shared format."""
    if not isinstance(item, dict):
        raise InputError(path, f"{where}expected a JSON object with a \"text\" field, got {type(item).__name__}")
    text = item.get("text")
    if not isinstance(text, str):
        raise InputError(path, f"{where}missing \"text\" (a string); every document needs its text")
    return new_document(
        path,
        text,
        kind=kind,
        doc_id=_id(path, item.get("id"), where),
        title=_string(path, item, "title", where),
        outlet=_string(path, item, "outlet", where),
        url=_string(path, item, "url", where),
        published=_published(path, item.get("published"), where),
        meta={k: v for k, v in item.items() if k not in _KNOWN},
        where=where,
    )


def _id(path: str, value: object, where: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(path, f"{where}\"id\" must be a string; got {type(value).__name__}")
    return str(value)


def _string(path: str, item: dict[str, Any], key: str, where: str) -> str | None:
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(path, f"{where}\"{key}\" must be a string or null; got {type(value).__name__}")
    return value


def _published(path: str, value: object, where: str) -> datetime | None:
    if value is None or value == "":
        return None
    result = parse_time(value) if isinstance(value, str | int | float) else None
    if result is None:
        raise InputError(path, f"{where}\"published\": cannot read the date {value!r}; write it like 2023-05-12")
    return result

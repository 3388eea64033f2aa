"""Plain text and Markdown reports, with optional YAML front matter.

Front matter is a ``---`` line, YAML, and a closing ``---`` line at the very top::

    ---
    title: Russia denies breakthrough
    outlet: Kyiv Post
    published: 2023-05-12
    url: https://example.org/a
    ---

It may give ``title``, ``outlet``, ``published``, ``url`` and ``id``; other keys go to
``meta``. The body after the front matter is kept verbatim (claim offsets point into it).
YAML aliases (``*name``) are refused: front matter never needs them, and a few hundred
bytes of nested aliases expand to gigabytes (the "billion laughs").
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import yaml

from counterclaim.errors import InputError
from counterclaim.ingest.dates import parse_time
from counterclaim.ingest.document import new_document
from counterclaim.models import Document

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
_KNOWN = ("id", "title", "outlet", "published", "url")


def read(path: str, text: str) -> list[Document]:
    """One document: the file's text, or its body and front-matter metadata."""
    kind = "markdown" if path.lower().endswith((".md", ".markdown")) else "text"
    match = _FRONT_MATTER.match(text)
    if not match:
        return [new_document(path, text, kind=kind)]
    fields = _front_matter(path, match.group(1))
    body = text[match.end() :]
    if not body.strip():
        raise InputError(path, "no text after the front matter; put the report below the closing ---")
    return [
        new_document(
            path,
            body,
            kind=kind,
            doc_id=_optional_str(fields.get("id")),
            title=fields.get("title"),
            outlet=fields.get("outlet"),
            url=fields.get("url"),
            published=_published(path, fields.get("published")),
            meta={k: _plain(v) for k, v in fields.items() if k not in _KNOWN},
        )
    ]


class _NoAliasLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that stops at the first alias instead of expanding it."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "YAML aliases (*name) are not allowed in front matter; "
                                              "write the value out", self.peek_event().start_mark)
        return super().compose_node(parent, index)


def _front_matter(path: str, source: str) -> dict[str, Any]:
    try:
        fields = yaml.load(source, Loader=_NoAliasLoader)  # a SafeLoader subclass: safe
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark is not None else ""  # +2: 0-based, after the opening ---
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(path, f"front matter {where}{problem}; fix the YAML between the --- lines") from None
    except (ValueError, OverflowError) as exc:  # e.g. an impossible date like 2023-13-45
        problem = "a number is too long to read" if "integer string conversion" in str(exc) else str(exc)
        raise InputError(path, f"front matter: {problem}; fix the YAML between the --- lines") from None
    except RecursionError:
        raise InputError(path, "front matter is nested too deeply; use flat key: value lines") from None
    if fields is None:
        return {}
    if not isinstance(fields, dict):
        raise InputError(path, "front matter is not a mapping; write key: value lines between the --- lines")
    return {str(k): v for k, v in fields.items()}


def _published(path: str, value: object) -> datetime | None:
    if value is None:
        return None
    result = parse_time(value)
    if result is None:
        raise InputError(path, f"front matter published: cannot read the date {value!r}; write it like 2023-05-12")
    return result


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def _plain(value: object) -> object:
    """YAML values as JSON-storable values (dates become ISO strings)."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)

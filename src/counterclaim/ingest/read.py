"""One file (or standard input) to documents: load, decode, pick the reader, read."""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Callable

from counterclaim.errors import InputError
from counterclaim.ingest import feeds, html, jsondoc, telegram, text
from counterclaim.ingest.decode import MAX_BYTES, check_size, decode
from counterclaim.ingest.sniff import sniff
from counterclaim.models import Document

STDIN = "-"
STDIN_LABEL = "<stdin>"


def read_file(path: str | os.PathLike[str], data: bytes | None = None) -> list[Document]:
    """The documents in ``path`` (``"-"`` is standard input); ``data`` skips reading the file.

    Raises :class:`InputError` naming the file and the reason, and nothing else.
    """
    path = os.fspath(path)
    label = STDIN_LABEL if path == STDIN else path
    raw = data if data is not None else load(path)
    return read_text(label, decode(label, raw))


def read_text(path: str, source: str) -> list[Document]:
    """The documents in decoded ``source``, by the format of ``path`` or of the text itself."""
    reader = _READERS[sniff(path, source)]
    try:
        return reader(path, source)
    except InputError:
        raise
    except Exception as exc:  # a reader bug must not stop a batch; say so plainly instead
        raise InputError(path, f"unexpected {type(exc).__name__} while reading ({exc}); please report this bug") from exc


def load(path: str) -> bytes:
    """The bytes of ``path`` or of standard input, refusing files over the size cap."""
    if path == STDIN:
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        check_size(STDIN_LABEL, len(data))
        return data
    try:
        check_size(path, os.stat(path).st_size)
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        hint = "the pattern matches no files" if glob.has_magic(path) else "no such file; check the path"
        raise InputError(path, hint) from None
    except IsADirectoryError:
        raise InputError(path, "is a directory; pass it to ingest, which reads the files inside") from None
    except PermissionError:
        raise InputError(path, "permission denied; make the file readable") from None
    except OSError as exc:
        raise InputError(path, f"cannot read it ({exc.strerror or exc})") from None


def _read_json(path: str, source: str) -> list[Document]:
    value = jsondoc.parse_json(path, source)
    if telegram.is_export(value):
        return telegram.read_export(path, value)
    return jsondoc.read_value(path, value)


_READERS: dict[str, Callable[[str, str], list[Document]]] = {
    "text": text.read,
    "html": html.read,
    "json": _read_json,
    "jsonl": jsondoc.read_lines,
    "feed": feeds.read,
}

"""Bytes to text: pick the encoding a file declares or implies, and refuse what is not text.

Order of evidence: a byte-order mark (UTF-8/16/32), then valid UTF-8, then a charset
declared in the file itself (``<meta charset>``, ``http-equiv``, ``<?xml encoding?>``),
then Cyrillic text in Windows-1251 or KOI8 (:mod:`counterclaim.ingest.legacy`), which is
recognised only when it reads clearly as Cyrillic in one of them. We never guess any other
undeclared legacy encoding: a wrong guess silently corrupts every quote and offset, so we
ask the user to re-save the file as UTF-8 instead.
"""

from __future__ import annotations

import codecs
import re

from counterclaim.errors import InputError
from counterclaim.ingest import legacy

MAX_BYTES = 50 * 1024 * 1024
"""Per-file size cap. A single report is kilobytes; 50 MB leaves room for big exports."""

_BOMS: tuple[tuple[bytes, str], ...] = (  # UTF-32 first: its LE mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(
    rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']"""
    rb"""|<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13} | {127}
_MAX_CONTROL_SHARE = 0.05


def check_size(path: str, size: int) -> None:
    """Refuse a file over :data:`MAX_BYTES` before reading it."""
    if size > MAX_BYTES:
        raise InputError(
            path, f"file is {size / 1e6:.1f} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit; split it into smaller files"
        )


def decode(path: str, data: bytes) -> str:
    """The text of ``data``; raises :class:`InputError` naming ``path`` for binary, undecodable or empty input."""
    check_size(path, len(data))
    bom = _bom(data)
    if bom:
        text = _strict(path, data[len(bom[0]) :], bom[1])
    else:
        _refuse_binary(path, data)
        text = _utf8_or_declared(path, data)
    if not text.strip():
        raise InputError(path, "empty file; it has no text to ingest")
    _refuse_binary_text(path, text)
    return text


def _bom(data: bytes) -> tuple[bytes, str] | None:
    return next(((mark, name) for mark, name in _BOMS if data.startswith(mark)), None)


def _refuse_binary(path: str, data: bytes) -> None:
    head = data[:8192]
    if b"\x00" in head:
        raise InputError(path, "binary file, not text (it contains NUL bytes); ingest text, HTML, JSON or feed files")
    if head and sum(b in _CONTROL for b in head) / len(head) > _MAX_CONTROL_SHARE:
        raise InputError(path, "binary file, not text (too many control characters); ingest text, HTML, JSON or feed files")


def _refuse_binary_text(path: str, text: str) -> None:
    """The same check on decoded text: NULs and control characters after a BOM mean binary."""
    head = text[:8192]
    controls = sum(ord(c) in _CONTROL for c in head)
    if "\x00" in head or controls / len(head) > _MAX_CONTROL_SHARE:
        raise InputError(path, "binary file, not text (too many control characters); ingest text, HTML, JSON or feed files")


def _utf8_or_declared(path: str, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        declared = _declared_charset(data)
        if declared is None:
            found = legacy.guess(data)
            if found is not None:
                return found[0]
        if declared is None or codecs.lookup(declared).name == "utf-8":
            raise InputError(
                path, f"not valid UTF-8 at byte {exc.start}; save it as UTF-8 (or declare its charset in the file)"
            ) from None
        return _strict(path, data, declared)


def _declared_charset(data: bytes) -> str | None:
    """The charset named in the first 4 KB, if Python knows it."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii")
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def _strict(path: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid {encoding} at byte {exc.start}; save it as UTF-8") from None
    except (UnicodeError, LookupError):  # e.g. a declared "rot13" or "idna": not a text encoding for files
        raise InputError(path, f"cannot decode it as its declared charset {encoding!r}; save it as UTF-8") from None

"""One file (or standard input) to documents: load, decode, pick the reader, read."""

from __future__ import annotations

import errno
import glob
import os
import stat
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
    label = STDIN_LABEL if path == STDIN else display(path)
    raw = data if data is not None else load(path)
    return read_text(label, decode(label, raw))


def display(path: str) -> str:
    """``path`` as text that can be printed and stored: bytes of a file name that are not UTF-8
    (which Python keeps as lone surrogates) are written as ``\\xff`` escapes."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


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
    """The bytes of the regular file ``path`` or of standard input, never more than the size cap.

    Devices, pipes and sockets are refused without reading (``/dev/zero`` never ends, a FIFO
    waits forever for a writer); a file that grows while it is read is still cut at the cap.
    """
    if path == STDIN:
        return _read_capped(STDIN_LABEL, sys.stdin.buffer)
    label = display(path)
    fd = _open(path, label)
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(label, _folder_reason(path))
        raise InputError(label, f"not a regular file ({_kind(info.st_mode)}); ingest files, not pipes or devices")
    with os.fdopen(fd, "rb") as handle:
        check_size(label, info.st_size)
        os.set_blocking(fd, True)
        return _read_capped(label, handle)


def _open(path: str, label: str) -> int:
    """A file descriptor for ``path``, opened without blocking (opening a FIFO must not wait for a writer)."""
    try:
        return os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        hint = "the pattern matches no files" if glob.has_magic(path) else "no such file; check the path"
        if os.path.islink(path):
            hint = f"a symlink to {display(os.readlink(path))}, which does not exist; fix or remove the link"
        raise InputError(label, hint) from None
    except PermissionError:
        what = "folder" if os.path.isdir(path) else "file"
        raise InputError(label, f"permission denied; make the {what} readable") from None
    except OSError as exc:
        raise InputError(label, _os_reason(exc)) from None


def _read_capped(label: str, stream) -> bytes:
    try:
        data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(label, f"cannot read it ({exc.strerror or exc})") from None
    check_size(label, len(data))
    return data


def _folder_reason(path: str) -> str:
    """Why a folder reached the reader: it could not be listed, or it is a symlink loop."""
    target, parent = os.path.realpath(path), os.path.realpath(os.path.dirname(path) or ".")
    if os.path.islink(path) and os.path.commonpath([target, parent]) == target:
        return f"symlink loop: it leads back to {display(target)}, which contains it; not followed"
    try:
        os.scandir(path).close()
    except PermissionError:
        return "cannot list the folder (permission denied); make it readable"
    except OSError as exc:
        return f"cannot list the folder ({exc.strerror or exc})"
    return "is a directory; pass it to ingest, which reads the files inside"


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), "not a plain file")


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop: the link never reaches a file; fix or remove it"
    if exc.errno == errno.ENXIO:  # a socket, or a FIFO opened for writing elsewhere
        return "not a regular file; ingest files, not pipes or devices"
    return f"cannot read it ({exc.strerror or exc})"


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

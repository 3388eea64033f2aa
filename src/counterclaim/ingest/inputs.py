"""What the user named on the command line, as a list of files to read.

Directories are walked recursively in sorted order (a folder's files, then its
sub-folders), skipping hidden files and folders (``.git``, ``.DS_Store``). Symlinked
folders are followed, except one that leads back into a folder being walked (a loop);
globs are expanded (``**`` included) without following symlinked folders, so a link to
``..`` cannot make them run forever. ``-`` stands for standard input.

Nothing is dropped silently: a name that matches nothing, a folder that cannot be
listed and a symlink loop are kept in the list as they are, so that reading them
reports the problem for that name alone (see :func:`counterclaim.ingest.read.load`)
instead of stopping the batch or vanishing from it.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path

STDIN = "-"


def expand_inputs(specs: list[str]) -> list[str]:
    """The files named by ``specs``, in order, each once."""
    seen: dict[str, None] = {}
    for spec in specs:
        for path in _expand(spec):
            seen.setdefault(path, None)
    return list(seen)


def _expand(spec: str) -> list[str]:
    if spec == STDIN:
        return [STDIN]
    if os.path.isdir(spec):
        return _walk(spec)
    if not os.path.lexists(spec) and glob.has_magic(spec):
        return [path for match in _glob(spec) for path in _expand(match)] or [spec]
    return [spec]


def _glob(spec: str) -> list[str]:
    """Matches of ``spec``, sorted; ``**`` does not descend into symlinked folders (pathlib's rule)."""
    parts = Path(spec).parts
    fixed = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    base = Path(*parts[:fixed]) if fixed else Path()
    matches = base.glob(str(Path(*parts[fixed:])))
    return sorted(str(m) for m in matches if not any(p.startswith(".") for p in m.relative_to(base).parts))


def _walk(folder: str) -> list[str]:
    """Every non-hidden file under ``folder``: a folder's files first, then each sub-folder in turn.

    A folder that cannot be listed, and a symlink that leads back to a folder on the way down,
    are kept as names (reading them says what is wrong).
    """
    files: list[str] = []
    stack: list[tuple[str, tuple[str, ...]]] = [(folder, (os.path.realpath(folder),))]
    while stack:
        current, ancestors = stack.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError:
            files.append(current)
            continue
        folders = []
        for entry in entries:
            if not _is_dir(entry):
                files.append(entry.path)
            elif entry.is_symlink() and os.path.realpath(entry.path) in ancestors:
                files.append(entry.path)  # a loop: read_file reports it
            else:
                folders.append((entry.path, (*ancestors, os.path.realpath(entry.path))))
        stack.extend(reversed(folders))
    return files


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a dangling or unreadable link: let reading it report the problem
        return False

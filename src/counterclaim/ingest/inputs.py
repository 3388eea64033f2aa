"""What the user named on the command line, as a list of files to read.

Directories are walked recursively in sorted order, skipping hidden files and folders
(``.git``, ``.DS_Store``); globs are expanded by :mod:`glob` (``**`` included); ``-``
stands for standard input. A name that matches nothing is kept as it is, so that
reading it reports the problem for that name alone instead of stopping the batch.
"""

from __future__ import annotations

import glob
import os

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
    if not os.path.exists(spec) and glob.has_magic(spec):
        matches = sorted(glob.glob(spec, recursive=True))
        return [path for match in matches for path in _expand(match)] or [spec]
    return [spec]


def _walk(folder: str) -> list[str]:
    """Every non-hidden file under ``folder``, sorted folder by folder."""
    files: list[str] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(os.path.join(root, name) for name in sorted(names) if not name.startswith("."))
    return files

"""Which reader a file needs: by its extension, else by its first characters.

Content sniffing covers standard input and files with an unusual or no extension.
JSON is told apart further once decoded (a Telegram export or documents).
"""

from __future__ import annotations

import re
from pathlib import PurePath

from counterclaim.ingest import jsondoc

Format = str  # "text" | "html" | "json" | "jsonl" | "feed"

_BY_EXTENSION: dict[str, Format] = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
_FEED_ROOT = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_ROOT = re.compile(r"<(!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)


def sniff(path: str, text: str) -> Format:
    """The format of ``text`` read from ``path``."""
    by_extension = _BY_EXTENSION.get(PurePath(path).suffix.lower())
    return by_extension or _by_content(text)


def _by_content(text: str) -> Format:
    head = text[:2048].lstrip()
    if head.startswith(("{", "[")):
        return "jsonl" if _looks_like_lines(text) else "json"
    if _FEED_ROOT.search(head):
        return "feed"
    if _HTML_ROOT.search(head) or head.startswith("<"):  # prose rarely opens with a tag
        return "html"
    return "text"


def _looks_like_lines(text: str) -> bool:
    """Several lines that each start with ``{``: JSON Lines rather than one JSON value."""
    lines = [line.strip() for line in jsondoc.lines(text) if line.strip()]
    return len(lines) > 1 and all(line.startswith("{") and line.endswith("}") for line in lines)

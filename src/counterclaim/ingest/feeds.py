"""RSS and Atom feeds: one document per entry, parsed by feedparser.

An entry's text is its full content when the feed carries it, else its summary, with
the HTML stripped (blocks become paragraphs). The outlet is the feed's title. An entry
with no zone on its date is taken as UTC (feedparser normalises to UTC).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import feedparser
import lxml.etree
import lxml.html

from counterclaim.errors import InputError
from counterclaim.ingest.document import new_document
from counterclaim.models import Document

_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "section", "article"}


def read(path: str, text: str) -> list[Document]:
    """The documents of a feed, one per entry that has text."""
    feed = _parse(path, text)
    if not feed.entries:
        problem = feed.get("bozo_exception")
        reason = f"not a valid RSS or Atom feed ({problem})" if problem else "the feed has no entries"
        raise InputError(path, f"{reason}; check that the file is the feed itself")
    outlet = feed.feed.get("title")
    documents = [doc for entry in feed.entries if (doc := _entry(path, entry, outlet)) is not None]
    if not documents:
        raise InputError(path, "no feed entry has any text (no content or summary)")
    return documents


def _parse(path: str, text: str) -> feedparser.FeedParserDict:
    """Parse from a byte stream (a plain string could be taken for a URL or a file name)."""
    stream = io.BytesIO(text.encode("utf-8"))
    headers = {"content-type": "application/xml; charset=utf-8"}  # the text is already decoded
    try:
        return feedparser.parse(stream, response_headers=headers, resolve_relative_uris=False, sanitize_html=True)
    except Exception as exc:  # a third-party parser boundary: any failure means "cannot read this feed"
        raise InputError(path, f"cannot parse the feed ({type(exc).__name__}: {exc})") from None


def _entry(path: str, entry: feedparser.FeedParserDict, outlet: str | None) -> Document | None:
    body = html_to_text(_entry_html(entry))
    if not body:
        return None
    meta = {k: entry[k] for k in ("id", "author") if isinstance(entry.get(k), str)}
    return new_document(
        path,
        body,
        kind="feed",
        title=entry.get("title"),
        outlet=outlet,
        url=entry.get("link"),
        published=_published(entry),
        meta={("guid" if k == "id" else k): v for k, v in meta.items()},
        where=f"entry {entry.get('title') or entry.get('id') or ''!r}: ",
    )


def _entry_html(entry: feedparser.FeedParserDict) -> str:
    for content in entry.get("content") or []:
        if content.get("value", "").strip():
            return content["value"]
    return entry.get("summary") or ""


def _published(entry: feedparser.FeedParserDict) -> datetime | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        return datetime(*stamp[:6], tzinfo=UTC) if stamp else None
    except (TypeError, ValueError, OverflowError):
        return None


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment, one paragraph per block element."""
    text = _fragment_text(markup) if "<" in markup else markup
    paragraphs = (_tidy(p) for p in text.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _fragment_text(markup: str) -> str:
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.LxmlError, ValueError):
        return ""
    for element in root.iter():
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCKS:  # a break on both sides: text just before a block is a paragraph too
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    return root.text_content()


def _tidy(paragraph: str) -> str:
    """Collapse runs of spaces inside each line; keep the line breaks of ``<br>``."""
    return "\n".join(" ".join(line.split()) for line in paragraph.splitlines() if line.strip())

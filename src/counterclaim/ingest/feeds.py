"""RSS and Atom feeds: one document per entry, parsed by feedparser.

An entry's text is its full content when the feed carries it, else its summary. HTML
content (the usual case) is turned into text: tags stripped, blocks become paragraphs,
escapes such as ``&amp;`` decoded; content the feed marks as plain text is kept as it
is. The outlet is the feed's title. An entry with no zone on its date is taken as UTC
(feedparser normalises to UTC).

Identity: an entry's guid (``<guid>``, Atom ``<id>``) is its document id, so a corrected
entry re-read later updates the stored one. A guid that is a URI (``https://…``,
``urn:…``, ``tag:…``) is global; any other is scoped by the feed's link (or title).

Damage is said, not hidden: a feed cut short (no closing root tag) keeps the entries
that closed before the cut and reports the file; an entry that cannot become a document
costs only itself (:class:`~counterclaim.ingest.document.PartialRead`).
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import feedparser
import lxml.etree
import lxml.html

from counterclaim.errors import InputError
from counterclaim.ingest.document import PartialRead, collect, new_document
from counterclaim.models import Document, content_id

_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "section", "article"}
_ROOT_START = re.compile(r"<\s*(?:[\w.-]+:)?(?:rss|feed|rdf)[\s>]", re.IGNORECASE)
_ROOT_END = re.compile(r"</\s*(?:[\w.-]+:)?(?:rss|feed|rdf)\s*>", re.IGNORECASE)
_ENTRY_END = re.compile(r"</\s*(?:[\w.-]+:)?(?:item|entry)\s*>", re.IGNORECASE)
_URI = re.compile(r"[a-z][a-z0-9+.-]*:\S", re.IGNORECASE)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")  # what lxml refuses in a string


def read(path: str, text: str) -> list[Document]:
    """The documents of a feed, one per entry that has text."""
    feed = _parse(path, text)
    complete = _complete_entries(text)
    entries = feed.entries if complete is None else feed.entries[:complete]
    if not entries:
        problem = feed.get("bozo_exception")
        reason = f"not a valid RSS or Atom feed ({problem})" if problem else "the feed has no entries"
        if complete is not None:
            reason = "the feed is cut short before its first entry ends (no closing tag); download it again"
        raise InputError(path, f"{reason}; check that the file is the feed itself")
    documents, errors = _documents(path, feed, entries)
    if complete is not None:
        errors.insert(0, f"the feed is cut short (it ends without its closing tag): only the {complete} entries "
                         "complete before the cut were read; download the feed again")
        raise PartialRead(path, "; ".join(errors), documents) if documents else InputError(path, "; ".join(errors))
    if not documents and not errors:
        raise InputError(path, "no feed entry has any text (no content or summary)")
    return collect(path, documents, errors, ("entry", "entries"))


def _parse(path: str, text: str) -> feedparser.FeedParserDict:
    """Parse from a byte stream (a plain string could be taken for a URL or a file name)."""
    stream = io.BytesIO(text.encode("utf-8"))
    headers = {"content-type": "application/xml; charset=utf-8"}  # the text is already decoded
    try:
        return feedparser.parse(stream, response_headers=headers, resolve_relative_uris=False, sanitize_html=True)
    except Exception as exc:  # a third-party parser boundary: any failure means "cannot read this feed"
        raise InputError(path, f"cannot parse the feed ({type(exc).__name__}: {exc})") from None


def _complete_entries(text: str) -> int | None:
    """None for a whole feed (or text that is no feed at all); for a feed cut short (its root element
    opens but never closes), how many entries closed before the cut."""
    if not _ROOT_START.search(text[:65536]) or _ROOT_END.search(text[-65536:]):
        return None
    return len(_ENTRY_END.findall(text))


def _documents(path: str, feed: feedparser.FeedParserDict,
               entries: list) -> tuple[list[Document], list[str]]:
    """The entries' documents, and the reasons of those that could not become one."""
    outlet = feed.feed.get("title")
    scope = feed.feed.get("link") or feed.feed.get("id") or outlet or ""
    documents: list[Document] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, 1):
        try:
            doc = _entry(path, entry, outlet, scope)
        except InputError as exc:
            errors.append(exc.reason)
            continue
        if doc is None:
            continue
        earlier = seen.setdefault(doc.id, number)
        if earlier != number:
            errors.append(f"entry {number}: its guid {entry.get('id')!r} is also entry {earlier}'s; "
                          "each entry needs its own")
        else:
            documents.append(doc)
    return documents, errors


def _entry(path: str, entry: feedparser.FeedParserDict, outlet: str | None, scope: str) -> Document | None:
    body = _entry_text(entry)
    if not body:
        return None
    guid = entry.get("id") if isinstance(entry.get("id"), str) and entry.get("id").strip() else None
    meta = {k: entry[k] for k in ("id", "author") if isinstance(entry.get(k), str)}
    title = _text_of(entry.get("title"), entry.get("title_detail"))
    return new_document(
        path,
        body,
        kind="feed",
        doc_id=_doc_id(scope, guid.strip()) if guid else None,
        title=title,
        outlet=outlet,
        url=entry.get("link"),
        published=_published(entry),
        meta={("guid" if k == "id" else k): v for k, v in meta.items()},
        where=f"entry {title or guid or ''!r}: ",
    )


def _doc_id(scope: str, guid: str) -> str:
    """A guid that is a URI names the entry everywhere; any other only within its feed."""
    return content_id("doc", "feed", guid) if _URI.match(guid) else content_id("doc", "feed", scope, guid)


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    """The entry's full content if it has some, else its summary, as text."""
    for content in entry.get("content") or []:
        if content.get("value", "").strip():
            return _text_of(content["value"], content)
    return _text_of(entry.get("summary") or "", entry.get("summary_detail"))


def _text_of(value: object, detail: object) -> str:
    """``value`` as text: HTML (feedparser's usual type) is converted, plain text kept as written."""
    if not isinstance(value, str):
        return ""
    kind = detail.get("type", "text/html") if isinstance(detail, dict) else "text/html"
    if kind == "text/plain":
        return "\n\n".join(p for p in (_tidy(p) for p in value.split("\n\n")) if p)
    return html_to_text(value)


def _published(entry: feedparser.FeedParserDict) -> datetime | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        return datetime(*stamp[:6], tzinfo=UTC) if stamp else None
    except (TypeError, ValueError, OverflowError):
        return None


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment, one paragraph per block element, escapes decoded.

    Characters no XML parser takes (control characters such as a vertical tab, lone
    surrogates) become spaces first: they are never text worth keeping.
    """
    text = _fragment_text(_NOT_XML.sub(" ", markup)) if ("<" in markup or "&" in markup) else markup
    paragraphs = (_tidy(p) for p in text.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _fragment_text(markup: str) -> str:
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.LxmlError, ValueError):
        return ""
    for element in root.iter():
        if element.tag == "br":
            element.tail = "\n" + _clean(element.tail)
        elif element.tag in _BLOCKS:  # a break on both sides: text just before a block is a paragraph too
            element.text = "\n\n" + _clean(element.text)
            element.tail = "\n\n" + _clean(element.tail)
    return root.text_content()


def _clean(text: str | None) -> str:
    """Parsed text as lxml will take it back: a character reference such as ``&#1;`` can put back
    what :data:`_NOT_XML` took out of the markup."""
    return _NOT_XML.sub(" ", text or "")


def _tidy(paragraph: str) -> str:
    """Collapse runs of spaces (and stray control characters) inside each line; keep the line breaks of ``<br>``."""
    lines = (" ".join(_NOT_XML.sub(" ", line).split()) for line in paragraph.splitlines())
    return "\n".join(line for line in lines if line)

"""HTML pages: the main article text and its metadata, extracted by trafilatura.

Trafilatura drops navigation, ads and comments and gives one line per block; we
separate blocks with a blank line, the paragraph convention of every other reader.
A page whose main text cannot be found falls back to trafilatura's baseline (all
visible body text), so truncated or broken HTML still yields what text it has.
"""

from __future__ import annotations

import logging

import trafilatura

from counterclaim.errors import InputError
from counterclaim.ingest.dates import parse_time
from counterclaim.ingest.document import new_document
from counterclaim.models import Document

_DATE_PARAMS = {  # the page's own publication time, to the second; no guessing from dates in the body
    "original_date": True,
    "extensive_search": False,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
    "deferred_url_extractor": True,  # a /2023/05/12/ in the URL must not beat the metadata's exact time
}
logging.getLogger("trafilatura").setLevel(logging.ERROR)  # it logs every short page as a warning
logging.getLogger("htmldate").setLevel(logging.ERROR)


def read(path: str, text: str) -> list[Document]:
    """One document: the page's main text, title, outlet (site name), date and canonical url."""
    found = _extract(path, text)
    body = _main_text(found) or _baseline(text)
    if not body:
        raise InputError(path, "no article text found in the HTML; the page may be empty or built by JavaScript")
    return [
        new_document(
            path,
            body,
            kind="html",
            title=getattr(found, "title", None),
            outlet=getattr(found, "sitename", None),
            url=getattr(found, "url", None),
            published=parse_time(getattr(found, "date", None)),
        )
    ]


def _extract(path: str, text: str) -> object | None:
    """Trafilatura's extraction, or None when it finds nothing; its internal errors become InputError."""
    try:
        return trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, favor_recall=True, date_extraction_params=_DATE_PARAMS
        )
    except RecursionError:
        raise InputError(path, "the HTML is nested too deeply to parse; simplify or re-save the page") from None
    except Exception as exc:  # a third-party parser boundary: any failure means "cannot read this page"
        raise InputError(path, f"cannot parse the HTML ({type(exc).__name__}: {exc}); re-save the page") from None


def _main_text(found: object | None) -> str:
    lines = (getattr(found, "text", None) or "").splitlines()
    return "\n\n".join(line.strip() for line in lines if line.strip())


def _baseline(text: str) -> str:
    try:
        _, body, _ = trafilatura.baseline(text)
    except Exception:  # the fallback is best effort; the caller reports "no article text"
        return ""
    return "\n\n".join(line.strip() for line in (body or "").splitlines() if line.strip())

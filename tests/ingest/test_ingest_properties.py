"""Property tests: no input, however odd, makes a reader raise anything but InputError."""

from __future__ import annotations

import json
import os
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counterclaim.errors import InputError
from counterclaim.ingest import feeds, html, jsondoc, read_file, telegram, text
from counterclaim.models import Document

READERS = {
    "text": text.read,
    "html": html.read,
    "json": jsondoc.read,
    "jsonl": jsondoc.read_lines,
    "feed": feeds.read,
    "telegram": telegram.read,
}
PATHS = ["a.txt", "a.md", "a.html", "a.json", "a.jsonl", "a.xml", "a.rss", "noext", "a.bin"]
EXAMPLES = int(os.environ.get("INGEST_EXAMPLES", "60"))  # raise it for a thorough run, e.g. 5000
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
doc_keys = st.sampled_from(["id", "url", "outlet", "title", "published", "text", "extra"])
doc_objects = st.dictionaries(doc_keys, json_values | st.text(min_size=1, max_size=40), max_size=6)
entity = st.fixed_dictionaries({"type": st.sampled_from(["plain", "bold", "link"]), "text": json_values})
message = st.dictionaries(
    st.sampled_from(["id", "type", "date", "date_unixtime", "edited", "edited_unixtime", "text", "forwarded_from", "from"]),
    json_values | st.lists(st.text(max_size=10) | entity, max_size=4) | st.sampled_from(["message", "service"]),
    max_size=8,
)
exports = st.fixed_dictionaries(
    {"messages": st.lists(message | json_values, max_size=5)},
    optional={"name": json_values, "id": json_values, "type": json_values},
)


def visible(text: str) -> bool:
    """Text with something to see: a text of only spaces and zero-width characters is no document."""
    return any(unicodedata.category(c) not in ("Cc", "Cf", "Zs", "Zl", "Zp") for c in text)


def only_input_errors(call, *args) -> list[Document]:
    """Run a reader; InputError is fine, anything else fails the test. Returned documents must be valid."""
    try:
        docs = call(*args)
    except InputError as exc:
        assert exc.reason
        return []
    for doc in docs:
        assert doc.text.strip() and "\x00" not in doc.text
        assert doc.published is None or doc.published.tzinfo is not None
        json.dumps(doc.model_dump(mode="json"))
    return docs


@pytest.mark.parametrize("kind", sorted(READERS))
@FAST
@given(source=st.text())
def test_readers_take_any_string(kind: str, source: str) -> None:
    only_input_errors(READERS[kind], f"input.{kind}", source)


@pytest.mark.parametrize("path", PATHS)
@FAST
@given(data=st.binary(max_size=2000))
def test_read_file_takes_any_bytes(path: str, data: bytes) -> None:
    only_input_errors(read_file, path, data)


@FAST
@given(value=json_values | doc_objects | st.lists(doc_objects, max_size=3))
def test_json_reader_takes_any_json(value: object) -> None:
    only_input_errors(jsondoc.read, "a.json", json.dumps(value))
    only_input_errors(jsondoc.read_lines, "a.jsonl", json.dumps(value))


@FAST
@given(export=exports)
def test_telegram_reader_takes_any_export_shaped_json(export: dict) -> None:
    docs = only_input_errors(telegram.read, "result.json", json.dumps(export))
    assert len({d.id for d in docs}) <= len(docs)


@FAST
@given(body=st.text(min_size=1).filter(lambda t: visible(t) and "\x00" not in t))
def test_json_text_is_kept_verbatim(body: str) -> None:
    [doc] = jsondoc.read("a.json", json.dumps({"text": body, "id": "x"}))
    assert doc.text == body


@FAST
@given(
    body=st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1).filter(
        lambda t: visible(t) and not t.startswith("---")
    )
)
def test_text_file_bytes_round_trip(body: str) -> None:
    [doc] = read_file("a.txt", body.encode("utf-8"))
    assert doc.text == body


MARKUP_TOKENS = [
    "<?xml version='1.0'?>", "<rss version='2.0'>", "</rss>", "<channel>", "</channel>", "<item>", "</item>",
    "<title>", "</title>", "<description>", "</description>", "<pubDate>", "</pubDate>", "<link>", "</link>",
    "<feed xmlns='http://www.w3.org/2005/Atom'>", "</feed>", "<entry>", "</entry>", "<content type='html'>",
    "</content>", "&lt;p&gt;", "&lt;/p&gt;", "<![CDATA[<p>x</p>]]>", "<html>", "<body>", "<article>", "<p>", "</p>",
    "<br>", "<script>", "</script>", "<meta charset='x'>", "&amp;", "&#0;", "&#xD800;", "Mon, 32 May 2023 25:00:00 GMT",
    "2023-05-12", "He said it. ", "\n", "\x0c", "\x00",
]
markup = st.lists(st.sampled_from(MARKUP_TOKENS) | st.text(max_size=8), max_size=40).map("".join)


@pytest.mark.parametrize("kind", ["html", "feed", "text"])
@FAST
@given(source=markup)
def test_readers_take_any_markup_soup(kind: str, source: str) -> None:
    only_input_errors(READERS[kind], f"input.{kind}", source)

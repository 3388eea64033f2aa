"""Hypothesis strategies for the fuzz campaign: generated and mutated inputs for every reader.

Each strategy draws ``(path, bytes)``: the path's extension picks the reader as ingest
would. *Generated* inputs are built from the format's own structure with hostile values
in every field (control, zero-width and bidi characters, lone surrogates as JSON
escapes, extreme dates, huge numbers, deep nesting, YAML aliases, CDATA and entity
tricks); *mutated* inputs take a real file of that format (the demo corpus and the
ingest fixtures) and flip, cut, splice, repeat and insert. :func:`long_texts` draws long
unpunctuated mixed-script text with control and bidi characters.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
SEED_DIRS = [ROOT / "demo" / "corpus", ROOT / "tests" / "ingest" / "fixtures" / "good"]

HOSTILE = [
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\t", "\r", "\r\n", "\n\n", "\u2028", "\u2029",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066",
    "\u2069", "\u061c", "\U0001f600", "\U000e0041", "\ufffd", "\uffff", "Ω", "é", "Київ", "Бахмут", "بغداد", "北京",
    "ﷺ", "𝕏", "&amp;", "&amp;amp;", "&#0;", "&#xD800;", "&#x1F600;", "&nbsp;", "&bogus;", "<", ">", "]]>",
    "<![CDATA[", "<!--", "-->", "<?xml?>", "---", "*a", "&a", "!!python/object:os.system", "{", "}", "[", "]", '"',
    "'", "\\", "%s", "{0}", "$(id)", "'; DROP TABLE documents; --", "../../etc/passwd", "9" * 40,
    "said", "claimed", "denied", "according to", "Kyiv said", "the ministry said", "up to 500",
]
WORDS = ["the", "ministry", "said", "troops", "advanced", "near", "Bakhmut", "Soledar", "Kyiv", "Moscow", "Wagner",
         "killed", "denied", "claimed", "two", "kilometres", "500", "Министерство", "обороны", "заявило", "Генштаб",
         "ЗСУ", "повідомив", "Бахмут", "вбито", "الجيش", "قال", "军队", "说", "Ωμέγα", "Prigozhin", "Пригожин"]
DATES = ["2023-05-12", "2023-05-12T10:00:00+03:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00",
         "Mon, 32 May 2023 25:00:00 GMT", "yesterday", "1e308", "-62135596800", "253402300800", "2023-13-45",
         "", " ", "\u200b2023-05-12"]

hostile = st.sampled_from(HOSTILE)
words = st.sampled_from(WORDS)
mostly_words = st.sampled_from(WORDS * 12 + [h for h in HOSTILE if h != "\x00"])  # still text, not binary
short_text = st.lists(hostile | words | st.text(max_size=12), max_size=12).map(" ".join)
scalars = (st.none() | st.booleans() | st.integers() | st.integers(min_value=10**40, max_value=10**60)
           | st.floats(allow_nan=False) | short_text | st.sampled_from(DATES))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(short_text, inner, max_size=4), max_leaves=16)


def deep(depth: int, leaf: object = None) -> object:
    value = leaf
    for _ in range(depth):
        value = {"x": value}
    return value


deep_values = st.integers(min_value=50, max_value=400).map(deep)
doc_keys = st.sampled_from(["id", "url", "outlet", "title", "published", "text", "meta", "extra", "messages"])


@st.composite
def documents(draw) -> dict:
    """A JSON document: usually well-typed fields with hostile content, sometimes wrong types, deep or extreme."""
    doc = {key: draw(short_text) for key in draw(st.lists(st.sampled_from(["id", "url", "outlet", "title"]),
                                                          unique=True, max_size=4))}
    if draw(st.integers(0, 2)):
        doc["published"] = draw(st.sampled_from(DATES[:2] * 4 + DATES) | st.integers())
    if not draw(st.integers(0, 3)):  # now and then a field of the wrong type, or nested hundreds deep
        doc.update(draw(st.dictionaries(doc_keys, json_values | deep_values | st.sampled_from(DATES), max_size=2)))
    if draw(st.integers(0, 5)):
        doc["text"] = draw(short_text | long_texts(max_words=200))
    return doc


def _dump(value: object, draw) -> str:
    """JSON text, sometimes with raw surrogate escapes and a huge integer spliced in."""
    text = json.dumps(value, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 9)) == 0:
        text = text.replace('"id": "', '"id": "\\ud800', 1).replace('"text": "', '"text": "\\udfff', 1)
    if draw(st.integers(0, 19)) == 0:
        text = text.replace('"id": ', '"id": ' + "7" * draw(st.integers(4000, 6000)) + ", \"_\": ", 1)
    return text


@st.composite
def generated_json(draw) -> tuple[str, bytes]:
    value = draw(st.one_of(documents(), documents(), documents(), st.lists(documents(), max_size=4), json_values))
    return "gen.json", _dump(value, draw).encode("utf-8", "surrogatepass")


@st.composite
def generated_jsonl(draw) -> tuple[str, bytes]:
    lines = [_dump(draw(documents()), draw) if draw(st.integers(0, 4)) else draw(short_text)
             for _ in range(draw(st.integers(1, 6)))]
    return "gen.jsonl", draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines).encode("utf-8", "surrogatepass")


@st.composite
def generated_telegram(draw) -> tuple[str, bytes]:
    entity = st.fixed_dictionaries({"type": st.sampled_from(["plain", "bold", "link", "hashtag"]),
                                    "text": short_text | json_values})
    optional = {key: json_values | st.sampled_from(DATES) for key in
                ("date", "date_unixtime", "edited", "edited_unixtime", "from", "forwarded_from", "reply_to_message_id")}
    message = st.fixed_dictionaries(
        {"id": st.integers(-10, 10**6) | short_text | json_values,
         "type": st.sampled_from(["message"] * 5 + ["service", "", "x"]),
         "text": short_text | long_texts(max_words=150) | st.lists(short_text | entity, max_size=4) | json_values},
        optional=optional)
    messages = draw(st.lists(message | message | json_values, max_size=6))
    export = {"name": draw(short_text | json_values), "type": "public_channel", "id": draw(json_values),
              "messages": messages}
    if draw(st.booleans()):
        export = {"chats": {"list": [export, {"messages": draw(st.lists(message, max_size=3))}]}}
    return "result.json", _dump(export, draw).encode("utf-8", "surrogatepass")


ATOM_TAGS = {"guid": "id", "pubDate": "published", "description": "summary"}


def _escape(value: str, draw) -> str:
    """Feed field text: usually escaped as XML, sometimes raw (hostile), sometimes in CDATA."""
    how = draw(st.integers(0, 3))
    if how == 0:
        return value
    if how == 1:
        return f"<![CDATA[{value}]]>"
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def generated_feed(draw) -> tuple[str, bytes]:
    atom = draw(st.booleans())
    entries = []
    for _ in range(draw(st.integers(0, 5))):
        fields = {name: _escape(draw(short_text | st.sampled_from(DATES)), draw)
                  for name in draw(st.lists(st.sampled_from(["title", "guid", "pubDate", "description", "content",
                                                             "link"]), unique=True, max_size=6))}
        if atom:
            body = "".join(f"<{ATOM_TAGS.get(k, k)}{' type=' + chr(34) + 'html' + chr(34) if k == 'content' else ''}>"
                           f"{v}</{ATOM_TAGS.get(k, k)}>" for k, v in fields.items())
            entries.append(f"<entry>{body}</entry>")
        else:
            body = "".join(f"<{k}>{v}</{k}>" if k != "content" else f"<content:encoded>{v}</content:encoded>"
                           for k, v in fields.items())
            entries.append(f"<item>{body}</item>")
    title = _escape(draw(short_text), draw)
    if atom:
        xml = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>{"".join(entries)}</feed>'
    else:
        xml = (f'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
               f"<channel><title>{title}</title>{''.join(entries)}</channel></rss>")
    if draw(st.integers(0, 4)) == 0:
        xml = xml[: draw(st.integers(0, len(xml)))]  # cut short
    return draw(st.sampled_from(["gen.xml", "gen.rss", "gen.atom"])), xml.encode("utf-8", "surrogatepass")


HTML_TOKENS = ["<!DOCTYPE html>", "<html>", "</html>", "<head>", "</head>", "<body>", "</body>", "<title>", "</title>",
               "<meta charset='utf-16'>", "<meta charset='rot13'>", "<meta property='og:site_name' content='X'>",
               "<meta name='date' content='9999-12-31T23:59:59-12:00'>", "<article>", "</article>", "<p>", "</p>",
               "<div>", "</div>" * 3, "<script>alert(1)</script>", "<style>p{}</style>", "<br>", "<h1>", "</h1>",
               "<table><tr><td>", "</td></tr></table>", "<!--", "-->", "<![CDATA[", "]]>", "<svg onload=alert(1)>",
               "<a href='javascript:alert(1)'>", "</a>", "<div>" * 200, "<b>" * 50]


@st.composite
def generated_html(draw) -> tuple[str, bytes]:
    parts = draw(st.lists(st.sampled_from(HTML_TOKENS) | short_text, max_size=40))
    return draw(st.sampled_from(["gen.html", "gen.htm", "gen"])), "".join(parts).encode("utf-8", "surrogatepass")


YAML_VALUES = ["2023-05-12", "2023-13-45", "0001-01-01T00:00:00+14:00", "&a [1, 2]", "*a", "*undefined",
               "!!python/object/apply:os.system ['id']", "[[[[[[[[[[", "{a: {b: {c: [1]}}}", "1" * 5000, "~", "'", '"',
               "|\n  block", ">-\n  folded", "!!binary aGVsbG8=", "\u200b", "- a\n- b", ": :", "? key"]


@st.composite
def generated_text(draw) -> tuple[str, bytes]:
    body = draw(short_text | long_texts())
    if draw(st.booleans()):
        keys = st.sampled_from(["title", "outlet", "published", "url", "id", "tags", "a", "b", "<<"])
        lines = [f"{draw(keys)}: {draw(st.sampled_from(YAML_VALUES) | short_text)}"
                 for _ in range(draw(st.integers(0, 6)))]
        body = "---\n" + "\n".join(lines) + "\n---\n" + body
    path = draw(st.sampled_from(["gen.txt", "gen.md", "gen.markdown", "gen"]))
    return path, body.encode(draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "utf-16-le"])), "surrogatepass")


@st.composite
def long_texts(draw, max_words: int = 800) -> str:
    """Long, unpunctuated, mixed-script text, with control, zero-width and bidi characters scattered in."""
    count = draw(st.integers(min_value=50, max_value=max_words))
    tokens = draw(st.lists(mostly_words, min_size=count, max_size=count))
    return " ".join(tokens)


# -- mutation of real files ------------------------------------------------------------------------

def seeds(suffixes: tuple[str, ...], telegram: bool | None = None) -> list[tuple[str, bytes]]:
    """Real files with one of ``suffixes`` (``telegram``: only exports / never exports)."""
    found = []
    for folder in SEED_DIRS:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or not path.name.lower().endswith(suffixes):
                continue
            data = path.read_bytes()
            if telegram is not None and (b'"messages"' in data) != telegram:
                continue
            found.append((path.name, data))
    return found


@st.composite
def mutated(draw, pool: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    """A real file with 1 to 8 mutations: byte flips, cuts, repeats, insertions, splices, truncation."""
    name, data = draw(st.sampled_from(pool))
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.integers(0, 5))
        if op == 0 and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        elif op == 1:
            del data[at:at + draw(st.integers(1, 200))]
        elif op == 2:
            data[at:at] = draw(hostile | short_text).encode("utf-8", "surrogatepass")
        elif op == 3:
            data[at:at] = data[at:at + draw(st.integers(1, 400))] * draw(st.integers(1, 5))
        elif op == 4:
            _, other = draw(st.sampled_from(pool))
            start = draw(st.integers(0, len(other)))
            data[at:at] = other[start:start + draw(st.integers(1, 800))]
        else:
            del data[at:]
    return name, bytes(data)


def reader_inputs() -> dict[str, st.SearchStrategy[tuple[str, bytes]]]:
    """For each reader: half generated, half mutated from real files of its format."""
    pools = {
        "text": seeds((".txt",)), "markdown": seeds((".md",)), "html": seeds((".html", ".htm")),
        "json": seeds((".json",), telegram=False), "jsonl": seeds((".jsonl",)),
        "feed": seeds((".xml", ".rss", ".atom")), "telegram": seeds((".json",), telegram=True),
    }
    generated = {"text": generated_text(), "markdown": generated_text().map(lambda p: ("gen.md", p[1])),
                 "html": generated_html(), "json": generated_json(), "jsonl": generated_jsonl(),
                 "feed": generated_feed(), "telegram": generated_telegram()}
    return {name: generated[name] | mutated(pool) for name, pool in pools.items()}

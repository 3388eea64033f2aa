"""The bundled demo corpus (demo/): every file is a valid example of its format, the gold is exact.

The corpus is what `make demo` runs on and the gold is our held-out test set, so a
broken file or a span that drifted from its text would silently spoil both. The
format checks use only the standard library (plus PyYAML for front matter), so
they hold whatever the ingest readers do; the last test runs the real readers
once `counterclaim.ingest.read_file` exists.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse
from xml.etree import ElementTree

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "demo"
CORPUS = DEMO / "corpus"
GOLD = DEMO / "gold"
SHARED = REPO / "../shared"

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
FICTIONAL_HOSTS = ("example.org", "example.com")
FIRST_DAY, LAST_DAY = date(2023, 5, 5), date(2023, 5, 25)
SIDES = {"russia", "ukraine", "wagner", "western", "third_party", "media", "unknown"}
BOUNDS = {"exact", "at_least", "at_most", "approx", "range"}
VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr", "area", "base", "col", "embed", "track"}


def files(pattern: str) -> list[Path]:
    """Corpus files matching a glob, sorted (the tests are parametrised over them)."""
    return sorted(CORPUS.glob(pattern))


HTML = files("html/*.html")
TELEGRAM = files("telegram/*/result.json")
RSS = files("feeds/*.rss.xml")
ATOMS = files("feeds/*.atom.xml")
JSON_DOCS = files("json/*.json")
JSONL = files("json/*.jsonl")
TEXTS = files("text/*.txt") + files("text/*.md")
ALL = HTML + TELEGRAM + RSS + ATOMS + JSON_DOCS + JSONL + TEXTS


def ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(CORPUS)) for p in paths]


def words(text: str) -> int:
    return len(text.split())


def aware_in_may(when: datetime) -> None:
    """Publication times carry a zone and fall in the days the corpus covers."""
    assert when.tzinfo is not None, f"{when} has no time zone"
    assert FIRST_DAY <= when.astimezone(UTC).date() <= LAST_DAY, when


class PageParser(HTMLParser):
    """Collects what a news page must have: title, meta tags, balanced elements, the article's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.seen: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self.article: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.seen.append(tag)
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[a.get("property") or a.get("name")] = a.get("content") or ""
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "title":
            self.title += data
        if "article" in self.stack and not {"script", "style"} & set(self.stack):
            self.article.append(data)


def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def front_matter(path: Path) -> tuple[dict, str]:
    """The YAML header and the body of a text or Markdown report."""
    match = re.match(r"---\n(.*?)\n---\n(.*)", path.read_text(encoding="utf-8"), re.S)
    assert match, f"{path.name}: no YAML front matter between --- lines"
    return yaml.safe_load(match.group(1)), match.group(2)


def json_documents() -> list[dict]:
    """Every document in the FORMAT.md document format, from .json and .jsonl files."""
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in JSON_DOCS]
    for path in JSONL:
        docs += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return docs


def message_text(message: dict) -> str:
    """A Telegram Desktop message's text: a string, or a list of strings and entity objects."""
    text = message["text"]
    return text if isinstance(text, str) else "".join(p if isinstance(p, str) else p["text"] for p in text)


def reports() -> list[tuple[str, str]]:
    """(name, text) for every report in the corpus, whatever its format."""
    out = [(p.name, "".join(parse_page(p).article)) for p in HTML]
    for path in TELEGRAM:
        export = json.loads(path.read_text(encoding="utf-8"))
        out += [(f"{path.parent.name}#{m['id']}", message_text(m)) for m in export["messages"] if m["type"] == "message"]
    for path in RSS:
        out += [(i.findtext("link"), re.sub("<[^>]+>", " ", i.findtext(CONTENT))) for i in ElementTree.parse(path).iter("item")]
    for path in ATOMS:
        out += [(e.findtext(f"{ATOM}id"), re.sub("<[^>]+>", " ", e.findtext(f"{ATOM}content")))
                for e in ElementTree.parse(path).getroot().iter(f"{ATOM}entry")]
    out += [(d["id"], d["text"]) for d in json_documents()]
    out += [(p.name, front_matter(p)[1]) for p in TEXTS]
    return out


# --- coverage ---------------------------------------------------------------------------------


def test_corpus_covers_every_supported_format():
    assert 5 <= len(HTML) <= 6
    assert len(TELEGRAM) == 2
    assert len(RSS) == 1 and len(ATOMS) == 1
    assert 4 <= len(JSON_DOCS) <= 5 and len(JSONL) == 1
    assert 3 <= len(TEXTS) <= 4
    assert {p.suffix for p in TEXTS} == {".txt", ".md"}
    assert not [p for p in CORPUS.rglob("*") if p.is_file() and p not in ALL], "a corpus file no test checks"


def test_corpus_has_20_to_26_reports_of_80_to_300_words():
    found = reports()
    assert 20 <= len(found) <= 26
    assert not [(name, words(text)) for name, text in found if not 80 <= words(text) <= 300]


@pytest.mark.parametrize("name", ["Bakhmut", "Soledar", "Klishchiivka", "Ivanivske", "Khromove", "Berkhivka",
                                  "Chasiv Yar", "south-west of", "Maliar", "Syrskyi", "Cherevatyi", "Prigozhin",
                                  "Peskov", "Ministry of Defence", "Institute for the Study of War",
                                  "Defence Intelligence", "Zelensky", "Hiroshima", "more than", "up to",
                                  "as many as", "about", "at least", "denied", "rejected", "dismissed",
                                  "according to", "Both", "overnight", "late on", "yesterday", "this week"])
def test_corpus_uses_the_places_speakers_and_phrasings_the_pipeline_must_handle(name):
    assert any(name.lower() in text.lower() for _, text in reports()), name


def test_every_url_is_fictional():
    urls = [u for p in ALL for u in re.findall(r"https?://[^\s\"'<>)\]]+", p.read_text(encoding="utf-8"))]
    urls = [u for u in urls if not u.startswith(("http://www.w3.org/", "http://purl.org/"))]  # XML namespaces
    assert urls
    assert not [u for u in urls if not urlparse(u).hostname.endswith(FICTIONAL_HOSTS)]


# --- formats -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", HTML, ids=ids(HTML))
def test_html_page_is_a_full_news_page(path):
    page = parse_page(path)
    assert not page.errors and not page.stack, page.errors or f"unclosed {page.stack}"
    assert page.seen[:3] == ["html", "head", "meta"] and "title" in page.seen and page.title.strip()
    assert page.seen.count("article") == 1 and "nav" in page.seen and "footer" in page.seen
    assert page.meta.get("og:site_name")
    published = page.meta.get("article:published_time") or page.meta.get("date")
    aware_in_may(datetime.fromisoformat(published))


@pytest.mark.parametrize("path", TELEGRAM, ids=ids(TELEGRAM))
def test_telegram_export_follows_the_desktop_schema(path):
    export = json.loads(path.read_text(encoding="utf-8"))
    assert set(export) == {"name", "type", "id", "messages"} and export["type"] == "public_channel"
    messages = export["messages"]
    assert 3 <= len(messages) <= 5 and [m["id"] for m in messages] == sorted(m["id"] for m in messages)
    assert [m["type"] for m in messages].count("service") == 1
    for m in messages:
        when = datetime.fromisoformat(m["date"]).replace(tzinfo=UTC)
        assert int(m["date_unixtime"]) == when.timestamp()
        assert message_text(m) == "".join(e["text"] for e in m["text_entities"])
        if m["type"] == "message":
            assert m["from"] == export["name"] and m["from_id"] == f"channel{export['id']}"
            assert isinstance(m["text"], list) and any(isinstance(p, dict) for p in m["text"])
            aware_in_may(when)
        else:
            assert m["action"] and m["actor"] == export["name"]


def test_telegram_exports_carry_edits_forwards_and_entities():
    messages = [m for p in TELEGRAM for m in json.loads(p.read_text(encoding="utf-8"))["messages"]]
    assert any("edited" in m for m in messages) and any("forwarded_from" in m for m in messages)
    kinds = {e["type"] for m in messages for e in m["text_entities"]}
    assert {"plain", "bold", "hashtag", "link", "text_link"} <= kinds


@pytest.mark.parametrize("path", RSS, ids=ids(RSS))
def test_rss_feed_is_rss_2(path):
    root = ElementTree.parse(path).getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("channel/item")
    assert 3 <= len(items) <= 4
    for item in items:
        assert item.findtext("title") and item.findtext("description") and item.findtext(CONTENT)
        aware_in_may(parsedate_to_datetime(item.findtext("pubDate")))


@pytest.mark.parametrize("path", ATOMS, ids=ids(ATOMS))
def test_atom_feed_is_atom(path):
    root = ElementTree.parse(path).getroot()
    assert root.tag == f"{ATOM}feed" and root.findtext(f"{ATOM}id") and root.findtext(f"{ATOM}updated")
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 3
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}content")
        aware_in_may(datetime.fromisoformat(entry.findtext(f"{ATOM}updated")))


def test_json_documents_follow_the_document_format():
    docs = json_documents()
    assert 6 <= len(docs) <= 8 and len({d["id"] for d in docs}) == len(docs)
    assert sum(1 for line in JSONL[0].read_text(encoding="utf-8").splitlines() if line.strip()) in (2, 3)
    for doc in docs:
        assert set(doc) == {"id", "url", "outlet", "title", "published", "text"}
        assert all(isinstance(doc[k], str) and doc[k] for k in doc)
        assert "\n\n" in doc["text"] and "\n\n\n" not in doc["text"] and doc["text"] == doc["text"].strip()
        aware_in_may(datetime.fromisoformat(doc["published"]))


@pytest.mark.parametrize("path", TEXTS, ids=ids(TEXTS))
def test_text_report_has_front_matter(path):
    meta, body = front_matter(path)
    assert set(meta) == {"title", "outlet", "published", "url"} and body.strip()
    published = meta["published"]
    aware_in_may(published if isinstance(published, datetime) else datetime.fromisoformat(published))


# --- gold --------------------------------------------------------------------------------------


def gold_files() -> list[Path]:
    return sorted(p for p in GOLD.glob("*.json") if p.name != "propositions.json")


def texts_by_id() -> dict[str, str]:
    return {d["id"]: d["text"] for d in json_documents()}


def test_every_json_document_has_gold_and_every_gold_file_a_document():
    assert {p.stem for p in gold_files()} == set(texts_by_id())
    assert 5 <= len(gold_files()) <= 7


@pytest.mark.parametrize("path", gold_files(), ids=[p.stem for p in gold_files()])
def test_gold_spans_match_the_text_at_their_offsets(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = texts_by_id()[gold["id"]]
    assert gold["id"] == path.stem and gold["claims"]
    assert len({c["id"] for c in gold["claims"]}) == len(gold["claims"])
    for claim in gold["claims"]:
        for role in ("speaker", "cue", "content"):
            span = claim[role]
            if span is None and role == "cue":
                continue
            assert text[span["start"]:span["end"]] == span["text"], (claim["id"], role)
            assert span["text"] == span["text"].strip() and span["text"]


@pytest.mark.parametrize("path", gold_files(), ids=[p.stem for p in gold_files()])
def test_gold_labels_use_the_format_vocabulary(path):
    text = texts_by_id()[path.stem]
    for claim in json.loads(path.read_text(encoding="utf-8"))["claims"]:
        assert claim["speaker_side"] in SIDES and claim["stance"] in {"asserts", "denies"}
        assert all(q["bound"] in BOUNDS and isinstance(q["value"], (int, float)) for q in claim["quantities"])
        for place in claim["places"]:  # Artemovsk is annotated as Bakhmut, its name until 2016
            assert place in text or (place == "Bakhmut" and "Artemovsk" in text), (claim["id"], place)
        if "event_date" in claim:
            assert FIRST_DAY <= date.fromisoformat(claim["event_date"]) <= LAST_DAY


# --- provenance --------------------------------------------------------------------------------


def shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text.lower())
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def test_corpus_shares_no_passage_with_the_shared_examples():
    """Our writing, not a copy: no run of eight words in common with ../shared's example and seed."""
    sources = sorted(SHARED.glob("examples/*.txt")) + sorted(SHARED.glob("eval/seed/articles/*.json"))
    if not sources:
        pytest.skip("../shared is absent")
    theirs = set().union(*(shingles(p.read_text(encoding="utf-8")) for p in sources))
    ours = set().union(*(shingles(text) for _, text in reports()))
    assert not ours & theirs


# --- the real readers --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def read_file():
    ingest = pytest.importorskip("counterclaim.ingest")
    if not hasattr(ingest, "read_file"):
        pytest.skip("counterclaim.ingest.read_file is not built yet")
    return ingest.read_file


@pytest.mark.parametrize("path", ALL, ids=ids(ALL))
def test_every_corpus_file_ingests(path, read_file):
    documents = read_file(str(path))
    assert documents and all(d.text.strip() for d in documents)
    assert all(d.published is not None and d.published.tzinfo is not None for d in documents)


def test_json_documents_ingest_verbatim_so_gold_offsets_hold(read_file):
    expected = texts_by_id()
    ingested = {d.text for p in JSON_DOCS + JSONL for d in read_file(str(p))}
    assert set(expected.values()) <= ingested

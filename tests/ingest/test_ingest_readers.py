"""Each reader on a good fixture of its format, and on the broken ones: what comes out, and why not."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from counterclaim.errors import InputError
from counterclaim.ingest import read_file
from counterclaim.ingest.document import PartialRead
from counterclaim.ingest.feeds import html_to_text
from counterclaim.ingest.read import read_text
from counterclaim.ingest.telegram import flatten
from counterclaim.models import Document


def read(fixtures: Path, name: str) -> list[Document]:
    return read_file(str(fixtures / name))


def test_plain_text_is_kept_verbatim(fixtures: Path) -> None:
    [doc] = read(fixtures, "good/report.txt")
    assert doc.text == (fixtures / "good/report.txt").read_text(encoding="utf-8")
    assert doc.source_kind == "text"
    assert doc.id == Document.make_id(doc.text)


def test_markdown_front_matter_gives_metadata_and_the_body_verbatim(fixtures: Path) -> None:
    [doc] = read(fixtures, "good/briefing.md")
    assert doc.title == "Defence ministry briefing, day two"
    assert doc.outlet == "Example Wire"
    assert doc.url == "https://news.example.org/briefing-day-two"
    assert doc.published == datetime(2023, 5, 13, 9, 30, tzinfo=UTC)  # no zone given: UTC
    assert doc.text.startswith("# Defence ministry briefing\n\nThe ministry said")
    assert doc.meta == {"tags": ["briefing", "frontline"]}
    assert doc.source_kind == "markdown"


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("---\ntitle: ok\n  bad indent: x\n---\nBody text.", "front matter line 3: mapping values"),
        ("---\n- a list\n---\nBody text.", "not a mapping"),
        ("---\npublished: next tuesday\n---\nBody text.", "cannot read the date"),
        ("---\ntitle: Only metadata\n---\n  \n", "no text after the front matter"),
    ],
)
def test_bad_front_matter_is_reported(source: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        read_text("a.md", source)


def test_html_gives_main_text_and_metadata_without_navigation(fixtures: Path) -> None:
    [doc] = read(fixtures, "good/article.html")
    assert doc.title == "Claims and denials around the city"
    assert doc.outlet == "Example Post"
    assert doc.url == "https://post.example.org/claims-and-denials"
    assert doc.published == datetime(2023, 5, 12, 15, 45, tzinfo=UTC)
    assert "advanced about two kilometres" in doc.text
    assert "\n\n" in doc.text  # paragraphs separated by a blank line
    assert "Sport" not in doc.text and "All rights reserved" not in doc.text
    assert doc.source_kind == "html"


def test_html_time_comes_from_metadata_even_when_the_url_has_a_date() -> None:
    page = (
        '<html><head><link rel="canonical" href="https://x.example.org/2023/05/12/story">'
        '<meta property="article:published_time" content="2023-05-12T17:45:00+03:00"></head>'
        "<body><article><p>The ministry said all attacks north of the city had been repelled overnight.</p></article></body></html>"
    )
    [doc] = read_text("page.html", page)
    assert doc.published == datetime(2023, 5, 12, 14, 45, tzinfo=UTC)
    assert doc.url == "https://x.example.org/2023/05/12/story"


def test_truncated_html_still_yields_its_text(fixtures: Path) -> None:
    [doc] = read(fixtures, "good/truncated.html")
    assert doc.text.endswith("but work was halted by")


def test_declared_latin1_html_decodes(fixtures: Path) -> None:
    [doc] = read(fixtures, "good/declared-latin1.html")
    assert "Le ministère a déclaré" in doc.text


def test_html_without_article_text_is_refused(fixtures: Path) -> None:
    with pytest.raises(InputError, match="no article text found"):
        read(fixtures, "broken/no-text.html")


def test_json_list_keeps_given_ids_and_hashes_the_rest(fixtures: Path) -> None:
    first, second = read(fixtures, "good/docs.json")
    assert first.id == "wire-0412"
    assert first.published == datetime(2023, 5, 11, tzinfo=UTC)
    assert first.text == "Local officials said shelling damaged a school overnight.\n\nNo casualties were reported, the mayor said."
    assert second.id == Document.make_id(second.text, "Example Daily", None, "Ministry denies losses")
    assert second.published.utcoffset().total_seconds() == 7200
    assert second.meta == {"section": "world"}


def test_single_json_object_is_one_document() -> None:
    [doc] = read_text("one.json", '{"id": "a1", "text": "The mayor said so."}')
    assert (doc.id, doc.text, doc.source_kind) == ("a1", "The mayor said so.", "json")


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ('{"id": "a"}', 'missing "text"'),
        ('[{"text": "fine"}, 3]', "item 2: expected a JSON object"),
        ('{"text": "x", "published": "soon"}', "cannot read the date"),
        ('{"text": "x", "title": 5}', '"title" must be a string'),
        ('{"text": "bad \\u0000 nul"}', "NUL character"),
        ('{"text": "lone \\ud800 surrogate"}', "unpaired surrogate"),
        ("[]", "empty"),
        ('[{"id": "a", "text": "One."}, {"id": "a", "text": "Two."}]', "item 2: id 'a' is also item 1's"),
    ],
)
def test_bad_json_documents_are_reported(source: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        read_text("docs.json", source)


def test_malformed_json_names_line_and_column(fixtures: Path) -> None:
    with pytest.raises(InputError) as info:
        read(fixtures, "broken/malformed.json")
    assert info.value.reason.startswith("line 4 column 3: Expecting ',' delimiter")


def test_jsonl_reads_every_line(fixtures: Path) -> None:
    docs = read(fixtures, "good/radio.jsonl")
    assert [d.id for d in docs] == ["line-1", "line-2"]
    assert {d.source_kind for d in docs} == {"jsonl"}


def test_jsonl_with_a_bad_line_keeps_the_good_lines_and_names_the_bad_one(fixtures: Path) -> None:
    with pytest.raises(PartialRead) as info:
        read(fixtures, "broken/mixed.jsonl")
    assert [d.id for d in info.value.documents] == ["mixed-1", "mixed-3"]
    assert "line 2 column" in info.value.reason
    assert isinstance(info.value, InputError)


def test_jsonl_repeated_id_is_a_bad_line() -> None:
    with pytest.raises(PartialRead, match="line 3: id 'a' is also line 1's") as info:
        read_text("x.jsonl", '{"id": "a", "text": "One."}\n\n{"id": "a", "text": "Two."}\n')
    assert [d.text for d in info.value.documents] == ["One."]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_jsonl_lines_are_split_on_newlines_only(separator: str) -> None:
    """JSON strings may hold these characters raw (``json.dumps(ensure_ascii=False)`` writes them so)."""
    text = f"Kyiv said the town held.{separator}Moscow denied it."
    source = json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n" + '{"id": "b", "text": "Two."}\n'
    docs = read_text("x.jsonl", source)
    assert [(d.id, d.text) for d in docs] == [("a", text), ("b", "Two.")]
    assert read_text("unnamed", source)[0].text == text  # sniffed as JSON Lines too


def test_rss_gives_one_document_per_entry_with_text(fixtures: Path) -> None:
    docs = read(fixtures, "good/feed.xml")
    assert [d.title for d in docs] == ["Counterattack claimed near the reservoir", "Drone attack on depot"]
    first, second = docs
    assert first.outlet == "Example Frontline Feed"
    assert first.url == "https://feed.example.org/items/1"
    assert first.published == datetime(2023, 5, 12, 11, 0, tzinfo=UTC)
    assert first.text == (
        "A brigade spokesman said troops recaptured two positions near the reservoir.\n\n"
        "The claim was denied by the regional occupation administration."
    )
    assert "<" not in second.text and "Firefighters were still at the scene." in second.text
    assert first.source_kind == "feed"


def test_atom_summary_is_used_when_there_is_no_content(fixtures: Path) -> None:
    [doc] = read(fixtures, "good/atom.xml")
    assert doc.text == "Analysts said they could not confirm claims of an advance west of the town."
    assert doc.outlet == "Example Atom Monitor"


def test_a_feed_that_is_not_xml_is_refused(fixtures: Path) -> None:
    with pytest.raises(InputError, match="not a valid RSS or Atom feed"):
        read(fixtures, "broken/not-a-feed.xml")


def test_html_to_text_makes_blocks_paragraphs() -> None:
    assert html_to_text("<p>One <b>bold</b>.</p><p>Two<br>lines</p>") == "One bold.\n\nTwo\nlines"


def test_html_to_text_breaks_before_a_block_as_well_as_after() -> None:
    """Text right before a block must not run into the block's first word."""
    assert html_to_text("Kyiv said it held.<p>Moscow denied it.</p>") == "Kyiv said it held.\n\nMoscow denied it."
    assert html_to_text("<div>Lead.<blockquote>Quote.</blockquote>After.</div>") == "Lead.\n\nQuote.\n\nAfter."


def test_telegram_export_one_document_per_text_message(fixtures: Path) -> None:
    docs = read(fixtures, "good/telegram/result.json")
    assert [d.meta["message_id"] for d in docs] == [2, 3, 4, 5]  # service message 1 and photo-only 6 skipped
    assert {d.outlet for d in docs} == {"Example Frontline Channel"}
    assert {d.source_kind for d in docs} == {"telegram"}
    by_id = {d.meta["message_id"]: d for d in docs}
    assert by_id[2].published == datetime(2023, 5, 11, 20, 10, tzinfo=UTC)  # from date_unixtime, not local `date`
    assert by_id[2].url == "tg://channel/1770012345/2"
    assert by_id[3].text == "Statements about breakthroughs do not correspond to reality, said the ministry. #frontline"
    assert by_id[4].meta["forwarded_from"] == "Example Volunteer Channel"
    assert by_id[5].meta["edited"] == "2023-05-12T10:20:00+00:00"


def test_telegram_ids_depend_on_channel_and_message_not_text(fixtures: Path) -> None:
    source = (fixtures / "good/telegram/result.json").read_text(encoding="utf-8")
    before = read_text("result.json", source)
    after = read_text("result.json", source.replace("All attacks were repelled.", "All attacks were repelled!"))
    assert [d.id for d in before] == [d.id for d in after]
    assert before[0].text != after[0].text


def test_telegram_text_entities_are_flattened() -> None:
    assert flatten(["a ", {"type": "bold", "text": "b"}, {"type": "link"}, " c"]) == "a b c"
    assert flatten("plain") == "plain"
    assert flatten(None) == ""


def test_full_account_export_reads_every_chat() -> None:
    chat = '{{"name": "{0}", "id": {1}, "messages": [{{"id": 1, "type": "message", "text": "{0} said so."}}]}}'
    export = f'{{"about": "x", "chats": {{"list": [{chat.format("A", 1)}, {chat.format("B", 2)}]}}}}'
    docs = read_text("result.json", export)
    assert [(d.outlet, d.url) for d in docs] == [("A", "tg://channel/1/1"), ("B", "tg://channel/2/1")]
    assert docs[0].id != docs[1].id


def test_json_sniffing_tells_telegram_from_documents() -> None:
    export = '{"name": "Chan", "id": 7, "messages": [{"id": 1, "type": "message", "text": "Said so."}]}'
    document = '{"text": "Said so.", "messages": [{"id": 1, "text": "a comment"}]}'
    assert read_text("x.json", export)[0].source_kind == "telegram"
    assert read_text("x.json", document)[0].source_kind == "json"


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ('{"text": "x said y"}\n{"text": "z said w"}\n', "jsonl"),
        ('{"text": "x said y"}', "json"),
        ('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>a</title>'
         "<description>He said it.</description></item></channel></rss>", "feed"),
        ("<html><body><article><p>The governor said the bridge was hit by a missile overnight.</p></article></body></html>", "html"),
        ("The governor said the bridge was hit.", "text"),
    ],
)
def test_stdin_content_is_sniffed(source: str, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    class Stdin:
        buffer = __import__("io").BytesIO(source.encode())

    monkeypatch.setattr("sys.stdin", Stdin)
    docs = read_file("-")
    assert docs[0].source_kind == kind
    assert docs[0].source_path == "<stdin>"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("broken/empty.txt", "empty file"),
        ("broken/blank.md", "empty file"),
        ("broken/random.bin", "binary file, not text"),
        ("broken/latin1-undeclared.txt", "not valid UTF-8 at byte 9; save it as UTF-8"),
    ],
)
def test_broken_files_name_the_reason(fixtures: Path, name: str, reason: str) -> None:
    with pytest.raises(InputError) as info:
        read(fixtures, name)
    assert info.value.path == str(fixtures / name)
    assert reason in info.value.reason


def test_missing_files_and_folders_are_reported(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_file(str(tmp_path / "absent.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read_file(str(tmp_path))
    with pytest.raises(InputError, match="matches no files"):
        read_file(str(tmp_path / "*.json"))


def test_read_file_takes_a_path_object_as_well_as_a_string(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Shelling was reported overnight near Kupiansk.", encoding="utf-8")
    [from_path] = read_file(path)
    [from_str] = read_file(str(path))
    assert from_path.text == from_str.text and from_path.source_path == str(path)

"""Hostile and careless input (issue #13, defects 2-4, 6, 8, 9): one bad file never stops a batch,
nothing hangs or grows without bound, nothing is skipped or cut short without a word."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from counterclaim.cli.main import cli
from counterclaim.errors import InputError, StoreError
from counterclaim.ingest import expand_inputs, ingest, read_file
from counterclaim.ingest.document import PartialRead
from counterclaim.store import Store

MEMORY_LIMIT = 3 << 30
COMMAND = [sys.executable, "-c", "from counterclaim.cli.main import main; main()"]
REPORT = "The ministry said the bridge near the town had been hit overnight."
LATER = "The army said on Friday that it had advanced two kilometres."


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_process(args: list[str], timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    """The real CLI in a child process with at most 3 GiB of address space: a hang or a runaway
    read fails the test instead of stalling the suite or the machine."""
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, timeout=timeout,
                          preexec_fn=_limit_memory, **kwargs)


def stored_texts(db: str) -> list[str]:
    with Store.open(db) as store:
        return [d.text for d in store.documents()]


# -- defect 2: a failure while storing one file costs that file only --------------------------------

EXTREME_DATES = ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"]


def extreme_date_files(folder: Path) -> list[Path]:
    """The same extreme dates from JSON, front matter and a Telegram export's ``date``."""
    made = []
    for n, when in enumerate(EXTREME_DATES):
        made.append(folder / f"a{n}.json")
        made[-1].write_text(json.dumps({"id": f"x{n}", "text": REPORT, "published": when}))
        made.append(folder / f"b{n}.md")
        made[-1].write_text(f"---\npublished: '{when}'\n---\n{REPORT}\n")
        made.append(folder / f"c{n}.json")
        made[-1].write_text(json.dumps({"name": "chan", "id": 7, "messages": [
            {"id": n, "type": "message", "date": when, "text": REPORT}]}))
    return made


def test_extreme_dates_fail_their_own_file_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    bad = extreme_date_files(folder)
    (folder / "z.txt").write_text(LATER)
    db = f"sqlite:///{tmp_path / 's.db'}"
    result = run("ingest", str(folder), "--db", db)
    assert result.exit_code == 1
    assert result.stdout == f"1 new, 0 unchanged, {len(bad)} failed\n"
    for path in bad:
        assert f"{path}: " in result.stderr
    assert "out of range" in result.stderr or "between the years" in result.stderr
    assert stored_texts(db) == [LATER]


def test_an_extra_field_nested_hundreds_of_levels_deep_fails_its_file_only(tmp_path: Path) -> None:
    deep: dict = {}
    cursor = deep
    for _ in range(300):
        cursor["x"] = {}
        cursor = cursor["x"]
    (tmp_path / "a.json").write_text(json.dumps({"id": "deep", "text": REPORT, "extra": deep}))
    (tmp_path / "b.txt").write_text(LATER)
    db = f"sqlite:///{tmp_path / 's.db'}"
    result = run("ingest", str(tmp_path / "a.json"), str(tmp_path / "b.txt"), "--db", db)
    assert result.exit_code == 1 and "1 new, 0 unchanged, 1 failed" in result.stdout
    assert f"{tmp_path / 'a.json'}: " in result.stderr and "nested" in result.stderr
    assert stored_texts(db) == [LATER]


def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    with open(os.fsencode(tmp_path / "in") + b"/bad\xffname.txt", "wb") as handle:
        handle.write(REPORT.encode())
    (tmp_path / "in" / "z.txt").write_text(LATER)
    db = f"sqlite:///{tmp_path / 's.db'}"
    done = run_process(["ingest", str(tmp_path / "in"), "--db", db])
    assert (done.returncode, done.stdout, done.stderr) == (0, "2 new, 0 unchanged, 0 failed\n", "")
    with Store.open(db) as store:
        paths = sorted(d.source_path for d in store.documents())
    assert paths[0].endswith("bad\\xffname.txt")


class FailingStore:
    """A store whose insert fails for one document: with an InputError naming its file, or with a bug."""

    def __init__(self, error: Exception) -> None:
        self.error = error
        self.stored: list[str] = []

    def put_document(self, doc) -> str:
        if "poison" in doc.text:
            raise InputError(doc.source_path, self.error.reason) if isinstance(self.error, InputError) else self.error
        self.stored.append(doc.text)
        return "new"


@pytest.mark.parametrize("error", [InputError("x", "cannot store it"), OverflowError("date value out of range")])
def test_per_file_error_handling_covers_the_insert(tmp_path: Path, error: Exception) -> None:
    (tmp_path / "a.txt").write_text("The poison report said so.")
    (tmp_path / "b.txt").write_text(LATER)
    store = FailingStore(error)
    summary = ingest([str(tmp_path)], store)
    assert store.stored == [LATER]
    assert [os.path.basename(e.path) for e in summary.failed] == ["a.txt"]
    assert (summary.new, summary.aborted) == (1, None)


def test_a_failing_store_stops_the_batch_but_reports_what_came_before(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{broken")
    (tmp_path / "b.txt").write_text(LATER)
    (tmp_path / "c.txt").write_text("The poison report said so.")
    (tmp_path / "d.txt").write_text(REPORT)
    store = FailingStore(StoreError("database error while adding: disk I/O error"))
    summary = ingest([str(tmp_path)], store)
    assert store.stored == [LATER]  # d.txt is never read: the store is failing
    assert [os.path.basename(e.path) for e in summary.failed] == ["a.json"]
    assert "disk I/O error" in summary.aborted


def test_the_cli_prints_errors_collected_before_an_abort(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.json").write_text("{broken")
    (tmp_path / "b.txt").write_text("The poison report said so.")
    db = f"sqlite:///{tmp_path / 's.db'}"
    original = Store.put_document

    def failing(self, doc):
        if "poison" in doc.text:
            raise StoreError("database error while adding: disk I/O error")
        return original(self, doc)

    monkeypatch.setattr(Store, "put_document", failing)
    result = run("ingest", str(tmp_path), "--db", db)
    assert result.exit_code == 1
    assert f"{tmp_path / 'a.json'}: line 1" in result.stderr
    assert "disk I/O error" in result.stderr and "stopped" in result.stderr


# -- defect 3: bounded memory, no hangs ------------------------------------------------------------

def test_ingest_of_dev_zero_ends_quickly_with_a_clear_message(tmp_path: Path) -> None:
    done = run_process(["ingest", "/dev/zero", "--db", f"sqlite:///{tmp_path / 's.db'}"], timeout=60)
    assert done.returncode == 1
    assert done.stderr.startswith("/dev/zero: not a regular file")


def test_standard_input_is_read_only_up_to_the_size_cap(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        done = run_process(["ingest", "-", "--db", f"sqlite:///{tmp_path / 's.db'}"], stdin=zero, timeout=120)
    assert done.returncode == 1 and "over the 50 MB limit" in done.stderr


def test_a_fifo_in_a_folder_is_reported_not_waited_on(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    (tmp_path / "in" / "z.txt").write_text(LATER)
    done = run_process(["ingest", str(tmp_path / "in"), "--db", f"sqlite:///{tmp_path / 's.db'}"], timeout=60)
    assert done.returncode == 1
    assert done.stderr == f"{tmp_path / 'in/pipe.txt'}: not a regular file (a named pipe); ingest files, not pipes or devices\n"
    assert done.stdout == "1 new, 0 unchanged, 1 failed\n"


ALIAS_BOMB = "---\n" + "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)) + "---\nHe said it.\n"


def test_a_yaml_alias_bomb_in_front_matter_is_refused_at_once(tmp_path: Path) -> None:
    assert len(ALIAS_BOMB) < 400
    (tmp_path / "bomb.md").write_text(ALIAS_BOMB)
    code = f"from counterclaim.ingest import read_file; read_file({str(tmp_path / 'bomb.md')!r})"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          preexec_fn=_limit_memory)
    assert "InputError" in done.stderr and "alias" in done.stderr


def test_front_matter_without_aliases_still_reads(tmp_path: Path) -> None:
    (tmp_path / "ok.md").write_text("---\ntitle: A report\ntags: [a, b]\n---\nHe said it.\n")
    [doc] = read_file(tmp_path / "ok.md")
    assert doc.meta == {"tags": ["a", "b"]}


def test_a_recursive_glob_over_self_symlinks_ends_and_reads_each_file_once(tmp_path: Path) -> None:
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "sub" / "a.json").write_text(json.dumps({"text": REPORT}))
    (tmp_path / "d" / "sub" / "loop").symlink_to("..")
    (tmp_path / "d" / "self").symlink_to(".")
    code = f"from counterclaim.ingest import expand_inputs; print(expand_inputs([{str(tmp_path / 'd/**/*.json')!r}]))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          preexec_fn=_limit_memory)
    assert done.returncode == 0, done.stderr
    assert eval(done.stdout) == [str(tmp_path / "d/sub/a.json")]


# -- defect 4: nothing skipped or cut short without a word ------------------------------------------

def test_an_unreadable_subfolder_is_reported(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text(REPORT)
    (tmp_path / "z.txt").write_text(LATER)
    db = f"sqlite:///{tmp_path.parent / (tmp_path.name + '.db')}"
    real_scandir = os.scandir

    def scandir(path):  # as root, chmod 000 locks nothing: refuse the listing the way the kernel would
        if os.fspath(path) == str(tmp_path / "locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run("ingest", str(tmp_path), "--db", db)
    assert result.exit_code == 1
    assert f"{tmp_path / 'locked'}: cannot list the folder (permission denied)" in result.stderr
    assert result.stdout == "1 new, 0 unchanged, 1 failed\n"


def test_a_symlinked_subfolder_is_read(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.txt").write_text(REPORT)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "linked").symlink_to(tmp_path / "elsewhere")
    assert expand_inputs([str(tmp_path / "in")]) == [str(tmp_path / "in/linked/a.txt")]


def test_a_symlink_loop_in_a_folder_is_reported_not_followed(tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "a.txt").write_text(REPORT)
    (tmp_path / "in" / "sub" / "up").symlink_to("..")
    result = run("ingest", str(tmp_path / "in"), "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert result.exit_code == 1
    assert f"{tmp_path / 'in/sub/up'}: symlink loop" in result.stderr
    assert result.stdout == "1 new, 0 unchanged, 1 failed\n"


FEED = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Ledger</title>
<item><title>One</title><guid>https://l.example/1</guid><description>short one</description>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>{REPORT}</p>]]></content:encoded></item>
<item><title>Two</title><guid>https://l.example/2</guid><description>short two</description>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>{LATER}</p>]]></content:encoded></item>
<item><title>Three</title><guid>https://l.example/3</guid><description>short three</description></item>
</channel></rss>
"""


def test_a_truncated_feed_keeps_its_complete_entries_and_says_it_was_cut(tmp_path: Path) -> None:
    cut = FEED[: FEED.index(LATER) + 10]  # inside the second entry's content
    with pytest.raises(PartialRead) as caught:
        read_file("feed.xml", cut.encode())
    assert [d.text for d in caught.value.documents] == [REPORT]
    assert "cut short" in caught.value.reason


def test_a_feed_cut_before_any_entry_ends_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cut short"):
        read_file("feed.xml", FEED[: FEED.index(REPORT) + 5].encode())


def test_a_whole_feed_is_not_flagged(tmp_path: Path) -> None:
    assert [d.title for d in read_file("feed.xml", FEED.encode())] == ["One", "Two", "Three"]


# -- defect 6: feeds unescape HTML ----------------------------------------------------------------

def feed_with(description: str) -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A</title>'
            f"<guid>g1</guid><description>{description}</description></item></channel></rss>").encode()


@pytest.mark.parametrize("description", ["The R&amp;D ministry said so.", "The R&amp;amp;D ministry said so.",
                                         "&lt;p&gt;The R&amp;amp;D ministry said so.&lt;/p&gt;"])
def test_feed_text_has_no_html_escapes(description: str) -> None:
    [doc] = read_file("f.rss", feed_with(description))
    assert doc.text == "The R&D ministry said so."


def test_atom_plain_text_content_is_kept_as_written() -> None:
    atom = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>1</id><title>x</title>'
            '<content type="text">Write &amp;lt;p&amp;gt; or R&amp;amp;D, she said.</content></entry></feed>')
    [doc] = read_file("f.atom", atom.encode())
    assert doc.text == "Write &lt;p&gt; or R&amp;D, she said."


# -- defect 8: one bad entry or message costs only itself -----------------------------------------

@pytest.mark.parametrize("description", ["&lt;p&gt;Tab\x0bhere, the army said.&lt;/p&gt;",
                                         "<![CDATA[<p>Tab\x0bhere, the army said.</p>]]>"])
def test_a_feed_entry_with_a_vertical_tab_is_read(description: str) -> None:
    [doc] = read_file("f.rss", feed_with(description))
    assert doc.text == "Tab here, the army said."


def test_a_bad_telegram_message_costs_only_itself() -> None:
    export = json.dumps({"name": "chan", "id": 7, "messages": [
        {"id": "\ud800", "type": "message", "text": REPORT},
        {"id": 2, "type": "message", "text": LATER},
        {"id": 3, "type": "message", "text": "bad\x00"},
    ]})
    with pytest.raises(PartialRead) as caught:
        read_file("result.json", export.encode())
    assert [d.text for d in caught.value.documents] == [LATER]
    assert "2 bad messages" in caught.value.reason and "please report" not in caught.value.reason
    assert "message '\\ud800'" in caught.value.reason and "message 3" in caught.value.reason


def test_a_feed_entry_that_cannot_be_stored_costs_only_itself() -> None:
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            f"<item><title>A</title><guid>g1</guid><description>{REPORT}</description></item>"
            "<item><title>B</title><guid>g2</guid><pubDate>Mon, 01 Jan 0001 00:00:00 +1400</pubDate>"
            f"<description>{LATER}</description></item>"
            "</channel></rss>")
    docs = read_file("f.rss", feed.encode())
    assert [d.text for d in docs] == [REPORT, LATER]


# -- defect 9: messages that say what is wrong in our words ---------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(encoding: str) -> None:
    [doc] = read_file("report.txt", f"{REPORT}\n\n{LATER}\n".encode(encoding))
    assert doc.text == f"{REPORT}\n\n{LATER}\n"


def test_binary_that_is_not_utf16_is_still_refused() -> None:
    with pytest.raises(InputError, match="binary file"):
        read_file("x.txt", bytes(range(256)) * 4)


def test_a_5000_digit_id_gets_a_message_in_our_words() -> None:
    with pytest.raises(InputError) as caught:
        read_file("a.json", ('{"id": ' + "9" * 5000 + ', "text": "He said it."}').encode())
    assert "5000 digits" in caught.value.reason and "set_int_max_str_digits" not in caught.value.reason
    assert caught.value.reason.startswith("line 1")


# -- defect 7 (ingest side): a text of invisible characters is no document -------------------------

@pytest.mark.parametrize("path, data", [
    ("a.txt", "\u200b\u200d\ufeff\u2060 \n\u200b".encode()),
    ("a.json", json.dumps({"id": "z", "text": "\u200b\u200c\u200d"}).encode()),
    ("a.md", "---\ntitle: Nothing\n---\n\u200b\u202e\u2066\n".encode()),
])
def test_a_text_of_only_zero_width_characters_is_refused(path: str, data: bytes) -> None:
    with pytest.raises(InputError, match="no visible text"):
        read_file(path, data)


@pytest.mark.parametrize("reference", ["&amp;#1;", "&amp;#xD800;", "&amp;#11;", "&amp;#xFFFF;", "\uffff"])
def test_a_character_reference_to_a_control_character_in_feed_html_is_read(reference: str) -> None:
    """Found by the fuzz campaign: a reference inside escaped HTML decodes to a character lxml refuses."""
    [doc] = read_file("f.rss", feed_with(f"&lt;p&gt;The army{reference} said so.&lt;/p&gt;"))
    assert doc.text.replace("\ufffd", "") == "The army said so."  # lxml decodes a surrogate reference to U+FFFD


def test_analyze_keeps_the_good_documents_of_a_partly_read_file(tmp_path: Path) -> None:
    from counterclaim.extract.attribution_run import read_documents

    (tmp_path / "lines.jsonl").write_text(json.dumps({"text": REPORT}) + "\n{broken\n")
    docs, failed = read_documents([str(tmp_path / "lines.jsonl")])
    assert [d.text for d in docs] == [REPORT] and len(failed) == 1


def test_a_dangling_symlink_in_a_folder_is_named_as_one(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(InputError, match="a symlink to .*nowhere.txt, which does not exist"):
        read_file(expand_inputs([str(tmp_path)])[0])


def test_a_telegram_message_id_repeated_in_its_channel_is_a_bad_message() -> None:
    """Found by the fuzz campaign: the second message silently replaced the first within one file."""
    export = {"chats": {"list": [{"messages": [{"id": 9, "type": "message", "text": REPORT}]},
                                 {"messages": [{"id": 9, "type": "message", "text": LATER}]}]}}
    with pytest.raises(PartialRead) as caught:
        read_file("result.json", json.dumps(export).encode())
    assert [d.text for d in caught.value.documents] == [REPORT]
    assert "message 9: another message of its channel has the same id" in caught.value.reason

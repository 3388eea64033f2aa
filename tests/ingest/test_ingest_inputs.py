"""expand_inputs: folders, globs, stdin and missing names, in a stable order."""

from __future__ import annotations

from pathlib import Path

from counterclaim.ingest import expand_inputs


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")


def test_folders_are_walked_recursively_sorted_without_hidden_files(tmp_path: Path) -> None:
    touch(tmp_path, "b.txt", "a.txt", "sub/c.json", ".hidden.txt", ".git/config", "sub/.DS_Store", "a/z.md")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in expand_inputs([str(tmp_path)])]
    assert found == ["a.txt", "b.txt", "a/z.md", "sub/c.json"]


def test_globs_expand_sorted_and_recursive(tmp_path: Path) -> None:
    touch(tmp_path, "2.json", "1.json", "x.txt", "deep/3.json")
    assert expand_inputs([str(tmp_path / "*.json")]) == [str(tmp_path / "1.json"), str(tmp_path / "2.json")]
    assert str(tmp_path / "deep/3.json") in expand_inputs([str(tmp_path / "**/*.json")])


def test_stdin_missing_names_and_empty_globs_are_kept_for_the_reader_to_report(tmp_path: Path) -> None:
    missing, empty_glob = str(tmp_path / "nope.txt"), str(tmp_path / "*.rss")
    assert expand_inputs(["-", missing, empty_glob]) == ["-", missing, empty_glob]


def test_each_file_once_in_first_mention_order(tmp_path: Path) -> None:
    touch(tmp_path, "a.txt", "b.txt")
    a, b = str(tmp_path / "a.txt"), str(tmp_path / "b.txt")
    assert expand_inputs([b, str(tmp_path), a]) == [b, a]

"""bench/make_corpus.py: N readable documents in every format, the corrupt files it promises, the same files for a seed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from counterclaim.errors import InputError
from counterclaim.ingest import expand_inputs, read_file

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "make_corpus.py"


def make(out: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, str(SCRIPT), str(out), *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def read_all(folder: Path) -> tuple[list, list[InputError]]:
    docs, failed = [], []
    for path in expand_inputs([str(folder)]):
        try:
            docs.extend(read_file(path))
        except InputError as exc:
            failed.append(exc)
    return docs, failed


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "c"
    make(out, "--documents", "140", "--seed", "5", "--corrupt-every", "20")
    return out


def test_it_writes_exactly_n_distinct_documents_in_every_format(corpus: Path) -> None:
    docs, _ = read_all(corpus)
    assert len(docs) == 140 and len({d.id for d in docs}) == 140
    assert {d.source_kind for d in docs} == {"text", "markdown", "html", "json", "jsonl", "feed", "telegram"}
    assert all(d.text.strip() for d in docs) and sum(d.outlet is None for d in docs) < len(docs) / 10


def test_every_corrupt_file_fails_whole_and_is_in_the_manifest(corpus: Path) -> None:
    manifest = json.loads((corpus / ".manifest.json").read_text())
    _, failed = read_all(corpus)
    assert sorted(str(Path(e.path).relative_to(corpus)) for e in failed) == sorted(c["path"] for c in manifest["corrupt"])
    assert len(failed) == 140 // 20 and len({c["kind"] for c in manifest["corrupt"]}) == 7
    assert manifest["documents"] == 140 and sum(manifest["by_format"].values()) == 140


def test_documents_vary_places_people_and_dates(corpus: Path) -> None:
    docs, _ = read_all(corpus)
    years = {d.published.year for d in docs if d.published}
    assert len(years) >= 3  # spread over the war, not May 2023 only
    texts = " ".join(d.text for d in docs)
    assert texts.count("Bakhmut") < len(docs) / 4  # the demo's town is mostly replaced


def test_the_same_seed_writes_the_same_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    lines = [make(tmp_path / name, "--documents", "30", "--seed", seed) for name, seed in
             (("a", "9"), ("b", "9"), ("c", "10"))]
    files = {name: {p.relative_to(tmp_path / name): p.read_bytes() for p in (tmp_path / name).rglob("*") if p.is_file()}
             for name in "abc"}
    assert files["a"] == files["b"] and files["a"] != files["c"]
    assert lines[0].startswith("documents=30 ") and "corrupt=0" in lines[0]


def test_it_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("something")
    done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path), "--documents", "3"], capture_output=True,
                          text=True)
    assert done.returncode == 2 and "not empty" in done.stderr

"""Our exhaustive relation gold (demo/gold, eval/heldout/gold): ``propositions.json`` is well formed.

The scorer derives a label for every pair of claims from these proposition clusters (FORMAT.md in
../shared/eval), so a key naming a missing claim, a proposition nothing uses or a claim committed to two
incompatible propositions would silently change every relation score on the set. The structure is
checked with the standard library alone; deriving the relations needs ../shared/eval/score.py and skips
without it. The counts each gold README states must be the ones derived.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCORE = REPO / "../shared/eval/score.py"
GOLDS = [REPO / "demo" / "gold", REPO / "eval" / "heldout" / "gold"]
KEYS = {"propositions", "assign", "incompatible", "refines"}

gold_dirs = pytest.mark.parametrize("gold", GOLDS, ids=["demo", "heldout"])


def load(path: Path) -> dict | list:
    return json.loads(path.read_text(encoding="utf-8"))


def propositions(gold: Path) -> dict:
    return load(gold / "propositions.json")


def claim_keys(gold: Path) -> set[str]:
    """``<document id>#<claim id>`` for every gold claim of the folder."""
    keys = set()
    for path in gold.glob("*.json"):
        if path.name != "propositions.json":
            doc = load(path)
            keys |= {f"{doc['id']}#{c['id']}" for c in doc["claims"]}
    return keys


def readme_number(gold: Path, pattern: str) -> tuple[int, ...]:
    found = re.search(pattern, (gold / "README.md").read_text(encoding="utf-8"))
    assert found, f"{gold}/README.md does not state {pattern!r}"
    return tuple(int(g) for g in found.groups())


def refined(props: dict) -> dict[str, set[str]]:
    """Each proposition with every proposition it makes true (itself included), through ``refines``."""
    up: dict[str, set[str]] = {}
    for a, b, *_ in props["refines"]:
        up.setdefault(a, set()).add(b)
    out = {}
    for p in (x["id"] for x in props["propositions"]):
        seen, todo = {p}, [p]
        while todo:
            for q in up.get(todo.pop(), ()):
                if q == p:
                    raise AssertionError(f"refines cycle through {p}")
                if q not in seen:
                    seen.add(q)
                    todo.append(q)
        out[p] = seen
    return out


@gold_dirs
def test_file_has_the_format_and_readable_propositions(gold):
    props = propositions(gold)
    assert set(props) == KEYS
    ids = [p["id"] for p in props["propositions"]]
    assert len(ids) == len(set(ids)), "a proposition id is used twice"
    for p in props["propositions"]:
        assert set(p) == {"id", "text"} and len(p["text"].split()) >= 8, p


@gold_dirs
def test_every_assignment_names_an_existing_claim_and_proposition(gold):
    props = propositions(gold)
    claims, ids = claim_keys(gold), {p["id"] for p in props["propositions"]}
    assert props["assign"], "nothing assigned"
    for key, value in props["assign"].items():
        assert key in claims, f"{key} is not a gold claim"
        assert value["prop"] in ids, (key, value)
        assert value["polarity"] in {"+", "-"}, (key, value)


@gold_dirs
def test_pairs_name_two_existing_propositions_with_a_reason(gold):
    props = propositions(gold)
    ids = {p["id"] for p in props["propositions"]}
    for kind in ("incompatible", "refines"):
        pairs = [frozenset(entry[:2]) for entry in props[kind]]
        assert len(pairs) == len(set(pairs)), f"a {kind} pair is listed twice"
        for a, b, reason in props[kind]:
            assert a in ids and b in ids and a != b, (kind, a, b)
            assert reason.strip(), (kind, a, b)


@gold_dirs
def test_every_proposition_has_two_claims_or_takes_part_in_a_pair(gold):
    props = propositions(gold)
    used = Counter(v["prop"] for v in props["assign"].values())
    paired = {p for entry in props["incompatible"] + props["refines"] for p in entry[:2]}
    lonely = [p["id"] for p in props["propositions"] if used[p["id"]] < 2 and p["id"] not in paired]
    assert not lonely, f"propositions with fewer than 2 claims and no pair: {lonely}"


@gold_dirs
def test_no_proposition_makes_two_incompatible_ones_true(gold):
    """A claim on such a proposition would contradict itself; refines must also have no cycle."""
    props = propositions(gold)
    clash = {frozenset(entry[:2]) for entry in props["incompatible"]}
    for p, true in refined(props).items():
        bad = [sorted(pair) for pair in clash if pair <= true]
        assert not bad, f"{p} makes incompatible propositions true: {bad}"


@gold_dirs
def test_readme_states_the_file_as_it_is(gold):
    props = propositions(gold)
    stated = readme_number(gold, r"(\d+) propositions, (\d+) of the (\d+) claims assigned, "
                                 r"(\d+) incompatible pairs, (\d+) refines pairs")
    assert stated == (len(props["propositions"]), len(props["assign"]), len(claim_keys(gold)),
                      len(props["incompatible"]), len(props["refines"]))


@pytest.fixture(scope="module")
def derive():
    if not SCORE.exists():
        pytest.skip("../shared/eval/score.py is not here")
    spec = importlib.util.spec_from_file_location("shared_score_props", SCORE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.derive_relations


@gold_dirs
def test_relations_derive_to_the_counts_the_readme_states(gold, derive):
    relations = derive(propositions(gold))
    pairs = [frozenset((r["a"], r["b"])) for r in relations]
    assert len(pairs) == len(set(pairs)) and all(len(p) == 2 for p in pairs)
    kinds = Counter(r["relation"] for r in relations)
    across = Counter(r["relation"] for r in relations if r["a"].split("#")[0] != r["b"].split("#")[0])
    stated = readme_number(gold, r"\*\*(\d+) corroborates and (\d+) contradicts\*\* "
                                 r"\((\d+) and (\d+) of them across documents\)")
    assert stated == (kinds["corroborates"], kinds["contradicts"], across["corroborates"], across["contradicts"])
    assert across["corroborates"] and across["contradicts"], "the set must test cross-document linking"


@gold_dirs
def test_no_hand_picked_pairs_override_the_derived_ones(gold):
    """relations.json pairs win over derived ones in the scorer; every old pair is now derived."""
    assert not (gold / "relations.json").exists()

"""Evaluate the value extractors (quantities, places, times) against ../shared/eval.

    python scripts/eval_values.py [--shared PATH] [--show-errors N] [--json]

Runs, each section skipped when its data is absent:

(a) quantities on quantulum3's own test cases: precision / recall / F1 of
    (value, unit) pairs, overall and on the cases whose units our model has;
(b) times on the TempEval-3 platinum test set: detection relaxed / strict F1 and
    value F1 (relaxed match with the right TIMEX3 value), as HeidelTime reports them;
(c) times on dateparser's English relative-date ("freshness") cases: how many we
    resolve and how many of those contain the expected date;
(d) the seed gold: quantity (value, bound) F1, place recall and event-date accuracy
    on the gold content spans.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from counterclaim.extract.places import find_places
from counterclaim.extract.quantities import find_quantities
from counterclaim.extract.times import event_time, find_times
from counterclaim.models import TimeRange

REPO = Path(__file__).resolve().parents[1]
UNIT_NAMES = {  # our unit -> quantulum3's unit name
    None: "dimensionless", "km": "kilometre", "m": "metre", "mi": "mile", "%": "percentage", "USD": "dollar",
    "EUR": "euro", "GBP": "pound sterling", "km2": "square kilometre", "mi2": "square mile", "t": "tonne",
    "kg": "kilogram", "l": "litre", "gal": "gallon", "ft": "foot", "cm": "centimetre", "mm": "millimetre",
    "km/h": "kilometre per hour", "g": "gram", "lb": "pound-mass", "ha": "hectare", "deg": "degree angle",
}


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    """Precision, recall and F1 (0 when undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "pred": n_pred, "gold": n_gold}


# (a) quantulum3 ---------------------------------------------------------------------------------

def eval_quantulum(shared: Path, show: int) -> dict | None:
    path = shared / "eval/quantities/quantulum3/quantities.json"
    if not path.exists():
        return None
    cases = json.loads(path.read_text())
    known = set(UNIT_NAMES.values())
    totals = {"all": [0, 0, 0], "in_scope": [0, 0, 0]}
    errors, out_of_scope = [], Counter()
    for case in cases:
        gold = [(round(float(r["value"]), 6), r["unit"]) for r in case["res"]]
        pred = [(round(q.value, 6), UNIT_NAMES.get(q.unit, q.unit)) for q in find_quantities(case["req"])]
        tp = len(set(gold) & set(pred))
        _add(totals["all"], tp, len(pred), len(gold))
        out_of_scope.update(u for _, u in gold if u not in known)
        if all(u in known for _, u in gold):
            _add(totals["in_scope"], tp, len(pred), len(gold))
        if tp < max(len(gold), len(pred)):
            errors.append({"text": case["req"], "gold": gold, "pred": pred})
    crashes = _crash_check(shared / "eval/quantities/quantulum3/errors.json")
    return {"cases": len(cases), **{k: prf(*v) for k, v in totals.items()},
            "units_out_of_model": dict(out_of_scope.most_common()), "crashes_on_errors_json": crashes,
            "errors": errors[:show]}


def _add(total: list[int], tp: int, n_pred: int, n_gold: int) -> None:
    total[0] += tp
    total[1] += n_pred
    total[2] += n_gold


def _crash_check(path: Path) -> int:
    """How many of quantulum3's malformed inputs make an extractor raise (should be 0)."""
    if not path.exists():
        return 0
    crashes = 0
    for text in json.loads(path.read_text()):
        try:
            find_quantities(text), find_places(text), find_times(text, 0, len(text), datetime(2020, 1, 1))
        except Exception:  # noqa: BLE001 - counting crashes is the point
            crashes += 1
    return crashes


# (b) TempEval-3 ---------------------------------------------------------------------------------

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def parse_timeml(raw: str) -> tuple[str, datetime, list[dict]]:
    """Plain text of <TEXT>, the document creation time, and the TIMEX3 spans in it."""
    dct = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S).group(1)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S).group(1)
    text, timexes, pos, open_timex = [], [], 0, None
    length = 0
    for m in _TAG.finditer(body):
        piece = html.unescape(body[pos:m.start()])
        text.append(piece)
        length += len(piece)
        pos = m.end()
        if m.group(2) == "TIMEX3" and not m.group(1):
            open_timex = {"start": length, **dict(_ATTR.findall(m.group(3)))}
        elif m.group(2) == "TIMEX3" and open_timex:
            open_timex["end"] = length
            timexes.append(open_timex)
            open_timex = None
    text.append(html.unescape(body[pos:]))
    return "".join(text), datetime.fromisoformat(dct[:10]), timexes


def timex_value(t: TimeRange) -> str:
    """Our TimeRange as a TimeML value string, for comparison."""
    e = t.earliest
    if t.granularity == "year":
        return f"{e.year:04d}"
    if t.granularity == "month":
        return f"{e.year:04d}-{e.month:02d}"
    if t.granularity == "week":
        iso = e.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    if t.granularity == "day":
        return e.date().isoformat() if t.latest - e < timedelta(days=1) else f"{e.year:04d}-W{e.isocalendar()[1]:02d}-WE"
    if t.granularity == "part_of_day":
        part = {6: "MO", 12: "AF", 18: "NI" if t.latest.date() > e.date() else "EV", 0: "MO"}[e.hour]
        return f"{e.date().isoformat()}T{part}"
    if t.earliest == t.latest:
        return "PRESENT_REF"
    return f"{e.date().isoformat()}T{e.hour:02d}:{e.minute:02d}"


def eval_tempeval(shared: Path, show: int) -> dict | None:
    folder = shared / "eval/time/tempeval3/Evaluation/te3-platinum"
    if not folder.exists():
        return None
    counts = {"strict": 0, "relaxed_pred": 0, "relaxed_gold": 0, "value": 0, "pred": 0, "gold": 0,
              "gold_no_duration": 0, "relaxed_gold_no_duration": 0, "value_no_duration": 0,
              "relaxed_pred_no_duration": 0}
    errors = []
    for path in sorted(folder.glob("*.tml")):
        text, dct, gold = parse_timeml(path.read_text())
        pred = find_times(text, 0, len(text), dct)
        counts["pred"] += len(pred)
        counts["gold"] += len(gold)
        _score_doc(text, gold, pred, counts, errors)
    n_p, n_g = counts["pred"], counts["gold"]
    relaxed_p = counts["relaxed_pred"] / n_p if n_p else 0
    relaxed_r = counts["relaxed_gold"] / n_g if n_g else 0
    return {"documents": len(list(folder.glob("*.tml"))),
            "relaxed": _f(relaxed_p, relaxed_r), "strict": prf(counts["strict"], n_p, n_g),
            "value": prf(counts["value"], n_p, n_g),
            "date_time_only": {  # DURATION and SET are not time ranges, so our model has no place for them
                "gold": counts["gold_no_duration"],
                "relaxed": _f(counts["relaxed_pred_no_duration"] / max(1, n_p),
                              counts["relaxed_gold_no_duration"] / max(1, counts["gold_no_duration"])),
                "value": prf(counts["value_no_duration"], n_p, counts["gold_no_duration"])},
            "heideltime": {"relaxed_f1": 0.9030, "strict_f1": 0.8134, "value_f1": 0.7761},
            "errors": errors[:show]}


def _f(p: float, r: float) -> dict:
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _score_doc(text: str, gold: list[dict], pred: list[TimeRange], counts: dict, errors: list) -> None:
    """Strict / relaxed / value matches for one document."""
    def overlaps(g, t):
        return t.span.start < g["end"] and g["start"] < t.span.end

    for g in gold:
        hit = [t for t in pred if overlaps(g, t)]
        durationish = g.get("type") in ("DURATION", "SET")
        counts["gold_no_duration"] += not durationish
        counts["relaxed_gold"] += bool(hit)
        counts["relaxed_gold_no_duration"] += bool(hit) and not durationish
        if any(t.span.start == g["start"] and t.span.end == g["end"] for t in hit):
            counts["strict"] += 1
        if any(timex_value(t) == g.get("value") for t in hit):
            counts["value"] += 1
            counts["value_no_duration"] += not durationish
        elif len(errors) < 500:
            errors.append({"gold": text[g["start"]:g["end"]], "type": g.get("type"), "value": g.get("value"),
                           "pred": [(t.span.text, timex_value(t)) for t in hit]})
    counts["relaxed_pred"] += sum(any(overlaps(g, t) for g in gold) for t in pred)
    dates = [g for g in gold if g.get("type") not in ("DURATION", "SET")]
    counts["relaxed_pred_no_duration"] += sum(any(overlaps(g, t) for g in dates) for t in pred)


# (c) dateparser ---------------------------------------------------------------------------------

def eval_dateparser(shared: Path, show: int) -> dict | None:
    path = shared / "eval/dates/dateparser/freshness_cases_english.json"
    if not path.exists():
        return None
    from dateutil.relativedelta import relativedelta

    now = datetime(2010, 6, 4, 13, 15)  # dateparser's test_freshness_date_parser fixed "now"
    resolved = correct = in_scope = 0
    errors = []
    for case in json.loads(path.read_text()):
        ago = case["kwargs"].get("ago")
        if not ago or any(k in ago for k in ("hours", "minutes", "seconds")):
            continue  # future dates and sub-day offsets are outside what news claims need
        try:
            expected = (now - relativedelta(**ago)).date()
        except ValueError:  # "2013 years ago": before year 1
            continue
        in_scope += 1
        text = case["args"][0]
        found = [t for t in find_times(text, 0, len(text), now) if len(t.span.text) >= len(text.strip()) // 2]
        if not found:
            errors.append({"text": text, "expected": str(expected), "pred": None})
            continue
        resolved += 1
        t = found[0]
        if t.earliest.date() <= expected <= t.latest.date():
            correct += 1
        else:
            errors.append({"text": text, "expected": str(expected), "pred": [str(t.earliest), str(t.latest)]})
    return {"in_scope_past_cases": in_scope, "resolved": resolved, "correct": correct,
            "accuracy_in_scope": round(correct / max(1, in_scope), 4),
            "accuracy_when_resolved": round(correct / max(1, resolved), 4), "errors": errors[:show]}


# (d) seed gold ----------------------------------------------------------------------------------

def _span(text: str, value) -> tuple[int, int] | None:
    if value is None:
        return None
    if isinstance(value, str):
        i = text.find(value)
        return (i, i + len(value)) if i >= 0 else None
    return value["start"], value["end"]


def eval_seed(shared: Path, show: int) -> dict | None:
    gold_dir, art_dir = shared / "eval/seed/gold", shared / "eval/seed/articles"
    if not gold_dir.exists():
        return None
    q = [0, 0, 0]
    places = [0, 0]
    dates = {"content": 0, "sentence": 0, "gold": 0}
    errors = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        if gold_path.name == "relations.json":
            continue
        gold = json.loads(gold_path.read_text())
        article = json.loads((art_dir / gold_path.name).read_text())
        text, anchor = article["text"], datetime.fromisoformat(article["published"][:10])
        for claim in gold["claims"]:
            _seed_claim(text, anchor, claim, q, places, dates, errors)
    return {"quantities_value_bound": prf(*q), "place_recall": round(places[0] / max(1, places[1]), 4),
            "places_found": places[0], "places_gold": places[1],
            "event_date_accuracy_content": round(dates["content"] / max(1, dates["gold"]), 4),
            "event_date_accuracy_with_cue_sentence": round(dates["sentence"] / max(1, dates["gold"]), 4),
            "event_dates_gold": dates["gold"], "errors": errors[:show]}


def _seed_claim(text, anchor, claim, q, places, dates, errors) -> None:
    """Score one gold claim's quantities, places and event date on its content span."""
    start, end = _span(text, claim.get("content") or claim.get("quote_span"))
    gold_q = {(float(x["value"]), x["bound"]) for x in claim.get("quantities", [])}
    pred_q = {(x.value, x.bound) for x in find_quantities(text, start, end)}
    _add(q, len(gold_q & pred_q), len(pred_q), len(gold_q))
    names = {p.name for p in find_places(text, start, end)} | {p.span.text for p in find_places(text, start, end)}
    found = [p for p in claim.get("places", []) if p in names]
    places[0] += len(found)
    places[1] += len(claim.get("places", []))
    if gold_q != pred_q or len(found) < len(claim.get("places", [])):
        errors.append({"claim": claim["id"], "quantities": [sorted(gold_q), sorted(pred_q)],
                       "places": [claim.get("places", []), sorted(names)]})
    if claim.get("event_date"):
        dates["gold"] += 1
        spans = [s for s in (_span(text, claim.get(k)) for k in ("speaker", "cue", "content")) if s]
        for key, (s, e) in (("content", (start, end)), ("sentence", _sentence(text, spans))):
            t = event_time(text, s, e, anchor)
            dates[key] += bool(t and t.earliest.date().isoformat() == claim["event_date"])


def _sentence(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """From the start of the sentence holding the first span to the end of the last span."""
    s, e = min(a for a, _ in spans), max(b for _, b in spans)
    while s > 0 and text[s - 1] not in ".!?\n":
        s -= 1
    return s, e


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO / "../shared")
    parser.add_argument("--show-errors", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    shared = args.shared.resolve()
    if not shared.exists():
        sys.exit(f"Error: {shared}: shared evaluation data not found; pass --shared PATH")
    report = {name: fn(shared, args.show_errors) for name, fn in (
        ("quantulum3", eval_quantulum), ("tempeval3", eval_tempeval), ("dateparser", eval_dateparser),
        ("seed", eval_seed))}
    if args.json:
        print(json.dumps(report, indent=1, default=str))
        return
    for name, section in report.items():
        print(f"== {name}")
        print(json.dumps(section, indent=1, default=str) if section else "  (data absent, skipped)")


if __name__ == "__main__":
    main()

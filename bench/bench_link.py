"""How linking scales: synthetic claim sets of 10k, 30k and 100k claims, linked and timed.

The claims spread like war reporting does: a few hundred places (a handful of hot
spots get most of the reports, Zipf-like), a year of dates, every proposition
type, speakers on all sides, about eight claims per document. Each set is linked
once, in a fresh process per size (so each size's peak RSS is its own), after a
warm-up on a small set; the output is the time and peak RSS of each size, the ratios
t30k/t10k and t100k/t10k (against the 10k baseline of the same run), the exponent of a
least-squares fit of log(time) on log(n), and the memory per 100k claims (the slope of
peak RSS between the smallest and largest size). Linking must grow no faster than
n^1.15. Every claim is encoded by the sentence encoder, as in real use. The linker is whatever ``counterclaim.link.link`` is: rerun after it changes.

Usage: python bench/bench_link.py [--sizes 10000 30000 100000] [--seed 7]
       python bench/bench_link.py --sizes 10000 100000 1000000     # the 1M run (needs the memory)

The last line is machine-readable: ``link_exponent=... link_rss_mb_per_100k=... link_seconds_<n>=...``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta

from counterclaim.link import link
from counterclaim.models import Claim, Place, Quantity, Span, Speaker, TimeRange

TEMPLATES = [  # (template, weight); {a} acting side, {t} the other side, {p} place, {n} number
    ("{a} forces advanced {n} kilometres near {p}", 5),
    ("All attacks of the {t} units near {p} have been repelled", 4),
    ("{a} forces did not advance near {p}", 1),
    ("{a} troops captured {p}", 2),
    ("{a} units withdrew from positions near {p}", 2),
    ("The enemy lost {n} soldiers near {p}", 4),
    ("A missile strike hit {p}", 3),
    ("{n} civilians were killed in shelling of {p}", 2),
    ("{a} deployed {n} soldiers near {p}", 1),
    ("The situation near {p} is difficult", 1),
]
SIDE_WORD = {"ukraine": "Ukrainian", "russia": "Russian"}


def places(rng: random.Random, n: int = 400) -> list[tuple[str, float, float]]:
    """``n`` named points over eastern and southern Ukraine."""
    return [(f"Place{i}", rng.uniform(46.0, 51.5), rng.uniform(30.0, 40.0)) for i in range(n)]


def speakers(rng: random.Random, n: int = 200) -> list[tuple[str, str]]:
    sides = ["ukraine", "russia", "media", "third_party"]
    return [(f"Speaker {i}", sides[i % 4]) for i in range(n)]


def synthetic_claims(n: int, seed: int = 7) -> list[Claim]:
    """``n`` claims in documents of about eight, spread over places, dates and types."""
    rng = random.Random(seed)
    pts, spk = places(rng), speakers(rng)
    weights = [1 / (k + 1) for k in range(len(pts))]  # Zipf: a few hot spots
    start = datetime(2023, 1, 1)
    out: list[Claim] = []
    doc = 0
    while len(out) < n:
        doc += 1
        day = start + timedelta(days=rng.randrange(365))
        hub = rng.choices(range(len(pts)), weights)[0]
        for _ in range(min(8, n - len(out))):
            out.append(_claim(rng, f"doc-{doc}", day, pts[hub if rng.random() < 0.7 else rng.randrange(len(pts))],
                              rng.choice(spk)))
    return out


def _claim(rng: random.Random, doc_id: str, day: datetime, place: tuple[str, float, float],
           speaker: tuple[str, str]) -> Claim:
    template = rng.choices([t for t, _ in TEMPLATES], [w for _, w in TEMPLATES])[0]
    actor = rng.choice(["ukraine", "russia"])
    number = rng.choice([2, 3, 5, 10, 40, 100, 500])
    text = template.format(a=SIDE_WORD[actor], t=SIDE_WORD[{"ukraine": "russia", "russia": "ukraine"}[actor]],
                           p=place[0], n=number)
    content = Span(text=text, start=0, end=len(text))
    at = text.index(place[0])
    where = Place(span=Span(text=place[0], start=at, end=at + len(place[0])), name=place[0], lat=place[1], lon=place[2])
    qty = []
    if str(number) in text.split():
        q_at = text.index(str(number))
        unit = "km" if "kilometres" in text else None
        qty = [Quantity(span=Span(text=str(number), start=q_at, end=q_at + len(str(number))), value=number,
                        low=number, high=number, unit=unit, counted=None if unit else "soldiers")]
    when = TimeRange(earliest=day, latest=day + timedelta(hours=23, minutes=59), granularity="day")
    who = Speaker(name=speaker[0], side=speaker[1])
    return Claim(id=Claim.make_id(doc_id, who.name, content, "asserts"), document_id=doc_id, speaker=who,
                 content=content, quantities=qty, places=[where], when=when, said_at=when)


def timed(claims: list[Claim]) -> tuple[float, int, int]:
    t = time.perf_counter()
    result = link(claims)
    return time.perf_counter() - t, len(result.events), len(result.relations)


def one_size(n: int, seed: int) -> dict:
    """Link ``n`` claims in this process: seconds, events, relations, peak RSS (MB)."""
    timed(synthetic_claims(1_000, seed))  # warm-up: imports, regex compilation
    seconds, n_events, n_rel = timed(synthetic_claims(n, seed))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n": n, "seconds": seconds, "events": n_events, "relations": n_rel, "rss_mb": rss_mb}


def in_child(n: int, seed: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--one", str(n), "--seed", str(seed)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def exponent(points: dict[int, float]) -> float:
    """Least-squares slope of log(value) on log(n)."""
    xs, ys = [math.log(n) for n in points], [math.log(t) for t in points.values()]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)  # a child: one size, JSON out
    args = ap.parse_args()
    if args.one is not None:
        print(json.dumps(one_size(args.one, args.seed)))
        return 0
    runs = {}
    for n in args.sizes:
        r = runs[n] = in_child(n, args.seed)
        print(f"n={n:>9,d}  {r['seconds']:8.2f} s  {r['events']:,d} events  {r['relations']:,d} relations  "
              f"{n / r['seconds']:,.0f} claims/s  peak RSS {r['rss_mb']:,.0f} MB", flush=True)
    base = args.sizes[0]
    times = {n: r["seconds"] for n, r in runs.items()}
    for n in args.sizes[1:]:
        print(f"t{n // 1000}k/t{base // 1000}k = {times[n] / times[base]:.2f}  (linear would be {n / base:.2f})")
    slope = exponent(times)
    top = args.sizes[-1]
    per_100k = (runs[top]["rss_mb"] - runs[base]["rss_mb"]) / max(1, top - base) * 100_000
    print(f"fitted exponent: time ~ n^{slope:.3f}  (limit 1.15): {'ok' if slope <= 1.15 else 'TOO STEEP'}")
    print(f"link_exponent={slope:.3f} link_rss_mb_per_100k={per_100k:.0f} "
          + " ".join(f"link_seconds_{n}={t:.2f}" for n, t in times.items()))
    return 0 if slope <= 1.15 else 1


if __name__ == "__main__":
    sys.exit(main())

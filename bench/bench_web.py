"""Web and API response times under load, on a store of any size, with how they grow with the store.

Fills a small and a large store (PostgreSQL by default: a private throw-away server) straight
through the repository, starts ``counterclaim serve`` on 127.0.0.1 for each, warms it up, then
drives it with N concurrent loopback clients (an httpx async driver, bounded in time). Reported
per endpoint group (board, event, document, speaker, search, API lists): requests, p50 and p95,
errors, and the growth ratio of the large store's p50 to the small store's (1.0 means a request
costs the same whatever the store holds). The last line holds the headline figures.

    .venv/bin/python bench/bench_web.py                      # 1M claims vs 10k, PostgreSQL, 20 clients
    .venv/bin/python bench/bench_web.py --claims 100000 --backend sqlite --clients 200 --seconds 60 --mixed
                                                              # make load: every group at once, 0 errors wanted

The machine is shared: figures taken under load are noisy; the growth ratio is measured in the same run.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import webload  # noqa: E402


def measure(url: str, ids: dict, args, log: Path, say) -> dict:
    """Per group: (requests, p50, p95, errors) under ``args.clients`` clients, plus the run's totals."""
    groups = webload.requests_for(ids)
    with webload.Server(url, log, args.workers) as server:
        webload.drive(server.base, groups, min(args.clients, 8), args.warmup)  # warm caches and connections
        if args.mixed:
            result = webload.drive(server.base, groups, args.clients, args.seconds)
            rows = webload.table(result)
            everything = [ms for v in result.latencies.values() for ms in v]
            say(f"  all groups at once: {result.total:,} requests in {result.seconds:.0f} s "
                f"({result.total / result.seconds:.0f}/s), p50 {webload.pct(everything, .5):.1f} ms, "
                f"p95 {webload.pct(everything, .95):.1f} ms, max {max(everything):.0f} ms, errors {result.failed}, "
                f"statuses {result.statuses}")
            return {"rows": rows, "errors": result.failed, "all": everything}
        rows, errors, everything = [], 0, []
        for group, paths in groups.items():
            result = webload.drive(server.base, {group: paths}, args.clients, args.seconds)
            rows += webload.table(result)
            errors += result.failed
            everything += result.latencies.get(group, [])
        return {"rows": rows, "errors": errors, "all": everything}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000, help="claims in the large store")
    parser.add_argument("--small", type=int, default=10_000, help="claims in the small store (growth baseline)")
    parser.add_argument("--backend", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1, help="server processes (counterclaim serve --workers)")
    parser.add_argument("--seconds", type=float, default=10.0, help="per endpoint group (in all with --mixed)")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--mixed", action="store_true", help="drive every endpoint group at once")
    args = parser.parse_args()
    say = lambda *a: print(*a, flush=True)  # noqa: E731
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cc-web-")))
        if args.backend == "postgresql":
            import pgtemp

            make_url = stack.enter_context(pgtemp.server())
        else:
            def make_url(name: str) -> str:
                return f"sqlite:///{tmp / name}.db"
        found = {}
        for name, size in (("small", args.small), ("large", args.claims)):
            url = make_url(f"bench_{name}")
            say(f"filling the {name} store ({args.backend}, {size:,} claims)")
            ids = webload.fill(url, size, say=say)
            say(f"  {ids['claims']:,} claims, {ids['events']:,} events, {ids['relations']:,} relations "
                f"in {ids['seconds']:.0f} s")
            say(f"driving it: {args.clients} clients, {args.seconds:.0f} s{' in all' if args.mixed else ' per group'}")
            found[name] = measure(url, ids, args, tmp / f"{name}.log", say)
            found[name]["claims"] = ids["claims"]
            for g, n, p50, p95, errors in found[name]["rows"]:
                say(f"  {g:10} {n:7,} requests, p50 {p50:7.1f} ms, p95 {p95:7.1f} ms, errors {errors}")
    small = {r[0]: r for r in found["small"]["rows"]}
    large = {r[0]: r for r in found["large"]["rows"]}
    say(f"\n{'group':10} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} {'growth p50':>11}"
        f"   (large store: {found['large']['claims']:,} claims; growth = large p50 / {found['small']['claims']:,}-claim p50)")
    for group, (g, n, p50, p95, errors) in large.items():
        growth = p50 / small[group][2] if group in small and small[group][2] else math.nan
        say(f"{g:10} {n:9,} {p50:8.1f} {p95:8.1f} {errors:7} {growth:11.2f}")
    everything = found["large"]["all"]
    growth_all = webload.pct(everything, .5) / webload.pct(found["small"]["all"], .5)
    fields = {"web_p50_ms": webload.pct(everything, .5), "web_p95_ms": webload.pct(everything, .95),
              **{f"{g}_p95_ms": r[3] for g, r in large.items()}, "growth_p50": growth_all,
              "claims": found["large"]["claims"], "backend": args.backend, "clients": args.clients,
              "workers": args.workers,
              "errors": found["large"]["errors"] + found["small"]["errors"]}
    say(" ".join(f"{k}={v:.1f}" if isinstance(v, float) else f"{k}={v}" for k, v in fields.items()))
    return 1 if fields["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# The whole pipeline at volume, on PostgreSQL and a Dask cluster, in one command:
#
#   scripts/run_at_scale.sh [--documents N] [--workers W] [--dir DIR] [--corpus DIR] [--serve]
#
#   1. PostgreSQL: a server of its own in DIR/pg (initdb, pg_ctl; as the postgres user when run as root)
#   2. Dask: a scheduler and W worker processes of one thread each (`dask scheduler`, `dask worker`)
#   3. corpus: N generated documents (bench/make_corpus.py, a corrupt file every 1,000), unless --corpus
#   4. counterclaim ingest  --scheduler tcp://…   (files read on the workers, one writer)
#   5. counterclaim extract --scheduler tcp://…   (models once per worker, one writer)
#   6. counterclaim link                          (in this process: the linker is not distributed yet)
#   7. counterclaim serve                         (with --serve; Ctrl-C stops it)
#
# Each step's wall time goes to DIR/timings.txt; the last line printed is machine-readable:
#   documents=… claims=… events=… relations=… ingest_s=… extract_s=… link_s=… workers=W
# The server, scheduler and workers stop when the script ends. Needs PostgreSQL 15 binaries
# (apt-get install postgresql) and the project's .venv (make setup).
set -euo pipefail

DOCS=1000 WORKERS=2 DIR=var/scale CORPUS="" SERVE=0 PORT=55432 DPORT=8786
while [[ $# -gt 0 ]]; do
  case "$1" in
    --documents) DOCS="$2"; shift 2 ;;
    --workers) WORKERS="$2"; shift 2 ;;
    --dir) DIR="$2"; shift 2 ;;
    --corpus) CORPUS="$2"; shift 2 ;;
    --serve) SERVE=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$ROOT/.venv/bin"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[[ -x "$PGBIN/initdb" ]] || { echo "PostgreSQL binaries not found: apt-get install postgresql" >&2; exit 1; }
mkdir -p "$DIR"; DIR="$(cd "$DIR" && pwd)"
PGDIR="$DIR/pg"; URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/counterclaim"
SCHED="tcp://127.0.0.1:$DPORT"
export COUNTERCLAIM_DB="$URL" COUNTERCLAIM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
: > "$DIR/timings.txt"

as_pg() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
step() {  # step NAME COMMAND...: run, time, record
  local name="$1"; shift
  echo "== $name: $*" >&2
  local t0; t0=$(date +%s.%N)
  "$@"
  local dt; dt=$(echo "$(date +%s.%N) - $t0" | bc)
  printf '%s_s=%.1f\n' "$name" "$dt" >> "$DIR/timings.txt"
}

# 1. PostgreSQL
rm -rf "$PGDIR"; mkdir -p "$PGDIR"
[[ $EUID -eq 0 ]] && chown postgres:postgres "$PGDIR"
as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w start \
  -o "-p $PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_wal_size=4GB" >/dev/null
as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -q -c \
  "CREATE DATABASE counterclaim TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"

# 2. Dask: a scheduler and W single-threaded workers (on more machines: run `dask worker tcp://THIS_HOST:8786` there)
"$BIN/dask" scheduler --host 127.0.0.1 --port "$DPORT" --dashboard-address :0 >"$DIR/scheduler.log" 2>&1 & pids+=($!)
"$BIN/dask" worker "$SCHED" --nworkers "$WORKERS" --nthreads 1 --dashboard-address :0 >"$DIR/workers.log" 2>&1 & pids+=($!)
"$BIN/python" - "$SCHED" "$WORKERS" <<'EOF'
import sys
from distributed import Client
with Client(sys.argv[1], timeout=120) as c:
    c.wait_for_workers(int(sys.argv[2]), timeout=300)
EOF

# 3. corpus
if [[ -z "$CORPUS" ]]; then
  CORPUS="$DIR/corpus"; rm -rf "$CORPUS"
  step corpus "$BIN/python" "$ROOT/bench/make_corpus.py" "$CORPUS" --documents "$DOCS" --corrupt-every 1000
fi

# 4-6. ingest, extract, link (ingest exits 1 when some file failed: the corrupt ones, named on stderr)
step ingest "$BIN/counterclaim" ingest "$CORPUS" --scheduler "$SCHED" 2>"$DIR/ingest-errors.txt" || true
echo "files that failed: $(grep -vc "^== " "$DIR/ingest-errors.txt") (named in $DIR/ingest-errors.txt)" >&2
step extract "$BIN/counterclaim" extract --scheduler "$SCHED" --batch-size 16
step link "$BIN/counterclaim" link >/dev/null

counts=$("$BIN/python" - <<'EOF'
from counterclaim.settings import settings
from counterclaim.store import Store
with Store.open(settings().db) as s:
    from sqlalchemy import text
    with s.engine.connect() as c:
        n = {t: c.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in ("documents", "claims", "events", "relations")}
print(" ".join(f"{k}={v}" for k, v in n.items()))
EOF
)
echo "$counts $(tr '\n' ' ' < "$DIR/timings.txt")workers=$WORKERS"
if [[ $SERVE -eq 1 ]]; then
  echo "serving $URL on http://127.0.0.1:8000 (Ctrl-C stops everything)" >&2
  "$BIN/counterclaim" serve
fi

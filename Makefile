# counterclaim: `make demo` runs the whole pipeline on the bundled corpus; `make test` runs the suite.
# Both set up everything they need themselves (virtualenv, Python packages, Debian packages).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB := var/demo.db
export COUNTERCLAIM_DB ?= sqlite:///$(DEMO_DB)

.PHONY: demo test setup system-deps lint eval bench bench-web load model onnx link-model serve clean fuzz crash concurrency reliability

setup: $(STAMP)

# torch first, pinned: a plain `torch` would pull a multi-GB CUDA build.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# Debian packages the tests need: a real PostgreSQL server and Chromium for the browser tests.
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  echo "Installing Debian packages: postgresql chromium chromium-driver"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql chromium chromium-driver >/dev/null; \
	fi

demo: setup
	@mkdir -p var && rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/counterclaim ingest demo/corpus
	$(BIN)/counterclaim extract
	$(BIN)/counterclaim link
	$(BIN)/counterclaim disputes
	@echo
	@echo "Open the web app on this corpus:  $(BIN)/counterclaim serve --db sqlite:///$(DEMO_DB)   (then http://127.0.0.1:8000)"

test: setup system-deps
	$(BIN)/python -m pytest -q -p no:cacheprovider --browser chromium

lint: setup
	$(BIN)/ruff check src tests bench models scripts

# Scores on ../shared/eval (seed, PolNeAR dev/test) and on our held-out demo gold.
eval: setup
	$(BIN)/python scripts/evaluate.py
	$(BIN)/python scripts/eval_link.py
	$(BIN)/python scripts/eval_values.py

# Retrain the attribution tagger shipped in src/counterclaim/extract/model/ (PolNeAR train, best epoch on dev; ~30 min on 2 cores).
model: setup
	nice -n 10 $(BIN)/python models/train_tagger.py ../shared/eval/polnear --out src/counterclaim/extract/model
	$(MAKE) onnx

# Export the shipped tagger to ONNX Runtime (float32 default, int8 opt-in); about a minute.
onnx: setup
	$(BIN)/python models/export_tagger_onnx.py --precision fp32
	$(BIN)/python models/export_tagger_onnx.py --precision int8

# Retrain the linker's pair scorer in src/counterclaim/link/model/ (war-dev's exhaustive gold, leave-one-episode-out
# report in its MODEL_CARD.md); extracts war-dev's articles first so the scorer also learns from extracted claims.
link-model: setup
	$(BIN)/python scripts/extract_cache.py ../shared/eval/war-dev/articles var/war-dev-extracted.pkl
	nice -n 10 $(BIN)/python models/train_linker.py --pipeline var/war-dev-extracted.pkl

# Reliability campaigns (docs/RELIABILITY.md): the full versions of what `make test` runs small.
fuzz: setup
	@mkdir -p var
	OMP_NUM_THREADS=1 FUZZ_EXAMPLES=10000 FUZZ_EXTRACT_EVERY=20 FUZZ_LONG=200 FUZZ_LONG_WORDS=2000 \
	  FUZZ_REPORT=var/fuzz-report.json nice -n 10 $(BIN)/python -m pytest -q -p no:cacheprovider tests/reliability/test_fuzz.py

crash: setup system-deps
	@mkdir -p var
	OMP_NUM_THREADS=1 CRASH_DOCUMENTS=2000 CRASH_TRIALS=20 CRASH_REPORT=var/crash-report.json \
	  nice -n 10 $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/reliability/test_crash.py

concurrency: setup
	@mkdir -p var
	OMP_NUM_THREADS=1 CONCURRENCY_CLIENTS=20 CONCURRENCY_SECONDS=60 CONCURRENCY_REPORT=var/concurrency-report.json \
	  $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/reliability/test_concurrency.py

reliability: fuzz crash concurrency

bench: setup
	$(BIN)/python bench/bench_link.py
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_store.py
	$(BIN)/python bench/bench_serve.py
	$(BIN)/python bench/bench_dask.py
	$(BIN)/python bench/bench_ingest.py

# Web and API under load at 1M claims on PostgreSQL (20 clients; p50/p95 per page, growth against 10k claims).
bench-web: setup system-deps
	nice -n 10 $(BIN)/python bench/bench_web.py --claims 1000000 --clients 20

# 200 clients for 60 s on loopback against a 100k-claim store: 0 errors wanted, p50/p95 printed.
# (CI runs a small version: tests/serve/test_serve_load.py.)
load: setup
	nice -n 10 $(BIN)/python bench/bench_web.py --claims 100000 --small 10000 --backend sqlite --clients 200 --seconds 60 --mixed

serve: setup
	$(BIN)/counterclaim serve --db sqlite:///$(DEMO_DB)

clean:
	rm -rf var test-artifacts .pytest_cache

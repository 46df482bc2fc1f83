# The two commands of the README contract: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test venv bench bench-accuracy clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,dask]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/python examples/make_shop_db.py examples/shop.db
	mkdir -p out
	$(BIN)/kgpii scan examples/ --exclude "*.py" --report-dir out

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench-accuracy: $(STAMP)
	$(BIN)/python bench/accuracy.py

# make bench BENCH_ARGS="--size-mb 1000 --db-rows 1000000"   (issue 7's 1 GB log / 1M-row table)
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) out .pytest_cache

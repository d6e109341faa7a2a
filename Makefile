# Two commands on a fresh machine: `make run` (set up, index the seed pages, serve) and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEEDS ?= seeds
INDEX ?= index
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install browser index run test evals bench clean

# Re-installs only when pyproject.toml changes; pip's notes about this machine's local mirrors are filtered out.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]' 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
	touch $@

install: $(VENV)/.installed

# The widget's browser tests drive Debian's Chromium (Playwright's own browser download cannot work offline).
browser:
	command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

index: install
	$(BIN)/python -m ingest $(SEEDS) --index $(INDEX)

run: index
	$(BIN)/python -m service --index $(INDEX)

# The tests run in a network namespace with only loopback (service/loopback.py): the Ray tests start a local
# cluster, which must not use the machine's external interface; RAG_RAY_TESTS=required makes them fail, not
# skip, if that namespace is missing.
test: install browser
	RAG_RAY_TESTS=required $(BIN)/python -m service.loopback -- $(BIN)/python -m pytest $(PYTEST_ARGS)

evals: install
	$(BIN)/python -m evals run

# One BLAS/OpenMP thread, as each service worker runs (docs/PERFORMANCE.md).
bench: install
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/python -m evals.bench

clean:
	rm -rf $(INDEX) $(INDEX).builds .pytest_cache

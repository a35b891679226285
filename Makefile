# Two commands for a fresh clone: `make run` and `make test`. Both build the
# environment first (a venv from the hash-pinned lock), then do their job.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: setup run test lock clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-* && touch $@

run: setup
	$(BIN)/khabar run

test: setup
	$(BIN)/python -m pytest

# Re-pin after editing pyproject.toml (needs `uv`; writes no registry address).
lock:
	uv pip compile pyproject.toml --extra dev --extra build --override lock-overrides.txt \
	  --generate-hashes --python-version 3.11 --no-emit-index-url --no-emit-find-links \
	  -o requirements.lock

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/reports .pytest_cache

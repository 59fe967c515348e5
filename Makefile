# Two-command set-up: `make demo` and `make test`. Everything CI needs is here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint bench schema docs setup graphviz chromium clean

setup: $(STAMP) graphviz

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,diagram]'
	@touch $(STAMP)

graphviz:
	@command -v dot >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's graphviz (dot is missing)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; \
	  else \
	    echo "Graphviz is missing: install it (e.g. 'sudo apt-get install graphviz'); diagrams need it, check does not"; \
	  fi; }

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium (the report's browser tests need it)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is missing: install it (e.g. 'sudo apt-get install chromium'); the report's browser tests are skipped without it"; \
	  fi; }

demo: setup
	$(BIN)/designlint check examples/twitter.yaml
	$(BIN)/designlint diagram examples/twitter.yaml -o examples/twitter.png
	@echo "architecture diagram: $(CURDIR)/examples/twitter.png"

# The real Mermaid parser (and jsdom, the DOM it needs) for tests/diagram/test_mermaid.py and
# the published SARIF 2.1.0 schema for the SARIF tests, pinned in package-lock.json; without npm
# the Mermaid test is skipped and the SARIF tests fail (they must validate against something).
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm is missing: install Node.js and npm; the Mermaid parser test is skipped without it"; exit 0; }; \
	npm ci --no-audit --no-fund --loglevel=error && touch $@

test: setup chromium node_modules/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	@$(BIN)/python -m pytest -q; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$rc

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# Peers are installed when missing: Debian's time and valgrind (as root), yamllint into the
# venv, and optionally Spectral into bench/node_modules. Writes bench/results.md.
bench: setup
	@test -x /usr/bin/time && command -v valgrind >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's time and valgrind"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time valgrind >/dev/null; \
	  else \
	    echo "/usr/bin/time or valgrind is missing: install them (e.g. 'sudo apt-get install time valgrind')"; exit 1; \
	  fi; }
	@test -x $(BIN)/yamllint || $(BIN)/python -m pip install -q yamllint
	@test -x bench/node_modules/.bin/spectral || { \
	  command -v npm >/dev/null 2>&1 && npm install --prefix bench --no-package-lock --no-audit --no-fund --silent \
	  || echo "Spectral could not be installed (npm missing or offline): its comparison is skipped"; }
	$(BIN)/python bench/run.py --readme

schema: setup
	$(BIN)/designlint schema > schemas/design.schema.json

docs: setup schema
	$(BIN)/python -m designlint.numbers.expr
	$(BIN)/python -m designlint.model.prebuilt
	$(BIN)/python -m designlint.docs docs/rules

clean:
	rm -rf $(VENV) build *.egg-info

# Two commands for a fresh clone: `make lab` (use the course) and `make test` (check it).
# Both create .venv with `python3 -m venv` when it is missing and re-install only when
# pyproject.toml changes (a stamp file named after its hash marks a finished install).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

PYPROJECT_HASH := $(shell sha256sum pyproject.toml | cut -c1-12)
COURSE_STAMP := $(VENV)/.installed-course-$(PYPROJECT_HASH)
TEST_STAMP := $(VENV)/.installed-test-$(PYPROJECT_HASH)
IS_ROOT := $(filter 0,$(shell id -u))
CHROMIUM := /usr/bin/chromium

# TensorFlow's start-up chatter would land on stderr of notebooks and tests (its oneDNN
# notice ignores the log level; without oneDNN its results are also repeatable).
export TF_CPP_MIN_LOG_LEVEL ?= 3
export TF_ENABLE_ONEDNN_OPTS ?= 0

.PHONY: lab test bench playground notebooks chromium venv clean-venv help

help:
	@echo "make lab         start JupyterLab on notebooks/00_start_here.ipynb"
	@echo "make test        run every test (unit, doctests, notebooks, browser, fresh clone)"
	@echo "make bench       run every benchmarks/bench_*.py"
	@echo "make playground  serve notebooks/12_playground.ipynb as a page (Voila)"
	@echo "make notebooks   re-execute every notebook in place (refresh stored outputs)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || \
	  { echo "nn-course needs Python >= 3.10; $(PYTHON) is $$($(PYTHON) -V 2>&1)." >&2; exit 1; }
	@# Debian ships venv/ensurepip in a separate package (python3-venv).
	$(PYTHON) -m venv $(VENV) || { \
	  rm -rf $(VENV); \
	  if [ -n "$(IS_ROOT)" ] && command -v apt-get >/dev/null; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv && \
	    $(PYTHON) -m venv $(VENV); \
	  else \
	    echo "Could not create $(VENV); on Debian/Ubuntu run: sudo apt-get install python3-venv" >&2; \
	    exit 1; \
	  fi; }
	$(BIN)/python -m pip install --upgrade pip

venv: $(COURSE_STAMP)

$(COURSE_STAMP): | $(BIN)/python
	$(BIN)/python -m pip install -e '.[course]'
	rm -f $(VENV)/.installed-course-*
	touch $@

$(TEST_STAMP): | $(BIN)/python
	$(BIN)/python -m pip install -e '.[course,test]'
	rm -f $(VENV)/.installed-*
	touch $@ $(COURSE_STAMP)

lab: $(COURSE_STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 --ServerApp.root_dir=notebooks \
	  --LabApp.default_url=/lab/tree/00_start_here.ipynb $(if $(IS_ROOT),--allow-root)

chromium:
	@if [ -x $(CHROMIUM) ]; then \
	  :; \
	elif [ -n "$(IS_ROOT)" ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian chromium for the browser tests"; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	else \
	  echo "*** $(CHROMIUM) is missing and this user cannot apt-get install it:"; \
	  echo "*** the browser tests will be skipped (REQUIRE_BROWSER=1 makes them fail)."; \
	  echo "*** To run them: sudo apt-get install chromium"; \
	fi

test: $(TEST_STAMP) chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(COURSE_STAMP)
	@ls benchmarks/bench_*.py >/dev/null 2>&1 || { echo "no benchmarks/bench_*.py found" >&2; exit 1; }
	@for f in benchmarks/bench_*.py; do \
	  echo "=== $$f"; $(BIN)/python $$f || exit 1; \
	done

playground: $(COURSE_STAMP)
	$(BIN)/voila notebooks/12_playground.ipynb --Voila.ip=127.0.0.1

notebooks: $(COURSE_STAMP)
	$(BIN)/python tests/run_notebooks.py notebooks/[0-9][0-9]_*.ipynb

clean-venv:
	rm -rf $(VENV)

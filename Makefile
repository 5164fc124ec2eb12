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
# The site's build tools live in a venv of their own: JupyterLite's kernel extension is
# for the browser-only site and fails to load in JupyterLab, so it stays out of .venv.
SITE_VENV := .venv-site
SITE_STAMP := $(SITE_VENV)/.installed-site-$(PYPROJECT_HASH)
# `make site SITE_CDN=1`: the public-host variant (Pyodide from its official CDN) in _site_cdn/
SITE_CDN ?=
SITE_PORT ?= 8000
# JupyterLab settings that every JupyterLab of this venv uses (no "Jupyter news?" toast)
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json
IS_ROOT := $(filter 0,$(shell id -u))
CHROMIUM := /usr/bin/chromium

# TensorFlow's start-up chatter would land on stderr of notebooks and tests (its oneDNN
# notice ignores the log level; without oneDNN its results are also repeatable).
export TF_CPP_MIN_LOG_LEVEL ?= 3
export TF_ENABLE_ONEDNN_OPTS ?= 0

.PHONY: lab test bench playground notebooks chromium npm site serve-site venv clean-venv help

help:
	@echo "make lab         start JupyterLab on notebooks/00_start_here.ipynb"
	@echo "make test        run every test (unit, doctests, notebooks, browser, fresh clone)"
	@echo "make bench       run every benchmarks/bench_*.py"
	@echo "make playground  serve the playground as a page of its own (Voila)"
	@echo "make notebooks   re-execute every notebook in place (refresh stored outputs)"
	@echo "make site        build the course as a static website in _site/ (JupyterLite)"
	@echo "                 (SITE_CDN=1: the public-host variant, Pyodide from its CDN, in _site_cdn/)"
	@echo "make serve-site  serve _site/ on http://127.0.0.1:$(SITE_PORT)/"

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

# The site's build tools only (no TensorFlow), in $(SITE_VENV): enough for `make site`.
$(SITE_STAMP): | $(BIN)/python
	$(PYTHON) -m venv $(SITE_VENV)
	$(SITE_VENV)/bin/python -m pip install --upgrade pip
	$(SITE_VENV)/bin/python -m pip install -e '.[site]'
	rm -f $(SITE_VENV)/.installed-site-*
	touch $@

$(LAB_OVERRIDES): | $(BIN)/python
	mkdir -p $(dir $@)
	echo '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}' > $@

lab: $(COURSE_STAMP) $(LAB_OVERRIDES)
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

# npm downloads the Pyodide runtime for the site (tests build the site when it is stale).
npm:
	@if command -v npm >/dev/null; then \
	  :; \
	elif [ -n "$(IS_ROOT)" ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian npm to download the site's Pyodide runtime"; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y npm; \
	else \
	  echo "*** npm is missing and this user cannot apt-get install it:"; \
	  echo "*** the site cannot be built (sudo apt-get install npm)."; \
	fi

test: $(TEST_STAMP) $(SITE_STAMP) $(LAB_OVERRIDES) chromium npm
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(COURSE_STAMP) $(SITE_STAMP) npm
	@ls benchmarks/bench_*.py >/dev/null 2>&1 || { echo "no benchmarks/bench_*.py found" >&2; exit 1; }
	@for f in benchmarks/bench_*.py; do \
	  echo "=== $$f"; $(BIN)/python $$f || exit 1; \
	done

playground: $(COURSE_STAMP)
	$(BIN)/voila notebooks/pages/playground.ipynb --Voila.ip=127.0.0.1

notebooks: $(COURSE_STAMP)
	$(BIN)/python tests/run_notebooks.py notebooks/[0-9][0-9]_*.ipynb notebooks/pages/*.ipynb

site: $(SITE_STAMP) npm
	$(SITE_VENV)/bin/python site/build.py --if-stale $(if $(SITE_CDN),--cdn)

serve-site:
	@test -f _site/index.html || { echo "no site in _site/: run make site first" >&2; exit 1; }
	$(if $(wildcard $(BIN)/python),$(BIN)/python,$(PYTHON)) site/serve.py --port $(SITE_PORT)

clean-venv:
	rm -rf $(VENV) $(SITE_VENV)

# Everything runs from a project-local virtual environment that the targets create themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build build-properdocs offline test check lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)  ## preview the handbook at http://127.0.0.1:8000, rebuilt on every change
	$(BIN)/mkdocs serve --dirty --no-strict

build: $(STAMP)  ## build the site into site/
	$(BIN)/mkdocs build --strict --site-dir site

build-properdocs: $(STAMP)  ## build the site with ProperDocs, the maintained continuation of MkDocs 1.x
	$(BIN)/properdocs build --strict -f mkdocs.yml --site-dir site-properdocs

offline: $(STAMP)  ## a copy of the site in site-offline/ that works from a folder or USB stick, search included
	SERVICEBOOK_OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline

check: $(STAMP)  ## check the framework's YAML files without building
	$(BIN)/servicebook check --data-dir competencies

test: $(STAMP)  ## run every test
	$(BIN)/python -m pytest

lint: $(STAMP)  ## style and type checks
	$(BIN)/python -m pip install --quiet -e '.[lint]'
	$(BIN)/ruff check plugins tests scripts
	$(BIN)/mypy plugins/servicebook

clean:
	rm -rf site site-offline site-properdocs $(VENV)

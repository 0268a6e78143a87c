# Front door for the workbook. `make` alone lists the targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help reports tables test lab clean
help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

reports: $(STAMP) ## set up, then render every report and table into outputs/
	$(BIN)/python -m helpers build

tables: $(STAMP) ## set up, then write the CSV tables only (no notebooks)
	$(BIN)/python -m helpers tables

test: $(STAMP) ## set up, then run the tests
	$(BIN)/python -m pytest

lab: $(STAMP) ## set up, then open JupyterLab on the notebooks
	$(BIN)/jupyter lab notebooks/

clean: ## remove generated outputs (keeps outputs/README.md)
	find outputs -mindepth 1 ! -name README.md -exec rm -rf {} +

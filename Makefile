# Two commands a new user needs: `make run` and `make test`. Only python3 and make are assumed.
export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export GX_ANALYTICS_ENABLED := false
export PREFECT_LOGGING_LEVEL ?= WARNING

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench lock clean

$(STAMP): requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/factsheet refresh

# Two processes (pytest-xdist), a test file each at a time: module fixtures (a Prefect server, a published
# package) are built once per file, as in a serial run.
test: $(STAMP)
	$(VENV)/bin/ruff check src flows tests benchmarks
	$(PY) -m pytest -q -n 2 --dist loadfile

bench: $(STAMP)
	for b in benchmarks/*.py; do $(PY) $$b || exit 1; done

lock:
	rm -rf /tmp/factsheet-lock && python3 -m venv /tmp/factsheet-lock
	/tmp/factsheet-lock/bin/pip install --quiet '.[test]'
	( echo '# Pinned with: pip freeze of a venv built from pyproject.toml [test]; regenerate with `make lock`.'; \
	  /tmp/factsheet-lock/bin/pip freeze --exclude factsheet ) > requirements.lock

clean:
	rm -rf $(VENV)

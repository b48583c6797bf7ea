# Two commands do all set-up on a fresh machine:
#   make run    install, build the index (shipped samples, or CORPUS=folder), serve the page
#   make test   install, then run every test (what CI runs)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DATA ?= $(or $(XDG_DATA_HOME),$(HOME)/.local/share)/transcript-qa
SAMPLE_CORPUS := $(DATA)/corpus
CORPUS ?= $(SAMPLE_CORPUS)
# One index per corpus folder, so building one never replaces another's: the samples keep $(DATA)/index,
# any other folder gets $(DATA)/indexes/NAME-HASH, NAME from the folder's name and HASH from its full path
# (two folders called "briefings" in different places get two indexes).
CORPUS_ABS := $(shell realpath -m -- "$(CORPUS)")
CORPUS_KEY := $(shell n=$$(basename -- "$(CORPUS_ABS)" | tr -c 'A-Za-z0-9._\n-' '-'); \
	h=$$(printf '%s' "$(CORPUS_ABS)" | sha256sum | cut -c1-8); echo "$$n-$$h")
INDEX ?= $(if $(filter $(abspath $(SAMPLE_CORPUS)),$(CORPUS_ABS)),$(DATA)/index,$(DATA)/indexes/$(CORPUS_KEY))
HOST ?= 127.0.0.1
PORT ?= 7860
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run build serve test install install-test browser bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# torch first and pinned: this is the CPU build; anything looser pulls CUDA.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/.installed

install-test: $(BIN)/.installed-test

run: build serve

build: install
	@if [ "$(CORPUS)" = "$(SAMPLE_CORPUS)" ] && [ ! -d "$(SAMPLE_CORPUS)" ]; then \
		mkdir -p "$(SAMPLE_CORPUS)" && cp corpus/samples/*.txt corpus/samples/*.md "$(SAMPLE_CORPUS)/" && \
		echo "Copied the sample transcripts to $(SAMPLE_CORPUS); uploads from the page go there too."; fi
	@echo "Corpus folder $(CORPUS) uses the index $(INDEX)"
	$(BIN)/transcript-qa build "$(CORPUS)" --index "$(INDEX)"

serve: install
	@echo "Serving the index $(INDEX) of the corpus folder $(CORPUS)"
	$(BIN)/transcript-qa serve --index "$(INDEX)" --corpus "$(CORPUS)" --host $(HOST) --port $(PORT)

# Browser tests drive Debian's Chromium; Playwright's own browser download does not work offline.
browser:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || { \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-driver; }

test: install-test browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python tests/benchmark.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts

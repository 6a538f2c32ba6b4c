# Two commands do everything: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: run test build eval clean screenshot docs

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; set PYTHON=/path/to/python3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[all]'
	@touch $@

$(TSTAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

# The PDF tests set a report in a CJK font (tests/formats.py): installed once, only where it is missing.
CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
$(CJK_FONT):
	@{ [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && export DEBIAN_FRONTEND=noninteractive \
	  && apt-get update -qq && apt-get install -y -qq fonts-wqy-microhei >/dev/null; } \
	  || echo "note: could not install fonts-wqy-microhei; the PDF tests skip (and fail under CI)" >&2

run: $(STAMP)
	$(BIN)/kg build seeds --out output

build: run

test: $(TSTAMP) $(CJK_FONT)
	@bash tests/install-debian.sh
	$(BIN)/python -m pytest

# the pictures of the page, taken by its browser tests: the README's (docs/images/: the first views of the seed and of
# the 102 Shenzhen reports of ../shared/corpus, which this builds) and the walk-through's (output/graph.png)
screenshot: $(TSTAMP)
	@bash tests/install-debian.sh
	GOVKG_SCREENSHOT=1 $(BIN)/python -m pytest -q tests/test_page.py -k "rural_revitalisation or first_view or 102"

# the docs site (docs/mkdocs.yml, pages in docs/pages/) into site/, warnings as errors; tests/test_docs.py builds it too
docs: $(TSTAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet -f docs/mkdocs.yml

eval: $(STAMP)
	$(BIN)/kg eval tests/gold/dev/seed.json --graph output

clean:
	rm -rf $(VENV) build site *.egg-info

"""The README and the docs site: short, complete, self-contained, and built with warnings as errors."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import cli

from .conftest import ROOT

README = ROOT / "README.md"
PAGES = ROOT / "docs" / "pages"
DOCS = [README, ROOT / "CHANGELOG.md", *sorted(PAGES.glob("*.md")), *sorted(ROOT.glob("*/README.md"))]


def test_readme_mentions_every_command():
    readme = README.read_text(encoding="utf-8")
    for command in cli.commands:
        assert f"kg {command}" in readme, f"README.md does not document `kg {command}`"


def test_the_commands_page_documents_every_option_of_every_command():
    page = (PAGES / "commands.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert f"kg {name}" in page
        for option in (o for p in command.params for o in p.opts if o.startswith("--")):
            assert option in page, f"docs/pages/commands.md does not document `kg {name} {option}`"


def test_quickstart_is_make_run_and_make_test_then_how_to_run_kg():
    readme = README.read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert ".venv/bin/kg" in readme and "source .venv/bin/activate" in readme


def test_the_readme_is_read_in_five_minutes():
    readme = README.read_text(encoding="utf-8")
    assert len(readme) <= 10_000
    assert max(len(line) for line in readme.splitlines()) <= 200


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_docs_refer_to_nothing_outside_the_repository(doc):
    text = doc.read_text(encoding="utf-8")
    assert "../shared" not in text and "shared/corpus" not in text
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if not re.match(r"[a-z]+:", target):
            assert (doc.parent / target).exists(), f"{doc.name} links to {target}, which is not in the repository"


def test_the_docs_site_builds_with_warnings_as_errors(tmp_path):
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent)) or shutil.which("mkdocs")
    assert mkdocs, "mkdocs is missing: make test installs it (pip install -e '.[docs]')"
    proc = subprocess.run([mkdocs, "build", "--strict", "-f", str(ROOT / "docs" / "mkdocs.yml"), "-d", str(tmp_path)],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "graph-model" / "index.html").is_file()

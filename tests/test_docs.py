"""The README documents every command, and the Quickstart's two commands."""

from kg.cli import cli

from .conftest import ROOT


def test_readme_mentions_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in cli.commands:
        assert f"kg {command}" in readme, f"README.md does not document `kg {command}`"


def test_quickstart_is_make_run_and_make_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme

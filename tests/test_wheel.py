"""govkg installed from its wheel (not editable), used from another folder: the ontology, the shapes, the saved
queries, the lexicon and the page's templates all come from inside the package."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from .conftest import ROOT

SEED = ROOT / "seeds"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with govkg's wheel in it; its dependencies are this environment's, seen
    through a ``.pth`` file (so nothing is downloaded), and govkg itself only from the wheel."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--quiet", "-w", str(work)],
                   check=True, capture_output=True, timeout=600)
    wheel = next(work.glob("govkg-*.whl"))
    env = work / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)], check=True,
                   capture_output=True, timeout=300)
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return env / "bin"


def kg(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(bin_dir / "kg"), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_the_wheel_carries_the_ontology_and_the_data_files(installed, tmp_path):
    where = subprocess.run([str(installed / "python"), "-c",
                            "import kg, kg.vocab; print(kg.__file__); print(kg.vocab.ontology_file('shapes.ttl'))"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.split()
    assert "site-packages" in where[0] and not where[0].startswith(str(ROOT))
    assert Path(where[1]).is_file() and "site-packages" in where[1]


def test_build_validate_query_and_export_run_from_another_folder(installed, tmp_path):
    built = kg(installed, tmp_path, "build", str(SEED), "--out", "out")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == (ROOT / "output" / "graph.ttl").read_bytes()
    assert (tmp_path / "out" / "graph.html").read_bytes() == (ROOT / "output" / "graph.html").read_bytes()
    checked = kg(installed, tmp_path, "validate", "out")
    assert checked.returncode == 0, checked.stderr
    queried = kg(installed, tmp_path, "query", "top-work-areas", "--data", "out")
    assert queried.returncode == 0 and "rows)" in queried.stdout, queried.stderr
    exported = kg(installed, tmp_path, "export", "--graph", "out", "--format", "jsonld", "--out", "graph.jsonld")
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "graph.jsonld").stat().st_size > 1000

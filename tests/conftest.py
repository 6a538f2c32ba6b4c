"""Shared fixtures: the seed report, the second-style fixture, and one build of each."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import kg

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_55331ebdb0be2b0e.txt"
QINGHE = ROOT / "tests" / "fixtures" / "qinghe-2021.txt"
GOLD = ROOT / "tests" / "gold" / "dev"  # the gold files rules may be written from; tests/gold/test/ is held out
# the shared folder sits next to the project (``../shared``); GOVKG_SHARED points elsewhere
SHARED = next((p for p in (Path(os.environ.get("GOVKG_SHARED", ROOT.parent / "shared")), ROOT.parent / "shared",
                           Path("/work/shared")) if p.is_dir()), ROOT.parent / "shared")
CORPUS = SHARED / "corpus" / "shenzhen"


@pytest.fixture(scope="session")
def seed_extraction():
    return kg.extract_file(SEED)


@pytest.fixture(scope="session")
def qinghe_extraction():
    return kg.extract_file(QINGHE)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-build")
    result = kg.build([SEED.parent], out)
    return out, result


@pytest.fixture(scope="session")
def qinghe_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("qinghe-build")
    kg.build([QINGHE], out)
    return out

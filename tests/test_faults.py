"""Faults during a build: a worker killed, the build itself killed. Nothing good is lost, nothing is left running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.corpus.parallel import map_files

from .conftest import CORPUS, ROOT
from .load import process_tree


def name_or_die(path: str) -> str:
    """A job whose worker is killed on a file named ``die…``, as the kernel's OOM killer or a ``kill -9`` would."""
    if Path(path).name.startswith("die"):
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.2)  # so that other reports are in flight when a worker dies
    return Path(path).name


def test_a_killed_worker_costs_only_its_own_report(tmp_path):
    files = []
    for name in ("a.txt", "b.txt", "die.txt", "c.txt", "d.txt", "e.txt"):
        (tmp_path / name).write_text("2020年工作回顾\n", encoding="utf-8")
        files.append(tmp_path / name)
    outcomes = list(map_files(files, name_or_die, workers=2))
    assert [o.result for o in outcomes] == ["a.txt", "b.txt", None, "c.txt", "d.txt", "e.txt"]
    assert "its worker died twice" in outcomes[2].problem.message


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs the Shenzhen corpus of ../shared")
def test_kill_9_of_a_build_leaves_nothing_running(tmp_path):
    build = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(CORPUS), "--out", str(tmp_path / "out"),
                              "--workers", "2", "--no-cache", "--no-page"], cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while len(process_tree(build.pid)) < 4 and time.monotonic() < deadline:  # the fork server, two workers …
            time.sleep(0.2)
        time.sleep(1.0)
        started = process_tree(build.pid) - {build.pid}
        assert len(started) >= 3, started
        build.kill()
        build.wait()
        deadline = time.monotonic() + 15
        while any(_alive(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = {pid for pid in started if _alive(pid)}
        assert not left, [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in left]
    finally:
        if build.poll() is None:
            build.kill()
        for pid in process_tree(build.pid):
            if pid != build.pid and _alive(pid):
                os.kill(pid, signal.SIGKILL)

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


@pytest.fixture
def small_disk(tmp_path):
    """A 6 MB tmpfs, mounted for the test (needs root; skipped where mounting is not allowed)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _free_bytes(path: Path) -> int:
    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="tmpfs is Linux's")
def test_a_full_disk_at_any_point_is_one_line_and_the_earlier_output_stays(small_disk, tmp_path):
    from .conftest import QINGHE, SEED

    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / SEED.name).write_bytes(SEED.read_bytes())
    out = small_disk / "out"
    first = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(reports), "--out", str(out)], cwd=ROOT,
                           capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    earlier = {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.html")}
    (reports / QINGHE.name).write_bytes(QINGHE.read_bytes())  # a second report: everything is written again
    outcomes = []
    for free in (0, 8 << 10, 64 << 10, 256 << 10, 512 << 10, 768 << 10, 896 << 10, 1024 << 10, 1536 << 10, 2048 << 10):
        filler = small_disk / "filler"
        size = max(0, _free_bytes(small_disk) - free)
        with open(filler, "wb") as fh:
            try:
                fh.write(b"\0" * size)
            except OSError:
                pass
        build = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(reports), "--out", str(out)], cwd=ROOT,
                               capture_output=True, text=True)
        filler.unlink()
        outcomes.append(build.returncode)
        assert build.returncode in (0, 3), build.stderr
        assert "Traceback" not in build.stderr
        if build.returncode == 3:
            errors = [line for line in build.stderr.splitlines() if line.startswith("error: ")]
            assert len(errors) == 1 and "free some disk space" in errors[0] or "No space left" in errors[0], errors
            assert {name: (out / name).read_bytes() for name in earlier} == earlier  # untouched, both
        else:
            assert b"qinghe-2021.txt" in (out / "graph.ttl").read_bytes()
            break
    assert 3 in outcomes, outcomes  # some level of free space was too little

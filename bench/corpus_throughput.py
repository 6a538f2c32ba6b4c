"""Throughput and peak memory of extracting a generated corpus, beside plain ``jieba.lcut`` on the same text.

The corpus comes from ``tests/corpus.py``: ``--reports`` made-up reports (about
30 KB each, so 500 reports are about 15 MB), five consecutive years per region.
Measured in one run:

- **jieba.lcut**: plain segmentation of every report's text in this process,
  after jieba's dictionary is loaded (the ceiling the pipeline is compared to),
  and ``jieba.posseg.lcut`` (segmentation with part-of-speech tags and HMM,
  which is what govkg's tokenizer runs) on the small corpus;
- **worker start**: a fresh process importing govkg and loading jieba with
  govkg's user words (what each worker pays once, ``kg.corpus.parallel._warm_up``);
- **extract**: ``kg.pipeline.extract_all`` over the files with 1 and 2
  workers, without the cache, each run in a fresh process so its peak memory
  is its own. Outcomes are consumed and dropped, as ``kg.build`` does once a
  report's triples are in the graph: this is the streamed stage whose memory
  must not grow with the corpus;
- **peak memory**: ``ru_maxrss`` of that process (the parent), the peak RSS
  of its largest worker (``VmHWM``; the workers are children of the
  forkserver, so ``RUSAGE_CHILDREN`` does not see them: psutil finds them) and
  the largest sum of the RSS of all of them, sampled every 0.2 s, on the small
  corpus and the full one;
- **build** (``--full-build``): whole ``kg build`` runs (validating, with its
  cache, into a fresh folder, each in a fresh process): the small corpus with
  1 and 2 workers and the full one with 2, with ``--no-page``, then both with the page:
  seconds, MB/s and its share of ``jieba.lcut`` per worker, peak memory of the ``kg``
  process (``VmHWM``) and of all processes together (sampled as above); then
  a rebuild of the full corpus with nothing changed, and one after changing
  one report (a sentence added): seconds, and how many reports were
  extracted again (new entries in its cache). ``--build-only`` skips
  the other measurements.

Throughput is MB of UTF-8 text per second. Machines are noisy: compare the
ratios measured in one run.

    python bench/corpus_throughput.py                      # 100 and 500 reports
    python bench/corpus_throughput.py --reports 200 --small 50 --full-build
    python bench/corpus_throughput.py --full-build --build-only   # builds of 100 and 500 reports, rebuilds
    python bench/corpus_throughput.py --real ../shared/corpus/shenzhen   # and the 102 real reports
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=500, help="reports in the full corpus")
    ap.add_argument("--small", type=int, default=100, help="reports in the small corpus (memory at two sizes)")
    ap.add_argument("--paragraphs", type=int, default=120, help="paragraphs per report (120: about 30 KB)")
    ap.add_argument("--full-build", action="store_true",
                    help="also time whole `kg build`s of both corpora and two rebuilds, with their peak memory")
    ap.add_argument("--build-only", action="store_true", help="with --full-build: measure only the builds")
    ap.add_argument("--no-validate", action="store_true", help="build with --no-validate")
    ap.add_argument("--real", metavar="FOLDER",
                    help="also extract the .txt reports of FOLDER (e.g. ../shared/corpus/shenzhen) beside jieba.lcut")
    ap.add_argument("--child", nargs=2, metavar=("FOLDER", "WORKERS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return _child(Path(args.child[0]), int(args.child[1]))
    from tests.corpus import make_corpus, write_corpus

    with tempfile.TemporaryDirectory(prefix="govkg-corpus-") as tmp:
        big, small = Path(tmp, "big"), Path(tmp, "small")
        reports = make_corpus(regions=args.reports // 5, years=5, paragraphs=args.paragraphs)
        write_corpus(big, reports)
        write_corpus(small, reports[:args.small])
        mb = sum(len(r.text.encode()) for r in reports) / 1e6
        print(f"corpus: {len(reports)} reports, {mb:.1f} MB (small: {args.small} reports, "
              f"{_mb(small):.1f} MB)")
        if args.real:
            _real(Path(args.real), Path(tmp, "real"), args.full_build)
        lcut = _lcut(reports)
        print(f"jieba.lcut, 1 process:  {lcut:6.3f} MB/s")
        if not (args.full_build and args.build_only):
            _extraction(reports, small, big, args.small, lcut)
        if args.full_build:
            _builds(small, big, Path(tmp), ["--no-validate"] if args.no_validate else [], lcut)


def _extraction(reports, small: Path, big: Path, n_small: int, lcut: float) -> None:
    print(f"jieba.posseg.lcut (HMM), what govkg tokenizes with, {n_small} reports: "
          f"{_lcut(reports[:n_small], pos=True):6.3f} MB/s")
    print(f"worker start (import govkg + load jieba): {_worker_start():.2f} s")
    for folder, workers in [(small, 1), (small, 2), (big, 2)]:
        r = _run_child(folder, workers)
        print(f"extract {r['reports']:4d} reports, {workers} worker(s): {r['mb_per_s']:6.3f} MB/s "
              f"({r['seconds']:.1f} s, {r['mb_per_s'] / workers / lcut:.0%} of jieba.lcut per worker); peak RSS parent {r['parent_mb']:.0f} MB, "
              f"largest worker {r['child_mb']:.0f} MB, all processes {r['total_mb']:.0f} MB")


def _real(source: Path, folder: Path, full_build: bool = False) -> None:
    """Real reports: jieba.lcut and extraction with 1 and 2 workers on the same text, in this run; with
    ``full_build``, a whole ``kg build --workers 2`` of them too."""
    import shutil
    from types import SimpleNamespace

    folder.mkdir()
    for f in sorted(source.glob("*.txt")):
        shutil.copy(f, folder / f.name)
    texts = [SimpleNamespace(text=f.read_text(encoding="utf-8")) for f in sorted(folder.iterdir())]
    lcut = _lcut(texts)
    print(f"real reports: {len(texts)} from {source}, {_mb(folder):.1f} MB; jieba.lcut, 1 process: {lcut:6.3f} MB/s")
    for workers in (1, 2):
        r = _run_child(folder, workers)
        print(f"extract {r['reports']:4d} real reports, {workers} worker(s): {r['mb_per_s']:6.3f} MB/s "
              f"({r['mb_per_s'] / workers / lcut:.0%} of jieba.lcut per worker); peak RSS all processes "
              f"{r['total_mb']:.0f} MB")
    if full_build:
        r = _kg_build(folder, folder.parent / "out-real", [])
        rate = _mb(folder) / r["seconds"]
        print(f"kg build {len(texts):4d} real reports, 2 workers: {r['seconds']:.1f} s, {rate:.3f} MB/s "
              f"({rate / 2 / lcut:.0%} of jieba.lcut per worker); peak RSS kg process {r['parent_mb']:.0f} MB, "
              f"all processes {r['total_mb']:.0f} MB; {r['summary']}")


def _builds(small: Path, big: Path, tmp: Path, extra: list[str], lcut: float) -> None:
    """Whole builds: the small corpus with 1 and 2 workers and the full one with 2, without the page (whose data
    grows with the corpus), then both with the page; then an unchanged rebuild and a rebuild after one report
    changed."""
    rates = {}
    for folder, workers, page in [(small, 1, ["--no-page"]), (small, 2, ["--no-page"]), (big, 2, ["--no-page"]),
                                  (small, 2, []), (big, 2, [])]:
        out = tmp / f"out-{folder.name}-{workers}{'-no-page' if page else ''}"
        r = _kg_build(folder, out, extra + page, workers)
        rate = rates[folder, workers, bool(page)] = _mb(folder) / r["seconds"]
        scale = f", x{rate / rates[small, 1, True]:.2f} of 1 worker" if (folder, workers, page) == (small, 2, ["--no-page"]) else ""
        print(f"kg build {len(list(folder.iterdir())):4d} reports, {workers} worker(s){', --no-page' if page else ''}: "
              f"{r['seconds']:.1f} s, {rate:.3f} MB/s ({rate / workers / lcut:.0%} of jieba.lcut per worker{scale}); "
              f"peak RSS kg process {r['parent_mb']:.0f} MB, all processes {r['total_mb']:.0f} MB; {r['summary']}")
    r = _kg_build(big, tmp / "out-big-2", extra)
    print(f"rebuild, nothing changed: {r['seconds']:.1f} s, all processes {r['total_mb']:.0f} MB; "
          f"{r['extracted']} extracted")
    changed = sorted(big.iterdir())[len(list(big.iterdir())) // 2]
    changed.write_text(changed.read_text(encoding="utf-8") + "　　全年新增就业岗位1200个。\n", encoding="utf-8")
    r = _kg_build(big, tmp / "out-big-2", extra)
    print(f"rebuild, one report changed: {r['seconds']:.1f} s, all processes {r['total_mb']:.0f} MB; "
          f"{r['extracted']} extracted")


def _kg_build(folder: Path, out: Path, extra: list[str], workers: int = 2) -> dict:
    """Run ``kg build`` in a fresh process; its time, its own peak RSS and the peak sum over it and its workers."""
    import psutil

    cached = _cached(out)
    cmd = [sys.executable, "-m", "kg.cli", "build", str(folder), "--out", str(out), "--workers", str(workers), *extra]
    began = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    sampler = _Sampler(proc)
    sampler.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - began
    sampler.stop()
    if proc.returncode:
        raise SystemExit(f"kg build failed ({proc.returncode}): {stderr[-2000:]}")
    return {"seconds": seconds, "parent_mb": sampler.peaks.get(proc.pid, 0), "total_mb": sampler.total,
            "summary": stdout.strip().rsplit(": ", 1)[-1], "extracted": len(_cached(out) - cached)}


def _cached(out: Path) -> set[str]:
    """The entries of a build's cache: one per report extracted (and kept) so far."""
    return {p.name for p in (out / ".cache").glob("*")} if (out / ".cache").is_dir() else set()


def _mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.iterdir()) / 1e6


def _lcut(reports, pos: bool = False) -> float:
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    cut = jieba.posseg.lcut if pos else jieba.lcut
    cut("加载词典")  # the dictionary is loaded once, outside the timing
    began = time.perf_counter()
    size = 0
    for r in reports:
        cut(r.text)
        size += len(r.text.encode())
    return size / 1e6 / (time.perf_counter() - began)


def _worker_start() -> float:
    code = ("import time; t = time.perf_counter(); import kg.corpus.parallel; kg.corpus.parallel._warm_up(); "
            "print(time.perf_counter() - t)")
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout)


def _run_child(folder: Path, workers: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(folder), str(workers)], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)


def _child(folder: Path, workers: int) -> None:
    from kg.pipeline import extract_all

    files = sorted(folder.iterdir())
    sampler = _Sampler()
    sampler.start()
    began = time.perf_counter()
    done = sum(o.extraction is not None for o in extract_all(files, workers))
    seconds = time.perf_counter() - began
    sampler.stop()
    print(json.dumps({"reports": done, "seconds": seconds, "mb_per_s": _mb(folder) / seconds,
                      "parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "child_mb": max(sampler.peaks.get(pid, 0) for pid in sampler.peaks) if sampler.peaks else 0,
                      "total_mb": sampler.total}))


class _Sampler(threading.Thread):
    """Every 0.2 s, the peak RSS (``VmHWM``) of each worker (children of the forkserver too, via psutil)
    and the largest sum of the current RSS of ``root`` (this process by default) and all its descendants.
    With a ``root`` other than this process, ``peaks`` holds its own peak too."""

    def __init__(self, root=None):
        super().__init__(daemon=True)
        self.peaks: dict[int, float] = {}
        self.total = 0.0
        self.root = root
        self._done = threading.Event()

    def run(self):
        import psutil

        me = self.root or psutil.Process()
        while not self._done.wait(0.2):
            try:
                processes = [me, *me.children(recursive=True)] if self.root else me.children(recursive=True)
                total = 0.0 if self.root else me.memory_info().rss / 1048576
            except (psutil.Error, OSError):
                continue
            for child in processes:
                try:
                    total += child.memory_info().rss / 1048576
                    self.peaks[child.pid] = max(self.peaks.get(child.pid, 0), _hwm(child.pid))
                except (psutil.Error, OSError):
                    pass
            self.total = max(self.total, total)

    def stop(self):
        self._done.set()
        self.join()


def _hwm(pid: int) -> float:
    """The peak resident memory of a process, in MB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


if __name__ == "__main__":
    main()

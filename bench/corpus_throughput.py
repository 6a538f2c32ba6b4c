"""Throughput and peak memory of extracting a generated corpus, beside plain ``jieba.lcut`` on the same text.

The corpus comes from ``tests/corpus.py``: ``--reports`` made-up reports (about
30 KB each, so 500 reports are about 15 MB), five consecutive years per region.
Measured in one run:

- **jieba.lcut**: plain segmentation of every report's text in this process,
  after jieba's dictionary is loaded (the ceiling the pipeline is compared to),
  and ``jieba.posseg.lcut`` (segmentation with part-of-speech tags and HMM,
  which is what govkg's tokenizer runs) on the small corpus;
- **worker start**: a fresh process importing govkg and loading jieba with
  govkg's user words (what each worker pays once, ``kg.parallel._warm_up``);
- **extract**: ``kg.parallel.extract_all`` over the files with 1 and 2
  workers, without the cache, each run in a fresh process so its peak memory
  is its own. Outcomes are consumed and dropped, as ``kg.build`` does once a
  report's triples are in the graph: this is the streamed stage whose memory
  must not grow with the corpus;
- **peak memory**: ``ru_maxrss`` of that process (the parent), the peak RSS
  of its largest worker (``VmHWM``; the workers are children of the
  forkserver, so ``RUSAGE_CHILDREN`` does not see them: psutil finds them) and
  the largest sum of the RSS of all of them, sampled every 0.2 s, on the small
  corpus and the full one;
- **build** (``--full-build``): a whole ``kg build --no-validate --no-cache``
  of the small corpus, whose rdflib graph does grow with the corpus.

Throughput is MB of UTF-8 text per second. Machines are noisy: compare the
ratios measured in one run.

    python bench/corpus_throughput.py                      # 100 and 500 reports
    python bench/corpus_throughput.py --reports 200 --small 50 --full-build
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
    ap.add_argument("--full-build", action="store_true", help="also time a whole `kg build` of the small corpus")
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
        print(f"jieba.lcut, 1 process:  {_lcut(reports):6.3f} MB/s")
        print(f"jieba.posseg.lcut (HMM), what govkg tokenizes with, {args.small} reports: "
              f"{_lcut(reports[:args.small], pos=True):6.3f} MB/s")
        print(f"worker start (import govkg + load jieba): {_worker_start():.2f} s")
        runs = [(small, 1), (small, 2), (big, 2)]
        for folder, workers in runs:
            r = _run_child(folder, workers)
            print(f"extract {r['reports']:4d} reports, {workers} worker(s): {r['mb_per_s']:6.3f} MB/s "
                  f"({r['seconds']:.1f} s); peak RSS parent {r['parent_mb']:.0f} MB, "
                  f"largest worker {r['child_mb']:.0f} MB, all processes {r['total_mb']:.0f} MB")
        if args.full_build:
            began = time.perf_counter()
            out = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(small), "--out", str(Path(tmp, "out")),
                                  "--no-validate", "--no-cache", "--workers", "2"], capture_output=True, text=True)
            print(f"kg build {args.small} reports, 2 workers: {time.perf_counter() - began:.1f} s; "
                  f"{out.stdout.strip()}")


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
    code = ("import time; t = time.perf_counter(); import kg.parallel; kg.parallel._warm_up(); "
            "print(time.perf_counter() - t)")
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout)


def _run_child(folder: Path, workers: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(folder), str(workers)], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)


def _child(folder: Path, workers: int) -> None:
    from kg.parallel import extract_all

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
    and the largest sum of the current RSS of this process and all its descendants."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peaks: dict[int, float] = {}
        self.total = 0.0
        self._done = threading.Event()

    def run(self):
        import psutil

        me = psutil.Process()
        while not self._done.wait(0.2):
            total = me.memory_info().rss / 1048576
            for child in me.children(recursive=True):
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

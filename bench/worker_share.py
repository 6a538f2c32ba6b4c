"""What a worker does per report, beside plain jieba, in one process: MB/s of ``jieba.lcut``, of jieba's own
part-of-speech tagging (``jieba.posseg.lcut``, for scale: extraction reads tags), of extraction
(``kg.pipeline.extract_file``) and of the whole part (``kg.pipeline.extract_part``: extraction, graph, SHACL
check, split, Turtle, page facts; and without the page's facts, as ``kg build --no-page`` makes it), and each
one's share of ``jieba.lcut``.

Each is timed in CPU time (``time.process_time``, so that other work on the machine weighs less) over every
report, best of ``--repeat`` runs, after a first report has loaded jieba and warmed the caches. No worker is
started and nothing is pickled: ``corpus_throughput.py`` measures that.

    python bench/worker_share.py                           # 20 generated reports of about 30 KB
    python bench/worker_share.py --real ../shared/corpus/shenzhen --no-part
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=20, help="generated reports (five years per region)")
    ap.add_argument("--real", metavar="FOLDER", help="measure the .txt reports of FOLDER instead")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best is kept")
    ap.add_argument("--no-part", action="store_true", help="measure extraction only")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="govkg-bench-") as tmp:
        if args.real:
            files = sorted(Path(args.real).glob("*.txt"))
        else:
            from tests.corpus import make_corpus, write_corpus

            write_corpus(tmp, make_corpus(regions=max(1, args.reports // 5), years=5, paragraphs=120))
            files = sorted(Path(tmp).glob("*"))
        measure(files, args.repeat, not args.no_part)


def measure(files: list[Path], repeat: int, part: bool) -> None:
    import logging

    import jieba

    from kg.pipeline import extract_file, extract_part

    jieba.setLogLevel(logging.WARNING)
    extract_part(files[0])
    jieba.lcut("加载词典")
    texts = [f.read_text(encoding="utf-8") for f in files]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    lcut = _best(lambda: [jieba.lcut(t) for t in texts], repeat)
    print(f"{len(files)} reports, {mb:.2f} MB; jieba.lcut {mb / lcut:.2f} MB/s")
    import jieba.posseg

    jieba.posseg.lcut("加载词典")
    rows = [("jieba.posseg.lcut (for scale: jieba's own tagging)", lambda: [jieba.posseg.lcut(t) for t in texts]),
            ("extract_file", lambda: [extract_file(f) for f in files])]
    if part:
        rows.append(("extract_part", lambda: [extract_part(f) for f in files]))
        rows.append(("extract_part, no page", lambda: [extract_part(f, page=False) for f in files]))  # --no-page
    for name, run in rows:
        seconds = _best(run, repeat)
        print(f"{name}: {mb / seconds:.2f} MB/s, {lcut / seconds:.0%} of jieba.lcut ({seconds * 1000 / len(files):.0f} ms a report)")


def _best(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.process_time()
        run()
        times.append(time.process_time() - began)
    return min(times)


if __name__ == "__main__":
    main()

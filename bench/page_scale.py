"""How the page grows with a corpus: graph.html's size, its time to first drawing and its labels, for the seed,
the 102 Shenzhen reports and about 1,000 reports.

The 1,000 reports are made from the Shenzhen corpus (``../shared/corpus/shenzhen``,
``--corpus``): each of its 102 texts is written ``--copies`` times (10: 1,020
reports) into a temporary folder, and in copy ``c`` every name of a region of
the corpus (光明新区, 大鹏新区, 光明区, 南山区, 罗湖区, 宝安区, 盐田区, 龙岗区,
深圳市, 广东省), in the text and in the file name, is replaced by a made-up name
of the same level: two syllables, the first one the copy's, the second one the
region's (澄溪区, 澄岚市 …; copy 0 is renamed too). So each copy is a set of
regions of its own, with the same years and the same consecutive reports (whose
promises are judged), while enterprises, institutions and indicators keep their
names and are shared across copies, as in a real corpus.

Each corpus is built with ``kg build --workers`` (``--workers``, 2) in a fresh
process, the seed with ``kg build`` too, all in this run. Then each page is
opened ``--repeat`` times (median reported) in headless Chromium (Debian's
``chromium``, driven by Playwright; no download, network off), at 1400×900:

- **first drawing**: from the start of navigation to the first drawing of the
  page's first view (``govkg.readyAt``): a corpus's table of reports (drawn
  from its own small table before the data is read), the seed's tree;
- **ready**: until the data is read (base64, gunzip, JSON), indexed and the
  first view made to answer (``govkg.loadedAt``, when ``data-ready`` is set);
- **open**: a click on the first report of the table, until its tree is drawn;
- **search**: ``govkg.search`` of a name and ``govkg.focus`` on the first hit
  (the view of its report drawn), until the next drawing;
- **labels**: at the opening view, and in the first report's view: the text
  shown in the graph (its labels and caption) or in the table, the number of
  pairs whose boxes overlap and the smallest font size on screen (transforms
  counted), as ``tests/test_page.py`` measures them.

Times are given as a ratio to the 102-report page's, measured in the same run:
machines are noisy, compare ratios, not seconds.

Run it from the repository root (with the venv active); it takes about five
minutes on two cores, most of it building the 1,020 reports::

    python bench/page_scale.py
    python bench/page_scale.py --copies 3 --repeat 5 --json /tmp/page-scale.json

This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.legibility import LABEL_BOXES, overlapping  # noqa: E402  (the page tests' own check)

SEED = ROOT / "seeds" / "000_55331ebdb0be2b0e.txt"
# the shared folder next to the project (GOVKG_SHARED points elsewhere), as tests/conftest.py finds it
SHARED = next((p for p in (Path(os.environ.get("GOVKG_SHARED", ROOT.parent / "shared")), Path("/work/shared"))
               if p.is_dir()), ROOT.parent / "shared")
CORPUS = SHARED / "corpus" / "shenzhen"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
REGIONS = ("光明新区", "大鹏新区", "光明区", "南山区", "罗湖区", "宝安区", "盐田区", "龙岗区", "深圳市", "广东省")
SYLLABLES = "澄溪岚禾桐汀泓璟芮柯棠沅蔚朔榆崧翊霁琮珂楠峤湄昱"
PROBE = "深圳湾"  # a name of the corpus (not of a region: copies keep it)

_OPEN = """() => new Promise(resolve => {
  const t0 = performance.now();
  govkg.network.once("afterDrawing", () => resolve(performance.now() - t0));
  document.querySelector("#corpus .report").click();
})"""
_SEARCH = """q => new Promise(resolve => {
  const t0 = performance.now(), hit = govkg.search(q)[0];
  govkg.network.once("afterDrawing", () => resolve(performance.now() - t0));
  govkg.focus(hit.i);
  govkg.network.redraw();
})"""


def copy_corpus(corpus: Path, copies: int, folder: Path) -> int:
    """Write ``copies`` renamed copies of every text of ``corpus`` into ``folder``; how many files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for c in range(copies):
        names = {region: SYLLABLES[c % len(SYLLABLES)] + SYLLABLES[(k + 1 + c // len(SYLLABLES)) % len(SYLLABLES)]
                 + _level(region) for k, region in enumerate(REGIONS)}
        for path in sorted(corpus.glob("*.txt")):
            text, name = path.read_text(encoding="utf-8"), path.name
            for region in REGIONS:  # the longer names first: 光明新区 before 光明区
                text, name = text.replace(region, names[region]), name.replace(region, names[region])
            (folder / f"{c:02d}-{name}").write_text(text, encoding="utf-8")
            written += 1
    return written


def _level(region: str) -> str:
    return "新区" if region.endswith("新区") else region[-1]


def build(inputs: Path, out: Path, workers: int) -> float:
    """``kg build`` in a fresh process (the kg of this repository); its seconds."""
    began = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "kg.cli", "build", str(inputs), "--out", str(out), "--workers", str(workers)],
                   check=True, env=env, cwd=out.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - began


def legibility(page) -> dict:
    """Labels shown, overlapping pairs and the smallest font on screen of what the page shows now."""
    boxes = page.evaluate(LABEL_BOXES)
    return {"labels": len(boxes), "overlaps": len(overlapping(boxes)),
            "min_font_px": round(min((b["size"] for b in boxes), default=0), 1)}


def measure(browser, path: Path, repeat: int, corpus: bool) -> dict:
    runs: dict[str, list[float]] = {"first": [], "ready": [], "open": [], "search": []}
    info: dict = {}
    for _ in range(repeat):
        ctx = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
        ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=300_000)
        runs["first"].append(page.evaluate("govkg.readyAt"))
        runs["ready"].append(page.evaluate("govkg.loadedAt"))
        page.wait_for_timeout(200)
        info["opening"] = legibility(page)
        if corpus:
            runs["open"].append(page.evaluate(_OPEN))
            page.wait_for_timeout(200)
            info["report"] = legibility(page)
            runs["search"].append(page.evaluate(_SEARCH, PROBE))
        info.update(page.evaluate("({nodes: govkg.data.nodes.length, reports: govkg.data.views.length})"))
        info["errors"] = errors
        ctx.close()
    return {"ms": {k: round(statistics.median(v)) for k, v in runs.items() if v}, **info,
            "mb": round(path.stat().st_size / 1e6, 2)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS,
                    help="the Shenzhen corpus (default ../shared/corpus/shenzhen)")
    ap.add_argument("--copies", type=int, default=10, help="copies of the corpus in the large one (default 10)")
    ap.add_argument("--workers", type=int, default=2, help="workers of each build (default 2)")
    ap.add_argument("--repeat", type=int, default=3, help="page loads per page; the median is reported")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="govkg-page-scale-"))
    results: dict = {"copies": args.copies}
    try:
        results["inputs"] = copy_corpus(args.corpus, args.copies, folder / "large-in")
        pages = {"seed": (SEED, folder / "seed"), "102": (args.corpus, folder / "shenzhen"),
                 "large": (folder / "large-in", folder / "large")}
        for name, (inputs, out) in pages.items():
            out.mkdir()
            results[f"{name}_build_s"] = round(build(inputs, out, args.workers), 1)
        with sync_playwright() as p:
            path = shutil.which("chromium")
            if not path:
                raise SystemExit("chromium not found: install Debian's chromium (bash tests/install-debian.sh)")
            browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
            results["browser"] = browser.version
            for name, (_, out) in pages.items():
                results[name] = measure(browser, out / "graph.html", args.repeat, corpus=name != "seed")
            browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    reference = results["102"]["ms"]
    for name in ("seed", "102", "large"):
        results[name]["ratio"] = {k: round(v / reference[k], 2) for k, v in results[name]["ms"].items()
                                  if k in reference}
    _print(results)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


def _print(r: dict) -> None:
    print(f"browser: Chromium {r['browser']}; 1400x900; medians of page loads (ms); ratio = against the 102-report "
          f"page, same run; large = {r['inputs']} reports ({r['copies']} renamed copies of the 102)")
    print(f"{'page':<7} {'reports':>7} {'nodes':>7} {'MB':>6} {'first':>6} {'ratio':>6} {'ready':>6} {'ratio':>6} "
          f"{'open':>6} {'ratio':>6} {'search':>6} {'ratio':>6}   {'labels at the opening view / in a report view':<40}")
    for name in ("seed", "102", "large"):
        x, ms, ratio = r[name], r[name]["ms"], r[name]["ratio"]
        view = "  ".join(f"{where}: {x[where]['labels']} shown, {x[where]['overlaps']} overlapping, "
                         f"smallest {x[where]['min_font_px']} px" for where in ("opening", "report") if where in x)
        times = " ".join(f"{ms.get(k, ''):>6} {ratio.get(k, ''):>6}" for k in ("first", "ready", "open", "search"))
        print(f"{name:<7} {x['reports']:>7} {x['nodes']:>7} {x['mb']:>6} {times}   {view}")
    print("builds (s): " + ", ".join(f"{name} {r[f'{name}_build_s']}" for name in ("seed", "102", "large")))
    for name in ("seed", "102", "large"):
        if r[name].get("errors"):
            print(f"errors on {name}: {r[name]['errors'][:3]}")


if __name__ == "__main__":
    sys.exit(main())

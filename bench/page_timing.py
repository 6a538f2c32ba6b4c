"""How fast the interactive page (graph.html) opens and answers, for the seed and for a 20,000-node graph.

What it measures, in headless Chromium (Debian's ``chromium``, driven by
Playwright; no browser download), with networking off:

- **open**: from the start of navigation to the page's first drawing
  (``govkg.readyAt``): the seed's tree (on vis-network's first
  ``afterDrawing``; the page runs no physics, positions are computed in
  Python, so the first drawing is also the settled one), the large graph's
  table of reports;
- **click → report** (large graph only): a real mouse click on the first
  report of the table, until its tree is drawn;
- **search → focus**: ``govkg.focus`` on a node found by the search, until the
  next drawing (on the large graph this draws the view of the node's report);
- **type filter**: unticking a type in the legend, until the next drawing.

``bench/page_scale.py`` measures pages of real reports, up to 1,000 of them.

Each is the median of ``--repeat`` fresh page loads. The reference, measured in
the same run and the same browser, is a trivial page: vis-network inlined
and a graph of two nodes. Times are also given as a ratio to it, since
machines are noisy: compare ratios, not seconds.

The large graph is made by concatenating extractions: the seed report and the
second-style fixture (``tests/fixtures/qinghe-2021.txt``) are extracted once,
then added to one rdflib graph again and again under new file names and
regions, their entities renamed per copy (indicators keep their names, so
they are shared across copies as in a real corpus), until the page's graph has
``--nodes`` nodes. The Python side (``render_html``) is timed too.

Run it from the repository root (with the venv active)::

    python bench/page_timing.py                      # seed and 20,000 nodes, 3 loads each
    python bench/page_timing.py --nodes 5000 --repeat 5 --json /tmp/page-timing.json

This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from rdflib import Graph

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import kg  # noqa: E402
from kg.rdf.graph import add_extraction, to_rdflib  # noqa: E402
from kg.rdf.terms import Triples  # noqa: E402
from kg.outputs.page.render import _vis_network, render_html, to_networkx  # noqa: E402

SEED = ROOT / "seeds" / "000_55331ebdb0be2b0e.txt"
QINGHE = ROOT / "tests" / "fixtures" / "qinghe-2021.txt"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def _copy(x, n: int):
    """Extraction ``x`` as if it came from another file and region, its entities renamed (indicators kept)."""
    tag = f"{n:03d}"
    meta = replace(x.structure.meta, region=f"{x.structure.meta.region}{tag}")
    rename = {e.name: f"{e.name}{tag}" for e in x.entities}
    entities = tuple(replace(e, name=rename[e.name], aliases=tuple(a + tag for a in e.aliases)) for e in x.entities)
    relations = tuple(replace(r, subject=rename.get(r.subject, r.subject), object=rename.get(r.object, r.object))
                      for r in x.relations)
    return replace(x, report=replace(x.report, name=f"synthetic-{tag}-{x.report.name}"),
                   structure=replace(x.structure, meta=meta), entities=entities, relations=relations)


def synthetic_graph(nodes: int) -> tuple[Graph, int]:
    """A graph of at least ``nodes`` page nodes built from copies of two real extractions; and the copies."""
    bases = [kg.extract_file(SEED), kg.extract_file(QINGHE)]
    made = Triples()
    indicators: set[str] = set()
    count, n = 0, 0
    while count < nodes:
        x = _copy(bases[n % 2], n)
        add_extraction(made, x)
        indicators.update(o.concept or o.indicator for o in x.observations)
        count += 1 + len(x.structure.areas) + len(x.entities)
        n += 1
        if count + len(indicators) >= nodes:
            break
    return to_rdflib(made), n


def _launch(p):
    path = shutil.which("chromium")
    if not path:
        raise SystemExit("chromium not found: install Debian's chromium (bash tests/install-debian.sh)")
    return p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)


def _open(browser, page_path: Path) -> tuple:
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
    ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = ctx.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_path.as_uri())
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
    return ctx, page, errors


_NEXT_DRAW = """([action, arg]) => new Promise(resolve => {
  const t0 = performance.now();
  govkg.network.once("afterDrawing", () => resolve(performance.now() - t0));
  if (action === "focus") govkg.focus(arg);
  if (action === "filter") document.querySelector(`#types input[data-type="${arg}"]`).click();
  govkg.network.redraw();
})"""

_CLICK_TIMER = """() => { window.__clickDrawn = null;
  document.getElementById("corpus").addEventListener("pointerdown", () => { window.__clickDown = performance.now();
    govkg.network.once("afterDrawing", () => { window.__clickDrawn = performance.now(); }); },
    {capture: true, once: true}); }"""


def measure(browser, page_path: Path, repeat: int, probe: str | None = None, large: bool = False,
            reference: bool = False) -> dict:
    runs: dict[str, list[float]] = {"open": [], "focus": [], "filter": []}
    if large:
        runs["report"] = []
    info: dict = {}
    for _ in range(repeat):
        ctx, page, errors = _open(browser, page_path)
        runs["open"].append(page.evaluate("govkg.readyAt"))
        info.update(page.evaluate("({nodes: govkg.data.nodes.length, edges: govkg.data.edges.length, "
                                  "shown: govkg.nodes.length})"))
        if large:
            box = page.locator("#corpus .report").first.bounding_box()
            page.evaluate(_CLICK_TIMER)
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.wait_for_function("window.__clickDrawn !== null", timeout=60_000)
            runs["report"].append(page.evaluate("window.__clickDrawn - window.__clickDown"))
            info["report_nodes"] = page.evaluate("govkg.nodes.length")
        if probe:
            target = page.evaluate("q => govkg.search(q)[0].i", probe)
            runs["focus"].append(page.evaluate(_NEXT_DRAW, ["focus", target]))
        if not reference:
            runs["filter"].append(page.evaluate(_NEXT_DRAW, ["filter", 7]))
        info["console_errors"] = errors
        ctx.close()
    return {"ms": {k: round(statistics.median(v), 1) for k, v in runs.items() if v}, **info}


def _reference_page(folder: Path) -> Path:
    vis = _vis_network()
    path = folder / "reference.html"
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>reference</title></head><body>"
        "<div id='graph' style='width:1190px;height:850px'></div>"
        f"<script>{vis}</script><script>"
        "var nodes = new vis.DataSet([{id: 1, label: 'a', x: 0, y: 0}, {id: 2, label: 'b', x: 100, y: 0}]);"
        "var edges = new vis.DataSet([{from: 1, to: 2}]);"
        "var network = new vis.Network(document.getElementById('graph'), {nodes: nodes, edges: edges},"
        " {physics: false});"
        "network.once('afterDrawing', function () { window.govkg.readyAt = performance.now();"
        " document.body.setAttribute('data-ready', 'true'); });"
        "window.govkg = {network: network, nodes: nodes, data: {nodes: [1, 2], edges: [1]}};"
        "</script></body></html>", encoding="utf-8")
    return path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=20_000, help="size of the large graph (default 20000)")
    ap.add_argument("--repeat", type=int, default=3, help="page loads per page; the median is reported")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="govkg-page-timing-"))
    results: dict = {}
    began = time.perf_counter()
    seed_graph = kg.build([SEED], folder / "seed")
    t0 = time.perf_counter()
    render_html(Graph().parse(folder / "seed" / "graph.ttl"))
    results["seed_render_s"] = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    big, copies = synthetic_graph(args.nodes)
    results["large_graph_s"] = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    page = render_html(big)
    results["large_render_s"] = round(time.perf_counter() - t0, 2)
    (folder / "large.html").write_text(page, encoding="utf-8")
    results["large"] = {"copies": copies, "triples": len(big), "page_nodes": len(to_networkx(big)),
                        "page_mb": round(len(page.encode()) / 1e6, 1)}
    results["seed"] = {"triples": seed_graph.triples,
                       "page_mb": round((folder / "seed" / "graph.html").stat().st_size / 1e6, 2)}
    del big, page
    with sync_playwright() as p:
        browser = _launch(p)
        results["browser"] = browser.version
        reference = measure(browser, _reference_page(folder), args.repeat, reference=True)
        seed = measure(browser, folder / "seed" / "graph.html", args.repeat, probe="乡村振兴")
        large = measure(browser, folder / "large.html", args.repeat, probe="景村村010", large=True)
        browser.close()
    ref_open = reference["ms"]["open"]
    results["reference"] = reference
    results["seed"].update(seed)
    results["large"].update(large)
    for name in ("seed", "large"):
        results[name]["open_ratio"] = round(results[name]["ms"]["open"] / ref_open, 1)
    results["total_s"] = round(time.perf_counter() - began, 1)
    _print(results)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


def _print(r: dict):
    print(f"browser: Chromium {r['browser']}; medians of page loads (ms); ratio = open / reference open")
    print(f"{'page':<11} {'nodes':>7} {'shown':>6} {'MB':>5} {'open':>7} {'ratio':>6} {'focus':>7} {'filter':>7} "
          f"{'report':>7}")
    ref = r["reference"]
    print(f"{'reference':<11} {2:>7} {2:>6} {'':>5} {ref['ms']['open']:>7.0f} {1.0:>6.1f}")
    for name in ("seed", "large"):
        x, ms = r[name], r[name]["ms"]
        print(f"{name:<11} {x['nodes']:>7} {x['shown']:>6} {x['page_mb']:>5} {ms['open']:>7.0f} "
              f"{x['open_ratio']:>6.1f} {ms.get('focus', 0):>7.0f} {ms['filter']:>7.0f} "
              f"{ms.get('report', float('nan')):>7.0f}")
    print(f"python: render_html seed {r['seed_render_s']} s; large graph built in {r['large_graph_s']} s "
          f"({r['large']['copies']} report copies, {r['large']['triples']} triples), "
          f"rendered in {r['large_render_s']} s")
    if r["large"].get("report_nodes") is not None:
        print(f"large: opens on its table of {r['large']['copies']} reports; a click drew a report of "
              f"{r['large']['report_nodes']} nodes")
    for name in ("reference", "seed", "large"):
        if r[name].get("console_errors"):
            print(f"console errors on {name}: {r[name]['console_errors'][:3]}")


if __name__ == "__main__":
    sys.exit(main())

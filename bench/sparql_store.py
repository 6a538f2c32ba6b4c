"""The saved SPARQL queries on a graph of a million triples: pyoxigraph's store against rdflib's own engine.

The graph is made of many reports' worth of real extractions: the seed report
and the county fixture, extracted once, then added again and again under
other regions (region ``玉山镇`` becomes ``玉山镇2``, ``玉山镇3`` …, each with
its own report IRI, work areas, sentences, villages and projects; enterprises,
institutions, initiatives and indicators are shared, as they are between real
reports) until the graph holds ``--triples`` triples.

It then measures, in the same run:

- the store's load rate: the graph written as a build's ``graph.ttl`` and
  loaded by ``kg.query.store.sync_store`` (read, split into one named graph per
  report and the shared nodes, loaded into an on-disk pyoxigraph store), as
  the first ``kg query`` after a build does; and the same dataset bulk-loaded
  from N-Quads (``kg export --format nq``);
- ``graph.ttl`` with one report changed, synced again (what a re-run of ``kg
  query`` does after one report was rebuilt: the file read and split again,
  that report's graph replaced);
- every saved query in ``ontology/queries``, on the store (the union of its
  graphs, as ``kg query`` and ``kg serve`` ask it; best of ``--repeat`` runs,
  every row read) and with rdflib's SPARQL engine on the in-memory graph, in
  a forked process stopped after ``--cap`` seconds (reported as ``> cap``).
  Where rdflib finishes, both must give the same number of rows.

Run it from the repository root with the venv active::

    python bench/sparql_store.py                      # 1,000,000 triples, rdflib capped at 60 s a query
    python bench/sparql_store.py --triples 200000 --cap 20 --json /tmp/sparql.json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import kg  # noqa: E402
from kg.outputs.export import to_nq  # noqa: E402
from kg.rdf.graph import add_extraction, to_rdflib  # noqa: E402
from kg.rdf.terms import Triples  # noqa: E402
from kg.corpus.parts import PREFIXES  # noqa: E402
from kg.query.saved import saved_queries  # noqa: E402
from kg.query.store import sync_store  # noqa: E402
from kg.vocab import GK  # noqa: E402

BASES = (ROOT / "seeds" / "000_55331ebdb0be2b0e.txt", ROOT / "tests" / "fixtures" / "qinghe-2021.txt")
LIMIT = 1.0  # seconds every saved query must stay well under on pyoxigraph


def replica(x: kg.model.Extraction, n: int) -> kg.model.Extraction:
    """The extraction as if read from another region's report."""
    meta = dataclasses.replace(x.structure.meta, region=f"{x.structure.meta.region}{n}")
    return dataclasses.replace(x, report=dataclasses.replace(x.report, name=f"{n:05d}-{x.report.name}"),
                               structure=dataclasses.replace(x.structure, meta=meta))


def synthetic_graph(triples: int) -> tuple[Graph, int]:
    """A graph of at least ``triples`` triples; and how many reports it holds."""
    bases = [kg.extract_file(path) for path in BASES]
    made, n = Triples(), 0
    while len(made) < triples:
        add_extraction(made, bases[n % len(bases)] if n < len(bases) else replica(bases[n % len(bases)], n))
        n += 1
    return to_rdflib(made), n


def load_store(g: Graph, folder: Path) -> tuple[ox.Store, dict]:
    """The graph written as a build's ``graph.ttl`` and loaded by ``kg.query.store.sync_store``, as the first
    ``kg query`` after a build loads it; then one report changed and loaded again. The times it took."""
    build = folder.parent / "build"
    build.mkdir()
    nt = g.serialize(format="nt", encoding="utf-8")
    (build / "graph.ttl").write_bytes(ox.serialize(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES),
                                                   format=ox.RdfFormat.TURTLE,
                                                   prefixes={p: str(ns) for p, ns in PREFIXES}))
    began = time.perf_counter()
    synced = sync_store(build, folder)
    load = time.perf_counter() - began
    # one report rebuilt: its file name changed, so its graph is replaced in the full store
    report = next(g.subjects(RDF.type, GK.Report))
    name = g.value(report, GK.fileName)
    text = (build / "graph.ttl").read_text(encoding="utf-8")
    (build / "graph.ttl").write_text(text.replace(f'gk:fileName "{name}"', f'gk:fileName "{name}.changed"', 1),
                                     encoding="utf-8")
    began = time.perf_counter()
    again = sync_store(build, folder)
    replace = time.perf_counter() - began
    if (synced.loaded, again.loaded) != (len(set(g.subjects(RDF.type, GK.Report))), 1):
        raise SystemExit(f"unexpected loads: {synced}, then {again}")
    return ox.Store.read_only(str(folder)), {"load_s": load, "replace_one_report_s": replace}


def bulk_load(g: Graph, folder: Path) -> float:
    """Seconds to bulk-load the N-Quads export into a new on-disk store."""
    data = to_nq(g).encode("utf-8")
    store = ox.Store(str(folder))
    began = time.perf_counter()
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    store.flush()
    return time.perf_counter() - began


def time_oxigraph(store: ox.Store, text: str, repeat: int) -> tuple[float, int]:
    best, rows = float("inf"), 0
    for _ in range(repeat):
        began = time.perf_counter()
        rows = sum(1 for _ in store.query(text, use_default_graph_as_union=True))
        best = min(best, time.perf_counter() - began)
    return best, rows


def _rdflib_child(g: Graph, text: str, out) -> None:
    began = time.perf_counter()
    rows = len(list(g.query(text)))
    out.send((time.perf_counter() - began, rows))


def time_rdflib(g: Graph, text: str, cap: float) -> tuple[float | None, int | None]:
    """Seconds and rows of rdflib's engine, or (None, None) past ``cap`` seconds (in a forked child)."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_rdflib_child, args=(g, text, send))
    child.start()
    if receive.poll(cap):
        seconds, rows = receive.recv()
        child.join()
        return seconds, rows
    child.kill()
    child.join()
    return None, None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds rdflib may take per query")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query on pyoxigraph (the best counts)")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = parser.parse_args(argv)

    began = time.perf_counter()
    g, reports = synthetic_graph(args.triples)
    print(f"graph: {len(g):,} triples, {reports} reports, made in {time.perf_counter() - began:.1f} s")
    work = Path(tempfile.mkdtemp(prefix="govkg-bench-"))
    try:
        store, load = load_store(g, work / "store")
        triples = len(store)
        bulk = bulk_load(g, work / "bulk")
        print(f"store: graph.ttl read, split into {reports + 1} graphs and loaded by kg.query.store.sync_store in "
              f"{load['load_s']:.1f} s = {triples / load['load_s']:,.0f} triples/s; bulk load of the N-Quads export "
              f"{bulk:.1f} s = {triples / bulk:,.0f} triples/s; graph.ttl with one report changed synced again "
              f"(read, split, that report's graph replaced) in {load['replace_one_report_s']:.1f} s")
        results = run_queries(store, g, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    slow = [r["query"] for r in results if r["oxigraph_s"] >= LIMIT]
    if args.json:
        args.json.write_text(json.dumps({"triples": triples, "reports": reports, **load, "bulk_load_s": bulk,
                                         "queries": results}, indent=1) + "\n", encoding="utf-8")
    print(f"slowest on pyoxigraph: {max(r['oxigraph_s'] for r in results) * 1000:.0f} ms"
          + (f"; over {LIMIT:.0f} s: {', '.join(slow)}" if slow else f" (every query under {LIMIT:.0f} s)"))
    return 1 if slow else 0


def run_queries(store: ox.Store, g: Graph, args) -> list[dict]:
    print(f"\n{'query':<32}{'rows':>8}{'pyoxigraph':>13}{'rdflib':>12}{'rdflib/oxigraph':>17}")
    results = []
    for name, path in saved_queries().items():
        text = path.read_text(encoding="utf-8")
        ox_s, rows = time_oxigraph(store, text, args.repeat)
        rdf_s, rdf_rows = time_rdflib(g, text, args.cap)
        if rdf_rows is not None and rdf_rows != rows:
            print(f"warning: {name}: {rows} rows on pyoxigraph, {rdf_rows} with rdflib", file=sys.stderr)
        ratio = f"{rdf_s / ox_s:,.0f}x" if rdf_s is not None else f"> {args.cap / ox_s:,.0f}x"
        rdf_text = f"{rdf_s:.2f} s" if rdf_s is not None else f"> {args.cap:.0f} s"
        print(f"{name:<32}{rows:>8,}{ox_s * 1000:>10.0f} ms{rdf_text:>12}{ratio:>17}", flush=True)
        results.append({"query": name, "rows": rows, "oxigraph_s": ox_s, "rdflib_s": rdf_s, "rdflib_rows": rdf_rows})
    return results


if __name__ == "__main__":
    sys.exit(main())

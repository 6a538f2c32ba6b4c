"""kg serve under load: kept-alive clients at several concurrencies, and a hostile client beside four others.

Starts ``kg serve`` on a build (loading its store first), then measures, in the same run:

- the reference: the saved query run in this process on the same store with pyoxigraph
  (median of ``--repeat`` runs, every row read), what an answer costs without HTTP;
- for each ``--concurrency``: ``--requests`` requests of the saved query on kept-alive
  connections: failures, p50 and p99 latency, requests a second, and the server's resident
  memory (the front and its workers) at the end; p50 is also given as a ratio to the reference;
- ``--hostile-seconds`` of four clients while a hostile query is sent every 3 s (one that runs
  out of memory, one that runs past the time-out, in turn): the share of the four clients'
  requests lost, and what the hostile queries got.

It asserts nothing. Run it from the repository root with the venv active::

    python bench/endpoint_load.py BUILD_DIR                     # e.g. a build of the 102 Shenzhen reports
    python bench/endpoint_load.py output --requests 500 --json /tmp/load.json
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.query.store import open_store, run_query  # noqa: E402
from tests.load import clients, hostile, process_tree, rss_mb  # noqa: E402

OUT_OF_MEMORY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i LIMIT 1"
RUNS_FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def reference_ms(build: Path, query: str, repeat: int) -> tuple[float, int]:
    """The median time of ``query`` in this process on the build's store, and its row count."""
    times, rows = [], 0
    with open_store(build) as store:
        for _ in range(repeat):
            began = time.perf_counter()
            rows = sum(1 for _ in run_query(store, query))
            times.append(time.perf_counter() - began)
    return 1000 * statistics.median(times), rows


def start_server(build: Path, port: int, options: list[str]) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--graph", str(build), "--port", str(port),
                                "--page-port", str(_free_port()), *options], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2):
                return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"kg serve exited with {process.returncode}")
            time.sleep(0.2)
    process.kill()
    raise SystemExit("kg serve did not answer in 120 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build", type=Path, help="a build folder (graph.ttl)")
    parser.add_argument("--query", default="entities-by-work-area", help="saved query to send (default: %(default)s)")
    parser.add_argument("--requests", type=int, default=2000, help="requests per concurrency (default: %(default)s)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--hostile-seconds", type=float, default=30.0)
    parser.add_argument("--repeat", type=int, default=20, help="runs of the reference (default: %(default)s)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    query = (ROOT / "ontology" / "queries" / f"{args.query}.rq").read_text(encoding="utf-8")
    subprocess.run([sys.executable, "-m", "kg.cli", "query", "ASK {}", "--graph", str(args.build)], check=True,
                   stdout=subprocess.DEVNULL, cwd=ROOT)  # load the store before anything is timed
    ref, rows = reference_ms(args.build, query, args.repeat)
    print(f"reference: {args.query} in-process on the store: {ref:.1f} ms ({rows} rows)")
    figures: dict = {"query": args.query, "rows": rows, "reference_ms": ref, "load": {}}
    port = _free_port()
    server = start_server(args.build, port, [])
    try:
        for c in args.concurrency:
            result = clients(port, query, c, total=args.requests)
            rss = rss_mb(process_tree(server.pid))
            print(f"c={c:<3} {result.line()}; p50 = {result.percentile(50) / ref:.1f} x reference; "
                  f"server RSS {rss:.0f} MB")
            figures["load"][c] = {"requests": result.requests, "failed": result.failed,
                                  "p50_ms": result.percentile(50), "p99_ms": result.percentile(99),
                                  "per_second": result.requests / result.seconds, "server_rss_mb": rss}
        stop, seen = threading.Event(), {}
        attacker = threading.Thread(target=lambda: seen.update(hostile(port, [OUT_OF_MEMORY, RUNS_FOREVER], 3.0, stop)))
        attacker.start()
        threading.Timer(args.hostile_seconds, stop.set).start()
        result = clients(port, query, 4, until=stop)
        attacker.join()
        lost = result.failed / max(1, result.requests)
        print(f"c=4 beside a hostile query every 3 s for {args.hostile_seconds:.0f} s: {result.line()}; "
              f"lost {100 * lost:.2f} %; hostile queries got {dict(seen)}")
        figures["hostile"] = {"requests": result.requests, "failed": result.failed, "lost_share": lost,
                              "hostile": {str(k): v for k, v in seen.items()}}
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

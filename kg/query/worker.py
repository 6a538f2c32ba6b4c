"""One query worker of ``kg serve``: answers SPARQL queries on the store, one at a time, read-only and confined.

``kg.query.endpoint`` keeps a pool of these processes and gives each query to an
idle one. A worker that runs past the time-out is killed, one that needs more
memory than its limit dies (``RLIMIT_DATA``), and only that query is lost: the
others are answered by the other workers, and a new worker takes its place.

Confinement, set before the store is opened (``kg/query/sandbox.py``): no
outgoing connection (a ``SERVICE`` clause cannot fetch anything), the memory
limit, and death with ``kg serve``. The file runs as a script, by path and with
``python -I``, so that it starts quickly (it imports pyoxigraph and nothing of
govkg).

The protocol, on stdin and stdout: each message is a 4-byte big-endian length
and that many bytes. The worker first sends ``{"ready": true}`` (JSON); then, for
each request ``{"query": …, "accept": …}``, it sends a JSON header
``{"status": 200, "type": "text/csv; charset=utf-8"}`` (or an error status and a
one-line ``message``) and then the body.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import struct
import sys

# the media types a result can be written in: (type as sent, pyoxigraph format's name), the first the default
RESULT_TYPES = [("application/sparql-results+json", "JSON"), ("application/sparql-results+xml", "XML"),
                ("text/csv; charset=utf-8", "CSV"), ("text/tab-separated-values; charset=utf-8", "TSV")]
GRAPH_TYPES = [("application/n-triples", "N_TRIPLES"), ("text/turtle; charset=utf-8", "TURTLE"),
               ("application/rdf+xml", "RDF_XML"), ("application/ld+json", "JSON_LD")]
ALIASES = {"application/json": "application/sparql-results+json", "application/xml": "application/sparql-results+xml",
           "text/xml": "application/sparql-results+xml", "text/plain": "application/n-triples"}


def choose_type(accept: str, offers: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The offer the ``Accept`` header prefers (by q-value, then order), the first offer for ``*/*`` or no header;
    None when nothing offered is acceptable.

    >>> choose_type("text/csv, application/json;q=0.5", RESULT_TYPES)[1]
    'CSV'
    >>> choose_type("", GRAPH_TYPES)[1], choose_type("image/png", GRAPH_TYPES)
    ('N_TRIPLES', None)
    """
    ranked = []
    for n, item in enumerate(accept.split(",") if accept.strip() else ["*/*"]):
        media, *params = (p.strip() for p in item.split(";"))
        q = next((_q(p[2:]) for p in params if p.startswith("q=")), 1.0)
        if q > 0:
            ranked.append((-q, n, ALIASES.get(media.lower(), media.lower())))
    for _, _, media in sorted(ranked):
        for offer in offers:
            kind = offer[0].split(";")[0]
            if media in ("*/*", kind) or (media.endswith("/*") and kind.startswith(media[:-1])):
                return offer
    return None


def _q(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def answer(store, query: str, accept: str, ox) -> tuple[dict, bytes]:
    """The header and body answering ``query``: the results whole, or an error, never half of them."""
    try:
        results = store.query(query, use_default_graph_as_union=True)
        if isinstance(results, ox.QueryTriples):
            offer = choose_type(accept, GRAPH_TYPES)
            fmt = offer and getattr(ox.RdfFormat, offer[1])
        else:
            offer = choose_type(accept, RESULT_TYPES)
            fmt = offer and getattr(ox.QueryResultsFormat, offer[1])
        if offer is None:
            kinds = ", ".join(t.split(";")[0] for t, _ in (GRAPH_TYPES if isinstance(results, ox.QueryTriples)
                                                           else RESULT_TYPES))
            return {"status": 406, "message": f"cannot answer in the types accepted ({accept}); ask for one of {kinds}"}, b""
        body = results.serialize(format=fmt)  # evaluation happens here: an error stops it before any byte is sent
        return {"status": 200, "type": offer[0]}, body
    except SyntaxError as exc:
        return {"status": 400, "message": f"not valid SPARQL: {_one_line(exc)}"}, b""
    except MemoryError:
        return {"status": 503, "message": "the query needed more memory than a query may use (--max-memory)"}, b""
    except (OSError, ValueError, RuntimeError) as exc:
        return {"status": 500, "message": f"the query failed: {_one_line(exc)}"}, b""


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:500]


def send(out, data: bytes) -> None:
    out.write(struct.pack(">I", len(data)) + data)
    out.flush()


def receive(stream) -> bytes | None:
    head = stream.read(4)
    if len(head) < 4:
        return None
    return stream.read(struct.unpack(">I", head)[0])


def _confine(args) -> None:
    spec = importlib.util.spec_from_file_location("kg_sandbox", os.path.join(os.path.dirname(__file__), "sandbox.py"))
    sandbox = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sandbox)
    if args.max_data:  # what the worker holds already, and the query's share on top
        limit = _data_size() + args.max_data
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    if args.parent and sys.platform.startswith("linux"):
        sandbox.die_with(args.parent)
    if not args.allow_connect:
        sandbox.deny_outgoing()


def _data_size() -> int:
    """The bytes of this process's data segments (``VmData``), as ``RLIMIT_DATA`` counts them."""
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) << 10 for line in status if line.startswith("VmData:"))
    except (OSError, StopIteration):
        return 0


def main(argv: list[str]) -> None:
    """``worker.py --store DIR [--max-data BYTES] [--parent PID] [--allow-connect]``"""
    parser = argparse.ArgumentParser(prog="worker.py")
    parser.add_argument("--store", required=True)
    parser.add_argument("--max-data", type=int, help="bytes a query may use, beyond what the worker holds")
    parser.add_argument("--parent", type=int)
    parser.add_argument("--allow-connect", action="store_true")
    args = parser.parse_args(argv)
    import pyoxigraph as ox  # before the memory limit, so that the limit is left for queries

    try:
        _confine(args)
    except (OSError, ValueError) as exc:
        sys.exit(f"kg serve: cannot confine a query worker here ({exc})")
    store = ox.Store.read_only(args.store)
    requests, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the answers
    send(out, json.dumps({"ready": True}).encode())
    while (message := receive(requests)) is not None:
        request = json.loads(message)
        header, body = answer(store, request["query"], request.get("accept", ""), ox)
        send(out, json.dumps(header).encode())
        send(out, body)


if __name__ == "__main__":
    main(sys.argv[1:])

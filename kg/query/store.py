"""The SPARQL store: a persistent pyoxigraph store of builds, kept in step with them, and queries run on it.

The store is a pyoxigraph (RocksDB) folder, by default ``store/`` next to a
build's ``graph.ttl``. It holds the named graphs of the TriG export
(``export.to_dataset``): one graph ``<report IRI>/graph`` per report, and the
nodes reports share (an entity's type, label and aliases, indicators, relations
between entities, and the promise links ``gk:outcome`` and ``gk:verdict``, which
need two reports) in the default graph. Queries see the union of all graphs,
so they answer as they do on ``graph.ttl``.

``sync_store`` loads a build into the store when its ``graph.ttl`` has changed
since the last load, and then only the report graphs whose triples changed:
a rebuilt report replaces its graph, the others are not touched, and reports
another build loaded into the same store (``--store``) stay. What was loaded
from which build is kept in ``govkg-sources.json`` inside the store folder.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from kg.errors import InputError, QueryError
from kg.outputs.files import ensure_dir, graph_file, parse_turtle, write_text_atomic

__all__ = ["PREFIXES", "SyncResult", "store_path", "sync_store", "open_store", "store_lock", "run_query", "one_line"]

STATE_FILE = "govkg-sources.json"
LOCK_FILE = "govkg.lock"
PREFIXES = {"gk": "https://w3id.org/govkg/ontology#", "res": "https://w3id.org/govkg/resource/",
            "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#", "skos": "http://www.w3.org/2004/02/skos/core#",
            "prov": "http://www.w3.org/ns/prov#", "dcterms": "http://purl.org/dc/terms/"}


@dataclass(frozen=True)
class SyncResult:
    """What ``sync_store`` did: report graphs loaded, kept as they were and dropped, and the store's size."""

    store: str
    loaded: int = 0
    kept: int = 0
    dropped: int = 0
    triples: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.loaded or self.dropped)


def store_path(data: str | Path | None, store: str | Path | None = None) -> Path:
    """The store's folder: ``store`` when given, else ``store/`` next to the build's ``graph.ttl``."""
    if store is not None:
        return Path(store)
    return graph_file(data if data is not None else "output").parent / "store"


def sync_store(data: str | Path, store: str | Path | None = None) -> SyncResult:
    """Bring the store up to date with the build in ``data`` (a folder or its ``graph.ttl``).

    Nothing is read or written when ``graph.ttl`` is unchanged since the last
    load. Otherwise each report graph whose triples changed is replaced, the
    reports this build no longer holds are dropped, and the shared nodes are
    brought up to date (see ``_sync_shared``). Raises ``QueryError`` when
    another process (``kg serve``) has the store open.
    """
    began = time.perf_counter()
    ttl, path = graph_file(data), store_path(data, store)
    key = str(ttl.resolve())
    with store_lock(path, exclusive=False):  # the usual case, and possible while `kg serve` runs
        state = _read_state(path)
        if _status(ttl, state["sources"].get(key), path) == "same":
            return SyncResult(str(path), kept=len(state["graphs"]), triples=state.get("triples", 0))
    with store_lock(path, exclusive=True):
        state = _read_state(path)
        status = _status(ttl, state["sources"].get(key), path)
        if status == "touched":  # same bytes, newer file: remember its time so the next check is quick
            stat = ttl.stat()
            state["sources"][key].update(size=stat.st_size, mtime_ns=stat.st_mtime_ns)
            _write_state(path, state)
        if status != "changed":
            return SyncResult(str(path), kept=len(state["graphs"]), triples=state.get("triples", 0))
        loaded, kept, dropped = _load_build(ttl, key, path, state)
        _write_state(path, state)
    return SyncResult(str(path), loaded, kept, dropped, state["triples"], round(time.perf_counter() - began, 2))


@contextmanager
def open_store(data: str | Path | None = None, store: str | Path | None = None,
               on_load: Callable[[SyncResult], None] | None = None):
    """The store, read-only, after ``sync_store`` when a build is given (its result goes to ``on_load``)."""
    if data is not None:
        result = sync_store(data, store)
        if on_load:
            on_load(result)
    path = store_path(data, store)
    if not (path / "CURRENT").is_file():
        raise InputError("no SPARQL store here", path=str(path), hint="load a build into it with --data DIR")
    with store_lock(path, exclusive=False):
        yield ox.Store.read_only(str(path))


@contextmanager
def store_lock(path: Path, exclusive: bool):
    """Hold the store's lock: exclusive to write it, shared to read it (``kg serve`` holds it shared)."""
    ensure_dir(path)
    with open(path / LOCK_FILE, "a+") as fh:
        try:
            fcntl.flock(fh, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            raise QueryError("the store is in use by another kg process (kg serve, or a load in progress)",
                             path=str(path), hint="stop `kg serve` to reload it, or query the server over HTTP"
                             ) from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _read_state(path: Path) -> dict:
    state_file = path / STATE_FILE
    if not state_file.is_file():
        return {"version": 1, "sources": {}, "graphs": {}}
    try:
        return json.loads(state_file.read_text(encoding="utf-8"))
    except ValueError:  # a damaged state file: reload everything, which repairs it
        return {"version": 1, "sources": {}, "graphs": {}}


def _write_state(path: Path, state: dict) -> None:
    write_text_atomic(path / STATE_FILE, json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def _status(ttl: Path, source: dict | None, path: Path) -> str:
    """``same`` (size and time as last loaded), ``touched`` (other time, same bytes) or ``changed``."""
    if source is None or not (path / "CURRENT").is_file():
        return "changed"
    stat = ttl.stat()
    if (source["size"], source["mtime_ns"]) == (stat.st_size, stat.st_mtime_ns):
        return "same"
    return "touched" if source["sha256"] == _sha256(ttl.read_bytes()) else "changed"


@dataclass(frozen=True)
class _Graph:
    """One report graph of a build: what identifies its triples (``id``: their digest, or the build's key of
    the report's part) and how to read them (``read()``: bytes in ``format``)."""

    id: str
    read: Callable[[], bytes]
    format: ox.RdfFormat


def _load_build(ttl: Path, key: str, path: Path, state: dict) -> tuple[int, int, int]:
    """Load the report graphs of one build that changed; return how many were loaded, kept and dropped."""
    stat, digest = ttl.stat(), _sha256(ttl.read_bytes())
    graphs, (shared, shared_format) = _kept_parts(ttl, stat) or _split_build(ttl)
    owners = state["graphs"]
    loaded = kept = dropped = 0
    store = ox.Store(str(path))
    for name, graph in sorted(graphs.items()):
        node = ox.NamedNode(name)
        if owners.get(name, {}).get("id") == graph.id and store.contains_named_graph(node):
            kept += 1
        else:
            store.remove_graph(node)
            # without a transaction: about twice as fast; the state file, written last, says what is loaded
            store.bulk_load(graph.read(), format=graph.format, to_graph=node)
            loaded += 1
        owners[name] = {"source": key, "id": graph.id}
    for name in [n for n, o in owners.items() if o["source"] == key and n not in graphs]:
        store.remove_graph(ox.NamedNode(name))
        del owners[name]
        dropped += 1
    _sync_shared(store, shared, shared_format, key, state)
    state["sources"][key] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": digest,
                             "shared": _sha256(shared)}
    state["sources"] = {k: v for k, v in state["sources"].items() if any(o["source"] == k for o in owners.values())}
    store.flush()
    state["triples"] = len(store)
    del store  # closes the store and frees its lock before anyone opens it read-only
    return loaded, kept, dropped


def _split_build(ttl: Path) -> tuple[dict[str, _Graph], tuple[bytes, ox.RdfFormat]]:
    """Any ``graph.ttl``: read whole and split into its report graphs (N-Triples, identified by their digest)
    and the shared nodes."""
    nt = {name: _nt(triples) for name, triples in _report_graphs(ttl).items()}
    shared = nt.pop("", b"")
    graphs = {name: _Graph(_sha256(data), lambda data=data: data, ox.RdfFormat.N_TRIPLES) for name, data in nt.items()}
    return graphs, (shared, ox.RdfFormat.N_TRIPLES)


def _kept_parts(ttl: Path, stat) -> tuple[dict[str, _Graph], tuple[bytes, ox.RdfFormat]] | None:
    """The report graphs of a ``graph.ttl`` that ``kg build`` wrote beside its cache, as the build kept them
    (each report's Turtle in its ``.cache/KEY.part``, identified by KEY), and the shared nodes (the head of
    ``graph.ttl``, before the first report): nothing is parsed to find out what changed. ``None`` when the
    build's manifest does not describe this very file, or a part is missing."""
    from kg.corpus.manifest import kept_build
    from kg.corpus.parts import TURTLE_HEADER, part_turtle

    kept = kept_build(ttl, [stat.st_size, stat.st_mtime_ns])
    if kept is None:
        return None
    parts, shared = kept
    graphs = {name: _Graph(key, lambda part=part: TURTLE_HEADER + part_turtle(part), ox.RdfFormat.TURTLE)
              for name, key, part in parts}
    return graphs, (shared, ox.RdfFormat.TURTLE)


def _report_graphs(ttl: Path) -> dict[str, list]:
    """The triples of a build's ``graph.ttl`` (pyoxigraph's terms), by the named graph the TriG export gives them
    (``kg.outputs.export.to_dataset``: one per report, split by ``kg.rdf.graph.report_of``; ``""``: the shared nodes).

    pyoxigraph parses the file: a million triples in seconds, where rdflib took a minute.
    """
    from kg.vocab import report_graph
    from kg.rdf.graph import SplitTerms, owners, report_of

    triples = list(parse_turtle(ttl))
    terms = SplitTerms.made_by(ox.NamedNode)
    owner = owners(triples, terms)
    names = {report: str(report_graph(report.value)) for report in set(owner.values())}
    names[None] = ""
    graphs: dict[str, list] = {}
    for triple in triples:
        graphs.setdefault(names[report_of(triple, owner, terms)], []).append(triple)
    return graphs


def _nt(triples: list) -> bytes:
    """N-Triples of ``triples``, lines sorted: the same bytes for the same triples, whatever their order."""
    lines = sorted(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True))
    return b"".join(lines)


# default-graph triples no report graph refers to: left over from a report rebuilt or dropped
_PRUNE = """DELETE { ?s ?p ?o } WHERE { ?s ?p ?o
  FILTER NOT EXISTS { GRAPH ?g { ?s ?p2 ?o2 } }
  FILTER NOT EXISTS { GRAPH ?g3 { ?s3 ?p3 ?s } } }"""


def _sync_shared(store: ox.Store, shared: bytes, fmt: ox.RdfFormat, key: str, state: dict) -> None:
    """The default graph: the build's shared nodes (``shared``, in ``fmt``) exactly when it is the store's only
    build.

    With several builds in one store the shared nodes are merged: the build's
    are added, and those no report graph refers to any more are removed.
    """
    others = {o["source"] for o in state["graphs"].values()} - {key}
    if not others:
        if state["sources"].get(key, {}).get("shared") == _sha256(shared):
            return
        store.clear_graph(ox.DefaultGraph())
    if shared:
        store.bulk_load(shared, format=fmt, to_graph=ox.DefaultGraph())
    if others:
        store.update(_PRUNE)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---- queries ----

def run_query(store: ox.Store, text: str, source: str | None = None):
    """Run a query over the union of the store's graphs; a wrong query raises ``QueryError`` with its position.

    The prefixes of ``PREFIXES`` (gk:, res:, rdfs: …) are known without a PREFIX line.
    """
    try:
        return store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise QueryError(f"not valid SPARQL {_position(exc)}", path=source) from None
    except OSError as exc:
        raise QueryError(f"the query failed: {one_line(exc)}", path=source) from None


def _position(exc: SyntaxError) -> str:
    """pyoxigraph's ``error at 3:18: expected …`` as ``at line 3, column 18: expected …``.

    >>> _position(SyntaxError("error at 3:18: expected one of ABS, STR"))
    'at line 3, column 18: expected one of ABS, STR'
    """
    text = one_line(exc)
    match = re.match(r"error at (\d+):(\d+): (.*)", text)
    return f"at line {match[1]}, column {match[2]}: {_shorten(match[3])}" if match else f"({_shorten(text)})"


def _shorten(text: str, limit: int = 160) -> str:
    """The parser's list of what it expected, cut after ``limit`` characters (it lists character classes too)."""
    if len(text) <= limit:
        return text
    return text[:text.rfind(", ", 0, limit)] + ", …"


def one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())



"""kg serve: a read-only SPARQL endpoint on a loopback port (an HTTP front and query workers), and the page beside it.

Each server runs as a child process (``python -m kg.cli serve``) and is
stopped by its process id whatever happens in the test; so are the query
workers it starts.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, URIRef
from SPARQLWrapper import JSON, POST, SELECT, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from kg.vocab import GK

from .conftest import ROOT
from .test_query import NEEDS_TWO_REPORTS, SAVED, normalise, reference_rows

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="kg serve is confined with Linux tools")

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    page: str
    log: Path
    children: set[int]

    def worker_pids(self) -> set[int]:
        """The processes kg serve has started, now or before (query workers, replaced or not)."""
        try:
            tasks = Path(f"/proc/{self.process.pid}/task").iterdir()
            for task in tasks:
                self.children.update(int(p) for p in (task / "children").read_text().split())
        except OSError:
            pass
        return self.children


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def running(data: Path, *options: str):
    """``kg serve --data DATA`` on free loopback ports, time-out 1 s; stopped (and its child) on exit."""
    port, page_port = _free_port(), _free_port()
    log = data / f"serve-{port}.log"
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--data", str(data), "--port", str(port),
                                    "--page-port", str(page_port), "--timeout", "1", "--max-memory", "1024",
                                    *options], stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   cwd=ROOT)
    server = Server(process, f"http://127.0.0.1:{port}/query", f"http://127.0.0.1:{page_port}", log, set())
    try:
        deadline = time.monotonic() + 60
        while not _answers(server.url):
            assert process.poll() is None, f"kg serve exited: {log.read_text()}"
            assert time.monotonic() < deadline, f"kg serve does not answer: {log.read_text()}"
            time.sleep(0.1)
        server.worker_pids()
        yield server
    finally:
        pids = server.worker_pids()
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for pid in pids:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def _copy_build(seed_build, folder: Path) -> Path:
    out, _ = seed_build
    for name in ("graph.ttl", "graph.html"):
        shutil.copy(out / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def seed_dir(seed_build, tmp_path_factory):
    return _copy_build(seed_build, tmp_path_factory.mktemp("seed-serve"))


@pytest.fixture(scope="module")
def server(seed_dir):
    with running(seed_dir) as server:
        yield server


def _select(server: Server, text: str) -> tuple[list[str], list[dict]]:
    """A query over HTTP with SPARQLWrapper, as any SPARQL client sends it."""
    client = SPARQLWrapper(server.url)
    client.setQuery(text)
    client.queryType = SELECT  # SPARQLWrapper guesses it from words left in comments (RDFLib/sparqlwrapper#232)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    data = client.queryAndConvert()
    rows = [{k: v["value"] for k, v in binding.items()} for binding in data["results"]["bindings"]]
    return data["head"]["vars"], rows


def _post(url: str, fields: dict, accept: str = "application/sparql-results+json", timeout: float = 30):
    request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), headers={"Accept": accept})
    return urllib.request.urlopen(request, timeout=timeout)


# ---- answers ----

@pytest.mark.parametrize("path", SAVED, ids=lambda p: p.stem)
def test_every_saved_query_answers_over_http_as_on_the_seed_build(server, seed_dir, path):
    text = path.read_text(encoding="utf-8")
    names, rows = _select(server, text)
    assert normalise(rows, names) == reference_rows(seed_dir / "graph.ttl", text)
    assert rows or path.stem in NEEDS_TWO_REPORTS


def test_the_answers_are_the_seed_builds(server, seed_dir):
    g = Graph().parse(seed_dir / "graph.ttl")

    def label(node) -> str:
        return str(g.value(node, RDFS.label))

    # top-work-areas: the most entities a work area links to, counted in the graph itself
    kinds = {GK.Enterprise, GK.Institution, GK.Project, GK.Village, GK.Initiative}
    counts = [len({e for e in g.subjects(GK.workArea, area) if kinds & set(g.objects(e, RDF.type))})
              for area in g.subjects(RDF.type, GK.WorkArea)]
    _, top = _select(server, _saved("top-work-areas"))
    assert int(top[0]["entities"]) == max(counts) and len(top) == min(20, sum(1 for c in counts if c))
    # partners-of-institution: every relation of an institution, both ways, each with its sentence
    institutions, expected = set(g.subjects(RDF.type, GK.Institution)), set()
    for prop in (GK.partner, GK.introduced, GK.locatedIn):
        for s, o in g.subject_objects(prop):
            name = str(prop).rsplit("#", 1)[1]
            expected |= {(label(s), name, "->", label(o))} if s in institutions else set()
            expected |= {(label(o), name, "<-", label(s))} if o in institutions else set()
    _, partners = _select(server, _saved("partners-of-institution"))
    assert {(r["institution"], r["relation"], r["direction"], r["partner"]) for r in partners} == expected
    assert all(r.get("text") for r in partners)
    # sentence-support: the busiest sentence, and everything that cites it
    _, support = _select(server, _saved("sentence-support"))
    sentence = URIRef(support[0]["sentence"])
    citing = Counter(g.objects(None, GK.sentence))
    assert citing[sentence] == max(citing.values())
    evidence = set(g.subjects(GK.sentence, sentence))
    nodes = {n for m in evidence for n in g.subjects(GK.mention, m)}
    nodes |= {s for s in evidence if (s, RDF.type, GK.Relation) in g}
    assert {URIRef(r["node"]) for r in support} == nodes
    # actual-vs-target: the region's product, as the report states it
    _, rows = _select(server, _saved("actual-vs-target"))
    gdp = next(r for r in rows if r["indicator"] == "地区生产总值")
    assert (gdp["actual"], gdp["target"]) == ("820", "880")


def _saved(name: str) -> str:
    return (ROOT / "ontology" / "queries" / f"{name}.rq").read_text(encoding="utf-8")


# ---- read-only, time-out, no fetching, no CORS ----

def test_updates_are_refused(server):
    before = _select(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[1]
    update = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    with pytest.raises(urllib.error.HTTPError) as refused:
        _post(server.url.replace("/query", "/update"), {"update": update})
    assert refused.value.code == 403
    with pytest.raises(urllib.error.HTTPError) as refused:  # the graph store protocol too
        urllib.request.urlopen(urllib.request.Request(server.url.replace("/query", "/store?default"),
                                                      data=b"<urn:x:a> <urn:x:b> <urn:x:c> .", method="POST",
                                                      headers={"Content-Type": "application/n-triples"}))
    assert refused.value.code == 403
    client = SPARQLWrapper(server.url.replace("/query", "/update"))
    client.setMethod(POST)
    client.setQuery(update)
    with pytest.raises(Exception, match="403|read-only|Forbidden"):
        client.query()
    assert _select(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[1] == before


@pytest.mark.parametrize("silent", ["", "SILENT"])
def test_a_service_clause_is_refused_and_nothing_connects(server, silent):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(3)
    arrived = []

    def accept():
        try:
            arrived.append(listener.accept()[0].recv(1000))
        except OSError:
            pass

    waiter = threading.Thread(target=accept)
    waiter.start()
    port = listener.getsockname()[1]
    with pytest.raises(urllib.error.HTTPError) as refused:
        _post(server.url, {"query": f"SELECT * WHERE {{ SERVICE {silent} <http://127.0.0.1:{port}/sparql> "
                                    "{ ?s ?p ?o } }"})
    waiter.join()
    listener.close()
    assert arrived == [], "the endpoint connected to the SERVICE address"
    assert refused.value.code == 403
    assert refused.value.read().decode().startswith("SERVICE clauses are not allowed")


def test_a_worker_cannot_connect_even_when_a_service_slips_through(server):
    """The seccomp filter under the refusal: a worker's connect(2) fails (its Seccomp mode is 2, filtering)."""
    for pid in server.worker_pids():
        status = Path(f"/proc/{pid}/status").read_text()
        assert re.search(r"^Seccomp:\s+2$", status, re.M), status
        limits = Path(f"/proc/{pid}/limits").read_text()
        assert re.search(r"^Max data size\s+\d+", limits, re.M)  # a number, not unlimited


def test_a_bad_query_is_an_http_error_a_client_raises(server):
    client = SPARQLWrapper(server.url)
    client.setQuery("SELECT ?x WHERE { ?x ?y }")
    client.queryType = SELECT
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed, match="not valid SPARQL"):
        client.query()


def test_a_runaway_query_is_an_http_error_within_the_time_out_and_others_go_on(seed_build, tmp_path):
    folder = _copy_build(seed_build, tmp_path)
    with running(folder) as server:  # time-out 1 s
        # a three-way product, and a four-way one Oxigraph's own time-out does not stop
        for query in (RUNAWAY.replace(" . ?j ?k ?l", ""), RUNAWAY):
            began = time.monotonic()
            with pytest.raises(urllib.error.HTTPError) as cancelled:
                _post(server.url, {"query": query}, timeout=60)
            assert time.monotonic() - began < 1.5
            assert cancelled.value.code == 504
            assert cancelled.value.read().decode() == "the query was cancelled: it ran past the time-out\n"
            assert _answers(server.url)  # at once: the other workers answer
        client = SPARQLWrapper(server.url)  # a client raises, it does not parse a half answer
        client.setQuery(RUNAWAY)
        client.queryType = SELECT
        client.setReturnFormat(JSON)
        with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError), match="504|cancelled"):
            client.query()
        assert "cancelled a query at the time-out" in server.log.read_text()


def test_a_query_needing_too_much_memory_stops_alone(seed_build, tmp_path):
    folder = _copy_build(seed_build, tmp_path)
    with running(folder, "--max-memory", "256", "--timeout", "20") as server:
        query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i LIMIT 1"
        with pytest.raises(urllib.error.HTTPError) as stopped:
            _post(server.url, {"query": query}, timeout=60)
        assert stopped.value.code == 503 and "more memory" in stopped.value.read().decode()
        assert _answers(server.url)
        assert "a query worker died" in server.log.read_text()


def test_a_request_for_another_host_is_refused(server):
    """DNS rebinding: a page of another site whose name points at 127.0.0.1 sends its own Host."""
    for url in (f"{server.url}?query=ASK%7B%7D", f"{server.page}/graph.html"):
        request = urllib.request.Request(url, headers={"Host": "attacker.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request)
        assert refused.value.code == 403
    request = urllib.request.Request(f"{server.url}?query=ASK%7B%7D", headers={"Host": "localhost:1234"})
    with urllib.request.urlopen(request) as response:
        assert response.status == 200


def test_many_queries_on_one_kept_alive_connection(server):
    import http.client

    port = int(server.url.split(":")[2].split("/")[0])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = urllib.parse.urlencode({"query": _saved("top-work-areas")})
    statuses = Counter()
    for _ in range(200):
        connection.request("POST", "/query", body=body, headers={"Content-Type": "application/x-www-form-urlencoded",
                                                                 "Accept": "text/csv"})
        response = connection.getresponse()
        response.read()
        statuses[response.status] += 1
    connection.close()
    assert statuses == {200: 200}


def test_no_cors_header_by_default(server):
    request = urllib.request.Request(f"{server.url}?query=ASK%7B%7D", headers={"Origin": "https://example.org"})
    with urllib.request.urlopen(request) as response:
        assert response.headers.get("Access-Control-Allow-Origin") is None
        assert response.headers.get("Access-Control-Allow-Credentials") is None


def test_it_listens_on_loopback_only(server):
    port = int(server.url.split(":")[2].split("/")[0])
    listening = [line.split() for line in Path("/proc/net/tcp").read_text().splitlines()[1:]]
    local = {row[1] for row in listening if row[3] == "0A" and int(row[1].split(":")[1], 16) == port}
    assert local == {f"0100007F:{port:04X}"}


# ---- the page ----

def test_the_page_is_served_and_nothing_else(server, seed_dir):
    with urllib.request.urlopen(f"{server.page}/graph.html") as response:
        assert response.headers["Content-Type"].startswith("text/html")
        assert response.read() == (seed_dir / "graph.html").read_bytes()
        csp = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    with urllib.request.urlopen(f"{server.page}/graph.ttl") as response:
        assert response.headers["Content-Type"].startswith("text/turtle")
    for path in ("/store/CURRENT", "/serve.log", "/../graph.ttl", "/%2e%2e/graph.ttl", "/store/"):
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{server.page}{path}")
        assert missing.value.code == 404, path


# ---- stopping ----

@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_stops_the_server_and_its_workers(seed_build, tmp_path, signum):
    folder = _copy_build(seed_build, tmp_path)
    with running(folder) as server:
        children = server.worker_pids()
        assert children and all(_alive(pid) for pid in children)
        server.process.send_signal(signum)
        assert server.process.wait(timeout=20) == 0
        assert not any(_alive(pid) for pid in children)
        assert not _answers(server.url)


def test_when_kg_serve_is_killed_its_workers_exit(seed_build, tmp_path):
    folder = _copy_build(seed_build, tmp_path)
    with running(folder) as server:
        workers = server.worker_pids()
        assert workers
        server.process.kill()
        server.process.wait()
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)

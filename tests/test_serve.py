"""kg serve: the Oxigraph server as a read-only SPARQL endpoint on a loopback port, and the page beside it.

Each server runs as a child process (``python -m kg.cli serve``) and is
stopped by its process id whatever happens in the test; so is the Oxigraph
process it starts.
"""

from __future__ import annotations

import os
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

from kg.query import sandbox
from kg.query.serve import oxigraph_command
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

    def oxigraph_pids(self) -> set[int]:
        """The processes kg serve has started, now or before (Oxigraph, restarted or not)."""
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
        server.oxigraph_pids()
        yield server
    finally:
        pids = server.oxigraph_pids()
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
    nodes |= {s for s in evidence if (s, RDF.type, RDF.Statement) in g}
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
def test_a_service_clause_cannot_make_the_server_connect(server, silent):
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
    try:
        with _post(server.url, {"query": f"SELECT * WHERE {{ SERVICE {silent} <http://127.0.0.1:{port}/sparql> "
                                         "{ ?s ?p ?o } }"}) as response:
            body = response.read().decode()
    except urllib.error.HTTPError as exc:
        body = exc.read().decode()
    waiter.join()
    listener.close()
    assert arrived == [], "the server connected to the SERVICE address"
    if not silent:
        assert "Permission denied" in body  # the query failed: the connection was refused to the server


def test_a_runaway_query_is_stopped_and_the_server_answers_again(seed_build, tmp_path):
    folder = _copy_build(seed_build, tmp_path)
    with running(folder) as server:
        # a three-way product Oxigraph cancels at its time-out (or the watch stops it first); a four-way
        # product Oxigraph's time-out does not stop: the watch restarts the server
        for query in (RUNAWAY.replace(" . ?j ?k ?l", ""), RUNAWAY):
            began = time.monotonic()
            try:
                with _post(server.url, {"query": query}, timeout=60) as response:
                    body = response.read().decode()
            except (urllib.error.URLError, ConnectionError) as exc:
                body = repr(exc)
            assert time.monotonic() - began < 20 and '"value"' not in body  # stopped, and no count came back
            deadline = time.monotonic() + 20
            while not _answers(server.url):
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert "restarted the SPARQL server: a query kept the server busy" in server.log.read_text()


def test_a_query_needing_too_much_memory_restarts_the_server(seed_build, tmp_path):
    folder = _copy_build(seed_build, tmp_path)
    with running(folder) as server:  # a sort of a product is not cancelled at the time-out, and grows fast
        query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a"
        with pytest.raises((urllib.error.URLError, ConnectionError)):
            _post(server.url, {"query": query}, timeout=60).read()
        deadline = time.monotonic() + 20
        while not _answers(server.url):
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert "restarted the SPARQL server" in server.log.read_text()


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


def test_the_command_is_confined_and_on_loopback_by_default(tmp_path):
    command = oxigraph_command(tmp_path, "127.0.0.1", 7878, 10, max_memory=2048)
    assert command[:3] == [sys.executable, "-I", str(Path(sandbox.__file__).resolve())]
    assert "--allow-connect" not in command and "--cors" not in command
    assert command[command.index("--bind") + 1] == "127.0.0.1:7878"
    assert command[command.index("--max-data") + 1] == str(2048 << 20)


# ---- the page ----

def test_the_page_is_served_and_nothing_else(server, seed_dir):
    with urllib.request.urlopen(f"{server.page}/graph.html") as response:
        assert response.headers["Content-Type"].startswith("text/html")
        assert response.read() == (seed_dir / "graph.html").read_bytes()
    with urllib.request.urlopen(f"{server.page}/graph.ttl") as response:
        assert response.headers["Content-Type"].startswith("text/turtle")
    for path in ("/store/CURRENT", "/serve.log", "/../graph.ttl", "/%2e%2e/graph.ttl", "/store/"):
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{server.page}{path}")
        assert missing.value.code == 404, path


# ---- stopping ----

@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_stops_the_server_and_its_child(seed_build, tmp_path, signum):
    folder = _copy_build(seed_build, tmp_path)
    with running(folder) as server:
        children = server.oxigraph_pids()
        assert children and all(_alive(pid) for pid in children)
        server.process.send_signal(signum)
        assert server.process.wait(timeout=20) == 0
        assert not any(_alive(pid) for pid in children)
        assert not _answers(server.url)

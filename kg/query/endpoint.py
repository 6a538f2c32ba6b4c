"""The SPARQL 1.1 Protocol endpoint of ``kg serve``: an HTTP front and a pool of query workers behind it.

Why not the Oxigraph server alone: it answers a refused or cancelled query
with ``200`` and a cut-off body, lets some query shapes run past its time-out,
and one query that runs it out of memory kills every query in flight. Here:

- each query runs in a worker process of its own (``kg/query/worker.py``), with
  its own memory limit; the front waits for it on the wall clock, and kills the
  worker when the time-out is reached, whatever the query's shape;
- an answer is sent only once it is complete: a query that fails, is refused
  or is cancelled gets an HTTP error with a one-line message (``text/plain``),
  never ``200`` with half a body;
- a worker that dies or is killed takes only its own query with it; a new one
  takes its place while the others go on answering;
- queries wait for a free worker, within their time-out: a burst of clients
  queues instead of failing; past it they get ``503`` and ``Retry-After``.

Statuses: ``400`` a query that does not parse or a request without one, ``403``
an update or a ``SERVICE`` clause (unless allowed), or a ``Host`` header not
allowed, ``404`` an unknown path, ``406`` no acceptable result type, ``413`` a
request over ``MAX_REQUEST`` bytes, ``500`` a query that failed, ``503`` no worker
free in time or a query that needed more than its memory, ``504`` a query
cancelled at the time-out.
"""

from __future__ import annotations

import json
import os
import queue
import re
import selectors
import socket
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit

__all__ = ["Answer", "WorkerPool", "EndpointServer", "mentions_service", "allowed_hosts", "MAX_REQUEST"]

MAX_REQUEST = 1 << 20  # bytes of a request body (a query, form-encoded)
WORKER = Path(__file__).with_name("worker.py")
START_WAIT = 30.0  # seconds a worker has to open the store


@dataclass(frozen=True)
class Answer:
    """What the endpoint sends: a status, a media type and a body (a one-line message for an error)."""

    status: int
    content_type: str
    body: bytes

    @classmethod
    def error(cls, status: int, message: str) -> "Answer":
        return cls(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


# ---- the workers ----

class _Worker:
    """One worker process and its pipes."""

    def __init__(self, command: list[str]):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, start_new_session=True)
        self.requests, self.answers = self.process.stdin, self.process.stdout.fileno()

    def read(self, deadline: float | None) -> bytes | None:
        """One message, or None if the worker died or the deadline passed first."""
        head = self._read_exact(4, deadline)
        return None if head is None else self._read_exact(struct.unpack(">I", head)[0], deadline)

    def _read_exact(self, n: int, deadline: float | None) -> bytes | None:
        chunks, left = [], n
        with selectors.DefaultSelector() as sel:
            sel.register(self.answers, selectors.EVENT_READ)
            while left:
                wait = None if deadline is None else deadline - time.monotonic()
                if wait is not None and (wait <= 0 or not sel.select(wait)):
                    return None
                chunk = os.read(self.answers, min(left, 1 << 20))
                if not chunk:
                    return None
                chunks.append(chunk)
                left -= len(chunk)
        return b"".join(chunks)

    def ask(self, request: dict) -> None:
        data = json.dumps(request).encode()
        self.requests.write(struct.pack(">I", len(data)) + data)
        self.requests.flush()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            try:
                pipe.close()
            except OSError:
                pass


class WorkerPool:
    """``size`` workers on the store at ``store``; ``run`` gives a query to an idle one, within a deadline.

    ``max_memory`` is in MB, per query. ``on_event`` hears what happened to a
    worker (killed at the time-out, out of memory) in one line.
    """

    def __init__(self, store: Path, size: int, *, max_memory: int | None = None, allow_service: bool = False,
                 on_event: Callable[[str], None] | None = None):
        self.command = [sys.executable, "-I", str(WORKER), "--store", str(store), "--parent", str(os.getpid())]
        self.command += ["--max-data", str(max_memory << 20)] if max_memory else []
        self.command += ["--allow-connect"] if allow_service else []
        self.size, self.on_event = size, on_event or (lambda message: None)
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.wanted: queue.Queue[bool] = queue.Queue()  # True: start a worker; False: stop starting them
        self.workers: set[_Worker] = set()
        self.lock, self.closed, self.failed, self.failure = threading.Lock(), False, threading.Event(), ""

    def start(self) -> None:
        """Start every worker and wait until each has opened the store; ``ServeError`` if one cannot."""
        from kg.errors import ServeError

        threading.Thread(target=self._spawner, name="kg-serve-spawner", daemon=True).start()
        for _ in range(self.size):
            self.wanted.put(True)
        deadline = time.monotonic() + START_WAIT * self.size
        while self.idle.qsize() < self.size and not self.failed.is_set() and time.monotonic() < deadline:
            time.sleep(0.02)
        if self.idle.qsize() < self.size:
            raise ServeError(f"a query worker did not start{self.failure}", hint="is the store readable? try kg query")

    def _spawner(self) -> None:
        """Start the workers asked for, one after another. One long-lived thread starts them all: a worker dies
        with the thread that started it (PR_SET_PDEATHSIG), so not with a request's thread."""
        while self.wanted.get():
            worker = _Worker(self.command)
            with self.lock:
                if self.closed:
                    worker.kill()
                    return
                self.workers.add(worker)
            if worker.read(time.monotonic() + START_WAIT) is None:
                worker.kill()
                self.failure = f" (exit code {worker.process.returncode})"
                self.failed.set()
                self.on_event(f"a query worker did not start{self.failure}")
                time.sleep(1)  # and try again: the pool stays its size
                self.wanted.put(True)
                continue
            self.idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and have another started."""
        worker.kill()
        with self.lock:
            self.workers.discard(worker)
            if not self.closed:
                self.wanted.put(True)

    def run(self, query: str, accept: str, deadline: float) -> Answer:
        """The answer to ``query``, or the error saying why there is none, by ``deadline`` (monotonic seconds)."""
        try:
            worker = self.idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return Answer.error(503, "every query worker stayed busy until the time-out; try again later")
        try:
            worker.ask({"query": query, "accept": accept})
            header = worker.read(deadline)
            body = worker.read(deadline) if header is not None else None
        except OSError:  # its pipe broke: it had died
            header = body = None
        if header is not None and body is not None:
            self.idle.put(worker)
            status = json.loads(header)
            if status["status"] != 200:
                return Answer.error(status["status"], status["message"])
            return Answer(200, status["type"], body)
        timed_out = time.monotonic() >= deadline  # else its pipe closed first: it died (and may still be exiting)
        if not timed_out:
            try:
                worker.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                pass
        self._replace(worker)
        if timed_out:
            self.on_event("cancelled a query at the time-out (its worker was replaced)")
            return Answer.error(504, "the query was cancelled: it ran past the time-out")
        self.on_event(f"a query worker died (exit code {worker.process.returncode}); replaced")
        return Answer.error(503, "the query needed more memory than a query may use (--max-memory), or its worker "
                                 "failed; it was stopped")

    def close(self) -> None:
        self.wanted.put(False)
        with self.lock:
            self.closed = True
            workers = list(self.workers)
            self.workers.clear()
        for worker in workers:
            worker.kill()


# ---- the HTTP front ----

_SKIPPED = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"|'''
                      r"""'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|#[^\n]*""")
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:])", re.IGNORECASE)


def mentions_service(query: str) -> bool:
    """Whether ``query`` has a ``SERVICE`` clause (the word outside strings, IRIs and comments).

    >>> mentions_service('SELECT * { SERVICE <http://x> { ?s ?p ?o } }'), mentions_service('SELECT * { ?s ?p "service" }')
    (True, False)
    """
    return bool(_SERVICE.search(_SKIPPED.sub(" ", query)))


def allowed_hosts(bound: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The ``Host`` names accepted: the loopback names, the bound address and ``extra`` (all lower case).

    A page on another site that a DNS name makes point at 127.0.0.1 sends its own name: refused.
    """
    return frozenset({"localhost", "127.0.0.1", "::1", "[::1]", bound.lower(), f"[{bound.lower()}]",
                      *(h.lower() for h in extra)})


def host_name(header: str | None) -> str:
    """The name part of a ``Host`` header (no port).

    >>> host_name("localhost:7878"), host_name("[::1]:7878"), host_name("Example.org")
    ('localhost', '[::1]', 'example.org')
    """
    host = (header or "").strip().lower()
    if host.startswith("["):
        return host[:host.find("]") + 1]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


_HOME = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>govkg SPARQL endpoint</title></head>
<body style="font-family: sans-serif; max-width: 50em; margin: 2em auto">
<h1>govkg SPARQL endpoint</h1>
<p>Send SPARQL 1.1 queries to <code>/query</code> (GET or POST, read-only). Choose the result type with
<code>Accept</code>, or with <code>format</code> below.</p>
<form action="query" method="post">
<textarea name="query" rows="12" cols="80" aria-label="query">PREFIX gk: &lt;https://w3id.org/govkg/ontology#&gt;
PREFIX rdfs: &lt;http://www.w3.org/2000/01/rdf-schema#&gt;
SELECT ?name WHERE { ?v a gk:Village ; rdfs:label ?name } LIMIT 20</textarea><br>
<label>format <select name="format"><option>csv</option><option>tsv</option><option>json</option>
<option>xml</option></select></label> <button type="submit">Run</button>
</form></body></html>
"""
_FORMATS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
            "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ntriples": "application/n-triples"}
HOME_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: one connection for many queries
    disable_nagle_algorithm = True  # the headers and the body go as two writes: no 40 ms wait for an ACK
    server: "EndpointServer"

    def do_GET(self):
        if not self._host_allowed():
            return
        url = urlsplit(self.path)
        if url.path == "/":
            return self._send(Answer(200, "text/html; charset=utf-8", _HOME.encode()), csp=HOME_CSP)
        if url.path != "/query":
            return self._send(Answer.error(404, f"no such page: {url.path}; queries go to /query"))
        self._query(parse_qs(url.query))

    def do_POST(self):
        if not self._host_allowed():
            return
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self.close_connection = True
            return self._send(Answer.error(411 if length is None else 400, "a POST needs a Content-Length"))
        if int(length) > MAX_REQUEST:
            self.close_connection = True
            return self._send(Answer.error(413, f"a request may have {MAX_REQUEST} bytes at most"))
        body = self.rfile.read(int(length))
        path = urlsplit(self.path).path
        if path in ("/update", "/store"):
            return self._send(Answer.error(403, "this endpoint is read-only: updates are refused"))
        if path != "/query":
            return self._send(Answer.error(404, f"no such page: {path}; queries go to /query"))
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            fields = {"query": [body.decode("utf-8", "replace")]}
        elif kind == "application/sparql-update":
            return self._send(Answer.error(403, "this endpoint is read-only: updates are refused"))
        else:
            fields = parse_qs(body.decode("utf-8", "replace"))
        fields.update({k: v for k, v in parse_qs(urlsplit(self.path).query).items() if k not in fields})
        self._query(fields)

    def do_OPTIONS(self):
        if not self._host_allowed():
            return
        self.send_response(204)
        self._common_headers()
        if self.server.cors:
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _query(self, fields: dict[str, list[str]]):
        if "update" in fields:
            return self._send(Answer.error(403, "this endpoint is read-only: updates are refused"))
        queries = fields.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._send(Answer.error(400, "give exactly one query (the query parameter or a "
                                                "application/sparql-query body)"))
        if fields.get("default-graph-uri") or fields.get("named-graph-uri"):
            return self._send(Answer.error(400, "default-graph-uri and named-graph-uri are not supported: the "
                                                "default graph is the union of the store's graphs"))
        query = queries[0]
        if not self.server.allow_service and mentions_service(query):
            return self._send(Answer.error(403, "SERVICE clauses are not allowed on this endpoint "
                                                "(kg serve --allow-service allows them)"))
        accept = self.headers.get("Accept") or ""
        if fields.get("format"):
            accept = _FORMATS.get(fields["format"][0].lower(), fields["format"][0])
        deadline = self.server.started_at() + self.server.query_timeout
        self._send(self.server.pool.run(query, accept, deadline))

    def _host_allowed(self) -> bool:
        self.server.request_started()
        if host_name(self.headers.get("Host")) in self.server.hosts:
            return True
        self.close_connection = True
        self._send(Answer.error(403, "this Host is not allowed (kg serve --allow-host NAME allows it)"))
        return False

    def _common_headers(self):
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", "*")

    def _send(self, answer: Answer, csp: str | None = None):
        try:
            self.send_response(answer.status)
            self._common_headers()
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            if csp:
                self.send_header("Content-Security-Policy", csp)
            if answer.status == 503:
                self.send_header("Retry-After", "1")
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(answer.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def log_message(self, format, *args):  # quiet: the command says what matters on stderr
        pass


class EndpointServer(ThreadingHTTPServer):
    """The HTTP front: a thread per connection, queries run by ``pool`` within ``timeout`` seconds."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], pool: WorkerPool, *, timeout: float, hosts: frozenset[str],
                 cors: bool = False, allow_service: bool = False):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.pool, self.query_timeout, self.hosts = pool, timeout, hosts
        self.cors, self.allow_service = cors, allow_service
        self._started = threading.local()
        super().__init__(address, _Handler)

    def request_started(self) -> None:
        self._started.at = time.monotonic()

    def started_at(self) -> float:
        return getattr(self._started, "at", time.monotonic())


"""Serve a build over HTTP: a read-only SPARQL 1.1 endpoint on the store, and the page beside it.

``serve`` brings the store up to date (``kg.query.store.sync_store``), starts a
pool of query workers on it and the HTTP front that hands them queries
(``kg.query.endpoint``), with the union of the store's graphs as the default
graph, so the saved queries answer as they do with ``kg query``:

- updates are refused (403): the workers open the store read-only;
- each query has ``timeout`` seconds, on the wall clock, from its arrival to its
  answer, whatever its shape: then its worker is killed and the client gets 504;
- each query has ``max_memory`` MB beyond what its worker holds; one that needs
  more stops its worker only, and gets 503;
- the workers run under ``kg/query/sandbox.py``: no outgoing connection (a
  ``SERVICE`` clause, refused with 403 anyway unless ``allow_service``, cannot
  fetch a URL), and they die with us;
- only requests whose ``Host`` is a loopback name, the bound address or one of
  ``allow_hosts`` are answered (no DNS rebinding);
- no CORS headers unless ``cors`` (then ``Access-Control-Allow-Origin: *``,
  never with credentials);
- it binds 127.0.0.1 unless told otherwise.

``graph.html`` (and ``graph.ttl``) are served on the next port by the standard
library's ``http.server``, limited to those two files, with the same ``Host``
check and the page's Content-Security-Policy as a header. SIGINT and SIGTERM
stop both, and the workers.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import threading
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from kg.query import sandbox
from kg.errors import ServeError
from kg.query.endpoint import EndpointServer, WorkerPool, allowed_hosts, host_name
from kg.query.store import store_lock, store_path, sync_store

__all__ = ["ServeError", "Endpoint", "serve", "default_workers"]

PAGE_FILES = {"/": "graph.html", "/graph.html": "graph.html", "/graph.ttl": "graph.ttl"}


@dataclass(frozen=True)
class Endpoint:
    """Where a running ``kg serve`` answers."""

    host: str
    port: int
    page_port: int | None

    @property
    def base(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def page_url(self) -> str | None:
        if self.page_port is None:
            return None
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.page_port}/graph.html"


def default_workers() -> int:
    """Query workers when not told: four, or the cores when there are more (a query waits on the store as much
    as it computes, and a hostile one holds a worker until its time-out)."""
    return max(4, os.cpu_count() or 1)


def serve(data: str | Path | None, store: str | Path | None = None, *, host: str = "127.0.0.1", port: int = 7878,
          page_port: int | None = None, timeout: int = 10, max_memory: int = 1024, workers: int | None = None,
          cors: bool = False, allow_service: bool = False, allow_hosts: tuple[str, ...] = (),
          on_ready: Callable[[Endpoint], None] | None = None, on_event: Callable[[str], None] | None = None) -> int:
    """Serve the store (loaded from the build in ``data`` first) until SIGINT or SIGTERM; return 0.

    ``page_port`` defaults to ``port + 1``; the page is not served when the
    build folder has no ``graph.html``. ``on_event`` hears, in one line, each
    query cancelled or worker lost. Raises ``ServeError`` when it cannot start.
    """
    if data is not None:
        sync_store(data, store)
    path = store_path(data, store)
    if not (path / "CURRENT").is_file():
        raise ServeError("no SPARQL store here", path=str(path), hint="load a build into it with --data DIR")
    if not allow_service and not sandbox.available():
        raise ServeError("cannot block the query workers' outgoing connections here (it needs Linux and "
                         "libseccomp), so a SERVICE clause could make them fetch any URL",
                         hint="install libseccomp2, or pass --allow-service to serve without this protection")
    hosts = allowed_hosts(host, allow_hosts)
    with store_lock(path, exclusive=False):  # no `kg query` rewrites the store while it is served
        pool = WorkerPool(path.resolve(), workers or default_workers(), max_memory=max_memory,
                          allow_service=allow_service, on_event=on_event)
        servers = []
        try:
            pool.start()
            servers.append(_endpoint_server(host, port, pool, timeout, hosts, cors, allow_service))
            page = _page_server(data, host, port + 1 if page_port is None else page_port, hosts)
            servers += [page] if page else []
            for server in servers:
                threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True,
                                 name="kg-serve-http").start()
            if on_ready:
                on_ready(Endpoint(host, servers[0].server_address[1], page and page.server_address[1]))
            _wait_for_signal()
            return 0
        finally:
            for server in servers:
                server.shutdown()
                server.server_close()
            pool.close()


def _endpoint_server(host, port, pool, timeout, hosts, cors, allow_service) -> EndpointServer:
    try:
        return EndpointServer((host, port), pool, timeout=timeout, hosts=hosts, cors=cors, allow_service=allow_service)
    except OSError as exc:
        raise ServeError(f"cannot serve SPARQL on {host}:{port} ({exc.strerror})",
                         hint="is the port in use? try another --port") from None


def _wait_for_signal() -> None:
    """Until SIGINT or SIGTERM."""
    stopping = threading.Event()
    previous = {s: signal.signal(s, lambda *_: stopping.set()) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not stopping.wait(0.5):
            pass
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


# ---- the page ----

class _PageHandler(SimpleHTTPRequestHandler):
    """GET and HEAD of graph.html and graph.ttl only: no other file, no folder listing."""

    extensions_map = {".html": "text/html; charset=utf-8", ".ttl": "text/turtle; charset=utf-8"}

    def send_head(self):
        if host_name(self.headers.get("Host")) not in self.server.hosts:
            self.send_error(403, "this Host is not allowed (kg serve --allow-host NAME allows it)")
            return None
        if urlsplit(self.path).path not in PAGE_FILES:
            self.send_error(404)
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return os.path.join(self.directory, PAGE_FILES[urlsplit(path).path])

    def list_directory(self, path):
        self.send_error(404)

    def end_headers(self):
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.server.csp:
            self.send_header("Content-Security-Policy", self.server.csp)
        super().end_headers()

    def log_message(self, format, *args):  # quiet, like the Oxigraph server
        pass


class _PageServer(ThreadingHTTPServer):
    daemon_threads = True


class _PageServer6(_PageServer):
    address_family = socket.AF_INET6


def page_csp(page: Path) -> str:
    """The page's Content-Security-Policy (its meta tag's), with what only a header can say: no framing."""
    with page.open(encoding="utf-8", errors="replace") as f:
        head = f.read(20000)
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', head)
    policy = found.group(1).replace("&#x27;", "'").replace("&#39;", "'") if found else "default-src 'self'"
    return f"{policy.rstrip('; ')}; frame-ancestors 'none'"


def _page_server(data: str | Path | None, host: str, port: int, hosts: frozenset[str]) -> ThreadingHTTPServer | None:
    """A server of ``graph.html`` on ``port`` (not yet serving), or None when there is no page to serve."""
    if data is None:
        return None
    folder = Path(data) if Path(data).is_dir() else Path(data).parent
    if not (folder / "graph.html").is_file():
        return None
    kind = _PageServer6 if ":" in host else _PageServer
    try:
        server = kind((host, port), partial(_PageHandler, directory=str(folder.resolve())))
    except OSError as exc:
        raise ServeError(f"cannot serve the page on {host}:{port} ({exc.strerror})",
                         hint="choose another --page-port") from None
    server.hosts, server.csp = hosts, page_csp(folder / "graph.html")
    return server

"""Serve a build over HTTP: the Oxigraph server as a read-only SPARQL 1.1 endpoint, and the page beside it.

``serve`` brings the store up to date (``sparql.sync_store``) and starts
``oxigraph serve-read-only`` on it (the ``oxigraph`` package from PyPI), with
the union of the store's graphs as the default graph, so the saved queries
answer as they do with ``kg query``:

- updates are refused (403): the server opens the store read-only;
- a query is cancelled after ``timeout`` seconds. Oxigraph checks its
  time-out in most operators but not all (a sort or a nested loop over a huge
  product runs on), so the server is also watched: when one of its threads
  has been busy for ``2 * timeout + 1`` seconds, or it exceeds ``max_memory``
  MB and aborts, it is restarted (queries in flight lose their connection);
- the server runs under ``kg/query/sandbox.py``: no outgoing connection (a
  ``SERVICE <http://…>`` clause fails instead of making the server fetch a
  URL; ``allow_service`` lifts this), a memory limit, and it dies with us;
- no CORS headers unless ``cors`` (then ``Access-Control-Allow-Origin: *``,
  which Oxigraph never pairs with credentials);
- it binds 127.0.0.1 unless told otherwise.

Oxigraph serves no files, so ``graph.html`` (and ``graph.ttl``) are served on
the next port by the standard library's ``http.server``, limited to those two
files. SIGINT and SIGTERM stop both: the signal is passed to the server, which
is waited for (and killed if it has not stopped after ``STOP_GRACE`` seconds).
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
import urllib.request
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from kg.query import sandbox
from kg.errors import ServeError
from kg.query.store import store_lock, store_path, sync_store

__all__ = ["ServeError", "Endpoint", "find_oxigraph", "oxigraph_command", "serve", "STOP_GRACE"]

STOP_GRACE = 10.0  # seconds the server has to stop before it is killed
START_WAIT = 30.0  # seconds the server has to answer its first query
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


def find_oxigraph() -> str:
    """The ``oxigraph`` program: next to this Python (a venv's ``bin/``), else on ``PATH``."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() and os.access(beside, os.X_OK) else shutil.which("oxigraph")
    if not found:
        raise ServeError("the Oxigraph server is not installed", hint="pip install 'govkg[serve]'")
    return found


def oxigraph_command(store: Path, host: str, port: int, timeout: int, *, cors: bool = False,
                     allow_service: bool = False, max_memory: int | None = None) -> list[str]:
    """The command line that starts the server under ``kg/query/sandbox.py`` (``max_memory`` in MB)."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    command = [find_oxigraph(), "serve-read-only", "--location", str(store), "--bind", bind,
               "--union-default-graph", "--timeout-s", str(timeout)]
    if cors:
        command.append("--cors")
    if not allow_service and not sandbox.available():
        raise ServeError("cannot block the server's outgoing connections here (it needs Linux and libseccomp), "
                         "so a SERVICE clause could make it fetch any URL",
                         hint="install libseccomp2, or pass --allow-service to serve without this protection")
    return sandbox.command(command, allow_connect=allow_service, max_data=max_memory and max_memory << 20,
                           parent=os.getpid())


def serve(data: str | Path | None, store: str | Path | None = None, *, host: str = "127.0.0.1", port: int = 7878,
          page_port: int | None = None, timeout: int = 10, max_memory: int = 2048, cors: bool = False,
          allow_service: bool = False, on_ready: Callable[[Endpoint], None] | None = None,
          on_restart: Callable[[str], None] | None = None) -> int:
    """Serve the store (loaded from the build in ``data`` first) until SIGINT or SIGTERM; return 0.

    ``page_port`` defaults to ``port + 1``; the page is not served when the
    build folder has no ``graph.html``. ``on_restart`` hears why the server
    was restarted. Raises ``ServeError`` when the server cannot start.
    """
    if data is not None:
        sync_store(data, store)
    path = store_path(data, store)
    if not (path / "CURRENT").is_file():
        raise ServeError("no SPARQL store here", path=str(path), hint="load a build into it with --data DIR")
    command = oxigraph_command(path.resolve(), host, port, timeout, cors=cors, allow_service=allow_service,
                               max_memory=max_memory)
    with store_lock(path, exclusive=False):  # no `kg query` rewrites the store while it is served
        page = _page_server(data, host, port + 1 if page_port is None else page_port)
        try:
            endpoint = Endpoint(host, port, page and page.server_address[1])
            return _supervise(command, endpoint, 2 * timeout + 1, on_ready, on_restart)
        finally:
            if page:
                page.shutdown()
                page.server_close()


def _supervise(command: list[str], endpoint: Endpoint, runaway: float, on_ready, on_restart) -> int:
    """Run the server until a signal; restart it when it stops by itself or a query runs away."""
    stopping, children = threading.Event(), []

    def forward(signum, _frame):
        stopping.set()
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)

    previous = {s: signal.signal(s, forward) for s in (signal.SIGINT, signal.SIGTERM)}
    env = {k: v for k, v in os.environ.items() if k != "NOTIFY_SOCKET"}
    try:
        while not stopping.is_set():
            children[:] = [subprocess.Popen(command, stdin=subprocess.DEVNULL, env=env)]
            _wait_ready(children[0], endpoint, stopping)
            if on_ready and not stopping.is_set():
                on_ready(endpoint)
                on_ready = None
            why = _watch(children[0], stopping, runaway)
            if why and on_restart:
                on_restart(why)
        return 0
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        for child in children:
            _stop(child)


def _wait_ready(child: subprocess.Popen, endpoint: Endpoint, stopping: threading.Event) -> None:
    """Until the endpoint answers ``ASK {}``; a server that exits first is an error."""
    deadline = time.monotonic() + START_WAIT
    while not stopping.is_set():
        if child.poll() is not None:
            raise ServeError(f"the Oxigraph server did not start (exit code {child.returncode}; "
                             "see its message above)", hint="is the port in use? try another --port")
        try:
            with urllib.request.urlopen(f"{endpoint.query_url}?query=ASK%7B%7D", timeout=2):
                return
        except (urllib.error.URLError, OSError):
            if time.monotonic() > deadline:
                raise ServeError(f"the Oxigraph server does not answer at {endpoint.query_url}") from None
            time.sleep(0.05)


def _watch(child: subprocess.Popen, stopping: threading.Event, runaway: float) -> str | None:
    """Wait until the server exits; return why, or None when it was asked to stop."""
    busy: dict[str, tuple[float, float, float]] = {}  # thread -> (cpu seconds, sampled at, busy since)
    while True:
        try:
            child.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            if stopping.is_set():
                _stop(child)
            elif _runaway(child.pid, busy, runaway):
                _stop(child)
                return f"a query kept the server busy for {runaway:.0f} s, past its time-out"
            continue
        if stopping.is_set():
            return None
        code = child.returncode
        memory = " (out of memory: a query needed more than --max-memory)" if code == -signal.SIGABRT else ""
        return f"the server stopped with exit code {code}{memory}"


def _runaway(pid: int, busy: dict, limit: float) -> bool:
    """Whether a thread of ``pid`` has been working (not idle: over a tenth of a core, whatever else
    runs on the machine) for ``limit`` seconds on end (Linux /proc)."""
    now, tick = time.monotonic(), os.sysconf("SC_CLK_TCK")
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return False
    for tid in tasks:
        try:
            fields = Path(f"/proc/{pid}/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        cpu = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        last_cpu, last_at, since = busy.get(tid, (cpu, now, now))
        working = now > last_at and (cpu - last_cpu) / (now - last_at) > 0.1
        busy[tid] = (cpu, now, since if working or now == last_at else now)
        if working and now - since >= limit:
            return True
    return False


def _stop(child: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL after STOP_GRACE seconds; wait for it either way."""
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


# ---- the page ----

class _PageHandler(SimpleHTTPRequestHandler):
    """GET and HEAD of graph.html and graph.ttl only: no other file, no folder listing."""

    extensions_map = {".html": "text/html; charset=utf-8", ".ttl": "text/turtle; charset=utf-8"}

    def send_head(self):
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
        super().end_headers()

    def log_message(self, format, *args):  # quiet, like the Oxigraph server
        pass


class _PageServer(ThreadingHTTPServer):
    daemon_threads = True


class _PageServer6(_PageServer):
    address_family = socket.AF_INET6


def _page_server(data: str | Path | None, host: str, port: int) -> ThreadingHTTPServer | None:
    """A started server of ``graph.html`` on ``port``, or None when there is no page to serve."""
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
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="kg-serve-page",
                     daemon=True).start()
    return server

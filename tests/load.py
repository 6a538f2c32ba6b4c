"""Load for ``kg serve``: clients on kept-alive connections, a hostile client, and the server's memory.

Used by ``tests/test_load.py`` (bounded, on the seed build) and by ``bench/endpoint_load.py``
(any build, with figures). Only the standard library: each client is a thread with its own
``http.client`` connection, reopened after an error, as a real client would.
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class LoadResult:
    """What the clients saw: requests sent, their outcomes (HTTP status, or the exception's name), latencies."""

    requests: int = 0
    outcomes: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)  # seconds, of the answered requests
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return self.requests - self.outcomes.get(200, 0)

    def percentile(self, p: float) -> float:
        """The ``p``-th percentile of the latencies, in milliseconds."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    def line(self) -> str:
        return (f"{self.requests} requests, {self.failed} failed {dict(self.outcomes)}, "
                f"p50 {self.percentile(50):.0f} ms, p99 {self.percentile(99):.0f} ms, "
                f"{self.requests / self.seconds if self.seconds else 0:.0f} req/s")


def _post(connection: http.client.HTTPConnection, query: str, accept: str) -> int:
    body = urllib.parse.urlencode({"query": query})
    connection.request("POST", "/query", body=body, headers={"Content-Type": "application/x-www-form-urlencoded",
                                                             "Accept": accept})
    response = connection.getresponse()
    response.read()
    if response.getheader("Connection", "").lower() == "close":
        connection.close()
    return response.status


def clients(port: int, query: str, concurrency: int, *, total: int | None = None, until: threading.Event | None = None,
            accept: str = "text/csv", timeout: float = 60) -> LoadResult:
    """``concurrency`` clients sending ``query`` on kept-alive connections, ``total`` requests in all (or until
    ``until`` is set)."""
    result, lock = LoadResult(), threading.Lock()
    left = [total if total is not None else float("inf")]

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        while True:
            with lock:
                if left[0] <= 0 or (until is not None and until.is_set()):
                    break
                left[0] -= 1
            began = time.monotonic()
            try:
                outcome = _post(connection, query, accept)
            except (OSError, http.client.HTTPException) as exc:
                outcome = type(exc).__name__
                connection.close()
            spent = time.monotonic() - began
            with lock:
                result.requests += 1
                result.outcomes[outcome] += 1
                if outcome == 200:
                    result.latencies.append(spent)
        connection.close()

    began = time.monotonic()
    threads = [threading.Thread(target=client, name=f"load-client-{n}") for n in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.monotonic() - began
    return result


def hostile(port: int, queries: list[str], every: float, until: threading.Event) -> Counter:
    """Send ``queries`` in turn, one every ``every`` seconds, each on a new connection; the statuses they got."""
    seen: Counter = Counter()
    n = 0
    while not until.is_set():
        began = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            seen[_post(connection, queries[n % len(queries)], "application/sparql-results+json")] += 1
        except (OSError, http.client.HTTPException) as exc:
            seen[type(exc).__name__] += 1
        finally:
            connection.close()
        n += 1
        until.wait(max(0.0, every - (time.monotonic() - began)))
    return seen


def rss_mb(pids: set[int]) -> float:
    """The resident memory of ``pids`` together, in MB (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total / 1024


def process_tree(pid: int) -> set[int]:
    """``pid`` and its descendants, now."""
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        found.add(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")

"""kg serve under load and under attack, on loopback: no request of a well-behaved client is lost.

Bounded in time (about a minute in all). ``bench/endpoint_load.py`` runs the same load on a
large build and prints the figures.
"""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from .load import clients, hostile, process_tree, rss_mb
from .test_serve import _answers, _copy_build, _saved, running

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc"), reason="the load tests read /proc")

# run out of memory within a second; count a product no engine finishes in seconds
OUT_OF_MEMORY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i LIMIT 1"
RUNS_FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def server(seed_build, tmp_path_factory):
    folder = _copy_build(seed_build, tmp_path_factory.mktemp("load"))
    with running(folder, "--timeout", "2", "--max-memory", "512") as server:
        yield server


def _port(server) -> int:
    return int(server.url.split(":")[2].split("/")[0])


@pytest.mark.parametrize("concurrency", [1, 8, 32])
def test_two_thousand_kept_alive_requests_all_answered(server, concurrency):
    result = clients(_port(server), _saved("top-work-areas"), concurrency, total=2000)
    print(f"c={concurrency}: {result.line()}, server {rss_mb(process_tree(server.process.pid)):.0f} MB")
    assert result.requests == 2000 and result.failed == 0, result.outcomes


def test_a_hostile_client_costs_the_others_nothing(server):
    """Every 3 s a query that runs out of memory or past the time-out, beside four clients."""
    stop = threading.Event()
    seen = {}
    attacker = threading.Thread(target=lambda: seen.update(hostile(_port(server), [OUT_OF_MEMORY, RUNS_FOREVER],
                                                                   3.0, stop)))
    attacker.start()
    timer = threading.Timer(12.0, stop.set)
    timer.start()
    result = clients(_port(server), _saved("top-work-areas"), 4, until=stop)
    attacker.join()
    print(f"c=4 beside a hostile query every 3 s: {result.line()}; hostile: {seen}")
    assert result.requests > 100
    assert result.failed / result.requests < 0.01, result.outcomes
    assert set(seen) <= {503, 504} and sum(seen.values()) >= 4


def test_a_killed_worker_loses_its_own_query_at_most(server):
    stop = threading.Event()
    results = {}
    load = threading.Thread(target=lambda: results.update(r=clients(_port(server), _saved("top-work-areas"), 4,
                                                                    until=stop)))
    load.start()
    time.sleep(1.0)
    workers = process_tree(server.process.pid) - {server.process.pid}
    for pid in list(workers)[:2]:
        os.kill(pid, signal.SIGKILL)
    time.sleep(2.0)
    stop.set()
    load.join()
    result = results["r"]
    assert result.requests > 50 and result.failed <= 2, result.outcomes
    assert _answers(server.url)
    assert len(process_tree(server.process.pid) - {server.process.pid}) >= len(workers)  # replaced

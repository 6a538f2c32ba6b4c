"""Run a job on many report files: in worker processes, streamed a few at a time, with results cached by content hash.

``map_files(files, job, workers, cache)`` yields one ``Outcome`` per file, in
the order of ``files`` whatever order the workers finish in, so that what is
built from them does not depend on the number of workers. At most
``2 * workers`` files are in flight (submitted, or finished and waiting for
their turn), so memory is bounded by the workers, not by the corpus.
``workers=1`` runs in this process, with no pool. ``job`` is a module-level
function (or a ``functools.partial`` of one) from a path to what is made of
the file: ``kg.pipeline.extract_all`` extracts (``kg.pipeline.extract_file``), ``kg build``
makes each report's part of the graph (``kg.pipeline.extract_part``).

A cache has ``get(key, path)`` (the result kept for that key, or ``None``) and
``put(key, result)`` (keep it; returns what to yield). KEY is the SHA-256 of
the file's name and bytes and of ``code_fingerprint()`` (govkg's version and
every file of the package and its ontology), so that a changed file or a changed govkg is made
again and an unchanged one is not. ``kg.pipeline.extract_all``'s cache keeps each
``Extraction`` as ``KEY.pkl``; ``kg build`` keeps parts (``kg.corpus.parts.PartCache``).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
import time
import pickle
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from kg.errors import InputError, KgError
from kg.extract.entities.rules import WITHOUT_RULES
from kg.model import Extraction, Problem
from kg.outputs.files import write_cache_file
from kg.read.report import check_file

__all__ = ["Outcome", "map_files", "Pickles", "code_fingerprint", "cache_key", "CACHE_DIR"]

CACHE_DIR = ".cache"  # under the output folder


@dataclass(frozen=True)
class Outcome:
    """What became of one input file: what the job made of it, or the problem that stopped it."""

    index: int
    path: Path
    size: int  # bytes of the file
    result: Any = None
    problem: Problem | None = None
    cached: bool = False
    key: str | None = None  # its cache key, when there is a cache

    @property
    def extraction(self) -> Extraction | None:
        return self.result if isinstance(self.result, Extraction) else None


_DEPENDENCIES = ("govkg", "jieba", "rjieba", "rdflib", "pyoxigraph", "pyshacl", "networkx", "pyvis")


def code_fingerprint() -> str:
    """The digest of ``_fingerprint``, for the rules switched on now."""
    return _fingerprint(os.environ.get(WITHOUT_RULES, ""))


@lru_cache(maxsize=4)
def _fingerprint(without_rules: str) -> str:
    """A digest of everything a cached part depends on: the versions of govkg and of the libraries that make or
    write a part, and every file of the package (its code, the lexicon, the page's templates) and of its
    ontology (the shapes a part is checked with): a change to any of them invalidates the cache."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256()
    for package in _DEPENDENCIES:
        try:
            h.update(f"{package} {version(package)}\n".encode())
        except PackageNotFoundError:
            h.update(f"{package} ?\n".encode())
    for name, data in _package_files():
        h.update(name.encode() + b"\0" + data + b"\0")
    h.update(without_rules.encode())  # rules left out of a run (``kg eval --without-rule``) make other parts
    return h.hexdigest()


def _package_files() -> Iterator[tuple[str, bytes]]:
    """Each source and data file of ``kg`` and ``kg.ontology`` (wherever installed), by its path inside."""
    for package in ("kg", "kg.ontology"):
        root = Path(str(resources.files(package)))
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                yield f"{package}/{path.relative_to(root).as_posix()}", path.read_bytes()


def cache_key(name: str, data: bytes | Path) -> str:
    """The cache file's stem for a file named ``name`` holding ``data`` (bytes, or a file read in chunks).

    >>> len(cache_key("a.txt", b"x")), cache_key("a.txt", b"x") == cache_key("a.txt", b"y")
    (64, False)
    """
    h = hashlib.sha256(code_fingerprint().encode() + b"\0" + name.encode() + b"\0")
    if isinstance(data, bytes):
        h.update(data)
        return h.hexdigest()
    with open(data, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def map_files(files: Iterable[Path], job: Callable[[str], Any], workers: int = 1, cache=None,
              scheduler=None) -> Iterator[Outcome]:
    """One ``Outcome`` per file, in input order; ``job`` runs in ``workers`` processes.

    The pool starts at the first file missing from the cache, so an unchanged
    rebuild starts no process at all. With ``scheduler`` (a Dask scheduler's
    address, or a ``distributed.Client``) the jobs run on that Dask cluster instead.
    """
    files = [Path(f) for f in files]
    if scheduler is not None:
        yield from _on_dask(files, job, cache, scheduler)
        return
    if workers <= 1 or len(files) <= 1:
        yield from _stream(files, cache, lambda path: _run_here(_run, job, path, False), 1)
        return
    pool: list[ProcessPoolExecutor] = []

    def submit(path: str) -> Future:
        if not pool or pool[0]._broken:  # a worker that died (killed, out of memory) breaks the pool: start anew
            if pool:
                pool[0].shutdown(wait=False)
            pool[:] = [ProcessPoolExecutor(min(workers, len(files)), mp_context=_context(), initializer=_warm_up,
                                           initargs=(os.getpid(), _started(os.getpid())))]
        return pool[0].submit(_run, job, path, True)

    try:
        yield from _stream(files, cache, submit, 2 * workers)
    finally:
        if pool:
            pool[0].shutdown(cancel_futures=True)


def _on_dask(files: list[Path], job, cache, scheduler) -> Iterator[Outcome]:
    """Run on a Dask cluster: each file's bytes go to a worker, so workers need no shared folder."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise KgError("--scheduler needs dask.distributed", hint="pip install 'govkg[dask]'") from exc
    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        window = 2 * max(1, sum(client.nthreads().values()))
        yield from _stream(files, cache, lambda path: _send(client, job, path), window)
    finally:
        if client is not scheduler:
            client.close()


def _send(client, job, path: str):
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        message = f"cannot read it ({exc.strerror})"
        return _run_here(lambda: (False, message))
    return client.submit(_run_sent, job, path, data, pure=False)


def _run_sent(job, path: str, data: bytes) -> tuple[bool, bytes | str]:
    """Run on a Dask worker: ``job`` of a copy of the file, under its own name."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="govkg-") as tmp:
        copy = Path(tmp) / Path(path).name
        copy.write_bytes(data)
        ok, payload = _run(job, str(copy), False)
    if not ok:
        return ok, payload
    if isinstance(payload, Extraction):
        payload = replace(payload, report=replace(payload.report, path=path))
    return True, pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _warm_up(parent: int, started: str | None) -> None:
    """Watch the build's process, and load jieba's dictionary once per worker, before its first report."""
    from kg.nlp.segment import _tokenizer

    threading.Thread(target=_exit_with, args=(parent, started), name="kg-watch-parent", daemon=True).start()
    _tokenizer()


def _started(pid: int) -> str | None:
    """When process ``pid`` started (Linux: its start time in /proc), to tell it from a later process with its
    number; None where there is no /proc."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _exit_with(parent: int, started: str | None) -> None:
    """End this worker as soon as the build's process is gone, however it ended (``kill -9`` included): its pool's
    workers are children of the fork server, not of the build, so no parent-death signal reaches them. Once the
    workers are gone, the fork server and the resource tracker end too."""
    while True:
        time.sleep(0.5)
        try:
            os.kill(parent, 0)
            alive = started is None or _started(parent) == started
        except ProcessLookupError:
            alive = False
        except PermissionError:
            alive = True
        if not alive:
            os._exit(1)


def _run_here(fn, *args) -> Future:
    future: Future = Future()
    future.set_result(fn(*args))
    return future


def _stream(files: list[Path], cache, submit, window: int) -> Iterator[Outcome]:
    queue: deque = deque()
    pending = iter(enumerate(files))
    while True:
        while len(queue) < window:
            item = next(pending, None)
            if item is None:
                break
            queue.append(_start(*item, cache, submit))
        if not queue:
            return
        yield _finish(*queue.popleft(), cache, submit)


def _start(index: int, path: Path, cache, submit):
    """Look the file up in the cache, or hand it to a worker. A file that is not a regular file, or too large, is
    refused here, before it is hashed (a FIFO would hang the hash, ``/dev/zero`` never end it)."""
    try:
        size = check_file(path)
    except InputError as exc:
        message = exc.reason
        return index, path, 0, None, False, _run_here(lambda: (False, message))
    try:
        key = cache_key(path.name, path) if cache is not None else None
    except OSError:
        key = None  # the worker's reader reports it in its own words
    cached = cache.get(key, path) if key else None
    return index, path, size, key, cached is not None, cached if cached is not None else submit(str(path))


def _finish(index: int, path: Path, size: int, key: str | None, cached: bool, work, cache, submit) -> Outcome:
    if cached:
        return Outcome(index, path, size, result=work, cached=True, key=key)
    try:
        ok, payload = _result(work, path, submit)
    except Exception as exc:  # noqa: BLE001 - a dead worker loses this report, not the build
        ok, payload = False, f"the worker extracting it failed ({exc.__class__.__name__}: {exc})"
    if not ok:
        return Outcome(index, path, size, problem=Problem(str(path), payload, "error"), key=key)
    result = pickle.loads(payload) if isinstance(payload, bytes) else payload
    return Outcome(index, path, size, result=cache.put(key, result) if key else result, key=key)


def _result(work: Future, path: Path, submit) -> tuple[bool, Any]:
    """The job's result; when its worker died (killed, out of memory), the report is tried once more in a new
    pool. A dead worker breaks the whole pool, so every report in flight comes here: each is tried again, and
    only the one that kills its worker again fails."""
    try:
        return work.result()
    except BrokenProcessPool:
        pass
    try:
        return submit(str(path)).result()
    except BrokenProcessPool:
        return False, "its worker died twice while building it (killed, or out of memory)"


def _run(job, path: str, pickled: bool) -> tuple[bool, Any]:
    """``(True, what job made of the file)``, pickled for a worker to send back, or ``(False, what went wrong)``."""
    try:
        result = job(path)
        return True, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL) if pickled else result
    except KgError as exc:
        return False, exc.reason if exc.path else str(exc)
    except Exception as exc:  # noqa: BLE001 - one report govkg cannot handle must not stop a corpus
        return False, f"govkg failed on it ({exc.__class__.__name__}: {exc}); please report this with the file"


class Pickles:
    """``kg.pipeline.extract_all``'s cache: each extraction pickled in ``folder/KEY.pkl``. A cache that cannot be
    written (a full disk) only makes the next run slower."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def get(self, key: str, path: Path) -> Extraction | None:
        """The cached extraction, its path set to ``path``; ``None`` when absent or unreadable."""
        try:
            with open(self.folder / f"{key}.pkl", "rb") as fh:
                x = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None
        if not isinstance(x, Extraction):
            return None
        return x if x.report.path == str(path) else replace(x, report=replace(x.report, path=str(path)))

    def put(self, key: str, x: Extraction) -> Extraction:
        write_cache_file(self.folder, f"{key}.pkl", pickle.dumps(x, pickle.HIGHEST_PROTOCOL))
        return x

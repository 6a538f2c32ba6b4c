"""Extract many reports: in worker processes, streamed a few at a time, and cached by content hash.

``extract_all(files, workers, cache_dir)`` yields one ``Outcome`` per file, in the
order of ``files`` whatever order the workers finish in, so that what is built
from them does not depend on the number of workers. At most ``2 * workers``
files are in flight (submitted, or finished and waiting for their turn), so
memory is bounded by the workers, not by the corpus. ``workers=1`` runs in
this process, with no pool.

The cache keeps each report's ``Extraction`` as a pickle named by the SHA-256
of the file's name and bytes and of ``code_fingerprint()`` (govkg's version
and the source of ``kg/*.py``), so that a changed file or a changed govkg is
extracted again and an unchanged one is not.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import pickle
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from .errors import KgError, OutputError
from .model import Extraction, Problem
from .store import ensure_dir, write_bytes_atomic

__all__ = ["Outcome", "extract_all", "write_shards", "code_fingerprint", "cache_key", "CACHE_DIR"]

CACHE_DIR = ".cache"  # under the output folder


@dataclass(frozen=True)
class Outcome:
    """What became of one input file: its extraction, or the problem that stopped it."""

    index: int
    path: Path
    size: int  # bytes of the file
    extraction: Extraction | None = None
    problem: Problem | None = None
    cached: bool = False


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of govkg's version and the source of its modules: a code change invalidates the cache."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256()
    for package in ("govkg", "jieba"):
        try:
            h.update(f"{package} {version(package)}\n".encode())
        except PackageNotFoundError:
            h.update(f"{package} ?\n".encode())
    for source in sorted(Path(__file__).resolve().parent.glob("*.py")):
        h.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return h.hexdigest()


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


def extract_all(files: Iterable[Path], workers: int = 1, cache_dir: Path | None = None,
                scheduler=None) -> Iterator[Outcome]:
    """One ``Outcome`` per file, in input order; extractions run in ``workers`` processes.

    The pool starts at the first file missing from the cache, so an unchanged
    rebuild starts no process at all. With ``scheduler`` (a Dask scheduler's
    address, or a ``distributed.Client``) they run on that Dask cluster instead.
    """
    files = [Path(f) for f in files]
    if scheduler is not None:
        yield from _on_dask(files, cache_dir, scheduler)
        return
    if workers <= 1 or len(files) <= 1:
        yield from _stream(files, cache_dir, lambda path: _run_here(_extract_one, path, False), 1)
        return
    pool: list[ProcessPoolExecutor] = []

    def submit(path: str) -> Future:
        if not pool or pool[0]._broken:  # a worker that died (killed, out of memory) breaks the pool: start anew
            if pool:
                pool[0].shutdown(wait=False)
            pool[:] = [ProcessPoolExecutor(min(workers, len(files)), mp_context=_context(), initializer=_warm_up)]
        return pool[0].submit(_extract_one, path, True)

    try:
        yield from _stream(files, cache_dir, submit, 2 * workers)
    finally:
        if pool:
            pool[0].shutdown(cancel_futures=True)


def _on_dask(files: list[Path], cache_dir: Path | None, scheduler) -> Iterator[Outcome]:
    """Extract on a Dask cluster: each file's bytes go to a worker, so workers need no shared folder."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise KgError("--scheduler needs dask.distributed", hint="pip install 'govkg[dask]'") from exc
    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        window = 2 * max(1, sum(client.nthreads().values()))
        yield from _stream(files, cache_dir, lambda path: _send(client, path), window)
    finally:
        if client is not scheduler:
            client.close()


def _send(client, path: str):
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        message = f"cannot read it ({exc.strerror})"
        return _run_here(lambda: (False, message))
    return client.submit(_extract_sent, path, data, pure=False)


def _extract_sent(path: str, data: bytes) -> tuple[bool, bytes | str]:
    """Run on a Dask worker: ``_extract_one`` of a copy of the file, under its own name."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="govkg-") as tmp:
        copy = Path(tmp) / Path(path).name
        copy.write_bytes(data)
        ok, payload = _extract_one(str(copy), False)
    if not ok:
        return ok, payload
    x = replace(payload, report=replace(payload.report, path=path))
    return True, pickle.dumps(x, protocol=pickle.HIGHEST_PROTOCOL)


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _warm_up() -> None:
    """Load jieba's dictionary once per worker, before its first report."""
    from .segment import _tokenizer

    _tokenizer()


def _run_here(fn, *args) -> Future:
    future: Future = Future()
    future.set_result(fn(*args))
    return future


def _stream(files: list[Path], cache_dir: Path | None, submit, window: int) -> Iterator[Outcome]:
    queue: deque = deque()
    pending = iter(enumerate(files))
    while True:
        while len(queue) < window:
            item = next(pending, None)
            if item is None:
                break
            queue.append(_start(*item, cache_dir, submit))
        if not queue:
            return
        yield _finish(*queue.popleft(), cache_dir)


def _start(index: int, path: Path, cache_dir: Path | None, submit):
    """Look the file up in the cache, or hand it to a worker."""
    try:
        size = path.stat().st_size
        key = cache_key(path.name, path) if cache_dir is not None else None
    except OSError:
        size, key = 0, None  # the worker's reader reports it in its own words
    cached = _load(cache_dir / f"{key}.pkl", path) if key else None
    return index, path, size, key, cached if cached is not None else submit(str(path))


def _finish(index: int, path: Path, size: int, key: str | None, work, cache_dir: Path | None) -> Outcome:
    if isinstance(work, Extraction):
        return Outcome(index, path, size, extraction=work, cached=True)
    try:
        ok, payload = work.result()
    except Exception as exc:  # noqa: BLE001 - a dead worker loses this report, not the build
        ok, payload = False, f"the worker extracting it failed ({exc.__class__.__name__}: {exc})"
    if not ok:
        return Outcome(index, path, size, problem=Problem(str(path), payload, "error"))
    data = payload if isinstance(payload, bytes) else None
    if key:
        data = data or pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        _save(cache_dir, key, data)
    return Outcome(index, path, size, extraction=pickle.loads(data) if isinstance(payload, bytes) else payload)


def _save(cache_dir: Path, key: str, data: bytes) -> None:
    """Keep one extraction; a cache that cannot be written (a full disk) only makes the next build slower."""
    try:
        write_bytes_atomic(ensure_dir(cache_dir) / f"{key}.pkl", data)
    except OutputError:
        try:
            cache_dir.rmdir()  # leave no empty folder behind in an output that must stay untouched
        except OSError:
            pass


def _extract_one(path: str, pickled: bool) -> tuple[bool, Extraction | bytes | str]:
    """``(True, the Extraction)``, pickled for a worker to send back, or ``(False, what went wrong)``."""
    from . import pipeline

    try:
        x = pipeline.extract_file(path)
        return True, pickle.dumps(x, protocol=pickle.HIGHEST_PROTOCOL) if pickled else x
    except KgError as exc:
        return False, str(exc).removeprefix(f"{path}: ")
    except Exception as exc:  # noqa: BLE001 - one report govkg cannot handle must not stop a corpus
        return False, f"govkg failed on it ({exc.__class__.__name__}: {exc}); please report this with the file"


def _load(cache_file: Path, path: Path) -> Extraction | None:
    """The cached extraction, its path set to ``path``; ``None`` when absent or unreadable."""
    try:
        with open(cache_file, "rb") as fh:
            x = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not isinstance(x, Extraction):
        return None
    return x if x.report.path == str(path) else replace(x, report=replace(x.report, path=str(path)))


def write_shards(g, folder: str | Path) -> list[Path]:
    """Write ``g`` as N-Quads shards a triple store can bulk-load: one file per report (its named graph,
    as in ``kg export --format trig``) and ``shared.nq`` for the nodes reports share. Their paths, sorted.
    """
    from rdflib.plugins.serializers.nquads import _nq_row

    from .export import to_dataset

    folder = ensure_dir(folder)
    for old in folder.glob("*.nq"):
        old.unlink()
    written = []
    for graph in to_dataset(g).graphs():
        if not len(graph):
            continue
        name = str(graph.identifier).removesuffix("/graph").rsplit("/", 1)[-1]
        is_report = str(graph.identifier).endswith("/graph")
        lines = sorted(_nq_row(t, graph.identifier) if is_report else _nq_row(t, None).replace("  .", " .")
                       for t in graph)
        written.append(write_bytes_atomic(folder / f"{name if is_report else 'shared'}.nq",
                                          "".join(lines).encode("utf-8")))
    return sorted(written)

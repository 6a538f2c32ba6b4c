"""Save and load graphs: atomic writes (a temporary file, then a rename) and reading a build back."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from rdflib import Graph

from kg.errors import InputError, OutputError
from kg.rdf.terms import rdflib_term

__all__ = ["ensure_dir", "writing_to", "write_text_atomic", "write_bytes_atomic", "write_chunks_atomic", "staged_files", "write_cache_file",
           "graph_file", "load_graph", "parse_turtle", "read_triples"]


def ensure_dir(path: str | Path) -> Path:
    """Create ``path`` if needed and check that it can be written."""
    p = Path(path)
    try:
        p.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder ({exc.strerror})", path=str(p),
                          hint="choose another --out") from exc
    if not os.access(p, os.W_OK):
        raise OutputError("the output folder is not writable", path=str(p), hint="choose another --out")
    return p


@contextmanager
def writing_to(out_dir: Path, *inner: Path) -> Iterator[Path]:
    """Hold ``out_dir`` for one build: a second build into the same folder fails at once with a clear error
    instead of mixing its files with the first's. The hold is an advisory lock on the folder itself (no file is
    added), which the system lets go when the process ends, however it ends; so what a build that was killed
    left behind (its temporary ``.parts-*`` and ``.shared-*`` folders, half-written ``.*.tmp`` files, here and in
    the ``inner`` folders) can only be stale once the hold is taken, and is removed then."""
    try:
        import fcntl
    except ImportError:  # not a POSIX system: no hold, and nothing swept that another build might be using
        yield out_dir
        return
    fd = os.open(out_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputError("another govkg build is writing to this folder", path=str(out_dir),
                              hint="wait for it to finish, or choose another --out") from None
        sweep_leftovers(out_dir, *inner)
        yield out_dir
    finally:
        os.close(fd)  # lets go of the hold


def sweep_leftovers(*folders: Path) -> list[Path]:
    """Remove what an interrupted build left in ``folders``: its temporary folders and half-written files
    (never an output, nor a cached part). Returns what was removed.

    >>> import tempfile; d = Path(tempfile.mkdtemp()); (d / ".shared-x1").mkdir(); (d / ".graph.ttl.x2.tmp").touch()
    >>> (d / "graph.ttl").touch(); [p.name for p in sweep_leftovers(d)], sorted(p.name for p in d.iterdir())
    (['.graph.ttl.x2.tmp', '.shared-x1'], ['graph.ttl'])
    """
    stale = sorted(p for folder in folders if folder.is_dir() for p in folder.iterdir()
                   if p.name.startswith((".parts-", ".shared-")) and p.is_dir()
                   or p.name.startswith(".") and p.name.endswith(".tmp") and p.is_file())
    for path in stale:
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    return stale


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a half-written one."""
    return write_chunks_atomic(path, (data,))


def write_chunks_atomic(path: str | Path, chunks: Iterable[bytes], durable: bool = True) -> Path:
    """Write the concatenation of ``chunks`` to ``path`` atomically, one chunk in memory at a time; ``durable``
    also waits until the bytes are on disk (not needed for a cache whose reader checks what it reads)."""
    with staged_files() as stage:
        stage(path, chunks, durable)
    return Path(path)


@contextmanager
def staged_files():
    """``stage(path, chunks)`` writes each file beside its place, and only when the block ends without an error
    do they all take their places (renames, which need no room): a disk that fills up, or any failure, while one
    of them is written leaves every earlier file as it was."""
    staged: list[tuple[str, Path]] = []

    def stage(path: str | Path, chunks: Iterable[bytes], durable: bool = True) -> None:
        staged.append((_stage(Path(path), chunks, durable), Path(path)))

    try:
        yield stage
        for tmp, target in staged:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise OutputError(f"cannot write ({exc.strerror})", path=str(target)) from exc
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)


def _stage(target: Path, chunks: Iterable[bytes], durable: bool) -> str:
    """A temporary file beside ``target`` holding ``chunks``; removed if it cannot be written whole."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write ({exc.strerror})", path=str(target)) from exc
    except BaseException:  # a chunk that could not be made: no half-written file stays behind
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def write_cache_file(folder: str | Path, name: str, data: bytes) -> Path | None:
    """Keep ``data`` as ``folder/name`` (atomically, not waiting for the disk: a cache is made again when lost);
    ``None`` when it cannot be written, in which case a folder left empty is removed, so that an output that must
    stay untouched gains no empty folder."""
    try:
        return write_chunks_atomic(ensure_dir(folder) / name, (data,), durable=False)
    except OutputError:
        try:
            Path(folder).rmdir()
        except OSError:
            pass
        return None


def write_text_atomic(path: str | Path, text: str) -> Path:
    return write_bytes_atomic(path, text.encode("utf-8"))


def graph_file(path: str | Path) -> Path:
    """The ``graph.ttl`` of a build folder, or ``path`` itself when it names a file; it must exist."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file or folder", path=str(p), hint="run `kg build` first or check --graph")
    ttl = p / "graph.ttl" if p.is_dir() else p
    if not ttl.is_file():
        raise InputError("no graph.ttl here", path=str(p), hint="run `kg build` first")
    return ttl


def load_graph(path: str | Path) -> Graph:
    """The graph of a build: ``path`` is the folder ``kg build`` wrote, or its ``graph.ttl``."""
    ttl = graph_file(path)
    try:
        return Graph().parse(ttl, format="turtle")
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"not a readable Turtle file ({exc.__class__.__name__})", path=str(ttl),
                         hint="rebuild it with `kg build`") from exc


def parse_turtle(path: str | Path) -> Iterator:
    """The triples of a build (``path`` as for ``load_graph``) as pyoxigraph reads them, in its terms, one at a
    time: five to ten times as fast as rdflib, and no rdflib graph."""
    import pyoxigraph as ox

    ttl = graph_file(path)
    try:
        for quad in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE):
            yield quad.triple
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"not a readable Turtle file: {exc}", path=str(ttl),
                         hint="rebuild it with `kg build`") from None


def read_triples(path: str | Path) -> list[tuple]:
    """The triples of a build in rdflib's terms, each once (as in a graph), read by ``parse_turtle``: for reading
    every triple once (``kg validate``)."""
    terms: dict = {}  # each term converted once

    def term(t):
        found = terms.get(t)
        if found is None:
            found = terms[t] = rdflib_term(t)
        return found

    return list(dict.fromkeys((term(t.subject), term(t.predicate), term(t.object)) for t in parse_turtle(path)))

"""Build many reports into one graph: their parts made by workers and kept, the shared nodes gathered on disk,
then graph.ttl, graph.html and the shards written, each only when something changed.

``kg.pipeline.build`` is the entry point; ``build_corpus`` is handed the job that makes one report's part.
"""

from __future__ import annotations

import errno
import functools
import gc
import sqlite3
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from kg.corpus.manifest import MANIFEST, digest, file_stat, is_current, keep_manifest, read_manifest, unchanged
from kg.corpus.parallel import CACHE_DIR, map_files
from kg.corpus.parts import TURTLE_HEADER, Part, PartCache, nquads, part_page, part_promises, part_turtle, turtle_of
from kg.corpus.shared import SharedNodes
from kg.errors import InputError, OutputError, PartialBuildError
from kg.model import BuildResult, Extraction, Problem
from kg.outputs.files import ensure_dir, staged_files, write_bytes_atomic, write_chunks_atomic, writing_to
from kg.outputs.page.data import merge_page
from kg.outputs.page.render import page_chunks, place
from kg.rdf.graph import promise_triples
from kg.vocab import report_graph
from kg.rdf.validate import Violation, raise_violations, shared_shapes, validate_triples

__all__ = ["build_corpus", "paused_gc", "MANIFEST"]


def build_corpus(files: list[Path], out: str | Path, job: Callable[..., Part],
          progress: Callable[[Path], None] | None = None, validate: bool = True,
          workers: int = 1, cache: bool = True, scheduler=None, shards: bool | None = None,
          page: bool = True, stage: Callable[[str], None] | None = None, allow_partial: bool = False) -> BuildResult:
    """Build ``graph.ttl`` and ``graph.html`` in ``out`` from report files or folders.

    A report that cannot be read is recorded as a problem and skipped; the
    build fails (``InputError``) only when no report could be read. The graph is
    checked against ``ontology/shapes.ttl`` before anything is written: a
    report whose own graph breaks a shape (a govkg bug) is recorded as a
    problem and left out; when no report is left, or the shared nodes break a
    shape, the build fails (``ValidationError``), leaving ``out`` as it was.

    The build is streamed: ``workers`` processes (1: this process) each make
    one report's part at a time (``extract_part``: its graph built, validated
    and serialized), and this process keeps only a small summary of each
    (``kg.corpus.parts``); the shared nodes go to an SQLite file in ``out``
    (``kg.corpus.shared``), removed after the build, so that this process's
    memory does not grow with the corpus (but for the page's data).
    ``graph.ttl`` is then the shared nodes and promise links, and the parts'
    Turtle concatenated in input order, so the output is the same whatever the
    number of workers. With ``cache``, parts are kept in ``out/.cache``: an
    unchanged file is not extracted again, and when no part changed, no output
    is written (nor checked) again. ``scheduler`` (a Dask scheduler's address, or a
    ``distributed.Client``) runs the reports on a Dask cluster instead.
    ``out/.cache/build.json`` records what was written (``MANIFEST``).
    ``shards`` (the default with a scheduler) also writes ``out/shards/*.nq``:
    one N-Quads file per report (its named graph) and ``shared.nq``, for a
    triple store's bulk loader; only the shards that changed are written.
    Without ``page``, ``graph.html`` is not drawn (one written by an earlier
    build is removed): the page's data is what grows with a corpus in this
    process (about 1.2 MB per 30 KB report), and a corpus of thousands of
    reports makes a page too large for a browser anyway.
    ``progress`` is called with each file once it is done, ``stage`` with what the build
    does next once every file is done (``"writing graph.ttl"``).

    A build never trades a good graph for a worse one: when some reports failed
    and ``out`` holds an earlier graph, it is replaced only if every report that
    failed had failed in the earlier build too (``failed`` in the manifest), or
    with ``allow_partial``; otherwise ``PartialBuildError``, and ``out`` is left
    as it was.
    """
    began = time.perf_counter()
    out_dir = ensure_dir(out)
    with _full_disk_is_one_line(out_dir), writing_to(out_dir, out_dir / "shards", out_dir / CACHE_DIR), \
            _parts(out_dir, cache, validate, page) as kept, _shared_nodes(out_dir) as shared_nodes:
        corpus = _gather(files, workers, kept, scheduler, partial(job, validate=validate, page=page),
                         progress, _Corpus(shared=shared_nodes))
        if corpus.broken and not corpus.parts:  # nothing else to build: the build fails, as for one report
            _check([v for _, violations in corpus.broken.values() for v in violations], out_dir)
        if not corpus.parts:
            raise InputError("no report could be read: " + "; ".join(f"{p.path}: {p.message}" for p in corpus.problems))
        shared = functools.cache(partial(_shared_graph, corpus))  # made only if something is to be written
        manifest = read_manifest(out_dir) if cache else {}  # --no-cache trusts nothing kept
        current = is_current(manifest, out_dir, corpus.keys, validate, page)
        say = stage or (lambda what: None)
        if validate and not current:
            say("tracking promises, checking the shared nodes")
            _check(_shared_violations(shared()), out_dir)
        failed = sorted({p.path for p in corpus.problems if p.level == "error"})
        if failed and not allow_partial:
            _keep_a_better_graph(out_dir, failed)
        record = _write(out_dir, corpus, shared, manifest, current, validate,
                        scheduler is not None if shards is None else shards, page, say)
        record["failed"] = failed
        distinct = shared_nodes.entity_counts()  # an entity several reports name counts once
        if cache:
            keep_manifest(out_dir, record, manifest)
            kept.prune(set(corpus.keys) | set(corpus.broken))
    counts = {"Observation": corpus.counts.get("Observation", 0), **distinct}
    return BuildResult(out=str(out_dir), reports=len(corpus.parts), counts=counts, report_counts=dict(corpus.counts),
                       triples=record["triples"], seconds=round(time.perf_counter() - began, 2),
                       files=tuple(str(out_dir / name) for name in record["files"]),
                       problems=tuple(corpus.problems + corpus.warnings))


@contextmanager
def _full_disk_is_one_line(out_dir: Path):
    """A disk that fills up at any point of the build (the shared store, a temporary file, an output) is one
    ``OutputError`` (exit code 3), not a traceback; every output is written atomically, so the earlier ones stay."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        raise OutputError(f"cannot keep the shared nodes while building ({exc})", path=str(out_dir),
                          hint="free some disk space in the output folder's file system") from None
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise
        raise OutputError(f"cannot write ({exc.strerror})", path=str(out_dir),
                          hint="free some disk space in the output folder's file system") from None


def _keep_a_better_graph(out_dir: Path, failed: list[str]) -> None:
    """Refuse to write over an earlier graph.ttl unless each report that failed now failed then too."""
    if not (out_dir / "graph.ttl").is_file():
        return
    before = read_manifest(out_dir).get("failed")
    newly = [path for path in failed if before is None or path not in before]
    if newly:
        shown = "; ".join(newly[:3]) + (f" … ({len(newly)} in all)" if len(newly) > 3 else "")
        raise PartialBuildError(f"{len(newly)} report(s) failed that the earlier build did not fail on: {shown}. "
                                "Its graph is kept, and nothing was written", path=str(out_dir),
                                hint="see the errors above; --allow-partial writes the graph without them")


@contextmanager
def _parts(out_dir: Path, cache: bool, validate: bool, page: bool):
    """Where the parts go: the cache, or a folder of this build's own that goes with it (``--no-cache``).
    A kept part made without validation (or without its page's facts) is made again for a build that validates
    (or draws the page)."""
    if cache:
        yield PartCache(out_dir / CACHE_DIR, validated=validate, paged=page)
        return
    with tempfile.TemporaryDirectory(prefix=".parts-", dir=out_dir, ignore_cleanup_errors=True) as folder:
        yield PartCache(folder, reuse=False)


@contextmanager
def _shared_nodes(out_dir: Path):
    """The build's ``SharedNodes``, in a folder of its own in ``out_dir`` (where there is room for the output)."""
    with tempfile.TemporaryDirectory(prefix=".shared-", dir=out_dir, ignore_cleanup_errors=True) as folder:
        store = SharedNodes(Path(folder) / "shared.sqlite")
        try:
            yield store
        finally:
            store.close()


@dataclass
class _Corpus:
    """What a build keeps of its reports while they stream past: small summaries, not graphs; the shared
    nodes go to ``shared``, on disk."""

    shared: SharedNodes
    parts: list[Part] = field(default_factory=list)  # without their shared triples, promises and bytes
    keys: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    broken: dict = field(default_factory=dict)  # key -> (path, violations) of a report whose graph breaks a shape
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    paths: dict = field(default_factory=dict)  # report IRI -> the file it came from

    def add(self, part: Part, path: Path, key: str) -> None:
        if part.violations:  # govkg made a graph its shapes refuse: the report is left out, the others are built
            self.broken[key] = (str(path), part.violations)
            self.problems.append(Problem(str(path), f"its graph breaks {len(part.violations)} constraint(s) of "
                                         f"ontology/shapes.ttl, so it is left out (a govkg bug: please report it "
                                         f"with the file); {part.violations[0]}", "error"))
            return
        if part.report in self.paths:  # same file name, region and year: the same IRIs
            self.problems.append(Problem(str(path), f"it would have the IRIs of {self.paths[part.report]} (same file "
                                         "name, region and year), so it is left out; rename one of them", "error"))
            return
        self.paths[part.report] = str(path)
        self.shared.add(part.shared)
        self.parts.append(replace(part, shared=()))
        self.keys.append(key)
        self.counts.update(part.counts)
        if not part.structured:
            self.warnings.append(Problem(str(path), "no review or plan part found; is this a work report?"))
        else:
            self.warnings.extend(Problem(str(path), note) for note in part.missing)


def _gather(files: list[Path], workers: int, cache: PartCache, scheduler, job: Callable[[str], Part], progress,
            corpus: _Corpus) -> _Corpus:
    for outcome in map_files(files, job, workers, cache, scheduler):
        if outcome.problem:
            corpus.problems.append(outcome.problem)
        else:
            corpus.add(outcome.result, outcome.path, outcome.key)
        if progress:
            progress(outcome.path)
    return corpus


def _shared_graph(corpus: _Corpus) -> SharedNodes:
    """The shared nodes, with the promise links between the reports added (once)."""
    corpus.shared.add(promise_triples(_PromiseData(corpus.parts)))
    return corpus.shared


class _PromiseData(Sequence):
    """What promise tracking reads of each part (``kg.corpus.parts.for_promises``), read from its file when asked, a
    few kept: the observations of a corpus are never all in memory."""

    def __init__(self, parts: list[Part]):
        self.parts = parts
        self._read = functools.lru_cache(maxsize=8)(lambda i: part_promises(self.parts[i]))

    def __len__(self) -> int:
        return len(self.parts)

    def __getitem__(self, i: int) -> Extraction:
        if not 0 <= i < len(self.parts):
            raise IndexError(i)
        return self._read(i)


def _shared_violations(shared: SharedNodes) -> list[Violation]:
    """The shared nodes checked against ``shared_shapes()`` a chunk of subjects at a time: none of those shapes
    looks beyond its focus node's own triples."""
    return [v for chunk in shared.chunks() for v in validate_triples(chunk, shared_shapes())]


def _check(violations: list[Violation], out_dir: Path) -> None:
    """Raise ``ValidationError`` if there are ``violations`` (see ``kg.rdf.validate``)."""
    raise_violations(sorted(violations), source=str(out_dir / "graph.ttl"))


# ---- the outputs ----

def _write(out_dir: Path, corpus: _Corpus, shared: Callable[[], SharedNodes], manifest: dict, current: bool,
           validate: bool, shards: bool, page: bool = True, say: Callable[[str], None] = lambda what: None) -> dict:
    """Write graph.ttl, graph.html (if ``page``) and the shards, unless they are ``current``; what was written
    (the manifest)."""
    ttl, html = out_dir / "graph.ttl", out_dir / "graph.html"
    shared_turtle = lambda: (turtle_of(chunk) for chunk in shared().chunks())  # noqa: E731 - read anew each time
    if not current:
        with staged_files() as stage:  # both in place, or neither: a failure in either leaves both as they were
            if page:
                say("drawing the page")
                with paused_gc():
                    stage(html, _batched(page_chunks(_placed_page(shared(), corpus.parts), "govkg")))
            bodies = (part_turtle(part) for part in corpus.parts)  # read one at a time
            say("writing graph.ttl")
            head = _Counted(chain([TURTLE_HEADER], shared_turtle()))
            stage(ttl, chain(head, bodies))
        if not page and "graph.html" in manifest.get("files", {}):
            html.unlink(missing_ok=True)  # drawn by an earlier build: it would no longer show graph.ttl
    record = {"graph": digest(corpus.keys), "validated": validate or (current and manifest.get("validated", False)),
              "triples": manifest["triples"] if current else sum(p.triples for p in corpus.parts) + len(shared()),
              "files": {p.name: file_stat(p) for p in ((ttl, html) if page else (ttl,))},
              "shards": manifest.get("shards", {}),
              # where a reader finds each report's graph (the cache's KEY.part) and the shared nodes (graph.ttl's head)
              "reports": [[str(report_graph(p.report)), key] for p, key in zip(corpus.parts, corpus.keys)],
              "shared_bytes": manifest.get("shared_bytes", 0) if current else head.size}
    if shards:
        say("writing the shards")
        _write_shards(out_dir / "shards", corpus, shared_turtle, record)
        record["files"].update({f"shards/{name}": stat[1:] for name, stat in record["shards"].items()})
    return record


class _Counted:
    """Chunks of bytes passed through, their total size counted (``size``)."""

    def __init__(self, chunks: Iterable[bytes]):
        self.chunks, self.size = chunks, 0

    def __iter__(self):
        for chunk in self.chunks:
            self.size += len(chunk)
            yield chunk


@contextmanager
def paused_gc():
    """Python's cycle collector paused: merging the page's facts makes millions of small objects and no cycle
    to collect, and the collector's passes over them cost a third of the time (0.77 s against 0.52 s for the
    page of 300 small reports)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _placed_page(shared: SharedNodes, parts: list[Part]) -> dict:
    """The page's data (``kg.outputs.page.data.merge_page``) of the shared nodes and each report's page facts, read one
    part at a time, with the nodes placed (``kg.outputs.page.render.place``): plain values, no graph of all the reports, and
    the networkx graph of the page let go once it has placed them."""
    data, G = merge_page(shared.triples(), (part_page(part) for part in parts))
    place(data, G)
    return data


def _batched(chunks: Iterable[str], size: int = 1 << 20) -> Iterator[bytes]:
    """Pieces of text, joined into about ``size`` characters and encoded, to be written."""
    batch, held = [], 0
    for chunk in chunks:
        batch.append(chunk)
        held += len(chunk)
        if held >= size:
            yield "".join(batch).encode("utf-8")
            batch, held = [], 0
    yield "".join(batch).encode("utf-8")


def _write_shards(folder: Path, corpus: _Corpus, shared_turtle, record: dict) -> None:
    """One N-Quads file per report (its named graph) and ``shared.nq``; only those that changed are written,
    and those of reports no longer built are removed."""
    folder, old, new = ensure_dir(folder), record["shards"], {}
    for part, key in zip(corpus.parts, corpus.keys):
        name = f"{part.report.rsplit('/', 1)[-1]}.nq"
        if not unchanged(folder / name, old.get(name), key):
            write_bytes_atomic(folder / name, nquads(part_turtle(part), str(report_graph(part.report))))
        new[name] = [key, *file_stat(folder / name)]
    if not unchanged(folder / "shared.nq", old.get("shared.nq"), record["graph"]):
        write_chunks_atomic(folder / "shared.nq", (nquads(body) for body in shared_turtle()))
    new["shared.nq"] = [record["graph"], *file_stat(folder / "shared.nq")]
    for stale in folder.glob("*.nq"):
        if stale.name not in new:
            stale.unlink(missing_ok=True)
    record["shards"] = dict(sorted(new.items()))



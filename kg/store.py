"""Save and load graphs: atomic writes (a temporary file, then a rename) and reading a build back."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

from rdflib import XSD, BNode, Graph, Literal, URIRef

from .errors import InputError, OutputError

__all__ = ["ensure_dir", "write_text_atomic", "write_bytes_atomic", "write_chunks_atomic", "write_cache_file",
           "graph_file", "load_graph", "parse_turtle", "read_triples", "rdflib_term", "oxigraph_term"]


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


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a half-written one."""
    return write_chunks_atomic(path, (data,))


def write_chunks_atomic(path: str | Path, chunks: Iterable[bytes]) -> Path:
    """Write the concatenation of ``chunks`` to ``path`` atomically, one chunk in memory at a time."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write ({exc.strerror})", path=str(target)) from exc
    except BaseException:  # a chunk that could not be made: no half-written file stays behind
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_cache_file(folder: str | Path, name: str, data: bytes) -> Path | None:
    """Keep ``data`` as ``folder/name`` (atomically); ``None`` when it cannot be written, in which case
    a folder left empty is removed, so that an output that must stay untouched gains no empty folder."""
    try:
        return write_bytes_atomic(ensure_dir(folder) / name, data)
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


_XSD_STRING = str(XSD.string)


def rdflib_term(term):
    """A pyoxigraph term as rdflib's (a plain literal for ``xsd:string``, as rdflib reads Turtle)."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=None if term.datatype.value == _XSD_STRING else URIRef(term.datatype.value))


def oxigraph_term(term):
    """An rdflib IRI or literal as pyoxigraph's term (the lexical form as rdflib writes it in N-Triples)."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if not isinstance(term, Literal):
        raise ValueError(f"only IRIs and literals go into a part's Turtle, not {term!r}")
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype) if term.datatype else None)

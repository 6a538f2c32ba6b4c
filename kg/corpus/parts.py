"""One report's part of a build: made where the report is extracted, kept in the build's cache, read back in pieces.

``make_part(x)`` turns an extraction into a ``Part``. Its named graph (the
triples ``kg.rdf.graph.split_report`` gives to the report) is serialized once,
where the report is extracted: as a Turtle body without prefix lines
(``graph.ttl`` is ``TURTLE_HEADER`` and the bodies, concatenated; no node is
blank, so they concatenate safely) and as what the page reads of it
(``kg.outputs.page.data.page_facts``, pickled). The part also holds the little a build needs to
put the reports together: the report's triples of shared nodes, what promise
tracking reads of the report, its counts and, when validated, the SHACL
violations of its own graph (``kg.rdf.validate``).

``PartCache`` keeps each part in one file, ``KEY.part`` (KEY from
``kg.corpus.parallel.cache_key``: the file's name and bytes and govkg's code), and
gives the build the part without its bytes; ``part_turtle`` and
``part_page`` read them back when the outputs are written. ``nquads`` makes a
report's N-Quads shard from its Turtle body (with pyoxigraph).

>>> from kg.read.report import parse_report
>>> from kg.pipeline import extract_report
>>> part = make_part(extract_report(parse_report("政府工作报告\\n2020年工作回顾\\n一、抓项目\\n引进星河电子落户,工业总产值100亿元。")))
>>> part.name, part.counts, part.violations
('<text>', {'Enterprise': 1, 'Observation': 1}, ())
>>> part_turtle(part).startswith(b"<https://w3id.org/govkg/resource/"), b"@prefix" in part_turtle(part)
(True, False)
"""

from __future__ import annotations

import os
import pickle
import struct
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from rdflib import RDF, RDFS, XSD, URIRef
from rdflib.namespace import SKOS

from kg.errors import KgError
from kg.rdf.graph import add_extraction, report_node, split_report
from kg.model import Extraction, Report, Structure
from kg.rdf.terms import Triples
from kg.link.projects import project_statements
from kg.outputs.csv_rows import report_rows
from kg.outputs.page.data import PageFacts, page_facts
from kg.outputs.files import write_cache_file
from kg.rdf.turtle import sorted_turtle
from kg.rdf.validate import Violation, validate_triples
from kg.vocab import GK

__all__ = ["Part", "make_part", "for_promises", "turtle_of", "part_turtle", "part_page",
           "part_promises", "part_rows", "nquads",
           "PartCache", "PREFIXES", "TURTLE_HEADER"]

PREFIXES = (("gk", GK._NS), ("rdf", RDF), ("rdfs", RDFS), ("skos", SKOS), ("xsd", XSD))  # of graph.ttl
TURTLE_HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES).encode() + b"\n"
_MAGIC = b"govkg part 3\n"
_SIZES = struct.Struct("<QQQQQ")  # bytes of the pickled fields, the Turtle body, the page's facts, the promises, the rows
_PICKLE = pickle.HIGHEST_PROTOCOL


@dataclass(frozen=True)
class Part:
    """One report's part of a build (see the module): its bytes are in ``turtle`` and ``page``, or in ``file``."""

    report: URIRef  # the report's IRI; its named graph is ``<report>/graph``
    name: str  # the report's file name
    triples: int  # in its named graph
    counts: dict[str, int]  # entities by type, and observations
    structured: bool  # a review or a plan part was found
    shared: tuple[tuple[str, str, str], ...]  # its triples of shared nodes, as N-Triples terms
    missing: tuple[str, ...] = ()  # the review or plan part not found, and why
    violations: tuple[Violation, ...] | None = None  # None: not validated
    paged: bool = True  # its page's facts were made (``kg build --no-page`` does not make them)
    turtle: bytes = b""
    page: bytes = b""
    promises: bytes = b""  # what promise tracking reads of it (``for_promises``), pickled
    rows: bytes = b""  # its rows of the CSV export (``kg.outputs.csv_rows.report_rows``), pickled
    file: str = ""  # where the bytes are kept
    offset: int = 0  # of the Turtle body in ``file``; the page's facts, the promises and the rows follow it
    sizes: tuple[int, int, int, int] = (0, 0, 0, 0)  # of those four in ``file``


def make_part(x: Extraction, validate: bool = True, page: bool = True) -> Part:
    """The part of one report: its graph built, validated when asked, split and serialized, with its page's
    facts when ``page`` is asked (a tenth of the part's time, for nothing when no page is drawn)."""
    g = Triples()  # without promise links: they need the other reports
    add_extraction(g, x)
    violations = tuple(validate_triples(g)) if validate else None
    own, shared = split_report(g)
    counts = Counter(e.etype for e in x.entities)
    counts["Observation"] += len(x.observations)
    return Part(report=report_node(x), name=x.report.name, triples=len(own), counts=dict(counts),
                structured=any(a.kind == "part" and a.part in ("review", "plan") for a in x.structure.areas),
                missing=x.structure.missing,
                shared=tuple(shared),
                violations=violations, paged=page, turtle=turtle_of(own),
                page=pickle.dumps(page_facts(own), protocol=_PICKLE) if page else b"",
                promises=pickle.dumps(for_promises(x), protocol=_PICKLE),
                rows=pickle.dumps(report_rows(x), protocol=_PICKLE))


def for_promises(x: Extraction) -> Extraction:
    """Only what promise tracking reads of an extraction (its report's name and meta, its parts, its
    observations without their sentences), so that a corpus's texts, sentences and mentions are not kept until the end."""
    report = Report(path=x.report.path, name=x.report.name, raw="", text="", offsets=(0,))
    observations = tuple(replace(o, sentence=None, surface="") for o in x.observations)
    parts = tuple(area for area in x.structure.areas if area.kind == "part")  # whether it has a review part
    return Extraction(report=report, structure=Structure(x.structure.meta, parts, ()), entities=(),
                      statements=project_statements(x),
                      observations=observations)


def turtle_of(triples: Iterable[tuple[str, str, str]]) -> bytes:
    """``triples`` (N-Triples terms, ``kg.rdf.terms``; no blank node) in Turtle without the prefix lines (they are
    ``TURTLE_HEADER``), sorted.

    It is written as pyoxigraph writes it (``kg.rdf.turtle``; about 40 times as fast as rdflib's Turtle serializer),
    keeping every literal as it was made (rdflib writes ``"26"^^xsd:decimal`` as ``26.0``).

    >>> from kg.vocab import GK_NT
    >>> triples = [(GK_NT.Met, f"<{RDF.type}>", GK_NT.Verdict), (GK_NT.Met, GK_NT.value, f'"26"^^<{XSD.decimal}>')]
    >>> print(turtle_of(triples).decode().replace(chr(9), "    "))  # pyoxigraph indents with a tab
    gk:Met a gk:Verdict ;
        gk:value "26"^^xsd:decimal .
    <BLANKLINE>
    """
    return sorted_turtle(triples, {p: str(ns) for p, ns in PREFIXES})


def part_turtle(part: Part) -> bytes:
    """The Turtle body of a part's named graph (no prefix lines: they are ``TURTLE_HEADER``)."""
    return _section(part, 0) if part.file else part.turtle


def part_page(part: Part) -> PageFacts:
    """What the page reads of a part's named graph (``kg.outputs.page.data.page_facts``)."""
    return pickle.loads(_section(part, 1) if part.file else part.page)


def part_promises(part: Part) -> Extraction:
    """What promise tracking reads of a part's report (``for_promises``)."""
    return pickle.loads(_section(part, 2) if part.file else part.promises)


def part_rows(part: Part) -> tuple[list[dict], list[dict]]:
    """A part's rows of the CSV export (``kg.outputs.csv_rows.report_rows``)."""
    return pickle.loads(_section(part, 3) if part.file else part.rows)


def _section(part: Part, n: int) -> bytes:
    start = part.offset + sum(part.sizes[:n])
    try:
        with open(part.file, "rb") as fh:
            fh.seek(start)
            data = fh.read(part.sizes[n])
    except OSError as exc:
        data, reason = b"", exc.strerror
    else:
        reason = "it is shorter than it was"
    if len(data) != part.sizes[n]:
        raise KgError(f"cannot read the kept part of {part.name} ({reason})", path=part.file,
                      hint="its cache changed during the build; run `kg build` again")
    return data


def nquads(body: bytes, graph: str | None = None) -> bytes:
    """A Turtle body as N-Quads in the named graph ``graph`` (``None``: the default graph), lines sorted."""
    import pyoxigraph as ox

    name = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    quads = [ox.Quad(q.subject, q.predicate, q.object, name)
             for q in ox.parse(TURTLE_HEADER + body, format=ox.RdfFormat.TURTLE)]
    return b"".join(sorted(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)))


class PartCache:
    """The parts of a build, one file ``KEY.part`` each in ``folder``: a header, the part's fields (pickled),
    its Turtle body and its page's facts (``kg.outputs.page.data.page_facts``).

    ``get`` gives a kept part without its bytes (``None`` when there is none,
    it cannot be read, or it was not validated and ``validated`` parts are
    wanted, or it has no page's facts and ``paged`` parts are wanted); ``put`` keeps a new one and gives it back without its bytes, or
    with them when it cannot be written (a full disk): the build then holds it
    in memory, and the next build makes it again. With ``reuse=False`` no part is
    found, as for ``kg build --no-cache``.
    """

    def __init__(self, folder: str | Path, reuse: bool = True, validated: bool = False, paged: bool = False):
        self.folder, self.reuse, self.validated, self.paged = Path(folder), reuse, validated, paged

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.part"

    def get(self, key: str, path: Path | None = None) -> Part | None:
        """The part kept for ``key`` (a part does not depend on the file's path), without its bytes."""
        if not self.reuse:
            return None
        try:
            with open(self.path(key), "rb") as fh:
                if fh.read(len(_MAGIC)) != _MAGIC:
                    return None
                size, *sizes = _SIZES.unpack(fh.read(_SIZES.size))
                if os.fstat(fh.fileno()).st_size != len(_MAGIC) + _SIZES.size + size + sum(sizes):
                    return None  # cut short (kept without fsync, then a crash): made again
                part = pickle.loads(fh.read(size))
        except (OSError, struct.error, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
                ValueError):
            return None
        if not isinstance(part, Part) or (self.validated and part.violations is None) or (self.paged and not part.paged):
            return None
        return replace(part, file=str(self.path(key)), offset=len(_MAGIC) + _SIZES.size + size, sizes=tuple(sizes))

    def put(self, key: str, part: Part) -> Part:
        fields = pickle.dumps(replace(part, turtle=b"", page=b"", promises=b"", rows=b""), protocol=_PICKLE)
        sections = (part.turtle, part.page, part.promises, part.rows)
        data = b"".join((_MAGIC, _SIZES.pack(len(fields), *map(len, sections)), fields, *sections))
        path = write_cache_file(self.folder, f"{key}.part", data)
        if path is None:
            return part
        return replace(part, turtle=b"", page=b"", promises=b"", rows=b"", file=str(path),
                       offset=len(_MAGIC) + _SIZES.size + len(fields), sizes=tuple(map(len, sections)))

    def prune(self, keep: set[str]) -> int:
        """Remove every kept part but those of the keys in ``keep``, and older kinds of entry; how many went."""
        gone = 0
        for entry in self.folder.glob("*"):
            if entry.is_file() and entry.suffix in (".part", ".pkl") and entry.stem not in keep:
                entry.unlink(missing_ok=True)
                gone += 1
        return gone

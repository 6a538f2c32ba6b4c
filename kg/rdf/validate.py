"""Validate a graph against the SHACL shapes of ``ontology/shapes.ttl`` (with ``kg.rdf.shacl``, or pyshacl).

``kg build`` validates what it is about to write and refuses to write a graph that
breaks a shape; ``kg validate DIR`` checks a build already on disk. A violation is
reported as one readable line: the node, the property and the shape's message.

``kg build`` does not validate the whole graph at once: it checks each report's
own graph (the report's named graph with the shared nodes it names, where the
report is extracted; the result is cached with it) and then the shared nodes
of the corpus against ``shared_shapes()``. No shape needs triples of two
reports: a node's properties all come from its report, except an entity's
type and names (shared nodes) and its ``gk:workArea``/``gk:mention`` links
(in each report that mentions it, checked there). So the shared part is
checked without those two links, and the two checks together are the check
of the whole graph. What only the merge can break (an indicator given two
labels by two reports) is in the shared part.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.errors import KgError, ValidationError
from kg.rdf.terms import nt_triples, rdflib_term_of, rdflib_triples
from kg.rdf.shacl import SH, Shapes, compile_shapes
from kg.vocab import GK, ontology_file

__all__ = ["Violation", "ValidationError", "validate_graph", "validate_triples", "check_graph", "shared_shapes",
           "raise_violations", "SHAPES"]

SHAPES = ontology_file("shapes.ttl")


@dataclass(frozen=True, order=True)  # sorted by node, property, message, value
class Violation:
    """One broken constraint: which node, which property, and what the shape says."""

    node: str
    path: str
    message: str
    value: str = ""

    def __str__(self) -> str:
        where = f"{self.node} {self.path}".strip()
        return f"{where}: {self.message}" + (f" (value {self.value})" if self.value else "")


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    if not SHAPES.exists():
        raise KgError("the SHACL shapes are missing", path=str(SHAPES), hint="reinstall govkg")
    return Graph().parse(SHAPES, format="turtle")


@lru_cache(maxsize=1)
def shared_shapes() -> Graph:
    """The shapes without their ``gk:workArea`` and ``gk:mention`` constraints: what the shared nodes of a
    corpus (entities' types and names, indicators) must meet by themselves, their links into reports being
    checked with each report."""
    shapes = Graph()
    for prefix, namespace in _shapes().namespaces():
        shapes.bind(prefix, namespace)
    links = {node for node, path in _shapes().subject_objects(SH.path) if path in (GK.workArea, GK.mention)}
    for triple in _shapes():
        if triple[0] not in links and not (triple[1] == SH.property and triple[2] in links):
            shapes.add(triple)
    return shapes


def validate_graph(g, shapes: Graph | None = None) -> list[Violation]:
    """Every violation in ``g`` (an rdflib Graph, or any iterable of rdflib triples) of the shapes
    (``ontology/shapes.ttl`` by default), sorted; empty if ``g`` conforms.

    The shapes govkg ships are checked by ``kg.rdf.shacl`` (the same results as pyshacl, in a fraction of its time);
    shapes using more of SHACL than it knows are checked by pyshacl.
    """
    shapes = _shapes() if shapes is None else shapes
    compiled = _compiled(shapes)
    if compiled is None:
        return _pyshacl(g if isinstance(g, Graph) else _graph_of(g), shapes)
    return _checked(compiled, nt_triples(g), g.namespace_manager if isinstance(g, Graph) else _names())


def validate_triples(triples, shapes: Graph | None = None) -> list[Violation]:
    """``validate_graph`` of triples of N-Triples terms (``kg.rdf.terms``), as a report's are made."""
    shapes = _shapes() if shapes is None else shapes
    compiled = _compiled(shapes)
    if compiled is None:
        return _pyshacl(_graph_of(rdflib_triples(triples)), shapes)
    return _checked(compiled, triples, _names())


def _checked(compiled: Shapes, triples, names) -> list[Violation]:
    """``compiled``'s results on ``triples`` (N-Triples terms) as violations, their IRIs shortened by ``names``."""
    return sorted(_violation(names, *map(_rdflib, (r.focus, r.path)), r.message, _rdflib(r.value))
                  for r in compiled.check(triples))


def _rdflib(term: str | None):
    return None if term is None else rdflib_term_of(term)


_COMPILED: dict = {}


def _compiled(shapes: Graph) -> Shapes | None:
    """``shapes`` compiled once (``kg.rdf.shacl.compile_shapes``), while it is kept (the shapes graphs are cached)."""
    key = id(shapes)
    if key not in _COMPILED or _COMPILED[key][0] is not shapes:
        _COMPILED[key] = (shapes, compile_shapes(shapes))
    return _COMPILED[key][1]


@lru_cache(maxsize=1)
def _names():
    """The prefixes a built graph binds, to shorten IRIs in messages about triples that are not an rdflib Graph."""
    from kg.rdf.graph import bind_prefixes

    return bind_prefixes(Graph()).namespace_manager


def _graph_of(triples) -> Graph:
    from kg.rdf.graph import bind_prefixes

    g = bind_prefixes(Graph())
    for triple in triples:
        g.add(triple)
    return g


def _pyshacl(g: Graph, shapes: Graph) -> list[Violation]:
    from pyshacl import validate

    conforms, report, _ = validate(g, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True)
    if conforms:
        return []
    return sorted(_violations(report, g))


def _violations(report: Graph, data: Graph) -> list[Violation]:
    """pyshacl's validation results as violations."""
    get = report.value
    return [_violation(data.namespace_manager, get(r, SH.focusNode), get(r, SH.resultPath),
                       str(get(r, SH.resultMessage) or "breaks a shape"), get(r, SH.value))
            for r in report.subjects(RDF.type, SH.ValidationResult)]


def _violation(names, node, path, message: str, value) -> Violation:
    """A violation with its terms shortened by ``names`` (a namespace manager)."""
    return Violation(node=_short(names, node), path=_short(names, path), message=message, value=_short(names, value))


def _short(names, term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            return names.normalizeUri(term)
        except Exception:  # noqa: BLE001 - any term rdflib cannot shorten is shown whole
            return f"<{term}>"
    return str(term)


def check_graph(g, source: str = "graph", limit: int = 10) -> None:
    """Raise ``ValidationError`` listing the first ``limit`` violations when ``g`` (a graph, or any iterable of
    triples) breaks a shape."""
    raise_violations(validate_graph(g), source, limit)


def raise_violations(violations: list[Violation], source: str = "graph", limit: int = 10) -> None:
    """Raise ``ValidationError`` listing the first ``limit`` of ``violations``, if there are any."""
    if not violations:
        return
    shown = "\n  ".join(str(v) for v in violations[:limit])
    more = f"\n  … and {len(violations) - limit} more" if len(violations) > limit else ""
    raise ValidationError(f"{len(violations)} violation(s) of ontology/shapes.ttl:\n  {shown}{more}", path=source)

"""Validate a graph against the SHACL shapes of ``ontology/shapes.ttl`` (with pyshacl).

``kg build`` validates what it is about to write and refuses to write a graph that
breaks a shape; ``kg validate DIR`` checks a build already on disk. A violation is
reported as one readable line: the node, the property and the shape's message.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from .errors import KgError, ValidationError

__all__ = ["Violation", "ValidationError", "validate_graph", "check_graph", "SHAPES"]

SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
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


def validate_graph(g: Graph) -> list[Violation]:
    """Every violation of the shapes in ``g``, sorted; an empty list when ``g`` conforms."""
    from pyshacl import validate

    conforms, report, _ = validate(g, shacl_graph=_shapes(), inference="none", advanced=False,
                                   allow_warnings=True)
    if conforms:
        return []
    return sorted(_violations(report, g), key=lambda v: (v.node, v.path, v.message))


def _violations(report: Graph, data: Graph) -> list[Violation]:
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        node = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        message = report.value(result, SH.resultMessage)
        found.append(Violation(node=_short(data, node), path=_short(data, path),
                               message=str(message or "breaks a shape"),
                               value=_short(data, value) if value is not None else ""))
    return found


def _short(g: Graph, term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            return g.namespace_manager.normalizeUri(term)
        except Exception:  # noqa: BLE001 - any term rdflib cannot shorten is shown whole
            return f"<{term}>"
    return str(term)


def check_graph(g: Graph, source: str = "graph", limit: int = 10) -> None:
    """Raise ``ValidationError`` listing the first ``limit`` violations when ``g`` breaks a shape."""
    violations = validate_graph(g)
    if not violations:
        return
    shown = "\n  ".join(str(v) for v in violations[:limit])
    more = f"\n  … and {len(violations) - limit} more" if len(violations) > limit else ""
    raise ValidationError(f"{len(violations)} violation(s) of ontology/shapes.ttl:\n  {shown}{more}", path=source)

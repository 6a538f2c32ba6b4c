"""Export a built graph for other tools: RDF (Turtle, N-Triples, N-Quads, JSON-LD, TriG), GraphML and CSV.

Every format is a pure ``to_*`` function of an rdflib graph; ``export`` loads
a build, writes the files atomically and returns their paths. The same graph
always gives the same bytes: N-Triples and N-Quads lines, JSON-LD arrays, TriG graphs,
GraphML nodes and CSV rows are sorted.

- ``jsonld`` embeds the context of ``jsonld_context()`` (published as
  ``ontology/context.jsonld``), so keys are short (``label``, ``type``,
  ``workArea``, ``value`` …) and the file parses offline.
- ``trig`` puts each report's own triples in the named graph
  ``<report IRI>/graph``: the report, its work areas, sentences, mentions and
  observations (everything with ``gk:report`` to it), and the
  ``gk:workArea``/``gk:mention`` links of entities into that report. Shared
  nodes (an entity's type, label and aliases, indicator concepts, relations
  between entities) and the promise links (``gk:outcome``, ``gk:verdict``,
  which change when a later report comes) go once to the default graph, so
  the union of all graphs is the built graph, triple for triple. ``kg build
  --shards`` writes the same graphs.
- ``nq`` is the same dataset as N-Quads, one quad per line, for bulk loaders.
- ``graphml`` holds reports, work areas, entities, indicators and observations
  with ``label`` and ``type`` (the local class name); edges carry
  ``predicate`` (``partOf``, ``workArea``, ``indicator``, ``partner`` …).
  ``gk:report`` links are left out: the ``partOf`` chain already shows them.
- ``csv`` writes ``observations.csv`` and ``entities.csv`` in UTF-8 with a BOM,
  so that Excel shows Chinese text right.
"""

from __future__ import annotations

import io
import json
import re
import warnings
from collections import Counter
from decimal import Decimal
from pathlib import Path

import networkx as nx
from rdflib import RDF, RDFS, XSD, Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.plugins.serializers.trig import TrigSerializer

from kg.errors import ExportError
from kg.rdf.graph import owners, report_of
from kg.model import ENTITY_TYPES
from kg.outputs.files import ensure_dir, graph_file, load_graph, write_bytes_atomic
from kg.outputs.csv_files import area_key as _area_key, csv_tables, to_csv
from kg.vocab import GK, RES, report_graph

__all__ = ["FORMATS", "OBSERVATION_COLUMNS", "ENTITY_COLUMNS", "jsonld_context", "report_graph", "to_turtle",
           "to_nt", "to_jsonld", "to_dataset", "to_trig", "to_nq", "to_digraph", "to_graphml", "observation_rows",
           "entity_rows", "to_csv", "render", "export"]

FORMATS: dict[str, tuple[str, ...]] = {
    "turtle": ("graph.ttl",),
    "nt": ("graph.nt",),
    "nq": ("graph.nq",),
    "jsonld": ("graph.jsonld",),
    "trig": ("graph.trig",),
    "graphml": ("graph.graphml",),
    "csv": ("observations.csv", "entities.csv"),
}
OBSERVATION_COLUMNS = ("report", "region", "report_year", "indicator", "value", "upper", "unit", "qualifier",
                       "growth_pct", "year", "period_start", "period_end", "status", "area_key", "area_title", "sentence",
                       "start", "end", "rule")
ENTITY_COLUMNS = ("name", "type", "aliases", "report", "area_key", "area_title", "mentions", "rules")

# how the JSON-LD context writes the values of gk properties
_LINKS = ("partOf", "workArea", "indicator", "report", "mention", "sentence", "outcome",
          "partner", "introduced", "locatedIn", "relatedTo", "subject", "predicate", "object",
          "project", "planReport", "outcomeReport", "planSentence", "outcomeSentence")
_INDIVIDUALS = ("status", "verdict")  # values are gk individuals, written by their term: "Target"
_DATATYPES = {"value": "xsd:decimal", "upperValue": "xsd:decimal", "growthRate": "xsd:decimal",
              "reportDate": "xsd:dateTime"}
_NODE_TYPES = ("Report", "WorkArea", *ENTITY_TYPES, "Indicator", "Observation")
_STATUS = {GK.Actual: "actual", GK.Target: "target"}


# ---- RDF ----

def jsonld_context() -> dict:
    """The JSON-LD context of govkg: a short term for every gk class, individual and property.

    >>> ctx = jsonld_context()["@context"]
    >>> ctx["workArea"], ctx["Enterprise"]
    ({'@id': 'gk:workArea', '@type': '@id'}, 'gk:Enterprise')
    """
    terms: dict = {"id": "@id", "type": "@type", "gk": str(GK._NS), "res": str(RES), "rdfs": str(RDFS),
                   "skos": str(SKOS), "xsd": str(XSD), "prov": str(PROV), "dcterms": str(DCTERMS),
                   "label": {"@id": "rdfs:label", "@language": "zh"},
                   "altLabel": {"@id": "skos:altLabel", "@language": "zh"}}
    for name in GK.__annotations__:
        terms[name] = _term(name)
    return {"@context": terms}


def _term(name: str) -> str | dict:
    iri = f"gk:{name}"
    if name in _LINKS:
        return {"@id": iri, "@type": "@id"}
    if name in _INDIVIDUALS:
        return {"@id": iri, "@type": "@vocab"}
    if name in _DATATYPES:
        return {"@id": iri, "@type": _DATATYPES[name]}
    return iri  # plain strings (region, unit), and integers (years, start, end, order) as JSON numbers


def to_turtle(g: Graph) -> str:
    return g.serialize(format="turtle")


def to_nt(g: Graph) -> str:
    lines = sorted(line for line in g.serialize(format="nt").splitlines() if line.strip())
    return "\n".join(lines) + "\n"


def to_jsonld(g: Graph) -> str:
    """Compact JSON-LD with the govkg context embedded."""
    context = jsonld_context()["@context"]
    data = json.loads(g.serialize(format="json-ld", context=context, auto_compact=True))
    return json.dumps(_sorted_arrays(data), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _sorted_arrays(node):
    """JSON-LD with its arrays (unordered sets of nodes or values) sorted, nodes by id."""
    if isinstance(node, dict):
        return {k: _sorted_arrays(v) for k, v in node.items()}
    if isinstance(node, list):
        items = [_sorted_arrays(v) for v in node]
        return sorted(items, key=lambda v: (str(v.get("id", "")) if isinstance(v, dict) else "",
                                            json.dumps(v, ensure_ascii=False, sort_keys=True)))
    return node


def to_dataset(g: Graph) -> Dataset:
    """``g`` split into one named graph per report and a default graph of shared nodes (``graph.report_of``)."""
    ds = Dataset()
    for prefix, namespace in g.namespaces():
        ds.bind(prefix, namespace)
    owner, graphs = owners(g), {None: ds.graph(DATASET_DEFAULT_GRAPH_ID)}
    for s, p, o in g:
        report = report_of((s, p, o), owner)
        if report not in graphs:
            graphs[report] = ds.graph(report_graph(report))
        graphs[report].add((s, p, o))
    return ds


def to_trig(g: Graph) -> str:
    ds = to_dataset(g)
    with warnings.catch_warnings():  # rdflib's TriG serializer calls its own deprecated Dataset API
        warnings.simplefilter("ignore", DeprecationWarning)
        serializer = TrigSerializer(ds)
        # rdflib lists the graphs in set order; sort them, the default graph first
        serializer.contexts.sort(key=lambda c: (c.identifier != DATASET_DEFAULT_GRAPH_ID, str(c.identifier)))
        buffer = io.BytesIO()
        serializer.serialize(buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def to_nq(g: Graph) -> str:
    """The dataset of ``to_dataset`` as N-Quads (sorted lines; shared nodes without a graph name)."""
    with warnings.catch_warnings():  # rdflib's N-Quads serializer calls its own deprecated Dataset API
        warnings.simplefilter("ignore", DeprecationWarning)
        text = to_dataset(g).serialize(format="nquads")
    lines = sorted(re.sub(r"\s+\.$", " .", line) for line in text.splitlines() if line.strip())
    return "\n".join(lines) + "\n"


# ---- GraphML ----

def to_digraph(g: Graph) -> nx.DiGraph:
    """Reports, work areas, entities, indicators and observations, and the links between them.

    This is the directed graph behind the GraphML file; ``render.to_networkx``
    is the undirected one behind the page.
    """
    G = nx.DiGraph()
    for kind in _NODE_TYPES:
        for node in sorted(g.subjects(RDF.type, getattr(GK, kind))):
            G.add_node(str(node), label=_text(g.value(node, RDFS.label)) or _local(node), type=kind,
                       **_attributes(g, node, kind))
    links = sorted((str(s), _local(p), str(o)) for s, p, o in g if isinstance(o, URIRef) and p != RDF.type)
    for s, predicate, o in links:
        if s in G and o in G:
            old = G.edges[s, o]["predicate"] if G.has_edge(s, o) else None
            G.add_edge(s, o, predicate=f"{old} {predicate}" if old else predicate)
    return G


# the text columns every node has, empty where they do not apply, so that a tool's table has the same columns
# whatever the build holds (an observation's value is a number, and only observations have one)
_TEXT_COLUMNS = ("aliases", "part", "kind", "region", "year", "unit", "status")


def _attributes(g: Graph, node: URIRef, kind: str) -> dict:
    """GraphML-safe attributes (plain str or float) of one node: every text column, and a value."""
    return dict.fromkeys(_TEXT_COLUMNS, "") | _own_attributes(g, node, kind)


def _own_attributes(g: Graph, node: URIRef, kind: str) -> dict:
    if kind in ENTITY_TYPES:
        return {"aliases": "|".join(sorted(str(a) for a in g.objects(node, SKOS.altLabel)))}
    if kind == "WorkArea":
        return {"part": _text(g.value(node, GK.part)), "kind": _text(g.value(node, GK.areaKind))}
    if kind == "Report":
        return {"region": _text(g.value(node, GK.region)), "year": _text(g.value(node, GK.reportYear))}
    if kind == "Observation":
        value = g.value(node, GK.value)
        return {"value": float(value.toPython()) if value is not None else 0.0,
                "unit": _text(g.value(node, GK.unit)), "year": _text(g.value(node, GK.year)),
                "status": _STATUS.get(g.value(node, GK.status), "")}
    return {}


def to_graphml(g: Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(to_digraph(g), buffer, encoding="utf-8")
    return buffer.getvalue()


# ---- CSV ----

def observation_rows(g: Graph) -> list[dict]:
    """One row per ``gk:Observation``, in report and text order; ``start``/``end`` locate its words."""
    rows = [_observation_row(g, obs) for obs in g.subjects(RDF.type, GK.Observation)]
    return sorted(rows, key=lambda r: (r["report"], r["start"], r["end"], r["indicator"], r["value"]))


def _observation_row(g: Graph, obs: URIRef) -> dict:
    report, area, mention = g.value(obs, GK.report), g.value(obs, GK.workArea), g.value(obs, GK.mention)
    return {
        "report": _text(g.value(report, GK.fileName)), "region": _text(g.value(report, GK.region)),
        "report_year": _text(g.value(report, GK.reportYear)),
        "indicator": _text(g.value(g.value(obs, GK.indicator), RDFS.label)),
        "value": _number(g.value(obs, GK.value)), "upper": _number(g.value(obs, GK.upperValue)),
        "unit": _text(g.value(obs, GK.unit)), "qualifier": _text(g.value(obs, GK.qualifier)),
        "growth_pct": _number(g.value(obs, GK.growthRate)), "year": _text(g.value(obs, GK.year)),
        "period_start": _text(g.value(obs, GK.periodStart)), "period_end": _text(g.value(obs, GK.periodEnd)),
        "status": _STATUS.get(g.value(obs, GK.status), ""),
        "area_key": _area_key(area), "area_title": _text(g.value(area, RDFS.label)),
        "sentence": _text(g.value(g.value(mention, GK.sentence), GK.text)),
        "start": _int(g.value(mention, GK.start)), "end": _int(g.value(mention, GK.end)),
        "rule": "|".join(sorted(str(r) for r in g.objects(mention, GK.rule))),
    }


def entity_rows(g: Graph) -> list[dict]:
    """One row per entity, report and work area, with the number of mentions there."""
    rows = []
    for kind in ENTITY_TYPES:
        for node in g.subjects(RDF.type, getattr(GK, kind)):
            rows.extend(_entity_rows(g, node, kind))
    return sorted(rows, key=lambda r: (r["report"], r["type"], r["name"], r["area_key"]))


def _entity_rows(g: Graph, node: URIRef, kind: str) -> list[dict]:
    name = _text(g.value(node, RDFS.label))
    aliases = "|".join(sorted(str(a) for a in g.objects(node, SKOS.altLabel)))
    mentions = Counter(g.value(m, GK.workArea) for m in g.objects(node, GK.mention))
    rules: dict = {}
    for m in g.objects(node, GK.mention):
        rules.setdefault(g.value(m, GK.workArea), set()).update(str(r) for r in g.objects(m, GK.rule))
    return [{"name": name, "type": kind, "aliases": aliases,
             "report": _text(g.value(g.value(area, GK.report), GK.fileName)),
             "area_key": _area_key(area), "area_title": _text(g.value(area, RDFS.label)), "mentions": mentions[area],
             "rules": "|".join(sorted(rules.get(area, ())))}
            for area in set(g.objects(node, GK.workArea))]


def _text(term) -> str:
    return "" if term is None else str(term)


def _int(term) -> int:
    return -1 if term is None else int(term)


def _number(term) -> str:
    """A decimal literal as plain digits.

    >>> from rdflib import Literal
    >>> _number(Literal("820.0", datatype=XSD.decimal)), _number(Literal("-1.50", datatype=XSD.decimal)), _number(None)
    ('820', '-1.5', '')
    """
    if term is None:
        return ""
    value = term.toPython()
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(term)


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# ---- files ----

def render(g: Graph, fmt: str) -> dict[str, bytes]:
    """The files of one format, by their default name."""
    fmt = _check_format(fmt)
    if fmt == "csv":
        return {"observations.csv": to_csv(observation_rows(g), OBSERVATION_COLUMNS),
                "entities.csv": to_csv(entity_rows(g), ENTITY_COLUMNS)}
    if fmt == "graphml":
        return {"graph.graphml": to_graphml(g)}
    text = {"turtle": to_turtle, "nt": to_nt, "nq": to_nq, "jsonld": to_jsonld, "trig": to_trig}[fmt](g)
    return {FORMATS[fmt][0]: text.encode("utf-8")}


def export(graph: str | Path, fmt: str, out: str | Path | None = None) -> list[Path]:
    """Write the build in ``graph`` (a folder or its graph.ttl) as ``fmt``; return the files written.

    ``out`` is a folder (the files get their default names, see ``FORMATS``)
    or, for a one-file format, a file name with an extension. It defaults to
    the graph's folder.
    """
    fmt = _check_format(fmt)
    source = graph_file(graph)
    targets = _targets(fmt, Path(out) if out is not None else source.parent)
    for path in targets.values():
        if path.resolve() == source.resolve():
            raise ExportError("the export would write over the build's own graph", path=str(path),
                              hint="give --out another file or folder (e.g. --out export/)")
    if fmt == "csv":  # streamed from the Turtle: no rdflib graph of the build (kg.outputs.csv_files)
        files = csv_tables(source, OBSERVATION_COLUMNS, ENTITY_COLUMNS)
    else:
        files = render(load_graph(graph), fmt)
    return [write_bytes_atomic(targets[name], data) for name, data in files.items()]


def _check_format(fmt: str) -> str:
    name = fmt.strip().lower()
    if name not in FORMATS:
        raise ExportError(f"unknown export format '{fmt}'", hint=f"choose one of {', '.join(FORMATS)}")
    return name


def _targets(fmt: str, out: Path) -> dict[str, Path]:
    """Where each default file name of ``fmt`` goes."""
    names = FORMATS[fmt]
    if out.is_dir() or not out.suffix:
        folder = ensure_dir(out)
        return {name: folder / name for name in names}
    if len(names) > 1:
        raise ExportError(f"{fmt} writes {len(names)} files ({', '.join(names)}), so --out must be a folder",
                          path=str(out))
    ensure_dir(out.parent)
    return {names[0]: out}

"""The data behind the interactive page: a graph's nodes, edges, evidence and observations as JSON-ready values.

Pure: a ``rdflib.Graph`` in, plain lists and dicts out. Nodes are numbered in
IRI order, so the same graph always gives the same data. Evidence follows the
graph's provenance (``gk:mention`` → ``gk:sentence`` → ``gk:text``, with
``gk:start``/``gk:end``); no text is searched again.

>>> from kg.pipeline import extract
>>> from kg.read import parse_report
>>> from kg.graph import build_graph
>>> text = "政府工作报告\\n2020年工作回顾\\n一、抓项目\\n引进星河电子落户,工业总产值100亿元,增长5%。"
>>> x = extract(parse_report(text))
>>> data = page_data(build_graph([x]))
>>> [(TYPES[n["t"]], n["l"]) for n in data["nodes"] if n["t"] > 1]
[('Enterprise', '星河电子'), ('Indicator', '工业总产值')]
>>> data["sentences"][0][0]
'引进星河电子落户,工业总产值100亿元,增长5%。'
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import networkx as nx
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef  # noqa: F401 - XSD, Literal: the doctests
from rdflib.namespace import SKOS

from .vocab import GK

__all__ = ["TYPES", "EDGE_KINDS", "VERDICTS", "to_networkx", "page_data"]

TYPES = ("Report", "WorkArea", "Enterprise", "Institution", "Project", "Village", "Initiative", "Indicator")
_RELATIONS = {GK.partner: "partner", GK.introduced: "introduced", GK.locatedIn: "locatedIn", GK.relatedTo: "relatedTo"}
EDGE_KINDS = ("partOf", "workArea", "observed", *_RELATIONS.values())
_VERDICT_NAMES = {GK.Met: "met", GK.Missed: "missed", GK.NotReported: "not reported"}
VERDICTS = tuple(_VERDICT_NAMES.values())
_REPORT_FIELDS = (("region", GK.region), ("year", GK.reportYear), ("date", GK.reportDate), ("meeting", GK.meeting),
                  ("speaker", GK.speaker), ("file", GK.fileName), ("reviewYear", GK.reviewYear),
                  ("planYear", GK.planYear))


def _text(value) -> str:
    return "" if value is None else str(value)


def _int(value) -> int:
    return int(value) if value is not None else 0


def _number(value) -> str:
    """A decimal as a report would write it, the same whether the graph was built or read back from Turtle.

    >>> _number(Literal("100.0", datatype=XSD.decimal)), _number(Literal("7.60", datatype=XSD.decimal)), _number(None)
    ('100', '7.6', '')
    """
    if value is None:
        return ""
    text = format(Decimal(str(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def to_networkx(g: Graph) -> nx.Graph:
    """The graph's reports, work areas, entities and indicators, and the links between them, as a networkx graph.

    Edges: ``partOf`` (work area → its parent), ``workArea`` (entity → work area),
    ``observed`` (indicator → a work area where it is observed) and the relations
    between entities (``partner``, ``introduced``, ``locatedIn``, ``relatedTo``).
    A work area's node holds its parent in ``up``.
    """
    G = nx.Graph()
    typed = sorted((node, kind) for kind in TYPES for node in g.subjects(RDF.type, getattr(GK, kind)))
    for node, kind in typed:
        if str(node) in G:
            continue
        label = _text(g.value(node, RDFS.label)) or node.rsplit("/", 1)[-1]
        aliases = sorted(str(a) for a in g.objects(node, SKOS.altLabel))
        extra = {"order": _int(g.value(node, GK.order)), "part": _text(g.value(node, GK.part)),
                 "areaKind": _text(g.value(node, GK.areaKind))} if kind == "WorkArea" else {}
        G.add_node(str(node), kind=kind, label=label, aliases=aliases, **extra)
    _add_edges(G, sorted(g.subject_objects(GK.partOf)), "partOf")
    for area, parent in g.subject_objects(GK.partOf):
        if str(area) in G and str(parent) in G:
            G.nodes[str(area)]["up"] = str(parent)
    _add_edges(G, [(s, o) for s, o in sorted(g.subject_objects(GK.workArea))
                   if str(s) in G and G.nodes[str(s)]["kind"] != "WorkArea"], "workArea")
    _add_edges(G, sorted((ind, area) for obs, ind in g.subject_objects(GK.indicator)
                         for area in g.objects(obs, GK.workArea)), "observed")
    for predicate, kind in _RELATIONS.items():
        _add_edges(G, sorted(g.subject_objects(predicate)), kind)
    return G


def _add_edges(G: nx.Graph, pairs, kind: str):
    for s, o in pairs:
        s, o = str(s), str(o)
        if s in G and o in G and s != o and not G.has_edge(s, o):
            G.add_edge(s, o, kind=kind)


class _Sentences:
    """Sentences numbered in (report, offset) order, each ``[text, start, end, report id, area id]``."""

    def __init__(self, g: Graph, ids: dict[str, int]):
        self.g, self.ids = g, ids
        self.found: dict[URIRef, tuple] = {}

    def add(self, sentence: URIRef) -> URIRef:
        if sentence not in self.found:
            g = self.g
            report, area = str(g.value(sentence, GK.report)), str(g.value(sentence, GK.workArea))
            self.found[sentence] = (report, _int(g.value(sentence, GK.start)), _int(g.value(sentence, GK.end)),
                                    _text(g.value(sentence, GK.text)), self.ids.get(report, -1),
                                    self.ids.get(area, -1))
        return sentence

    def table(self) -> tuple[list[list], dict[URIRef, int]]:
        order = sorted(self.found, key=lambda s: self.found[s][:3])
        rows = [[t, a, b, r, w] for _, a, b, t, r, w in (self.found[s] for s in order)]
        return rows, {s: i for i, s in enumerate(order)}


def _mentions(g: Graph, node: URIRef, sentences: _Sentences) -> list[tuple]:
    """``(sentence, start, end)`` of every mention of ``node``."""
    found = []
    for m in g.objects(node, GK.mention):
        sentence = g.value(m, GK.sentence)
        if sentence is not None:
            found.append((sentences.add(sentence), _int(g.value(m, GK.start)), _int(g.value(m, GK.end))))
    return found


def _observations(g: Graph, indicator: URIRef, ids: dict[str, int], sentences: _Sentences) -> list[list]:
    """``[value, upper, unit, qualifier, growth, year, status, stated name, report, area, (sentence, start, end)]``.

    While collecting, each row ends with the observation's IRI too (``_place_observations`` takes it off).
    """
    rows = []
    for obs in g.subjects(GK.indicator, indicator):
        get = partial(g.value, obs)
        evidence = _mentions(g, obs, sentences)
        rows.append([_number(get(GK.value)), _number(get(GK.upperValue)), _text(get(GK.unit)),
                     _text(get(GK.qualifier)), _number(get(GK.growthRate)), _text(get(GK.year)),
                     "target" if get(GK.status) == GK.Target else "actual", _text(get(GK.statedName)),
                     ids.get(str(get(GK.report)), -1), ids.get(str(get(GK.workArea)), -1),
                     evidence[0] if evidence else None, obs])
    return rows


def _node(g: Graph, G: nx.Graph, iri: str, ids: dict[str, int], sentences: _Sentences) -> dict:
    data = G.nodes[iri]
    node = URIRef(iri)
    out = {"id": ids[iri], "iri": iri, "t": TYPES.index(data["kind"]), "l": data["label"], "deg": G.degree(iri)}
    if data["aliases"]:
        out["a"] = data["aliases"]
    if data["kind"] == "WorkArea":
        out.update(part=data["part"], kind=data["areaKind"], o=data["order"],
                   up=ids.get(data.get("up", ""), -1), rep=ids.get(str(g.value(node, GK.report)), -1))
    elif data["kind"] == "Report":
        out["meta"] = {key: _text(g.value(node, p)) for key, p in _REPORT_FIELDS if g.value(node, p) is not None}
    elif data["kind"] == "Indicator":
        out["obs"] = _observations(g, node, ids, sentences)
    else:
        out["m"] = _mentions(g, node, sentences)
    return out


def _relations(g: Graph, ids: dict[str, int], sentences: _Sentences) -> list[list]:
    rows = []
    for st in g.subjects(RDF.type, RDF.Statement):
        s, p, o = (str(g.value(st, q)) for q in (RDF.subject, RDF.predicate, RDF.object))
        sentence = g.value(st, GK.sentence)
        if s in ids and o in ids and URIRef(p) in _RELATIONS and sentence is not None:
            rows.append([ids[s], ids[o], _RELATIONS[URIRef(p)], sentences.add(sentence)])
    return rows


def _number_sentences(nodes: list[dict], relations: list[list], index: dict[URIRef, int]):
    """Replace the sentence IRIs kept while collecting by their numbers in the sentence table; sort the evidence."""
    for n in nodes:
        if "m" in n:
            n["m"] = sorted([index[s], a, b] for s, a, b in n["m"])
        if "obs" in n:
            for row in n["obs"]:
                row[10] = [index[row[10][0]], *row[10][1:]] if row[10] else None
            n["obs"].sort(key=lambda r: (r[5], r[6], r[8], r[10] or [0], r[11]))
    for r in relations:
        r[3] = index[r[3]]
    relations.sort()


def _place_observations(nodes: list[dict]) -> dict[URIRef, list[int]]:
    """Where each observation ended up, ``[indicator, index in its obs]``; the IRIs come off the rows."""
    place = {}
    for n in nodes:
        for k, row in enumerate(n.get("obs", ())):
            place[row.pop()] = [n["id"], k]
    return place


def _promises(g: Graph, nodes: list[dict], place: dict[URIRef, list[int]]) -> list[list]:
    """``[region, year, verdict, target, outcome]`` of every target with a verdict, by region, year and indicator.

    ``target`` and ``outcome`` say where the observation is, ``[indicator, index in its obs]``; a target
    whose later report states no actual for it has no outcome (``None``).
    """
    rows = []
    for target, verdict in g.subject_objects(GK.verdict):
        if target not in place or verdict not in _VERDICT_NAMES:
            continue
        region = _text(g.value(g.value(target, GK.report), GK.region))
        outcome = g.value(target, GK.outcome)
        rows.append([region, _text(g.value(target, GK.year)), _VERDICT_NAMES[verdict], place[target],
                     place.get(outcome)])
    return sorted(rows, key=lambda r: (r[0], r[1], nodes[r[3][0]]["l"], r[3]))


def page_data(g: Graph, G: nx.Graph | None = None) -> dict:
    """Nodes (in IRI order), edges, sentences and relations of ``g``, ready for ``json.dumps``.

    Each node is ``{"id" (its number), "iri", "t" (index in TYPES), "l" (label), "deg"}`` plus ``a`` (aliases);
    a work area adds ``part``, ``kind``, ``o`` (order), ``up`` (parent) and ``rep`` (report);
    a report adds ``meta``; an entity adds ``m`` (mentions ``[sentence, start, end]``); an
    indicator adds ``obs`` (observations, see ``_observations``). Edges are
    ``[from, to, index in EDGE_KINDS]``; sentences ``[text, start, end, report, area]``;
    relations ``[subject, object, kind, sentence]``; promises, the targets with a verdict,
    ``[region, year, verdict (one of VERDICTS), target, outcome]`` (see ``_promises``).
    """
    G = to_networkx(g) if G is None else G
    ids = {iri: i for i, iri in enumerate(G)}
    sentences = _Sentences(g, ids)
    nodes = [_node(g, G, iri, ids, sentences) for iri in G]
    relations = _relations(g, ids, sentences)
    table, index = sentences.table()
    _number_sentences(nodes, relations, index)
    promises = _promises(g, nodes, _place_observations(nodes))
    edges = sorted([ids[a], ids[b], EDGE_KINDS.index(k)] for a, b, k in G.edges(data="kind"))
    return {"types": list(TYPES), "edgeKinds": list(EDGE_KINDS), "nodes": nodes, "edges": edges,
            "sentences": table, "relations": relations, "promises": promises}

"""Build the RDF graph of one or more extractions, following ``shared/graph-contract.md`` (pure: no I/O).

Provenance: every entity and observation points (``gk:mention``) to a
``gk:Mention`` (a ``prov:Entity``) holding the exact words, their character
offsets in the original file and the ``gk:Sentence`` they stand in; the
sentence holds its text and offsets too. Offsets count characters of the
decoded file, so ``raw[start:end]`` gives the words back.

Every node has an IRI (no blank nodes), so graphs of different reports can be
merged, or their Turtle concatenated, without renaming anything.

A corpus is built report by report (``kg.pipeline``): each report's graph
(``add_extraction`` of it alone) is split (``split_report``) into its named graph, the
triples ``report_of`` gives to that report, and its triples of shared nodes
(entities' types and names, indicators, relations between entities).
``kg.shared_store`` gathers the latter from every report in input order, naming
each entity as ``build_graph`` does, so that the named graphs, the shared
nodes and the promise links (``promise_triples``) together are the graph
``build_graph`` makes of all the reports at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Iterable, Sequence

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from .model import Entity, Extraction, Observation, Sentence
from .promises import track_promises
from .vocab import (GK, RES, area_iri, entity_iri, indicator_iri, mention_iri, observation_iri, relation_iri, report_iri,
                    sentence_iri)

__all__ = ["build_graph", "add_extraction", "add_promises", "bind_prefixes", "report_node", "owners", "report_of",
           "split_report", "promise_triples", "Triples", "SplitTerms", "RDFLIB_TERMS"]

_RELATION = {"partner": GK.partner, "introduced": GK.introduced, "locatedIn": GK.locatedIn}


# rdflib's namespaces look each term up through a checked __getattr__; the terms made often are read once here
_TYPE, _LABEL, _ALT_LABEL = RDF.type, RDFS.label, SKOS.altLabel
_STATEMENT, _SUBJECT, _PREDICATE, _OBJECT, _DECIMAL = RDF.Statement, RDF.subject, RDF.predicate, RDF.object, XSD.decimal


def bind_prefixes(g: Graph) -> Graph:
    g.bind("gk", GK._NS)
    g.bind("res", RES)
    g.bind("skos", SKOS)
    g.bind("prov", PROV)
    g.bind("dcterms", DCTERMS)
    return g


def build_graph(extractions: list[Extraction]) -> Graph:
    """One graph holding every extraction, with each target linked to what became of it."""
    g = bind_prefixes(Graph())
    for extraction in extractions:
        add_extraction(g, extraction)
    add_promises(g, extractions)
    return g


_VERDICT = {"met": GK.Met, "missed": GK.Missed, "not reported": GK.NotReported}


def add_promises(g: Graph, extractions: Sequence[Extraction]) -> int:
    """``gk:outcome`` and ``gk:verdict`` for every target whose region has a later report; their number."""
    links = promise_triples(extractions)
    for triple in links:
        g.add(triple)
    return sum(1 for _, p, _ in links if p == GK.verdict)


def promise_triples(extractions: Sequence[Extraction]) -> list[tuple]:
    """The ``gk:verdict`` of every target whose region has a later report, and its ``gk:outcome`` if one was
    found (``kg.promises``): ``extractions`` is read in order, and again at the later report of each target."""
    triples = []
    for p in track_promises(extractions):
        target = observation_iri(report_node(extractions[p.target[0]]), p.target[1] + 1)
        triples.append((target, GK.verdict, _VERDICT[p.verdict]))
        if p.actual is not None:
            triples.append((target, GK.outcome, observation_iri(report_node(extractions[p.actual[0]]), p.actual[1] + 1)))
    return triples


def report_node(extraction: Extraction) -> URIRef:
    meta = extraction.structure.meta
    return report_iri(meta.region, meta.year, extraction.report.name)


def add_extraction(g: Graph, x: Extraction) -> URIRef:
    """Add one report's extraction to ``g``; return the report's IRI."""
    rep = report_node(x)
    _add_report(g, rep, x)
    _add_areas(g, rep, x)
    for entity in x.entities:
        _add_entity(g, rep, x, entity)
    for n, obs in enumerate(x.observations, 1):
        if obs.year:  # a figure that no year can be given to is left out
            _add_observation(g, rep, x, n, obs)
    for n, rel in enumerate(x.relations, 1):
        _add_relation(g, rep, x, n, rel)
    return rep


# Literals that come again and again (names, offsets, years, rules' names, units) are made once per worker: making
# an rdflib literal costs a few microseconds, and they were a third of the time a report's graph took. The caches
# are bounded (about 12 MB when full, with those of kg.vocab).

@lru_cache(maxsize=1 << 12)
def _zh(text: str) -> Literal:
    """A name in Chinese."""
    return Literal(text, lang="zh")

@lru_cache(maxsize=1 << 15)
def _integer(n: int) -> Literal:
    """An ``xsd:integer``: an offset or an order."""
    return Literal(n)


@lru_cache(maxsize=1 << 12)
def _word(text: str) -> Literal:
    """A plain literal of a small vocabulary: a rule's name, a unit, a qualifier, an area's kind or part."""
    return Literal(text)


@lru_cache(maxsize=1 << 13)
def _exact(text: str) -> Literal:
    """A plain literal of a mention's words (names come again and again)."""
    return Literal(text)


@lru_cache(maxsize=1 << 10)
def _year(year) -> Literal:
    return Literal(str(year), datatype=XSD.gYear)


def _add_report(g: Graph, rep: URIRef, x: Extraction):
    meta = x.structure.meta
    g.add((rep, _TYPE, GK.Report))
    g.add((rep, _LABEL, _zh(f"{meta.region}{meta.year}年政府工作报告" if meta.year else f"{meta.region}政府工作报告")))
    g.add((rep, GK.region, _zh(meta.region)))
    if meta.year:  # a text with no year in it has none
        g.add((rep, GK.reportYear, _year(meta.year)))
    g.add((rep, GK.fileName, Literal(x.report.name)))
    optional = [(GK.reportDate, meta.date, XSD.date), (GK.reviewYear, meta.review_year, XSD.gYear),
                (GK.planYear, meta.plan_year, XSD.gYear)]
    for prop, value, dtype in optional:
        if value:
            g.add((rep, prop, Literal(str(value), datatype=dtype)))
    for prop, value in ((GK.meeting, meta.meeting), (GK.speaker, meta.speaker), (GK.adminLevel, meta.level)):
        if value:
            g.add((rep, prop, Literal(value)))


def _add_areas(g: Graph, rep: URIRef, x: Extraction):
    for order, area in enumerate(x.structure.areas):
        node = area_iri(rep, area.key)
        g.add((node, _TYPE, GK.WorkArea))
        g.add((node, _LABEL, _zh(area.title)))
        g.add((node, GK.report, rep))
        g.add((node, GK.areaKind, _word(area.kind)))
        g.add((node, GK.part, _word(area.part)))
        g.add((node, GK.order, _integer(order)))
        parent = area_iri(rep, area.parent) if area.parent else rep
        g.add((node, GK.partOf, parent))
        offsets = x.report.raw_span(area.start, area.end)
        g.add((node, GK.start, _integer(offsets[0])))
        g.add((node, GK.end, _integer(offsets[1])))


def _sentence(g: Graph, rep: URIRef, x: Extraction, s: Sentence) -> URIRef:
    a, b = x.report.raw_span(s.start, s.end)
    node = sentence_iri(rep, a, b)
    if g.value(node, GK.text) is not None:  # a sentence with more than one mention: made once
        return node
    g.add((node, _TYPE, GK.Sentence))
    g.add((node, GK.text, Literal(x.report.raw[a:b])))
    g.add((node, GK.start, _integer(a)))
    g.add((node, GK.end, _integer(b)))
    g.add((node, GK.report, rep))
    g.add((node, GK.workArea, area_iri(rep, s.area)))
    return node


def _mention(g: Graph, rep: URIRef, x: Extraction, start: int, end: int, s: Sentence, rule: str) -> URIRef:
    a, b = x.report.raw_span(start, end)
    node = mention_iri(rep, a, b)
    g.add((node, _TYPE, GK.Mention))
    g.add((node, GK.exact, _exact(x.report.raw[a:b])))
    g.add((node, GK.start, _integer(a)))
    g.add((node, GK.end, _integer(b)))
    g.add((node, GK.sentence, _sentence(g, rep, x, s)))
    g.add((node, GK.report, rep))
    g.add((node, GK.workArea, area_iri(rep, s.area)))
    g.add((node, GK.rule, _word(rule)))
    return node


def _add_entity(g: Graph, rep: URIRef, x: Extraction, e: Entity):
    node = entity_iri(e.etype, e.name, x.structure.meta.region)
    g.add((node, _TYPE, getattr(GK, e.etype)))
    label = g.value(node, _LABEL)
    if label is None:
        g.add((node, _LABEL, _zh(e.name)))
    elif str(label) != e.name:  # named otherwise in an earlier report: one node, this name an alias
        g.add((node, _ALT_LABEL, _zh(e.name)))
    for alias in e.aliases:
        if alias != str(label or e.name):
            g.add((node, _ALT_LABEL, _zh(alias)))
    for m in e.mentions:
        g.add((node, GK.workArea, area_iri(rep, m.sentence.area)))
        g.add((node, GK.mention, _mention(g, rep, x, m.start, m.end, m.sentence, m.rule)))


def _decimal(value: Decimal) -> Literal:
    """An ``xsd:decimal`` as Turtle writes it: with a decimal point, so that it reads back as the same term
    whichever serializer wrote it (rdflib writes ``"300"^^xsd:decimal`` as ``300.0``).

    >>> [str(_decimal(Decimal(v))) for v in ("300", "8.50", "-3", "1E+2")]
    ['300.0', '8.50', '-3.0', '100.0']
    """
    return _decimal_of(str(value))  # by its text: 5 and 5.0 are equal decimals, not equal terms


@lru_cache(maxsize=1 << 10)
def _decimal_of(value: str) -> Literal:
    text = str(Literal(value, datatype=_DECIMAL))
    return Literal(text if "." in text else f"{text}.0", datatype=_DECIMAL)


def _add_observation(g: Graph, rep: URIRef, x: Extraction, n: int, o: Observation):
    node = observation_iri(rep, n)
    concept = o.concept or o.indicator
    ind = indicator_iri(concept)
    g.add((ind, _TYPE, GK.Indicator))
    g.add((ind, _LABEL, _zh(concept)))
    if o.indicator != concept:
        g.add((ind, _ALT_LABEL, _zh(o.indicator)))
    g.add((node, GK.statedName, _zh(o.indicator)))
    g.add((node, _TYPE, GK.Observation))
    g.add((node, _LABEL, _zh(f"{o.indicator} {o.value}{o.unit}({o.year})")))
    g.add((node, GK.indicator, ind))
    g.add((node, GK.report, rep))
    g.add((node, GK.value, _decimal(o.value)))
    if o.upper is not None:
        g.add((node, GK.upperValue, _decimal(o.upper)))
    g.add((node, GK.unit, _word(o.unit)))
    if o.qualifier:
        g.add((node, GK.qualifier, _word(o.qualifier)))
    if o.growth is not None:
        g.add((node, GK.growthRate, _decimal(o.growth)))
    g.add((node, GK.year, _year(o.year)))
    g.add((node, GK.status, GK.Target if o.status == "target" else GK.Actual))
    g.add((node, GK.workArea, area_iri(rep, o.sentence.area)))
    g.add((node, GK.mention, _mention(g, rep, x, o.start, o.end, o.sentence, o.rule)))


def _add_relation(g: Graph, rep: URIRef, x: Extraction, n: int, rel):
    """The relation as a direct triple, and as a reified ``rdf:Statement`` that carries its sentence."""
    region = x.structure.meta.region
    types = {e.name: e.etype for e in x.entities}
    if rel.subject not in types or rel.object not in types:
        return
    s = entity_iri(types[rel.subject], rel.subject, region)
    o = entity_iri(types[rel.object], rel.object, region)
    p = _RELATION.get(rel.predicate, GK.relatedTo)
    g.add((s, p, o))
    statement = relation_iri(rep, n)
    g.add((statement, _TYPE, _STATEMENT))
    g.add((statement, _SUBJECT, s))
    g.add((statement, _PREDICATE, p))
    g.add((statement, _OBJECT, o))
    g.add((statement, GK.sentence, _sentence(g, rep, x, rel.sentence)))
    g.add((statement, GK.rule, _word(f"cue:{rel.cue}")))
    g.add((statement, GK.report, rep))


# ---- a corpus, report by report ----

@dataclass(frozen=True)
class SplitTerms:
    """The terms ``owners`` and ``report_of`` look for, made by ``make`` (an IRI string to a term) so that triples
    of another library's terms (pyoxigraph's, in ``kg.sparql``) are split by the same rule.

    Sets: a set finds a term by its hash, where ``==`` calls rdflib's __eq__, in Python, for every triple.
    """

    owned_by: frozenset  # gk:report
    a_report: frozenset  # (rdf:type, gk:Report)
    cross_report: frozenset  # promise links depend on a later report: they go with the shared nodes
    report_links: frozenset  # links of shared nodes into one report: they go with that report

    @classmethod
    def made_by(cls, make) -> "SplitTerms":
        return cls(frozenset({make(str(GK.report))}), frozenset({(make(str(_TYPE)), make(str(GK.Report)))}),
                   frozenset(make(str(t)) for t in (GK.outcome, GK.verdict)),
                   frozenset(make(str(t)) for t in (GK.workArea, GK.mention)))


# the vocabulary's own objects (``GK.report`` is the same object each time), which the triples built here hold:
# a set then finds a predicate by identity, without rdflib's ``__eq__``
_VOCABULARY = {str(t): t for t in (GK.report, _TYPE, GK.Report, GK.outcome, GK.verdict, GK.workArea, GK.mention)}
RDFLIB_TERMS = SplitTerms.made_by(lambda iri: _VOCABULARY.get(iri) or URIRef(iri))


def owners(g: Iterable[tuple], terms: SplitTerms = RDFLIB_TERMS) -> dict:
    """Each report, and each node with ``gk:report`` to a report, mapped to its report (``g``: a graph, or any
    iterable of triples)."""
    reports, linked = set(), []
    typing = {p for p, _ in terms.a_report}
    for s, p, o in g:
        if p in terms.owned_by:
            linked.append((s, o))
        elif p in typing and (p, o) in terms.a_report:  # the predicate first: an object's hash may be costly
            reports.add(s)
    found = {node: report for node, report in linked if report in reports}
    found.update((report, report) for report in reports)
    return found


def report_of(triple: tuple, owner: dict, terms: SplitTerms = RDFLIB_TERMS):
    """The report whose named graph holds ``triple``, or ``None`` when it belongs with the shared nodes.

    A report's graph holds its own nodes (the report, and all that has ``gk:report`` to it) and the
    ``gk:workArea``/``gk:mention`` links of entities into it; the promise links (``gk:outcome``,
    ``gk:verdict``) go with the shared nodes, since they change when a later report comes.
    """
    s, p, o = triple
    if p in terms.cross_report:
        return None
    return owner.get(s) or (owner.get(o) if p in terms.report_links else None)


def split_report(g: Iterable[tuple]) -> tuple[list[tuple], list[tuple]]:
    """The triples of one report (a graph, or any iterable of triples) split into its named graph's and its
    triples of shared nodes."""
    triples = list(g)
    owner, own, shared = owners(triples), [], []
    for triple in triples:
        if type(triple[0]) is BNode or type(triple[2]) is BNode:
            raise ValueError(f"a blank node in a report's graph cannot be shared across files: {triple}")
        (shared if report_of(triple, owner) is None else own).append(triple)
    return own, shared


class Triples:
    """A report's triples while they are made: a set, with the one lookup building needs (``value``).

    ``add_extraction`` writes to it as to an rdflib Graph, five times as fast:
    rdflib keeps three indexes and the contexts of every triple.
    """

    __slots__ = ("_triples", "_first")

    def __init__(self):
        self._triples: set[tuple] = set()
        self._first: dict[tuple, object] = {}  # (subject, predicate) -> the first object given

    def add(self, triple: tuple) -> "Triples":
        self._triples.add(triple)
        self._first.setdefault(triple[:2], triple[2])
        return self

    def value(self, subject, predicate):
        return self._first.get((subject, predicate))

    def __iter__(self):
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

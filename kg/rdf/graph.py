"""Build the RDF graph of one or more extractions, following ``shared/graph-contract.md`` (pure: no I/O).

Provenance: every entity and observation points (``gk:mention``) to a
``gk:Mention`` (a ``prov:Entity``) holding the exact words, their character
offsets in the original file and the ``gk:Sentence`` they stand in; the
sentence holds its text and offsets too. Offsets count characters of the
decoded file, so ``raw[start:end]`` gives the words back.

Every node has an IRI (no blank nodes), so graphs of different reports can be
merged, or their Turtle concatenated, without renaming anything.

The triples are made as N-Triples terms (``kg.rdf.terms``: plain strings, no
rdflib term per triple) into ``Triples``, and read so by ``kg.rdf.shacl``,
``kg.rdf.turtle``, ``kg.outputs.page.data`` and ``kg.corpus.shared``; ``build_graph`` turns
them into an rdflib Graph for what needs one (evaluation, tests).

A corpus is built report by report (``kg.pipeline``): each report's graph
(``add_extraction`` of it alone) is split (``split_report``) into its named graph, the
triples ``report_of`` gives to that report, and its triples of shared nodes
(entities' types and names, indicators, relations between entities).
``kg.corpus.shared`` gathers the latter from every report in input order, naming
each entity as ``build_graph`` does, so that the named graphs, the shared
nodes and the promise links (``promise_triples``) together are the graph
``build_graph`` makes of all the reports at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Iterable, Sequence

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.model import Entity, Extraction, Observation, Sentence
from kg.read.normalise import visible
from kg.rdf.terms import Triples, grouped, integer, iri, literal, rdflib_triples
from kg.link.projects import track_projects
from kg.link.promises import track_promises
from kg.vocab import (GK, GK_NT, RES, area_iri, entity_iri, indicator_iri, mention_iri, observation_iri, relation_iri,
                    report_iri, sentence_iri)

__all__ = ["build_graph", "to_rdflib", "add_extraction", "decimal_term", "bind_prefixes", "report_node", "owners", "report_of", "split_report",
           "promise_triples", "SplitTerms", "RDFLIB_TERMS", "NT_TERMS"]

_RELATION = {"partner": GK_NT.partner, "introduced": GK_NT.introduced, "locatedIn": GK_NT.locatedIn}
_TYPE, _LABEL, _ALT_LABEL = map(iri, (RDF.type, RDFS.label, SKOS.altLabel))
_DATETIME = XSD.dateTime  # rdflib's namespaces look each term up through a checked __getattr__


def bind_prefixes(g: Graph) -> Graph:
    g.bind("gk", GK._NS)
    g.bind("res", RES)
    g.bind("skos", SKOS)
    g.bind("prov", PROV)
    g.bind("dcterms", DCTERMS)
    return g


def build_graph(extractions: list[Extraction]) -> Graph:
    """One rdflib graph holding every extraction, with each target linked to what became of it."""
    triples = Triples()
    for extraction in extractions:
        add_extraction(triples, extraction)
    for triple in promise_triples(extractions):
        triples.add(triple)
    return to_rdflib(triples)


def to_rdflib(triples: Iterable[tuple[str, str, str]]) -> Graph:
    """Triples of N-Triples terms (as ``add_extraction`` makes them) as an rdflib Graph, with govkg's prefixes."""
    g = bind_prefixes(Graph())
    for triple in rdflib_triples(triples):
        g.add(triple)
    return g


_VERDICT = {"met": GK_NT.Met, "missed": GK_NT.Missed, "not reported": GK_NT.NotReported}


def promise_triples(extractions: Sequence[Extraction]) -> list[tuple[str, str, str]]:
    """The ``gk:verdict`` of every target whose region has a later report, and its ``gk:outcome`` if one was
    found (``kg.link.promises``), and the projects followed (``kg.link.projects``): ``extractions`` is read in
    order a few times, and again at the later report of each target."""
    reports = [(str(report_node(x)), x.structure.meta.region) for x in extractions]  # each read once here
    triples = _project_triples(extractions, reports)
    for p in track_promises(extractions):
        target = iri(observation_iri(reports[p.target[0]][0], p.target[1] + 1))
        triples.append((target, GK_NT.verdict, _VERDICT[p.verdict]))
        if p.reason:
            triples.append((target, GK_NT.verdictReason, _plain(p.reason)))
        if p.actual is not None:
            triples.append((target, GK_NT.outcome, iri(observation_iri(reports[p.actual[0]][0], p.actual[1] + 1))))
    return triples


def _project_triples(extractions: Sequence[Extraction], reports: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """Each project a plan promises a stage of, as a ``gk:ProjectPromise`` (``kg.link.projects``): not owned by a
    report (no ``gk:report``), so it goes with the shared nodes, as the promise links do. ``reports``: each
    report's IRI and region."""
    triples, numbers = [], {}
    for p in track_projects(extractions):
        rep, region = reports[p.plan]
        numbers[rep] = n = numbers.get(rep, 0) + 1
        node = iri(f"{rep}/project-promise/{n}")
        triples += [(node, _TYPE, GK_NT.ProjectPromise),
                    (node, _LABEL, _zh(f"{p.promised.name}({p.promised.stage})")),
                    (node, GK_NT.project, iri(entity_iri(p.promised.etype, p.promised.name, region))),
                    (node, GK_NT.planReport, iri(rep)),
                    (node, GK_NT.planSentence, iri(sentence_iri(rep, *p.promised.sentence))),
                    (node, GK_NT.promisedStage, _plain(p.promised.stage)),
                    (node, GK_NT.projectVerdict, _plain(p.verdict))]
        if p.reached is not None:
            later = reports[p.review][0]
            triples += [(node, GK_NT.outcomeReport, iri(later)),
                        (node, GK_NT.outcomeSentence, iri(sentence_iri(later, *p.reached.sentence)))]
            if p.reached.stage:
                triples.append((node, GK_NT.reachedStage, _plain(p.reached.stage)))
    return triples


def report_node(extraction: Extraction) -> URIRef:
    meta = extraction.structure.meta
    return URIRef(report_iri(meta.region, meta.year, extraction.report.name))


def add_extraction(g: "Triples", x: Extraction) -> str:
    """Add one report's triples (of N-Triples terms) to ``g``; return the report's IRI (in N-Triples)."""
    rep = str(report_node(x))  # the text: made into the IRIs of its nodes
    _add_report(g, rep, x)
    _add_areas(g, rep, x)
    for entity in x.entities:
        _add_entity(g, rep, x, entity)
    for n, obs in enumerate(x.observations, 1):
        if obs.year:  # a figure that no year can be given to is left out
            _add_observation(g, rep, x, n, obs)
    for n, rel in enumerate(x.relations, 1):
        _add_relation(g, rep, x, n, rel)
    return iri(rep)


# Literals that come again and again (names, offsets, years, rules' names, units) are made once per worker. The
# caches are bounded (a few MB when full, with those of kg.vocab).

@lru_cache(maxsize=1 << 12)
def _zh(text: str) -> str:
    """A name in Chinese."""
    return literal(text, language="zh")


@lru_cache(maxsize=1 << 13)
def _plain(text: str) -> str:
    """A plain literal: a rule's name, a unit, a qualifier, an area's kind or part, a mention's words."""
    return literal(text)


def _year(year) -> str:
    """A year as a person types it in a query: an ``xsd:integer`` (``gk:reportYear 2023``)."""
    return integer(int(year))


def _date_time(day) -> str:
    """A day (``2023-01-05``) as an ``xsd:dateTime`` at its midnight, with no time zone: ``xsd:date`` is not in
    OWL 2's datatype map, so reasoners refuse it."""
    return literal(f"{day}T00:00:00", datatype=str(_DATETIME))


def _add_report(g: Triples, rep: str, x: Extraction):
    meta, node = x.structure.meta, iri(rep)
    g.add((node, _TYPE, GK_NT.Report))
    g.add((node, _LABEL, _zh(f"{meta.region}{meta.year}年政府工作报告" if meta.year else f"{meta.region}政府工作报告")))
    g.add((node, GK_NT.region, _plain(meta.region)))  # plain, as a person types it: ``?r gk:region "玉山镇"``
    if meta.year:  # a text with no year in it has none
        g.add((node, GK_NT.reportYear, _year(meta.year)))
    g.add((node, GK_NT.fileName, literal(x.report.name)))
    optional = [(GK_NT.reportDate, meta.date, _date_time), (GK_NT.reviewYear, meta.review_year, _year),
                (GK_NT.planYear, meta.plan_year, _year)]
    for prop, value, term in optional:
        if value:
            g.add((node, prop, term(value)))
    for prop, value in ((GK_NT.meeting, meta.meeting), (GK_NT.speaker, meta.speaker), (GK_NT.adminLevel, meta.level)):
        if value:
            g.add((node, prop, literal(value)))
    if meta.region_path:  # 河北省 / 保定市 / 高阳县, and each of them as a region the report is within
        g.add((node, GK_NT.regionPath, literal(" / ".join(meta.region_path))))
        for name in meta.region_path:
            g.add((node, GK_NT.within, literal(name)))


def _area(rep: str, key: str) -> str:
    return iri(area_iri(rep, key))


def _add_areas(g: Triples, rep: str, x: Extraction):
    for order, area in enumerate(x.structure.areas):
        node = _area(rep, area.key)
        g.add((node, _TYPE, GK_NT.WorkArea))
        g.add((node, _LABEL, _zh(area.title)))
        g.add((node, GK_NT.report, iri(rep)))
        g.add((node, GK_NT.areaKind, _plain(area.kind)))
        g.add((node, GK_NT.part, _plain(area.part)))
        g.add((node, GK_NT.order, integer(order)))
        g.add((node, GK_NT.partOf, _area(rep, area.parent) if area.parent else iri(rep)))
        offsets = x.report.raw_span(area.start, area.end)
        g.add((node, GK_NT.start, integer(offsets[0])))
        g.add((node, GK_NT.end, integer(offsets[1])))


def _sentence(g: Triples, rep: str, x: Extraction, s: Sentence) -> str:
    a, b = x.report.raw_span(s.start, s.end)
    node = iri(sentence_iri(rep, a, b))
    if g.value(node, GK_NT.text) is not None:  # a sentence with more than one mention: made once
        return node
    g.add((node, _TYPE, GK_NT.Sentence))
    g.add((node, GK_NT.text, literal(visible(x.report.raw[a:b]))))
    g.add((node, GK_NT.start, integer(a)))
    g.add((node, GK_NT.end, integer(b)))
    g.add((node, GK_NT.report, iri(rep)))
    g.add((node, GK_NT.workArea, _area(rep, s.area)))
    return node


def _mention(g: Triples, rep: str, x: Extraction, start: int, end: int, s: Sentence, rule: str) -> str:
    a, b = x.report.raw_span(start, end)
    node = iri(mention_iri(rep, a, b))
    g.add((node, _TYPE, GK_NT.Mention))
    g.add((node, GK_NT.exact, _plain(visible(x.report.raw[a:b]))))
    g.add((node, GK_NT.start, integer(a)))
    g.add((node, GK_NT.end, integer(b)))
    g.add((node, GK_NT.sentence, _sentence(g, rep, x, s)))
    g.add((node, GK_NT.report, iri(rep)))
    g.add((node, GK_NT.workArea, _area(rep, s.area)))
    g.add((node, GK_NT.rule, _plain(rule)))
    return node


def _add_entity(g: Triples, rep: str, x: Extraction, e: Entity):
    node = iri(entity_iri(e.etype, e.name, x.structure.meta.region))
    g.add((node, _TYPE, getattr(GK_NT, e.etype)))
    label, name = g.value(node, _LABEL), _zh(e.name)
    if label is None:
        g.add((node, _LABEL, name))
    elif label != name:  # named otherwise in an earlier report: one node, this name an alias
        g.add((node, _ALT_LABEL, name))
    for alias in map(_zh, e.aliases):
        if alias != (label or name):
            g.add((node, _ALT_LABEL, alias))
    for m in e.mentions:
        g.add((node, GK_NT.workArea, _area(rep, m.sentence.area)))
        g.add((node, GK_NT.mention, _mention(g, rep, x, m.start, m.end, m.sentence, m.rule)))


def decimal_term(value: Decimal) -> str:
    """An ``xsd:decimal`` as Turtle writes it: with a decimal point, so that it reads back as the same term
    whichever serializer wrote it (rdflib writes ``"300"^^xsd:decimal`` as ``300.0``).

    >>> [decimal_term(Decimal(v)).split('"')[1] for v in ("300", "8.50", "-3", "1E+2")]
    ['300.0', '8.50', '-3.0', '100.0']
    """
    return _decimal_of(str(value))  # by its text: 5 and 5.0 are equal decimals, not equal terms


@lru_cache(maxsize=1 << 10)
def _decimal_of(value: str) -> str:
    text = str(Literal(value, datatype=XSD.decimal))
    return literal(text if "." in text else f"{text}.0", datatype=str(XSD.decimal))


def _add_observation(g: Triples, rep: str, x: Extraction, n: int, o: Observation):
    node = iri(observation_iri(rep, n))
    concept = o.concept or o.indicator
    ind = iri(indicator_iri(concept))
    g.add((ind, _TYPE, GK_NT.Indicator))
    g.add((ind, _LABEL, _zh(concept)))
    if o.indicator != concept:
        g.add((ind, _ALT_LABEL, _zh(o.indicator)))
    g.add((node, GK_NT.statedName, _zh(o.indicator)))
    g.add((node, _TYPE, GK_NT.Observation))
    when = f"{o.period[0]}–{o.period[1]}" if o.period else o.year
    g.add((node, _LABEL, _zh(f"{o.indicator} {o.value}{o.unit}({when})")))
    g.add((node, GK_NT.indicator, ind))
    g.add((node, GK_NT.report, iri(rep)))
    g.add((node, GK_NT.value, decimal_term(o.value)))
    if o.upper is not None:
        g.add((node, GK_NT.upperValue, decimal_term(o.upper)))
    g.add((node, GK_NT.unit, _plain(o.unit)))
    if o.qualifier:
        g.add((node, GK_NT.qualifier, _plain(o.qualifier)))
    if o.growth is not None:
        g.add((node, GK_NT.growthRate, decimal_term(o.growth)))
    if o.period:  # a value over several years has a period, not a year (``十三五时期…年均增长7.1%``)
        g.add((node, GK_NT.periodStart, _year(o.period[0])))
        g.add((node, GK_NT.periodEnd, _year(o.period[1])))
    else:
        g.add((node, GK_NT.year, _year(o.year)))
    g.add((node, GK_NT.status, GK_NT.Target if o.status == "target" else GK_NT.Actual))
    g.add((node, GK_NT.workArea, _area(rep, o.sentence.area)))
    g.add((node, GK_NT.mention, _mention(g, rep, x, o.start, o.end, o.sentence, o.rule)))


def _add_relation(g: Triples, rep: str, x: Extraction, n: int, rel):
    """The relation as a direct triple, and as a ``gk:Relation`` node that carries its sentence (the reification
    of ``rdf:Statement``, in terms that OWL 2 DL allows)."""
    region = x.structure.meta.region
    types = {e.name: e.etype for e in x.entities}
    if rel.subject not in types or rel.object not in types:
        return
    s = iri(entity_iri(types[rel.subject], rel.subject, region))
    o = iri(entity_iri(types[rel.object], rel.object, region))
    p = _RELATION.get(rel.predicate, GK_NT.relatedTo)
    g.add((s, p, o))
    statement = iri(relation_iri(rep, n))
    g.add((statement, _TYPE, GK_NT.Relation))
    g.add((statement, GK_NT.subject, s))
    g.add((statement, GK_NT.predicate, p))
    g.add((statement, GK_NT.object, o))
    g.add((statement, GK_NT.sentence, _sentence(g, rep, x, rel.sentence)))
    g.add((statement, GK_NT.rule, _plain(f"cue:{rel.cue}")))
    g.add((statement, GK_NT.report, iri(rep)))


# ---- a corpus, report by report ----

@dataclass(frozen=True)
class SplitTerms:
    """The terms ``owners`` and ``report_of`` look for, made by ``make`` (an IRI string to a term) so that triples
    of another library's terms (pyoxigraph's, in ``kg.query.store``) are split by the same rule.

    Sets: a set finds a term by its hash, where ``==`` calls rdflib's __eq__, in Python, for every triple.
    """

    owned_by: frozenset  # gk:report
    a_report: frozenset  # (rdf:type, gk:Report)
    cross_report: frozenset  # promise links depend on a later report: they go with the shared nodes
    report_links: frozenset  # links of shared nodes into one report: they go with that report

    @property
    def owning(self) -> frozenset:
        """The predicates ``owners`` reads."""
        return self.owned_by | {p for p, _ in self.a_report}

    @classmethod
    def made_by(cls, make) -> "SplitTerms":
        return cls(frozenset({make(str(GK.report))}), frozenset({(make(str(RDF.type)), make(str(GK.Report)))}),
                   frozenset(make(str(t)) for t in (GK.outcome, GK.verdict, GK.verdictReason)),
                   frozenset(make(str(t)) for t in (GK.workArea, GK.mention)))


RDFLIB_TERMS = SplitTerms.made_by(URIRef)
NT_TERMS = SplitTerms.made_by(iri)  # of the triples made here


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
    ``gk:verdict``, ``gk:verdictReason``) go with the shared nodes, since they change when a later report comes.
    """
    s, p, o = triple
    if p in terms.cross_report:
        return None
    return owner.get(s) or (owner.get(o) if p in terms.report_links else None)


def split_report(g: Iterable[tuple[str, str, str]]) -> tuple[Triples, list[tuple[str, str, str]]]:
    """The triples of one report (of N-Triples terms, as ``add_extraction`` makes them) split into its named
    graph's and its triples of shared nodes.

    A blank node is refused (a ``ValueError``): here, or in the named graph by ``kg.rdf.turtle`` when it is written.
    """
    g = grouped(g)
    owner, own, shared = owners(g.having(NT_TERMS.owning), NT_TERMS), Triples(), []
    for s, by_predicate in g.subjects.items():
        if s in owner and not by_predicate.keys() & NT_TERMS.cross_report:
            own.add_subject(s, by_predicate)  # ``report_of`` gives all of an owned node's triples to its report
            continue
        for p, objects in by_predicate.items():
            for o in objects:
                if s[0] == "_" or o[0] == "_":
                    raise ValueError(f"a blank node in a report's graph cannot be shared across files: {(s, p, o)}")
                if report_of((s, p, o), owner, NT_TERMS) is None:
                    shared.append((s, p, o))
                else:
                    own.add((s, p, o))
    return own, shared

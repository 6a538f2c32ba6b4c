"""The data behind the interactive page: a graph's nodes, edges, evidence and observations as JSON-ready values.

Pure, and in two steps, so that a corpus's page needs no graph of all its
reports: ``page_facts`` takes some triples of N-Triples terms (``kg.rdf.terms``:
one report's named graph, the shared nodes, or a whole graph) to what the page
reads of them, as plain tuples with IRIs as text (small to pickle and to keep);
``merge_page`` puts the facts of the shared nodes and of each report together
into the page's data and the networkx graph that ``kg.outputs.page.layout`` places.
``page_data(g)`` and ``to_networkx(g)`` are the two steps run on one rdflib graph.

Nodes are numbered in IRI order, so the same graph always gives the same data.
Evidence follows the graph's provenance (``gk:mention`` → ``gk:sentence`` →
``gk:text``, with ``gk:start``/``gk:end``); no text is searched again. The facts
of different triples meet only at the IRIs of nodes, observations and
sentences, so a node's type must come with its own values (label, aliases, a
work area's or a report's fields), and a mention, an observation or a
relation's statement with its sentence, as ``kg.rdf.graph.split_report`` keeps them.

>>> from kg.pipeline import extract_report
>>> from kg.read.report import parse_report
>>> from kg.rdf.graph import build_graph
>>> from kg.rdf.terms import nt_triples
>>> text = "政府工作报告\\n2020年工作回顾\\n一、抓项目\\n引进星河电子落户,工业总产值100亿元,增长5%。"
>>> g = build_graph([extract_report(parse_report(text))])
>>> data = page_data(g)
>>> [(TYPES[n["t"]], n["l"]) for n in data["nodes"] if n["t"] > 1]
[('Enterprise', '星河电子'), ('Indicator', '工业总产值')]
>>> data["sentences"][0][0]
'引进星河电子落户,工业总产值100亿元,增长5%。'
>>> facts = page_facts(nt_triples(g))
>>> facts.sentences[0][3], facts.mentions[0][0].rsplit("/", 2)[-2:]
('引进星河电子落户,工业总产值100亿元,增长5%。', ['enterprise', '星河电子'])
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from itertools import chain
from typing import Iterable

import networkx as nx
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import SKOS

from kg.rdf.terms import grouped, iri, nt_triples, text_of
from kg.vocab import GK_NT

__all__ = ["TYPES", "EDGE_KINDS", "VERDICTS", "PageFacts", "page_facts", "merge_page", "to_networkx", "page_data"]

TYPES = ("Report", "WorkArea", "Enterprise", "Institution", "Project", "Village", "Initiative", "Indicator")
_RELATIONS = {GK_NT.partner: "partner", GK_NT.introduced: "introduced", GK_NT.locatedIn: "locatedIn",
              GK_NT.relatedTo: "relatedTo"}
EDGE_KINDS = ("partOf", "workArea", "observed", *_RELATIONS.values())
_VERDICT_NAMES = {GK_NT.Met: "met", GK_NT.Missed: "missed", GK_NT.NotReported: "not reported"}
VERDICTS = tuple(_VERDICT_NAMES.values())
_REPORT_FIELDS = (("region", GK_NT.region), ("year", GK_NT.reportYear), ("date", GK_NT.reportDate),
                  ("meeting", GK_NT.meeting), ("speaker", GK_NT.speaker), ("file", GK_NT.fileName),
                  ("reviewYear", GK_NT.reviewYear), ("planYear", GK_NT.planYear))
_KINDS = {getattr(GK_NT, kind): kind for kind in TYPES}
_TYPE, _LABEL, _ALT_LABEL = map(iri, (RDF.type, RDFS.label, SKOS.altLabel))
_STATEMENT, _SUBJECT, _PREDICATE, _OBJECT = GK_NT.Relation, GK_NT.subject, GK_NT.predicate, GK_NT.object
_READ = frozenset({_TYPE, _LABEL, _ALT_LABEL, _SUBJECT, _PREDICATE, _OBJECT, *_RELATIONS,
                   *(p for _, p in _REPORT_FIELDS),
                   *(getattr(GK_NT, p) for p in ("order", "part", "areaKind", "partOf", "report", "workArea",
                                                 "indicator", "mention", "sentence", "start", "end", "text", "value",
                                                 "upperValue", "unit", "qualifier", "growthRate", "year", "periodStart", "periodEnd", "status",
                                                 "statedName", "verdict", "outcome"))})


def _text(value: str | None) -> str:
    return "" if value is None else text_of(value)


def _int(value) -> int:
    return int(text_of(value)) if value is not None else 0


def _iri(value) -> str:
    """A term's text (``None`` as ``"None"``), one object for equal texts (so that it is pickled once)."""
    return sys.intern("None" if value is None else text_of(value))


def _number(value) -> str:
    """A decimal as a report would write it, the same whether the graph was built or read back from Turtle.

    >>> from rdflib import XSD
    >>> _number(f'"100.0"^^<{XSD.decimal}>'), _number(f'"7.60"^^<{XSD.decimal}>'), _number(None)
    ('100', '7.6', '')
    """
    if value is None:
        return ""
    text = format(Decimal(text_of(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# ---- step 1: what the page reads of some triples ----

@dataclass(frozen=True)
class PageFacts:
    """What the page reads of some triples (``page_facts``), as plain tuples: IRIs and values as text.

    A sentence is given by its number in ``sentences``; an observation's
    values are those of its row in ``page_data`` (see ``_observation``).
    """

    nodes: tuple = ()  # (iri, kind, label or "", aliases, fields): a work area's (order, part, kind, report),
    #                    a report's ((key, value), ...) of _REPORT_FIELDS, () for the others
    edges: tuple = ()  # (iri, iri, kind in EDGE_KINDS); an edge is drawn when both ends are nodes
    sentences: tuple = ()  # (report, start, end, text, work area)
    mentions: tuple = ()  # (node, sentence, start, end)
    observations: tuple = ()  # (observation, indicator, value, upper, unit, qualifier, growth, year, status,
    #                            stated name, report, work area, ((sentence, start, end), ...))
    statements: tuple = ()  # (subject, object, relation kind, sentence)
    promises: tuple = ()  # (target, verdict (one of VERDICTS), outcome or "", why not reported or "")
    projects: tuple = ()  # (project, plan report, promised, reached or "", verdict, plan sentence, outcome sentence)
    #                       a sentence as (report, start, end), or None


class _Triples:
    """The triples the page reads, grouped by subject (``kg.rdf.terms.Triples``): ``pairs(p)``, ``subjects(p)``,
    ``objects(s, p)``, and ``value(s, p)`` (of several objects the least as text, so that the same triples give
    the same value)."""

    def __init__(self, triples: Iterable[tuple]):
        self.by_subject = grouped(triples).subjects
        self.having: dict = {}  # each predicate read here -> the subjects that have it
        for s, by_predicate in self.by_subject.items():
            for p in by_predicate:
                if p in _READ:
                    if (subjects := self.having.get(p)) is None:
                        self.having[p] = [s]
                    else:
                        subjects.append(s)

    def pairs(self, p) -> list[tuple]:
        return [(s, o) for s in self.having.get(p, ()) for o in self.by_subject[s][p]]

    def subjects(self, p) -> list:
        return self.having.get(p, [])

    def objects(self, s, p) -> list:
        return self.by_subject.get(s, _NONE).get(p, [])

    def value(self, s, p):
        found = self.by_subject.get(s, _NONE).get(p, ())
        return found[0] if len(found) == 1 else min(found, key=text_of, default=None)


_NONE: dict = {}  # the values of a node not in the triples


def page_facts(triples: Iterable[tuple]) -> PageFacts:
    """What the page reads of ``triples`` (any iterable of ``(s, p, o)`` of N-Triples terms; ``Triples`` are read as
    they are grouped), read once.

    Only what may be on the page is kept: no mention's words or rule, and of a
    node typed here as something the page does not show (a mention, a sentence,
    an observation), no label, mention or work area of its own.
    """
    t = _Triples(triples)
    types = defaultdict(set)
    for s, o in t.pairs(_TYPE):
        types[s].add(o)
    kinds = {s: min(_KINDS[o] for o in found if o in _KINDS) for s, found in types.items() if found & _KINDS.keys()}
    off_page = types.keys() - kinds.keys()
    sentences = sorted({s for _, s in t.pairs(GK_NT.sentence)}, key=text_of)
    number = {s: n for n, s in enumerate(sentences)}
    return PageFacts(
        nodes=tuple(sorted(_node_facts(t, node, kind) for node, kind in kinds.items())),  # by IRI
        edges=tuple(sorted(_edges(t, off_page))),
        sentences=tuple((_iri(t.value(s, GK_NT.report)), _int(t.value(s, GK_NT.start)), _int(t.value(s, GK_NT.end)),
                         _text(t.value(s, GK_NT.text)), _iri(t.value(s, GK_NT.workArea))) for s in sentences),
        mentions=tuple(sorted((_iri(node), *m) for node in t.subjects(GK_NT.mention) if node not in off_page
                             for m in _mentions(t, node, number))),
        observations=tuple(sorted(_observation_facts(t, obs, ind, number) for obs, ind in t.pairs(GK_NT.indicator))),
        statements=tuple(sorted(_statements(t, number))),
        promises=tuple(sorted((_iri(target), _VERDICT_NAMES[verdict], _text(t.value(target, GK_NT.outcome)),
                               _text(t.value(target, GK_NT.verdictReason)))
                              for target, verdict in t.pairs(GK_NT.verdict) if verdict in _VERDICT_NAMES)),
        projects=tuple(sorted(_project_facts(t, node) for node, kind in t.pairs(_TYPE)
                              if kind == GK_NT.ProjectPromise)))


def _project_facts(t: _Triples, node) -> tuple:
    value = partial(t.value, node)
    return (_iri(value(GK_NT.project)), _iri(value(GK_NT.planReport)), _text(value(GK_NT.promisedStage)),
            _text(value(GK_NT.reachedStage)), _text(value(GK_NT.projectVerdict)),
            _sentence_key(value(GK_NT.planSentence)), _sentence_key(value(GK_NT.outcomeSentence)))


def _sentence_key(term) -> tuple[str, int, int] | None:
    """A sentence's ``(report, start, end)`` read from its IRI (``{report}/sentence/{start}-{end}``)."""
    if term is None:
        return None
    report, _, span = _iri(term).rpartition("/sentence/")
    start, _, end = span.partition("-")
    return (report, int(start), int(end)) if start.isdigit() and end.isdigit() else None


def _node_facts(t: _Triples, node, kind: str) -> tuple:
    value = partial(t.value, node)
    if kind == "WorkArea":
        fields = (_int(value(GK_NT.order)), _text(value(GK_NT.part)), _text(value(GK_NT.areaKind)),
                  _iri(value(GK_NT.report)))
    elif kind == "Report":
        fields = tuple((key, _text(value(p))) for key, p in _REPORT_FIELDS if value(p) is not None)
    else:
        fields = ()
    aliases = tuple(sorted(text_of(a) for a in t.objects(node, _ALT_LABEL)))
    return _iri(node), kind, _text(value(_LABEL)), aliases, fields


def _edges(t: _Triples, off_page: set) -> Iterable[tuple]:
    """Every link that may be an edge of the page: the ``partOf`` backbone, work areas of what is not off the
    page, the work areas where an indicator is observed, and the relations between entities."""
    for s, o in t.pairs(GK_NT.partOf):
        yield _iri(s), _iri(o), "partOf"
    for s, o in t.pairs(GK_NT.workArea):
        if s not in off_page:
            yield _iri(s), _iri(o), "workArea"
    for obs, indicator in t.pairs(GK_NT.indicator):
        for area in t.objects(obs, GK_NT.workArea):
            yield _iri(indicator), _iri(area), "observed"
    for predicate, kind in _RELATIONS.items():
        for s, o in t.pairs(predicate):
            yield _iri(s), _iri(o), kind


def _mentions(t: _Triples, node, number: dict) -> list[tuple]:
    """``(sentence, start, end)`` of every mention of ``node`` that has a sentence."""
    found = []
    for m in t.objects(node, GK_NT.mention):
        sentence = t.value(m, GK_NT.sentence)
        if sentence is not None:
            found.append((number[sentence], _int(t.value(m, GK_NT.start)), _int(t.value(m, GK_NT.end))))
    return found


def _when(value) -> str:
    """An observation's year, or its period (``2016–2020``)."""
    if (start := value(GK_NT.periodStart)) is not None:
        return f"{_text(start)}–{_text(value(GK_NT.periodEnd))}"
    return _text(value(GK_NT.year))


def _observation_facts(t: _Triples, obs, indicator, number: dict) -> tuple:
    value = partial(t.value, obs)
    evidence = tuple(sorted(_mentions(t, obs, number)))
    return (_iri(obs), _iri(indicator), _number(value(GK_NT.value)), _number(value(GK_NT.upperValue)),
            _text(value(GK_NT.unit)), _text(value(GK_NT.qualifier)), _number(value(GK_NT.growthRate)), _when(value),
            "target" if value(GK_NT.status) == GK_NT.Target else "actual", _text(value(GK_NT.statedName)),
            _iri(value(GK_NT.report)), _iri(value(GK_NT.workArea)), evidence)


def _statements(t: _Triples, number: dict) -> Iterable[tuple]:
    for st, kind in t.pairs(_TYPE):
        if kind != _STATEMENT:
            continue
        s, p, o, sentence = (t.value(st, q) for q in (_SUBJECT, _PREDICATE, _OBJECT, GK_NT.sentence))
        if p in _RELATIONS and sentence is not None:
            yield _iri(s), _iri(o), _RELATIONS[p], number[sentence]


# ---- step 2: the facts put together ----

def merge_page(shared: Iterable[tuple], facts: Iterable[PageFacts] = ()) -> tuple[dict, nx.Graph]:
    """The page's data (as ``page_data`` gives it) and its networkx graph (as ``to_networkx``) of the triples
    ``shared`` (of N-Triples terms) and of ``facts`` (``page_facts`` of other triples, taken one at a time): of a corpus, its shared
    nodes and each report's named graph; of one graph, the graph alone."""
    page = _merge(chain([page_facts(shared)], facts))
    G = page.networkx()
    return page.data(G), G


def to_networkx(g: Graph) -> nx.Graph:
    """The graph's reports, work areas, entities and indicators, and the links between them, as a networkx graph.

    Edges: ``partOf`` (work area → its parent), ``workArea`` (entity → work area),
    ``observed`` (indicator → a work area where it is observed) and the relations
    between entities (``partner``, ``introduced``, ``locatedIn``, ``relatedTo``).
    A work area's node holds its parent in ``up``.
    """
    return _merge([page_facts(nt_triples(g))]).networkx()


def page_data(g: Graph) -> dict:
    """Nodes (in IRI order), edges, sentences and relations of ``g``, ready for ``json.dumps``.

    Each node is ``{"id" (its number), "iri", "t" (index in TYPES), "l" (label), "deg"}`` plus ``a`` (aliases);
    a work area adds ``part``, ``kind``, ``o`` (order), ``up`` (parent) and ``rep`` (report);
    a report adds ``meta``; an entity adds ``m`` (mentions ``[sentence, start, end]``); an
    indicator adds ``obs`` (observations, see ``_observation``). Edges are
    ``[from, to, index in EDGE_KINDS]``; sentences ``[text, start, end, report, area]``;
    relations ``[subject, object, kind, sentence]``; promises, the targets with a verdict,
    ``[region, year, verdict (one of VERDICTS), target, outcome, reason]`` (see ``_Page.promise_rows``).
    """
    return merge_page(nt_triples(g))[0]


def _merge(facts: Iterable[PageFacts]) -> _Page:
    page = _Page()
    for f in facts:
        page.add(f)
    return page


@dataclass
class _Page:
    """Facts put together, nothing numbered yet: a sentence is known by ``(report, start, end)``."""

    nodes: dict = field(default_factory=dict)  # iri -> [kind, label, aliases, fields]
    edges: list = field(default_factory=list)  # (iri, iri, kind)
    sentences: dict = field(default_factory=dict)  # (report, start, end) -> (text, work area)
    mentions: dict = field(default_factory=dict)  # node -> [(sentence, start, end)]
    observations: dict = field(default_factory=dict)  # indicator -> [(*values, report, area, evidence, obs)]
    reports: dict = field(default_factory=dict)  # observation -> its report
    statements: list = field(default_factory=list)  # (subject, object, kind, sentence)
    promises: list = field(default_factory=list)  # (target, verdict, outcome, why not reported)
    projects: list = field(default_factory=list)  # as PageFacts.projects

    def add(self, facts: PageFacts) -> None:
        keys = [(report, start, end) for report, start, end, _, _ in facts.sentences]
        for key, (*_, text, area) in zip(keys, facts.sentences):
            self.sentences.setdefault(key, (text, area))
        for iri, kind, label, aliases, fields in facts.nodes:
            node = self.nodes.setdefault(iri, [kind, label, set(), fields])
            if kind < node[0]:  # typed twice: the first kind in sorted order, as rdflib sorts (node, kind)
                node[0], node[3] = kind, fields
            node[1] = node[1] or label
            node[2].update(aliases)
        self.edges.extend(facts.edges)
        for node, n, start, end in facts.mentions:
            self.mentions.setdefault(node, []).append((keys[n], start, end))
        for obs, indicator, *values, report, area, evidence in facts.observations:
            evidence = [(keys[n], a, b) for n, a, b in evidence]
            self.observations.setdefault(indicator, []).append((*values, report, area, evidence, obs))
            self.reports[obs] = report
        self.statements.extend((s, o, kind, keys[n]) for s, o, kind, n in facts.statements)
        self.promises.extend(facts.promises)
        self.projects.extend(facts.projects)

    def networkx(self) -> nx.Graph:
        """The nodes in IRI order; edges kind by kind in ``EDGE_KINDS`` order, the first kind of a pair kept."""
        G = nx.Graph()
        for iri in sorted(self.nodes):
            kind, label, aliases, fields = self.nodes[iri]
            extra = dict(zip(("order", "part", "areaKind"), fields)) if kind == "WorkArea" else {}
            G.add_node(iri, kind=kind, label=label or iri.rsplit("/", 1)[-1], aliases=sorted(aliases), **extra)
        rank = {kind: n for n, kind in enumerate(EDGE_KINDS)}
        for s, o, kind in sorted(self.edges, key=lambda e: (rank[e[2]], e[0], e[1])):
            if s not in G or o not in G:
                continue
            if kind == "partOf":
                G.nodes[s]["up"] = o
            if s != o and not G.has_edge(s, o) and (kind != "workArea" or G.nodes[s]["kind"] != "WorkArea"):
                G.add_edge(s, o, kind=kind)
        return G

    def data(self, G: nx.Graph) -> dict:
        """``page_data`` of these facts, ``G`` their ``networkx()``."""
        ids = {iri: i for i, iri in enumerate(G)}
        used: set = set()  # the sentences the page shows
        nodes = [self._node(G, iri, ids, used) for iri in G]
        relations = [[ids[s], ids[o], kind, key] for s, o, kind, key in self.statements if s in ids and o in ids]
        used.update(r[3] for r in relations)
        projects = [p for p in self.projects if p[0] in ids]
        used.update(key for p in projects for key in p[5:] if key in self.sentences)
        order = sorted(used)
        table = [[self.sentences[k][0], k[1], k[2], ids.get(k[0], -1), ids.get(self.sentences[k][1], -1)]
                 for k in order]
        number = {k: i for i, k in enumerate(order)}
        _number_sentences(nodes, relations, number)
        promises = self.promise_rows(nodes, _place_observations(nodes))
        project_rows = self.project_rows(projects, ids, number)
        edges = sorted([ids[a], ids[b], EDGE_KINDS.index(k)] for a, b, k in G.edges(data="kind"))
        return {"types": list(TYPES), "edgeKinds": list(EDGE_KINDS), "nodes": nodes, "edges": edges,
                "sentences": table, "relations": relations, "promises": promises, "projects": project_rows}

    def _node(self, G: nx.Graph, iri: str, ids: dict[str, int], used: set) -> dict:
        data = G.nodes[iri]
        kind, fields = data["kind"], self.nodes[iri][3]
        out = {"id": ids[iri], "iri": iri, "t": TYPES.index(kind), "l": data["label"], "deg": G.degree(iri)}
        if data["aliases"]:
            out["a"] = data["aliases"]
        if kind == "WorkArea":
            out.update(part=data["part"], kind=data["areaKind"], o=data["order"],
                       up=ids.get(data.get("up", ""), -1), rep=ids.get(fields[3], -1))
        elif kind == "Report":
            out["meta"] = dict(fields)
        elif kind == "Indicator":
            out["obs"] = [_observation(row, ids, used) for row in self.observations.get(iri, ())]
        else:
            out["m"] = self.mentions.get(iri, [])
            used.update(key for key, _, _ in out["m"])
        return out

    def promise_rows(self, nodes: list[dict], place: dict[str, list[int]]) -> list[list]:
        """``[region, year, verdict, target, outcome, reason]`` of every target with a verdict, by region, year
        and indicator.

        ``target`` and ``outcome`` say where the observation is, ``[indicator, index in its obs]``; a target
        whose later report states no actual for it has no outcome (``None``), and ``reason`` says why (else "").
        """
        rows = []
        for target, verdict, outcome, reason in self.promises:
            if target in place:
                indicator, k = place[target]
                rows.append([self._region(target), nodes[indicator]["obs"][k][5], verdict, place[target],
                             place.get(outcome), reason])
        return sorted(rows, key=lambda r: (r[0], r[1], nodes[r[3][0]]["l"], r[3]))

    def project_rows(self, projects: list, ids: dict[str, int], number: dict) -> list[list]:
        """``[region, year, project, promised, reached, verdict, plan sentence, outcome sentence]`` of every project
        followed into the next year (nodes and sentences by their numbers, -1 for none), by region, year and name."""
        rows = []
        for project, report, promised, reached, verdict, plan, outcome in projects:
            meta = dict(self.nodes[report][3]) if report in self.nodes else {}
            year = meta.get("planYear") or meta.get("year", "")
            rows.append(((meta.get("region", ""), str(year), self.nodes[project][1] or ""),
                         [meta.get("region", ""), year, ids[project], promised, reached, verdict,
                          number.get(plan, -1), number.get(outcome, -1)]))
        return [row for _, row in sorted(rows, key=lambda r: r[0])]

    def _region(self, obs: str) -> str:
        report = self.nodes.get(self.reports.get(obs))
        return dict(report[3]).get("region", "") if report and report[0] == "Report" else ""


def _observation(row: tuple, ids: dict[str, int], used: set) -> list:
    """``[value, upper, unit, qualifier, growth, year, status, stated name, report, area, (sentence, start, end)]``.

    While collecting, each row ends with the observation's IRI too (``_place_observations`` takes it off).
    """
    *values, report, area, evidence, obs = row
    used.update(key for key, _, _ in evidence)
    return [*values, ids.get(report, -1), ids.get(area, -1), min(evidence, default=None), obs]


def _number_sentences(nodes: list[dict], relations: list[list], index: dict[tuple, int]):
    """Replace the sentences kept while collecting by their numbers in the sentence table; sort the evidence."""
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


def _place_observations(nodes: list[dict]) -> dict[str, list[int]]:
    """Where each observation ended up, ``[indicator, index in its obs]``; the IRIs come off the rows."""
    place = {}
    for n in nodes:
        for k, row in enumerate(n.get("obs", ())):
            place[row.pop()] = [n["id"], k]
    return place

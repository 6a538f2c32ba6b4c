"""One report's rows of the CSV export, made from its extraction where the report is built (``kg.corpus.parts``
keeps them with its part), so that ``kg export --format csv`` need not read the graph (``kg.outputs.csv_files``).

They are the rows ``kg.outputs.csv_files`` reads from the report's triples, but for the names of shared nodes
(an entity is named by the first report that names it): each row holds its node, named at export.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from urllib.parse import unquote

from kg.rdf.terms import literal_parts

__all__ = ["report_rows", "area_key", "decimal_text"]


def area_key(area) -> str:
    """The key of a work area (``R1.2``), read back from its IRI (a string or an rdflib term); ``""`` for none."""
    return unquote(str(area).rsplit("/area/", 1)[-1]) if area else ""


def decimal_text(text: str | None) -> str:
    """A decimal's lexical form as the tables write it: no exponent, no trailing zeros; ``""`` for none.

    >>> decimal_text("300.0"), decimal_text("8.50"), decimal_text(None)
    ('300', '8.5', '')
    """
    if text is None:
        return ""
    try:
        return format(Decimal(text).normalize(), "f")
    except ArithmeticError:
        return text


def report_rows(x) -> tuple[list[dict], list[dict]]:
    """The rows one report (an ``Extraction``) gives the two tables, as ``_observation_rows`` and ``_entity_rows``
    make them from its triples, but the names of shared nodes: each row holds the node (``_indicator``,
    ``_node``) for ``kept_rows`` to name from graph.ttl's head, since a node is named by the first report that
    names it."""
    from kg.rdf.graph import decimal_term, report_node
    from kg.read.normalise import visible
    from kg.vocab import area_iri, entity_iri, indicator_iri, observation_iri

    rep, meta, raw = str(report_node(x)), x.structure.meta, x.report
    titles = {area.key: area.title for area in x.structure.areas}
    rules: dict[tuple[int, int], set[str]] = defaultdict(set)  # a mention's rules, by its span in the file
    for e in x.entities:
        for m in e.mentions:
            rules[raw.raw_span(m.start, m.end)].add(m.rule)
    for o in x.observations:
        if o.year:
            rules[raw.raw_span(o.start, o.end)].add(o.rule)

    def number(value) -> str:
        return "" if value is None else decimal_text(literal_parts(decimal_term(value))[0])

    observations = []
    for n, o in sorted(enumerate(x.observations, 1), key=lambda no: observation_iri(rep, no[0])):  # graph.ttl's order
        if not o.year:
            continue
        span, sentence = raw.raw_span(o.start, o.end), raw.raw_span(o.sentence.start, o.sentence.end)
        observations.append({
            "_indicator": indicator_iri(o.concept or o.indicator), "report": raw.name, "region": meta.region,
            "report_year": str(int(meta.year)) if meta.year else "", "indicator": "",
            "value": number(o.value), "upper": number(o.upper), "unit": o.unit, "qualifier": o.qualifier or "",
            "growth_pct": number(o.growth), "year": "" if o.period else str(int(o.year)),
            "period_start": str(int(o.period[0])) if o.period else "",
            "period_end": str(int(o.period[1])) if o.period else "",
            "status": "target" if o.status == "target" else "actual",
            "area_key": area_key(area_iri(rep, o.sentence.area)), "area_title": titles.get(o.sentence.area, ""),
            "sentence": visible(raw.raw[sentence[0]:sentence[1]]), "start": span[0], "end": span[1],
            "rule": "|".join(sorted(rules[span]))})
    spans: dict[str, dict[tuple[int, int], str]] = defaultdict(dict)  # an entity's mentions and their areas
    kinds: dict[str, str] = {}
    for e in x.entities:
        node = entity_iri(e.etype, e.name, meta.region)
        kinds[node] = e.etype
        for m in e.mentions:
            spans[node].setdefault(raw.raw_span(m.start, m.end), m.sentence.area)
    entities = []
    for node, kind in kinds.items():
        for area in sorted(set(spans[node].values())):
            mentions = [span for span, where in spans[node].items() if where == area]
            entities.append({"_node": node, "name": "", "type": kind, "aliases": "", "report": raw.name,
                             "area_key": area_key(area_iri(rep, area)), "area_title": titles.get(area, ""),
                             "mentions": len(mentions), "rules": "|".join(sorted(set().union(*(rules[s] for s in mentions))))})
    return observations, entities

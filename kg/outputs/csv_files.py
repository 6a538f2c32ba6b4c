"""The CSV export of a build, without an rdflib graph of it, two ways that give the same bytes as
``kg.outputs.export.observation_rows`` and ``entity_rows`` over an rdflib graph:

- from the build's kept parts (``kept_tables``): each report's rows were made with its part, where it was
  extracted (``kg.outputs.csv_rows``), so the export only reads them, names the shared nodes from the head of
  ``graph.ttl`` (entities' names and aliases, indicators' labels), sorts and writes. For the 102 Shenzhen reports
  (970,644 triples) about a second;
- from the Turtle alone (any ``graph.ttl``), streamed: pyoxigraph parses it triple by triple, only what the two
  tables need is kept (plain strings), and the rows are made from it: 3.4 s and 227 MB for the same reports,
  against 40 s and 1.4 GB through rdflib.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable
from sys import intern

import pyoxigraph as ox

from kg.model import ENTITY_TYPES
from kg.outputs.csv_rows import area_key, decimal_text
from kg.vocab import GK

__all__ = ["csv_tables", "kept_rows", "to_csv", "area_key"]

_GK = str(GK._NS)
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
_ENTITY_CLASSES = {_GK + t: t for t in ENTITY_TYPES}
_STATUS = {_GK + "Actual": "actual", _GK + "Target": "target"}
# the gk properties the tables read, by their local name
_READ = {_GK + name: name for name in (
    "report", "indicator", "value", "upperValue", "unit", "qualifier", "growthRate", "year", "periodStart",
    "periodEnd", "status", "workArea", "mention", "fileName", "region", "reportYear", "sentence", "start", "end",
    "rule", "text")}


def csv_tables(ttl: str | Path, observation_columns: tuple[str, ...], entity_columns: tuple[str, ...]) -> dict[str, bytes]:
    """``observations.csv`` and ``entity.csv`` of the build whose Turtle is ``ttl``: from its kept parts when
    ``kg build`` wrote it beside its cache, else from the Turtle."""
    kept = kept_rows(Path(ttl))
    if kept is not None:
        observations, entities = kept
    else:
        facts = _read(Path(ttl))
        observations, entities = _observation_rows(facts), _entity_rows(facts)
    return {"observations.csv": to_csv(observations, observation_columns),
            "entities.csv": to_csv(entities, entity_columns)}


# ---- from a build's kept parts ----

def kept_rows(ttl: Path) -> tuple[list[dict], list[dict]] | None:
    """The rows of a ``graph.ttl`` that ``kg build`` wrote beside its cache, from its reports' kept parts, the
    shared nodes named from the head of the file; ``None`` when the build's manifest does not describe this very
    file, or a part (or its rows) is missing."""
    from kg.corpus.manifest import kept_build
    from kg.corpus.parts import part_rows

    kept = kept_build(ttl)
    if kept is None or not all(part.sizes[3] for _, _, part in kept[0]):  # a part kept before parts had rows
        return None
    parts = [part for _, _, part in kept[0]]
    shared = _facts((t.subject.value, t.predicate.value, t.object.value, isinstance(t.object, ox.NamedNode))
                    for t in ox.parse(kept[1], format=ox.RdfFormat.TURTLE))
    observations, entities = [], []
    for part in parts:
        obs, ents = part_rows(part)
        for row in obs:
            row["indicator"] = shared.labels.get(row["_indicator"], "")
        for row in ents:
            row["name"] = shared.labels.get(row["_node"], "")
            row["aliases"] = "|".join(sorted(shared.aliases.get(row["_node"], ())))
        observations += obs
        entities += ents
    observations.sort(key=lambda r: (r["report"], r["start"], r["end"], r["indicator"], r["value"]))
    entities.sort(key=lambda r: (r["report"], r["type"], r["name"], r["area_key"]))
    return observations, entities


# ---- from the Turtle ----


class _Facts:
    """What the tables need of the graph: each subject's values by property (one, or several where noted)."""

    def __init__(self):
        self.of: dict[str, dict[str, str]] = {name: {} for name in _READ.values()}  # property -> subject -> value
        self.rules: dict[str, list[str]] = defaultdict(list)  # a mention's rules
        self.mentions: dict[str, list[str]] = defaultdict(list)  # an entity's mentions
        self.areas: dict[str, set[str]] = defaultdict(set)  # an entity's work areas
        self.aliases: dict[str, list[str]] = defaultdict(list)
        self.labels: dict[str, str] = {}
        self.kinds: dict[str, str] = {}  # entity -> its type
        self.observations: list[str] = []


def _read(ttl: Path) -> _Facts:
    return _facts((t.subject.value, t.predicate.value, t.object.value, isinstance(t.object, ox.NamedNode))
                  for t in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))


def _facts(triples: Iterable[tuple[str, str, str, bool]]) -> _Facts:
    """What the tables need of ``triples`` (subject, predicate, object's value, whether the object is an IRI)."""
    f = _Facts()
    for s, p, o, is_iri in triples:
        s = intern(s)  # a node's IRI held once, however often read
        if p == _RDF_TYPE:
            if o == _GK + "Observation":
                f.observations.append(s)
            elif o in _ENTITY_CLASSES:
                f.kinds[s] = _ENTITY_CLASSES[o]
        elif p == _LABEL:
            f.labels.setdefault(s, o)
        elif p == _ALT_LABEL:
            f.aliases[s].append(o)
        elif (name := _READ.get(p)) is not None:
            value = intern(o) if is_iri else o
            if name == "rule":
                f.rules[s].append(value)
            else:
                if name == "mention":
                    f.mentions[s].append(value)
                elif name == "workArea":
                    f.areas[s].add(value)
                f.of[name].setdefault(s, value)
    return f


def _int(text: str | None) -> int:
    return -1 if text is None else int(text)


def _observation_rows(f: _Facts) -> list[dict]:
    of, rows = f.of, []
    for obs in f.observations:
        report, area, mention = of["report"].get(obs, ""), of["workArea"].get(obs), of["mention"].get(obs)
        rows.append({
            "_indicator": of["indicator"].get(obs, ""),  # as in kg.outputs.csv_rows (not written)
            "report": of["fileName"].get(report, ""), "region": of["region"].get(report, ""),
            "report_year": of["reportYear"].get(report, ""),
            "indicator": f.labels.get(of["indicator"].get(obs, ""), ""),
            "value": decimal_text(of["value"].get(obs)), "upper": decimal_text(of["upperValue"].get(obs)),
            "unit": of["unit"].get(obs, ""), "qualifier": of["qualifier"].get(obs, ""),
            "growth_pct": decimal_text(of["growthRate"].get(obs)), "year": of["year"].get(obs, ""),
            "period_start": of["periodStart"].get(obs, ""), "period_end": of["periodEnd"].get(obs, ""),
            "status": _STATUS.get(of["status"].get(obs, ""), ""),
            "area_key": area_key(area), "area_title": f.labels.get(area, "") if area else "",
            "sentence": of["text"].get(of["sentence"].get(mention, ""), "") if mention else "",
            "start": _int(of["start"].get(mention)) if mention else -1,
            "end": _int(of["end"].get(mention)) if mention else -1,
            "rule": "|".join(sorted(f.rules.get(mention, ()))) if mention else "",
        })
    return sorted(rows, key=lambda r: (r["report"], r["start"], r["end"], r["indicator"], r["value"]))


def _entity_rows(f: _Facts) -> list[dict]:
    of, rows = f.of, []
    for node, kind in f.kinds.items():
        name, aliases = f.labels.get(node, ""), "|".join(sorted(f.aliases.get(node, ())))
        mentions: Counter = Counter()
        rules: dict = defaultdict(set)
        for m in f.mentions.get(node, ()):
            where = of["workArea"].get(m)
            mentions[where] += 1
            rules[where].update(f.rules.get(m, ()))
        for area in f.areas.get(node, ()):
            rows.append({"_node": node, "name": name, "type": kind, "aliases": aliases,
                         "report": of["fileName"].get(of["report"].get(area, ""), ""), "area_key": area_key(area),
                         "area_title": f.labels.get(area, ""), "mentions": mentions[area],
                         "rules": "|".join(sorted(rules.get(area, ())))})
    return sorted(rows, key=lambda r: (r["report"], r["type"], r["name"], r["area_key"]))


def to_csv(rows: list[dict], columns: tuple[str, ...]) -> bytes:
    """CSV in UTF-8 with a BOM (Excel reads Chinese right), CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")

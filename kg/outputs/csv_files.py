"""The CSV export of a build read straight from its Turtle, streamed: pyoxigraph parses ``graph.ttl`` triple by
triple, only what the two tables need is kept (plain strings, no rdflib graph), and the rows are written from it.

It gives the same bytes as ``kg.outputs.export.observation_rows`` and ``entity_rows`` over an rdflib graph, in a
fraction of the time and memory: for the 102 Shenzhen reports (970,644 triples) 3.4 s and 227 MB, against 40 s and
1.4 GB through rdflib.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from sys import intern
from urllib.parse import unquote

import pyoxigraph as ox

from kg.model import ENTITY_TYPES
from kg.vocab import GK

__all__ = ["csv_tables", "to_csv", "area_key"]

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
    """``observations.csv`` and ``entity.csv`` of the build whose Turtle is ``ttl``."""
    facts = _read(Path(ttl))
    return {"observations.csv": to_csv(_observation_rows(facts), observation_columns),
            "entities.csv": to_csv(_entity_rows(facts), entity_columns)}


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
    f = _Facts()
    for t in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE):
        s, p, o = intern(t.subject.value), t.predicate.value, t.object  # a node's IRI held once, however often read
        if p == _RDF_TYPE:
            if o.value == _GK + "Observation":
                f.observations.append(s)
            elif o.value in _ENTITY_CLASSES:
                f.kinds[s] = _ENTITY_CLASSES[o.value]
        elif p == _LABEL:
            f.labels.setdefault(s, o.value)
        elif p == _ALT_LABEL:
            f.aliases[s].append(o.value)
        elif (name := _READ.get(p)) is not None:
            value = intern(o.value) if isinstance(o, ox.NamedNode) else o.value
            if name == "rule":
                f.rules[s].append(value)
            else:
                if name == "mention":
                    f.mentions[s].append(value)
                elif name == "workArea":
                    f.areas[s].add(value)
                f.of[name].setdefault(s, value)
    return f


def _number(text: str | None) -> str:
    if text is None:
        return ""
    try:
        return format(Decimal(text).normalize(), "f")
    except ArithmeticError:
        return text


def _int(text: str | None) -> int:
    return -1 if text is None else int(text)


def area_key(area) -> str:
    """The key of a work area (``R1.2``), read back from its IRI (a string or an rdflib term); ``""`` for none."""
    return unquote(str(area).rsplit("/area/", 1)[-1]) if area else ""


def _observation_rows(f: _Facts) -> list[dict]:
    of, rows = f.of, []
    for obs in f.observations:
        report, area, mention = of["report"].get(obs, ""), of["workArea"].get(obs), of["mention"].get(obs)
        rows.append({
            "report": of["fileName"].get(report, ""), "region": of["region"].get(report, ""),
            "report_year": of["reportYear"].get(report, ""),
            "indicator": f.labels.get(of["indicator"].get(obs, ""), ""),
            "value": _number(of["value"].get(obs)), "upper": _number(of["upperValue"].get(obs)),
            "unit": of["unit"].get(obs, ""), "qualifier": of["qualifier"].get(obs, ""),
            "growth_pct": _number(of["growthRate"].get(obs)), "year": of["year"].get(obs, ""),
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
            rows.append({"name": name, "type": kind, "aliases": aliases,
                         "report": of["fileName"].get(of["report"].get(area, ""), ""), "area_key": area_key(area),
                         "area_title": f.labels.get(area, ""), "mentions": mentions[area],
                         "rules": "|".join(sorted(rules.get(area, ())))})
    return sorted(rows, key=lambda r: (r["report"], r["type"], r["name"], r["area_key"]))


def to_csv(rows: list[dict], columns: tuple[str, ...]) -> bytes:
    """CSV in UTF-8 with a BOM (Excel reads Chinese right), CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")

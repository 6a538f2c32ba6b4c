"""Run the stages in order: the one place that knows how a report becomes a graph.

>>> from kg.read import parse_report
>>> x = extract(parse_report("政府工作报告\\n2020年工作回顾\\n一、抓项目\\n产业加快发展。引进星河电子落户,工业总产值100亿元,增长5%。"))
>>> [(e.name, e.etype) for e in x.entities], [(o.indicator, str(o.value), str(o.growth)) for o in x.observations]
([('星河电子', 'Enterprise')], [('工业总产值', '100', '5')])
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable

from .entities import find_mentions, find_relations
from .errors import InputError, KgError
from .graph import build_graph
from .indicators import find_observations
from .model import BuildResult, Extraction, Problem, Report
from .read import READABLE_SUFFIXES, read_report
from .render import render_html
from .resolve import resolve_entities
from .store import ensure_dir, write_text_atomic
from .structure import read_structure
from .validate import check_graph

__all__ = ["collect_inputs", "extract", "extract_file", "build"]


def collect_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """The report files named by ``inputs`` (files, or folders searched recursively), sorted."""
    files: list[Path] = []
    for item in inputs:
        p = Path(item)
        if not p.exists():
            raise InputError("no such file or folder", path=str(p), hint="check the path")
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in READABLE_SUFFIXES
                           and not f.name.startswith((".", "~$")))  # hidden files, Word's lock files
            if not found:
                raise InputError(f"no reports ({', '.join(READABLE_SUFFIXES)}) in this folder", path=str(p))
            files.extend(found)
        else:
            files.append(p)
    return list(dict.fromkeys(files))


def extract(report: Report) -> Extraction:
    """Structure, entities, observations and relations of one report."""
    structure = read_structure(report)
    entities = resolve_entities(find_mentions(report, structure), structure.meta.region)
    observations = find_observations(report, structure)
    relations = find_relations(entities)
    return Extraction(report=report, structure=structure, entities=tuple(entities),
                      observations=tuple(observations), relations=tuple(relations))


def extract_file(path: str | Path) -> Extraction:
    return extract(read_report(path))


def build(inputs: Iterable[str | Path], out: str | Path,
          progress: Callable[[Path], None] | None = None, validate: bool = True) -> BuildResult:
    """Build ``graph.ttl`` and ``graph.html`` in ``out`` from report files or folders.

    A report that cannot be read is recorded as a problem and skipped; the
    build fails (``InputError``) only when no report could be read. The graph is
    checked against ``ontology/shapes.ttl`` before anything is written
    (``ValidationError`` on a violation, leaving ``out`` as it was).
    """
    began = time.perf_counter()
    files = collect_inputs(inputs)
    out_dir = ensure_dir(out)
    extractions, problems = [], []
    for path in files:
        try:
            extractions.append(extract_file(path))
        except KgError as exc:
            problems.append(Problem(str(path), str(exc).removeprefix(f"{path}: "), "error"))
        if progress:
            progress(path)
    if not extractions:
        raise InputError("no report could be read: " + "; ".join(f"{p.path}: {p.message}" for p in problems))
    for x in extractions:
        if not any(a.kind == "part" for a in x.structure.areas):
            problems.append(Problem(x.report.path, "no review or plan part found; is this a work report?"))
    graph = build_graph(extractions)
    if validate:
        check_graph(graph, source=str(out_dir / "graph.ttl"))
    ttl = write_text_atomic(out_dir / "graph.ttl", graph.serialize(format="turtle"))
    page = write_text_atomic(out_dir / "graph.html", render_html(graph, "govkg"))
    counts = Counter()
    for x in extractions:
        counts.update(e.etype for e in x.entities)
        counts["Observation"] += len(x.observations)
    return BuildResult(out=str(out_dir), reports=len(extractions), counts=dict(counts), triples=len(graph),
                       seconds=round(time.perf_counter() - began, 2), files=(str(ttl), str(page)),
                       problems=tuple(problems))

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

from rdflib import Graph

from .entities import find_mentions, find_relations
from .errors import InputError
from .graph import add_extraction, add_promises, bind_prefixes
from .indicators import find_observations
from .model import BuildResult, Extraction, Problem, Report, Structure
from .parallel import CACHE_DIR, extract_all, write_shards
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
          progress: Callable[[Path], None] | None = None, validate: bool = True,
          workers: int = 1, cache: bool = True, scheduler=None, shards: bool | None = None) -> BuildResult:
    """Build ``graph.ttl`` and ``graph.html`` in ``out`` from report files or folders.

    A report that cannot be read is recorded as a problem and skipped; the
    build fails (``InputError``) only when no report could be read. The graph is
    checked against ``ontology/shapes.ttl`` before anything is written
    (``ValidationError`` on a violation, leaving ``out`` as it was).

    ``workers`` processes extract the reports (1: in this process). Reports are
    added to the graph in input order, so the output is the same whatever the
    number of workers. With ``cache``, each extraction is kept in ``out/.cache``
    and an unchanged file is not extracted again (see ``kg.parallel``).
    ``scheduler`` (a Dask scheduler's address, or a ``distributed.Client``)
    runs the extractions on a Dask cluster instead. ``shards`` (the default
    with a scheduler) also writes ``out/shards/*.nq``: one N-Quads file per
    report and ``shared.nq``, for a triple store's bulk loader.
    """
    began = time.perf_counter()
    files = collect_inputs(inputs)
    out_dir = ensure_dir(out)
    graph, kept, problems, warnings, counts = bind_prefixes(Graph()), [], [], [], Counter()
    for outcome in extract_all(files, workers, out_dir / CACHE_DIR if cache else None, scheduler):
        if outcome.problem:
            problems.append(outcome.problem)
        else:
            x = outcome.extraction
            add_extraction(graph, x)
            kept.append(_for_promises(x))
            counts.update(e.etype for e in x.entities)
            counts["Observation"] += len(x.observations)
            if not any(a.kind == "part" for a in x.structure.areas):
                warnings.append(Problem(x.report.path, "no review or plan part found; is this a work report?"))
        if progress:
            progress(outcome.path)
    if not kept:
        raise InputError("no report could be read: " + "; ".join(f"{p.path}: {p.message}" for p in problems))
    add_promises(graph, kept)
    if validate:
        check_graph(graph, source=str(out_dir / "graph.ttl"))
    ttl = write_text_atomic(out_dir / "graph.ttl", graph.serialize(format="turtle"))
    page = write_text_atomic(out_dir / "graph.html", render_html(graph, "govkg"))
    nq = write_shards(graph, out_dir / "shards") if (scheduler is not None if shards is None else shards) else []
    return BuildResult(out=str(out_dir), reports=len(kept), counts=dict(counts), triples=len(graph),
                       seconds=round(time.perf_counter() - began, 2), files=(str(ttl), str(page), *map(str, nq)),
                       problems=tuple(problems + warnings))


def _for_promises(x: Extraction) -> Extraction:
    """Only what promise tracking reads of an extraction (its report's name and meta, its observations),
    so that a corpus's texts, sentences and mentions are not all kept until the end."""
    report = Report(path=x.report.path, name=x.report.name, raw="", text="", offsets=(0,))
    return Extraction(report=report, structure=Structure(x.structure.meta, (), ()), entities=(),
                      observations=x.observations)

"""Run the stages in order: the one place that knows how a report becomes a graph.

>>> from kg.read.report import parse_report
>>> x = extract_report(parse_report("政府工作报告\\n2020年工作回顾\\n一、抓项目\\n产业加快发展。引进星河电子落户,工业总产值100亿元,增长5%。"))
>>> [(e.name, e.etype) for e in x.entities], [(o.indicator, str(o.value), str(o.growth)) for o in x.observations]
([('星河电子', 'Enterprise')], [('工业总产值', '100', '5')])
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from kg.corpus.build import build_corpus, paused_gc
from kg.corpus.parallel import Outcome, Pickles, map_files
from kg.corpus.parts import Part, make_part
from kg.extract.entities import find_mentions, find_relations
from kg.extract.indicators import find_observations
from kg.link.resolve import resolve_entities
from kg.model import BuildResult, Extraction, Report
from kg.read import collect_inputs, read_report
from kg.structure import read_structure

__all__ = ["extract_report", "extract_file", "extract_part", "extract_all", "build"]


def extract_report(report: Report) -> Extraction:
    """Structure, entities, observations and relations of one report."""
    structure = read_structure(report)
    entities = resolve_entities(find_mentions(report, structure), structure.meta.region)
    observations = find_observations(report, structure)
    relations = find_relations(entities)
    return Extraction(report=report, structure=structure, entities=tuple(entities),
                      observations=tuple(observations), relations=tuple(relations))


def extract_file(path: str | Path) -> Extraction:
    return extract_report(read_report(path))


def extract_part(path: str | Path, validate: bool = True, page: bool = True) -> Part:
    """A report file's part of a build (``kg.corpus.parts``): what a worker makes of each file.

    Python's cycle collector is paused meanwhile (``paused_gc``): a 30 KB report makes some 60,000 containers
    (tuples, lists, terms) that outlive a few collections, and the collector's passes over them were a tenth of
    the time; what cycles the report leaves are collected after it.
    """
    with paused_gc():
        return make_part(extract_file(path), validate, page)


def extract_all(files: Iterable[Path], workers: int = 1, cache_dir: Path | None = None,
                scheduler=None) -> Iterator[Outcome]:
    """Each file's ``Extraction`` (``outcome.extraction``), in input order, made by ``workers`` processes and kept
    in ``cache_dir`` if given (see ``kg.corpus.parallel.map_files``)."""
    yield from map_files(files, extract_file, workers, Pickles(cache_dir) if cache_dir else None, scheduler)


def build(inputs: Iterable[str | Path], out: str | Path, **options) -> BuildResult:
    """Build ``graph.ttl`` and ``graph.html`` in ``out`` from report files or folders (see
    ``kg.corpus.build.build_corpus`` for the ``options``: ``workers``, ``cache``, ``validate``, ``page``…)."""
    return build_corpus(collect_inputs(inputs), out, extract_part, **options)

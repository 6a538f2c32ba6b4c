"""Entity extraction of govkg side by side with a plain jieba part-of-speech baseline.

What it measures, per gold file in ``tests/gold/dev/`` and ``tests/gold/test/`` and in total (micro-averaged:
tp, fp and fn summed over the files):

- names F1, typed F1 and links F1 (links to work areas), with per-type recall,
  scored by ``kg.evaluate.evaluate``, the very scoring of ``kg eval`` (so a
  gold entity admitting several types counts, when found, for the type it was
  found as; "gold N" beside a type is the number of gold entities whose first
  type it is);
- the time each side took, and the ratio govkg / baseline, measured in the
  same run (machines are noisy: compare ratios, not seconds).

The baseline: ``jieba.posseg`` (a fresh ``POSTokenizer(jieba.Tokenizer())``,
HMM on) over each sentence that govkg's own structure stage finds. A word
tagged ``nt`` is an ``Institution``; a word tagged ``ns`` that ends in ``村`` or
``社区`` is a ``Village``; nothing else is kept. Its mentions are merged by
``kg.link.resolve.resolve_entities`` and put into an rdflib graph by
``kg.rdf.graph.build_graph``, like govkg's, so both are scored the same way and
their links to work areas are comparable.

Two times are reported for each side, each the best of ``--repeat`` runs,
both starting from a report already read and normalised:

- report → graph: govkg is ``kg.pipeline.extract_report`` + ``build_graph`` (it also
  finds indicators and relations); the baseline is ``read_structure`` + tagging
  + ``resolve_entities`` + ``build_graph``;
- entity stage: from the structure to the resolved entities (govkg's
  ``find_mentions`` + ``resolve_entities``; the baseline's tagging +
  ``resolve_entities``).

Run it from the repository root (with the venv active)::

    python bench/entity_baseline.py                          # every gold file
    python bench/entity_baseline.py --gold tests/gold/dev/seed.json --examples 20
    python bench/entity_baseline.py --repeat 5 --json /tmp/entity-baseline.json

A gold file's report (its ``doc``) is looked up in ``seeds/``, ``tests/fixtures/``
and ``../shared/corpus/shenzhen/`` (``--corpus DIR`` replaces the last one).
This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from rdflib import Graph  # noqa: E402

from kg.extract.entities.mentions import find_mentions  # noqa: E402
from kg.evaluate import Score, evaluate, load_gold  # noqa: E402
from kg.rdf.graph import build_graph  # noqa: E402
from kg.model import ENTITY_TYPES, Entity, Extraction, Mention, Report, Sentence, Structure  # noqa: E402
from kg.pipeline import extract_report  # noqa: E402
from kg.read.report import parse_report, read_report  # noqa: E402
from kg.link.resolve import resolve_entities  # noqa: E402
from kg.structure import read_structure  # noqa: E402

GOLD_DIR = ROOT / "tests" / "gold"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
# never used to write rules (yantian and luohu were, from session 8: their errors were read)
SIDES = ("govkg", "baseline")
METRICS = ("entities (names)", "entities (typed)", "links") + tuple(f"  {t}" for t in ENTITY_TYPES)
VILLAGE_ENDINGS = ("村", "社区")


# ---------------------------------------------------------------- the baseline


class Baseline:
    """jieba.posseg alone: ``nt`` words are institutions, ``ns`` words ending in 村/社区 are villages."""

    def __init__(self):
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        base = jieba.Tokenizer()
        base.initialize()
        self.tagger = jieba.posseg.POSTokenizer(base)

    def mentions(self, sentence: Sentence) -> list[Mention]:
        """The baseline's mentions in one sentence, with offsets into the analysed text."""
        found, cursor = [], 0
        for pair in self.tagger.cut(sentence.text, HMM=True):
            at = sentence.text.find(pair.word, cursor)
            if at < 0:
                continue
            cursor = at + len(pair.word)
            etype = self.type_of(pair.word, pair.flag)
            if etype:
                start = sentence.start + at
                found.append(Mention(name=pair.word, etype=etype, start=start, end=start + len(pair.word),
                                     sentence=sentence, rule=f"jieba-{pair.flag}", surface=pair.word))
        return found

    @staticmethod
    def type_of(word: str, flag: str) -> str | None:
        if flag == "nt":
            return "Institution"
        if flag == "ns" and word.endswith(VILLAGE_ENDINGS):
            return "Village"
        return None

    def entities(self, structure: Structure) -> list[Entity]:
        mentions = [m for s in structure.sentences for m in self.mentions(s)]
        return resolve_entities(mentions, structure.meta.region)

    def extract(self, report: Report) -> Extraction:
        """Like ``kg.pipeline.extract_report``, with the baseline's entities and nothing else."""
        structure = read_structure(report)
        return Extraction(report=report, structure=structure, entities=tuple(self.entities(structure)),
                          observations=(), relations=())


# ---------------------------------------------------------------- running both sides


@dataclass
class Side:
    """One side's result on one report."""

    extraction: Extraction
    scores: dict[str, Score]
    seconds: float  # report -> graph
    entity_seconds: float  # structure -> resolved entities


@dataclass
class Row:
    """One gold file, both sides."""

    gold: str
    doc: str
    path: str
    split: str
    gold_counts: dict[str, int]  # required gold entities per (first) type
    sides: dict[str, Side] = field(default_factory=dict)


def best_time(fn: Callable, repeat: int):
    """``fn()``'s result and the shortest of ``repeat`` wall-clock times."""
    times, result = [], None
    for _ in range(max(1, repeat)):
        began = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - began)
    return result, min(times)


def entity_scores(gold: dict, graph: Graph) -> dict[str, Score]:
    """The entity part of ``kg eval``'s scores (names, typed, links, per type)."""
    scores = evaluate(gold, graph).scores
    return {m: scores[m] for m in METRICS}


def run_govkg(report: Report, gold: dict, repeat: int) -> Side:
    def full():
        x = extract_report(report)
        return x, build_graph([x])

    (x, graph), seconds = best_time(full, repeat)
    _, entity_seconds = best_time(lambda: resolve_entities(find_mentions(report, x.structure),
                                                           x.structure.meta.region), repeat)
    return Side(x, entity_scores(gold, graph), seconds, entity_seconds)


def run_baseline(baseline: Baseline, report: Report, gold: dict, repeat: int) -> Side:
    def full():
        x = baseline.extract(report)
        return x, build_graph([x])

    (x, graph), seconds = best_time(full, repeat)
    _, entity_seconds = best_time(lambda: baseline.entities(x.structure), repeat)
    return Side(x, entity_scores(gold, graph), seconds, entity_seconds)


def warm_up(baseline: Baseline):
    """Load jieba's dictionaries and models on both sides before anything is timed."""
    report = parse_report("政府工作报告\n2020年工作回顾\n一、抓项目\n引进星河电子落户,建设青石村。", name="warm-up.txt")
    build_graph([extract_report(report)])
    build_graph([baseline.extract(report)])


# ---------------------------------------------------------------- gold files and their reports


def search_dirs(corpus: Path | None) -> list[Path]:
    return [ROOT / "seeds", ROOT / "tests" / "fixtures", corpus or DEFAULT_CORPUS]


def find_doc(doc: str, dirs: list[Path]) -> Path:
    for d in dirs:
        found = next((p for p in sorted(d.rglob(doc)) if p.is_file()), None)
        if found:
            return found
    raise SystemExit(f"error: report {doc} not found in " + ", ".join(str(d) for d in dirs)
                     + " (use --corpus DIR)")


def gold_counts(gold: dict) -> dict[str, int]:
    required = [e["types"][0] for e in gold["entities"] if not e.get("optional")]
    return {t: required.count(t) for t in ENTITY_TYPES}


def split_of(gold_path: Path) -> str:
    return "held-out" if gold_path.parent.name == "test" else "dev"


def measure(gold_path: Path, dirs: list[Path], baseline: Baseline, repeat: int) -> Row:
    gold = load_gold(gold_path)
    path = find_doc(gold["doc"], dirs)
    report = read_report(path)
    row = Row(gold=gold_path.name, doc=gold["doc"], path=str(path), split=split_of(gold_path),
              gold_counts=gold_counts(gold))
    row.sides["govkg"] = run_govkg(report, gold, repeat)
    row.sides["baseline"] = run_baseline(baseline, report, gold, repeat)
    return row


# ---------------------------------------------------------------- totals


@dataclass
class Total:
    """Scores and times summed over several files (micro-average)."""

    label: str
    files: int = 0
    scores: dict[str, dict[str, Score]] = field(default_factory=lambda: {s: {m: Score() for m in METRICS} for s in SIDES})
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(SIDES, 0.0))
    entity_seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(SIDES, 0.0))
    entities: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SIDES, 0))
    gold_counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ENTITY_TYPES, 0))


def total(label: str, rows: list[Row]) -> Total:
    t = Total(label, files=len(rows))
    for row in rows:
        for etype, n in row.gold_counts.items():
            t.gold_counts[etype] += n
        for name, side in row.sides.items():
            for m, s in side.scores.items():
                acc = t.scores[name][m]
                acc.tp, acc.fp, acc.fn = acc.tp + s.tp, acc.fp + s.fp, acc.fn + s.fn
            t.seconds[name] += side.seconds
            t.entity_seconds[name] += side.entity_seconds
            t.entities[name] += len(side.extraction.entities)
    return t


def totals(rows: list[Row]) -> list[Total]:
    out = [total(f"total ({files(rows)})", rows)]
    for split in ("dev", "held-out"):
        part = [r for r in rows if r.split == split]
        if part and len(part) < len(rows):
            out.append(total(f"total {split} ({files(part)})", part))
    return out


def files(rows: list[Row]) -> str:
    return f"{len(rows)} file{'' if len(rows) == 1 else 's'}"


# ---------------------------------------------------------------- printing


def ratio(a: float, b: float) -> str:
    return f"x{a / b:.2f}" if b else "-"


def recall(s: Score) -> str:
    return f"{s.recall:.3f}" if s.tp + s.fn else "-"


def table(t: Total) -> list[str]:
    """The lines of one table: govkg and baseline side by side."""
    g, b = t.scores["govkg"], t.scores["baseline"]
    def line(*cells) -> str:
        return "{:<32}{:>12}{:>12}{:>10}".format(*cells).rstrip()

    lines = [line("", "govkg", "baseline", "")]
    lines.append(line("names P / R", f"{g['entities (names)'].precision:.3f}/{g['entities (names)'].recall:.3f}",
                      f"{b['entities (names)'].precision:.3f}/{b['entities (names)'].recall:.3f}", ""))
    for label, m in (("names F1", "entities (names)"), ("typed F1", "entities (typed)"), ("links F1", "links")):
        lines.append(line(label, f"{g[m].f1:.3f}", f"{b[m].f1:.3f}", ""))
    for etype in ENTITY_TYPES:
        m = f"  {etype}"
        lines.append(line(f"recall {etype} (gold {t.gold_counts[etype]})", recall(g[m]), recall(b[m]), ""))
    lines.append(line("entities found", t.entities["govkg"], t.entities["baseline"], ""))
    lines.append(line("seconds, report -> graph", f"{t.seconds['govkg']:.3f}", f"{t.seconds['baseline']:.3f}",
                      ratio(t.seconds["govkg"], t.seconds["baseline"])))
    lines.append(line("seconds, entity stage", f"{t.entity_seconds['govkg']:.3f}",
                      f"{t.entity_seconds['baseline']:.3f}",
                      ratio(t.entity_seconds["govkg"], t.entity_seconds["baseline"])))
    return lines


def examples(row: Row, n: int) -> list[str]:
    ents = row.sides["baseline"].extraction.entities[:n]
    return ["baseline entities (first %d): " % len(ents)
            + "、".join(f"{e.name}({e.etype[0]}:{','.join(e.areas)})" for e in ents)]


def report_text(rows: list[Row], sums: list[Total], repeat: int, n_examples: int) -> str:
    out = [f"entity extraction: govkg vs jieba.posseg baseline (nt -> Institution, ns+村/社区 -> Village); "
           f"times are the best of {repeat} run(s); ratio = govkg / baseline"]
    for row in rows:
        out += ["", f"== {row.gold} [{row.split}]  {row.path}"] + table(total(row.gold, [row]))
        if n_examples:
            out += examples(row, n_examples)
    for t in sums:
        out += ["", f"== {t.label}, micro-averaged"] + table(t)
    held = [r.gold for r in rows if r.split == "held-out"]
    out += ["", "dev: " + (", ".join(r.gold for r in rows if r.split == "dev") or "-")
            + "; held-out (never used to write rules): " + (", ".join(held) or "-")]
    return "\n".join(out)


# ---------------------------------------------------------------- JSON


def score_json(s: Score) -> dict:
    return {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4),
            "recall": round(s.recall, 4), "f1": round(s.f1, 4)}


def total_json(t: Total) -> dict:
    sides = {name: {"scores": {m.strip(): score_json(s) for m, s in t.scores[name].items()},
                    "entities": t.entities[name], "seconds": round(t.seconds[name], 4),
                    "entity_seconds": round(t.entity_seconds[name], 4)} for name in SIDES}
    return {"files": t.files, "gold_entities": t.gold_counts, **sides,
            "ratio_seconds": round(t.seconds["govkg"] / t.seconds["baseline"], 3) if t.seconds["baseline"] else None,
            "ratio_entity_seconds": (round(t.entity_seconds["govkg"] / t.entity_seconds["baseline"], 3)
                                     if t.entity_seconds["baseline"] else None)}


def write_json(out: Path, rows: list[Row], sums: list[Total], repeat: int):
    data = {"benchmark": "entity_baseline", "repeat": repeat,
            "files": [{"gold": r.gold, "doc": r.doc, "path": r.path, "split": r.split, **total_json(total(r.gold, [r]))}
                      for r in rows],
            "totals": {t.label: total_json(t) for t in sums}}
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- command line


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--gold", nargs="+", type=Path, metavar="FILE",
                   help="gold files to use (default: every tests/gold/dev/*.json and tests/gold/test/*.json)")
    p.add_argument("--corpus", type=Path, metavar="DIR",
                   help=f"folder of corpus reports (default: {DEFAULT_CORPUS})")
    p.add_argument("--json", type=Path, metavar="OUT", help="also write the numbers as JSON to OUT")
    p.add_argument("--repeat", type=int, default=3, help="time each side this many times, keep the best (default 3)")
    p.add_argument("--examples", type=int, default=0, metavar="N",
                   help="print the baseline's first N entities per file, to check them by eye")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    gold_files = args.gold or sorted(p for split in ("dev", "test") for p in (GOLD_DIR / split).glob("*.json"))
    dirs = search_dirs(args.corpus)
    baseline = Baseline()
    warm_up(baseline)
    rows = [measure(Path(g), dirs, baseline, args.repeat) for g in gold_files]
    sums = totals(rows)
    if args.json:
        write_json(args.json, rows, sums, args.repeat)
    print(report_text(rows, sums, args.repeat, args.examples))
    if args.json:
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

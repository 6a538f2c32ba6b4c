"""govkg's promises against the gold chains of ``tests/gold/chains/``: targets found, verdicts given, verdicts right.

Each chain pairs a region's targets for year N (its report of year N) with what its report of N+1
says became of them, annotated by hand (see ``tests/gold/chains/README.md``). For each chain this
extracts the two reports, tracks the promises between them (``kg.link.promises``), and matches each
gold target to govkg's target at the same words of the plan report with the same value. It prints:

- found: gold targets govkg read as a target of year N (same words, same value);
- with a verdict: found targets govkg gave a verdict (met, missed, not reported);
- right: verdicts equal to the gold one, among those given (and the confusion of the wrong ones);
- outcome right: where both sides name an outcome, the same value;
- not reported, by reason;
- for a chain with projects (``kg.link.projects``): the gold projects govkg tracks (a plan's project with a
  stage word), and among those, the promised stage, the stage reached and the verdict that are right.

It asserts nothing. Run it from the repository root with the venv active::

    python bench/promise_chains.py                              # every chain, reports from ../shared
    python bench/promise_chains.py --corpus path/to/shenzhen --show-wrong
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import kg  # noqa: E402
from kg.link.projects import _same_project, track_projects  # noqa: E402
from kg.link.promises import track_promises  # noqa: E402

CHAINS = ROOT / "tests" / "gold" / "chains"


def locate(raw: str, sentence: str, text: str) -> tuple[int, int] | None:
    """Where ``text`` stands in ``raw``: inside its ``sentence`` when that is found, else its first place."""
    at = raw.find(sentence) if sentence else -1
    if at >= 0 and (inner := sentence.find(text)) >= 0:
        return at + inner, at + inner + len(text)
    at = raw.find(text)
    return (at, at + len(text)) if at >= 0 else None


def score_chain(path: Path, corpus: Path, show_wrong: bool = False) -> Counter:
    gold = json.loads(path.read_text(encoding="utf-8"))
    plan = kg.extract_file(corpus / gold["plan_report"])
    review = kg.extract_file(corpus / gold["review_report"])
    promises = {p.target[1]: p for p in track_promises([plan, review]) if p.target[0] == 0}
    raw, counts = plan.report.raw, Counter()
    for t in gold["targets"]:
        counts["targets"] += 1
        span = locate(raw, t.get("sentence", ""), t["text"])
        if span is None:
            counts["gold text not found in the file"] += 1
            continue
        found = [j for j, o in enumerate(plan.observations)
                 if o.status == "target" and o.year == gold["year"] and not o.period
                 and _overlaps(plan.report.raw_span(o.start, o.end), span)
                 and Decimal(str(t["value"])) in (o.value, o.upper, abs(o.value))]
        if not found:
            counts["not found"] += 1
            if show_wrong:
                print(f"  {gold['chain']}: {t['text']} -> not found as a target of {gold['year']}")
            continue
        counts["found"] += 1
        promise = next((promises[j] for j in found if j in promises), None)
        if promise is None:
            counts["found, no verdict"] += 1
            if show_wrong:
                o = plan.observations[found[0]]
                print(f"  {gold['chain']}: {t['text']} -> found as {o.indicator!r} ({o.concept!r}), no verdict")
            continue
        counts["with a verdict"] += 1
        expected = t["verdict"]
        if promise.verdict == expected:
            counts["right"] += 1
        else:
            counts[f"wrong: gold {expected}, govkg {promise.verdict}"] += 1
            if show_wrong:
                actual = review.observations[promise.actual[1]] if promise.actual else None
                print(f"  {gold['chain']}: {t['text']} -> gold {expected} ({(t.get('outcome') or {}).get('text')}); "
                      f"govkg {promise.verdict} ({actual and actual.surface}) {getattr(promise, 'reason', None) or ''}")
        if promise.verdict == "not reported":
            counts[f"not reported: {getattr(promise, 'reason', None)}"] += 1
        if promise.actual and t.get("outcome"):
            counts["outcomes compared"] += 1
            actual = review.observations[promise.actual[1]]
            if Decimal(str(t["outcome"]["value"])) in (actual.value, actual.growth, actual.upper):
                counts["outcome right"] += 1
    _score_projects(gold, plan, review, counts, show_wrong)
    return counts


def _score_projects(gold: dict, plan, review, counts: Counter, show_wrong: bool) -> None:
    tracked = {p.promised.name: p for p in track_projects([plan, review]) if p.plan == 0}
    for project in gold.get("projects", []):
        counts["projects"] += 1
        found = next((p for name, p in tracked.items() if _same_project(name, project["name"])), None)
        if found is None:
            if show_wrong:
                print(f"  {gold['chain']}: project {project['name']} ({project['promised']}) not tracked")
            continue
        counts["projects tracked"] += 1
        for key, got in (("promised", found.promised.stage), ("stage", found.stage), ("verdict", found.verdict)):
            if got == project[key]:
                counts[f"project {key} right"] += 1
            elif show_wrong:
                print(f"  {gold['chain']}: project {project['name']}: {key} gold {project[key]}, govkg {got}")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("chains", nargs="*", type=Path, help="gold chain files (default: tests/gold/chains/*.json)")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "shenzhen")
    parser.add_argument("--show-wrong", action="store_true", help="print each wrong verdict")
    args = parser.parse_args()
    total = Counter()
    for path in args.chains or sorted(CHAINS.glob("*.json")):
        counts = score_chain(path, args.corpus, args.show_wrong)
        total += counts
        print(f"{path.stem}: {_line(counts)}")
    print(f"all: {_line(total)}")
    if total["projects"]:
        tracked = total["projects tracked"]
        print(f"projects: {total['projects']}, tracked {tracked}; of those right: promised stage "
              f"{total['project promised right']}, stage reached {total['project stage right']}, "
              f"verdict {total['project verdict right']}")
    for key in sorted(k for k in total if k.startswith(("wrong", "not reported:", "not found", "found, no", "gold"))):
        print(f"  {key}: {total[key]}")


def _line(c: Counter) -> str:
    def share(a: str, b: str) -> str:
        return f"{c[a] / c[b]:.0%}" if c[b] else "-"
    return (f"{c['targets']} targets, found {c['found']} ({share('found', 'targets')}), with a verdict "
            f"{c['with a verdict']} ({share('with a verdict', 'targets')} of all), right {c['right']} "
            f"({share('right', 'with a verdict')} of those), outcome right {c['outcome right']}/{c['outcomes compared']}")


if __name__ == "__main__":
    main()

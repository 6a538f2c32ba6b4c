"""A learned filter of the rules' entities tried against the rules alone: a logistic regression over delexicalised
features of each entity the rules make, trained on the dev gold files, that drops the entities it reads as wrong.

What it measures (pooled typed entity F1, the way ``kg eval`` scores it, on ``tests/gold/dev`` and
``tests/gold/test``): govkg's rules alone, and the rules' entities less those the classifier gives a probability
of being right below a threshold; and the filter's speed in characters per second (the entities' features and the
classifier; the rules' own time not counted).

An entity's label: right when one of its names (normalised as ``kg.evaluate.norm`` does) is a gold name or alias
of a required gold entity of one of its accepted types, wrong when it matches no gold name or has the wrong type;
one outside the sections its gold file annotates, or matching an optional gold entity, is not learnt from.
Its features, none of them a name or a character of a report: its type; the rules and rule families that made
its mentions; how many mentions and work areas it has; its length; the type suffix of the lexicon it ends with
(the suffix, its type, whether that is the entity's type, whether it is a weak suffix, whether the name is the
suffix alone) and the length of what stands before it; jieba's words of the name (how many, the first and last
tags, whether all are common words, whether one is a proper noun or unknown, whether the name is itself a word
jieba knows); ``specificity_of`` of the rules' grammar; digits, Latin letters, quotes, brackets in it; whether it
holds one of the report's place names, is a village of the region's gazetteer, a generic name of the lexicon;
whether another entity's name holds it or it holds another's; the part (review or plan) of its mentions; and,
around its mentions, the classes of the characters before and after and the tags and kinds of the words before
and after (stop word, boundary word, common word...).

The classifier's L2 weight and the threshold are chosen on dev only, by leave-files-out cross-validation over
the dev files: for the "dev (CV)" figure they are chosen, inside each outer fold, by an inner cross-validation
over the other folds' files (nested), and the fold is scored by a model trained on the other folds; for the
"dev (trained on)" and test figures they are chosen by cross-validation over all the dev files and the model is
trained on all of them. Test is only printed pooled. Pure numpy and scipy; nothing is kept or shipped.

Run: ``python bench/candidate_filter.py --corpus DIR`` (where the gold files' reports are; default
``../shared/corpus``; ``seeds/`` and ``tests/fixtures/`` are searched too). ``--folds 7`` (outer and inner);
``--cache FILE`` keeps the rules' extractions between runs (it goes stale when the rules change).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from scipy.sparse import csr_matrix

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crf_combiner import ROOT, char_class, fmt, folds_of, load_splits, typed  # noqa: E402

from kg.evaluate import Score, _Areas, _predicted_entities, _report_for, norm  # noqa: E402
from kg.extract.entities.grammar import PROPER_POS, merge_tokens, specificity_of, suffix_of  # noqa: E402
from kg.extract.entities.mentions import _village_pattern, region_stems  # noqa: E402
from kg.extract.entities.rules import family_of  # noqa: E402
from kg.extract.lexicon import BOUNDARY_WORDS, GENERIC_NAMES, STOP_WORDS, TYPE_SUFFIXES, WEAK_SUFFIXES  # noqa: E402
from kg.nlp.segment import known_word, tokenize  # noqa: E402
from kg.rdf.graph import build_graph  # noqa: E402

L2_GRID = (0.3, 1.0, 3.0, 10.0)  # the weight of the classifier's L2 penalty
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.0, 0.75, 0.05))  # drop an entity below this probability


# ---- labels ----

def outcomes(gold: dict, x) -> tuple[list[tuple[bool | None, int | None]], int]:
    """Each entity of ``x``: (right, the index of the gold entity it matches) — right is None when it is not
    scored (outside the annotated sections, or an optional gold entity); and how many gold entities count."""
    g = build_graph([x])
    areas = _Areas(g, _report_for(g, gold["doc"]), gold["sections"], gold.get("unannotated", []))
    predicted = {(p["type"], p["label"]): p for p in _predicted_entities(g, areas)}
    index = {}
    for i, e in enumerate(gold["entities"]):
        for n in [e["name"], *e.get("aliases", [])]:
            index.setdefault(norm(n), i)
    out = []
    for e in x.entities:
        p = predicted.get((e.etype, e.name))
        if p is None or not p["sections"]:
            out.append((None, None))
            continue
        hits = sorted({index[n] for n in p["names"] if n in index})
        if not hits:
            out.append((False, None))
        elif gold["entities"][hits[0]].get("optional"):
            out.append((None, None))
        else:
            out.append((e.etype in gold["entities"][hits[0]]["types"], hits[0]))
    return out, sum(not e.get("optional") for e in gold["entities"])


def quick_score(files, keep) -> Score:
    """The pooled typed score of the files' entities kept (``keep[f][i]``), from their outcomes, counted the way
    ``kg.evaluate`` counts (a second entity for a gold entity found already counts neither way)."""
    s = Score()
    for (marks, total), kept in zip(files, keep):
        found, right_here = set(), 0
        for (right, gi), k in zip(marks, kept):
            if not k or right is None:
                continue
            if gi is None:
                s.fp += 1
            elif gi not in found:
                found.add(gi)
                right_here += right
                s.fp += not right
        s.tp += right_here
        s.fn += total - right_here
    return s


# ---- features ----

def _bucket(n: int, edges=(1, 2, 3, 4, 6, 9)) -> str:
    return next((f"<={e}" for e in edges if n <= e), f">{edges[-1]}")


def _word_kind(word: str, pos: str) -> str:
    if word in STOP_WORDS:
        return "stop"
    if word in BOUNDARY_WORDS:
        return "bound"
    if known_word(word):
        return "known" if pos in PROPER_POS or pos == "nz" else "common"
    return "unknown"


def entity_features(e, x, names: list[str], places: frozenset[str], villages, words_of) -> list[str]:
    """The features of the rules' entity ``e`` of extraction ``x`` (``names``: all its entities' names)."""
    f = [f"type={e.etype}"]
    rules = sorted({m.rule for m in e.mentions})
    f += [f"rule={r}" for r in rules] + [f"type*rule={e.etype}:{r}" for r in rules]
    f += [f"family={r}" for r in sorted({family_of(r) for r in rules})] + [f"rules={min(len(rules), 3)}"]
    f += [f"mentions={_bucket(len(e.mentions), (1, 2, 4))}", f"areas={_bucket(len(e.areas), (1, 2, 4))}",
          f"aliases={bool(e.aliases)}", f"len={_bucket(len(e.name), (2, 3, 4, 5, 6, 8, 10, 14))}"]
    f += [f"part={p}" for p in sorted({m.sentence.area[:1] for m in e.mentions})]
    name = e.name
    s = suffix_of(name) or ""
    stype = TYPE_SUFFIXES.get(s, "none")
    f += [f"suffix={s or '-'}", f"suffix_type={stype}", f"suffix_is_type={stype == e.etype}",
          f"type*suffix_type={e.etype}:{stype}", f"weak={s in WEAK_SUFFIXES}", f"bare_suffix={name == s}",
          f"stem={_bucket(len(name) - len(s), (0, 1, 2, 3, 4, 6, 9))}", f"suffix_len={len(s)}"]
    toks = words_of(name)
    kinds = [_word_kind(t.word, t.pos) for t in toks]
    f += [f"words={_bucket(len(toks), (1, 2, 3, 4, 6))}", f"first_pos={toks[0].pos}", f"last_pos={toks[-1].pos}",
          f"first_kind={kinds[0]}", f"last_kind={kinds[-1]}", f"all_common={all(k == 'common' for k in kinds)}",
          f"proper={any(t.pos in PROPER_POS for t in toks)}", f"unknown={'unknown' in kinds}",
          f"known_word={known_word(name)}", f"specificity={specificity_of(list(toks), s, places)}"]
    classes = {char_class(ch) for ch in name}
    f += [f"has={k}" for k in sorted(classes)]
    f += [f"place={any(p in name for p in places)}", f"generic={name in GENERIC_NAMES}",
          f"village={bool(villages and villages.fullmatch(name))}",
          f"inside_other={any(name in n and name != n for n in names)}",
          f"holds_other={any(n in name and name != n for n in names if len(n) >= 2)}"]
    f.append(f"in_text={_bucket(x.report.text.count(name), (1, 2, 3, 5, 10))}")
    f.append(f"sentence={_bucket(min(len(m.sentence.text) for m in e.mentions), (10, 20, 40, 80))}")
    for m in e.mentions[:8]:
        text, a, b = m.sentence.text, m.start - m.sentence.start, m.end - m.sentence.start
        f += [f"before={char_class(text[a - 1]) if a > 0 else '^'}", f"after={char_class(text[b]) if b < len(text) else '$'}"]
        before = [t for t in tokenize(text[max(0, a - 6):a])][-1:] if a > 0 else []
        after = [t for t in tokenize(text[b:b + 6])][:1] if b < len(text) else []
        f += [f"prev_pos={t.pos}" for t in before] + [f"prev_kind={_word_kind(t.word, t.pos)}" for t in before]
        f += [f"next_pos={t.pos}" for t in after] + [f"next_kind={_word_kind(t.word, t.pos)}" for t in after]
    return sorted(set(f))


def file_features(x) -> list[list[str]]:
    places = region_stems(x.structure.meta.region)
    villages = _village_pattern(x.structure.meta.region_path)
    names = [e.name for e in x.entities]
    cache: dict[str, tuple] = {}

    def words_of(name):
        if name not in cache:
            cache[name] = tuple(merge_tokens(tokenize(name), name)) or tuple(tokenize(name))
        return cache[name]

    return [entity_features(e, x, names, places, villages, words_of) for e in x.entities]


# ---- logistic regression ----

class Logistic:
    """L2-regularised logistic regression over binary features (the bias not penalised), fit by L-BFGS."""

    def __init__(self, l2: float):
        self.l2 = l2

    def _matrix(self, rows: list[list[str]]):
        data, cols, ptr = [], [], [0]
        for r in rows:
            js = [self.vocab[f] for f in r if f in self.vocab]
            cols += js
            data += [1.0] * len(js)
            ptr.append(len(cols))
        return csr_matrix((data, cols, ptr), shape=(len(rows), len(self.vocab)))

    def fit(self, rows: list[list[str]], y: np.ndarray) -> Logistic:
        self.vocab = {f: i for i, f in enumerate(sorted({f for r in rows for f in r}))}
        X, y = self._matrix(rows), y.astype(float)

        def loss(w):
            z = X @ w[1:] + w[0]
            p = 1 / (1 + np.exp(-z))
            value = np.sum(np.logaddexp(0, z) - y * z) + self.l2 / 2 * w[1:] @ w[1:]
            g = p - y
            return value, np.concatenate([[g.sum()], X.T @ g + self.l2 * w[1:]])

        self.w = minimize(loss, np.zeros(len(self.vocab) + 1), jac=True, method="L-BFGS-B").x
        return self

    def prob(self, rows: list[list[str]]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        return 1 / (1 + np.exp(-(self._matrix(rows) @ self.w[1:] + self.w[0])))


# ---- the experiment ----

def fit_on(data, files, l2):
    rows = [r for i in files for r, (right, _) in zip(data[i]["feats"], data[i]["marks"]) if right is not None]
    y = np.array([right for i in files for right, _ in data[i]["marks"] if right is not None])
    return Logistic(l2).fit(rows, y)


def choose(data, files, k, least: float = 0.0) -> tuple[float, float, float]:
    """The (L2 weight, threshold of at least ``least``) of the best pooled typed F1 over ``files`` by
    leave-files-out cross-validation in ``k`` folds, with that F1."""
    folds = [[files[j] for j in fold] for fold in folds_of(len(files), k)]
    oof = {}
    for l2 in L2_GRID:
        for fold in folds:
            model = fit_on(data, [i for i in files if i not in fold], l2)
            for i in fold:
                oof[l2, i] = model.prob(data[i]["feats"])
    marks = [(data[i]["marks"], data[i]["total"]) for i in files]
    best = max(((quick_score(marks, [oof[l2, i] >= t for i in files]).f1, l2, t)
                for l2 in L2_GRID for t in THRESHOLDS if t >= least), key=lambda r: (r[0], -r[2]))
    return best[1], best[2], best[0]


def filtered(x, probs, threshold):
    return replace(x, entities=tuple(e for e, p in zip(x.entities, probs) if p >= threshold))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    p.add_argument("--folds", type=int, default=7, help="groups of dev files for cross-validation (default 7)")
    p.add_argument("--cache", type=Path, help="keep the rules' extractions in this pickle between runs")
    p.add_argument("--least", type=float, default=0.1,
                   help="the second row's least threshold (the first row's may be 0: no entity dropped)")
    args = p.parse_args()
    splits = load_splits(args.corpus, args.cache)
    dev, test = splits["dev"], splits["test"]

    began = time.perf_counter()
    data = []
    for gold, x in dev:
        marks, total = outcomes(gold, x)
        data.append({"marks": marks, "total": total, "feats": file_features(x)})
    labelled = [m for d in data for m, _ in d["marks"] if m is not None]
    print(f"dev: {len(labelled)} rule entities scored, {sum(labelled)} right; features and labels in "
          f"{time.perf_counter() - began:.1f} s", file=sys.stderr)

    rules_dev = typed(dev)
    print(f"pooled typed entity F1 (dev {len(dev)} files, {args.folds}-fold leave-files-out CV, nested; "
          f"test {len(test)} files)")
    print(f"{'':26}{'chosen on dev CV':>18}{'dev (CV)':>24}{'dev (trained on)':>24}{'test':>24}{'chars/s':>10}")
    print(f"{'rules alone':26}{'':>18}{fmt(rules_dev):>24}{fmt(rules_dev):>24}{fmt(typed(test)):>24}")
    for least in (0.0, args.least):
        row = f"candidate filter (t>={least})" if least else "candidate filter"
        settings, cv, dev_all, test_score, speed = measure(dev, test, data, args.folds, least)
        print(f"{row:26}{settings:>18}{fmt(cv):>24}{fmt(dev_all):>24}{fmt(test_score):>24}{speed:>10,.0f}")


def measure(dev, test, data, k, least):
    """The columns of the filter whose threshold is at least ``least``: its settings, dev cross-validated (nested),
    dev trained on, test, characters per second."""
    outer = folds_of(len(dev), k)
    cv_results = [None] * len(dev)
    for fold in outer:  # each outer fold filtered by a model and a threshold chosen without it
        rest = [i for i in range(len(dev)) if i not in fold]
        l2, t, f1 = choose(data, rest, k - 1, least)
        print(f"[t>={least}] outer fold {fold}: chose l2={l2} threshold={t} (inner CV F1 {f1:.3f})", file=sys.stderr)
        model = fit_on(data, rest, l2)
        for i in fold:
            cv_results[i] = (dev[i][0], filtered(dev[i][1], model.prob(data[i]["feats"]), t))

    l2, t, f1 = choose(data, list(range(len(dev))), k, least)
    print(f"[t>={least}] all dev: chose l2={l2} threshold={t} (CV F1 {f1:.3f})", file=sys.stderr)
    model = fit_on(data, list(range(len(dev))), l2)
    weights = sorted(zip(model.w[1:], model.vocab), reverse=True)
    print("heaviest features: " + ", ".join(f"{f} {w:+.2f}" for w, f in weights[:10] + weights[-10:]), file=sys.stderr)
    dev_all = [(g, filtered(x, model.prob(d["feats"]), t)) for (g, x), d in zip(dev, data)]
    chars = seconds = 0.0
    test_results = []
    for gold, x in test:
        began = time.perf_counter()
        y = filtered(x, model.prob(file_features(x)), t)
        seconds += time.perf_counter() - began
        chars += sum(len(s.text) for s in x.structure.sentences)
        test_results.append((gold, y))
    return f"l2={l2} t={t}", typed(cv_results), typed(dev_all), typed(test_results), chars / seconds

if __name__ == "__main__":
    main()

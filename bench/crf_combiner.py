"""Learned combiners tried against the rules alone: a CRF over characters that weighs the rules' candidates with
jieba's words and tags and the lexicon, trained on the dev gold files and scored on the held-out test files.

What it measures (pooled typed entity F1, the way ``kg eval`` scores it, on ``tests/gold/dev`` and
``tests/gold/test``), for govkg's rules alone and for each combiner:

- ``crf-lexical``: the CRF's entities in place of the rules', the CRF seeing the characters themselves;
- ``crf-delex``: the same with no character identity at all (see ``delex_features``);
- ``union``: the rules' entities, plus the delexicalised CRF's entities that overlap no rule mention (and of which
  every character is in a name with a probability of at least a threshold);
- ``crf-filter``: the rules' entities, each kept only where the delexicalised CRF gives one of its mentions'
  characters a probability of being in a name of at least a threshold.

Each combiner is scored three ways: on dev by leave-files-out cross-validation (``--folds`` groups of dev files,
each tagged by a CRF trained on the others), on dev trained on all of it (the training data: optimistic), and on
test trained on all of dev. The CRF's ``c1``/``c2`` (and the thresholds of ``union`` and ``crf-filter``) are chosen
per combiner by the cross-validated dev F1 (so the "dev (CV)" figure is the best of a few, slightly optimistic), never
on test; test is only printed pooled. Speed: characters per second of each combiner
on the test reports (jieba's words, the features and the tagging; the rules' own time not counted). The CRF is
trained here with ``python-crfsuite`` (``pip install python-crfsuite``); nothing is kept or shipped.

Features of each character (delexicalised): the character's class (Han, Chinese numeral, digit, Latin, quote,
bracket, separator...) and its neighbours'; its place in jieba's word (B/M/E/S), the word's tag and length, and
whether the word is one jieba knows, a common word, a boundary or stop word of the lexicon, a generic name, one of
the report's own place names; whether a type suffix of the lexicon ends at it or covers it (and its type), a
weak suffix; whether it is inside a quote, inside a village of the report's region (China's divisions); and the
rules' own candidate spans as B/I tags with their type and rule family. ``crf-lexical`` has the first combiner's
features instead (``lexical_features``: the character, its neighbours and bigrams among them). Labels: the gold names (and aliases) found in the sentence, typed by their first type;
a sentence of a gold that annotates only some sections is used only where a gold name stands in it (the others
may hold names nobody annotated).

Run: ``python bench/crf_combiner.py --corpus DIR`` (where the gold files' reports are; default
``../shared/corpus``; ``seeds/`` and ``tests/fixtures/`` are searched too). ``--c1 0.1 --c2 0.01`` fixes the
CRF's regularisation instead of choosing it by cross-validation (faster); ``--folds 4``; ``--workers 2`` trains
folds in parallel. ``bench/candidate_filter.py`` tries a classifier of the rules' entities instead.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import pickle
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pycrfsuite  # noqa: E402

import kg  # noqa: E402
from kg.evaluate import Score, evaluate, pooled  # noqa: E402
from kg.extract.entities.grammar import PROPER_POS, merge_tokens, suffix_of  # noqa: E402
from kg.extract.entities.mentions import _village_pattern, region_stems  # noqa: E402
from kg.extract.entities.rules import family_of  # noqa: E402
from kg.extract.lexicon import BOUNDARY_WORDS, GENERIC_NAMES, STOP_WORDS, TYPE_SUFFIXES, WEAK_SUFFIXES  # noqa: E402
from kg.link.resolve import resolve_entities  # noqa: E402
from kg.model import ENTITY_TYPES, Mention  # noqa: E402
from kg.nlp.segment import known_word, tokenize  # noqa: E402
from kg.rdf.graph import build_graph  # noqa: E402

GOLD = ROOT / "tests" / "gold"
C_GRID = ((0.05, 0.01), (0.2, 0.01), (0.5, 0.05), (1.0, 0.1))  # (c1, c2) tried by cross-validation
THRESHOLDS = {"crf-filter": (0.05, 0.1, 0.2, 0.3, 0.5),  # the least probability of a name in a rule mention
              "union": (0.0, 0.6, 0.8, 0.9, 0.95)}  # the least probability of a name in each character of a CRF name


# ---- the data: gold files and the rules' extractions ----

def find_report(doc: str, dirs: list[Path]) -> Path:
    for d in dirs:
        found = next((p for p in sorted(d.rglob(doc)) if p.is_file()), None)
        if found:
            return found
    raise SystemExit(f"error: no report {doc} in {', '.join(map(str, dirs))}")


def load_splits(corpus: Path, cache: Path | None = None) -> dict[str, list[tuple[dict, object]]]:
    """Each split's (gold, the rules' extraction of its report), in file order. ``cache``: a pickle of them to
    reuse between runs (for trying features; it goes stale when the rules change)."""
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    dirs = [ROOT / "seeds", ROOT / "tests" / "fixtures", corpus]
    splits = {}
    for split in ("dev", "test"):
        golds = [json.loads(f.read_text(encoding="utf-8")) for f in sorted((GOLD / split).glob("*.json"))]
        splits[split] = [(g, kg.extract_file(find_report(g["doc"], dirs))) for g in golds]
    if cache:
        cache.write_bytes(pickle.dumps(splits))
    return splits


def folds_of(n: int, k: int) -> list[list[int]]:
    """``k`` groups of file indices (every ``k``-th file), for leave-files-out cross-validation."""
    return [list(range(i, n, k)) for i in range(k)]


def typed(pairs) -> Score:
    """The pooled typed entity score of (gold, extraction) pairs."""
    return pooled([evaluate(gold, build_graph([x])) for gold, x in pairs])["entities (typed)"]


# ---- features ----

_HAN_NUMERALS = frozenset("一二两三四五六七八九十百千万亿零〇")
_QUOTES = frozenset("“”\"‘’'《》「」『』")
_BRACKETS = frozenset("()（）[]【】")
_SEPARATORS = frozenset("、,，;；:：·-—～~/")
_ENDS = frozenset("。！？!?")


def char_class(ch: str) -> str:
    if ch in _HAN_NUMERALS:
        return "N"
    if "\u4e00" <= ch <= "\u9fff":
        return "H"
    if ch.isdigit():
        return "D"
    if ch.isascii() and ch.isalpha():
        return "L"
    if ch in _QUOTES:
        return "Q"
    if ch in _BRACKETS:
        return "B"
    if ch in _SEPARATORS:
        return "S"
    if ch in _ENDS:
        return "E"
    return "W" if ch.isspace() else "P"


def _common(word: str, pos: str) -> bool:
    return known_word(word) and pos not in PROPER_POS and pos != "nz"


def delex_features(text: str, toks, rule_tags: list[str], places: frozenset[str] = frozenset(),
                   villages=None) -> list[list[str]]:
    """The features of each character of ``text`` (a sentence; ``toks`` and tags are relative to it), none of
    them the identity of a character."""
    n = len(text)
    cls = [char_class(ch) for ch in text]
    word = [("S", "x", "1", "-")] * n  # place in the word, tag, length, the word's kind
    for t in toks:
        size = t.end - t.start
        kind = ("stop" if t.word in STOP_WORDS else "bound" if t.word in BOUNDARY_WORDS
                else "generic" if t.word in GENERIC_NAMES else "place" if any(p in t.word for p in places)
                else "common" if _common(t.word, t.pos) else "known" if known_word(t.word) else "unknown")
        length = str(min(size, 4))
        for i in range(t.start, t.end):
            place = "S" if size == 1 else "B" if i == t.start else "E" if i == t.end - 1 else "M"
            word[i] = (place, t.pos, length, kind)
    suffix = ["-"] * n  # E-type where a type suffix ends, I-type inside it
    weak = [False] * n
    for i in range(n):
        s = suffix_of(text[max(0, i - 6):i + 1])
        if s:
            for j in range(i - len(s) + 1, i):
                if suffix[j] == "-":
                    suffix[j] = f"I-{TYPE_SUFFIXES[s]}"
            suffix[i] = f"E-{TYPE_SUFFIXES[s]}"
            weak[i] = s in WEAK_SUFFIXES
    quoted, depth = [False] * n, 0
    for i, ch in enumerate(text):
        if ch in "“《「『":
            depth += 1
        elif ch in "”》」』" and depth:
            depth -= 1
        quoted[i] = depth > 0
    village = [False] * n
    if villages is not None:
        for h in villages.finditer(text):
            for i in range(h.start(), h.end()):
                village[i] = True

    def at(seq, i, edge):
        return seq[i] if 0 <= i < n else edge

    feats = []
    for i in range(n):
        place, pos, length, kind = word[i]
        f = ["bias", f"k={cls[i]}", f"k-1={at(cls, i - 1, '^')}", f"k+1={at(cls, i + 1, '$')}",
             f"k-2={at(cls, i - 2, '^')}", f"k+2={at(cls, i + 2, '$')}", f"k-1k={at(cls, i - 1, '^')}{cls[i]}",
             f"kk+1={cls[i]}{at(cls, i + 1, '$')}",
             f"w={place}", f"pos={pos}", f"wpos={place}{pos}", f"wlen={place}{length}", f"kind={kind}",
             f"wkind={place}{kind}", f"sfx={suffix[i]}", f"sfx+1={at(suffix, i + 1, '$')}",
             f"sfx-1={at(suffix, i - 1, '^')}", f"weak={weak[i]}", f"quoted={quoted[i]}", f"village={village[i]}",
             f"rule={rule_tags[i]}", f"rule-1={at(rule_tags, i - 1, '^')}", f"rule+1={at(rule_tags, i + 1, '$')}",
             f"rulew={rule_tags[i][:1]}{place}{kind}"]
        if i:
            p = word[i - 1]
            f += [f"pw-1={p[0]}{p[1]}", f"kind-1={p[3]}"]
        if i + 1 < n:
            p = word[i + 1]
            f += [f"pw+1={p[0]}{p[1]}", f"kind+1={p[3]}"]
        feats.append(f)
    return feats


def lexical_features(text: str, toks, rule_tags: list[str], places=frozenset(), villages=None) -> list[list[str]]:
    """The first combiner's features: the character, its neighbours and bigrams, jieba's word place and tag, a type
    suffix ending here, a stop word, the rules' tags."""
    word_tag = [("S", "x")] * len(text)
    inside_stop = [False] * len(text)
    for t in toks:
        n = t.end - t.start
        for i in range(t.start, t.end):
            place = "S" if n == 1 else "B" if i == t.start else "E" if i == t.end - 1 else "M"
            word_tag[i] = (place, t.pos)
            inside_stop[i] = t.word in STOP_WORDS
    feats = []
    for i, ch in enumerate(text):
        suffix = suffix_of(text[max(0, i - 5):i + 1])
        f = [f"c={ch}", f"c-1={text[i - 1] if i else '^'}", f"c+1={text[i + 1] if i + 1 < len(text) else '$'}",
             f"c-1c={text[i - 1:i + 1]}", f"cc+1={text[i:i + 2]}", f"w={word_tag[i][0]}", f"pos={word_tag[i][1]}",
             f"wpos={word_tag[i][0]}{word_tag[i][1]}", f"rule={rule_tags[i]}", f"stop={inside_stop[i]}",
             f"suffix={TYPE_SUFFIXES[suffix] if suffix else '-'}"]
        if i + 1 < len(text):
            f.append(f"rule+1={rule_tags[i + 1]}")
        if i:
            f.append(f"rule-1={rule_tags[i - 1]}")
        feats.append(f)
    return feats


FEATURES = {"lexical": lexical_features, "delex": delex_features}


def span_tags(length: int, spans: list[tuple[int, int, str]]) -> list[str]:
    """BIO tags of ``spans`` (start, end, label) over ``length`` characters; the longest span wins an overlap."""
    tags = ["O"] * length
    for a, b, label in sorted(spans, key=lambda s: s[0] - s[1]):
        if a < 0 or b > length or any(t != "O" for t in tags[a:b]):
            continue
        tags[a] = f"B-{label}"
        for i in range(a + 1, b):
            tags[i] = f"I-{label}"
    return tags


def _find_all(text: str, sub: str):
    i = text.find(sub)
    while i >= 0:
        yield i
        i = text.find(sub, i + 1)


@dataclass
class Sent:
    """One sentence made ready: its features, its gold labels (None: not trained on) and the rules' spans in it."""

    sentence: object
    feats: list[list[str]]
    labels: list[str] | None
    rules: list[tuple[int, int]]


def prepare(x, gold: dict | None, featurize) -> list[Sent]:
    """Every sentence of extraction ``x`` with its features (and, given ``gold``, its labels where it is used for
    training)."""
    by_sentence: dict[int, list[Mention]] = {}
    for e in x.entities:
        for m in e.mentions:
            by_sentence.setdefault(m.sentence.start, []).append(m)
    names = [] if gold is None else [(n, e["types"][0]) for e in gold["entities"] if e["types"][0] in ENTITY_TYPES
                                     for n in [e["name"], *e.get("aliases", [])] if len(n) >= 2]
    partial = gold is not None and "unannotated" in gold
    places = region_stems(x.structure.meta.region)
    villages = _village_pattern(x.structure.meta.region_path)
    out = []
    for s in x.structure.sentences:
        mentions = by_sentence.get(s.start, [])
        rules = [(m.start - s.start, m.end - s.start, f"{m.etype}:{family_of(m.rule)}") for m in mentions]
        toks = [t._replace(start=t.start - s.start, end=t.end - s.start)
                for t in merge_tokens(tokenize(s.text, s.start), x.report.text)]
        feats = featurize(s.text, toks, span_tags(len(s.text), rules), places, villages)
        labels = None
        if gold is not None:
            gold_spans = [(i, i + len(n), t) for n, t in names for i in _find_all(s.text, n)]
            if (gold_spans or rules) and not (partial and not gold_spans):
                labels = span_tags(len(s.text), gold_spans)
        out.append(Sent(s, feats, labels, [(a, b) for a, b, _ in rules]))
    return out


# ---- training and tagging ----

def train(prepared: list[list[Sent]], c1: float, c2: float) -> bytes:
    """A CRF trained on the labelled sentences of ``prepared`` files: the model file's bytes."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for sents in prepared:
        for s in sents:
            if s.labels is not None:
                trainer.append(s.feats, s.labels)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": 150, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "combiner.crfsuite"
        trainer.train(str(path))
        return path.read_bytes()


_SHARED: list = []  # the dev files' prepared sentences, shared with forked training processes


def _train_job(args):
    files, c1, c2 = args
    return train([_SHARED[i] for i in files], c1, c2)


def tagger_of(model: bytes):
    path = Path(tempfile.mkdtemp()) / "combiner.crfsuite"
    path.write_bytes(model)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


@dataclass
class Tagged:
    """A sentence's tags and each character's probability of being in a name (1 - P(O))."""

    sentence: object
    tags: list[str]
    name_prob: list[float]
    rules: list[tuple[int, int]]


def tag_file(tagger, sents: list[Sent], marginals: bool = True) -> list[Tagged]:
    out = []
    for s in sents:
        tags = tagger.tag(s.feats)
        probs = [1.0 - tagger.marginal("O", i) for i in range(len(tags))] if marginals else []
        out.append(Tagged(s.sentence, tags, probs, s.rules))
    return out


# ---- the combiners: an extraction made from the rules' and the CRF's ----

def crf_mentions(tagged: list[Tagged], free_only: bool = False, least: float = 0.0) -> list[Mention]:
    """The CRF's names as mentions (``free_only``: only those overlapping no rule mention, and of which every
    character is in a name with a probability of at least ``least``)."""
    mentions = []
    for t in tagged:
        s, tags, i = t.sentence, t.tags, 0
        while i < len(tags):
            if not tags[i].startswith(("B-", "I-")):
                i += 1
                continue
            label, j = tags[i][2:], i + 1
            while j < len(tags) and tags[j] == f"I-{label}":
                j += 1
            name = s.text[i:j]
            if len(name) >= 2 and not (free_only and (any(a < j and i < b for a, b in t.rules)
                                                      or least and min(t.name_prob[i:j]) < least)):
                mentions.append(Mention(name=name, etype=label, start=s.start + i, end=s.start + j, sentence=s,
                                        rule="crf", surface=name))
            i = j
    return mentions


def crf_only(x, tagged: list[Tagged]):
    """``x`` with its entities made from the CRF's tags (the rules' mentions are features only)."""
    entities = resolve_entities(crf_mentions(tagged), x.structure.meta.region)
    return replace(x, entities=tuple(entities), relations=())


def union(x, tagged: list[Tagged], least: float = 0.0):
    """``x`` with the CRF's entities that overlap no rule mention added to the rules' (a new name only; each of its
    characters in a name with a probability of at least ``least``)."""
    known = {n for e in x.entities for n in (e.name, *e.aliases)}
    extra = [e for e in resolve_entities(crf_mentions(tagged, True, least), x.structure.meta.region)
             if e.name not in known and not known & set(e.aliases)]
    return replace(x, entities=x.entities + tuple(extra))


def mention_probs(tagged: list[Tagged]) -> dict[tuple[int, int], float]:
    """Each rule mention's (start, end) in the report: the highest probability the CRF gives one of its characters
    of being in a name."""
    out = {}
    for t in tagged:
        for a, b in t.rules:
            out[(t.sentence.start + a, t.sentence.start + b)] = max(t.name_prob[a:b], default=0.0)
    return out


def crf_filter(x, tagged: list[Tagged], threshold: float):
    """``x`` with only the rules' entities of which the CRF reads some character of some mention as a name."""
    probs = mention_probs(tagged)
    keep = tuple(e for e in x.entities if max(probs.get((m.start, m.end), 1.0) for m in e.mentions) >= threshold)
    return replace(x, entities=keep)


VARIANTS = ("crf-lexical", "crf-delex", "union", "crf-filter")


def combine(variant: str, x, tagged: list[Tagged], threshold: float = 0.5):
    if variant in ("crf-lexical", "crf-delex"):
        return crf_only(x, tagged)
    if variant == "union":
        return union(x, tagged, threshold)
    return crf_filter(x, tagged, threshold)


# ---- the experiment ----

def fmt(s: Score) -> str:
    return f"{s.f1:.3f} (P {s.precision:.2f} R {s.recall:.2f})"


def cross_tag(dev, prepared, folds, grid, workers) -> dict[tuple, list[list[Tagged]]]:
    """Each dev file tagged by CRFs trained on the other folds, for each (c1, c2) of ``grid``."""
    jobs = [(c, k, ([i for i in range(len(dev)) if i not in fold], *c)) for c in grid for k, fold in enumerate(folds)]
    _SHARED[:] = prepared
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        models = list(pool.map(_train_job, [j[2] for j in jobs]))
    out = {c: [None] * len(dev) for c in grid}
    for (c, k, _), model in zip(jobs, models):
        tagger = tagger_of(model)
        for i in folds[k]:
            out[c][i] = tag_file(tagger, prepared[i])
    return out


def run_features(name: str, splits, variants, args) -> list[tuple[str, str, Score, Score, Score, float]]:
    """Each of ``variants`` of the CRF with features ``name``: its settings, dev cross-validated, dev trained on
    all, test, and characters per second."""
    featurize = FEATURES[name]
    dev, test = splits["dev"], splits["test"]
    began = time.perf_counter()
    prepared = [prepare(x, gold, featurize) for gold, x in dev]
    print(f"[{name}] features of the dev files in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    folds = folds_of(len(dev), args.folds)
    grid = [(args.c1, args.c2)] if args.c1 is not None else list(C_GRID)
    began = time.perf_counter()
    oof = cross_tag(dev, prepared, folds, grid, args.workers)
    print(f"[{name}] {len(grid) * len(folds)} cross-validation CRFs in {time.perf_counter() - began:.1f} s",
          file=sys.stderr)
    rows = []
    for variant in variants:
        settings = [(c, t) for c in grid for t in THRESHOLDS.get(variant, (None,))]
        cv = {(c, t): typed([(g, combine(variant, x, oof[c][i], t)) for i, (g, x) in enumerate(dev)])
              for c, t in settings}
        for (c, t), s in cv.items():
            print(f"[{name}] {variant} c1={c[0]} c2={c[1]}{'' if t is None else f' threshold={t}'}: dev CV {fmt(s)}",
                  file=sys.stderr)
        (c, t), best = max(cv.items(), key=lambda kv: kv[1].f1)
        tagger = tagger_of(train(prepared, *c))
        dev_all = typed([(g, combine(variant, x, tag_file(tagger, prepared[i]), t)) for i, (g, x) in enumerate(dev)])
        chars = seconds = 0.0
        results = []
        for gold, x in test:
            began = time.perf_counter()
            sents = prepare(x, None, featurize)
            y = combine(variant, x, tag_file(tagger, sents, marginals=variant in THRESHOLDS), t)
            seconds += time.perf_counter() - began
            chars += sum(len(s.text) for s in x.structure.sentences)
            results.append((gold, y))
        settings_text = f"c1={c[0]} c2={c[1]}" + ("" if t is None else f" t={t}")
        rows.append((variant, settings_text, best, dev_all, typed(results), chars / seconds))
    return rows


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    p.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    p.add_argument("--folds", type=int, default=4, help="groups of dev files for cross-validation (default 4)")
    p.add_argument("--c1", type=float, help="fix the CRF's L1 weight (with --c2) instead of choosing it on dev")
    p.add_argument("--c2", type=float, default=0.01)
    p.add_argument("--workers", type=int, default=2, help="processes training the cross-validation CRFs")
    p.add_argument("--cache", type=Path, help="keep the rules' extractions in this pickle between runs")
    args = p.parse_args()
    splits = load_splits(args.corpus, args.cache)

    rows = [("rules alone", "", typed(splits["dev"]), typed(splits["dev"]), typed(splits["test"]), None)]
    lexical = [v for v in args.variants if v == "crf-lexical"]
    delex = [v for v in args.variants if v != "crf-lexical"]
    if lexical:
        rows += run_features("lexical", splits, lexical, args)
    if delex:
        rows += run_features("delex", splits, delex, args)

    print(f"pooled typed entity F1 (dev {len(splits['dev'])} files, {args.folds}-fold leave-files-out CV; "
          f"test {len(splits['test'])} files)")
    print(f"{'combiner':14}{'chosen on dev CV':>22}{'dev (CV)':>24}{'dev (trained on)':>24}{'test':>24}{'chars/s':>10}")
    for variant, settings, cv, dev_all, test, speed in rows:
        print(f"{variant:14}{settings:>22}{fmt(cv):>24}{fmt(dev_all):>24}{fmt(test):>24}"
              f"{'' if speed is None else f'{speed:,.0f}':>10}")


if __name__ == "__main__":
    main()

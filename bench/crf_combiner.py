"""A learned combiner tried against the rules alone: a CRF over characters that weighs the rules' candidates with
jieba's words and tags and the lexicon, trained on the dev gold files and scored on the held-out test files.

What it measures (pooled typed entity F1, the way ``kg eval`` scores it, on ``tests/gold/dev`` and
``tests/gold/test``): govkg's rules alone, and the CRF's entities in their place; and the CRF's speed in
characters per second (words, features and tagging; the rules' own time not counted). The CRF is trained here, in a few
seconds, with ``python-crfsuite`` (``pip install python-crfsuite``); nothing is kept or shipped.

Features of each character: the character and its neighbours; its place in jieba's word (B/M/E/S) and the word's
tag; whether a type suffix of the lexicon ends at it (and which type), whether it is inside a boundary word; and
the rules' own candidate spans as B/I tags with their type and rule family. Labels: the gold names (and aliases)
found in the sentence, typed by their first type; a sentence of a gold that annotates only some sections is used
only where a gold name stands in it (the others may hold names nobody annotated).

Run: ``python bench/crf_combiner.py`` (``--corpus DIR``: where the gold files' reports are; default
``../shared/corpus``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pycrfsuite  # noqa: E402

import kg  # noqa: E402
from kg.evaluate import evaluate, pooled  # noqa: E402
from kg.extract.entities.grammar import merge_tokens, suffix_of  # noqa: E402
from kg.extract.entities.rules import family_of  # noqa: E402
from kg.extract.lexicon import STOP_WORDS, TYPE_SUFFIXES  # noqa: E402
from kg.link.resolve import resolve_entities  # noqa: E402
from kg.model import ENTITY_TYPES, Mention  # noqa: E402
from kg.nlp.segment import tokenize  # noqa: E402
from kg.rdf.graph import build_graph  # noqa: E402

GOLD = ROOT / "tests" / "gold"


def char_features(text: str, toks, rule_tags: list[str]) -> list[list[str]]:
    """The features of each character of ``text`` (a sentence; ``toks`` and tags are relative to it)."""
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


def sentence_examples(x, gold: dict | None, partial: bool):
    """(sentence, features, labels or None) of each sentence of extraction ``x``."""
    by_sentence: dict[int, list[Mention]] = {}
    for e in x.entities:
        for m in e.mentions:
            by_sentence.setdefault(m.sentence.start, []).append(m)
    names = [] if gold is None else [(n, e["types"][0]) for e in gold["entities"] if e["types"][0] in ENTITY_TYPES
                                     for n in [e["name"], *e.get("aliases", [])] if len(n) >= 2]
    for s in x.structure.sentences:
        rules = [(m.start - s.start, m.end - s.start, f"{m.etype}:{family_of(m.rule)}") for m in by_sentence.get(s.start, [])]
        toks = [t._replace(start=t.start - s.start, end=t.end - s.start)
                for t in merge_tokens(tokenize(s.text, s.start), x.report.text)]
        feats = char_features(s.text, toks, span_tags(len(s.text), rules))
        if gold is None:
            yield s, feats, None
            continue
        gold_spans = [(i, i + len(n), t) for n, t in names for i in _find_all(s.text, n)]
        if partial and not gold_spans:
            continue
        if gold_spans or rules:
            yield s, feats, span_tags(len(s.text), gold_spans)


def _find_all(text: str, sub: str):
    i = text.find(sub)
    while i >= 0:
        yield i
        i = text.find(sub, i + 1)


def crf_entities(tagger, x):
    """Extraction ``x`` with its entities made from the CRF's tags (the rules' mentions are features only)."""
    mentions, chars, seconds = [], 0, 0.0
    for s, feats, _ in sentence_examples(x, None, False):
        began = time.perf_counter()
        tags = tagger.tag(feats)
        seconds += time.perf_counter() - began
        chars += len(s.text)
        i = 0
        while i < len(tags):
            if tags[i].startswith("B-"):
                label, j = tags[i][2:], i + 1
                while j < len(tags) and tags[j] == f"I-{label}":
                    j += 1
                name = s.text[i:j]
                if len(name) >= 2:
                    mentions.append(Mention(name=name, etype=label, start=s.start + i, end=s.start + j, sentence=s,
                                            rule="crf", surface=name))
                i = j
            else:
                i += 1
    entities = resolve_entities(mentions, x.structure.meta.region)
    return replace(x, entities=tuple(entities), relations=()), chars, seconds


def find_report(doc: str, dirs: list[Path]) -> Path:
    for d in dirs:
        found = next((p for p in sorted(d.rglob(doc)) if p.is_file()), None)
        if found:
            return found
    raise SystemExit(f"error: no report {doc} in {', '.join(map(str, dirs))}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = p.parse_args()
    dirs = [ROOT / "seeds", ROOT / "tests" / "fixtures", args.corpus]
    splits = {split: [json.loads(f.read_text(encoding="utf-8")) for f in sorted((GOLD / split).glob("*.json"))]
              for split in ("dev", "test")}
    extractions = {split: [kg.extract_file(find_report(g["doc"], dirs)) for g in golds] for split, golds in splits.items()}

    began = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    for gold, x in zip(splits["dev"], extractions["dev"]):
        for _, feats, labels in sentence_examples(x, gold, partial="unannotated" in gold):
            trainer.append(feats, labels)
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True})
    model = Path(tempfile.mkdtemp()) / "combiner.crfsuite"
    trainer.train(str(model))
    print(f"trained on the dev golds in {time.perf_counter() - began:.1f} s ({model.stat().st_size // 1024} KB)")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))

    print(f"{'pooled typed entity F1':28}{'rules':>24}{'CRF':>24}")
    chars = seconds = 0.0
    for split, golds in splits.items():
        rules, crf = [], []
        for gold, x in zip(golds, extractions[split]):
            rules.append(evaluate(gold, build_graph([x])))
            began = time.perf_counter()
            y, n, _ = crf_entities(tagger, x)
            chars, seconds = chars + n, seconds + time.perf_counter() - began
            crf.append(evaluate(gold, build_graph([y])))
        a, b = pooled(rules)["entities (typed)"], pooled(crf)["entities (typed)"]
        print(f"{split + f' ({len(golds)} files)':28}"
              f"{f'{a.f1:.3f} (P {a.precision:.2f} R {a.recall:.2f})':>24}"
              f"{f'{b.f1:.3f} (P {b.precision:.2f} R {b.recall:.2f})':>24}")
    print(f"CRF combiner: {chars / seconds:,.0f} characters per second (jieba's words, the features and the tagging; "
          f"the rules' own time not counted)")


if __name__ == "__main__":
    main()

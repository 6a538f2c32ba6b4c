"""The fast tagger gives jieba's own words and tags, only sooner."""

from __future__ import annotations

import jieba
import jieba.posseg
import pytest
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
from jieba.posseg.viterbi import viterbi as jieba_viterbi

from kg.nlp.tagger import FastTagger, viterbi

from .conftest import CORPUS, QINGHE, SEED


def _texts() -> list[str]:
    texts = [SEED.read_text(encoding="utf-8"), QINGHE.read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))[:3]]
    return texts


def _unknown_runs(texts: list[str]) -> set[str]:
    """The runs of characters jieba's tagger decodes with its Viterbi search, gathered while it tags."""
    runs: set[str] = set()
    tagger = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    decode = tagger._POSTokenizer__cut
    tagger._POSTokenizer__cut = lambda run: (runs.add(run), decode(run))[1]
    for text in texts:
        list(tagger.cut(text))
    return runs


def test_the_search_finds_jiebas_path_and_probability_for_every_unknown_run():
    runs = _unknown_runs(_texts())
    assert len(runs) > 500
    for run in sorted(runs):
        assert viterbi(run) == jieba_viterbi(run, char_state_tab_P, start_P, trans_P, emit_P), run


@pytest.fixture(scope="module")
def taggers():
    dictionary = jieba.Tokenizer()
    return FastTagger.from_tokenizer(dictionary), jieba.posseg.POSTokenizer(dictionary)


@pytest.mark.parametrize("text", ["星河晶芯、青峰智造等12家企业落户柳塘村", "引进ＡＢＣ科技，签约x项目。",
                                  "畾龘靐齉爩", "1", "\n\n"])
def test_words_and_tags_are_jiebas(text, taggers):
    mine, theirs = taggers
    assert [tuple(p) for p in mine.cut(text)] == [tuple(p) for p in theirs.cut(text)]


def test_a_whole_report_is_tagged_the_same(taggers):
    text = SEED.read_text(encoding="utf-8")
    mine, theirs = taggers
    assert [tuple(p) for p in mine.cut(text)] == [tuple(p) for p in theirs.cut(text)]


def test_with_govkg_user_words_the_route_is_jiebas_too():
    """rjieba routes with the user words at jieba's frequencies and jieba's total (it counts a known word once)."""
    from kg.nlp.segment import _tokenizer, user_words

    dictionary = jieba.Tokenizer()
    for word, tag in user_words():
        dictionary.add_word(word, tag=tag)
    theirs = jieba.posseg.POSTokenizer(dictionary)
    for text in _texts()[:4]:
        assert [tuple(p) for p in _tokenizer().cut(text)] == [tuple(p) for p in theirs.cut(text)]


def test_tokens_cover_the_text_with_their_offsets():
    from kg.nlp.segment import tokenize

    text = SEED.read_text(encoding="utf-8")[:3000]
    tokens = tokenize(text, 7)
    assert "".join(t.word for t in tokens) == text
    assert all(text[t.start - 7:t.end - 7] == t.word for t in tokens)

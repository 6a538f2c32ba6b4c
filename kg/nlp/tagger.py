"""jieba's part-of-speech tagger, made faster without changing a single word or tag.

``jieba.posseg`` tags a block of text in two steps, both pure Python and most
of the time govkg spends reading a report: the most probable route of
dictionary words through the block (``Tokenizer.get_DAG`` and ``calc``), then,
for each run of characters the route leaves single and no word covers, a
Viterbi search of a hidden Markov model over (position, tag) states that finds
the words jieba does not know (``星河晶芯``). ``FastTagger`` is a
``jieba.posseg.POSTokenizer`` that does both steps faster, exactly:

- **the route from rjieba** (Rust jieba-rs, MIT, the same dictionary and
  the same route, about 20 times faster), given govkg's user words with the
  frequencies jieba gives them;
- **the same Viterbi in numpy.** States are numbered so that ``argmax`` keeps
  the state jieba's ``max`` keeps among equal scores, and scores are summed in
  jieba's order, so the best path and its probability are jieba's own;
- **each unknown run decoded once**: runs repeat within a report and across
  a corpus (names recur), and their tags are kept in a bounded cache.

``tests/test_tagger.py`` compares words, tags, paths and probabilities with
jieba's own on real reports.

>>> import jieba
>>> text = "星河晶芯落户青峰高新区"
>>> tags = lambda tagger: [(p.word, p.flag) for p in tagger.cut(text)]
>>> tags(FastTagger.from_tokenizer(jieba.Tokenizer())) == tags(jieba.posseg.POSTokenizer(jieba.Tokenizer()))
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

import jieba.posseg
import numpy as np
from jieba.posseg import (char_state_tab_P, emit_P, re_eng, re_han_detail, re_han_internal, re_num, re_skip_detail,
                          re_skip_internal, start_P, trans_P)
from jieba.posseg.viterbi import MIN_FLOAT, MIN_INF

__all__ = ["FastTagger", "viterbi"]

# States numbered in descending order, so that ``argmax`` (the first of equal scores) keeps the state
# jieba's ``max`` over (score, state) pairs keeps: the greatest.
_STATES = sorted(trans_P, reverse=True)
_INDEX = {state: i for i, state in enumerate(_STATES)}
_TRANS = np.full((len(_STATES), len(_STATES)), MIN_INF)
for _before, _nexts in trans_P.items():
    for _after, _logp in _nexts.items():
        _TRANS[_INDEX[_before], _INDEX[_after]] = _logp
_LEADS_ON = np.isfinite(_TRANS)
_HAS_NEXT = _LEADS_ON.any(axis=1)
_ALL = np.arange(len(_STATES))
_START = np.array([start_P[s] for s in _STATES])


@lru_cache(maxsize=10_000)
def _char_states(char: str) -> np.ndarray:
    """The states a character can take (all of them for a character jieba's model has not seen), in order."""
    known = char_state_tab_P.get(char)
    return _ALL if known is None else np.array(sorted(_INDEX[s] for s in known))


def _emissions(states: np.ndarray, char: str) -> np.ndarray:
    return _emission_row(char)[states]


@lru_cache(maxsize=10_000)
def _emission_row(char: str) -> np.ndarray:
    """The log probability of each state emitting ``char`` (jieba's floor where it has none)."""
    return np.array([emit_P[state].get(char, MIN_FLOAT) for state in _STATES])


def viterbi(obs: str) -> tuple[float, list]:
    """``jieba.posseg.viterbi.viterbi(obs, char_state_tab_P, start_P, trans_P, emit_P)``, the same result."""
    states = _char_states(obs[0])
    scores = _START[states] + _emissions(states, obs[0])
    columns = [(states, None)]
    for char in obs[1:]:
        states, scores, came_from = _step(states, scores, char)
        columns.append((states, came_from))
    best = int(np.argmax(scores))
    prob, state = float(scores[best]), int(states[best])
    route = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = _STATES[state]
        if i:
            held, came_from = columns[i]
            state = int(came_from[int(np.searchsorted(held, state))])
    return prob, route


def _step(previous: np.ndarray, scores: np.ndarray, char: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One column of the search: the states of ``char``, the best score of each and the state it came from.

    As in jieba: only states that lead on are followed; a state nothing leads to is kept only when no
    state of ``char`` can be reached, and then every state reached, or every state, is tried.
    """
    on = _HAS_NEXT[previous]
    before, before_scores = previous[on], scores[on]
    expected = _LEADS_ON[before].any(axis=0)
    states = _char_states(char)
    states = states[expected[states]]
    if not len(states):
        states = np.flatnonzero(expected) if expected.any() else _ALL
    options = before_scores[:, None] + _TRANS[np.ix_(before, states)] + _emissions(states, char)
    best = np.argmax(options, axis=0)
    return states, options[best, np.arange(len(states))], before[best]


@lru_cache(maxsize=200_000)
def _decode(run: str) -> tuple[tuple[str, str], ...]:
    """Words and tags of a run of unknown characters, as ``POSTokenizer.__cut`` gives them."""
    _, states = viterbi(run)
    words, begin, following = [], 0, 0
    for i, char in enumerate(run):
        position, tag = states[i]
        if position == "B":
            begin = i
        elif position == "E":
            words.append((run[begin:i + 1], tag))
            following = i + 1
        elif position == "S":
            words.append((char, tag))
            following = i + 1
    if following < len(run):
        words.append((run[following:], states[following][1]))
    return tuple(words)


class FastTagger(jieba.posseg.POSTokenizer):
    """``POSTokenizer`` that routes each block with ``rjieba`` and decodes unknown runs with ``viterbi`` above."""

    @classmethod
    def from_tokenizer(cls, tokenizer, user_words: Iterable[tuple[str, str]] = ()) -> "FastTagger":
        """A tagger over ``tokenizer``'s dictionary with ``user_words`` (word, tag) added to it."""
        import rjieba

        tokenizer.check_initialized()
        router, recounted = rjieba.Jieba(), 0
        for word, tag in user_words:
            recounted += tokenizer.FREQ.get(word, 0)
            tokenizer.add_word(word, tag=tag)
            router.add_word(word, tokenizer.FREQ[word], tag)  # jieba's frequency, so both route alike
        if recounted:  # jieba adds a known word's new count to its total without taking the old one out
            router.add_word(_NEVER_IN_TEXT, recounted, "x")
        tagger = cls(tokenizer)
        tagger.makesure_userdict_loaded()
        tagger.router = router
        return tagger

    def route(self, block: str) -> list[str]:
        """The words of jieba's most probable route through ``block`` (``Tokenizer.calc``), from rjieba.

        rjieba (like jieba without its HMM) runs single letters and digits together (``1``, ``3`` → ``13``);
        they are split again. When such a run is itself a dictionary word, jieba's own route is asked.
        """
        words = []
        for word in self.router.cut(block, False):
            if len(word) > 1 and word.isascii() and _ALNUM.fullmatch(word):  # ``isascii``: most words are Chinese
                if self.tokenizer.FREQ.get(word):
                    return self._jieba_route(block)
                words.extend(word)
            else:
                words.append(word)
        return words

    def _jieba_route(self, block: str) -> list[str]:
        dag, route = self.tokenizer.get_DAG(block), {}
        self.tokenizer.calc(block, dag, route)
        words, x = [], 0
        while x < len(block):
            y = route[x][1] + 1
            words.append(block[x:y])
            x = y
        return words

    def tag(self, text: str) -> list[tuple[str, str]]:
        """(word, tag) pairs of ``text``: ``POSTokenizer.cut(text)`` with its HMM, as plain tuples."""
        words: list[tuple[str, str]] = []
        for i, block in enumerate(re_han_internal.split(text)):
            if i % 2:  # the pattern captures: what it matched is at the odd places of the split
                words += self._block(block)
            elif block:
                words += _between_blocks(block)
        return words

    def cut(self, sentence, HMM=True):
        """Like ``POSTokenizer.cut``; only its HMM mode is sped up."""
        if not HMM:
            yield from super().cut(sentence, HMM=False)
            return
        for word, flag in self.tag(sentence):
            yield jieba.posseg.pair(word, flag)

    def _block(self, block: str) -> list[tuple[str, str]]:
        """A block of Chinese, letters and digits: dictionary words, and the single characters between
        them run together and decoded (``POSTokenizer.__cut_DAG``)."""
        tags, words, run = self.word_tag_tab, [], ""
        for word in self.route(block):
            if len(word) == 1:
                run += word
                continue
            if run:
                words += self._unknown(run)
                run = ""
            words.append((word, tags.get(word, "x")))
        if run:
            words += self._unknown(run)
        return words

    def _unknown(self, run: str) -> list[tuple[str, str]]:
        """Characters the route left single: one by one, or decoded when together they are no word
        (``POSTokenizer.__cut_detail``)."""
        if len(run) == 1 or self.tokenizer.FREQ.get(run):
            return [(c, self.word_tag_tab.get(c, "x")) for c in run]
        words: list[tuple[str, str]] = []
        for i, piece in enumerate(re_han_detail.split(run)):
            if i % 2:  # matched by the (capturing) pattern
                words += _decode(piece)
                continue
            for part in re_skip_detail.split(piece):
                if part:
                    words.append((part, "m" if re_num.match(part) else "eng" if re_eng.match(part) else "x"))
        return words


@lru_cache(maxsize=10_000)
def _between_blocks(block: str) -> tuple[tuple[str, str], ...]:
    """Words and tags of what lies between two blocks (punctuation, spaces), as ``POSTokenizer.__cut_internal``
    gives them: a space or line end is a word, every other character one; kept, since the same marks come again
    and again."""
    words: list[tuple[str, str]] = []
    for i, piece in enumerate(re_skip_internal.split(block)):
        if i % 2:  # a space or line end, matched by the (capturing) pattern
            words.append((piece, "x"))
        else:  # jieba tests the whole piece for letters, each character for digits
            letters = re_eng.match(piece)
            words += [(c, "m" if re_num.match(c) else "eng" if letters else "x") for c in piece]
    return tuple(words)


_ALNUM = re.compile(r"[a-zA-Z0-9]+")
_NEVER_IN_TEXT = "\U000F0000"  # a private-use character: a word no text holds, to even the totals

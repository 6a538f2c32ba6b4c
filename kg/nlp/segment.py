"""jieba behind one small interface: tokens with part-of-speech tags and offsets, loaded lazily on first use."""

from __future__ import annotations

import gc
from functools import lru_cache
from typing import NamedTuple

__all__ = ["Token", "tokenize", "tokenize_phrase", "known_word", "word_frequency", "user_words"]


class Token(NamedTuple):
    """A word of a text with its part-of-speech tag and its character offsets (a tuple: made by the million)."""

    word: str
    pos: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _tokenizer():
    import logging

    import jieba

    from kg.nlp.tagger import FastTagger

    jieba.setLogLevel(logging.WARNING)
    tagger = FastTagger.from_tokenizer(jieba.Tokenizer(), user_words())
    gc.freeze()  # the dictionaries' million objects live as long as the process: the collector need not walk them
    return tagger


def user_words() -> list[tuple[str, str]]:
    """The generic user dictionary: the lexicon's boundary words (verbs of government action,
    ``做大做强``) and type heads (``产业园``, ``专项整治``) and policy nouns (``高标准农田``), so that jieba cuts at them the same way
    everywhere. Single characters are left to jieba.

    >>> ("做大做强", "v") in user_words() and ("专项整治", "n") in user_words()
    True
    """
    from kg.extract.lexicon import BOUNDARY_WORDS, NAME_WORDS, POLICY_NOUNS, TYPE_SUFFIXES

    words = {w: "v" for w in BOUNDARY_WORDS - NAME_WORDS if len(w) > 1}
    words.update({w: "n" for w in (*TYPE_SUFFIXES, *POLICY_NOUNS) if len(w) > 1})
    return sorted(words.items())


def known_word(word: str) -> bool:
    """True when ``word`` is in jieba's dictionary.

    >>> known_word("建设"), known_word("星河晶芯")
    (True, False)
    """
    return bool(_tokenizer().tokenizer.FREQ.get(word))


def word_frequency(word: str) -> int:
    """How often ``word`` is counted in jieba's dictionary (0: not a word of it).

    >>> word_frequency("合作") > 10_000, word_frequency("星河晶芯")
    (True, 0)
    """
    return _tokenizer().tokenizer.FREQ.get(word) or 0


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text`` with offsets shifted by ``offset`` (jieba's tokens realigned to the text).

    >>> [(t.word, t.start) for t in tokenize("建设科技园", 10)]
    [('建设', 10), ('科技园', 12)]
    """
    tokens, at = [], offset
    for word, pos in _tokenizer().tag(text):  # the words cover the text, in order
        end = at + len(word)
        tokens.append(_new_tuple(Token, (word, pos, at, end)))  # ``Token(word, pos, at, end)``, one call less
        at = end
    return tokens


_new_tuple = tuple.__new__


@lru_cache(maxsize=50_000)
def tokenize_phrase(text: str) -> tuple[Token, ...]:
    """``tokenize(text)`` as a tuple, kept: for the short phrases (a name's head, the words before a
    figure) that rules look at in sentence after sentence.

    >>> [t.word for t in tokenize_phrase("星河产业园")] == [t.word for t in tokenize("星河产业园")]
    True
    """
    return tuple(tokenize(text))

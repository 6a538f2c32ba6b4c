"""The registry of entity rules: each a named function with one signature, ``Words -> candidates``, listed in the
order they run, with the family that settles overlaps between them.

A rule's name goes on every mention it makes (``gk:rule`` in the graph, the ``rules`` column of the CSV export),
so that ``kg eval --by-rule`` can say what each rule finds and how often it is right.

>>> [r.name for r in SENTENCE_RULES][:3], family_of("road_works"), family_of("repeat")
(['suffix', 'enumeration', 'cue'], 'suffix', 'repeat')
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, NamedTuple

from kg.extract.entities.cues import cue_names, executive_names, quoted_names, subject_names
from kg.extract.entities.grammar import Tok
from kg.extract.entities.lists import enumerations, numbered_lines, same_head_lists
from kg.extract.entities.names import (follow_up_campaigns, government_bodies, launched_titles, place_campaigns,
                                       road_works, suffix_names, title_campaigns)

__all__ = ["Words", "Candidate", "Rule", "SENTENCE_RULES", "LINE_RULE", "PASS_RULES", "RULE_NAMES", "family_of",
           "run_rules", "switched_off", "WITHOUT_RULES"]


@dataclass(frozen=True)
class Words:
    """What every sentence rule reads: the report's text, the sentence's tokens (offsets into ``text``), and the
    report's own place names."""

    text: str
    toks: list[Tok]
    places: frozenset[str] = frozenset()


class Candidate(NamedTuple):
    """A name a rule proposes: ``text[start:end]`` read as ``name``, of type ``etype``, by the rule ``rule``."""

    name: str
    etype: str
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class Rule:
    """A rule: its ``name``, its ``family`` (``suffix`` names win ties over ``quoted``, ``cue`` and
    ``enumeration`` ones; bare names of the ``cue`` and ``enumeration`` families are looked for again elsewhere),
    what it does, and ``find``."""

    name: str
    family: str
    does: str
    find: Callable[[Words], list[tuple]]

    def __call__(self, words: Words) -> list[Candidate]:
        return [Candidate(name, etype, a, b, self.name) for name, etype, a, b, _ in self.find(words)]


SENTENCE_RULES = (
    Rule("suffix", "suffix", "a type suffix ends a name: 碧溪产业园, 星澜集团",
         lambda w: suffix_names(w.text, w.toks, w.places)),
    Rule("enumeration", "enumeration", "A、B、C等<head>: each member with the head, 启发、利尔等工业区",
         lambda w: enumerations(w.text, w.toks)),
    Rule("cue", "cue", "a name after 引进/签约 or before 落户/等企业 is a company",
         lambda w: cue_names(w.text, w.toks)),
    Rule("subject", "cue", "a company as the subject of what companies do: 星澜实现营业收入",
         lambda w: subject_names(w.text, w.toks, w.places)),
    Rule("executive", "cue", "the name before a company officer's title: 星河电子总裁",
         lambda w: executive_names(w.text, w.toks, w.places)),
    Rule("quoted", "quoted", "a quoted name then a programme head: “591”专项行动",
         lambda w: quoted_names(w.text, w.toks)),
    Rule("same_head_list", "enumeration", "names sharing one head written once: 深中、黄茅海等通道, 荣乌、津石高速",
         lambda w: same_head_lists(w.text, w.toks)),
    Rule("government_body", "suffix", "a government body, or its short form: 民政部, 市发改委",
         lambda w: government_bodies(w.text, w.toks)),
    Rule("road_works", "suffix", "a road and the works on it: 碧川路西延", lambda w: road_works(w.text, w.toks, w.places)),
    Rule("place_campaign", "suffix", "a campaign named by the place: 平安青峰建设",
         lambda w: place_campaigns(w.text, w.toks, w.places)),
    Rule("title_campaign", "suffix", "a campaign named by its title", lambda w: title_campaigns(w.text, w.toks)),
    Rule("launched_title", "suffix", "a title named whole after what launches it: 建成启用|安全生产体验中心",
         lambda w: launched_titles(w.text, w.toks)),
    Rule("follow_up_campaign", "suffix", "a campaign named again in short", lambda w: follow_up_campaigns(w.text, w.toks)),
)

# numbered lines (轨道14、16号线) replace what the other rules made of their parts
LINE_RULE = Rule("numbered_line", "enumeration", "lines numbered together: 轨道14、16号线",
                 lambda w: numbered_lines(w.text, w.toks))

# rules run over the whole report once the sentences are read (kg.extract.entities.mentions): each is its own family
PASS_RULES = ("gazetteer", "repeat", "phase", "nested")
RULE_NAMES = (*(rule.name for rule in SENTENCE_RULES), LINE_RULE.name, *PASS_RULES)

_FAMILIES = {rule.name: rule.family for rule in (*SENTENCE_RULES, LINE_RULE)}

WITHOUT_RULES = "GOVKG_WITHOUT_RULES"  # rules left out of a run, by name, comma-separated (``kg eval --without-rule``)


@lru_cache(maxsize=None)
def _off(setting: str) -> frozenset[str]:
    return frozenset(name.strip() for name in setting.split(",") if name.strip())


def switched_off(rule: str) -> bool:
    """True when the rule named ``rule`` is left out of this run (the ``GOVKG_WITHOUT_RULES`` setting, which
    ``kg eval --without-rule`` makes, so that what one rule is worth can be measured); none is by default."""
    return rule in _off(os.environ.get(WITHOUT_RULES, ""))


def family_of(rule: str) -> str:
    """The family of the rule named ``rule`` (a rule run after the sentences, ``repeat`` or ``nested``, is its own)."""
    return _FAMILIES.get(rule, rule)


def run_rules(words: Words) -> list[Candidate]:
    """Every sentence rule's candidates, in registry order (but for a rule switched off)."""
    off = _off(os.environ.get(WITHOUT_RULES, ""))
    return [c for rule in SENTENCE_RULES if rule.name not in off for c in rule(words)]

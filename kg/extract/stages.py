"""Stages of works named with a count: what was started or finished, read from the stage words of the lexicon.

``建成东部过境高速等道路35条`` in a plan and ``外环高速二期等50条道路建成通车`` in the next review count the
same thing, roads finished; ``新开工…等道路40条`` and ``44条道路开工`` count roads started. A figure's name keeps
its stage word (``建成道路``, ``道路开工``), and promise tracking reads it as the kind of flow the figure counts.

>>> stage_word("建成通车"), stage_word("开工建设"), stage_word("落实")
('建成', '开工', '')
>>> counted_stage("建成东部过境高速等道路"), counted_stage("道路建成通车"), counted_stage("重点公园开工建设")
(('道路', 'done', '建成'), ('道路', 'done', '建成'), ('重点公园', 'start', '开工'))
>>> counted_stage("建设专业镇")
"""

from __future__ import annotations

import re

from kg.extract.lexicon import PROJECT_STAGES

__all__ = ["STAGE_FLOWS", "STAGE_WORDS", "stage_word", "flow_stage_word", "counted_stage"]

# the stages a count of works can be held to: things started, things finished (or in use)
STAGE_FLOWS = {"started": "start", "completed": "done", "in operation": "done"}

STAGE_WORDS = sorted(PROJECT_STAGES, key=len, reverse=True)  # the longest first
_TRAILING = re.compile(r"^(.{2,}?)((?:%s)+)$" % "|".join(map(re.escape, STAGE_WORDS)))
_EXAMPLES = re.compile(r"^.{2,30}?等(?=.{2,})")  # ``东部过境高速等道路``: examples, then the kind counted


def stage_word(text: str) -> str:
    """The longest stage word ``text`` opens with, or ``""``."""
    return next((w for w in STAGE_WORDS if text.startswith(w)), "")


def flow_stage_word(text: str) -> str:
    """The stage word ``text`` opens with if it is a start or a finish (``建成``, ``开工``; not ``建设``), or ``""``."""
    word = stage_word(text)
    return word if word and PROJECT_STAGES[word] in STAGE_FLOWS else ""


def counted_stage(name: str) -> tuple[str, str, str] | None:
    """``(kind counted, flow, stage word)`` for a name that opens or ends with the stage word of a start or a
    finish (the first word of a run at the end: ``开工建设`` is a start); None for any other name."""
    if word := flow_stage_word(name):
        rest = _EXAMPLES.sub("", name[len(word):])
        return (rest, STAGE_FLOWS[PROJECT_STAGES[word]], word) if len(rest) >= 2 else None
    trailing = _TRAILING.match(name)
    if trailing and (word := flow_stage_word(trailing.group(2))):
        return trailing.group(1), STAGE_FLOWS[PROJECT_STAGES[word]], word
    return None

"""When a figure holds and whether it is done or aimed at: from the part it stands in, a year its sentence names,
and the words before it, so that a text with no review or plan heading (a news summary, an excerpt) still gets
years and statuses right.

>>> years = {"review": 2021, "plan": 2022, "other": 2022}
>>> t = "2021年1-11月,全镇实现生产总值38.7亿元。"
>>> figure_time(t, 0, t.index("38"), "review", {"review": 2020, "plan": 2021, "other": 2021})
(2021, 'actual')
>>> t = "力争新增就业2万人。"
>>> figure_time(t, 0, t.index("2万"), "other", years), figure_time("新增就业2万人。", 0, 4, "other", years)
((2022, 'target'), (2021, 'actual'))
>>> t = "比2011年增长1.1倍。"
>>> figure_time(t, 0, t.index("1.1"), "review", years)
(2021, 'actual')
"""

from __future__ import annotations

import re

from kg.extract.lexicon import (LOOKING_BACK_CUES, NOT_TARGET_WORDS, TARGET_CUES, YEAR_NOT_OF_FIGURE_AFTER,
                                YEAR_NOT_OF_FIGURE_BEFORE)

__all__ = ["figure_time", "figure_period", "named_year", "five_years"]

_YEAR = re.compile(r"(?P<to>到|至|在)?(?P<year>(?:19|20)\d\d)\s*年(?:底|末)?")
_AFTER = re.compile("|".join(map(re.escape, sorted(YEAR_NOT_OF_FIGURE_AFTER, key=len, reverse=True))))
_BEFORE = re.compile("(?:%s)$" % "|".join(map(re.escape, YEAR_NOT_OF_FIGURE_BEFORE)))
_CLAUSE_ENDS = ",，;；:："
# a sentence that opens with its year: ``2021年,…``, ``2021年1-11月,…``, ``2020年全年,…``, ``到2025年,…``
_OPENING_YEAR = re.compile(r"\s*(?:到|至|在)?((?:19|20)\d\d)\s*年(?:底|末)?(?:全年|上半年|前三季度|\d{1,2}\s*[-—–~至]\s*\d{1,2}\s*月|\d{1,2}月)?[,，]")
# a cue that aims, unless it is part of a word that does not (``主要``): the longer word is tried first and skipped
_AIMED = re.compile("|".join(map(re.escape, sorted((*NOT_TARGET_WORDS, *TARGET_CUES), key=len, reverse=True))))
_LOOKING_BACK = re.compile("|".join(map(re.escape, LOOKING_BACK_CUES)))


def _aimed(text: str, start: int, at: int) -> bool:
    """True when a cue that aims (``力争``, ``将``) stands between ``start`` and ``at`` and nothing there looks back
    on the year just ended (``一年来``).

    >>> _aimed("力争新增就业2万人", 0, 6), _aimed("一年来,主要做了以下工作:争取资金5亿元", 0, 18)
    (True, False)
    """
    if _LOOKING_BACK.search(text, start, at):
        return False
    return any(m.group() not in NOT_TARGET_WORDS for m in _AIMED.finditer(text, start, at))


def figure_time(text: str, start: int, at: int, part: str, years: dict[str, int]) -> tuple[int, str]:
    """The year and status (``actual`` or ``target``) of the figure at ``at`` in the sentence from ``start``, in a
    part of kind ``part`` (``review``, ``plan`` or ``other``: none found), the report's ``years`` by part."""
    plan, review = years.get("plan") or 0, years.get("review") or 0
    named = named_year(text, start, at)
    if part == "plan":
        later = named if named and plan < named <= plan + 15 else None
        return later or plan, "target"
    aimed = part == "other" and _aimed(text, start, at)
    if named and (named < plan or (named == plan and not aimed)):
        return named, "actual"  # the text says which year: ``2021年1-11月,全镇实现…``
    if aimed:
        return (named if named and named >= plan else plan), "target"
    return review, "actual"


def _clause_start(text: str, start: int, at: int) -> int:
    """Where the clause of ``at`` begins, in the sentence from ``start``."""
    return max(start, *(text.rfind(sep, start, at) + 1 for sep in _CLAUSE_ENDS))


def named_year(text: str, start: int, at: int) -> int | None:
    """The last year named in the clause of ``at`` (from ``start`` on) that is the year of what follows it: not a
    baseline (``比2011年``), a start (``2012年以来``), a deadline (``2023年底前``) or a comparison (``2019年同期``);
    a year the sentence opens with (``2021年1-11月,…``) holds for all its clauses.

    >>> named_year("2021年全镇实现生产总值38.7亿元", 0, 12), named_year("2012年以来累计投资5亿元", 0, 10)
    (2021, None)
    >>> t = "在2012年转型35家的基础上,再清理淘汰了36家"
    >>> named_year(t, 0, t.index("36")), named_year("2021年1-11月,全镇实现生产总值38.7亿元", 0, 20)
    (None, 2021)
    """
    opening = _OPENING_YEAR.match(text, start)
    clause = _clause_start(text, start, at)
    found = int(opening.group(1)) if opening and opening.end() <= clause else None
    for m in _YEAR.finditer(text, clause, at):
        if _BEFORE.search(text, max(start, m.start() - 2), m.start()) or _AFTER.match(text, m.end()):
            continue
        found = int(m.group("year"))
    return found


# the five-year plans by name, and the words of a span of five years looking back or ahead
_PLANS = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025),
          "十五五": (2026, 2030)}
_PLAN_NAMED = re.compile(r"(十[一二三四五]五)[”\"]?(?:时期|期间|以来|规划期)")
_FIVE_YEARS = re.compile(r"(五年来|过去五年|近五年|这五年|过去的五年|今后五年|未来五年|五年内|五年间)")
_OVER_A_PERIOD = re.compile(r"年均|累计|五年(?:共|累计|新增|引进|建成|完成|实施)")
_FLOW = re.compile(r"(?:新增|引进|建成|新建|完成|实施|开工|培育|打造|创建|获批|投入|安排|建设)[^,，;；。]{0,12}$")


def figure_period(text: str, start: int, at: int, part: str, context: str, years: dict[str, int]) -> tuple[int, int] | None:
    """The years a figure covers when it covers several: an average or a total over a five-year plan or the five
    years looked back on or ahead (``十三五时期…年均增长7.1%``, ``五年来…累计投资``, ``今后五年…新增就业5000万人``),
    named in its sentence or, for an average or a total, in the title of its part or section (``context``). ``None``
    for one year's figure (``2016年,…``), and for a level reached at the end of the period (``五年来…达到1000亿元``).

    >>> y = {"review": 2020, "plan": 2021}
    >>> t = "十三五时期,全区生产总值年均增长7.1%。"
    >>> figure_period(t, 0, t.index("7.1"), "review", "", y)
    (2016, 2020)
    >>> t = "五年来,生产总值达到1000亿元,年均增长8%。"
    >>> figure_period(t, 0, t.index("1000"), "review", "", y), figure_period(t, 0, t.index("8%"), "review", "", y)
    (None, (2016, 2020))
    >>> t = "今后五年,城镇新增就业5000万人以上。"
    >>> figure_period(t, 0, t.index("5000"), "plan", "", y)
    (2021, 2025)
    """
    before = text[start:at]
    clause = _clause_start(text, start, at)
    averaged = _OVER_A_PERIOD.search(text, clause, at)  # in the figure's own clause: ``…达到96.3亿元,年均增长8%``
    flow = _FLOW.search(text, clause, at)
    if named_year(text, start, at) and not averaged:
        return None  # ``2016年,全县生产总值完成96.3亿元``: that year's
    if averaged:  # an average or a total: over the five years its sentence or its part names
        return five_years(before, part, years) or five_years(context, part, years)
    return five_years(before, part, years) if flow else None  # ``五年来,新增企业500家``: a flow over the five years


def five_years(words: str, part: str, years: dict[str, int]) -> tuple[int, int] | None:
    """The five years ``words`` name: a plan by its name, or the five years before the report or after it."""
    if named := _PLAN_NAMED.search(words) or re.search(r"“(十[一二三四五]五)”", words):
        return _PLANS.get(named.group(1))
    if m := _FIVE_YEARS.search(words):
        ahead = m.group(1) in ("今后五年", "未来五年", "五年内") or part == "plan"
        if ahead:
            plan = years.get("plan") or 0
            return (plan, plan + 4) if plan else None
        review = years.get("review") or 0
        return (review - 4, review) if review else None
    return None

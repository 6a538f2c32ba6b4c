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

from kg.extract.lexicon import TARGET_CUES, YEAR_NOT_OF_FIGURE_AFTER, YEAR_NOT_OF_FIGURE_BEFORE

__all__ = ["figure_time", "named_year"]

_YEAR = re.compile(r"(?P<to>到|至|在)?(?P<year>(?:19|20)\d\d)\s*年(?:底|末)?")
_AFTER = re.compile("|".join(map(re.escape, sorted(YEAR_NOT_OF_FIGURE_AFTER, key=len, reverse=True))))
_BEFORE = re.compile("(?:%s)$" % "|".join(map(re.escape, YEAR_NOT_OF_FIGURE_BEFORE)))
_CLAUSE_ENDS = ",，;；:："
# a sentence that opens with its year: ``2021年,…``, ``2021年1-11月,…``, ``2020年全年,…``, ``到2025年,…``
_OPENING_YEAR = re.compile(r"\s*(?:到|至|在)?((?:19|20)\d\d)\s*年(?:底|末)?(?:全年|上半年|前三季度|\d{1,2}\s*[-—–~至]\s*\d{1,2}\s*月|\d{1,2}月)?[,，]")
_AIMED = re.compile("|".join(map(re.escape, sorted(TARGET_CUES, key=len, reverse=True))))


def figure_time(text: str, start: int, at: int, part: str, years: dict[str, int]) -> tuple[int, str]:
    """The year and status (``actual`` or ``target``) of the figure at ``at`` in the sentence from ``start``, in a
    part of kind ``part`` (``review``, ``plan`` or ``other``: none found), the report's ``years`` by part."""
    plan, review = years.get("plan") or 0, years.get("review") or 0
    named = named_year(text, start, at)
    if part == "plan":
        later = named if named and plan < named <= plan + 15 else None
        return later or plan, "target"
    aimed = part == "other" and _AIMED.search(text, start, at)
    if named and (named < plan or (named == plan and not aimed)):
        return named, "actual"  # the text says which year: ``2021年1-11月,全镇实现…``
    if aimed:
        return (named if named and named >= plan else plan), "target"
    return review, "actual"


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
    clause = max(start, *(text.rfind(sep, start, at) + 1 for sep in _CLAUSE_ENDS))
    found = int(opening.group(1)) if opening and opening.end() <= clause else None
    for m in _YEAR.finditer(text, clause, at):
        if _BEFORE.search(text, max(start, m.start() - 2), m.start()) or _AFTER.match(text, m.end()):
            continue
        found = int(m.group("year"))
    return found

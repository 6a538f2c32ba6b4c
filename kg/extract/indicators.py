"""Find indicator observations: a name, a value with its unit, a growth rate, a year and a status.

A sentence is cut into clauses at commas and semicolons. A clause holding a
level (``地区生产总值820亿元``) gives an observation named by the words before the
number (or, for ``10个市级重大产业项目``, after the unit); a clause that is only a
change (``增长7.6%``) gives its growth to the level before it, and
``分别增长 a、b、c`` distributes over the levels before it. A change with no level
(``工业利润增长25%``) is an observation of its own in percent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import Enum

from kg.extract.lexicon import (ACTION_HEADS, FLOW_MARKERS, GROWTH_DOWN, GROWTH_UP, INDICATOR_SYNONYMS, PAIRED_WORDS, PROJECT_STAGES, RATE_VERBS,
                               TARGET_AUX_LEADS)
from kg.model import Observation, Quantity, Report, Sentence, Structure
from kg.extract.numbers import find_quantities, may_hold_quantities
from kg.extract.stages import flow_stage_word
from kg.extract.timing import figure_period, figure_time, five_years
from kg.nlp.segment import tokenize_phrase

__all__ = ["find_observations", "sentence_observations", "indicator_name", "indicator_concept"]

_CLAUSE = re.compile(r"[^,;:，；：]+")
_CHANGE_VERBS = ("下降", "降低", "降", "减少", "缩减", "削减", "减", "增加", "增长", "增", "提高", "提升", "上升", "跃升",
                 "升", "缩短", "压缩", "缩", "扩大")
_YEAR_OF = r"(?:(?:19|20)\d\d年(?:底|末)?的?)?"  # ``从2015年的681亿元增长到2020年约1100亿元``
# where a change starts: ``从2015年的``, ``由新区成立之初的不足`` (a time, then the figure it started at)
_ABOUT = r"(?:不足|不到|约|近|仅)?"  # how near the figure a change started from is: ``由…之初的不足(10%)``
_FROM_START = re.compile(r"(?:从|由)(?:%s|[\u4e00-\u9fff\d]{1,10}?的|每[\u4e00-\u9fff]{1,4}?)%s$" % (_YEAR_OF, _ABOUT))  # ``由每生每年300元``
_FROM_TO = re.compile(r"(?:%s)?(?:至|到)%s(?:约|近|超过|超)?" % ("|".join(_CHANGE_VERBS), _YEAR_OF))
_GROWTH_DOWN = GROWTH_DOWN + ("降", "减", "压缩", "缩短")  # ``分别再降20%和10%``, ``时间压缩50%``
# ``分别比上年(再)压缩``, ``同比均增长``: against what and how the change is given out (group 1), then the verb (group 2)
_GROWTH = re.compile(r"((?:同比|同口径|比上年|年均)?(?:分别|(?<![平年])均)?(?:同比|比上年|年均)?)(?:再|又|还)?(%s)(了)?(?:达|为)?$"
                     % "|".join(GROWTH_UP + _GROWTH_DOWN))
_GIVEN_OUT = re.compile(r"分别|(?<![平年])均")  # not ``平均``, ``年均``


def _given_out(change: re.Match) -> str | None:
    """``分别`` (each name its own change), ``均`` (every name the same change) or None."""
    given = _GIVEN_OUT.search(change.group(1))
    return given.group() if given else None
_LEAD_STRIP = re.compile(
    r"^(?:的|我们|其中|全年|今年|去年|年内|当年|同时|此外|另外|以及|并|和|及|共|总计|合计|累计|预计|力争|确保|争取|努力|计划|目标|"
    r"完成|实现|达到|达|建议|全面|主要|预期目标为|主要预期目标为|全年经济社会发展的主要预期目标为|"
    r"(?:到|至|比)?(?:19|20)\d\d年(?:底|末)?|"
    r"高效运用|高质量完成|全力|大力|积极|加快|推动|推进|持续|深入|稳步|扎实|有序|顺利|成功|首批|"
    r"另外|仅用|仅|双方|各方|双双|先后|圆满|超额|如期|按期|又|再|还|对(?![外口接标比话象]))+"
)
_NAME_STOP_TAIL = re.compile(r"(?:提高至|提高到|提升至|提升到|增长至|增加至|下降至|降至|降到|控制在|保持在|稳定在|达到|达|为|超过|"
                             r"超|近|约|突破|累计|共|是|占)+$")
# words that lead to a figure but are not its name (``互认项目增至``, ``失业率在``, ``力争完成``, ``费用要``),
# taken off when a name is left
_LEAD_IN_TAIL = re.compile(r"(?:(?:%s)(?:至|到)%s|在|要|(?:力争|预计|确保|争取|全面|超额|按期|已经|已)*(?:完成|实现))+$"
                           % ("|".join(_CHANGE_VERBS), _YEAR_OF))


# ``开办时间从9天(缩短至1天)``, ``审批时间由原来的267个工作日(减少到90个工作日)``: where it started
_FROM_TAIL = re.compile(r"(?:从|由)(?:[\u4e00-\u9fff]{1,10}?的)?%s(?:[\d.]+[\u4e00-\u9fff]{0,4})?$" % _ABOUT)


def indicator_name(text: str) -> str:
    """A reader's name for an indicator from the words before its figure.

    >>> indicator_name("全年预计完成地区生产总值")
    '地区生产总值'
    >>> indicator_name("星河科技实现营业收入")
    '营业收入'
    >>> indicator_name("税收占比")
    '税收占比'
    """
    text = re.sub(r"[“”\"'《》\s*]", "", text)
    text = _NAME_STOP_TAIL.sub("", text)
    if len(lead_in := _FROM_TAIL.sub("", _NAME_STOP_TAIL.sub("", _LEAD_IN_TAIL.sub("", text)))) >= 2:
        text = lead_in
    for verb in ("实现", "完成", "达到", "预计完成", "累计完成"):
        at = text.rfind(verb)
        if at > 0 and len(text) - at - len(verb) >= 2 and text[at + len(verb)] not in "率量额值数度":  # not ``完成率``
            text = text[at + len(verb):]
    text = _LEAD_STRIP.sub("", text)
    return text.strip("、 ").removesuffix("的")  # ``占全市总数的(30%)``: a share, named without ``的``


_CONCEPT_NOISE = re.compile(r"各类|各项|各级|一批|全年|累计|(?<=^)(?:全区|全镇|全市|全县|全省|我区|我镇|我市|我县|本区|本镇|本市|共)")


def indicator_concept(name: str) -> str:
    """The concept an indicator name stands for, shared by its variants in any report.

    Scope words and list words go (``全年``, ``各类``); a standard statistic takes the name the
    statistics use.

    >>> indicator_concept("全社会固定资产投资"), indicator_concept("举办各类文体活动")
    ('固定资产投资', '举办文体活动')
    >>> indicator_concept("规模以上工业增加值"), indicator_concept("本市生产总值"), indicator_concept("GDP")
    ('规上工业增加值', '地区生产总值', '地区生产总值')
    """
    concept = _CONCEPT_NOISE.sub("", name) or name
    return INDICATOR_SYNONYMS.get(concept, concept)


def find_observations(report: Report, structure: Structure) -> list[Observation]:
    """All indicator observations of a report, in text order."""
    years = _years(structure)
    part_of = {a.key: a.part for a in structure.areas}
    titles = _titles(structure)
    found: list[Observation] = []
    for sentence in structure.sentences:
        part = part_of.get(sentence.area, "other")
        found.extend(sentence_observations(report.text, sentence, part, years, titles.get(sentence.area, "")))
    return found


def _titles(structure: Structure) -> dict[str, str]:
    """Each work area's title with those of the areas above it: where a period may be named (``“十三五”时期回顾``)."""
    areas = {a.key: a for a in structure.areas}
    titles = {}
    for a in structure.areas:
        chain, node = [], a
        while node is not None:
            chain.append(node.title)
            node = areas.get(node.parent) if node.parent else None
        titles[a.key] = " ".join(reversed(chain))
    return titles


_ATTENDANCE = frozenset({"代表", "委员", "人大代表", "政协委员", "代表委员", "列席人员", "出席代表"})


def _years(structure: Structure) -> dict[str, int]:
    meta = structure.meta
    review = meta.review_year or (meta.year - 1 if meta.year else 0)
    plan = meta.plan_year or meta.year
    return {"review": review, "plan": plan, "other": meta.year}


def sentence_observations(text: str, sentence: Sentence, part: str, years: dict[str, int],
                          context: str = "") -> list[Observation]:
    """Observations stated in one sentence."""
    if not may_hold_quantities(text, sentence.start, sentence.end):
        return []  # no figure in any clause: nothing to read
    levels: list[dict] = []
    out: list[dict] = []
    previous = ""
    for clause in _CLAUSE.finditer(text, sentence.start, sentence.end):
        _read_clause(text, clause.start(), clause.end(), levels, out, previous)
        previous = clause.group()
    out = _join_total_to_change(_name_ranks(out))
    result = []
    for item in out:
        name = item["name"]
        if len(name) < 2 or name == "排名" or not re.search(r"[\u4e00-\u9fffA-Za-z]", name):  # a rank of nothing named
            continue
        if name in _ATTENDANCE:  # ``380名代表以振奋的…``: who came to the session, not a figure of the report's
            continue
        q: Quantity = item["q"]
        year, status = figure_time(text, sentence.start, q.start, part, years)
        period = figure_period(text, sentence.start, q.start, part, context, years)
        year = period[1] if period else year
        if item.get("baseline"):  # where a change started: a year before the one it reached, or the year it names
            year, status, period = _baseline_year(item["baseline"], text[sentence.start:q.start], part, years, year), \
                "actual", None
        result.append(Observation(
            indicator=name, value=q.value, unit=q.unit, status=status, year=year, start=item["start"],
            end=item["end"], sentence=sentence, upper=q.upper, qualifier=item.get("qualifier") or q.qualifier,
            growth=item.get("growth"), surface=text[item["start"]:item["end"]], rule=item["rule"],
            concept=indicator_concept(item.get("staged") or name), period=period))
    return result


def _baseline_year(baseline: int | bool, before: str, part: str, years: dict[str, int], year: int) -> int:
    """The year a change started from: the year named, else the year before the five years the words ``before`` it
    look back on (``五年来,…从5.41亿元增长到…``: 2016 in a report on 2021), else the year before the figure's own."""
    if baseline is not True:
        return baseline
    span = five_years(before, part, years)
    return span[0] - 1 if span else year - 1


# a rank of the figure before it: ``(总量)(均)居…``; ``总量`` and the like (group 1) are that figure
_JU = r"居(?![民住家委室])"  # 居 of a rank (``居全市第一``), not of 居民, 居住
_RANK_SUBJECTLESS = re.compile(r"^(总量|总额|规模)?(?:增速)?(?:均|稳|仍|继续)?(?:排名|排|位居|%s|位列|名列|列)(?:全国|全省|全市|全区|全县)?"
                               % _JU)


def _name_ranks(items: list[dict]) -> list[dict]:
    """``新增面积2.79万平方米,排名全市第一``: a rank with no subject ranks the figure before it."""
    for prev, item in zip(items, items[1:]):
        if item["rule"] == "rank-of-before" and prev["q"].unit != "位":
            item["name"] = (prev["name"] + item["name"])[:40]  # the scope ranked in kept: ``…全省各区(县)排名``
    return items


def _join_total_to_change(items: list[dict]) -> list[dict]:
    """``GDP增长8%,总量突破1000亿元``: the total is the level of the change before it."""
    joined: list[dict] = []
    for item in items:
        prev = joined[-1] if joined else None
        if prev and prev["rule"] == "change" and prev["q"].unit == "%" and item["name"] in ("总量", "总额", "规模", "总规模") \
                and item.get("growth") is None:
            sign = -1 if prev.get("qualifier") == "下降" else 1
            joined[-1] = dict(item, name=prev["name"], growth=sign * prev["q"].value, start=prev["start"])
            continue
        joined.append(item)
    return joined


_BASELINE = re.compile(r"在[^在,;:，；：。]{0,30}?的?基础上")


@dataclass
class _Clause:
    """What reading one clause keeps as it goes from figure to figure: where the text read so far ends
    (``cursor``), the growth rates met with no figure of their own yet (``growth``, falling if ``down``), and a
    figure's name carried over ``由…至`` (``carried``). Levels go to ``levels`` and every item to ``out``."""

    text: str
    start: int
    end: int
    previous: str  # the clause before, which names a figure that stands alone (``商业供电量大幅增长,达到45%``)
    quantities: list[Quantity]
    levels: list[dict]
    out: list[dict]
    cursor: int = 0
    growth: list[Quantity] = field(default_factory=list)
    down: bool = False
    carried: str | None = None


class _Then(Enum):
    """What a clause reader says once it has read a figure: go on after it, go on but leave the cursor where it
    was (the figure stays in the next one's name), or stop reading the clause."""

    NEXT = "next"
    KEEP_CURSOR = "keep cursor"
    STOP = "stop"


def _read_clause(text: str, start: int, end: int, levels: list[dict], out: list[dict], previous: str = ""):
    """Read one clause: levels go to ``levels`` and ``out``; changes become growth or bare changes. Each figure
    goes to the first of ``_CLAUSE_READERS`` that reads it."""
    baselines = [m.span() for m in _BASELINE.finditer(text, start, end)]
    quantities = [q for q in find_quantities(text[start:end], start)
                  if not any(a <= q.start < b for a, b in baselines)]  # ``在2012年增加3.5个百分点的基础上``
    c = _Clause(text, start, end, previous, quantities, levels, out, cursor=start)
    for i, q in enumerate(quantities):
        before = _outside(text, c.cursor, q.start, baselines)
        if c.carried is not None:  # ``由47宗降至3宗``: the figure reached takes the name before ``由`` (or ``从``)
            before, c.carried = c.carried, None
            if quantities[i - 1].unit == q.unit + "/立方米":  # ``从每立方米31微克降到26微克``
                q = replace(q, unit=quantities[i - 1].unit)
        elif (spread := _spread_from_to(c, i, before)) is not None:  # ``A、B分别从3、4提高到5、6``: the levels reached
            names = before[:spread] if _meaningful(before[:spread]) else previous  # ``A标准,分别从…``
            _spread_levels(text, names, c.cursor, quantities[i + len(quantities[i:]) // 2:], levels, out)
            break
        elif (start_of := _FROM_START.search(before)) and i + 1 < len(quantities) \
                and _FROM_TO.fullmatch(text[q.end:quantities[i + 1].start]):
            c.carried, c.cursor = before[:start_of.start()], q.end
            if (item := _starting_level(q, before[:start_of.start()], start_of.group())) is not None:
                c.out.append(item)  # not a level the growth after it is of: that is the level reached
            continue
        change = _GROWTH.search(before) if q.unit in ("%", "个百分点") else None
        then = next((t for read in _CLAUSE_READERS if (t := read(c, i, q, before, change))), _Then.NEXT)
        if then is _Then.STOP:
            break
        if then is _Then.NEXT:
            c.cursor = q.end
    if c.growth and not _assign_growth(c.growth, c.down, levels) \
            and (item := _named_by_change(previous, start, c.growth[0], c.down)):
        out.append(item)  # ``婚庆经济发展较快,增长15%``: no level to grow, the clause before names the change


# ``分别从每月554元、251元提高到609元、276元``: a list of figures from, a verb of change, as many figures reached
_SPREAD_FROM = re.compile(r"分别(?:从|由)(?:每[\u4e00-\u9fff]{1,4}?)?$")
_SPREAD_TO = re.compile(r"(?:提高|增加|提升|上调|增长|降低|下降|减少|压缩|下调)(?:到|至)(?:每[\u4e00-\u9fff]{1,4}?)?")


def _spread_from_to(c: _Clause, i: int, before: str) -> int | None:
    """Where the names end in ``before`` when the clause from figure ``i`` on is ``分别从 a、b 提高到 c、d`` (as many
    figures reached as figures from, each list joined by ``、``/``和``, nothing after): the names' end, else None."""
    if not (found := _SPREAD_FROM.search(before)):
        return None
    run = c.quantities[i:]
    if len(run) < 4 or len(run) % 2:
        return None
    half = len(run) // 2
    joins = [c.text[a.end:b.start] for a, b in zip(run, run[1:])]
    if not _SPREAD_TO.fullmatch(joins[half - 1]) or \
            not all(re.fullmatch(r"[、和及与\s]*", j) for n, j in enumerate(joins) if n != half - 1):
        return None
    return found.start()


def _growth_listed(c: _Clause, i: int, q: Quantity, before: str, change) -> _Then | None:
    """``增长5%、8%``: a rate listed after a rate."""
    if change is None and c.growth and re.fullmatch(r"[、和及\s]*", before):
        c.growth.append(q)
        return _Then.NEXT
    return None


def _growth_of_the_clause(c: _Clause, i: int, q: Quantity, before: str, change) -> _Then | None:
    """``增长5%`` with nothing named before the change: the growth of a level of the clause."""
    if change is not None and not _meaningful(before[: change.start()]):
        c.growth.append(q)
        c.down = change.group(2) in _GROWTH_DOWN
        return _Then.NEXT
    return None


def _changes_given_out(c: _Clause, i: int, q: Quantity, before: str, change) -> _Then | None:
    """``A、B均增长5%`` (each the same change), ``A、B分别增长5%、8%`` (one each), or a change of a named figure."""
    if change is None:
        return None
    if _given_out(change) == "均":
        c.out.extend(_each_change(before, change, c.cursor, q))
        return _Then.NEXT
    if _given_out(change) == "分别" and (each := _spread_changes(c.text, before, change, c.cursor, c.quantities[i:])):
        c.out.extend(each)
        return _Then.STOP
    c.out.append(_bare_change(before, change, c.cursor, q))
    return _Then.NEXT


# ``分别`` and a verb that gives each name its level (not a change: 增长, 下降 are read as changes)
_SPREAD_LEVELS = re.compile(r"分别(?:达到|达|为|是|控制在|保持在|稳定在|提高到|提高至|提升到|提升至|降至|降到|下降到)?$")


def _levels_spread(c: _Clause, i: int, q: Quantity, before: str, change) -> _Then | None:
    """``A、B分别达到3亿元、5亿元``, ``A和B分别控制在5.5%和3.5%以内``: one level each; so for a word that stands
    for two before two figures (``城乡居民人均可支配收入达到2.36万元和1.53万元``), and for a difference given out
    (``A和B分别高于全省22.7和28.8个百分点``: each name keeps what it is compared with)."""
    paired = before.startswith(tuple(PAIRED_WORDS)) and i + 1 < len(c.quantities) \
        and c.quantities[i + 1].unit == q.unit and re.fullmatch(r"[、和与及]", c.text[q.end:c.quantities[i + 1].start])
    if (spread := _SPREAD_LEVELS.search(before)) and (re.search(r"[、和与及]", before) or paired):
        _spread_levels(c.text, before[: spread.start()], c.cursor, c.quantities[i:], c.levels, c.out)
        return _Then.STOP
    if paired and (reached := _PAIR_REACHED.search(before)):
        _spread_levels(c.text, before[: reached.start()], c.cursor, c.quantities[i:i + 2], c.levels, c.out)
        return _Then.STOP
    if (compared := _SPREAD_COMPARED.search(before)) and re.search(r"[、和与及]", before[: compared.start()]):
        _spread_levels(c.text, before[: compared.start()], c.cursor, c.quantities[i:], c.levels, c.out,
                       tail=compared.group(1))
        return _Then.STOP
    return None


_PAIR_REACHED = re.compile(r"(?:分别)?(?:达到|达|为|是)$")
_SPREAD_COMPARED = re.compile(r"分别((?:高于|低于|超过|快于|慢于|高出)[\u4e00-\u9fff]{0,6})$")


def _figures_each(c: _Clause, i: int, q: Quantity, before: str, change) -> _Then | None:
    """``3个项目各投资5亿元``: a count, then one figure each."""
    if i + 1 < len(c.quantities) and _one_figure_each(before, q, c.quantities[i + 1], c.cursor, c.levels, c.out):
        return _Then.STOP
    return None


def _part_of_a_name(c: _Clause, i: int, q: Quantity, before: str, change) -> _Then | None:
    """``3000万美元以上外资项目6个``: a threshold, a rule's figure or a span of time stays in the next one's name."""
    if _threshold(c.text, q, c.quantities[i + 1:]) or _names_a_rule(c.text, q) or q.unit in _TIME_SPANS:
        return _Then.KEEP_CURSOR
    return None


def _went_on(c: _Clause, i: int, q: Quantity, before: str, change) -> _Then | None:
    """A figure the item before goes on to (``突破4000亿元,达4601.5亿元``)."""
    return _Then.NEXT if _continues(c.text, q, c.out, c.levels) else None


def _other_unit(c: _Clause, i: int, q: Quantity, before: str, change) -> _Then | None:
    """``用地73宗1.43平方公里``: the same thing measured again in another unit, right after."""
    last = c.out[-1] if c.out else None
    if last and last["q"].end == q.start and last["q"].unit != q.unit and last["rule"] != "change" \
            and not re.match(r"[\u4e00-\u9fff]", c.text[q.end:q.end + 1]):
        item = dict(last, q=q, end=q.end, growth=None, qualifier=q.qualifier)
        c.out.append(item)
        c.levels.append(item)
        return _Then.NEXT
    return None


def _named_level(c: _Clause, i: int, q: Quantity, before: str, change) -> _Then | None:
    """A level named by the words before it, or by the clause before (``…大幅增长,达到45%``)."""
    if item := _level(c.text, c.cursor, q, c.end, before) or _named_by_change(c.previous, c.cursor, q):
        _name_share(item, c.levels)
        c.out.append(item)
        c.levels.append(item)
    return _Then.NEXT


# each figure of a clause goes to the first of these that reads it (all but the last may pass it on)
def _level_after_its_change(c: _Clause, i: int, q: Quantity, before: str, change) -> _Then | None:
    """``地区生产总值同比增长6.1%、突破2万亿元大关``: the change came first; the level reached after it is that
    figure's, and the change its growth."""
    if change is not None or not c.out or not _REACHED_AFTER_CHANGE.fullmatch(before):
        return None
    prev = c.out[-1]
    if prev["rule"] != "change" or prev["start"] < c.start or prev["q"].unit != "%" or q.unit in ("%", "个百分点"):
        return None
    sign = -1 if prev.get("qualifier") == "下降" else 1
    item = _level(c.text, prev["start"], q, c.end, before=prev["name"])
    if item is None:
        return None
    c.out[-1] = dict(item, growth=sign * prev["q"].value)
    c.levels.append(c.out[-1])
    return _Then.NEXT


_REACHED_AFTER_CHANGE = re.compile(r"[、,，]?\s*(?:并|且)?(?:突破|达到|达|超过|超|首破|跨越|迈上|跃上)")


_CLAUSE_READERS = (_growth_listed, _growth_of_the_clause, _changes_given_out, _level_after_its_change, _levels_spread,
                   _figures_each, _part_of_a_name, _went_on, _other_unit, _named_level)


# a figure reached right after the figure before it (``突破4000亿元,达4601.5亿元``, ``增长8%,到2025年达到900亿元``,
# ``增长6.2%达85.3亿元``)
_REACHED = re.compile(r"[,，]?\s*(?P<year>(?:到|至)?(?:19|20)\d\d年(?:底|末)?[,，]?)?(?:总量|总额|规模)?(?:达到|达)$")
_TOTAL_AFTER = re.compile(r"[,，、]\s*(?:总量|总数)?累计(?:达到|达)?$")  # ``新增友城5对、累计达195对``: the total so far


def _continues(text: str, q: Quantity, out: list[dict], levels: list[dict]) -> bool:
    """A figure with no name of its own that the item before goes on to: a threshold passed then the figure
    reached (``突破4000亿元,达4601.5亿元``: the figure reached replaces it), or a change then its level
    (``增长30%,达1325亿元``: the level, with the change as its growth; a level of a later year stands alone)."""
    prev = out[-1] if out else None
    if prev and prev["q"].unit == q.unit and prev["rule"] != "change" and q.value > prev["q"].value \
            and (total := _TOTAL_AFTER.fullmatch(text, prev["q"].end, q.start)):
        stock = re.sub(r"^(?:新增|新建|新引进|引进|新认定|新培育)", "", prev["name"])  # the total is of all, not of the new
        item = dict(prev, name=stock if len(stock) >= 2 else prev["name"], q=q, end=q.end, growth=None,
                    qualifier=total.group().lstrip(",，、 "))
        out.append(item)
        levels.append(item)
        return True
    reached = _REACHED.fullmatch(text, prev["q"].end, q.start) if prev else None
    if reached is None:
        return False
    if prev["rule"] == "change" and prev["q"].unit == "%" and q.unit != "%" and prev.get("growth") is None:
        sign = -1 if prev.get("qualifier") == "下降" else 1
        growth = None if reached.group("year") else sign * prev["q"].value
        item = dict(prev, q=q, end=q.end, rule="level", growth=growth, qualifier=q.qualifier)
        if reached.group("year"):
            out.append(item)
        else:
            out[-1] = item
        levels.append(item)
        return True
    if prev["q"].qualifier in ("突破", "超过", "超") and prev["q"].unit == q.unit and q.value > prev["q"].value \
            and not reached.group("year"):
        prev.update(q=q, end=q.end, qualifier=q.qualifier)
        return True
    return False


_SHARE = re.compile(r"^(?:约|分别|共|均)?(占|是)")


def _name_share(item: dict, levels: list[dict]):
    """``工业投资120亿元,占全市的30%``: a share with no subject is a share of the level before it."""
    share = _SHARE.match(item["name"])
    levels = [lv for lv in levels if lv["q"].unit != "位"]  # ``居全国第一,占全市37%``: a share of the figure, not of its rank
    if share and levels and not re.search(r"占|是|比重", levels[-1]["name"]):
        item["name"] = (levels[-1]["name"] + item["name"][share.start(1):])[:40]


def _outside(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """``text[start:end]`` without the parts inside ``spans``."""
    return "".join(ch for i, ch in enumerate(text[start:end], start) if not any(a <= i < b for a, b in spans))


_HOW_FAST = re.compile(r"(?:大幅|明显|显著|快速|高速|迅速|稳步|持续|较快|较大)+")
_CHANGE_ENDING = re.compile(r"(?:发展|增长|势头)?(?:较快|迅速|迅猛|强劲|良好|明显|显著|加快)$|(?:%s)$" % "|".join(GROWTH_UP + GROWTH_DOWN))


def _named_by_change(previous: str, cursor: int, q: Quantity, down: bool | None = None) -> dict | None:
    """A percentage alone in its clause (``达到45%``, ``增长15%``) named by the clause before it when that
    clause states a change (``商业供电量大幅增长``, ``婚庆经济发展较快``).

    >>> from kg.model import Quantity
    >>> _named_by_change("星河镇外贸出口大幅增长", 0, Quantity(value=45, unit="%", start=0, end=3))["name"]
    '星河镇外贸出口增长'
    """
    ending = _CHANGE_ENDING.search(previous)
    if q.unit in ("%", "成") and ending is None and not find_quantities(previous) \
            and (subject := _A_FIGURE_NAMED.search(previous)):  # ``地方一般公共预算收入扣除留抵退税,同口径增长9.9%``
        name = indicator_name(subject.group().split("、")[-1])
        return {"name": name, "q": q, "start": cursor, "end": q.end, "rule": "change", "growth": None,
                "qualifier": "下降" if down else q.qualifier} if len(name) >= 2 else None
    if q.unit not in ("%", "成") or ending is None or find_quantities(previous):
        return None
    verb = ending.group() if ending.group() in GROWTH_UP + GROWTH_DOWN else ""
    down = verb in GROWTH_DOWN if down is None else down
    name = indicator_name(_HOW_FAST.sub("", previous[:ending.start()]).split("、")[-1])
    if len(name) < 2:
        return None
    return {"name": name + verb, "q": q, "start": cursor, "end": q.end, "rule": "change", "growth": None,
            "qualifier": "下降" if down else q.qualifier}


# a clause that names a figure and says nothing of it, for the clause after it to give its change
_A_FIGURE_NAMED = re.compile(r"^[\u4e00-\u9fff、]{2,20}?(?:收入|总值|增加值|投资|产值|总额|利润|税收|销售额|营业额|出口|进口|消费)")

_COUNT_UNITS = ("个", "家", "项", "座", "所", "条", "名", "户", "件", "支", "批")


def _threshold(text: str, q: Quantity, rest: list[Quantity]) -> bool:
    """True for a figure with ``以上``/``以下`` that qualifies the thing counted right after it, or for a distance
    that says which rate the figure after it is (``500米公交站点覆盖率达95%``)."""
    if rest and q.unit in _DISTANCES and rest[0].unit == "%" and _RATE_OF_DISTANCE.fullmatch(text, q.end, rest[0].start):
        return True
    if text.startswith(("以上的", "以下的", "及以上的"), q.end):
        return True  # ``32家注册资本1000万元以上的企业``: a class of the things counted, whatever comes after
    if not rest or rest[0].unit not in _COUNT_UNITS or not text.startswith(("以上", "以下", "及以上"), q.end):
        return False
    between = text[q.end:rest[0].start]
    return len(between) <= 14 and re.search(r"[,，;；。、]", between) is None


_DISTANCES = frozenset({"米", "公里", "千米"})
_RATE_OF_DISTANCE = re.compile(r"(?:范围)?内?[\u4e00-\u9fff]{2,12}(?:覆盖率|率)(?:达到|达|为|提高到|提高至|提升至)?")
_TIME_SPANS = frozenset({"年", "周年"})  # ``今后5年``, ``建党100周年``, ``困扰…数十年``: a span of time, not a figure


_STREAK_UNITS = re.compile(r"(?:个季度|季度|个月|月|年|届|次|周)")


def _names_a_rule(text: str, q: Quantity) -> bool:
    """True for a count that is part of a name (``中央八项规定``, ``四个意识``) or that announces the
    parts of the report itself (``重点做好以下八个方面工作``), or that counts the figure after it
    (``两个100%``).

    >>> from kg.extract.numbers import find_quantities
    >>> text = "重点做好以下八个方面工作"
    >>> _names_a_rule(text, find_quantities(text)[0])
    True
    >>> text = "连续12个季度召开重大产业项目推进会"
    >>> _names_a_rule(text, find_quantities(text)[0])
    True
    """
    if text[max(0, q.start - 2):q.start] == "连续" and _STREAK_UNITS.match(q.unit + text[q.end:q.end + 2]):
        return True  # ``连续12个季度召开推进会``: how long something has gone on, not a figure
    if q.unit not in ("项", "个", "条"):
        return False
    return re.match(r"(?:规定|原则|要求|意识|自信|维护|精神)", text[q.end:q.end + 2]) is not None \
        or (text[q.start - 1:q.start] == "从" and text.startswith("方面", q.end)) \
        or text[max(0, q.start - 2):q.start] in ("以下", "如下") \
        or text[q.end:q.end + 1].isdigit()  # ``办结率和满意度两个100%``: the count counts the figures after it


def _one_figure_each(before: str, count: Quantity, figure: Quantity, cursor: int, levels: list[dict],
                     out: list[dict]) -> bool:
    """``办结率和满意度两个100%``: as many names as the count before the figure each have that figure."""
    if figure.start != count.end or count.unit != "个":
        return False
    members = [indicator_name(m) for m in re.split(r"[和与及、]", _LEAD_IN_TAIL.sub("", before)) if m.strip()]
    if len(members) != count.value or any(len(m) < 2 for m in members):
        return False
    for member in members:
        item = {"name": member[:40], "q": figure, "start": cursor, "end": figure.end, "rule": "spread",
                "growth": None, "qualifier": figure.qualifier}
        out.append(item)
        levels.append(item)
    return True


def _meaningful(subject: str) -> bool:
    """True when ``subject`` names what changes, beyond words of comparison and notes in brackets (``同比(下同)``)."""
    return len(re.sub(r"[、\s]|同比|同口径|比上年|比(?:19|20)\d\d年|分别|其中|全年|均|[(（][^()（）]{0,8}[)）]", "", subject)) >= 2


def _change_subject(before: str, change: re.Match) -> str:
    """The words before a change that name what changes, without how fast and the noise after them."""
    return _TRAILING_NOISE.sub("", _HOW_FAST.sub("", before[: change.start()]))


def _bare_change(before: str, change: re.Match, cursor: int, q: Quantity) -> dict:
    """``工业利润增长25%``: a change with no level is an observation in percent."""
    name = indicator_name(_TRAILING_NOISE.sub("", _HOW_FAST.sub("", _subject_tail(before[: change.start()]))))
    down = change.group(2) in _GROWTH_DOWN
    return {"name": name, "q": q, "start": cursor, "end": q.end, "rule": "change", "growth": None,
            "qualifier": "下降" if down else q.qualifier}


_SHARED_TAIL = re.compile(r"占.+|(?:比重|占比|比例|比率)$")


def _each_change(before: str, change: re.Match, cursor: int, q: Quantity) -> list[dict]:
    """``A、B产值占工业比重均提升1个百分点``: each member changes by the figure, and the members before
    the last take the last one's share (``A占工业比重``)."""
    whole = _bare_change(before, change, cursor, q)
    members = [m for m in re.split(r"[、和与及]", _change_subject(before, change)) if m.strip()]
    if len(members) < 2 or len(members) > 5 or not _SHARED_TAIL.search(members[-1]):
        return [whole]
    names = [indicator_name(m) for m in _shared_tail(members)]
    return [dict(whole, name=name[:40], rule="each") for name in names if len(name) >= 2]


_NEXT_FIGURE = re.compile(r"(?:左右|以上|以内)?[、和及与\s]*")  # between the figures of ``分别增长3%左右和8.5%``


def _spread_changes(text: str, before: str, change: re.Match, cursor: int, run: list[Quantity]) -> list[dict]:
    """``A、B、C分别下降19.2%、6.3%、36.7%``: the i-th member changes by the i-th figure (nothing when the members
    and the figures do not pair up)."""
    figures = [run[0]]
    for prev, q in zip(run, run[1:]):
        if q.unit != run[0].unit or not _NEXT_FIGURE.fullmatch(text, prev.end, q.start):
            break
        figures.append(q)
    members = _paired([re.sub(r"(?:同比|比上年)$", "", m) for m in re.split(r"[、和与及]", _change_subject(before, change))
                       if m.strip()], len(figures))
    if len(figures) < 2 or len(members) != len(figures):
        return []
    whole = _bare_change(before, change, cursor, run[0])
    named = [(indicator_name(m), q) for m, q in zip(_short_members_share(members), figures)]
    return [dict(whole, name=name[:40], q=q, end=q.end, rule="each",
                 qualifier="下降" if change.group(2) in _GROWTH_DOWN else q.qualifier)
            for name, q in named if len(name) >= 2]


def _paired(members: list[str], figures: int) -> list[str]:
    """One member whose first word stands for two (``PAIRED_WORDS``), before two figures: the two it stands for.

    >>> _paired(["城乡居民人均可支配收入"], 2)
    ['城镇居民人均可支配收入', '农村居民人均可支配收入']
    """
    if len(members) != 1 or figures != 2:
        return members
    word = next((w for w in PAIRED_WORDS if members[0].startswith(w)), None)
    return [one + members[0][len(word):] for one in PAIRED_WORDS[word]] if word else members


def _short_members_share(members: list[str]) -> list[str]:
    """Members as short as one another before a long last one share the rest of its name, as the first
    characters of each (``一、二、三产业增加值``: ``第一产业增加值``…; ``城镇、农村居民人均可支配收入``).

    >>> _short_members_share(["一", "二", "三产业增加值"])
    ['第一产业增加值', '第二产业增加值', '第三产业增加值']
    >>> _short_members_share(["城镇", "农村居民人均可支配收入"])
    ['城镇居民人均可支配收入', '农村居民人均可支配收入']
    """
    short, last = members[:-1], members[-1] if members else ""
    n = len(short[0]) if short else 0
    if not short or n > 2 or any(len(m) != n for m in short) or len(last) < n + 2:
        return members
    shared = [m + last[n:] for m in short] + [last]
    return ["第" + m if _ORDINAL_SECTOR.match(m) else m for m in shared]


_ORDINAL_SECTOR = re.compile(r"[一二三]产业")  # ``一产业``: the first sector, 第一产业


def _shared_tail(members: list[str]) -> list[str]:
    """``先进制造业和高技术制造业占工业比重``: the members before the last take its share or ratio.

    >>> _shared_tail(["星河镇种植业", "养殖业产值占农业比重"])
    ['星河镇种植业占农业比重', '养殖业产值占农业比重']
    """
    tail = _SHARED_TAIL.search(members[-1]) if members else None
    if tail is None:
        return members
    return [m if _SHARED_TAIL.search(m) else m + tail.group() for m in members[:-1]] + members[-1:]


def _spread_levels(text: str, members_text: str, cursor: int, run: list[Quantity], levels: list[dict], out: list[dict],
                   tail: str = ""):
    """``A、B比重分别达63%、67%``: the i-th member names the i-th figure (with ``tail`` after each name)."""
    figures = [run[0]]
    for prev, q in zip(run, run[1:]):
        if not re.fullmatch(r"[、和及\s]*", text[prev.end:q.start]):
            break
        figures.append(q)
    members = _paired([m for m in members_text.split("、") if m.strip()], len(figures))
    if len(members) != len(figures):  # ``A和B分别达到45%和50%``: a pair joined by 和
        members = _shared_tail([m for m in re.split(r"[、和与及]", members_text) if m.strip()])
    if len(members) != len(figures) or any(len(indicator_name(m)) < 4 for m in members):
        members = [members_text] * len(figures)
    for member, q in zip(members, figures):
        item = {"name": (indicator_name(member) + tail)[:40], "q": q, "start": cursor, "end": q.end, "rule": "spread",
                "growth": None, "qualifier": q.qualifier}
        if len(item["name"]) >= 2:
            out.append(item)
            levels.append(item)


def _subject_tail(subject: str) -> str:
    return re.split(r"[、]", subject)[-1]


def _assign_growth(growth: list[Quantity], down: bool, levels: list[dict]) -> bool:
    """Give each growth rate to an open level before it; False when there is none to give it to."""
    open_levels = [lv for lv in levels if lv.get("growth") is None and lv["q"].unit != "位"]  # a rank does not grow
    targets = open_levels[-len(growth):] if len(growth) > 1 else open_levels[-1:]
    for lv, g in zip(targets, growth):
        if g.unit == "%":
            lv["growth"] = -g.value if down else g.value
    return bool(targets)


def _level(text: str, cursor: int, q: Quantity, clause_end: int, before: str | None = None) -> dict | None:
    """The level ``q`` states, named by the words before it, or for a count by the thing counted after it (its
    concept then keeps the stage of works it is counted at, ``staged``: ``建成公园``)."""
    staged = None
    before = text[cursor:q.start] if before is None else before
    before = _TRAILING_NOISE.sub("", before)
    name = indicator_name(_AFTER_LIST.split(before.split("、")[-1])[-1])
    rule = "level"
    after = re.split(r"[、。!?]", text[q.end:clause_end])[0]
    after = re.sub(r"^(?:以上|以下|左右|以内)", "", after)
    if q.unit == "%" and after in RATE_VERBS and len(name) >= 2:  # ``困难家庭帮扶100%达标``: a rate named after it
        name, rule = name + after + "率", "rate"
    elif q.unit.endswith("元") and (fund := _FUND_AFTER.match(after)):  # ``用好中央149.2亿元乡村振兴补助资金``
        name, rule = indicator_name(fund.group()), "fund-after"
    elif after.startswith("大关"):  # ``突破400亿元大关``: a threshold passed, named by the words before it, if any
        if len(name) < 2:
            return None  # ``…完成10.3亿元,突破了10亿元大关``: the figure stated again as a round threshold
    elif len(name) < 2 or _verb_final(before) or _open_ended(before) or _listed(text, q, before) \
            or (q.unit in _COUNT_UNITS and _place_final(before)):
        if _counts_a_slogan(text, q):
            return None
        counted = _after_name(after)  # tokenized once
        if _counts_a_manner(text, q, counted):
            return None
        if counted.startswith("等") and len(name) >= 2:  # ``落实人才安居10条等措施``: the count is of the kind before it
            name, rule = name + indicator_name(counted[1:]), "count-kind"
        elif len(counted) >= 2:
            name, rule = indicator_name(counted), "count-first"
            staged = _with_stage(name, before, after[after.find(counted) + len(counted):])
    elif (attribute := _ATTRIBUTE.search(name)) and after.startswith("的") and len(owner := _owner(after[1:])) >= 2:
        name, rule = indicator_name(owner) + attribute.group(), "attribute"  # ``规模5亿元的产业基金``
    elif "等" in name[1:-1] and (word := _lead_stage(before)):  # ``建成A、B等道路35条``: roads finished
        staged = word + name[name.rindex("等") + 1:]
    if q.unit == "强" and (entered := _ENTERED.search(name)) and len(name) - entered.end() >= 2:
        name = name[entered.end():]  # ``星河科技入选(中国孵化器50强)``: the list is the name, not who entered it
    if q.unit == "位":  # ``交通文明指数测评全市(第二)``: the scope ranked in is not the name, nor how long it held
        name, of_before = _rank_of(name)
        rule = "rank-of-before" if of_before else rule
    if len(name) < 2:
        return None
    qualifier = q.qualifier
    if not qualifier and "预计" in text[max(0, cursor - 40):q.start]:
        qualifier = "预计"
    return {"name": name[:40], "q": q, "start": cursor, "end": q.end, "rule": rule, "growth": None, "qualifier": qualifier,
            "staged": staged if staged != name else None}


# money right before the fund, loan or bond it is the amount of: that names it
_FUND_AFTER = re.compile(r"(?!的)[\u4e00-\u9fff]{2,12}?(?:资金|基金|贷款|债券|专项债|补贴)(?![\u4e00-\u9fff])")


def _starting_level(q: Quantity, name: str, start_words: str) -> dict | None:
    """The level a change started from (``财政收入从2699万元增长到6503万元``: 2699万元), as of the year named
    (``从2015年的``), else of the year before the span the change covers (``baseline``: ``True``); none where the start is
    not a year's figure (``由原来的``, ``由每生每年``)."""
    if _START_OF_A_YEAR.fullmatch(start_words) is None:
        return None
    name = indicator_name(_AFTER_LIST.split(_TRAILING_NOISE.sub("", name).split("、")[-1])[-1])
    if len(name) < 2:
        return None
    named = re.search(r"(?:19|20)\d\d", start_words)
    return {"name": name[:40], "q": q, "start": q.start - len(start_words), "end": q.end, "rule": "level-from",
            "growth": None, "qualifier": q.qualifier, "staged": None,
            "baseline": int(named.group()) if named else True}


_START_OF_A_YEAR = re.compile(r"(?:从|由)%s%s" % (_YEAR_OF, _ABOUT))  # ``从``, ``从2015年的``, not ``由原来的``


def _place_final(before: str) -> bool:
    """True when the words before a count end in a place or a time (``县城6条主要街道``, ``对晋庄镇24个行政村``,
    ``2012年至2014年26所项目校``): what is counted is named after the count."""
    before = re.sub(r"[“”\"\s]", "", before)
    if _YEAR_END.search(before):
        return True
    toks = tokenize_phrase(before[-8:])
    return bool(toks) and (toks[-1].pos in ("ns", "t") or toks[-1].word.endswith(_PLACE_ENDINGS)
                           or toks[-1].word[-1:] in _REGION_CHARS and len(toks[-1].word) >= 3)


_YEAR_END = re.compile(r"(?:19|20)\d\d年(?:底|末)?$")
_REGION_CHARS = frozenset("镇乡村县")


_PLACE_ENDINGS = ("县城", "城区", "镇区", "市区", "全镇", "全乡", "全县", "全区", "全市", "辖区")


def _counts_a_manner(text: str, q: Quantity, counted: str) -> bool:
    """A count in words of a manner, not of things (``八个坚定不移``, ``三个务必``)."""
    toks = tokenize_phrase(counted) if counted else []
    return not text[q.start].isdigit() and bool(toks) and toks[-1].pos in ("i", "l", "a", "ad", "d", "v")


def _with_stage(counted: str, before: str, rest: str) -> str:
    """The concept of a count of works, with the stage they are counted at: the stage word after the counted thing
    (``44条道路开工``), else one opening the clause before it (``建成…等10个公园``), if it is a start or a finish."""
    if word := flow_stage_word(rest):
        return counted + word
    lead = _AIM_LEAD.sub("", before.strip())
    if (word := flow_stage_word(lead)) and (lead == word or lead.endswith("等")):
        return word + counted
    return counted


def _lead_stage(before: str) -> str:
    """The stage word of a start or a finish opening the words before a figure (after aim words), or ``""``."""
    return flow_stage_word(_AIM_LEAD.sub("", before.strip()))


_AIM_LEAD = re.compile(r"^(?:%s)+" % "|".join(map(re.escape, (*TARGET_AUX_LEADS, "实现"))))  # ``力争``, ``实现``


# ``生物医药、新一代信息技术等七大新兴产业产值``: the figure is of the counted kind after the list
_AFTER_LIST = re.compile(r"等(?=[一二两三四五六七八九十百\d]+[大个类项家])")

# what a figure before ``的`` measures of the thing after it (``总投资48亿元的5个酒店``)
_ATTRIBUTE = re.compile(r"(?:总投资|投资额|投资|总规模|规模|总面积|建筑面积|占地面积|面积|全长|总长|长度|容量|总额)$")


_QUOTED_AFTER = re.compile(r"[“\"]([^”\"]{2,12})[”\"]")


def _counts_a_slogan(text: str, q: Quantity) -> bool:
    """True for a count in words of a quoted phrase that names no thing (``两个“毫不动摇”``, ``四个“走在前列”``), not
    of a quoted kind of thing (``两个“口袋公园”``)."""
    quoted = _QUOTED_AFTER.match(text, q.end)
    if quoted is None or text[q.start].isdigit():
        return False
    toks = tokenize_phrase(quoted.group(1))
    return bool(toks) and not toks[-1].pos.startswith("n")


def _owner(after: str) -> str:
    """The thing a figure before ``的`` measures: the noun phrase ending its clause (``星河产业引导基金``),
    else the name after the count."""
    chunk = re.split(r"[,;，；。、\d]", after)[0]
    toks = tokenize_phrase(chunk) if 2 <= len(chunk) <= 16 else []
    return chunk if toks and toks[-1].pos.startswith("n") else _after_name(after)


def _listed(text: str, q: Quantity, before: str) -> bool:
    """True for a count right after a list (``环保和光伏两个检测中心``; in Arabic figures only when it counts
    the members, ``星河、澄溪2个创新中心``): it counts the thing named after it."""
    tail = before.split("，")[-1]
    if not text[q.start].isdigit():
        return re.search(r"[和与及、]", tail[-12:]) is not None
    return q.unit in _COUNT_UNITS and "、" in tail and q.value == len([m for m in re.split(r"[和与及、]", tail) if m.strip()])


# words between a name and its figure: qualifiers, adverbs, an aspect mark (``组建了``), a pronoun subject (``双方``)
_TRAILING_NOISE = re.compile(r"(?:超过|超|近|约|达到|达|突破|逾|累计|共|低于|高于|不低于|不少于|第|"
                             r"另外|另|又|再|还|仅用|仅|只|了|先后|双双|双方|各方|创下|创造|刷新|平均|最高|首次)+$")  # ``亩产创下1690斤的新高``


def _open_ended(before: str) -> bool:
    """True when the words before a count cannot end a name (``票决产生的``, ``招商先锋队和``): what is counted
    is named after the count."""
    return re.sub(r"[“”\"\s]", "", before).endswith(("的", "和", "与", "及", "以及"))


_ENTERED = re.compile(r".*(?:入选|跻身|进入|荣登|挺进|位列|获评|评为|成为|入围)")
_RANK_SCOPE = re.compile(r"(?:全国|全省|全市|全区|全县|全镇)$")
# ``生态考核连续三年位居(全市第一)``: the verb of a rank and how long it was held
_RANK_HELD = re.compile(r"(?:连续[一二两三四五六七八九十\d]+年)?(?:均|仍|继续|再次|首次)?(?:跃居|稳居|位居|名列|位列|蝉联|%s)" % _JU)


def _rank_of(name: str) -> tuple[str, bool]:
    """A rank's name, and whether it ranks the figure before it, which names it (``(新增面积2.79万平方米,)排名全市第一``,
    ``(投资301亿元、)总量全市第一``): then the name is only what follows, the scope and ``排名``."""
    of_before = False
    if subjectless := _RANK_SUBJECTLESS.match(name):
        name, of_before = name[subjectless.end(1) if subjectless.group(1) else 0:], True
    name = _rank_name(name)
    if bare := re.fullmatch(r"(?:总量|总额|规模)?((?:增速)?排名)", name):
        name, of_before = bare.group(1), True
    return name, of_before


def _rank_name(name: str) -> str:
    """A rank's name, as the statistics name it: what is ranked, where, then ``排名``.

    >>> _rank_name("生态考核连续三年位居全市"), _rank_name("经济总量居亚洲城市"), _rank_name("在考评中排名")
    ('生态考核排名', '经济总量亚洲城市排名', '考评排名')
    """
    name = _RANK_SCOPE.sub("", _RANK_HELD.sub("", _RANK_SCOPE.sub("", name)))
    name = re.sub(r"(?<=..)中(?=(?:排名)?$)", "", re.sub(r"^在(?=..)", "", name))  # ``在全市考核中(位列第三)``
    name = re.sub(r"(?:(?:上升|提升|前进|跃升|提高)(?:到|至))?[第前]?$", "", name)  # ``排名由第8位上升到(第5位)``
    if len(name.removesuffix("排名")) < 2:  # no subject (``连续三年稳居``), or a word's end (``建设进度和完成率``)
        return "排名"
    return name if name.endswith(("排名", "排位", "名次", "排行")) else name + "排名"


def _verb_final(before: str) -> bool:
    """True when the words before a count end in a verb, a localiser or ``等`` (``引进林青、周岚等``,
    ``现行标准下``): what is counted is named after the count. ``前`` before a figure is a rank (``全球前2%``)."""
    before = re.sub(r"[“”\"]", "", before).strip()
    if not before or before.endswith("等"):
        return True
    toks = tokenize_phrase(before[-8:])
    if not toks or toks[-1].word in ("增长", "提高", "前"):
        return False
    last = toks[-1]
    # a stage of works ends a clause as a verb, though tagged a noun (``建设8公里绿道``)
    return last.pos in ("v", "vd", "vi", "vg", "f") or last.word in PROJECT_STAGES or last.word in FLOW_MARKERS


_NOT_IN_NAMES = ("d", "ad", "p", "c", "uj", "ul", "r", "m", "x")  # adverbs, prepositions, particles, pronouns, numbers


def _after_name(after: str) -> str:
    """The name that follows a count (``10个市级重大产业项目顺利推进`` → ``市级重大产业项目``), up to the next
    figure (``10个方面31项课题研究`` → ``方面``; a year is not a figure)."""
    after = re.sub(r"[“”\"]", "", after)[:24]
    if after.startswith(("(", "（")):
        return ""  # ``4.35亿元(含原留抵退税)``: a note on the figure, not what it counts
    figures = find_quantities(after)
    after = after[:figures[0].start] if figures else after
    toks = tokenize_phrase(after)
    if toks and toks[0].pos.startswith("v"):
        return after
    if len(toks) >= 3 and toks[-1].word in ACTION_HEADS and not any(t.pos in _NOT_IN_NAMES for t in toks):
        return after  # ``食品抽检任务``, ``三级挂牌隐患整改任务``: the verbs before a head of tasks are part of it
    for t in toks[1:]:
        if t.pos in ("v", "vd", "vi", "d", "ad", "p", "c", "uj") and t.start >= 2 and t.word not in ("以上", "以下"):
            return after[: t.start]  # ``规模以上工业企业``: a threshold is part of the name
    return after

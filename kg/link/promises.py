"""Promise tracking: a target set in one report, against the actual a later report of the same region gives.

A target for year N (the plan part of the report of year N) is matched with the
actual for year N in the next report of the same region (its review part): same
indicator concept, same unit and same measure (a flow in the year such as
``新增``/``引进`` is not answered by a stock such as ``达``/``累计``), or, for a
growth target in percent, the growth stated with the actual level.

The verdict follows the target's bound (``bound``), the rules of
docs/pages/corpus.md#promises-targets-and-actuals:

- floor (``以上``, ``不低于``, a plain figure): ``met`` when the actual reaches it;
- ceiling (``以内``, ``控制在``, ``不超过``, a fall to reach, or a quantity kept down
  such as prices or unemployment): ``met`` when the actual stays at or under it;
- about (``左右``): as its floor or ceiling, within ``ABOUT_POINTS`` percentage
  points of a figure in percent, or ``ABOUT_SHARE`` of another figure;
- range (``6%-6.5%``): a floor at its lower bound (a ceiling at its upper one).

``not reported`` says why (``Promise.reason``): the next report has no review
part, or states no actual of the quantity. Targets with no later report of
their region in the build get no verdict. A qualitative goal (``保持稳定``) has no
figure, so it is never a target here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Sequence

import re

from kg.extract.lexicon import (CEILING_QUANTITIES, FLOW_MARKERS, INDICATOR_ABBREVIATIONS, TARGET_AUX_LEADS,
                                TARGET_AUX_TAILS)
from kg.model import Extraction, Observation, ReportMeta
from kg.extract.stages import STAGE_FLOWS, counted_stage

__all__ = ["Promise", "track_promises", "first_reports", "has_review", "verdict", "bound", "ABOUT_POINTS", "ABOUT_SHARE",
           "NO_REVIEW", "NO_ACTUAL"]

# qualifiers and words that make a target a ceiling: the actual must not exceed it
_CEILINGS = ("以内", "以下", "低于", "不超过", "控制在", "不高于")
# how far from a target ``左右`` reaches: half a percentage point of a figure in percent (the precision growth
# targets are set at: 6.5%左右 is met by 6.0%, as statistics offices and the reports themselves read it), and
# a twentieth of any other figure (1,000 new places 左右 is met by 950)
ABOUT_POINTS = Decimal("0.5")
ABOUT_SHARE = Decimal("0.05")
# classifiers of things counted one by one (个, 座 …): a count in one is a count in another
_COUNTED = frozenset("个座所家处项只")
# what a name's key leaves out: punctuation, and words that say how it is compared, not what
_KEY_NOISE = re.compile(r"[、，,.。·()（）“”\"'‘’《》\s]|同比|下同|各类|各项|全年平均")
# words after a name that say how its figure is taken: a change of it (居民消费价格涨幅 is 居民消费价格's growth), an average
_GROWTH_TAIL = re.compile(r"(?:涨幅|增幅|增速|增长率|上涨|增长|平均)$")
# what says a figure is a stock (a level reached, a total), not a flow of the year
_STOCK = re.compile(r"累计|总数|总量|保有量|存量|达到?\d|增至|增加到|提高到|提升至|达到")
NO_REVIEW = "the next report has no review part"
NO_ACTUAL = "the next report states no actual of this quantity"


@dataclass(frozen=True)
class Promise:
    """A target (report index, observation index) and what became of it."""

    target: tuple[int, int]
    actual: tuple[int, int] | None
    verdict: str  # "met" | "missed" | "not reported"
    reason: str | None = None  # why not reported: NO_REVIEW or NO_ACTUAL


def track_promises(extractions: list[Extraction]) -> list[Promise]:
    """Every target of every report whose region has a later report stating the actuals of its year."""
    actuals: dict[tuple[int, int], _Actuals] = {}
    metas = [(x.structure.meta, has_review(x)) for x in extractions]  # one pass: each report read once here
    reviewing = first_reports(metas, lambda meta, _: meta.review_year)
    next_reports = first_reports(metas, lambda meta, _: meta.year)
    promises = []
    for i, x in enumerate(extractions):
        for j, obs in enumerate(x.observations):
            if obs.status != "target" or obs.period:  # a five-year target is not the next year's to keep
                continue
            region = x.structure.meta.region
            later = reviewing.get((region, obs.year))
            if not _says_which(_concept(obs)):
                continue
            if later is None:
                if next_reports.get((region, obs.year + 1), i) > i:  # the next year's report, with no review
                    promises.append(Promise((i, j), None, "not reported", NO_REVIEW))
                continue
            key = (later, obs.year)
            if key not in actuals:  # the later report's actuals of the year, gathered once for all its targets
                actuals[key] = _Actuals([(k, a) for k, a in enumerate(extractions[later].observations)
                                         if a.status == "actual" and a.year == obs.year and not a.period])
            match = _actual_for(obs, actuals[key])
            if match is None:
                promises.append(Promise((i, j), None, "not reported", NO_ACTUAL if metas[later][1] else NO_REVIEW))
            else:
                k, value = match
                promises.append(Promise((i, j), (later, k), verdict(obs, value)))
    return promises


def first_reports(metas: Sequence[tuple[ReportMeta, bool]],
                  year_of: Callable[[ReportMeta, bool], int | None]) -> dict[tuple[str, int], int]:
    """(region, year) -> the index of the first report of that region whose ``year_of`` (of its meta and whether
    it has a review part) is that year; reports whose ``year_of`` is None are left out."""
    index: dict[tuple[str, int], int] = {}
    for i, (meta, reviews) in enumerate(metas):
        if year := year_of(meta, reviews):
            index.setdefault((meta.region, year), i)
    return index


def has_review(x: Extraction) -> bool:
    return any(area.part == "review" for area in x.structure.areas)


def _says_which(name: str) -> bool:
    """Whether a name says which quantity it is: three characters or more, or two ending in a word of measure
    (``水耗``, ``电价``; not ``项目``, ``建设``).

    >>> _says_which("水耗"), _says_which("项目"), _says_which("新增学位")
    (True, False, True)
    """
    return len(name) >= 3 or (len(name) == 2 and name[-1] in _MEASURES)


_MEASURES = frozenset("耗量率额价费")


def _concept(obs: Observation) -> str:
    return obs.concept or obs.indicator


class _Actuals:
    """A later report's actuals of one year, by their index, and indexed by what ``_closeness`` compares: the last
    character of their key, and the characters of their key in order (only these can be close to a name)."""

    def __init__(self, answers: list[tuple[int, Observation]]):
        self.answers = answers
        self.by_last: dict[str, list[tuple[int, Observation]]] = {}
        self.by_chars: dict[str, list[tuple[int, Observation]]] = {}
        for k, obs in answers:
            core = _matching_key(obs)[0]
            if core:
                self.by_last.setdefault(core[-1], []).append((k, obs))
                self.by_chars.setdefault("".join(sorted(core)), []).append((k, obs))

    def near(self, core: str) -> list[tuple[int, Observation]]:
        """The actuals whose key may be close to ``core``, in their order."""
        found = {k: obs for k, obs in self.by_last.get(core[-1], []) + self.by_chars.get("".join(sorted(core)), [])}
        return sorted(found.items())


def _actual_for(target: Observation, actuals: _Actuals) -> tuple[int, Decimal] | None:
    """The actual among ``actuals`` (a later report's actuals of the target's year) that answers ``target``, and the
    value to compare: the level, or its growth.

    An actual of the same concept comes first; failing one, an actual under a variant of the
    name (see ``_matching_key``), the closest if several, and none if they disagree.
    """
    kind = _matching_key(target)[1]
    same = [(k, obs, value) for k, obs in actuals.answers
            if _concept(obs) == _concept(target) and _same_flow(kind, _matching_key(obs)[1])
            and (value := _answer(target, obs)) is not None]
    if same:  # a growth target: a growth stated as such before one stated beside a level
        k, _, value = min(same, key=lambda s: target.rule == "change" and s[1].rule != "change")
        return k, value
    return _variant_answer(target, actuals)


def _answer(target: Observation, obs: Observation) -> Decimal | None:
    """The value of ``obs`` to hold against ``target``, or None if its unit or kind does not answer it."""
    growth_target = target.unit == "%" and target.rule == "change"
    if growth_target and obs.growth is not None:
        return obs.growth
    if _unit_class(obs.unit) == _unit_class(target.unit) and not (growth_target and obs.rule != "change"):
        return _signed(obs)
    return None


@lru_cache(maxsize=1 << 10)
def _unit_class(unit: str) -> str:
    """A unit with its classifier made general: things counted one by one are counted alike (``万个`` of 5G
    stations in a plan are ``万座`` in the review), and so are people.

    >>> _unit_class("万个"), _unit_class("万座"), _unit_class("名"), _unit_class("亿元")
    ('万#', '万#', '人', '亿元')
    """
    if unit and unit[-1] in _COUNTED:
        return unit[:-1] + "#"
    return unit[:-1] + "人" if unit and unit[-1] == "名" else unit


def _variant_answer(target: Observation, actuals: _Actuals) -> tuple[int, Decimal] | None:
    """The actual named by a variant of the target's name, of the same measure (both flows of one kind, or both
    stocks) and unit: the same words once aim, flow and noise words go (``_matching_key``), the same characters
    in another order (``公办义务教育学位``, ``义务教育公办学位``), or one name inside the other, in order
    (``城镇登记失业率`` in ``城镇居民登记失业率``; the shorter of 4 characters or more, and 3/5 of the longer).

    The closest variants win (the same words, then the same characters, then one inside the other; the same
    flow word first); if the closest disagree on the value, none.
    """
    core, kind, word = _matching_key(target)
    if len(core) < (2 if kind in _STAGE_KINDS else 3):  # ``建成道路``: two characters say which when a stage does too
        return None
    found = []
    for k, obs in actuals.near(core):
        other_core, other_kind, other_word = _matching_key(obs)
        closeness = _closeness(core, other_core) or _same_head(core, other_core, kind, other_kind)
        if closeness and _same_flow(kind, other_kind) and (value := _answer(target, obs)) is not None:
            found.append(((-closeness, other_word != word), k, value))
    if not found:
        return None
    best = min(f[0] for f in found)
    closest = [(k, value) for rank, k, value in found if rank == best]
    return closest[0] if len({value for _, value in closest}) == 1 else None


_STAGE_KINDS = frozenset(STAGE_FLOWS.values())


def _closeness(a: str, b: str) -> int:
    """3: the same name; 2: the same characters; 1: one inside the other, in order; 0: neither.

    >>> _closeness("义务教育学位", "义务教育学位"), _closeness("公办义务教育学位", "义务教育公办学位")
    (3, 2)
    >>> _closeness("城镇居民登记失业率", "城镇登记失业率"), _closeness("学位", "义务教育学位"), _closeness("税收", "收入")
    (1, 0, 0)
    >>> _closeness("单位地区生产总值能耗", "地区生产总值")
    0
    """
    if a == b:
        return 3
    if len(a) == len(b) and sorted(a) == sorted(b):
        return 2
    short, long = sorted((a, b), key=len)
    if len(short) >= 4 and 5 * len(short) >= 3 * len(long) and short[-1] == long[-1] and _in_order(short, long):
        return 1  # the same head noun: 单位地区生产总值能耗 is not 地区生产总值
    return 0


def _same_head(a: str, b: str, kind: str | None, other_kind: str | None) -> int:
    """1 when one name ends with the other and both count one kind of flow (``新建社区公园``, ``新建公园``;
    ``建成公园``, ``社区公园投入使用``): the shorter names the kind of thing, the flow what was done to it."""
    short, long = sorted((a, b), key=len)
    return int(bool(kind) and kind == other_kind and len(short) >= 2 and long.endswith(short))


def _in_order(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def _same_flow(kind: str | None, other: str | None) -> bool:
    """Both stocks (None), or both flows of one kind, ``新增`` or a figure of the year (kind ``""``) agreeing
    with any flow.

    >>> _same_flow(None, None), _same_flow("in", ""), _same_flow("in", "start"), _same_flow("", None)
    (True, True, False, False)
    """
    if kind is None or other is None:
        return kind is other
    return kind == other or "" in (kind, other)


def _matching_key(obs: Observation) -> tuple[str, str | None, str]:
    """The name an observation is matched by, its flow kind (None for a stock) and its flow word.

    Aim and scope words go (``力争``, ``保持``), and punctuation and noise (``同比``, ``(下同)``); a
    leading flow word (``新增``) goes too, and becomes the kind; so does one just before the figure
    (``力争新增35家``). Without one, a figure is a stock (kind None) when its words say so
    (``累计``, ``总数``, ``达``, ``增至``), else a figure of the year that any flow may answer
    (kind ``""``).

    >>> from kg.model import Observation
    >>> _matching_key(Observation("力争新引进人才", Decimal("5"), "名", 2020, "target", 0, 1, None))
    ('人才', 'in', '新引进')
    >>> _matching_key(Observation("国家高新技术企业", Decimal("1700"), "家", 2020, "actual", 0, 1, None,
    ...                           surface="国家高新技术企业达1700家"))
    ('国高企业', None, '')
    """
    return _key(_concept(obs), obs.surface)


@lru_cache(maxsize=1 << 14)
def _key(concept: str, surface: str) -> tuple[str, str | None, str]:
    """``_matching_key`` of an observation of ``concept`` stated in the words ``surface`` (memoised: a report's
    actuals are compared with every target of the year before)."""
    name = _GROWTH_TAIL.sub("", _strip_aux(_KEY_NOISE.sub("", _abbreviated(concept)))) or concept
    if staged := counted_stage(name):  # ``建成…等道路``, ``道路建成通车``: works counted at a start or a finish
        return staged
    word = _flow_word(name)
    if word:
        return name[len(word):], FLOW_MARKERS[word], word
    said = _flow_word(_strip_aux(surface))  # 力争新增35家: the flow word before the figure
    if said:
        return name, FLOW_MARKERS[said], said
    if _STOCK.search(surface or name):
        return name, None, word
    return name, "", word  # a bare figure: of the year, which any flow may answer


def _abbreviated(name: str) -> str:
    """A name with its long forms in their common short form (``国家高新技术企业`` -> ``国高企业``)."""
    for long, short in INDICATOR_ABBREVIATIONS.items():
        name = name.replace(long, short)
    return name


def _strip_aux(name: str) -> str:
    """A name without its leading and trailing aim words.

    >>> _strip_aux("——力争新增学位"), _strip_aux("研发投入占比保持"), _strip_aux("提高绿化率至")
    ('新增学位', '研发投入占比', '绿化率')
    """
    while lead := next((w for w in TARGET_AUX_LEADS if name.startswith(w) and len(name) > len(w)), None):
        name = name[len(lead):]
    while tail := next((w for w in TARGET_AUX_TAILS if name.endswith(w) and len(name) > len(w)), None):
        name = name[:-len(tail)]
    return name


def _flow_word(name: str) -> str:
    """The flow word a name opens with (the longest), or ``""``."""
    return max((w for w in FLOW_MARKERS if name.startswith(w)), key=len, default="")


def _signed(obs: Observation) -> Decimal:
    """A change stated as a decline (``下降4.3%``) counts as negative."""
    return -obs.value if obs.rule == "change" and obs.qualifier == "下降" else obs.value


def bound(target: Observation) -> str:
    """How a target binds: ``floor``, ``ceiling``, ``about-floor``, ``about-ceiling``, ``range`` or
    ``range-ceiling``.

    >>> from kg.model import Observation
    >>> def t(name, value, unit="%", **kw): return Observation(name, Decimal(value), unit, 2020, "target", 0, 1, None, **kw)
    >>> bound(t("地区生产总值", "6.5", qualifier="左右", rule="change")), bound(t("居民消费价格", "3", qualifier="左右"))
    ('about-floor', 'about-ceiling')
    >>> bound(t("城镇登记失业率", "3.5", qualifier="以内")), bound(t("新增学位", "1000", "个"))
    ('ceiling', 'floor')
    >>> bound(t("地区生产总值", "6", upper=Decimal("6.5"), rule="change"))
    'range'
    """
    name = _concept(target)
    ceiling = ((target.qualifier or "") in _CEILINGS or _signed(target) < 0
               or any(word in name for word in CEILING_QUANTITIES))
    if target.upper is not None:
        return "range-ceiling" if ceiling else "range"
    if target.qualifier == "左右":
        return "about-ceiling" if ceiling else "about-floor"
    return "ceiling" if ceiling else "floor"


def verdict(target: Observation, actual: Decimal) -> str:
    """``met`` or ``missed``, by the target's ``bound``: a floor is met from above, a ceiling from below; ``左右``
    gives way by ``ABOUT_POINTS`` (a figure in percent) or ``ABOUT_SHARE`` (any other); a range is a floor at its
    lower bound, or a ceiling at its upper one.

    >>> from kg.model import Observation
    >>> t = Observation("城镇登记失业率", Decimal("3"), "%", 2020, "target", 0, 1, None, qualifier="以内")
    >>> verdict(t, Decimal("2.4")), verdict(t, Decimal("3.2"))
    ('met', 'missed')
    >>> energy = Observation("能耗", Decimal("4.3"), "%", 2020, "target", 0, 1, None, qualifier="下降", rule="change")
    >>> verdict(energy, Decimal("-5")), verdict(energy, Decimal("-3"))
    ('met', 'missed')
    >>> gdp = Observation("地区生产总值", Decimal("7.5"), "%", 2014, "target", 0, 1, None, qualifier="左右", rule="change")
    >>> verdict(gdp, Decimal("7.4")), verdict(gdp, Decimal("6.9"))
    ('met', 'missed')
    """
    how, goal = bound(target), _signed(target)
    if how.startswith("range"):
        return "met" if (actual <= target.upper if how == "range-ceiling" else actual >= goal) else "missed"
    give = (ABOUT_POINTS if target.unit == "%" else abs(goal) * ABOUT_SHARE) if how.startswith("about") else 0
    if how.endswith("ceiling"):
        return "met" if actual <= goal + give else "missed"
    return "met" if actual >= goal - give else "missed"

"""Promise tracking: a target set in one report, against the actual a later report of the same region gives.

A target for year N (the plan part of the report of year N) is matched with the
actual for year N in the next report of the same region (its review part): same
indicator concept and same unit, or, for a growth target in percent, the growth
stated with the actual level. The verdict is ``met`` when the actual reaches the
target (or stays under it, for a ceiling such as ``控制在3%以内``), ``missed``
otherwise, and ``not reported`` when the later report states no actual for it.
Targets with no later report of their region in the build get no verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kg.extract.lexicon import FLOW_MARKERS, TARGET_AUX_LEADS, TARGET_AUX_TAILS
from kg.model import Extraction, Observation

__all__ = ["Promise", "track_promises", "verdict"]

# qualifiers and words that make a target a ceiling: the actual must not exceed it
_CEILINGS = ("以内", "以下", "低于", "不超过", "控制在", "不高于")


@dataclass(frozen=True)
class Promise:
    """A target (report index, observation index) and what became of it."""

    target: tuple[int, int]
    actual: tuple[int, int] | None
    verdict: str  # "met" | "missed" | "not reported"


def track_promises(extractions: list[Extraction]) -> list[Promise]:
    """Every target of every report whose region has a later report stating the actuals of its year."""
    reviewing = _reports_reviewing(extractions)
    promises = []
    for i, x in enumerate(extractions):
        for j, obs in enumerate(x.observations):
            if obs.status != "target" or obs.period:  # a five-year target is not the next year's to keep
                continue
            later = reviewing.get((x.structure.meta.region, obs.year))
            if later is None or len(_concept(obs)) < 3:
                continue
            match = _actual_for(obs, extractions[later])
            if match is None:
                promises.append(Promise((i, j), None, "not reported"))
            else:
                k, value = match
                promises.append(Promise((i, j), (later, k), verdict(obs, value)))
    return promises


def _reports_reviewing(extractions: list[Extraction]) -> dict[tuple[str, int], int]:
    """(region, year) -> the index of the first report of that region whose review part covers the year."""
    index: dict[tuple[str, int], int] = {}
    for i, x in enumerate(extractions):
        meta = x.structure.meta
        if meta.review_year:
            index.setdefault((meta.region, meta.review_year), i)
    return index


def _concept(obs: Observation) -> str:
    return obs.concept or obs.indicator


def _actual_for(target: Observation, later: Extraction) -> tuple[int, Decimal] | None:
    """The actual that answers ``target`` in ``later``, and the value to compare: the level, or its growth.

    An actual of the same concept comes first; failing one, an actual under a variant of the
    name (see ``_matching_key``), the closest if several, and none if they disagree.
    """
    if len(_concept(target)) < 3:
        return None  # too short a name (``项目``) to say which quantity it is
    answers = [(k, obs) for k, obs in enumerate(later.observations)
               if obs.status == "actual" and obs.year == target.year and not obs.period]
    for k, obs in answers:
        if _concept(obs) == _concept(target) and (value := _answer(target, obs)) is not None:
            return k, value
    return _variant_answer(target, answers)


def _answer(target: Observation, obs: Observation) -> Decimal | None:
    """The value of ``obs`` to hold against ``target``, or None if its unit or kind does not answer it."""
    growth_target = target.unit == "%" and target.rule == "change"
    if growth_target and obs.growth is not None:
        return obs.growth
    if obs.unit == target.unit and not (growth_target and obs.rule != "change"):
        return _signed(obs)
    return None


def _variant_answer(target: Observation, answers: list[tuple[int, Observation]]) -> tuple[int, Decimal] | None:
    """The actual named by a variant of the target's name: same key, both flows of one kind or both stocks.

    Among several, those with the very same flow word are closest; if the closest disagree, none.
    """
    core, kind, word = _matching_key(target)
    if len(core) < 3:
        return None
    found = []
    for k, obs in answers:
        if (value := _answer(target, obs)) is None:
            continue
        other_core, other_kind, other_word = _matching_key(obs)
        if other_core == core and _same_flow(kind, other_kind):
            found.append((other_word != word, k, value))
    closest = [(k, value) for far, k, value in found if far == min(f[0] for f in found)]
    return closest[0] if len({value for _, value in closest}) == 1 else None


def _same_flow(kind: str | None, other: str | None) -> bool:
    """Both stocks (None), or both flows of one kind, ``新增`` (kind ``""``) agreeing with any flow.

    >>> _same_flow(None, None), _same_flow("in", ""), _same_flow("in", "start"), _same_flow("", None)
    (True, True, False, False)
    """
    if kind is None or other is None:
        return kind is other
    return kind == other or "" in (kind, other)


def _matching_key(obs: Observation) -> tuple[str, str | None, str]:
    """The name an observation is matched by, its flow kind (None for a stock) and its flow word.

    Aim and scope words go (``力争``, ``保持``); a leading flow word (``新增``) goes
    too, and becomes the kind. Only the observation's own name counts: a name with no flow
    word is a stock.

    >>> from kg.model import Observation
    >>> _matching_key(Observation("力争新引进人才", Decimal("5"), "名", 2020, "target", 0, 1, None))
    ('人才', 'in', '新引进')
    """
    name = _strip_aux(_concept(obs))
    word = _flow_word(name)
    return name[len(word):], (FLOW_MARKERS[word] if word else None), word


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


def verdict(target: Observation, actual: Decimal) -> str:
    """``met`` or ``missed``: a ceiling is met from below, any other target from above.

    >>> from kg.model import Observation
    >>> t = Observation("城镇登记失业率", Decimal("3"), "%", 2020, "target", 0, 1, None, qualifier="以内")
    >>> verdict(t, Decimal("2.4")), verdict(t, Decimal("3.2"))
    ('met', 'missed')
    >>> energy = Observation("能耗", Decimal("4.3"), "%", 2020, "target", 0, 1, None, qualifier="下降", rule="change")
    >>> verdict(energy, Decimal("-5")), verdict(energy, Decimal("-3"))
    ('met', 'missed')
    """
    goal = _signed(target)
    if (target.qualifier or "") in _CEILINGS or goal < 0:  # a ceiling, or a decline to reach
        return "met" if actual <= goal else "missed"
    return "met" if actual >= goal else "missed"

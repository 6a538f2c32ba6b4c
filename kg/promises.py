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

from .model import Extraction, Observation

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
            if obs.status != "target":
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
    """The actual that answers ``target`` in ``later``, and the value to compare: the level, or its growth."""
    growth_target = target.unit == "%" and target.rule == "change"
    if len(_concept(target)) < 3:
        return None  # too short a name (``项目``) to say which quantity it is
    for k, obs in enumerate(later.observations):
        if obs.status != "actual" or obs.year != target.year or _concept(obs) != _concept(target):
            continue
        if growth_target and obs.growth is not None:
            return k, obs.growth
        if obs.unit == target.unit and not (growth_target and obs.rule != "change"):
            return k, _signed(obs)
    return None


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

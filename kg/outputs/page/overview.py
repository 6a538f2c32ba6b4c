"""The table a corpus's page opens on: a row per report with its counts, small enough to draw before the rest of
the page's data is read.

>>> data = {"nodes": [
...     {"id": 0, "t": 0, "l": "A县2020年政府工作报告", "meta": {"region": "A县", "year": "2020"}},
...     {"id": 1, "t": 1, "l": "2021年工作安排", "rep": 0},
...     {"id": 2, "t": 5, "l": "星河村"},
...     {"id": 3, "t": 7, "l": "地区生产总值", "obs": [["6", "", "%", "", "", "2021", "target", "", 0, 1, None]]}],
...     "views": [{"r": 0, "p": [0, 0, 0, 0, 1, 50, 0, 170, 2, 232, 0, 0, 3, 250, 0, 0]}],
...     "promises": [["A县", "2021", "met", [3, 0], None, ""]]}
>>> overview(data)
{'nodes': 4, 'reports': [[0, 'A县', '2020', 'A县2020年政府工作报告', 1, 1, 1, 1, 0, 0]]}
"""

from __future__ import annotations

from kg.outputs.page.data import TYPES

__all__ = ["overview", "COLUMNS"]

COLUMNS = ("report", "region", "year", "label", "entities", "indicators", "targets", "met", "missed", "not reported")
_REPORT, _AREA, _INDICATOR = (TYPES.index(t) for t in ("Report", "WorkArea", "Indicator"))


def overview(data: dict) -> dict:
    """How many nodes ``data`` (``page_data``, ``place``d) has, and a row of ``COLUMNS`` per report, in node order:
    the entities and the indicators its view shows, the targets it sets and how many of them its region's next
    report met, missed or did not report."""
    nodes = data["nodes"]
    rows = {}
    for view in data.get("views", ()):
        r, ids = view["r"], view["p"][::4]
        meta = nodes[r].get("meta", {})
        kinds = [nodes[i]["t"] for i in ids]
        targets = sum(o[8] == r and o[6] == "target" for i in ids if nodes[i]["t"] == _INDICATOR
                      for o in nodes[i]["obs"])
        rows[r] = [r, meta.get("region", ""), str(meta.get("year", "")), nodes[r]["l"],
                   sum(t not in (_REPORT, _AREA, _INDICATOR) for t in kinds), kinds.count(_INDICATOR), targets, 0, 0, 0]
    for _, _, verdict, target, _, _ in data.get("promises", ()):
        report = nodes[target[0]]["obs"][target[1]][8]
        if report in rows:
            rows[report][7 + ("met", "missed", "not reported").index(verdict)] += 1
    return {"nodes": len(nodes), "reports": [rows[r] for r in sorted(rows)]}

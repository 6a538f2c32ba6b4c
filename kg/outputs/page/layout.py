"""Node positions for the page, computed ahead of time so the browser runs no physics (pure, deterministic).

The page draws one report at a time, so each report is laid out alone, around
its own middle, as a mind map: the review part grows to the left, the plan part
to the right (any other part joins the side with less to show). Outwards, in
columns, come the parts, the sections and the topics (the ``gk:partOf``
backbone), each column leaving room for its labels; then what each work area
names, in a block of rows at the last column, grouped by type (villages and
projects first, indicators last) and by how often they are linked. An entity
named in several reports has a place in each report's view.

Each report also has an outline, its parts and sections only, each section with
room for its whole title, a part's sections set in columns side by side when
they are too many: the page opens on it when the whole tree would be too small
to read.

Coordinates are pixels of a page at zoom 1: a report of about 40 work areas
and 300 entities fills the first view of a 1400×900 window at about that zoom.
It runs in linear time.

>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_node("r", kind="Report", label="r")
>>> G.add_node("a", kind="WorkArea", label="a", order=0, up="r", part="plan")
>>> G.add_node("e", kind="Village", label="e")
>>> G.add_edge("a", "r", kind="partOf"); G.add_edge("e", "a", kind="workArea")
>>> whole, outline = layout(G)["r"]
>>> whole["r"], whole["a"], whole["e"]
((0, 0, 0), (-50, 0, 170), (-232, 0, 0))
>>> outline == {"r": (0, 0, 0), "a": (-50, 0, 482)}
True
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import networkx as nx

__all__ = ["layout", "node_size", "area_tree", "ROOMS", "TYPE_ORDER"]

FIRST = 50      # distance from the report to its parts
ROOMS = (0, 170, 140, 110, 110)  # room for the label of a work area at each depth (deeper: the last)
PAD = 12        # between a label's room and the next column
CELL = 18       # distance between entities along a row of a block
ROW = 17        # distance between the rows of a block
COLUMNS = 8     # entities in a row of a block
LINE = 22       # the least height of a work area's band
GAPS = (0, 18, 8, 4, 4)  # space after a work area at each depth
OUTLINE = 2         # an outline shows the work areas down to this depth (the sections)
OUTLINE_ROOM = 300  # room for a section's title in an outline
OUTLINE_LINE = 26   # the height of a section's band in an outline
OUTLINE_TALL = 900  # an outline's side taller than this sets a part's sections in columns, side by side
# what a block shows first: the things a reader looks for, then the many indicators
TYPE_ORDER = ("Village", "Project", "Enterprise", "Institution", "Initiative", "Indicator")
_BACKBONE = ("Report", "WorkArea")


def area_tree(G: nx.Graph) -> nx.DiGraph:
    """The ``partOf`` backbone as a tree: report → part → section → topic, children in report order."""
    T = nx.DiGraph()
    T.add_nodes_from(n for n, kind in G.nodes(data="kind") if kind in _BACKBONE)
    T.add_edges_from((up, n) for n, up in G.nodes(data="up") if up in T)
    return T


def _order(G: nx.Graph, node: str) -> int:
    return G.nodes[node].get("order", -1) if G.nodes[node]["kind"] == "WorkArea" else -1


def _children(T: nx.DiGraph, G: nx.Graph, node: str) -> list[str]:
    return sorted(T.successors(node), key=lambda c: (_order(G, c), c))


def _room(depth: int) -> int:
    return ROOMS[min(depth, len(ROOMS) - 1)]


def _column(depth: int) -> int:
    """Distance from the report to the work areas at ``depth``.

    >>> [_column(d) for d in range(5)]
    [0, 50, 232, 384, 506]
    """
    return 0 if depth == 0 else FIRST + sum(_room(d) + PAD for d in range(1, depth))


def layout(G: nx.Graph, homes: dict[str, str] | None = None) -> dict[str, tuple[dict, dict]]:
    """Of each report of ``G`` (as made by ``page_data.to_networkx``), two views: the whole tree, and its outline
    (the report, its parts and its sections only, each section with room for its whole title, for a report too
    large to read whole at the zoom where it fits). A view gives the integer ``(x, y, room)`` of each node it
    shows: ``room`` is the width left for a work area's label (0 for the others).

    A report's view holds its work areas and every entity and indicator one of them names; a node that no work
    area names goes to the report ``homes`` gives it (else the first report). Same graph, same positions.
    """
    T = area_tree(G)
    roots = sorted(n for n in T if T.in_degree(n) == 0)
    report_of = {a: root for root in roots for a in nx.dfs_preorder_nodes(T, root)}
    homed: dict[str, list[str]] = {}   # area -> what is placed in its block
    loose: dict[str, list[str]] = {}   # report -> nodes no work area names
    for node in sorted((n for n, kind in G.nodes(data="kind") if kind not in _BACKBONE), key=_by_type(G)):
        firsts: dict[str, str] = {}
        for area in sorted((a for a in G[node] if a in report_of), key=lambda a: (_order(G, a), a)):
            firsts.setdefault(report_of[area], area)
        for area in firsts.values():
            homed.setdefault(area, []).append(node)
        if not firsts and roots:
            loose.setdefault(homes.get(node, roots[0]) if homes else roots[0], []).append(node)
    views = {}
    for root in roots:
        depth = nx.shortest_path_length(T, root)
        whole = _Frame(T, G, depth, homed, _column(max(depth.values()) + 1) if len(depth) > 1 else FIRST)
        outline = _Frame(T, G, depth, {}, _column(OUTLINE) + OUTLINE_ROOM + PAD, OUTLINE, OUTLINE_LINE)
        views[root] = (_place_report(whole, root, loose.get(root, [])), _place_report(outline, root, []))
    return views


def _by_type(G: nx.Graph):
    """Sort key of entities and indicators in a block: by ``TYPE_ORDER``, the most linked first, then by label."""
    rank = {kind: n for n, kind in enumerate(TYPE_ORDER)}
    return lambda n: (rank.get(G.nodes[n]["kind"], len(rank)), -G.degree(n), G.nodes[n]["label"], n)


@dataclass(frozen=True)
class _Frame:
    """What placing one view of a report needs: the tree, each area's depth and block, the block's column, and
    for an outline the depth below which nothing is drawn and the height of a band."""

    T: nx.DiGraph
    G: nx.Graph
    depth: dict
    homed: dict
    block: int
    deepest: int = 1 << 30
    line: int = LINE
    wrap: int = 1   # columns of a part's sections (an outline's)

    def children(self, area: str) -> list[str]:
        return _children(self.T, self.G, area) if self.depth[area] < self.deepest else []


def _place_report(frame: _Frame, root: str, loose: list[str]) -> dict:
    """Positions of one report's view around (0, 0)."""
    pos: dict[str, tuple[int, int, int]] = {root: (0, 0, 0)}
    bottom = 0.0
    for side, parts in _sides(frame, root):
        placed: dict[str, tuple[float, float, int]] = {}
        height = _stack_parts(frame, parts, side, placed)
        if frame.deepest == OUTLINE and height > OUTLINE_TALL:  # an outline too tall: sections side by side
            placed = {}
            height = _stack_parts(replace(frame, wrap=min(4, -(-int(height) // OUTLINE_TALL))), parts, side, placed)
        shift = -height / 2  # each side centred on the report
        pos.update({n: (round(x), round(y + shift), room) for n, (x, y, room) in placed.items()})
        bottom = max(bottom, height / 2)
    pos.update(_block(loose, 1, frame.block, bottom + LINE))
    return pos


def _stack_parts(frame: _Frame, parts: list[str], side: int, placed: dict) -> float:
    """Place ``parts`` one below the other on ``side``; their height."""
    height = 0.0
    for part in parts:
        height = _stack(frame, part, height, side, placed)
    return height - GAPS[1]


def _sides(frame: _Frame, root: str) -> list[tuple[int, list[str]]]:
    """The parts drawn on the left (-1) and on the right (1), in report order on each side: the review part left and
    the plan part right when there are both, every other part on the side less tall so far."""
    parts = _children(frame.T, frame.G, root)
    wanted = {p: {"review": -1, "plan": 1}.get(frame.G.nodes[p].get("part")) for p in parts}
    if not {-1, 1} <= set(wanted.values()):  # not both: the parts are balanced by height alone
        wanted = dict.fromkeys(parts)
    sides: dict[int, list[str]] = {-1: [], 1: []}
    height = {-1: 0.0, 1: 0.0}
    for part in parts:
        side = wanted[part] or (-1 if height[-1] <= height[1] else 1)
        sides[side].append(part)
        height[side] = _stack(frame, part, height[side], side, {})
    return [(side, sides[side]) for side in (-1, 1) if sides[side]]


def _stack(frame: _Frame, area: str, top: float, side: int, placed: dict) -> float:
    """Place ``area``'s band from ``top`` down (its block, then its sub-areas' bands); returns the band's bottom."""
    own, kids = frame.homed.get(area, []), frame.children(area)
    y = top
    if own:
        rows = -(-len(own) // COLUMNS)
        height = max(frame.line, rows * ROW)
        placed.update(_block(own, side, frame.block, y + (height - rows * ROW) / 2))
        y += height
    if frame.wrap > 1 and kids and not any(frame.children(c) for c in kids):
        y = _wrap(frame, kids, y, side, placed)
    else:
        for child in kids:
            y = _stack(frame, child, y, side, placed)
    if not own and not kids:
        y += frame.line
    d = frame.depth[area]
    x = _column(d)
    room = _room(d) if kids else frame.block - x - PAD
    placed[area] = (side * x, (top + y) / 2, room)
    return y + GAPS[min(d, len(GAPS) - 1)]


def _wrap(frame: _Frame, leaves: list[str], top: float, side: int, placed: dict) -> float:
    """Work areas with nothing below them in ``frame.wrap`` columns, in reading order down each column; returns
    the bottom."""
    rows = -(-len(leaves) // frame.wrap)
    band = frame.line + GAPS[OUTLINE]
    x = _column(frame.depth[leaves[0]])
    for n, leaf in enumerate(leaves):
        column, row = divmod(n, rows)
        placed[leaf] = (side * (x + column * (OUTLINE_ROOM + PAD)), top + row * band + frame.line / 2, OUTLINE_ROOM)
    return top + rows * band - GAPS[OUTLINE]


def _block(nodes: list[str], side: int, x: float, top: float) -> dict[str, tuple[float, float, int]]:
    """``nodes`` in rows of at most ``COLUMNS`` from ``x`` outwards (on ``side``) and from ``top`` down, a column at
    a time from the outer one: the first nodes at the outer edge, where their labels have room.

    >>> [xy[:2] for xy in _block(list("abcdefghij"), 1, 0, 0).values()][:5]
    [(72, 8.5), (72, 25.5), (54, 8.5), (54, 25.5), (36, 8.5)]
    """
    rows = -(-len(nodes) // COLUMNS)
    columns = -(-len(nodes) // rows) if rows else 0
    return {n: (side * (x + (columns - 1 - k // rows) * CELL), top + ROW / 2 + k % rows * ROW, 0)
            for k, n in enumerate(nodes)}


def node_size(kind: str, degree: int) -> int:
    """Drawn size (radius) of a node: an entity's grows with the square root of its degree, within its cell.

    >>> node_size("Village", 1), node_size("Village", 16), node_size("Report", 3), node_size("WorkArea", 3)
    (6, 8, 20, 7)
    """
    if kind == "Report":
        return 20
    if kind == "WorkArea":
        return 7
    return min(8, round(5 + degree ** 0.5))


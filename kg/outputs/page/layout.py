"""Node positions for the page, computed ahead of time so the browser runs no physics (pure, deterministic).

Each report is a radial tree: the report in the middle, its parts, sections and
topics on rings around it (the ``gk:partOf`` backbone), each work area given an
angle in proportion to what it holds. Entities and indicators sit in rows on a
halo outside the tree, inside the angle of the work area where they are first
named. Reports are set out on a grid. It runs in linear time: 20,000 nodes
take about 0.15 s. (networkx's force layouts compare every pair of nodes at each
step, which takes minutes at that size, and would not show the backbone.)

>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_node("r", kind="Report", label="r"); G.add_node("a", kind="WorkArea", label="a", order=0, up="r")
>>> G.add_node("e", kind="Village", label="e")
>>> G.add_edge("a", "r", kind="partOf"); G.add_edge("e", "a", kind="workArea")
>>> pos = layout(G)
>>> pos["r"], pos["a"], pos["e"]
((0, 0), (0, 200), (0, 400))
"""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["layout", "node_size", "area_tree"]

RING = 200      # distance between the rings of the work-area tree
SPACING = 64    # distance between entities along a row of the halo
ROW = 42        # distance between the rows of the halo
LEAF = 5        # the least angle a work area gets, counted in entities
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


def _home(G: nx.Graph, T: nx.DiGraph, node: str) -> str | None:
    """The work area where ``node`` is placed: its first area in report order."""
    areas = [n for n in G[node] if G.nodes[n]["kind"] == "WorkArea" and n in T]
    return min(areas, key=lambda a: (_report_of(T, a), _order(G, a), a)) if areas else None


def _report_of(T: nx.DiGraph, area: str) -> str:
    while T.in_degree(area):
        area = next(iter(T.predecessors(area)))
    return area


def _weights(T: nx.DiGraph, G: nx.Graph, root: str, homed: dict[str, list[str]]) -> dict[str, float]:
    """The angle each area of ``root``'s tree needs: a share per entity placed there, at least ``LEAF`` a leaf."""
    weight: dict[str, float] = {}
    for node in reversed(list(nx.dfs_preorder_nodes(T, root))):
        kids = _children(T, G, node)
        own = len(homed.get(node, ()))
        weight[node] = own + sum(weight[c] for c in kids) if kids else max(LEAF, own)
    return weight


def _place_tree(T, G, root, homed, pos) -> float:
    """Positions of one report's tree and its entities around (0, 0); returns the radius used."""
    weight = _weights(T, G, root, homed)
    depth = nx.shortest_path_length(T, root)
    halo = (max(depth.values()) + 1) * RING
    extent = halo
    stack = [(root, 0.0, 2 * math.pi)]
    while stack:
        node, lo, hi = stack.pop()
        if node != root:
            pos[node] = _polar(depth[node] * RING, (lo + hi) / 2)
        own, kids = homed.get(node, []), _children(T, G, node)
        span = (hi - lo) * len(own) / weight[node] if kids else hi - lo
        if own:
            extent = max(extent, _place_halo(own, halo, lo, lo + span, pos))
        start = lo + span
        for child in kids:
            width = (hi - lo) * weight[child] / weight[node]
            stack.append((child, start, start + width))
            start += width
    pos[root] = (0.0, 0.0)
    return extent


def _place_halo(nodes: list[str], radius: float, lo: float, hi: float, pos: dict) -> float:
    """Rows of nodes on arcs from ``radius`` outwards between the angles ``lo`` and ``hi``."""
    i, r = 0, radius
    while i < len(nodes):
        room = max(1, int(r * (hi - lo) / SPACING))
        row = nodes[i:i + room]
        for k, node in enumerate(row):
            pos[node] = _polar(r, lo + (hi - lo) * (k + 0.5) / len(row))
        i, r = i + room, r + ROW
    return r


def _polar(r: float, angle: float) -> tuple[float, float]:
    return r * math.sin(angle), -r * math.cos(angle)


def layout(G: nx.Graph) -> dict[str, tuple[int, int]]:
    """Integer ``(x, y)`` of every node of ``G`` (as made by ``page_data.to_networkx``); same graph, same positions."""
    T = area_tree(G)
    homed: dict[str, list[str]] = {}
    loose = []
    for node, kind in sorted(G.nodes(data="kind"), key=lambda nk: (nk[1], G.nodes[nk[0]]["label"], nk[0])):
        if kind not in _BACKBONE:
            home = _home(G, T, node)
            homed.setdefault(home, []).append(node) if home else loose.append(node)
    roots = sorted(n for n in T if T.in_degree(n) == 0)
    trees = []
    for root in roots:
        pos: dict[str, tuple[float, float]] = {}
        trees.append((pos, _place_tree(T, G, root, homed, pos)))
    return _grid(trees, loose)


def _grid(trees: list[tuple[dict, float]], loose: list[str]) -> dict[str, tuple[int, int]]:
    """Report trees side by side on a square grid; nodes with no work area in a row below."""
    out: dict[str, tuple[int, int]] = {}
    cell = 2 * max((r for _, r in trees), default=RING) + 2 * RING
    columns = max(1, math.ceil(math.sqrt(len(trees))))
    for i, (pos, _) in enumerate(trees):
        cx, cy = (i % columns) * cell, (i // columns) * cell
        out.update({n: (round(cx + x), round(cy + y)) for n, (x, y) in pos.items()})
    bottom = (math.ceil(len(trees) / columns)) * cell if trees else 0
    for k, node in enumerate(loose):
        out[node] = (k % 40 * SPACING, bottom + k // 40 * SPACING)
    return out


def node_size(kind: str, degree: int) -> int:
    """Drawn size of a node: grows with the square root of its degree.

    >>> node_size("Village", 1), node_size("Village", 16), node_size("Report", 3)
    (10, 22, 40)
    """
    if kind == "Report":
        return 40
    return min(36, round(6 + 4 * math.sqrt(degree)))

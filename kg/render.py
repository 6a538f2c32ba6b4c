"""Render a graph as an interactive HTML page with pyvis (the only module that imports pyvis).

The page works offline: vis-network is inlined and pyvis's CDN links to
bootstrap are removed (the page uses none of it). Node positions are computed
ahead of time with networkx, so the browser does not run physics to settle.
Every label and tooltip is HTML-escaped here.
"""

from __future__ import annotations

import html
import re

import networkx as nx
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from .vocab import GK

__all__ = ["STYLE", "to_networkx", "render_html"]

STYLE = {
    "Report": ("#37474f", "star"),
    "WorkArea": ("#90a4ae", "box"),
    "Enterprise": ("#e53935", "dot"),
    "Institution": ("#1e88e5", "diamond"),
    "Project": ("#43a047", "square"),
    "Village": ("#fb8c00", "triangle"),
    "Initiative": ("#8e24aa", "triangleDown"),
    "Indicator": ("#00897b", "ellipse"),
}
_CDN = re.compile(r'<(?:link|script)[^>]+(?:href|src)="https?://[^"]+"[^>]*>(?:</script>)?\s*')


def _type_of(g: Graph, node: URIRef) -> str | None:
    for t in g.objects(node, RDF.type):
        name = str(t).rsplit("#", 1)[-1]
        if name in STYLE:
            return name
    return None


def _label(g: Graph, node: URIRef) -> str:
    return str(g.value(node, RDFS.label) or node.rsplit("/", 1)[-1])


def to_networkx(g: Graph) -> nx.Graph:
    """The graph's reports, work areas, entities and indicators as a networkx graph."""
    G = nx.Graph()
    for node in sorted(set(g.subjects(RDF.type, None))):
        kind = _type_of(g, node)
        if kind:
            aliases = sorted(str(a) for a in g.objects(node, SKOS.altLabel))
            G.add_node(str(node), kind=kind, label=_label(g, node), aliases=aliases)
    for s, o in sorted(g.subject_objects(GK.partOf)):
        if str(s) in G and str(o) in G:
            G.add_edge(str(s), str(o), kind="partOf")
    for s, o in sorted(g.subject_objects(GK.workArea)):
        if str(s) in G and str(o) in G and G.nodes[str(s)]["kind"] != "WorkArea":
            G.add_edge(str(s), str(o), kind="workArea")
    for obs, ind in sorted(g.subject_objects(GK.indicator)):
        for area in g.objects(obs, GK.workArea):
            if str(ind) in G and str(area) in G:
                G.add_edge(str(ind), str(area), kind="observed")
    return G


_FORCE_LAYOUT_LIMIT = 5000  # beyond this a force layout takes longer than the rest of the build


def _layout(G: nx.Graph) -> dict:
    """Node positions, the same for the same graph: a force layout (networkx, with scipy from 500
    nodes), or a circle for graphs too large for one."""
    if not len(G):
        return {}
    if len(G) > _FORCE_LAYOUT_LIMIT:
        return nx.circular_layout(G)
    return nx.spring_layout(G, seed=7, iterations=60)


def render_html(g: Graph, title: str = "govkg") -> str:
    """A self-contained HTML page showing ``g``; the same graph gives the same bytes."""
    from pyvis.network import Network

    G = to_networkx(g)
    pos = _layout(G)
    net = Network(height="900px", width="100%", cdn_resources="in_line", heading="")
    for node, data in G.nodes(data=True):
        color, shape = STYLE[data["kind"]]
        x, y = pos.get(node, (0.0, 0.0))
        tip = "\n".join([data["kind"], data["label"]] + [f"别名: {a}" for a in data["aliases"]])
        net.add_node(node, label=html.escape(data["label"][:24]), title=html.escape(tip), color=color, shape=shape,
                     x=round(float(x) * 1500, 1), y=round(float(y) * 1500, 1), size=10 + 2 * min(G.degree(node), 10),
                     group=data["kind"])
    for a, b, data in G.edges(data=True):
        net.add_edge(a, b, title=data["kind"], color="#cfd8dc")
    net.toggle_physics(False)
    page = net.generate_html()
    page = _CDN.sub("", page)
    return page.replace("<title>", f"<title>{html.escape(title)}", 1) if "<title>" in page else page

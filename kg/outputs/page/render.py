"""Render a graph as one self-contained, offline HTML page: vis-network, the page's own script and the data, inlined.

The page loads nothing. vis-network's script is read from the files of the
pyvis package (pyvis's own template is not used: it links bootstrap from a CDN
and writes titles as raw HTML), the page's markup, style and script from
``kg/outputs/page/templates/``, and the graph from ``page_data`` as JSON in a
``<script type="application/json">`` block. Positions come from
``page_layout``, so the browser runs no physics. ``render_page`` renders
data already put together (``kg.outputs.page.data.merge_page``), as a corpus build does.

Safety: the JSON is escaped for its script block (``<``, ``>``, ``&``, U+2028
and U+2029 become ``\\uXXXX``), the page's script writes every label and
sentence with ``textContent`` or onto the canvas, never as HTML, and a
Content-Security-Policy runs only the page's own two scripts (by their hash)
and allows no connection at all.

A graph of more than ``FULL_VIEW_LIMIT`` nodes opens in an aggregated view:
reports and their upper work areas, each labelled with how many entities and
indicators it holds, opened by a click (see ``README.md``).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources, util
from pathlib import Path
from typing import Iterator

import networkx as nx
from rdflib import Graph

from kg.errors import OutputError
from kg.rdf.terms import nt_triples
from kg.outputs.page.data import TYPES, merge_page, to_networkx
from kg.outputs.page.layout import layout, node_size

__all__ = ["STYLE", "EDGE_STYLE", "FULL_VIEW_LIMIT", "to_networkx", "render_html", "render_page", "place", "page_chunks",
           "embed_json"]

# type -> (fill, shape, Chinese name); the legend and the filters follow this order
STYLE = {
    "Report": ("#37474f", "star", "报告"),
    "WorkArea": ("#78909c", "box", "工作领域"),
    "Enterprise": ("#e53935", "dot", "企业"),
    "Institution": ("#1e88e5", "diamond", "机构"),
    "Project": ("#43a047", "square", "项目"),
    "Village": ("#fb8c00", "triangle", "村社区"),
    "Initiative": ("#8e24aa", "triangleDown", "举措"),
    "Indicator": ("#00897b", "hexagon", "指标"),
}
# edge kind -> (colour, width, dashed, Chinese name)
EDGE_STYLE = {
    "partOf": ("#546e7a", 3, False, "隶属"),
    "workArea": ("#cfd8dc", 1, False, "提及于"),
    "observed": ("#b2dfdb", 1, False, "指标见于"),
    "partner": ("#8e24aa", 2, True, "合作"),
    "introduced": ("#8e24aa", 2, True, "引进"),
    "locatedIn": ("#8e24aa", 2, True, "位于"),
    "relatedTo": ("#8e24aa", 2, True, "相关"),
}
FULL_VIEW_LIMIT = 3000  # above this many nodes the page opens aggregated
VIS_NETWORK = ("pyvis", "lib/vis-9.1.2/vis-network.min.js")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SLOT = re.compile(r"\{\{(\w+)\}\}")


def embed_json(value) -> str:
    """JSON that can stand inside ``<script type="application/json">``: nothing in it can end or comment the block.

    >>> embed_json({"name": "</script><!--x\\u2028"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003c!--x\\\\u2028"}'
    >>> json.loads(embed_json({"name": "</script>"}))["name"]
    '</script>'
    """
    return _escape_json(_dump(value))


def _read(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def _vis_network() -> str:
    """vis-network's script, from the files of the installed pyvis package (found, not imported: that is slow)."""
    spec = util.find_spec(VIS_NETWORK[0])
    folders = (spec.submodule_search_locations or []) if spec else []
    path = Path(folders[0], VIS_NETWORK[1]) if folders else None
    if path is None or not path.is_file():
        raise OutputError("cannot write the page: vis-network's script is missing from the pyvis package",
                          hint="reinstall govkg with `pip install -e .`")
    return path.read_text(encoding="utf-8")


def _inline_script(code: str) -> str:
    """Script text safe to place between ``<script>`` tags (no ``</script`` can close it early)."""
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def _csp_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def _style() -> tuple[dict, dict]:
    nodes = {t: {"color": c, "shape": s, "zh": zh, "border": _darker(c)} for t, (c, s, zh) in STYLE.items()}
    edges = {k: {"color": c, "width": w, "dashes": d, "zh": zh} for k, (c, w, d, zh) in EDGE_STYLE.items()}
    return nodes, edges


def _darker(colour: str) -> str:
    """The colour at 70 % brightness: the border of a node.

    >>> _darker("#ffffff")
    '#b2b2b2'
    """
    rgb = [int(colour[i:i + 2], 16) * 7 // 10 for i in (1, 3, 5)]
    return "#" + "".join(f"{v:02x}" for v in rgb)


def render_html(g: Graph, title: str = "govkg", full_view_limit: int = FULL_VIEW_LIMIT) -> str:
    """A self-contained HTML page showing ``g``; the same graph gives the same bytes.

    Up to ``full_view_limit`` nodes the page shows every node at once; above it,
    it opens on the aggregated view.
    """
    return render_page(*merge_page(nt_triples(g)), title, full_view_limit)


def render_page(data: dict, G: nx.Graph, title: str = "govkg", full_view_limit: int = FULL_VIEW_LIMIT) -> str:
    """The page of ``data`` and ``G`` as ``kg.outputs.page.data.merge_page`` gives them (``data`` is changed: positions
    and sizes are added): how a corpus's page is made without one graph of all its reports."""
    place(data, G, full_view_limit)
    return "".join(page_chunks(data, title))


def place(data: dict, G: nx.Graph, full_view_limit: int = FULL_VIEW_LIMIT) -> None:
    """Put into ``data`` what the page needs of ``G`` (each node's position and size) and the style: after it,
    ``G`` is no longer needed (a corpus build lets it go before the page is written)."""
    pos = layout(G)
    for node, iri in zip(data["nodes"], G):
        node["x"], node["y"] = pos[iri]
        node["s"] = node_size(TYPES[node["t"]], node["deg"])
    data["style"], data["edgeStyle"] = _style()
    data["fullViewLimit"] = full_view_limit


def page_chunks(data: dict, title: str = "govkg") -> Iterator[str]:
    """The page of ``data`` (``place``d) in pieces, the data's JSON a batch of list items at a time, so that a
    corpus's page is written without one string of it all: their concatenation is the page."""
    vis = _inline_script(_vis_network())
    app = _inline_script(_read("kg.outputs.page", "templates/page.js"))
    css = _read("kg.outputs.page", "templates/page.css")
    csp = (f"default-src 'none'; script-src {_csp_hash(vis)} {_csp_hash(app)}; style-src {_csp_hash(css)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    slots = {"csp": csp, "title": html.escape(title), "css": css, "vis": vis, "app": app}
    for n, piece in enumerate(_SLOT.split(_read("kg.outputs.page", "templates/page.html"))):
        if n % 2 == 0:
            yield piece
        elif piece == "data":
            yield from (_escape_json(chunk) for chunk in _json_chunks(data))
        else:
            yield slots[piece]


def _escape_json(text: str) -> str:
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def _json_chunks(value, batch: int = 2000) -> Iterator[str]:
    """``json.dumps`` of ``value`` (compact, not ASCII-escaped) in pieces: a dict key by key, a long list a
    batch of items at a time. Their concatenation is the same text.

    >>> value = {"a": [1, [2, 3], {"b": "星"}], "c": {}, "d": []}
    >>> "".join(_json_chunks(value, batch=2)) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    True
    """
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        yield "{"
        for n, (key, item) in enumerate(value.items()):
            yield ("," if n else "") + _dump(key) + ":"
            yield from _json_chunks(item, batch)
        yield "}"
    elif isinstance(value, list) and len(value) > batch:
        yield "["
        for n in range(0, len(value), batch):
            yield ("," if n else "") + _dump(value[n:n + batch])[1:-1]
        yield "]"
    else:
        yield _dump(value)


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

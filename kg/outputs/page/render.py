"""Render a graph as one self-contained, offline HTML page: vis-network, the page's own script and the data, inlined.

The page loads nothing. vis-network's script is read from the files of the
pyvis package (pyvis's own template is not used: it links bootstrap from a CDN
and writes titles as raw HTML), the page's markup, style and script from
``kg/outputs/page/templates/`` (the script from the files of ``SCRIPTS``, in one
function), and the graph from ``page_data`` as JSON, compressed with gzip and
written in base64 in a ``<script type="application/octet-stream">`` block (the
browser's ``DecompressionStream`` reads it back): a third of the JSON's size.
The nodes are packed as columns (``kg.outputs.page.pack``).
Positions come from ``page_layout``, one view per report, so the browser runs no
physics. ``render_page`` renders data already put together
(``kg.outputs.page.data.merge_page``), as a corpus build does.

Safety: base64 holds no character that could end the block, the page's script
writes every label and sentence with ``textContent``, never as HTML, and a
Content-Security-Policy runs only the page's own two scripts (by their hash)
and allows no connection at all.

A page of one report opens on its tree; a page of several opens on the table of
its reports by region and year, and a click draws one report's tree (see
``docs/pages/page.md``).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import zlib
from importlib import resources, util
from pathlib import Path
from typing import Iterator

import networkx as nx
from rdflib import Graph

from kg.errors import OutputError
from kg.rdf.terms import nt_triples
from kg.outputs.page.data import TYPES, merge_page, to_networkx
from kg.outputs.page.layout import layout, node_size
from kg.outputs.page.overview import overview
from kg.outputs.page.pack import pack_nodes, unpack_nodes

__all__ = ["STYLE", "EDGE_STYLE", "SCRIPTS", "to_networkx", "render_html", "render_page", "place", "page_chunks",
           "read_page_data"]

# type -> (fill, shape, Chinese name); the legend and the filters follow this order
STYLE = {
    "Report": ("#37474f", "star", "报告"),
    "WorkArea": ("#90a4ae", "box", "工作领域"),
    "Enterprise": ("#e53935", "dot", "企业"),
    "Institution": ("#1e88e5", "diamond", "机构"),
    "Project": ("#43a047", "square", "项目"),
    "Village": ("#fb8c00", "triangle", "村社区"),
    "Initiative": ("#8e24aa", "triangleDown", "举措"),
    "Indicator": ("#00897b", "hexagon", "指标"),
}
# edge kind -> (colour, width, dashed, Chinese name)
EDGE_STYLE = {
    "partOf": ("#78909c", 2, False, "隶属"),
    "workArea": ("#90a4ae", 1, False, "提及于"),
    "observed": ("#4db6ac", 1, False, "指标见于"),
    "partner": ("#8e24aa", 2, True, "合作"),
    "introduced": ("#8e24aa", 2, True, "引进"),
    "locatedIn": ("#8e24aa", 2, True, "位于"),
    "relatedTo": ("#8e24aa", 2, True, "相关"),
}
# the page's script: its files in templates/, in this order, run in one function
SCRIPTS = ("page.js", "labels.js", "panel.js", "promises.js", "corpus.js", "search.js")
VIS_NETWORK = ("pyvis", "lib/vis-9.1.2/vis-network.min.js")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SLOT = re.compile(r"\{\{(\w+)\}\}")


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


def render_html(g: Graph, title: str = "govkg") -> str:
    """A self-contained HTML page showing ``g``; the same graph gives the same bytes."""
    return render_page(*merge_page(nt_triples(g)), title)


def render_page(data: dict, G: nx.Graph, title: str = "govkg") -> str:
    """The page of ``data`` and ``G`` as ``kg.outputs.page.data.merge_page`` gives them (``data`` is changed: views
    and sizes are added): how a corpus's page is made without one graph of all its reports."""
    place(data, G)
    return "".join(page_chunks(data, title))


def place(data: dict, G: nx.Graph) -> None:
    """Put into ``data`` what the page needs of ``G`` and the style: each node's size, and ``views``, one per
    report, ``{"r": report, "p": [node, x, y, room, ...], "o": the same of its outline}``
    (``kg.outputs.page.layout``). After it, ``G`` is no longer needed (a corpus build lets it go before the page
    is written)."""
    ids = {iri: i for i, iri in enumerate(G)}
    homes = _homes(data, list(G))
    flat = lambda view: [v for node, place in view.items() for v in (ids[node], *place)]  # noqa: E731
    data["views"] = [{"r": ids[report], "p": flat(whole), "o": flat(outline)}
                     for report, (whole, outline) in layout(G, homes).items()]
    for node in data["nodes"]:
        node["s"] = node_size(TYPES[node["t"]], node["deg"])
    data["style"], data["edgeStyle"] = _style()


def _homes(data: dict, iris: list[str]) -> dict[str, str]:
    """The report of each entity or indicator's first evidence sentence (where the page draws one that no work area
    names)."""
    homes = {}
    for node in data["nodes"]:
        if "m" in node and node["m"]:
            report = data["sentences"][node["m"][0][0]][3]
        elif node.get("obs"):
            report = node["obs"][0][8]
        else:
            continue
        if report >= 0:
            homes[node["iri"]] = iris[report]
    return homes


def page_chunks(data: dict, title: str = "govkg") -> Iterator[str]:
    """The page of ``data`` (``place``d) in pieces, the data compressed a batch of list items at a time, so that a
    corpus's page is written without one string of it all: their concatenation is the page."""
    vis = _inline_script(_vis_network())
    app = _inline_script(_script(_escape_json(_dump(overview(data)))))
    css = _read("kg.outputs.page", "templates/page.css")
    csp = (f"default-src 'none'; script-src {_csp_hash(vis)} {_csp_hash(app)}; style-src {_csp_hash(css)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    slots = {"csp": csp, "title": html.escape(title), "css": css, "vis": vis, "app": app}
    for n, piece in enumerate(_SLOT.split(_read("kg.outputs.page", "templates/page.html"))):
        if n % 2 == 0:
            yield piece
        elif piece == "data":
            packed = {**data, "nodes": pack_nodes(data["nodes"])}
            yield from _gzip_base64(chunk.encode("utf-8") for chunk in _json_chunks(packed))
        else:
            yield slots[piece]


def _script(table: str) -> str:
    """The page's script: the files of ``SCRIPTS`` in one function, in strict mode, after ``OVERVIEW``, the table
    of reports (``kg.outputs.page.overview``) as JSON, escaped: the first view of a corpus, drawn at once."""
    parts = [_read("kg.outputs.page", f"templates/{name}") for name in SCRIPTS]
    return '(function () {\n"use strict";\nvar OVERVIEW = ' + table + ";\n" + "\n".join(parts) + "})();\n"


def _gzip_base64(chunks: Iterator[bytes], line: int = 1 << 16) -> Iterator[str]:
    """``chunks`` compressed as one gzip stream (no time stamp: the same bytes give the same text) and written in
    base64, a piece at a time.

    >>> import gzip
    >>> text = "".join(_gzip_base64(iter([b"{\\"a\\":", b"1}"])))
    >>> gzip.decompress(base64.b64decode(text))
    b'{"a":1}'
    """
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: a gzip header, its time stamp 0
    held = b""
    for chunk in chunks:
        held += packer.compress(chunk)
        if len(held) >= line:
            cut = len(held) - len(held) % 3
            yield base64.b64encode(held[:cut]).decode("ascii")
            held = held[cut:]
    yield base64.b64encode(held + packer.flush()).decode("ascii")


def read_page_data(page: str) -> dict:
    """The data a page written by ``page_chunks`` holds (as the page's script reads it).

    >>> data = {"nodes": [{"id": 0, "iri": "x", "t": 2, "l": "</script>", "deg": 0, "s": 5, "m": []}]}
    >>> read_page_data("".join(page_chunks(data)))["nodes"] == data["nodes"]
    True
    """
    found = re.search(r'<script[^>]*id="govkg-data"[^>]*>([^<]*)</script>', page)
    if found is None:
        raise OutputError("this is not a page govkg wrote: it has no data block", hint="build it again with `kg build`")
    data = json.loads(zlib.decompress(base64.b64decode(found.group(1)), 31))
    data["nodes"] = unpack_nodes(data["nodes"])
    return data


def _escape_json(text: str) -> str:
    """JSON that can stand inside ``<script type="application/json">``: nothing in it can end or comment the block.

    >>> _escape_json(_dump({"name": "</script><!--x\\u2028"}))
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003c!--x\\\\u2028"}'
    """
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

"""A build in a notebook: the graph as networkx and pyvis objects, and its tables as pandas DataFrames.

``kg.to_networkx(build)``, ``kg.to_pyvis(build)`` and ``kg.frames(build)`` take a build folder (or its
``graph.ttl``). The graph is the one the GraphML export writes (``kg.outputs.export.to_digraph``): reports,
work areas, entities, indicators and observations, with their links. The frames are the CSV export's two
tables, and the promise tables of ``kg promises``.

pyvis puts a node's ``title`` into the page as HTML, unescaped: ``to_pyvis`` escapes every label and title
itself, so that a name in a report cannot run script in the notebook.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.errors import require
from kg.outputs.files import graph_file, load_graph

__all__ = ["to_networkx", "to_pyvis", "frames", "Frames", "pyvis_network"]

# a colour per kind of node, as on the page
_COLOURS = {"Report": "#333333", "WorkArea": "#9e9e9e", "Enterprise": "#1f77b4", "Institution": "#2ca02c",
            "Project": "#ff7f0e", "Village": "#8c564b", "Initiative": "#9467bd", "Indicator": "#d62728",
            "Observation": "#e377c2"}


def to_networkx(build: str | Path) -> nx.DiGraph:
    """The build's graph as a networkx ``DiGraph``: nodes by IRI with ``label``, ``type`` and the GraphML
    export's attributes, edges with their ``predicate`` (``partOf``, ``workArea``, ``indicator`` …). For
    example::

        G = kg.to_networkx("output")
        villages = [d["label"] for _, d in G.nodes(data=True) if d["type"] == "Village"]
    """
    from kg.outputs.export import to_digraph

    return to_digraph(load_graph(graph_file(build)))


def to_pyvis(build: str | Path, *, types: tuple[str, ...] | None = None, notebook: bool = True,
             height: str = "750px", **options):
    """A pyvis ``Network`` of the build (``types``: only the nodes of these kinds, e.g. ``("Project",
    "Village", "WorkArea")``), labels and titles escaped; ``notebook`` and ``height`` and any other
    ``options`` go to ``pyvis.network.Network``. Show it with ``net.show("graph.html")``."""
    G = to_networkx(build)
    if types is not None:
        G = G.subgraph(n for n, d in G.nodes(data=True) if d.get("type") in types)
    return pyvis_network(G, notebook=notebook, height=height, **options)


def pyvis_network(G: nx.Graph, **options):
    """A pyvis ``Network`` of ``G`` (nodes with ``label`` and ``type``), every label and title escaped as HTML."""
    from pyvis.network import Network

    net = Network(directed=G.is_directed(), **options)
    for node, data in G.nodes(data=True):
        label, kind = str(data.get("label") or node), str(data.get("type", ""))
        title = f"{kind}: {label}" if kind else label
        net.add_node(str(node), label=html.escape(label), title=html.escape(title),
                     color=_COLOURS.get(kind, "#7f7f7f"))
    for s, o, data in G.edges(data=True):
        net.add_edge(str(s), str(o), title=html.escape(str(data.get("predicate", ""))))
    return net


@dataclass(frozen=True)
class Frames:
    """A build's tables as pandas DataFrames: the CSV export's ``entities`` and ``observations``, and the
    ``promises`` (targets with a verdict) and ``projects`` (projects followed into the next year) of
    ``kg promises``."""

    entities: "object"
    observations: "object"
    promises: "object"
    projects: "object"


def frames(build: str | Path) -> Frames:
    """The tables of a build (a folder, or its graph.ttl) as pandas DataFrames (``pip install 'govkg[notebook]'``).
    For example::

        f = kg.frames("output")
        f.observations.groupby("status").size()
    """
    pd = require("pandas", "notebook", "kg.frames")
    from kg.outputs.csv_files import csv_tables
    from kg.outputs.export import ENTITY_COLUMNS, OBSERVATION_COLUMNS

    ttl = graph_file(build)
    tables = csv_tables(ttl, OBSERVATION_COLUMNS, ENTITY_COLUMNS)
    read = {name: pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype={"year": "Int64", "report_year": "Int64",
                                                                              "period_start": "Int64",
                                                                              "period_end": "Int64"})
            for name, data in tables.items()}
    import pyoxigraph as ox

    store = ox.Store()  # in memory, for the promise tables: the build's folder is left as it is
    store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    return Frames(entities=read["entities.csv"], observations=read["observations.csv"],
                  promises=_promise_frame(pd, store, projects=False), projects=_promise_frame(pd, store, projects=True))


def _promise_frame(pd, store, projects: bool):
    """The rows of ``kg promises`` (or ``--projects``) on ``store``: every column, values as text, years as
    integers."""
    from kg.query.promise_table import promise_query

    results = store.query(promise_query(projects=projects))
    names = [v.value for v in results.variables]
    rows = [[row[n].value if row[n] is not None else None for n in names] for row in results]
    frame = pd.DataFrame(rows, columns=names)
    if "year" in frame:
        frame["year"] = pd.to_numeric(frame["year"]).astype("Int64")
    return frame


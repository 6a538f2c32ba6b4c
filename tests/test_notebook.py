"""A build in a notebook: kg.to_networkx, kg.to_pyvis and kg.frames, as a Jupyter user calls them."""

from __future__ import annotations

import networkx as nx
import pytest

import kg
from kg.outputs.notebook import pyvis_network

from .test_promises import PROJECTS_2020, PROJECTS_2021

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def years(tmp_path_factory):
    """Two years of one county: targets with verdicts, projects followed."""
    folder = tmp_path_factory.mktemp("notebook")
    plan = PROJECTS_2020 + "地区生产总值增长7.5%左右,新增公办学位1000个。\n"
    review = PROJECTS_2021.replace("梧阳大桥建成通车。", "梧阳大桥建成通车。地区生产总值增长7.4%,新增公办学位900个。")
    for name, text in (("wuyang-2020.txt", plan), ("wuyang-2021.txt", review)):
        (folder / name).write_text(text, encoding="utf-8")
    kg.build([folder / "wuyang-2020.txt", folder / "wuyang-2021.txt"], folder / "build")
    return folder / "build"


def test_to_networkx_gives_the_graph_of_the_graphml_export(seed_build):
    G = kg.to_networkx(seed_build[0])
    assert isinstance(G, nx.DiGraph)
    kinds = {d["type"] for _, d in G.nodes(data=True)}
    assert {"Report", "WorkArea", "Village", "Project", "Indicator", "Observation"} <= kinds
    village = next(n for n, d in G.nodes(data=True) if d["type"] == "Village")
    assert any(d["predicate"] == "workArea" for _, _, d in G.out_edges(village, data=True))


def test_frames_are_the_csv_tables_and_the_promise_tables(years):
    f = kg.frames(years)
    assert {"name", "type", "report", "area_key", "mentions"} <= set(f.entities.columns)
    gdp = f.observations[(f.observations.indicator == "地区生产总值") & (f.observations.status == "target")]
    assert gdp.year.tolist() == [2020] and gdp.value.tolist() == [7.5]
    verdicts = dict(zip(f.promises.indicator, f.promises.verdict))
    assert verdicts["地区生产总值"] == "Met" and verdicts["新增公办学位"] == "Missed"
    assert f.promises.year.dtype == "Int64"
    bridge = f.projects[f.projects.project == "梧阳大桥"].iloc[0]
    assert (bridge.promised, bridge.reached, bridge.verdict) == ("in operation", "in operation", "done")


def test_the_pyvis_page_escapes_every_label_and_title():
    """pyvis writes a node's title into the page as HTML: a name holding markup must reach it as text."""
    G = nx.DiGraph()
    G.add_node("a", label='<img src=x onerror="alert(1)">', type="Project")
    G.add_node("b", label='<a href="javascript:alert(2)">项目</a>', type='Village"><script>alert(3)</script>')
    G.add_edge("a", "b", predicate="<b>workArea</b>")
    page = pyvis_network(G, notebook=False).generate_html()
    for raw in ('<img src=x', '<a href="javascript', "<script>alert(3)", "<b>workArea</b>"):
        assert raw not in page
    assert "\\u0026lt;img src=x onerror=\\u0026quot;alert(1)\\u0026quot;\\u0026gt;" in page  # escaped, then JSON


def test_to_pyvis_keeps_the_kinds_asked_for(seed_build):
    net = kg.to_pyvis(seed_build[0], types=("Village", "WorkArea"), notebook=False)
    assert net.nodes and {n["color"] for n in net.nodes} <= {"#8c564b", "#9e9e9e"}
    assert any(n["label"] == "大渔村" for n in net.nodes)

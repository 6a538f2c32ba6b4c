"""The interactive page (graph.html) in a real browser: offline, complete, searchable, filterable, safe, legible
(no two labels overlap, none under 12 px), a corpus's table of reports, and the table of promises.

Playwright drives Debian's ``chromium`` (``tests/install-debian.sh``, run by
``make test``, installs it with a CJK font; no browser is downloaded). Every
page is opened from a ``file://`` URL with the network off: any request that is
not a file is recorded and aborted. Without a browser these tests are skipped,
except in CI (``CI=true``), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

import kg
from kg.rdf.graph import build_graph
from kg.rdf.terms import nt_term
from kg.outputs.page.data import TYPES, VERDICTS, _number
from kg.outputs.page.render import render_html, to_networkx
from kg.vocab import GK

from .conftest import CORPUS, QINGHE, ROOT, SEED
from .corpus import make_corpus
from .legibility import LABEL_BOXES, overlapping

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
HOSTILE_REPORT = """河西县人民政府工作报告
——2021年1月10日在河西县第一届人民代表大会第一次会议上
各位代表：
一、2020年工作回顾
（一）＜script＞alert(1)＜/script＞产业发展
“＜b/onclick=alert(1)＞”工程全面完成。“＜/script＞”工程全面完成。西坡村<img src=x onerror=alert(1)>获评示范村,</script><script>alert(1)</script><!--\u2028-->地区生产总值100亿元,增长5%。
（二）＜img src=x onerror=alert(1)＞科技创新
东坡村获评示范村。
二、2021年工作安排
（一）稳增长
推动“＜/script＞”工程提质,地区生产总值增长6%。
"""
HOSTILE_NAMES = ["</script>工程", "<b/onclick=alert(1)>工程"]
HOSTILE_AREAS = ["<script>alert(1)</script>产业发展", "<img src=x onerror=alert(1)>科技创新"]
HOSTILE_REGION = "<img src=x onerror=alert(1)>县"
_VERDICT_IRIS = {GK.Met: "met", GK.Missed: "missed", GK.NotReported: "not reported"}


@pytest.fixture(scope="session")
def browser():
    path = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        path = None
    if path is None:
        reason = "Debian's chromium and the playwright package are needed (make test installs both)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"no browser in CI: {reason}")
        pytest.skip(reason)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Opened:
    """A page opened offline, with what it printed, asked for and tried to pop up."""

    def __init__(self, browser, path: Path):
        self.errors, self.requests, self.blocked, self.dialogs = [], [], [], []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        began = time.perf_counter()
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=30_000)
        self.seconds = time.perf_counter() - began

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression, arg=None):
        return self.page.evaluate(expression, arg)

    def wait_until(self, expression: str, seconds: float = 10):
        """Poll ``expression`` (the page's policy forbids the string evaluation ``wait_for_function`` uses)."""
        deadline = time.monotonic() + seconds
        while not self.js(expression):
            assert time.monotonic() < deadline, f"timed out waiting for {expression}"
            self.page.wait_for_timeout(20)

    def node_id(self, label: str) -> int:
        return self.js("l => govkg.data.nodes.findIndex(n => n.l === l)", label)

    def visible_iris(self) -> set[str]:
        return set(self.js("govkg.visibleIds().map(i => govkg.data.nodes[i].iri)"))

    def click_node(self, i: int):
        """A real mouse click on node ``i`` where it is drawn (in a corpus, its report's view drawn first)."""
        box = self.js("""i => { govkg.show(i); govkg.network.focus(i, {scale: 1.2, animation: false});
            const p = govkg.network.canvasToDOM(govkg.network.getPositions([i])[i]);
            const r = document.getElementById("graph").getBoundingClientRect();
            return [r.left + p.x, r.top + p.y]; }""", i)
        self.page.wait_for_timeout(50)
        self.page.mouse.click(*box)

    def labels(self) -> list[dict]:
        """The text shown now in the graph and the table of reports (``LABEL_BOXES``), checked: no two boxes
        overlap and no font is under 12 px on screen."""
        boxes = self.js(LABEL_BOXES)
        assert boxes and overlapping(boxes) == []
        assert min(b["size"] for b in boxes) >= 12, min(boxes, key=lambda b: b["size"])
        return boxes

    def screenshot(self, name: str, tmp_path: Path) -> Path:
        """The page as it is, saved in docs/images/ when asked (``make screenshot``), else in ``tmp_path``: a test
        leaves the tree as it was."""
        shot = ROOT / "docs" / "images" / name if os.environ.get("GOVKG_SCREENSHOT") else tmp_path / name
        self.page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
        return shot

    def search(self, text: str):
        self.page.fill("#search", text)
        self.page.press("#search", "Enter")

    def close(self):
        self.context.close()





@pytest.fixture
def opened(browser):
    pages = []

    def _open(path: Path) -> Opened:
        pages.append(Opened(browser, path))
        return pages[-1]

    yield _open
    for p in pages:
        p.close()


@pytest.fixture(scope="module")
def seed(seed_build):
    out, _ = seed_build
    return out / "graph.html", Graph().parse(out / "graph.ttl")


def _label(g: Graph, node) -> str:
    return str(g.value(node, RDFS.label))


def _typed_nodes(g: Graph) -> set[str]:
    return {str(s) for t in TYPES for s in g.subjects(RDF.type, getattr(GK, t))}


def test_the_seed_page_opens_offline_fast_and_shows_the_whole_graph(seed, opened):
    path, g = seed
    page = opened(path)
    assert page.seconds < 3
    assert page.errors == [] and page.blocked == [] and page.dialogs == []
    assert set(page.requests) == {path.as_uri()}
    shown = page.js("[govkg.nodes.length, govkg.edges.length, govkg.visibleIds().length, govkg.view()]")
    assert shown == [len(_typed_nodes(g)), to_networkx(g).number_of_edges(), len(_typed_nodes(g)),
                     page.js("govkg.data.nodes.findIndex(n => n.t === 0)")]  # one report: its tree, not the table
    assert page.visible_iris() == _typed_nodes(g)


def test_search_by_name_or_alias_focuses_the_node(seed, opened):
    path, g = seed
    page = opened(path)
    entity = min(s for s in g.subjects(SKOS.altLabel, None) if (s, RDF.type, GK.Village) in g
                 or (s, RDF.type, GK.Enterprise) in g)
    label, alias = (_label(g, entity)), str(min(g.objects(entity, SKOS.altLabel)))
    for text in (label, alias):
        page.search(text)
        selected = page.js("govkg.network.getSelectedNodes()")
        assert [page.js("i => govkg.data.nodes[i].iri", i) for i in selected] == [str(entity)]
        assert page.page.text_content("#panel h2") == label
        centre = page.js("""() => { const i = govkg.network.getSelectedNodes()[0];
            const p = govkg.network.canvasToDOM(govkg.network.getPositions([i])[i]);
            const c = document.querySelector("#graph canvas"), panel = document.getElementById("panel").offsetWidth;
            return [p.x - (c.clientWidth - panel) / 2, p.y - c.clientHeight / 2]; }""")
        assert abs(centre[0]) < 2 and abs(centre[1]) < 2
    page.page.fill("#search", label[:2])
    assert label in page.page.text_content("#suggestions")
    assert page.errors == []


def test_a_type_filter_hides_exactly_that_type(seed, opened):
    path, g = seed
    page = opened(path)
    villages = {str(s) for s in g.subjects(RDF.type, GK.Village)}
    assert villages
    page.page.click('#types input[data-type="%d"]' % TYPES.index("Village"))
    assert page.visible_iris() == _typed_nodes(g) - villages
    page.page.click('#types input[data-type="%d"]' % TYPES.index("Village"))
    assert page.visible_iris() == _typed_nodes(g)
    assert page.errors == []


def test_the_area_filter_keeps_the_plan_part(seed, opened):
    path, g = seed
    page = opened(path)
    page.page.select_option("#area-filter", "part:plan")
    G = to_networkx(g)
    plan = {n for n, d in G.nodes(data=True) if d["kind"] == "WorkArea" and d["part"] == "plan"}
    things = {n for n, d in G.nodes(data=True) if d["kind"] not in ("Report", "WorkArea") and plan & set(G[n])}
    ancestors = {G.nodes[a].get("up") for a in plan} - plan
    assert page.visible_iris() == plan | things | ancestors
    assert page.errors == []


def test_clicking_an_entity_shows_every_evidence_sentence_with_its_place(seed, opened):
    path, g = seed
    page = opened(path)
    entity = max(g.subjects(RDF.type, GK.Initiative), key=lambda e: (len(list(g.objects(e, GK.mention))), str(e)))
    page.click_node(page.node_id((_label(g, entity))))
    page.page.wait_for_selector("#panel:not([hidden])")
    assert page.page.text_content("#panel h2") == (_label(g, entity))
    shown = page.js("""Array.from(document.querySelectorAll("#panel .evidence")).map(e => [e.querySelector("p").textContent,
        e.querySelector("mark").textContent, e.querySelector(".where").textContent])""")
    mentions = [(str(g.value(g.value(m, GK.sentence), GK.text)), str(g.value(m, GK.exact)), int(g.value(m, GK.start)),
                 int(g.value(m, GK.end))) for m in g.objects(entity, GK.mention)]
    assert len(shown) == len(mentions) > 1
    for text, exact, start, end in mentions:
        assert any(p == text and mark == exact and f"词 {start}–{end}" in where for p, mark, where in shown)
    assert page.errors == []


def test_an_indicator_shows_its_observations_actual_and_target_side_by_side(seed, opened):
    path, g = seed
    page = opened(path)
    indicator = next(i for i in sorted(g.subjects(RDF.type, GK.Indicator))
                     if {g.value(o, GK.status) for o in g.subjects(GK.indicator, i)} == {GK.Actual, GK.Target})
    page.click_node(page.node_id((_label(g, indicator))))
    page.page.wait_for_selector("#panel table.obs")
    rows = page.js("""Array.from(document.querySelectorAll("#panel table.obs tr")).map(r =>
        Array.from(r.children).map(c => c.textContent))""")
    assert rows[0] == ["年份 year", "实际 actual", "目标 target"]
    for obs in g.subjects(GK.indicator, indicator):
        column = 1 if g.value(obs, GK.status) == GK.Actual else 2
        row = next(r for r in rows if r[0].endswith(str(g.value(obs, GK.year))))
        assert _number(nt_term(g.value(obs, GK.value))) + str(g.value(obs, GK.unit)) in row[column]
    assert page.errors == []


def test_villages_under_rural_revitalisation_in_three_steps(seed, opened, tmp_path):
    """The README's walk-through: search 乡村振兴, pick the topic, open a village; the screenshot; then the same
    villages by the area filter and the type boxes."""
    path, g = seed
    page = opened(path)
    page.page.fill("#search", "乡村振兴")
    page.page.click("#suggestions li")
    assert "乡村振兴" in page.page.text_content("#panel h2")
    villages = page.js("""Array.from(document.querySelectorAll("#panel h3"))
        .find(h => h.textContent.includes("Village")).textContent""")
    assert int(villages.split("(")[-1].rstrip(")")) >= 3
    page.page.click("#panel details.member:has(svg path[fill='#fb8c00']) summary", position={"x": 4, "y": 8})
    evidence = page.page.text_content("#panel details.member[open] .evidence")
    assert "村" in evidence
    # the README's screenshot is saved again only when asked (`make screenshot`): a test leaves the tree as it was
    shot = ROOT / "output" / "graph.png" if os.environ.get("GOVKG_SCREENSHOT") else tmp_path / "graph.png"
    page.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    listed = page.js("""Array.from(document.querySelectorAll("#panel details.member"))
        .filter(d => d.querySelector("svg path[fill='#fb8c00']")).map(d => d.querySelector("button").textContent)""")
    topic = page.js("govkg.network.getSelectedNodes()[0]")
    page.page.focus("#area-filter")   # the list of areas is filled when first used
    page.page.select_option("#area-filter", str(topic))
    for t, name in enumerate(TYPES):
        if name != "Village":
            page.page.click(f'#types input[data-type="{t}"]')
    assert sorted(page.js("govkg.visibleIds().map(i => govkg.data.nodes[i].l)")) == sorted(listed)
    assert page.errors == []


def test_names_and_sentences_with_html_render_as_text_and_run_nothing(opened, tmp_path):
    report = tmp_path / "hostile.txt"
    report.write_text(HOSTILE_REPORT, encoding="utf-8")
    x = kg.extract_file(report)
    assert set(HOSTILE_NAMES) <= {e.name for e in x.entities}
    assert set(HOSTILE_AREAS) <= {a.title for a in x.structure.areas}
    kg.build([report], tmp_path / "out")
    source = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert source.count("</script>") == 3 and "<img" not in source and "<!--" not in source
    page = opened(tmp_path / "out" / "graph.html")
    for name in HOSTILE_NAMES + HOSTILE_AREAS:
        page.search(name)
        assert page.page.text_content("#panel h2") == name
    page.search("西坡村")
    evidence = page.page.text_content("#panel .evidence p")
    assert evidence == "西坡村<img src=x onerror=alert(1)>获评示范村,</script><script>alert(1)</script><!"
    line_separated = page.js("""() => govkg.data.nodes.findIndex(n => (n.obs || []).some(o =>
        o[10] && govkg.data.sentences[o[10][0]][0].includes("\\u2028")))""")
    page.js("i => govkg.focus(i)", line_separated)
    assert "--\u2028-->地区生产总值100亿元" in page.page.text_content("#panel")
    page.page.wait_for_timeout(200)
    assert page.dialogs == [] and page.errors == []
    assert page.js("document.querySelectorAll('script').length") == 3
    assert page.js("document.querySelectorAll('img, b, [onerror], [onclick], [onload]').length") == 0


def _areas(page: Opened, kinds: tuple[str, ...]) -> set[int]:
    """The work areas of the report drawn whose kind is one of ``kinds``."""
    return set(page.js("""kinds => govkg.visibleIds().filter(i => govkg.data.nodes[i].t === 1
        && kinds.includes(govkg.data.nodes[i].kind))""", list(kinds)))


def _named(boxes: list[dict], page: Opened, kind: str) -> list[str]:
    """The labels shown of nodes of type ``kind``."""
    return [b["text"] for b in boxes if b["node"] >= 0 and page.js("i => govkg.data.types[govkg.data.nodes[i].t]",
                                                                  b["node"]) == kind]


def test_the_seed_pages_first_view_is_legible(seed, opened, tmp_path):
    """At the opening zoom: no two labels overlap, none is under 12 px, every part and section is named, and so
    are villages and projects; the caption names the report. The README's picture of the seed."""
    path, g = seed
    page = opened(path)
    boxes = page.labels()
    labelled = {b["node"] for b in boxes}
    assert _areas(page, ("part", "section")) <= labelled
    assert _named(boxes, page, "Village") and _named(boxes, page, "Project")
    assert page.page.text_content("#caption") == _label(g, next(g.subjects(RDF.type, GK.Report)))
    assert page.js("govkg.nodes.get().filter(o => o.label !== undefined).length") == 0  # the canvas writes no text
    page.screenshot("page-seed.png", tmp_path)
    assert page.errors == []


def test_labels_stay_apart_after_a_search_and_show_in_full_on_hover(seed, opened):
    path, _ = seed
    page = opened(path)
    page.search("乡村振兴")
    topic = page.js("govkg.network.getSelectedNodes()[0]")
    boxes = page.labels()
    full = page.js("i => govkg.data.nodes[i].l", topic)
    assert [b["text"] for b in boxes if b["node"] == topic] == [full]  # the selected node: its whole name
    page.page.click("#close")
    section = page.js("""() => govkg.visibleIds().filter(i => govkg.data.nodes[i].kind === "section")
        .reduce((a, b) => govkg.data.nodes[b].l.length > govkg.data.nodes[a].l.length ? b : a)""")
    name = page.js("i => govkg.data.nodes[i].l", section)
    assert all(b["text"].replace("\n", "") != name for b in page.labels() if b["node"] == section)  # shortened
    x, y = page.js("""i => { const p = govkg.network.canvasToDOM(govkg.network.getPositions([i])[i]);
        const r = document.getElementById("graph").getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""",
                   section)
    page.page.mouse.move(x, y)
    page.wait_until("document.querySelector('#labels .label.full') !== null")
    assert page.page.text_content("#labels .label.full") == name
    assert name in page.page.text_content("#status")
    page.labels()
    assert page.errors == []


def test_a_corpus_opens_on_its_reports_by_region_and_year_and_a_click_draws_one(opened, tmp_path):
    kg.build([SEED, QINGHE], tmp_path)
    g = Graph().parse(tmp_path / "graph.ttl")
    page = opened(tmp_path / "graph.html")
    assert page.js("govkg.view()") == -1 and page.js("govkg.nodes.length") == 0 and page.errors == []
    page.labels()
    regions = page.js("Array.from(document.querySelectorAll('#corpus tbody th')).map(th => th.firstChild.textContent)")
    assert sorted(regions) == sorted(str(r) for r in g.objects(None, GK.region))
    years = page.js("Array.from(document.querySelectorAll('#corpus thead th')).slice(1).map(th => th.textContent)")
    assert sorted(years) == sorted({str(y) for y in g.objects(None, GK.reportYear)})
    assert page.js("document.querySelectorAll('#corpus .report').length") == 2
    page.page.click("#corpus .report >> nth=1")
    report = page.js("govkg.view()")
    iri = page.js("i => govkg.data.nodes[i].iri", report)
    G = to_networkx(g)
    areas = {a for a in G if G.nodes[a]["kind"] == "WorkArea" and str(g.value(URIRef(a), GK.report)) == iri}
    expected = areas | {iri} | {n for a in areas for n in G[a] if G.nodes[n]["kind"] not in ("Report", "WorkArea")}
    assert page.visible_iris() == expected
    assert page.page.is_visible("#overview") and not page.page.is_visible("#corpus")
    page.labels()
    other = next(n for n in sorted(G) if G.nodes[n]["kind"] == "Village" and n not in expected)
    page.search(G.nodes[other]["label"])  # a village of the other report: its view is drawn
    assert page.js("govkg.view()") != report and page.page.text_content("#panel h2") == G.nodes[other]["label"]
    assert page.js("i => govkg.data.nodes[i].iri", page.js("govkg.network.getSelectedNodes()[0]")) == other
    page.labels()
    page.page.click("#overview")
    assert page.page.is_visible("#corpus") and page.js("govkg.view()") == -1
    assert page.errors == [] and page.blocked == []


SHENZHEN_FOUR = ["盐田区2020年政府工作报告_2020.txt", "盐田区2021年政府工作报告_2021.txt",
                 "龙岗区2020年政府工作报告_2020.txt", "龙岗区2021年政府工作报告_2021.txt"]


@pytest.fixture(scope="module")
def shenzhen(tmp_path_factory):
    """A page of four real reports: two districts of Shenzhen, two consecutive years each."""
    if not CORPUS.is_dir():
        pytest.skip("needs the Shenzhen corpus of ../shared")
    out = tmp_path_factory.mktemp("shenzhen")
    kg.build([CORPUS / name for name in SHENZHEN_FOUR], out, workers=2)
    return out / "graph.html"


def test_a_corpus_page_is_legible_in_its_table_in_a_report_and_after_a_search(shenzhen, opened):
    page = opened(shenzhen)
    cells = page.labels()
    assert page.js("document.querySelectorAll('#corpus .report').length") == 4
    assert {"盐田区", "龙岗区", "2020", "2021"} <= {c["text"] for c in cells}
    assert any("实体" in c["text"] for c in cells) and any("目标" in c["text"] for c in cells)
    page.page.click("#corpus .report >> nth=0")
    boxes = page.labels()
    assert _areas(page, ("part",)) <= {b["node"] for b in boxes}
    sections = _areas(page, ("section",))
    assert len(sections & {b["node"] for b in boxes}) >= 0.8 * len(sections)
    page.search("大梅沙")
    assert page.page.text_content("#panel h2").startswith("大梅沙")
    page.labels()
    assert page.errors == []


@pytest.mark.skipif(not (os.environ.get("GOVKG_SCREENSHOT") or os.environ.get("CI") == "true"),
                    reason="builds the 102 Shenzhen reports (about 30 s): run in CI and by `make screenshot`")
def test_the_page_of_the_102_shenzhen_reports_is_legible(opened, tmp_path):
    """The README's picture of a corpus: its first view, the table of its reports; then one report's tree."""
    assert CORPUS.is_dir(), f"the Shenzhen corpus is missing ({CORPUS}): it must be present in CI"
    kg.build([CORPUS], tmp_path, workers=2)
    page = opened(tmp_path / "graph.html")
    page.labels()
    assert page.js("document.querySelectorAll('#corpus .report').length") == 102
    page.screenshot("page-corpus.png", tmp_path)
    page.page.click("#corpus .report >> nth=0")
    boxes = page.labels()
    assert _areas(page, ("part",)) <= {b["node"] for b in boxes}
    page.screenshot("page-corpus-report.png", tmp_path)
    assert page.errors == []


@pytest.fixture(scope="module")
def promises(tmp_path_factory):
    """A page of two regions, two years each; the first region renamed to a name holding HTML."""
    reports = make_corpus(regions=2, years=2, paragraphs=6)
    g = build_graph([kg.extract_report(kg.parse_report(r.text, name=r.name)) for r in reports])
    renamed = {reports[0].region: HOSTILE_REGION}
    for rep, region in list(g.subject_objects(GK.region)):
        if str(region) in renamed:
            g.set((rep, GK.region, Literal(renamed[str(region)], lang="zh")))
    path = tmp_path_factory.mktemp("promises") / "graph.html"
    path.write_text(render_html(g, "promises"), encoding="utf-8")
    designed = {(renamed.get(r.region, r.region), indicator): verdict
                for r in reports if r.year == reports[0].year for indicator, verdict in r.promises.items()}
    return path, g, designed


def _verdict_rows(g: Graph) -> list[tuple]:
    """(region, year, indicator, verdict) of every target with a verdict in ``g``."""
    return sorted((str(g.value(g.value(t, GK.report), GK.region)), str(g.value(t, GK.year)),
                   _label(g, g.value(t, GK.indicator)), _VERDICT_IRIS[v]) for t, v in g.subject_objects(GK.verdict))


def _table(page: Opened) -> list[tuple]:
    return page.js("""Array.from(document.querySelectorAll("#promise-body tr")).map(tr =>
        [...Array.from(tr.children).slice(0, 3).map(td => td.firstChild.textContent), tr.dataset.verdict])""")


def _counts(page: Opened) -> dict[str, int]:
    return page.js("""Object.fromEntries(Array.from(document.querySelectorAll("#promise-counts [data-verdict]"))
        .map(b => [b.dataset.verdict, parseInt(b.textContent, 10)]))""")


def test_the_seed_page_has_no_promise_table(seed, opened):
    path, g = seed
    assert not list(g.subject_objects(GK.verdict))  # one report: no later report to judge its targets
    page = opened(path)
    assert page.js("document.getElementById('promises').hidden") is True
    assert not page.page.is_visible("#promises")
    assert page.js("document.querySelectorAll('#promise-body tr').length") == 0


def test_the_promise_table_lists_every_verdict_with_its_counts(promises, opened):
    path, g, designed = promises
    page = opened(path)
    assert page.page.is_visible("#promise-table") and page.errors == []
    rows = [tuple(r) for r in _table(page)]
    assert sorted(rows) == _verdict_rows(g) and len(rows) >= 8
    assert {(region, indicator): verdict for region, _, indicator, verdict in rows if (region, indicator) in designed} \
        == designed
    assert _counts(page) == {v: sum(r[3] == v for r in rows) for v in VERDICTS}
    assert 0 not in (_counts(page)["met"], _counts(page)["missed"])
    cells = page.js("""Array.from(document.querySelectorAll("#promise-body tr")).map(tr =>
        Array.from(tr.children).map(td => td.textContent))""")
    ceilings = [c for c in cells if c[2] == "城镇登记失业率"]
    assert len(ceilings) == 2  # one per region: the target a ceiling, the actual a figure
    assert all(c[3].endswith("%以内") and c[4][:1].isdigit() for c in ceilings)
    assert all(c[4] == "—" for c in cells if c[2] == "新增学位")
    assert all(c[5].endswith("下一年报告没有给出该指标的实际值 · the next report states no actual of this quantity")
               for c in cells if c[2] == "新增学位")  # why it is not reported


def test_the_promise_table_filters_by_verdict_and_by_region(promises, opened):
    path, g, _ = promises
    page = opened(path)
    expected = _verdict_rows(g)
    page.page.select_option("#promise-verdict", "missed")
    assert sorted(tuple(r) for r in _table(page)) == [r for r in expected if r[3] == "missed"] != []
    page.page.select_option("#promise-verdict", "")
    page.page.select_option("#promise-region", HOSTILE_REGION)
    mine = [r for r in expected if r[0] == HOSTILE_REGION]
    assert sorted(tuple(r) for r in _table(page)) == mine != []
    assert _counts(page) == {v: sum(r[3] == v for r in mine) for v in VERDICTS}
    page.page.click('#promise-counts [data-verdict="met"]')
    assert sorted(tuple(r) for r in _table(page)) == [r for r in mine if r[3] == "met"]
    page.page.click('#promise-table th[data-sort="verdict"] button')
    page.page.select_option("#promise-verdict", "")
    verdicts = [r[3] for r in _table(page)]
    assert verdicts == sorted(verdicts, key=VERDICTS.index)
    assert page.errors == []


def test_a_region_named_with_html_shows_as_text_in_the_promise_table(promises, opened):
    path, _, _ = promises
    page = opened(path)
    assert HOSTILE_REGION in page.js("Array.from(document.querySelectorAll('#promise-region option')).map(o => o.text)")
    assert page.js("document.querySelector('#promise-body td').textContent") == HOSTILE_REGION
    page.page.click("#promise-body tr")
    assert HOSTILE_REGION in page.page.text_content("#panel")
    page.page.wait_for_timeout(200)
    assert page.dialogs == [] and page.errors == []
    assert page.js("document.querySelectorAll('img, [onerror]').length") == 0


def test_clicking_a_promise_selects_its_indicator_and_shows_both_sentences(promises, opened):
    path, g, _ = promises
    page = opened(path)
    row = page.js("""Array.from(document.querySelectorAll("#promise-body tr"))
        .findIndex(tr => tr.dataset.verdict === "missed")""")
    page.page.click(f"#promise-body tr >> nth={row}")
    indicator = page.js(f"document.querySelectorAll('#promise-body tr')[{row}].children[2].firstChild.textContent")
    assert page.page.text_content("#panel h2") == indicator
    assert page.js("govkg.network.getSelectedNodes()") == [page.node_id(indicator)]
    assert "未兑现 missed" in page.page.text_content("#panel .verdict")
    notes = page.js("Array.from(document.querySelectorAll('#panel .evidence .muted')).map(e => e.textContent)")
    assert [n.split(" ")[1] for n in notes] == ["目标", "实际"]
    sentences = {str(s) for s in g.objects(None, GK.text)}
    assert all(p in sentences for p in page.js("Array.from(document.querySelectorAll('#panel .evidence p'))"
                                               ".map(p => p.textContent)"))
    assert page.errors == []


def test_an_indicators_panel_shows_each_targets_verdict_beside_it(promises, opened):
    path, g, _ = promises
    page = opened(path)
    target = next(t for t, v in g.subject_objects(GK.verdict) if v == GK.Missed)
    indicator = _label(g, g.value(target, GK.indicator))
    page.click_node(page.node_id(indicator))
    page.wait_until("document.querySelector('#panel table.obs') !== null")
    badges = page.js("""Array.from(document.querySelectorAll('#panel table.obs td .verdict'))
        .map(b => b.textContent)""")
    expected = sorted("✗ 未兑现 missed" if v == GK.Missed else "✓ 已兑现 met" if v == GK.Met else "? 未报告 not reported"
                      for t, v in g.subject_objects(GK.verdict) if g.value(t, GK.indicator) == g.value(target, GK.indicator))
    assert sorted(badges) == expected and "✗ 未兑现 missed" in badges
    assert page.errors == []


@pytest.fixture(scope="module")
def projects_page(tmp_path_factory):
    """A page of two years of one county whose plan promises projects (tests/test_promises.py's texts)."""
    from .test_promises import PROJECTS_2020, PROJECTS_2021

    g = build_graph([kg.extract_report(kg.parse_report(text, name=name))
                     for name, text in (("wuyang-2020.txt", PROJECTS_2020), ("wuyang-2021.txt", PROJECTS_2021))])
    path = tmp_path_factory.mktemp("projects") / "graph.html"
    path.write_text(render_html(g, "projects"), encoding="utf-8")
    return path, g


def test_the_projects_followed_are_listed_and_a_row_selects_its_project(projects_page, opened):
    path, g = projects_page
    page = opened(path)
    assert page.errors == [] and page.page.is_visible("#project-list")
    assert not page.page.is_visible("#promise-table")  # no target has a verdict here: no empty table
    page.page.click("#project-list summary")
    page.page.wait_for_selector("#project-body tr", timeout=5000)  # made on the details' toggle event (async)
    rows = page.js("""Array.from(document.querySelectorAll("#project-body tr")).map(tr =>
        Array.from(tr.children).map(td => td.textContent))""")
    by_name = {r[2]: r for r in rows}
    assert len(rows) == len(list(g.subjects(RDF.type, GK.ProjectPromise)))
    assert by_name["梧阳大桥"][3:] == ["投用 in operation", "投用 in operation", "✓ 已完成 done"]
    assert by_name["梧阳环城公路"][4:] == ["—", "? 未报告 not reported"]
    page.page.click('#project-body tr:has(td:text-is("梧阳大桥"))')
    selected = page.js("govkg.network.getSelectedNodes()")
    assert [page.js("i => govkg.data.nodes[i].l", i) for i in selected] == ["梧阳大桥"]

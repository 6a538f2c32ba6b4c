"""Building a corpus: parallel workers, a bad file among good ones, the incremental build, promises across years."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import SKOS

import kg
from kg import pipeline
from kg.cli import cli
from kg.errors import ValidationError
from kg.outputs.export import report_graph
from kg.rdf.graph import build_graph
from kg.rdf.terms import nt_triples
from kg.corpus.shared import SharedNodes
from kg.outputs.page.render import render_html
from kg.rdf.validate import shared_shapes, validate_graph, validate_triples
from kg.vocab import GK, RES

from .conftest import QINGHE
from .corpus import make_corpus, write_corpus

LAST_YEAR = 2021


@pytest.fixture(scope="module")
def reports():
    return make_corpus(regions=2, years=3, first_year=LAST_YEAR - 2, paragraphs=8)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, reports):
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, reports)
    return folder


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory, corpus):
    out = tmp_path_factory.mktemp("one-worker")
    return out, kg.build([corpus], out, workers=1, cache=False)


def _copy(corpus, folder):
    folder.mkdir()
    for report in corpus.iterdir():
        shutil.copy(report, folder / report.name)
    return folder


def _reference(folder) -> Graph:
    """The graph of the reports in ``folder`` built the old way: every extraction in one rdflib graph."""
    return build_graph([kg.extract_file(f) for f in sorted(folder.iterdir())])


def _files(out) -> dict:
    """Every file of a build (not its cache), with its bytes and modification time."""
    return {p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(out.rglob("*")) if p.is_file() and ".cache" not in p.parts}


def test_two_workers_give_the_same_files_byte_for_byte(tmp_path, corpus, one_worker):
    result = kg.build([corpus], tmp_path, workers=2, cache=False, validate=False)
    assert result.reports == one_worker[1].reports == 6
    for name in ("graph.ttl", "graph.html"):
        assert (tmp_path / name).read_bytes() == (one_worker[0] / name).read_bytes()


def test_the_streamed_graph_is_the_graph_built_at_once(corpus, one_worker):
    out, result = one_worker
    built = Graph().parse(out / "graph.ttl")
    assert set(built) == set(_reference(corpus))  # no blank nodes: equal triples, isomorphic graphs
    assert len(built) == result.triples and not list((out).glob(".parts-*"))


def test_the_page_is_the_page_of_the_whole_graph(corpus, one_worker):
    # the page is rendered from the shared nodes and each report's page facts, not the whole graph
    page = (one_worker[0] / "graph.html").read_text(encoding="utf-8")
    assert page == render_html(_reference(corpus), "govkg")


def test_an_entity_is_named_by_its_first_report_and_its_other_names_are_aliases(tmp_path):
    texts = {"a-2020.txt": "政府工作报告\n2020年工作回顾\n一、抓项目\n引进星河电子集团落户,工业总产值100亿元,增长5%。",
             "b-2021.txt": "政府工作报告\n2021年工作回顾\n一、抓项目\n星河电子有限公司建成投产,工业总产值120亿元,增长8%。"}
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = kg.build([folder], tmp_path / "out")
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    node = RES["enterprise/星河电子"]
    assert str(g.value(node, RDFS.label)) == "星河电子集团" and result.counts["Enterprise"] == 1  # one node
    assert result.report_counts["Enterprise"] == 2  # named by each report
    assert {str(a) for a in g.objects(node, SKOS.altLabel)} == {"星河电子有限公司"}
    assert set(g) == set(_reference(folder))


def test_the_shared_nodes_are_checked_for_what_only_the_merge_can_break():
    indicator, entity = RES["indicator/工业总产值"], RES["enterprise/星河电子"]
    shared = SharedNodes()
    for label in ("工业总产值", "工业产值"):  # two reports give one indicator node two labels
        shared.add(nt_triples([(indicator, RDF.type, GK.Indicator), (indicator, RDFS.label, Literal(label, lang="zh")),
                               (entity, RDF.type, GK.Enterprise), (entity, RDFS.label, Literal("星河电子", lang="zh"))]))
    violations = validate_triples(list(shared.triples()), shared_shapes())
    # the entity, whose work areas and mentions are in the report graphs, passes; the indicator does not
    assert [(v.node, v.message) for v in violations] == [(f"<{indicator}>", "an indicator needs exactly one label")]


def test_two_files_that_would_share_their_iris_are_not_merged(tmp_path):
    for folder in ("a", "b"):  # same name, same region and year: the same report IRI
        (tmp_path / folder).mkdir()
        shutil.copy(QINGHE, tmp_path / folder / QINGHE.name)
    result = kg.build([tmp_path / "a", tmp_path / "b"], tmp_path / "out", validate=False)
    assert result.reports == 1
    assert [p.path for p in result.problems] == [str(tmp_path / "b" / QINGHE.name)]
    assert "would have the IRIs of" in result.problems[0].message


def test_a_corrupt_file_is_reported_and_skipped_while_the_rest_is_built(tmp_path, corpus):
    folder = tmp_path / "reports"
    folder.mkdir()
    for report in corpus.iterdir():
        (folder / report.name).write_bytes(report.read_bytes())
    (folder / "damaged.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n" + bytes(64))
    result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out"), "--workers", "2",
                                      "--no-validate"])
    assert result.exit_code == 5, result.output  # built without the damaged file, and the exit code says so
    assert "built 6 report(s)" in result.stdout and "1 failed" in result.stdout
    assert [line for line in result.stderr.splitlines() if "damaged.pdf" in line][0].startswith("error: ")


def _breaking_one_report(monkeypatch, name: str):
    """Extraction as usual, except that the report ``name`` gets an observation its shapes refuse (an upper value
    below its value), as a govkg bug would make."""
    from dataclasses import replace

    extract = pipeline.extract_report

    def broken(report):
        x = extract(report)
        if report.name != name:
            return x
        first = replace(x.observations[0], upper=x.observations[0].value - 1)
        return replace(x, observations=(first, *x.observations[1:]))

    monkeypatch.setattr(pipeline, "extract_report", broken)


def test_a_report_whose_graph_breaks_a_shape_is_reported_and_left_out(tmp_path, corpus, monkeypatch):
    bad = sorted(corpus.iterdir())[1]
    _breaking_one_report(monkeypatch, bad.name)
    result = kg.build([corpus], tmp_path, workers=1, cache=False)
    assert result.reports == 5
    assert [(p.path, p.level) for p in result.problems if p.level == "error"] == [(str(bad), "error")]
    assert "breaks 1 constraint(s)" in result.problems[0].message and "not above its upper value" in \
        result.problems[0].message
    assert bad.name.encode() not in (tmp_path / "graph.ttl").read_bytes()
    assert validate_graph(Graph().parse(tmp_path / "graph.ttl")) == []


def test_a_single_report_whose_graph_breaks_a_shape_fails_the_build(tmp_path, corpus, monkeypatch):
    only = sorted(corpus.iterdir())[0]
    _breaking_one_report(monkeypatch, only.name)
    with pytest.raises(ValidationError, match="not above its upper value"):
        kg.build([only], tmp_path, workers=1, cache=False)
    assert not (tmp_path / "graph.ttl").exists()


def test_without_the_page_the_graph_is_the_same_and_an_earlier_page_goes(tmp_path, corpus, one_worker):
    kg.build([corpus], tmp_path, workers=1)
    assert (tmp_path / "graph.html").exists()
    result = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(tmp_path), "--workers", "1", "--no-page"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "graph.html").exists()  # it would no longer show graph.ttl
    assert (tmp_path / "graph.ttl").read_bytes() == (one_worker[0] / "graph.ttl").read_bytes()
    before = _files(tmp_path)
    kg.build([corpus], tmp_path, workers=1, page=False)
    assert _files(tmp_path) == before  # nothing changed: nothing written
    kg.build([corpus], tmp_path, workers=1)  # the page is wanted again: drawn again
    assert (tmp_path / "graph.html").read_bytes() == (one_worker[0] / "graph.html").read_bytes()


def test_a_build_without_the_page_makes_no_page_facts_and_one_with_it_makes_them(tmp_path, corpus, one_worker,
                                                                                 monkeypatch):
    made = []
    page_facts = kg.corpus.parts.page_facts
    monkeypatch.setattr(kg.corpus.parts, "page_facts", lambda own: made.append(1) or page_facts(own))
    kg.build([corpus], tmp_path, workers=1, page=False)
    assert made == [] and not (tmp_path / "graph.html").exists()
    kg.build([corpus], tmp_path, workers=1)  # the kept parts have no page's facts: each report is made again
    assert len(made) == len(list(corpus.iterdir()))
    assert (tmp_path / "graph.html").read_bytes() == (one_worker[0] / "graph.html").read_bytes()
    kg.build([corpus], tmp_path, workers=1, page=False)  # parts with the page's facts serve a build without it
    assert len(made) == len(list(corpus.iterdir())) and not (tmp_path / "graph.html").exists()


def test_an_unchanged_rebuild_extracts_nothing_and_writes_nothing(tmp_path, corpus, monkeypatch):
    first = kg.build([corpus], tmp_path, validate=False, shards=True)
    before = _files(tmp_path)
    calls = []
    extract_file = pipeline.extract_file
    monkeypatch.setattr(pipeline, "extract_file", lambda path: calls.append(path) or extract_file(path))
    again = kg.build([corpus], tmp_path, validate=False, workers=2, shards=True)  # all cached: no worker starts
    assert calls == [] and _files(tmp_path) == before  # same bytes, not even written again
    assert (again.reports, again.triples, again.counts) == (first.reports, first.triples, first.counts)
    changed = sorted(corpus.iterdir())[0]
    copy = tmp_path / "copy"
    copy.mkdir()
    for report in corpus.iterdir():
        text = report.read_text(encoding="utf-8")
        (copy / report.name).write_text(text + ("　　此页无正文。\n" if report == changed else ""), encoding="utf-8")
    kg.build([copy], tmp_path, validate=False)
    assert [p.rsplit("/", 1)[-1] for p in map(str, calls)] == [changed.name]


def test_a_changed_report_is_extracted_again_and_only_its_shard_is_rewritten(tmp_path, corpus, monkeypatch):
    folder, out = _copy(corpus, tmp_path / "reports"), tmp_path / "out"
    kg.build([folder], out, shards=True)
    before = _files(out)
    changed = sorted(folder.iterdir())[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "　　全年新增就业岗位1200个，引进星河电子集团落户。\n",
                       encoding="utf-8")
    calls = []
    extract_file = pipeline.extract_file
    monkeypatch.setattr(pipeline, "extract_file", lambda path: calls.append(path) or extract_file(path))
    kg.build([folder], out, shards=True)
    assert [str(p) for p in calls] == [str(changed)]
    after = _files(out)
    shard = f"shards/{_report_iri(out, changed.name).rsplit('/', 1)[-1]}.nq"
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert shard in rewritten and rewritten <= {shard, "shards/shared.nq", "graph.ttl", "graph.html"}
    assert set(after) == set(before)
    assert set(Graph().parse(out / "graph.ttl")) == set(_reference(folder))


def test_a_report_taken_out_of_the_input_leaves_every_output(tmp_path, corpus):
    folder, out = _copy(corpus, tmp_path / "reports"), tmp_path / "out"
    kg.build([folder], out, shards=True, validate=False)
    gone = sorted(folder.iterdir())[0]
    report = _report_iri(out, gone.name)
    gone.unlink()
    result = kg.build([folder], out, shards=True, validate=False)
    g = Graph().parse(out / "graph.ttl")
    assert report not in set(g.subjects()) and not list(g.triples((None, GK.report, report)))
    assert set(g) == set(_reference(folder))
    shards = sorted(p.name for p in (out / "shards").iterdir())
    assert f"{report.rsplit('/', 1)[-1]}.nq" not in shards and len(shards) == result.reports + 1
    named = {line.rsplit(" ", 2)[-2] for p in (out / "shards").glob("*.nq") if p.name != "shared.nq"
             for line in p.read_text(encoding="utf-8").splitlines()}
    assert f"<{report_graph(report)}>" not in named and len(named) == result.reports


def test_a_build_whose_shared_nodes_fail_validation_leaves_the_earlier_output(tmp_path, corpus, monkeypatch):
    folder, out = _copy(corpus, tmp_path / "reports"), tmp_path / "out"
    kg.build([folder], out, shards=True)
    before = _files(out)
    changed = sorted(folder.iterdir())[-1]
    changed.write_text(changed.read_text(encoding="utf-8") + "　　全年新增就业岗位1200个。\n", encoding="utf-8")
    strict = Graph().parse(kg.rdf.validate.SHAPES)  # the shapes, and one more that no indicator (a shared node) meets
    strict.parse(data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix gk: <https://w3id.org/govkg/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <urn:x:Strict> a sh:NodeShape ; sh:targetClass gk:Indicator ;
            sh:property [ sh:path rdfs:label ; sh:maxCount 0 ; sh:message "no label allowed" ] .""")
    monkeypatch.setattr(kg.rdf.validate, "_shapes", lambda: strict)
    kg.rdf.validate.shared_shapes.cache_clear()
    try:
        with pytest.raises(ValidationError, match="no label allowed"):
            kg.build([folder], out, shards=True)
    finally:
        kg.rdf.validate.shared_shapes.cache_clear()
    assert _files(out) == before


def _report_iri(out, file_name: str):
    g = Graph().parse(out / "graph.ttl")
    return next(g.subjects(GK.fileName, Literal(file_name)))


def test_consecutive_years_link_each_target_to_its_outcome_with_the_designed_verdict(reports, one_worker):
    g = Graph().parse(one_worker[0] / "graph.ttl")
    found = {}
    for target, verdict in g.subject_objects(GK.verdict):
        report = g.value(g.value(target, GK.report), GK.fileName)
        found[str(report), str(g.value(target, GK.statedName))] = str(verdict).rsplit("#", 1)[1]
    expected = {(r.name, indicator): verdict.title().replace(" ", "")
                for r in reports if r.year < LAST_YEAR for indicator, verdict in r.promises.items()}
    assert {key: found.get(key) for key in expected} == expected
    assert {"Met", "Missed", "NotReported"} <= set(expected.values())


def test_a_dask_cluster_builds_the_same_graph_and_one_n_quads_shard_per_report(tmp_path, corpus, one_worker):
    distributed = pytest.importorskip("distributed")
    import pyoxigraph

    cluster = distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None)
    with cluster, distributed.Client(cluster) as client:
        result = kg.build([corpus], tmp_path, scheduler=client, cache=False, validate=False)
    assert (tmp_path / "graph.ttl").read_bytes() == (one_worker[0] / "graph.ttl").read_bytes()
    shards = sorted(p.name for p in (tmp_path / "shards").iterdir())
    assert len(shards) == result.reports + 1 and "shared.nq" in shards
    store = pyoxigraph.Store()  # a triple store bulk-loads the shards: their union is the graph
    for shard in (tmp_path / "shards").iterdir():
        store.bulk_load(path=str(shard), format=pyoxigraph.RdfFormat.N_QUADS)
    assert len(store) == result.triples
    assert len(list(store.named_graphs())) == result.reports


def test_a_kept_part_cut_short_is_made_again(tmp_path, corpus, monkeypatch):
    # parts are kept without waiting for the disk: a crash can leave one cut short, which must not be read
    out = tmp_path / "out"
    kg.build([corpus], out, validate=False)
    graph = (out / "graph.ttl").read_bytes()
    part = sorted((out / ".cache").glob("*.part"))[0]
    part.write_bytes(part.read_bytes()[:-100])
    calls = []
    extract_file = pipeline.extract_file
    monkeypatch.setattr(pipeline, "extract_file", lambda path: calls.append(path) or extract_file(path))
    (out / "graph.ttl").unlink()  # so that the build writes it again
    kg.build([corpus], out, validate=False)
    assert len(calls) == 1 and (out / "graph.ttl").read_bytes() == graph


def test_the_summary_counts_an_entity_two_reports_name_once(tmp_path):
    for year in (2020, 2021):
        (tmp_path / f"qf{year}.txt").write_text(f"青峰镇{year}年政府工作报告\n{year - 1}年工作回顾\n一、抓项目\n"
                                               "引进星河电子落户,工业总产值100亿元。", encoding="utf-8")
    result = kg.build([tmp_path / "qf2020.txt", tmp_path / "qf2021.txt"], tmp_path / "out")
    assert result.report_counts["Enterprise"] == 2 and result.counts["Enterprise"] == 1
    assert result.counts["Observation"] == 2

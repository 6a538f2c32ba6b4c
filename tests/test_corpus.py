"""Building a corpus: parallel workers, a bad file among good ones, the incremental cache, promises across years."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Graph

import kg
from kg import pipeline
from kg.cli import cli
from kg.vocab import GK

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


def test_two_workers_give_the_same_graph_byte_for_byte(tmp_path, corpus, one_worker):
    result = kg.build([corpus], tmp_path, workers=2, cache=False, validate=False)
    assert result.reports == one_worker[1].reports == 6
    assert (tmp_path / "graph.ttl").read_bytes() == (one_worker[0] / "graph.ttl").read_bytes()


def test_a_corrupt_file_is_reported_and_skipped_while_the_rest_is_built(tmp_path, corpus):
    folder = tmp_path / "reports"
    folder.mkdir()
    for report in corpus.iterdir():
        (folder / report.name).write_bytes(report.read_bytes())
    (folder / "damaged.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n" + bytes(64))
    result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out"), "--workers", "2",
                                      "--no-validate"])
    assert result.exit_code == 0, result.output
    assert "built 6 report(s)" in result.stdout and "1 failed" in result.stdout
    assert [line for line in result.stderr.splitlines() if "damaged.pdf" in line][0].startswith("error: ")


def test_an_unchanged_rebuild_extracts_nothing_and_writes_the_same_graph(tmp_path, corpus, monkeypatch):
    kg.build([corpus], tmp_path, validate=False)
    before = (tmp_path / "graph.ttl").read_bytes()
    calls = []
    extract_file = pipeline.extract_file
    monkeypatch.setattr(pipeline, "extract_file", lambda path: calls.append(path) or extract_file(path))
    kg.build([corpus], tmp_path, validate=False, workers=2)  # all cached: no worker starts
    assert calls == [] and (tmp_path / "graph.ttl").read_bytes() == before
    changed = sorted(corpus.iterdir())[0]
    copy = tmp_path / "copy"
    copy.mkdir()
    for report in corpus.iterdir():
        text = report.read_text(encoding="utf-8")
        (copy / report.name).write_text(text + ("　　此页无正文。\n" if report == changed else ""), encoding="utf-8")
    kg.build([copy], tmp_path, validate=False)
    assert [p.rsplit("/", 1)[-1] for p in map(str, calls)] == [changed.name]


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

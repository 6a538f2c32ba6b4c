"""The whole pipeline: graph.ttl and graph.html of the seed, their contract, determinism and the CLI."""

import re
import subprocess
import sys

import pyoxigraph
import pytest
from rdflib import RDF, Graph
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.outputs.page.render import read_page_data
from kg.vocab import GK

from .conftest import QINGHE, ROOT, SEED

ENTITY_CLASSES = [GK.Enterprise, GK.Institution, GK.Project, GK.Village, GK.Initiative]


def test_build_writes_both_files(seed_build):
    out, result = seed_build
    assert (out / "graph.ttl").stat().st_size > 0 and (out / "graph.html").stat().st_size > 0
    assert result.reports == 1 and result.triples > 1000
    assert not list(out.glob(".*.tmp"))


def test_graph_parses_with_rdflib_and_pyoxigraph(seed_build):
    out, result = seed_build
    g = Graph().parse(out / "graph.ttl")
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(g) == len(store) == result.triples


def test_only_contract_and_ontology_terms_are_used(seed_build):
    out, _ = seed_build
    g = Graph().parse(out / "graph.ttl")
    ontology = Graph().parse(ROOT / "ontology" / "govkg.ttl")
    declared = {str(s) for s in ontology.subjects()}
    used = {str(t) for triple in g for t in triple if str(t).startswith(str(GK._NS))}
    assert used <= declared


def test_every_entity_and_observation_has_a_work_area(seed_build):
    out, _ = seed_build
    g = Graph().parse(out / "graph.ttl")
    things = [s for c in ENTITY_CLASSES + [GK.Observation] for s in g.subjects(RDF.type, c)]
    assert len(things) > 200
    assert all(g.value(t, GK.workArea) is not None for t in things)


def test_work_areas_chain_up_to_the_report(seed_build):
    out, _ = seed_build
    g = Graph().parse(out / "graph.ttl")
    report = next(g.subjects(RDF.type, GK.Report))
    for area in g.subjects(RDF.type, GK.WorkArea):
        node, steps = area, 0
        while node != report and steps < 6:
            node, steps = g.value(node, GK.partOf), steps + 1
        assert node == report


def test_building_again_gives_identical_files(seed_build, tmp_path):
    out, _ = seed_build
    kg.build([SEED], tmp_path)
    for name in ("graph.ttl", "graph.html"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes()


def test_committed_output_is_the_build_of_seeds(seed_build):
    out, _ = seed_build
    for name in ("graph.ttl", "graph.html"):
        assert (ROOT / "output" / name).read_bytes() == (out / name).read_bytes(), f"run `make run` to refresh output/{name}"


def test_page_loads_nothing_from_the_network(seed_build):
    out, _ = seed_build
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r'(?:src|href)="https?://', page)


def test_cli_build_prints_a_summary(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(QINGHE), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert re.search(r"built 1 report\(s\) into .*Observation \d+.* triples in [\d.]+ s", result.output)


@pytest.mark.parametrize("args, message", [
    (["build", "no/such/dir"], "no such file or folder"),
    (["eval", "no-gold.json", "--graph", "."], "no-gold.json: no such gold file"),
    (["eval", str(ROOT / "tests" / "gold" / "dev" / "seed.json"), "--graph", "."], "no graph.ttl here"),
])
def test_cli_errors_are_one_line_without_traceback(args, message, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode != 0
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_help_explains_every_command():
    result = CliRunner().invoke(cli, ["--help"])
    for command in cli.commands:
        assert command in result.output


def test_a_graph_of_several_reports_gets_its_page_too(tmp_path):
    # two reports give more than 500 nodes, where the layout switches to its sparse (scipy) form
    result = kg.build([SEED, QINGHE], tmp_path)
    assert result.reports == 2 and not result.problems
    page = read_page_data((tmp_path / "graph.html").read_text(encoding="utf-8"))
    assert len(page["nodes"]) > 500 and len(page["views"]) == 2


@pytest.mark.parametrize("args", [
    ["validate", "--graph", "{out}"], ["validate", "{out}"],
    ["query", "top-work-areas", "--graph", "{out}"], ["query", "top-work-areas", "--data", "{out}"],
])
def test_every_command_takes_the_build_folder_as_graph_the_old_spellings_too(args, tmp_path):
    out = tmp_path / "out"
    kg.build([QINGHE], out)
    result = CliRunner().invoke(cli, [a.format(out=out) for a in args])
    assert result.exit_code == 0, result.output


def test_serve_takes_the_build_folder_as_graph():
    assert "--graph" in CliRunner().invoke(cli, ["serve", "--help"]).output


def test_the_progress_bar_says_no_time_left_until_a_few_reports_are_done(tmp_path):
    from kg.cli import _progress

    files = [tmp_path / f"r{i}.txt" for i in range(10)]
    for f in files:
        f.write_text("x", encoding="utf-8")
    progress = _progress(files)
    shown = []
    for f in files:
        progress(f)
        shown.append(progress.bar.show_eta)
    assert shown == [False] * (_progress.ETA_AFTER - 1) + [True] * (len(files) - _progress.ETA_AFTER + 1)

"""kg query and its store: saved queries, result formats, errors, and builds loaded into the store report by report."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys

import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from kg.query import results, saved, store as sparql
from kg.cli import cli
from kg.errors import QueryError
from kg.outputs.export import report_graph, to_nq
from kg.vocab import GK

from .conftest import ROOT

QUERIES = ROOT / "ontology" / "queries"
SAVED = sorted(QUERIES.glob("*.rq"))
NEEDS_TWO_REPORTS = {"promises-kept", "projects-kept"}  # what became of a promise is in a later report


def reference_rows(graph_ttl, text: str) -> list[tuple]:
    """The rows of a query over graph.ttl itself (an in-memory store, no named graphs), normalised."""
    store = pyoxigraph.Store()
    store.load(path=str(graph_ttl), format=pyoxigraph.RdfFormat.TURTLE)
    result = store.query(text)
    names = [v.value for v in result.variables]
    return normalise([{n: row[n].value for n in names if row[n] is not None} for row in result], names)


def normalise(rows: list[dict], names: list[str]) -> list[tuple]:
    """Rows as sorted tuples; a GROUP_CONCAT value ("a、b", "a | b") as its sorted parts, in whatever order."""
    def cell(value: str) -> str:
        parts = value.replace(" | ", "、").split("、")
        return "、".join(sorted(parts))
    return sorted(tuple(cell(row.get(n, "")) for n in names) for row in rows)


def run(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


@pytest.fixture(scope="module")
def seed_dir(seed_build, tmp_path_factory):
    """A copy of the seed build: ``kg query`` writes its store next to graph.ttl."""
    out, _ = seed_build
    folder = tmp_path_factory.mktemp("seed-query")
    for name in ("graph.ttl", "graph.html"):
        shutil.copy(out / name, folder / name)
    return folder


# ---- saved queries ----

@pytest.mark.parametrize("path", SAVED, ids=lambda p: p.stem)
def test_every_saved_query_opens_with_the_question_it_answers(path):
    text = path.read_text(encoding="utf-8")
    header = [line for line in text.splitlines()[:4] if line.startswith("#")]
    assert len(header) >= 2 and saved.describe_query(text), f"{path.name} needs a comment header"


def test_list_shows_every_saved_query_with_its_question():
    result = run("query", "--list")
    assert result.exit_code == 0
    for path in SAVED:
        line = next(line for line in result.stdout.splitlines() if line.startswith(path.stem + " "))
        assert saved.describe_query(path.read_text(encoding="utf-8"))[:40] in line


@pytest.mark.parametrize("path", SAVED, ids=lambda p: p.stem)
def test_a_saved_query_by_name_answers_as_on_graph_ttl(seed_dir, path):
    result = run("query", path.stem, "--data", str(seed_dir), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    reader = csv.DictReader(io.StringIO(result.stdout, newline=""))
    rows = normalise(list(reader), reader.fieldnames)
    assert rows == reference_rows(seed_dir / "graph.ttl", path.read_text(encoding="utf-8"))
    assert rows or path.stem in NEEDS_TWO_REPORTS, f"{path.name} has no answer on the seed build"


def test_the_table_is_aligned_and_counts_its_rows(seed_dir):
    result = CliRunner(env={"COLUMNS": "250"}).invoke(cli, ["query", "top-work-areas", "--data", str(seed_dir)])
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["region", "file", "part", "kind", "title", "entities", "enterprises",
                                "institutions", "projects", "villages", "initiatives"]
    assert set(lines[1]) == {"-", " "} and lines[-1] == "(20 rows)" and len(lines) == 23
    # every row puts its count under the header's "entities", right-aligned
    end = results._width(lines[0][:lines[0].index("entities") + len("entities")])
    for line in lines[2:-1]:
        cells = line.split()
        count = next(c for c in cells if c.isdigit())
        head = line[:line.index(f" {count} ") + 1 + len(count)]
        assert results._width(head) == end, line


def test_json_and_tsv_are_the_sparql_results_formats(seed_dir):
    data = json.loads(run("query", "actual-vs-target", "--data", str(seed_dir), "-f", "json").stdout)
    assert data["head"]["vars"][:3] == ["region", "file", "indicator"]
    gdp = next(b for b in data["results"]["bindings"] if b["indicator"]["value"] == "地区生产总值")
    assert gdp["actual"]["datatype"] == "http://www.w3.org/2001/XMLSchema#decimal"
    tsv = run("query", "actual-vs-target", "--data", str(seed_dir), "-f", "tsv").stdout.splitlines()
    assert tsv[0].startswith("?region\t?file\t?indicator") and len(tsv) == len(data["results"]["bindings"]) + 1


def test_a_query_file_or_inline_sparql_with_the_usual_prefixes(seed_dir):
    by_name = run("query", "villages-and-projects", "--data", str(seed_dir)).stdout
    by_file = run("query", str(QUERIES / "villages-and-projects.rq"), "--data", str(seed_dir)).stdout
    assert by_name == by_file
    villages = len(set(Graph().parse(seed_dir / "graph.ttl").subjects(predicate=None, object=GK.Village)))
    inline = run("query", "SELECT (COUNT(?v) AS ?n) WHERE { ?v a gk:Village }", "--data", str(seed_dir), "-f", "csv")
    assert inline.stdout.splitlines()[1] == str(villages)


def test_ask_and_construct(seed_dir):
    assert run("query", "ASK { ?v a gk:Village }", "--data", str(seed_dir)).stdout == "true\n"
    nt = run("query", "CONSTRUCT { ?v a gk:Village } WHERE { ?v a gk:Village } LIMIT 2", "--data", str(seed_dir))
    assert [line.endswith("<https://w3id.org/govkg/ontology#Village> .") for line in nt.stdout.splitlines()] == \
        [True, True]


def test_a_wrong_query_is_one_line_with_its_position_and_no_traceback(seed_dir):
    query = "SELECT ?x WHERE {\n  ?x a gk:Village .\n  FILTER (?x = )\n}"
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "query", query, "--data", str(seed_dir)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and proc.stdout == ""
    assert re.match(r"error: not valid SPARQL at line \d+, column \d+: expected one of ", proc.stderr)
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_a_misspelt_saved_query_gets_the_closest_name():
    with pytest.raises(QueryError, match="did you mean actual-vs-target"):
        saved.read_query("actual-vs-targt")
    result = CliRunner().invoke(cli, ["query", "actual-vs-targt"])
    assert result.exit_code == 2 and "did you mean actual-vs-target" in result.stderr


# ---- the store ----

def _triples(path) -> set[tuple[str, str, str]]:
    """The triples of a Turtle file, as a pyoxigraph store writes them (values in canonical form: 18.0 is 18)."""
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in store}


def _store_triples(store_dir) -> set[tuple[str, str, str]]:
    with sparql.open_store(None, store_dir) as store:
        return {(str(q.subject), str(q.predicate), str(q.object)) for q in store}


def _report_graphs(store_dir) -> set[str]:
    with sparql.open_store(None, store_dir) as store:
        return {g.value for g in store.named_graphs()}


def _write(graph: Graph, folder) -> None:
    folder.mkdir(exist_ok=True)
    graph.serialize(folder / "graph.ttl", format="turtle")


def _report(graph: Graph) -> URIRef:
    return next(graph.subjects(predicate=None, object=GK.Report))


def test_a_build_is_loaded_once_then_only_when_graph_ttl_changes(seed_dir, tmp_path):
    folder = tmp_path / "build"
    folder.mkdir()
    shutil.copy(seed_dir / "graph.ttl", folder / "graph.ttl")
    first = sparql.sync_store(folder)
    assert (first.loaded, first.kept, first.dropped) == (1, 0, 0) and first.changed
    assert not sparql.sync_store(folder).changed
    os.utime(folder / "graph.ttl")  # touched, same bytes: nothing to load
    assert not sparql.sync_store(folder).changed
    assert _store_triples(folder / "store") == _triples(folder / "graph.ttl")


def test_a_rebuilt_report_replaces_its_graph_and_the_others_stay(seed_build, qinghe_build, tmp_path):
    seed = Graph().parse(seed_build[0] / "graph.ttl")
    qinghe = Graph().parse(qinghe_build / "graph.ttl")
    folder = tmp_path / "both"
    _write(seed + qinghe, folder)
    assert sparql.sync_store(folder).loaded == 2
    assert _report_graphs(folder / "store") == {str(report_graph(_report(seed))), str(report_graph(_report(qinghe)))}
    # the seed report is rebuilt: one of its observations is gone, a sentence reads differently
    changed = seed + qinghe
    observation = next(changed.subjects(GK.report, _report(seed)))
    changed.remove((observation, None, None))
    sentence = next(changed.subjects(predicate=None, object=GK.Sentence))
    changed.set((sentence, GK.text, Literal("改写的句子。")))
    _write(changed, folder)
    result = sparql.sync_store(folder)
    assert (result.loaded, result.kept, result.dropped) == (1, 1, 0)
    assert _store_triples(folder / "store") == _triples(folder / "graph.ttl")
    # the next build holds only the county report: the town's graph and its shared nodes go
    _write(qinghe, folder)
    result = sparql.sync_store(folder)
    assert (result.loaded, result.kept, result.dropped) == (0, 1, 1)
    assert _store_triples(folder / "store") == _triples(folder / "graph.ttl")


def _quads(store_dir) -> set[str]:
    with sparql.open_store(None, store_dir) as store:
        return {str(q) for q in store}


def test_a_build_with_its_cache_is_loaded_from_its_parts_as_graph_ttl_would_be(tmp_path, monkeypatch):
    """Beside a build's cache, the store reads each report's kept part and graph.ttl's head (the shared nodes)
    instead of parsing and splitting the whole file: the same quads, and a rebuilt report is found by its key."""
    import kg
    from tests.corpus import make_corpus, write_corpus

    reports = make_corpus(regions=1, years=3, paragraphs=6)
    write_corpus(tmp_path / "in", reports)
    kg.build([tmp_path / "in"], tmp_path / "out")

    def reference():  # the same graph.ttl without the build's cache: parsed and split
        alone = tmp_path / f"alone-{len(list(tmp_path.iterdir()))}"
        alone.mkdir()
        shutil.copy(tmp_path / "out" / "graph.ttl", alone / "graph.ttl")
        sparql.sync_store(alone)
        return _quads(alone / "store")

    split = sparql._split_build
    monkeypatch.setattr(sparql, "_split_build", lambda ttl: pytest.fail("the build was parsed and split"))
    first = sparql.sync_store(tmp_path / "out")
    assert (first.loaded, first.kept, first.dropped) == (3, 0, 0)
    monkeypatch.setattr(sparql, "_split_build", split)
    assert _quads(tmp_path / "out" / "store") == reference()
    last = sorted((tmp_path / "in").iterdir())[-1]  # the last year's report gains a figure
    last.write_text(last.read_text(encoding="utf-8") + "全年新增就业岗位1200个。\n", encoding="utf-8")
    kg.build([tmp_path / "in"], tmp_path / "out")
    monkeypatch.setattr(sparql, "_split_build", lambda ttl: pytest.fail("the build was parsed and split"))
    again = sparql.sync_store(tmp_path / "out")
    assert (again.loaded, again.kept, again.dropped) == (1, 2, 0)
    monkeypatch.setattr(sparql, "_split_build", split)
    assert _quads(tmp_path / "out" / "store") == reference()


def test_several_builds_share_one_store(seed_build, qinghe_build, tmp_path):
    store = tmp_path / "corpus-store"
    sparql.sync_store(seed_build[0] / "graph.ttl", store)
    sparql.sync_store(qinghe_build / "graph.ttl", store)
    both = _triples(seed_build[0] / "graph.ttl") | _triples(qinghe_build / "graph.ttl")
    assert _store_triples(store) == both
    result = run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?r a gk:Report }", "--store", str(store), "-f", "csv")
    assert result.stdout.splitlines()[1] == "2"


def test_a_served_store_is_not_rewritten(seed_dir, tmp_path):
    folder = tmp_path / "build"
    folder.mkdir()
    shutil.copy(seed_dir / "graph.ttl", folder / "graph.ttl")
    sparql.sync_store(folder)
    with sparql.store_lock(folder / "store", exclusive=False):  # as `kg serve` holds it
        with sparql.open_store(folder) as store:  # unchanged: it is read as it is
            assert len(store)
        g = Graph().parse(folder / "graph.ttl")
        g.remove((_report(g), GK.speaker, None))
        _write(g, folder)
        with pytest.raises(QueryError, match="in use by another kg process"):
            sparql.sync_store(folder)


def test_the_nquads_export_holds_the_same_quads_as_the_store(seed_dir, tmp_path):
    nq = to_nq(Graph().parse(seed_dir / "graph.ttl"))
    bulk = pyoxigraph.Store()
    bulk.load(nq.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
    sparql.sync_store(seed_dir)
    with sparql.open_store(None, seed_dir / "store") as store:
        assert {str(q) for q in store} == {str(q) for q in bulk}
    assert nq.splitlines() == sorted(nq.splitlines())


def test_a_graph_ttl_that_is_not_turtle_is_one_clear_error(tmp_path):
    (tmp_path / "graph.ttl").write_text('<https://example.org/a> <https://example.org/b> "unterminated .\n',
                                        encoding="utf-8")
    result = CliRunner().invoke(cli, ["query", "SELECT * WHERE { ?s ?p ?o }", "--data", str(tmp_path)])
    assert result.exit_code == 2 and "not a readable Turtle file" in result.output
    assert "Traceback" not in result.output


def test_reports_are_found_by_a_division_they_lie_within_written_plainly(seed_dir):
    query = 'SELECT ?path WHERE { ?r gk:within "苏州市" ; gk:regionPath ?path }'
    result = run("query", query, "--data", str(seed_dir), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == ["江苏省 / 苏州市 / 昆山市 / 玉山镇"]


def test_a_first_query_matches_regions_and_years_as_a_person_types_them(seed_dir):
    query = ('SELECT (COUNT(?o) AS ?n) WHERE { ?r gk:region "玉山镇" ; gk:reportYear 2020 . '
             '?o gk:report ?r ; gk:year 2020 ; gk:status gk:Target }')
    result = run("query", query, "--graph", str(seed_dir), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert int(result.stdout.splitlines()[1]) > 10


def test_a_raw_table_shows_what_a_query_must_write_to_match(seed_dir):
    query = ('SELECT ?region ?year ?label ?date WHERE { ?r gk:region ?region ; gk:reportYear ?year ; rdfs:label ?label . '
             'OPTIONAL { ?r gk:reportDate ?date } }')
    plain = run("query", query, "--graph", str(seed_dir)).stdout.splitlines()[2]
    raw = run("query", query, "--graph", str(seed_dir), "--raw").stdout.splitlines()[2]
    assert plain.split()[:2] == ["玉山镇", "2020"]
    assert raw.split()[:3] == ['"玉山镇"', "2020", '"玉山镇2020年政府工作报告"@zh']


def test_a_saved_query_takes_its_values_as_parameters(seed_dir):
    result = run("query", "indicator-evidence", "--param", "indicator=一般公共预算收入", "--graph", str(seed_dir),
                 "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert rows and {r["indicator"] for r in rows} == {"一般公共预算收入"}
    shown = run("query", "indicator-evidence", "-p", "indicator=一般公共预算收入", "--show-query")
    assert 'VALUES ?indicator { "一般公共预算收入"@zh }' in shown.stdout


def test_a_parameter_the_query_does_not_take_is_a_clear_error(seed_dir):
    result = CliRunner().invoke(cli, ["query", "indicator-evidence", "--param", "region=玉山镇", "--graph", str(seed_dir)])
    assert result.exit_code == 2
    assert "the query takes no parameter ?region (its VALUES blocks: ?indicator)" in result.output


def test_tables_fit_the_terminals_width(seed_dir):
    from kg.query.results import _width

    for columns in (100, 140):
        result = CliRunner(env={"COLUMNS": str(columns)}).invoke(cli, ["query", "indicator-evidence", "--graph",
                                                                       str(seed_dir)])
        assert result.exit_code == 0
        assert max(_width(line) for line in result.stdout.splitlines()) <= columns

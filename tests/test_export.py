"""Exports of the seed build: every format reads back, the same graph gives the same bytes, and the saved queries answer."""

import csv
import json
import subprocess
import sys
from decimal import Decimal

import networkx as nx
import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, SKOS, Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.cli import cli
from kg.errors import ExportError, InputError
from kg.outputs.export import FORMATS, export, jsonld_context, report_graph
from kg.outputs.files import load_graph
from kg.vocab import GK

from .conftest import ROOT, SEED

QUERIES = ROOT / "ontology" / "queries"

# rdflib's own JSON-LD and TriG parsers call its deprecated ConjunctiveGraph API
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning",
                                        "ignore:Dataset.default_context is deprecated:DeprecationWarning")


@pytest.fixture(scope="module")
def seed_graph(seed_build):
    out, _ = seed_build
    return load_graph(out)


@pytest.fixture(scope="module")
def exported(seed_build, tmp_path_factory):
    """Every format of the seed build, written once into one folder."""
    out, _ = seed_build
    folder = tmp_path_factory.mktemp("export")
    for fmt in FORMATS:
        export(out, fmt, folder)
    return folder


@pytest.mark.parametrize("name, rdf_format", [("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld")])
def test_rdf_exports_read_back_as_the_same_graph(exported, seed_graph, name, rdf_format):
    g = Graph().parse(exported / name, format=rdf_format)
    assert len(g) == len(seed_graph)
    assert set(g) == set(seed_graph)  # no blank nodes, so equal triples means isomorphic


def test_trig_holds_each_report_in_its_own_graph(exported, seed_graph):
    ds = Dataset()
    ds.parse(exported / "graph.trig", format="trig")
    report = next(seed_graph.subjects(RDF.type, GK.Report))
    named = ds.graph(report_graph(report))
    default = ds.graph(DATASET_DEFAULT_GRAPH_ID)
    gdp = next(o for o in seed_graph.subjects(RDF.type, GK.Observation) if str(seed_graph.value(o, RDFS.label)).startswith("地区生产总值 "))
    assert (report, RDF.type, GK.Report) in named and (gdp, GK.report, report) in named
    enterprise = next(seed_graph.subjects(RDF.type, GK.Enterprise))
    assert (enterprise, RDF.type, GK.Enterprise) in default
    assert {(s, p, o) for s, p, o, _ in ds.quads()} == set(seed_graph)
    assert len(named) + len(default) == len(seed_graph)  # each triple in exactly one graph


def test_jsonld_embeds_the_published_context(exported):
    data = json.loads((exported / "graph.jsonld").read_text(encoding="utf-8"))
    published = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
    assert data["@context"] == published["@context"]
    gdp = next(n for n in data["@graph"] if n.get("type") == "Observation" and n["label"].startswith("地区生产总值 820"))
    assert (gdp["value"], gdp["unit"], gdp["year"], gdp["status"]) == ("820.0", "亿元", 2019, "Actual")
    assert gdp["workArea"].endswith("/area/R0")


def test_published_context_is_generated_and_agrees_with_the_ontology():
    published = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
    assert published == jsonld_context(), ("refresh it: python -c \"import json,kg.outputs.export as e; "
                                           "print(json.dumps(e.jsonld_context(), ensure_ascii=False, indent=2))\" "
                                           "> ontology/context.jsonld")
    ontology = Graph().parse(ROOT / "ontology" / "govkg.ttl")
    owl = "http://www.w3.org/2002/07/owl#"
    for term in published["@context"].values():
        if isinstance(term, dict) and term["@id"].startswith("gk:"):
            prop = GK._NS[term["@id"][3:]]
            if (prop, RDF.type, URIRef(owl + "ObjectProperty")) in ontology:
                assert term.get("@type") in ("@id", "@vocab"), term


def test_graphml_nodes_have_label_and_type(exported):
    G = nx.read_graphml(exported / "graph.graphml")
    by_label = {data["label"]: (node, data) for node, data in G.nodes(data=True)}
    node, data = by_label["好活科技"]
    assert data["type"] == "Enterprise"
    areas = {G.nodes[o]["label"]: d["predicate"] for _, o, d in G.out_edges(node, data=True)}
    assert areas and set(areas.values()) == {"workArea"}
    assert by_label["地区生产总值"][1]["type"] == "Indicator"
    assert {d["type"] for _, d in G.nodes(data=True)} >= {"Report", "WorkArea", "Enterprise", "Indicator", "Observation"}
    for _, d in G.nodes(data=True):
        assert all(isinstance(v, (str, float)) for v in d.values())


def _read_csv(path):
    assert path.read_bytes().startswith(b"\xef\xbb\xbf"), "CSV must start with a BOM for Excel"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_observations_csv_has_the_gdp_actual_and_target(exported):
    rows = _read_csv(exported / "observations.csv")
    gdp = {r["status"]: r for r in rows if r["indicator"] == "地区生产总值"}
    actual, target = gdp["actual"], gdp["target"]
    assert (actual["value"], actual["unit"], actual["year"], actual["growth_pct"], actual["qualifier"]) == \
        ("820", "亿元", "2019", "7.6", "预计")
    assert (actual["region"], actual["report_year"], actual["report"]) == ("玉山镇", "2020", SEED.name)
    assert (target["value"], target["year"], target["growth_pct"], target["area_key"]) == ("880", "2020", "7.3", "P0")
    raw = SEED.read_text(encoding="utf-8")
    assert "820" in raw[int(actual["start"]):int(actual["end"])] and "820" in actual["sentence"]


def test_entities_csv_has_a_row_per_entity_and_work_area(exported, seed_graph):
    rows = _read_csv(exported / "entities.csv")
    assert list(rows[0]) == ["name", "type", "aliases", "report", "area_key", "area_title", "mentions", "rules"]
    haohuo = [r for r in rows if r["name"] == "好活科技"]
    assert haohuo and {r["type"] for r in haohuo} == {"Enterprise"}
    assert any(r["area_key"].startswith("R") and r["report"] == SEED.name for r in haohuo)  # named in the review
    entity_mentions = [m for s, m in seed_graph.subject_objects(GK.mention)
                       if (s, RDF.type, GK.Observation) not in seed_graph]
    assert sum(int(r["mentions"]) for r in rows) == len(entity_mentions)


def test_the_csv_files_say_which_rule_made_each_row(exported):
    from kg.extract.entities.rules import SENTENCE_RULES

    entities, observations = _read_csv(exported / "entities.csv"), _read_csv(exported / "observations.csv")
    known = {r.name for r in SENTENCE_RULES} | {"numbered_line", "repeat", "nested"}
    assert all(row["rules"] and set(row["rules"].split("|")) <= known for row in entities)
    assert {r["rules"] for r in entities if r["name"] == "好活科技"} <= {"suffix", "cue", "suffix|cue", "cue|suffix"}
    assert all(row["rule"] for row in observations)
    assert {"level", "change"} <= {row["rule"] for row in observations}


def test_exporting_twice_gives_identical_bytes(seed_build, exported, tmp_path):
    out, _ = seed_build
    for fmt, names in FORMATS.items():
        export(out, fmt, tmp_path)
        for name in names:
            assert (tmp_path / name).read_bytes() == (exported / name).read_bytes(), name
    assert not list(tmp_path.glob(".*.tmp"))


def test_out_can_name_the_file(seed_build, tmp_path):
    out, _ = seed_build
    assert export(out, "nt", tmp_path / "seed.nt") == [tmp_path / "seed.nt"]
    with pytest.raises(ExportError, match="must be a folder"):
        export(out, "csv", tmp_path / "seed.csv")


def test_default_out_is_the_graph_folder(seed_build, tmp_path):
    out, _ = seed_build
    (tmp_path / "graph.ttl").write_bytes((out / "graph.ttl").read_bytes())
    result = CliRunner().invoke(cli, ["export", "--graph", str(tmp_path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert f"wrote {tmp_path / 'observations.csv'}" in result.output and (tmp_path / "entities.csv").exists()


def test_unreadable_graph_is_an_input_error(tmp_path):
    (tmp_path / "graph.ttl").write_text("not turtle at all", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable Turtle file"):
        load_graph(tmp_path)


@pytest.mark.parametrize("args, message", [
    (["export", "--graph", "no/such/dir", "--format", "csv"], "no such file or folder"),
    (["export", "--format", "xml"], "unknown export format 'xml'"),
])
def test_cli_export_errors_are_one_line_without_traceback(args, message, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode != 0
    assert message in proc.stderr and "Traceback" not in proc.stderr


def _select(store, path):
    result = store.query(path.read_text(encoding="utf-8"))
    names = [v.value for v in result.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in result]


@pytest.fixture(scope="module")
def seed_store(seed_build):
    out, _ = seed_build
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    return store


def test_actual_vs_target_computes_the_implied_growth(seed_store):
    rows = _select(seed_store, QUERIES / "actual-vs-target.rq")
    gdp = next(r for r in rows if r["indicator"] == "地区生产总值")
    assert (gdp["reviewYear"], gdp["actual"], gdp["planYear"], gdp["target"], gdp["unit"]) == \
        ("2019", "820", "2020", "880", "亿元")
    assert (gdp["actualGrowth"], gdp["targetGrowth"]) == ("7.6", "7.3")
    assert Decimal(gdp["impliedGrowth"]) == Decimal("7.32")  # (880 - 820) / 820 * 100 = 7.317…
    for r in rows:
        actual, target = Decimal(r["actual"]), Decimal(r["target"])
        assert abs(Decimal(r["impliedGrowth"]) - (target - actual) / actual * 100) <= Decimal("0.005"), r


@pytest.mark.parametrize("query", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.name)
def test_saved_queries_give_the_same_rows_with_pyoxigraph_and_rdflib(seed_store, seed_graph, query):
    rows = _select(seed_store, query)
    # list(), not len(): rdflib counts one empty row for a GROUP BY query without matches
    assert len(rows) == len(list(seed_graph.query(query.read_text(encoding="utf-8"))))


# a made-up report: 星河电子 is named in the review and the plan, 青峰集团 only in the review
TWO_PARTS = """
@base <https://w3id.org/govkg/resource/> .
@prefix gk: <https://w3id.org/govkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<report/x> a gk:Report ; gk:region "某镇"@zh ; gk:fileName "x.txt" .
<report/x/area/R1> a gk:WorkArea ; gk:part "review" ; gk:report <report/x> ; rdfs:label "抓项目"@zh .
<report/x/area/P1> a gk:WorkArea ; gk:part "plan" ; gk:report <report/x> ; rdfs:label "促投资"@zh .
<enterprise/星河电子> a gk:Enterprise ; rdfs:label "星河电子"@zh ; gk:workArea <report/x/area/R1>, <report/x/area/P1> .
<enterprise/青峰集团> a gk:Enterprise ; rdfs:label "青峰集团"@zh ; gk:workArea <report/x/area/R1> .
"""


def test_enterprises_in_review_and_plan():
    store = pyoxigraph.Store()
    store.load(TWO_PARTS.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    rows = _select(store, QUERIES / "enterprises-in-review-and-plan.rq")
    assert [(r["name"], r["reviewAreas"], r["planAreas"]) for r in rows] == [("星河电子", "抓项目", "促投资")]


def test_every_saved_query_is_listed_in_the_readme():
    readme = (QUERIES / "README.md").read_text(encoding="utf-8")
    for query in QUERIES.glob("*.rq"):
        assert f"`{query.name}`" in readme


def test_export_never_writes_over_the_builds_own_graph(seed_build, tmp_path):
    import shutil

    from click.testing import CliRunner

    from kg.cli import cli

    out, _ = seed_build
    build = tmp_path / "build"
    shutil.copytree(out, build)
    before = (build / "graph.ttl").read_bytes()
    result = CliRunner().invoke(cli, ["export", "--graph", str(build), "--format", "turtle"])
    assert result.exit_code == 2 and "would write over the build's own graph" in result.output
    assert (build / "graph.ttl").read_bytes() == before
    again = CliRunner().invoke(cli, ["export", "--graph", str(build), "--format", "turtle", "--out", str(tmp_path / "x")])
    assert again.exit_code == 0 and (tmp_path / "x" / "graph.ttl").read_bytes()


def test_graphml_keeps_the_links_to_reports_and_the_same_columns_for_every_build(exported, tmp_path):
    G = nx.read_graphml(exported / "graph.graphml")
    reports = {n for n, d in G.nodes(data=True) if d["type"] == "Report"}
    linked = {d["type"] for s, o, e in G.edges(data=True) if o in reports and "report" in e["predicate"].split()
              for d in [G.nodes[s]]}
    assert {"WorkArea", "Observation"} <= linked
    # a build with no alias at all still has the aliases column
    from rdflib import Graph as RdfGraph

    from kg.outputs.export import to_graphml

    bare = RdfGraph().parse(exported / "graph.ttl")
    bare.remove((None, SKOS.altLabel, None))
    path = tmp_path / "bare.graphml"
    path.write_bytes(to_graphml(bare))
    keys = {d for _, data in nx.read_graphml(path).nodes(data=True) for d in data}
    assert {"label", "type", "aliases", "part", "kind", "region", "year", "unit", "status", "value"} <= keys


def test_the_csv_from_kept_parts_and_from_the_turtle_are_the_csv_of_the_graph(tmp_path):
    """Both ways of kg.outputs.csv_files, on a corpus with entities named by several reports (named by the first)."""
    import shutil

    from kg.outputs.csv_files import csv_tables, kept_rows
    from kg.outputs.export import ENTITY_COLUMNS, OBSERVATION_COLUMNS, entity_rows, observation_rows, to_csv

    from .conftest import QINGHE
    from .corpus import make_corpus, write_corpus

    import kg

    corpus = write_corpus(tmp_path / "reports", make_corpus(regions=2, years=2))
    kg.build([SEED, QINGHE, *corpus], tmp_path / "build", workers=2)
    g = Graph().parse(tmp_path / "build" / "graph.ttl")
    expected = {"observations.csv": to_csv(observation_rows(g), OBSERVATION_COLUMNS),
                "entities.csv": to_csv(entity_rows(g), ENTITY_COLUMNS)}
    assert kept_rows(tmp_path / "build" / "graph.ttl") is not None  # the parts are used
    assert csv_tables(tmp_path / "build" / "graph.ttl", OBSERVATION_COLUMNS, ENTITY_COLUMNS) == expected
    (tmp_path / "copy").mkdir()
    shutil.copy(tmp_path / "build" / "graph.ttl", tmp_path / "copy" / "graph.ttl")  # no cache beside it
    assert kept_rows(tmp_path / "copy" / "graph.ttl") is None
    assert csv_tables(tmp_path / "copy" / "graph.ttl", OBSERVATION_COLUMNS, ENTITY_COLUMNS) == expected

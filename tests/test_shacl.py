"""kg.rdf.shacl checks the shapes as pyshacl does: the same violations on graphs broken in many ways."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from kg.rdf.graph import build_graph
from kg.pipeline import extract_report
from kg.read.report import parse_report
from kg.rdf.shacl import compile_shapes
from kg.rdf.validate import _pyshacl, _shapes, shared_shapes, validate_graph
from kg.vocab import GK

TEXT = ("政府工作报告\n2020年工作回顾\n一、抓项目\n引进星河电子落户高新区,与清河大学共建研究院,"
        "工业总产值100亿元,增长5%。\n2021年工作安排\n一、稳增长\n地区生产总值增长6%左右。")


@pytest.fixture(scope="module")
def good_triples():
    return sorted(build_graph([extract_report(parse_report(TEXT))]), key=str)


def test_the_shapes_govkg_ships_are_compiled():
    assert compile_shapes(_shapes()) is not None
    assert compile_shapes(shared_shapes()) is not None


def test_a_built_graph_conforms(good_triples):
    assert validate_graph(good_triples) == [] == _pyshacl(_graph(good_triples), _shapes())


ALIEN = URIRef("https://example.org/not-a-thing")
_BAD_VALUES = [Literal("x"), Literal(""), Literal(-3), Literal(10**6), Literal("2020", datatype=XSD.gYear),
               Literal("abc", datatype=XSD.integer), Literal(Decimal("1.5")), Literal("y", lang="zh"),
               Literal("review"), Literal("nope"), ALIEN, GK.Target, GK.WorkArea]


@st.composite
def broken(draw, good):
    """A built graph with a few triples dropped, changed or added."""
    triples = list(good)
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(triples) - 1))
        s, p, o = triples[i]
        action = draw(st.sampled_from(["drop", "change", "add", "retype"]))
        if action == "drop":
            triples.pop(i)
        elif action == "change":
            triples[i] = (s, p, draw(st.sampled_from(_BAD_VALUES)))
        elif action == "add":
            triples.append((s, p, draw(st.sampled_from(_BAD_VALUES))))
        else:
            triples.append((ALIEN, RDF.type, o) if p == RDF.type else (o, RDF.type, GK.Report)
                           if isinstance(o, URIRef) else (s, RDF.type, GK.Mention))
    return triples


def _graph(triples) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_broken_graphs_get_the_violations_pyshacl_finds(good_triples, data):
    triples = data.draw(broken(good_triples))
    g = _graph(triples)
    assert validate_graph(g) == _pyshacl(g, _shapes())


def test_a_start_after_its_end_and_a_missing_label_are_found(good_triples):
    mention = next(s for s, p, o in good_triples if o == GK.Mention)
    entity = next(s for s, p, o in good_triples if o == GK.Enterprise)
    triples = [t for t in good_triples if not (t[0] == mention and t[1] == GK.end)
               and not (t[0] == entity and t[1] == RDFS.label)] + [(mention, GK.end, Literal(0))]
    found = {(v.path, v.message) for v in validate_graph(triples)}
    assert found == {("gk:start", "a mention needs one start offset, before its end"),
                     ("rdfs:label", "an entity needs exactly one label (other names go to skos:altLabel)")}


def test_shapes_using_more_of_shacl_go_to_pyshacl(good_triples):
    shapes = Graph().parse(data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix gk: <https://w3id.org/govkg/ontology#> .
        [] a sh:NodeShape ; sh:targetClass gk:Mention ;
           sh:property [ sh:path gk:exact ; sh:pattern "^x" ; sh:message "starts with x" ] .""")
    assert compile_shapes(shapes) is None
    violations = validate_graph(_graph(good_triples), shapes)
    assert violations and {v.message for v in violations} == {"starts with x"}


def test_a_property_shape_without_its_own_message_goes_to_pyshacl():
    shapes = Graph().parse(data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix gk: <https://w3id.org/govkg/ontology#> .
        [] a sh:NodeShape ; sh:targetClass gk:Mention ; sh:property [ sh:path gk:exact ; sh:minCount 1 ] .""")
    assert compile_shapes(shapes) is None


@pytest.mark.parametrize("old, new, message", [
    ("gk:reportYear 2020", 'gk:reportYear "2020年"^^xsd:integer', "a report year is one xsd:integer (gk:reportYear 2023) (value 2020年)"),
    ("gk:value 8.5", 'gk:value "8x20"^^xsd:decimal', "one xsd:decimal value, not above its upper value (value 8x20)"),
])
def test_an_ill_typed_literal_is_one_clear_line(old, new, message, tmp_path):
    import subprocess
    import sys

    from .conftest import ROOT

    text = (ROOT / "output" / "graph.ttl").read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "bad.ttl"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "validate", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 4 and message in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.splitlines()) == 2

"""The ontology, the SHACL shapes and provenance: a documented, consistent, validated dataset."""

import owlrl
import pytest
import rdflib.term
from click.testing import CliRunner
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from kg.cli import cli
from kg.read.decode import decode_bytes
from kg.rdf.terms import nt_term
from kg.corpus.shared import SharedNodes
from kg.rdf.validate import check_graph, validate_graph, ValidationError
from kg.vocab import GK

from .conftest import QINGHE, ROOT, SEED

ONTOLOGY = ROOT / "ontology" / "govkg.ttl"
ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(ONTOLOGY)


@pytest.fixture(scope="module")
def seed_graph(seed_build):
    return Graph().parse(seed_build[0] / "graph.ttl")


def _declared(ontology):
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    return {s for k in kinds for s in ontology.subjects(RDF.type, k) if str(s).startswith(str(GK._NS))}


def test_every_term_of_the_namespace_is_declared(ontology):
    declared = {str(t) for t in _declared(ontology)}
    names = [n for n in GK.__annotations__]
    assert {str(GK._NS) + n for n in names} <= declared


def test_every_term_has_a_label_and_comment_in_chinese_and_english(ontology):
    for term in _declared(ontology):
        for prop in (RDFS.label, RDFS.comment):
            languages = {o.language for o in ontology.objects(term, prop)}
            assert {"zh", "en"} <= languages, f"{term} lacks a {prop} in {({'zh', 'en'} - languages)}"


def test_classes_are_aligned_to_standard_vocabularies(ontology):
    assert (GK.Mention, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")) in ontology
    assert (GK.Observation, RDFS.subClassOf, URIRef("http://purl.org/linked-data/cube#Observation")) in ontology
    assert (GK.partOf, RDFS.subPropertyOf, URIRef("http://www.w3.org/2004/02/skos/core#broader")) in ontology


def _owl_rl_errors(g):
    """The OWL RL errors of ``g``, with rdflib's conversions of literals to values put back afterwards: owlrl leaves
    its own in ``rdflib.term._toPythonMapping`` (an xsd:gYear's value becomes its text), which changed what every
    later test read of such a literal (pyshacl and govkg's checker then disagreed in tests/test_shacl.py)."""
    mapping = dict(rdflib.term._toPythonMapping)
    try:
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    finally:
        rdflib.term._toPythonMapping.clear()
        rdflib.term._toPythonMapping.update(mapping)
    return list(g.subjects(RDF.type, ERROR))


def test_the_seed_build_is_consistent_under_owl_rl(ontology, seed_graph):
    g = Graph()
    for t in ontology:
        g.add(t)
    for t in seed_graph:
        g.add(t)
    assert _owl_rl_errors(g) == []


def test_owl_rl_finds_a_thing_typed_as_two_disjoint_kinds(ontology):
    g = Graph()
    for t in ontology:
        g.add(t)
    thing = URIRef("https://w3id.org/govkg/resource/enterprise/星河科技")
    g.add((thing, RDF.type, GK.Enterprise))
    g.add((thing, RDF.type, GK.Project))
    assert _owl_rl_errors(g)


def test_builds_of_the_seed_and_the_fixture_conform_to_the_shapes(seed_graph, qinghe_build):
    assert validate_graph(seed_graph) == []
    assert validate_graph(Graph().parse(qinghe_build / "graph.ttl")) == []


def test_a_broken_graph_is_rejected_with_a_readable_message(seed_graph, tmp_path):
    g = Graph()
    for t in seed_graph:
        g.add(t)
    entity = next(g.subjects(RDF.type, GK.Enterprise))
    g.remove((entity, RDFS.label, None))
    observation = next(g.subjects(RDF.type, GK.Observation))
    g.set((observation, GK.status, Literal("maybe")))
    with pytest.raises(ValidationError) as caught:
        check_graph(g)
    message = str(caught.value)
    assert "2 violation(s)" in message
    assert "an entity needs exactly one label" in message and "gk:Actual or gk:Target (value maybe)" in message
    broken = tmp_path / "broken.ttl"
    g.serialize(broken, format="turtle")
    result = CliRunner().invoke(cli, ["validate", str(broken)])
    assert result.exit_code == 4 and "violation" in result.output and "Traceback" not in result.output


def test_kg_validate_reports_a_conforming_build(seed_build):
    result = CliRunner().invoke(cli, ["validate", str(seed_build[0])])
    assert result.exit_code == 0 and "conform" in result.output


PROVENANCE = """
PREFIX gk: <https://w3id.org/govkg/ontology#>
SELECT ?thing ?exact ?mstart ?mend ?text ?sstart ?send WHERE {
  ?thing gk:mention ?m .
  ?m gk:exact ?exact ; gk:start ?mstart ; gk:end ?mend ; gk:sentence ?s .
  ?s gk:text ?text ; gk:start ?sstart ; gk:end ?send .
}"""


def test_every_entity_and_observation_leads_to_its_words_in_the_original_file(seed_graph):
    raw, _ = decode_bytes(SEED.read_bytes())
    rows = list(seed_graph.query(PROVENANCE))
    things = {t for kind in (GK.Enterprise, GK.Institution, GK.Project, GK.Village, GK.Initiative, GK.Observation)
              for t in seed_graph.subjects(RDF.type, kind)}
    assert things and things <= {row.thing for row in rows}
    for row in rows:
        assert raw[int(row.sstart):int(row.send)] == str(row.text)
        assert raw[int(row.mstart):int(row.mend)] == str(row.exact)
        assert int(row.sstart) <= int(row.mstart) < int(row.mend) <= int(row.send)


def test_the_fixture_offsets_hold_too(qinghe_build):
    g = Graph().parse(qinghe_build / "graph.ttl")
    raw, _ = decode_bytes(QINGHE.read_bytes())
    for row in g.query(PROVENANCE):
        assert raw[int(row.sstart):int(row.send)] == str(row.text)


def test_a_build_that_breaks_a_shape_writes_nothing(tmp_path, monkeypatch):
    import kg
    import kg.corpus.build

    kg.build([SEED], tmp_path)
    before = (tmp_path / "graph.ttl").read_bytes()
    shared_graph = kg.corpus.build._shared_graph  # the nodes reports share, checked before anything is written

    def without_labels(corpus):
        unlabelled = SharedNodes()
        for chunk in shared_graph(corpus).chunks():
            unlabelled.add(t for t in chunk if t[1] != nt_term(RDFS.label))
        return unlabelled

    monkeypatch.setattr(kg.corpus.build, "_shared_graph", without_labels)
    with pytest.raises(ValidationError):
        kg.build([SEED], tmp_path, cache=False)  # with the cache, an unchanged rebuild checks and writes nothing
    assert (tmp_path / "graph.ttl").read_bytes() == before


def test_iris_are_stable_and_shared_across_reports():
    import kg
    from kg.rdf.graph import build_graph

    a = kg.extract_report(kg.parse_report("青峰县2021年政府工作报告\n2020年工作回顾\n引进星河电子。建设石桥村。", name="a.txt"))
    b = kg.extract_report(kg.parse_report("柳塘县2021年政府工作报告\n2020年工作回顾\n星河电子落户。建设石桥村。", name="b.txt"))
    g = build_graph([a, b])
    enterprises = set(g.subjects(RDF.type, GK.Enterprise))
    villages = set(g.subjects(RDF.type, GK.Village))
    assert len(enterprises) == 1  # one company, named in two reports
    assert len(villages) == 2  # village names repeat across regions: each region has its own
    again = build_graph([a, b])
    assert set(again.subjects(RDF.type, GK.Enterprise)) == enterprises


def test_an_enterprise_named_with_and_without_its_legal_form_is_one_node():
    import kg
    from kg.rdf.graph import build_graph

    a = kg.extract_report(kg.parse_report("青峰县2021年政府工作报告\n2020年工作回顾\n星河科技集团总部落户。", name="a.txt"))
    b = kg.extract_report(kg.parse_report("柳塘县2021年政府工作报告\n2020年工作回顾\n引进星河科技、蓝海电子等企业。", name="b.txt"))
    g = build_graph([a, b])
    (node,) = set(g.subjects(RDF.type, GK.Enterprise)) - {
        s for s in g.subjects(RDF.type, GK.Enterprise) if "蓝海" in str(g.value(s, RDFS.label))}
    names = {str(g.value(node, RDFS.label))} | {str(o) for o in g.objects(node, URIRef("http://www.w3.org/2004/02/skos/core#altLabel"))}
    assert names == {"星河科技集团", "星河科技"}
    assert validate_graph(g) == []


def test_a_text_without_a_year_has_no_year_zero():
    import kg
    from kg.rdf.graph import build_graph

    g = build_graph([kg.extract_report(kg.parse_report("引进星河电子。全年新增企业12家。", name="note.txt"))])
    assert not any(str(o) == "0" for o in g.objects(None, GK.reportYear))
    assert not any(str(o) == "0" for o in g.objects(None, GK.year))
    assert validate_graph(g) == []


def test_kg_validate_reads_a_build_as_rdflib_does(seed_build, tmp_path):
    from kg.outputs.files import read_triples

    ttl = seed_build[0] / "graph.ttl"
    assert set(read_triples(ttl)) == set(Graph().parse(ttl)) and len(read_triples(ttl)) == len(Graph().parse(ttl))
    g = Graph().parse(ttl)
    node, label = next((s, o) for s, o in g.subject_objects(RDFS.label) if (s, RDF.type, GK.Enterprise) in g)
    twice = tmp_path / "graph.ttl"  # a triple written twice is one triple, as in a graph: no second label
    twice.write_bytes(ttl.read_bytes() + f"{node.n3()} {RDFS.label.n3()} {label.n3()} .\n".encode())
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.output

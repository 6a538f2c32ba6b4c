"""kg.rdf.turtle writes the bytes pyoxigraph's Turtle writer writes, sorted the same way."""

import pyoxigraph as ox
import pytest
from hypothesis import given, settings, strategies as st
from rdflib import RDF, RDFS, XSD, Literal, URIRef

from kg.corpus.parts import PREFIXES
from kg.rdf.terms import Triples, nt_triples, rdflib_triples
from kg.rdf.terms import oxigraph_term
from kg.rdf.turtle import sorted_turtle
from kg.vocab import GK

PREFIX_MAP = {p: str(ns) for p, ns in PREFIXES}
EX = "https://w3id.org/govkg/resource/"


def by_pyoxigraph(triples) -> bytes:
    """What ``kg.corpus.parts.turtle_of`` wrote before kg.rdf.turtle: pyoxigraph's triples sorted by their text, serialized."""
    ox_triples = sorted((ox.Triple(*map(oxigraph_term, t)) for t in triples), key=str)
    text = ox.serialize(ox_triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIX_MAP)
    return b"".join(line for line in text.splitlines(keepends=True) if not line.startswith(b"@prefix "))


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
iris = st.sampled_from([EX + "a", EX + "b/c", EX + "村/1-2", str(GK.Report), str(GK.start), str(RDF.type),
                        str(RDFS.label), str(XSD.gYear), str(GK) + "with.dot", str(GK) + "a.", str(GK) + "1x",
                        str(GK) + "a%20b", str(GK), "http://example.org/x#y"]).map(URIRef)
literals = st.one_of(
    texts.map(Literal), texts.map(lambda t: Literal(t, lang="zh")),
    st.integers(-10**6, 10**6).map(Literal),
    st.sampled_from(["1", "-2", "+3", "1.5", ".5", "5.", "0", "1e3", "2E-1", "abc", "true", "false", "1.0"]).flatmap(
        lambda v: st.sampled_from([XSD.integer, XSD.decimal, XSD.double, XSD.boolean, XSD.gYear, XSD.date,
                                   XSD.string, URIRef(EX + "type")]).map(lambda d: Literal(v, datatype=d))))
triples = st.lists(st.tuples(iris, iris, st.one_of(iris, literals)), max_size=30)


@pytest.mark.filterwarnings("ignore:Parsing weird boolean")
@settings(max_examples=300, deadline=None)
@given(triples)
def test_same_bytes_as_pyoxigraph(ts):
    assert sorted_turtle(nt_triples(set(ts)), PREFIX_MAP) == by_pyoxigraph(set(ts))


def test_a_report_graph_is_written_as_pyoxigraph_writes_it():
    from kg.rdf.graph import add_extraction, split_report
    from kg.pipeline import extract_file

    g = Triples()
    add_extraction(g, extract_file("tests/fixtures/qinghe-2021.txt"))
    own, shared = split_report(g)
    for part in (own, shared):
        assert sorted_turtle(part, PREFIX_MAP) == by_pyoxigraph(rdflib_triples(part))


@pytest.mark.parametrize("term", ["_:b", "<not an iri>"])
def test_a_blank_node_or_a_bad_iri_is_refused(term):
    with pytest.raises(ValueError):
        sorted_turtle([(f"<{EX}a>", f"<{RDF.type}>", term)], PREFIX_MAP)

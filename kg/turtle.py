"""Write rdflib triples as sorted Turtle, byte for byte as pyoxigraph's Turtle writer writes them, without making
pyoxigraph triples.

``kg.parts.turtle_of`` used to convert every triple to pyoxigraph's terms, sort
them by their N-Triples text and hand them to ``pyoxigraph.serialize``: a third of
a report's part, most of it in making a pyoxigraph triple of each triple. Here
each distinct term is converted once (pyoxigraph still checks every IRI and
escapes every literal: its ``str`` is the N-Triples form), the triples are sorted by
the same N-Triples text, and the body is written as pyoxigraph's writer does:
a subject's triples grouped with ``;``, a predicate's objects with ``,``,
``rdf:type`` as ``a``, names in the given prefixes shortened, and integers,
decimals, doubles and booleans written bare when their lexical form allows it.
A term this module does not shorten itself (a prefixed name needing escapes)
is written by pyoxigraph. ``tests/test_turtle.py`` compares the bytes with
pyoxigraph's on many terms.

>>> from rdflib import RDF, Literal, URIRef, XSD
>>> ex = URIRef("https://example.org/x")
>>> print(sorted_turtle([(ex, RDF.type, URIRef("https://example.org/ns#Thing")), (ex, URIRef("https://example.org/ns#n"),
...     Literal(5)), (ex, URIRef("https://example.org/ns#n"), Literal("6", datatype=XSD.decimal))],
...     {"ex": "https://example.org/ns#"}).decode().replace(chr(9), "    "))
<https://example.org/x> a ex:Thing ;
    ex:n 5 , "6"^^<http://www.w3.org/2001/XMLSchema#decimal> .
<BLANKLINE>
"""

from __future__ import annotations

import re
from typing import Iterable

from rdflib import RDF, XSD, Literal, URIRef

from .store import oxigraph_term

__all__ = ["sorted_turtle"]

_SIMPLE_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")  # a local name written as it is (no escape, no dot)
_BARE = {str(XSD.integer): re.compile(r"[+-]?[0-9]+\Z"), str(XSD.decimal): re.compile(r"[+-]?[0-9]*\.[0-9]+\Z"),
         str(XSD.double): re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+\Z"),
         str(XSD.boolean): re.compile(r"(true|false)\Z")}  # literals the writer writes without quotes
_ESCAPED = re.compile(r'[\x00-\x1f\x7f"\\\ufffe\uffff]')  # characters pyoxigraph escapes (or may)
_STRING, _LANG_STRING = str(XSD.string), str(RDF.langString)
_A = f"<{RDF.type}>"  # rdf:type as a predicate is written ``a``


def sorted_turtle(triples: Iterable[tuple], prefixes: dict[str, str]) -> bytes:
    """``triples`` (rdflib IRIs and literals) as a Turtle body without prefix lines, sorted by their N-Triples text,
    as ``pyoxigraph.serialize`` writes them with ``prefixes`` (name -> namespace).

    Sorted subject by subject, then by predicate and object: the order of the triples' N-Triples lines, since
    an IRI's ``<...>`` is never the start of another's.
    """
    forms = _Forms(prefixes)
    by_subject: dict = {}
    for s, p, o in triples:
        pair = (forms.predicate(p), forms.of(o))
        if (pairs := by_subject.get(s)) is None:
            by_subject[s] = [pair]  # not ``setdefault(s, [])``: a list made for every triple
        else:
            pairs.append(pair)
    subjects = sorted((forms.of(s), pairs) for s, pairs in by_subject.items())
    return "".join(_subject(s_ttl, pairs) for (_, s_ttl), pairs in subjects).encode()


def _subject(s_ttl: str, pairs: list[tuple]) -> str:
    """One subject's triples as pyoxigraph's writer writes them in a row: predicates after ``;``, objects after ``,``."""
    pairs.sort()
    out, last = [], None
    for (p_nt, p_ttl), (_, o_ttl) in pairs:
        if p_nt == last:
            out.append(f" , {o_ttl}")
        else:
            out.append(f" ;\n\t{p_ttl} {o_ttl}" if last else f"{s_ttl} {p_ttl} {o_ttl}")
        last = p_nt
    out.append(" .\n")
    return "".join(out)


class _Forms:
    """Each term's N-Triples text (how pyoxigraph sorts) and Turtle text (how it writes), made once per term."""

    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = prefixes
        self.known: dict = {}
        self.predicates: dict = {}
        self.languages: dict = {}
        self.datatypes: dict = {}
        self.namespaces = tuple(prefixes.values())

    def predicate(self, term) -> tuple[str, str]:
        """As ``of``, but ``rdf:type`` is written ``a``."""
        try:
            return self.predicates[term]
        except KeyError:
            nt, ttl = self.of(term)
            form = self.predicates[term] = (nt, "a" if nt == _A else ttl)
            return form

    def of(self, term) -> tuple[str, str]:
        try:
            return self.known[term]
        except KeyError:
            form = self.known[term] = self._make(term)
            return form

    def _make(self, term) -> tuple[str, str]:
        if isinstance(term, URIRef):
            nt = self._nt_iri(term)
            return nt, self._iri(str(term), nt)
        if not isinstance(term, Literal):
            return self._by_oxigraph(term)  # refuses a blank node
        datatype = str(term.datatype) if term.datatype is not None else None
        if datatype == _LANG_STRING:
            return self._by_oxigraph(term)
        value = str(term)
        quoted = f'"{value}"' if not _ESCAPED.search(value) else str(_ox().Literal(value))
        if term.language:
            nt = f"{quoted}@{self._language(term.language)}"
            return nt, nt
        if datatype is None or datatype == _STRING:
            return quoted, quoted
        bare = _BARE.get(datatype)
        return f"{quoted}^^{self._nt_datatype(datatype)}", (
            value if bare is not None and bare.match(value) else f"{quoted}^^{self.of(URIRef(datatype))[1]}")

    def _nt_datatype(self, iri: str) -> str:
        """``_nt_iri`` of a datatype, checked once: the literals of a report have a handful of datatypes."""
        if iri not in self.datatypes:
            self.datatypes[iri] = self._nt_iri(iri)
        return self.datatypes[iri]

    def _nt_iri(self, iri: str) -> str:
        _ox().NamedNode(iri)  # checks the IRI: a ValueError if it is not one
        return f"<{iri}>"

    def _language(self, tag: str) -> str:
        """A language tag as pyoxigraph writes it (in lower case)."""
        if tag not in self.languages:
            self.languages[tag] = str(_ox().Literal("", language=tag))[3:]
        return self.languages[tag]

    def _iri(self, iri: str, nt: str) -> str:
        """An IRI as the writer gives it: a prefixed name, or ``<iri>``."""
        if not iri.startswith(self.namespaces):
            return nt
        names = [(name, iri[len(namespace):]) for name, namespace in self.prefixes.items() if iri.startswith(namespace)]
        if len(names) == 1:
            name, local = names[0]
            if not local or _SIMPLE_LOCAL.match(local):
                return f"{name}:{local}"
        return self._by_oxigraph(URIRef(iri))[1]  # a local name to escape, or two namespaces to choose from

    def _by_oxigraph(self, term) -> tuple[str, str]:
        """How pyoxigraph writes ``term`` in N-Triples and as an object in Turtle (what this module leaves to it)."""
        ox = _ox()
        node, dummy = oxigraph_term(term), ox.NamedNode("urn:x")
        text = ox.serialize([ox.Triple(dummy, dummy, node)], format=ox.RdfFormat.TURTLE, prefixes=self.prefixes)
        line = next(line for line in text.decode().splitlines() if line.startswith("<urn:x>"))
        return str(node), line[len("<urn:x> <urn:x> "):-len(" .")]


def _ox():
    import pyoxigraph

    return pyoxigraph

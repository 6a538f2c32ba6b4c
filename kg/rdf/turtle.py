"""Write triples of N-Triples terms (``kg.rdf.terms``) as sorted Turtle, byte for byte as pyoxigraph's Turtle writer
writes them, without making pyoxigraph triples.

``kg.corpus.parts.turtle_of`` used to convert every triple to pyoxigraph's terms, sort
them by their N-Triples text and hand them to ``pyoxigraph.serialize``: a third of
a report's part, most of it in making a pyoxigraph triple of each triple. Here
the terms are already that N-Triples text (as pyoxigraph writes it: every
escape and language tag in its form); each distinct IRI is checked once by
pyoxigraph, the triples are sorted by their text, and the body is written as
pyoxigraph's writer does: a subject's triples grouped with ``;``, a predicate's
objects with ``,``, ``rdf:type`` as ``a``, names in the given prefixes
shortened, and integers, decimals, doubles and booleans written bare when their
lexical form allows it. An IRI this module does not shorten itself (a prefixed
name needing escapes) is written by pyoxigraph. ``tests/test_turtle.py``
compares the bytes with pyoxigraph's on many terms.

>>> ex, n = "<https://example.org/x>", "<https://example.org/ns#n>"
>>> print(sorted_turtle([(ex, f"<{RDF.type}>", "<https://example.org/ns#Thing>"), (ex, n, f'"5"^^<{XSD.integer}>'),
...     (ex, n, f'"6"^^<{XSD.decimal}>')], {"ex": "https://example.org/ns#"}).decode().replace(chr(9), "    "))
<https://example.org/x> a ex:Thing ;
    ex:n 5 , "6"^^<http://www.w3.org/2001/XMLSchema#decimal> .
<BLANKLINE>
"""

from __future__ import annotations

import re
from typing import Iterable

from rdflib import RDF, XSD

from kg.rdf.terms import grouped, oxigraph

__all__ = ["sorted_turtle"]

_SIMPLE_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")  # a local name written as it is (no escape, no dot)
_BARE = {str(XSD.integer): re.compile(r"[+-]?[0-9]+\Z"), str(XSD.decimal): re.compile(r"[+-]?[0-9]*\.[0-9]+\Z"),
         str(XSD.double): re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+\Z"),
         str(XSD.boolean): re.compile(r"(true|false)\Z")}  # literals the writer writes without quotes
_A = f"<{RDF.type}>"  # rdf:type as a predicate is written ``a``
_NEXT_PREDICATE = " ;\n\t"


def sorted_turtle(triples: Iterable[tuple], prefixes: dict[str, str]) -> bytes:
    """``triples`` (N-Triples IRIs and literals; ``Triples`` are read as they are grouped) as a Turtle body without
    prefix lines, sorted by their N-Triples text, as ``pyoxigraph.serialize`` writes them with ``prefixes``
    (name -> namespace).

    Sorted subject by subject, then by predicate and object: the order of the triples' N-Triples lines, since
    an IRI's ``<...>`` is never the start of another's.
    """
    forms = _Forms(prefixes)
    subjects = grouped(triples).subjects
    return "".join(_subject(forms, s, subjects[s]) for s in sorted(subjects)).encode()


def _subject(forms: "_Forms", s: str, by_predicate: dict[str, list[str]]) -> str:
    """One subject's triples as pyoxigraph's writer writes them in a row: predicates after ``;``, objects after ``,``
    (``rdf:type`` as ``a``)."""
    of = forms.__getitem__
    written = []
    for p in sorted(by_predicate):
        objects = by_predicate[p]
        objects_ttl = of(objects[0]) if len(objects) == 1 else " , ".join(map(of, sorted(objects)))
        written.append(f"{'a' if p == _A else of(p)} {objects_ttl}")
    return f"{of(s)} {_NEXT_PREDICATE.join(written)} .\n"


class _Forms(dict):
    """Each term's Turtle text (how pyoxigraph writes it), made once per term when first looked up (its N-Triples
    text, how pyoxigraph sorts, is the term itself): ``forms[term]``, a dict lookup once made."""

    def __init__(self, prefixes: dict[str, str]):
        super().__init__()
        self.prefixes = prefixes
        self.namespaces = tuple(prefixes.values())

    def __missing__(self, term: str) -> str:
        form = self[term] = self._make(term)
        return form

    def _make(self, term: str) -> str:
        if term[0] == "<":
            oxigraph().NamedNode(term[1:-1])  # checks the IRI: a ValueError if it is not one
            return self._iri(term[1:-1], term)
        if term[0] != '"':
            raise ValueError(f"only IRIs and literals go into a part's Turtle, not {term}")
        end = term.rindex('"')
        if term[end + 1:end + 3] != "^^":
            return term  # a plain or a language-tagged literal is written as in N-Triples
        lexical, bare = term[1:end], _BARE.get(term[end + 4:-1])  # escapes do not matter: no bare form has one
        if bare is not None and bare.match(lexical):
            return lexical
        return f"{term[:end + 1]}^^{self[term[end + 3:]]}"

    def _iri(self, iri: str, nt: str) -> str:
        """An IRI as the writer gives it: a prefixed name, or ``<iri>``."""
        if not iri.startswith(self.namespaces):
            return nt
        names = [(name, iri[len(namespace):]) for name, namespace in self.prefixes.items() if iri.startswith(namespace)]
        if len(names) == 1:
            name, local = names[0]
            if not local or _SIMPLE_LOCAL.match(local):
                return f"{name}:{local}"
        return self._by_oxigraph(iri)  # a local name to escape, or two namespaces to choose from

    def _by_oxigraph(self, iri: str) -> str:
        """How pyoxigraph writes an IRI as an object in Turtle (what this module leaves to it)."""
        ox = oxigraph()
        dummy = ox.NamedNode("urn:x")
        text = ox.serialize([ox.Triple(dummy, dummy, ox.NamedNode(iri))], format=ox.RdfFormat.TURTLE,
                            prefixes=self.prefixes)
        line = next(line for line in text.decode().splitlines() if line.startswith("<urn:x>"))
        return line[len("<urn:x> <urn:x> "):-len(" .")]


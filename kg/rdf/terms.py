"""RDF terms as N-Triples text, the form in which a report's triples are made, checked, split and written.

A term is a plain ``str`` as pyoxigraph writes it in N-Triples: an IRI
``<https://...>``, a literal ``"text"``, ``"text"@zh`` or
``"5"^^<http://www.w3.org/2001/XMLSchema#integer>`` (``xsd:string`` left out),
a blank node ``_:id``. Strings hash and compare in C, where rdflib's terms call
Python for every hash and ``==``: a report's part (``kg.corpus.parts``) makes no rdflib
term per triple. ``nt_term`` and ``rdflib_term_of`` convert between the two.

>>> iri("https://example.org/x"), literal("星河", language="zh"), literal('a"b'), integer(3)
('<https://example.org/x>', '"星河"@zh', '"a\\\\"b"', '"3"^^<http://www.w3.org/2001/XMLSchema#integer>')
>>> text_of(iri("https://example.org/x")), text_of(literal('a"b')), text_of(integer(3))
('https://example.org/x', 'a"b', '3')
>>> literal_parts(literal("星河", language="zh")), literal_parts(integer(3))[2], literal_parts(iri("urn:x"))
(('星河', 'zh', None), 'http://www.w3.org/2001/XMLSchema#integer', None)
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Iterable, Iterator

from rdflib import XSD, BNode, Literal, URIRef

__all__ = ["Triples", "grouped", "iri", "literal", "integer", "nt_term", "nt_triples", "rdflib_term_of",
           "rdflib_triples", "rdflib_term", "oxigraph_term", "text_of", "literal_parts", "oxigraph"]

class _NoCastTraceback(logging.Filter):
    """rdflib logs a traceback for every literal whose lexical form its datatype does not allow; govkg reports such
    a literal itself, in one line (``kg validate``), so the traceback is left out."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to convert Literal lexical form to value")


logging.getLogger("rdflib.term").addFilter(_NoCastTraceback())

_ESCAPED = re.compile(r'[\x00-\x1f\x7f"\\\ufffe\uffff]')  # characters pyoxigraph escapes (or may)
_INTEGER = f"^^<{XSD.integer}>"


class Triples:
    """Triples of N-Triples terms, each once, held as each subject's objects by predicate (``subjects``), in the
    order first given: a report's triples are made so (``kg.rdf.graph``), and read so by the checker, the splitter,
    the Turtle writer and the page's facts without grouping them again.

    >>> g = Triples([("<urn:a>", "<urn:p>", '"1"'), ("<urn:a>", "<urn:p>", '"2"'), ("<urn:a>", "<urn:p>", '"1"')])
    >>> g.subjects, g.value("<urn:a>", "<urn:p>"), len(g), list(g)[-1]
    ({'<urn:a>': {'<urn:p>': ['"1"', '"2"']}}, '"1"', 2, ('<urn:a>', '<urn:p>', '"2"'))
    """

    __slots__ = ("subjects", "_count")

    def __init__(self, triples: Iterable[tuple[str, str, str]] = ()):
        self.subjects: dict[str, dict[str, list[str]]] = {}
        self._count = 0
        for triple in triples:
            self.add(triple)

    def add(self, triple: tuple[str, str, str]) -> "Triples":
        s, p, o = triple
        by_predicate = self.subjects.get(s)
        if by_predicate is None:  # not ``setdefault``: a dict and a list made for every triple
            self.subjects[s] = {p: [o]}
        elif (objects := by_predicate.get(p)) is None:
            by_predicate[p] = [o]
        elif o not in objects:
            objects.append(o)
        else:
            return self
        self._count += 1
        return self

    def add_subject(self, subject: str, by_predicate: dict[str, list[str]]) -> "Triples":
        """Add all the triples of a subject not yet here, given as its objects by predicate (kept, not copied)."""
        if subject in self.subjects:
            raise ValueError(f"{subject} has triples already")
        self.subjects[subject] = by_predicate
        self._count += sum(map(len, by_predicate.values()))
        return self

    def value(self, subject: str, predicate: str) -> str | None:
        """The first object given of ``subject`` and ``predicate``, if any."""
        objects = self.subjects.get(subject, {}).get(predicate)
        return objects[0] if objects else None

    def having(self, predicates: frozenset) -> Iterator[tuple[str, str, str]]:
        """The triples whose predicate is in ``predicates``."""
        for s, by_predicate in self.subjects.items():
            for p in by_predicate.keys() & predicates:
                for o in by_predicate[p]:
                    yield s, p, o

    def __iter__(self) -> Iterator[tuple[str, str, str]]:
        for s, by_predicate in self.subjects.items():
            for p, objects in by_predicate.items():
                for o in objects:
                    yield s, p, o

    def __len__(self) -> int:
        return self._count


def grouped(triples: Iterable[tuple[str, str, str]]) -> Triples:
    """``triples`` as ``Triples`` (themselves, if they are)."""
    return triples if isinstance(triples, Triples) else Triples(triples)


def iri(text: str) -> str:
    """An IRI (not checked: ``kg.rdf.turtle`` checks every IRI it writes)."""
    return f"<{text}>"


def literal(text: str, language: str | None = None, datatype: str | None = None) -> str:
    """A literal of lexical form ``text``, in ``language`` (lower case) or of ``datatype`` (an IRI's text; not
    ``xsd:string``, which N-Triples leaves out)."""
    quoted = f'"{text}"' if not _ESCAPED.search(text) else str(oxigraph().Literal(text))
    if language:
        return f"{quoted}@{language}"
    return f"{quoted}^^<{datatype}>" if datatype else quoted


def integer(n: int) -> str:
    """An ``xsd:integer``, as rdflib's ``Literal(n)``."""
    return f'"{n}"{_INTEGER}'


def literal_parts(term: str) -> tuple[str, str | None, str | None] | None:
    """A literal's lexical form, language and datatype (an IRI's text; ``None`` for a plain or a language-tagged
    literal, as rdflib has them); ``None`` for an IRI or a blank node."""
    if term[0] != '"':
        return None
    end = term.rindex('"')
    lexical, tail = _lexical(term, end), term[end + 1:]
    if tail.startswith("@"):
        return lexical, tail[1:], None
    return lexical, None, tail[3:-1] if tail else None


def text_of(term: str) -> str:
    """What ``str`` gives of the rdflib term: an IRI's text, a literal's lexical form, a blank node's id."""
    if term[0] == "<":
        return term[1:-1]
    if term[0] == "_":
        return term[2:]
    return _lexical(term, term.rindex('"'))


def _lexical(literal: str, end: int) -> str:
    """The text of a literal whose closing quote is at ``end``."""
    return literal[1:end] if "\\" not in literal else _unescaped(literal[:end + 1])


@lru_cache(maxsize=1 << 10)
def _unescaped(quoted: str) -> str:
    """The text of a quoted N-Triples string with escapes (as pyoxigraph reads it)."""
    ox = oxigraph()
    return next(iter(ox.parse(f"<urn:x> <urn:x> {quoted} .".encode(), format=ox.RdfFormat.N_TRIPLES))).object.value


def nt_term(term) -> str:
    """An rdflib IRI or literal as N-Triples writes it (as pyoxigraph gives it, ``xsd:string`` left out), a blank
    node as ``_:id`` (for reading a graph: a report's Turtle refuses blank nodes).

    >>> from rdflib import RDF, Literal
    >>> nt_term(RDF.type), nt_term(Literal("星河", lang="zh")), nt_term(Literal("a\\"b")), nt_term(Literal(3))
    ('<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>', '"星河"@zh', '"a\\\\"b"', '"3"^^<http://www.w3.org/2001/XMLSchema#integer>')
    """

    return f"_:{term}" if isinstance(term, BNode) else str(oxigraph_term(term))


def nt_triples(triples: Iterable[tuple]) -> tuple[tuple[str, str, str], ...]:
    """rdflib triples as N-Triples terms, each term converted once."""
    terms: dict = {}

    def term(t) -> str:
        found = terms.get(t)
        if found is None:
            found = terms[t] = nt_term(t)
        return found

    return tuple((term(s), term(p), term(o)) for s, p, o in triples)


def rdflib_term_of(term: str):
    """An N-Triples term as rdflib's (as ``kg.outputs.files.read_triples`` reads a build)."""
    if term[0] == "<":
        return URIRef(term[1:-1])
    if term[0] == "_":
        return BNode(term[2:])
    return rdflib_triples([("<urn:x>", "<urn:x>", term)])[0][2]


def rdflib_triples(triples: Iterable[tuple[str, str, str]]) -> list[tuple]:
    """N-Triples terms back as rdflib triples (as ``kg.outputs.files.read_triples`` reads a build)."""
    ox = oxigraph()

    text = "".join(f"{s} {p} {o} .\n" for s, p, o in triples)
    terms: dict = {}
    found = []
    for t in ox.parse(text.encode(), format=ox.RdfFormat.N_TRIPLES):
        found.append(tuple(terms.get(x) or terms.setdefault(x, rdflib_term(x))
                           for x in (t.subject, t.predicate, t.object)))
    return found


def oxigraph():
    """pyoxigraph, imported when first needed."""
    import pyoxigraph

    return pyoxigraph


_XSD_STRING = str(XSD.string)


def rdflib_term(term):
    """A pyoxigraph term as rdflib's (a plain literal for ``xsd:string``, as rdflib reads Turtle)."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=None if term.datatype.value == _XSD_STRING else URIRef(term.datatype.value))


def oxigraph_term(term):
    """An rdflib IRI or literal as pyoxigraph's term (the lexical form as rdflib writes it in N-Triples)."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if not isinstance(term, Literal):
        raise ValueError(f"only IRIs and literals go into a part's Turtle, not {term!r}")
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype) if term.datatype else None)

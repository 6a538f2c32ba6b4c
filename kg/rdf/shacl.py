"""Check triples against SHACL shapes quickly: the SHACL Core constraints govkg's shapes use, over N-Triples terms.

pyshacl took 0.24 s to check one generated report's graph (about 20,000
triples), five times as long as extracting the report, and a corpus build checks
every report. ``compile_shapes`` reads a shapes graph into plain checks when
every shape in it uses only what is listed below, and ``Shapes.check(triples)``
then gives the results pyshacl gives (``tests/test_shacl.py`` compares them on
graphs broken in many ways) in a few milliseconds. For a shapes graph using
anything else ``compile_shapes`` gives ``None``, and ``kg.rdf.validate`` runs pyshacl.

The triples are of N-Triples terms (``kg.rdf.terms``), as a report's are made:
values are compared as text, and a literal's value is read from its text for
the plain, language-tagged, ``xsd:integer`` and ``xsd:decimal`` literals a
report holds; for any other literal rdflib says what its value is and whether
it is well formed, and compares it, as pyshacl's checks do.

Understood: node shapes (``sh:NodeShape``) with ``sh:targetClass`` and
``sh:property``; property shapes with an IRI ``sh:path`` and ``sh:minCount``,
``sh:maxCount``, ``sh:datatype``, ``sh:class``, ``sh:in``, ``sh:minLength``,
``sh:minInclusive``, ``sh:lessThan``, ``sh:lessThanOrEquals`` and one
``sh:message``. Classes follow ``rdfs:subClassOf`` in the data, as in pyshacl.

>>> from rdflib import Graph
>>> from kg.rdf.terms import integer, iri
>>> from kg.vocab import GK
>>> shapes = Graph().parse(data='''@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix gk: <https://w3id.org/govkg/ontology#> .
... [] a sh:NodeShape ; sh:targetClass gk:Mention ;
...    sh:property [ sh:path gk:start ; sh:minCount 1 ; sh:lessThan gk:end ; sh:message "start before end" ] .''')
>>> m = "<https://example.org/m1>"
>>> compile_shapes(shapes).check([(m, iri(RDF.type), iri(GK.Mention)), (m, iri(GK.start), integer(9)),
...                               (m, iri(GK.end), integer(4))])
[Result(focus='<https://example.org/m1>', path='<https://w3id.org/govkg/ontology#start>', message='start before end', value='"9"^^<http://www.w3.org/2001/XMLSchema#integer>')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache
from typing import Iterable, NamedTuple

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import _NUMERIC_LITERAL_TYPES, _toPythonMapping

from kg.rdf.terms import grouped, iri, literal_parts, nt_term, rdflib_term_of, text_of

__all__ = ["SH", "Result", "Shapes", "PropertyCheck", "compile_shapes"]

SH = Namespace("http://www.w3.org/ns/shacl#")

_NODE_KEYS = frozenset({SH.targetClass, SH.property})
_PROPERTY_KEYS = frozenset({SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH["in"], SH.minLength,
                            SH.minInclusive, SH.lessThan, SH.lessThanOrEquals, SH.message})
_MANY = frozenset({SH.targetClass, SH.property, SH.lessThan, SH.lessThanOrEquals})  # may be given more than once


_TYPE, _SUBCLASS = iri(RDF.type), iri(RDFS.subClassOf)


class Result(NamedTuple):
    """One broken constraint: the focus node, the property, the shape's message and the offending value (if any),
    as N-Triples terms."""

    focus: str
    path: str
    message: str
    value: str | None = None


@dataclass(frozen=True)
class PropertyCheck:
    """One property shape: the constraints on the values of ``path`` at a focus node (terms in N-Triples)."""

    path: str
    message: str
    min_count: int | None = None
    max_count: int | None = None
    datatype: str | None = None  # the datatype IRI's text
    cls: str | None = None
    allowed: frozenset | None = None  # sh:in
    min_length: int | None = None
    min_inclusive: str | None = None
    less_than: tuple[str, ...] = ()
    less_or_equal: tuple[str, ...] = ()


@dataclass(frozen=True)
class Shapes:
    """Compiled node shapes: each the classes it targets and its property checks."""

    shapes: tuple[tuple[tuple[str, ...], tuple[PropertyCheck, ...]], ...]

    def check(self, triples: Iterable[tuple[str, str, str]]) -> list[Result]:
        """Every broken constraint in ``triples`` (of N-Triples terms, ``kg.rdf.terms``; ``Triples`` are read as
        they are grouped)."""
        data = _Data(triples)
        results = []
        for classes, checks in self.shapes:
            focus_nodes = data.instances(classes)
            bound = [_Bound(check, data) for check in checks] if focus_nodes else []
            for focus in focus_nodes:
                values = data.values.get(focus, {})
                for check in bound:
                    _check_property(check, focus, values, results)
        return results


class _Data:
    """The triples indexed for checking: each subject's values by property, and the instances of each class."""

    def __init__(self, triples: Iterable[tuple]):
        self.values: dict = grouped(triples).subjects
        self.typed: dict = defaultdict(set)
        self.supers: dict = defaultdict(set)  # rdfs:subClassOf, as given
        for s, by_property in self.values.items():
            for o in by_property.get(_TYPE, ()):
                self.typed[o].add(s)
            for o in by_property.get(_SUBCLASS, ()):
                self.supers[s].add(o)

    def subclasses(self, cls) -> set:
        found, todo = {cls}, [cls]
        while todo:
            c = todo.pop()
            for sub, supers in self.supers.items():
                if c in supers and sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return found

    def members(self, classes: tuple) -> set:
        """The instances of ``classes`` and of their subclasses."""
        nodes = set()
        for cls in classes:
            for c in self.subclasses(cls) if self.supers else (cls,):
                nodes |= self.typed.get(c, set())
        return nodes

    def instances(self, classes: tuple) -> list:
        """The focus nodes of a shape targeting ``classes`` (and their subclasses), each once."""
        return sorted(self.members(classes))


class _Bound:
    """A property check with the instances of its ``sh:class`` found in the data once, and the tests each value
    must pass, only those the check has, in the order of ``_check_property``'s results."""

    __slots__ = ("check", "members", "value_tests")

    def __init__(self, check: PropertyCheck, data: _Data):
        self.check = check
        self.members = data.members((check.cls,)) if check.cls is not None else None
        tests = []
        if check.datatype is not None:
            tests.append(_Datatype(check.datatype).holds)
        if self.members is not None:
            tests.append(self.members.__contains__)
        if check.allowed is not None:
            tests.append(check.allowed.__contains__)
        if check.min_length is not None and check.min_length > 0:
            tests.append(lambda v, n=check.min_length: v[0] != "_" and len(text_of(v)) >= n)
        if check.min_inclusive is not None:
            tests.append(lambda v, bound=check.min_inclusive: _at_least(v, bound))
        self.value_tests = tuple(tests)


def _check_property(bound: _Bound, focus, by_property: dict, results: list[Result]) -> None:
    """Add to ``results`` what ``focus`` breaks of a property check (``by_property``: its values)."""
    check = bound.check
    values = by_property.get(check.path, ())
    if check.min_count is not None and len(values) < check.min_count:
        results.append(Result(focus, check.path, check.message))
    if check.max_count is not None and len(values) > check.max_count:
        results.append(Result(focus, check.path, check.message))
    for v in values:
        for holds in bound.value_tests:
            if not holds(v):
                results.append(Result(focus, check.path, check.message, v))
        for other in check.less_than:
            for w in by_property.get(other, ()):
                if not _ordered(v, w, strict=True):
                    results.append(Result(focus, check.path, check.message, v))
        for other in check.less_or_equal:
            for w in by_property.get(other, ()):
                if not _ordered(v, w, strict=False):
                    results.append(Result(focus, check.path, check.message, v))


# ---- a literal's value, as rdflib gives it ----

class _Literal(NamedTuple):
    """What the checks read of a literal: rdflib's ``datatype`` (text), ``language``, ``value`` and ``ill_typed``."""

    datatype: str | None
    language: str | None
    value: object
    ill_typed: bool | None


_READ_AS = {str(XSD.integer): (re.compile(r"-?[0-9]+\Z"), int),
            str(XSD.decimal): (re.compile(r"-?[0-9]+(\.[0-9]+)?\Z"), Decimal)}  # forms whose value is plain
# the lexical forms XML Schema allows, for the datatypes rdflib reads leniently (it takes ``2019年`` for a gYear)
_TZ = r"(?:Z|[+-]\d\d:\d\d)?"
_LEXICAL_FORMS = {str(XSD.gYear): re.compile(r"-?\d{4,}" + _TZ), str(XSD.date): re.compile(r"-?\d{4,}-\d\d-\d\d" + _TZ),
                  str(XSD.dateTime): re.compile(r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?" + _TZ),
                  str(XSD.decimal): re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"), str(XSD.integer): re.compile(r"[+-]?\d+"),
                  str(XSD.boolean): re.compile(r"true|false|1|0")}
_KNOWN_TO_RDFLIB = frozenset(str(t) for t in _toPythonMapping if t is not None)  # others have no value


@lru_cache(maxsize=1 << 16)
def _literal(term: str) -> _Literal | None:
    """``term``'s value as rdflib gives it, read from the text when that is plain; ``None`` if not a literal.

    >>> _literal('"7"^^<http://www.w3.org/2001/XMLSchema#integer>'), _literal('"x"@zh').value, _literal("<urn:x>")
    (_Literal(datatype='http://www.w3.org/2001/XMLSchema#integer', language=None, value=7, ill_typed=False), 'x', None)
    """
    parts = literal_parts(term)
    if parts is None:
        return None
    lexical, language, datatype = parts
    if datatype is None:
        return _Literal(None, language, lexical, None)
    if (shape := _LEXICAL_FORMS.get(datatype)) is not None and not shape.fullmatch(lexical):
        return _Literal(datatype, None, None, True)  # ``"2019年"^^xsd:gYear``: ill-typed, as Jena's SHACL says
    form, read = _READ_AS.get(datatype, (None, None))
    if form is not None and form.match(lexical):
        return _Literal(datatype, None, read(lexical), False)
    if datatype not in _KNOWN_TO_RDFLIB:
        return _Literal(datatype, None, None, None)
    value = rdflib_term_of(term)
    return _Literal(datatype, None, value.value, value.ill_typed)


_XSD_STRING, _LANG_STRING, _RDFS_LITERAL, _RDFS_DATATYPE = map(str, (XSD.string, RDF.langString, RDFS.Literal,
                                                                     RDFS.Datatype))
_PYTHON_TYPES = {str(t): python for t, python in (
    (XSD.string, (str, bytes)), (RDF.langString, (str, bytes)), (XSD.integer, int), (XSD.float, float),
    (XSD.decimal, Decimal), (XSD.boolean, bool), (XSD.date, date), (XSD.time, time), (XSD.dateTime, datetime))}


class _Datatype:
    """An ``sh:datatype`` (an IRI's text), with what it asks worked out once (``holds`` is called for every
    value)."""

    __slots__ = ("text", "any_literal", "any_typed", "plain_string", "lang_string", "python_type")

    def __init__(self, datatype: str):
        self.text = datatype
        self.any_literal, self.any_typed = datatype == _RDFS_LITERAL, datatype == _RDFS_DATATYPE
        self.plain_string, self.lang_string = datatype == _XSD_STRING, datatype == _LANG_STRING
        self.python_type = _PYTHON_TYPES.get(datatype)

    def holds(self, v: str) -> bool:
        """SHACL's sh:datatype: a literal of that datatype, well formed (as pyshacl checks it)."""
        found = _literal(v)
        if found is None:
            return False
        if found.datatype == self.text:
            if found.ill_typed is True:
                return False
        elif self.any_literal or (self.any_typed and found.datatype):
            return True
        elif not ((self.plain_string and found.datatype is None and found.language is None)
                  or (self.lang_string and found.language)):
            return False
        return self.python_type is None or isinstance(found.value, self.python_type)


_NUMERIC_TEXTS = frozenset(map(str, _NUMERIC_LITERAL_TYPES))


def _integer_value(term: str) -> int | None:
    """The value of a well-typed literal of a numeric datatype whose value is an ``int`` (rdflib then compares two
    of them by their values, and so may we), else ``None``."""
    found = _literal(term)
    if found is None or type(found.value) is not int or found.datatype not in _NUMERIC_TEXTS or found.ill_typed:
        return None
    return found.value


def _at_least(v: str, bound: str) -> bool:
    """sh:minInclusive: ``v`` is a literal comparable with ``bound`` and not below it."""
    a, b = _integer_value(v), _integer_value(bound)
    if a is not None and b is not None:
        return a >= b  # rdflib's ``v.eq(bound) or v > bound`` for two integers
    v, bound = rdflib_term_of(v), rdflib_term_of(bound)
    if not isinstance(v, Literal) or isinstance(v.value, str) != isinstance(bound.value, str):
        return False
    try:
        return bool(v.eq(bound)) or bool(v > bound)
    except (TypeError, NotImplementedError):
        return False


def _ordered(v: str, w: str, strict: bool) -> bool:
    """sh:lessThan (``strict``) and sh:lessThanOrEquals between a value and another property's value."""
    a, b = _integer_value(v), _integer_value(w)
    if a is not None and b is not None:  # what rdflib's ``<`` and ``<=`` of two numeric literals come to
        return a < b if strict else a <= b
    a, a_text = _comparable(rdflib_term_of(v))
    b, b_text = _comparable(rdflib_term_of(w))
    if a_text != b_text:
        return False
    try:
        return bool(a < b) if strict else bool(a <= b)
    except TypeError:
        return False


def _comparable(v) -> tuple[object, bool]:
    if isinstance(v, URIRef):
        return str(v), True
    if isinstance(v, Literal) and isinstance(v.value, str):
        return v.value, True
    return v, False


# ---- reading the shapes ----

def compile_shapes(shapes: Graph) -> Shapes | None:
    """The node shapes of ``shapes`` as plain checks, or ``None`` if any shape uses what this module does not know."""
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    property_shapes = {ps for n in node_shapes for ps in shapes.objects(n, SH.property)}
    if not all(_known(shapes, triple, node_shapes, property_shapes) for triple in shapes):
        return None
    compiled = []
    for node in sorted(node_shapes, key=str):
        checks = [_property_check(shapes, ps) for ps in sorted(shapes.objects(node, SH.property), key=str)]
        if any(c is None for c in checks):
            return None
        compiled.append((tuple(sorted(map(nt_term, shapes.objects(node, SH.targetClass)))), tuple(checks)))
    return Shapes(tuple(compiled))


_OWL_CLASS = URIRef("http://www.w3.org/2002/07/owl#Class")


def _known(shapes: Graph, triple: tuple, node_shapes: set, property_shapes: set) -> bool:
    """Whether a triple of the shapes graph says only what ``Shapes.check`` does."""
    s, p, o = triple
    if p == RDF.type:
        if o in (RDFS.Class, _OWL_CLASS):
            return False  # a shape that is a class targets its instances
        if o == SH.PropertyShape:
            return s in property_shapes
        return o == SH.NodeShape or not str(o).startswith(str(SH))
    if p in (RDF.first, RDF.rest) or not str(p).startswith(str(SH)):
        return True  # list cells (of sh:in; other list-valued keys are refused below), comments, labels
    keys = _NODE_KEYS if s in node_shapes else _PROPERTY_KEYS if s in property_shapes else ()
    return p in keys and (p in _MANY or len(set(shapes.objects(s, p))) == 1)


def _property_check(shapes: Graph, ps) -> PropertyCheck | None:
    get = lambda p: shapes.value(ps, p)  # noqa: E731
    path = get(SH.path)
    if not isinstance(path, URIRef):
        return None  # a property path other than one IRI
    numbers = [get(p) for p in (SH.minCount, SH.maxCount, SH.minLength)]
    if any(n is not None and not (isinstance(n, Literal) and isinstance(n.value, int)) for n in numbers):
        return None
    bound, datatype, cls = get(SH.minInclusive), get(SH.datatype), get(SH["class"])
    if bound is not None and not isinstance(bound, Literal):
        return None
    if datatype is not None and not isinstance(datatype, URIRef):
        return None
    allowed = get(SH["in"])
    message = get(SH.message)
    if message is None:
        return None  # pyshacl words a message of its own
    return PropertyCheck(
        path=nt_term(path), message=str(message), min_count=_int(numbers[0]), max_count=_int(numbers[1]),
        datatype=None if datatype is None else str(datatype), cls=None if cls is None else nt_term(cls),
        allowed=frozenset(map(nt_term, Collection(shapes, allowed))) if allowed is not None else None,
        min_length=_int(numbers[2]), min_inclusive=None if bound is None else nt_term(bound),
        less_than=tuple(sorted(map(nt_term, shapes.objects(ps, SH.lessThan)))),
        less_or_equal=tuple(sorted(map(nt_term, shapes.objects(ps, SH.lessThanOrEquals)))))


def _int(value: Literal | None) -> int | None:
    return None if value is None else int(value.value)

"""Check triples against SHACL shapes quickly: the SHACL Core constraints govkg's shapes use, over plain triples.

pyshacl took 0.24 s to check one generated report's graph (about 20,000
triples), five times as long as extracting the report, and a corpus build checks
every report. ``compile_shapes`` reads a shapes graph into plain checks when
every shape in it uses only what is listed below, and ``Shapes.check(triples)``
then gives the results pyshacl gives (``tests/test_shacl.py`` compares them on
graphs broken in many ways) in a few milliseconds. For a shapes graph using
anything else ``compile_shapes`` gives ``None``, and ``kg.validate`` runs pyshacl.

Understood: node shapes (``sh:NodeShape``) with ``sh:targetClass`` and
``sh:property``; property shapes with an IRI ``sh:path`` and ``sh:minCount``,
``sh:maxCount``, ``sh:datatype``, ``sh:class``, ``sh:in``, ``sh:minLength``,
``sh:minInclusive``, ``sh:lessThan``, ``sh:lessThanOrEquals`` and one
``sh:message``. Classes follow ``rdfs:subClassOf`` in the data, as in pyshacl.

>>> from rdflib import Graph, Literal
>>> from kg.vocab import GK
>>> shapes = Graph().parse(data='''@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix gk: <https://w3id.org/govkg/ontology#> .
... [] a sh:NodeShape ; sh:targetClass gk:Mention ;
...    sh:property [ sh:path gk:start ; sh:minCount 1 ; sh:lessThan gk:end ; sh:message "start before end" ] .''')
>>> m = URIRef("https://example.org/m1")
>>> [(str(r.path), r.message, str(r.value)) for r in compile_shapes(shapes).check(
...     [(m, RDF.type, GK.Mention), (m, GK.start, Literal(9)), (m, GK.end, Literal(4))])]
[('https://w3id.org/govkg/ontology#start', 'start before end', '9')]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Iterable, NamedTuple

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import _NUMERIC_LITERAL_TYPES

__all__ = ["SH", "Result", "Shapes", "PropertyCheck", "compile_shapes"]

SH = Namespace("http://www.w3.org/ns/shacl#")

_NODE_KEYS = frozenset({SH.targetClass, SH.property})
_PROPERTY_KEYS = frozenset({SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH["in"], SH.minLength,
                            SH.minInclusive, SH.lessThan, SH.lessThanOrEquals, SH.message})
_MANY = frozenset({SH.targetClass, SH.property, SH.lessThan, SH.lessThanOrEquals})  # may be given more than once


_TYPE, _SUBCLASS = frozenset({RDF.type}), frozenset({RDFS.subClassOf})  # found by hash: faster than rdflib's ==


class Result(NamedTuple):
    """One broken constraint: the focus node, the property, the shape's message and the offending value (if any)."""

    focus: object
    path: URIRef
    message: str
    value: object = None


@dataclass(frozen=True)
class PropertyCheck:
    """One property shape: the constraints on the values of ``path`` at a focus node."""

    path: URIRef
    message: str
    min_count: int | None = None
    max_count: int | None = None
    datatype: URIRef | None = None
    cls: URIRef | None = None
    allowed: frozenset | None = None  # sh:in
    min_length: int | None = None
    min_inclusive: Literal | None = None
    less_than: tuple[URIRef, ...] = ()
    less_or_equal: tuple[URIRef, ...] = ()


@dataclass(frozen=True)
class Shapes:
    """Compiled node shapes: each the classes it targets and its property checks."""

    shapes: tuple[tuple[tuple[URIRef, ...], tuple[PropertyCheck, ...]], ...]

    def check(self, triples: Iterable[tuple]) -> list[Result]:
        """Every broken constraint in ``triples`` (any iterable of ``(s, p, o)``: a list, or an rdflib Graph)."""
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
        self.values: dict = {}
        self.typed: dict = defaultdict(set)
        self.supers: dict = defaultdict(set)  # rdfs:subClassOf, as given
        self.terms: dict = {}  # each property and class, as the data's own term
        values = self.values
        for s, p, o in triples:  # ``values.setdefault(s, {}).setdefault(p, []).append(o)``, without making a
            by_property = values.get(s)  # dict and a list for every triple
            if by_property is None:
                values[s] = {p: [o]}
            elif (objects := by_property.get(p)) is None:
                by_property[p] = [o]
            else:
                objects.append(o)
            if p in _TYPE:
                self.typed[o].add(s)
            elif p in _SUBCLASS:
                self.supers[s].add(o)
        for by_property in self.values.values():
            self.terms.update(zip(by_property, by_property))
        self.terms.update(zip(self.typed, self.typed))

    def term(self, term):
        """``term`` (of the shapes) as the data's own object, so that the data's dicts find it by identity rather
        than by rdflib's ``__eq__`` (a Python call for every triple)."""
        return self.terms.get(term, term)

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
        return sorted(self.members(classes), key=str)


class _Bound:
    """A property check with its terms looked up in the data once: its property, its bounds' properties, and the
    instances of its ``sh:class``; and the tests each value must pass, only those the check has, in the order of
    ``_check_property``'s results."""

    __slots__ = ("check", "path", "less_than", "less_or_equal", "members", "value_tests")

    def __init__(self, check: PropertyCheck, data: _Data):
        self.check, self.path = check, data.term(check.path)
        self.less_than = tuple(data.term(p) for p in check.less_than)
        self.less_or_equal = tuple(data.term(p) for p in check.less_or_equal)
        self.members = data.members((check.cls,)) if check.cls is not None else None
        tests = []
        if check.datatype is not None:
            tests.append(_Datatype(check.datatype).holds)
        if self.members is not None:
            tests.append(self.members.__contains__)
        if check.allowed is not None:
            tests.append(check.allowed.__contains__)
        if check.min_length is not None and check.min_length > 0:
            tests.append(lambda v, n=check.min_length: not isinstance(v, BNode) and len(_string(v)) >= n)
        if check.min_inclusive is not None:
            tests.append(lambda v, bound=check.min_inclusive: _at_least(v, bound))
        self.value_tests = tuple(tests)


def _check_property(bound: _Bound, focus, by_property: dict, results: list[Result]) -> None:
    """Add to ``results`` what ``focus`` breaks of a property check (``by_property``: its values)."""
    check = bound.check
    values = by_property.get(bound.path, ())
    if check.min_count is not None and len(values) < check.min_count:
        results.append(Result(focus, check.path, check.message))
    if check.max_count is not None and len(values) > check.max_count:
        results.append(Result(focus, check.path, check.message))
    for v in values:
        for holds in bound.value_tests:
            if not holds(v):
                results.append(Result(focus, check.path, check.message, v))
        for other in bound.less_than:
            for w in by_property.get(other, ()):
                if not _ordered(v, w, strict=True):
                    results.append(Result(focus, check.path, check.message, v))
        for other in bound.less_or_equal:
            for w in by_property.get(other, ()):
                if not _ordered(v, w, strict=False):
                    results.append(Result(focus, check.path, check.message, v))


_XSD_STRING, _LANG_STRING, _RDFS_LITERAL, _RDFS_DATATYPE = XSD.string, RDF.langString, RDFS.Literal, RDFS.Datatype
_PLAIN = (None, _LANG_STRING, _XSD_STRING)  # the datatypes of a literal whose value is its text
_PYTHON_TYPES = {XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
                 XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time, XSD.dateTime: datetime}


def _has_datatype(v, datatype) -> bool:
    """SHACL's sh:datatype: a literal of that datatype, well formed (as pyshacl checks it)."""
    return _Datatype(datatype).holds(v)


class _Datatype:
    """An ``sh:datatype``, with what it asks worked out once (``holds`` is called for every value): rdflib compares
    IRIs in Python, here they are compared as strings (the same test: an IRI equals one of the same type and text)."""

    __slots__ = ("datatype", "text", "any_literal", "any_typed", "plain_string", "lang_string", "python_type")

    def __init__(self, datatype):
        self.datatype, self.text = datatype, _text_of(datatype)
        self.any_literal, self.any_typed = datatype == _RDFS_LITERAL, datatype == _RDFS_DATATYPE
        self.plain_string, self.lang_string = datatype == _XSD_STRING, datatype == _LANG_STRING
        self.python_type = _PYTHON_TYPES.get(datatype)

    def holds(self, v) -> bool:
        if not isinstance(v, Literal):
            return False
        given = v.datatype
        if _same_iri(given, self.datatype, self.text):
            if getattr(v, "ill_typed", None) is True:
                return False
        elif self.any_literal or (self.any_typed and given):
            return True
        elif not ((self.plain_string and given is None and v.language is None) or (self.lang_string and v.language)):
            return False
        return self.python_type is None or isinstance(v.value, self.python_type)


def _text_of(term) -> str | None:
    """An IRI's text as a plain ``str`` (``None`` for ``None``)."""
    return None if term is None else str.__str__(term)


def _same_iri(given, iri, text: str | None) -> bool:
    """``given == iri`` for ``iri`` an rdflib term (``text``: its text), without rdflib's ``__eq__``: of the same
    type, and the same text."""
    if given is iri:
        return True
    if given is None or iri is None:
        return given == iri
    return type(given) is type(iri) and str.__eq__(given, text)


def _string(v) -> str:
    if isinstance(v, Literal) and v.value is not None and v.datatype in _PLAIN:
        return str(v.value)
    return str(v)


def _at_least(v, bound: Literal) -> bool:
    """sh:minInclusive: ``v`` is a literal comparable with ``bound`` and not below it."""
    if _integers(v, bound):
        return v.value >= bound.value  # rdflib's ``v.eq(bound) or v > bound`` for two integers
    if not isinstance(v, Literal) or isinstance(v.value, str) != isinstance(bound.value, str):
        return False
    try:
        return bool(v.eq(bound)) or bool(v > bound)
    except (TypeError, NotImplementedError):
        return False


def _ordered(v, w, strict: bool) -> bool:
    """sh:lessThan (``strict``) and sh:lessThanOrEquals between a value and another property's value."""
    if _integers(v, w):  # what rdflib's ``<`` and ``<=`` of two numeric literals come to for two ints
        return v.value < w.value if strict else v.value <= w.value
    a, a_text = _comparable(v)
    b, b_text = _comparable(w)
    if a_text != b_text:
        return False
    try:
        return bool(a < b) if strict else bool(a <= b)
    except TypeError:
        return False


_NUMERIC_TEXTS = frozenset(map(_text_of, _NUMERIC_LITERAL_TYPES))


def _integers(v, w) -> bool:
    """True when ``v`` and ``w`` are well-typed literals of numeric datatypes whose values are both ``int``: then
    rdflib compares them by their values (its ``Literal`` fast path), and so may we."""
    return type(v) is Literal and type(w) is Literal and type(v.value) is int and type(w.value) is int \
        and _numeric(v.datatype) and _numeric(w.datatype) and not v.ill_typed and not w.ill_typed


def _numeric(datatype) -> bool:
    """``datatype in rdflib.term._NUMERIC_LITERAL_TYPES``, by text (the types there are plain ``URIRef``)."""
    return type(datatype) is URIRef and str.__str__(datatype) in _NUMERIC_TEXTS


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
        compiled.append((tuple(sorted(shapes.objects(node, SH.targetClass), key=str)), tuple(checks)))
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
    bound = get(SH.minInclusive)
    if bound is not None and not isinstance(bound, Literal):
        return None
    allowed = get(SH["in"])
    message = get(SH.message)
    if message is None:
        return None  # pyshacl words a message of its own
    return PropertyCheck(
        path=path, message=str(message),
        min_count=_int(numbers[0]), max_count=_int(numbers[1]), datatype=get(SH.datatype), cls=get(SH["class"]),
        allowed=frozenset(Collection(shapes, allowed)) if allowed is not None else None, min_length=_int(numbers[2]),
        min_inclusive=bound, less_than=tuple(sorted(shapes.objects(ps, SH.lessThan), key=str)),
        less_or_equal=tuple(sorted(shapes.objects(ps, SH.lessThanOrEquals), key=str)))


def _int(value: Literal | None) -> int | None:
    return None if value is None else int(value.value)

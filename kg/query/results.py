"""Query results as text: an aligned table that fits the terminal, or the SPARQL 1.1 CSV, TSV and JSON formats."""

from __future__ import annotations

import re
import unicodedata

import pyoxigraph as ox

from kg.errors import QueryError
from kg.query.store import PREFIXES, one_line

__all__ = ["FORMATS", "format_results", "to_table", "compact"]

FORMATS = ("table", "csv", "tsv", "json")
_RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                   "json": ox.QueryResultsFormat.JSON}


def format_results(results, fmt: str = "table", width: int | None = None, raw: bool = False) -> bytes:
    """Query results as text: an aligned ``table``, or the SPARQL 1.1 ``csv``, ``tsv`` and ``json`` formats.

    ``ASK`` gives ``true`` or ``false`` (JSON: the boolean format);
    ``CONSTRUCT`` and ``DESCRIBE`` give N-Triples whatever the format. A ``raw`` table writes each literal as
    SPARQL does, with its language tag or datatype (``compact``).
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown result format '{fmt}'", hint=f"choose one of {', '.join(FORMATS)}")
    try:
        if isinstance(results, ox.QueryTriples):
            return results.serialize(format=ox.RdfFormat.N_TRIPLES)
        if isinstance(results, ox.QueryBoolean):
            return (results.serialize(format=ox.QueryResultsFormat.JSON) + b"\n" if fmt == "json"
                    else str(bool(results)).lower().encode() + b"\n")
        if fmt != "table":
            return results.serialize(format=_RESULT_FORMATS[fmt])
        names = [v.value for v in results.variables]
        rows = [[compact(row[n], raw) for n in names] for row in results]
    except OSError as exc:  # evaluation runs as the results are read
        raise QueryError(f"the query failed: {one_line(exc)}") from None
    table = to_table(names, rows, width if width is not None else 80, total=_terminal_width() if width is None else None)
    return (table + f"({len(rows)} row{'' if len(rows) == 1 else 's'})\n").encode("utf-8")


def _terminal_width() -> int:
    """The terminal's columns (``COLUMNS`` first), 100 when output goes to a file or a pipe with no terminal."""
    import shutil

    return shutil.get_terminal_size((100, 24)).columns


def compact(term, raw: bool = False) -> str:
    """A term as a person reads it: a literal's text, an IRI with a known prefix, ``""`` when unbound. ``raw``
    writes a literal as a query must to match it: quoted, with its language tag or datatype; integers, decimals
    and booleans bare.

    >>> compact(ox.NamedNode("https://w3id.org/govkg/ontology#Village")), compact(ox.Literal("玉山", language="zh"))
    ('gk:Village', '玉山')
    >>> [compact(t, raw=True) for t in (ox.Literal("玉山", language="zh"), ox.Literal("玉山"), ox.Literal(2023),
    ...  ox.Literal("2023", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear")))]
    ['"玉山"@zh', '"玉山"', '2023', '"2023"^^xsd:gYear']
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return _iri(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if not isinstance(term, ox.Literal):
        return str(term)
    return _raw_literal(term) if raw else str(term.value)


_BARE = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in ("integer", "decimal", "boolean")}
_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _iri(value: str) -> str:
    for prefix, ns in PREFIXES.items():
        if value.startswith(ns):
            return f"{prefix}:{value[len(ns):]}"
    return f"<{value}>"


def _raw_literal(term: "ox.Literal") -> str:
    if term.language:
        return f'"{term.value}"@{term.language}'
    datatype = term.datatype.value
    if datatype in _BARE:
        return term.value
    return f'"{term.value}"' if datatype == _STRING else f'"{term.value}"^^{_iri(datatype)}'


def to_table(names: list[str], rows: list[list[str]], width: int = 80, total: int | None = None) -> str:
    """An aligned text table; wide (CJK) characters count two columns, cells are cut at ``width``, and the widest
    columns cut further until a line fits in ``total`` columns (a terminal's width).

    >>> print(to_table(["name", "n"], [["玉山", "3"], ["abc", "12"]]), end="")
    name   n
    ----  --
    玉山   3
    abc   12
    >>> print(to_table(["name", "note"], [["玉山镇", "一二三四五六七八九十"]], total=20), end="")
    name    note
    ------  -----------
    玉山镇  一二三四五…
    """
    cells = [[_cut(c, width) for c in row] for row in rows]
    if total:
        cells = _fit(names, cells, total)
    widths = [max([_width(n)] + [_width(r[i]) for r in cells]) for i, n in enumerate(names)]
    right = [bool(cells) and all(_NUMBER.fullmatch(r[i]) or not r[i] for r in cells) for i in range(len(names))]
    lines = [names, ["-" * w for w in widths], *cells]
    return "".join("  ".join(_pad(c, w, r) for c, w, r in zip(line, widths, right)).rstrip() + "\n"
                   for line in lines)


def _fit(names: list[str], cells: list[list[str]], total: int) -> list[list[str]]:
    """Cells (and headers) cut so that a line of the table fits in ``total`` columns: the widest column is cut first,
    never below 4 columns (a table of very many columns stays wider)."""
    widths = [max([_width(n)] + [_width(r[i]) for r in cells]) for i, n in enumerate(names)]
    floors = [min(w, 4) for w in widths]
    while sum(widths) + 2 * (len(widths) - 1) > total:
        i = max(range(len(widths)), key=lambda k: widths[k] - floors[k])
        if widths[i] <= floors[i]:
            break
        widths[i] -= 1
    names[:] = [_cut(n, w) for n, w in zip(names, widths)]
    return [[_cut(c, w) for c, w in zip(row, widths)] for row in cells]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * (width - _width(text))
    return space + text if right else text + space


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())  # a table row is one line
    if _width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        used += _width(ch)
        if used > width - 1:
            break
        out.append(ch)
    return "".join(out) + "…"

"""Saved queries: the ``.rq`` files of ``ontology/queries``, found by name, and what question each answers."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from kg.errors import InputError, QueryError
from kg.vocab import ontology_file

__all__ = ["QUERIES", "saved_queries", "describe_query", "read_query", "bind_params"]

QUERIES = ontology_file("queries")


def saved_queries(folder: Path = QUERIES) -> dict[str, Path]:
    """The saved queries, by name (the file name without ``.rq``)."""
    return {p.stem: p for p in sorted(folder.glob("*.rq"))}


def describe_query(text: str) -> str:
    """The first comment line of a query: what question it answers.

    >>> describe_query("# Top areas.\\n#\\n# More.\\nSELECT * {}")
    'Top areas.'
    """
    for line in text.splitlines():
        if line.startswith("#") and line.strip("# \t"):
            return line.lstrip("#").strip()
    return ""


def read_query(query: str, folder: Path = QUERIES) -> tuple[str, str | None]:
    """The text of ``query`` and where it came from: a saved query's name, a ``.rq`` file, or SPARQL itself.

    >>> read_query("ASK { ?s ?p ?o }")
    ('ASK { ?s ?p ?o }', None)
    """
    saved = saved_queries(folder)
    name = query.removesuffix(".rq")
    if name in saved and not Path(query).is_file():
        return saved[name].read_text(encoding="utf-8"), f"{name}.rq"
    path = Path(query)
    if path.suffix == ".rq" or (not re.search(r"\s|\{", query) and path.is_file()):
        if not path.is_file():
            raise InputError("no such query file", path=query, hint="see `kg query --list` for the saved queries")
        return path.read_text(encoding="utf-8"), query
    if not re.search(r"\s|\{", query):
        close = difflib.get_close_matches(name, saved, n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        raise QueryError(f"no saved query named '{query}'", hint=f"{hint}see `kg query --list`")
    return query, None


_VALUES = re.compile(r"VALUES\s+\?(\w+)\s*\{([^{}]*)\}", re.I)


def bind_params(text: str, params: dict[str, str]) -> str:
    """``text`` with the values of each ``VALUES ?name { … }`` block named in ``params`` replaced by the one given,
    written as the block wrote its own (``"…"@zh``, ``"…"``, a number or an IRI).

    >>> q = 'SELECT * { VALUES ?indicator { "地区生产总值"@zh } ?i rdfs:label ?indicator }'
    >>> bind_params(q, {"indicator": '一般公共预算收入'})
    'SELECT * { VALUES ?indicator { "一般公共预算收入"@zh } ?i rdfs:label ?indicator }'
    """
    blocks = {m.group(1): m for m in _VALUES.finditer(text)}
    for name, value in params.items():
        if name not in blocks:
            known = ", ".join(f"?{n}" for n in blocks) or "none"
            raise QueryError(f"the query takes no parameter ?{name}", hint=f"its VALUES blocks: {known}")
        text = _VALUES.sub(lambda m: m.group(0) if m.group(1) != name else
                           f"VALUES ?{name} {{ {_term_like(value, m.group(2))} }}", text)
    return text


def _term_like(value: str, written: str) -> str:
    """``value`` as a SPARQL term of the kind the block held."""
    if re.fullmatch(r"-?\d+(?:\.\d+)?", value) and not written.strip().startswith('"'):
        return value
    if value.startswith(("http://", "https://")):
        return f"<{value}>"
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    tag = re.search(r'"@([A-Za-z-]+)', written)
    return quoted + (f"@{tag.group(1)}" if tag else "")

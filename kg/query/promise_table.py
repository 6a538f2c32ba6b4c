"""The tables of ``kg promises``: every target with a verdict beside its outcome, or every project a plan promised
a stage of beside what the next report says (``--projects``), filtered by region, year and verdict.

Each is a saved query (``promises-kept``, ``projects-kept`` in ``ontology/queries/``), wrapped in a query that
keeps the rows asked for, so ``kg promises``, ``kg query`` and the endpoint give the same rows.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.query.saved import saved_queries

__all__ = ["VERDICTS", "PROJECT_VERDICTS", "TABLE_COLUMNS", "PROJECT_COLUMNS", "promise_query"]

VERDICTS = {"met": "Met", "missed": "Missed", "not-reported": "NotReported"}
PROJECT_VERDICTS = {"done": "done", "progressing": "progressing", "not-reported": "not reported"}
# what the terminal table shows; csv, tsv and json give every column of the saved query
TABLE_COLUMNS = ("region", "year", "indicator", "target", "unit", "targetQualifier", "actual", "actualGrowth",
                 "verdict", "reason")
PROJECT_COLUMNS = ("region", "year", "project", "promised", "reached", "verdict")


def promise_query(region: str | None = None, year: int | None = None, verdict: str | None = None,
                  columns: tuple[str, ...] | None = None, projects: bool = False) -> str:
    """The SPARQL query of the promise table: ``promises-kept``'s rows for ``region`` (as written, ``玉山镇``),
    ``year`` (the year a target was set for) and ``verdict`` (a key of ``VERDICTS``), all when None; ``columns``
    (default: all of them). ``projects``: the projects' table, whose verdicts are the keys of
    ``PROJECT_VERDICTS``.

    >>> q = promise_query(region="玉山镇", year=2020, verdict="missed", columns=("region", "verdict"))
    >>> 'FILTER (?region = "玉山镇")' in q, "FILTER (?year = 2020)" in q, 'FILTER (?verdict = "Missed")' in q
    (True, True, True)
    """
    text = saved_queries()["projects-kept" if projects else "promises-kept"].read_text(encoding="utf-8")
    at = text.index("SELECT")
    prologue, select = text[:at], text[at:].rsplit("ORDER BY", 1)[0]
    filters = []
    if region is not None:
        filters.append(f"FILTER (?region = {ox.Literal(region)})")
    if year is not None:
        filters.append(f"FILTER (?year = {int(year)})")
    if verdict is not None:
        filters.append(f"FILTER (?verdict = {ox.Literal((PROJECT_VERDICTS if projects else VERDICTS)[verdict])})")
    projection = " ".join(f"?{c}" for c in columns) if columns else "*"
    return (f"{prologue}SELECT {projection} WHERE {{\n  {{ {select.strip()} }}\n  " + "\n  ".join(filters)
            + "\n}\nORDER BY ?region ?year " + ("?project\n" if projects else "?indicator ?target\n"))

"""The table of ``kg promises``: every target with a verdict beside its outcome, filtered by region, year and verdict.

It is the saved query ``promises-kept`` (``ontology/queries/promises-kept.rq``), wrapped in a query that
keeps the rows asked for, so ``kg promises``, ``kg query promises-kept`` and the endpoint give the same rows.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.query.saved import saved_queries

__all__ = ["VERDICTS", "TABLE_COLUMNS", "promise_query"]

VERDICTS = {"met": "Met", "missed": "Missed", "not-reported": "NotReported"}
# what the terminal table shows; csv, tsv and json give every column of the saved query
TABLE_COLUMNS = ("region", "year", "indicator", "target", "unit", "targetQualifier", "actual", "actualGrowth",
                 "verdict", "reason")


def promise_query(region: str | None = None, year: int | None = None, verdict: str | None = None,
                  columns: tuple[str, ...] | None = None) -> str:
    """The SPARQL query of the promise table: ``promises-kept``'s rows for ``region`` (as written, ``玉山镇``),
    ``year`` (the year a target was set for) and ``verdict`` (a key of ``VERDICTS``), all when None; ``columns``
    (default: all of them).

    >>> q = promise_query(region="玉山镇", year=2020, verdict="missed", columns=("region", "verdict"))
    >>> 'FILTER (?region = "玉山镇")' in q, "FILTER (?year = 2020)" in q, 'FILTER (?verdict = "Missed")' in q
    (True, True, True)
    """
    text = saved_queries()["promises-kept"].read_text(encoding="utf-8")
    at = text.index("SELECT")
    prologue, select = text[:at], text[at:].rsplit("ORDER BY", 1)[0]
    filters = []
    if region is not None:
        filters.append(f"FILTER (?region = {ox.Literal(region)})")
    if year is not None:
        filters.append(f"FILTER (?year = {int(year)})")
    if verdict is not None:
        filters.append(f"FILTER (?verdict = {ox.Literal(VERDICTS[verdict])})")
    projection = " ".join(f"?{c}" for c in columns) if columns else "*"
    return (f"{prologue}SELECT {projection} WHERE {{\n  {{ {select.strip()} }}\n  " + "\n  ".join(filters)
            + "\n}\nORDER BY ?region ?year ?indicator ?target\n")

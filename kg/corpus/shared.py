"""The shared nodes of a corpus build, gathered on disk (SQLite) so that the build's memory does not grow with the corpus.

A report's triples of shared nodes (``kg.rdf.graph.split_report``: entities' types
and names, indicators, relations between entities) come to the build from its
worker as N-Triples terms (text), and the promise links between reports are
added once every report is in. ``SharedNodes`` keeps them in an SQLite file,
each triple once, and names each entity as ``kg.rdf.graph.build_graph`` does: its
label is its name in the first report that has one (reports come in input
order), every other name any report gives it is a ``skos:altLabel``.

Once everything is in, ``chunks`` gives the triples back a few thousand at a
time, whole subjects in the order of their N-Triples text, the order in which
``kg.corpus.parts.turtle_of`` writes them: so the Turtle of the chunks, concatenated,
is the Turtle of all the triples, and no more than a chunk is ever in memory.

>>> from kg.rdf.terms import nt_term
>>> from kg.vocab import GK
>>> store = SharedNodes()
>>> node, label = "<https://example.org/enterprise/星河>", nt_term(RDFS.label)
>>> store.add([(node, nt_term(RDF.type), nt_term(GK.Enterprise)), (node, label, '"星河集团"@zh')])
>>> store.add([(node, nt_term(RDF.type), nt_term(GK.Enterprise)), (node, label, '"星河"@zh')])
>>> [o for chunk in store.chunks() for s, p, o in chunk if p != nt_term(RDF.type)]
['"星河集团"@zh', '"星河"@zh']
>>> len(store), store.close()
(3, None)
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Iterable, Iterator

from rdflib import RDF, RDFS
from rdflib.namespace import SKOS

from kg.model import ENTITY_TYPES
from kg.rdf.terms import iri
from kg.vocab import GK

__all__ = ["SharedNodes"]

CHUNK = 20_000  # triples at most in a chunk, unless one subject has more

_SCHEMA = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -8000;
PRAGMA temp_store = FILE;
CREATE TABLE triple (s TEXT, p TEXT, o TEXT, PRIMARY KEY (s, p, o)) WITHOUT ROWID;
CREATE TABLE label (node TEXT PRIMARY KEY, label TEXT) WITHOUT ROWID;
CREATE TABLE name (node TEXT, name TEXT, PRIMARY KEY (node, name)) WITHOUT ROWID;
"""


_TYPE, _LABEL, _ALT_LABEL = map(iri, (RDF.type, RDFS.label, SKOS.altLabel))
_ENTITY_CLASSES = frozenset(iri(getattr(GK, t)) for t in ENTITY_TYPES)


class SharedNodes:
    """The shared triples of a corpus in an SQLite file (``path``; ``None``: in memory), each once.

    ``add`` the reports' shared triples in input order, then read them with
    ``chunks`` (or count them with ``len``); nothing can be added once reading began.
    """

    def __init__(self, path: str | Path | None = None):
        self._db = sqlite3.connect(str(path) if path else ":memory:")
        self._db.executescript(_SCHEMA)
        self._sealed = False

    def add(self, triples: Iterable[tuple[str, str, str]]) -> None:
        """Add one report's shared triples (N-Triples terms), or the promise links."""
        if self._sealed:
            raise RuntimeError("the shared store is being read: nothing can be added to it")
        triples = list(triples)
        entities = {s for s, p, o in triples if p == _TYPE and o in _ENTITY_CLASSES}
        names = [(s, o) for s, p, o in triples if s in entities and p in (_LABEL, _ALT_LABEL)]
        labels = [(s, o) for s, p, o in triples if s in entities and p == _LABEL]
        others = [t for t in triples if not (t[0] in entities and t[1] in (_LABEL, _ALT_LABEL))]
        with self._db:
            self._db.executemany("INSERT OR IGNORE INTO label VALUES (?, ?)", labels)
            self._db.executemany("INSERT OR IGNORE INTO name VALUES (?, ?)", names)
            self._db.executemany("INSERT OR IGNORE INTO triple VALUES (?, ?, ?)", others)

    def _seal(self) -> None:
        """Each entity's names as triples: its first label, and its other names as altLabels."""
        if self._sealed:
            return
        with self._db:
            self._db.execute("INSERT OR IGNORE INTO triple SELECT node, ?, label FROM label", (_LABEL,))
            self._db.execute("INSERT OR IGNORE INTO triple SELECT n.node, ?, n.name FROM name n "
                             "JOIN label l ON n.node = l.node WHERE n.name <> l.label", (_ALT_LABEL,))
            self._db.execute("DELETE FROM name")
            self._db.execute("DELETE FROM label")
        self._sealed = True

    def entity_counts(self) -> dict[str, int]:
        """The distinct entities of the corpus, by type (an entity named by several reports counts once)."""
        rows = self._db.execute("SELECT o, count(*) FROM triple WHERE p = ? GROUP BY o", (_TYPE,))
        names = {iri(getattr(GK, t)): t for t in ENTITY_TYPES}
        return {names[o]: n for o, n in rows if o in names}

    def __len__(self) -> int:
        self._seal()
        return self._db.execute("SELECT count(*) FROM triple").fetchone()[0]

    def chunks(self, size: int = CHUNK) -> Iterator[list[tuple[str, str, str]]]:
        """Every triple, a chunk at a time: whole subjects, in the order of their text."""
        self._seal()
        chunk: list[tuple[str, str, str]] = []
        for triple in self._db.execute("SELECT s, p, o FROM triple ORDER BY s, p, o"):
            if len(chunk) >= size and triple[0] != chunk[-1][0]:
                yield chunk
                chunk = []
            chunk.append(triple)
        if chunk:
            yield chunk

    def triples(self) -> Iterator[tuple[str, str, str]]:
        """Every triple, a chunk at a time, in the order of ``chunks``."""
        for chunk in self.chunks():
            yield from chunk

    def close(self) -> None:
        self._db.close()

"""What the last build wrote (``.cache/build.json`` in the output folder): a build whose parts and outputs are
unchanged writes nothing again, and ``kg query`` finds each report's graph from it."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from kg.corpus.parallel import CACHE_DIR
from kg.errors import OutputError
from kg.outputs.files import ensure_dir, write_text_atomic

if TYPE_CHECKING:
    from kg.corpus.parts import Part

__all__ = ["MANIFEST", "read_manifest", "keep_manifest", "is_current", "unchanged", "digest", "file_stat", "kept_build"]

MANIFEST = f"{CACHE_DIR}/build.json"  # under the output folder: what the last build wrote


def read_manifest(out_dir: Path) -> dict:
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def keep_manifest(out_dir: Path, record: dict, manifest: dict) -> None:
    """Keep what this build wrote with the cache; one that cannot be written only makes the next build write
    everything again."""
    if record != manifest:
        try:
            ensure_dir(out_dir / CACHE_DIR)
            write_text_atomic(out_dir / MANIFEST, json.dumps(record, indent=1, sort_keys=True) + "\n")
        except OutputError:
            pass


def is_current(manifest: dict, out_dir: Path, keys: list[str], validate: bool, page: bool = True) -> bool:
    """Whether graph.ttl and graph.html (or no page, without ``page``) are those of these parts, as the last build
    wrote them (and checked them, if ``validate``)."""
    files = manifest.get("files", {})
    outputs = ("graph.ttl", "graph.html") if page else ("graph.ttl",)
    return (manifest.get("graph") == digest(keys) and (manifest.get("validated") or not validate)
            and "triples" in manifest and all(files.get(name) == file_stat(out_dir / name) for name in outputs)
            and (page or "graph.html" not in files))


def kept_build(ttl: Path, stat: list[int] | None = None) -> tuple[list[tuple[str, str, "Part"]], bytes] | None:
    """The kept parts of a ``graph.ttl`` that ``kg build`` wrote beside its cache, as ``(report graph, key, part)``
    in build order, and the head of the file (the shared nodes, before the first report); ``None`` when the
    build's manifest does not describe this very file (``stat``: its size and time, as ``file_stat`` gives them,
    if already taken), or a part is missing. ``kg query``'s store and the CSV export read a build so, without
    parsing it."""
    from kg.corpus.parts import PartCache

    manifest = read_manifest(ttl.parent)
    try:
        described = manifest["files"]["graph.ttl"] == (stat if stat is not None else file_stat(ttl))
        reports, head = manifest["reports"], int(manifest["shared_bytes"])
    except (KeyError, TypeError, ValueError):
        return None
    if not described or head <= 0:
        return None
    cache = PartCache(ttl.parent / CACHE_DIR)
    parts = [(name, key, cache.get(key)) for name, key in reports]
    if not parts or any(part is None for _, _, part in parts):
        return None
    with open(ttl, "rb") as fh:
        return parts, fh.read(head)


def unchanged(path: Path, recorded: list | None, key: str) -> bool:
    return bool(recorded) and recorded == [key, *file_stat(path)]


def digest(keys: list[str]) -> str:
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()


def file_stat(path: Path) -> list[int]:
    """Size and modification time: a file changed by anything but a build no longer matches."""
    try:
        st = os.stat(path)
    except OSError:
        return [-1, -1]
    return [st.st_size, st.st_mtime_ns]

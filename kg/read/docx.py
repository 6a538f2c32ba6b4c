"""The text of a Word (.docx) report: paragraphs, headings from their styles, and tables, row by row. python-docx
is imported only when a .docx is read.

A .docx is a zip package, so a small file can unpack to gigabytes. Before anything is parsed, every part is
bounded (``MAX_PART_BYTES`` each, ``MAX_PACKAGE_BYTES`` in all, ``MAX_PARTS`` parts) and the paragraphs of
``document.xml`` are counted in a streamed pass (``MAX_PARAGRAPHS``); while it is read, the text is bounded
(``max_chars``), and each paragraph style is looked up once, not once per paragraph.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from kg.errors import InputError, require
from kg.read.blocks import paragraphs_to_text

__all__ = ["read_docx_text", "MAX_PART_BYTES", "MAX_PACKAGE_BYTES", "MAX_PARTS", "MAX_PARAGRAPHS"]

MAX_PART_BYTES = 200 * 1024 * 1024  # any one part, unpacked (document.xml, styles.xml …)
MAX_PACKAGE_BYTES = 400 * 1024 * 1024  # every part together, unpacked
MAX_PARTS = 10_000
MAX_PARAGRAPHS = 500_000  # a long report has a few thousand
_PARAGRAPH = re.compile(rb"<w:p[ >/]")
_HEADING_STYLE = re.compile(r"(?i)^(?:heading|标题)\s*(\d)$")
_TITLE_STYLES = {"title", "标题"}


def read_docx_text(path: str | Path, max_chars: int | None = None) -> str:
    """The paragraphs, headings (from heading styles or outline levels) and tables of a .docx file, in order;
    ``InputError`` as soon as the text passes ``max_chars``."""
    _check_docx(path)
    docx = require("docx", "docx", "reading a Word file", path=str(path))
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
        blocks, chars, levels = [], 0, {}
        for item in document.iter_inner_content():
            if isinstance(item, Paragraph):
                blocks.append((_heading_level(item, levels), item.text))
            elif isinstance(item, Table):
                blocks.extend((0, row) for row in _table_rows(item))
            else:
                continue
            chars += sum(len(text) + 1 for _, text in blocks[-1:])
            if max_chars is not None and chars > max_chars:
                raise InputError(f"the text is longer than the limit of {max_chars:,} characters (about 30 reports)",
                                 path=str(path), hint="split it into reports")
    except InputError:
        raise
    except Exception as exc:  # python-docx and lxml raise on a damaged package
        raise InputError(f"cannot read this Word file ({type(exc).__name__})", path=str(path),
                         hint="check that it opens in Word, or save it again as .docx") from exc
    return paragraphs_to_text(blocks)


def _check_docx(path: str | Path) -> None:
    """Refuse a package too large unpacked, in any part or in all, or with too many paragraphs, before parsing."""
    try:
        with zipfile.ZipFile(path) as z:
            parts = z.infolist()
            z.getinfo("word/document.xml")
            _check_sizes(parts, path)
            paragraphs = _count_paragraphs(z, path)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as exc:
        raise InputError("not a Word .docx file (not a zip package with word/document.xml)", path=str(path),
                         hint="save it from Word as .docx; an old .doc renamed to .docx is not one") from exc
    if paragraphs > MAX_PARAGRAPHS:
        raise InputError(f"the document has more than {MAX_PARAGRAPHS:,} paragraphs", path=str(path),
                         hint="split it into reports")


def _check_sizes(parts: list[zipfile.ZipInfo], path) -> None:
    if len(parts) > MAX_PARTS:
        raise InputError(f"the package has {len(parts):,} parts, above the limit of {MAX_PARTS:,}", path=str(path))
    for part in parts:
        if part.file_size > MAX_PART_BYTES:
            raise InputError(f"its part {part.filename} unpacks to {part.file_size // 1_048_576} MB, above the limit "
                             f"of {MAX_PART_BYTES // 1_048_576} MB", path=str(path), hint="split it into reports")
    total = sum(part.file_size for part in parts)
    if total > MAX_PACKAGE_BYTES:
        raise InputError(f"the package unpacks to {total // 1_048_576} MB, above the limit of "
                         f"{MAX_PACKAGE_BYTES // 1_048_576} MB", path=str(path), hint="split it into reports")


def _count_paragraphs(z: zipfile.ZipFile, path) -> int:
    """The paragraphs of document.xml, counted a MB at a time (stopping past the limit), by their tags. The zip's
    stated sizes can lie: the bytes read are bounded too."""
    count, read, tail = 0, 0, b""
    with z.open("word/document.xml") as xml:
        while chunk := xml.read(1 << 20):
            read += len(chunk)
            if read > MAX_PART_BYTES:
                raise InputError(f"its part word/document.xml unpacks to more than {MAX_PART_BYTES // 1_048_576} MB",
                                 path=str(path), hint="split it into reports")
            window = tail + chunk
            count += len(_PARAGRAPH.findall(window)) - len(_PARAGRAPH.findall(tail))
            tail = chunk[-8:]
            if count > MAX_PARAGRAPHS:
                break
    return count


def _heading_level(paragraph, levels: dict) -> int:
    """Heading level of a Word paragraph: 1–6 from a heading or title style or an outline level, else 0. A style's
    levels are looked up once per document (``levels``, by style id): python-docx searches the styles for each."""
    style_id = paragraph._p.style
    if style_id not in levels:
        levels[style_id] = _style_levels(paragraph.style)
    by_name, by_outline = levels[style_id]
    return by_name or _outline_level(paragraph._p) or by_outline


def _style_levels(style) -> tuple[int, int]:
    """A style's heading level from its name (``Heading 2``, ``标题``), and from its outline level."""
    if style is None:
        return 0, 0
    name = (style.name or "").strip()
    m = _HEADING_STYLE.match(name)
    by_name = max(1, int(m.group(1))) if m else 1 if name.lower() in _TITLE_STYLES else 0
    return by_name, _outline_level(style.element)


def _outline_level(element) -> int:
    found = element.xpath("./w:pPr/w:outlineLvl/@w:val")
    return int(found[0]) + 1 if found and found[0].isdigit() and int(found[0]) < 9 else 0


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells = list(dict.fromkeys(" ".join(cell.text.split()) for cell in row.cells))  # merged cells repeat
        if any(cells):
            rows.append(" | ".join(cells))
    return rows

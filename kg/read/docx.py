"""The text of a Word (.docx) report: paragraphs, headings from their styles, and tables, row by row. python-docx
is imported only when a .docx is read."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from kg.errors import InputError, require
from kg.read.blocks import paragraphs_to_text

__all__ = ["read_docx_text"]

_MAX_XML_BYTES = 200 * 1024 * 1024  # the unzipped document.xml of a .docx
_HEADING_STYLE = re.compile(r"(?i)^(?:heading|标题)\s*(\d)$")
_TITLE_STYLES = {"title", "标题"}


def read_docx_text(path: str | Path) -> str:
    """The paragraphs, headings (from heading styles or outline levels) and tables of a .docx file, in order."""
    _check_docx(path)
    docx = require("docx", "docx", "reading a Word file", path=str(path))
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
        blocks = []
        for item in document.iter_inner_content():
            if isinstance(item, Paragraph):
                blocks.append((_heading_level(item), item.text))
            elif isinstance(item, Table):
                blocks.extend((0, row) for row in _table_rows(item))
    except Exception as exc:  # python-docx and lxml raise on a damaged package
        raise InputError(f"cannot read this Word file ({type(exc).__name__})", path=str(path),
                         hint="check that it opens in Word, or save it again as .docx") from exc
    return paragraphs_to_text(blocks)


def _check_docx(path: str | Path) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise InputError("not a Word .docx file (not a zip package with word/document.xml)", path=str(path),
                         hint="save it from Word as .docx; an old .doc renamed to .docx is not one") from exc
    if info.file_size > _MAX_XML_BYTES:
        raise InputError(f"the document unpacks to {info.file_size // 1_048_576} MB, above the limit of "
                         f"{_MAX_XML_BYTES // 1_048_576} MB", path=str(path), hint="split it into reports")


def _heading_level(paragraph) -> int:
    """Heading level of a Word paragraph: 1–6 from a heading or title style or an outline level, else 0."""
    style = paragraph.style
    name = (style.name or "").strip() if style is not None else ""
    m = _HEADING_STYLE.match(name)
    if m:
        return max(1, int(m.group(1)))
    if name.lower() in _TITLE_STYLES:
        return 1
    for element in (paragraph._p, style.element if style is not None else None):
        found = element.xpath("./w:pPr/w:outlineLvl/@w:val") if element is not None else []
        if found and found[0].isdigit() and int(found[0]) < 9:
            return int(found[0]) + 1
    return 0


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells = list(dict.fromkeys(" ".join(cell.text.split()) for cell in row.cells))  # merged cells repeat
        if any(cells):
            rows.append(" | ".join(cells))
    return rows

"""Read a report file into a ``Report``: check it, get its text, normalise it, and keep a map back to the original.

The original text (``Report.raw``) of a ``.txt``/``.md`` file is the decoded
file; of a ``.pdf``, ``.docx`` or ``.html`` file it is the plain text
``kg.read.pdf``, ``kg.read.docx`` and ``kg.read.html`` extract (paragraphs one per line, headings as ``#`` lines).
The analysed text differs from it in ways that help matching and never lose
provenance: markdown markers are dropped, full-width letters, digits and
punctuation become half-width, spaces next to Chinese characters go, a
paragraph broken by a PDF page break is joined again, and traditional
characters become simplified, one for one. ``Report.offsets`` maps every
analysed character back to its position in the original text.
"""

from __future__ import annotations

from pathlib import Path
import stat
from typing import Iterable

from kg.errors import InputError
from kg.model import Report
from kg.read.decode import decode_bytes, decode_html
from kg.read.docx import read_docx_text
from kg.read.html import html_to_text
from kg.read.normalise import normalise, to_simplified
from kg.read.pdf import read_pdf_text

__all__ = ["collect_inputs", "READABLE_SUFFIXES", "TEXT_SUFFIXES", "HTML_SUFFIXES", "MAX_BYTES", "MAX_CHARS", "read_report",
           "read_text", "parse_report"]

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
READABLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + (".pdf", ".docx")
MAX_BYTES = 50 * 1024 * 1024  # any input file
MAX_CHARS = 1_000_000  # the text of one file: about 30 reports, under a minute to build


def collect_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """The report files named by ``inputs`` (files, or folders searched recursively), sorted."""
    files: list[Path] = []
    for item in inputs:
        p = Path(item)
        if not p.exists():
            raise InputError("no such file or folder", path=str(p), hint="check the path")
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in READABLE_SUFFIXES
                           and not f.name.startswith((".", "~$")))  # hidden files, Word's lock files
            if not found:
                raise InputError(f"no reports ({', '.join(READABLE_SUFFIXES)}) in this folder", path=str(p))
            files.extend(found)
        else:
            files.append(p)
    return list(dict.fromkeys(files))


def parse_report(raw: str, path: str = "<text>", name: str | None = None, encoding: str = "utf-8") -> Report:
    """Build a ``Report`` from already decoded text (no file needed)."""
    text, offsets = normalise(raw)
    if not text.strip():
        raise InputError("the file has no text, only blank space or markup", path=path, hint="is it a report?")
    return Report(path=path, name=name or Path(path).name, raw=raw, text=to_simplified(text), offsets=offsets,
                  encoding=encoding)


def read_report(path: str | Path) -> Report:
    """Read and normalise one report file: text (``.txt``, ``.md``), ``.pdf``, ``.docx`` or ``.html``."""
    p = Path(path)
    raw, source = read_text(p)
    return parse_report(raw, str(p), p.name, source)


def read_text(path: str | Path) -> tuple[str, str]:
    """The original text of a report file, and where it came from: the charset of a text file, or
    ``pdf``, ``docx``, ``html:<charset>``. Refuses what is missing, empty, too large or unreadable."""
    p = Path(path)
    size = check_file(p)
    suffix = p.suffix.lower()
    if suffix == ".pdf":
        raw, source = read_pdf_text(p, MAX_CHARS), "pdf"
    elif suffix == ".docx":
        raw, source = read_docx_text(p, MAX_CHARS), "docx"
    elif suffix == ".doc":
        raise InputError("old binary Word .doc files cannot be read", path=str(p), hint="save it as .docx or .pdf")
    elif suffix in HTML_SUFFIXES:
        html, charset = decode_html(p.read_bytes(), str(p))
        try:
            raw, source = html_to_text(html), f"html:{charset}"
        except InputError as exc:
            exc.path = exc.path or str(p)
            raise
    else:
        if size > 4 * MAX_CHARS:  # no encoding takes more than 4 bytes a character
            raise _too_long(p)
        raw, source = decode_bytes(p.read_bytes(), str(p))
    if len(raw) > MAX_CHARS:
        raise _too_long(p)
    return raw, source


def check_file(p: Path) -> int:
    """The size of report file ``p``, once it is known to be a regular file neither empty nor too large: a FIFO, a
    device (a link to ``/dev/zero``) or a socket is refused before a byte of it is read."""
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError("no such file", path=str(p), hint="check the path") from None
    except OSError as exc:
        raise InputError(f"cannot read it ({exc.strerror})", path=str(p)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a folder, not a report file", path=str(p))
    if not stat.S_ISREG(st.st_mode):
        raise InputError("is not a regular file (a pipe, a device or a socket), so it is not read", path=str(p),
                         hint="give a report file")
    size = st.st_size
    if size == 0:
        raise InputError("the file is empty", path=str(p), hint="give a report with text in it")
    if size > MAX_BYTES:
        raise InputError(f"the file is {size / 1_048_576:.0f} MB, above the limit of {MAX_BYTES // 1_048_576} MB",
                         path=str(p), hint="split it into reports")
    return size


def _too_long(p: Path) -> InputError:
    return InputError(f"the text is longer than the limit of {MAX_CHARS:,} characters (about 30 reports)",
                      path=str(p), hint="split it into one file per report")

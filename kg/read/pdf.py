"""The text of a PDF report: its text layer, page by page, with lines joined back into paragraphs from the layout
(a line reaching the right margin goes on in the next one unless that is indented) and page numbers dropped.
pdfplumber is imported only when a PDF is read."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from statistics import median

from kg.errors import InputError, KgError, require
from kg.read.blocks import paragraphs_to_text

__all__ = ["MAX_PAGES", "read_pdf_text"]

MAX_PAGES = 2000
_PAGE_NUMBER = re.compile(r"^[-—–_\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–_\s]*$")


def read_pdf_text(path: str | Path, max_chars: int) -> str:
    """The text layer of a PDF, page by page, as paragraphs; refuses scanned PDFs and unreadable ones."""
    with open(path, "rb") as fh:
        if b"%PDF-" not in fh.read(1024):
            raise InputError("not a PDF file (no %PDF header)", path=str(path), hint="check the file and its extension")
    pdfplumber = require("pdfplumber", "pdf", "reading a PDF", path=str(path))

    pages: list[list[dict]] = []
    chars = 0
    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise InputError(f"the PDF has {len(pdf.pages)} pages, above the limit of {MAX_PAGES}",
                                 path=str(path), hint="split it into reports")
            for page in pdf.pages:
                lines = _page_lines(page)
                pages.append(lines)
                chars += sum(len(line["text"]) for line in lines)
                page.close()
                if chars > max_chars:
                    raise InputError(f"the PDF holds more than {max_chars:,} characters of text",
                                     path=str(path), hint="split it into reports")
    except KgError:
        raise
    except Exception as exc:  # pdfminer raises many kinds of error on a damaged or encrypted file
        raise InputError(f"cannot read this PDF ({_reason(exc)})", path=str(path),
                         hint="check that it opens in a PDF viewer and is not password-protected") from exc
    return _pdf_text(pages, str(path))


def _page_lines(page) -> list[dict]:
    lines = page.filter(_first_copies()).extract_text_lines(return_chars=True, strip=True)
    out = [{"text": line["text"], "x0": line["x0"], "x1": line["x1"], "top": line["top"],
            "bottom": line["bottom"], "size": median(c["size"] for c in line["chars"]) if line["chars"] else 0}
           for line in lines if line["text"].strip()]
    while out and _PAGE_NUMBER.match(out[-1]["text"]):
        out.pop()
    while out and _PAGE_NUMBER.match(out[0]["text"]):
        out.pop(0)
    return out


def _first_copies():
    """A filter keeping the first of the copies of a character drawn again within 1 pt, as a bold faked
    by overprinting is (pdfplumber's ``dedupe_chars`` does this too, at twice the cost of parsing)."""
    seen: dict[tuple[str, int], list[float]] = {}

    def first(obj: dict) -> bool:
        if obj.get("object_type") != "char":
            return True
        xs = seen.setdefault((obj["text"], round(obj["top"])), [])
        if any(abs(obj["x0"] - x) <= 1 for x in xs):
            return False
        xs.append(obj["x0"])
        return True
    return first


def _reason(exc: BaseException) -> str:
    """What went wrong, in a few words: the innermost error pdfplumber wraps, or 'it is encrypted'."""
    for _ in range(5):
        if str(exc) and type(exc).__name__ != "PdfminerException":
            break
        inner = next((a for a in exc.args if isinstance(a, BaseException)), None) or exc.__cause__ or exc.__context__
        if inner is None:
            break
        exc = inner
    name = type(exc).__name__
    if "Password" in name or "Encrypt" in name:
        return "it is encrypted"
    return f"{name}: {exc}"[:120] if str(exc) else name


def _pdf_text(pages: list[list[dict]], path: str) -> str:
    lines = [line for page in pages for line in page]
    if not lines:
        raise InputError("the PDF has no text layer (a scanned document?)", path=path,
                         hint="run OCR on it first, e.g. `ocrmypdf -l chi_sim in.pdf out.pdf`, then build out.pdf")
    text = "".join(line["text"] for line in lines)
    if text.count("(cid:") * 6 > len(text) * 0.1:
        raise InputError("the PDF's fonts carry no Unicode map, so its text layer cannot be read", path=path,
                         hint="run OCR on it first, e.g. `ocrmypdf --force-ocr -l chi_sim in.pdf out.pdf`")
    left = Counter(round(line["x0"]) for line in lines).most_common(1)[0][0]
    right = sorted(line["x1"] for line in lines)[int(len(lines) * 0.9)]
    paragraphs: list[str] = []
    previous = None
    for page in pages:
        gap = _usual_gap(page)
        for i, line in enumerate(page):
            if previous is not None and _goes_on(previous, line, left, right, gap if i else None):
                paragraphs[-1] = _join_words(paragraphs[-1], line["text"])
            else:
                paragraphs.append(line["text"])
            previous = line
    return paragraphs_to_text([(0, p) for p in paragraphs])


def _usual_gap(page: list[dict]) -> float:
    gaps = [b["top"] - a["bottom"] for a, b in zip(page, page[1:]) if b["top"] > a["bottom"]]
    return median(gaps) if gaps else 0.0


def _is_full(line: dict, right: float) -> bool:
    return line["x1"] >= right - 1.5 * max(line["size"], 1.0)


def _goes_on(previous: dict, line: dict, left: float, right: float, gap: float | None) -> bool:
    """True when ``line`` continues the paragraph of ``previous``: that reached the right margin, and
    ``line`` is neither indented, nor in another font size, nor set apart by a wider gap (``gap`` is
    None at the top of a page)."""
    size = max(line["size"], 1.0)
    if not _is_full(previous, right) or line["x0"] > left + 1.5 * size or abs(line["size"] - previous["size"]) > 0.5:
        return False
    return gap is None or line["top"] - previous["bottom"] <= gap + 0.5 * size


def _join_words(text: str, more: str) -> str:
    """Join two lines of one paragraph: a space only between two Latin words.

    >>> _join_words("增长5.", "2%"), _join_words("the annual", "report")
    ('增长5.2%', 'the annual report')
    """
    if not text:
        return more
    return text + (" " if text[-1].isascii() and text[-1].isalpha() and more[:1].isascii() and more[:1].isalpha()
                   else "") + more

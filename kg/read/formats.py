"""Extract the plain text of PDF, Word (.docx) and HTML reports, the text that ``read.py`` then normalises.

The text each reader returns is what govkg calls the report's original text
(``Report.raw``) for these formats, and what ``gk:start``/``gk:end`` count in:
one paragraph per line, a blank line between paragraphs, headings as markdown
``#`` lines (``## 一、…``), table rows as cells joined by `` | ``. For a PDF,
the lines of the text layer are joined back into paragraphs from the layout
(a line reaching the right margin goes on in the next one unless that is
indented); page numbers in the margins are dropped. Each library is imported
inside its reader, so a build of text files never pays for them.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path
from statistics import median

from kg.errors import InputError, KgError

__all__ = ["MAX_PAGES", "read_pdf_text", "read_docx_text", "html_to_text", "paragraphs_to_text"]

MAX_PAGES = 2000
_MAX_XML_BYTES = 200 * 1024 * 1024  # the unzipped document.xml of a .docx
_PAGE_NUMBER = re.compile(r"^[-—–_\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–_\s]*$")
_HEADING_STYLE = re.compile(r"(?i)^(?:heading|标题)\s*(\d)$")
_TITLE_STYLES = {"title", "标题"}
_WIDGET = re.compile(r"^[【\[]?\s*(?:字[体号]\s*[:：]?\s*[大中小\s]+|打印本页|打印|关闭窗口|关闭|分享到.{0,30}|扫一扫.{0,20})\s*[】\]]?$")


def paragraphs_to_text(blocks: list[tuple[int, str]]) -> str:
    """Join ``(heading level, text)`` blocks into govkg's plain-text form (level 0: a paragraph).

    >>> print(paragraphs_to_text([(1, "2019年工作回顾"), (0, "经济平稳。"), (2, "一、抓项目")]))
    # 2019年工作回顾
    <BLANKLINE>
    经济平稳。
    <BLANKLINE>
    ## 一、抓项目
    """
    lines = []
    for level, text in blocks:
        text = " ".join(text.split())
        if text:
            lines.append(f"{'#' * min(level, 6)} {text}" if level else text)
    return "\n\n".join(lines)


# --- PDF ------------------------------------------------------------------------------------------

def read_pdf_text(path: str | Path, max_chars: int) -> str:
    """The text layer of a PDF, page by page, as paragraphs; refuses scanned PDFs and unreadable ones."""
    with open(path, "rb") as fh:
        if b"%PDF-" not in fh.read(1024):
            raise InputError("not a PDF file (no %PDF header)", path=str(path), hint="check the file and its extension")
    import pdfplumber

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


# --- Word -----------------------------------------------------------------------------------------

def read_docx_text(path: str | Path) -> str:
    """The paragraphs, headings (from heading styles or outline levels) and tables of a .docx file, in order."""
    _check_docx(path)
    import docx
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


# --- HTML -----------------------------------------------------------------------------------------

_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "form",
              "button", "select", "input", "textarea", "nav", "header", "footer", "aside", "menu", "head")
_BOILERPLATE = re.compile(
    r"(?i)(?:^|[\s_-])(?:nav|navbar|navigation|menu|menus|breadcrumbs?|crumbs?|footer|foot|bottom|copyright|"
    r"sidebar|side|aside|banner|topbar|header|head|share|bdshare|toolbar|tools|search|login|links?|friend|"
    r"related|recommend|ad|ads|advert|position|location|dqwz|print|qrcode|erweima)(?:$|[\s_-]|\d)")
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "table", "tbody",
               "thead", "tr", "blockquote", "pre", "center", "body", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th"}
_HEADINGS = {f"h{i}": i for i in range(1, 7)}


def html_to_text(html: str) -> str:
    """The main text of a web page: menus, navigation, sidebars and footers dropped, headings kept as ``#`` lines.

    >>> page = ('<html><body><div class="nav"><a href="/">首页</a> <a href="/zw">政务公开</a></div>'
    ...         '<div class="content"><h2>一、抓项目</h2><p>全年完成地区生产总值820亿元，增长7.6%。</p>'
    ...         '<p>工业总产值1360亿元。</p></div><div class="footer">版权所有 某某人民政府</div></body></html>')
    >>> print(html_to_text(page))
    ## 一、抓项目
    <BLANKLINE>
    全年完成地区生产总值820亿元，增长7.6%。
    <BLANKLINE>
    工业总产值1360亿元。
    """
    import lxml.etree
    import lxml.html

    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):  # nothing but markup, or no markup at all
        return ""
    title = _first_heading(root)
    _drop_boilerplate(root)
    main = _main_block(root)
    blocks: list[tuple[int, str]] = []
    _walk(main, blocks)
    blocks = [(level, text) for level, text in blocks if not _WIDGET.match(" ".join(text.split()))]
    if title is not None and not any(" ".join(t.split()) == title[1] for _, t in blocks[:5]):
        blocks.insert(0, title)
    return paragraphs_to_text(blocks)


def _first_heading(root) -> tuple[int, str] | None:
    for h in root.iter("h1"):
        text = " ".join(h.text_content().split())
        if text:
            return 1, text
    return None


def _drop_boilerplate(root) -> None:
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments and processing instructions
            doomed.append(el)
        elif el.tag in _DROP_TAGS or el.get("role") in ("navigation", "banner", "contentinfo", "menu"):
            doomed.append(el)
        elif el.tag not in ("html", "body") and _BOILERPLATE.search(f"{el.get('class', '')} {el.get('id', '')}"):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _main_block(root):
    """The element holding most of the page's prose: each paragraph scores its length (less its links'
    text) to its parent, and half of it to its grandparent."""
    scores: dict = {}
    for el in root.iter("p", "div", "td", "li", "pre", "section", "article", "font", "span"):
        own = _letters(_own_text(el))
        if own < 10:
            continue
        weight = own - sum(_letters(a.text_content()) for a in el.iter("a"))
        if weight < own * 0.7:  # mostly links: a menu or a list of other pages
            continue
        parent = el.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + weight
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0) + weight / 2
    body = root.find("body")
    if not scores:
        return body if body is not None else root
    return max(scores, key=scores.get)


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalnum())


def _own_text(el) -> str:
    """Text directly in ``el`` and its inline children (not in nested blocks)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _BLOCK_TAGS:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return "".join(parts).strip()


def _walk(el, blocks: list[tuple[int, str]]) -> None:
    """Append ``el``'s blocks in document order: headings, paragraphs and table rows."""
    if el.tag == "tr" and not any(d.tag in _BLOCK_TAGS or d.tag == "br" for c in el for d in c.iterdescendants()):
        cells = [" ".join(c.text_content().split()) for c in el if c.tag in ("td", "th")]
        blocks.append((0, " | ".join(c for c in cells if c)))
        return
    if el.tag in _HEADINGS:
        blocks.append((_HEADINGS[el.tag], el.text_content()))
        return
    line = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):
            line.append(child.tail or "")
        elif child.tag == "br":
            blocks.append((0, "".join(line)))
            line = [child.tail or ""]
        elif child.tag in _BLOCK_TAGS:
            blocks.append((0, "".join(line)))
            _walk(child, blocks)
            line = [child.tail or ""]
        else:
            line.extend((child.text_content(), child.tail or ""))
    blocks.append((0, "".join(line)))

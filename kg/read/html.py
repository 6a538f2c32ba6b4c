"""The text of a web page: the main block of the page (not its menus, footers and widgets), headings kept as
``#`` lines. lxml is imported only when a page is read."""

from __future__ import annotations

import re

from kg.errors import InputError, require
from kg.read.blocks import paragraphs_to_text

__all__ = ["html_to_text"]

_WIDGET = re.compile(r"^[【\[]?\s*(?:字[体号]\s*[:：]?\s*[大中小\s]+|打印本页|打印|关闭窗口|关闭|分享到.{0,30}|扫一扫.{0,20})\s*[】\]]?$")
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
    require("lxml.html", "html", "reading a web page")
    import lxml.etree
    import lxml.html

    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError):  # nothing but markup, or no markup at all
        return ""
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):  # its text would be silently lost
        raise InputError("the page nests its markup too deeply for the HTML reader (more than 256 levels), so its "
                         "text cannot be read", hint="save the page's text as a .txt file and build that")
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

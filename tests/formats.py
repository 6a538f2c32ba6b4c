"""Write a markdown report as a PDF (with a CJK font), a Word file (with heading styles) or a web page
(with menus, a sidebar and a footer around it), so that tests make their fixtures at test time."""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

__all__ = ["cjk_font", "cjk_ttfont", "blocks", "write_pdf", "write_scanned_pdf", "write_docx", "page_html"]

_FONTS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
          "/usr/share/fonts/truetype/arphic/uming.ttc", "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")


def cjk_font() -> Path | None:
    """A TrueType font with Chinese glyphs that reportlab can embed (the Makefile installs fonts-wqy-microhei)."""
    found = [Path(f) for f in _FONTS]
    if shutil.which("fc-list"):
        listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout
        found += [Path(line.split(":")[0]) for line in listed.splitlines() if line.strip().endswith(":")]
    return next((f for f in dict.fromkeys(found) if f.is_file() and _embeddable(f)), None)


def _embeddable(font: Path) -> bool:
    """True for a TrueType font reportlab can embed (not CFF outlines, as in Noto CJK)."""
    from reportlab.pdfbase.ttfonts import TTFError

    try:
        cjk_ttfont("probe", font)
    except (TTFError, OSError, ValueError):
        return False
    return True


def cjk_ttfont(name: str, font: Path):
    """reportlab's TTFont of ``font`` (the first face of a .ttc collection)."""
    from reportlab.pdfbase.ttfonts import TTFont

    return TTFont(name, str(font), subfontIndex=0) if font.suffix.lower() == ".ttc" else TTFont(name, str(font))


def blocks(markdown: str) -> list[tuple[int, str]]:
    """``(heading level, text)`` of each paragraph of a markdown report, markers removed."""
    out = []
    for line in markdown.splitlines():
        if not line.strip():
            continue
        level = len(line) - len(line.lstrip("#")) if line.startswith("#") else 0
        out.append((level, line.lstrip("#").replace("**", "").strip()))
    return out


def write_pdf(markdown: str, path: Path, font: Path, size: float = 12) -> Path:
    """An A4 PDF set like a printed report: indented paragraphs wrapped at the margin, page numbers below."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(cjk_ttfont("cjk", font))
    width, height = A4
    margin, lead = 72, size * 1.7
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    state = {"y": height - margin, "page": 1}

    def line(text: str, x: float, font_size: float = size) -> None:
        if state["y"] < margin:
            c.setFont("cjk", 9)
            c.drawCentredString(width / 2, 40, f"— {state['page']} —")
            c.showPage()
            state["y"], state["page"] = height - margin, state["page"] + 1
        c.setFont("cjk", font_size)
        c.drawString(x, state["y"], text)
        state["y"] -= lead

    for level, text in blocks(markdown):
        if level:
            line(text, margin, size + 2)
            continue
        current, x, room = "", margin + 2 * size, width - 2 * margin - 2 * size
        for ch in text:
            if pdfmetrics.stringWidth(current + ch, "cjk", size) > room:
                line(current, x)
                current, x, room = "", margin, width - 2 * margin
            current += ch
        line(current, x)
    c.setFont("cjk", 9)
    c.drawCentredString(width / 2, 40, f"— {state['page']} —")
    c.save()
    return path


def write_scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF of page images only, as a scanner makes: no text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(pages):
        for row in range(40):  # grey bars standing in for scanned lines of text
            c.setFillGray(0.3)
            c.rect(72, 760 - row * 17, 450 - (row % 5) * 30, 9, stroke=0, fill=1)
        c.showPage()
    c.save()
    return path


def write_docx(markdown: str, path: Path) -> Path:
    """A Word file whose headings carry Word's own heading styles (Heading 1–3) and whose paragraphs are plain."""
    import docx

    document = docx.Document()
    for level, text in blocks(markdown):
        if level:
            document.add_heading(text, level=min(level, 3))
        else:
            document.add_paragraph(text)
    document.save(str(path))
    return path


def page_html(markdown: str, charset: str = "utf-8") -> str:
    """A government web page: header, menu, breadcrumb, sidebar and footer around the report's text."""
    tag = {1: "h1", 2: "h2", 3: "h3", 4: "h4"}
    body = []
    for level, text in blocks(markdown):
        text = html.escape(text)
        body.append(f"<{tag[min(level, 4)]}>{text}</{tag[min(level, 4)]}>" if level
                    else f'<p style="text-indent:2em">{text}</p>')
    menu = "".join(f'<li><a href="/{i}">{w}</a></li>' for i, w in enumerate(
        ["首页", "政务公开", "政务服务", "互动交流", "走进本镇", "专题专栏"]))
    related = "".join(f'<li><a href="/doc/{i}">关于印发{w}的通知</a></li>' for i, w in enumerate(
        ["年度重点工作任务分解方案", "优化营商环境若干措施", "民生实事项目计划"]))
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}"><title>政府工作报告_某镇人民政府</title>
<style>.nav li {{ display: inline }}</style><script>var _hmt = _hmt || [];</script></head>
<body>
<div class="top"><a href="/">某镇人民政府门户网站</a> <a href="/en">English</a> <a href="/wza">无障碍</a></div>
<div class="header"><img src="logo.png" alt="logo"><form class="search"><input name="q"> 搜索</form></div>
<ul class="nav">{menu}</ul>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政府工作报告</div>
<div class="main">
  <div class="sidebar"><h3>相关文件</h3><ul>{related}</ul></div>
  <div class="article">
    <div class="info">发布时间：2020-01-15 来源：本站 【字体：大 中 小】</div>
    <div class="TRS_Editor">
{chr(10).join(body)}
    </div>
    <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
    <div class="tools"><a href="javascript:print()">打印本页</a> <a href="javascript:close()">关闭窗口</a></div>
  </div>
</div>
<div class="footer"><p>主办单位：某镇人民政府办公室 联系电话：0512-12345678</p>
<p>版权所有 某镇人民政府 网站标识码 3205830001 备案号：苏ICP备12345678号</p></div>
</body></html>
"""


def write_styled_docx(path: Path, styles: int, paragraphs: int, style_bytes: int = 0) -> Path:
    """A .docx of ``paragraphs`` short paragraphs spread over ``styles`` paragraph styles (a styles.xml padded to
    ``style_bytes``), written straight into the package: what python-docx would take minutes to make."""
    import io
    import zipfile

    import docx

    template = io.BytesIO()
    docx.Document().save(template)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    defined = "".join(f'<w:style w:type="paragraph" w:styleId="S{i}"><w:name w:val="Style {i}"/></w:style>'
                      for i in range(styles))
    padding = f"<!--{'x' * max(0, style_bytes - len(defined))}-->" if style_bytes else ""
    body = "".join(f'<w:p><w:pPr><w:pStyle w:val="S{i % styles}"/></w:pPr><w:r><w:t>第{i}段。</w:t></w:r></w:p>'
                   for i in range(paragraphs))
    replaced = {"word/styles.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:styles {w}>{defined}</w:styles>{padding}',
                "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document {w}><w:body>{body}</w:body>'
                                     "</w:document>"}
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for item in source.infolist():
            data = replaced.get(item.filename)
            package.writestr(item.filename, data.encode("utf-8") if data is not None else source.read(item.filename))
    return path

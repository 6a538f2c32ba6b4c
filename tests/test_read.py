"""Reading: decoding, normalisation, the map back to the original text, and the PDF, Word and HTML readers.

The readers' fixtures are written at test time from the seed report (``tests/formats.py``):
a PDF set with a CJK font, a Word file with heading styles, a web page with menus and a footer.
Read through each, the seed must give the same sections and nearly the same entities and
indicators as the text file.
"""

import codecs
import os
import sys

import pytest

import kg
from kg.errors import DecodeError, InputError
from kg.read.decode import decode_bytes, decode_html
from kg.read.normalise import normalise, to_halfwidth, to_simplified
from kg.read.report import parse_report, read_report
from kg.read.docx import read_docx_text
from kg.read.html import html_to_text
from kg.read.pdf import _pdf_text, read_pdf_text

from .conftest import SEED
from .formats import blocks, cjk_font, cjk_ttfont, page_html, write_docx, write_pdf

SEED_MD = SEED.read_text(encoding="utf-8")
TRADITIONAL = "各位代表：現在，我代表市人民政府向大會報告工作。全年地區生產總值增長7.6%，實現穩中有進。"


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "gb18030", "big5", "utf-16"])
def test_decodes_common_encodings(encoding):
    text = "二、2020年工作安排\n地区生产总值880亿元。" if encoding != "big5" else TRADITIONAL
    data = text.encode(encoding)
    decoded, _ = decode_bytes(data)
    assert decoded == text


def test_utf8_bom_is_not_part_of_the_text():
    decoded, enc = decode_bytes(codecs.BOM_UTF8 + "报告".encode())
    assert decoded == "报告" and enc == "utf-8-sig"


def test_binary_and_empty_files_are_refused():
    with pytest.raises(DecodeError):
        decode_bytes(b"\x00\x01\x02PNG" * 10)
    with pytest.raises(InputError):
        decode_bytes(b"   \n")


def test_page_break_inside_a_word_is_rejoined():
    raw = "顺利完成年度目标任务。全年预计完成地\n\n区生产总值 820 亿元,增长 7.6%。\n\n新的一段。"
    text, _ = normalise(raw)
    assert text.split("\n")[0] == "顺利完成年度目标任务。全年预计完成地区生产总值820亿元,增长7.6%。"
    assert text.split("\n")[1] == "新的一段。"


def test_headings_are_never_joined_to_the_next_line():
    text, _ = normalise("## 2019 年工作回顾\n\n### **一、千方百计争项目、强产业**\n\n实体经济健康发展。")
    assert text.split("\n") == ["2019年工作回顾", "一、千方百计争项目、强产业", "实体经济健康发展。"]


def test_markdown_markers_and_fullwidth_forms_are_normalised():
    text, _ = normalise("**生态环境颜值提升。**完成投资<sub>８２０</sub>亿元，增长７．６％")
    assert text == "生态环境颜值提升。完成投资820亿元,增长7.6%"


def maps_back(report) -> bool:
    """Every analysed character stands for its original one: the same, its half-width or simplified form."""
    import opencc

    simplified = opencc.OpenCC("t2s").convert
    for i, ch in enumerate(report.text):
        original = report.raw[report.offsets[i]] if ch != "\n" else "\n"
        if ch not in (original, to_halfwidth(original), simplified(original)) and not (ch == " " and original.isspace()):
            return False
    return True


def test_every_analysed_character_maps_back_to_the_original():
    raw = "# 标题\n\n　　全年完成地\n\n区生产总值 ８２０ 亿元，**增长**。"
    report = parse_report(raw)
    assert maps_back(report)
    a, b = report.raw_span(report.text.index("区生产"), report.text.index("亿元") + 2)
    assert raw[a:b] == "区生产总值 ８２０ 亿元"


def test_traditional_text_is_read_simplified_with_offsets_into_the_original():
    report = parse_report("## 二〇二〇年工作安排\n\n" + TRADITIONAL)
    assert "全年地区生产总值增长7.6%,实现稳中有进。" in report.text
    assert maps_back(report)
    start = report.text.index("地区生产总值")
    assert report.raw_text(start, start + 6) == "地區生產總值"


def test_simplified_text_is_left_alone():
    # OpenCC would turn the place-name character 昇 into 升; a simplified report is never converted
    assert to_simplified("宝昇路改造完成。地区生产总值增长。") == "宝昇路改造完成。地区生产总值增长。"


def test_seed_reads_with_its_name(seed_extraction):
    assert seed_extraction.report.name == "000_55331ebdb0be2b0e.txt"
    assert "地区生产总值820亿元" in seed_extraction.report.text


def test_a_web_page_declaring_gb2312_is_read_as_gb18030():
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
    text, enc = decode_html((page + "<p>朱镕基</p></html>").encode("gb18030"))  # 镕 is GBK, not GB2312
    assert "朱镕基" in text and enc == "gb18030"


# --- the readers --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def font():
    found = cjk_font()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("no CJK TrueType font: `make test` installs fonts-wqy-microhei")
        pytest.skip("no CJK TrueType font (install fonts-wqy-microhei)")
    return found


@pytest.fixture(scope="module")
def seed_files(tmp_path_factory, font):
    folder = tmp_path_factory.mktemp("formats")
    (folder / "seed.html").write_text(page_html(SEED_MD), encoding="utf-8")
    return {"pdf": write_pdf(SEED_MD, folder / "seed.pdf", font), "docx": write_docx(SEED_MD, folder / "seed.docx"),
            "html": folder / "seed.html"}


def _summary(x):
    sections = [(a.key, a.kind, a.title) for a in x.structure.areas if a.kind in ("part", "section")]
    entities = {(e.name, e.etype) for e in x.entities}
    indicators = {(o.indicator, o.value, o.unit, o.year, o.status, o.growth) for o in x.observations}
    return sections, entities, indicators


def _overlap(a: set, b: set) -> float:
    return len(a & b) / max(1, len(a | b))


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_each_format_gives_the_seeds_sections_entities_and_indicators(fmt, seed_files, seed_extraction):
    x = kg.extract_file(seed_files[fmt])
    sections, entities, indicators = _summary(x)
    text_sections, text_entities, text_indicators = _summary(seed_extraction)
    assert sections == text_sections
    assert x.structure.meta == seed_extraction.structure.meta
    assert _overlap(entities, text_entities) >= 0.97, (text_entities - entities, entities - text_entities)
    assert _overlap(indicators, text_indicators) >= 0.97, (text_indicators - indicators, indicators - text_indicators)
    assert maps_back(x.report)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_offsets_point_into_the_extracted_text(fmt, seed_files):
    report = read_report(seed_files[fmt])
    start = report.text.index("区生产总值820亿元")
    a, b = report.raw_span(start, start + len("区生产总值820亿元"))
    assert report.raw[a:b] == "区生产总值 820 亿元"


def test_pdf_lines_are_joined_into_paragraphs_and_page_numbers_dropped(seed_files):
    raw = read_pdf_text(seed_files["pdf"], max_chars=10**6)
    paragraphs = raw.split("\n\n")
    assert [p for p in paragraphs if p.startswith("实体经济健康发展。")][0].endswith("增长 408%。")
    assert not any(p.startswith("—") and p.endswith("—") for p in paragraphs)
    assert len(paragraphs) == len(blocks(SEED_MD))


def _line(text, x0, x1, top, size=12.0):
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + size, "size": size}


def test_pdf_paragraphs_of_a_justified_page_without_indents():
    # no first-line indents: a short line ends a paragraph, a line in another size is a heading,
    # a paragraph reaching the margin at the foot of a page goes on at the top of the next
    page1 = [_line("一、抓项目", 72, 520, 72, 16), _line("全年地区生产总值增长7.6%,工业总产值", 72, 520, 100),
             _line("增长6.2%。", 72, 200, 118), _line("新的一段从这里开始,一直写到页边为止", 72, 520, 136),
             _line("隔开的一段", 72, 520, 166), _line("又一段。", 72, 130, 184)]
    page2 = [_line("写完。", 72, 110, 72)]
    text = _pdf_text([page1, page2], "x.pdf")
    assert text.split("\n\n") == ["一、抓项目", "全年地区生产总值增长7.6%,工业总产值增长6.2%。", "新的一段从这里开始,一直写到页边为止",
                                   "隔开的一段又一段。", "写完。"]


def test_pdf_text_in_unmapped_fonts_is_refused():
    with pytest.raises(InputError, match="no Unicode map"):
        _pdf_text([[_line("(cid:12)(cid:845)(cid:33)" * 5, 72, 520, 100)]], "x.pdf")


def test_pdf_bold_faked_by_overprinting_is_read_once(tmp_path, font):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(cjk_ttfont("cjk", font))
    c = canvas.Canvas(str(tmp_path / "bold.pdf"))
    c.setFont("cjk", 16)
    for dx in (0, 0.3, 0.6):
        c.drawString(72 + dx, 720, "一、千方百计争项目")
    c.setFont("cjk", 12)
    c.drawString(72, 690, "实体经济健康发展。")
    c.save()
    assert read_pdf_text(tmp_path / "bold.pdf", max_chars=1000) == "一、千方百计争项目\n\n实体经济健康发展。"


def test_pdf_reading_stops_at_the_character_limit(seed_files):
    with pytest.raises(InputError, match="more than 1,000 characters"):
        read_pdf_text(seed_files["pdf"], max_chars=1000)


def test_docx_heading_styles_become_heading_lines(seed_files):
    raw = read_docx_text(seed_files["docx"])
    assert "## 2019 年工作回顾" in raw.split("\n")
    assert "### 一、千方百计争项目、强产业,经济发展稳中有进、态势强劲" in raw.split("\n")


def test_docx_keeps_tables_and_chinese_heading_style_names(tmp_path):
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    document.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("一、经济发展", style="标题 2")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[1].cells, ["地区生产总值", "820亿元", "增长7.6%"]):
        cell.text = text
    document.add_paragraph("全年经济平稳。")
    document.save(tmp_path / "t.docx")
    raw = read_docx_text(tmp_path / "t.docx")
    assert raw.split("\n\n") == ["## 一、经济发展", "地区生产总值 | 820亿元 | 增长7.6%", "全年经济平稳。"]


def test_html_keeps_the_report_and_drops_the_page_around_it():
    raw = html_to_text(page_html(SEED_MD))
    for boilerplate in ("首页", "当前位置", "相关文件", "版权所有", "打印本页", "分享到", "字体", "var _hmt"):
        assert boilerplate not in raw
    assert raw.startswith("# 政 府 工 作 报 告")
    assert raw.split("\n\n") == [("#" * level + " " if level else "") + text for level, text in blocks(SEED_MD)]


def test_html_of_an_old_table_layout_site():
    links = "".join(f'<a href="/{i}">栏目{i}</a> | ' for i in range(12))
    page = (f'<html><body><table><tr><td class="x">{links}</td></tr><tr><td width="200">{links}</td>'
            '<td><div id="zoom">　　各位代表：<br>　　现在，我代表区人民政府向大会报告工作。<br>'
            '　　全年地区生产总值增长7.6%。</div></td></tr></table>'
            '<table><tr><td>Copyright 2020 区政府 地址：某某路1号</td></tr></table></body></html>')
    assert html_to_text(page).split("\n\n") == ["各位代表：", "现在，我代表区人民政府向大会报告工作。", "全年地区生产总值增长7.6%。"]


# --- a plain `pip install govkg`: the readers of other formats are extras ------------------------------------

@pytest.mark.parametrize("fmt, module, extra", [("pdf", "pdfplumber", "pdf"), ("docx", "docx", "docx"),
                                                ("html", "lxml.html", "html")])
def test_a_format_whose_reader_is_not_installed_names_the_extra_to_install(fmt, module, extra, seed_files,
                                                                           monkeypatch):
    monkeypatch.setitem(sys.modules, module, None)  # what `import` meets when the package is not installed
    with pytest.raises(InputError) as caught:
        read_report(seed_files[fmt])
    assert f"needs the package {module.split('.')[0]}, which is not installed" in str(caught.value)
    assert f"pip install 'govkg[{extra}]'" in str(caught.value)


def test_the_binary_file_hint_names_every_readable_suffix():
    from kg.read.decode import _READABLE_HINT
    from kg.read.report import READABLE_SUFFIXES

    assert all(suffix in _READABLE_HINT for suffix in (".txt", ".md", ".html", ".pdf", ".docx"))
    assert {".txt", ".md", ".html", ".pdf", ".docx"} <= set(READABLE_SUFFIXES)


# ---- Word packages that unpack to far more than they weigh ----

def test_a_word_style_is_looked_up_once_not_once_per_paragraph(tmp_path, monkeypatch):
    import kg.read.docx as word
    from .formats import write_styled_docx

    path = write_styled_docx(tmp_path / "styled.docx", styles=300, paragraphs=3000)
    looked_up = []
    original = word._style_levels
    monkeypatch.setattr(word, "_style_levels", lambda style: looked_up.append(style) or original(style))
    text = word.read_docx_text(path)
    assert text.count("段。") == 3000
    assert len(looked_up) == 300  # python-docx searches the styles on each lookup: 3,000 searches became 300


def test_a_word_part_that_unpacks_too_large_is_refused_before_parsing(tmp_path, monkeypatch):
    import kg.read.docx as word
    from .formats import write_styled_docx

    path = write_styled_docx(tmp_path / "bomb.docx", styles=3, paragraphs=10, style_bytes=300_000)
    monkeypatch.setattr(word, "MAX_PART_BYTES", 200_000)
    monkeypatch.setattr(word, "require", lambda *a, **k: pytest.fail("parsed before the sizes were checked"))
    with pytest.raises(InputError, match="its part word/styles.xml unpacks to"):
        word.read_docx_text(path)


def test_a_word_file_with_too_many_paragraphs_is_refused_before_parsing(tmp_path, monkeypatch):
    import kg.read.docx as word
    from .formats import write_styled_docx

    path = write_styled_docx(tmp_path / "many.docx", styles=3, paragraphs=2500)
    monkeypatch.setattr(word, "MAX_PARAGRAPHS", 2000)
    monkeypatch.setattr(word, "require", lambda *a, **k: pytest.fail("parsed before the paragraphs were counted"))
    with pytest.raises(InputError, match="more than 2,000 paragraphs"):
        word.read_docx_text(path)


def test_a_word_file_stops_being_read_once_its_text_passes_the_limit(tmp_path):
    import kg.read.docx as word
    from .formats import write_styled_docx

    path = write_styled_docx(tmp_path / "long.docx", styles=3, paragraphs=2000)
    with pytest.raises(InputError, match="longer than the limit of 1,000 characters"):
        word.read_docx_text(path, max_chars=1000)

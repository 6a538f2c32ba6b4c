"""Fuzzing the reading and structure stages with hypothesis: random Unicode, random markdown and random
numbering never crash them, and every offset stays inside its text.

Bounded to a few seconds in the suite; ``GOVKG_FUZZ=5000 pytest tests/test_fuzz.py`` digs deeper.
"""

import os

from hypothesis import HealthCheck, given, settings, strategies as st

from kg.errors import KgError
from kg.read.decode import decode_bytes
from kg.read.report import parse_report
from kg.read.html import html_to_text
from kg.structure import read_structure

FUZZ = settings(max_examples=int(os.environ.get("GOVKG_FUZZ", 300)), deadline=None, suppress_health_check=[HealthCheck.too_slow])

HAN = "政府工作报告回顾安排年经济发展项目企业增长亿元万吨村镇区县市省园工程建设行动計劃國會發這個們為與對區業實現"
NUMBERING = ["一、", "二、", "十一、", "（一）", "（二）", "(三)", "1.", "2.", "1、", "3、", "(1)", "第一部分", "第二章",
             "2019年工作回顾", "2020年工作安排", "今年工作", "各位代表：", "——", "# ", "## ", "### ", "> ", "- ",
             "* ", "**", "`", "<sub>", "</sub>", "---", "１２３", "８２０亿元", "增长7.6%", "。", "，", "、", "　", " "]
BREAKS = ["\n", "\n\n", "\r\n", "\r", "\n\n\n"]

words = st.text(alphabet=st.sampled_from(HAN), min_size=0, max_size=30)
lines = st.lists(st.one_of(st.sampled_from(NUMBERING), words), min_size=0, max_size=6).map("".join)
markdown = st.lists(st.tuples(lines, st.sampled_from(BREAKS)), min_size=1, max_size=40).map(
    lambda pairs: "".join(a + b for a, b in pairs))


def check_report(raw: str) -> None:
    """Read ``raw`` and its structure; every offset lies inside its text."""
    try:
        report = parse_report(raw)
    except KgError:
        return
    text, offsets = report.text, report.offsets
    assert len(offsets) == len(text) + 1 and offsets[-1] == len(raw)
    assert all(0 <= a < len(raw) for a in offsets[:-1])
    assert all(a <= b for a, b in zip(offsets, offsets[1:]))
    structure = read_structure(report)
    for area in structure.areas:
        assert 0 <= area.start <= area.end <= len(text), area
        a, b = report.raw_span(area.start, area.end)
        assert 0 <= a <= b <= len(raw)
    for s in structure.sentences:
        assert 0 <= s.start <= s.end <= len(text) and text[s.start:s.end] == s.text, s
        assert any(s.area == area.key for area in structure.areas) or not structure.areas


@FUZZ
@given(st.text(max_size=400))
def test_random_unicode(raw):
    check_report(raw)


@FUZZ
@given(markdown)
def test_random_markdown_and_numbering(raw):
    check_report(raw)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_decode_or_are_refused(data):
    try:
        text, encoding = decode_bytes(data)
    except KgError:
        return
    assert isinstance(text, str) and encoding


TAGS = ["p", "div", "h1", "h2", "h3", "li", "ul", "table", "tr", "td", "br", "a", "span", "nav", "footer", "script",
        "div class='menu'", "div id='content'", "b"]
html_pieces = st.lists(st.one_of(
    st.sampled_from(TAGS).map(lambda t: f"<{t}>"), st.sampled_from(TAGS).map(lambda t: f"</{t.split()[0]}>"),
    lines, st.sampled_from(["&nbsp;", "&lt;", "<!-- x -->", "<?xml version='1.0' encoding='gbk'?>", "<br/>"])),
    max_size=60).map("".join)


@FUZZ
@given(html_pieces)
def test_random_html_gives_text_that_reads(page):
    check_report(html_to_text(page))

"""Reading: decoding, normalisation, and the map back to the original text."""

import codecs

import pytest

from kg.errors import DecodeError, InputError
from kg.read import decode_bytes, normalise, parse_report, read_report


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "gb18030"])
def test_decodes_common_encodings(encoding):
    text = "二、2020年工作安排\n地区生产总值880亿元。"
    decoded, _ = decode_bytes(text.encode(encoding))
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


def test_every_analysed_character_maps_back_to_the_original():
    raw = "# 标题\n\n　　全年完成地\n\n区生产总值 ８２０ 亿元，**增长**。"
    report = parse_report(raw)
    for i, ch in enumerate(report.text):
        if ch != "\n":
            original = raw[report.offsets[i]]
            assert original == ch or ord(original) - 0xFEE0 == ord(ch)
    a, b = report.raw_span(report.text.index("区生产"), report.text.index("亿元") + 2)
    assert raw[a:b] == "区生产总值 ８２０ 亿元"


def test_seed_reads_with_its_name(seed_extraction):
    assert seed_extraction.report.name == "000_55331ebdb0be2b0e.txt"
    assert "地区生产总值820亿元" in seed_extraction.report.text


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_report(tmp_path / "nope.txt")

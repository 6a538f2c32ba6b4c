"""The analysed text of a report and its map back to the original: markdown markers dropped, full-width forms made
half-width, spaces next to Chinese characters removed, lines broken mid-sentence joined, traditional characters
made simplified, one for one. Every analysed character keeps its offset in the original text."""

from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

from kg.extract.lexicon import SUMMARY_OPENER

__all__ = ["normalise", "visible", "to_halfwidth", "to_simplified", "is_page_furniture"]

_MD_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s*|>\s?|[-*+]\s+(?=\S))")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_MD_INLINE = re.compile(r"\*\*|__|</?[A-Za-z][^<>]{0,40}>|(?<![\w*])\*(?!\s)|`")
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[部分章节、])")
_TERMINAL = set("。！？!?；;：:…”\"’)）】》」』")


# characters only traditional Chinese writes (never seen in the simplified corpus), common in any report
_TRADITIONAL = frozenset("這個們國會經發為與對區業實現時來過還從進開關動機電產體務義說當應車長門間問題處點種數劃環質優傳統"
                         "營達費際濟員報設農鎮縣億萬歲圍興勞衛網隊")


def to_halfwidth(ch: str) -> str:
    """Map one full-width character to its half-width form; others unchanged.

    >>> "".join(to_halfwidth(c) for c in "８２０亿元，增长７．６％")
    '820亿元,增长7.6%'
    >>> to_halfwidth("\\u3000")
    ' '
    """
    return ch.translate(_HALFWIDTH)


# full-width forms to half-width, and the wide or invisible spaces to a plain space (one character for one)
_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | dict.fromkeys(
    (0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x200B, 0xFEFF), " ")


def _is_wide(ch: str) -> bool:
    return ord(ch) > 0x2E7F


def normalise(raw: str) -> tuple[str, tuple[int, ...]]:
    """Normalise ``raw`` for analysis; return the text and, per character, its offset in ``raw``.

    >>> text, offsets = normalise("## 2019 年工作回顾\\n\\n顺利完成目标任务。全年预计完成地\\n\\n区生产总值 ８２０ 亿元，增长 7.6%。")
    >>> text
    '2019年工作回顾\\n顺利完成目标任务。全年预计完成地区生产总值820亿元,增长7.6%。'
    >>> offsets[text.index("区")]
    33
    >>> normalise("渾南區(qū)人民政府(PPP)")[0]
    '渾南區人民政府(PPP)'
    """
    paragraphs = _without_watermark([p for p in (_clean_line(raw, a, b) for a, b in _line_spans(raw)) if p[0]])
    chars: list[str] = []
    offsets: list[int] = []
    previous: str | None = None
    previous_heading, previous_end = False, 0
    for line, line_offsets, heading in paragraphs:
        if previous is not None:
            if not (_continues(previous, line) and not previous_heading and not heading):
                chars.append("\n")
                offsets.append(previous_end + 1)
        chars.append(line)
        offsets.extend(line_offsets)
        previous, previous_heading, previous_end = line, heading, line_offsets[-1]
    offsets.append(len(raw))
    return "".join(chars), tuple(offsets)


def _without_watermark(paragraphs: list[tuple]) -> list[tuple]:
    """The lines without the mark a crawled site appended to most of them (``一、2021年工作回顾AFi乡村百科--为乡村振兴助力``,
    ``各位代表:heK``): the longest ending of three characters or more, not all punctuation, that at least five
    lines and a third of them share.

    >>> lines = [(t + "heK", range(len(t) + 3), False) for t in ("各位代表:", "一、工作回顾", "投资5亿元。", "新建学校。", "完成。")]
    >>> [line for line, _, _ in _without_watermark(lines)]
    ['各位代表:', '一、工作回顾', '投资5亿元。', '新建学校。', '完成。']
    """
    if len(paragraphs) < 5:
        return paragraphs
    endings = Counter(line[-n:] for line, _, _ in paragraphs for n in range(3, min(len(line), 24) + 1))
    marked = [e for e, n in endings.items() if n >= 5 and n * 3 >= len(paragraphs) and _WORDED.search(e)]
    if not marked:
        return paragraphs
    mark = max(marked, key=len)
    out = []
    for line, offsets, heading in paragraphs:
        if line.endswith(mark) and len(line) > len(mark):
            line, offsets = line[: -len(mark)], list(offsets)[: -len(mark)]
        out.append((line, offsets, heading))
    return out


_WORDED = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def _line_spans(raw: str):
    start = 0
    for match in re.finditer(r"\r\n|\r|\n", raw):
        yield start, match.start()
        start = match.end()
    yield start, len(raw)


# a reading in pinyin after a character, left by a machine conversion of a web page (``鎮(zhèn)``, ``區(qū)``): it
# holds a tone mark, so an abbreviation in brackets (``(GDP)``, ``(ppp)``) is never one
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zA-Zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zA-Zü\u0101-\u01dc]*[)）]")


# control characters (NUL, escapes …) and invisible ones (zero-width spaces, byte-order marks, direction marks): they
# are dropped from the analysed text, the others keeping their offsets, so no name or IRI holds one
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\ufeff]")


def visible(text: str) -> str:
    r"""``text`` without its control and invisible characters (what ``normalise`` drops), for words quoted as written.

    >>> visible("企\x00业\u200b")
    '企业'
    """
    return _CONTROL.sub("", text)


def _clean_line(raw: str, start: int, end: int) -> tuple[str, Sequence[int], bool]:
    """One line's analysed characters, their raw offsets (one per character), and whether it is a markdown heading."""
    line = raw[start:end]
    if _MD_RULE.match(line):
        return "", (), False
    heading = line.lstrip().startswith("#")
    prefix = _MD_PREFIX.match(line)
    cut = prefix.end() if prefix else 0
    wide = line.translate(_HALFWIDTH)  # one character for one
    marks = [m.span() for pattern in (_MD_INLINE, _PINYIN, _CONTROL) for m in pattern.finditer(line)]
    if marks:
        skip = {i for a, b in marks for i in range(a, b)}
        kept = [i for i in range(cut, len(wide)) if i not in skip]
        chars, offsets = "".join(wide[i] for i in kept), [start + i for i in kept]
    else:
        chars, offsets = wide[cut:], range(start + cut, end)
    if _SPACE.search(chars):
        chars, offsets = _squeeze_spaces(chars, offsets)
    return chars, offsets, heading


_SPACE = re.compile(r"\s")


def _squeeze_spaces(chars: str, offsets: Sequence[int]) -> tuple[str, list[int]]:
    """Drop each run of spaces, or keep one space where it stands between two narrow characters (``AI 芯片``
    loses it, ``Model Y`` keeps it), or make it a line break after the end of a sentence, before more Chinese text (a
    web page flattened into one line: ``…提出意见。 一、2022年上半年工作情况``) or after a numbered heading
    (``一、2022年工作回顾 一年来,…``); ``offsets`` are the characters' and go with them.

    >>> _squeeze_spaces("AI 芯片 Model  Y ", range(10, 25))
    ('AI芯片Model Y', [10, 11, 13, 14, 16, 17, 18, 19, 20, 21, 23])
    >>> _squeeze_spaces("请予审议。 一、工作回顾", range(12))[0]
    '请予审议。\\n一、工作回顾'
    """
    out: list[str] = []
    out_offsets: list[int] = []
    done, left = 0, ""
    for run in _SPACES.finditer(chars):
        if done < run.start():
            out.append(chars[done:run.start()])
            out_offsets.extend(offsets[done:run.start()])
            left = chars[run.start() - 1]
        right = chars[run.end():run.end() + 1]
        if left and right and not _is_wide(left) and not _is_wide(right):
            out.append(" ")
            out_offsets.append(offsets[run.start()])
            left = " "
        elif right and _is_wide(right) and (left in _SENTENCE_ENDS or _NUMBERED_HEADING.match(_since_break(out))):
            out.append("\n")
            out_offsets.append(offsets[run.start()])
            left = "\n"
        done = run.end()
    out.append(chars[done:])
    out_offsets.extend(offsets[done:])
    return "".join(out), out_offsets


_SPACES = re.compile(r"\s+")
_SENTENCE_ENDS = frozenset("。!?！？:：")
_NUMBERED_HEADING = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])[^,，。;；:：!！?？]{2,30}$")


def _since_break(out: list[str]) -> str:
    """The text written since the last line break (of the pieces in ``out``)."""
    tail = "".join(out[-8:])
    return tail[tail.rfind("\n") + 1:]


# what a web page prints around a report: where it is, when and by whom it was posted, how to share or print it
_FURNITURE = re.compile(r"当前位置|您的位置|您现在的位置|来源\s*[:：]|发布(?:时间|日期|机构)|(?:发文|成文|生成)日期|浏览次数|"
                        r"累计次数|点击数|字体\s*[:：]|分享到|责任编辑|编辑\s*[:：]|作者\s*[:：]|文\s*号\s*[:：]|热线|"
                        r"所在地区\s*[:：]|打印本页|关闭窗口|刊号|Email|^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|"  # a posting date
                        r"^\s*首页\s*[>＞»›\-—/|]")  # a breadcrumb on its own line (``首页 - 县政府信息 - 正文``)


def is_page_furniture(line: str) -> bool:
    """True for a short line of a web page's furniture around the text (``来源:新田新闻网``,
    ``当前位置:首页 > 政务公开``, ``发布时间:2025-02-28 19:38``), not a line of the report.

    >>> is_page_furniture("来源:福安市人民政府办公室 发布时间: 2021-12-16 15:08"), is_page_furniture("全年完成投资5亿元。")
    (True, False)
    >>> is_page_furniture("首页 - 县政府信息 - 正文"), is_page_furniture("首页面向群众开放")
    (True, False)
    """
    return len(line) <= 80 and _FURNITURE.search(line) is not None


def _continues(previous: str, line: str) -> bool:
    """True when ``line`` continues ``previous`` across a page break."""
    last = previous[-1]
    head = previous[:4]
    text = line[:12]
    if last in _TERMINAL or len(previous) < 15 or head.startswith("—"):
        return False
    if is_page_furniture(previous) or is_page_furniture(line):
        return False  # ``来源:… 发布日期:…`` then the headline: lines of a web page, not one sentence cut by a page break
    if _NUMBERED.match(text) or _NUMBERED.match(previous[:8]):
        return False
    if len(line) < 12 and line[-1] not in _TERMINAL:
        return False
    if len(previous) <= 45 and SUMMARY_OPENER.match(previous):
        return False  # ``一年来,我们在主导产业建设上敢闯敢干,经济实力展现新气象``: a section's heading on its own line
    return True


def to_simplified(text: str) -> str:
    """``text`` with traditional characters made simplified, one character for one, so offsets still hold.

    Text with no more than a trace of traditional characters is returned as it is
    (OpenCC is not even loaded): converting a simplified report could only harm
    it (a place name written ``昇`` would become ``升``).

    >>> to_simplified("各位代表：現在，我代表市人民政府向大會報告工作，請予審議。")
    '各位代表：现在，我代表市人民政府向大会报告工作，请予审议。'
    >>> to_simplified("地区生产总值增长")
    '地区生产总值增长'
    """
    hints = sum(1 for c in text if c in _TRADITIONAL)
    if hints < 3 or hints * 500 < len(text):
        return text
    import opencc

    convert = opencc.OpenCC("t2s").convert
    lines = text.split("\n")
    return "\n".join(_convert_keeping_length(convert, line) for line in lines)


def _convert_keeping_length(convert, line: str) -> str:
    out = convert(line)
    if len(out) == len(line):
        return out
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, convert(ch)) for ch in line))

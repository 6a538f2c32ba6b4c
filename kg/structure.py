"""Read a report's structure: title block, parts, sections, topics, overviews, closings, and sentences.

Structure is read from numbering and wording, never from markdown levels: a
section is a paragraph opening with the section-level numbering of its part
(``一、``, ``（一）`` or, in paragraphs that each open with it, ``一是``, whichever the part uses below its own heading), on a
line of its own or inline before its body; a topic is a numbered paragraph of
the next level or a paragraph opening with a short lead phrase (``实体经济健康发展。``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from dataclasses import dataclass

from kg.extract.lexicon import (CLOSING_OPENERS, CLOSING_TOPICS, LOOKING_BACK_CUES, SUMMARY_OPENER, PLAN_HEADINGS, REGION_ENDINGS, RUN_IN_PART_ENDS, REGION_SUFFIXES, REVIEW_HEADINGS, REVIEW_ONLY,
                      SPEAKER_TITLES)
from kg.extract.gazetteer import resolve_region
from kg.model import Report, ReportMeta, Sentence, Structure, WorkArea
from kg.read.normalise import is_page_furniture

__all__ = ["read_structure", "split_sentences", "numbering", "chinese_ordinal", "find_region"]

_CN = "零〇一二三四五六七八九十"
_STYLES = (
    ("cn", re.compile(r"^([一二三四五六七八九十]{1,3})[、.]\s*")),
    ("paren", re.compile(r"^[(]([一二三四五六七八九十]{1,3})[)]\s*")),
    ("arabic", re.compile(r"^(\d{1,2})[、]\s*")),
    ("dot", re.compile(r"^(\d{1,2})\.(?!\d)\s*")),
    ("paren_arabic", re.compile(r"^[(](\d{1,2})[)]\s*")),
    ("shi", re.compile(r"^([一二三四五六七八九十]{1,3})是(?=[\u4e00-\u9fff“\"])")),  # ``一是…``, ``二是…`` opening paragraphs
)
_STYLE_RANK = {name: i for i, (name, _) in enumerate(_STYLES)}
_SENTENCE_END = re.compile(r"[。！？!?]+[”’\"]?|\n")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_DATE = re.compile(r"((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日")
_MEETING = re.compile(r"第[一二三四五六七八九十\d]{1,4}届(?:全国)?人民代表大会第[一二三四五六七八九十\d]{1,4}次(?:全体)?会议")
_REGION_IN_TITLE = re.compile(r"在(\S{2,20}?)第[一二三四五六七八九十\d]{1,4}届人民代表大会")
_REGION_REPRESENT = re.compile(r"代表([\u4e00-\u9fff]{2,12}?)人民政府")
_REGION_TITLE = re.compile(r"^[#*\s]*([\u4e00-\u9fff\d年]{2,24}?)(?:人民政府|管委会|管理委员会)?(?:政府)?工作报告[*\s]*$", re.M)
_REGION_NAME = re.compile(r"([\u4e00-\u9fff]{1,10}?(?:%s))" % "|".join(REGION_ENDINGS))
_LEAD_MAX = 20


@dataclass(frozen=True)
class _Para:
    start: int
    end: int
    text: str


def chinese_ordinal(token: str) -> int:
    """Value of a small Chinese or Arabic ordinal.

    >>> [chinese_ordinal(t) for t in ("一", "十", "十二", "二十", "二十三", "7")]
    [1, 10, 12, 20, 23, 7]
    """
    if token.isdigit():
        return int(token)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if "十" not in token:
        return digits.get(token, 0)
    tens, _, units = token.partition("十")
    return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(units, 0) if units else 0)


@lru_cache(maxsize=10_000)  # asked again and again of the same paragraphs
def numbering(text: str) -> tuple[str, int, int] | None:
    """The numbering that opens ``text``: (style, number, length of the marker).

    >>> numbering("一、千方百计争项目")
    ('cn', 1, 2)
    >>> numbering("(三)好的生活在提质")
    ('paren', 3, 3)
    >>> numbering("二是高标准推进大湾区建设")
    ('shi', 2, 2)
    >>> numbering("2019年工作回顾") is None
    True
    """
    for name, pattern in _STYLES:
        m = pattern.match(text)
        if m:
            return name, chinese_ordinal(m.group(1)), m.end()
    return None


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``, cut after 。！？ and at line ends.

    >>> s = "实体经济健康发展。预计完成投资163亿元!好"
    >>> [s[a:b] for a, b in split_sentences(s, 0, len(s))]
    ['实体经济健康发展。', '预计完成投资163亿元!', '好']
    """
    spans = []
    cursor = start
    for m in _SENTENCE_END.finditer(text, start, end):
        stop = m.end() if m.group() != "\n" else m.start()
        if text[cursor:stop].strip():
            spans.append((cursor, stop))
        cursor = m.end()
    if text[cursor:end].strip():
        spans.append((cursor, end))
    return spans


def find_region(text: str) -> str | None:
    """The most specific region named in ``text`` (the last administrative unit).

    >>> find_region("深圳市罗湖区")
    '罗湖区'
    >>> find_region("玉山镇")
    '玉山镇'
    """
    units = _REGION_NAME.findall(text)
    units = [u for u in units if len(u) >= 2 and u not in ("新区", "街道")]
    return units[-1] if units else None


def _paragraphs(text: str) -> list[_Para]:
    paras, cursor = [], 0
    for line in text.split("\n"):
        if line.strip():
            paras.extend(_split_run_in_part(_Para(cursor, cursor + len(line), line)))
        cursor += len(line) + 1
    return paras


# a part's heading that a crawled page ran into its first paragraph (``一、2021年工作回顾2021年是…``): short, no
# punctuation, ending in a word that only a part heading ends in, with text right after it
_RUN_IN_PART = re.compile(r"(?:[一二三四五][、.]|第[一二三四五]部分\s*)?[^,，。;；:：!！?？]{0,24}(?:%s)(?!的?报告)(?=[^,，。;；:：、)）”]{4})"
                          % "|".join(sorted(RUN_IN_PART_ENDS, key=len, reverse=True)))


# the same heading, numbered, run into a paragraph after a sentence: a page that lost all its line breaks
_NUMBERED_PART_INSIDE = re.compile(r"[。!！?？]((?:[一二三四五]、|第[一二三四五]部分\s*)[^,，。;；:：!！?？]{0,24}(?:%s))(?!的?报告)"
                                   r"(?=[^,，。;；:：、)）”]{4})" % "|".join(sorted((*RUN_IN_PART_ENDS, "主要工作"), key=len, reverse=True)))


def _split_run_in_part(para: _Para) -> list[_Para]:
    """A paragraph that opens with a part's heading run into its text, as the heading and the text; a numbered part
    heading run in after a sentence (the page lost its line breaks) starts a paragraph of its own.

    >>> [p.text for p in _split_run_in_part(_Para(0, 30, "一、2021年工作回顾2021年是开局之年,全区生产总值增长5%。"))]
    ['一、2021年工作回顾', '2021年是开局之年,全区生产总值增长5%。']
    >>> len(_split_run_in_part(_Para(0, 20, "全面完成年度工作任务,经济平稳。")))
    1
    >>> t = "现在,我代表镇人民政府报告工作。一、2022年主要工作2022年以来,我们抓项目。"
    >>> [p.text for p in _split_run_in_part(_Para(0, len(t), t))]
    ['现在,我代表镇人民政府报告工作。', '一、2022年主要工作', '2022年以来,我们抓项目。']
    """
    m = _RUN_IN_PART.match(para.text)
    if not m or len(para.text) - m.end() < 8:
        inside = _NUMBERED_PART_INSIDE.search(para.text)  # ``…请予审议。一、2022年主要工作2022年以来,…``
        if not inside:
            return [para]
        a, b = inside.span(1)
        return [_Para(para.start, para.start + a, para.text[:a]), _Para(para.start + a, para.start + b, inside.group(1)),
                *_split_run_in_part(_Para(para.start + b, para.end, para.text[b:]))]
    cut = para.start + m.end()
    return [_Para(para.start, cut, m.group()), _Para(cut, para.end, para.text[m.end():])]


def _part_kind(para: _Para) -> str | None:
    body = para.text
    num = numbering(body)
    if num:
        body = body[num[2]:]
    if len(body) > 32 or "。" in body[:-1] or re.search(r"[,，;；]|[:：]$", body):
        return None
    if re.search(r"名词|术语|注释|附件|附录|说明$", body) and len(body) <= 20:
        return "other"
    if "报告" in body or "《" in body:
        return None  # the report's own title (``青峰县2021年政府工作报告(2023年1月)``), or a line naming it: not a part
    if any(w in body for w in PLAN_HEADINGS) or re.search(r"(今年|明年|\d{4}年).{0,4}(工作|任务|目标)", body):
        if not any(w in body for w in REVIEW_ONLY):  # ``“十三五”时期发展成就和2020年主要工作`` looks back
            return "plan"
    if any(w in body for w in REVIEW_HEADINGS):
        return "review"
    return None


def _heading_title(para: _Para, marker: int) -> tuple[str, int]:
    """Title of a numbered paragraph and where its body starts (inline sections)."""
    body = para.text[marker:]
    stop = re.search(r"[。:：]", body)
    if stop is None or (stop.end() == len(body) and len(body) <= 60):
        return body.rstrip("。:："), para.end
    if len(body) <= 50 and stop.end() >= len(body) - 1:
        return body.rstrip("。:："), para.end
    return body[: stop.start()], para.start + marker + stop.end()


def _lead_phrase(para: _Para) -> str | None:
    m = re.match(r"^([^。:：!！?？]{3,%d})[。!！]" % _LEAD_MAX, para.text)
    if not m or len(para.text) <= m.end() + 4:
        return None
    lead = m.group(1)
    if re.search(r"\d", lead) or lead.count(",") > 1 or len(lead.replace(",", "")) < 4:
        return None
    return lead


def _closing_title(para: _Para) -> str:
    text = re.sub(r"^各位代表[,!:，！：]?", "", para.text)
    clause = re.split(r"[,，。;；:：!！?？]", text, maxsplit=1)[0]
    return (clause or para.text)[:30]


def _is_closing(para: _Para) -> bool:
    """True for a paragraph that closes a part: it opens with thanks, problems or what comes next
    (``closing_openers``), or it opens with ``我们`` on the government's own conduct (``closing_topics``)."""
    first = re.split(r"[。;；]", para.text.strip(), maxsplit=1)[0]
    return any(para.text.startswith(w) for w in CLOSING_OPENERS) or (
        first.startswith("我们") and any(w in first for w in CLOSING_TOPICS))


class _Builder:
    """Collects work areas while walking the paragraphs of one report."""

    def __init__(self):
        self.areas: list[WorkArea] = []

    def add(self, **kw) -> WorkArea:
        area = WorkArea(**kw)
        self.areas.append(area)
        return area


def _section_style(paras: list[_Para], part_style: str | None) -> str | None:
    """The numbering style of a part's sections: the first style, other than the part's own, that counts from 1 twice
    or more (or once under a numbered part, or once on a line of its own: an excerpt cut after its first section)."""
    numbered = [(num, p) for p in paras if (num := numbering(p.text))]
    for style in sorted({num[0] for num, _ in numbered if num[0] != part_style}, key=_STYLE_RANK.get):
        heads = [(num[1], p) for num, p in numbered if num[0] == style]
        if heads[0][0] == 1 and (len(heads) >= 2 or part_style or _heading_line(heads[0][1])):
            return style
    return None


def _heading_line(para: _Para) -> bool:
    """True for a paragraph that is a heading by its shape: one short line with no full stop inside or at its end
    (``(一)全力稳增长、固大盘,经济发展再突破``).

    >>> _heading_line(_Para(0, 17, "(一)全力稳增长、固大盘,经济发展再突破")), _heading_line(_Para(0, 20, "一是建成学校2所。新建道路3条。"))
    (True, False)
    """
    return len(para.text.strip()) <= 40 and not re.search(r"[。;；!！?？]", para.text)


def _read_part(b: _Builder, key: str, kind: str, head: _Para, paras: list[_Para], end: int):
    part_num = numbering(head.text)
    title = head.text[part_num[2]:] if part_num else head.text
    b.add(key=key, kind="part", title=title, part=kind, start=head.start, end=end, parent=None)
    style = _section_style(paras, part_num[0] if part_num else None)
    sections = _section_heads(paras, style, part_num[0] if part_num else None) or _summary_openers(paras)
    first = sections[0] if sections else len(paras)
    if first > 0 or not sections:
        ov_end = paras[first].start if sections else end
        b.add(key=f"{key}0", kind="overview", title=f"{title}(总述)", part=kind,
              start=paras[0].start if paras else head.end, end=ov_end, parent=key)
        _read_dash_topics(b, f"{key}0", kind, paras[:first] if sections else paras, ov_end)
    closing_from = _closing_start(paras, sections)
    n = 0
    for j, i in enumerate(sections):
        stop = sections[j + 1] if j + 1 < len(sections) else (closing_from if closing_from is not None else len(paras))
        n += 1
        _read_section(b, f"{key}{n}", kind, key, paras[i], paras[i + 1:stop], style,
                      paras[stop].start if stop < len(paras) else end, n)
    if closing_from is not None:
        for p in paras[closing_from:]:
            n += 1
            b.add(key=f"{key}{n}", kind="closing", title=_closing_title(p), part=kind,
                  start=p.start, end=p.end, parent=key, number=n)


def _untitled_sections(paras: list[_Para]) -> list[int]:
    """The sections of a text with no part heading: paragraphs numbered alike from one (``一是抓好农业生产。``,
    ``(一)…``), or openers that sum up a span of work; none where the text has fewer than two.

    >>> ps = [_Para(0, 9, "今年,全镇将聚焦产业振兴。"), _Para(10, 30, "一是抓好农业生产。守住耕地红线。"),
    ...       _Para(31, 50, "二是做好土地整治。建成高标准农田2万亩。")]
    >>> _untitled_sections(ps), _untitled_sections(ps[:2])
    ([1, 2], [])
    """
    style = _section_style(paras, None)
    sections = _section_heads(paras, style, None) or _summary_openers(paras)
    return sections if len(sections) >= 2 else []


def _untitled_kind(opening: list[_Para], meta: ReportMeta) -> str:
    """What a text with no part heading is about, by what its words before its first topic say: the coming
    year's aims only (``今年,全镇将聚焦…``) make it the plan; looking back only (``一年来``, ``2022年,全镇…完成``)
    the review; else neither, and its figures are dated by their sentences.

    >>> m = ReportMeta(region="青峰镇", year=2023, review_year=2022, plan_year=2023)
    >>> [_untitled_kind([_Para(0, 20, t)], m) for t in ("今年,全镇将聚焦产业振兴。", "一年来,全镇完成投资5亿元。", "会议召开。")]
    ['plan', 'review', 'other']
    """
    words = "".join(p.text for p in opening)
    ahead = re.search(r"(?:今年|明年|新的一年|%s年)[^。]{0,40}?(?:将|要|力争|确保)" % (meta.plan_year or "今"), words)
    back = any(cue in words for cue in LOOKING_BACK_CUES) or (
        meta.review_year and re.search(r"%s年[^。]{0,40}?(?:完成|实现|达到|建成)" % meta.review_year, words))
    return "plan" if ahead and not back else "review" if back and not ahead else "other"


def _read_dash_topics(b: _Builder, key: str, kind: str, paras: list[_Para], end: int):
    """The highlights of an overview, each a paragraph led by a dash and a short phrase (``——综合实力更强。荣登…``):
    topics of the overview, titled by the phrase."""
    starts = [(p, lead) for p in paras if p.text.startswith("—")
              and (lead := _lead_phrase(_Para(p.start, p.end, p.text.lstrip("—").strip())))]
    for t, (p, lead) in enumerate(starts, 1):
        stop = starts[t][0].start if t < len(starts) else end
        b.add(key=f"{key}.{t}", kind="topic", title=lead.strip(), part=kind, start=p.start, end=stop, parent=key, number=t)


def _summary_openers(paras: list[_Para]) -> list[int]:
    """Where a part numbers no sections, the paragraphs that open one by summing up a span of work (at least
    two of them; or one after the part's opening or on a line of its own: an excerpt cut after its first section),
    each its own section titled by its first sentence.

    >>> ps = [_Para(0, 9, "2022年是关键之年。"), _Para(10, 40, "一年来,我们敢闯敢干,经济实力展现新气象。引进项目5个。"),
    ...       _Para(41, 70, "一年来,我们用心用情,民生福祉持续提升。新建学校2所。")]
    >>> _summary_openers(ps)
    [1, 2]
    """
    found = [i for i, p in enumerate(paras) if SUMMARY_OPENER.match(p.text)]
    return found if len(found) >= 2 or found and (found[0] > 0 or _heading_line(paras[found[0]])) else []


def _section_heads(paras: list[_Para], style: str | None, part_style: str | None) -> list[int]:
    """Indices of section headings; a heading numbered like the part itself holds the ones after it."""
    heads, promoted = [], False
    for i, p in enumerate(paras):
        num = numbering(p.text)
        if num and part_style and num[0] == part_style:
            heads.append(i)
            promoted = True
        elif num and style and num[0] == style and not promoted:
            heads.append(i)
    return heads


def _closing_start(paras: list[_Para], sections: list[int]) -> int | None:
    if not sections:
        return None
    last = sections[-1]
    for i in range(last + 1, len(paras)):
        if _is_closing(paras[i]):
            return i
    inline = all(len(paras[i].text) > 80 for i in sections)
    single = all(sections[j + 1] - sections[j] == 1 for j in range(len(sections) - 1))
    if inline and single and len(sections) >= 2 and last + 1 < len(paras):  # one section: what follows is its own
        return last + 1
    return None


def _read_section(b: _Builder, key, kind, parent, head: _Para, body: list[_Para], style, end, n):
    marker = numbering(head.text)[2] if numbering(head.text) else 0  # 0: a summary opener (``一年来,我们…``)
    title, body_start = _heading_title(head, marker)
    b.add(key=key, kind="section", title=title.strip(), part=kind, start=head.start, end=end, parent=parent, number=n)
    topic_style = None
    if body:
        sub = [numbering(p.text)[0] for p in body if numbering(p.text) and numbering(p.text)[0] != style]
        topic_style = sub[0] if sub else None
    t = 0
    starts = []
    for p in body:
        num = numbering(p.text)
        if topic_style and num and num[0] == topic_style:
            starts.append((p, _heading_title(p, num[2])[0]))
        elif (lead := _lead_phrase(p)) and topic_style in (None, "shi"):  # ``一是`` paragraphs beside lead phrases
            starts.append((p, lead))
    for j, (p, lead) in enumerate(starts):
        t += 1
        stop = starts[j + 1][0].start if j + 1 < len(starts) else end
        b.add(key=f"{key}.{t}", kind="topic", title=lead.strip(), part=kind, start=p.start, end=stop, parent=key, number=t)


def _read_meta(report: Report, front: list[_Para], parts: list[tuple[str, _Para]]) -> ReportMeta:
    head = "\n".join(p.text for p in front[:8])
    date = _DATE.search(head)
    region = None
    if m := _REGION_IN_TITLE.search(head):
        region = find_region(m.group(1))
    if not region and (m := _REGION_TITLE.search(head)):  # ``青峰县2021年政府工作报告``
        region = find_region(re.sub(r"(?:19|20)\d\d年?", " ", m.group(1)))
    if not region and (m := _REGION_REPRESENT.search(report.text[:3000])):
        region = find_region(m.group(1))
    if not region:
        region = find_region(re.sub(r"(?:19|20)\d\d", " ", report.stem))
    if not region and (m := re.search(r"(\S{2,10}?)人民政府", report.text[:3000])):
        region = find_region(m.group(1))
    years = {kind: _year_of(p.text) for kind, p in reversed(parts)}
    year = _said_year(front)  # a title may name the year reviewed (浬浦镇 2021年政府工作报告, 2022-01-18)
    year = year or years.get("plan") or ((years["review"] + 1) if years.get("review") else None)
    if not year and (m := re.search(r"(?:19|20)\d\d", report.stem)):
        year = int(m.group())
    year = year or 0
    speaker = None
    for p in front[:8]:
        if m := re.match(r"^.{0,20}?(%s)\s*([\u4e00-\u9fff]{2,4})$" % "|".join(SPEAKER_TITLES), p.text):
            speaker = m.group(2)
    if not speaker and (m := re.search(r"(%s)([\u4e00-\u9fff]{2,3})在" % "|".join(SPEAKER_TITLES), report.stem)):
        speaker = m.group(2)
    meeting = _MEETING.search(head) or _MEETING.search(report.stem)
    if (meeting and "全国人民代表大会" in meeting.group()) or "国务院总理" in head:
        region = "全国"  # the State Council's report, to the National People's Congress
    region = region or "未知地区"
    level = next((lv for suf, lv in REGION_SUFFIXES.items() if region.endswith(suf)), None)
    title = next((p.text for p in front[:3] if "报告" in p.text and len(p.text) <= 40 and "。" not in p.text), None) \
        or _headline(front)  # a title, not a news item's sentence (``县长作政府工作报告。``)
    return ReportMeta(
        region=region, year=year,
        review_year=years.get("review") or (year - 1 if year else None),
        plan_year=years.get("plan") or (year or None),
        date=f"{date.group(1)}-{int(date.group(2)):02d}-{int(date.group(3)):02d}" if date else None,
        meeting=meeting.group() if meeting else None, speaker=speaker, title=title,
        level="country" if region == "全国" else level,
        region_path=resolve_region(region, f"{report.stem}\n{report.text[:3000]}") if region != "全国" else ("全国",),
    )


def _headline(front) -> str | None:
    """A news item's or a web page's headline among the first lines before the text: a line on the congress (up
    to 60 characters, not the item's first sentence), else a line of 8 to 40 characters; neither the page's
    furniture (``来源:…``, ``当前位置:…``) nor a sentence.

    >>> _headline([_Para(0, 9, "网络安全为人民"), _Para(10, 50, "奋进新征程,凝心促发展——青峰苏木胜利召开第十七届人民代表大会第三次会议")])
    '奋进新征程,凝心促发展——青峰苏木胜利召开第十七届人民代表大会第三次会议'
    >>> _headline([_Para(0, 40, "青峰乡第十七届人民代表大会第二次会议隆重开幕2023-12-28 14:59:57来源:某网")])
    '青峰乡第十七届人民代表大会第二次会议隆重开幕'
    """
    lines = [_DATELINE.sub("", p.text.strip()) for p in front[:12]]
    lines = [line for line in lines if not is_page_furniture(line)]
    for line in lines:  # a line on the congress first: a page's slogans and menus come before its headline
        if 8 <= len(line) <= 60 and _ON_THE_CONGRESS.search(line) and not re.search(r"[。；;!！?？]", line) \
                and not _DATED.match(line):
            return line
    for line in lines[:6]:
        if 8 <= len(line) <= 40 and not re.search(r"[。；;，,:：!！?？]", line) and re.search(r"[\u4e00-\u9fff]{4}", line):
            return line
    return None


# a page's dateline after its headline, on the same line: ``… 2023-12-28 14:59:57  来源:中华网``
_DATELINE = re.compile(r"(?<=[\u4e00-\u9fff])\s*(?:发布时间[:：])?(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}(?:\s*\d{1,2}:\d\d(?::\d\d)?)?(?:\D.*)?$")
_ON_THE_CONGRESS = re.compile(r"人民代表大会|人大.{0,4}次会议|两会|政府工作报告")
_DATED = re.compile(r"(?:(?:19|20)\d\d年)?\d{1,2}月\d{1,2}日")  # ``1月17日,出席…会议的代表…``: the news item's first sentence


def _opening_words(front: list[_Para]) -> str | None:
    """The first clause of a text that has no title, to name its opening by (``1月10日下午,适中乡第十九届人民代表大会
    第二次会议隆重开幕``): the first line that is not the page's furniture, up to its first full stop, and at most
    40 characters of it."""
    for p in front[:6]:
        line = p.text.strip()
        if line and not is_page_furniture(line) and re.search(r"[\u4e00-\u9fff]{4}", line):
            return re.split(r"[。；;!！?？]", line, maxsplit=1)[0][:40]
    return None


# ``2022年政府工作报告``: the year a report is for, in its title
_TITLED_YEAR = re.compile(r"((?:19|20)\d\d)\s*年(?:度)?[\u4e00-\u9fff]{0,16}?(?:政府)?工作报告")


def _titled_year(head: str) -> int | None:
    """The year the report's title says it is for (``2022年政府工作报告``, ``青峰县2021年政府工作报告``).

    >>> _titled_year("2022年政府工作报告\\n——2021年12月29日在杨庄镇人民代表大会上"), _titled_year("政府工作报告")
    (2022, None)
    """
    m = _TITLED_YEAR.search(head)
    return int(m.group(1)) if m else None


def _said_year(front: list[_Para]) -> int | None:
    """The year a report is for, by the date it was delivered or by its title, where the front says."""
    head = "\n".join(p.text for p in front[:8])
    return _delivered_for(_DATE.search(head)) or _titled_year(head)


def _year_before(para: _Para, kind: str, said: int | None) -> str:
    """A plan-like heading that names a year before the report's (``一、2022年主要工作`` in a 2023 report) looks
    back on it: the review.

    >>> _year_before(_Para(0, 10, "一、2022年主要工作"), "plan", 2023), _year_before(_Para(0, 10, "2023年主要工作"), "plan", 2023)
    ('review', 'plan')
    """
    year = _year_of(para.text)
    return "review" if kind == "plan" and said and year and year < said else kind


def _delivered_for(date: re.Match | None) -> int | None:
    """The year of a report delivered on ``date``: the next year's when the congress met in November or December
    (a session held early, for the coming year), else the date's own."""
    if not date:
        return None
    return int(date.group(1)) + (int(date.group(2)) >= 11)


def _year_of(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


def read_structure(report: Report) -> Structure:
    """Find the work areas and sentences of ``report``."""
    text = report.text
    paras = _paragraphs(text)
    heads = [(i, kind) for i, p in enumerate(paras) if (kind := _part_kind(p))]
    said = _said_year(paras[:heads[0][0]] if heads else paras)
    heads = [(i, _year_before(paras[i], kind, said)) for i, kind in heads]
    heads = _dedupe_parts(sorted(heads + _first_clause_heads(paras, {k for _, k in heads})))
    heads = _plan_annexes(heads, paras)
    b = _Builder()
    first = heads[0][0] if heads else len(paras)
    front = paras[:first]
    meta = _read_meta(report, front, [(k, paras[i]) for i, k in heads])
    opening = meta.title or _opening_words(front) or "报告开头"
    untitled = [] if heads else _untitled_sections(paras)
    read_as = None
    if untitled:  # no part at all (a news item, an excerpt), yet sections or topics: they are the text's work areas
        kind = _untitled_kind(paras[:untitled[0]], meta)
        if kind == "other":  # nothing said before the first section: its own heading may say it (``一、过去的一年,…``)
            kind = _untitled_kind(paras[:untitled[0] + 1], meta)
        read_as = kind if kind in ("review", "plan") else None
        _read_part(b, {"review": "R", "plan": "P"}.get(kind, "A"), kind, _Para(0, 0, opening), paras, len(text))
    elif front:
        b.add(key="F", kind="front", title=opening, part="other",
              start=0, end=paras[first].start if first < len(paras) else len(text))
    counts: dict[str, int] = {}
    for j, (i, kind) in enumerate(heads):
        counts[kind] = counts.get(kind, 0) + 1
        key = {"review": "R", "plan": "P"}.get(kind, "A") + ("" if counts[kind] == 1 else f"{counts[kind]}-")
        stop = heads[j + 1][0] if j + 1 < len(heads) else len(paras)
        end = paras[stop].start if stop < len(paras) else len(text)
        _read_part(b, key, kind, paras[i], paras[i + 1:stop], end)
    areas = tuple(b.areas)
    structure = Structure(meta=meta, areas=areas, sentences=())
    sentences = tuple(_sentences(text, paras, structure))
    return Structure(meta=meta, areas=areas, sentences=sentences, missing=_missing_parts(heads, paras, read_as))


# the title under an annex's heading that makes it part of the plan: ``2021年省十件民生实事``, ``今年重点项目``
_PLAN_ANNEX = re.compile(r"^(?:今年|\d{4}年).{0,12}(?:民生实事|实事|工作任务|重点任务|目标任务|重点项目|工作计划)")


def _plan_annexes(heads: list[tuple[int, str]], paras: list[_Para]) -> list[tuple[int, str]]:
    """An annex after the plan part whose title names this year's tasks (``附件1`` then ``2021年省十件民生实事``)
    is part of the plan: its figures are targets, not the report's facts."""
    out, planned = [], False
    for i, kind in heads:
        planned = planned or kind == "plan"
        if kind == "other" and planned and i + 1 < len(paras) and re.search(r"附件|附录", paras[i].text) \
                and len(paras[i + 1].text) <= 30 and _PLAN_ANNEX.match(paras[i + 1].text):
            kind = "plan"
        out.append((i, kind))
    return out


def _first_clause_heads(paras: list[_Para], found: set[str]) -> list[tuple[int, str]]:
    """Where no review (or no plan) heading was found, a top-level numbered heading whose first clause is one
    (``二、高质量做好2022年各项工作,以优异成绩迎接…``)."""
    if {"review", "plan"} <= found:
        return []
    heads = []
    for i, p in enumerate(paras):
        num = numbering(p.text)
        if num and num[0] == "cn" and len(p.text) <= 48 and (clause := re.split(r"[,，;；]", p.text)[0]) != p.text:
            kind = _part_kind(_Para(p.start, p.start + len(clause), clause))
            if kind in ("review", "plan") and kind not in found:
                heads.append((i, kind))
    return heads


def _missing_parts(heads: list[tuple[int, str]], paras: list[_Para], read_as: str | None = None) -> tuple[str, ...]:
    """Why a review or a plan part was not found: what the source lacks. ``read_as``: the part a text with no part
    heading was read as, by what its opening says (``_untitled_kind``); only the other is missing."""
    kinds = [k for _, k in heads] + ([read_as] if read_as else [])
    dated = (f"its numbered topics are read as the {read_as}, by what its opening says" if read_as
             else "its figures are dated by their sentences")
    notes = []
    for kind, words in (("review", "工作回顾, 过去一年, 主要工作…"), ("plan", "工作安排, 工作任务, 今后五年…")):
        if kind in kinds:
            continue
        other = next((paras[i].text[:30] for i, k in heads if k in ("review", "plan")), None)
        where = (f"before the {'plan' if kind == 'review' else 'review'} part ({other})" if other
                 else "anywhere (a summary or an excerpt?)")
        notes.append(f"no {kind} part: no heading like {words} {where}; {dated}")
    return tuple(notes)


def _dedupe_parts(heads: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Keep a part heading only where the kind changes or a new top-level part starts."""
    kept: list[tuple[int, str]] = []
    for i, kind in heads:
        if kept and kept[-1][1] == kind and i - kept[-1][0] < 3:
            continue
        kept.append((i, kind))
    return kept


def _sentences(text: str, paras: list[_Para], structure: Structure):
    index = _AreaIndex(structure.areas)
    for p in paras:
        for a, b in split_sentences(text, p.start, p.end):
            while a < b and text[a].isspace():
                a += 1
            yield Sentence(start=a, end=b, text=text[a:b], area=index.at(a))


class _AreaIndex:
    """Most specific work area at an offset, for many look-ups.

    The areas' starts and ends cut the text into pieces in which the answer does not change:
    each piece's answer is found once (``_scan``), and an offset's piece by bisection.
    """

    def __init__(self, areas):
        self.areas = sorted(areas, key=lambda a: (a.end - a.start))
        self.cuts = sorted({a.start for a in areas} | {a.end for a in areas})
        self.keys = [self._scan(cut - 1) for cut in self.cuts] + [self._scan(self.cuts[-1] if self.cuts else 0)]

    def at(self, offset: int) -> str:
        return self.keys[bisect_right(self.cuts, offset)]

    def _scan(self, offset: int) -> str:
        for a in self.areas:
            if a.start <= offset < a.end:
                return a.key
        return self.areas[-1].key if self.areas else ""

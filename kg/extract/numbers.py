"""Number and unit grammar: find quantities (value, unit as written, range, qualifier) in Chinese text.

>>> [(str(q.value), q.unit, q.qualifier) for q in find_quantities("地区生产总值820亿元,增长7.6%")]
[('820', '亿元', None), ('7.6', '%', None)]
>>> q = find_quantities("培育企业2~3家")[0]; (str(q.value), str(q.upper), q.unit)
('2', '3', '家')
>>> [(str(q.value), q.unit) for q in find_quantities("新增两个基地、十强园区")]
[('2', '个'), ('10', '强')]
>>> [(str(q.value), q.unit, q.qualifier) for q in find_quantities("综合排名第7位,举办活动400余场,注册外资近5亿美元")]
[('7', '位', '第'), ('400', '场', '余'), ('5', '亿美元', '近')]
>>> [(str(q.value), q.unit, q.qualifier) for q in find_quantities("浓度为每立方米26微克,居全国前五,预期寿命80.8岁。")]
[('26', '微克/立方米', None), ('5', '位', '前'), ('80.8', '岁', None)]
>>> [(str(q.value), q.unit) for q in find_quantities("入选“中国孵化器50强”,世界500强企业3家")]
[('50', '强'), ('3', '家')]
"""

from __future__ import annotations

import re
from functools import lru_cache
from decimal import Decimal, InvalidOperation

from kg.extract.lexicon import QUALIFIERS_AFTER, QUALIFIERS_BEFORE, UNIT_BASES, UNIT_MAGNITUDES
from kg.model import Quantity

__all__ = ["find_quantities", "may_hold_quantities", "parse_chinese_number", "parse_number"]

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
# a numeral in words: digits and 十百千, 万/亿 inside it (``十万零五百``; a last 万 is the unit's), a decimal part (``十二点五``)
_CHINESE = r"[零〇一二两三四五六七八九十百千]+(?:[万亿][零〇一二两三四五六七八九十百千]+)*(?:点[零〇一二三四五六七八九]+)?"
_ARABIC_NUMBER = re.compile(_ARABIC)
_BASES = sorted(set(UNIT_BASES), key=len, reverse=True)
_UNIT = r"(?:%s)?(?:%s)" % ("|".join(UNIT_MAGNITUDES), "|".join(re.escape(b) for b in _BASES))
_QUANTITY = re.compile(
    r"(?P<first>%s|%s)(?:\s*[~～\-—至到]\s*(?P<upper>%s|%s))?(?P<magnitude>[万亿](?=[余多]))?(?P<approx>余|多)?"
    r" ?(?P<unit>%s)"  # ``49 %``: a space kept between two narrow characters
    % (_ARABIC, _CHINESE, _ARABIC, _CHINESE, _UNIT)
)
_RANK_ONLY = re.compile(r"第(?P<n>[一二三四五六七八九十]{1,3}|\d{1,3})(?P<unit>名|位)?(?![\u4e00-\u9fff]{0,1}[季批次届期轮阶段个条款项章节部张家座所件台辆套只份本枚栋方])")
# ``居亚洲城市前五``, ``进入全国前十``: a place among the first N is a rank of N (``前三季度`` is no rank)
_TOP_N = re.compile(r"前(?P<n>[一二三四五六七八九十]{1,3}|\d{1,2})(?:名|位)?(?=$|[,.。;:、!?)）”，；]|的)")
# what makes a bare ``第二`` a rank: a ranking word before it, or the scope ranked in (``测评全市第二``)
_RANK_CUE = re.compile(r"(?:(?:排名|排|位居|居|蝉联|保持|名列|位列|获|跻身|考核|榜)[\u4e00-\u9fff（）()]{0,12}|"
                       r"(?:全国|全省|全市|全区|全县|全镇|同类城市|同级))$")
_TIME_UNITS = ("小时", "天", "年", "个月", "工作日")
# a span of time is a figure when it is time saved (``比计划提前237天``), not when it is how long something lasted
_TIME_SAVED = re.compile(r"(?:提前|缩短|压缩|节省|节约|减少)(?:了|到|至)?$")  # ``压缩到3个工作日内``: a time limit
_DURATION = re.compile(r"(?:持续|历时|为期|仅用|只用|用了|花了|耗时|经过)了?$")
# units read only after an Arabic figure or a checked Chinese one: ``十分`` is "very", ``三五成群`` is no count
_ARABIC_ONLY = ("分",)
_TENTHS = "成"
_NOT_AFTER_UNIT = {"项": "目", "单": "元位", "处": "于理置罚", "批": "准复", "期": "间待望限", "条": "件例", "人": "民"}
_CLAUSE_END = re.compile(r"(?:$|[,.。;:、!?)）”\"，；])")
_TERMINATOR = re.compile(r"^(?:$|[,.。;:、!?)）”\"]|以上|以下|左右|以内|的|，)")


@lru_cache(maxsize=4096)
def parse_chinese_number(text: str) -> Decimal | None:
    """Value of a Chinese numeral (read by ``cn2an``, imported on first use); ``None`` if it is none.

    >>> [parse_chinese_number(t) for t in ("两", "十二", "二十", "一百零五", "三千", "十万零五百", "十二点五", "二〇二三", "千")]
    [Decimal('2'), Decimal('12'), Decimal('20'), Decimal('105'), Decimal('3000'), Decimal('100500'), Decimal('12.5'), Decimal('2023'), Decimal('1000')]
    """
    import cn2an  # 0.12 s and 5 MB, only for a report that writes numbers in words

    if text[:1] in ("百", "千"):  # ``近百家``, ``超千亿元``: a hundred, a thousand
        text = "一" + text
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return Decimal(str(value)).normalize() if "点" in text else Decimal(int(value))


def parse_number(text: str) -> Decimal | None:
    """Value of an Arabic or Chinese number; ``None`` if it is neither.

    >>> parse_number("1,735"), parse_number("95.08"), parse_number("十五")
    (Decimal('1735'), Decimal('95.08'), Decimal('15'))
    """
    if _ARABIC_NUMBER.fullmatch(text):
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:
            return None
    return parse_chinese_number(text)


def _qualifier_before(text: str, start: int) -> str | None:
    window = text[max(0, start - 4):start]
    for q in _QUALIFIERS_BEFORE:
        if window.endswith(q):
            return q
    return None


_QUALIFIERS_BEFORE = sorted(QUALIFIERS_BEFORE, key=len, reverse=True)  # the longest first


def _qualifier_after(text: str, end: int, unit: str = "") -> str | None:
    for q in QUALIFIERS_AFTER:
        if text.startswith(q, end) and q not in ("余", "多"):
            return q
    if unit.endswith(_TIME_UNITS) and text.startswith("内", end):  # ``3个工作日内``: within
        return "以内"
    return None


def _plausible(m: re.Match, text: str) -> bool:
    first, unit = m.group("first"), m.group("unit")
    chinese = not first[0].isdigit()
    after = text[m.end():m.end() + 2]
    before = text[max(0, m.start() - 1):m.start()]
    if before == "第":
        return unit in ("位", "名") and not m.group("upper")
    if chinese and (parse_chinese_number(first) in (None, Decimal(0), Decimal(1))
                    or (unit.startswith(("万", "亿", "千", "百")) and first in ("十", "百", "千") and not _about(m, text))):
        return False  # ``千万``, ``百万学位``: a manner of speaking or a programme's scale; ``两万人``, ``超千亿元`` are figures
    if chinese and before and re.match(r"[零〇一二两三四五六七八九十百千第]", before):
        return False
    if chinese and before and before in "、，," and after[:1] and after[:1] in "等、":  # ``虾皮、九米等头部企业``: a member's name
        return False
    if unit == "年" and re.fullmatch(r"(?:19|20)\d\d|[一二][〇零九][〇零一二三四五六七八九]{2}", first):
        return False  # a year (``2023年``, ``二〇二三年``), not a span of years
    if unit.endswith(_TIME_UNITS) and not _time_is_figure(text[max(0, m.start() - 4):m.start()], after):
        return False
    if not _unit_in_its_phrase(unit, after):
        return False
    if not _unit_fits(first, chinese, unit, after) or (chinese and first in ("百", "千") and not _about(m, text)):
        return False
    if unit.startswith(("亿", "万")) and after[:1] == "级":  # ``10亿级项目``, ``三十亿元级``: a class of size
        return False
    if unit == "位" and after.startswith("一体"):  # ``五位一体``: a figure of speech
        return False
    if unit in ("分", "分钟") and re.search(r"\d\s*(?:时|点)$", text[max(0, m.start() - 4):m.start()]):
        return False  # ``8时30分``: a time of day
    if unit == "强" and (before == "/" or not _top_list(first, chinese, after)):  # ``1/3强``: a bit over a third
        return False
    if text[: m.start()].count("“") > text[: m.start()].count("”") and not (unit == "强" and after[:1] == "”"):
        return False  # a figure in a quoted name, not a quoted list's top N (``入选“中国孵化器50强”``)
    if re.match(r"[\u4e00-\u9fff]", after[:1]) and unit in ("个", "家", "名", "项", "所", "座", "处", "条", "支", "批", "位") and chinese:
        return _chinese_count_ok(first, after)
    if unit in ("度", "期", "类", "种", "次", "部", "首", "本", "单", "口", "片", "块", "段", "根", "篇", "份", "票", "班", "款", "册", "只", "头", "株", "棵", "张", "间", "台") and chinese:
        return False
    return True


def _unit_in_its_phrase(unit: str, after: str) -> bool:
    """Units that are units only where the words after them allow: not one that begins a word (``T7项目``,
    ``DY03单元``, ``PM2.5处于``; ``23项目标`` is a count), pairs and ages that end their phrase (``友城5对、``,
    ``预期寿命80.8岁。``; not ``1对1帮扶``, ``60岁以上老人``)."""
    if after and after[0] in _NOT_AFTER_UNIT.get(unit, _NOT_AFTER_UNIT.get(unit[-1:], "")) and not after.startswith("目标"):
        return False
    if unit == "对":
        return bool(_CLAUSE_END.match(after)) or after.startswith(("以上", "左右", "新人", "夫妇", "情侣"))
    if unit == "岁":
        return bool(_CLAUSE_END.match(after))
    return True


def _top_list(first: str, chinese: bool, after: str) -> bool:
    """``十强园区``, ``入选中国孵化器50强。``: a place among the top N is a figure; ``世界500强企业`` names a kind of company.
    In Arabic figures only where the phrase ends (``50强企业3家`` counts the companies)."""
    if chinese:
        return parse_chinese_number(first) <= 50
    return parse_number(first) <= 100 and bool(_CLAUSE_END.match(after))


def _time_is_figure(before: str, after: str) -> bool:
    """A span of time is a figure when time is saved, or when it ends its phrase and is not how long
    something lasted (``持续三个月的活动``)."""
    if _TIME_SAVED.search(before):
        return True
    return bool(_TERMINATOR.match(after)) and not _DURATION.search(before)


def _unit_fits(first: str, chinese: bool, unit: str, after: str) -> bool:
    """Units that need more than a number: ``分`` an Arabic score, ``成`` tenths that end their phrase
    (``下降近八成，``), a bare magnitude an Arabic figure."""
    if unit in _ARABIC_ONLY or unit in ("亿", "万"):
        return not chinese
    if unit == _TENTHS:
        return bool(_TERMINATOR.match(after)) and (not chinese or len(first) == 1)
    if unit == "届":  # ``连续举办十届,``: a count of editions; ``十届人大`` names a congress
        return bool(_TERMINATOR.match(after))
    return True


def _about(m: re.Match, text: str) -> bool:
    """True when a round figure is said to be about so much (``近百家``, ``超千个``, ``百余项``): a lone ``百``
    or ``千`` is otherwise no figure (``千家万户``, ``千亩花海``, ``千人床位数``)."""
    return bool(m.group("approx")) or text[max(0, m.start() - 2):m.start()].endswith(("近", "超", "逾", "过", "约", "突破", "超过"))


def _chinese_count_ok(first: str, after: str) -> bool:
    return len(first) <= 3


_FIRST_PLACE = re.compile(r"(?:居|位居|排名|位列|名列)[\u4e00-\u9fff（）()]{0,10}?(首位|榜首)")
# a character every quantity holds: a digit or numeral (``_QUANTITY``, ``_RANK_ONLY``, ``_PERCENT_WORDS``), ``首`` or ``榜`` (``_FIRST_PLACE``)
_NUMERAL_OR_RANK = re.compile(r"[\d零〇一二两三四五六七八九十百千首榜]")
_PERCENT_WORDS = re.compile(r"百分之(?P<n>%s|%s)" % (_ARABIC, _CHINESE))


def _percent_words(text: str, offset: int, taken: set[int]) -> list[Quantity]:
    """``百分之九十``, ``百分之百`` written in words: a percentage.

    >>> [(str(q.value), q.unit) for q in _percent_words("覆盖率达到百分之九十五", 0, set())]
    [('95', '%')]
    """
    found = []
    for m in _PERCENT_WORDS.finditer(text):
        value = parse_number(m.group("n"))
        if m.start() not in taken and value:
            found.append(Quantity(value=value, unit="%", start=offset + m.start(), end=offset + m.end(),
                                  qualifier=_qualifier_after(text, m.end()) or _qualifier_before(text, m.start())))
    return found


def may_hold_quantities(text: str, start: int = 0, end: int | None = None) -> bool:
    """False when ``find_quantities`` finds nothing in ``text[start:end]`` for sure: it holds no digit, numeral or rank word.

    >>> may_hold_quantities("加快产业转型"), may_hold_quantities("新增企业12家")
    (False, True)
    """
    return _NUMERAL_OR_RANK.search(text, start, len(text) if end is None else end) is not None


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every quantity in ``text``, offsets shifted by ``offset``."""
    if not _NUMERAL_OR_RANK.search(text):
        return []  # no digit, numeral or rank word: nothing below can match
    found: list[Quantity] = []
    taken: set[int] = set()
    for m in _QUANTITY.finditer(text):
        if not _plausible(m, text):
            continue
        value = parse_number(m.group("first"))
        upper = parse_number(m.group("upper")) if m.group("upper") else None
        if value is None or (upper is not None and upper <= value):
            continue  # ``水耗-8.9 -5.0万元``: two columns of a flattened table, not a range
        qualifier = m.group("approx") or _qualifier_after(text, m.end(), m.group("unit")) or _qualifier_before(text, m.start())
        start = m.start()
        if text[max(0, start - 1):start] == "第" and m.group("unit") in ("位", "名"):
            qualifier = "第"
        unit = (m.group("magnitude") or "") + m.group("unit")  # ``1.2万多宗``: 万宗, about
        if unit in ("微克", "毫克") and text.endswith("每立方米", 0, start):  # ``每立方米26微克``: 微克/立方米
            unit, start = unit + "/立方米", start - len("每立方米")
        found.append(Quantity(value=value, unit=unit, start=offset + start, end=offset + m.end(),
                              upper=upper, qualifier=qualifier))
        taken.update(range(m.start(), m.end()))
    for m in _RANK_ONLY.finditer(text):
        if m.start() in taken or m.group("unit"):
            continue
        if not _RANK_CUE.search(text[max(0, m.start() - 14):m.start()]):
            continue
        value = parse_number(m.group("n"))
        if value:
            found.append(Quantity(value=value, unit="位", start=offset + m.start(), end=offset + m.end(), qualifier="第"))
    for m in _TOP_N.finditer(text):
        if m.start("n") not in taken and _RANK_CUE.search(text[max(0, m.start() - 14):m.start()]):
            if value := parse_number(m.group("n")):
                found.append(Quantity(value=value, unit="位", start=offset + m.start(), end=offset + m.end(), qualifier="前"))
    found.extend(_percent_words(text, offset, taken))
    for m in _FIRST_PLACE.finditer(text):
        if m.start(1) not in taken:  # ``居全市首位``, ``居全省各区（县）榜首`` is a rank of 1
            found.append(Quantity(value=Decimal(1), unit="位", start=offset + m.start(1), end=offset + m.end(1), qualifier="首"))
    found.extend(_sharing_the_unit(text, offset, found))
    found.sort(key=lambda q: q.start)
    return found


# bare figures listed before one with a unit, which they share: ``高于全省22.7和28.8个百分点``, ``分别增长8.1、7.5和6.2%``
_BARE_RUN = re.compile(r"(?<![\d.A-Za-z第])((?:\d+(?:\.\d+)?[、和及与])+)$")
_NOT_SHARED = ("年", "月", "日", "号", "时", "期", "届", "批", "次", "号线", "线")  # ``2019、2020年``, ``12、13号线``


def _sharing_the_unit(text: str, offset: int, found: list[Quantity]) -> list[Quantity]:
    """Bare figures listed right before a quantity, in its unit (not a year's, a date's or a line's number).

    >>> [(q.value, q.unit) for q in find_quantities("高于全省22.7和28.8个百分点")]
    [(Decimal('22.7'), '个百分点'), (Decimal('28.8'), '个百分点')]
    >>> [q.value for q in find_quantities("轨道12、13号线")], [q.value for q in find_quantities("2019、2020年各建成1所")]
    ([], [Decimal('1')])
    """
    shared = []
    for q in found:
        at = q.start - offset
        run = _BARE_RUN.search(text, max(0, at - 40), at)
        if not run or q.unit.endswith(_NOT_SHARED) or q.upper is not None:
            continue
        for m in re.finditer(r"\d+(?:\.\d+)?", run.group(1)):
            start = run.start(1) + m.start()
            shared.append(Quantity(value=Decimal(m.group()), unit=q.unit, start=offset + start,
                                   end=offset + start + len(m.group()), qualifier=q.qualifier))
    return shared

"""The suffix rule: a type head (``产业园``, ``集团``, ``村``…) ends a name, kept only if the name is specific.

Its left edge is where a boundary word, a function word, a number or punctuation stands
(``获批筹建`` | ``国家超级计算江北中心``); a category made of common words
(``省级现代农业产业园``) is refused. Ministries and bureaus jieba knows as organisations
(``民政部``) are recorded under the same rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import (CAMPAIGN_HEADS, CAMPAIGN_LAUNCH_WORDS, TITLE_HEADS, TITLE_LAUNCH_WORDS, NOT_ROAD_ENDINGS, BODY_STEMS, BOUNDARY_WORDS, ENTERPRISE_CUES_AFTER, ENTERPRISE_CUES_BEFORE, SIZE_UNITS, SIZE_WORDS, GENERIC_MODIFIERS, GENERIC_NAMES,
                      INSTITUTION_CUES_BEFORE, MEETING_WORDS, PROJECT_KIND_WORDS, REGION_ENDINGS, TYPE_SUFFIXES, UNIT_BASES, WEAK_SUFFIXES)
from kg.extract.entities.grammar import (GENERIC_VILLAGE, HAN_ONLY, set_phrase_of_a_verb, MAX_NAME, national_centre, PART_WORDS, PROPER_POS, REGION_MARKS, SUFFIX_LAST_CHARS, Tok, attributive,
                           clean_name, designated, left_edge, specificity_of, start_after_verbs, suffix_of, type_of)
from kg.nlp.segment import known_word, tokenize, tokenize_phrase  # noqa: F401 - tokenize: the doctests

__all__ = ["ROUTES", "SEGMENT", "SCHOOL_AT_HEAD", "suffix_names", "government_bodies", "road_works", "place_campaigns", "title_campaigns",
           "follow_up_campaigns"]

_ASPECTS = frozenset("任务 工作 经验 成果 进展 成效".split())  # ``…一体化试点任务``: the programme's, not a kind's
_NOT_SUFFIX_WORDS = frozenset("新局 开新局 全局 部署 布局 格局 大局 全局 开局 结局 当局 书局 时局 县城 全城 名城 古城 都城 省城 京城 长城 城市 香港 海港 一局 按计划 原计划 中高速 高速度".split())
_SLOGAN = re.compile(r"之(?:城|都|区|乡|镇|窗)$|^(?:[一二三四五六七八九十两]+|\d+)大")  # ``宜居之城``, ``五大教育集团``, ``9大科技项目``
_INDUSTRY_LIST = re.compile(r"[^,，。;；]{0,30}?等[^,，。;；\d]{0,6}?(?:产业|行业|领域|业态|环节|消费|市场)(?:[,，。;；、]|发展|集群|防控|$)")
_MAIN_WORKS = "主体工程"
_HEAD_GOES_ON = frozenset("园城港馆站")  # ``国际大学园``: the character after a head that makes it longer
_NOT_SUFFIX_LENGTHS = sorted({len(w) for w in _NOT_SUFFIX_WORDS})


def _ends_not_suffix_word(text: str, end: int) -> bool:
    """True when ``text[:end]`` ends with a word that only looks like it ends with a type suffix."""
    for n in _NOT_SUFFIX_LENGTHS:
        if text[max(0, end - n):end] in _NOT_SUFFIX_WORDS:
            return True
    return False


def suffix_names(text: str, toks: list[Tok], places: frozenset[str] = frozenset()):
    """Names that end with a type suffix, each kept only if ``_accept`` finds it specific."""
    found = []
    for k in [k for k, tok in enumerate(toks) if tok.word[-1] in SUFFIX_LAST_CHARS and tok.pos != "x"]:
        tok = toks[k]
        span_text = text[max(0, tok.end - 8):tok.end]
        suffix = suffix_of(span_text)
        if not suffix:
            continue
        if tok.word in _NOT_SUFFIX_WORDS or _ends_not_suffix_word(text, tok.end) or (len(suffix) == 1 and tok.pos == "ns" and tok.word.endswith(suffix) and len(tok.word) > 1 and TYPE_SUFFIXES[suffix] != "Village"):
            continue
        if len(suffix) == 1 and tok.word != suffix and TYPE_SUFFIXES[suffix] != "Village" \
                and tok.pos not in PROPER_POS and known_word(tok.word) \
                and not (k > 0 and (toks[k - 1].pos == "quote" or toks[k - 1].word.endswith("杯"))):
            continue  # ``环节``, ``家园``: the suffix ends a common word, unless a cup's name leads it (``“星河杯”帆船赛``)
        if suffix in WEAK_SUFFIXES and k + 1 < len(toks) and toks[k + 1].pos in ("n", "ng", "nz", "ns") \
                and toks[k + 1].word not in BOUNDARY_WORDS and toks[k + 1].word not in PART_WORDS \
                and not (TYPE_SUFFIXES[suffix] == "Initiative" and toks[k + 1].word in _ASPECTS) \
                and not (suffix.endswith(ROUTES) and SEGMENT.match(text, tok.end)):
            continue  # a modifier of the noun after it (``中心城区``), not a line before its section
        if TYPE_SUFFIXES[suffix] != "Village" and text[tok.end:tok.end + 1] in _HEAD_GOES_ON:
            continue  # the head goes on: ``国际大学园``
        works = _works_start(toks, k, suffix)
        j = _after_a_named_subject(toks, start_after_verbs(toks, left_edge(toks, works), k, suffix), k, suffix)
        if j < 0:
            continue
        if works < k and not specificity_of(toks[j:works], "", places):
            continue  # ``学校改扩建工程``: building work on a kind of thing
        start = toks[j].start
        if toks[k].word.endswith(suffix) and start >= tok.end - len(suffix) and tok.pos != "quote":
            continue  # the suffix alone, nothing before it
        end = tok.end
        if text[start:end].endswith(_MAIN_WORKS) and (inner := suffix_of(text[start:end - len(_MAIN_WORKS)])):
            suffix, end = inner, end - len(_MAIN_WORKS)  # ``星河艺术中心主体工程``: the main works of the centre
        elif suffix == "建设" and toks[k].word != suffix and (inner := suffix_of(text[start:end - 2])) \
                and TYPE_SUFFIXES[inner] == "Project" and inner in ("工程", "项目"):
            suffix, end = inner, end - 2  # ``…水资源配置工程建设`` (one word for jieba): the works, then their building
        name = _accept(text, start, end, suffix, toks, j, k, places)
        if name:
            at = end - len(name) if text[start:end].endswith(name) else start
            if end == tok.end and (_campus_after(toks, k, suffix) or _lot_letter_after(toks, k, suffix)):
                name, end = name + clean_name(toks[k + 1].word), toks[k + 1].end
            elif end == tok.end and _campus_after_a_dot(toks, k, suffix):
                name, end = name + "·" + toks[k + 2].word, toks[k + 2].end  # ``澄溪大学·星河``: its campus
            elif end == tok.end and suffix.endswith(ROUTES) and (segment := SEGMENT.match(text, end)):
                name, end = name + segment.group(), segment.end()  # ``星澜铁路澄江至碧溪段``: a section of the line
            found.append((name, type_of(name, suffix), max(start, at), end, "suffix"))
    return found


def _campus_after(toks: list[Tok], k: int, suffix: str) -> bool:
    """True when a place in parentheses follows a university's or a company's name: its campus or branch
    (``南州大学(深圳)``, ``星河科技(中国)``)."""
    if k + 1 >= len(toks) or toks[k + 1].pos != "paren" or TYPE_SUFFIXES[suffix] not in ("Institution", "Enterprise"):
        return False
    inner = toks[k + 1].word[1:-1]
    return 2 <= len(inner) <= 4 and all(t.pos == "ns" for t in tokenize_phrase(inner))


ROUTES = ("铁路", "城际", "高铁", "高速", "高速公路", "公路", "快速路", "国道", "省道", "客专", "号线", "大道")
SEGMENT = re.compile(r"[\u4e00-\u9fff]{2,6}?至[\u4e00-\u9fff]{2,7}?段")
_LOTS = ("项目", "地块", "单元", "标段", "组团")
_LOT_LETTER = re.compile(r"[A-Z]\d{0,2}")


def _lot_letter_after(toks: list[Tok], k: int, suffix: str) -> bool:
    """True when a letter (and a number) after a lot's or a project's head names one of several (``一期子项目A``,
    ``星湖单元B2``), and no more letters or figures follow it.

    >>> toks = tokenize("推进碧溪一期子项目A建设")
    >>> [_lot_letter_after(toks, k, "项目") for k, t in enumerate(toks) if t.word.endswith("项目")]
    [True]
    """
    if not suffix.endswith(_LOTS) or k + 1 >= len(toks) or not _LOT_LETTER.fullmatch(toks[k + 1].word):
        return False
    return k + 2 >= len(toks) or not re.match(r"[A-Za-z0-9.%]", toks[k + 2].word)


def _campus_after_a_dot(toks: list[Tok], k: int, suffix: str) -> bool:
    """True when ``·`` and a place follow a university's name (``澄溪大学·星河``): its campus, named so."""
    return suffix.endswith(("大学", "学院")) and k + 2 < len(toks) and toks[k + 1].word == "·" \
        and toks[k + 2].pos == "ns" and 2 <= len(toks[k + 2].word) <= 4


# verbs that, right before a head, belong to the name (``清淮线改扩建工程``, ``星河产业联盟成立大会``)
_BUILDING_VERBS = frozenset("改扩建 新改扩建 扩建 改建 新改建 迁建".split())
_VERBS_IN_NAMES = {"工程": _BUILDING_VERBS, "项目": _BUILDING_VERBS, "大会": frozenset("成立 揭牌 启动 誓师".split()),
                   "中心": frozenset({"促进"}), "基金": frozenset({"引导", "投资"})}  # ``区技术转移促进中心``


_WORKS_ENDS = ("工程", "项目", "改造", "整治", "治理", "提升", "建设", "计划", "行动", "活动", "试点", "期")


def _after_a_named_subject(toks: list[Tok], j: int, k: int, suffix: str) -> int:
    """Where a name ending at ``toks[k]`` starts when a name, a verb and a proper name come before its head in the
    span: after the verb (``星河集团`` | ``入驻`` | ``碧溪产业园``, ``碧溪合唱团`` | ``登上`` | ``国家大剧院``). Not when
    only a head or common words follow the verb (``海洋生物产业园孵化中心``, ``口岸免税商业综合体``), nor for works and
    programmes, whose names hold a thing and what is done to it (``碧溪产业园提升工程``).

    >>> toks = tokenize("星河集团入驻碧溪产业园")
    >>> "".join(t.word for t in toks[_after_a_named_subject(toks, 0, len(toks) - 1, "产业园"):])
    '碧溪产业园'
    """
    for i in range(k - 2, j - 1, -1):
        if toks[i].word.endswith(_COMPANY_ENDS) and toks[i + 1].pos in ("v", "vn"):
            i += 1
            while i < k and (toks[i].pos in ("v", "vn") or toks[i].word in _AIM_VERBS):
                i += 1
            return i  # ``星河农业开发有限公司`` | ``投资建设`` | ``茶叶基地``: the company, what it does, then the works
    if TYPE_SUFFIXES[suffix] == "Initiative" or suffix.endswith(_WORKS_ENDS):
        return j
    for i in range(k - 2, j - 1, -1):
        if _a_name_then_its_verb(toks, i) and (i + 2 < k or toks[k].word != suffix) \
                and specificity_of(toks[i + 2:i + 3], ""):  # a proper name after the verb, not ``创新`` | ``学院``
            return i + 2
        if _a_body_then_its_aim(toks, i):
            return -1  # ``南澜科技大学`` | ``建设`` | ``世界一流研究型大学``: the body is named on its own, its aim is no name
        if toks[i + 1].pos == "ns" and (head := suffix_of(toks[i].word)) and len(head) >= 2 \
                and TYPE_SUFFIXES[head] == "Initiative":
            return i + 1  # ``全新机制`` | ``澄州医学科学院``: a programme's head ends what came before the place
    return j


_AIM_VERBS = frozenset("建设 打造 创建 建成 争创".split())
_COMPANY_ENDS = ("有限公司", "有限责任公司", "股份公司", "公司", "集团")


def _a_body_then_its_aim(toks: list[Tok], i: int) -> bool:
    """``toks[i]`` ends in a school's, a body's or a company's head and a verb of building follows it: what comes after
    is what the body is to become."""
    head = suffix_of(toks[i].word)
    return toks[i + 1].word in _AIM_VERBS and head is not None and len(head) >= 2 \
        and TYPE_SUFFIXES[head] in ("Institution", "Enterprise") and head not in WEAK_SUFFIXES


def _a_name_then_its_verb(toks: list[Tok], i: int) -> bool:
    """``toks[i]`` ends in a type's head of two characters or more, not an industry's (``深圳生物`` | ``育种``), and a
    verb follows it."""
    verb, head = toks[i + 1], suffix_of(toks[i].word)
    return verb.pos.startswith("v") and verb.pos != "vn" and head is not None and len(head) >= 2 \
        and (head not in WEAK_SUFFIXES or TYPE_SUFFIXES[head] == "Institution")


def _works_start(toks: list[Tok], k: int, suffix: str) -> int:
    """Where the left edge of a name ending at ``toks[k]`` is looked for: the token before its head when it is a
    verb that belongs to the name (``清淮线`` | ``改扩建`` | ``工程``), which would otherwise stop the name."""
    if k > 0 and toks[k].word == suffix and toks[k - 1].word in _VERBS_IN_NAMES.get(suffix, ()):
        return k - 1
    return k


@dataclass(frozen=True)
class _Candidate:
    """A name the suffix rule proposes: ``name`` (``text[start:end]`` cleaned), its ``prefix`` before the type
    ``suffix``, its type, and its tokens ``toks[j..k]``; ``places`` are the report's own place names."""

    text: str
    start: int
    end: int
    suffix: str
    toks: list[Tok]
    j: int
    k: int
    places: frozenset[str]
    name: str
    prefix: str
    etype: str


def _accept(text: str, start: int, end: int, suffix: str, toks: list[Tok], j: int, k: int,
            places: frozenset[str] = frozenset()) -> str | None:
    """The name ``text[start:end]`` ending in ``suffix``, cleaned, if it is one: none of ``_REFUSALS`` refuses it,
    and it is specific (a proper noun, a place) or cued (``引进``, ``建成``…); else ``None``."""
    raw = text[start:end]
    if TYPE_SUFFIXES[suffix] == "Village" and (inner := _below_its_region(raw, suffix)):
        at = next((i for i in range(j, k + 1) if toks[i].start == end - len(inner)), None)
        if at is not None:  # ``六坝镇七坝村``: the village, not the path of regions down to it
            return _accept(text, toks[at].start, end, suffix, toks, at, k, places)
    if start > 0 and text[start - 1].isdigit() and (raw[:1] in "家个所座项处名支批版期号届条" or raw.startswith(UNIT_BASES)):
        return None  # ``3家企业``: a count
    if "、" in raw and "“" not in raw and '"' not in raw:
        return None  # ``工地扬尘、道路``: a list, not a name (but a quoted title: ``“大学习、深调研”…``)
    if _A_MAGNITUDE.match(raw) or raw.startswith("级"):
        return None  # ``60兆电子伏``: a figure, not a company; ``千万千瓦|级新能源基地``: a grade of a kind
    name = clean_name(raw)
    c = _Candidate(text, start, end, suffix, toks, j, k, places, name, name[: len(name) - len(suffix)],
                   TYPE_SUFFIXES[suffix])
    if any(refuses(c) for refuses in _REFUSALS):
        return None
    if suffix == "建设":  # ``平安青峰建设``, ``“智慧青峰”建设``: a campaign adjective and a place
        return name if _place_campaign(c) else None
    return name if c.etype == "Village" or _specific_or_cued(c) else None


_A_MAGNITUDE = re.compile(r"\d+(?:\.\d+)?[兆万亿千百]")
_REGION_PATH = re.compile(r"^.*(?:%s)" % "|".join(sorted(REGION_ENDINGS, key=len, reverse=True)))


def _below_its_region(raw: str, suffix: str) -> str | None:
    """The village's own name after the regions above it (``永昌县六坝镇七坝村`` → ``七坝村``), or None."""
    path = _REGION_PATH.match(raw[:len(raw) - len(suffix)])
    rest = raw[path.end():] if path else ""
    return rest if path and 2 <= len(rest) - len(suffix) <= 4 else None


# ``三大产业园区``, ``四个片区``: kinds counted; ``A级景区``, ``4A级旅游景区``: kinds graded
_KINDS_COUNTED_OR_GRADED = re.compile(r"[一二两三四五六七八九十百]+(?:大|个|项|类|场|批)(?![\u4e00-\u9fff]?(?:路|街|村))|"
                                     r"(?:[1-5]?[AaＡ]+|[一二三四五]星)级")


def _no_name(c: _Candidate) -> bool:
    """Nothing named: a generic word, a slogan, a level of a kind (``省重点项目``), a phase of nothing, a list."""
    return not c.prefix or c.name in GENERIC_NAMES or len(c.name) > MAX_NAME or bool(_SLOGAN.search(c.name)) \
        or bool(_KINDS_COUNTED_OR_GRADED.match(c.name)) \
        or _level_of_a_kind(c.name) or bool(_PHASE_ONLY.fullmatch(c.name)) or _has_deng(c.toks, c.j, c.k)


def _no_village(c: _Candidate) -> bool:
    """A village's name is a short proper name, with no verb, no rural kind of place and no attribute in it."""
    if c.etype != "Village":
        return False
    if c.suffix == "村" and (c.text[c.end:c.end + 1] in _VILLAGE_WORD_GOES_ON or c.prefix.startswith("村") or c.prefix in GENERIC_NAMES):
        return True  # ``下沉村居``, ``一村一品``, ``项目村``: 村 of another word, or of no village
    return bool(GENERIC_VILLAGE.search(c.name) or _RURAL_END.search(c.name) or _VILLAGE_NOT_IN_PREFIX.search(c.prefix)) \
        or attributive(c.prefix) or (c.toks[c.k].pos.startswith("v") and c.toks[c.k].word != c.suffix) \
        or len(c.prefix) > 5 or not _HAN.search(c.prefix) or any(t.pos.startswith("v") for t in c.toks[c.j:c.k])


def _too_short(c: _Candidate) -> bool:
    """One character before the head names nothing, but for a region's mark (``市图书馆``) and a few short names."""
    return c.etype != "Village" and len(c.prefix) < 2 \
        and not (c.prefix in REGION_MARKS and len(c.suffix) >= 2) and not _SHORT_NAME.fullmatch(c.name)


def _no_university(c: _Candidate) -> bool:
    """``南科大``, not ``建设中大``: a university's short name is short and specific."""
    return c.suffix in _UNIVERSITY_SHORT and (
        len(c.name) > 4 or specificity_of(c.toks[c.j:c.k + 1], c.suffix, c.places) < 2)


def _counted_or_designated(c: _Candidate) -> bool:
    """``示范区3个``, ``获评…示范区``: a count, or a title given, not a name."""
    return _followed_by_count(c.text, c.end) or _preceded_by_count(c.text, c.start) \
        or (c.etype != "Initiative" and designated(c.text, c.start))


def _campus_of_nothing(c: _Candidate) -> bool:
    """A campus is a school's: not ``深圳校区``, ``名校深圳校区``."""
    return c.suffix == "校区" and not SCHOOL_AT_HEAD.match(c.name)


def _industries(c: _Candidate) -> bool:
    """``发展临港化工、海洋生物等产业``: industries, not companies."""
    return c.etype == "Enterprise" and bool(_INDUSTRY_LIST.match(c.text, c.end))


def _proceedings(c: _Candidate) -> bool:
    """``执行主席某某主持开幕大会``, ``村两委负责人列席大会``: who sits and speaks at a meeting, not a thing named."""
    return any(word in c.name for word in MEETING_WORDS)


# each refuses a candidate name; any one is enough
_REFUSALS = (_no_name, _no_village, _too_short, _no_university, _counted_or_designated, _campus_of_nothing,
             _industries, _proceedings)


def _place_campaign(c: _Candidate) -> bool:
    """``平安青峰建设``: a campaign adjective, then a place of at most four characters."""
    campaign = _CAMPAIGN.match(c.prefix)
    place = tokenize_phrase(c.prefix[campaign.end():]) if campaign else []
    return bool(campaign) and len(c.prefix) - campaign.end() <= 4 and specificity_of(place, "", c.places) == 2


def _specific_or_cued(c: _Candidate) -> bool:
    """A name with something of its own (a proper noun, a place), or cued by what is done with it; otherwise a
    category in common words (``省级现代农业产业园``, ``快速预警机制``) unless its core is long enough."""
    weak = c.suffix in WEAK_SUFFIXES
    specificity = specificity_of(c.toks[c.j:c.k + 1], c.suffix, c.places)
    if c.suffix == "项目" and specificity and (head := suffix_of(c.prefix)) and TYPE_SUFFIXES[head] == "Project" \
            and len(c.prefix) > len(head) and not _LEVEL.match(c.prefix):
        return True  # ``星澜大楼项目``: a building of a name of its own, then its project
    if _A_PHASE.fullmatch(c.suffix) and (head := suffix_of(c.prefix)) and TYPE_SUFFIXES[head] == "Project" \
            and head not in WEAK_SUFFIXES and len(c.prefix) >= len(head) + 2 and not _LEVEL.match(c.prefix):
        return True  # ``碧溪电厂二期``: a phase of a facility named by its head
    if _LEVEL.match(c.prefix) or (weak and c.etype != "Enterprise"):
        specificity = specificity if specificity == 2 else 0  # ``国家一流产业科创中心``, ``扬尘整治``
    if specificity or _cued_name(c, weak):
        return True
    core = _strip_modifiers(c.prefix)
    if c.suffix in _PILOTS:  # ``国家再生水试点``: a pilot is named by its field, at whatever level it is run
        return len(core) >= 3 and not _NO_FIELD.fullmatch(core)
    if c.suffix == "项目":  # ``政府投资建设项目``: a kind of project, unless what it builds has a head (``…环境园项目``)
        return len(core) >= 4 and _builds_a_place(core) or len(core) >= 6 and not _TASK_WORDS.search(core)
    return not (not core or _LEVEL.match(c.prefix) or (weak and len(core) < _LONG_NAME_HEADS.get(c.suffix, 99))
                or (len(core) <= 2 and c.etype in ("Project", "Enterprise")))


_PILOTS = ("试点",)
_A_PHASE = re.compile(r"[一二三四五六七八九]期")
_NO_FIELD = re.compile(r"(?:改革|示范|建设|创新|综合|各类|各项|重点|相关|有关|首批|第[一二三四五六七八九十]批|[一二两三四五六七八九十\d]+[项个批类])+")
_TASK_WORDS = re.compile("|".join(PROJECT_KIND_WORDS))  # a kind of project: ``政府投资建设项目``


def _builds_a_place(core: str) -> bool:
    """True when a project's core ends with the head of a place or a body (``资源化利用环境园``)."""
    head = suffix_of(core)
    return bool(head) and TYPE_SUFFIXES[head] in ("Project", "Institution") and head not in WEAK_SUFFIXES - {"园", "厂"}


def _cued_name(c: _Candidate, weak: bool) -> bool:
    """What is said of the thing marks it as one: brought in, set up, hosted, built, or a world event."""
    etype, prefix, suffix = c.etype, c.prefix, c.suffix
    return (suffix != "项目" and etype in ("Enterprise", "Project") and _cued(c.text, c.start, c.end)) \
        or (etype == "Institution" and _created(c.text, c.start)) \
        or (etype == "Initiative" and _hosted(c.text, c.start, suffix)) \
        or (etype in ("Project", "Institution") and not (weak and _common_kind(c)) and _built(c.text, c.toks, c.j, c.end)) \
        or (etype == "Project" and len(_strip_modifiers(prefix)) >= 2 and _measured(c.text, c.start)) \
        or (etype == "Initiative" and _world_event(prefix, suffix)) or national_centre(c.name, suffix) \
        or (etype == "Initiative" and "杯" in prefix[1:] and suffix.endswith(_EVENT_ENDS))  # ``中国杯帆船赛``


def _common_kind(c: _Candidate) -> bool:
    """A weak head after one common word is a kind of thing even where it reaches a stage (``社区公园建成开放``)."""
    toks = tokenize_phrase(c.prefix)
    return len(toks) == 1 and known_word(c.prefix) and toks[0].pos not in PROPER_POS


_PHASE_ONLY = re.compile(r"[省市区县镇]?[一二三四五六七八九十]+期")  # ``(纳入)市五期(建设规划)``: a phase of nothing named
_KIND_AFTER_LEVEL = frozenset("重点项目 重大项目 产业项目 民生项目 重点工程 重大工程 民生工程 重点企业 龙头企业 重点投资项目 "
                              "重大投资项目 政府投资项目".split())
_LEVEL_IN_FRONT = re.compile(r"^(?:新区|全区|全市|全县|全镇|全省|本区|本市|[省市区县镇]|十[一二三四五六七八九]五(?:规划|时期|期间)?)")


def _level_of_a_kind(name: str) -> bool:
    """``省重点项目``, ``新区重点投资项目``: a level in front of a kind of work or company is still a kind."""
    level = _LEVEL_IN_FRONT.match(name)
    return level is not None and name[level.end():] in _KIND_AFTER_LEVEL


# a school at the head of a name, with its campus's place in parentheses if any (``澄溪大学(星河)校区``)
SCHOOL_AT_HEAD = re.compile(r"(?!名校|高校)([\u4e00-\u9fff]{2,12}?(?:大学|学院|学校|中学|小学|职校))(?:\([^()]{1,6}\))?")


_WORLD_SCOPE = re.compile(r"^(?:中国国际|中国|国际(?!化)|全国|世界|全球|亚洲)")
_EVENT_ENDS = ("节", "赛", "会", "论坛", "周", "展", "秀")


def _world_event(prefix: str, suffix: str) -> bool:
    """An event of a country or the world named by what it is about, in four characters or more
    (``中国国际新媒体短片节``), not by a kind alone (``国际文化节``); not a system or a pilot (``…制度``, ``…试点``)."""
    scope = _WORLD_SCOPE.match(prefix)
    return scope is not None and suffix.endswith(_EVENT_ENDS) and len(prefix) - scope.end() >= 4 \
        and _HAN.search(prefix[scope.end():]) is not None


# names with one character before their head: a fair's short name (``高交会``), a chief's duty (``林长制``), a
# university's (``南科大``)
_UNIVERSITY_SHORT = ("工大", "科大", "师大", "农大", "医大", "中大")
_SHORT_NAME = re.compile(r"[\u4e00-\u9fff](?:%s)" % "|".join(("交会", "博会", "洽会", "贸会", "长制", "交所") + _UNIVERSITY_SHORT))


_VILLAGE_WORD_GOES_ON = frozenset("居级庄落")  # 村居, 村级, 村庄, 村落: words, not a village's head
_RURAL_END = re.compile(r"(?:乡村|农村|山村|城中村|行政村|自然村|中心村)$")
_VILLAGE_NOT_IN_PREFIX = re.compile(r"[镇乡县区]|自然村|行政村")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _has_deng(toks: list[Tok], j: int, k: int) -> bool:
    """True when ``等`` or ``等等`` is one of ``toks[j:k]``: the words before a list's head, not a name."""
    for t in toks[j:k]:
        if t.word == "等" or t.word == "等等":
            return True
    return False


_COUNT_AFTER = re.compile(r"(?:达|超|近|共|累计)?\d")
_COUNT_BEFORE = re.compile(r"\d+(?:\.\d+)?[个家所座项处名支批]$")


def _followed_by_count(text: str, end: int) -> bool:
    return bool(_COUNT_AFTER.match(text, end, end + 4))


def _preceded_by_count(text: str, start: int) -> bool:
    if start == 0 or text[start - 1] not in _COUNTED_LAST:
        return False  # what the pattern must end with (``$`` also matches before a last line end)
    return bool(_COUNT_BEFORE.search(text[max(0, start - 6):start]))


_COUNTED_LAST = frozenset("个家所座项处名支批\n")


# Weak heads that still make a name of common words when the words before them are many
# enough (``城市环境品质提升行动``): the head and the least number of characters before it.
_LONG_NAME_HEADS = {"行动": 5, "计划": 5, "工程": 5, "项目": 6, "学院": 5, "试点": 5, "平台": 5, "活动": 5, "城": 4}
_CAMPAIGN = re.compile(r"^(?:平安|智慧|美丽|数字|法治|幸福|健康|文明|生态|绿色|韧性|无废|海绵|活力|人文|宜居)")
# a level or a grade in front (``省级…``, ``二级康复医院``): the name says a kind, unless a proper word holds it
_LEVEL = re.compile(r"^(?:国家级|省级|市级|区级|县级|镇级|乡级|街道级|社区级|村级|国家|全国|全省|全市|[一二三]级|[二三][甲乙])")
_MODIFIER = re.compile("^(?:%s|\\d+A级)" % "|".join(sorted(GENERIC_MODIFIERS, key=len, reverse=True)))


def _strip_modifiers(prefix: str) -> str:
    """The part of a name's prefix left after category modifiers (``省级``, ``现代``…).

    >>> _strip_modifiers("省级现代农业")
    '农业'
    """
    while (n := _modifier_end(prefix)) and n < len(prefix):
        prefix = prefix[n:]
    return "" if _modifier_end(prefix) == len(prefix) else prefix


def _modifier_end(prefix: str) -> int:
    """Where the category modifier opening ``prefix`` ends (0: none), a kind in ``性``/``化``… included."""
    if m := _MODIFIER.match(prefix):
        return m.end()
    return next((n for n in (3, 4) if attributive(prefix[:n])), 0)


def _cued(text: str, start: int, end: int) -> bool:
    return text[max(0, start - 4):start].endswith(ENTERPRISE_CUES_BEFORE) or text.startswith(ENTERPRISE_CUES_AFTER, end, end + 6)


# what only one named thing does as the subject of its clause: its works reach a stage
_WORKS_STAGE = re.compile(r"(?:主体|主体工程|一期|二期)?(?:基本|顺利|正式|全面|全线|成功)?(?:完工|封顶|竣工|开工建设|动工建设|开工|动工|开建|建成|"
                          r"投入使用|开园|开馆|启用|运营|投用|投产|通车|开通|开业|开放|招生|落成|完成(?:提标|升级)?改造)")


_SIZE = re.compile(r"(?:%s)[约近超达逾]?\d[\d.]*[万亿]?(?:%s)(?:以上|左右|多)?的$" % (
    "|".join(SIZE_WORDS), "|".join(sorted(SIZE_UNITS, key=len, reverse=True))))


def _measured(text: str, start: int) -> bool:
    """True for a thing its size is said of, right before it (``占地300亩的`` | ``湖心公园``,
    ``总投资5亿元的`` | ``城南污水厂``): one thing, not a kind."""
    return _SIZE.search(text[max(0, start - 16):start]) is not None


def _built(text: str, toks: list[Tok], j: int, end: int) -> bool:
    """True for a thing that opens its clause and whose works reach a stage (``科学公园主体完工``): one
    thing, not a kind (a kind is counted, ``建成社区公园5个``, or follows a verb)."""
    opens = j == 0 or toks[j - 1].word in (",", "。", ";", ":")
    return opens and _WORKS_STAGE.match(text, end) is not None


_EVENT_HEADS = re.compile(r"(?:赛|节|论坛|峰会|会|展|周)$")
_HOSTS = ("举办", "承办", "主办", "举行", "协办")


def _hosted(text: str, start: int, suffix: str) -> bool:
    """True for an event right after the verb that hosts it (``成功举办全国帆船锦标赛``): one event, even in
    common words (a kind of event hosted is counted or said of many: ``举办各类赛事``); not a bare ``比赛``, which
    names a kind as often (``举办职业技能比赛``)."""
    return _EVENT_HEADS.search(suffix) is not None and suffix != "比赛" and text[max(0, start - 2):start] in _HOSTS


def _created(text: str, start: int) -> bool:
    """True right after a verb that creates a body: ``成立`` | ``反诈骗中心``."""
    return text[max(0, start - 4):start].endswith(INSTITUTION_CUES_BEFORE)


_SHORT_BODY = re.compile(r"(?:国家|省|市|区|县)?(?:%s)(?:委|部|局|厅|办)(?![署门分长员属队位件际])"
                         % "|".join(sorted(BODY_STEMS, key=len, reverse=True)))
_BODY_HEAD = re.compile(r"[委部局厅办署]")


def government_bodies(text: str, toks: list[Tok]):
    """A government body: a ministry or bureau jieba knows as an organisation (``民政部``), or a department by its
    short form (``市发改委``, ``住建部``), which jieba cuts apart; not the country's own organs a report cites.

    >>> [n for n, *_ in government_bodies("已获市发改委批复,与民政部对接", tokenize("已获市发改委批复,与民政部对接"))]
    ['市发改委', '民政部']
    """
    if not toks:
        return []
    a, b = toks[0].start, toks[-1].end
    if not _BODY_HEAD.search(text, a, b):
        return []  # no head a body ends with: the long pattern need not be tried at every character
    short = [(m.group(), "Institution", m.start(), m.end(), "suffix") for m in _SHORT_BODY.finditer(text, a, b)
             if m.group()[0] in "国省市区县" or not known_word(text[m.start() - 1:m.start() + 1])]
    known = [(t.word, "Institution", t.start, t.end, "suffix") for t in toks
             if t.pos == "nt" and len(t.word) >= 3 and _BODY_END.search(t.word) and not _NOT_BODY.search(t.word)
             and not _CENTRAL.match(t.word) and not any(s[2] <= t.start < s[3] for s in short)]
    return sorted(short + known, key=lambda c: c[2])


_BODY_END = re.compile(r"(?:部|厅|委|局|署)$")
_NOT_BODY = re.compile(r"(?:党委|党工委|工委|格局|布局|全局|大局|新局|开局|变局|当局|结局|外部|内部|全部|局部|底部|头部)$"
                       r"|^[东西南北中]{2,3}部$")  # ``中东部``: a part of the country; ``对外部``: a part of anything
# the country's own organs, named in the chain of command a report cites (``中央政治局会议精神``), not bodies it has
_CENTRAL = re.compile(r"(?:党中央|中共中央|中央|全国人大|全国政协)")


_ROAD_WORKS = re.compile(r"(?:全线)?(?:建设|改造|拓宽|扩建|改扩建|升级改造|建成通车|通车|贯通|开工|动工|竣工)")
_NOT_ROAD = re.compile("(?:%s)$" % "|".join(NOT_ROAD_ENDINGS))  # ``碧溪道路``, ``发展之路``: no road's name


def road_works(text: str, toks: list[Tok], places: frozenset[str] = frozenset()):
    """A named road as the object of its work (``碧川路建设``, ``曙岭路拓宽``): a project.

    >>> [n for n, *_ in road_works("碧川路建设加快推进", tokenize("碧川路建设加快推进"))]
    ['碧川路']
    """
    if not toks:
        return []
    found = _highway_lines(text, toks[0].start, toks[-1].end)
    if text.find("路", toks[0].start, toks[-1].end) < 0:
        return found
    for k, tok in enumerate(toks):
        if not tok.word.endswith("路") or not _ROAD_WORKS.match(text, tok.end):
            continue
        short = tok.word == "路" or (len(tok.word) == 2 and tok.word[0] in "东西南北中新")  # ``碧川|路``, ``环城|西路``
        j = k - 1 if short and k > 0 and toks[k - 1].pos in ("n", "ns", "nz", "nr", "j") else k
        name = text[toks[j].start:tok.end]
        stem = name[:-1]
        if not 3 <= len(name) <= 8 or _NOT_ROAD.search(name) or not HAN_ONLY.fullmatch(name) \
                or toks[j].pos in ("v", "vn", "m", "x", "p", "c", "u", "uj", "d", "r") or stem in places:
            continue
        if known_word(stem) and specificity_of(toks[j:k + 1], "", places) != 2:
            continue  # ``主干路``, ``景观路``: a kind of road
        found.append((name, "Project", toks[j].start, tok.end, "suffix"))
    taken = {(a, b) for _, _, a, b, _ in found}
    return found + [r for r in _roads_built(text, toks[0].start, toks[-1].end, places) if (r[2], r[3]) not in taken]


# a building verb, then a list of roads: ``建成碧溪河一路、四路和澄江路``
_ROADS_BUILT = re.compile(r"(?:建成|新建|打通|开通|续建|修建|改建|扩建|拓宽|贯通|完工)((?:[\u4e00-\u9fff]{1,7}?路[、和及与])*"
                          r"[\u4e00-\u9fff]{1,7}?路)(?![\u4e00-\u9fff]{0,2}(?:网|段|口|面|灯|基)|径)")
_ORDINAL_ROAD = re.compile(r"[一二三四五六七八九十]{1,2}路")


def _roads_built(text: str, start: int, end: int, places: frozenset[str]) -> list[tuple]:
    """Roads named right after the verb that builds them (``建成碧溪河一路、四路和澄江路``), each a project; a bare
    numbered road takes the stem of the one before it (``四路``: ``碧溪河四路``).

    >>> t = "建成碧溪河一路、四路和碧川路,开通主干路"
    >>> [n for n, *_ in _roads_built(t, 0, len(t), frozenset())]
    ['碧溪河一路', '碧溪河四路', '碧川路']
    """
    found = []
    for m in _ROADS_BUILT.finditer(text, start, end):
        at, stem = m.start(1), ""  # a numbered road takes the stem of one in its own list only
        for member in re.split(r"[、和及与]", m.group(1)):
            name = stem + member if _ORDINAL_ROAD.fullmatch(member) and stem else member
            if (ordinal := re.search(r"[一二三四五六七八九十]{1,2}路$", member)) and len(member) > len(ordinal.group()):
                stem = member[: ordinal.start()]
            words = tokenize_phrase(name[:-1])
            if 3 <= len(name) <= 8 and not _NOT_ROAD.search(name) and name[:-1] not in places \
                    and not (len(words) == 1 and known_word(name[:-1]) and words[0].pos not in PROPER_POS) \
                    and words and words[0].pos not in ("v", "vn", "d", "p", "c", "m", "r"):
                found.append((name, "Project", at, at + len(member), "suffix"))
            at += len(member) + 1
    return found


# a highway named by the places it joins, in two characters (a side after them), in a list or before its works:
# ``青溪线改造``, ``碧青南线、青溪线``
_HIGHWAY_LINE = re.compile(r"(?:^|(?<=[、,，;；:：和及与]))([\u4e00-\u9fff]{2})[东西南北]?线"
                           r"(?=[、,，。和及与等]|%s|新改建|改建|新建|[\u4e00-\u9fff]{0,4}段)" % _ROAD_WORKS.pattern)
_ROADS_ABOUT = re.compile(r"道路|公路|国道|省道|县道|高速|通车|绕城|改扩建")


def _highway_lines(text: str, start: int, end: int) -> list[tuple]:
    """Highways named by the two places they join (``青溪线``): the two characters one place name or abbreviation,
    where the sentence is about roads (``_ROADS_ABOUT``) or the line's own works follow it.

    >>> t = "碧青南线、青溪线新改建项目推进,骨干道路加快建设"
    >>> [n for n, *_ in _highway_lines(t, 0, len(t))]
    ['碧青南线', '青溪线']
    >>> [n for n, *_ in _highway_lines("守住底线、红线和生命线,县道通车", 0, 15)]
    []
    """
    sentence = text[start:end]
    if "线" not in sentence or not _ROADS_ABOUT.search(sentence):
        return []
    found = []
    for m in _HIGHWAY_LINE.finditer(sentence):
        words = tokenize_phrase(m.group(1))
        if len(words) == 1 and (words[0].pos in ("ns", "j") or not known_word(m.group(1))):
            found.append((m.group(), "Project", start + m.start(), start + m.end(), "suffix"))
    return found


def place_campaigns(text: str, toks: list[Tok], places: frozenset[str] = frozenset()):
    """``平安青峰创建``: a campaign adjective and a place (one proper noun) before ``创建`` name a campaign (``平安青峰``).

    >>> [n for n, *_ in place_campaigns("平安青峰创建全面铺开", tokenize("平安青峰创建全面铺开"), frozenset({"青峰"}))]
    ['平安青峰']
    """
    found = []
    if not toks or text.find("创建", toks[0].start, toks[-1].end) < 0:
        return found
    for k, tok in enumerate(toks):
        if tok.word != "创建":
            continue
        for i in range(k - 1, max(-1, k - 4), -1):
            campaign = _CAMPAIGN.match(text[toks[i].start:tok.start])
            place = text[toks[i].start + campaign.end():tok.start] if campaign else ""
            words = tokenize_phrase(place)
            if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", place) and not place.endswith(("城市", "城区")) and (place in places or (
                    len(words) == 1 and words[0].pos in ("ns", "nr", "nz"))):
                found.append((text[toks[i].start:tok.start], "Initiative", toks[i].start, tok.start, "suffix"))
                break
    return found


# a title a city or district earns (``全国文明城市``, ``国家森林城市``), then the campaign for it
_CITY_TITLE = re.compile(r"(?:(?:全国|国家|省级|省)(?:[\u4e00-\u9fff]{2,6}?)|(?:文明|卫生|森林|园林|生态园林|环保模范|双拥模范"
                         r"|节水型|无障碍|全域旅游示范|食品安全示范))(?:城市|城区)(?=创建|复审|复查|复检)")
_TITLE_WORK = re.compile(r"创建|复审|复查|复检")


def title_campaigns(text: str, toks: list[Tok]):
    """``圆满完成国家森林城市创建、国家卫生城市复审``: the campaign for a title a city earns is an initiative,
    named with its work (the title alone is no name).

    >>> [n for n, *_ in title_campaigns("完成国家森林城市创建、卫生城市复审", tokenize("完成国家森林城市创建、卫生城市复审"))]
    ['国家森林城市创建', '卫生城市复审']
    """
    if not toks or "城" not in text[toks[0].start:toks[-1].end]:
        return []
    starts = {t.start for t in toks}
    found = []
    for m in _CITY_TITLE.finditer(text, toks[0].start, toks[-1].end):
        work = _TITLE_WORK.match(text, m.end())
        if m.start() in starts and not any(w in m.group()[2:] for w in BOUNDARY_WORDS if len(w) > 1):
            found.append((m.group() + work.group(), "Initiative", m.start(), work.end(), "suffix"))
    return found


_FOLLOW_UP = re.compile(r"(?:中央|国家|省级|省|市)(?:[\u4e00-\u9fff]{0,8}?)(?:督察|巡视|巡察|督导|检查)(?:整改)?[“\"]?回头看[”\"]?")


def follow_up_campaigns(text: str, toks: list[Tok]):
    """``省生态环境督察“回头看”``: the second round of an inspection is an initiative, named with the inspection.

    >>> [n for n, *_ in follow_up_campaigns("做好省生态环境督察“回头看”工作", tokenize("做好省生态环境督察“回头看”工作"))]
    ['省生态环境督察回头看']
    """
    if not toks or "回头看" not in text[toks[0].start:toks[-1].end]:
        return []
    starts = {t.start for t in toks}
    return [(re.sub(r"[“”\"]", "", m.group()), "Initiative", m.start(), m.end(), "suffix")
            for m in _FOLLOW_UP.finditer(text, toks[0].start, toks[-1].end) if m.start() in starts]


_TITLE_STOPS = frozenset("、,。;:!?()“”《》等")
_LAUNCHERS = CAMPAIGN_LAUNCH_WORDS | TITLE_LAUNCH_WORDS
_TITLE_HEAD = re.compile("(?:%s)$" % "|".join(sorted(TITLE_HEADS, key=len, reverse=True)))


def launched_titles(text: str, toks: list[Tok]):
    """A programme, a mechanism or a centre named by its whole title after the words that launch or set it up
    (lexicon ``campaign_launch_words``, ``title_launch_words``): ``深入实施|降低全社会物流成本专项行动``,
    ``建成启用|安全生产体验中心``; a campaign's title (lexicon ``campaign_heads``) may also open a clause with its
    own verb.

    >>> s = "深入实施降低全社会物流成本专项行动,建成启用安全生产体验中心,建设一批各类科技创新平台"
    >>> [n for n, *_ in launched_titles(s, tokenize(s))]
    ['降低全社会物流成本专项行动', '安全生产体验中心']
    """
    found = []
    for h, head in enumerate(toks):
        if not (m := _TITLE_HEAD.search(head.word)) or _head_goes_on(text, toks, h):
            continue
        k, launched = _title_start(toks, h)
        if k is not None and launched and len(text[toks[k].start:head.start]) < 4 and (longer := _title_start(toks, k - 1))[0] \
                and longer[1]:
            k = longer[0]  # ``推进|国企改革深化|提升行动``: a launch word inside the title, whose part after it is too short
        if k is not None and _a_title(text, toks[k:h + 1], m.group(), launched):
            name = text[toks[k].start:head.end]
            found.append((name, type_of(name, suffix_of(name) or m.group()), toks[k].start, head.end, "launched_title"))
    return found


def _head_goes_on(text: str, toks: list[Tok], h: int) -> bool:
    """True when the noun after a title's head makes a longer name: ``…科创中心核心区``, ``…科技计划项目``."""
    return text[toks[h].end:toks[h].end + 1] in _HEAD_GOES_ON or h + 1 < len(toks) \
        and toks[h + 1].pos in ("n", "ng", "nz", "ns") and toks[h + 1].word not in BOUNDARY_WORDS


def _title_start(toks: list[Tok], h: int) -> tuple[int | None, bool]:
    """Where the title that ends at ``toks[h]`` starts (``None``: not clear, or too long), and whether a word that
    launches it stands right before it (else a clause mark, or nothing)."""
    k = h
    while k - 1 >= 0 and toks[k - 1].word not in _LAUNCHERS and not _TITLE_STOPS.intersection(toks[k - 1].word) \
            and toks[h].end - toks[k - 1].start <= 22:
        k -= 1
    launched = k > 0 and toks[k - 1].word in _LAUNCHERS
    if launched and k < h and _A_ROUND.fullmatch(toks[k].word):
        k += 1  # ``启动新一轮`` | ``打造一流营商环境三年行动``: a new round of the campaign, not its title
    if k == h or not (launched or k == 0 or _TITLE_STOPS.intersection(toks[k - 1].word)):
        return None, False
    return k, launched


_A_ROUND = re.compile(r"新一轮|新一批|新一届|第[一二三四五六七八九十\d]+(?:轮|批|届|期)")


_OPENS_A_CAMPAIGN = re.compile(r"^(?:v|vn|a|ad|an|i|l)$")
_MANNER_WORDS = frozenset("深入 全面 全力 大力 积极 持续 稳步 扎实 切实 不断 进一步 加快 加大 加强 高标准 高质量".split())
_JOINT_WORKS = frozenset("融合 融合发展 协同 协同发展 联动 一体化 互动 共建 衔接".split())


def _a_title(text: str, inside: list[Tok], head: str, launched: bool) -> bool:
    """True when the words ``inside`` (the title with its head) name one programme or body: they open with a noun
    after a launch word, or, for a campaign, with its own verb; they hold no preposition, no ``的``, no two things
    joined (but in a campaign's title), and more than a kind counted or a generic name."""
    opening, campaign = inside[0], head in CAMPAIGN_HEADS
    own_verb = opening.pos == "v" and len(opening.word) >= 2 and opening.word not in BOUNDARY_WORDS
    aim = launched and campaign and opening.pos in ("v", "vn", "n") and len(opening.word) >= 2 \
        and opening.word not in _LAUNCHERS and opening.word not in _MANNER_WORDS
    if opening.word in BOUNDARY_WORDS and not aim or not (aim or
            own_verb and campaign or launched and (opening.pos[:1] in ("n", "j") or opening.pos == "an")
            or launched and opening.pos == "a" and len(inside) > 2 and inside[1].pos[:1] == "n"  # ``先进|制造业…``
            or launched and campaign and _OPENS_A_CAMPAIGN.match(opening.pos) and not set_phrase_of_a_verb(opening)):
        return False  # a campaign launched may open with its aim: ``实施|稳增长…百日攻坚行动``, ``推进|土壤污染防治行动计划``
    joint = any(t.word in _JOINT_WORKS for t in inside)  # ``先进制造业和现代服务业融合发展试点``: one pilot of both
    if any(t.pos == "p" or t.pos == "c" and not (campaign or joint) for t in inside):
        return False  # ``水环境治理从平台``, ``诚信体系和信用信息平台``: a phrase, or two things
    name = text[opening.start:inside[-1].end]
    return len(name) - len(head) >= 4 and any(t.pos[:1] == "n" for t in inside) and "的" not in name \
        and not _KINDS_COUNTED_OR_GRADED.match(name) and name not in GENERIC_NAMES and not name.startswith(GENERIC_MODIFIERS)


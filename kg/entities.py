"""Find entity mentions (enterprises, institutions, projects, villages, initiatives) in a report's sentences.

Rules, each a small function that records its name on what it finds:

- ``suffix``: a type suffix (``产业园``, ``集团``, ``村``…) ends a name; its left edge is where
  a boundary word, a function word, a number or punctuation stands (``获批筹建`` | ``国家超级计算江北中心``);
- ``enumeration``: ``A、B、C等传统工业区`` names ``A工业区``, ``B工业区``, ``C工业区``, and a bare
  member of a list whose siblings carry a suffix takes their type;
- ``cue``: a name right after ``引进``/``签约``… or before ``等企业``/``落户`` is an enterprise;
- ``quoted``: a quoted name followed by a programme head (``“591”专项行动``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import (BOUNDARY_CHARS, BOUNDARY_WORDS, ENTERPRISE_CUES_AFTER, ENTERPRISE_CUES_BEFORE,
                      GENERIC_MODIFIERS, GENERIC_NAMES, NAME_WORDS, STOP_WORDS, TYPE_SUFFIXES, UNIT_BASES,
                      WEAK_SUFFIXES)
from .model import Mention, Report, Sentence, Structure
from .segment import Token, known_word, tokenize

__all__ = ["find_mentions", "sentence_mentions", "clean_name", "find_relations"]

_STOP_POS = {"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "mq", "y", "e", "o", "i"}
_NAME_STARTS = frozenset({"国际", "综合", "示范", "创新", "孵化", "标准化", "全国"})
_NOT_SUFFIX_WORDS = frozenset("新局 开新局 全局 部署 布局 格局 大局 全局 开局 结局 当局 书局 时局 县城 全城 名城 古城 都城 省城 京城 长城 城市 香港 海港 口岸 一局".split())
_LEADING_WORDS = BOUNDARY_WORDS - _NAME_STARTS
_LEADING_JUNK = re.compile(r"^(?:的|等|和|与|及|在|对|为|将|把|了|是|并|其|各|以|由|向|从)+")
_GENERIC_VILLAGE = re.compile(r"^(?:美丽|特色|示范|先进|文明|重点|贫困|试点|样板|明星|经济薄弱|薄弱|集体|富裕|强|富|各|全|本|该|每|村|老旧|老|旧|新)?"
                              r"(?:乡村|农村|山村|渔村|新农村|行政村|自然村|中心村|城中村|村村|村|社区|新村)$")
_NOT_COMPANIES = ("高校", "院校", "院所", "机构", "资源", "资本", "岸线", "理念", "模式", "技术", "人才", "团队")
_PERSON_HEADS = ("院士", "人才", "团队", "专家", "教授", "博士", "同志", "代表", "委员")
_GROUP_WORDS = {"企业": "Enterprise", "公司": "Enterprise", "项目": "Project", "重点企业": "Enterprise",
                "龙头企业": "Enterprise", "村": "Village", "社区": "Village"}
_MAX_NAME = 24
_SLOGAN = re.compile(r"之(?:城|都|区|乡|镇|窗)$|^[一二三四五六七八九十两]+大")  # ``宜居之城``, ``五大教育集团``
_ROADS = "道路"  # the head of a list of roads: each member is named on its own


_Tok = Token  # a token of a sentence, where quoted and parenthesised runs are merged into one (``_merge``)


def clean_name(name: str) -> str:
    """A name as the graph labels it: no quotes, markdown or spaces; parentheses half-width.

    >>> clean_name("“591”专项行动")
    '591专项行动'
    >>> clean_name("柳塘（青石河）航道")
    '柳塘(青石河)航道'
    """
    name = name.replace("（", "(").replace("）", ")")
    return re.sub(r"[\s“”\"'‘’《》「」『』*#]", "", name)


def find_mentions(report: Report, structure: Structure) -> list[Mention]:
    """All entity mentions of a report, in text order."""
    places = region_stems(structure.meta.region)
    mentions: list[Mention] = []
    for sentence in structure.sentences:
        mentions.extend(sentence_mentions(report.text, sentence, places))
    return mentions


def region_stems(region: str) -> frozenset[str]:
    """The report's own place names, which make a name specific even where jieba reads them as
    common words (a district called ``光明``, "bright").

    >>> sorted(region_stems("青峰区"))
    ['青峰', '青峰区']
    """
    if not region:
        return frozenset()
    stem = re.sub(r"(?:新区|自治区|自治州|自治县|街道|省|市|区|县|镇|乡|旗)$", "", region)
    return frozenset({region, stem} if len(stem) >= 2 else {region})


def sentence_mentions(text: str, sentence: Sentence, places: frozenset[str] = frozenset()) -> list[Mention]:
    """Entity mentions in one sentence, longest first where two overlap."""
    toks = _merge(tokenize(sentence.text, sentence.start), text)
    found = (_suffix_names(text, toks, places) + _enumerations(text, toks) + _cue_names(text, toks)
             + _subject_names(text, toks, places) + _sibling_lists(text, toks) + _quoted(text, toks)
             + _government_bodies(toks))
    return [Mention(name=n, etype=t, start=a, end=b, sentence=sentence, rule=r, surface=text[a:b])
            for n, t, a, b, r in _resolve_overlaps(found)]


_CLOSERS = {"“": "”", '"': '"', "(": ")", "《": "》", "‘": "’"}


def _merge(tokens: list[Token], text: str) -> list[_Tok]:
    """Merge quoted runs (“…”) and short parenthesised runs into single tokens."""
    out: list[_Tok] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        closer = _CLOSERS.get(t.word)
        if closer:
            j = i + 1
            while j < len(tokens) and tokens[j].word != closer and j - i < 12:
                j += 1
            if j < len(tokens) and tokens[j].word == closer and j > i + 1:
                pos = "paren" if t.word == "(" else "quote"
                out.append(_Tok(text[t.start:tokens[j].end], pos, t.start, tokens[j].end))
                i = j + 1
                continue
        if len(t.word) >= 3 and t.word[0] in "和与及并" and t.pos in ("nr", "ns", "nz"):
            out.append(_Tok(t.word[0], "c", t.start, t.start + 1))  # jieba's ``和宝龙``: 和 | 宝龙
            out.append(_Tok(t.word[1:], t.pos, t.start + 1, t.end))
        else:
            out.append(t)
        i += 1
    return out


_NUMERAL = re.compile(r"[\d一二两三四五六七八九十百千万亿多几数若]")
_INDUSTRY_LIST = re.compile(r"[^,，。;；]{0,30}?等[^,，。;；\d]{0,6}?(?:产业|行业|领域|业态|环节)(?:[,，。;；、]|发展|集群|防控|$)")
_VERB_MODIFIERS = frozenset("高水平 高质量 高标准 高起点 一流 世界级 世界一流 现代化 国际化 新型 一批 一系列".split())
_ADVERB_VERB = re.compile(r"^(?:大力|积极|加快|全面|着力|努力|持续|深入|不断|进一步|切实|扎实|稳步|全力)[\u4e00-\u9fff]{2}$")
_TIME_WORDS = frozenset("今年 明年 去年 年内 年底 年初 月底 月初 目前 当前 近年 近年来 同期 期间 以来 过去 现在 今后 此前 届时".split())
_MEASURE_AFTER = re.compile(r"^(?:%s|月|日|万|亿|千|百|多|余|届|周年|分钟|平方)" % "|".join(map(re.escape, UNIT_BASES)))


def _joinable(tok: _Tok, nxt: _Tok | None = None) -> bool:
    """True when ``tok`` can be part of a name that goes on with ``nxt``."""
    return _joinable_words(tok.word, tok.pos, None if nxt is None else nxt.word)


@lru_cache(maxsize=100_000)
def _joinable_words(word: str, pos: str, next_word: str | None) -> bool:
    if pos in ("quote", "paren"):
        return True
    if word in STOP_WORDS or not BOUNDARY_CHARS.isdisjoint(word) or _ADVERB_VERB.match(word):
        return False
    if pos in _STOP_POS or (pos == "f" and word in ("上", "下", "内", "里", "间", "后", "前")):
        return False
    if _DIGIT.search(word):  # ``8号线``, ``96180热线``, but not ``13个`` or ``2019年``
        return next_word is not None and not _MEASURE_AFTER.match(next_word) and not _DIGIT.search(next_word)
    if _PHASE_OR_ORDINAL.fullmatch(word):
        return True  # ``星河苑四期``, ``城东第三小学``
    if pos in ("m", "q", "mq") and _NUMERAL.search(word):  # ``三年行动计划`` keeps its years
        return bool(_YEARS.fullmatch(word) and next_word and next_word.startswith(("行动", "计划", "攻坚")))
    return pos != "t" or not (_NUMERAL.search(word) or word in _TIME_WORDS)


_DIGIT = re.compile(r"\d")
_PHASE_OR_ORDINAL = re.compile(r"[一二三四五六七八九十]+期|第[一二三四五六七八九十\d]+")
_YEARS = re.compile(r"[一二三四五六七八九十]+年")


def _joins_two_parts(toks: list[_Tok], i: int, floor: int) -> bool:
    """``与``, ``·`` or a dash between two words of one name: ``人才与科创联络中心``, ``同济-港理工研究院``."""
    if toks[i].word not in ("与", "·", "-", "—", "－") or i - 1 < floor:
        return False
    before, after = toks[i - 1], toks[i + 1]
    ends_name = (suffix := _suffix_of(before.word)) and (
        TYPE_SUFFIXES[suffix] != "Enterprise" or (i - 2 >= floor and _joinable(toks[i - 2], before) and _specificity([toks[i - 2]], "")))
    return _joinable(before, toks[i]) and not ends_name and before.word not in NAME_WORDS \
        and after.word not in NAME_WORDS and before.pos in ("n", "nz", "ns", "nr", "nrt", "nrfg", "nt", "j", "vn", "eng", "l")


_REGION_PART = re.compile(r"[东西南北中]部")  # ``东部环保电厂``: a part of the region starts a name


def _left_edge(toks: list[_Tok], k: int, floor: int = 0) -> int:
    """Index of the first token of the name whose last token is ``toks[k]``."""
    j = k
    while j - 1 >= floor and toks[k].end - toks[j - 1].start <= _MAX_NAME:
        if _joinable(toks[j - 1], toks[j]):
            j -= 1
        elif _joins_two_parts(toks, j - 1, floor):
            j -= 2
        else:
            break
    while j < k and (toks[j].pos == "paren" or (toks[j].pos == "f" and not _REGION_PART.fullmatch(toks[j].word))):
        j += 1
    if j > 0 and re.fullmatch(r"\d+", toks[j - 1].word) and re.match(r"国道|省道|县道|号", toks[j].word):
        j -= 1
    return j


def _start_after_verbs(toks: list[_Tok], j: int, k: int, suffix: str) -> int:
    """Move the start of a name past leading boundary words: ``构建`` | ``串联绿道``, ``重点服务`` | ``星河电梯``."""
    keep = len(suffix) + 1
    if j + 2 <= k and toks[j].word in ("打", "抓", "建", "用", "管", "办", "做") and toks[j + 1].word == "好":
        j += 2  # ``打好`` split by jieba
    if j < k and toks[j].pos == "v" and len(toks[j].word) >= 2 and toks[j].word not in NAME_WORDS and known_word(toks[j].word) \
            and toks[j + 1].pos in ("ns", "nr", "nt", "j") and toks[k].end - toks[j + 1].start >= keep:
        j += 1  # a verb before a proper noun governs the name: ``续建`` | ``南海大道南延段``
    for m in range(j, k - 1):
        if toks[m].word in NAME_WORDS and toks[m + 1].word in _VERB_MODIFIERS and toks[k].end - toks[m + 1].start >= keep:
            j = m + 1  # ``高新区建设``|``高水平科技创新平台``: a work word used as the verb
    while j < k and toks[k].end - toks[j + 1].start >= keep and (
            t := toks[j]).pos not in ("quote", "paren") and (t.word in _LEADING_WORDS or _LEADING_JUNK.fullmatch(t.word)):
        j += 1
    return j


_BUILT_THING = re.compile(r"路|街|道|河|江|湖|溪|涌|湾|岛|桥|隧|管|网|厂|站|园|楼|房|馆|场|港|码头|线|渠|闸|堤|库|池|地块|设施|基地")


def _type_of(name: str, suffix: str) -> str:
    """The type a suffix gives, except that a ``工程`` is a programme unless it builds a thing.

    >>> _type_of("体育惠民工程", "工程"), _type_of("碧溪河生态修复工程", "工程")
    ('Initiative', 'Project')
    """
    if suffix == "工程" and not _BUILT_THING.search(name[:-2]):
        return "Initiative"
    return TYPE_SUFFIXES[suffix]


_SUFFIX_SET = frozenset(TYPE_SUFFIXES)
_SUFFIX_LENGTHS = sorted({len(s) for s in TYPE_SUFFIXES}, reverse=True)
_SUFFIX_LAST_CHARS = frozenset(s[-1] for s in TYPE_SUFFIXES)
_HEAD_GOES_ON = frozenset("园城港馆站")  # ``国际大学园``: the character after a head that makes it longer


def _suffix_of(word_end_text: str) -> str | None:
    """The longest type suffix ``word_end_text`` ends with.

    >>> _suffix_of("青峰科技产业园"), _suffix_of("建设")
    ('产业园', '建设')
    """
    if not word_end_text or word_end_text[-1] not in _SUFFIX_LAST_CHARS:
        return None
    for n in _SUFFIX_LENGTHS:
        if len(word_end_text) >= n and word_end_text[-n:] in _SUFFIX_SET:
            return word_end_text[-n:]
    return None


_NOT_SUFFIX_LENGTHS = sorted({len(w) for w in _NOT_SUFFIX_WORDS})


def _ends_not_suffix_word(text: str, end: int) -> bool:
    """True when ``text[:end]`` ends with a word that only looks like it ends with a type suffix."""
    return any(text[max(0, end - n):end] in _NOT_SUFFIX_WORDS for n in _NOT_SUFFIX_LENGTHS)


def _suffix_names(text: str, toks: list[_Tok], places: frozenset[str] = frozenset()):
    found = []
    for k, tok in enumerate(toks):
        if tok.pos == "x" or text[tok.end - 1] not in _SUFFIX_LAST_CHARS:
            continue
        span_text = text[max(0, tok.end - 8):tok.end]
        suffix = _suffix_of(span_text)
        if not suffix:
            continue
        if tok.word in _NOT_SUFFIX_WORDS or _ends_not_suffix_word(text, tok.end) or (len(suffix) == 1 and tok.pos == "ns" and tok.word.endswith(suffix) and len(tok.word) > 1 and TYPE_SUFFIXES[suffix] != "Village"):
            continue
        if len(suffix) == 1 and tok.word != suffix and TYPE_SUFFIXES[suffix] != "Village" \
                and tok.pos not in _PROPER_POS and known_word(tok.word):
            continue  # ``环节``, ``家园``: the suffix is the end of a common word
        j = _start_after_verbs(toks, _left_edge(toks, k), k, suffix)
        start = toks[j].start
        if toks[k].word.endswith(suffix) and start >= tok.end - len(suffix) and tok.pos != "quote":
            continue  # the suffix alone, nothing before it
        if suffix in WEAK_SUFFIXES and k + 1 < len(toks) and toks[k + 1].pos in ("n", "ng", "nz", "ns") and toks[k + 1].word not in BOUNDARY_WORDS:
            continue  # a modifier of the noun after it (``中心城区``)
        if TYPE_SUFFIXES[suffix] != "Village" and text[tok.end:tok.end + 1] in _HEAD_GOES_ON:
            continue  # the head goes on: ``国际大学园``
        end = tok.end
        if suffix.endswith("期") and len(suffix) == 2 and (inner := _suffix_of(text[start:end - 2])) \
                and inner not in WEAK_SUFFIXES and TYPE_SUFFIXES[inner] == "Project":
            suffix, end = inner, end - 2  # ``星河产业园一期`` is a phase of ``星河产业园``
        name = _accept(text, start, end, suffix, toks, j, k, places)
        if name:
            at = end - len(name) if text[start:end].endswith(name) else start
            found.append((name, _type_of(name, suffix), max(start, at), end, "suffix"))
    return found


def _accept(text: str, start: int, end: int, suffix: str, toks: list[_Tok], j: int, k: int,
            places: frozenset[str] = frozenset()) -> str | None:
    raw = text[start:end]
    if start > 0 and text[start - 1].isdigit() and (raw[:1] in "家个所座项处名支批版期号届条" or raw.startswith(UNIT_BASES)):
        return None
    name = clean_name(raw)
    prefix = name[: len(name) - len(suffix)]
    etype = TYPE_SUFFIXES[suffix]
    if not prefix or name in GENERIC_NAMES or len(name) > _MAX_NAME or _SLOGAN.search(name) \
            or any(t.word in ("等", "等等") for t in toks[j:k]):
        return None
    if etype == "Village":
        if _GENERIC_VILLAGE.search(name) or re.search(r"(?:乡村|农村|山村|城中村|行政村|自然村|中心村)$", name) \
                or re.search(r"[镇乡县区]|自然村|行政村", prefix) or _attributive(prefix) or (toks[k].pos.startswith("v") and toks[k].word != suffix) or len(prefix) > 5 or not re.search(r"[\u4e00-\u9fff]", prefix):
            return None
    elif len(prefix) < 2 and not (prefix in _REGION_MARKS and len(suffix) >= 2):  # ``县中医院`` is one
        return None
    if _followed_by_count(text, end) or _preceded_by_count(text, start) or (etype != "Initiative" and _designated(text, start)):
        return None
    if etype == "Enterprise" and _INDUSTRY_LIST.match(text, end):
        return None  # ``发展临港化工、海洋生物等产业``: industries, not companies
    if suffix == "建设":  # ``平安青峰建设``, ``“智慧青峰”建设``: a campaign adjective and a place
        campaign = _CAMPAIGN.match(prefix)
        place = tokenize(prefix[campaign.end():]) if campaign else []
        return name if campaign and len(prefix) - campaign.end() <= 4 and _specificity(place, "", places) == 2 else None
    weak = suffix in WEAK_SUFFIXES
    specificity = _specificity(toks[j:k + 1], suffix, places)
    if _LEVEL.match(prefix) or (weak and etype != "Enterprise"):
        specificity = specificity if specificity == 2 else 0  # ``国家一流产业科创中心``, ``扬尘整治``
    cued = suffix != "项目" and etype in ("Enterprise", "Project") and _cued(text, start, end)
    if etype != "Village" and not specificity and not cued:
        core = _strip_modifiers(prefix)
        if not core or _LEVEL.match(prefix) or (weak and len(core) < _LONG_NAME_HEADS.get(suffix, 99)) \
                or (len(core) <= 2 and etype in ("Project", "Enterprise")):
            return None  # a category in common words: ``省级现代农业产业园``, ``快速预警机制``
    if etype == "Village" and any(t.pos.startswith("v") for t in toks[j:k]):
        return None
    return name


_DESIGNATION = re.compile(r"(?:获评|评为|创成|跻身|认定为|列为|荣获|授予)[“\"]?$")


def _designated(text: str, start: int) -> bool:
    """True after a verb that awards a title: ``获评省级农业示范基地`` names a kind of base, not a base."""
    return bool(_DESIGNATION.search(text, max(0, start - 4), start))


_COUNT_AFTER = re.compile(r"(?:达|超|近|共|累计)?\d")
_COUNT_BEFORE = re.compile(r"\d+(?:\.\d+)?[个家所座项处名支批]$")


def _followed_by_count(text: str, end: int) -> bool:
    return bool(_COUNT_AFTER.match(text, end, end + 4))


def _preceded_by_count(text: str, start: int) -> bool:
    return bool(_COUNT_BEFORE.search(text[max(0, start - 6):start]))


_PROPER_POS = frozenset({"nr", "ns", "nt", "nrt", "nrfg", "j", "eng", "quote", "paren", "x"})
_COMMON_PLACES = frozenset("城市 农村 乡村 城乡 城区 全国 中国 国际 国内 海外 境外 东部 西部 南部 北部 中部".split())
_REGION_MARKS = frozenset("省 市 县 区 镇 乡 街道".split())
# Weak heads that still make a name of common words when the words before them are many
# enough (``城市环境品质提升行动``): the head and the least number of characters before it.
_LONG_NAME_HEADS = {"行动": 5, "计划": 5, "工程": 5, "学院": 5, "试点": 5, "平台": 5, "活动": 5, "城": 4}
_CAMPAIGN = re.compile(r"^(?:平安|智慧|美丽|数字|法治|幸福|健康|文明|生态|绿色|韧性|无废|海绵|活力|人文|宜居)")
_LEVEL = re.compile(r"^(?:国家级|省级|市级|区级|县级|镇级|乡级|街道级|社区级|村级|国家|全国|全省|全市)")
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
    return next((n for n in (3, 4) if _attributive(prefix[:n])), 0)


def _specificity(toks: list[_Tok], suffix: str, places: frozenset[str] = frozenset()) -> int:
    """How surely a name's tokens hold something only one thing is called.

    2: a proper noun, one of the report's places, a quote, a letter or digit, or a region mark
    in front (``县颐养中心``); 1: only a word jieba does not know (often an abbreviation such as
    ``科创``); 0: common words only.
    """
    if len(toks) > 1 and toks[0].word in _REGION_MARKS and toks[1].word != "级":  # not ``街道级``
        return 2
    strength = 0
    singles = [len(t.word) == 1 and t.pos not in ("x", "v", "vg") and not (t is toks[-1] and t.word == suffix) for t in toks]
    if any(a and b for a, b in zip(singles, singles[1:])):
        strength = 1  # jieba cut an unknown name into characters: ``迳|口``
    for t in toks:
        word = t.word[: len(t.word) - len(suffix)] if t is toks[-1] and t.word.endswith(suffix) else t.word
        if not word or word in _COMMON_PLACES or word in NAME_WORDS or _attributive(word):
            continue
        if re.search(r"[A-Za-z0-9]", word) or any(p in word for p in places):
            return 2
        if t.pos in _PROPER_POS:
            if word == t.word or not _common_word(word):
                return 2
            strength = 1  # jieba knows ``公立医院`` as one word, but ``公立`` is common
            continue
        if (len(word) <= 4 and not known_word(word)) or t.pos == "nz":
            strength = 1
    return strength


_ATTRIBUTIVE = re.compile(r"[\u4e00-\u9fff]{2,3}[性式型化级]")


def _attributive(word: str) -> bool:
    """True for a word that makes a kind (``公益性``, ``普惠性``, ``智能化``), not for one that
    only ends in the same character (``群众文化``, ``创业孵化``).

    >>> _attributive("普惠性"), _attributive("创业孵化")
    (True, False)
    """
    return bool(_ATTRIBUTIVE.fullmatch(word)) and (known_word(word[:-1]) or not known_word(word[-2:]))


@lru_cache(maxsize=10_000)
def _common_word(word: str) -> bool:
    """True when jieba knows ``word`` as a word that is not a proper noun (``公立``, ``商业``).

    >>> _common_word("公立"), _common_word("南开")
    (True, False)
    """
    if not known_word(word):
        return False
    toks = tokenize(word)
    return len(toks) == 1 and toks[0].pos not in _PROPER_POS and toks[0].pos != "nz"


def _cued(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 4):start]
    after = text[end:end + 6]
    return any(before.endswith(c) for c in ENTERPRISE_CUES_BEFORE) or any(after.startswith(c) for c in ENTERPRISE_CUES_AFTER)


_SMALL_COUNTS = frozenset("两二三四五六七八九十")


def _enumerations(text: str, toks: list[_Tok]):
    """``A、B、C等<head>``: members take the head's type; bare members get the head appended."""
    found = []
    sentence = text[toks[0].start:toks[-1].end] if toks else ""
    if "等" not in sentence and _SMALL_COUNTS.isdisjoint(sentence):
        return found
    for e, tok in enumerate(toks):
        counted = tok.word in _SMALL_COUNTS and e + 1 < len(toks) \
            and toks[e + 1].word.startswith(("大", "个", "家", "所", "座", "条")) and e > 0 and toks[e - 1].word != "、"
        if tok.word not in ("等", "等等", "等一批") and not counted:
            continue  # ``A、B等<head>`` or ``A、B两大<head>``
        members = _members_before(toks, e)
        if len(members) < 2:
            continue
        head, etype = _head_after(text, toks, e)
        if head and any(h in head for h in _PERSON_HEADS):
            continue
        if not head and _FIELDS.match(text, tok.end):
            continue  # a list of industries or fields, not of named things
        typed = [(a, b, _suffix_of(text[a:b])) for a, b in members]
        sibling_types = {TYPE_SUFFIXES[s] for a, b, s in typed  # ``人工智能`` is a word, not a company
                         if s and not (s in WEAK_SUFFIXES and known_word(text[a:b])) and _named(toks, a, b, s)}
        for a, b, suffix in typed:
            name = clean_name(_LEADING_JUNK.sub("", text[a:b]))
            if not name or len(name) < 2 or len(name) > 12 or re.search(r"\d", name) or text[a - 1:a].isdigit():
                continue  # ``6家保护机构`` is a count, not a member
            if suffix:  # named in full; the suffix rule may have found it, the list confirms it
                inside = _inside(toks, a, b)
                if (head or sibling_types) and len(name) > len(suffix) + 1 and name not in GENERIC_NAMES \
                        and TYPE_SUFFIXES[suffix] != "Village" and _specificity(inside, suffix):
                    found.append((name, TYPE_SUFFIXES[suffix], a, b, "enumeration"))
                continue
            if head == _ROADS:
                if re.search(r"(?:路|街|大道|道)$", name) and len(name) >= 3:
                    found.append((name, "Project", a, b, "enumeration"))
            elif head and etype and head not in _GROUP_WORDS:
                if head not in WEAK_SUFFIXES or _specificity(_inside(toks, a, b), ""):  # ``燃气、供热等工程``: kinds
                    found.append((name + head, etype, a, b, "enumeration"))
            elif (etype or sibling_types) and (len(name) <= 6 or etype != "Enterprise") and (
                    _bare_name(name, toks, a, b) or (sibling_types and len(name) >= 3 and not known_word(name))):
                found.append((name, etype or sorted(sibling_types)[0], a, b, "enumeration"))
    return found


_FIELDS = re.compile(r"(?:重点|关键|主要|传统|新兴)?(?:新兴产业|战略性新兴产业|未来产业|产业|行业|领域|技术|业态|方面|环节)")


def _sibling_lists(text: str, toks: list[_Tok]):
    """Lists without ``等``: ``星河母婴、青峰机械获评`` (a bare member takes the type of a named
    sibling) and ``柳河、石溪综合整治工程`` (places share the work named after the last one)."""
    found = []
    if not toks or "、" not in text[toks[0].start:toks[-1].end]:
        return found
    for e, tok in enumerate(toks):
        if tok.word in ("、", "等", "等等", "等一批") or e == 0 or toks[e - 1].word == "、" or _joinable(tok) \
                or not _joinable(toks[e - 1], tok) or "、" not in text[toks[max(0, e - 8)].start:tok.start]:
            continue  # not the token right after the last member of a list
        members = _members_before(toks, e)
        if len(members) < 2:
            continue
        typed = [(a, b, _suffix_of(text[a:b])) for a, b in members]
        found.extend(_shared_work(text, typed))
        kinds = {TYPE_SUFFIXES[s] for a, b, s in typed
                 if s and (s not in WEAK_SUFFIXES or s in ("电子", "科技", "机械", "股份", "控股", "实业")) and _named(toks, a, b, s)}
        if len(kinds) != 1 or (etype := kinds.pop()) not in ("Enterprise", "Project"):
            continue
        last = typed[-1][2]
        for a, b, suffix in typed:
            name = clean_name(text[a:b])
            inside = _inside(toks, a, b)
            if suffix or name in GENERIC_NAMES:
                continue
            if len(name) <= 2 and last:  # ``蓝天、碧水、净土保卫战``: the short ones share the head
                found.append((name + last, TYPE_SUFFIXES[last], a, b, "enumeration"))
            elif 3 <= len(name) <= 6 and _specificity(inside, ""):
                found.append((name, etype, a, b, "enumeration"))
    return found


def _shared_work(text: str, typed: list[tuple[int, int, str | None]]):
    """``柳河、石溪综合整治工程``: a river or road before the last member shares its work."""
    a_last, b_last, last = typed[-1]
    head = _compound_head(text[a_last:b_last], last) if last else ""
    if not last or head == last:
        return []
    return [(name + head, _type_of(name + head, last), a, b, "enumeration")
            for a, b, suffix in typed[:-1]
            if not suffix and re.search(r"[河江湖溪涌路街山岛湾]$", name := clean_name(text[a:b])) and 2 <= len(name) <= 6]


def _inside(toks: list[_Tok], a: int, b: int) -> list[_Tok]:
    """The tokens that lie within the span ``a:b``."""
    return [t for t in toks if a <= t.start and t.end <= b]


def _named(toks: list[_Tok], a: int, b: int, suffix: str) -> bool:
    """True when the list member at ``a:b`` is a name, not a category (``冷链食品``)."""
    return _specificity(_inside(toks, a, b), suffix) > 0


def _bare_name(name: str, toks: list[_Tok], a: int, b: int) -> bool:
    """A list member without a suffix names something only if it is not a common word or a place."""
    if name.endswith(("路", "街", "河", "江", "湖", "区", "市", "县", "镇", "省", "国")) or name in GENERIC_NAMES:
        return False
    inside = _inside(toks, a, b)
    return _specificity(inside, "") > 0


def _members_before(toks: list[_Tok], e: int) -> list[tuple[int, int]]:
    members = []
    k = e - 1
    while k >= 0:
        j = k
        while j - 1 >= 0 and _joinable(toks[j - 1], toks[j]) and not (toks[j - 1].pos == toks[j].pos == "quote"):
            j -= 1
        if j > k or not _joinable(toks[k]):
            break
        members.append((toks[j].start, toks[k].end))
        if toks[k].pos == "quote" and j == k and k - 1 >= 0 and toks[k - 1].pos == "quote":
            k -= 1  # ``“菜篮子”“米袋子”等``: quoted members side by side
            continue
        if j - 1 >= 0 and toks[j - 1].word in ("、", ",", "和", "及"):
            if toks[j - 1].word == ",":
                break
            k = j - 2
            continue
        break
    members.reverse()
    if members and len(members) >= 2:
        last = _tok_at(toks, members[0][1])
        start = toks[_start_after_verbs(toks, _left_edge(toks, last), last, "")].start
        members[0] = (start, members[0][1])  # the first member starts where its name does
    return members


def _tok_at(toks: list[_Tok], end: int) -> int:
    return next(i for i, t in enumerate(toks) if t.end == end)


_PROJECT_KINDS = re.compile(r"(?:城市更新|旧城改造|旧改|保障房|安置房|棚户区改造|棚改|土地整备|老旧小区改造)$")


def _head_after(text: str, toks: list[_Tok], e: int) -> tuple[str | None, str | None]:
    """The type head after ``等``: ``传统工业区`` → ``工业区``; ``企业`` → Enterprise."""
    rest = text[toks[e].end: toks[e].end + 16]
    rest = re.sub(r"^(?:\d+|[一两二三四五六七八九十百]+)?(?:个|家|项|处|座|批|所|条|名|支)?", "", rest)
    rest = re.sub(r"^(?:一批|一系列|多家|多个|一大批)", "", rest)
    rest = re.split(r"[,。;、:!?()“”]", rest)[0]
    if re.match(r"^(?:.{0,4}?)(?:断头路|道路|主干道|次干道|支路|干道|路网|市政工程)", rest):
        return _ROADS, "Project"
    m = re.match(r"^(.{0,6}?)(企业|公司|项目)", rest)
    if m and not any(w in m.group(1) for w in STOP_WORDS if len(w) > 1):
        kind = _PROJECT_KINDS.search(m.group(1)) if m.group(2) == "项目" else None
        if kind:  # ``星河、绿地等城市更新项目``: each is a project of that kind
            return kind.group(0) + "项目", "Project"
        return m.group(2), "Project" if m.group(2) == "项目" else "Enterprise"
    for n in range(2, min(len(rest), 10) + 1):
        phrase = rest[:n]
        suffix = _suffix_of(phrase)
        if len(suffix or "") == 1 and known_word(phrase[-2:]):
            continue  # ``关键环节``, ``农村``: the head char ends a common word
        if suffix and suffix != "建设" and phrase.endswith(suffix) and not any(w in phrase for w in BOUNDARY_WORDS if len(w) > 1 and w not in suffix):
            head = _compound_head(phrase, suffix)
            if suffix == "改造" and head != phrase:
                return None, None  # ``A、B等过渡载体装修改造``: the members are 载体, the work is not their name
            return head, TYPE_SUFFIXES[suffix]
    return None, None


def _compound_head(phrase: str, suffix: str) -> str:
    """The head a member shares: the suffix, with the words that describe the work (``景观提升工程``)."""
    m = re.search(r"((?:景观提升|改造提升|提升改造|综合整治|综合治理|生态修复|水环境治理|改造)?%s)$" % re.escape(suffix), phrase)
    return m.group(1) if m else suffix


def _cue_names(text: str, toks: list[_Tok]):
    """``引进X``/``签约X``: a short bare name right after a cue verb is an enterprise."""
    found = []
    for k, tok in enumerate(toks[:-1]):
        if tok.word not in ENTERPRISE_CUES_BEFORE or tok.word in ("支持", "培育", "组织", "扶持", "落地"):
            continue
        j = k + 1
        while j < len(toks) and _cue_joinable(toks[j]) and toks[j].end - toks[k + 1].start <= 8:
            j += 1
        if j == k + 1 or j >= len(toks) or toks[j].word not in ("、", "等", ",", "。"):
            continue
        a, b = toks[k + 1].start, toks[j - 1].end
        name = clean_name(text[a:b])
        if any(h in text[b:b + 16] for h in _PERSON_HEADS) or name.endswith(_NOT_COMPANIES):
            continue
        if 2 <= len(name) <= 8 and not _suffix_of(name) and name not in GENERIC_NAMES and _specificity(toks[k + 1:j], ""):
            found.append((name, "Enterprise", a, b, "cue"))
    return found


# A clause that opens with a bare name and goes on with one of these says what the name is.
_SUBJECT_CUES = {
    "建成营业": "Project", "开业": "Project", "开工": "Project", "竣工": "Project", "建成投用": "Project",
    "投入使用": "Project", "封顶": "Project", "开园": "Project", "开馆": "Project", "正式运营": "Project",
    "估值": "Enterprise", "实现营业收入": "Enterprise", "营业收入": "Enterprise", "成功上市": "Enterprise",
    "上市": "Enterprise", "投产": "Enterprise", "获评": "Enterprise", "入选": "Enterprise",
}


_SUBJECT_CUE = re.compile("|".join(map(re.escape, _SUBJECT_CUES)))  # in the dict's order, as ``next`` took them
_APPOSITION = ("企业", "公司")


_BODY = re.compile(r"(?:部|厅|委|局|署)$")
_NOT_BODY = re.compile(r"(?:党委|党工委|工委|格局|布局|全局|大局|新局|开局|变局|当局|结局)$")


def _government_bodies(toks: list[_Tok]):
    """A ministry or bureau jieba knows as an organisation (``民政部``, ``城管局``)."""
    return [(t.word, "Institution", t.start, t.end, "suffix") for t in toks
            if t.pos == "nt" and len(t.word) >= 3 and _BODY.search(t.word) and not _NOT_BODY.search(t.word)]


def _subject_names(text: str, toks: list[_Tok], places: frozenset[str] = frozenset()):
    """``华景万象汇建成营业``: a short specific name opening a clause, before a cue that types it."""
    found = []
    if not toks or not _SUBJECT_CUE.search(text, toks[0].start, toks[-1].end):
        return found
    for k, tok in enumerate(toks):
        cue = _SUBJECT_CUE.match(text, tok.start)
        if not cue or k == 0:
            continue
        etype = _SUBJECT_CUES[cue.group()]
        j = k
        while j - 1 >= 0 and _cue_joinable(toks[j - 1]) and toks[j - 1].word not in _APPOSITION \
                and toks[k - 1].end - toks[j - 1].start <= 8:
            j -= 1
        if j == k or (j > 0 and toks[j - 1].word not in (",", "。", ";", *_APPOSITION)):
            continue  # not at the opening of a clause, nor in apposition (``企业星河``)
        a, b = toks[j].start, toks[k - 1].end
        name = clean_name(text[a:b])
        if 2 <= len(name) <= 8 and not _suffix_of(name) and name not in GENERIC_NAMES \
                and _specificity(toks[j:k], "", places) and not any(p == name for p in places):
            found.append((name, etype, a, b, "cue"))
    return found


def _cue_joinable(tok: _Tok) -> bool:
    return tok.word not in BOUNDARY_WORDS and not any(c in BOUNDARY_CHARS for c in tok.word) and not re.search(r"\d", tok.word) \
        and tok.pos not in ("p", "c", "u", "uj", "m", "q", "x")


def _quoted(text: str, toks: list[_Tok]):
    """A quoted programme name: ``“湖长制”``, ``“XX计划”``."""
    found = []
    for t in toks:
        if t.pos != "quote":
            continue
        inner = clean_name(t.word)
        suffix = _suffix_of(inner)
        if suffix and len(inner) > len(suffix) and inner not in GENERIC_NAMES and not _reads_as_clause(inner) \
                and suffix != "建设" and not (TYPE_SUFFIXES[suffix] == "Village" and (_GENERIC_VILLAGE.search(inner) or "、" in inner)):
            slogan = re.fullmatch(r"(?:[一二三四五六七八九十两]\w){2,}", inner)  # ``一带一廊一区``
            campaign = TYPE_SUFFIXES[suffix] == "Village" and any(x.pos.startswith("v") for x in tokenize(inner))
            etype = "Initiative" if slogan or campaign else _type_of(inner, suffix)
            if etype == "Initiative" or not _designated(text, t.start):
                found.append((inner, etype, t.start, t.end, "quoted"))
        elif not suffix and _campaign_quote(text, t, inner):
            found.append((inner, "Initiative", t.start, t.end, "quoted"))
    return found


_CAMPAIGN_VERBS = ("创建", "开展", "实施", "推行", "启动", "执行", "深化", "推进")


def _campaign_quote(text: str, t: _Tok, inner: str) -> bool:
    """``积极创建“无违建小区”``: a quoted name right after a campaign verb, ending the clause or
    followed by what the campaign asks (``各项要求``, ``工作``)."""
    before, after = text[max(0, t.start - 2):t.start], text[t.end:t.end + 4]
    return (any(before.endswith(v) for v in _CAMPAIGN_VERBS) and 3 <= len(inner) <= 10
            and re.match(r"(?:[,。;、]|各项|工作|行动|活动|要求)", after) is not None
            and not re.match(r"^[一二三四五六七八九十两\d]+[个大项条]", inner) and not _reads_as_clause(inner))


def _reads_as_clause(inner: str) -> bool:
    """True for quoted text that is a clause (``打造具有全球影响力的…``), not a name."""
    toks = tokenize(inner)
    return "的" in inner or not toks or toks[0].word in STOP_WORDS or any(t.pos in ("p", "c", "uj") for t in toks)


def _resolve_overlaps(found):
    """Keep the longest of overlapping candidates; the suffix rule wins ties."""
    order = {"suffix": 0, "quoted": 1, "cue": 2, "enumeration": 3}
    ranked = sorted(found, key=lambda f: (-(f[3] - f[2]), order.get(f[4], 9), f[2]))
    kept: list = []
    for cand in ranked:
        if any(cand[2] < k[3] and k[2] < cand[3] for k in kept):
            if cand[4] != "enumeration" or any(k[0] == cand[0] for k in kept):
                continue
        kept.append(cand)
    kept.sort(key=lambda f: f[2])
    return kept


def find_relations(entities) -> list:
    """Relations stated in one sentence: ``与X共建Y`` (partner), ``引进X``/``X落户Y``."""
    from .lexicon import RELATION_CUES
    from .model import Relation

    by_sentence: dict = {}
    for e in entities:
        for m in e.mentions:
            by_sentence.setdefault((m.sentence.start, m.sentence.end), (m.sentence, []))[1].append((m, e))
    found = []
    for sentence, items in by_sentence.values():
        items.sort(key=lambda me: me[0].start)
        for (m1, e1), (m2, e2) in zip(items, items[1:]):
            if e1.name == e2.name:
                continue
            between = sentence.text[m1.end - sentence.start:m2.start - sentence.start]
            cue = next((c for c in RELATION_CUES if c in between and len(between) <= 12), None)
            if cue:
                found.append(Relation(e1.name, RELATION_CUES[cue], e2.name, sentence, cue))
    return found

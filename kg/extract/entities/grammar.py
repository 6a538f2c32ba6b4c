"""What every entity rule shares: which tokens join a name, where it starts, which head types it, how specific it is.

A sentence's jieba tokens are first merged (``merge_tokens``: a quoted or parenthesised run is
one token). A name runs left from its last token over tokens that can join it (``joinable``) and
stops at a boundary word, a function word, a number or punctuation (``left_edge``), then moves
past the verbs that govern it (``start_after_verbs``). Its head gives its type (``suffix_of``,
``type_of``); ``specificity_of`` tells a name from a category of common words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.lexicon import BOUNDARY_CHARS, BOUNDARY_WORDS, NAME_WORDS, NOT_ROADS, STOP_WORDS, TOWN_QUARTERS, TYPE_SUFFIXES, UNIT_BASES
from kg.extract.gazetteer import county_or_above
from kg.nlp.segment import Token, known_word, word_frequency, tokenize, tokenize_phrase

__all__ = ["Tok", "clean_name", "merge_tokens", "joinable", "left_edge", "start_after_verbs", "suffix_of", "type_of", "national_centre",
           "specificity_of", "attributive", "designated", "MAX_NAME", "LEADING_JUNK", "GENERIC_VILLAGE", "PERSON_HEADS",
           "PROPER_POS", "REGION_MARKS", "SUFFIX_LAST_CHARS", "PART_WORDS", "HAN_ONLY"]

_STOP_POS = {"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "mq", "y", "e", "o", "i"}
_NAME_STARTS = frozenset({"国际", "综合", "示范", "创新", "孵化", "标准化", "全国"})
_LEADING_WORDS = BOUNDARY_WORDS - _NAME_STARTS
LEADING_JUNK = re.compile(r"^(?:的|等|和|与|及|在|对|为|将|把|了|是|并|其|各|以|由|向|从)+")
_TITLE_LEVEL = r"(?:国家|全国|全省|全市|省|市|区|县)级?"  # ``省卫生村``, ``省级宜居社区``: a title given, no village
_TITLES = r"(?:卫生|宜居|文明|生态|绿色|和谐|平安|民主法治|法治|示范|模范|先进|美丽|特色|书香|健康|无毒|安全|星级)+"
GENERIC_VILLAGE = re.compile(r"^(?:(?:美丽|特色|示范|先进|文明|重点|贫困|试点|样板|明星|经济薄弱|薄弱|集体|富裕|强|富|各|全|本|该|每|村|老旧|老|旧|新"
                             r"|产业|国际化|智慧|数字|未来|完整|低碳|零碳|整|港人|港澳|外籍|人才|青年|长者|儿童友好|友好)?"  # kinds of places
                             rf"|(?:{_TITLE_LEVEL})?{_TITLES})(?:乡村|农村|山村|渔村|新农村|行政村|自然村|中心村|城中村|旧屋村|村村|村|社区|新村)$")
PERSON_HEADS = ("院士", "人才", "团队", "专家", "教授", "博士", "同志", "代表", "委员")
MAX_NAME = 24


Tok = Token  # a token of a sentence, where quoted and parenthesised runs are merged into one (``merge_tokens``)


def clean_name(name: str) -> str:
    """A name as the graph labels it: no quotes, markdown or spaces; parentheses half-width.

    >>> clean_name("“591”专项行动")
    '591专项行动'
    >>> clean_name("柳塘（青石河）航道")
    '柳塘(青石河)航道'
    """
    name = name.replace("（", "(").replace("）", ")")
    return _NOT_IN_NAMES.sub("", name)


_NOT_IN_NAMES = re.compile(r"[\s“”\"'‘’《》「」『』*#]")


_CLOSERS = {"“": "”", '"': '"', "(": ")", "《": "》", "‘": "’"}
# the characters without which ``merge_tokens`` leaves the tokens as they are: an opening mark,
# a space (``ID TOWN``), a conjunction jieba may join to a name (``和宝龙``)
_MERGE_CHARS = re.compile("[%s]" % re.escape("".join(_CLOSERS) + " 和与及并"))


def merge_tokens(tokens: list[Token], text: str) -> list[Tok]:
    """Merge quoted runs (“…”) and short parenthesised runs into single tokens; split a works' head from the word
    jieba ran it into (``项目前期``: 项目 | 前期)."""
    tokens = _heads_apart(tokens)
    if not tokens or not _MERGE_CHARS.search(text, tokens[0].start, tokens[-1].end):
        return list(tokens)  # no opening mark, space or leading conjunction: nothing to merge
    out: list[Tok] = []
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
                out.append(Tok(text[t.start:tokens[j].end], pos, t.start, tokens[j].end))
                i = j + 1
                continue
        if _spaced_ascii(out, tokens, i):  # ``ID TOWN``: a space inside a Latin name
            nxt = tokens[i + 1]
            out[-1] = Tok(text[out[-1].start:nxt.end], "eng", out[-1].start, nxt.end)
            i += 2
            continue
        if len(t.word) >= 3 and t.word[0] in "和与及并" and t.pos in ("nr", "ns", "nz"):
            out.append(Tok(t.word[0], "c", t.start, t.start + 1))  # jieba's ``和宝龙``: 和 | 宝龙
            out.append(Tok(t.word[1:], t.pos, t.start + 1, t.end))
        else:
            out.append(t)
        i += 1
    return out


_RUN_ON_HEADS = ("项目", "工程", "试点")


def _heads_apart(tokens: list[Token]) -> list[Token]:
    """``星澜炼化一体化项目前期工作``: jieba reads ``项目前期`` as one word; the head of the works ends a name, so it
    stands apart from the word after it."""
    def run_on(t: Token) -> bool:
        return len(t.word) >= 4 and t.word.startswith(_RUN_ON_HEADS) and t.word not in TYPE_SUFFIXES \
            and known_word(t.word[2:])

    if not any(run_on(t) for t in tokens):
        return tokens
    out = []
    for t in tokens:
        if run_on(t):
            out.extend((Tok(t.word[:2], "n", t.start, t.start + 2), Tok(t.word[2:], t.pos, t.start + 2, t.end)))
        else:
            out.append(t)
    return out


def _spaced_ascii(out: list[Tok], tokens: list[Token], i: int) -> bool:
    """True when ``tokens[i]`` is one space between two Latin words (``ID TOWN``)."""
    return bool(out) and out[-1].pos == "eng" and tokens[i].word == " " and i + 1 < len(tokens) \
        and tokens[i + 1].pos == "eng" and out[-1].word[-1:].isalpha() and tokens[i + 1].word[:1].isalpha()


_NUMERAL = re.compile(r"[\d一二两三四五六七八九十百千万亿多几数若]")
_VERB_MODIFIERS = frozenset("高水平 高质量 高标准 高起点 一流 世界级 世界一流 现代化 国际化 新型 一批 一系列 "
                            "全国 国家级 省级 全省 市级".split())  # ``青峰建设``|``国家级新能源示范区``
_ADVERB_VERB = re.compile(r"^(?:大力|积极|加快|全面|着力|努力|持续|深入|不断|进一步|切实|扎实|稳步|全力)[\u4e00-\u9fff]{2}$")
_TIME_WORDS = frozenset("今年 明年 去年 年内 年底 年初 月底 月初 目前 当前 近年 近年来 同期 期间 以来 过去 现在 今后 此前 届时".split())
_MEASURE_AFTER = re.compile(r"^(?:%s|月|日|万|亿|千|百|多|余|届|周年|分钟|平方)" % "|".join(map(re.escape, UNIT_BASES)))


def joinable(tok: Tok, nxt: Tok | None = None) -> bool:
    """True when ``tok`` can be part of a name that goes on with ``nxt``."""
    return _joinable_words(tok.word, tok.pos, None if nxt is None else nxt.word)


@lru_cache(maxsize=100_000)
def _joinable_words(word: str, pos: str, next_word: str | None) -> bool:
    if pos in ("quote", "paren"):
        return pos == "paren" or word[1:-1] not in BOUNDARY_WORDS  # not a verb in quotes: ``“啃下”``
    if word in STOP_WORDS or not BOUNDARY_CHARS.isdisjoint(word.replace(" ", "") if pos == "eng" else word) \
            or _ADVERB_VERB.match(word):
        return False
    if pos == "i" and next_word in _SUFFIX_SET and next_word.endswith(_EVENT_OR_CENTRE):
        return True  # jieba's idiom ``人才交流`` right before an event's or a centre's head: ``人才交流大会``
    if pos == "i" and len(word) < 3:
        pos = "n"  # an idiom of one or two characters is jieba's guess at a rare name's character (``奕斯伟``)
    if pos in _STOP_POS or (pos == "f" and word in ("上", "下", "内", "里", "间", "后", "前")):
        return False
    if _DIGIT.search(word):  # ``8号线``, ``96180热线``, but not ``13个``, ``2019年`` or an item's number (``33.``)
        return not word.endswith((".", "．")) and next_word is not None and not _MEASURE_AFTER.match(next_word) and not _DIGIT.search(next_word)
    if _PHASE_OR_ORDINAL.fullmatch(word):
        return True  # ``星河苑四期``, ``城东第三小学``
    if pos in ("m", "q", "mq") and _NUMERAL.search(word):  # ``三年行动计划`` keeps its years, ``百万学位建设计划`` its scale
        if word in ("百万", "千万", "百千万") and next_word and not _MEASURE_AFTER.match(next_word) \
                and not _NUMERAL.match(next_word):
            return True
        return bool(_YEARS.fullmatch(word) and next_word and next_word.startswith(("行动", "计划", "攻坚")))
    return pos != "t" or not (_NUMERAL.search(word) or word in _TIME_WORDS)


_DIGIT = re.compile(r"\d")
_EVENT_OR_CENTRE = ("会", "赛", "节", "论坛", "中心")
# ``四期``, ``四号罐``, ``第三``, ``澄溪三路``
_PHASE_OR_ORDINAL = re.compile(r"[一二三四五六七八九十]+[期号路街巷]|第[一二三四五六七八九十\d]+代?")  # ``第三代半导体``
_YEARS = re.compile(r"[一二三四五六七八九十]+年")


def _joins_two_parts(toks: list[Tok], i: int, floor: int) -> bool:
    """``与``, ``·`` or a dash between two words of one name: ``人才与科创联络中心``, ``同济-港理工研究院``."""
    if toks[i].word not in ("与", "·", "-", "—", "－") or i - 1 < floor:
        return False
    before, after = toks[i - 1], toks[i + 1]
    ends_name = (suffix := suffix_of(before.word)) and (
        TYPE_SUFFIXES[suffix] != "Enterprise" or (i - 2 >= floor and joinable(toks[i - 2], before) and specificity_of([toks[i - 2]], "")))
    return joinable(before, toks[i]) and not ends_name and before.word not in NAME_WORDS \
        and after.word not in NAME_WORDS and before.pos in ("n", "nz", "ns", "nr", "nrt", "nrfg", "nt", "j", "vn", "eng", "l")


_REGION_PART = re.compile(r"[东西南北中]部|南方|北方|东方")  # ``东部环保电厂``: a part of the region starts a name


def _place_piece(tok: Tok) -> bool:
    """A piece of a hyphenated chain of places: a proper noun, a word jieba does not know, or a lone character."""
    return tok.pos in ("ns", "nz", "nt") or len(tok.word) == 1 and HAN_ONLY.match(tok.word) is not None \
        or (not known_word(tok.word) and HAN_ONLY.match(tok.word) is not None)


def left_edge(toks: list[Tok], k: int, floor: int = 0) -> int:
    """Index of the first token of the name whose last token is ``toks[k]``."""
    j, end = k, toks[k].end
    while j - 1 >= floor and end - toks[j - 1].start <= MAX_NAME:
        before = toks[j - 1]
        if (owner := _owner_before_a_capacity(toks, j, floor)) is not None:
            j = owner  # ``星澜`` | ``200万吨`` | ``褐煤提质项目``: a company's works named with their capacity
            break
        if _joinable_words(before.word, before.pos, toks[j].word):  # ``joinable(before, toks[j])``
            j -= 1
        elif before.word == "-" and j - 2 >= floor and _place_piece(toks[j - 2]) and HAN_ONLY.match(toks[j].word):
            j -= 1  # places joined into one name: ``东涌-大雁顶-七娘山生态修复项目``, not stages (``孵化器-加速器``)
        elif _joins_two_parts(toks, j - 1, floor):
            j -= 2
        elif before.word == "至" and j - 2 >= floor and _ROUTE_HEAD.search(toks[k].word) \
                and toks[j - 2].pos in _PLACE_POS and toks[j].pos in _PLACE_POS:
            j -= 1  # ``龙胜至宜州高速公路``: a route named by its two ends
        elif j == k and _two_odd_characters(toks, j - 2, floor):
            j -= 2  # ``建成`` | ``崇|凭|铁路``: a rare name jieba cut into two characters, one read as a preposition
        elif before.pos in ("f", "m") and j - 1 >= floor and _opens_an_unknown_name(toks, j - 1) and j < k:
            j -= 1  # ``后|海|总部基地``, ``百|旺|信|工业园``: an unknown name jieba cut into single characters
            if not (j - 1 >= floor and toks[j - 1].word == "-"):
                break  # ``大雁顶-七|娘|山``: places joined by a hyphen go on
        else:
            break
    while j < k and (toks[j].pos == "paren" or (toks[j].pos == "f" and not _REGION_PART.fullmatch(toks[j].word)
                                                 and not _opens_an_unknown_name(toks, j))):
        j += 1
    if j - 1 >= floor and j + 1 <= k and toks[j - 1].word in _ONE and len(toks[j].word) == 1 \
            and toks[j + 1].word[:1] in _CN_NUMERALS:
        j -= 1  # ``一河两岸``, ``一核两翼``: a set phrase of numerals opens the name
    if j > 0 and _NUMBER.fullmatch(toks[j - 1].word) and _ROAD_NUMBER_HEAD.match(toks[j].word):
        j -= 1
    return j


# a capacity inside a works' name: ``200万吨``, ``年产10万吨``, ``2×35万千瓦``
_CAPACITY_UNIT = re.compile(r"(?:万|亿)?(?:吨|千瓦|兆瓦|千瓦时|件|套|台|辆|平方米|立方米|头|只|羽|片|块|亩|公顷)(?:级)?")
_OUTPUT_WORDS = frozenset({"年产", "年处理", "日处理", "日产", "年加工", "年出栏", "年吞吐"})
_OWNER_POS = frozenset({"n", "nz", "ns", "nr", "nt", "nrt", "j"})


def _owner_before_a_capacity(toks: list[Tok], j: int, floor: int) -> int | None:
    """Where a works' name starts when a capacity stands before its kind (``青峰200万吨褐煤提质项目``,
    ``星澜年产10万吨新材料项目``): at the company or the place that owns it, a specific name just before the
    capacity; ``None`` when there is no capacity there, or no owner (``新建10万吨…``: a verb)."""
    i = j - 1
    if i - 2 >= floor and toks[i].word == "年" and toks[i - 1].word == "/":
        i -= 2  # ``400万吨/年``: a capacity by the year
    elif i - 1 >= floor and toks[i].word == "/" and toks[j].word == "年":
        i -= 1
    if i - 1 < floor or not _CAPACITY_UNIT.fullmatch(toks[i].word) or not re.fullmatch(r"\d+(?:\.\d+)?", toks[i - 1].word):
        return None
    i -= 2
    if i >= floor and toks[i].word in _OUTPUT_WORDS:
        i -= 1
    if i - 1 >= floor and toks[i].word in _PLACE_MARKS and toks[i - 1].pos in _OWNER_POS:
        i -= 1  # ``星澜村`` | ``500亩``: a village's or a county's works
    if i < floor or toks[i].pos not in _OWNER_POS or toks[i].word in BOUNDARY_WORDS or len(toks[i].word) < 2:
        return None
    return i if specificity_of([toks[i]], "") or toks[i + 1].word in _PLACE_MARKS else None


_PLACE_MARKS = frozenset("村 社区 镇 乡 县 区 市 旗".split())


_ONE = frozenset("一 1".split())
_CN_NUMERALS = frozenset("一二两三四五六七八九十百千")
_NUMBER = re.compile(r"\d+")
_ROAD_NUMBER_HEAD = re.compile(r"国道|省道|县道|号")  # ``G107国道``, ``3号``: the number is part of the name


_ROUTE_HEAD = re.compile(r"(?:高速公路|高速|铁路|公路|高铁|城际|通道|航道|快速路|国道|省道)$")
_PLACE_POS = frozenset({"ns", "nr", "nz", "nt"})  # jieba reads a place's name as a place or, often, a person


def _two_odd_characters(toks: list[Tok], i: int, floor: int) -> bool:
    """True when ``toks[i]`` and ``toks[i + 1]`` are single characters that jieba does not know together, after a
    verb or a mark, and the second is no conjunction or particle: two characters of one rare name."""
    if i < max(floor, 1) or not (len(toks[i].word) == len(toks[i + 1].word) == 1):
        return False
    pair = toks[i].word + toks[i + 1].word
    return HAN_ONLY.match(pair) is not None and not known_word(pair) and toks[i + 1].word not in "和与及或的了着过在"\
        and toks[i].word not in "和与及或的了着过在" and (toks[i - 1].pos.startswith("v") or toks[i - 1].pos == "x")


def _opens_an_unknown_name(toks: list[Tok], j: int) -> bool:
    """True when a one-character place word opens the sentence or follows a verb, and jieba cut what follows into
    single characters too (``中|集|智能化``, ``推动`` | ``中|芯|国际``): the start of an unknown name."""
    opens = j == 0 or toks[j - 1].pos.startswith("v") or toks[j - 1].pos == "x"  # nothing before it, a verb or a comma
    if toks[j].pos == "m" and (toks[j].word.isdigit() or not (len(toks) > j + 2 and toks[j + 1].pos != "q" and (
            len(toks[j + 2].word) == 1 or (len(toks[j].word) == 1 and suffix_of(toks[j + 2].word) == toks[j + 2].word)))):
        return False  # a numeral opens a name before two single characters (``百|旺|信``) or one and a type's head
        # (``三|利|集团``), not ``三|个``
    if opens and toks[j].pos == "f" and len(toks[j].word) == 1 and len(toks) > j + 1 and toks[j + 1].pos in ("ns", "nz"):
        return True  # ``配合`` | ``前|海湾|总部集聚区``: a place word before a place's name is its first character
    return opens and len(toks[j].word) == 1 and len(toks) > j + 1 and len(toks[j + 1].word) == 1 \
        and toks[j + 1].pos not in ("x", "m", "u", "uj", "p", "c")


def start_after_verbs(toks: list[Tok], j: int, k: int, suffix: str) -> int:
    """Move the start of a name past leading boundary words: ``构建`` | ``串联绿道``, ``重点服务`` | ``星河电梯``."""
    keep = len(suffix) + 1
    if j + 2 <= k and toks[j].word in ("打", "抓", "建", "用", "管", "办", "做") and toks[j + 1].word == "好":
        j += 2  # ``打好`` split by jieba
    manner = j
    while manner < k and toks[manner].word in _MANNER:
        manner += 1
    if manner > j and manner + 1 <= k and toks[manner].word in _MANNER_VERBS:
        j = manner + 1  # ``高质量高效率建设`` | ``碧溪运河``: how a work is done, then the doing
    verbs = j
    while verbs < k and _governing_verb(toks[verbs], first=verbs == j):
        verbs += 1  # ``整合重组`` | ``西涌小学``: one verb or a run of them
    if verbs > j and toks[verbs].pos in _PROPER_START and toks[k].end - toks[verbs].start >= keep:
        j = verbs  # a verb before a proper noun governs the name: ``续建`` | ``南海大道南延段``
    for m in range(j, k - 1):
        if toks[m].word in NAME_WORDS and toks[m + 1].word in _VERB_MODIFIERS and toks[k].end - toks[m + 1].start >= keep:
            j = m + 1  # ``高新区建设``|``高水平科技创新平台``: a work word used as the verb
        elif m > j and toks[m].word in ("建设", "打造") and toks[m - 1].word.endswith(_AREA_ENDS) \
                and toks[k].end - toks[m + 1].start >= keep + 2:
            j = m + 1  # ``碧溪片区建设``|``国际人才智慧谷``: where it is built, the building, then the name
    while j < k and toks[k].end - toks[j + 1].start >= keep and (
            t := toks[j]).pos not in ("quote", "paren") and (t.word in _LEADING_WORDS or LEADING_JUNK.fullmatch(t.word)
                                                            or _verb_complement(toks, j, k) or set_phrase_of_a_verb(t)):
        j += 1
    return j


_AREA_ENDS = ("片区", "园区", "新区", "新城", "区", "镇", "县", "市")
_MANNER = frozenset({"高效率", "高质量", "高标准", "高水平", "高起点", "高规格", "高品质", "加快", "全力", "全面", "加速"})
_MANNER_VERBS = frozenset({"建设", "推进", "打造", "实施", "建成", "推动", "完成", "开工", "改造"})
_PROPER_START = frozenset({"ns", "nr", "nt", "nrt", "nrfg", "j"})


def _verb_complement(toks: list[Tok], j: int, k: int) -> bool:
    """True for a ``好`` that jieba cut from its verb (``发挥`` | ``好`` | ``碧川国际人才交流中心``): a name that
    holds a proper noun follows it, so it opens no name (``好望科技`` stays whole)."""
    return toks[j].word == "好" and j > 0 and (toks[j - 1].pos == "v" or set_phrase_of_a_verb(toks[j - 1])) \
        and specificity_of(toks[j + 1:k + 1], "") == 2


def set_phrase_of_a_verb(tok: Tok) -> bool:
    """True for a set phrase of four or more characters that ends in a verb (``紧紧围绕``, ``贯彻落实``): it governs what
    follows it, as a verb does; ``自然生态`` does not."""
    if tok.pos not in ("l", "i") or len(tok.word) < 4:
        return False
    tail = tokenize_phrase(tok.word[-2:])
    return len(tail) == 1 and tail[0].pos == "v"


def _governing_verb(tok: Tok, first: bool = True) -> bool:
    """True for a verb of two or more characters that is not a word of a name's work (``建设``);
    after a first verb a verbal noun goes on the run (``整合`` ``重组``)."""
    return tok.pos in (("v",) if first else ("v", "vn")) and len(tok.word) >= 2 and tok.word not in NAME_WORDS \
        and known_word(tok.word)


_BUILT_THING = re.compile(r"路|街|道|河|江|湖|溪|涌|湾|岛|桥|隧|管|网|厂|站|园|楼|房|馆|场|港|码头|线|渠|闸|堤|库|池|地块|设施|基地")


_BUILDING_WORKS = re.compile(r"(?:扩建|改建|迁建|重建)工程$")  # ``区三院新改扩建工程`` builds


def type_of(name: str, suffix: str) -> str:
    """The type a suffix gives, except that a ``工程`` is a programme unless it builds a thing.

    >>> type_of("体育惠民工程", "工程"), type_of("碧溪河生态修复工程", "工程"), type_of("城东中学改扩建工程", "工程")
    ('Initiative', 'Project', 'Project')
    """
    if suffix == "工程" and not _BUILT_THING.search(name[:-2]) and not _BUILDING_WORKS.search(name):
        return "Initiative"
    return TYPE_SUFFIXES[suffix]


_SUFFIX_SET = frozenset(TYPE_SUFFIXES)
SUFFIX_LAST_CHARS = frozenset(s[-1] for s in TYPE_SUFFIXES)
# for each last character of a suffix, the lengths of the suffixes that end with it, longest first
_SUFFIX_LENGTHS = {c: sorted({len(s) for s in TYPE_SUFFIXES if s[-1] == c}, reverse=True) for c in SUFFIX_LAST_CHARS}


def suffix_of(word_end_text: str) -> str | None:
    """The longest type suffix ``word_end_text`` ends with.

    >>> suffix_of("青峰科技产业园"), suffix_of("建设")
    ('产业园', '建设')
    """
    lengths = _SUFFIX_LENGTHS.get(word_end_text[-1:])
    if not lengths:
        return None
    for n in lengths:
        if len(word_end_text) >= n and word_end_text[-n:] in _SUFFIX_SET:
            return word_end_text[-n:]
    return None


# Words after a building's name that name a part of it (``星河公寓主体封顶``): the name ends before them.
PART_WORDS = frozenset({"主体", "主体工程", "前期"})  # ``星河公寓主体封顶``, ``…项目前期工作``: a part or a stage of the works

_DESIGNATION = re.compile(r"(?:获评|评为|创成|跻身|认定为|列为|荣获|授予)[“\"]?$")


def designated(text: str, start: int) -> bool:
    """True after a verb that awards a title: ``获评省级农业示范基地`` names a kind of base, not a base."""
    if start == 0 or text[start - 1] not in _DESIGNATION_LAST:
        return False  # what the pattern must end with (``$`` also matches before a last line end)
    return bool(_DESIGNATION.search(text, max(0, start - 4), start))


_DESIGNATION_LAST = frozenset("评为成身获予“\"\n")


PROPER_POS = frozenset({"nr", "ns", "nt", "nrt", "nrfg", "j", "eng", "quote", "paren", "x"})
_COMMON_PLACES = frozenset("城市 农村 乡村 城乡 城区 全国 中国 国际 国内 海外 境外 东部 西部 南部 北部 中部".split())
REGION_MARKS = frozenset("省 市 县 区 镇 乡 街道".split())
_RARE = 500  # fewer uses than this in jieba's dictionary: a word that is seldom anything but a name
_SEATS = frozenset({"县城", "镇区"})  # the one seat of a county or a town: ``县城污水处理厂``


_ROAD_INSIDE = re.compile(r"([\u4e00-\u9fff]{2,5}?)([东西南北中]?[一二三四五六七八九十]?[路街])(?=[\u4e00-\u9fff])")


def _holds_a_road(toks: list[Tok], suffix: str) -> bool:
    """True for a name opened by a road's name before more words (``海景二路|特色商业走廊``): a named road, whose
    stem is no common word (not ``道路``, ``发展之路``)."""
    words = "".join(t.word for t in toks)
    words = words[:len(words) - len(suffix)] if suffix and words.endswith(suffix) else words
    m = _ROAD_INSIDE.match(words)  # the road opens the name
    return m is not None and m.group(0)[-2:] not in NOT_ROADS and not known_word(m.group(0)) \
        and not known_word(m.group(1) + m.group(2)[-1])


def specificity_of(toks: list[Tok], suffix: str, places: frozenset[str] = frozenset()) -> int:
    """How surely a name's tokens hold something only one thing is called.

    2: a proper noun, one of the report's places, a quote, a letter or digit, or a region mark
    or seat in front (``县颐养中心``, ``县城污水处理厂``); 1: only a word jieba does not know (often an abbreviation such as
    ``科创``); 0: common words only.
    """
    if len(toks) > 1 and toks[0].word in REGION_MARKS and toks[1].word != "级" \
            or len(toks) > 2 and toks[0].word in _SEATS:  # not ``街道级``, ``县城道路``
        return 2
    if _holds_a_road(toks, suffix):
        return 2
    strength = 1 if _two_singles(toks, suffix) else 0  # jieba cut an unknown name into characters: ``迳|口``
    for t in toks:
        word = t.word[: len(t.word) - len(suffix)] if t is toks[-1] and t.word.endswith(suffix) else t.word
        token_strength = _word_specificity(word, t.word, t.pos, places)
        if token_strength == 2:
            return 2
        strength = strength or token_strength
    return strength


@lru_cache(maxsize=100_000)
def _word_specificity(word: str, token_word: str, pos: str, places: frozenset[str]) -> int:
    """What one token says of a name's specificity (``specificity_of``): 2, 1 or 0 (nothing). ``word``
    is the token's word (``token_word``) without the suffix when the token ends the name."""
    if not word or word in _COMMON_PLACES or word in NAME_WORDS or attributive(word):
        return 0
    if _LATIN_OR_DIGIT.search(word) or any(p in word for p in places):
        return 2
    if len(word) >= 2 and word == token_word and word_frequency(word) < _RARE and county_or_above(word) \
            and word not in TOWN_QUARTERS:
        return 2  # a county, city or province of China by its name, not a common word too (``合作``, ``港口``)
    if pos in PROPER_POS:
        if word == token_word or not _common_word(word):
            return 2
        return 1  # jieba knows ``公立医院`` as one word, but ``公立`` is common
    if len(word) == 3 and token_word == word and not known_word(word) and HAN_ONLY.fullmatch(word) \
            and word not in _POLICY_TERMS:
        return 2  # three characters jieba does not know, as one word: a proper name (``瑞科讯``), not an abbreviation
    if (len(word) <= 4 and not known_word(word)) or pos == "nz":
        return 1
    return 0


HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")
# policy words of three characters jieba does not know: no names
_POLICY_TERMS = frozenset("碳达峰 碳中和 危化品 民转公 新基建 双循环 放管服 菜篮子 米袋子 强链补 补短板 城中村 智能化 数字化".split())


_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


def _two_singles(toks: list[Tok], suffix: str) -> bool:
    """True when two single-character tokens (not punctuation, not verbs, not the suffix itself
    ending the name) stand side by side."""
    last, previous = toks[-1] if toks else None, False
    for t in toks:
        single = len(t.word) == 1 and t.pos not in ("x", "v", "vg") and not (t is last and t.word == suffix)
        if single and previous:
            return True
        previous = single
    return False


_ATTRIBUTIVE = re.compile(r"[\u4e00-\u9fff]{2,3}[性式型化级]")


@lru_cache(maxsize=100_000)
def attributive(word: str) -> bool:
    """True for a word that makes a kind (``公益性``, ``普惠性``, ``智能化``), not for one that
    only ends in the same character (``群众文化``, ``创业孵化``).

    >>> attributive("普惠性"), attributive("创业孵化")
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
    return len(toks) == 1 and toks[0].pos not in PROPER_POS and toks[0].pos != "nz"


_CENTRE_HEADS = ("创新中心", "研究中心", "检验中心", "检测中心", "工程中心", "实验室")
_NATIONAL = re.compile(r"国家(?!级|重点|和|与|及|省|地方)([\u4e00-\u9fffA-Za-z0-9]{3,16})$")
_NATIONAL_BODIES = frozenset("国家图书馆 国家博物馆 国家大剧院 国家体育场 国家游泳中心 国家美术馆 国家会展中心 国家档案馆 国家基因库 "
                             "国家超算中心 国家速滑馆 国家植物园".split())
_KINDS_OF_CENTRE = re.compile(r"^(?:制造业|技术|产业|科技产业|工程|工程技术|临床医学|重点|认可|质量标准|协同|大数据)$")


def national_centre(name: str, suffix: str) -> bool:
    """A national centre or lab named by its field, which is one body even in common words
    (``国家高性能医疗器械创新中心``, ``国家感染性疾病临床医学研究中心``); not a class of them (``国家级…``,
    ``国家制造业创新中心``, ``国家重点实验室``).

    >>> national_centre("国家高性能医疗器械创新中心", "创新中心"), national_centre("国家制造业创新中心", "创新中心")
    (True, False)
    """
    if name in _NATIONAL_BODIES:
        return True  # ``国家图书馆``: the country has one
    if not suffix.endswith(_CENTRE_HEADS):
        return False
    field = _NATIONAL.match(name[: len(name) - len(suffix)])
    if field is None:
        return False
    kind = re.sub(r"(?:技术|产业)$", "", field.group(1))  # ``国家科技产业(创新中心)``: 科技 is a kind
    return not _KINDS_OF_CENTRE.match(field.group(1)) and not _KINDS_OF_CENTRE.match(kind) and len(kind) >= 2

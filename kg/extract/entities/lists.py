"""The list rules: the members of a list share its head or take the type of a named sibling.

``enumeration``: ``A、B、C等传统工业区`` names ``A工业区``, ``B工业区``, ``C工业区``; in ``A、B等企业`` a
bare member is a company, and in ``星澜科技、云岚等企业`` it takes the type of a sibling that carries a
suffix; a list of roads before ``道路`` names each road. ``same_head_list``: ``铁扇水库和香车水库``.
``numbered_line``: ``地铁5、8号线``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
import string

from kg.extract.lexicon import BOUNDARY_CHARS, NOT_ROADS, PLACE_SUFFIXES, BOUNDARY_WORDS, GENERIC_MODIFIERS, GENERIC_NAMES, STOP_WORDS, TYPE_SUFFIXES, WEAK_SUFFIXES
from kg.extract.entities.grammar import (HAN_ONLY, LEADING_JUNK, SUFFIX_LAST_CHARS, attributive, PERSON_HEADS, Tok, clean_name, joinable, left_edge,
                           national_centre, specificity_of, start_after_verbs, suffix_of, type_of)
from kg.nlp.segment import known_word, tokenize  # noqa: F401 - tokenize: the doctests

__all__ = ["enumerations", "same_head_lists", "numbered_lines"]

_GROUP_WORDS = {"企业": "Enterprise", "公司": "Enterprise", "集团": "Enterprise", "项目": "Project", "重点企业": "Enterprise", "金融机构": "Enterprise",
                "龙头企业": "Enterprise", "村": "Village", "社区": "Village"}
_ROADS = "道路"  # the head of a list of roads: each member is named on its own
_SMALL_COUNTS = frozenset("两二三四五六七八九十")
_COUNT_STARTS = _SMALL_COUNTS | frozenset(string.digits)


def enumerations(text: str, toks: list[Tok]):
    """``A、B、C等<head>``: members take the head's type; bare members get the head appended."""
    sentence = text[toks[0].start:toks[-1].end] if toks else ""
    if "等" not in sentence and _SMALL_COUNTS.isdisjoint(sentence) and not _COUNT_AFTER_LIST.search(sentence):
        return []
    found = []
    for e in range(len(toks)):
        counted = _list_end(toks, e)
        if counted is not None:
            found.extend(_enumeration_at(text, toks, e, counted))
    return found


def _list_end(toks: list[Tok], e: int) -> bool | None:
    """Whether token ``e`` ends a list: ``False`` for ``等`` (``A、B等<head>``), ``True`` for a count
    (``A、B两大<head>``), ``None`` when it ends none."""
    if toks[e].word in ("等", "等等", "等一批"):
        return False
    if toks[e].word[0] in _COUNT_STARTS and _count_at(toks, e):
        return True
    return None


@dataclass(frozen=True)
class _List:
    """A list ended at token ``e`` (by a count if ``counted``): its members' spans with their own type suffixes
    (``typed``), the head after it and the head's type, the types of its members named in full
    (``sibling_types``), and whether it opens with ``国家`` (``国家A、B等创新中心``: national centres)."""

    text: str
    toks: list[Tok]
    e: int
    counted: bool
    typed: list[tuple[int, int, str | None]]
    head: str | None
    etype: str | None
    sibling_types: frozenset[str]
    national: bool
    names_bare: int = 0  # members with no suffix that are names by themselves (``_bare_name``)


def _enumeration_at(text: str, toks: list[Tok], e: int, counted: bool) -> list[tuple]:
    """The names of the list that token ``e`` ends, each typed by its own suffix or by the list's head."""
    members = _members_before(toks, e)
    if counted and members:
        members[0] = _past_verbs(toks, *members[0])
    found = list(_single_member(text, toks, e, *members[0])) if len(members) == 1 and not counted else []
    if len(members) < 2:
        return found
    head, etype = _head_after(text, toks, e)
    if head and any(h in head for h in PERSON_HEADS):
        return found
    if counted and head:
        head = _class_head(text, toks, e, head)
    if not head and (roads := _road_list(text, members)):
        return found + list(roads)  # ``完成碧川路、曙岭路等建设``
    if not head and _FIELDS.match(text, toks[e].end):
        return found  # a list of industries or fields, not of named things
    typed = [(a, b, suffix_of(text[a:b])) for a, b in members]
    if not counted and _a_class(text, toks[e].end, head, etype, typed):
        return found + list(_members_of_a_class(text, toks, typed, etype))
    sibling_types = frozenset(TYPE_SUFFIXES[s] for a, b, s in typed  # ``人工智能`` is a word, not a company
                              if s and not (s in WEAK_SUFFIXES and known_word(text[a:b])) and _named(toks, a, b, s))
    names_bare = 0  # read only by ``_a_brand``, of a list of companies
    if etype == "Enterprise" and head in _GROUP_WORDS:
        names_bare = sum(1 for a, b, s in typed
                         if not s and _bare_name(clean_name(LEADING_JUNK.sub("", text[a:b])), toks, a, b, etype))
    the_list = _List(text, toks, e, counted, typed, head, etype, sibling_types, text.startswith("国家", members[0][0]),
                     names_bare)
    return found + [name for a, b, suffix in typed for name in _member(the_list, a, b, suffix)]


def _member(the_list: _List, a: int, b: int, suffix: str | None) -> list[tuple]:
    """The member ``text[a:b]`` as a name (none or one): named in full by its own ``suffix``, or bare."""
    text = the_list.text
    name = clean_name(LEADING_JUNK.sub("", text[a:b]))
    if not name or len(name) < 2 or len(name) > 12 or _COUNTED.search(name) or text[a - 1:a].isdigit() \
            or text[a - 1:a] == "·":
        return []  # ``6家保护机构`` is a count, not a member; ``澄溪大学·星河`` one member
    if suffix:  # named in full; the suffix rule may have found it, the list confirms it
        return [(name, TYPE_SUFFIXES[suffix], a, b, "enumeration")] if _confirmed(the_list, name, a, b, suffix) else []
    return _bare_member(the_list, name, a, b)


def _confirmed(the_list: _List, name: str, a: int, b: int, suffix: str) -> bool:
    """A member named in full is a name when the list is of named things and the member is specific."""
    inside = _inside(the_list.toks, a, b)
    return bool((the_list.head or the_list.sibling_types) and len(name) > len(suffix) + 1
                and name not in GENERIC_NAMES and TYPE_SUFFIXES[suffix] != "Village"
                and (specificity_of(inside, suffix) or _company_of_companies(name, suffix, the_list.head)
                     or _a_project_of_projects(the_list.text, the_list.toks[the_list.e].end, name, suffix, inside)))


def _bare_member(the_list: _List, name: str, a: int, b: int) -> list[tuple]:
    """A member with no head of its own: a road of a list of roads, the list's head appended, or a bare name."""
    head, etype, toks = the_list.head, the_list.etype, the_list.toks
    if head == _ROADS:
        return [(name, "Project", a, b, "enumeration")] if re.search(r"(?:路|街|大道|道)$", name) and len(name) >= 3 else []
    if the_list.counted and toks[the_list.e].word not in _SMALL_COUNTS and not specificity_of(_inside(toks, a, b), ""):
        return []  # ``无人机、医疗器械两个基地``, ``文化艺术、健康生态6大风貌区``: kinds of things, counted
    if head and etype and head not in _GROUP_WORDS:
        if head not in WEAK_SUFFIXES or specificity_of(_inside(toks, a, b), "") \
                or (the_list.national and national_centre("国家" + name.removeprefix("国家") + head, head)):
            if len(name) >= 4 and not the_list.national and head in WEAK_SUFFIXES:
                return [(name, etype, a, b, "enumeration")]  # ``太和风景、中央尚花园等住宅小区``: named in full already
            return [(name + head, etype, a, b, "enumeration")]
        return []  # not ``燃气、供热等工程``: kinds
    siblings = the_list.sibling_types
    if (etype or siblings) and (len(name) <= 6 or etype != "Enterprise") and (
            _bare_name(name, toks, a, b, etype) or (etype and siblings and len(name) >= 3 and not known_word(name))
            or _a_brand(the_list, name, a, b)):
        return [(name, _university_or(name, etype or sorted(siblings)[0]), a, b, "enumeration")]
    return []


def _a_brand(the_list: _List, name: str, a: int, b: int) -> bool:
    """A common word is a company's name in a list of companies whose other members are names
    (``抖音、快手、小米等互联网企业``, ``与星澜、苹果等企业``); a list of common words alone is of
    kinds (``电子、汽车等企业``)."""
    return the_list.etype == "Enterprise" and the_list.head in _GROUP_WORDS and 2 <= len(name) <= 4 \
        and (the_list.names_bare >= 1 or "Enterprise" in the_list.sibling_types) \
        and not name.endswith(_PLACE_ENDS) and name not in GENERIC_NAMES \
        and all(t.pos[:1] in ("n", "v") or t.pos == "eng" for t in _inside(the_list.toks, a, b)) \
        and not _FIELDS.search(name)


_COUNT_WORD = re.compile(r"[两二三四五六七八九十]+(?:个|家|所|座|条)")


_CLASS_WORDS = re.compile(r"(?:大型|中型|小型|重点|特色|高端|新型|城市|商业|经济|示范|精品|标志性|知名|优质)")


def _a_class(text: str, after: int, head: str | None, etype: str | None, typed: list) -> bool:
    """True when the head after ``等`` names a class its members belong to, not a word of their names: it follows
    words that describe a kind (``等大型商业综合体``, ``等经济示范商业街区``) and a member has a head of its own
    of the same type (``乐府广场、星河天地等大型商业综合体``)."""
    if not head or etype not in ("Project", "Institution") or head in _GROUP_WORDS or head == _ROADS:
        return False
    rest = text[after:after + 16]
    described = rest[:max(0, rest.find(head))]
    return _CLASS_WORDS.search(described) is not None and any(
        suffix and TYPE_SUFFIXES[suffix] == etype and len(text[a:b]) > len(suffix) + 1 for a, b, suffix in typed)


def _members_of_a_class(text: str, toks: list[Tok], typed: list, etype: str):
    """The members of a list before a class: each is named on its own, with its own head or without one."""
    found = []
    for a, b, suffix in typed:
        name = clean_name(LEADING_JUNK.sub("", text[a:b]))
        if not 2 <= len(name) <= 10 or name in GENERIC_NAMES or _COUNTED.search(name) or known_word(name):
            continue
        if suffix and TYPE_SUFFIXES[suffix] in ("Project", "Institution", "Enterprise"):
            found.append((name, type_of(name, suffix), a, b, "enumeration"))
        elif not suffix and not name.endswith(_PLACE_ENDS) and specificity_of(_inside(toks, a, b), "") or (
                not suffix and len(name) >= 3 and len(_inside(toks, a, b)) <= 2 and not name.endswith(_PLACE_ENDS)):
            found.append((name, etype, a, b, "enumeration"))
    return found


_PROJECTS_AFTER = re.compile(r"(?:重点|重大)?项目|[\u4e00-\u9fff]{0,4}设施")  # ``等重点项目``, ``等综合配套设施``
_WORKS_HEADS = frozenset({"项目", "工程", "建设", "改造", "系统", "平台"})  # heads of works, not of places


def _a_project_of_projects(text: str, after: int, name: str, suffix: str, inside: list[Tok]) -> bool:
    """True for a member with a project's or a body's head in a list of projects (``完成运动森林公园、星河文化街区等项目建设``,
    the list's end at ``after``): a project even in common words, when three or more characters before its head
    say which (not a kind: ``社区公园``, ``新一代主题公园``)."""
    prefix = name[:len(name) - len(suffix)]
    return _PROJECTS_AFTER.match(text, after) is not None and TYPE_SUFFIXES[suffix] in ("Project", "Institution") \
        and suffix not in _WORKS_HEADS \
        and len(prefix) >= 3 and not _COMMON_PREFIX.search(prefix) and not prefix.startswith(GENERIC_MODIFIERS) \
        and not attributive(prefix) and not any(t.pos in ("v", "a", "ad", "d", "m") for t in inside)


def _count_at(toks: list[Tok], e: int) -> bool:
    """True when ``toks[e]`` counts the list that ends right before it: ``A、B两大<head>``, ``A、B两个<head>``
    (one token), ``A、B 2个<head>``."""
    tok = toks[e]
    if e == 0 or toks[e - 1].word == "、" or toks[e - 1].word.endswith("等") \
            or tok.word.isdigit() and toks[e - 1].pos == "v":
        return False  # ``沙井头等26个项目``: ``等`` ends the list, which is not counted here; ``达54个``: a total
    if _COUNT_WORD.fullmatch(tok.word):
        return True
    return (tok.word in _SMALL_COUNTS or tok.word.isdigit() and len(tok.word) <= 2) and e + 1 < len(toks) \
        and toks[e + 1].word.startswith(("大", "个", "家", "所", "座", "条"))


def _class_head(text: str, toks: list[Tok], e: int, head: str) -> str:
    """The head counted members share, with the one noun before it that names their class: ``A、B 2个制造业创新中心``
    names ``A制造业创新中心`` (a description such as ``重点``, ``新型`` is left out)."""
    after = [t for t in toks[e + 1:e + 4] if not _COUNT_WORD.fullmatch(t.word) and t.word not in "个家所座条大"]
    if len(after) >= 2 and after[1].word == head and after[0].pos == "n" and len(after[0].word) >= 2 \
            and known_word(after[0].word):
        return after[0].word + head
    return head


def _past_verbs(toks: list[Tok], a: int, b: int) -> tuple[int, int]:
    """The first member of a counted list without the verbs and adverbs in front of it: ``动工建设`` | ``瑞吉、艾美2家``."""
    inside = _inside(toks, a, b)
    start = 0
    while start < len(inside) - 1 and b - inside[start + 1].start >= 2 and (
            inside[start].pos[:1] in ("v", "d", "l") or inside[start].word in BOUNDARY_WORDS):
        start += 1
    return (inside[start].start, b) if inside else (a, b)


def _university_or(name: str, etype: str) -> str:
    """A short member ending in ``大`` is a university by its short name (``澄大``, ``青科大``),
    even in a list of companies and bodies (``星澜、青科大等12家企业和机构``).

    >>> _university_or("青科大", "Enterprise"), _university_or("星澜", "Enterprise")
    ('Institution', 'Enterprise')
    """
    return "Institution" if etype == "Enterprise" and name.endswith("大") and len(name) <= 4 else etype


def _single_member(text: str, toks: list[Tok], e: int, a: int, b: int):
    """``星河微电等11家企业``, ``澄溪路等3项市政工程``: the one name before ``等`` and a head of
    companies, projects or roads is a company, a project or a road; a name with its own
    suffix is left to the suffix rule."""
    head, etype = _head_after(text, toks, e)
    name = clean_name(LEADING_JUNK.sub("", text[a:b]))
    if not etype or suffix_of(name) or not 2 <= len(name) <= 8 or _COUNTED.search(name) or text[a - 1:a].isdigit():
        return []
    if head == _ROADS:
        return _road_list(text, [(a, b), (a, b)])[:1]
    if head in _GROUP_WORDS and _bare_name(name, toks, a, b, etype) and not known_word(name + head):
        return [(name, etype, a, b, "enumeration")]
    return []


_COUNT_AFTER_LIST = re.compile(r"[^\d]\d{1,2}[个家所座条]")  # ``A、B 2个制造业创新中心``
_COUNTED = re.compile(r"^\d|\d+(?:\.\d+)?(?:个|家|项|处|座|批|所|条|名|支|人|亿|万|年|%)")
_FIELDS = re.compile(r"(?:重点|关键|主要|传统|新兴|大宗|特色|优势|新型|高端)?(?:新兴产业|战略性新兴产业|未来产业|产业|行业|领域|技术|业态|方面|环节|消费)")


_ROAD_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}(?:路|大道|大街)")


def _road_list(text: str, members: list[tuple[int, int]]):
    """A list made only of roads (``碧川路、曙岭支路``): each road is the object of the work on the list.

    >>> [n for n, *_ in _road_list("碧川路、曙岭支路", [(0, 3), (4, 8)])]
    ['碧川路', '曙岭支路']
    """
    names = [(clean_name(text[a:b]), a, b) for a, b in members]
    if len(names) < 2 or not all(len(n) >= 3 and _ROAD_NAME.fullmatch(n) and n not in NOT_ROADS for n, _, _ in names):
        return []
    return [(n, "Project", a, b, "enumeration") for n, a, b in names]


def _company_of_companies(name: str, suffix: str, head: str | None) -> bool:
    """``环球生物、星河电子等15家企业``: a member with a company's suffix in a list of companies is one,
    unless it is a common word (``海洋生物``)."""
    return head in ("企业", "公司", "重点企业", "龙头企业") and TYPE_SUFFIXES[suffix] == "Enterprise" and not known_word(name)


def same_head_lists(text: str, toks: list[Tok]):
    """Lists joined by ``、``/``和``/``及`` whose members share a head (``铁扇水库和香车水库``): see ``_same_heads``."""
    found = []
    if not toks or not _JOINERS.search(text, toks[0].start, toks[-1].end):
        return found
    for e, tok in enumerate(toks):
        if e == 0 or text[toks[e - 1].end - 1] not in SUFFIX_LAST_CHARS or (joinable(tok) and tok.word != "建设") \
                or not joinable(toks[e - 1], tok) or toks[e - 1].word in ("、", "和", "及"):
            continue  # not right after a last member that ends with a head
        head = suffix_of(text[max(0, toks[e - 1].end - 8):toks[e - 1].end])
        if not head:
            continue
        members = _members_before(toks, e)
        if len(members) < 2:
            continue
        if text.count(head, toks[0].start, toks[e - 1].end) >= 2:
            found.extend(_same_heads(text, toks, [(a, b, suffix_of(text[a:b])) for a, b in members]))
        else:  # no other member with that head: the last member's head may be shared by bare ones
            found.extend(_head_shared(text, toks, members, head))
    return found


def _head_shared(text: str, toks: list[Tok], members: list[tuple[int, int]], head: str):
    """``荣乌、太行山、津石高速``: the head of a work written once, after the last member, is each bare member's
    too, when the last member is a name then its head in common words (``霍尔果斯|经济开发区``), the list ends
    there (not ``A、B大厦等``: things of several kinds) and each bare member is a short name of its own."""
    *bare, (la, lb) = members
    last = _inside(toks, la, lb)
    k = len(last)  # the last member's head: its common words of two characters or more, from the end
    while k > 1 and len(last[k - 1].word) >= 2 and known_word(last[k - 1].word) \
            and not specificity_of(last[k - 1:k], head if k == len(last) else ""):
        k -= 1
    if TYPE_SUFFIXES[head] != "Project" or head in WEAK_SUFFIXES or k == len(last) or text.startswith("等", lb) \
            or not specificity_of(last, head) or any(t.pos[:1] in ("v", "m") or t.word in BOUNDARY_WORDS for t in last) \
            or _COUNT_AFTER.match(text, lb):
        return []
    shared = text[last[k].start:lb]  # ``经济开发区``, ``核电站``: the words after the last member's own name
    found = []
    for a, b in bare:
        name = text[a:b]
        inside = _inside(toks, a, b)
        own = suffix_of(name)
        if not (2 <= len(name) <= 4 and HAN_ONLY.fullmatch(name)) or (own and (len(own) > 1 or TYPE_SUFFIXES[own] == "Village")) \
                or name.endswith(PLACE_SUFFIXES) \
                or name in GENERIC_NAMES or name[0] in _COUNT_FIRST or name.startswith(GENERIC_MODIFIERS) \
                or _holds_word(name, _LONG_BOUNDARY_WORDS) or any(t.word in TYPE_SUFFIXES for t in inside) \
                or any(t.pos[:1] in ("v", "a", "d", "m") or t.word in BOUNDARY_WORDS for t in inside) \
                or not (specificity_of(inside, "") or not known_word(name)):
            return []  # one member a kind, a phrase or a thing of its own: not a list of names
        found.append((name + shared, "Project", a, b, "enumeration"))
    return found


_COUNT_AFTER = re.compile(r"[\d一二两三四五六七八九十]+[个座条处所家项]")  # ``公交场站、换乘枢纽20个``: kinds, counted


_JOINERS = re.compile(r"[、和及]")


def _same_heads(text: str, toks: list[Tok], typed: list[tuple[int, int, str | None]]):
    """``碧川水库和香车水库``: members with the same head as a sibling that is a name are names too, even in
    words jieba knows (``香车``), unless they are common words or a kind (``社区公园``)."""
    named = {suffix for a, b, suffix in typed if suffix and _named(toks, a, b, suffix)}
    found = []
    for a, b, suffix in typed:
        name = clean_name(text[a:b])
        prefix = name[:len(name) - len(suffix or "")]
        if suffix in named and TYPE_SUFFIXES[suffix] in ("Project", "Institution") \
                and (_weak_place_head(suffix) or not _named(toks, a, b, suffix)) and name[0] not in _COUNT_FIRST \
                and 2 <= len(prefix) <= 4 and HAN_ONLY.fullmatch(prefix) and not known_word(name) \
                and name not in GENERIC_NAMES and prefix not in GENERIC_NAMES and not attributive(prefix) \
                and not _COMMON_PREFIX.search(prefix) and not prefix.startswith(GENERIC_MODIFIERS) \
                and not suffix.endswith(("局", "部", "署", "项目")) \
                and not any(t.pos[:1] in ("v", "a", "d") for t in _inside(toks, a, b - len(suffix))):
            found.append((name, type_of(name, suffix), a, b, "enumeration"))
    return found


_COUNT_FIRST = frozenset("个家所座项处条") | _COUNT_STARTS  # ``六大管理中心``, ``个博士后工作站``: counted


def _weak_place_head(suffix: str) -> bool:
    """A head of places and buildings too common to make a name alone (``通道``, ``泵站``): a member with a word
    jieba does not know before it is a name only by its list."""
    return suffix in WEAK_SUFFIXES and len(suffix) >= 2 and suffix not in _WORKS_HEADS


_COMMON_PREFIX = re.compile(r"社区|村|街道|乡镇|城市|城区|农村|国家|省级|市级|区级|县级|重点|新建|大型|小型|综合|公共|各类|[省市区县镇]$")


def _inside(toks: list[Tok], a: int, b: int) -> list[Tok]:
    """The tokens that lie within the span ``a:b``."""
    return [t for t in toks if a <= t.start and t.end <= b]


def _named(toks: list[Tok], a: int, b: int, suffix: str) -> bool:
    """True when the list member at ``a:b`` is a name, not a category (``冷链食品``)."""
    return specificity_of(_inside(toks, a, b), suffix) > 0


def _bare_name(name: str, toks: list[Tok], a: int, b: int, etype: str | None = None) -> bool:
    """A list member without a suffix names something only if it is not a common word or a place;
    in a list of companies a member ending in ``路`` or ``街`` is a company (``星河电路等4家企业``)."""
    places = ("区", "市", "县", "镇", "省", "国") if etype == "Enterprise" else _PLACE_ENDS
    if name.endswith(places) or name in GENERIC_NAMES:
        return False
    inside = _inside(toks, a, b)
    if etype == "Enterprise" and 2 <= len(name) <= 4 and not known_word(name) and any(len(t.word) == 1 for t in inside) \
            and not any(t.word in BOUNDARY_WORDS or (len(t.word) > 1 and t.pos == "n") for t in inside):
        return True  # ``抖|音``, ``分期|乐`` in a list of companies: a name jieba does not know, cut apart
    return specificity_of(inside, "") > 0


_PLACE_ENDS = ("路", "街", "河", "江", "湖", "区", "市", "县", "镇", "省", "国")


def _members_before(toks: list[Tok], e: int) -> list[tuple[int, int]]:
    """The spans of a list's members that end right before ``toks[e]``, joined by ``、``/``和``/``及``."""
    members = []
    k = first = e - 1  # ``first``: the last token of the first member
    while k >= 0:
        j = k
        while j - 1 >= 0 and joinable(toks[j - 1], toks[j]) and not (toks[j - 1].pos == toks[j].pos == "quote"):
            j -= 1
        if j > k or not joinable(toks[k], toks[k + 1] if k + 1 < len(toks) else None):
            break  # a member may end in digits before the next mark: ``华星光电G9、``
        j = _whole_member(toks, j)
        members.append((toks[j].start, toks[k].end))
        first = k
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
    if members:
        start = toks[start_after_verbs(toks, left_edge(toks, first), first, "")].start
        members[0] = (start, members[0][1])  # the first member starts where its name does
    return members


def _whole_member(toks: list[Tok], j: int) -> int:
    """Where a list's member that starts at ``toks[j]`` starts when a ``、`` comes a word or two before it: at the
    word after the ``、`` (``、三利大街北延、``, ``、建新大街南延、``: a numeral or a verb inside a member's name)."""
    s = j - 1
    while s >= 0 and j - s <= 2 and toks[s].word != "、" and toks[s].pos not in ("x", "quote") \
            and BOUNDARY_CHARS.isdisjoint(toks[s].word) and toks[s].word not in STOP_WORDS:
        s -= 1
    return s + 1 if s >= 0 and s < j - 1 and toks[s].word == "、" else j


_PROJECT_KINDS = re.compile(r"(?:城市更新|旧城改造|旧改|保障房|安置房|棚户区改造|棚改|土地整备|老旧小区改造)$")


def _head_after(text: str, toks: list[Tok], e: int) -> tuple[str | None, str | None]:
    """The type head after ``等``: ``传统工业区`` → ``工业区``; ``企业`` → Enterprise."""
    rest = text[toks[e].end: toks[e].end + 16]
    if (count := _COUNT_LEAD.match(rest)) and count.end() and not known_word(rest[count.end() - 1:count.end() + 1]):
        rest = rest[count.end():]  # ``等3个``, ``等家``, not the ``项`` of ``等项目``
    rest = _BATCH_LEAD.sub("", rest)
    rest = _KIND_RUN.sub("", rest)  # ``等标杆性、龙头型项目``: the kinds listed before the head are not the head
    rest = _HEAD_STOP.split(rest)[0]
    if _ROADS_HEAD.match(rest):
        return _ROADS, "Project"
    m = _GROUP_HEAD.match(rest)
    if m and "领域" in m.group(1):
        return None, None  # ``大数据、区块链等领域优势企业``: the members are fields, not companies
    if m and not _holds_word(m.group(1), _LONG_STOP_WORDS):
        kind = _PROJECT_KINDS.search(m.group(1)) if m.group(2) == "项目" else None
        if kind:  # ``星河、绿地等城市更新项目``: each is a project of that kind
            return kind.group(0) + "项目", "Project"
        return m.group(2), _GROUP_WORDS[m.group(2)]
    for n in range(2, min(len(rest), 10) + 1):
        phrase = rest[:n]
        suffix = suffix_of(phrase)
        if len(suffix or "") == 1 and known_word(rest[n - 1:n + 1]) and not suffix_of(rest[:n + 1]):
            return None, None  # ``村落``: the head char starts a common word, which is the head
        if len(suffix or "") == 1 and known_word(phrase[-2:]):
            continue  # ``关键环节``, ``农村``: the head char ends a common word
        if suffix and suffix != "建设" and phrase.endswith(suffix) and not _holds_word(phrase, _LONG_BOUNDARY_WORDS, suffix):
            longer = suffix_of(rest[:n + 1]) if n < len(rest) else None
            if longer and len(longer) >= 2:  # ``产业园区``: ``园区`` goes on from ``产业园``, the head is the longer
                return _compound_head(rest[:n + 1], suffix + rest[n]), TYPE_SUFFIXES[longer]
            head = _compound_head(phrase, suffix)
            if suffix == "改造" and head != phrase:
                return None, None  # ``A、B等过渡载体装修改造``: the members are 载体, the work is not their name
            return head, TYPE_SUFFIXES[suffix]
    return None, None


_COUNT_LEAD = re.compile(r"^(?:\d+|[一两二三四五六七八九十百]+)?(?:个|家|项|处|座|批|所|条|名|支)?")
_BATCH_LEAD = re.compile(r"^(?:一批|一系列|多家|多个|一大批)")
_HEAD_STOP = re.compile(r"[,。;、:!?()“”]")
_KIND_RUN = re.compile(r"^(?:[\u4e00-\u9fff]{1,4}[性型级式]、)+(?=[\u4e00-\u9fff]{1,4}[性型级式])")
_ROADS_HEAD = re.compile(r"^(?:.{0,4}?)(?:断头路|道路|主干道|次干道|支路|干道|路网|市政工程)|^.{0,6}?(?:景观大道|大道)")
_GROUP_HEAD = re.compile(r"^(.{0,6}?)(企业|公司|集团|项目|金融机构)")  # ``等央企集团``: companies, named bare
_LONG_STOP_WORDS = frozenset(w for w in STOP_WORDS if len(w) > 1)
_LONG_BOUNDARY_WORDS = frozenset(w for w in BOUNDARY_WORDS if len(w) > 1)
_LONGEST_WORD = max(map(len, _LONG_STOP_WORDS | _LONG_BOUNDARY_WORDS))


def _holds_word(phrase: str, words: frozenset[str], but_in: str = "") -> bool:
    """True when one of ``words`` (of two characters or more) is in ``phrase``, other than one that is
    part of ``but_in``: each piece of ``phrase`` is looked up, not each word searched for.

    >>> _holds_word("重点产业园", frozenset({"重点"})), _holds_word("重点产业园", frozenset({"重点"}), "重点园")
    (True, False)
    """
    for a in range(len(phrase) - 1):
        for b in range(a + 2, min(len(phrase), a + _LONGEST_WORD) + 1):
            if (w := phrase[a:b]) in words and w not in but_in:
                return True
    return False


def _compound_head(phrase: str, suffix: str) -> str:
    """The head a member shares: the suffix, with the words that describe the work (``景观提升工程``)."""
    m = re.search(r"((?:景观提升|改造提升|提升改造|综合整治|综合治理|生态修复|水环境治理|改造)?%s)$" % re.escape(suffix), phrase)
    return m.group(1) if m else suffix


_DIGITS = re.compile(r"\d+")
_NUMBERED = re.compile(r"(地铁|轨道交通|轨道|轻轨|有轨电车)?(\d+)((?:[、和及]\d+)+)号线")
_LINE_GOES_ON = re.compile(r"[支延东西南北]")  # ``6号线支线``: the last line names more than the line


def numbered_lines(text: str, toks: list[Tok]):
    """``轨道14、16、17号线``: numbered lines that share the head ``号线`` and the word before the first.

    >>> [n for n, *_ in numbered_lines("推进地铁5、8号线建设", tokenize("推进地铁5、8号线建设"))]
    ['地铁5号线', '地铁8号线']
    """
    if not toks or text.find("号线", toks[0].start, toks[-1].end) < 0:
        return []
    found = []
    for m in _NUMBERED.finditer(text, toks[0].start, toks[-1].end):
        kind = m.group(1) or ""
        for num in _DIGITS.finditer(text, m.start(2), m.end(3)):
            a = m.start() if num.start() == m.start(2) else num.start()
            b = m.end() if num.end() == m.end(3) else num.end()
            if b == m.end() and _LINE_GOES_ON.match(text, b):
                continue
            found.append((kind + num.group() + "号线", "Project", a, b, "enumeration"))
    return found

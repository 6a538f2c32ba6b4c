"""The cue and quoted rules: a bare name typed by the words around it, or by its quotation marks.

``cue``: a name right after ``引进``/``签约``… is an enterprise, and a name opening a clause
before ``建成营业``/``估值``/``获评``… takes the type the cue gives; ``quoted``: a quoted name
with a head (``“591”专项行动``), or a quoted programme after a campaign verb.
"""

from __future__ import annotations

import re

from kg.extract.lexicon import (CUE_ADVERBS, REGION_ENDINGS, BOUNDARY_CHARS, BOUNDARY_WORDS, ENTERPRISE_CUES_BEFORE, GENERIC_NAMES, STOP_WORDS, TYPE_SUFFIXES,
                      WEAK_SUFFIXES)
from kg.extract.entities.grammar import GENERIC_VILLAGE, PART_WORDS, PERSON_HEADS, Tok, clean_name, designated, specificity_of, suffix_of, type_of
from kg.extract.gazetteer import county_or_above
from kg.nlp.segment import known_word, tokenize, tokenize_phrase  # noqa: F401 - tokenize: the doctests

__all__ = ["cue_names", "subject_names", "executive_names", "quoted_names"]

_CUES_BEFORE = frozenset(ENTERPRISE_CUES_BEFORE)
_NOT_COMPANIES = ("高校", "院校", "院所", "机构", "资源", "资本", "岸线", "理念", "模式", "技术", "人才", "团队", "企业", "民企",
                  "国企", "首店")


def cue_names(text: str, toks: list[Tok]):
    """``引进X``/``签约X``: a short bare name right after a cue verb is an enterprise."""
    found = []
    for k, tok in enumerate(toks[:-1]):
        if tok.word not in _CUES_BEFORE or tok.word in ("支持", "培育", "组织", "扶持", "落地"):
            continue
        members, i = [], k + 1
        while i < len(toks):  # ``引进星澜、云岚``: each member of a list after the cue
            j = i
            while j < len(toks) and _cue_joinable(toks[j]) and toks[j].end - toks[i].start <= 8:
                j += 1
            if j == i or j >= len(toks) or toks[j].word not in ("、", "等", ",", "。"):
                break
            a, b = toks[i].start, toks[j - 1].end
            name = clean_name(text[a:b])
            if any(h in text[b:b + 16] for h in PERSON_HEADS) or name.endswith(_NOT_COMPANIES):
                break
            members.append((name, a, b, 2 <= len(name) <= 8 and not suffix_of(name) and name not in GENERIC_NAMES
                            and specificity_of(toks[i:j], "") > 0 and not any(t.pos == "v" and len(t.word) > 1 for t in toks[i:j])
                            and not (members and re.fullmatch(r"[A-Za-z]{1,3}", name))))
            if toks[j].word != "、":
                members = members[:1] if toks[j].word == "等" else members  # a list before 等: the list rule's
                break
            i = j + 1
        if len(members) > 1 and (not all(ok for *_, ok in members) or _COUNTED_AFTER.match(text, members[-1][2])):
            members = members[:1]  # a list of kinds (``理财、资管``), not of companies: the first as before
        found.extend((name, "Enterprise", a, b, "cue") for name, a, b, ok in members if ok)
    return found


_COUNTED_AFTER = re.compile(r"\d|[一二两三四五六七八九十]+[个家类种]")  # ``引进国潮品牌、新概念店10家``: kinds, counted


# A clause that opens with a bare name and goes on with one of these says what the name is.
_SUBJECT_CUES = {
    "建成营业": "Project", "开业": "Project", "开工": "Project", "竣工": "Project", "建成投用": "Project",
    "投入使用": "Project", "封顶": "Project", "开园": "Project", "开馆": "Project", "正式运营": "Project",
    "估值": "Enterprise", "实现营业收入": "Enterprise", "营业收入": "Enterprise", "成功上市": "Enterprise",
    "上市": "Enterprise", "投产": "Enterprise", "获评": "Enterprise", "入选": "Enterprise", "跻身": "Enterprise",
}
# ``星澜获2项专利金奖``: a gold medal or a patent award goes to a company (other awards as often to a person)
_AWARD = r"获[^,，。;；、]{1,10}?(?:金奖|专利奖)"

# in the dict's order, as ``next`` took them; then an award
_SUBJECT_CUE = re.compile("|".join(map(re.escape, _SUBJECT_CUES)) + "|" + _AWARD)
_APPOSITION = ("企业", "公司")
_PLACE_END = re.compile("(?:%s)$" % "|".join(REGION_ENDINGS))  # ``青峰湾区跻身…``: a place, not a company


def subject_names(text: str, toks: list[Tok], places: frozenset[str] = frozenset()):
    """``华景万象汇建成营业``: a short specific name opening a clause, before a cue that types it."""
    found = []
    if not toks or not _SUBJECT_CUE.search(text, toks[0].start, toks[-1].end):
        return found
    for k, tok in enumerate(toks):
        cue = _SUBJECT_CUE.match(text, tok.start)
        if not cue or k == 0:
            continue
        etype = _SUBJECT_CUES.get(cue.group(), "Enterprise")
        end = k
        while end > 1 and toks[end - 1].word in CUE_ADVERBS:
            end -= 1  # ``星澜、云岚成功入选``: the subject ends before how it was done
        end = end - 1 if toks[end - 1].word in PART_WORDS else end  # ``星河公寓主体封顶``: the subject is the building
        for j, e in _subjects(toks, end):
            a, b = toks[j].start, toks[e - 1].end
            name = clean_name(text[a:b])
            if 2 <= len(name) <= 8 and not suffix_of(name) and name not in GENERIC_NAMES and not _holds_a_name(text, toks[j:e - 1]) \
                    and specificity_of(toks[j:e], "", places) and not any(p == name for p in places) \
                    and not _PLACE_END.search(name) and not county_or_above(name):
                found.append((name, etype, a, b, "cue"))
        if etype == "Enterprise":  # after a cue places take too (``获评``), only beside a company named as one
            found.extend(_listed_companies(text, toks, end, places, beside_a_company=cue.group() in _PLACES_TOO))
    return found


_PLACES_TOO = ("获评", "入选", "跻身")  # cues a list of places takes as often as one of companies


def _listed_companies(text: str, toks: list[Tok], k: int, places: frozenset[str], beside_a_company: bool = False):
    """``星澜生物、云岚技术获2项专利金奖``, ``星澜、云岚上市``: each member of a list that opens the
    clause before a cue only companies take is a company (a bare one if specific, one with a
    company's suffix if not a common word). ``beside_a_company``: the cue is one places take too (``获评``), so
    the list is of companies only where one member is named as a company (``星澜母婴、青峰机械获评…``)."""
    members = [(toks[j].start, toks[e - 1].end, toks[j:e]) for j, e in _list_members(toks, k)]
    named = [(clean_name(text[a:b]), suffix_of(text[a:b]), a, b, inside) for a, b, inside in members]
    companies = any(suffix and TYPE_SUFFIXES[suffix] == "Enterprise" and not known_word(name)
                    for name, suffix, *_ in named)
    if beside_a_company and not companies:
        return []
    found = []
    for name, suffix, a, b, inside in named:
        if not 2 <= len(name) <= 8 or name in GENERIC_NAMES or name in places or _PLACE_END.search(name) \
                or county_or_above(name):
            continue
        if suffix and TYPE_SUFFIXES[suffix] == "Enterprise" and not known_word(name) or not suffix and (
                specificity_of(inside, "", places) or companies and not known_word(name)):
            found.append((name, "Enterprise", a, b, "cue"))  # ``星澜生物、国民技术``: beside a company, a company
    return found


def _list_members(toks: list[Tok], k: int) -> list[tuple[int, int]]:
    """The token spans of the members of a list ``A、B`` that opens a clause and ends before ``toks[k]``."""
    spans, e = [], k
    while True:
        j = e
        while j - 1 >= 0 and _cue_joinable(toks[j - 1]) and toks[e - 1].end - toks[j - 1].start <= 8:
            j -= 1
        if j == e:
            return []
        spans.append((j, e))
        if j > 0 and toks[j - 1].word == "、":
            e = j - 1
            continue
        opens = j == 0 or toks[j - 1].word in (",", "。", ";")
        return spans[::-1] if opens and len(spans) > 1 else []


_OPENERS = (",", "。", ";")  # what a clause opens after


def _subjects(toks: list[Tok], k: int, openers: tuple[str, ...] = _OPENERS) -> list[tuple[int, int]]:
    """The token span of the bare name before ``toks[k]`` that opens a clause (``星河上市``) or
    stands in apposition (``企业星河``), or follows one of ``openers``; a member of a list is left to
    the list rules, which type it by its siblings (a list of places ``入选`` as often as one of companies)."""
    j = k
    while j - 1 >= 0 and _cue_joinable(toks[j - 1]) and toks[j - 1].word not in _APPOSITION \
            and toks[k - 1].end - toks[j - 1].start <= 8:
        j -= 1
    if j == k or (j > 0 and toks[j - 1].word not in openers + _APPOSITION):
        return []  # not at the opening of a clause, nor in apposition (``企业星河``)
    return [(j, k)]


def _holds_a_name(text: str, toks: list[Tok]) -> bool:
    """True when the words before a cue open with a full name and go on with a part of it
    (``柳岸安置区`` | ``主体``封顶): the subject is that name, which the suffix rule finds."""
    return any((s := suffix_of(text[toks[0].start:t.end])) and s not in WEAK_SUFFIXES for t in toks)


_EXECUTIVES = frozenset("董事长 副董事长 总裁 副总裁 总经理 创始人 首席执行官 CEO".split())


def executive_names(text: str, toks: list[Tok], places: frozenset[str] = frozenset()):
    """``星河电子总裁``, ``云岚董事长``: the name before a company officer's title is a company's.

    >>> [n for n, *_ in executive_names("星澜等4家企业、云岚微电总裁等3人获奖", tokenize("星澜等4家企业、云岚微电总裁等3人获奖"))]
    ['云岚微电']
    """
    found = []
    for k, tok in enumerate(toks):
        if tok.word not in _EXECUTIVES or k == 0:
            continue
        for j, _ in _subjects(toks, k, _OPENERS + ("、",)):  # a list member too: ``星澜等4家企业、云岚总裁``
            if _officers_company(text, toks, j, k, places):
                a, b = toks[j].start, toks[k - 1].end
                found.append((clean_name(text[a:b]), "Enterprise", a, b, "cue"))
    return found


def _officers_company(text: str, toks: list[Tok], j: int, k: int, places: frozenset[str]) -> bool:
    """True when the words ``toks[j:k]`` before an officer's title name a company: specific, or with a
    company's suffix or unknown to jieba (``证|通电子``, where the title says enough)."""
    a, b = toks[j].start, toks[k - 1].end
    name, suffix = clean_name(text[a:b]), suffix_of(text[a:b])
    if suffix and TYPE_SUFFIXES[suffix] != "Enterprise" or name in GENERIC_NAMES or name in places \
            or _PLACE_END.search(name) or not 2 <= len(name) <= 8:
        return False
    stem = name[:len(name) - len(suffix or "")]
    return bool(specificity_of(toks[j:k], suffix or "", places) or (len(stem) >= 2 and not known_word(name) and (
        suffix or not known_word(stem))))


_DIGIT = re.compile(r"\d")


def _cue_joinable(tok: Tok) -> bool:
    """True when ``tok`` can be part of a bare name beside a cue: no boundary word, digit, number or function word."""
    return tok.word not in BOUNDARY_WORDS and BOUNDARY_CHARS.isdisjoint(tok.word) and not _DIGIT.search(tok.word) \
        and tok.pos not in ("p", "c", "u", "uj", "m", "q", "x")


def quoted_names(text: str, toks: list[Tok]):
    """A quoted programme name: ``“湖长制”``, ``“XX计划”``."""
    found = []
    for t in toks:
        if t.pos != "quote":
            continue
        inner = clean_name(t.word)
        suffix = suffix_of(inner)
        if suffix and len(inner) > len(suffix) and inner not in GENERIC_NAMES and not _reads_as_clause(inner) \
                and suffix != "建设" and not (TYPE_SUFFIXES[suffix] == "Village" and (GENERIC_VILLAGE.search(inner) or "、" in inner)):
            slogan = re.fullmatch(r"(?:[一二三四五六七八九十两]\w){2,}", inner)  # ``一带一廊一区``
            campaign = TYPE_SUFFIXES[suffix] == "Village" and any(x.pos.startswith("v") for x in tokenize_phrase(inner))
            etype = "Initiative" if slogan or campaign else type_of(inner, suffix)
            if etype == "Initiative" or not designated(text, t.start):
                found.append((inner, etype, t.start, t.end, "quoted"))
        elif not suffix and _campaign_quote(text, t, inner):
            found.append((inner, "Initiative", t.start, t.end, "quoted"))
    return found


_CAMPAIGN_VERBS = ("创建", "开展", "实施", "推行", "启动", "执行", "深化", "推进")


def _campaign_quote(text: str, t: Tok, inner: str) -> bool:
    """``积极创建“无违建小区”``: a quoted name right after a campaign verb, ending the clause or
    followed by what the campaign asks (``各项要求``, ``工作``)."""
    before, after = text[max(0, t.start - 2):t.start], text[t.end:t.end + 4]
    return (before.endswith(_CAMPAIGN_VERBS) and 3 <= len(inner) <= 10 and _CAMPAIGN_ASKS.match(after) is not None
            and not _COUNTED_PROGRAMME.match(inner) and not _reads_as_clause(inner))


_CAMPAIGN_ASKS = re.compile(r"(?:[,。;、]|各项|工作|行动|活动|要求)")
_COUNTED_PROGRAMME = re.compile(r"^[一二三四五六七八九十两\d]+[个大项条]")


def _reads_as_clause(inner: str) -> bool:
    """True for quoted text that is a clause (``打造具有全球影响力的…``), not a name."""
    toks = tokenize_phrase(inner)
    return "的" in inner or not toks or toks[0].word in STOP_WORDS or any(t.pos in ("p", "c", "uj") for t in toks)

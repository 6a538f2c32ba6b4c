"""Find entity mentions (enterprises, institutions, projects, villages, initiatives) in a report's sentences.

Rules, each a small function that records its name on what it finds:

- ``suffix`` (``kg/extract/entities/names.py``): a type suffix (``产业园``, ``集团``, ``村``…) ends a name; its left edge is where
  a boundary word, a function word, a number or punctuation stands (``获批筹建`` | ``国家超级计算江北中心``);
- ``enumeration`` (``kg/extract/entities/lists.py``): ``A、B、C等传统工业区`` names ``A工业区``, ``B工业区``, ``C工业区``;
- ``cue`` (``kg/extract/entities/cues.py``): a name right after ``引进``/``签约``… or before ``等企业``/``落户`` is an enterprise;
- ``quoted`` (``kg/extract/entities/cues.py``): a quoted name followed by a programme head (``“591”专项行动``);
- ``repeat``: a bare name one of the rules above found (``星澜``, by ``星澜等9家企业``) is the same thing
  wherever else the report writes it as a word of its own;
- the others of the registry (``kg/extract/entities/rules.py``), and ``gazetteer``, ``phase`` and ``nested``, which
  read the whole report once the sentences are read.

What the rules share (where a name starts, its head, how specific it is) is ``kg/extract/entities/grammar.py``.
This module runs them on each sentence and keeps the longest of overlapping candidates.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.lexicon import REGION_ENDINGS, GENERIC_NAMES, TYPE_SUFFIXES, WEAK_SUFFIXES
from kg.model import Mention, Report, Sentence, Structure
from kg.read.normalise import is_page_furniture
from kg.extract.entities.grammar import GENERIC_VILLAGE, clean_name, merge_tokens, suffix_of
from kg.extract.entities.names import ROUTES, SCHOOL_AT_HEAD, SEGMENT
from kg.extract.gazetteer import villages_under
from kg.extract.entities.rules import LINE_RULE, Candidate, Words, family_of, run_rules, switched_off
from kg.nlp.segment import tokenize

__all__ = ["find_mentions", "sentence_mentions", "repeated_mentions", "clean_name", "find_relations"]


def find_mentions(report: Report, structure: Structure) -> list[Mention]:
    """All entity mentions of a report, in text order."""
    places = region_stems(structure.meta.region)
    mentions: list[Mention] = []
    for sentence in structure.sentences:
        if not is_page_furniture(sentence.text):  # ``所在地区: 江苏-苏州-工业园区``: the page's, not the report's
            mentions.extend(sentence_mentions(report.text, sentence, places))
    if not switched_off("gazetteer"):
        mentions += gazetteer_villages(report.text, structure, mentions)
    repeats = [] if switched_off("repeat") else repeated_mentions(report.text, structure.sentences, mentions)
    repeats += [] if switched_off("phase") else phase_siblings(report.text, mentions)
    nested = [] if switched_off("nested") else nested_mentions(mentions + repeats)
    return sorted(mentions + repeats + nested, key=lambda m: m.start) if repeats or nested else mentions


_OWNERS = ("Enterprise", "Institution")


def nested_mentions(mentions: list[Mention]) -> list[Mention]:
    """A company or body of the report named at the head of a longer name (``星澜新材料`` in
    ``星澜新材料扩能项目``, ``县中医院`` in ``县中医院综合楼``): the longer name is kept, and the owner is
    mentioned there too, so that it is linked to that work area. So are the things ``_HEAD_READERS`` read at the
    heads of names, and a company's headquarters named after it."""
    found = [_nested(m, name, etype) for etypes, read, etype in _HEAD_READERS for m in mentions
             if m.etype in etypes and m.rule != "nested" and (name := read(m))]
    found += _headquarters(mentions)
    owners = {m.name: m.etype for m in mentions if m.etype in _OWNERS and len(m.name) >= 2 and m.rule != "nested"}
    if not owners:
        return found
    by_start: dict[str, list[str]] = {}
    for name in owners:
        by_start.setdefault(name[:2], []).append(name)
    for m in mentions:
        for name in by_start.get(m.surface[:2], ()):
            if len(m.surface) > len(name) and m.surface.startswith(name) and m.etype != owners[name]:  # not 青峰集团
                found.append(_nested(m, name, owners[name]))
                break
    return found


_PHASED = re.compile(r"(.{2,}?)([一二三四五六七八九十]期)$")
_BARE_PHASE = re.compile(r"(?<=[、,，和及])([一二三四五六七八九十]期)(?:工程|项目)?")
_PHASE = re.compile(r"[一二三四五六七八九十]期")


def phase_siblings(text: str, mentions: list[Mention]) -> list[Mention]:
    """The next phase of a phased work, named bare in the same sentence (``轨道交通8号线一期全线贯通、二期工程清拆
    完成``): the work's name with that phase."""
    found = []
    taken = _spans_by_sentence(mentions)
    for m in mentions:
        if m.etype != "Project":
            continue
        if phased := _PHASED.match(m.name):
            work, phase, end = phased.group(1), phased.group(2), m.end
        elif after := _PHASE.match(text, m.end):  # ``轨道交通8号线|一期``: the phase stands after the name
            work, phase, end = m.name, after.group(), after.end()
        else:
            continue
        hit = _BARE_PHASE.search(text, end, m.sentence.end)  # the first bare phase after the work only
        if hit and hit.group(1) != phase and not any(x < hit.end() and hit.start() < y
                                                     for x, y in taken.get(m.sentence.start, ())):
            found.append(Mention(name=work + hit.group(1), etype="Project", start=hit.start(), end=hit.end(),
                                 sentence=m.sentence, rule="phase", surface=hit.group()))
    return found


def _nested(m: Mention, name: str, etype: str) -> Mention:
    """A mention of ``name`` at the head of ``m``'s surface."""
    return Mention(name=name, etype=etype, start=m.start, end=m.start + len(name), sentence=m.sentence, rule="nested",
                   surface=name)


_VILLAGE_HEAD = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:村|社区)")
# the words before 村: no place above a village, no verb, no slogan (``产业兴村``), no group of people (``退役军人村``)
_NOT_A_VILLAGE = re.compile(r"[镇乡县区市省出造大全各本该每]|城中|农|街道|军人|(?:产业|科技|文化|人才|旅游|生态)兴$")


def _village_at_head(m: Mention) -> str | None:
    """A village or community at the head of a project or a programme (``碧溪社区`` in ``碧溪社区统建楼``,
    ``碧岗村`` in ``碧岗村综合整治``)."""
    head = _VILLAGE_HEAD.match(m.surface)
    if head and len(head.group()) < len(m.surface) and not GENERIC_VILLAGE.search(head.group()) \
            and not _NOT_A_VILLAGE.search(head.group(1)):
        return head.group()
    return None


def _school_at_head(m: Mention) -> str | None:
    """A school at the head of its campus (``澄溪大学`` in ``澄溪大学星河校区``)."""
    head = SCHOOL_AT_HEAD.match(m.surface) if m.surface.endswith("校区") else None
    return head.group(1) if head else None


# ``星茂铁路澄江至碧溪段``: a line's section; ``轨道交通8号线碧溪站``: a station of the line
_LINE_AT_HEAD = re.compile(r"(.{2,12}?(?:%s))(?:%s|[\u4e00-\u9fff]{2,6}站)" % ("|".join(ROUTES), SEGMENT.pattern))


def _line_at_head(m: Mention) -> str | None:
    """A line at the head of its section or station (``星茂铁路`` in ``星茂铁路澄江至碧溪段``, ``轨道交通8号线`` in
    ``轨道交通8号线碧溪站``), so that the line's other sections, stations and reports meet at it."""
    line = _LINE_AT_HEAD.fullmatch(m.surface)
    return line.group(1) if line else None


# the works done on a thing (``…升级改造``), or a phase of it (``…二期``)
_WORKS_TAIL = re.compile(r"(?:升级改造|改造提升|提升改造|改扩建|扩建|改建|升级|改造|提升|综合整治|整治)(?:工程|项目)?$"
                         r"|[一二三四五六七八九十]期(?:工程|项目)?$")


def _thing_at_head(m: Mention) -> str | None:
    """A park, a building or a site at the head of the works done on it or of one of its phases (``碧溪产业园`` in
    ``碧溪产业园升级改造``, ``碧溪产业园二期``), so that its works and phases meet at it."""
    tail = _WORKS_TAIL.search(m.surface)
    thing = m.surface[: tail.start()] if tail else ""
    head = suffix_of(thing) if len(thing) >= 4 else None
    if head and thing != head and TYPE_SUFFIXES[head] == "Project" and head not in WEAK_SUFFIXES \
            and thing not in GENERIC_NAMES:
        return thing
    return None


_COMPANY_CENTRE = re.compile(r"(.{2,8}?)(?:国家级|省级|市级|区级)?企业(?:技术中心|研究院)")


def _company_at_head(m: Mention) -> str | None:
    """The company at the head of its own technology centre (``星澜`` in ``星澜国家级企业技术中心``; read in the name,
    since a list's member has only its own name as its surface)."""
    own = _COMPANY_CENTRE.fullmatch(m.name)
    if own and not suffix_of(own.group(1)) and m.surface.startswith(own.group(1)):
        return own.group(1)
    return None


# what is named at the head of a longer name: (the longer name's types, the reader, the type of what it reads)
_HEAD_READERS = ((("Project", "Initiative"), _village_at_head, "Village"),
                 (("Project",), _school_at_head, "Institution"),
                 (("Project",), _line_at_head, "Project"),
                 (("Project", "Initiative"), _thing_at_head, "Project"),
                 (("Institution",), _company_at_head, "Enterprise"))


# a headquarters with its scope or its building (``全球总部``, ``总部大厦``): a plain ``X总部`` is the company itself
_HEADQUARTERS = re.compile(r"(?:全球|国际|中国|华南|华北|华东|南方|北方|亚太|区域|大湾区|湾区|研发|营运|运营)总部(?:大厦|大楼)?"
                           r"(?!经济|企业|集聚|基地)|总部(?:大厦|大楼)")


def _headquarters(mentions: list[Mention]) -> list[Mention]:
    """A company's headquarters named after it (``星澜集团全球总部``, ``星澜国际总部大厦``): a project, beside the company."""
    found = []
    for m in mentions:
        if m.etype != "Enterprise" or m.rule == "nested":
            continue
        hq = _HEADQUARTERS.match(m.sentence.text, m.end - m.sentence.start)
        if hq:
            surface = m.surface + hq.group()
            found.append(Mention(name=clean_name(surface), etype="Project", start=m.start, end=m.end + len(hq.group()),
                                 sentence=m.sentence, rule="nested", surface=surface))
    return found


def gazetteer_villages(text: str, structure: Structure, mentions: list[Mention]) -> list[Mention]:
    """The villages and communities under the report's region (China's divisions, ``kg.extract.gazetteer``) that
    it names where no other rule found a name: ``七坝村`` in ``七坝村党支部书记``, a village in a list of places."""
    pattern = _village_pattern(structure.meta.region_path)
    if pattern is None:
        return []
    taken = _spans_by_sentence(mentions)
    found = []
    for sentence in structure.sentences:
        for hit in _free_hits(pattern, sentence, taken):
            a, b = sentence.start + hit.start(), sentence.start + hit.end()
            found.append(Mention(name=hit.group(), etype="Village", start=a, end=b, sentence=sentence,
                                 rule="gazetteer", surface=text[a:b]))
    return found


def _spans_by_sentence(mentions: list[Mention]) -> dict[int, list[tuple[int, int]]]:
    """The spans the mentions hold, by the start of their sentence."""
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        taken.setdefault(m.sentence.start, []).append((m.start, m.end))
    return taken


def _free_hits(pattern: re.Pattern, sentence: Sentence, taken: dict[int, list[tuple[int, int]]]) -> list[re.Match]:
    """The matches of ``pattern`` in ``sentence`` that overlap no span ``taken`` holds there."""
    spans = taken.get(sentence.start, ())
    return [h for h in pattern.finditer(sentence.text)
            if not any(sentence.start + h.start() < b and a < sentence.start + h.end() for a, b in spans)]


@lru_cache(maxsize=8)
def _village_pattern(region_path: tuple[str, ...]) -> re.Pattern | None:
    """One pattern of the names of the villages under ``region_path`` (longest first; a name that a longer
    place name continues, ``东关村`` in ``新东关村``, is not matched inside it)."""
    names = sorted((n for n in villages_under(region_path) if len(n) >= 3 and not GENERIC_VILLAGE.search(n)),
                   key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[、和与及,，的在]))(?:%s)" % "|".join(map(re.escape, names)))


_REPEAT_FAMILIES = ("cue", "enumeration")


def repeated_mentions(text: str, sentences, mentions: list[Mention]) -> list[Mention]:
    """Other occurrences of the bare names the cue and list rules found (``星澜等9家企业``, then
    ``支持星澜上市``): a name without a type head is known only from its context, so it is
    looked for again wherever it stands as a word of its own and no other mention holds it."""
    bare = {m.name: m.etype for m in mentions if family_of(m.rule) in _REPEAT_FAMILIES and m.name == clean_name(m.surface)
            and len(m.name) >= 2 and not suffix_of(m.name)}
    if not bare:
        return []
    pattern = re.compile("|".join(map(re.escape, sorted(bare, key=len, reverse=True))))
    taken = _spans_by_sentence(mentions)
    found = []
    for sentence in sentences:
        hits = _free_hits(pattern, sentence, taken)
        if not hits:
            continue
        words = tokenize(sentence.text, sentence.start)
        bounds = {t.start for t in words} | {t.end for t in words}
        for h in hits:
            a, b = sentence.start + h.start(), sentence.start + h.end()
            if a in bounds and b in bounds:
                found.append(Mention(name=h.group(), etype=bare[h.group()], start=a, end=b, sentence=sentence,
                                     rule="repeat", surface=text[a:b]))
    return found


def region_stems(region: str) -> frozenset[str]:
    """The report's own place names, which make a name specific even where jieba reads them as
    common words (a district called ``光明``, "bright").

    >>> sorted(region_stems("青峰区"))
    ['青峰', '青峰区']
    """
    if not region:
        return frozenset()
    stem = re.sub("(?:%s)$" % "|".join(REGION_ENDINGS), "", region)
    return frozenset({region, stem} if len(stem) >= 2 else {region})


def sentence_mentions(text: str, sentence: Sentence, places: frozenset[str] = frozenset()) -> list[Mention]:
    """Entity mentions in one sentence: the candidates of every rule of ``kg.extract.entities.rules``, longest first
    where two overlap."""
    words = Words(text, merge_tokens(tokenize(sentence.text, sentence.start), text), places)
    found = _with_lines(_trimmed(run_rules(words)), [] if switched_off(LINE_RULE.name) else LINE_RULE(words))
    return [Mention(name=c.name, etype=c.etype, start=c.start, end=c.end, sentence=sentence, rule=c.rule,
                    surface=text[c.start:c.end]) for c in _resolve_overlaps(found)]


def _trimmed(found: list[Candidate]) -> list[Candidate]:
    """Names without what cannot open one: a bracket (``(深圳)``: no name) or a ``的`` that jieba joined to the
    word after it (``的市`` in ``…的市吉华医院``: the name is ``市吉华医院``)."""
    kept = []
    for c in found:
        if c.name[:1] in "(（":
            continue
        kept.append(c._replace(name=c.name[1:], start=c.start + 1) if c.name.startswith("的") and len(c.name) > 3 else c)
    return kept


def _with_lines(found: list[Candidate], lines: list[Candidate]) -> list[Candidate]:
    """Numbered lines (``轨道14、16号线``) replace what other rules made of their parts (``轨道14``)."""
    if not lines:
        return found
    return [c for c in found if not any(line.start <= c.start and c.end <= line.end for line in lines)] + lines


_TIE_ORDER = {"suffix": 0, "quoted": 1, "cue": 2, "enumeration": 3}


def _resolve_overlaps(found: list[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates; the suffix family wins ties. A member of a list may stand inside
    a longer name that is not itself."""
    ranked = sorted(found, key=lambda c: (-(c.end - c.start), _TIE_ORDER.get(family_of(c.rule), 9), c.start))
    kept: list[Candidate] = []
    for c in ranked:
        if any(c.start < k.end and k.start < c.end for k in kept):
            if family_of(c.rule) != "enumeration" or any(k.name == c.name for k in kept):
                continue
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def find_relations(entities) -> list:
    """Relations stated in one sentence: ``与X共建Y`` (partner), ``引进X``/``X落户Y``."""
    from kg.extract.lexicon import RELATION_CUES
    from kg.model import Relation

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

"""Projects across years: a project a plan promises to start, build, finish or open, against what the region's
next report says of it.

A project (an entity of type ``Project``, or an ``Institution`` such as a school or a centre that is started,
built or opened) named in the plan part of the report of year N with a stage word in
its clause (``开工``, ``建设``, ``建成``, ``投产`` …; ``lexicon.toml``, ``project_stages``) is a promise of that
stage. It is looked up in the review part of the first report of the same region that reviews year N, by name:
the same name, or one name ending the other (``地铁8号线二期`` and ``8号线二期``), of four characters or more, with
the same phase (``一期``, ``二期``) when either names one; failing a project of that name, the name as written in a
sentence of the review. The stage reached is the highest stage word in the clauses that name it there. The
verdict:

- ``done``: the stage reached is the one promised, or beyond (``建成`` promised, ``通车`` reported);
- ``progressing``: the project is named with a lesser stage, or with none;
- ``not reported``: the review does not name it.

Stages, lowest first: ``planned``, ``started``, ``under construction``, ``completed``, ``in operation``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import PROJECT_STAGES
from kg.extract.stages import STAGE_WORDS
from kg.link.promises import first_reports, has_review
from kg.model import Extraction, Mention, Sentence

__all__ = ["STAGES", "ProjectStatement", "ProjectPromise", "project_statements", "track_projects", "stage_of"]

STAGES = ("planned", "started", "under construction", "completed", "in operation")
_CLAUSE_END = re.compile(r"[，,；;。！？!?\n]")
_PHASE = re.compile(r"[一二三四五六七八九十\d]+期")
# words that say only that work goes on: they count when no other stage word is there
_WEAK = frozenset({"建设", "推进", "加快", "改造"})
# the stages that make an institution a project too: a school or a centre started, built or opened is a facility
_BUILT = frozenset({"started", "completed", "in operation"})
_PARTLY = re.compile(r"部分(?:开放|投用|启用|通车|投产)")
# a clause with no subject of its own that goes on with a stage: ``二期工程清拆完成,正式启动开工``
_GOES_ON = re.compile(r"(?:正式|全面|顺利|基本|相继|先后|如期|提前|已|并)?(?:%s)" % "|".join(
    w for w in STAGE_WORDS if w not in _WEAK | {"完成"}))
_TASK_DONE = re.compile(r"[\u4e00-\u9fff]{0,6}(?:工作|任务)(?:已|已经)?(?:顺利|全面|基本|如期)?完成|完成[\u4e00-\u9fff]{0,6}(?:工作|任务)")
_COMMITMENT = re.compile(r"(?:确保|力争|争取|年底前|年内|今年|当年)")  # a clause that says when or how far
_LISTED = re.compile(r"[、,，和及与以及\s]*")  # what stands between two projects of one list


@dataclass(frozen=True)
class ProjectStatement:
    """What one mention of a project says: its name, the part it stands in, the stage its clause names (or None),
    and its sentence (offsets in the original file, and text)."""

    name: str  # "" for a sentence of the review part, kept to find a project named there but not extracted
    etype: str  # Project, or Institution
    part: str
    stage: str | None
    sentence: tuple[int, int]
    text: str


@dataclass(frozen=True)
class ProjectPromise:
    """A project a plan promises a stage of, and what the region's next report says of it: the reports (indices),
    the two statements, the stage reached and the verdict."""

    plan: int
    promised: ProjectStatement
    review: int | None
    reached: ProjectStatement | None
    verdict: str  # "done" | "progressing" | "not reported"

    @property
    def stage(self) -> str | None:
        return self.reached.stage if self.reached else None


def project_statements(x: Extraction) -> tuple[ProjectStatement, ...]:
    """Every mention of a project in a report, as ``ProjectStatement``: what promise tracking keeps of its
    projects (``kg.corpus.parts.for_promises``)."""
    parts = {area.key: area.part for area in x.structure.areas}
    mentions = [(e.name, m) for e in x.entities if e.etype in ("Project", "Institution") for m in e.mentions]
    spans: dict[int, list[tuple[int, int]]] = {}  # where each sentence names a project
    for _, m in mentions:
        spans.setdefault(m.sentence.start, []).append((m.start, m.end))

    def until(m: Mention) -> int:  # the stage words of a project run to the next project of its sentence that
        # is not listed with it (推进A、B建设,确保…建成: both share the words after the list)
        text, base, edge = m.sentence.text, m.sentence.start, m.end
        for at, end in sorted(span for span in spans[base] if span[0] > m.start):
            if not _LISTED.fullmatch(text[edge - base:at - base]):
                return at
            edge = end
        return m.sentence.end

    projects = tuple(ProjectStatement(name, m.etype, parts.get(m.sentence.area, "other"), stage,
                                      x.report.raw_span(m.sentence.start, m.sentence.end), m.sentence.text)
                     for name, m in mentions
                     if (stage := stage_of(m, until(m))) in _BUILT or m.etype == "Project")
    review = tuple(ProjectStatement("", "", "review", None, x.report.raw_span(s.start, s.end), s.text)
                   for s in x.structure.sentences if parts.get(s.area) == "review")
    return projects + review


def stage_of(mention: Mention, until: int | None = None) -> str | None:
    """The highest stage a stage word names in the clause of ``mention``, and in the clauses after it that commit
    to a date or a result (``确保``, ``力争``, ``年底前`` …) up to ``until`` (an offset of the analysed text: where
    the sentence names the next project not listed with it; default: none), or None.

    >>> from kg.model import Sentence
    >>> s = Sentence(0, 20, "加快推进碧川大桥建设,确保年底建成通车。", "P1")
    >>> stage_of(Mention("碧川大桥", "Project", 4, 8, s, "suffix"))
    'under construction'
    >>> stage_of(Mention("碧川大桥", "Project", 4, 8, s, "suffix"), until=20)
    'in operation'
    >>> s = Sentence(0, 12, "碧川大桥建成通车。", "R1")
    >>> stage_of(Mention("碧川大桥", "Project", 0, 4, s, "suffix"))
    'in operation'
    """
    text, at = mention.sentence.text, mention.start - mention.sentence.start
    length = mention.end - mention.start  # the words as they stand (``二期工程`` for ``轨道交通8号线二期``)
    starts = [m.end() for m in _CLAUSE_END.finditer(text, 0, max(0, at))]
    begin = at if mention.rule == "phase" else starts[-1] if starts else 0  # a phase named after its first: its own words
    end = next((m.start() for m in _CLAUSE_END.finditer(text, at + length)), len(text))
    if until is not None:  # and the clauses after it that commit to a date or a result (确保年底建成)
        limit = min(len(text), until - mention.sentence.start)
        while end < limit and _COMMITMENT.match(text, end + 1):
            end = next((m.start() for m in _CLAUSE_END.finditer(text, end + 1)), len(text))
    while end < len(text) and text[end] in ",，" and _GOES_ON.match(text, end + 1):  # ``…完成,正式启动开工``
        end = next((m.start() for m in _CLAUSE_END.finditer(text, end + 1)), len(text))
    clause = text[begin:at] + " " + text[at + length:end]  # the name itself holds no stage word
    clause = _PARTLY.sub(" ", _TASK_DONE.sub(" ", clause))  # 部分开放: not yet open; 清拆工作完成: a task done
    found = [w for w in STAGE_WORDS if w in clause]
    strong = [w for w in found if w not in _WEAK] or found  # 开工建设 starts, 加快建设,确保建成 completes
    return max((PROJECT_STAGES[w] for w in strong), key=STAGES.index) if strong else None


def track_projects(extractions: list[Extraction]) -> list[ProjectPromise]:
    """Every project a plan promises a stage of, whose region has a later report reviewing the year, in report
    order and, within a report, in the order of its first promise."""
    metas, statements = [], []
    for x in extractions:  # one pass: each report read once
        metas.append((x.structure.meta, has_review(x)))
        statements.append(x.statements or project_statements(x))
    reviewing = first_reports(metas, lambda meta, reviews: meta.review_year if reviews else None)
    promises, reviews = [], {}
    for i, (meta, _) in enumerate(metas):
        later = reviewing.get((meta.region, meta.plan_year or meta.year))
        if later is None or later == i:
            continue
        promised: dict[str, ProjectStatement] = {}
        for st in statements[i]:
            if st.part == "plan" and st.stage and (st.name not in promised or _higher(st, promised[st.name])):
                promised[st.name] = st
        review = reviews.get(later) or reviews.setdefault(later, _Review(statements[later]))
        promises += [_outcome(i, st, later, review) for st in promised.values()]
    return promises


class _Review:
    """A later report's review, indexed: its projects by the last four characters of their names (two names one
    of which ends the other end alike), its sentences' text joined (a name not in it is in no sentence)."""

    def __init__(self, statements: tuple[ProjectStatement, ...]):
        self.by_tail: dict[str, list[ProjectStatement]] = {}
        for st in statements:
            if st.part == "review" and st.name:
                self.by_tail.setdefault(st.name[-4:], []).append(st)
        self.sentences = [st for st in statements if not st.name]
        self.text = "\n".join(st.text for st in self.sentences)

    def naming(self, name: str) -> list[ProjectStatement]:
        """What the review says of the project ``name``: its projects of that name, else its sentences naming it."""
        said = [st for st in self.by_tail.get(name[-4:], ()) if _same_project(name, st.name)]
        if said or name not in self.text:
            return said
        return [_named_in(name, st) for st in self.sentences if name in st.text]


def _higher(a: ProjectStatement, b: ProjectStatement) -> bool:
    return STAGES.index(a.stage) > STAGES.index(b.stage)


def _outcome(i: int, promised: ProjectStatement, k: int, review: "_Review") -> ProjectPromise:
    said = review.naming(promised.name)
    if not said:
        return ProjectPromise(i, promised, None, None, "not reported")
    reached = max(said, key=lambda st: -1 if st.stage is None else STAGES.index(st.stage))
    done = reached.stage is not None and STAGES.index(reached.stage) >= STAGES.index(promised.stage)
    return ProjectPromise(i, promised, k, reached, "done" if done else "progressing")


def _named_in(name: str, sentence: ProjectStatement) -> ProjectStatement:
    """What a sentence of the review says of the project ``name`` it holds."""
    at = sentence.text.index(name)
    text = Sentence(0, len(sentence.text), sentence.text, "")
    stage = stage_of(Mention(name, "Project", at, at + len(name), text, "text"), len(sentence.text))
    return ProjectStatement(name, "", "review", stage, sentence.sentence, sentence.text)


def _same_project(a: str, b: str) -> bool:
    """The same project under two names: equal, or one ending the other (four characters or more), with the same
    phase if either names one.

    >>> _same_project("地铁8号线二期", "8号线二期"), _same_project("8号线一期", "8号线二期"), _same_project("大桥", "碧川大桥")
    (True, False, False)
    """
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) < 4 or not long.endswith(short):
        return False
    return _PHASE.findall(a) == _PHASE.findall(b)


"""Frozen dataclasses that the pipeline's stages pass to one another.

Every span is a pair of character offsets ``(start, end)`` into
``Report.text`` (the normalised, analysed text). ``Report.raw_span`` turns
such a span into offsets into ``Report.raw``, the decoded original file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

__all__ = [
    "ENTITY_TYPES",
    "Report",
    "ReportMeta",
    "Sentence",
    "WorkArea",
    "Structure",
    "Mention",
    "Entity",
    "Relation",
    "Quantity",
    "Observation",
    "Extraction",
    "Problem",
    "BuildResult",
]

ENTITY_TYPES = ("Enterprise", "Institution", "Project", "Village", "Initiative")


@dataclass(frozen=True)
class Report:
    """A decoded report: the original text, the analysed text and the map between them.

    ``offsets[i]`` is the index in ``raw`` of the character ``text[i]``;
    it has one extra entry at the end (``len(raw)``) so that an exclusive end
    offset maps too.
    """

    path: str
    name: str
    raw: str
    text: str
    offsets: tuple[int, ...]
    encoding: str = "utf-8"

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets into ``raw`` of the analysed span ``text[start:end]``."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def raw_text(self, start: int, end: int) -> str:
        """The original characters behind the analysed span ``text[start:end]``."""
        a, b = self.raw_span(start, end)
        return self.raw[a:b]

    @property
    def stem(self) -> str:
        return Path(self.name).stem


@dataclass(frozen=True)
class ReportMeta:
    """What the title block and the headings say about a report."""

    region: str
    year: int
    review_year: int | None = None
    plan_year: int | None = None
    date: str | None = None
    meeting: str | None = None
    speaker: str | None = None
    title: str | None = None
    level: str | None = None
    region_path: tuple[str, ...] = ()  # province → city → county → town, from China's divisions; () if unknown


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    area: str  # key of the most specific work area holding it


@dataclass(frozen=True)
class WorkArea:
    """A part, section, topic, overview or closing paragraph of a report.

    ``key`` is unique within its report (``R``/``P`` for review/plan, then
    section and topic numbers: ``R1``, ``R1.2``, ``R0`` for the overview).
    """

    key: str
    kind: str  # "part" | "overview" | "section" | "topic" | "closing" | "front"
    title: str
    part: str  # "review" | "plan" | "other"
    start: int
    end: int
    parent: str | None = None
    number: int | None = None


@dataclass(frozen=True)
class Structure:
    meta: ReportMeta
    areas: tuple[WorkArea, ...]
    sentences: tuple[Sentence, ...]
    missing: tuple[str, ...] = ()  # a part not found, and why: what the source lacks

    def area(self, key: str) -> WorkArea:
        for a in self.areas:
            if a.key == key:
                return a
        raise KeyError(key)


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity name in the text."""

    name: str  # normalised name
    etype: str
    start: int
    end: int
    sentence: Sentence
    rule: str
    surface: str = ""  # the characters as they stand in the analysed text


@dataclass(frozen=True)
class Entity:
    """A thing named in a report, with all its mentions."""

    name: str
    etype: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    region: str = ""

    @property
    def areas(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.sentence.area for m in self.mentions))


@dataclass(frozen=True)
class Relation:
    """A relation between two entities stated in one sentence by a cue verb."""

    subject: str  # entity name
    predicate: str  # "partner" | "introduced" | "locatedIn" | "builds"
    object: str
    sentence: Sentence
    cue: str


@dataclass(frozen=True)
class Quantity:
    """A number with its unit as written, parsed from text."""

    value: Decimal
    unit: str
    start: int
    end: int
    upper: Decimal | None = None
    qualifier: str | None = None


@dataclass(frozen=True)
class Observation:
    """One stated value of an indicator: ``indicator`` is its name as stated, ``concept`` the
    shared indicator it is a value of (``全社会固定资产投资`` -> ``固定资产投资``)."""

    indicator: str
    value: Decimal
    unit: str
    year: int
    status: str  # "actual" | "target"
    start: int
    end: int
    sentence: Sentence
    upper: Decimal | None = None
    qualifier: str | None = None
    growth: Decimal | None = None
    surface: str = ""
    rule: str = ""
    concept: str = ""
    period: tuple[int, int] | None = None  # first and last year of a value over several years; ``year`` is the last


@dataclass(frozen=True)
class Extraction:
    """Everything one report yields: the input to the graph stage."""

    report: Report
    structure: Structure
    entities: tuple[Entity, ...]
    observations: tuple[Observation, ...]
    relations: tuple[Relation, ...] = ()
    statements: tuple = ()  # a reduced extraction's projects (kg.link.projects.ProjectStatement), for tracking


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input that did not stop the build."""

    path: str
    message: str
    level: str = "warning"


@dataclass(frozen=True)
class BuildResult:
    """What ``kg.build`` did."""

    out: str
    reports: int
    counts: dict[str, int]  # distinct entities by type (one a few reports name counts once), and observations
    triples: int
    seconds: float
    files: tuple[str, ...]
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    report_counts: dict[str, int] = field(default_factory=dict)  # the same, summed report by report

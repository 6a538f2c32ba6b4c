"""Score a built graph against gold files (``shared/gold-format.md``): precision, recall and F1.

Entities: names are compared after NFKC with white space, quotes and markdown
removed; a predicted entity matches a gold one when any of its labels equals
any gold name or alias; it is typed-correct when its type is among the gold
types; optional gold entities count neither for nor against. Links are (gold
entity, gold section) pairs. Indicators match on equal value and unit and
overlapping names (one contains the other, or character-bigram Dice ≥ 0.5).
A gold file covering only some parts scores only what the graph puts there;
its optional ``unannotated`` list names phrases of work areas it leaves out
(``["提振消费"]``), for a part annotated only in some of its sections: what
the graph finds in them, or below them, counts neither for nor against.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from kg.errors import GoldError
from kg.model import ENTITY_TYPES
from kg.read.normalise import to_simplified
from kg.outputs.files import load_graph  # its home is kg.outputs.files; still importable from here
from kg.vocab import GK

__all__ = ["Score", "Evaluation", "norm", "dice", "names_overlap", "load_gold", "load_graph", "evaluate", "format_evaluation",
           "gold_files", "pooled", "format_pooled", "RuleScore", "by_rule", "format_by_rule"]


def norm(name: str) -> str:
    """Normalise a name for comparison.

    >>> norm("“591”专项行动 "), norm("柳塘（青石河）航道")
    ('591专项行动', '柳塘(青石河)航道')
    """
    text = unicodedata.normalize("NFKC", name)
    return re.sub(r"[\s\"'“”‘’「」『』《》*#_`]", "", text)


def dice(a: str, b: str) -> float:
    """Character-bigram Dice coefficient.

    >>> round(dice("地区生产总值", "全年地区生产总值"), 2)
    0.83
    """
    ga = [a[i:i + 2] for i in range(len(a) - 1)] or [a]
    gb = [b[i:i + 2] for i in range(len(b) - 1)] or [b]
    common = sum(min(ga.count(x), gb.count(x)) for x in set(ga))
    return 2 * common / (len(ga) + len(gb))


def names_overlap(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    return bool(a and b) and (a in b or b in a or dice(a, b) >= 0.5)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    doc: str
    scores: dict[str, Score] = field(default_factory=dict)
    accuracy: dict[str, float] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    mistyped: list[str] = field(default_factory=list)
    missed_indicators: list[str] = field(default_factory=list)
    spurious_indicators: list[str] = field(default_factory=list)
    rule_outcomes: list[tuple[set[str], bool]] = field(default_factory=list)  # a scored entity's rules, typed-right
    error_kinds: dict[str, int] = field(default_factory=dict)  # why entities were missed or spurious (ERROR_KINDS)


def load_gold(path: str | Path) -> dict:
    p = Path(path)
    if not p.exists():
        raise GoldError("no such gold file", path=str(p))
    try:
        gold = json.loads(p.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GoldError(f"not valid JSON ({exc})", path=str(p)) from exc
    for key in ("doc", "sections", "entities"):
        if key not in gold:
            raise GoldError(f"missing the '{key}' field", path=str(p), hint="see shared/gold-format.md")
    return gold


class _Areas:
    """Maps the graph's work areas of one report to gold section keys."""

    def __init__(self, g: Graph, report: URIRef, sections: list[dict], unannotated: list[str] = ()):
        self.g, self.sections = g, sections
        self.unannotated = [norm(phrase) for phrase in unannotated]
        self.areas = set(g.subjects(GK.report, report)) & set(g.subjects(RDF.type, GK.WorkArea))
        self.cache: dict[URIRef, str | None] = {}

    def key(self, area: URIRef) -> str | None:
        if area not in self.cache:
            self.cache[area] = self._find(area)
        return self.cache[area]

    def _match(self, title: str) -> str | None:
        title = norm(title)
        for s in self.sections:
            if any(norm(m) in title for m in s.get("match", [])):
                return s["key"]
        return None

    def _find(self, area: URIRef) -> str | None:
        node = area
        while node is not None and node in self.areas:
            title = str(self.g.value(node, RDFS.label) or "")
            if any(phrase in norm(title) for phrase in self.unannotated):
                return None  # a work area the gold leaves out: what is found there is neither right nor wrong
            key = self._match(title)
            if key:
                return key
            node = self.g.value(node, GK.partOf)
        return None


def _report_for(g: Graph, doc: str) -> URIRef:
    for rep in g.subjects(RDF.type, GK.Report):
        if str(g.value(rep, GK.fileName)) == doc:
            return rep
    reports = list(g.subjects(RDF.type, GK.Report))
    if len(reports) == 1:
        return reports[0]
    raise GoldError(f"the graph has no report named {doc}", hint="build that report first")


def _predicted_entities(g: Graph, areas: _Areas) -> list[dict]:
    out = []
    for etype in ENTITY_TYPES:
        for node in g.subjects(RDF.type, getattr(GK, etype)):
            mine = [a for a in g.objects(node, GK.workArea) if a in areas.areas]
            if not mine:
                continue
            names = {norm(str(n)) for n in list(g.objects(node, RDFS.label)) + list(g.objects(node, SKOS.altLabel))}
            keys = {areas.key(a) for a in mine} - {None}
            label = str(g.value(node, RDFS.label))
            rules = {str(g.value(m, GK.rule)) for m in g.objects(node, GK.mention) if g.value(m, GK.workArea) in mine}
            out.append({"label": label, "type": etype, "names": names, "sections": keys, "rules": rules})
    return out


def _score_entities(ev: Evaluation, gold: dict, predicted: list[dict]):
    index = {}
    for i, e in enumerate(gold["entities"]):
        for n in [e["name"], *e.get("aliases", [])]:
            index.setdefault(norm(n), i)
    untyped, typed = Score(), Score()
    per_type = {t: Score() for t in ENTITY_TYPES}
    links = Score()
    found: dict[int, dict] = {}
    for p in predicted:
        if not p["sections"]:
            continue  # outside the parts this gold file covers
        hits = sorted({index[n] for n in p["names"] if n in index})
        if not hits:
            _count(ev, ERROR_KINDS[3] if _overlapping(p["names"], index) else ERROR_KINDS[4])
            ev.rule_outcomes.append((p["rules"], False))
            untyped.fp += 1
            typed.fp += 1
            per_type[p["type"]].fp += 1
            links.fp += len(p["sections"])
            ev.spurious.append(f"{p['label']} ({p['type']})")
            continue
        g = gold["entities"][hits[0]]
        if g.get("optional"):
            continue
        if hits[0] in found:
            continue  # a second node for a gold entity found already: neither for nor against
        found[hits[0]] = p
        untyped.tp += 1
        ok = p["type"] in g["types"]
        ev.rule_outcomes.append((p["rules"], ok))
        typed.tp += ok
        typed.fp += not ok
        if not ok:
            ev.mistyped.append(f"{p['label']} ({p['type']}, gold {'/'.join(g['types'])})")
        per_type[p["type"]].tp += ok
        per_type[p["type"]].fp += not ok
        gold_links = set(g.get("sections", []))
        links.tp += len(p["sections"] & gold_links)
        links.fp += len(p["sections"] - gold_links)
    covered = {s["key"] for s in gold["sections"]}
    for i, g in enumerate(gold["entities"]):
        if g.get("optional"):
            continue
        if i not in found:
            _count(ev, _why_missed(g, predicted))
            untyped.fn += 1
            typed.fn += 1
            per_type[g["types"][0]].fn += 1
            ev.missed.append(f"{g['name']} ({'/'.join(g['types'])})")
        elif found[i]["type"] not in g["types"]:
            typed.fn += 1
            per_type[g["types"][0]].fn += 1
        gold_links = set(g.get("sections", [])) & covered
        links.fn += len(gold_links - (found[i]["sections"] if i in found else set()))
    ev.scores.update({"entities (names)": untyped, "entities (typed)": typed, "links": links})
    ev.scores.update({f"  {t}": s for t, s in per_type.items()})


ERROR_KINDS = ("missed: found only where the gold does not look", "missed: a name overlapping it found (a boundary)",
               "missed: nothing like it found", "spurious: overlaps a gold name (a boundary)", "spurious: no gold name like it")


def _count(ev: Evaluation, kind: str) -> None:
    ev.error_kinds[kind] = ev.error_kinds.get(kind, 0) + 1


def _overlapping(names: set[str], index: dict[str, int]) -> bool:
    return any(names_overlap(n, g) for n in names for g in index)


def _why_missed(gold_entity: dict, predicted: list[dict]) -> str:
    """Why a gold entity was not found: the graph has it where the gold has no section, or has a name overlapping it
    (a boundary error), or nothing like it."""
    names = {norm(n) for n in [gold_entity["name"], *gold_entity.get("aliases", [])]}
    if any(names & p["names"] for p in predicted):
        return ERROR_KINDS[0]
    if any(names_overlap(n, q) for p in predicted for q in p["names"] for n in names):
        return ERROR_KINDS[1]
    return ERROR_KINDS[2]


INDICATOR_KINDS = ("indicator missed: its value read, under another name", "indicator missed: its value read, in another unit",
                   "indicator missed: its value read only where the gold does not look", "indicator missed: its value not read",
                   "indicator matched, its year wrong", "indicator matched, its status wrong", "indicator matched, its growth wrong")


_WRONG_ON_A_MATCH = dict(zip(("year", "status", "growth"), INDICATOR_KINDS[4:]))


def _why_indicator_missed(value, unit: str, predicted: list[dict], everywhere: list[dict]) -> str:
    if any(p["value"] == value and norm(p["unit"]) == unit for p in predicted):
        return INDICATOR_KINDS[0]
    if any(p["value"] == value for p in predicted):
        return INDICATOR_KINDS[1]
    if any(p["value"] == value for p in everywhere):
        return INDICATOR_KINDS[2]
    return INDICATOR_KINDS[3]


def _predicted_observations(g: Graph, areas: _Areas, report: URIRef) -> list[dict]:
    out = []
    for obs in g.subjects(GK.report, report):
        if (obs, RDF.type, GK.Observation) not in g:
            continue
        area = g.value(obs, GK.workArea)
        growth = g.value(obs, GK.growthRate)
        out.append({
            "name": str(g.value(g.value(obs, GK.indicator), RDFS.label)),
            "stated": str(g.value(obs, GK.statedName) or ""),
            "value": Decimal(str(g.value(obs, GK.value))), "unit": str(g.value(obs, GK.unit)),
            "year": int(str(g.value(obs, GK.year) or g.value(obs, GK.periodEnd))[:4]),
            "status": "target" if g.value(obs, GK.status) == GK.Target else "actual",
            "growth": Decimal(str(growth)) if growth is not None else None,
            "section": areas.key(area) if area is not None else None,
        })
    return sorted(out, key=lambda o: (o["section"] or "", o["name"], o["value"]))


def _decimal(value) -> Decimal | None:
    try:
        return None if value is None else Decimal(str(value))
    except InvalidOperation:
        return None


def _score_indicators(ev: Evaluation, gold: dict, predicted: list[dict]):
    items = gold.get("indicators", [])
    if not items:
        return
    plain, strict = Score(), Score()
    right = {"year": 0, "status": 0, "growth": 0, "section": 0}
    used: set[int] = set()
    everywhere, predicted = predicted, [p for p in predicted if p["section"]]
    for g in items:
        names = [g["name"], *g.get("aliases", [])]
        value, unit = _decimal(g["value"]), norm(g["unit"])
        candidates = [i for i, p in enumerate(predicted) if i not in used and p["value"] == value
                      and norm(p["unit"]) == unit
                      and any(names_overlap(name, n) for name in (p["name"], p["stated"]) if name for n in names)]
        # the same figure can stand in the review and in the plan: prefer the one in the gold item's place
        match = min(candidates, default=None, key=lambda i: (predicted[i]["section"] != g.get("section"),
                                                              predicted[i]["year"] != g.get("year")))
        if match is None:
            ev.missed_indicators.append(f"{g['name']} {g['value']}{g['unit']}")
            _count(ev, _why_indicator_missed(value, unit, predicted, everywhere))
            continue
        used.add(match)
        p = predicted[match]
        checks = {"year": p["year"] == g.get("year"), "status": p["status"] == g.get("status"),
                  "growth": p["growth"] == _decimal(g.get("growth_pct")), "section": p["section"] == g.get("section")}
        for k, ok in checks.items():
            right[k] += ok
            if not ok and k in _WRONG_ON_A_MATCH:
                _count(ev, _WRONG_ON_A_MATCH[k])
        plain.tp += 1
        strict.tp += checks["year"] and checks["status"] and checks["growth"]
    plain.fn = len(items) - plain.tp
    plain.fp = len(predicted) - plain.tp
    strict.fn = len(items) - strict.tp
    strict.fp = len(predicted) - strict.tp
    ev.spurious_indicators = [f"{p['name']} {p['value']}{p['unit']}" for i, p in enumerate(predicted) if i not in used]
    ev.scores.update({"indicators": plain, "indicators (year+status+growth)": strict})
    ev.accuracy.update({k: v / plain.tp if plain.tp else 0.0 for k, v in right.items()})


def _in_simplified(gold: dict) -> dict:
    """The gold of a report written in traditional characters, in simplified ones, as govkg reads such a report
    (``kg.read.normalise.to_simplified``): names, aliases, section phrases and indicator names compare in one script.
    A gold in simplified characters is returned as it is."""
    words = [gold.get("region") or "", *(m for s in gold["sections"] for m in s.get("match", [])),
             *(n for e in gold["entities"] for n in [e["name"], *e.get("aliases", [])]),
             *(n for i in gold.get("indicators", []) for n in [i["name"], *i.get("aliases", [])])]
    joined = "\n".join(words)
    if to_simplified(joined) == joined:
        return gold
    import opencc

    convert = opencc.OpenCC("t2s").convert
    return dict(json.loads(convert(json.dumps(gold, ensure_ascii=False))), doc=gold["doc"])  # the file keeps its name


def evaluate(gold: dict, g: Graph) -> Evaluation:
    """Score one report of the graph against one gold file (in simplified characters: ``_in_simplified``)."""
    gold = _in_simplified(gold)
    report = _report_for(g, gold["doc"])
    areas = _Areas(g, report, gold["sections"], gold.get("unannotated", []))
    ev = Evaluation(doc=gold["doc"])
    _score_entities(ev, gold, _predicted_entities(g, areas))
    _score_indicators(ev, gold, _predicted_observations(g, areas, report))
    return ev


def format_evaluation(ev: Evaluation, details: bool = True) -> str:
    """A readable table of the scores, then the missed and spurious names."""
    lines = [f"== {ev.doc}", f"{'':34}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for name, s in ev.scores.items():
        lines.append(f"{name:34}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:6}{s.fp:6}{s.fn:6}")
    if ev.accuracy:
        lines.append("accuracy on matched indicators: " + ", ".join(f"{k} {v:.3f}" for k, v in ev.accuracy.items()))
    if details:
        for title, items in (("missed", ev.missed), ("spurious", ev.spurious), ("mistyped", ev.mistyped),
                             ("missed indicators", ev.missed_indicators), ("spurious indicators", ev.spurious_indicators)):
            if items:
                lines.append(f"{title} ({len(items)}): " + "、".join(items))
    return "\n".join(lines)


# ---- many gold files: splits pooled, rules measured ----

POOLED = ("entities (typed)", "links", "indicators", "indicators (year+status+growth)")
POOLED_TYPES = tuple(f"  {t}" for t in ENTITY_TYPES)  # typed entities, type by type (printed after the four)


def gold_files(paths) -> list[tuple[str, Path]]:
    """Each gold file named by ``paths`` (files, or folders of ``*.json``), with its split: the name of the folder
    it was found in (``dev``, ``test``), or ``gold`` for a file named alone."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(path.glob("*.json"))
            if not files:
                raise GoldError("no gold files (*.json) in this folder", path=str(path))
            found += [(path.name, f) for f in files]
        else:
            found.append(("gold", path))
    return found


def pooled(evaluations: list[Evaluation]) -> dict[str, Score]:
    """The counts of ``evaluations`` added up, metric by metric (micro-averaged scores)."""
    total = {metric: Score() for metric in POOLED + POOLED_TYPES}
    for ev in evaluations:
        for metric, s in ev.scores.items():
            if metric in total:
                total[metric].tp += s.tp
                total[metric].fp += s.fp
                total[metric].fn += s.fn
    return total


def format_pooled(splits: dict[str, list[Evaluation]]) -> str:
    """The pooled scores of each split side by side: ``P R F1`` per metric, a column group per split; then the
    pooled counts of missed and spurious entities by kind (``ERROR_KINDS``)."""
    head = f"{'pooled (micro)':34}" + "".join(f"{f'{name} ({len(evs)} files)':>24}" for name, evs in splits.items())
    sub = f"{'':34}" + f"{'P':>8}{'R':>8}{'F1':>8}" * len(splits)
    totals = {name: pooled(evs) for name, evs in splits.items()}
    rows = [f"{metric:34}" + "".join(f"{t[metric].precision:8.3f}{t[metric].recall:8.3f}{t[metric].f1:8.3f}"
                                     for t in totals.values()) for metric in POOLED + POOLED_TYPES]
    kinds = [f"{kind:50}" + "".join(f"{sum(ev.error_kinds.get(kind, 0) for ev in evs):>8}" for evs in splits.values())
             for kind in ERROR_KINDS + INDICATOR_KINDS]
    return "\n".join([head, sub, *rows, "", f"{'what went wrong, by kind':50}"
                      + "".join(f"{name:>8}" for name in splits), *kinds])


@dataclass
class RuleScore:
    """What one rule contributed to the scored entities: how many it proposed, and how many were right."""

    entities: int = 0
    right: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.entities if self.entities else 0.0


def by_rule(evaluations: list[Evaluation]) -> dict[str, RuleScore]:
    """Each rule's entities over all ``evaluations``: an entity counts for every rule that made one of its mentions;
    it is right when it matches a required gold entity with an accepted type."""
    rules: dict[str, RuleScore] = {}
    for ev in evaluations:
        for names, right in ev.rule_outcomes:
            for rule in names:
                score = rules.setdefault(rule, RuleScore())
                score.entities += 1
                score.right += right
    return dict(sorted(rules.items(), key=lambda kv: (-kv[1].right, kv[0])))


def format_by_rule(evaluations: list[Evaluation]) -> str:
    """The rules' table: entities proposed, precision, and share of all the right entities."""
    rules = by_rule(evaluations)
    right = sum(r for ev in evaluations for _, r in ev.rule_outcomes) or 1
    lines = [f"{'rule':28}{'entities':>10}{'precision':>11}{'share of right':>16}"]
    lines += [f"{name:28}{s.entities:10}{s.precision:11.3f}{s.right / right:16.3f}" for name, s in rules.items()]
    return "\n".join(lines)

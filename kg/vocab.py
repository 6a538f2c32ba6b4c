"""The govkg ontology's terms as a checked namespace, and helpers that make stable IRIs (as text).

A misspelt term fails at once (``GK.Enterprize`` raises ``AttributeError``);
``tests/test_vocab.py`` checks every term against ``ontology/govkg.ttl``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["ontology_file", "report_graph", "GK", "GK_NT", "RES", "slug", "identity_name", "report_iri", "area_iri", "entity_iri", "indicator_iri", "observation_iri",
           "mention_iri", "sentence_iri", "short_hash"]


def ontology_file(name: str) -> Path:
    """A file of govkg's ontology folder (``ontology/`` in the repository, shipped in the package as
    ``kg.ontology``): ``govkg.ttl``, ``shapes.ttl``, ``context.jsonld``, ``queries/…``.

    >>> ontology_file("shapes.ttl").name
    'shapes.ttl'
    """
    return Path(str(resources.files("kg.ontology").joinpath(name)))

RES = Namespace("https://w3id.org/govkg/resource/")


class GK(DefinedNamespace):
    """https://w3id.org/govkg/ontology#"""

    _fail = True
    _NS = Namespace("https://w3id.org/govkg/ontology#")

    # classes
    Report: URIRef
    WorkArea: URIRef
    Enterprise: URIRef
    Institution: URIRef
    Project: URIRef
    Village: URIRef
    Initiative: URIRef
    Indicator: URIRef
    Observation: URIRef
    Mention: URIRef
    Sentence: URIRef
    Relation: URIRef
    ProjectPromise: URIRef
    Status: URIRef
    Verdict: URIRef
    # individuals
    Actual: URIRef
    Target: URIRef
    Met: URIRef
    Missed: URIRef
    NotReported: URIRef
    # contract properties
    partOf: URIRef
    workArea: URIRef
    indicator: URIRef
    report: URIRef
    value: URIRef
    upperValue: URIRef
    statedName: URIRef
    unit: URIRef
    qualifier: URIRef
    growthRate: URIRef
    year: URIRef
    periodStart: URIRef
    periodEnd: URIRef
    status: URIRef
    region: URIRef
    reportYear: URIRef
    outcome: URIRef
    verdict: URIRef
    verdictReason: URIRef
    # projects across years
    project: URIRef
    planReport: URIRef
    outcomeReport: URIRef
    planSentence: URIRef
    outcomeSentence: URIRef
    promisedStage: URIRef
    reachedStage: URIRef
    projectVerdict: URIRef
    # report metadata
    fileName: URIRef
    reportDate: URIRef
    meeting: URIRef
    speaker: URIRef
    adminLevel: URIRef
    regionPath: URIRef
    within: URIRef
    reviewYear: URIRef
    planYear: URIRef
    # work areas
    areaKind: URIRef
    part: URIRef
    order: URIRef
    # provenance
    mention: URIRef
    sentence: URIRef
    text: URIRef
    start: URIRef
    end: URIRef
    exact: URIRef
    rule: URIRef
    # relations between entities
    partner: URIRef
    introduced: URIRef
    locatedIn: URIRef
    relatedTo: URIRef
    subject: URIRef
    predicate: URIRef
    object: URIRef


for _term in GK.__annotations__:  # kept on the class: looking a term up is then an attribute read, not rdflib's
    type.__setattr__(GK, _term, GK._NS[_term])  # checked lookup (a tenth of a corpus build's graph making)

GK_NT = SimpleNamespace(**{term: f"<{GK._NS[term]}>" for term in GK.__annotations__})
"""GK's terms in N-Triples (``GK_NT.report`` is ``"<https://w3id.org/govkg/ontology#report>"``), as checked."""


@lru_cache(maxsize=1 << 12)
def slug(name: str) -> str:
    """A readable, IRI-safe form of a name: NFKC, no spaces or quotes, reserved characters escaped (memoised: the same
    names, work areas' keys above all, come again and again).

    >>> slug("柳塘（青石河）航道")
    '柳塘(青石河)航道'
    >>> slug("A B/C")
    'AB%2FC'
    """
    text = unicodedata.normalize("NFKC", name)
    text = re.sub(r"[\s\"'“”‘’《》]", "", text)
    return "".join(ch if ord(ch) > 127 or ch.isalnum() or ch in "()-_.~!$&*+,;=:@" else quote(ch, safe="")
                   for ch in text)


def short_hash(text: str, n: int = 6) -> str:
    """A short stable hash.

    >>> short_hash("000_55331ebdb0be2b0e.txt")
    '67a5ee'
    """
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def report_iri(region: str, year: int, file_name: str) -> str:
    return f"{RES}report/{slug(region)}-{year}-{short_hash(file_name)}"


@lru_cache(maxsize=1 << 10)
def area_iri(report: str, key: str) -> str:
    return f"{report}/area/{slug(key)}"


_LEGAL_FORMS = re.compile(r"(?:股份有限公司|有限责任公司|集团有限公司|集团股份有限公司|有限公司|集团公司|集团|公司)$")


def identity_name(etype: str, name: str) -> str:
    """The part of a name that identifies the thing across reports: an enterprise without its legal form.

    >>> identity_name("Enterprise", "星河科技集团有限公司"), identity_name("Enterprise", "星河集团")
    ('星河科技', '星河')
    >>> identity_name("Project", "星河科技园")
    '星河科技园'
    """
    if etype == "Enterprise":
        short = _LEGAL_FORMS.sub("", name)
        if len(short) >= 2:
            return short
    return name


def entity_iri(etype: str, name: str, region: str) -> str:
    """Enterprises, institutions and initiatives are global (an enterprise by its name without the
    legal form, so ``星河集团`` in one report and ``星河`` in another are one node); villages and
    projects belong to a region."""
    kind = etype.lower()
    if etype in ("Village", "Project"):
        return f"{RES}{kind}/{slug(region)}/{slug(name)}"
    return f"{RES}{kind}/{slug(identity_name(etype, name))}"


def indicator_iri(name: str) -> str:
    return f"{RES}indicator/{slug(name)}"


def observation_iri(report: str, n: int) -> str:
    return f"{report}/observation/{n}"


def mention_iri(report: str, start: int, end: int) -> str:
    return f"{report}/mention/{start}-{end}"


def relation_iri(report: str, n: int) -> str:
    return f"{report}/relation/{n}"


def sentence_iri(report: str, start: int, end: int) -> str:
    return f"{report}/sentence/{start}-{end}"


def report_graph(report: URIRef) -> URIRef:
    """The name of a report's graph in the TriG export.

    >>> str(report_graph(URIRef("https://w3id.org/govkg/resource/report/x-2020-abc123")))
    'https://w3id.org/govkg/resource/report/x-2020-abc123/graph'
    """
    return URIRef(f"{report}/graph")

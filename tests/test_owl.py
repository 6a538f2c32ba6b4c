"""The checks OWL tools make: the ontology is in OWL 2 DL, and HermiT finds it and every build consistent.

Two independent tools, both from owlready2's HermiT.jar (PyPI), run on a Java runtime
(``tests/install-debian.sh`` installs Debian's where it is missing):

- ``tests/owl/OwlCheck.java`` (run by Java's source launcher, nothing to compile beforehand) asks the
  OWL API for the OWL 2 DL profile's violations and HermiT for consistency and unsatisfiable classes;
- owlready2's own ``sync_reasoner_hermit``, as a Python user of the graph runs it.

Without Java these tests are skipped, except in CI (``CI=true``), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import Graph

from .conftest import ROOT

owlready2 = pytest.importorskip("owlready2")

ONTOLOGY = ROOT / "ontology" / "govkg.ttl"
CHECKER = ROOT / "tests" / "owl" / "OwlCheck.java"
HERMIT_JAR = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"

GK = "@prefix gk: <https://w3id.org/govkg/ontology#> .\n@prefix res: <https://w3id.org/govkg/resource/> .\n"


@dataclass
class OwlReport:
    """What OwlCheck.java says of one file."""
    violations: list[str] = field(default_factory=list)
    consistent: bool | None = None
    unsatisfiable: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def java():
    path = shutil.which("java")
    if path is None:
        reason = "no Java runtime (bash tests/install-debian.sh installs Debian's default-jre-headless)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"no Java in CI: {reason}")
        pytest.skip(reason)
    return path


def owl_check(java: str, *files: Path) -> dict[str, OwlReport]:
    """OwlCheck.java's reports of ``files``, by file name, from one JVM."""
    done = subprocess.run([java, "-cp", str(HERMIT_JAR), str(CHECKER), *map(str, files)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    reports: dict[str, OwlReport] = {}
    for line in done.stdout.splitlines():
        key, _, rest = line.partition(" ")
        if key == "file":
            current = reports.setdefault(Path(rest).name, OwlReport())
        elif key == "violation":
            current.violations.append(rest)
        elif key == "consistent":
            current.consistent = rest == "true"
        elif key == "class":
            current.unsatisfiable.append(rest)
    return reports


def with_ontology(tmp_path: Path, name: str, *turtle: Path | str) -> Path:
    """The ontology and ``turtle`` (files or Turtle text) as one Turtle file: what a reasoner is given."""
    g = Graph().parse(ONTOLOGY)
    for source in turtle:
        g.parse(source) if isinstance(source, Path) else g.parse(data=source, format="turtle")
    path = tmp_path / name
    g.serialize(path, format="turtle")
    return path


@pytest.fixture(scope="module")
def years_build(tmp_path_factory):
    """Two years of one county: targets with verdicts and outcomes, projects followed (gk:ProjectPromise)."""
    import kg

    from .test_promises import PROJECTS_2020, PROJECTS_2021

    folder = tmp_path_factory.mktemp("years")
    extra = "地区生产总值增长7.5%左右,新增公办学位1000个。\n"
    for name, text in (("wuyang-2020.txt", PROJECTS_2020 + extra), ("wuyang-2021.txt", PROJECTS_2021)):
        (folder / name).write_text(text.replace("梧阳大桥建成通车。", "梧阳大桥建成通车。地区生产总值增长7.4%。"),
                                   encoding="utf-8")
    kg.build([folder / "wuyang-2020.txt", folder / "wuyang-2021.txt"], folder / "build")
    return folder / "build" / "graph.ttl"


@pytest.fixture(scope="module")
def reports(java, seed_build, qinghe_build, years_build, tmp_path_factory):
    """One run of the checker over the ontology, the ontology with the seed build, with both builds, and with
    two years of a county (promises and projects followed)."""
    tmp = tmp_path_factory.mktemp("owl")
    files = [ONTOLOGY, with_ontology(tmp, "years.ttl", years_build),
             with_ontology(tmp, "seed.ttl", seed_build[0] / "graph.ttl"),
             with_ontology(tmp, "seed-and-qinghe.ttl", seed_build[0] / "graph.ttl", qinghe_build / "graph.ttl"),
             with_ontology(tmp, "two-kinds.ttl", GK + "res:x a gk:Enterprise, gk:Project ."),
             with_ontology(tmp, "region-tagged.ttl", GK + 'res:r a gk:Report ; gk:region "玉山镇"@zh .'),
             with_ontology(tmp, "order-string.ttl", GK + 'res:a a gk:WorkArea ; gk:order "R1" .'),
             with_ontology(tmp, "undeclared.ttl",
                           GK + "gk:Report <http://www.w3.org/2000/01/rdf-schema#subClassOf> <http://example.org/Undeclared> .")]
    return owl_check(java, *files)


def test_the_ontology_is_in_owl_2_dl(reports):
    assert reports["govkg.ttl"].violations == []


def test_hermit_finds_the_ontology_consistent_with_no_unsatisfiable_class(reports):
    assert reports["govkg.ttl"].consistent is True
    assert reports["govkg.ttl"].unsatisfiable == []


@pytest.mark.parametrize("name", ["seed.ttl", "seed-and-qinghe.ttl", "years.ttl"])
def test_the_ontology_with_builds_is_in_owl_2_dl_and_consistent(reports, name):
    report = reports[name]
    assert report.violations == []
    assert report.consistent is True
    assert report.unsatisfiable == []


def test_the_years_build_holds_promises_and_projects_followed(years_build):
    text = years_build.read_text(encoding="utf-8")
    assert "gk:verdict gk:Met" in text and "gk:ProjectPromise" in text


def test_hermit_finds_a_thing_of_two_disjoint_kinds_inconsistent(reports):
    assert reports["two-kinds.ttl"].consistent is False


@pytest.mark.parametrize("name", ["region-tagged.ttl", "order-string.ttl"])
def test_hermit_finds_values_outside_a_range_inconsistent(reports, name):
    """What the builds used to hold: a region tagged ``@zh`` (not an xsd:string), an order not an integer."""
    assert reports[name].consistent is False


def test_the_profile_check_finds_an_undeclared_class(reports):
    assert [v for v in reports["undeclared.ttl"].violations if "undeclared class: <http://example.org/Undeclared>" in v]


def test_owlready2_reasons_over_the_ontology_and_a_build(java, seed_build, tmp_path):
    """As a Python user runs HermiT: owlready2 loads the merged graph (N-Triples) and syncs the reasoner."""
    merged = Graph().parse(with_ontology(tmp_path, "merged.ttl", seed_build[0] / "graph.ttl"))
    path = tmp_path / "merged.nt"
    merged.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load(format="ntriples")
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)  # raises if inconsistent
    assert list(world.inconsistent_classes()) == []
    assert onto.search_one(iri="https://w3id.org/govkg/ontology#Enterprise") is not None

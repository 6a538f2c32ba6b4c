"""The page's data: the promise rows of two made-up reports of one county in consecutive years, and a corpus's
page made from each report's facts."""

from __future__ import annotations

import pytest
from rdflib import Graph

import kg
from kg.rdf.graph import build_graph, promise_triples
from kg.rdf.terms import nt_triples
from kg.corpus.shared import SharedNodes
from kg.outputs.page.data import VERDICTS, merge_page, page_data, page_facts, to_networkx
from kg.corpus.parts import make_part, part_page, part_promises

from .corpus import make_corpus
from .test_promises import OTHER, Y2020, Y2021


@pytest.fixture(scope="module")
def graph():
    texts = (("qingfeng-2021.txt", Y2021), ("liutang-2021.txt", OTHER), ("qingfeng-2020.txt", Y2020))
    return build_graph([kg.extract_report(kg.parse_report(text, name=name)) for name, text in texts])


def _observation(data: dict, where: list[int] | None) -> list | None:
    return data["nodes"][where[0]]["obs"][where[1]] if where else None


def _file(data: dict, obs: list) -> str:
    return data["nodes"][obs[8]]["meta"]["file"]


def _rows(data: dict) -> list[tuple]:
    """Each promise as one reads it in the table: where, what, the target, the actual and the verdict."""
    rows = []
    for region, year, verdict, target, outcome, reason in data["promises"]:
        t, a = _observation(data, target), _observation(data, outcome)
        rows.append((region, year, data["nodes"][target[0]]["l"], (t[0], t[2], t[3], t[6], _file(data, t)),
                     a and (a[0], a[2], a[4], a[6], _file(data, a)), verdict + (f" ({reason})" if reason else "")))
    return rows


def test_each_target_with_a_verdict_is_one_row_beside_its_outcome(graph):
    assert _rows(page_data(graph)) == [
        ("青峰县", "2020", "一般公共预算收入", ("30", "亿元", "", "target", "qingfeng-2020.txt"),
         ("31", "亿元", "", "actual", "qingfeng-2021.txt"), "met"),
        ("青峰县", "2020", "地区生产总值", ("7", "%", "左右", "target", "qingfeng-2020.txt"),
         ("320", "亿元", "6", "actual", "qingfeng-2021.txt"), "missed"),  # growth 6% against 7%
        ("青峰县", "2020", "城镇登记失业率", ("3", "%", "以内", "target", "qingfeng-2020.txt"),
         ("2.6", "%", "", "actual", "qingfeng-2021.txt"), "met"),  # under a ceiling of 3%
        ("青峰县", "2020", "新增学位", ("2000", "个", "", "target", "qingfeng-2020.txt"), None,
         "not reported (the next report states no actual of this quantity)"),
    ]
    assert {row[-1].split(" (")[0] for row in _rows(page_data(graph))} == set(VERDICTS)


def test_a_target_points_at_its_own_evidence_sentence(graph):
    data = page_data(graph)
    _, _, _, target, _, _ = data["promises"][-1]
    sentence, start, end = _observation(data, target)[10]
    text, at = data["sentences"][sentence][:2]
    assert text[start - at:end - at] == "新增学位2000个"


def test_reports_without_a_later_report_of_their_region_give_no_rows():
    only = build_graph([kg.extract_report(kg.parse_report(Y2020, name="qingfeng-2020.txt"))])
    data = page_data(only)
    assert data["promises"] == []
    assert all(len(row) == 11 for n in data["nodes"] for row in n.get("obs", ()))


def test_the_same_triples_give_the_same_rows_in_any_order(graph):
    again = Graph().parse(data=graph.serialize(format="nt"), format="nt")
    assert page_data(again)["promises"] == page_data(graph)["promises"]
    assert all(len(row) == 11 for n in page_data(graph)["nodes"] for row in n.get("obs", ()))


@pytest.fixture(scope="module")
def corpus():
    """Two regions, three years each: entities and indicators shared across reports, targets met and missed."""
    return [kg.extract_report(kg.parse_report(r.text, name=r.name)) for r in make_corpus(regions=2, years=3, paragraphs=8)]


def test_a_corpus_page_made_from_each_reports_facts_is_the_page_of_the_whole_graph(corpus):
    parts = [make_part(x, validate=False) for x in corpus]  # as the workers make them
    shared = SharedNodes()
    for part in parts:
        shared.add(part.shared)
    shared.add(promise_triples([part_promises(part) for part in parts]))
    data, G = merge_page(shared.triples(), (part_page(part) for part in parts))
    whole = build_graph(corpus)
    assert data == page_data(whole)
    assert list(G.nodes(data=True)) == list(to_networkx(whole).nodes(data=True))
    assert {row[2] for row in data["promises"]} == set(VERDICTS)
    reports_of = [{data["sentences"][m[0]][3] for m in n.get("m", ())} for n in data["nodes"]]
    assert max(map(len, reports_of)) > 1  # an entity named in more than one report


def test_the_facts_are_plain_values_and_the_same_in_any_order_of_the_triples(graph):
    triples = list(nt_triples(graph))
    facts = page_facts(triples)
    assert page_facts(reversed(triples)) == facts == page_facts(nt_triples(graph))
    values = [v for field in vars(facts).values() for v in _leaves(field)]
    assert values and {type(v) for v in values} <= {str, int, type(None)}


def _leaves(value):
    if isinstance(value, tuple):
        for item in value:
            yield from _leaves(item)
    else:
        yield value

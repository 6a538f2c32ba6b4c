"""The page's data: the promise rows of two made-up reports of one county in consecutive years."""

from __future__ import annotations

import pytest
from rdflib import Graph

import kg
from kg.graph import build_graph
from kg.page_data import VERDICTS, page_data

from .test_promises import OTHER, Y2020, Y2021


@pytest.fixture(scope="module")
def graph():
    texts = (("qingfeng-2021.txt", Y2021), ("liutang-2021.txt", OTHER), ("qingfeng-2020.txt", Y2020))
    return build_graph([kg.extract(kg.parse_report(text, name=name)) for name, text in texts])


def _observation(data: dict, where: list[int] | None) -> list | None:
    return data["nodes"][where[0]]["obs"][where[1]] if where else None


def _file(data: dict, obs: list) -> str:
    return data["nodes"][obs[8]]["meta"]["file"]


def _rows(data: dict) -> list[tuple]:
    """Each promise as one reads it in the table: where, what, the target, the actual and the verdict."""
    rows = []
    for region, year, verdict, target, outcome in data["promises"]:
        t, a = _observation(data, target), _observation(data, outcome)
        rows.append((region, year, data["nodes"][target[0]]["l"], (t[0], t[2], t[3], t[6], _file(data, t)),
                     a and (a[0], a[2], a[4], a[6], _file(data, a)), verdict))
    return rows


def test_each_target_with_a_verdict_is_one_row_beside_its_outcome(graph):
    assert _rows(page_data(graph)) == [
        ("青峰县", "2020", "一般公共预算收入", ("30", "亿元", "", "target", "qingfeng-2020.txt"),
         ("31", "亿元", "", "actual", "qingfeng-2021.txt"), "met"),
        ("青峰县", "2020", "地区生产总值", ("7", "%", "左右", "target", "qingfeng-2020.txt"),
         ("320", "亿元", "6", "actual", "qingfeng-2021.txt"), "missed"),  # growth 6% against 7%
        ("青峰县", "2020", "城镇登记失业率", ("3", "%", "以内", "target", "qingfeng-2020.txt"),
         ("2.6", "%", "", "actual", "qingfeng-2021.txt"), "met"),  # under a ceiling of 3%
        ("青峰县", "2020", "新增学位", ("2000", "个", "", "target", "qingfeng-2020.txt"), None, "not reported"),
    ]
    assert {row[-1] for row in _rows(page_data(graph))} == set(VERDICTS)


def test_a_target_points_at_its_own_evidence_sentence(graph):
    data = page_data(graph)
    _, _, _, target, _ = data["promises"][-1]
    sentence, start, end = _observation(data, target)[10]
    text, at = data["sentences"][sentence][:2]
    assert text[start - at:end - at] == "新增学位2000个"


def test_reports_without_a_later_report_of_their_region_give_no_rows():
    only = build_graph([kg.extract(kg.parse_report(Y2020, name="qingfeng-2020.txt"))])
    data = page_data(only)
    assert data["promises"] == []
    assert all(len(row) == 11 for n in data["nodes"] for row in n.get("obs", ()))


def test_the_same_triples_give_the_same_rows_in_any_order(graph):
    again = Graph().parse(data=graph.serialize(format="nt"), format="nt")
    assert page_data(again)["promises"] == page_data(graph)["promises"]
    assert all(len(row) == 11 for n in page_data(graph)["nodes"] for row in n.get("obs", ()))

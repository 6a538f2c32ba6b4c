"""Promise tracking on two made-up reports of one county in consecutive years."""

import pytest

import kg
from kg.rdf.graph import build_graph
from kg.link.promises import track_promises
from kg.vocab import GK

Y2020 = """青峰县2020年政府工作报告
一、2019年工作回顾
全年完成地区生产总值300亿元,增长6.5%。
二、2020年工作安排
主要预期目标为:地区生产总值增长7%左右,一般公共预算收入30亿元,城镇登记失业率控制在3%以内,新增学位2000个。
"""
Y2021 = """青峰县2021年政府工作报告
一、2020年工作回顾
全年完成地区生产总值320亿元,增长6%。一般公共预算收入31亿元。城镇登记失业率2.6%。
二、2021年工作安排
主要预期目标为:地区生产总值增长6.5%左右。
"""
OTHER = """柳塘县2021年政府工作报告
一、2020年工作回顾
全年完成地区生产总值500亿元,增长9%。
"""


@pytest.fixture(scope="module")
def extractions():
    return [kg.extract_report(kg.parse_report(text, name=name))
            for name, text in (("qingfeng-2020.txt", Y2020), ("qingfeng-2021.txt", Y2021), ("liutang-2021.txt", OTHER))]


def _verdicts(extractions):
    found = {}
    for p in track_promises(extractions):
        target = extractions[p.target[0]].observations[p.target[1]]
        found[target.indicator] = p.verdict
    return found


def test_targets_meet_the_next_year_actuals_of_their_own_region(extractions):
    assert _verdicts(extractions) == {
        "地区生产总值": "missed",  # growth 6% against a target of 7%
        "一般公共预算收入": "met",  # 31 against 30
        "城镇登记失业率": "met",  # 2.6% under a ceiling of 3%
        "新增学位": "not reported",
    }


def test_a_target_without_a_later_report_gets_no_verdict(extractions):
    assert _verdicts(extractions[1:]) == {}


def test_the_graph_links_each_target_to_its_outcome(extractions):
    g = build_graph(extractions)
    outcomes = list(g.subject_objects(GK.outcome))
    assert len(outcomes) == 3
    for target, actual in outcomes:
        assert g.value(target, GK.status) == GK.Target and g.value(actual, GK.status) == GK.Actual
        assert str(g.value(target, GK.year)) == str(g.value(actual, GK.year)) == "2020"
    verdicts = sorted(str(v).split("#")[1] for v in g.objects(None, GK.verdict))
    assert verdicts == ["Met", "Met", "Missed", "NotReported"]


def test_the_saved_query_lists_each_promise_with_its_verdict(extractions):
    import pyoxigraph

    from .conftest import ROOT

    g = build_graph(extractions)
    store = pyoxigraph.Store()
    store.load(g.serialize(format="nt").encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    result = store.query((ROOT / "ontology" / "queries" / "promises-kept.rq").read_text(encoding="utf-8"))
    rows = {row["indicator"].value: row["verdict"].value for row in result}
    assert rows == {"地区生产总值": "Missed", "一般公共预算收入": "Met", "城镇登记失业率": "Met", "新增学位": "NotReported"}


VARIANT_2020 = """澄溪县2020年政府工作报告
一、2019年工作回顾
全年完成地区生产总值80亿元,增长6%。
二、2020年工作安排
主要预期目标为:森林覆盖率保持60%,新引进创新团队12个,新建污水管网40公里,新增三甲医院2家,新引进重点项目8个,新增商业用地30公顷。
"""
VARIANT_2021 = """澄溪县2021年政府工作报告
一、2020年工作回顾
森林覆盖率60.5%。新增创新团队10个。新增污水管网45公里。三甲医院总数达到22家。新开工重点项目9个。产业用地30公顷。
"""


@pytest.fixture(scope="module")
def variants():
    return [kg.extract_report(kg.parse_report(text, name=name))
            for name, text in (("chengxi-2020.txt", VARIANT_2020), ("chengxi-2021.txt", VARIANT_2021))]


def test_an_actual_under_a_variant_of_the_name_answers_the_target(variants):
    found = _verdicts(variants)
    assert found["森林覆盖率保持"] == "met"  # an aim word (保持) is not part of the quantity
    assert found["新引进创新团队"] == "missed"  # 新增 agrees with any flow: 10 against 12
    assert found["新建污水管网"] == "met"


def test_a_flow_is_never_judged_against_a_stock_nor_a_flow_of_another_kind(variants):
    found = _verdicts(variants)
    assert found["新增三甲医院"] == "not reported"  # 22 is how many there are, not how many were added
    assert found["新引进重点项目"] == "not reported"  # brought in is not started
    assert found["新增商业用地"] == "not reported"  # another quantity sharing words

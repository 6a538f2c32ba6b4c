"""Promise tracking on two made-up reports of one county in consecutive years."""

import pytest

import kg
from kg.rdf.graph import build_graph
from kg.link.promises import NO_REVIEW, track_promises
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


# ---- verdicts by bound, and names that vary between two years (real pairs from work reports) ----

def _promise(plan: str, review: str) -> tuple[str, str | None]:
    """The verdict (and the outcome's words) of the one target of ``plan`` (2020's) given ``review`` (2021's)."""
    reports = [kg.extract_report(kg.parse_report(text, name=name)) for name, text in (
        ("wuyang-2020.txt", f"梧阳县2020年政府工作报告\n一、2019年工作回顾\n全年接待游客100万人次。\n二、2020年工作安排\n{plan}\n"),
        ("wuyang-2021.txt", f"梧阳县2021年政府工作报告\n一、2020年工作回顾\n{review}\n二、2021年工作安排\n全年接待游客120万人次。\n"))]
    promises = [p for p in track_promises(reports) if p.target[0] == 0]
    assert len(promises) == 1, promises
    actual = reports[1].observations[promises[0].actual[1]].surface if promises[0].actual else None
    return promises[0].verdict, actual


@pytest.mark.parametrize("plan, review, verdict", [
    ("地区生产总值增长7.5%左右。", "地区生产总值增长7.4%。", "met"),  # about: half a point
    ("地区生产总值增长7.5%左右。", "地区生产总值增长6.9%。", "missed"),
    ("居民消费价格涨幅控制在3%左右。", "居民消费价格上涨3.4%。", "met"),  # a ceiling, give or take half a point
    ("居民消费价格涨幅控制在3%左右。", "居民消费价格上涨3.6%。", "missed"),
    ("城镇登记失业率3.5%。", "城镇登记失业率2.8%。", "met"),  # kept down: a ceiling without 以内
    ("地区生产总值增长6%-6.5%。", "地区生产总值增长6.1%。", "met"),  # a range, from its lower bound
    ("地区生产总值增长6%-6.5%。", "地区生产总值增长5.9%。", "missed"),
    ("新增公办学位1000个左右。", "新增公办学位960个。", "met"),  # about: a twentieth of the figure
    ("新增公办学位1000个左右。", "新增公办学位940个。", "missed"),
    ("单位地区生产总值能耗下降3%。", "单位地区生产总值能耗下降3.5%。", "met"),  # a fall to reach
])
def test_a_target_is_judged_by_its_bound(plan, review, verdict):
    assert _promise(plan, review)[0] == verdict


@pytest.mark.parametrize("plan, review", [
    ("力争新增国家高新技术企业30家。", "新增国高企业35家。"),  # an abbreviation
    ("新增公办义务教育学位1000个。", "新增义务教育公办学位1200个。"),  # the same words in another order
    ("城镇居民登记失业率控制在3%以内。", "城镇登记失业率为2.2%。"),  # one name inside the other
    ("新增普惠幼儿园2所以上。", "新增5所普惠性幼儿园。"),
    ("新建社区公园5个。", "新建公园6个。"),  # the same flow, one name the head of the other
    ("年内新建5G基站4.8万个。", "新建5G基站8.7万座。"),  # things counted one by one
    ("力争新增商事主体10万户。", "净增商事主体6.8万户。"),  # flows of one kind
    ("全区生产总值增长6.5%左右。", "全区地区生产总值同比(下同)增长8.2%。"),  # noise in a name
    ("建成东部大道、星河路等道路35条。", "澄溪路二期等50条道路建成通车。"),  # works counted when finished
    ("新开工青峰大道等道路40条。", "星河路二期等44条道路开工。"),  # works counted when started
    ("建成零碳公园、星河公园等10个公园。", "青峰公园及15个社区公园投入使用。"),  # finished or in use, of one kind
])
def test_a_target_is_answered_by_a_variant_of_its_name(plan, review):
    verdict, actual = _promise(plan, review)
    assert verdict in ("met", "missed") and actual, (verdict, actual)


@pytest.mark.parametrize("plan, review", [
    ("力争引进国高企业20家。", "国高企业达1700家。"),  # a flow is not answered by a stock
    ("单位地区生产总值能耗下降3%。", "地区生产总值增长2.3%。"),  # another quantity sharing words
    ("新引进重点项目8个。", "新开工重点项目9个。"),  # brought in is not started
    ("建成星河路等道路35条。", "星河路二期等44条道路开工。"),  # finished is not started
    ("建成星河公园等10个公园。", "公园总数达270座。"),  # a count of works finished is no stock
])
def test_a_target_is_not_answered_by_another_quantity(plan, review):
    assert _promise(plan, review) == ("not reported", None)


def test_not_reported_says_why():
    reports = [kg.extract_report(kg.parse_report(text, name=name)) for name, text in (
        ("wuyang-2020.txt", "梧阳县2020年政府工作报告\n一、2019年工作回顾\n全年接待游客100万人次。\n"
                            "二、2020年工作安排\n新增公办学位1000个。\n"),
        ("wuyang-2021.txt", "梧阳县2021年政府工作报告\n2021年工作安排\n新增公办学位2000个。\n"))]  # no review part
    (promise,) = [p for p in track_promises(reports) if p.target[0] == 0]
    assert (promise.verdict, promise.reason) == ("not reported", NO_REVIEW)


def test_kg_promises_lists_targets_with_their_outcomes_and_filters_them(tmp_path):
    import csv
    import io

    from click.testing import CliRunner

    from kg.cli import cli

    for name, text in (("wuyang-2020.txt", "梧阳县2020年政府工作报告\n一、2019年工作回顾\n全年接待游客100万人次。\n"
                                           "二、2020年工作安排\n地区生产总值增长7.5%左右,新增公办学位1000个,新增企业50家。\n"),
                       ("wuyang-2021.txt", "梧阳县2021年政府工作报告\n一、2020年工作回顾\n地区生产总值增长7.4%,新增公办学位900个。\n"
                                           "二、2021年工作安排\n全年接待游客120万人次。\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    kg.build([tmp_path / "wuyang-2020.txt", tmp_path / "wuyang-2021.txt"], tmp_path / "build")
    run = CliRunner().invoke
    table = run(cli, ["promises", str(tmp_path / "build")])
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0].split()[:3] == ["region", "year", "indicator"]
    rows = list(csv.DictReader(io.StringIO(run(cli, ["promises", str(tmp_path / "build"), "--format", "csv"]).stdout)))
    verdicts = {r["indicator"]: (r["verdict"], r["reason"]) for r in rows}
    assert verdicts["地区生产总值"] == ("Met", "")  # 7.4 % against 7.5 %左右
    assert verdicts["新增公办学位"] == ("Missed", "")
    assert verdicts["新增企业"] == ("NotReported", "the next report states no actual of this quantity")
    assert all(r["targetSentence"] for r in rows) and rows[0]["actualSentence"] or rows[1]["actualSentence"]
    missed = run(cli, ["promises", "--graph", str(tmp_path / "build"), "--verdict", "missed", "--year", "2020",
                       "--region", "梧阳县", "--format", "json"])
    import json
    assert [b["indicator"]["value"] for b in json.loads(missed.stdout)["results"]["bindings"]] == ["新增公办学位"]
    none = run(cli, ["promises", str(tmp_path / "build"), "--region", "别处", "--format", "csv"])
    assert none.stdout.splitlines()[1:] == []


# ---- projects across years ----

PROJECTS_2020 = """梧阳县2020年政府工作报告
一、2019年工作回顾
全年接待游客100万人次。
二、2020年工作安排
加快梧阳大桥建设,确保年底建成通车。新开工梧阳体育中心。推进梧阳污水处理厂二期建设。梧阳环城公路年内动工。
"""
PROJECTS_2021 = """梧阳县2021年政府工作报告
一、2020年工作回顾
梧阳大桥建成通车。梧阳体育中心主体完工。梧阳污水处理厂一期投入使用。
二、2021年工作安排
全年接待游客120万人次。
"""


def test_a_project_promised_in_a_plan_is_followed_into_the_next_review():
    from kg.link.projects import track_projects

    reports = [kg.extract_report(kg.parse_report(text, name=name))
               for name, text in (("wuyang-2020.txt", PROJECTS_2020), ("wuyang-2021.txt", PROJECTS_2021))]
    found = {p.promised.name: (p.promised.stage, p.stage, p.verdict) for p in track_projects(reports)}
    assert found["梧阳大桥"] == ("in operation", "in operation", "done")  # 建成通车 promised, and reported
    assert found["梧阳体育中心"] == ("started", "completed", "done")  # beyond the stage promised
    assert found["梧阳污水处理厂二期"][2] == "not reported"  # 一期 is another phase
    assert found["梧阳环城公路"] == ("started", None, "not reported")


def test_kg_promises_lists_the_projects(tmp_path):
    import csv
    import io

    from click.testing import CliRunner

    from kg.cli import cli

    for name, text in (("wuyang-2020.txt", PROJECTS_2020), ("wuyang-2021.txt", PROJECTS_2021)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    kg.build([tmp_path / "wuyang-2020.txt", tmp_path / "wuyang-2021.txt"], tmp_path / "build")
    result = CliRunner().invoke(cli, ["promises", str(tmp_path / "build"), "--projects", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = {r["project"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert (rows["梧阳大桥"]["verdict"], rows["梧阳大桥"]["reached"]) == ("done", "in operation")
    assert "梧阳大桥建成通车" in rows["梧阳大桥"]["outcomeSentence"]
    wrong = CliRunner().invoke(cli, ["promises", str(tmp_path / "build"), "--projects", "--verdict", "met"])
    assert wrong.exit_code == 2 and "--verdict met is for targets" in wrong.output


def test_a_stage_is_read_past_a_task_done_into_the_clause_that_goes_on():
    from kg.link.projects import stage_of
    x = kg.extract_report(kg.parse_report("2020年工作回顾\n碧川大桥一期全线贯通、二期工程清拆工作顺利完成,正式启动开工。"))
    (second,) = [m for e in x.entities for m in e.mentions if e.name == "碧川大桥二期"]
    assert stage_of(second) == "started"  # not the clearing work done, nor the first phase's 贯通

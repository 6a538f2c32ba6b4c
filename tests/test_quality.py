"""Extraction quality stays at or above the levels reached so far (a regression guard, not a target).

Raise a floor when a change raises the score; never lower one to make a test pass.
"""

import os

import pytest
from rdflib import Graph

import kg
from kg.evaluate import evaluate, load_gold
from kg.rdf.graph import build_graph

from .conftest import CORPUS, GOLD

# Floors guard against regressions; session 13 lowered those of guangming and longgang where the retired
# sibling_list rule (a bare list member typed by a sibling: it lost .005 on the test split) had found names. The
# seed's are issue 21's bars (typed entities and links at .95), met since session 14.
FLOORS = {
    "seed.json": {"entities (typed)": 0.95, "links": 0.95, "indicators": 0.99, "indicators (year+status+growth)": 0.99},
    "qinghe-2021.json": {"entities (typed)": 0.96, "links": 0.93, "indicators": 0.99, "indicators (year+status+growth)": 0.99},
    # dev files from the shared corpus: real district reports (review of one, plan of another)
    # its annotator left out the figure a change started from (``由47宗降至3宗``: 47), which govkg reads (.982)
    "guangming-2020-review.json": {"entities (typed)": 0.88, "links": 0.86, "indicators": 0.98},
    "longgang-2016-plan.json": {"entities (typed)": 0.83, "links": 0.83, "indicators": 0.99},
    # a new area's administrative committee (管委会), review part
    "dapeng-2013-review.json": {"entities (typed)": 0.85, "links": 0.85, "indicators": 0.99},
    # two sections of a district review dense with companies named by short names
    "nanshan-2017-review.json": {"entities (typed)": 0.87, "links": 0.875, "indicators": 0.995},
    # the opening and two sections of another district's review (宝安区, on 2018): figures, platforms, works;
    # its annotator types the members of ``顺丰、欣旺达…等项目`` as companies, govkg by the list's head (.773)
    "baoan-2018-review.json": {"entities (typed)": 0.77, "links": 0.77, "indicators": 0.94},
    # the province's review, its sections numbered 一是, 二是 (广东省, on 2018), and the city's plan (深圳市, for 2023)
    "guangdong-2018-review.json": {"entities (typed)": 0.84, "links": 0.84, "indicators": 0.94},
    "shenzhen-2023-plan.json": {"entities (typed)": 0.84, "links": 0.89, "indicators": 0.99},
    # a district's plan (南山区, for 2024) and a new area's review (大鹏新区, on 2023)
    "nanshan-2024-plan.json": {"entities (typed)": 0.675, "links": 0.68, "indicators": 0.955},
    "dapeng-2023-review.json": {"entities (typed)": 0.79, "links": 0.78, "indicators": 0.88},
}
CORPUS_GOLD = {"guangming-2020-review.json": "2020年光明区政府工作报告_2020.txt",
               "longgang-2016-plan.json": "龙岗区2016年政府工作报告_2016.txt",
               "dapeng-2013-review.json": "大鹏新区管委会2014年工作报告_2015.txt",
               "nanshan-2017-review.json": "2018年南山区政府工作报告_2018.txt",
               "baoan-2018-review.json": "深圳市宝安区人民政府区长郭子平在深圳市宝安区第六届人民代表大会第四次会议上作政府工作报告_2019.txt",
               "guangdong-2018-review.json": "广东省政府工作报告_2019年.txt",
               "shenzhen-2023-plan.json": "深圳市政府工作报告_2023年.txt",
               "nanshan-2024-plan.json": "2024年南山区政府工作报告_2024.txt",
               "dapeng-2023-review.json": "大鹏新区2024年管理委员会工作报告_2024.txt"}


@pytest.fixture(scope="module")
def scores(seed_build, qinghe_build, tmp_path_factory):
    seed_graph = Graph().parse(seed_build[0] / "graph.ttl")
    qinghe_graph = Graph().parse(qinghe_build / "graph.ttl")
    found = {
        "seed.json": evaluate(load_gold(GOLD / "seed.json"), seed_graph),
        "qinghe-2021.json": evaluate(load_gold(GOLD / "qinghe-2021.json"), qinghe_graph),
    }
    for gold, report in CORPUS_GOLD.items():
        if (CORPUS / report).exists():
            g = build_graph([kg.extract_file(CORPUS / report)])
            found[gold] = evaluate(load_gold(GOLD / gold), g)
    return found


@pytest.mark.parametrize("gold, metric", [(g, m) for g, floors in FLOORS.items() for m in floors])
def test_f1_stays_above_its_floor(scores, gold, metric):
    if gold not in scores:
        if os.environ.get("CI"):
            pytest.fail(f"the shared corpus is missing ({CORPUS}): it must be present in CI")
        pytest.skip(f"the shared corpus is not here ({CORPUS})")
    f1 = scores[gold].scores[metric].f1
    assert f1 >= FLOORS[gold][metric], f"{gold} {metric}: F1 {f1:.3f} fell below {FLOORS[gold][metric]}"


def test_eval_counts_a_wrong_type_against_precision():
    gold = {"doc": "x.txt", "sections": [{"key": "R1", "part": "review", "title": "t", "match": ["工作回顾"]}],
            "entities": [{"name": "星河电子", "types": ["Enterprise"], "aliases": [], "sections": ["R1"], "optional": False}]}
    import kg
    from kg.rdf.graph import build_graph

    g = build_graph([kg.extract_report(kg.parse_report("2020年工作回顾\n引进星河电子。", name="x.txt"))])
    ev = evaluate(gold, g)
    assert ev.scores["entities (typed)"].f1 == 1.0 and ev.scores["links"].f1 == 1.0


def test_eval_matches_a_repeated_figure_to_the_one_in_the_same_place():
    import kg
    from kg.rdf.graph import build_graph

    text = ("2019年工作回顾\n一、抓项目\n化解信访积案2件。\n二、惠民生\n办好实事。\n"
            "2020年工作安排\n一、强保障\n化解信访积案2件。\n二、优服务\n提升效能。")
    g = build_graph([kg.extract_report(kg.parse_report(text, name="x.txt"))])
    item = {"aliases": [], "value": 2, "upper": None, "unit": "件", "qualifier": None, "growth_pct": None}
    gold = {"doc": "x.txt", "entities": [],
            "sections": [{"key": "R1", "match": ["抓项目"]}, {"key": "P1", "match": ["强保障"]}],
            "indicators": [dict(item, name="化解信访积案", year=2020, status="target", section="P1"),
                           dict(item, name="化解信访积案", year=2019, status="actual", section="R1")]}
    ev = evaluate(gold, g)
    assert ev.scores["indicators (year+status+growth)"].f1 == 1.0
    assert ev.accuracy["section"] == 1.0


def test_eval_ignores_the_work_areas_a_gold_leaves_unannotated():
    text = "2019年工作回顾\n全年引进星河电子。\n一、抓项目\n建成碧川产业园。\n二、惠民生\n建成柳屿学校。"
    g = build_graph([kg.extract_report(kg.parse_report(text, name="x.txt"))])
    gold = {"doc": "x.txt", "indicators": [],
            "sections": [{"key": "R0", "match": ["工作回顾"]}, {"key": "R1", "match": ["抓项目"]}],
            "entities": [{"name": n, "types": ["Enterprise", "Project"], "aliases": [], "sections": [k], "optional": False}
                         for n, k in (("星河电子", "R0"), ("碧川产业园", "R1"))]}
    assert evaluate(gold, g).scores["entities (typed)"].precision < 1.0  # 柳屿学校 falls to R0, the part's opening
    ev = evaluate(dict(gold, unannotated=["惠民生"]), g)
    assert ev.scores["entities (typed)"].precision == 1.0 and ev.scores["entities (typed)"].recall == 1.0


def test_eval_of_a_report_in_traditional_characters_compares_in_simplified_ones():
    """govkg reads a traditional-character report in simplified characters; its gold, written as the text is,
    is compared in the same script."""
    text = "2020年工作回顧\n一、發展產業\n建成碧川養殖基地。全鄉實現財政收入799萬元。引進星河電子。"
    g = build_graph([kg.extract_report(kg.parse_report(text, name="x.txt"))])
    gold = {"doc": "x.txt", "sections": [{"key": "R1", "match": ["發展產業"]}],
            "entities": [{"name": n, "types": [t], "aliases": [], "sections": ["R1"], "optional": False}
                         for n, t in (("碧川養殖基地", "Project"), ("星河電子", "Enterprise"))],
            "indicators": [{"name": "財政收入", "aliases": [], "value": 799, "upper": None, "unit": "萬元", "qualifier": None,
                            "growth_pct": None, "year": 2020, "status": "actual", "section": "R1"}]}
    ev = evaluate(gold, g)
    assert ev.scores["entities (typed)"].f1 == 1.0 and ev.scores["indicators (year+status+growth)"].recall == 1.0


@pytest.mark.parametrize("etype", ["Enterprise", "Institution", "Project", "Village"])
def test_seed_recall_of_each_core_type_stays_at_085(scores, etype):
    recall = scores["seed.json"].scores[f"  {etype}"].recall
    assert recall >= 0.85, f"seed {etype}: recall {recall:.3f} fell below 0.85"


ALL_GOLD = sorted(GOLD.parent.glob("dev/*.json")) + sorted(GOLD.parent.glob("test/*.json"))  # not chains/: promises


@pytest.mark.parametrize("gold_file", ALL_GOLD, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_gold_file_loads_and_names_only_its_own_sections(gold_file):
    gold = load_gold(gold_file)
    keys = {s["key"] for s in gold["sections"]}
    used = {k for e in gold["entities"] for k in e.get("sections", [])} | {i["section"] for i in gold.get("indicators", [])}
    assert used <= keys, f"{gold_file}: sections used but not defined: {used - keys}"
    assert all(e["types"] for e in gold["entities"]) and all(s.get("match") for s in gold["sections"])


# ---- kg eval over splits: pooled scores side by side, and the rules measured one by one ----

def test_eval_of_two_splits_builds_their_reports_and_pools_each_split(tmp_path):
    import shutil

    from click.testing import CliRunner

    from kg.cli import cli

    from .conftest import ROOT

    for split, name in (("dev", "seed.json"), ("test", "qinghe-2021.json")):
        (tmp_path / split).mkdir()
        shutil.copy(GOLD / name, tmp_path / split / name)
    result = CliRunner().invoke(cli, ["eval", str(tmp_path / "dev"), str(tmp_path / "test"), "--reports",
                                      str(ROOT / "seeds"), "--reports", str(ROOT / "tests" / "fixtures"),
                                      "--graph", str(tmp_path / "build"), "--by-rule", "-q"])
    assert result.exit_code == 0, result.output
    pooled_table = result.output[result.output.index("pooled (micro)"):]
    assert "dev (1 files)" in pooled_table and "test (1 files)" in pooled_table
    assert "== 000_55331ebdb0be2b0e.txt" in result.output and "== qinghe-2021.txt" not in result.output  # held out
    typed = pooled_table.splitlines()[2].split()
    assert typed[:2] == ["entities", "(typed)"] and all(0.8 < float(x) <= 1 for x in typed[2:])
    rules = result.output[result.output.index("share of right"):].splitlines()[1:]
    suffix = next(line.split() for line in rules if line.startswith("suffix "))
    assert int(suffix[1]) > 50 and 0.5 < float(suffix[2]) <= 1 and 0.3 < float(suffix[3]) <= 1


def test_eval_without_a_rule_builds_again_and_scores_what_is_left(tmp_path, monkeypatch):
    """``--without-rule``: what one rule is worth, measured by leaving it out (its entities are gone, the others stay)."""
    import json

    from click.testing import CliRunner

    from kg.cli import cli
    from kg.extract.entities.rules import WITHOUT_RULES

    monkeypatch.setenv(WITHOUT_RULES, "")  # put back as it was once the test is done
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "x.txt").write_text("2020年工作回顾\n引进星澜、云岚等企业,建成澜湾产业园。", encoding="utf-8")
    entity = {"aliases": [], "sections": ["R0"], "optional": False}
    gold = {"doc": "x.txt", "sections": [{"key": "R0", "part": "review", "match": ["工作回顾"]}],
            "entities": [dict(entity, name="星澜", types=["Enterprise"]), dict(entity, name="云岚", types=["Enterprise"]),
                         dict(entity, name="澜湾产业园", types=["Project"])]}
    (tmp_path / "x.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")

    def typed_recall(*extra):
        result = CliRunner().invoke(cli, ["eval", str(tmp_path / "x.json"), "--reports", str(tmp_path / "reports"),
                                          "--graph", str(tmp_path / "build"), "-q", *extra])
        assert result.exit_code == 0, result.output
        return float(next(line for line in result.output.splitlines() if line.startswith("entities (typed)")).split()[3])

    assert typed_recall() == 1.0
    assert round(typed_recall("--without-rule", "enumeration", "--without-rule", "cue"), 3) == 0.333  # the park stays
    assert typed_recall() == 1.0  # and the next build has every rule again, not a cached part without one
    result = CliRunner().invoke(cli, ["eval", str(tmp_path / "x.json"), "--without-rule", "no_such_rule"])
    assert result.exit_code == 2 and "no extraction rule named no_such_rule" in result.output


def test_pooled_scores_add_the_counts_not_the_f1s():
    from kg.evaluate import Evaluation, Score, pooled

    a = Evaluation("a", scores={"entities (typed)": Score(tp=9, fp=1, fn=0)})
    b = Evaluation("b", scores={"entities (typed)": Score(tp=1, fp=0, fn=9)})
    total = pooled([a, b])["entities (typed)"]
    assert (total.tp, total.fp, total.fn) == (10, 1, 9)
    assert round(total.precision, 3) == 0.909 and round(total.recall, 3) == 0.526  # 10 of 19, not (1.0 + 0.1) / 2


def test_a_rule_counts_every_entity_it_made_and_the_right_ones():
    from kg.evaluate import Evaluation, by_rule

    ev = Evaluation("a", rule_outcomes=[({"suffix"}, True), ({"suffix", "cue"}, False), ({"cue"}, True)])
    rules = by_rule([ev])
    assert (rules["suffix"].entities, rules["suffix"].right, rules["cue"].precision) == (2, 1, 0.5)


def test_eval_says_why_entities_and_figures_were_missed():
    """A boundary error, a name not found at all, a figure read under another name: counted by kind, so that a held-out
    split's pooled table says where its losses are without showing its names."""
    import kg
    from kg.evaluate import ERROR_KINDS, INDICATOR_KINDS
    from kg.rdf.graph import build_graph

    text = "2020年工作回顾\n建成星河大道北延工程。新增就业2万人。"
    g = build_graph([kg.extract_report(kg.parse_report(text, name="x.txt"))])
    entity = {"aliases": [], "sections": ["R0"], "optional": False}
    gold = {"doc": "x.txt", "sections": [{"key": "R0", "part": "review", "match": ["工作回顾"]}],
            "entities": [dict(entity, name="星河大道", types=["Project"]), dict(entity, name="澜湾医院", types=["Institution"])],
            "indicators": [{"name": "城镇居民收入", "aliases": [], "value": 2, "unit": "万人", "growth_pct": None,
                            "year": 2020, "status": "actual", "section": "R0"}]}
    ev = evaluate(gold, g)
    assert ev.error_kinds == {ERROR_KINDS[1]: 1, ERROR_KINDS[2]: 1, ERROR_KINDS[3]: 1, INDICATOR_KINDS[0]: 1}


def test_eval_of_an_empty_folder_is_a_clear_error(tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    result = CliRunner().invoke(cli, ["eval", str(tmp_path)])
    assert result.exit_code == 2 and "no gold files (*.json) in this folder" in result.output

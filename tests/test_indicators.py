"""Indicators on made-up reports: names, distribution over lists, year and status, shared concepts."""

from decimal import Decimal

import pytest
from rdflib import RDF, RDFS

import kg
from kg.rdf.graph import build_graph
from kg.extract.indicators import indicator_concept
from kg.vocab import GK

REPORT = """青峰区2021年政府工作报告
一、2020年工作回顾
全年完成全社会固定资产投资120亿元,增长8.5%。地区生产总值880亿元、一般公共预算收入100亿元,分别增长7.3%、5.2%。
二、2021年工作安排
主要预期目标为:固定资产投资增长10%,地区生产总值950亿元。
"""


@pytest.fixture(scope="module")
def extraction():
    return kg.extract_report(kg.parse_report(REPORT, name="qingfeng-2021.txt"))


def _by_name(extraction, name, status):
    return next(o for o in extraction.observations if o.indicator == name and o.status == status)


def test_a_list_with_fenbie_gets_one_growth_each(extraction):
    gdp = _by_name(extraction, "地区生产总值", "actual")
    revenue = _by_name(extraction, "一般公共预算收入", "actual")
    assert (gdp.value, gdp.growth, gdp.year) == (Decimal("880"), Decimal("7.3"), 2020)
    assert (revenue.value, revenue.growth) == (Decimal("100"), Decimal("5.2"))


def test_the_plan_states_targets_of_the_coming_year(extraction):
    target = _by_name(extraction, "地区生产总值", "target")
    assert (target.value, target.year) == (Decimal("950"), 2021)


def test_variants_of_one_statistic_share_one_concept(extraction):
    actual = _by_name(extraction, "全社会固定资产投资", "actual")
    assert actual.concept == "固定资产投资"
    g = build_graph([extraction])
    concepts = {g.value(o, GK.indicator) for o in g.subjects(GK.statedName, None)
                if "固定资产投资" in str(g.value(o, GK.statedName))}
    assert len(concepts) == 1  # the review's actual and the plan's target
    (concept,) = concepts
    assert str(g.value(concept, RDFS.label)) == "固定资产投资"


@pytest.mark.parametrize("stated, concept", [
    ("全社会固定资产投资", "固定资产投资"),
    ("地方一般公共预算收入", "一般公共预算收入"),
    ("规模以上工业增加值", "规上工业增加值"),
    ("举办各类文体活动", "举办文体活动"),
    ("全年新增城镇就业", "新增城镇就业"),
    ("新增学位", "新增学位"),
])
def test_indicator_concepts(stated, concept):
    assert indicator_concept(stated) == concept


def _observations(sentence, part="2020年工作回顾"):
    x = kg.extract_report(kg.parse_report(f"{part}\n{sentence}"))
    return [(o.indicator, o.value, o.unit, o.growth, o.qualifier) for o in x.observations]


@pytest.mark.parametrize("sentence, name", [
    ("扶持50家规模以上工业企业实施技术改造。", "规模以上工业企业"),  # a threshold is part of the name
    ("全县完成不少于57万批次食品抽检任务。", "食品抽检任务"),  # the verbs before a head of tasks are part of it
    ("建设8公里绿道。", "绿道"),  # a stage of works before a count: what is counted follows
])
def test_a_count_is_named_by_the_thing_after_it(sentence, name):
    assert [row[0] for row in _observations(sentence)] == [name]


@pytest.mark.parametrize("sentence, name", [
    ("县城6条主要街道通信线缆全部入地。", "街道通信线缆"),  # a place before a count: what is counted follows
    ("对柳塘镇24个行政村派驻工作队。", "行政村"),
    ("针对2012年至2014年26所项目校建设未启动问题。", "项目校建设"),  # so does a time
])
def test_a_count_after_a_place_or_a_time_is_named_after_it(sentence, name):
    assert [row[0] for row in _observations(sentence)] == [name]


@pytest.mark.parametrize("sentence, expected", [
    ("用能指标1600万吨标准煤。", ("用能指标", Decimal("1600"), "万吨标准煤")),
    ("完成工业设备更新14.2万台（套）。", ("工业设备更新", Decimal("14.2"), "万台(套)")),  # brackets made narrow
    ("盘活闲置厂房3.15万平方。", ("盘活闲置厂房", Decimal("3.15"), "万平方")),
    ("改造农业排灌机井765眼。", ("改造农业排灌机井", Decimal("765"), "眼")),
    ("中欧班列开行3000列。", ("中欧班列开行", Decimal("3000"), "列")),  # trains
])
def test_units_of_energy_sets_wells_and_spoken_areas(sentence, expected):
    assert [row[:3] for row in _observations(sentence)] == [expected]


@pytest.mark.parametrize("sentence", [
    "全部财政收入完成10.3亿元,突破了10亿元大关。",  # the threshold restates the figure before it
    "切实做到八个坚定不移。", "统筹推进五位一体总体布局。",  # figures of speech
])
def test_figures_of_speech_and_restated_thresholds_are_no_more_figures(sentence):
    assert len(_observations(sentence)) == (1 if "10.3" in sentence else 0)


def test_short_members_of_a_spread_share_the_last_members_name():
    assert [row[:2] for row in _observations("一、二、三产业增加值分别增长4%、5.3%、3.4%。")] == [
        ("第一产业增加值", Decimal("4")), ("第二产业增加值", Decimal("5.3")), ("第三产业增加值", Decimal("3.4"))]


def test_who_came_to_the_session_is_no_figure_of_the_report():
    assert _observations("380名代表以振奋的精神出席大会。") == []


def test_a_count_of_works_keeps_its_stage_in_its_concept():
    x = kg.extract_report(kg.parse_report("2020年工作回顾\n星河路二期等44条道路开工,建成星河公园、澄溪公园等10个公园。"))
    assert [(o.indicator, o.concept) for o in x.observations] == [("道路", "道路开工"), ("公园", "建成公园")]


def test_from_one_figure_to_another_keeps_both_figures():
    assert _observations("信访积案数量由47宗降至3宗。") == [("信访积案数量", Decimal("47"), "宗", None, None),
                                                     ("信访积案数量", Decimal("3"), "宗", None, None)]
    assert _observations("生均公用经费最低标准由每生每年300元提高到400元。") == [  # from so much each
        ("生均公用经费最低标准", Decimal("400"), "元", None, None)]


def test_a_rank_without_a_subject_ranks_the_figure_before_it():
    found = _observations("新增文化设施面积2.79万平方米,排名全市第一。")
    assert ("新增文化设施面积排名", Decimal("1"), "位", None, "第") in found


def test_first_place_is_a_rank_of_one():
    found = _observations("星河片区完成投资92亿元,投资额居全市重点片区首位。")
    assert any(unit == "位" and value == 1 for _, value, unit, _, _ in found)


def test_a_total_after_a_change_is_the_level_of_that_change():
    assert _observations("全年GDP增长8%,总量突破1000亿元大关。") == [("GDP", Decimal("1000"), "亿元", Decimal("8"), "突破")]


def test_a_unit_per_volume_is_one_unit():
    assert _observations("PM2.5平均浓度降至25.4微克/立方米。")[0][1:3] == (Decimal("25.4"), "微克/立方米")


def test_a_threshold_stays_in_the_name_of_the_count():
    found = _observations("引进3000万美元以上外资项目6个。")
    assert [(value, unit) for _, value, unit, _, _ in found] == [(Decimal("6"), "个")]


def test_a_distance_that_says_which_rate_stays_in_its_name():
    found = _observations("500米公交站点覆盖率达95%。")
    assert [(name, value, unit) for name, value, unit, _, _ in found] == [("500米公交站点覆盖率", Decimal("95"), "%")]


def test_a_count_inside_a_name_is_not_a_figure():
    assert _observations("严格落实中央八项规定精神。") == []


def test_a_count_of_the_figures_after_it_is_not_a_figure_but_gives_one_to_each_name():
    found = _observations("人大建议办结率和满意度实现两个100%。")
    assert [(name, value, unit) for name, value, unit, _, _ in found] == [
        ("人大建议办结率", Decimal("100"), "%"), ("满意度", Decimal("100"), "%")]


@pytest.mark.parametrize("sentence", ["2021年,重点做好以下八个方面工作。", "县长在报告中从4个方面总结了全年工作。"])
def test_a_count_announcing_the_reports_own_parts_is_not_a_figure(sentence):
    assert _observations(sentence) == []


def test_a_streak_is_not_a_figure():
    assert _observations("连续12个季度召开重大产业项目推进会。") == []


def test_a_span_of_years_is_not_a_figure():
    assert _observations("今后5年,我们要用3年时间解决困扰星河镇40年的内涝问题。") == []


def test_after_a_localiser_the_name_follows_the_count():
    name, value, unit, _, _ = _observations("现行标准下3120名建档立卡贫困人口全部稳定脱贫。")[0]
    assert name.startswith("建档立卡贫困人口") and (value, unit) == (Decimal("3120"), "名")


def test_from_a_year_and_figure_to_another_keeps_both_figures():
    assert _observations("地区生产总值从2015年的681亿元增长到2020年约1100亿元,迈过千亿大关。") == [
        ("地区生产总值", Decimal("681"), "亿元", None, None), ("地区生产总值", Decimal("1100"), "亿元", None, "约")]
    # a time a service takes is read as the time reached, as is an age
    assert _observations("青峰企业开办时间从9天缩短至1天。") == [("青峰企业开办时间", Decimal("1"), "天", None, None)]


def test_a_note_in_brackets_after_a_figure_names_nothing_and_its_growth_on_a_like_basis_is_the_figures():
    assert _observations("一般公共预算收入4.35亿元(含原留抵退税),同口径增长35%。") == [
        ("一般公共预算收入", Decimal("4.35"), "亿元", Decimal("35"), None)]


def test_the_figure_a_change_started_from_is_of_the_year_before_it():
    """Of the year named, else of the year before the five years looked back on, else of the year before."""
    x = kg.extract_report(kg.parse_report("2020年工作回顾\n五年来,财政收入从2699万元增长到6503万元,增长了140.94%。"
                                          "生产总值从2015年的681亿元增长到1100亿元。信访积案由47宗降至3宗。"))
    assert [(o.value, o.year, o.status, o.growth) for o in x.observations] == [
        (Decimal("2699"), 2015, "actual", None), (Decimal("6503"), 2020, "actual", Decimal("140.94")),
        (Decimal("681"), 2015, "actual", None), (Decimal("1100"), 2020, "actual", None),
        (Decimal("47"), 2019, "actual", None), (Decimal("3"), 2020, "actual", None)]


@pytest.mark.parametrize("sentence, name", [
    ("检查结果互认项目增至100项。", "检查结果互认项目"),  # the change verb is not part of the name
    ("固定资产投资力争完成500亿元。", "固定资产投资"),
    ("城镇登记失业率在3%以内。", "城镇登记失业率"),
    ("旧村拆迁完成80%。", "旧村拆迁"),
    ("地区生产总值跃升至2025年的1427亿元。", "地区生产总值"),
    ("我们的环境卫生指数测评全市第二。", "环境卫生指数测评排名"),  # nor the scope a rank is in
    ("省直部门全部行政审批事项和99%的社会服务事项实现网上办理。", "社会服务事项"),  # a name never opens with 的
])
def test_the_words_leading_to_a_figure_are_not_its_name(sentence, name):
    assert [row[0] for row in _observations(sentence)] == [name]


def test_after_words_that_cannot_end_a_name_the_name_follows_the_count():
    assert [row[:3] for row in _observations("组建青峰招商先锋队和5个驻外经贸代表处。")] == [
        ("驻外经贸代表处", Decimal("5"), "个")]


def test_the_name_after_a_count_stops_at_the_next_figure_but_not_at_a_year():
    assert [row[0] for row in _observations("青峰区开展10个方面31项课题研究。")][:1] == ["方面"]
    assert [row[0] for row in _observations("4项改革荣登2025青峰改革榜。")] == ["改革荣登2025青峰改革榜"]


def test_a_figure_inside_an_earlier_baseline_is_not_the_figure():
    found = _observations("星河镇第三产业占比在2019年增加3.5个百分点的基础上又提高5.3个百分点。")
    assert [row[:3] for row in found] == [("星河镇第三产业占比", Decimal("5.3"), "个百分点")]


@pytest.mark.parametrize("sentence, expected", [
    ("澄溪村商业用电量大幅增长,达到45%。", ("澄溪村商业用电量增长", Decimal("45"), "%")),
    ("星河镇婚庆经济发展较快,增长15%。", ("星河镇婚庆经济", Decimal("15"), "%")),
])
def test_a_percentage_alone_is_named_by_the_change_before_it(sentence, expected):
    assert [row[:3] for row in _observations(sentence)] == [expected]


@pytest.mark.parametrize("sentence, name", [
    ("澄溪河等另外4条主要河道有序推进。", "河道"),  # 另外 is no name: what is counted follows the count
    ("圆满完成200公顷土地整备任务。", "土地整备任务"),
    ("双方9所学校结成姊妹学校。", "学校"),
    ("高标准组建了7600人的群防群治队伍。", "群防群治队伍"),
    ("星河镇工业产值占全市总数的30%以上。", "星河镇工业产值占全市总数"),  # a share: no 的 at the end
])
def test_adverbs_and_pronouns_before_a_count_are_not_its_name(sentence, name):
    assert [row[0] for row in _observations(sentence)] == [name]


def test_a_change_against_a_named_year_has_no_name_of_its_own():
    assert _observations("比2019年增长10%。") == []


def test_a_target_of_a_later_year_belongs_to_that_year():
    x = kg.extract_report(kg.parse_report("星河镇2021年政府工作报告\n2021年工作安排\n"
                                   "到2025年,地区生产总值达到600亿元。新增学位2000个。"))
    assert [(o.indicator, o.year, o.status) for o in x.observations] == [
        ("地区生产总值", 2025, "target"), ("新增学位", 2021, "target")]


def test_a_share_with_no_subject_is_a_share_of_the_level_before_it():
    found = _observations("星河镇工业投资120亿元,占全区的30%。")
    assert [row[:3] for row in found] == [("星河镇工业投资", Decimal("120"), "亿元"),
                                          ("星河镇工业投资占全区", Decimal("30"), "%")]


@pytest.mark.parametrize("sentence, expected", [
    ("环保和光伏两个国家级检测中心通过验收。", ("国家级检测中心", Decimal("2"), "个")),  # a count after a list
    ("澄溪村示范水稻亩产创下1690斤的历史新高。", ("澄溪村示范水稻亩产", Decimal("1690"), "斤")),  # a record
    ("设立规模5亿元的星河产业引导基金。", ("星河产业引导基金规模", Decimal("5"), "亿元")),  # what the figure measures
    ("总投资80亿元的澄溪物流园项目顺利开工。", ("澄溪物流园项目总投资", Decimal("80"), "亿元")),
])
def test_the_thing_counted_or_measured_is_named_after_the_figure(sentence, expected):
    assert [row[:3] for row in _observations(sentence)] == [expected]


def test_a_share_of_a_share_is_not_chained():
    found = _observations("星河镇专利申请量占全区的40%,占全市的5%。")
    assert [row[0] for row in found] == ["星河镇专利申请量占全区", "占全市"]


@pytest.mark.parametrize("sentence, expected", [
    # a threshold passed, then the figure reached: only the figure reached
    ("星河镇地区生产总值突破400亿元,达461.5亿元,增长9.1%。", [("星河镇地区生产总值", Decimal("461.5"), "亿元", Decimal("9.1"))]),
    # a change, then its level
    ("澄溪村集体收入高速增长30.3%,达132亿元。", [("澄溪村集体收入", Decimal("132"), "亿元", Decimal("30.3"))]),
])
def test_a_figure_the_one_before_goes_on_to_takes_its_name(sentence, expected):
    assert [row[:4] for row in _observations(sentence)] == expected


def test_a_level_of_a_later_year_after_a_change_stands_alone():
    x = kg.extract_report(kg.parse_report("星河镇2021年政府工作报告\n2021年工作安排\n"
                                   "星河镇地区生产总值增长7%,到2025年达到600亿元。"))
    assert [(o.indicator, o.value, o.unit, o.growth, o.year) for o in x.observations] == [
        ("星河镇地区生产总值", Decimal("7"), "%", None, 2021), ("星河镇地区生产总值", Decimal("600"), "亿元", None, 2025)]


def test_fenbie_spreads_over_two_names_joined_by_he():
    found = _observations("星河镇森林覆盖率和绿化覆盖率分别达到45%和50%。")
    assert [row[:3] for row in found] == [("星河镇森林覆盖率", Decimal("45"), "%"), ("绿化覆盖率", Decimal("50"), "%")]


@pytest.mark.parametrize("verb", ["控制在", "保持在", "提高到"])
def test_fenbie_spreads_levels_given_by_a_verb_of_level(verb):
    found = _observations(f"城镇调查失业率和城镇登记失业率分别{verb}5.5%和3.5%以内。", part="2020年工作安排")
    assert [row[:3] for row in found] == [("城镇调查失业率", Decimal("5.5"), "%"), ("城镇登记失业率", Decimal("3.5"), "%")]


@pytest.mark.parametrize("sentence, expected", [
    ("全县森林覆盖率和绿化覆盖率分别从40%、30%提高到45%、35%。",
     [("全县森林覆盖率", Decimal("45"), "%"), ("绿化覆盖率", Decimal("35"), "%")]),
    ("困难残疾人生活补贴、重度残疾人护理补贴标准,分别从每人每月165元、220元提高到175元、235元。",  # names before
     [("困难残疾人生活补贴", Decimal("175"), "元"), ("重度残疾人护理补贴标准", Decimal("235"), "元")]),
])
def test_fenbie_from_figures_to_figures_gives_each_name_the_figure_reached(sentence, expected):
    assert [row[:3] for row in _observations(sentence, part="2020年工作安排")] == expected


def test_a_note_in_brackets_does_not_name_a_change():
    found = _observations("本区生产总值突破610亿元,同比(下同)增长7.1%。")
    assert [row[:4] for row in found] == [("本区生产总值", Decimal("610"), "亿元", Decimal("7.1"))]


def test_fenbie_pairs_each_changing_name_with_its_own_change():
    assert _observations("星河刑事警情、立案数、八类案件分别下降19.2%、6.3%、36.7%。") == [
        ("星河刑事警情", Decimal("19.2"), "%", None, "下降"), ("立案数", Decimal("6.3"), "%", None, "下降"),
        ("八类案件", Decimal("36.7"), "%", None, "下降")]
    found = _observations("固定资产投资、社会消费品零售总额分别增长3.0%左右和8.5%,进出口总额57亿元。")
    assert [row[:3] for row in found] == [("固定资产投资", Decimal("3.0"), "%"), ("社会消费品零售总额", Decimal("8.5"), "%"),
                                          ("进出口总额", Decimal("57"), "亿元")]


def test_fenbie_with_more_names_than_changes_pairs_nothing_up():
    found = _observations("工业产值、税收和利润分别增长5%和8%。")
    assert ("税收", Decimal("5"), "%") not in [row[:3] for row in found]


def test_jun_gives_the_change_to_each_member_with_the_shared_share():
    found = _observations("澄溪村种植业、养殖业产值占农业比重均提升2个百分点。")
    assert [row[:3] for row in found] == [("澄溪村种植业占农业比重", Decimal("2"), "个百分点"),
                                          ("养殖业产值占农业比重", Decimal("2"), "个百分点")]


@pytest.mark.parametrize("sentence, expected", [
    ("星河镇出台人才安居12条等扶持措施。", ("星河镇出台人才安居扶持措施", Decimal("12"), "条")),  # 等: a count of a kind
    ("实现120户低保家庭救助100%达标。", ("低保家庭救助达标率", Decimal("100"), "%")),  # the name ends after the figure
    ("星河实验室、澄溪研究院2个创新平台挂牌成立。", ("创新平台挂牌成立", Decimal("2"), "个")),  # a count of the list before it
    ("澄溪龙舟赛连续举办八届,成为一张名片。", ("澄溪龙舟赛连续举办", Decimal("8"), "届")),  # editions
])
def test_names_around_a_count(sentence, expected):
    assert expected in [row[:3] for row in _observations(sentence)]


def test_a_rank_in_a_scope_with_brackets():
    found = _observations("星河镇累计培育上市企业14家,居全省各镇（街道）第二。")
    assert ("星河镇累计培育上市企业全省各镇(街道)排名", Decimal("2"), "位") in [row[:3] for row in found]
    assert any(row[1:3] == (Decimal("1"), "位") for row in _observations("星河镇入选企业5家,居全省各镇（街道）榜首。"))


def test_a_congress_numbered_in_words_is_no_count():
    assert _observations("星河镇十届人大五次会议召开。") == []


@pytest.mark.parametrize("sentence, expected", [
    ("星河镇种植业和养殖业产值占农业比重分别达56.4%和31.5%。", ["星河镇种植业占农业比重", "养殖业产值占农业比重"]),
    ("城镇和农村居民人均收入分别达34757元和13360元。", ["城镇和农村居民人均收入"] * 2),  # no name of its own: kept whole
    ("星河镇工业投资58.1亿元,总量均居各镇（街道）第一。", ["星河镇工业投资", "星河镇工业投资各镇(街道)排名"]),
    ("星河镇单位产能提升至2亿元/万平方米。", ["星河镇单位产能"]),
])
def test_names_shared_by_a_pair_or_a_total(sentence, expected):
    assert [row[0] for row in _observations(sentence)] == expected


def test_a_third_party_is_no_rank():
    assert [row[:3] for row in _observations("澄溪村服务在全镇第三方满意度调查中名列榜首。")] == [
        ("澄溪村服务在全镇第三方满意度调查排名", Decimal("1"), "位")]


def test_two_figures_side_by_side_share_their_name():
    assert [(n, v, u) for n, v, u, *_ in _observations("出让产业用地73宗1.43平方公里。")] == [
        ("出让产业用地", Decimal("73"), "宗"), ("出让产业用地", Decimal("1.43"), "平方公里")]
    # but a figure followed by its own noun is named by it
    assert ("学位", Decimal("3"), "万个") in [(n, v, u) for n, v, u, *_ in _observations("新建学校5所3万个学位。")]


def test_a_figure_after_a_counted_list_is_of_the_kind_counted():
    assert [n for n, *_ in _observations("生物医药、新一代信息技术等七大新兴产业产值超1000亿元。")] == ["七大新兴产业产值"]


@pytest.mark.parametrize("sentence, expected", [
    ("星河镇生态考核连续三年位居全市第一。", ("星河镇生态考核排名", Decimal("1"), "位")),  # how long a rank was held
    ("澄溪经济总量居全省县域前五。", ("澄溪经济总量全省县域排名", Decimal("5"), "位")),  # a place among the first N
    ("在全市营商环境测评中位列第三。", ("全市营商环境测评排名", Decimal("3"), "位")),
    ("居民人均可支配收入居全市第二。", ("居民人均可支配收入排名", Decimal("2"), "位")),  # 居民 is no verb of rank
])
def test_a_rank_is_named_by_what_is_ranked_and_where(sentence, expected):
    assert expected in [row[:3] for row in _observations(sentence)]


def test_a_rank_with_nothing_named_is_dropped_or_takes_the_figure_before():
    assert _observations("连续三年稳居全市首位。") == []
    rows = [row[:4] for row in _observations("星河镇社会消费品零售总额92亿元,居全市第二,增长10.7%。")]
    assert ("星河镇社会消费品零售总额", Decimal("92"), "亿元", Decimal("10.7")) in rows  # the growth is the figure's
    assert ("星河镇社会消费品零售总额排名", Decimal("2"), "位", None) in rows


@pytest.mark.parametrize("sentence, expected", [
    ("审批时间由原来的267个工作日减少到90个工作日以内。", [("审批时间", Decimal("90"), "个工作日")]),
    ("污水集中处理率由建区之初的不足10%提升到86.6%。", [("污水集中处理率", Decimal("86.6"), "%")]),
    ("PM2.5平均浓度从每立方米31.1微克下降到26微克。", [("PM2.5平均浓度", Decimal("31.1"), "微克/立方米"),
                                              ("PM2.5平均浓度", Decimal("26"), "微克/立方米")]),
    ("居民平均预期寿命从79.7岁提高到80.8岁。", [("居民平均预期寿命", Decimal("80.8"), "岁")]),
])
def test_a_change_from_one_figure_to_another_states_the_figure_reached(sentence, expected):
    assert [row[:3] for row in _observations(sentence)] == expected


def test_an_age_that_bounds_who_is_meant_is_no_figure():
    assert _observations("为全镇60岁以上老人免费体检。") == []


def test_fenbie_with_an_adverb_and_a_short_verb_pairs_each_change():
    rows = [row[:3] for row in _observations("对先进制造业和工商业用电成本分别再降20%和10%。")]
    assert rows == [("先进制造业", Decimal("20"), "%"), ("工商业用电成本", Decimal("10"), "%")]


def test_a_place_in_a_top_list_is_named_by_the_list():
    rows = [row[:3] for row in _observations("星河孵化器入选“中国孵化器50强”,世界500强企业3家落户。")]
    assert ("中国孵化器", Decimal("50"), "强") in rows
    assert not any(unit == "强" and value == 500 for _, value, unit in rows)  # a kind of company, not a figure


def test_a_count_of_a_quoted_slogan_is_no_figure_but_of_a_quoted_kind_is():
    assert _observations("坚持两个“毫不动摇”。") == []
    assert [row[:3] for row in _observations("新建两个“口袋公园”。")] == [("口袋公园", Decimal("2"), "个")]


def test_person_years():
    assert [row[:3] for row in _observations("研发人员全时当量达到38万人年。")] == [
        ("研发人员全时当量", Decimal("38"), "万人年")]


@pytest.mark.parametrize("sentence, expected", [
    ("口岸进口和出口通关时间分别比上年压缩56.7%、59.8%。", [("口岸进口", Decimal("56.7"), "%"), ("出口通关时间", Decimal("59.8"), "%")]),
    ("水电气接入办理时间平均压缩70%。", [("水电气接入办理时间", Decimal("70"), "%")]),  # 平均 is how, not a name's word
    ("新增国际友城5对、累计达195对。", [("新增国际友城", Decimal("5"), "对"), ("国际友城", Decimal("195"), "对")]),  # the total
    ("开展1对1结对帮扶。", []),  # no pairs counted
])
def test_changes_given_out_against_last_year_and_pairs(sentence, expected):
    assert [row[:3] for row in _observations(sentence)] == expected


def test_a_name_with_a_numeral_in_a_list_is_no_figure():
    assert _observations("依托虾澜、九米等头部企业,培育新业态。") == []


def test_a_threshold_passed_is_named_by_the_words_before_it():
    assert [row[:4] for row in _observations("地区生产总值首次突破400亿元大关,增长5%。")] == [
        ("地区生产总值", Decimal("400"), "亿元", Decimal("5"))]


def test_a_threshold_that_describes_what_is_counted_is_no_figure():
    x = kg.extract_report(kg.parse_report("2014年工作回顾\n星河生物等32家注册资本一千万元以上的企业落户。"))
    assert [(o.value, o.unit) for o in x.observations] == [(Decimal("32"), "家")]


@pytest.mark.parametrize("text, expected", [
    ("2021年政府工作报告\n过去五年工作回顾\n十三五时期,全区生产总值年均增长7.1%。", [("全区生产总值", 2020, (2016, 2020))]),
    ("2021年政府工作报告\n过去五年工作回顾\n五年来,新增企业500家,生产总值达到1000亿元。",
     [("新增企业", 2020, (2016, 2020)), ("生产总值", 2020, None)]),
    ("2021年政府工作报告\n2021年工作安排\n今后五年,城镇新增就业5000万人以上。", [("城镇新增就业", 2025, (2021, 2025))]),
])
def test_a_figure_over_five_years_has_a_period_not_one_year(text, expected):
    x = kg.extract_report(kg.parse_report(text))
    assert [(o.indicator, o.year, o.period) for o in x.observations] == expected


def test_a_period_is_written_as_its_first_and_last_year_and_no_year():
    x = kg.extract_report(kg.parse_report("2021年政府工作报告\n过去五年工作回顾\n十三五时期,全区生产总值年均增长7.1%。"))
    g = build_graph([x])
    obs = next(g.subjects(RDF.type, GK.Observation))
    assert (str(g.value(obs, GK.periodStart)), str(g.value(obs, GK.periodEnd))) == ("2016", "2020")
    assert g.value(obs, GK.year) is None


def test_a_news_summary_dates_what_was_done_in_the_year_looked_back_on():
    """With no review heading, ``一年来`` looks back: ``争取`` there tells what was won, and ``主要`` aims at nothing."""
    x = kg.extract_report(kg.parse_report("星河镇召开人民代表大会\n2023年2月12日,星河镇召开第十八届人民代表大会第二次会议。\n"
                                   "报告指出,一年来,主要做了以下工作:争取上级资金11.88亿元,实施重点项目36个。\n"
                                   "报告提出,2023年力争新增就业2000人。"))
    assert [(o.indicator, o.year, o.status) for o in x.observations] == [
        ("上级资金", 2022, "actual"), ("实施重点项目", 2022, "actual"), ("新增就业", 2023, "target")]


@pytest.mark.parametrize("sentence", ["城乡居民人均可支配收入分别增长3%和6.3%。", "城乡居民人均可支配收入分别达到3万元和6.3万元。"])
def test_town_and_country_stand_for_two_figures_each_its_own(sentence):
    assert [(row[0], row[1]) for row in _observations(sentence)] == [
        ("城镇居民人均可支配收入", Decimal("3")), ("农村居民人均可支配收入", Decimal("6.3"))]


def test_a_level_reached_after_its_change_takes_the_change_as_its_growth():
    assert _observations("全区地区生产总值同比增长6.1%、突破2万亿元大关。") == [
        ("全区地区生产总值", Decimal("2"), "万亿元", Decimal("6.1"), "突破")]


@pytest.mark.parametrize("sentence", ["地区生产总值增长6.2%达85.3亿元。", "地区生产总值增长6.2%,达85.3亿元。"])
def test_a_level_reached_right_after_its_change_with_or_without_a_comma(sentence):
    assert _observations(sentence) == [("地区生产总值", Decimal("85.3"), "亿元", Decimal("6.2"), "达")]


def test_money_right_before_the_fund_it_is_the_amount_of_is_named_by_the_fund():
    assert [row[:3] for row in _observations("统筹用好中央149.2亿元乡村振兴补助资金,推动产业发展。")] == [
        ("乡村振兴补助资金", Decimal("149.2"), "亿元")]


def test_a_difference_given_out_keeps_what_each_is_compared_with():
    assert [row[:2] for row in _observations("装备制造业和高新技术产业增加值占规上工业比重分别高于全省22.7和28.8个百分点。")] == [
        ("装备制造业占规上工业比重高于全省", Decimal("22.7")), ("高新技术产业增加值占规上工业比重高于全省", Decimal("28.8"))]


def test_town_and_country_reached_two_figures_with_no_word_that_gives_them_out():
    assert [row[:2] for row in _observations("城乡居民人均可支配收入达到2.36万元和1.53万元。")] == [
        ("城镇居民人均可支配收入", Decimal("2.36")), ("农村居民人均可支配收入", Decimal("1.53"))]


def test_a_clause_that_only_names_a_figure_gives_its_name_to_the_change_after_it():
    assert [row[:3] for row in _observations("全县固定资产投资增长10%,地方一般公共预算收入扣除留抵退税,同口径增长9.9%。")][-1] == (
        "地方一般公共预算收入", Decimal("9.9"), "%")

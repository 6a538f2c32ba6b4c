"""The number and unit grammar, case by case, and with generated numbers."""

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from kg.extract.numbers import find_quantities, parse_chinese_number
from kg.read.normalise import normalise


def _one(text):
    qs = find_quantities(text)
    assert len(qs) == 1, qs
    q = qs[0]
    return (str(q.value), q.unit, q.qualifier, None if q.upper is None else str(q.upper))


@pytest.mark.parametrize("text, expected", [
    ("地区生产总值820亿元", ("820", "亿元", None, None)),
    ("一般公共预算收入95.08亿元", ("95.08", "亿元", None, None)),
    ("进出口总额69亿美元", ("69", "亿美元", None, None)),
    ("报建量超194万平方米", ("194", "万平方米", "超", None)),
    ("注册外资近5亿美元", ("5", "亿美元", "近", None)),
    ("举办文体活动400余场", ("400", "场", "余", None)),
    ("就业率达98%以上", ("98", "%", "以上", None)),
    ("税收占比91.25%", ("91.25", "%", None, None)),
    ("培育企业2~3家", ("2", "家", None, "3")),
    ("引育团队1～2个", ("1", "个", None, "2")),
    ("新增两个基地", ("2", "个", None, None)),
    ("跻身十强园区", ("10", "强", None, None)),
    ("综合排名第7位", ("7", "位", "第", None)),
    ("考核第二名", ("2", "名", "第", None)),
    ("交通文明指数测评全市第二", ("2", "位", "第", None)),
    ("处理市民咨询投诉1.2万多宗", ("1.2", "万宗", "多", None)),  # the magnitude before 多 belongs to the unit  # the scope ranked in makes 第二 a rank
    ("比重提升1个百分点以上", ("1", "个百分点", "以上", None)),
    ("市场主体16.5万家", ("16.5", "万家", None, None)),
    ("志愿服务活动时长累计17.2万小时。", ("17.2", "万小时", "累计", None)),
    ("完成拆旧面积1,735亩", ("1735", "亩", None, None)),
    ("放流128万尾鱼苗", ("128", "万尾", None, None)),  # a count of fish, like any measure word
    ("星河酒店主体施工完成49 %", ("49", "%", None, None)),  # a space kept between two narrow characters
    ("澄溪路改造比计划提前20天通车", ("20", "天", None, None)),  # time saved is a figure
    ("安排12亿财政资金用于民生", ("12", "亿", None, None)),  # a bare magnitude
    ("项目综合评分达90分以上", ("90", "分", "以上", None)),
    ("群众来访数量下降近八成,", ("8", "成", "近", None)),
    ("污水收集率达到百分之九十五以上", ("95", "%", "以上", None)),  # a percentage in words
    ("实现建筑业产值超千亿元。", ("1000", "亿元", "超", None)),  # a round thousand, said to be passed
    ("引进近百家企业", ("100", "家", "近", None)),
    ("一般登记压缩到3个工作日内、", ("3", "个工作日", "以内", None)),  # a time limit, and within it
])
def test_quantities(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text", [
    "2019年工作回顾", "十九届四中全会", "一批项目", "“631”计划", "“三校两所”研发机构", "世界500强", "24小时政务服务自助申报大厅",
    "十分重要", "三五成群", "千家万户", "千亩花海", "百万学位", "千万家庭", "持续三个月的星河文化节", "星河大桥仅用17个月就建成",
    "发出全国第一张电子营业执照",  # the first of a kind, not a rank
    "1月20日8时30分,代表们走进会场", "肩负着全区720万人民的重托",  # a time of day; 人 of 人民
    "万元GDP水耗-8.9 -5.0万元",  # two columns of a table flattened into text: not a range from 8.9 down to 5
])
def test_not_quantities(text):
    assert find_quantities(text) == []


def test_full_width_digits_after_normalisation():
    text, _ = normalise("完成投资８２０亿元")
    assert _one(text) == ("820", "亿元", None, None)


def test_number_broken_by_a_page_break_is_read_whole():
    text, _ = normalise("全年完成规上工业增加值和其他各项主要指标共计56\n\n.3亿元,增长7.2%。")
    assert str(find_quantities(text)[0].value) == "56.3"


@pytest.mark.parametrize("numeral, value", [("两", 2), ("十二", 12), ("二十", 20), ("三百零五", 305), ("九十九", 99)])
def test_chinese_numerals(numeral, value):
    assert parse_chinese_number(numeral) == Decimal(value)


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999"), places=2),
       st.sampled_from(["亿元", "万元", "家", "个", "万平方米", "%", "户", "亩"]))
def test_any_decimal_with_a_unit_is_read_back(value, unit):
    q = find_quantities(f"完成指标{value}{unit}。")[0]
    assert q.value == value and q.unit == unit


@given(st.text(max_size=80))
def test_never_crashes_and_offsets_stay_inside(text):
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)


def test_a_unit_that_begins_a_word_is_no_unit():
    from kg.extract.numbers import find_quantities
    assert find_quantities("华星光电T7项目投产,启动DY03单元更新,PM2.5处于低位") == []
    assert [(str(q.value), q.unit) for q in find_quantities("完成23项目标任务,实现七连冠")] == [("23", "项"), ("7", "连冠")]


@pytest.mark.parametrize("sentence, expected", [
    ("新增就业两万人", [("2", "万人")]),
    ("覆盖率达到百分之十二点五", [("12.5", "%")]),
    ("服务群众十万零五百人", [("100500", "人")]),
    ("二〇二三年完成投资三千万元", [("3000", "万元")]),  # a year in words is no span of three years
    ("引进三十亿元级重大工业项目", []),  # a class of size
    ("千万要注意安全", []),
])
def test_numbers_written_in_words(sentence, expected):
    assert [(str(q.value), q.unit) for q in find_quantities(sentence)] == expected


def test_bare_figures_listed_before_one_share_its_unit():
    assert [(q.value, q.unit) for q in find_quantities("分别增长8.1、7.5和6.2%")] == [
        (Decimal("8.1"), "%"), (Decimal("7.5"), "%"), (Decimal("6.2"), "%")]
    assert [q.value for q in find_quantities("2019、2020年各建成学校1所")] == [Decimal("1")]  # years share nothing

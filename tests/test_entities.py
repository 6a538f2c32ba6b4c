"""Entity rules on made-up sentences: suffixes, left edges, enumerations, cues, quotes."""

import pytest

import kg


def _entities(text):
    x = kg.extract(kg.parse_report("2020年工作回顾\n" + text))
    return {(e.name, e.etype) for e in x.entities}


@pytest.mark.parametrize("sentence, expected", [
    ("高标准推进青禾湖科技园建设。", ("青禾湖科技园", "Project")),
    ("获批筹建国家超级计算江北中心。", ("国家超级计算江北中心", "Institution")),
    ("挂牌成立综合行政执法局。", ("综合行政执法局", "Institution")),
    ("与南州大学签约共建人工智能研究院。", ("南州大学", "Institution")),
    ("星河集团总部成功落户。", ("星河集团", "Enterprise")),
    ("深入开展“591”专项行动。", ("591专项行动", "Initiative")),
    ("全面落实“湖长制”。", ("湖长制", "Initiative")),
    ("加快柳塘（青石河）航道建设。", ("柳塘(青石河)航道", "Project")),
    ("打造石桥村、柳塘社区示范点。", ("柳塘社区", "Village")),
])
def test_named_things_are_found(sentence, expected):
    assert expected in _entities(sentence)


def test_shared_head_enumeration():
    found = _entities("推进东坪、柳湾、石门等传统工业区改造升级。")
    assert {("东坪工业区", "Project"), ("柳湾工业区", "Project"), ("石门工业区", "Project")} <= found


def test_cue_word_names_a_company():
    found = _entities("成功引进云启微、北辰光电等一批项目。")
    assert ("云启微", "Enterprise") in found and ("北辰光电", "Enterprise") in found


@pytest.mark.parametrize("sentence", ["新改扩建中小学、幼儿园9所。", "改造提升农贸市场3个。", "深化乡村振兴,建设美丽乡村。"])
def test_generic_phrases_are_not_entities(sentence):
    assert _entities(sentence) == set()


def test_short_and_full_name_are_one_entity():
    x = kg.extract(kg.parse_report("2020年工作回顾\n组织青峰集团参展。支持青峰、蓝海等企业上市。"))
    entity = next(e for e in x.entities if e.name == "青峰集团")
    assert "青峰" in entity.aliases and len(entity.mentions) == 2

"""Entity rules on made-up sentences: suffixes, left edges, enumerations, cues, quotes."""

import pytest

import kg


def _entities(text):
    x = kg.extract_report(kg.parse_report("2020年工作回顾\n" + text))
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
    # a name runs across the words of its work, and stops at the verb that governs it
    ("大力实施城市环境品质提升行动。", ("城市环境品质提升行动", "Initiative")),
    ("开展招商护商服务月活动。", ("招商护商服务月活动", "Initiative")),
    ("深入推进城乡教育提升三年行动计划。", ("城乡教育提升三年行动计划", "Initiative")),
    ("扎实推进营商环境深化提升行动。", ("营商环境深化提升行动", "Initiative")),  # a launch word inside the title
    # region marks, ordinals, phases, 与 between two parts of one name
    ("县中医院正式营业。", ("县中医院", "Institution")),
    ("城东第三小学建成开学。", ("城东第三小学", "Institution")),
    ("加快星河大数据产业园一期建设。", ("星河大数据产业园", "Project")),
    ("设立人才与科创(上海)联络中心。", ("人才与科创(上海)联络中心", "Institution")),
    ("加快地铁8号线建设。", ("地铁8号线", "Project")),
    # campaigns named after the place, quoted or not
    ("深入推进“美丽青峰”建设。", ("美丽青峰建设", "Initiative")),
    ("全面推进平安柳塘建设。", ("平安柳塘建设", "Initiative")),
    ("打好蓝天保卫战。", ("蓝天保卫战", "Initiative")),
    # a thing whose size is said right before it is one thing, even in common words
    ("占地300亩的湖心公园向市民开放。", ("湖心公园", "Project")),
    # a named road opening a name makes it its own
    ("碧景二路特色商业走廊持续开业。", ("碧景二路特色商业走廊", "Project")),
    # a county of China by its name makes a name its own
    ("加快建设平陆运河。", ("平陆运河", "Project")),
    # a name that opens a clause before a cue that types it
    ("华景万象汇建成营业。", ("华景万象汇", "Project")),
    ("首批企业新蕴科估值达20亿元。", ("新蕴科", "Enterprise")),
    # a list of roads: each road is the object of the work
    ("打通碧川路、曙岭路等12条断头路。", ("碧川路", "Project")),
    # a programme 工程 against one that builds a thing; a 城 of many common words
    ("实施文化惠民工程。", ("文化惠民工程", "Initiative")),
    ("加快国际低碳城建设。", ("国际低碳城", "Project")),
    # a list counted by a numeral shares its head; projects of a named kind keep the kind
    ("脑解析与脑模拟、合成生物研究两大科学装置开工。", ("脑解析与脑模拟大科学装置", "Project")),
    ("星河、绿地等城市更新项目加快推进。", ("星河城市更新项目", "Project")),
    # a verb before a proper noun governs the name
    ("续建东湖大道南延段。", ("东湖大道南延段", "Project")),
    ("网络空间科学与技术青峰省实验室落户。", ("网络空间科学与技术青峰省实验室", "Institution")),
    # quoted campaigns: side by side before a shared head, or right after a campaign verb
    ("完成“大棚房”“农田连片”等专项整治。", ("农田连片专项整治", "Initiative")),
    ("积极创建“无黑城市”,立案查处102起。", ("无黑城市", "Initiative")),
    ("实现与农业部平台联通。", ("农业部", "Institution")),
    ("启动“万企帮万村”行动。", ("万企帮万村行动", "Initiative")),
    # a transliterated name joined by ``·``; ``与`` joins two parts even right after a list mark
    ("约翰·史密斯创新研究院正式挂牌。", ("约翰·史密斯创新研究院", "Institution")),
    ("推动青禾实验室、人工智能与数字经济青峰省实验室落户。", ("人工智能与数字经济青峰省实验室", "Institution")),
    # a part of the region opens the name
    ("加快东部碧溪快速路建设。", ("东部碧溪快速路", "Project")),
    # members of a list before a work on a kind (``载体装修改造``) keep their own names
    ("推进青禾大厦、碧溪明珠等过渡载体装修改造。", ("碧溪明珠", "Project")),
    # a body created in the text is an institution, even in common words
    ("挂牌成立反传销中心。", ("反传销中心", "Institution")),
    # heads whose last character would read them otherwise; a reservoir is named by what comes before it
    ("澄溪度假村正式开业。", ("澄溪度假村", "Project")),
    ("柳岸安置区主体封顶。", ("柳岸安置区", "Project")),
    ("碧川水库完成除险加固。", ("碧川水库", "Project")),
    # a quoted cup before an event head that is a common word
    ("第三届“澄溪杯”龙舟赛顺利举办。", ("澄溪杯龙舟赛", "Initiative")),
    # a run of verbs governs the name after it
    ("整合重组石溪小学等5家教育机构。", ("石溪小学", "Institution")),
    # a list made only of roads names each road; a company's suffix in a list of companies
    ("完成碧川支路、曙岭山路等建设。", ("曙岭山路", "Project")),
    ("澄星生物、环宇生物等12家海洋企业集聚。", ("环宇生物", "Enterprise")),
    # one name before ``等`` and a head of companies, projects or roads; a member ending in a letter and digits
    ("星澜等9家企业挺进中国企业500强。", ("星澜", "Enterprise")),
    ("完成澄溪路等13项市政工程建设。", ("澄溪路", "Project")),
    ("推进青禾光电T9、澄溪等23个重点项目建设。", ("青禾光电T9", "Project")),
    ("新建云岚国际总部、续建碧川2街坊等69个重大项目。", ("碧川2街坊", "Project")),
    # a university by its short name in a list of companies and bodies
    ("星澜、澄溪、青科大等12家企业和机构摘取10项奖。", ("青科大", "Institution")),
    # a department by its short form, which jieba cuts apart
    ("污水管网工程已获市发改委立项批复。", ("市发改委", "Institution")),
    # a company as the subject of a ranking or a gold award; a building before the part of it that is built
    ("星河科技跻身全球创新百强。", ("星河科技", "Enterprise")),
    ("云岚获外观设计金奖。", ("云岚", "Enterprise")),
    ("澄溪核电公寓主体封顶。", ("澄溪核电公寓", "Project")),
    ("星河文化艺术中心主体工程完工。", ("星河文化艺术中心", "Project")),
    # a named road before its work; a campaign adjective and a place before 创建
    ("碧川路建设加快推进。", ("碧川路", "Project")),
    ("平安柳屿创建全面铺开。", ("平安柳屿", "Initiative")),
    # a thing of common words whose works reach a stage as the subject of its clause
    ("国际会展中心主体基本完工。", ("国际会展中心", "Project")),
    # an event right after the verb that hosts it, even in common words
    ("成功举办国际网球公开赛。", ("国际网球公开赛", "Initiative")),
    # a list before a class (等 and words that describe a kind): each member is named on its own
    ("碧川天地、云岚广场等大型商业综合体开业。", ("碧川天地", "Project")),
    ("碧川天地、云岚广场等大型商业综合体开业。", ("云岚广场", "Project")),
    # a road before 等 and a kind of avenue
    ("打造碧川路等3条特色花卉景观大道。", ("碧川路", "Project")),
    # a member with the same head as a sibling that is a name, even in words jieba knows
    ("铁扇关门水库和香车水库完成除险加固。", ("香车水库", "Project")),
    # a head written once after the last of a list of short names is each member's
    ("青峰、太行山、碧石高速建成通车。", ("太行山高速", "Project")),
    ("青峰、碧川经济开发区加快建设。", ("青峰经济开发区", "Project")),
    # each member of a list of names after a cue verb
    ("成功引进华为、云岚微电、大疆。", ("大疆", "Enterprise")),
    # the second round of an inspection
    ("配合做好中央环保督察“回头看”工作。", ("中央环保督察回头看", "Initiative")),
    # the campaign for a title a city earns
    ("圆满完成国家森林城市创建、国家卫生城市复审。", ("国家卫生城市复审", "Initiative")),
    ("大力推进文明城市创建。", ("文明城市创建", "Initiative")),
    # a company named by its officer's title; members counted before a head share it with its class noun
    ("星澜、云岚微电总裁等3人获奖。", ("云岚微电", "Enterprise")),
    ("碧川电子董事长出席。", ("碧川电子", "Enterprise")),
    ("星澜智能装备、澄溪微纳2个制造业创新中心挂牌成立。", ("澄溪微纳制造业创新中心", "Institution")),
    ("碧川、柳屿两个产业园获批。", ("柳屿产业园", "Project")),
    # a list of companies before a cue only companies take; a sentence opening with an unknown name jieba cut up
    ("澄芯生物、国民技术获2项中国专利金奖。", ("国民技术", "Enterprise")),
    ("中澜智能装备、澄溪微纳2个制造业创新中心挂牌成立。", ("中澜智能装备制造业创新中心", "Institution")),
    # a customs or development zone is a park-like undertaking, even as the subject of 入选
    ("碧川综保区入选省级试点。", ("碧川综保区", "Project")),
    ("柳屿经济技术开发区扩区获批。", ("柳屿经济技术开发区", "Project")),
    # heads of public facilities that are built, not bodies
    ("加快碧川旅游集散中心建设。", ("碧川旅游集散中心", "Project")),
    ("加快曙岭文体中心等设施建设。", ("曙岭文体中心", "Project")),
    ("海绵城市建设模式得到住建部肯定。", ("住建部", "Institution")),
])
def test_named_things_are_found(sentence, expected):
    assert expected in _entities(sentence)


def test_shared_head_goes_on():
    # ``园区`` goes on from ``产业园``: the members share the longer head
    found = _entities("推进碧川、柳屿等产业园区建设。")
    assert {("碧川产业园区", "Project"), ("柳屿产业园区", "Project")} <= found


def test_shared_head_enumeration():
    found = _entities("推进东坪、柳湾、石门等传统工业区改造升级。")
    assert {("东坪工业区", "Project"), ("柳湾工业区", "Project"), ("石门工业区", "Project")} <= found


def test_cue_word_names_a_company():
    found = _entities("成功引进云启微、北辰光电等一批项目。")
    assert ("云启微", "Enterprise") in found and ("北辰光电", "Enterprise") in found


@pytest.mark.parametrize("sentence", [
    "新改扩建中小学、幼儿园9所。", "改造提升农贸市场3个。", "深化乡村振兴,建设美丽乡村。",
    # categories in common words, designations, industries, quoted clauses, numbers before a unit
    "创建省级现代农业产业园。", "建立快速预警机制。", "新建社区公园3个。", "大力发展大数据、云计算、人工智能等新兴产业。",
    "打造“具有全球影响力的科技创新中心”。", "实现5分钟到达社区公园。", "推进扬尘整治。",
    "依托国际大学园构建创新高地。", "发展合作经济示范区。",  # 合作 names a city too, but is a common word
    "建设农产品加工基地。", "改善乡镇卫生院条件。", "发展多式联运、智慧物流、冷链物流等特色业态。",
    "努力打造现代化宜居之城。", "牢固树立“四个意识”。", "在变局中开新局。",
    "大力发展临港化工、海洋生物等产业。", "抓好压减燃煤、扬尘治理等关键环节。", "鼓励大中专毕业生等投身农村建设。",
    "推进城市老旧社区微改造。", "建设一批名镇名村。", "做好行政机关履行法院生效裁判工作。",
    "支持有条件的高新区建设高水平科技创新平台。", "将城市生活引入滨海岸线。", "发展文化+科技产业。",
    # jieba knows the whole phrase as one word, but its first part is common; kinds in 性/式/型/化; levels
    "推进公立医院改革,优化商业中心布局。", "建设公益性养老院。", "打造学习型社区学校。", "实施一批街道级项目。",
    # fields of work and kinds in a list take no shared head
    "扎实做好冷链食品、进口物品等重点环节防控。", "推进燃气、供热等工程。", "用好海外猎头机构、人才驿站等平台。",
    # one kind or field before ``等``
    "支持民营等5家企业发展。", "推动制造业等企业转型。",
    # a department's stem before a word that only starts with 部/局
    "优化科技部署。", "财政部门加强监管。",
])
def test_generic_phrases_are_not_entities(sentence):
    assert _entities(sentence) == set()


def test_short_and_full_name_are_one_entity():
    x = kg.extract_report(kg.parse_report("2020年工作回顾\n组织青峰集团参展。支持青峰、蓝海等企业上市。"))
    entity = next(e for e in x.entities if e.name == "青峰集团")
    assert "青峰" in entity.aliases and len(entity.mentions) == 2


def test_a_relation_is_a_property_with_its_sentence():
    from rdflib import RDF, RDFS

    from kg.rdf.graph import build_graph
    from kg.vocab import GK

    g = build_graph([kg.extract_report(kg.parse_report("2020年工作回顾\n与南州大学共建星河智能联合实验室。"))])
    (university, lab), = g.subject_objects(GK.partner)
    assert (str(g.value(university, RDFS.label)), str(g.value(lab, RDFS.label))) == ("南州大学", "星河智能联合实验室")
    statement = next(g.subjects(RDF.type, GK.Relation))  # a reification OWL 2 DL allows (not rdf:Statement)
    assert (g.value(statement, GK.subject), g.value(statement, GK.predicate), g.value(statement, GK.object)) \
        == (university, GK.partner, lab)
    assert "共建" in str(g.value(g.value(statement, GK.sentence), GK.text))


def test_a_count_before_a_list_head_is_not_a_member():
    assert _entities("引进青峰仲裁院等6家保护机构、星河律师事务所等14家运营机构。") == {
        ("青峰仲裁院", "Institution"), ("星河律师事务所", "Institution")}


@pytest.mark.parametrize("sentence", [
    "青禾科技园获评省农业信息化示范基地。", "青禾科技园获评“国家级科技企业孵化器”。",
])
def test_a_title_awarded_is_not_an_entity(sentence):
    assert _entities(sentence) == {("青禾科技园", "Project")}


def test_a_bare_name_found_once_is_found_where_it_stands_again():
    x = kg.extract_report(kg.parse_report("2020年工作回顾\n星澜等9家企业挺进中国企业500强。澄溪大学与星澜共建联合实验室。"))
    entity = next(e for e in x.entities if e.name == "星澜")
    assert entity.etype == "Enterprise" and [m.rule for m in entity.mentions] == ["enumeration", "repeat"]


@pytest.mark.parametrize("sentence, expected", [
    # numbered lines share the head ``号线`` and the word before the first number
    ("加快轨道31、32、35号线建设。", {("轨道31号线", "Project"), ("轨道32号线", "Project"), ("轨道35号线", "Project")}),
    ("开通地铁41、43和46号线支线。", {("地铁41号线", "Project"), ("地铁43号线", "Project")}),
    # a list of companies: a member ending in 路 is a company there; ``金融机构`` is a head of companies
    ("星澜电路等4家企业获奖。", {("星澜电路", "Enterprise")}),
    ("澄溪寿险、星河资产管理公司等17家持牌金融机构入驻。", {("澄溪寿险", "Enterprise")}),
    # heads missing before: 填埋场; a Latin name with a space in it
    ("完成星湖垃圾填埋场改造。", {("星湖垃圾填埋场", "Project")}),
    ("建成澄溪AB TOWN国际艺术创意园区。", {("澄溪ABTOWN国际艺术创意园区", "Project")}),
    # heads of events and bodies of culture and sport; the verbs of hosting, winning or showing before them
    ("筹办好青澜亚洲青年运动会。", {("青澜亚洲青年运动会", "Initiative")}),
    ("青澜少年队获碧溪国际足球锦标赛冠军。", {("碧溪国际足球锦标赛", "Initiative")}),
    ("碧溪新居亮相星河城市建筑双年展。", {("星河城市建筑双年展", "Initiative")}),
    ("碧溪合唱团荣获金奖。", {("碧溪合唱团", "Institution")}),
    ("举办碧溪戏剧文化月。", {("碧溪戏剧文化月", "Initiative")}),
    # a school's campus is a project, and the school is mentioned at its head
    ("澄溪大学星河校区加快建设。", {("澄溪大学星河校区", "Project"), ("澄溪大学", "Institution")}),
    ("碧溪中学新校区建成。", {("碧溪中学新校区", "Project"), ("碧溪中学", "Institution")}),
    # an event of a country or the world, named by what it is about
    ("中国国际新媒体影像节永久落户碧溪。", {("中国国际新媒体影像节", "Initiative")}),
    # a name, its verb and another name: two names, not one running across the verb
    ("星河集团入驻碧溪产业园。", {("碧溪产业园", "Project")}),
    ("星河医院牵手澄溪大学附属医院。", {("澄溪大学附属医院", "Institution")}),
    ("建设碧溪产业园提升工程。", {("碧溪产业园提升工程", "Project")}),  # works keep what is done to a thing
    ("碧溪口岸完成改造。", {("碧溪口岸", "Project")}),
    ("西部拥有碧溪科技城。", {("碧溪科技城", "Project")}),  # ``拥有``, ``即``, ``选址``: no part of a name
    ("会展中心选址碧溪科技城。", {("碧溪科技城", "Project")}),
    # a verb of building work before a project head belongs to the name, and the works build a thing
    ("建成省道碧淮线改扩建工程。", {("省道碧淮线改扩建工程", "Project")}),
    ("城东中学扩建工程完工。", {("城东中学扩建工程", "Project")}),
    # before 等项目, a member with a project's head is a project even in common words
    ("完成运动森林公园、碧川记忆文化街区等项目建设。", {("运动森林公园", "Project"), ("碧川记忆文化街区", "Project")}),
    ("加快院士科研中心、碧川科技园等重点项目建设。", {("院士科研中心", "Institution")}),
    # a bare member of a list of projects (the 项 of 项目 is not a counter)
    ("青峰、上洞等项目有序推进。", {("上洞", "Project")}),
    ("完成运动森林公园、碧川影剧院等文体设施建设。", {("运动森林公园", "Project")}),  # facilities, as projects
    # events: a body's founding meeting, a fair's short name, an idiom of jieba's before the head
    ("举办碧川市脑疾病学术与产业联盟成立大会。", {("碧川市脑疾病学术与产业联盟成立大会", "Initiative")}),
    ("成功举办人才高交会、碧川创业大赛。", {("人才高交会", "Initiative"), ("碧川创业大赛", "Initiative")}),
    ("成功举办中国国际人才交流大会。", {("中国国际人才交流大会", "Initiative")}),
    ("发挥好碧川国际人才交流中心作用。", {("碧川国际人才交流中心", "Institution")}),  # not ``好碧川…``
    ("做大做强好活科技等新经济主体。", {("好活科技", "Enterprise")}),  # a name that opens with 好
    ("万丈坡、塘家保障房项目完成竣工验收。", {("塘家保障房项目", "Project")}),
    ("县城污水处理厂二期建成投运。", {("县城污水处理厂二期", "Project")}),  # the county's one seat
    ("碧川LNG接收站四号罐项目完成可研。", {("碧川LNG接收站四号罐项目", "Project")}),  # an ordinal in words
    ("设立碧川产业引导基金。", {("碧川产业引导基金", "Enterprise")}),
    # 促进 before 中心 belongs to the name
    ("依托区技术转移促进中心，加强合作。", {("区技术转移促进中心", "Institution")}),
    # universities' short names; a campus in parentheses after a university
    ("支持南科大、北师大建设。", {("南科大", "Institution"), ("北师大", "Institution")}),
    ("南州大学(深圳)获批举办本科教育。", {("南州大学(深圳)", "Institution")}),
    # 综合治理 like 综合整治; a chief's duty with one character before 长制
    ("率先引入社会资本参与城中村综合治理。", {("城中村综合治理", "Initiative")}),
    ("全面推行林长制、田长制。", {("林长制", "Initiative"), ("田长制", "Initiative")}),
    # a member with the head of a named sibling, a head too common alone (通道), before the list's 建设
    ("推动深中通道、外环高速、妈湾通道建设。", {("深中通道", "Project"), ("妈湾通道", "Project")}),
])
def test_lists_and_heads_of_this_round(sentence, expected):
    assert expected <= _entities(sentence)


def test_a_head_char_starting_a_common_word_is_no_head():
    """``村落`` is not ``村``: the members of ``A、B片区等6个大美村落`` are no villages."""
    assert not any(t == "Village" for _, t in _entities("全面铺开澄溪、星河片区等6个大美村落试点建设。"))


def test_numbered_lines_replace_their_cut_parts():
    names = {n for n, _ in _entities("推进轨道31、32号线建设。")}
    assert "轨道31" not in names


@pytest.mark.parametrize("sentence, wrong", [
    ("碧溪水库除险加固建设按计划推进。", "碧溪水库除险加固建设按计划"),  # ``按计划``: on schedule, no programme
    ("星河文化艺术中心主体工程完工。", "星河文化艺术中心主体工程"),
    ("青峰湾区跻身世界一流湾区。", "青峰湾区"),  # a place that ranks is no company
    ("加快主干路建设。", "主干路"),  # a kind of road
    ("民营企业董事长座谈会召开。", "民营企业"),
    ("碧川、柳屿入选第二批试点城市。", "碧川"),  # places take 入选 too
    ("建设无人机、医疗器械两个国家级技贸基地。", "无人机基地"),  # kinds of things, counted
    ("国际友城和友好交流城市达54个。", "友好交流城市达"),  # a total, not a list counted
    ("引进干细胞新药等9大科技项目。", "9大科技项目"),  # a count of a kind, not a name
    ("碧溪村获评省卫生村。", "省卫生村"),  # a title given, not a village
    ("星河集团入驻碧溪产业园。", "星河集团入驻碧溪产业园"),
    ("建设碧溪公园、澄溪公园、儿童公园。", "儿童公园"),  # a kind among named works
    ("坚持和完善中国特色社会主义制度。", "中国特色社会主义制度"),  # a system, not an event
    ("引进名校星河校区。", "名校星河校区"),  # a campus of no school named
    ("动工建设碧溪中学新校区。", "动工建设碧溪中学新校区"),  # ``动工``, ``进驻``: verbs, no part of a name
    ("星河理工大学进驻永久校区。", "星河理工大学进驻永久校区"),
    ("翘首以盼的市青华医院动工建设。", "的市青华医院"),  # jieba's word ``的市``: the name starts after 的
    ("碧溪合唱团登上国家大剧院舞台。", "碧溪合唱团登上国家大剧院"),
    ("柳塘社区获评市级宜居社区。", "市级宜居社区"),
    ("引进会计师事务所、律师事务所,服务星河企业。", "律师事务所"),  # kinds of firm
    ("支持社区综合性文化服务中心建设。", "社区综合性文化服务中心"),
    ("依托博士后工作站引进青年人才。", "博士后工作站"),
    ("星澜、云岚科技上榜。", "星澜科技"),  # a company's suffix is not shared
    ("加强生态文明建设。", "生态文明建设"),  # a national policy, no programme of the report's
    ("社区公园建成开放。", "社区公园"),
    ("举办各类赛事。", "各类赛事"),
    ("建成碧川公园和社区公园。", "社区公园"),
    ("落实碧川大道建设和决策部署。", "决策部署"),
    ("碧川天地、云岚广场等大型商业综合体开业。", "碧川天地综合体"),
    ("引进国潮品牌、云岚新概念店10家以上。", "云岚新概念店"),  # kinds, counted
    ("引进挖掘星澜附中等名校资源。", "挖掘星澜附中"),
    ("初步形成碧川科学城北部快速化通道。", "初步形成碧川科学城北部快速化通道"),  # a verb opens no name
    ("我谨代表碧川区人民政府。", "谨代表碧川区人民政府"),
    ("推进深汕高铁、赣深高铁铁路建设。", "深汕高铁铁路"),
    ("碧川12号线、柳屿通道进展顺利。", "柳屿通道进展"),  # progress is no part of a name
    ("生态保护制度、生态补助专项政策等组成的制度体系。", "生态补助专项政策"),
    ("全面推进全国文明城市创建。", "文明城市"),  # a title a city earns, not a place
    ("碧川、柳屿入选第二批试点城市。", "柳屿"),  # a list of places before 入选
    ("推进学校改扩建工程。", "学校改扩建工程"),  # building work on a kind of thing
    ("大部分公立医院改扩建工程完工。", "大部分公立医院改扩建工程"),
    ("全部旧屋村完成整治。", "旧屋村"),
    ("完成社区公园、新一代主题公园等项目建设。", "新一代主题公园"),  # kinds of parks
    ("完成社区公园、新一代主题公园等项目建设。", "社区公园"),
    ("召开成立大会。", "成立大会"),
    ("建设九年一贯制学校。", "九年一贯制学校"),
    ("建成碧川管理中心和六大管理中心。", "六大管理中心"),
    ("推动科大讯飞落户。", "科大"),
    ("改造县城道路。", "县城道路"),
    ("“啃下”碧川统建楼等一批历史违建。", "啃下碧川统建楼"),  # a verb in quotes opens no name
    ("推进建设中大附属医院。", "建设中大"),
    ("碧川附七医院(二期)、星河医院新院区开工建设。", "医院(二期)"),
    ("严格实行重大项目领导包保负责制。", "实行重大项目领导包保负责制"),  # the verb that puts a system in force
    # a head written once is not shared with things of other kinds, kinds counted, or a work done
    ("新建碧川智园、星澜大厦等产业空间。", "碧川智园大厦"),
    ("建设公交场站、换乘枢纽20个。", "公交场站枢纽"),
    ("升级改造碧门和柳坑工业园。", "改造碧门工业园"),
    ("启动光明湖、柳坑碧道建设。", "光明湖碧道"),
])
def test_not_names(sentence, wrong):
    assert wrong not in {name for name, _ in _entities(sentence)}


def test_a_village_named_at_the_head_of_a_project_is_mentioned_there_too():
    assert {("碧溪社区统建楼", "Project"), ("碧溪社区", "Village")} <= _entities("碧溪社区统建楼完成工程量65%。")
    assert not any(t == "Village" for _, t in _entities("城中村社区统建楼完成工程量65%。"))


def test_an_owner_named_at_the_head_of_a_longer_name_is_mentioned_there_too():
    text = ("2020年工作回顾\n一、抓项目\n星澜新材料产业园建成投产。\n"
            "2021年工作安排\n一、强产业\n支持星澜新材料扩大产能。")
    x = kg.extract_report(kg.parse_report(text))
    owner = next(e for e in x.entities if e.name == "星澜新材料")
    assert owner.etype == "Enterprise" and [m.rule for m in owner.mentions][0] == "nested"
    assert len(owner.areas) == 2  # the review's work area too, where only the project is named


@pytest.mark.parametrize("sentence, expected", [
    ("开工建设澄溪三路拓宽改造。", ("澄溪三路拓宽改造", "Project")),  # a road's ordinal is part of its name
    ("推进碧溪一期子项目A建设。", ("碧溪一期子项目A", "Project")),  # a letter names one of several lots
    ("探索合作开发星湖土地B1地块。", ("星湖土地B1地块", "Project")),  # 探索, 合作开发 govern the name
    ("24.碧川帆船锦标赛圆满举办。", ("碧川帆船锦标赛", "Initiative")),  # an item's number is no part of it
])
def test_names_of_this_round(sentence, expected):
    assert expected in _entities(sentence)


@pytest.mark.parametrize("sentence", ["12．孵化器：指以科技型企业为对象的载体。", "建成智慧社区、产业社区和零碳社区。",
                                      "打造港人社区和儿童友好社区。",
                                      "创建星级宜居社区。", "推进整村统筹土地整备。"])
def test_kinds_of_places_and_glossary_terms_are_not_entities(sentence):
    assert not any(t == "Village" or n == "孵化器" for n, t in _entities(sentence))


def test_a_village_at_the_head_of_a_programme_is_mentioned_there_too():
    assert {("碧岗村综合整治", "Initiative"), ("碧岗村", "Village")} <= _entities("推进碧岗村综合整治。")
    assert not any(t == "Village" for _, t in _entities("实施产业兴村强县行动。"))


def test_three_characters_jieba_does_not_know_make_a_name_specific():
    assert ("瑞科讯网络能源大楼", "Project") in _entities("建成瑞科讯网络能源大楼。")
    assert not any(n.startswith("碳达峰") for n, _ in _entities("开展碳达峰行动。"))  # a policy word is no name


def test_a_section_of_a_line_is_named_with_its_ends_and_the_line_is_mentioned_there_too():
    found = _entities("开工星茂铁路澄江至碧溪段。")
    assert {("星茂铁路澄江至碧溪段", "Project"), ("星茂铁路", "Project")} <= found
    assert not any(n.endswith("至") or n == "碧溪段" for n, _ in found)
    assert ("轨道交通8号线", "Project") in _entities("轨道交通8号线碧溪站建成。")  # a station's line


@pytest.mark.parametrize("sentence", ["构建区、街道、社区三级公共服务平台。", "设立二级子公司3家。", "省重点项目完成投资7000亿元。"])
def test_a_grade_or_a_level_in_front_of_a_kind_is_no_name(sentence):
    assert not any(n.startswith(("三级", "二级", "省")) for n, _ in _entities(sentence))


@pytest.mark.parametrize("sentence, expected", [
    ("办好中国澜设计大展、澜州时装周等活动。", {("中国澜设计大展", "Initiative"), ("澜州时装周", "Initiative")}),  # events' heads
    ("建成投产澜迪汽车工业园。", {("澜迪汽车工业园", "Project")}),  # 建成投产 opens no name
    ("支持南澜科技大学建设世界一流研究型大学。", {("南澜科技大学", "Institution")}),  # what a school is to become: no name
    ("推动中芯澜际产业园建设。", {("中芯澜际产业园", "Project")}),  # 中 opening an unknown name after a verb
])
def test_names_of_this_round_in_the_city_plan(sentence, expected):
    assert expected == _entities(sentence)


def test_a_national_centre_is_named_by_its_field_even_in_common_words():
    assert ("国家高性能医疗器械创新中心", "Institution") in _entities("国家高性能医疗器械创新中心牵头攻关。")
    assert {("国家第三代半导体技术创新中心", "Institution")} == _entities("建设国家第三代半导体技术创新中心。")
    found = _entities("建设好国家高性能医疗器械、第三代半导体技术、超高清视频等创新中心。")
    assert {("国家高性能医疗器械创新中心", "Institution"), ("超高清视频创新中心", "Institution")} <= found
    assert _entities("争创国家制造业创新中心和国家重点实验室。") == set()  # classes of centre, not one
    assert _entities("与国家图书馆合作共建分馆。") == {("国家图书馆", "Institution")}  # the country has one


def test_a_university_named_with_its_city_after_a_dot_is_one_name():
    assert _entities("办好澄溪大学·深圳、星河理工大学等高校。") == {("澄溪大学·深圳", "Institution"), ("星河理工大学", "Institution")}


def test_pilot_and_production_lines_are_projects():
    assert _entities("加快建设化合物半导体中试线、推动澜芯国际12英寸生产线达产。") == {
        ("化合物半导体中试线", "Project"), ("澜芯国际12英寸生产线", "Project")}
    assert _entities("建设智能化生产线。") == set()  # a kind of line


def test_a_competition_of_the_world_is_a_name_a_kind_of_competition_is_not():
    assert _entities("成功举办第二届世界警察手枪射击比赛。") == {("世界警察手枪射击比赛", "Initiative")}
    assert _entities("举办职业技能比赛。") == set()


def test_the_thing_at_the_head_of_its_works_is_mentioned_there_too():
    assert _entities("推进碧溪国际生命科学产业园升级改造。") == {
        ("碧溪国际生命科学产业园升级改造", "Project"), ("碧溪国际生命科学产业园", "Project")}
    assert _entities("完成澄溪路改造。") == {("澄溪路改造", "Project")}  # a road alone is an address (the guide)


@pytest.mark.parametrize("sentence, expected", [
    ("推进百澜信工业园建设。", ("百澜信工业园", "Project")),  # a numeral opening an unknown name cut into characters
    ("后澜总部大厦聚焦金融。", ("后澜总部大厦", "Project")),  # a localiser opening one
    ("上村文体中心加快建设。", ("上村文体中心", "Project")),
])
def test_an_unknown_name_cut_into_single_characters_keeps_its_first(sentence, expected):
    assert expected in _entities(sentence)
    assert _entities("新建三个产业园。") == set()


def test_a_phase_is_named_with_the_thing_it_is_a_phase_of_and_verbs_of_opening_start_no_name():
    assert _entities("轨道8号线三期开工。") == {("轨道8号线三期", "Project"), ("轨道8号线", "Project")}
    assert ("市五期", "Project") not in _entities("轨道32号线一期纳入市五期建设规划。")  # a phase of nothing named
    assert _entities("开通澜湾大道、澜岭通道相继通车。") >= {("澜湾大道", "Project"), ("澜岭通道", "Project")}


def test_a_cluster_zone_is_named_by_its_place_not_its_trade():
    assert _entities("打造文化休闲消费集聚区。") == set()


def test_a_company_s_scoped_headquarters_is_a_project_beside_it():
    found = _entities("支持星澜集团全球总部建设。")
    assert {("星澜集团", "Enterprise"), ("星澜集团全球总部", "Project")} <= found
    assert [t for n, t in _entities("引进星澜集团总部。")] == ["Enterprise"]  # a plain 总部 is the company itself


def test_stock_exchanges_by_their_short_names():
    assert _entities("联合上交所、深交所共建上市培育基地。") >= {("上交所", "Institution"), ("深交所", "Institution")}
    assert _entities("建设数据交易所。") == set()  # a kind of exchange


def test_companies_listed_before_a_class_of_company_are_named_bare():
    assert _entities("引导中澜油、华澜等央企集团增资扩产。") == {("中澜油", "Enterprise"), ("华澜", "Enterprise")}
    assert not any(t == "Enterprise" for _, t in _entities("集聚一批大数据、区块链、物联网等领域优势企业。"))


def test_a_member_named_in_full_keeps_its_name_before_a_head_of_a_kind():
    """``等住宅小区`` says what the members are; a member of four characters or more is named in full already, a short one
    is the head's stem (``启发工业区``)."""
    assert _entities("完成了澜湾风景、中央澜花园等住宅小区建设。") == {("澜湾风景", "Project"), ("中央澜花园", "Project")}
    assert _entities("推进启发、利尔等传统工业区改造。") == {("启发工业区", "Project"), ("利尔工业区", "Project")}


def test_a_common_word_is_a_company_among_companies_named_bare():
    """``小米`` is millet, and a company among ``抖澜``, ``快澜``; a list of common words alone is of kinds."""
    assert ("小米", "Enterprise") in _entities("支持抖澜、快澜、小米等互联网企业做大做强。")
    assert _entities("支持电子、汽车、医药等企业发展。") == set()


def test_a_campaign_is_named_from_its_own_verb_after_the_words_that_launch_it():
    assert _entities("深入实施降低全社会物流成本专项行动。") == {("降低全社会物流成本专项行动", "Initiative")}
    assert _entities("扎实推进营商环境三年行动。") == {("营商环境三年行动", "Initiative")}


@pytest.mark.parametrize("sentence, expected", [
    ("实施服务业优质高效发展行动计划。", {("服务业优质高效发展行动计划", "Initiative")}),
    ("建成启用安全生产体验中心。", {("安全生产体验中心", "Institution")}),
    ("建设一批各类科技创新平台。", set()),  # a kind, many of them
    ("健全诚信体系和信用信息平台。", set()),  # two things, neither named
])
def test_a_title_set_up_or_launched_is_named_whole_in_common_words(sentence, expected):
    assert _entities(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("成功举办中国杯帆船赛、大湾区海上龙舟赛等赛事。", {("中国杯帆船赛", "Initiative"), ("大湾区海上龙舟赛", "Initiative")}),
    ("开展龙舟消费季、跨年购物狂欢季等促消费活动。", {("龙舟消费季", "Initiative"), ("跨年购物狂欢季", "Initiative")}),
    ("黄澜当选中国科学院院士。", {("中国科学院", "Institution")}),  # 当选 opens no name
    ("调整优化新区重点投资项目。", set()),  # a level before a kind of work
])
def test_cups_seasons_and_kinds_of_work(sentence, expected):
    assert _entities(sentence) == expected


@pytest.mark.parametrize("sentence", ["扩充健康管理、医疗美容、康复医疗等消费新市场。", "提振新能源汽车、电子产品等大宗消费。"])
def test_kinds_of_consumption_listed_are_no_companies(sentence):
    assert _entities(sentence) == set()


def test_a_programme_keeps_its_scale():
    assert _entities("实施基础教育百万学位建设计划。") == {("基础教育百万学位建设计划", "Initiative")}


def test_a_programme_s_head_before_a_place_ends_what_came_before():
    assert _entities("对标世界一流建设全新机制澄州医学科学院。") == {("澄州医学科学院", "Institution")}
    assert not any("建设" in n for n, _ in _entities("支持澄州建设中国特色社会主义先行示范区。"))


def test_the_company_at_the_head_of_its_technology_centre_is_mentioned_there_too():
    assert _entities("新增欣旺澜国家级企业技术中心。") == {("欣旺澜国家级企业技术中心", "Institution"), ("欣旺澜", "Enterprise")}


def test_a_road_in_two_words_opened_along_its_length_is_a_project():
    assert _entities("环澜西路全线通车。") == {("环澜西路", "Project")}


def test_a_name_opening_with_a_quarter_of_the_country_keeps_it():
    assert ("南方澜技大学", "Institution") in _entities("支持南方澜技大学建设世界一流研究型大学。")


@pytest.mark.parametrize("sentence, expected", [
    # a place that builds a designation (``X建设国家级…``) is no part of a name, and the designation alone is a kind
    ("支持青峰建设全国低空经济试验区。", set()),
    ("碧溪建设国家级新能源示范区。", set()),
    ("星河建设集团承建。", {("星河建设集团", "Enterprise")}),
    # a numeral opens a name before one character and a type's head
    ("三利集团、永亮公司等企业获评。", {("三利集团", "Enterprise"), ("永亮公司", "Enterprise")}),
    # a high-speed line named on its own
    ("加快建设碧澜高铁、星河高铁。", {("碧澜高铁", "Project"), ("星河高铁", "Project")}),
])
def test_names_from_unseen_styles(sentence, expected):
    assert _entities(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a member between two 、 is whole, whatever jieba makes of its first word (a numeral, a verb)
    ("碧川路、澄溪路、建新大街南延、三利大街北延等道路竣工。",
     {("碧川路", "Project"), ("澄溪路", "Project"), ("建新大街南延", "Project"), ("三利大街北延", "Project")}),
    # a village named with the regions above it is the village
    ("青峰市柳塘县六坝镇七坝村党支部书记说。", {("七坝村", "Village")}),
    # a plain facility that opens its clause and reaches a stage is one facility; one common word and a weak head
    # is still a kind (``社区公园建成开放``, see test_not_names)
    ("清龙小学建成招生。", {("清龙小学", "Institution")}),
    ("观澜体育公园正式开放。", {("观澜体育公园", "Project")}),
    # heads of plants and stations
    ("民治净水厂完成提标改造,陶姚工业集聚点加快建设。", {("民治净水厂", "Project"), ("陶姚工业集聚点", "Project")}),
    # fields and mines named by their places; a society; a maker of telecoms
    ("推进榆林气田、可可盖煤矿建设。", {("榆林气田", "Project"), ("可可盖煤矿", "Project")}),
    ("金奥公司与中国金属学会签署合作协议。", {("金奥公司", "Enterprise"), ("中国金属学会", "Institution")}),
    ("推动中诺通讯尽快投产。", {("中诺通讯", "Enterprise")}),
    # a rare character jieba reads as a one-character idiom still opens the name
    ("加快奕斯伟硅产业基地建设。", {("奕斯伟硅产业基地", "Project")}),
    # a project named in common words is one when six characters or more before 项目 say which
    ("完成资源化利用环境园项目建设。", {("资源化利用环境园项目", "Project")}),
    # the next phase of a phased work, named bare after it, is that work's phase
    ("碧川大桥一期全线贯通、二期工程正式开工。", {("碧川大桥二期", "Project"), ("碧川大桥", "Project")}),
    # a rare name jieba cut into two characters, one read as a preposition; works jieba joined to their building
    ("建成崇凭铁路,加快环北部湾水资源配置工程建设,开工邕北灌区。",
     {("崇凭铁路", "Project"), ("环北部湾水资源配置工程", "Project"), ("邕北灌区", "Project")}),
    # how a work is done, then the doing, is no part of its name
    ("高效率建设碧溪港务物流园。", {("碧溪港务物流园", "Project")}),
    # a route named by its two ends
    ("开工碧溪至澄江高速公路。", {("碧溪至澄江高速公路", "Project")}),
    # places joined by hyphens make one name
    ("推进东涌-大雁顶-七娘山生态修复项目。", {("东涌-大雁顶-七娘山生态修复项目", "Project")}),
    # what a congress's news says of its people and sittings names no thing
    ("全体会议执行主席某某主持开幕大会,村两委负责人列席大会。", set()),
    # kinds counted or graded; 村 of another word
    ("建设三大产业园区,创建4A级旅游景区,开展下沉村居督导。", set()),
    ("推进两场革命,谋划十五五规划重大项目。", set()),  # kinds counted; a kind after the period of a plan
    ("认真落实中央政治局会议精神,贯彻中央纪委全会部署。", set()),  # the chain of command a report cites
])
def test_plain_names_of_places_and_facilities(sentence, expected):
    assert _entities(sentence) == expected


def test_a_highway_named_by_the_two_places_it_joins_is_a_project():
    assert {("津保南线", "Project"), ("保沧线", "Project")} <= _entities("津保南线、保沧线新改建绕县城省道项目加快推进。")
    assert not {name for name, _ in _entities("守住安全底线和生命线,县道全线通车。")} & {"底线", "生命线", "安全底线"}


@pytest.mark.parametrize("sentence, name", [
    ("高标准高质量高效率建设星澜运河。", "星澜运河"),  # manner words, then the verb
    ("紧紧围绕青禾科学城发展定位,打造产业体系。", "青禾科学城"),  # a set phrase that ends in a verb
])
def test_what_governs_a_name_is_not_part_of_it(sentence, name):
    assert name in {n for n, _ in _entities(sentence)}


@pytest.mark.parametrize("sentence, name", [
    ("青禾县入选国家再生水试点。", "国家再生水试点"),  # a pilot is named by its field, at any level
    ("积极申报国家碳达峰试点。", "国家碳达峰试点"),  # what designates it is no part of its name
    ("开展完整社区试点。", "完整社区试点"),
])
def test_a_pilot_named_by_its_field_is_an_initiative(sentence, name):
    assert (name, "Initiative") in _entities(sentence)


def test_a_pilot_of_no_field_is_no_name():
    assert not _entities("争取更多改革试点,落实两项试点。")


def test_a_prefecture_before_a_companys_cue_is_no_company():
    assert ("庆阳", "Enterprise") not in _entities("庆阳入选国家再生水试点。")


@pytest.mark.parametrize("sentence, name", [
    ("推进青禾国际生物谷建设。", "青禾国际生物谷"),  # a valley of an industry, named
    ("建设新青禾城市会客厅。", "新青禾城市会客厅"),
    ("全力推进银湖片区建设国际人才智慧谷。", "国际人才智慧谷"),  # where it is built, the building, then the name
    ("星河终端入驻天安云谷。", "天安云谷"),
])
def test_parks_named_as_valleys_and_parlours_are_projects(sentence, name):
    assert (name, "Project") in _entities(sentence)


@pytest.mark.parametrize("sentence, name", [
    ("新建星河镇污水处理厂。", "星河镇污水处理厂"),  # 处理厂 is one word for jieba, yet the plant is named
    ("加快推进长模村高标准农田项目建设。", "长模村高标准农田项目"),  # a policy noun keeps its village
])
def test_works_named_by_their_place_are_projects(sentence, name):
    assert (name, "Project") in _entities(sentence)


def test_a_head_alone_is_not_named_at_the_head_of_its_works():
    assert "污水处理厂" not in {n for n, _ in _entities("推进污水处理厂提标改造工程。")}


def test_a_works_named_with_its_capacity_starts_at_its_owner():
    assert ("亘富200万吨褐煤提质项目", "Project") in _entities("亘富200万吨褐煤提质项目开工建设。")
    assert not any(n.startswith("10万吨") for n, _ in _entities("新建10万吨污水处理项目。"))  # no owner: a verb


def test_the_kinds_listed_before_a_head_do_not_hide_it():
    assert ("欣兴半导体载板", "Project") in _entities("加快中科晶上、欣兴半导体载板等标杆性、龙头型项目落地。")


def test_beside_a_company_a_bare_name_is_a_company_even_after_a_cue_places_take():
    assert ("友昌母婴", "Enterprise") in _entities("友昌母婴、乙盛机械获评省级以上跨国公司地区总部。")
    assert not _entities("青峰县、碧溪镇获评全国文明城市。")  # places, with no company among them


def test_roads_named_after_the_verb_that_builds_them_are_projects():
    found = _entities("建成清水河一路、四路和碧川路。")
    assert {("清水河一路", "Project"), ("清水河四路", "Project"), ("碧川路", "Project")} <= found
    assert not _entities("探索高密度建成区可持续发展路径。")


@pytest.mark.parametrize("sentence, name", [
    ("塔河炼化一体化项目前期工作取得重大突破。", ("塔河炼化一体化项目", "Project")),  # 项目前期: one word for jieba
    ("金风科技、新特能源成功入选全国链主企业。", ("金风科技", "Enterprise")),  # the subject ends before 成功
    ("和田大红柳滩锂矿实现首期投产。", ("和田大红柳滩锂矿", "Project")),
])
def test_names_jieba_or_an_adverb_would_hide(sentence, name):
    assert name in _entities(sentence)


@pytest.mark.parametrize("sentence", ["世界首台10—60兆电子伏质子加速器投入运行。", "建成3个千万千瓦级新能源基地。",
                                      "积极承接中东部劳动密集型产业转移。"])
def test_figures_grades_and_parts_of_the_country_are_no_names(sentence):
    assert not _entities(sentence)


@pytest.mark.parametrize("sentence", ["主要指标保持中高速增长。", "加强对外部环境的研判。", "加强工地扬尘、道路扬尘治理。"])
def test_a_speed_a_part_of_anything_and_a_list_are_no_names(sentence):
    assert not _entities(sentence)


def test_bare_members_of_a_list_with_no_head_are_not_typed_by_a_named_sibling_for_being_unknown_words():
    assert "视频门禁" not in {n for n, _ in _entities("强化一类探头、科技围合小区、视频门禁等信息化支撑。")}


@pytest.mark.parametrize("sentence, name", [
    ("建成星澜村500亩茶叶基地。", "星澜村500亩茶叶基地"),  # a village's base, by its area
    ("哈密400万吨/年煤制油项目开工。", "哈密400万吨/年煤制油项目"),  # a capacity by the year
])
def test_a_capacity_by_the_year_or_an_area_starts_the_name_at_its_owner(sentence, name):
    assert (name, "Project") in _entities(sentence)


@pytest.mark.parametrize("sentence, name", [
    ("抓好京张体育文化旅游带建设。", "京张体育文化旅游带"),
    ("沿河修建碧溪河景观带。", "碧溪河景观带"),  # 修建 builds it, and opens no name
])
def test_belts_of_tourism_culture_or_landscape_named_by_their_place_are_projects(sentence, name):
    assert (name, "Project") in _entities(sentence)


def test_a_cluster_named_by_its_field_and_place_is_a_project_and_its_verb_no_part_of_it():
    assert ("滇中稀贵金属集群", "Project") in _entities("培育壮大滇中稀贵金属集群。")


def test_a_company_and_what_it_builds_are_two_names():
    found = _entities("湖南星澜农业开发有限公司投资建设碧溪茶叶基地。")
    assert ("湖南星澜农业开发有限公司", "Enterprise") in found
    assert not any(n.startswith("湖南") and n.endswith("基地") for n, _ in found)


@pytest.mark.parametrize("sentence, name", [
    ("启动新一轮打造一流营商环境三年行动。", "打造一流营商环境三年行动"),  # a new round; the campaign's own aim opens it
    ("开展规范涉企执法专项行动。", "规范涉企执法专项行动"),
    ("深入推进先进制造业和现代服务业融合发展试点。", "先进制造业和现代服务业融合发展试点"),  # one pilot of both
])
def test_a_campaign_launched_is_named_by_its_whole_title(sentence, name):
    assert (name, "Initiative") in _entities(sentence)


@pytest.mark.parametrize("sentence, name", [
    ("开展农村集体经营性建设用地入市试点工作。", "农村集体经营性建设用地入市试点"),  # 试点工作: one word for jieba
    ("完成城乡供水一体化试点任务。", "城乡供水一体化试点"),  # the pilot's tasks, not a kind of task
])
def test_a_pilot_before_its_work_or_tasks_is_named(sentence, name):
    assert (name, "Initiative") in _entities(sentence)


@pytest.mark.parametrize("sentence, name", [
    ("完成汉邦大楼项目建设。", "汉邦大楼项目"),  # a building with a name of its own, then its project
    ("加快建设东部电厂二期。", "东部电厂二期"),  # a phase of a facility named by its head
])
def test_a_project_or_a_phase_of_a_named_facility_is_a_name(sentence, name):
    assert (name, "Project") in _entities(sentence)
    assert not _entities("推进社区公园项目建设,建设产业园二期。")

"""Structure: parts, sections, topics, overviews and closings, on the seed and on a report of another style."""

import kg
from kg.read.report import parse_report
from kg.structure import read_structure


def _kinds(structure, part, kind):
    return [a for a in structure.areas if a.part == part and a.kind == kind]


def test_seed_has_two_parts_with_overviews(seed_extraction):
    s = seed_extraction.structure
    parts = [a for a in s.areas if a.kind == "part"]
    assert [(p.part, p.title) for p in parts] == [("review", "2019年工作回顾"), ("plan", "2020年工作安排")]
    assert len(_kinds(s, "review", "overview")) == 1 and len(_kinds(s, "plan", "overview")) == 1


def test_seed_sections_and_closings(seed_extraction):
    s = seed_extraction.structure
    review = _kinds(s, "review", "section")
    plan = _kinds(s, "plan", "section")
    assert len(review) == 4 and len(plan) == 5
    assert review[0].title.startswith("千方百计争项目、强产业")
    assert plan[4].title.startswith("着力转作风、优服务")
    closings = _kinds(s, "review", "closing")
    assert closings and closings[0].title == "这一年来"


def test_seed_topics_are_lead_phrases(seed_extraction):
    topics = [a.title for a in seed_extraction.structure.areas if a.kind == "topic"]
    assert "实体经济健康发展" in topics and "生态环境颜值提升" in topics
    assert len(topics) == 27


def test_seed_title_block(seed_extraction):
    meta = seed_extraction.structure.meta
    assert (meta.region, meta.year, meta.date, meta.speaker) == ("玉山镇", 2020, "2020-01-09", "张建文")
    assert (meta.review_year, meta.plan_year) == (2019, 2020)
    assert meta.meeting == "第十九届人民代表大会第七次会议"


def test_second_style_report_reads_the_same_way(qinghe_extraction):
    s = qinghe_extraction.structure
    assert [a.part for a in s.areas if a.kind == "part"] == ["review", "plan"]
    review = _kinds(s, "review", "section")
    plan = _kinds(s, "plan", "section")
    assert len(review) == 4 and len(plan) == 4
    assert review[0].title == "坚持项目为王,经济实力稳步增强"
    assert review[2].title == "聚焦民生福祉,社会事业全面进步"  # inline section, title before its body
    assert s.meta.region == "清河县" and s.meta.speaker == "李明远" and s.meta.year == 2021


def test_every_sentence_lies_in_a_work_area(qinghe_extraction):
    s = qinghe_extraction.structure
    keys = {a.key for a in s.areas}
    assert s.sentences and all(sentence.area in keys for sentence in s.sentences)


def test_parentheses_numbering_under_numbered_parts():
    text = ("政府工作报告\n一、2020年工作回顾\n过去一年成绩显著。\n(一)稳的格局在巩固,经济运行总体平稳。全年完成投资。\n"
            "(二)闯的步伐在加快,改革开放勇闯新路。推进改革。\n一年来,我们砥砺前行。\n二、2021年工作安排\n今年目标如下。\n"
            "(一)深化改革开放\n推进改革。\n(二)加快动能转换\n建设项目。\n三、加强政府自身建设\n(一)在践行政治忠诚中强化担当\n要求。")
    s = read_structure(parse_report(text))
    sections = [(a.part, a.title) for a in s.areas if a.kind == "section"]
    assert sections == [("review", "稳的格局在巩固,经济运行总体平稳"), ("review", "闯的步伐在加快,改革开放勇闯新路"),
                        ("plan", "深化改革开放"), ("plan", "加快动能转换"), ("plan", "加强政府自身建设")]
    assert [a.title for a in s.areas if a.kind == "closing"] == ["一年来"]


def test_text_without_parts_still_has_a_work_area():
    s = read_structure(parse_report("这是一段没有章节的文字。引进星河电子。"))
    assert s.areas and all(sentence.area for sentence in s.sentences)


def test_a_text_with_no_title_names_its_opening_by_its_first_sentence():
    s = read_structure(parse_report("1月10日下午,青峰乡第十九届人民代表大会第二次会议隆重开幕。会议听取了政府工作报告。"))
    assert [a.title for a in s.areas] == ["1月10日下午,青峰乡第十九届人民代表大会第二次会议隆重开幕"]


def test_a_title_line_names_the_region_and_is_not_a_part():
    st = read_structure(parse_report("青峰县2021年政府工作报告\n2020年工作回顾\n引进星河电子。", name="a.txt"))
    assert st.meta.region == "青峰县"
    assert [a.title for a in st.areas if a.kind == "part"] == ["2020年工作回顾"]


def test_a_speech_line_is_not_read_as_the_region():
    text = "各位代表:\n现在,我代表青峰区人民政府向大会作工作报告,请予审议。\n一、2020年工作回顾\n引进星河电子。"
    assert read_structure(parse_report(text, name="x.txt")).meta.region == "青峰区"


def test_a_heading_of_achievements_and_a_years_work_is_the_review():
    """``2021年主要工作`` is usually the plan; with achievements (成就) or a look back (回顾) it is the review."""
    for review in ("“十三五”时期发展成就和2020年主要工作", "“十三五”时期发展成就"):
        text = (f"各位代表:\n现在,我代表青峰市人民政府向大会报告工作,请予审议。\n一、{review}\n引进星河电子。\n"
                "二、2021年主要工作\n推动星河电子扩产。")
        s = read_structure(parse_report(text, name="x.txt"))
        assert [(a.part, a.title) for a in s.areas if a.kind == "part"] == [("review", review),
                                                                             ("plan", "2021年主要工作")]
        assert (s.meta.year, s.meta.review_year, s.meta.plan_year) == (2021, 2020, 2021)


def test_paragraphs_numbered_yi_shi_er_shi_are_the_sections_of_a_part_without_others():
    text = ("省政府工作报告\n一、2020年工作回顾\n过去一年成绩显著。一年来,我们主要做了以下工作。\n"
            "一是稳住经济基本盘,全省经济平稳运行。地区生产总值增长5%。\n二是推进大湾区建设,合作取得新进展。建设星澜大桥。\n"
            "各位代表!成绩来之不易。\n二、2021年工作安排\n今年目标如下。\n(一)深化改革开放\n改革创新全面铺开。推进改革,深化放管服。"
            "一是深化商事制度改革,持续推进。二是优化营商环境。\n")
    s = read_structure(parse_report(text))
    assert [(a.part, a.title) for a in s.areas if a.kind == "section"] == [
        ("review", "稳住经济基本盘,全省经济平稳运行"), ("review", "推进大湾区建设,合作取得新进展"), ("plan", "深化改革开放")]
    assert [a.title for a in s.areas if a.kind == "closing"] == ["成绩来之不易"]


def test_yi_shi_paragraphs_and_lead_phrases_are_topics_side_by_side():
    text = ("2021年工作安排\n(一)保障和改善民生\n就业扩容提质。新增就业1万人,帮扶困难群体就业。\n"
            "教育优质均衡。新建学校3所,新增学位5000个。\n一是加强政治建设,坚定拥护两个确立。\n二是加强法治建设,依法行政。\n"
            "(二)建设美丽家园\n推进治水。\n")
    s = read_structure(parse_report(text))
    assert [a.title for a in s.areas if a.kind == "topic"] == ["就业扩容提质", "教育优质均衡", "加强政治建设,坚定拥护两个确立",
                                                               "加强法治建设,依法行政"]


def _areas(text: str, kind: str) -> list[tuple[str, str]]:
    """The (part, title) of each work area of ``kind`` (``part``, ``section``…) in ``text``."""
    s = read_structure(parse_report(text))
    return [(a.part, a.title) for a in s.areas if a.kind == kind]


def test_a_part_heading_a_crawled_page_ran_into_its_text_is_found():
    text = ("青峰区政府工作报告\n“十三五”时期主要成绩及2020年工作回顾过去的五年,全区生产总值增长6%。\n"
            "一、抓项目\n引进星河电子。\n2021年工作安排\n一、稳增长\n新增就业2万人。")
    assert _areas(text, "part") == [("review", "“十三五”时期主要成绩及2020年工作回顾"), ("plan", "2021年工作安排")]


def test_a_plan_heading_is_read_from_its_first_clause_where_no_other_was_found():
    text = ("青峰区政府工作报告\n一、过去一年工作回顾\n全区生产总值增长6%。\n"
            "二、高质量做好2022年各项工作,以优异成绩迎接新征程\n新增就业2万人。")
    assert [part for part, _ in _areas(text, "part")] == ["review", "plan"]


def test_a_part_the_source_lacks_is_named_with_the_reason():
    s = read_structure(parse_report("各位代表!一年来,我们攻坚克难。\n二、2022年重点工作安排\n新增就业2万人。"))
    assert [a.part for a in s.areas if a.kind == "part"] == ["plan"]
    assert len(s.missing) == 1 and s.missing[0].startswith("no review part: no heading like 工作回顾")
    assert "before the plan part (二、2022年重点工作安排)" in s.missing[0]


def test_the_build_warns_of_a_missing_part(tmp_path):
    import kg

    report = tmp_path / "excerpt.txt"
    report.write_text("各位代表!一年来,我们攻坚克难。\n二、2022年重点工作安排\n新增就业2万人。", encoding="utf-8")
    result = kg.build([report], tmp_path / "out")
    assert [p.message[:16] for p in result.problems] == ["no review part: "]


def test_the_region_is_resolved_to_its_full_path_among_namesakes():
    # 杨庄镇 is the name of towns in several counties: the one whose county the opening names is taken
    s = read_structure(parse_report("沂水县杨庄镇2022年政府工作报告\n五年工作回顾\n生产总值增长6%。"))
    assert s.meta.region_path == ("山东省", "临沂市", "沂水县", "杨庄镇")


def test_the_state_councils_report_is_of_the_whole_country():
    s = read_structure(parse_report("政府工作报告\n——2023年3月5日在第十四届全国人民代表大会第一次会议上\n"
                                    "一、2022年工作回顾\n国内生产总值增长3%。"))
    assert (s.meta.region, s.meta.level, s.meta.region_path) == ("全国", "country", ("全国",))


def test_a_region_not_in_the_divisions_has_no_path():
    s = read_structure(parse_report("星河镇2021年政府工作报告\n2020年工作回顾\n生产总值增长6%。"))
    assert s.meta.region == "星河镇" and s.meta.region_path == ()


def test_an_annex_of_this_years_tasks_is_part_of_the_plan():
    from decimal import Decimal

    import kg

    text = ("梧阳县2021年政府工作报告\n一、2020年工作回顾\n全年地区生产总值增长6%。\n二、2021年工作安排\n"
            "新增公办学位1000个。\n附件1\n2021年县十件民生实事\n一、新增公办学位2000个。\n附件2\n名词解释\n"
            "1.公办学位:由政府举办的学校提供的学位。\n")
    x = kg.extract_report(kg.parse_report(text, name="wuyang-2021.txt"))
    parts = {area.title: area.part for area in x.structure.areas if area.kind == "part"}
    assert parts == {"2020年工作回顾": "review", "2021年工作安排": "plan", "附件1": "plan", "附件2": "other"}
    annexed = [(o.value, o.year, o.status) for o in x.observations if o.value == 2000]
    assert annexed == [(Decimal("2000"), 2021, "target")]  # a task of the year, not a fact of 2020


def test_a_web_page_keeps_its_headline_apart_from_its_furniture_and_names_its_opening_by_it():
    page = ("当前位置:首页 > 政务公开\n\n青峰镇召开第十八届人民代表大会\n\n2023-02-01 柳塘-碧溪-工业园区\n"
            "所在地区: 柳塘-碧溪-工业园区 发布日期: 2023年2月1日\n\n1月30日,青峰镇召开人民代表大会。"
            "2022年,全镇实现地区生产总值138亿元。\n")
    x = kg.extract_report(kg.parse_report(page, name="qingfeng-news.txt"))
    assert x.structure.areas[0].title == "青峰镇召开第十八届人民代表大会"  # not run into the lines around it
    assert not any("工业园区" in e.name for e in x.entities)  # the page's location line names nothing of the report
    assert [(o.indicator, o.value) for o in x.observations] == [("地区生产总值", 138)]


def test_an_excerpt_cut_after_its_first_numbered_section_still_has_that_section():
    """A web excerpt often holds only a part's first section: one numbered heading on a line of its own."""
    text = ("青峰镇政府工作报告\n2021年工作回顾\n2021年是开局之年。\n(一)全力稳增长、固大盘,经济发展再突破\n"
            "经济形势逆势上扬。财政收入突破3038万元。")
    assert _areas(text, "section") == [("review", "全力稳增长、固大盘,经济发展再突破")]


def test_one_numbered_sentence_inside_a_paragraph_is_not_a_section():
    text = "青峰镇政府工作报告\n2021年工作回顾\n2021年是开局之年。\n一、财政收入突破3038万元。新建学校2所。"
    assert _areas(text, "section") == []


def test_one_summing_up_paragraph_after_the_overview_opens_a_section():
    text = ("青峰县政府工作报告\n一、2017年工作回顾\n过去的一年,在县委的坚强领导下,全县经济稳中向好。\n"
            "过去的一年,我们坚持项目带动,做大投资,综合实力迈上新台阶。持续狠抓招商引资。")
    assert _areas(text, "section") == [("review", "过去的一年,我们坚持项目带动,做大投资,综合实力迈上新台阶")]


def test_a_summing_up_heading_on_its_own_line_is_not_joined_to_the_next_paragraph():
    text = ("青峰镇政府工作报告\n一、2022年工作回顾\n2022年是关键之年。\n\n一年来,我们在主导产业建设上敢闯敢干,经济实力展现新气象\n\n"
            "主要经济指标快速增长。完成固定资产投资1.28亿元。")
    assert _areas(text, "section") == [("review", "一年来,我们在主导产业建设上敢闯敢干,经济实力展现新气象")]


def test_a_paragraph_on_the_governments_own_conduct_closes_the_review():
    text = ("青峰县政府工作报告\n一、2020年工作回顾\n一年来,我们主要做了以下工作:\n(一)坚持项目为王,经济实力稳步增强\n"
            "项目建设提速增效。\n(二)坚持创新驱动,发展动能持续壮大\n创新平台加快集聚。\n"
            "我们始终把加强政府自身建设摆在突出位置,政府治理能力不断提升。办理建议86件。\n二、2021年工作安排\n新增就业2万人。")
    s = read_structure(parse_report(text))
    assert [a.title for a in s.areas if a.kind == "closing"] == ["我们始终把加强政府自身建设摆在突出位置"]


def test_a_year_of_work_told_as_how_it_went_is_the_review_and_the_reports_own_title_no_part():
    text = ("青峰镇人民政府半年工作情况报告\n各位代表:\n现在,我代表镇人民政府向大会作报告。\n"
            "一、2022年上半年工作情况\n上半年完成投资5亿元。\n二、下半年工作安排\n新增就业2000人。")
    assert _areas(text, "part") == [("review", "2022年上半年工作情况"), ("plan", "下半年工作安排")]


def test_a_web_page_flattened_into_one_line_keeps_its_headings():
    """Spaces stand for the line breaks a crawled page lost: after the end of a sentence, one starts a paragraph."""
    text = "青峰镇政府工作报告 各位代表: 现在,我代表镇人民政府向大会报告工作。 一、2022年工作回顾 一年来,全镇完成投资5亿元。"
    assert _areas(text, "part") == [("review", "2022年工作回顾")]


def test_a_text_with_no_part_heading_still_has_its_numbered_topics_as_work_areas():
    """A news item or an excerpt with no review or plan heading: its ``一是…`` paragraphs are its work areas, in a
    part that is the plan where its opening speaks only of this year's aims, and of no kind where it says neither
    (its figures then dated by their sentences)."""
    topics = "\n一是抓好农业生产。完成粮食种植2万亩。\n二是推进土地整治。建设碧溪村高标准农田。"
    text = "星河镇聚焦产业振兴\n2023年3月5日,星河镇召开人代会。今年,星河镇将聚焦产业振兴。" + topics
    assert _areas(text, "section") == [("plan", "抓好农业生产"), ("plan", "推进土地整治")]
    assert _areas(text, "part") == [("plan", "星河镇聚焦产业振兴")]
    assert _areas("星河镇聚焦产业振兴\n2023年3月5日,星河镇召开人代会。" + topics, "part") == [("other", "星河镇聚焦产业振兴")]


def test_the_paragraph_after_a_parts_only_section_is_that_sections_own():
    text = ("青峰镇2022年政府工作报告\n一、2021年工作回顾\n2021年是开局之年。\n"
            "一年来,我们聚焦区位优势,项目为王,提升发展质效。充分发挥区位优势,建成碧溪物流园,新增就业200人,完成投资5亿元,"
            "引进企业12家,建成高标准农田1万亩,改造农村公路30公里,群众出行条件明显改善。\n"
            "目前,我镇的重点项目:碧溪苗木基地、碧溪物流园。")
    assert _areas(text, "closing") == []


def test_a_text_whose_first_numbered_heading_looks_back_is_the_review():
    text = ("政府工作报告\n各位代表:\n现在,我代表乡人民政府向大会报告工作。\n"
            "一、过去的一年,我们众志成城、砥砺奋进\n全乡完成投资5亿元。\n二、面对疫情,我们夺取了双重胜利\n新增就业200人。")
    assert _areas(text, "section") == [("review", "过去的一年,我们众志成城、砥砺奋进"), ("review", "面对疫情,我们夺取了双重胜利")]


def test_the_headline_of_a_page_whose_dateline_runs_on_after_it():
    text = "青峰乡第十七届人民代表大会第二次会议隆重开幕2023-12-28 14:59:57来源:某网\n12月26日上午,大会开幕。乡长作政府工作报告。"
    assert read_structure(parse_report(text)).meta.title == "青峰乡第十七届人民代表大会第二次会议隆重开幕"


def test_a_numbered_part_heading_run_into_a_one_line_page_after_a_sentence_is_found():
    text = "青峰镇2023年度政府工作报告各位代表:现在,我代表青峰镇人民政府报告工作。一、2022年主要工作2022年以来,全镇完成投资5亿元。"
    assert _areas(text, "part") == [("review", "2022年主要工作")]
    assert read_structure(parse_report(text)).meta.region == "青峰镇"  # not ``我代表青峰镇``


def test_a_web_pages_breadcrumb_is_no_headline():
    text = ("当前位置:\n首页 - 县政府信息 - 正文\n青峰县第十八届人民代表大会第二次会议隆重开幕\n发布日期:2023-02-13\n"
            "2月12日上午,大会开幕。县长作政府工作报告。")
    assert _areas(text, "front") == [("other", "青峰县第十八届人民代表大会第二次会议隆重开幕")]


def test_the_highlights_an_overview_leads_with_a_dash_are_its_topics():
    text = ("青峰县政府工作报告\n一、2022年工作回顾\n2022年,是极不平凡的一年。\n——综合实力更强。地区生产总值增长5%。\n"
            "——发展后劲更足。新开工项目30个。\n二、2023年工作安排\n新增就业2000人。")
    assert _areas(text, "topic") == [("review", "综合实力更强"), ("review", "发展后劲更足")]

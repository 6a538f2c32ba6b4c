"""Generic knowledge as data: type suffixes, cue words, boundary words, units and qualifiers.

Nothing here names a particular region, enterprise or project: these are the
words any Chinese government work report uses, so the rules that read them
carry over to reports the project has never seen.
"""

from __future__ import annotations

__all__ = [
    "TYPE_SUFFIXES",
    "WEAK_SUFFIXES",
    "ENTERPRISE_CUES_BEFORE",
    "ENTERPRISE_CUES_AFTER",
    "INSTITUTION_CUES_BEFORE",
    "BOUNDARY_WORDS",
    "NAME_WORDS",
    "STOP_WORDS",
    "GENERIC_MODIFIERS",
    "BOUNDARY_CHARS",
    "GENERIC_NAMES",
    "UNIT_BASES",
    "RATE_VERBS",
    "UNIT_MAGNITUDES",
    "QUALIFIERS_BEFORE",
    "QUALIFIERS_AFTER",
    "GROWTH_UP",
    "GROWTH_DOWN",
    "INDICATOR_SYNONYMS",
    "TARGET_AUX_LEADS",
    "TARGET_AUX_TAILS",
    "FLOW_MARKERS",
    "REVIEW_HEADINGS",
    "PLAN_HEADINGS",
    "CLOSING_OPENERS",
    "SPEAKER_TITLES",
    "REGION_SUFFIXES",
    "RELATION_CUES",
    "BODY_STEMS",
]

# Type suffixes, longest first where one contains another. The type is the one a
# name with that ending most often has; evaluation accepts either of two types
# where the guide says so.
TYPE_SUFFIXES: dict[str, str] = {
    # Enterprise
    "集团": "Enterprise", "有限公司": "Enterprise", "股份公司": "Enterprise", "公司": "Enterprise",
    "银行": "Enterprise", "基金": "Enterprise", "电子": "Enterprise", "科技": "Enterprise",
    "制药": "Enterprise", "药业": "Enterprise", "机械": "Enterprise", "股份": "Enterprise",
    "控股": "Enterprise", "实业": "Enterprise", "医疗": "Enterprise", "光电": "Enterprise",
    "电气": "Enterprise", "材料": "Enterprise", "汽车": "Enterprise", "物流": "Enterprise",
    "精密": "Enterprise", "新能源": "Enterprise", "半导体": "Enterprise", "生物": "Enterprise",
    "智能": "Enterprise", "证券": "Enterprise", "上市公司": "Enterprise",
    "保险": "Enterprise", "酒店": "Enterprise", "百货": "Enterprise",
    "广场": "Project", "商城": "Project",
    # Institution
    "大学": "Institution", "学院": "Institution", "研究院": "Institution", "科学院": "Institution",
    "工大": "Institution", "科大": "Institution", "师大": "Institution", "农大": "Institution", "医大": "Institution",
    "中大": "Institution",  # universities' short names: 哈工大, 南科大, 北师大, 港中大
    "研究所": "Institution", "研究中心": "Institution", "实验室": "Institution", "医院": "Institution",
    "服务中心": "Institution", "创新中心": "Institution", "联络中心": "Institution", "分中心": "Institution",
    "中心": "Institution", "执法局": "Institution", "管理局": "Institution", "委员会": "Institution",
    "工委": "Institution", "办公室": "Institution", "学校": "Institution", "中学": "Institution",
    "小学": "Institution", "幼儿园": "Institution", "协会": "Institution", "联盟": "Institution",
    "研究会": "Institution", "基金会": "Institution", "工作站": "Institution", "服务站": "Institution",
    "法庭": "Institution", "派出所": "Institution", "图书馆": "Institution", "博物馆": "Institution",
    "书院": "Project", "研究生院": "Institution", "孵化器": "Institution",
    "局": "Institution", "署": "Institution",
    # Project
    "产业园": "Project", "科技园": "Project", "工业园": "Project", "工业区": "Project", "园区": "Project",
    "基地": "Project", "综合体": "Project", "小镇": "Project", "航道": "Project", "公园": "Project",
    "湿地公园": "Project", "主题公园": "Project", "工程": "Project", "大道": "Project", "大桥": "Project",
    "隧道": "Project", "枢纽": "Project", "港": "Project", "码头": "Project", "体育馆": "Project",
    "体育中心": "Project", "文化中心": "Project", "艺术中心": "Project", "会议中心": "Project", "科创中心": "Institution", "会展中心": "Project",
    "集散中心": "Project", "文体中心": "Project",
    "产业化基地": "Project", "示范区": "Project", "街区": "Project", "片区": "Project", "新城": "Project",
    "安置房": "Project", "保障房": "Project", "地块": "Project", "系统": "Project", "平台": "Project", "项目": "Project",
    "西延": "Project", "东段": "Project", "西段": "Project", "南段": "Project", "北段": "Project", "高新区段": "Project", "东延": "Project", "南延": "Project", "北延": "Project", "改造": "Project",
    "景观提升工程": "Project", "对接道路": "Project", "道路": "Project", "国道": "Project",
    "高速": "Project", "快速路": "Project", "轨道交通": "Project", "地铁": "Project", "驿站": "Project",
    "医院项目": "Project", "田园综合体": "Project", "产业园区": "Project", "创业园": "Project",
    "孵化园": "Project", "苑": "Project", "城": "Project",
    # Village
    "村": "Village", "社区": "Village", "居委会": "Village",
    # Initiative
    "计划": "Initiative", "行动": "Initiative", "专项行动": "Initiative", "责任制": "Initiative",
    "机制": "Initiative", "活动": "Initiative", "大赛": "Initiative", "主题教育": "Initiative",
    "试点": "Initiative", "专项整治": "Initiative", "专项斗争": "Initiative", "制度": "Initiative",
    "长制": "Initiative",
    # more heads of the same kinds, as district and city reports write them
    "资本": "Enterprise", "创投": "Enterprise", "能源": "Enterprise", "通信": "Enterprise",
    "传媒": "Enterprise", "食品": "Enterprise", "化工": "Enterprise", "重工": "Enterprise",
    "置业": "Enterprise", "地产": "Enterprise", "合作社": "Enterprise", "商会": "Institution",
    "事务所": "Institution", "检察院": "Institution", "法院": "Institution", "卫生院": "Institution",
    "党校": "Institution", "设计院": "Institution", "医学院": "Institution", "附属医院": "Institution",
    "人民医院": "Institution", "中医院": "Institution", "妇幼保健院": "Institution", "养老院": "Institution",
    "敬老院": "Institution", "福利院": "Institution", "指挥中心": "Institution", "检测中心": "Institution",
    "仲裁院": "Institution", "工作室": "Institution", "联合会": "Institution", "促进会": "Institution",
    "俱乐部": "Institution", "乐团": "Institution", "艺术团": "Institution", "剧团": "Institution",
    "合唱团": "Institution", "车管所": "Institution",
    "院": "Institution", "研究室": "Institution", "监察局": "Institution", "分局": "Institution",
    "通道": "Project", "公馆": "Project", "号线": "Project", "厂": "Project", "院区": "Project",
    "综合楼": "Project", "大楼": "Project", "大厦": "Project", "立交": "Project", "绿道": "Project",
    "碧道": "Project", "廊道": "Project", "通廊": "Project", "走廊": "Project", "花园": "Project",
    "体育场": "Project", "运动场": "Project", "游泳馆": "Project", "科技馆": "Project", "美术馆": "Project",
    "文化馆": "Project", "纪念馆": "Project", "展览馆": "Project", "艺术馆": "Project", "剧院": "Project",
    "大剧院": "Project", "音乐厅": "Project", "旅游区": "Project", "景区": "Project", "度假区": "Project",
    "合作区": "Project", "综保区": "Project", "保税区": "Project", "开发区": "Project", "集聚区": "Project", "试验区": "Project", "产业带": "Project", "飞地": "Project",
    "港区": "Project", "机场": "Project", "站": "Project", "物流园": "Project", "创新园": "Project",
    "园": "Project", "管廊": "Project", "水库": "Project", "公路": "Project",
    "铁路": "Project", "城际": "Project", "停车场": "Project", "小区": "Project",
    "一期": "Project", "二期": "Project", "三期": "Project", "四期": "Project", "五期": "Project",
    "六期": "Project", "七期": "Project", "八期": "Project", "九期": "Project",
    "新村": "Village",
    "整治": "Initiative", "综合整治": "Initiative", "综合治理": "Initiative", "战役": "Initiative", "攻坚战": "Initiative",
    "保卫战": "Initiative", "歼灭战": "Initiative", "深化年": "Initiative", "提升年": "Initiative",
    "减负年": "Initiative", "治理年": "Initiative", "攻坚年": "Initiative", "落实年": "Initiative",
    "建设年": "Initiative", "服务年": "Initiative", "效能年": "Initiative", "研讨会": "Initiative",
    "大会": "Initiative", "推介会": "Initiative", "洽谈会": "Initiative", "交流会": "Initiative",
    "交会": "Initiative", "博会": "Initiative", "洽会": "Initiative", "贸会": "Initiative",  # 交易会, 博览会… cut short
    "节": "Initiative", "赛": "Initiative", "巡回赛": "Initiative", "马拉松赛": "Initiative",
    "延段": "Project", "支线": "Project", "建设": "Initiative", "联络道": "Project", "客专": "Project",
    "新馆": "Project", "新院区": "Project", "科学装置": "Project", "大科学装置": "Project", "大队": "Institution", "支队": "Institution",
    "革命": "Initiative", "论坛": "Initiative", "峰会": "Initiative", "博览会": "Initiative",
    "交易会": "Initiative", "文化节": "Initiative", "艺术节": "Initiative", "旅游节": "Initiative",
    "音乐节": "Initiative", "读书节": "Initiative", "马拉松": "Initiative", "联赛": "Initiative",
    "锦标赛": "Initiative", "邀请赛": "Initiative", "公开赛": "Initiative", "运动会": "Initiative",
    "文化月": "Initiative", "消费月": "Initiative", "旅游月": "Initiative", "购物月": "Initiative",
    "消费季": "Initiative", "购物季": "Initiative", "狂欢季": "Initiative", "旅游季": "Initiative",
    "口岸": "Project", "科技城": "Project", "航站楼": "Project", "卫星厅": "Project", "校区": "Project",
    "音乐会": "Initiative", "双年展": "Initiative", "展示馆": "Project",
    "中试线": "Project", "生产线": "Project", "中试基地": "Project", "交所": "Institution", "交易所": "Institution",
    "比赛": "Initiative", "大展": "Initiative", "时装周": "Initiative", "设计周": "Initiative",
    "文化周": "Initiative", "艺术周": "Initiative", "电影周": "Initiative", "美食周": "Initiative", "科技周": "Initiative",
    "服务月": "Initiative", "宣传月": "Initiative", "活动月": "Initiative", "宣传周": "Initiative",
    "活动周": "Initiative", "演练": "Initiative", "生活圈": "Initiative", "服务圈": "Initiative",
    "负责制": "Initiative", "承诺制": "Initiative", "代办制": "Initiative", "清单制": "Initiative",
    # built things whose head ends in a character that would read them otherwise (``度假村`` is no village)
    "度假村": "Project", "安置区": "Project", "填埋场": "Project", "统建楼": "Project", "公寓": "Project", "社康中心": "Institution",
}

# Suffixes too common as plain words to make a name on their own: a name with
# one of them needs a cue (quotes, an enumeration, a cue verb, a distinctive prefix).
WEAK_SUFFIXES = frozenset({
    "科技", "信息", "智能", "材料", "生物", "医疗", "汽车", "物流", "保险", "中心", "局", "署",
    "系统", "平台", "项目", "改造", "城", "苑", "港", "制度", "机制", "活动", "计划", "行动",
    "工程", "道路", "片区", "示范区", "基金", "股份", "电子", "精密", "新能源", "半导体", "光电",
    "电气", "地块", "驿站", "学院", "学校", "小学", "中学", "幼儿园", "医院", "试点", "广场",
    "商城", "街区", "新城", "服务站", "工作站", "委员会", "办公室", "联盟", "协会", "机械",
    "控股", "实业", "药业", "百货", "酒店", "证券", "地铁", "园区",
    "资本", "能源", "电力", "通信", "传媒", "食品", "化工", "装备", "地产", "合作社", "商会", "院",
    "工作室", "俱乐部", "通道", "厂", "大楼", "花园", "走廊", "站", "园", "公路", "铁路", "小区",
    "一期", "二期", "三期", "四期", "五期", "六期", "七期", "八期", "九期", "整治", "综合整治", "综合治理",
    "革命", "论坛", "演练", "战役", "新村", "景区", "节", "赛", "大会", "大队", "支队",
    "推介会", "洽谈会", "研讨会", "交流会", "孵化器", "上市公司", "股份公司", "创新中心", "公园", "游泳馆",
    "建设", "公寓", "统建楼", "社康中心", "科技城", "生产线", "比赛", "集聚区", "交易所",
})

# Verbs right before a body that say it is created (``挂牌成立碧川区市场监管服务局``): such a body is an
# institution even when its name is made of common words (``反诈骗中心``).
INSTITUTION_CUES_BEFORE = ("成立", "组建", "设立", "挂牌", "筹建", "新设", "揭牌")


# Words right before a name that say it is a company (引进 X, 签约 X).
ENTERPRISE_CUES_BEFORE = ("成功引进", "引进", "签约", "新引进", "招引", "落地", "培育", "扶持", "支持", "组织")
# Words right after a name (or its enumeration) that say it is a company.
ENTERPRISE_CUES_AFTER = (
    "落户", "签约", "投产", "增资", "上市", "总部", "实现营业收入", "营业收入", "成为", "获评",
    "入选", "入围", "跻身", "等企业", "等一批", "估值", "等重点企业", "等龙头企业", "等项目",
)

# Short forms of government departments, before 委/部/局/厅/办 (``发改委``, ``住建部``): jieba cuts
# them apart (``住|建部``), so they are matched in the text.
BODY_STEMS = (
    "发改", "发展改革", "工信", "经信", "工业和信息化", "住建", "住房城乡建设", "住房和城乡建设", "规划国土", "规土",
    "国土", "自然资源", "生态环境", "人社", "人力资源社会保障", "卫健", "卫计", "卫生计生", "文旅", "文广旅体",
    "文体旅游", "文广新", "教育", "科技", "科创", "民政", "财政", "公安", "司法", "商务", "水务", "水利", "交通运输",
    "交通", "农业农村", "市场监管", "应急管理", "城管", "国资", "侨务", "外事", "金融", "医保", "退役军人事务",
)
# Relation cue verbs: the verb and the relation it states.
RELATION_CUES = {
    "共建": "partner", "合作": "partner", "联合": "partner", "携手": "partner",
    "引进": "introduced", "引入": "introduced", "落户": "locatedIn", "签约": "introduced",
}

# Words that cannot be inside a name and so mark where one starts: verbs and
# adverbs of government action, prepositions, conjunctions, quantity words.
BOUNDARY_WORDS = frozenset("""
推进 推动 加快 加速 加强 加大 建设 建成 建立 建好 完成 实现 实施 开展 开工 竣工 投运 投用 投入 启动 启用
引进 引入 签约 落户 落地 共建 揭牌 挂牌 成立 设立 组建 新建 新增 扩建 改建 新改建 新改扩建 打造 培育
获批 筹建 获评 获得 荣获 入选 入围 跻身 成为 列入 纳入 对接 依托 围绕 推广 深化 深入 全面 全力 大力 积极
持续 稳步 有序 扎实 切实 不断 进一步 高标准 高质量 高水平 高规格 高效 运作 运营 服务 举办 组织 参与
参加 承办 召开 支持 鼓励 引导 做好 抓好 办好 用好 提升 提高 优化 完善 强化 巩固 拓展 谋划 规划 布局
评选 争创 创建 创成 争取 力争 确保 着力 聚焦 坚持 突出 重点 主动 率先 首次 首批 首家 首个 成功 顺利
正式 基本 已经 已 将 要 并 并且 以及 及 和 与 同 跟 或 等 等一批 一批 一系列 各类 各项 全年 今年 明年
去年 年内 目前 其中 分别 累计 共 总 在 于 对 为 向 从 由 把 将 被 以 按照 通过 结合 携手 协同
的 之 了 是 有 由于 为了 关于 加上 还 也 都 又 再 更 最 实施 落实 贯彻 配合 保障 帮助 吸引 集聚 聚集
老 原 现 各 全 本 该 其 此 这 那 这些 那些 一个 两个 多个 若干 部分 相关 有关 主要 重要 重大 优质
一流 知名 龙头 骨干 重点 头部 首位 区内 镇内 县内 市内 辖区 全区 全镇 全县 全市 全省 全国 国际 国内
完善 规范 升级 改造升级 提质 扩容 改善 保护 修复 开发 利用 盘活 收储 腾退 拆除 动迁 安置
开展 深入开展 发挥 充分发挥 打赢 坚决打赢 助推 离不开 制定 出台 制定出台 做大做强 全面落实 深入落实 面向 瞄准 借助
引育 招引 联合 运作 重点服务 承接 打通 贯通 增强 为主 履行 连接 续建 迁建 援建 代建 复建 新开工 擦亮 举行 举办好 改扩建 新改扩建 健全 打好 推出 推行 全面推行 参展 打响 亲自 协调 作为 搭建 进行 移交 研究 构建 开办 做大 做强 抓 抓住 国内外 海内外 用好 建好 管好 对标 跟踪 带动 辐射 促进 加快建设 全力打造 积极创建 着力建设 建设好 运营好 启动建设 开工建设 规划建设
严格 认真 坚决 努力 大幅 显著 明显 进一步加强 全面加强 切实加强 不断完善 深入实施 全面实施 严格落实 认真落实
高品质 高起点 全要素 全链条 全覆盖 实施好 落实好 周边 沿线 期间 之间 方面 以上 以下 区域 领域 一带
实质性 全方位 多层次 新一轮 新一代 积极推进 加快推进 全力推进 大力推进 扎实推进 稳步推进 深入推进 有序推进
进展 进展顺利 进度 进程 形成 初步形成 基本形成 谨代表 啃下 攻克 大部分 大多数 多数 全部 所有
筹办 筹备 亮相 获 摘得 夺得 即 指 拥有 选址 进驻 动工 动工建设 探索 合作开发 联合开发 共同开发 建成投产 建成投用 竣工投产 达产 满产 推开 全面推开 开通 通车 建成通车 开通运营 相继 陆续 荣登 登陆 登录 当选 调整优化 扩充
""".split())

# Boundary words that also occur inside names (``城市环境品质提升行动``,
# ``安商稳商服务月活动``): a name may run across them, but does not start with one.
NAME_WORDS = frozenset("""
建设 提升 改造 整治 服务 管理 保护 修复 开发 规划 培育 创建 优化 完善 运营 升级 改造升级 提质 扩容 改善
利用 安置 动迁 国际 国内 重点 重大 重要 主要 一流 知名 龙头 骨干 头部 优质 高品质 高起点 高质量 高水平 全国
全省 全市 全区 全县 全镇 区域 领域 创新 示范 联合 研究 发展 试点 提标 综合 标准化 规范 盘活 收储 腾退 拆除 承接 孵化
""".split())

# Words that end a name on its left: verbs of government action, adverbs,
# prepositions, conjunctions, quantity words. ``推进`` | ``城北片区更新``.
STOP_WORDS = BOUNDARY_WORDS - NAME_WORDS

# Modifiers that make a category, not a name: ``省级现代农业产业园`` names a kind of park.
GENERIC_MODIFIERS = ("国家级", "省级", "市级", "区级", "县级", "镇级", "乡级", "街道级", "社区级", "村级", "国家", "省", "市", "区", "县", "镇",
                     "新型", "现代", "传统", "大型", "小型", "重点", "优质", "综合", "公共", "各类", "各级", "特色",
                     "高端", "新兴", "龙头", "骨干", "中小", "一批", "一流", "标杆", "示范", "专业", "智慧", "数字")

# Characters that never belong to a name.
BOUNDARY_CHARS = frozenset("，,。．；;：:！!？?、（）()“”\"'‘’《》<>【】[]{}—-~～/\\|·…+＋\n\t ")


# Phrases with a type suffix that are generic categories, never names.
GENERIC_NAMES = frozenset("""
跨国公司 上市公司 国有企业 民营企业 外资企业 省级特色小镇 特色小镇 科技小镇
中小学 农贸市场 幼儿园 社区 农村 乡村 新农村 村 村级 全村 各村 行政村 自然村 城中村 中心村 村居 村社区
社区卫生服务中心 卫生服务中心 服务中心 政务服务中心 便民服务中心 党群服务中心 新时代文明实践中心
科技企业 高新技术企业 企业 公司 集团 工业区 产业园 科技园 基地 园区 综合体 小镇 实验室 研究院 大学 学院
中心 项目 工程 平台 系统 计划 行动 活动 机制 制度 试点 专项行动 专项整治 三年行动计划 行动计划
重大项目 重点项目 产业项目 民生项目 基础设施项目 市政工程 民生工程 民心工程 实事工程 惠民工程 基础工程
创新中心 研发中心 技术中心 企业技术中心 工程技术研究中心 孵化器 众创空间 加速器 数据中心 指挥中心
示范区 先行区 示范基地 教育基地 实践基地 生产基地 研发基地 产业基地 产业化基地 城市 城区 老城区 新城区
智慧城市 海绵城市 文明城市 卫生城市 园林城市 中心城区 核心区 功能区 片区 街区 商圈 公园 口袋公园 小游园
银行 基金 产业基金 基金会 协会 联盟 医院 学校 科技 电子 信息 智能 汽车 物流 保险 医疗 生物 材料
安置房 动迁安置房 保障房 人才公寓 地块 道路 河道 航道 国道 高速 驿站 市民驿站 服务站 工作站
PPP项目 城市更新项目 三大攻坚战 生态文明建设 精神文明建设 物质文明建设 党风廉政建设 廉政建设 作风建设 生态文明体系建设 生态文明制度建设
局 署 委员会 办公室 工委 党工委 管委会 居委会 村委会 人大 政协 政府 人民政府 法院 检察院
会计师事务所 律师事务所 税务师事务所 事务所 社区服务中心 社区综合服务中心 社区文化服务中心 社区综合性文化服务中心
重点投资项目 重大投资项目 政府投资项目 央企集团 国企集团 企业集团 大型集团 龙头集团 瞪羚企业 独角兽企业 高成长性企业 专精特新企业 小巨人企业 单项冠军企业
综合性大学 研究型大学 应用型大学 新型研究型大学 一流大学 高水平大学 综合性医院 专科医院 综合医院 社区医院
三甲医院 二甲医院 三级医院 二级医院 博士后工作站 博士后科研工作站 博士后创新实践基地 院士工作站 院士专家工作站 联合实验室 重点实验室 工程实验室
""".split())

PLACE_SUFFIXES = ("省", "市", "县", "区", "镇", "乡", "街道", "国", "州", "河", "江", "湖", "湾", "路", "街")

# Unit grammar: an optional magnitude then a base unit, both kept as written.
UNIT_MAGNITUDES = ("万亿", "千亿", "百亿", "十亿", "亿", "千万", "百万", "十万", "万", "千", "百")
UNIT_BASES = (
    "微克/立方米", "毫克/立方米", "吨/日", "吨/天", "立方米/日", "立方米/秒", "个百分点", "百分点", "平方公里", "平方千米", "平方米", "立方米", "美元", "欧元", "港元", "元",
    "公里", "千米", "米", "公顷", "亩", "吨", "千瓦时", "千瓦", "瓦", "度", "标箱", "TEU",
    "人次", "户次", "次", "家", "个", "名", "件", "户", "人", "位", "项", "座", "套", "场", "所", "条",
    "处", "支", "辆", "台", "张", "间", "栋", "幢", "宗", "笔", "起", "例", "批", "只", "头", "株", "棵",
    "册", "部", "首", "期", "类", "种", "款", "强", "斤", "公斤", "千克", "小时", "天", "年",
    "倍", "床", "张床", "个工作日", "工作日", "人年", "对", "连冠", "微克", "岁", "班", "所", "片", "块", "段", "根", "本", "篇", "份", "单", "票", "口",
    "%", "‰", "批次", "趟", "场次", "分钟",
    # counts of living things, editions, vessels and trips, scores, tenths, months, power
    "尾", "羽", "届", "艘", "架", "匹", "盏", "车次", "架次", "班次", "辆次", "航次", "分", "成", "个月", "兆瓦", "㎡",
    # a bare magnitude (``安排149亿财政预算``): tried last, after every magnitude with a base
    "亿", "万",
)

# Qualifiers before a number (超 5 亿元) and after it (400 余场, 10% 以上).
QUALIFIERS_BEFORE = ("累计达到", "累计达", "超过", "突破", "达到", "接近", "不低于", "不少于", "低于", "高于",
                     "累计", "预计", "约", "超", "近", "达", "逾", "约为", "仅", "共", "第")
QUALIFIERS_AFTER = ("以上", "以内", "以下", "左右", "余", "多")

# Verbs of a change: a figure right after one is a growth rate (or a bare change).
GROWTH_UP = ("增长", "提高", "增加", "上升", "提升", "增幅")
GROWTH_DOWN = ("下降", "减少", "降低", "压减", "压降", "降幅")

# Verbs that make a percentage before them a rate (``帮扶100%达标`` -> 帮扶达标率)
RATE_VERBS = frozenset({"达标", "覆盖", "完成", "合格", "办结", "落实", "到位", "入学", "就业", "参保", "联网", "接入"})

# Standard statistical indicators under the names reports vary them by: variant -> the name
# the statistics use. Only variants that name the same quantity.
INDICATOR_SYNONYMS = {
    "全社会固定资产投资": "固定资产投资", "全社会固定资产投资总额": "固定资产投资", "固定资产投资总额": "固定资产投资",
    "地方一般公共预算收入": "一般公共预算收入", "一般公共财政预算收入": "一般公共预算收入",
    "地方一般公共财政预算收入": "一般公共预算收入", "公共财政预算收入": "一般公共预算收入",
    "一般公共财政预算支出": "一般公共预算支出", "地方一般公共预算支出": "一般公共预算支出",
    "规模以上工业增加值": "规上工业增加值", "规模以上工业总产值": "规上工业总产值", "规模以上工业产值": "规上工业总产值",
    "规上工业产值": "规上工业总产值", "社会消费品零售额": "社会消费品零售总额",
    "外贸进出口总额": "进出口总额", "外贸进出口": "进出口总额", "进出口": "进出口总额",
    "本地生产总值": "地区生产总值", "全区生产总值": "地区生产总值", "全市生产总值": "地区生产总值",
    "全县生产总值": "地区生产总值", "全镇生产总值": "地区生产总值", "本区生产总值": "地区生产总值",
    "生产总值": "地区生产总值", "GDP": "地区生产总值", "地区GDP": "地区生产总值",
    "城镇居民人均可支配收入": "城镇常住居民人均可支配收入", "农村居民人均可支配收入": "农村常住居民人均可支配收入",
    "研发投入占比": "全社会研发投入占比", "研发经费投入占比": "全社会研发投入占比",
    "实际利用外资": "实际使用外资", "城镇登记失业率": "城镇登记失业率",
}


# Words around an indicator's name that say how a figure is aimed at or stated, not which
# quantity it is (``力争新增…``, ``…比重保持``, ``提高…比重至``): matching drops them.
TARGET_AUX_LEADS = ("——", "—", "力争", "确保", "争取", "保持", "全年", "年内", "今年", "当年", "提高")
TARGET_AUX_TAILS = ("保持", "至", "达到", "达")

# Words that make a count a flow (what the year added), and the kind of flow each says:
# ``新增`` is any addition; the others must agree (what was brought in is not what was started).
FLOW_MARKERS = {
    "新增": "", "新引进": "in", "引进": "in", "引入": "in", "新建": "build", "新开工": "start",
    "新认定": "certify", "新培育": "grow", "新设": "set",
}


# Part headings: the words that open the review part and the plan part.
REVIEW_HEADINGS = ("工作回顾", "回顾", "过去一年", "过去五年", "一年来工作", "主要工作", "工作总结", "发展成就")
# words that make a heading look back, even one that names a year's work (``2020年主要工作``, usually the plan)
REVIEW_ONLY = ("回顾", "成就", "总结")
PLAN_HEADINGS = ("工作安排", "工作思路", "主要任务", "工作任务", "总体要求", "目标任务", "重点工作",
                 "工作建议", "工作部署", "主要目标", "重点任务", "工作打算", "工作计划")

# Paragraph openings that close a part (thanks, the government's own conduct,
# problems and challenges) rather than continue its last section.
CLOSING_OPENERS = ("各位代表", "这一年来", "一年来", "过去的一年", "过去一年", "回顾一年", "成绩来之不易",
                   "在肯定成绩", "在看到成绩", "在成绩面前", "我们也清醒", "我们也清醒地", "同时，我们",
                   "同时,我们", "当前", "只有", "面对新形势", "新的一年", "让我们", "五年来")

SPEAKER_TITLES = ("代理镇长", "代镇长", "镇长", "代理县长", "代县长", "县长", "代理区长", "代区长", "区长",
                  "代理市长", "代市长", "市长", "代理省长", "代省长", "省长", "乡长", "主任", "代主任", "旗长", "州长")

# Endings of a region name, the administrative level they imply.
REGION_SUFFIXES = {
    "自治区": "province", "省": "province", "自治州": "prefecture", "市": "city", "州": "prefecture",
    "盟": "prefecture", "新区": "district", "区": "district", "县": "county", "旗": "county",
    "镇": "town", "乡": "town", "街道": "subdistrict",
}

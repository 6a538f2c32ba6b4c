"""Generate a corpus of realistic made-up work reports, for the tests and for ``bench/corpus_throughput.py``.

Each report follows the shape of a county report (``tests/fixtures/qinghe-2021.txt``):
a title block (region, date, meeting, speaker), a review part and a plan part with
numbered sections, and paragraphs whose sentence skeletons come from real reports
while every proper name is invented from generic syllables and every figure drawn
at random. Regions get consecutive years, so that a target set in year N's plan
meets the actual stated in year N+1's review: ``Report.promises`` says which
verdict each designed target should get.

>>> r = make_report("澄溪县", 2021, seed=1)
>>> r.text.splitlines()[0], r.name
('澄溪县人民政府工作报告', 'chengxi-xian-2021.txt')
>>> len(make_corpus(regions=2, years=3)), len(make_report("澄溪县", 2021, seed=1, paragraphs=40).text.encode()) > 10000
(6, True)
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Report", "make_report", "make_corpus", "write_corpus", "region_names"]

# generic syllables (with a pinyin for file names): no name of a real seed report
_SYLLABLES = [("澄", "cheng"), ("溪", "xi"), ("岚", "lan"), ("禾", "he"), ("桐", "tong"), ("汀", "ting"),
              ("泓", "hong"), ("璟", "jing"), ("芮", "rui"), ("柯", "ke"), ("棠", "tang"), ("沅", "yuan"),
              ("蔚", "wei"), ("朔", "shuo"), ("榆", "yu"), ("崧", "song"), ("翊", "yi"), ("霁", "ji"),
              ("琮", "cong"), ("珂", "ke"), ("楠", "nan"), ("峤", "qiao"), ("湄", "mei"), ("昱", "yu")]
_LEVELS = [("县", "xian", "县长"), ("镇", "zhen", "镇长"), ("区", "qu", "区长")]
_SURNAMES = "王李张刘陈杨赵黄周吴"
_GIVEN = "建国明华志远文海平俊新宇"
_INDUSTRY = ["新材料", "智能装备", "光电", "电子", "生物", "精密机械", "新能源", "药业", "电气", "汽车零部件"]
_LEGAL = ["", "", "集团", "科技", "股份"]
_PROJECT = ["产业园", "物流园", "生产基地", "扩能项目", "智慧园区"]
_INSTITUTION = ["人民医院", "实验小学", "第二中学", "文化艺术中心", "政务服务中心", "科技孵化器"]
_INITIATIVE = ["老旧小区改造", "农村人居环境整治", "安全生产专项整治", "营商环境提升行动"]
_NUMBERS = "一二三四五六七八九十"

# sentence skeletons of real reports; {e}, {p}, {i}, {v}, {n} are names, {x...} figures
_REVIEW = [
    "项目建设提速增效。坚持把项目建设作为稳增长的“压舱石”，实行重点项目全周期跟踪服务。全年实施亿元以上重点项目{a}个，"
    "完成投资{b}亿元。{e1}{p1}建成投产，{e2}{p2}开工建设。成功签约{e3}、{e4}等亿元以上产业项目{c}个，产业链条进一步延伸。",
    "产业转型步伐加快。新增规上工业企业{a}家，总数达到{c}家。推进{w1}、{w2}等老旧工业园改造提升，腾退低效企业。"
    "{e1}、{e2}入选省级智能制造示范工厂，传统产业焕发新的活力。",
    "创新动能持续增强。{e1}与{u1}共建联合实验室，{e2}获评国家级专精特新“小巨人”企业。全年新增高新技术企业{a}家，"
    "技术合同成交额{b}亿元。",
    "乡村振兴扎实推进。{v1}、{v2}获评省级美丽宜居村庄，{v3}入选全国乡村旅游重点村。扎实开展{i1}，"
    "新改建农村公路{b}公里，完成农村户厕改造{c}户。",
    "民生福祉持续改善。{u1}新院区建成启用，{u2}投入使用，新建幼儿园{a}所。深入推进{i1}，"
    "改造老旧小区{c}个，惠及居民{b}万户。",
    "城市功能不断完善。{p1}、{p2}加快建设，新建改造城市道路{b}公里，新增城市绿地{a}万平方米。",
]
_PLAN = [
    "做大做强主导产业。聚焦{k1}、{k2}等主导产业，着力延链补链强链。支持{e1}实施二期扩能，推动{e2}{p1}年内投产，"
    "加快{e3}{p2}建设。实施工业企业技改提效行动，推动{e4}等传统企业智能化改造。",
    "全力招大引强。紧盯长三角、粤港澳大湾区产业转移，大力开展产业链招商。推动{e1}、{e2}项目年内开工，开工建设{r}{p1}。"
    "强化用地、用能、资金等要素保障，对重大项目实行容缺受理、并联审批。",
    "全面推进乡村振兴。持续开展{i1}，支持{v1}、{v2}发展特色产业，打造{v3}田园综合体。",
    "办好民生实事。建成{u1}综合楼，推动{u2}扩容提质，深入实施{i1}。",
]


@dataclass(frozen=True)
class Report:
    """One generated report: its file name, its text and the verdict its designed targets should get."""

    name: str
    region: str
    year: int
    text: str
    promises: dict[str, str] = field(default_factory=dict)  # indicator -> verdict, of this year's targets


def region_names(n: int, seed: int = 0) -> list[tuple[str, str, str]]:
    """``n`` distinct invented regions as ``(name, file stem, speaker's title)``."""
    rng, names = random.Random(seed), {}
    while len(names) < n:
        (a, pa), (b, pb) = rng.sample(_SYLLABLES, 2)
        level, plevel, title = rng.choice(_LEVELS)
        names.setdefault(a + b + level, (f"{pa}{pb}-{plevel}", title))
    return [(name, stem, title) for name, (stem, title) in names.items()]


def make_report(region: str, year: int, seed: int = 0, paragraphs: int = 12, stem: str | None = None,
                title: str = "县长") -> Report:
    """The report of ``region`` for ``year``; the same arguments give the same text."""
    rng = random.Random(f"{region}{year}{seed}")
    targets, actuals = _targets(random.Random(f"{region}{year}")), _targets(random.Random(f"{region}{year - 1}"))
    reached = _actuals(random.Random(f"{region}{year}actual"), actuals)
    short = region[:-1]
    lines = [f"{region}人民政府工作报告", f"——{year}年1月{rng.randint(8, 28)}日在{region}第十七届人民代表大会第"
             f"{_NUMBERS[year % 5]}次会议上", f"{title}　{rng.choice(_SURNAMES)}{''.join(rng.sample(_GIVEN, 2))}",
             "各位代表：", f"　　现在，我代表{region}人民政府，向大会报告政府工作，请予审议。",
             f"　　一、{year - 1}年工作回顾", _review_overview(year - 1, actuals, reached)]
    lines += _sections(rng, _REVIEW, short, paragraphs // 2,
                       ["坚持项目为王，经济实力稳步增强", "聚焦民生福祉，社会事业全面进步"])
    lines += [f"　　二、{year}年工作安排", _plan_overview(year, targets), "　　为实现上述目标，重点抓好以下工作："]
    lines += _sections(rng, _PLAN, short, paragraphs - paragraphs // 2, ["坚持工业强县，加快构建现代产业体系",
                                                                       "坚持人民至上，不断增进民生福祉"])
    lines.append("　　新征程催人奋进，新使命重任在肩。让我们凝心聚力、奋发有为，奋力谱写现代化建设新篇章！")
    return Report(name=f"{stem or _stem(region)}-{year}.txt", region=region, year=year, text="\n".join(lines) + "\n",
                  promises=_verdicts(targets, _actuals(random.Random(f"{region}{year + 1}actual"), targets)))


def _targets(rng: random.Random) -> dict[str, float]:
    return {"growth": rng.choice([6, 6.5, 7, 7.5, 8]), "revenue": rng.randint(20, 90),
            "unemployment": rng.choice([3, 3.5, 4]), "places": rng.randint(10, 40) * 100}


def _actuals(rng: random.Random, t: dict[str, float]) -> dict[str, float]:
    """What the next year's review states: each figure above or below its target, at random."""
    return {"growth": t["growth"] + rng.choice([-1, -0.5, 0.3, 1]), "revenue": t["revenue"] + rng.choice([-3, -1, 2, 5]),
            "unemployment": round(t["unemployment"] + rng.choice([-0.6, -0.2, 0.4]), 1),
            "gdp": rng.randint(150, 900)}


def _verdicts(t: dict[str, float], a: dict[str, float]) -> dict[str, str]:
    return {"地区生产总值": "met" if a["growth"] >= t["growth"] - 0.5 else "missed",  # 增长X%左右: half a point
            "一般公共预算收入": "met" if a["revenue"] >= t["revenue"] else "missed",
            "城镇登记失业率": "met" if a["unemployment"] <= t["unemployment"] else "missed",
            "新增学位": "not reported"}


def _num(x: float) -> str:
    return f"{x:g}"


def _review_overview(year: int, t: dict[str, float], a: dict[str, float]) -> str:
    return (f"　　{year}年，全县上下坚持稳中求进工作总基调，较好完成了年初确定的主要目标任务。全年完成地区生产总值"
            f"{a['gdp']}亿元,增长{_num(a['growth'])}%。一般公共预算收入{_num(a['revenue'])}亿元。"
            f"城镇登记失业率{_num(a['unemployment'])}%。")


def _plan_overview(year: int, t: dict[str, float]) -> str:
    return (f"　　{year}年经济社会发展的主要预期目标为:地区生产总值增长{_num(t['growth'])}%左右,一般公共预算收入"
            f"{_num(t['revenue'])}亿元,城镇登记失业率控制在{_num(t['unemployment'])}%以内,新增学位{t['places']}个。")


def _sections(rng: random.Random, skeletons: list[str], short: str, count: int, titles: list[str]) -> list[str]:
    lines = []
    for n, heading in enumerate(titles):
        lines.append(f"　　（{_NUMBERS[n]}）{heading}")
        lines += ["　　" + _fill(rng, rng.choice(skeletons), short) for _ in range(max(1, count // len(titles)))]
    return lines


def _fill(rng: random.Random, skeleton: str, short: str) -> str:
    def word() -> str:
        return "".join(s for s, _ in rng.sample(_SYLLABLES, 2))

    names = {f"e{k}": word() + rng.choice(_INDUSTRY) + rng.choice(_LEGAL) for k in range(1, 5)}
    names.update({f"p{k}": rng.choice(_PROJECT) for k in range(1, 3)})
    names.update({f"u{k}": short + rng.choice(_INSTITUTION) for k in range(1, 3)})
    names.update({f"v{k}": word() + "村" for k in range(1, 4)})
    names.update({f"w{k}": word() for k in range(1, 3)})
    names.update({f"k{k}": rng.choice(_INDUSTRY) for k in range(1, 3)})
    names.update(i1=rng.choice(_INITIATIVE), r=short, a=rng.randint(3, 60), b=round(rng.uniform(1, 200), 1),
                 c=rng.randint(10, 500))
    return skeleton.format(**names)


def _stem(region: str) -> str:
    pinyin = dict(_SYLLABLES) | {level: p for level, p, _ in _LEVELS}
    return f"{pinyin.get(region[0], 'x')}{pinyin.get(region[1], 'x')}-{pinyin.get(region[-1], 'x')}"


def make_corpus(regions: int = 2, years: int = 2, first_year: int = 2019, paragraphs: int = 12,
                seed: int = 0) -> list[Report]:
    """``regions`` regions with reports for ``years`` consecutive years each."""
    return [make_report(name, year, seed, paragraphs, stem, title) for name, stem, title in region_names(regions, seed)
            for year in range(first_year, first_year + years)]


def write_corpus(folder: str | Path, reports: list[Report]) -> list[Path]:
    """Write the reports as UTF-8 text files into ``folder``; their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for r in reports:
        (folder / r.name).write_text(r.text, encoding="utf-8")
        paths.append(folder / r.name)
    return paths

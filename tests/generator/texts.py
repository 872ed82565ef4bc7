"""Chinese document texts: deeds (事迹材料), studio report, achievements box, awards, proofs, opinions.

Lengths are counted in non-whitespace characters (punctuation included), see `nonws`.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from .identity import Expert, Unit

_WS = re.compile(r"\s+")


def nonws(text: str) -> int:
    """Number of non-whitespace characters."""
    return len(_WS.sub("", text))


@dataclass
class Narrative:
    """A titled text document: title line(s), then (heading or None, paragraph) blocks."""
    title: str
    blocks: list[tuple[str | None, str]]
    subtitle: str | None = None
    closing: list[str] = field(default_factory=list)   # signature lines (unit, date) at the end

    def lines(self) -> list[str]:
        out = [self.title]
        if self.subtitle:
            out.append(self.subtitle)
        for head, para in self.blocks:
            if head:
                out.append(head)
            if para:
                out.append(para)
        out.extend(self.closing)
        return out

    @property
    def text(self) -> str:
        return "\n".join(self.lines())

    @property
    def chars(self) -> int:
        return nonws(self.text)


def _ctx(expert: Expert, unit: Unit, rng: random.Random) -> dict:
    p = expert.person
    he = "他" if p.gender == "男" else "她"
    level = expert.skill_level + (f"、{expert.title}" if expert.title else "")
    years = 2023 - expert.work_start_year
    return dict(
        name=p.name, he=he, occ=expert.occupation, unit=unit.name, short=unit.short_name, level=level,
        start=expert.work_start_year, years=years, yin=expert.years_in_unit, age=p.age,
        n_app=rng.randint(12, 80), n_tech=rng.randint(3, 20), n_sen=rng.randint(2, 9), n_pat=rng.randint(1, 9),
        n_prob=rng.randint(5, 40), pct=rng.randint(8, 45), wan=rng.randint(20, 600), n_train=rng.randint(200, 3000),
        n_comp=rng.randint(2, 15), n_paper=rng.randint(1, 6), n_std=rng.randint(1, 4),
        y1=rng.randint(2010, 2016), y2=rng.randint(2017, 2020), y3=rng.randint(2021, 2023),
        prize=rng.choice(["一等奖", "二等奖", "三等奖", "金奖", "银奖", "优胜奖"]),
        honor=rng.choice(["梁平区技术能手", "重庆市技术能手", "梁平区劳动模范", "巴渝工匠", "重庆市五一劳动奖章", "梁平区优秀共产党员",
                          "梁平区“明月山工匠”", "全国技术能手", "重庆市首席技师", "梁平区有突出贡献高技能人才"]),
        comp=rng.choice(["梁平区职业技能大赛", "重庆市职业技能大赛", "全国行业职业技能竞赛", "重庆市“巴渝工匠”杯技能大赛",
                         "万达开川渝统筹发展示范区职业技能竞赛", "川渝职业技能大赛"]),
        prod=rng.choice(["关键零部件", "特色产品", "主导产品", "新工艺产品", "出口产品", "预制菜系列产品", "竹编工艺品"]),
        org=rng.choice(["区总工会", "区人力社保局", "区科协", "区妇联", "团区委", "区经济信息委"]),
    )


_DEEDS_SECTIONS: list[tuple[list[str], list[str]]] = [
    (["一、扎根一线，练就过硬本领", "一、爱岗敬业，在平凡岗位上锤炼技能", "一、勤学苦练，从普通学徒成长为行业能手"], [
        "{name}同志，{age}岁，{start}年参加工作，现任{unit}{occ}岗位技术负责人，{level}。",
        "参加工作{years}年来，{he}始终坚守在生产一线，把“干一行、爱一行、钻一行”作为自己的座右铭。",
        "刚入行时，{he}只是一名普通学徒，白天跟着师傅学操作，晚上自学专业理论，笔记写满了厚厚十几本。",
        "为了练好基本功，{he}常常一个动作反复练习上百遍，手上磨出了茧子也从不叫苦。",
        "在{unit}工作的{yin}年里，{he}先后在多个岗位轮岗锻炼，熟练掌握了{occ}的全部工艺流程。",
        "{he}坚持“精益求精、追求卓越”的工作态度，对每一道工序都严格把关，经{he}手的产品合格率始终保持在百分之九十九以上。",
        "面对新设备、新工艺，{he}总是第一个上手钻研，主动查阅资料、请教厂家技术人员，很快成为单位里的“活字典”。",
        "{he}常说：“技能没有捷径，只有一遍遍地练，一点点地抠。”",
        "多年来，{he}养成了每天提前半小时到岗检查设备、下班后总结当天工作的习惯，从未发生过一起质量安全事故。",
    ]),
    (["二、攻坚克难，在技术革新中勇挑重担", "二、敢于创新，破解生产技术难题", "二、钻研技术，推动工艺革新"], [
        "{y2}年，单位{prod}生产中出现质量波动，{he}带领团队连续攻关三个月，找出了问题根源，使产品合格率提高了{pct}%。",
        "近年来，{he}主持和参与技术革新项目{n_tech}项，解决生产技术难题{n_prob}个，累计为单位节约成本{wan}万元。",
        "{he}针对传统工艺效率低、劳动强度大的问题，设计改进了专用工装夹具，生产效率提高{pct}%以上。",
        "{he}获得国家实用新型专利{n_pat}项，多项革新成果在本单位和同行业企业推广应用。",
        "在新产品试制过程中，{he}反复试验、不断优化工艺参数，编写的作业指导书被单位采纳为标准工艺文件。",
        "{he}牵头制定了{n_std}项企业内部技术标准，规范了关键工序的操作要求，有效提升了产品的一致性和稳定性。",
        "面对急难险重任务，{he}总是冲在最前面，多次在设备突发故障时连夜抢修，保障了生产任务按期完成。",
        "{he}积极推广新技术、新材料、新工艺的应用，带领班组完成了生产线的智能化改造。",
        "{he}撰写的技术论文{n_paper}篇在省级以上期刊发表，总结提炼的操作法被命名为“{name}工作法”。",
    ]),
    (["三、言传身教，培养高技能人才队伍", "三、带徒传技，发挥传帮带作用", "三、甘为人梯，倾心培养技能人才"], [
        "{he}深知一个人的力量是有限的，始终把培养年轻技能人才作为自己的重要责任。",
        "多年来，{he}先后带徒{n_app}名，其中{n_sen}人取得技师以上职业资格，多人成长为单位的技术骨干和班组长。",
        "{he}坚持“手把手教、面对面带”，根据每名徒弟的特点制定个性化培养计划，毫无保留地传授自己的绝技绝活。",
        "{he}积极参与职业技能培训和技能人才评价工作，累计为企业职工和社会人员培训{n_train}余人次。",
        "{he}指导的选手在{comp}中多次获奖，其中{n_comp}人次获得{prize}。",
        "{he}还经常深入职业院校开展技能讲座和实训指导，推动校企合作和企业新型学徒制培养。",
        "在{he}的带动下，团队形成了比学赶超、互帮互助的良好氛围，高技能人才占比逐年提高。",
        "{he}将多年积累的实践经验整理成培训教材，为单位建立起系统的技能人才培养体系打下了基础。",
    ]),
    (["四、载誉前行，彰显新时代工匠风采", "四、屡获殊荣，树立行业先进典型", "四、不忘初心，争做技能报国的践行者"], [
        "凭借精湛的技艺和突出的业绩，{he}先后荣获“{honor}”等荣誉称号。",
        "{y1}年，{he}在{comp}中获得{prize}，{y3}年被{org}表彰为先进个人。",
        "荣誉面前，{he}始终保持谦虚谨慎的作风，把荣誉当作新的起点。",
        "{he}常说，自己只是千千万万普通劳动者中的一员，能取得一点成绩离不开单位的培养和同事们的支持。",
        "今后，{he}将以技能大师工作室为平台，继续在技术攻关、技能传承、人才培养等方面发挥示范引领作用。",
        "{he}表示，将立足梁平产业发展需要，为明月山绿色发展示范带建设贡献自己的一份力量。",
        "{name}同志用实际行动诠释了劳模精神、劳动精神和工匠精神，是全区技能人才学习的榜样。",
    ]),
]

_EXTRA = [
    "{y3}年，{he}带领团队承担了单位重点项目的技术攻关任务，提出的改进方案使工期缩短了{pct}%。",
    "在日常工作中，{he}注重发现问题、分析问题、解决问题，累计提出合理化建议{n_prob}条，被采纳实施的有{n_tech}条。",
    "{he}主动关心团队成员的工作和生活，经常利用业余时间为青年职工答疑解惑，深受大家的尊敬和爱戴。",
    "{he}还积极参加{org}组织的技能志愿服务活动，走进乡镇、社区和企业开展技术指导和技能培训。",
    "围绕中国西部预制菜之都建设，{he}积极参与相关标准研究和技能培训工作，带动了一批从业人员提升技能水平。",
    "{he}参与编写的{occ}岗位培训教材，已成为区内多家企业和培训机构的指定教材。",
    "在新冠肺炎疫情期间，{he}坚守岗位，带领团队克服人员不足等困难，确保了生产经营稳定。",
    "{he}始终把安全生产放在首位，组织开展岗位练兵和应急演练{n_comp}次，团队连续多年保持安全生产零事故。",
    "多年来，{he}每年坚持参加各类继续教育和新技术培训，不断更新知识结构，提高理论水平。",
    "{he}把工匠精神融入日常工作的每一个细节，以严谨细致的作风影响和带动了身边的每一个人。",
]


def _fill(tpl: str, ctx: dict) -> str:
    return tpl.format(**ctx)


def _trim_to(sentences: str, need: int) -> str:
    """Cut a run of sentences to exactly `need` non-whitespace chars, ending with 。 (last resort)."""
    if need <= 0:
        return ""
    if need == 1:
        return "。"
    cut = sentences[: need - 1]
    if cut and cut[-1] in "，、；：。“”（）":
        cut = cut[:-1] + "等"
    return cut + "。"


_SHORT = [
    "成绩来之不易。", "{he}做到了。", "这是{he}的承诺。", "{he}一直这样坚持着。", "同事们都信服{he}。", "这份坚守令人敬佩。",
    "{he}是这样说的，也是这样做的。", "{he}的付出得到了广泛认可。", "这些成绩凝聚着{he}多年的心血和汗水。",
    "大家都亲切地称{he}为“技术大拿”。", "{he}始终把质量看作企业的生命。", "业内同行对{he}的技术水平评价很高。",
    "{he}用行动诠释了工匠精神的深刻内涵。", "{he}的事迹在单位内外产生了良好反响。", "一分耕耘，一分收获。",
    "工作中{he}从不敷衍了事。", "{he}总是以身作则。", "事实证明，{he}的选择是对的。", "{he}对技术的追求永无止境。",
    "在{he}看来，每一件产品都是一件作品。", "{he}的徒弟们也都成了岗位能手。", "这样的例子还有很多。",
]
_SHORT_ACH = ["成绩突出。", "业绩显著。", "获单位表彰。", "效果良好。", "深受好评。", "多次获评优秀员工。",
              "带动作用明显。", "在行业内有较高声誉。", "技术水平全区领先。", "年度考核均为优秀。", "群众认可度高。"]


def _exact_fill(pool: list[str], need: int, rng: random.Random) -> list[str] | None:
    """Pick distinct sentences from pool whose non-whitespace lengths sum to exactly `need`."""
    items = pool[:]
    rng.shuffle(items)
    best: dict[int, list[int]] = {0: []}
    for idx, s in enumerate(items):
        n = nonws(s)
        for total, chosen in list(best.items()):
            t = total + n
            if t <= need and t not in best:
                best[t] = chosen + [idx]
        if need in best:
            break
    if need not in best:
        return None
    return [items[i] for i in best[need]]


def _compose(units: list[tuple[str | None, str]], target: int, fixed: int, short_pool: list[str],
             rng: random.Random) -> list[tuple[str | None, list[str]]]:
    """Greedily take (heading, sentence) units until close to target, then fill exactly with short sentences."""
    out: list[tuple[str | None, list[str]]] = []
    used = fixed
    i = 0
    while i < len(units):
        head, sent = units[i]
        cost = nonws(sent) + (nonws(head) if head else 0)
        if used + cost > target - 12:
            break
        if head is not None or not out:
            out.append((head, []))
        out[-1][1].append(sent)
        used += cost
        i += 1
    need = target - used
    while need > 0:
        fill = _exact_fill(short_pool, need, rng) if need <= 160 else None
        if fill is not None:
            out[-1][1].extend(fill)
            return out
        if need > 160 and i < len(units):
            out[-1][1].append(units[i][1])
            need -= nonws(units[i][1])
            i += 1
            continue
        # give back the last sentence and try again with a larger gap
        if out and out[-1][1] and need < 40:
            s = out[-1][1].pop()
            need += nonws(s)
            if not out[-1][1]:
                h, _ = out.pop()
                need += nonws(h) if h else 0
            continue
        out[-1][1].append(_trim_to(units[min(i, len(units) - 1)][1] * 3, need))
        return out
    return out


def deeds(expert: Expert, unit: Unit, rng: random.Random, target: int) -> Narrative:
    """事迹材料 with exactly `target` non-whitespace characters (title and headings included)."""
    ctx = _ctx(expert, unit, rng)
    title = rng.choice(["{name}同志先进事迹材料", "{name}同志事迹材料", "匠心筑梦 技能报国——{name}同志先进事迹",
                        "拟命名专家{name}同志事迹材料"]).format(**ctx)
    use_heads = rng.random() < 0.75
    units: list[tuple[str | None, str]] = []
    first = _DEEDS_SECTIONS[0][1][0]
    units.append((None, _fill(first, ctx)))
    rounds = 0
    while sum(nonws(s) for _, s in units) < target + 300:
        for heads, sents in (_DEEDS_SECTIONS if rounds == 0 else [(["" ], _EXTRA + [s for _, ss in _DEEDS_SECTIONS for s in ss[1:]])]):
            pool = [s for s in sents if s != first]
            rng.shuffle(pool)
            para_break = True
            for j, tpl in enumerate(pool):
                head = None
                if j == 0 and rounds == 0 and use_heads:
                    head = rng.choice(heads)
                elif j == 0 or rng.random() < 0.3:
                    head = ""   # paragraph break without a heading
                units.append((head, _fill(tpl, ctx)))
        rounds += 1
        ctx = _ctx(expert, unit, rng)
        if rounds > 6:
            break
    composed = _compose(units, target, nonws(title), [_fill(s, ctx) for s in _SHORT], rng)
    doc = Narrative(title=title, blocks=[])
    for head, sents in composed:
        text = "".join(sents)
        if head:
            doc.blocks.append((head, text))
        else:
            doc.blocks.append((None, text))
    assert doc.chars == target, (doc.chars, target)
    return doc


def achievements(expert: Expert, unit: Unit, rng: random.Random, target: int) -> str:
    """命名专家主要工作业绩 text of exactly `target` non-whitespace characters."""
    ctx = _ctx(expert, unit, rng)
    items = [
        "{start}年参加工作，从事{occ}工作{years}年，{level}。",
        "主持技术革新项目{n_tech}项，解决生产技术难题{n_prob}个，为单位节约成本{wan}万元。",
        "获国家实用新型专利{n_pat}项，发表技术论文{n_paper}篇。",
        "带徒{n_app}名，其中{n_sen}人取得技师以上职业资格。",
        "累计培训职工{n_train}余人次。",
        "{y1}年获{comp}{prize}，先后获“{honor}”等称号。",
        "指导学员在{comp}中获奖{n_comp}人次。",
        "牵头制定企业技术标准{n_std}项，使产品合格率提高{pct}%。",
        "参与编写{occ}培训教材，积极开展技能志愿服务。",
        "{y3}年被{org}表彰为先进个人。",
        "积极参与企业新型学徒制培养和职业技能等级认定工作。",
        "带领团队完成生产线技术改造，生产效率提升{pct}%。",
    ]
    units = [(None, _fill(items[0], ctx))]
    rest = items[1:]
    for _ in range(3):
        rng.shuffle(rest)
        units += [(None, _fill(t, ctx)) for t in rest]
        ctx = _ctx(expert, unit, rng)
    composed = _compose(units, target, 0, _SHORT_ACH, rng)
    text = "".join(s for _, sents in composed for s in sents)
    assert nonws(text) == target, (nonws(text), target)
    return text


_REPORT = {
    "一、工作室成立的必要性和现有优势": [
        "{unit}成立于{y1}年，现有职工{staff}人，其中高技能人才{hs}人，是我区{sector}领域的骨干单位。",
        "随着我区新型工业化和中国西部预制菜之都建设的深入推进，行业对高技能人才的需求日益迫切，建立技能大师工作室十分必要。",
        "当前，单位在{occ}领域仍面临关键技术攻关能力不足、青年技能人才断档等问题，亟需发挥技能大师的引领作用。",
        "拟命名专家{name}同志从事{occ}工作{years}年，具有{level}资格，技术精湛，在行业内享有较高声誉。",
        "工作室团队由{team}名成员组成，专业结构合理，年龄梯次分明，具备较强的技术攻关和人才培养能力。",
        "单位已建成实训场地和技术研发平台，与多所职业院校建立了长期合作关系，为工作室建设奠定了良好基础。",
    ],
    "二、工作室计划目标": [
        "工作室将围绕单位生产经营中的技术难题开展攻关，计划三年内完成技术革新项目{n_tech}项以上。",
        "每年培养技师、高级技师{n_sen}名以上，带徒{n_app}名以上，培训职工{n_train}人次以上。",
        "总结推广先进操作法和绝技绝活，编写培训教材和作业指导书，形成可复制可推广的经验。",
        "组织团队成员参加各级职业技能竞赛，力争在市级以上竞赛中取得优异成绩。",
        "积极开展技能交流和技能服务活动，每年走进企业、院校、乡镇开展技术指导不少于{n_comp}次。",
    ],
    "三、本单位加快高技能人才队伍建设的政策措施": [
        "单位高度重视高技能人才队伍建设，将高技能人才培养纳入单位发展总体规划和年度计划。",
        "制定了《技能人才培养管理办法》《首席技师评选办法》《技能津贴发放办法》等制度，建立了培养、评价、选拔、使用和激励机制。",
        "单位按职工工资总额的一定比例足额提取职工教育经费，其中不低于百分之六十用于一线职工技能培训。",
        "对取得技师、高级技师资格的职工，每月分别发放技能津贴{allow1}元、{allow2}元，并在评先评优、岗位晋升中优先考虑。",
        "积极推行企业新型学徒制，与职业院校联合开展订单式培养，拓宽技能人才成长通道。",
    ],
    "四、资金支持以及场所、设备等工作条件": [
        "单位为工作室提供独立场地{area}平方米，设有技术研修室、实训操作区和成果展示区。",
        "配备{occ}相关设备{n_eq}台（套），价值约{eqv}万元，能够满足技术攻关和技能培训的需要。",
        "单位每年安排工作室专项经费不少于{fund}万元，用于技术攻关、人才培养、交流研修和设备更新。",
        "工作室实行专人管理，建立健全了工作室管理制度、考核制度和经费使用制度，确保工作室规范运行。",
        "区级补助经费到位后，单位将严格按照规定专款专用，不足部分由单位配套解决。",
    ],
}


def report(expert: Expert, unit: Unit, rng: random.Random, team_size: int, target: int | None = None,
           date_text: str = "2023年8月25日") -> Narrative:
    ctx = _ctx(expert, unit, rng) | dict(
        staff=unit.staff_count, hs=unit.high_skill_count, team=team_size,
        sector={"food": "食品加工", "machinery": "装备制造", "auto": "汽车服务", "bamboo": "竹编工艺", "craft": "传统技艺",
                "tea": "茶叶生产", "care": "家庭服务", "build": "建筑施工", "school": "职业教育"}.get(unit.sector, "制造"),
        allow1=rng.choice([100, 200, 300]), allow2=rng.choice([300, 500, 800]), area=rng.randint(60, 400),
        n_eq=rng.randint(10, 80), eqv=rng.randint(30, 500), fund=rng.choice([3, 5, 8, 10, 15, 20]),
    )
    studio = f"{expert.name}{expert.occupation}技能大师工作室"
    title = rng.choice([f"{studio}申报报告", f"关于申报梁平区{studio}的报告", f"{unit.name}\n关于建立{studio}的申报报告"])
    doc = Narrative(title=title, blocks=[(None, "区人力社保局：")] if "关于" in title else [])
    intro = f"为加快高技能人才队伍建设，充分发挥技能大师传技带徒作用，根据《关于开展2023年度梁平区技能大师工作室申报遴选工作的通知》要求，我单位申报建立{studio}，现将有关情况报告如下："
    doc.blocks.append((None, intro))
    for head, sents in _REPORT.items():
        k = rng.randint(3, len(sents))
        chosen = sents[:1] + rng.sample(sents[1:], k - 1)
        paras = []
        while chosen:
            n = rng.randint(1, 3)
            paras.append("".join(_fill(s, ctx) for s in chosen[:n]))
            chosen = chosen[n:]
        doc.blocks.append((head, paras[0]))
        doc.blocks.extend((None, p) for p in paras[1:])
    doc.blocks.append((None, "特此报告。"))
    doc.closing = [unit.name, date_text]
    return doc


def opinion(kind: str, rng: random.Random) -> str:
    if kind == "unit":
        return rng.choice([
            "该同志政治素质好，技术水平高，业绩突出，所报材料真实，同意推荐。",
            "情况属实，同意申报。",
            "经研究，同意推荐该同志申报梁平区技能大师工作室。",
        ])
    if kind == "department":
        return rng.choice(["经审核，所报材料属实，同意推荐。", "同意推荐。", "情况属实，同意上报。"])
    return "同意。"


@dataclass
class Award:
    title: str          # 荣誉证书 / 获奖证书
    body: str
    issuer: str
    date_text: str


def award(expert: Expert, rng: random.Random) -> Award:
    year = rng.randint(2012, 2023)
    comp = rng.choice([f"{year}年梁平区职业技能大赛{expert.occupation}项目", f"重庆市第{rng.randint(2, 9)}届职业技能大赛{expert.occupation}赛项",
                       f"{year}年度“巴渝工匠”杯技能大赛", f"{year}年万达开职业技能竞赛"])
    if rng.random() < 0.5:
        body = f"{expert.name}同志：\n在{comp}中荣获{rng.choice(['一等奖', '二等奖', '三等奖', '第一名'])}。\n特发此证，以资鼓励。"
        issuer = rng.choice(["重庆市梁平区人力资源和社会保障局", "重庆市人力资源和社会保障局", "重庆市梁平区总工会"])
    else:
        body = f"授予{expert.name}同志\n“{rng.choice(['梁平区技术能手', '重庆市技术能手', '梁平区劳动模范', '明月山工匠', '梁平区优秀技能人才'])}”\n荣誉称号。\n特发此证。"
        issuer = rng.choice(["中共重庆市梁平区委 重庆市梁平区人民政府", "重庆市梁平区人力资源和社会保障局", "重庆市梁平区总工会"])
    return Award(title=rng.choice(["荣誉证书", "获奖证书", "荣誉证书"]), body=body, issuer=issuer,
                 date_text=f"{year}年{rng.randint(1, 12)}月")


def proof_letter(expert: Expert, unit: Unit, rng: random.Random) -> Narrative:
    kinds = [
        f"兹证明{expert.name}同志（身份证号：{expert.person.id_number}）自{2023 - expert.years_in_unit}年起在我单位从事{expert.occupation}工作，"
        f"现任{expert.position}，工作表现优秀。",
        f"兹证明{expert.name}同志牵头完成的“{expert.occupation}工艺改进”技术革新项目已在我单位推广应用，"
        f"年节约生产成本约{rng.randint(10, 200)}万元，效果显著。",
        f"兹证明{expert.name}同志于{rng.randint(2016, 2022)}年至今在我单位担任{expert.occupation}兼职指导教师，"
        f"累计培训学员{rng.randint(100, 900)}人次，教学效果良好。",
    ]
    doc = Narrative(title=rng.choice(["证  明", "证明", "情况说明"]), blocks=[(None, rng.choice(kinds)), (None, "特此证明。")])
    doc.closing = [rng.choice([unit.name, "重庆市梁平区" + rng.choice(["工业园区管委会", "职业教育中心", "总工会"])]),
                   f"2023年{rng.randint(6, 8)}月{rng.randint(1, 28)}日"]
    return doc

"""The originals being copied, each drawn on an A4 sheet at a given resolution: ID card (both sides),
skill certificate, diploma, award, labour-contract page, business licence, a unit's letter of proof,
a table, a page of work photos. Each says where a clerk would find room for the marks, and what the
document carries of its own (red print, its issuer's printed seal, its own signatures)."""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from . import handwriting, stamps
from .ink import NOTO_SANS, NOTO_SANS_BOLD, NOTO_SERIF, NOTO_SERIF_BOLD, font, lay, px, rotated, stamp_texture, text_mask
from .people import LEVELS, MAJORS, SCHOOLS, TRADES, Person, Unit, person

A4 = (210.0, 297.0)
PRINT_RED = (200, 30, 35)
Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Sheet:
    image: Image.Image  # RGB, the original as it lies on the copier's glass
    free: tuple[Box, ...]  # blank areas (pixels) where marks fit, biggest first; empty: marks go over content
    content: Box  # where the document's own print is
    red_print: bool  # red titles, emblems, letterheads
    document_seal: bool  # the issuer's own seal (printed on a certificate, or stamped on a letter)
    document_signature: bool  # a signature belonging to the document (a headmaster's, a party's)
    latent: Box | None = None  # an anti-copy pattern hidden here comes out on a copy (复印无效)


class Paper:
    """Drawing in millimetres on an RGB sheet."""

    def __init__(self, dpi: float, landscape: bool = False, tint: tuple[int, int, int] = (255, 255, 255)):
        self.dpi = dpi
        w, h = A4[::-1] if landscape else A4
        self.image = Image.new("RGB", (px(w, dpi), px(h, dpi)), tint)
        self.draw = ImageDraw.Draw(self.image)

    def p(self, mm: float) -> int:
        return px(mm, self.dpi)

    def text(self, x: float, y: float, text: str, size: float, face: str = NOTO_SANS, fill=(20, 20, 20),
             anchor: str = "la") -> None:
        self.draw.text((self.p(x), self.p(y)), text, font=font(face, self.p(size)), fill=fill, anchor=anchor)

    def paragraph(self, x: float, y: float, width: float, text: str, size: float, leading: float = 1.7,
                  face: str = NOTO_SERIF, indent: bool = True) -> float:
        """Wrap `text` by characters in a column `width` mm wide; returns the y below it."""
        per_line = max(4, int(width / size))
        body = ("\u3000\u3000" if indent else "") + text
        for start in range(0, len(body), per_line):
            self.text(x, y, body[start:start + per_line], size, face)
            y += size * leading
        return y

    def rect(self, box_mm: tuple[float, float, float, float], outline=(20, 20, 20), width: float = 0.3,
             fill=None) -> None:
        x0, y0, x1, y1 = (self.p(v) for v in box_mm)
        self.draw.rectangle((x0, y0, x1, y1), outline=outline, width=max(1, self.p(width)), fill=fill)

    def line(self, x0: float, y0: float, x1: float, y1: float, fill=(20, 20, 20), width: float = 0.3) -> None:
        self.draw.line((self.p(x0), self.p(y0), self.p(x1), self.p(y1)), fill=fill, width=max(1, self.p(width)))

    def photo(self, box_mm: tuple[float, float, float, float], rng: random.Random, background=(70, 120, 200)) -> None:
        """An ID photo: a head and shoulders on a plain background."""
        x0, y0, x1, y1 = (self.p(v) for v in box_mm)
        self.draw.rectangle((x0, y0, x1, y1), fill=background)
        w, h = x1 - x0, y1 - y0
        skin = (rng.randint(190, 225), rng.randint(150, 180), rng.randint(120, 150))
        self.draw.ellipse((x0 + w * 0.3, y0 + h * 0.15, x0 + w * 0.7, y0 + h * 0.6), fill=skin)
        self.draw.ellipse((x0 + w * 0.28, y0 + h * 0.1, x0 + w * 0.72, y0 + h * 0.33), fill=(25, 20, 20))
        self.draw.pieslice((x0 - w * 0.05, y0 + h * 0.62, x1 + w * 0.05, y1 + h * 0.6), 180, 360, fill=(30, 35, 50))

    def printed_seal(self, unit: str, cx: float, cy: float, diameter: float, rng: random.Random,
                     colour=PRINT_RED, line: str = "") -> None:
        """A seal printed as part of the document (flat ink, no stamp texture)."""
        mask = stamps.round_seal(unit, self.dpi, rng, diameter, line, None, False)
        page = np.asarray(self.image).copy()
        lay(page, mask, self.p(cx) - mask.shape[1] // 2, self.p(cy) - mask.shape[0] // 2, colour, 0.9)
        self.image = Image.fromarray(page)
        self.draw = ImageDraw.Draw(self.image)

    def ink(self, mask: np.ndarray, x: float, y: float, colour, opacity: float = 1.0) -> None:
        page = np.asarray(self.image).copy()
        lay(page, mask, self.p(x), self.p(y), colour, opacity)
        self.image = Image.fromarray(page)
        self.draw = ImageDraw.Draw(self.image)

    def box(self, box_mm: tuple[float, float, float, float]) -> Box:
        return tuple(self.p(v) for v in box_mm)  # type: ignore[return-value]

    def size_mm(self) -> tuple[float, float]:
        return (self.image.width * 25.4 / self.dpi, self.image.height * 25.4 / self.dpi)


def _date(rng: random.Random, first: int = 2008, last: int = 2022) -> tuple[int, int, int]:
    return rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28)


def id_card(dpi: float, rng: random.Random, expert: Person, unit: Unit) -> Sheet:
    paper = Paper(dpi)
    side_by_side = rng.random() < 0.25
    w, h = 85.6, 54.0
    first = (20.0, 25.0) if side_by_side else (62.0, 28.0 + rng.uniform(-5, 10))
    second = (105.0, 25.0) if side_by_side else (62.0, first[1] + h + rng.uniform(12, 25))
    back_first = rng.random() < 0.3
    front_at, back_at = (second, first) if back_first else (first, second)
    _card_front(paper, front_at, expert, rng)
    _card_back(paper, back_at, rng)
    bottom = max(first[1], second[1]) + h
    return Sheet(paper.image, (paper.box((15, bottom + 10, 195, 285)),),
                 paper.box((min(first[0], second[0]), first[1], max(first[0], second[0]) + w, bottom)),
                 red_print=True, document_seal=False, document_signature=False)


def _card_front(paper: Paper, at: tuple[float, float], expert: Person, rng: random.Random) -> None:
    x, y = at
    paper.draw.rounded_rectangle(paper.box((x, y, x + 85.6, y + 54)), radius=paper.p(3), fill=(232, 238, 240),
                                 outline=(160, 160, 160), width=1)
    grey = (90, 90, 100)
    year, month, day = expert.birth
    paper.text(x + 5, y + 6, "姓名", 2.6, fill=grey)
    paper.text(x + 15, y + 5.5, expert.name, 3.4)
    paper.text(x + 5, y + 13, "性别", 2.6, fill=grey)
    paper.text(x + 15, y + 12.5, expert.sex, 3.0)
    paper.text(x + 26, y + 13, "民族", 2.6, fill=grey)
    paper.text(x + 36, y + 12.5, "汉", 3.0)
    paper.text(x + 5, y + 20, "出生", 2.6, fill=grey)
    paper.text(x + 15, y + 19.5, f"{year}  年  {month}  月  {day}  日", 3.0)
    paper.text(x + 5, y + 27, "住址", 2.6, fill=grey)
    street = rng.choice(("双桂街道人民东路", "梁山街道金带大道", "礼让镇川西村", "仁贤街道高都路", "屏锦镇新街"))
    paper.text(x + 15, y + 26.5, f"重庆市梁平区{street}", 3.0)
    paper.text(x + 15, y + 31.5, f"{rng.randint(1, 200)}号{rng.randint(1, 20)}幢{rng.randint(1, 8)}-{rng.randint(1, 4)}", 3.0)
    paper.text(x + 5, y + 45, "公民身份号码", 2.6, fill=grey)
    paper.text(x + 24, y + 44.3, expert.id_number, 3.4, NOTO_SANS_BOLD)
    paper.photo((x + 58, y + 8, x + 81, y + 36), rng, background=(238, 242, 245))


def _card_back(paper: Paper, at: tuple[float, float], rng: random.Random) -> None:
    x, y = at
    paper.draw.rounded_rectangle(paper.box((x, y, x + 85.6, y + 54)), radius=paper.p(3), fill=(226, 236, 244),
                                 outline=(160, 160, 160), width=1)
    cx, cy, r = paper.p(x + 13), paper.p(y + 13), paper.p(8)
    paper.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(205, 40, 40))
    paper.draw.ellipse((cx - r // 2, cy - r // 2, cx + r // 2, cy + r // 2), outline=(250, 210, 80), width=max(1, r // 6))
    paper.text(x + 30, y + 9, "中华人民共和国", 4.2, NOTO_SANS_BOLD)
    paper.text(x + 27, y + 19, "居民身份证", 6.0, NOTO_SANS_BOLD)
    paper.text(x + 14, y + 38, "签发机关", 2.6, fill=(90, 90, 100))
    paper.text(x + 30, y + 37.5, "重庆市公安局梁平区分局", 3.0)
    start = rng.randint(2010, 2020)
    paper.text(x + 14, y + 45, "有效期限", 2.6, fill=(90, 90, 100))
    paper.text(x + 30, y + 44.5, f"{start}.{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}-{start + 20}.{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}", 3.0)


def skill_certificate(dpi: float, rng: random.Random, expert: Person, unit: Unit) -> Sheet:
    """The inner page of a 职业资格证书 / 职业技能等级证书 booklet, copied on the upper part of A4."""
    paper = Paper(dpi)
    x, y = rng.uniform(12, 22), rng.uniform(15, 30)
    w, h = 180.0, 125.0
    paper.rect((x, y, x + w, y + h), outline=(120, 140, 120), width=0.8, fill=(246, 248, 240))
    title = rng.choice(("职业技能等级证书", "职业资格证书"))
    paper.text(x + w * 0.72, y + 10, title, 6.0, NOTO_SERIF_BOLD, anchor="ma")
    paper.photo((x + 12, y + 14, x + 37, y + 49), rng)
    issued = _date(rng)
    fields = (("姓    名", expert.name), ("证件号码", expert.id_number), ("职业（工种）", rng.choice(TRADES)),
              ("等    级", rng.choice(LEVELS)), ("证书编号", f"S{rng.randint(10**15, 10**16 - 1)}"),
              ("发证日期", f"{issued[0]}年{issued[1]}月{issued[2]}日"))
    for i, (label, value) in enumerate(fields):
        paper.text(x + w * 0.45, y + 26 + i * 11, label, 3.6)
        paper.text(x + w * 0.45 + 28, y + 26 + i * 11, value, 3.6)
        paper.line(x + w * 0.45 + 27, y + 31 + i * 11, x + w - 8, y + 31 + i * 11, fill=(150, 150, 150), width=0.2)
    issuer = rng.choice(("重庆市职业技能鉴定指导中心", "重庆市梁平区人力资源和社会保障局", "重庆市职业技能评价中心"))
    paper.text(x + 12, y + 60, "评价机构（盖章）", 3.4)
    paper.printed_seal(issuer, x + 30, y + 88, 38, rng, PRINT_RED if rng.random() < 0.8 else (225, 90, 90))
    paper.text(x + 12, y + h - 10, "本证书可在全国联网查询", 2.8, fill=(90, 90, 90))
    return Sheet(paper.image, (paper.box((12, y + h + 8, 198, 288)),), paper.box((x, y, x + w, y + h)),
                 red_print=False, document_seal=True, document_signature=False,
                 latent=paper.box((x, y, x + w, y + h)) if rng.random() < 0.3 else None)


def diploma(dpi: float, rng: random.Random, expert: Person, unit: Unit) -> Sheet:
    """A diploma (毕业证书) filling an A4 landscape page: border, photo, text, the head's printed
    signature, the school's printed seal."""
    paper = Paper(dpi, landscape=True, tint=(250, 247, 238))
    paper.rect((8, 8, 289, 202), outline=(150, 110, 60), width=2.2)
    paper.rect((12, 12, 285, 198), outline=(150, 110, 60), width=0.5)
    red_title = rng.random() < 0.6
    paper.text(148, 24, "毕 业 证 书", 12, NOTO_SERIF_BOLD, fill=PRINT_RED if red_title else (30, 30, 30), anchor="ma")
    paper.photo((30, 55, 65, 100), rng)
    school, major = rng.choice(SCHOOLS), rng.choice(MAJORS)
    start = rng.randint(1985, 2012)
    body = (f"学生{expert.name}，性别{expert.sex}，{expert.birth[0]}年{expert.birth[1]}月{expert.birth[2]}日生，"
            f"于{start}年9月至{start + 3}年7月在本校{major}专业三年制专科学习，修完教学计划规定的全部课程，成绩合格，准予毕业。")
    paper.paragraph(85, 58, 180, body, 5.2)
    paper.text(150, 140, "校（院）长：", 4.6)
    signature = handwriting.scrawl(3, paper.p(9), rng, "black_gel")
    paper.ink(signature, 182, 134, (25, 25, 25))
    paper.text(180, 165, school, 4.6)
    paper.text(180, 175, f"{start + 3}年7月{rng.randint(1, 15)}日", 4.6)
    paper.text(30, 185, f"证书编号：{rng.randint(10**16, 10**17 - 1)}", 3.6)
    paper.printed_seal(school, 205, 165, 42, rng)
    return Sheet(paper.image, (paper.box((20, 110, 80, 178)),), paper.box((12, 12, 285, 198)),
                 red_print=red_title, document_seal=True, document_signature=True,
                 latent=paper.box((12, 12, 285, 198)) if rng.random() < 0.25 else None)


def award(dpi: float, rng: random.Random, expert: Person, unit: Unit) -> Sheet:
    """A 荣誉证书 / 获奖证书: red title, red border, citation, issuer seal printed over the date."""
    landscape = rng.random() < 0.6
    paper = Paper(dpi, landscape=landscape)
    w, h = paper.size_mm()
    paper.rect((10, 10, w - 10, h - 10), outline=(190, 40, 40), width=3)
    paper.text(w / 2, 28, rng.choice(("荣 誉 证 书", "获 奖 证 书")), 14, NOTO_SERIF_BOLD, fill=PRINT_RED, anchor="ma")
    contest = rng.choice(("梁平区第三届职业技能大赛", "2022年梁平区“巴渝工匠”杯技能竞赛", "重庆市第二届职业技能大赛",
                          "梁平区五一劳动奖章评选"))
    prize = rng.choice(("一等奖", "二等奖", "三等奖", "“技术能手”称号"))
    y = paper.paragraph(28, 62, w - 56, f"{expert.name}同志：", 6.4, indent=False)
    y = paper.paragraph(28, y + 2, w - 56, f"在{contest}{rng.choice(TRADES)}项目中荣获{prize}。", 6.4)
    paper.paragraph(28, y + 2, w - 56, "特发此证，以资鼓励。", 6.4)
    issuer = rng.choice(("重庆市梁平区人力资源和社会保障局", "梁平区总工会", "共青团重庆市梁平区委员会",
                         "重庆市人力资源和社会保障局"))
    year = rng.randint(2015, 2022)
    paper.text(w - 40, h - 45, issuer, 5.0, anchor="ra")
    paper.text(w - 52, h - 34, f"{year}年{rng.randint(1, 12)}月", 5.0, anchor="ra")
    paper.printed_seal(issuer, w - 70, h - 40, 42, rng)
    free = (paper.box((14, h - 58, w * 0.45, h - 14)),)
    return Sheet(paper.image, free, paper.box((10, 10, w - 10, h - 10)), red_print=True, document_seal=True,
                 document_signature=False)


CLAUSES = ("甲方根据工作需要，安排乙方在技术岗位从事相关工作，乙方应按照甲方的要求按时完成规定的工作数量，达到规定的质量标准。",
           "甲方实行标准工时制度，乙方每日工作时间不超过八小时，每周工作时间不超过四十小时。",
           "甲方按月以货币形式支付乙方工资，乙方在试用期满后月工资按甲方薪酬制度确定。",
           "甲方依法为乙方缴纳养老、医疗、失业、工伤、生育等社会保险费用。",
           "甲方为乙方提供符合国家规定的劳动安全卫生条件和必要的劳动防护用品。",
           "乙方应遵守甲方依法制定的各项规章制度，服从甲方的管理和安排。",
           "本合同期满或者双方约定的终止条件出现，劳动合同即行终止。",
           "本合同未尽事宜，按国家和重庆市有关规定执行。")


def contract_page(dpi: float, rng: random.Random, expert: Person, unit: Unit) -> Sheet:
    """A page of a labour contract: clauses, or the last page with both parties' seal and signature."""
    paper = Paper(dpi)
    signing = rng.random() < 0.3
    y = 25.0
    if not signing:
        paper.text(105, y, "劳 动 合 同 书", 8, NOTO_SERIF_BOLD, anchor="ma")
        y += 18
        paper.text(25, y, f"甲方（用人单位）：{unit.name}", 4.2)
        paper.text(25, y + 8, f"乙方（劳动者）：{expert.name}    身份证号码：{expert.id_number}", 4.2)
        y += 20
    numbers = "一二三四五六七八九十"
    for i, clause in enumerate(rng.sample(CLAUSES, rng.randint(4, 6) if not signing else 3)):
        y = paper.paragraph(25, y, 160, f"{numbers[i]}、{clause}", 4.2, face=NOTO_SERIF, indent=False) + 3
    if signing:
        y += 10
        paper.text(25, y, "甲方（盖章）：", 4.4)
        paper.text(115, y, "乙方（签字）：", 4.4)
        seal = stamps.round_seal(unit.name, dpi, rng, 40, "合同专用章", None, False)
        paper.ink(stamp_texture(seal, np.random.default_rng(rng.randint(0, 2**31)), 0.25, 0.3), 35, y - 10, (215, 40, 50), 0.85)
        paper.ink(handwriting.written(expert.name, paper.p(6), rng, 0.3, "black_gel"), 145, y - 2, (20, 20, 30))
        paper.text(25, y + 30, "法定代表人：", 4.4)
        paper.ink(handwriting.scrawl(3, paper.p(6), rng, "black_ballpoint"), 55, y + 27, (25, 25, 40))
        paper.text(25, y + 42, f"{rng.randint(2012, 2021)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日", 4.4)
        paper.text(115, y + 42, "年    月    日", 4.4)
        y += 50
    return Sheet(paper.image, (paper.box((20, y + 5, 195, 288)),) if y < 240 else (paper.box((20, 262, 195, 290)),),
                 paper.box((25, 20, 185, y)), red_print=False, document_seal=signing, document_signature=signing)


def business_licence(dpi: float, rng: random.Random, expert: Person, unit: Unit) -> Sheet:
    """A 营业执照 (副本): decorated border, national emblem and title, QR code, the fields, the
    registration authority's printed seal over the date."""
    paper = Paper(dpi)
    paper.rect((12, 12, 198, 285), outline=(170, 120, 60), width=3.0)
    paper.rect((16, 16, 194, 281), outline=(170, 120, 60), width=0.6)
    cx, cy, r = paper.p(105), paper.p(38), paper.p(11)
    paper.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(200, 30, 35))
    paper.draw.ellipse((cx - r // 2, cy - r // 2, cx + r // 2, cy + r // 2), outline=(245, 200, 60), width=max(1, r // 5))
    paper.text(105, 55, "营 业 执 照", 11, NOTO_SERIF_BOLD, anchor="ma")
    paper.text(105, 71, "（副    本）", 4.6, anchor="ma")
    qr = np.random.default_rng(rng.randint(0, 2**31)).random((25, 25)) < 0.5
    qr_image = Image.fromarray(np.where(qr, 0, 255).astype(np.uint8)).resize((paper.p(22), paper.p(22)), Image.NEAREST)
    paper.image.paste(qr_image.convert("RGB"), (paper.p(160), paper.p(30)))
    code = "91500228" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(10))
    fields = (("统一社会信用代码", code), ("名        称", unit.name), ("类        型", "有限责任公司（自然人投资或控股）"),
              ("法定代表人", person(rng).name), ("注 册 资 本", f"{rng.choice((50, 100, 300, 500, 1000))}万元人民币"),
              ("成 立 日 期", "{}年{}月{}日".format(*_date(rng, 1998, 2018))), ("住        所", "重庆市梁平区工业园区"))
    y = 88.0
    for label, value in fields:
        paper.text(28, y, label, 4.0)
        paper.text(68, y, value, 4.0)
        y += 11
    paper.text(28, y, "经 营 范 围", 4.0)
    paper.paragraph(68, y, 115, "一般项目：" + "、".join(rng.sample(("机械设备制造", "食品加工", "竹制品制造", "建筑工程施工",
                                                                  "电气安装", "农产品销售", "技术服务", "货物进出口"), 4)) + "。（依法须经批准的项目，经相关部门批准后方可开展经营活动）", 4.0, indent=False)
    paper.text(140, 245, "登记机关", 4.6)
    paper.text(135, 262, "{}年{}月{}日".format(*_date(rng, 2019, 2023)), 4.2)
    paper.printed_seal("重庆市梁平区市场监督管理局", 150, 255, 42, rng)
    return Sheet(paper.image, (paper.box((22, 232, 110, 278)),), paper.box((16, 16, 194, 281)), red_print=True,
                 document_seal=True, document_signature=False,
                 latent=paper.box((16, 16, 194, 281)) if rng.random() < 0.3 else None)


def unit_letter(dpi: float, rng: random.Random, expert: Person, unit: Unit) -> Sheet:
    """A letter of proof (证明) from a unit, with its own seal stamped over its date: a document, not a copy."""
    paper = Paper(dpi)
    letterhead = rng.random() < 0.5
    y = 25.0
    if letterhead:
        paper.text(105, y, unit.name, 8, NOTO_SERIF_BOLD, fill=PRINT_RED, anchor="ma")
        paper.line(20, y + 14, 190, y + 14, fill=PRINT_RED, width=0.8)
        y += 24
    paper.text(105, y + 5, rng.choice(("证    明", "工作证明", "技能传承证明", "技术攻关证明")), 8, NOTO_SANS_BOLD, anchor="ma")
    y += 25
    years = rng.randint(3, 20)
    body = (f"兹证明{expert.name}同志（身份证号：{expert.id_number}），自{2023 - years}年起在我单位从事"
            f"{rng.choice(TRADES)}工作至今，现任技术骨干，工作期间带徒{rng.randint(3, 15)}人，主持完成技术革新项目"
            f"{rng.randint(1, 6)}项，工作表现良好。")
    y = paper.paragraph(25, y, 160, body, 4.8)
    y = paper.paragraph(25, y + 3, 160, "特此证明。", 4.8)
    paper.text(185, y + 25, unit.name, 4.8, anchor="ra")
    date_y = y + 35
    paper.text(178, date_y, f"2023年{rng.randint(6, 8)}月{rng.randint(1, 28)}日", 4.8, anchor="ra")
    seal = stamps.round_seal(unit.name, dpi, rng, 42, "", unit.code if rng.random() < 0.5 else None, False)
    seal = stamp_texture(seal, np.random.default_rng(rng.randint(0, 2**31)), 0.3, 0.4)
    paper.ink(seal, 135 + rng.uniform(-5, 5), date_y - 30 + rng.uniform(-5, 5), stamps.SEAL_INKS["bright_red"], 0.9)
    return Sheet(paper.image, (paper.box((20, date_y + 20, 195, 288)),), paper.box((20, 20, 190, date_y + 8)),
                 red_print=letterhead, document_seal=True, document_signature=False)


def table_page(dpi: float, rng: random.Random, expert: Person, unit: Unit) -> Sheet:
    """A printed table (apprentices taught, projects), ruled, with a title."""
    paper = Paper(dpi)
    title = rng.choice(("技能传承带徒情况一览表", "技术攻关及技艺革新项目表", "专家团队成员名单"))
    paper.text(105, 22, title, 6.0, NOTO_SANS_BOLD, anchor="ma")
    columns = ("序号", "姓名", "工种", "技能等级", "起止时间", "备注")
    widths = (14, 26, 40, 30, 40, 26)
    rows = rng.randint(8, 16)
    x0, y0, row_h = 17.0, 38.0, 10.0
    for r in range(rows + 2):
        paper.line(x0, y0 + r * row_h, x0 + sum(widths), y0 + r * row_h, width=0.3)
    x = x0
    for i, width in enumerate(widths + (0,)):
        paper.line(x, y0, x, y0 + (rows + 1) * row_h, width=0.3)
        if i < len(columns):
            paper.text(x + width / 2, y0 + 2.5, columns[i], 3.6, NOTO_SANS_BOLD, anchor="ma")
        x += width
    for r in range(rows):
        someone = person(rng)
        start = rng.randint(2012, 2021)
        values = (str(r + 1), someone.name, rng.choice(TRADES), rng.choice(("中级工", "高级工", "技师")),
                  f"{start}.{rng.randint(1, 12)}-{start + rng.randint(1, 3)}.{rng.randint(1, 12)}", "")
        x = x0
        for value, width in zip(values, widths):
            paper.text(x + width / 2, y0 + (r + 1) * row_h + 2.5, value, 3.4, anchor="ma")
            x += width
    bottom = y0 + (rows + 1) * row_h
    return Sheet(paper.image, (paper.box((17, bottom + 8, 195, 288)),), paper.box((x0, 15, x0 + sum(widths), bottom)),
                 red_print=False, document_seal=False, document_signature=False)


def work_photos(dpi: float, rng: random.Random, expert: Person, unit: Unit) -> Sheet:
    """Work photos printed on A4 with captions."""
    paper = Paper(dpi)
    y = 20.0
    for caption in rng.sample(("专家在车间指导学徒操作", "工作室团队开展技术攻关", "专家参加区职业技能大赛", "带徒传技现场"), 2):
        x0, y0, x1, y1 = paper.box((25, y, 185, y + 95))
        top = np.array([rng.randint(90, 200) for _ in range(3)], dtype=np.float32)
        low = np.array([rng.randint(30, 120) for _ in range(3)], dtype=np.float32)
        ramp = np.linspace(0, 1, y1 - y0, dtype=np.float32)[:, None, None]
        block = (top * (1 - ramp) + low * ramp).repeat(x1 - x0, axis=1).astype(np.uint8)
        photo = Image.fromarray(block)
        draw = ImageDraw.Draw(photo)
        for _ in range(rng.randint(3, 7)):
            bx, by = rng.randint(0, photo.width - 40), rng.randint(0, photo.height - 40)
            draw.rectangle((bx, by, bx + rng.randint(30, photo.width // 3), by + rng.randint(30, photo.height // 3)),
                           fill=tuple(rng.randint(20, 230) for _ in range(3)))
        hx, hy, hr = photo.width * rng.uniform(0.3, 0.7), photo.height * 0.35, photo.height * 0.1
        draw.ellipse((hx - hr, hy - hr, hx + hr, hy + hr), fill=(210, 170, 140))
        draw.rectangle((hx - hr * 1.6, hy + hr, hx + hr * 1.6, photo.height), fill=(40, 70, 130))
        paper.image.paste(photo, (x0, y0))
        paper.text(105, y + 98, caption, 4.2, anchor="ma")
        y += 112
    return Sheet(paper.image, (paper.box((20, y, 195, 290)),), paper.box((25, 20, 185, y)), red_print=False,
                 document_seal=False, document_signature=False)


def two_copies(dpi: float, rng: random.Random, expert: Person, unit: Unit) -> Sheet:
    """Two certificates reduced onto one A4 sheet (to save paper), one above the other."""
    paper = Paper(dpi)
    first = skill_certificate(dpi, rng, expert, unit)
    second = rng.choice((award, diploma, skill_certificate))(dpi, rng, expert, unit)
    y = rng.uniform(10, 18)
    boxes = []
    for sheet in (first, second):
        piece = sheet.image.crop(sheet.content)
        width = paper.p(rng.uniform(150, 180))
        height = round(piece.height * width / piece.width)
        if height > paper.p(125):
            height = paper.p(125)
            width = round(piece.width * height / piece.height)
        x = (paper.image.width - width) // 2
        paper.image.paste(piece.resize((width, height), Image.BILINEAR), (x, paper.p(y)))
        boxes.append((x, paper.p(y), x + width, paper.p(y) + height))
        y += height * 25.4 / dpi + rng.uniform(6, 12)
    bottom = boxes[-1][3]
    free = ((paper.p(12), bottom + paper.p(4), paper.p(198), paper.p(292)),)
    return Sheet(paper.image, free, (boxes[0][0], boxes[0][1], boxes[1][2], bottom), red_print=second.red_print,
                 document_seal=True, document_signature=second.document_signature)


def patent(dpi: float, rng: random.Random, expert: Person, unit: Unit) -> Sheet:
    """A 实用新型 / 发明专利证书: emblem, title, the invention, its inventor and holder, the patent
    office's printed seal and its head's printed signature."""
    paper = Paper(dpi, tint=(252, 250, 244))
    paper.rect((14, 14, 196, 283), outline=(60, 90, 140), width=1.6)
    cx, cy, r = paper.p(105), paper.p(34), paper.p(9)
    paper.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(200, 30, 35))
    kind = rng.choice(("实用新型", "发明"))
    paper.text(105, 50, f"{kind}专利证书", 9, NOTO_SERIF_BOLD, anchor="ma")
    number = f"ZL 20{rng.randint(15, 22)} 2 {rng.randint(1000, 9999)}{rng.randint(1000, 9999)}.{rng.randint(0, 9)}"
    invention = rng.choice(("一种竹编工艺品定型装置", "一种预制菜真空包装用夹具", "一种数控车床快速换刀装置",
                            "一种电缆接头防水保护结构", "一种铸件浇注用防飞溅装置"))
    lines = (f"{kind}名称：{invention}", f"发 明 人：{expert.name}；{person(rng).name}", f"专 利 号：{number}",
             "专利申请日：{}年{}月{}日".format(*_date(rng, 2015, 2022)), f"专 利 权 人：{unit.name}",
             "授权公告日：{}年{}月{}日".format(*_date(rng, 2016, 2023)))
    y = 72.0
    for line in lines:
        paper.text(28, y, line, 4.2)
        y += 10
    y = paper.paragraph(28, y + 4, 154, f"本{kind}经过本局依照中华人民共和国专利法进行审查，决定授予专利权，颁发{kind}专利证书"
                                       "并在专利登记簿上予以登记。专利权自授权公告之日起生效。", 3.8)
    paper.text(120, y + 18, "局长", 4.2)
    paper.ink(handwriting.scrawl(3, paper.p(7), rng, "black_gel"), 133, y + 13, (25, 25, 25))
    paper.printed_seal("中华人民共和国国家知识产权局", 150, y + 20, 40, rng)
    return Sheet(paper.image, (paper.box((20, y + 45, 190, 278)),), paper.box((14, 14, 196, y + 42)), red_print=True,
                 document_seal=True, document_signature=True,
                 latent=paper.box((14, 14, 196, 283)) if rng.random() < 0.2 else None)


ARTICLE_SENTENCES = ("本文针对生产现场存在的工艺问题，分析了其产生的原因。", "通过改进工装夹具，提高了加工精度和生产效率。",
                     "试验结果表明，改进后的工艺稳定可靠，合格率明显提高。", "该方法已在本单位推广应用，取得了良好的经济效益。",
                     "结合多年实践经验，总结了关键操作要点和注意事项。", "对传统技艺的传承与创新提出了具体建议。")


def article(dpi: float, rng: random.Random, expert: Person, unit: Unit) -> Sheet:
    """The first page of a published article: journal header, title, authors, abstract, two columns."""
    paper = Paper(dpi)
    journal = rng.choice(("《机械工程与自动化》", "《中国烹饪》", "《电工技术》", "《竹子学报》", "《职业技术》"))
    paper.text(20, 14, f"{journal}  {rng.randint(2016, 2022)}年第{rng.randint(1, 12)}期", 3.0, fill=(80, 80, 80))
    paper.line(20, 19, 190, 19, width=0.3)
    paper.text(105, 28, rng.choice(("浅谈", "关于", "基于实践的")) + rng.choice(("数控加工工艺优化", "传统竹编技艺创新",
                                                                             "预制菜标准化生产", "配电设备检修方法")) + "的探讨",
               6.5, NOTO_SANS_BOLD, anchor="ma")
    paper.text(105, 40, f"{expert.name}  {person(rng).name}", 4.0, anchor="ma")
    paper.text(105, 47, f"（{unit.name}，重庆 405200）", 3.2, anchor="ma")
    y = paper.paragraph(24, 56, 162, "摘要：" + "".join(rng.sample(ARTICLE_SENTENCES, 3)), 3.2, face=NOTO_SANS, indent=False)
    paper.text(24, y + 1, "关键词：工艺；创新；技能传承", 3.2)
    top = y + 10
    for column in (0, 1):
        cy = top
        while cy < 262:
            cy = paper.paragraph(20 + column * 88, cy, 82, "".join(rng.sample(ARTICLE_SENTENCES, 4)), 3.0) + 1.5
    return Sheet(paper.image, (paper.box((20, 266, 190, 292)),), paper.box((20, 10, 190, 264)), red_print=False,
                 document_seal=False, document_signature=False)


def latent_void(page: np.ndarray, box: Box, dpi: float, rng: random.Random) -> None:
    """The anti-copy pattern that a copier brings out: 复印无效 tiled at a slant, pale grey."""
    x0, y0, x1, y1 = box
    words = text_mask(rng.choice(("复印无效", "复印件无效")), NOTO_SANS_BOLD, px(rng.uniform(6, 10), dpi))
    tile = rotated(words, rng.choice((30, 35, 45)))
    step_x, step_y = tile.shape[1] + px(12, dpi), tile.shape[0] + px(8, dpi)
    shade = rng.randint(190, 225)
    for row, y in enumerate(range(y0, y1 - tile.shape[0], step_y)):
        for x in range(x0 + (row % 2) * step_x // 2, x1 - tile.shape[1], step_x):
            lay(page, tile, x, y, (shade, shade, shade), 0.6)


KINDS = {
    "id_card": id_card,
    "skill_cert": skill_certificate,
    "diploma": diploma,
    "award": award,
    "contract": contract_page,
    "licence": business_licence,
    "letter": unit_letter,
    "table": table_page,
    "photos": work_photos,
    "two_copies": two_copies,
    "patent": patent,
    "article": article,
}


def draw_document(kind: str, dpi: float, rng: random.Random, expert: Person, unit: Unit) -> Sheet:
    return KINDS[kind](dpi, rng, expert, unit)

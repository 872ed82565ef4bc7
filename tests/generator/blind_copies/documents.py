"""The documents being copied, drawn as they look on the copy: an ID card (both sides on one A4
page), a skill certificate, a diploma, an award certificate, and a unit's letter (证明). Each carries
the original's own marks (printed issuer seal, red titles, emblems, letterheads), none of which
certifies the copy. Coordinates are in millimetres on an A4 portrait sheet."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw

from tests.generator.blind_copies import people
from tests.generator.blind_copies.ink import SEAL_INKS, halftone, lay_centred, stamp_texture, to_array
from tests.generator.blind_copies.seals import SealDesign, official_seal
from tests.generator.fonts import font

A4 = (210.0, 297.0)
Box = tuple[float, float, float, float]  # left, top, right, bottom in mm


@dataclass
class Document:
    """A drawn page (float RGB array) with the places certification marks can go."""
    kind: str
    page: np.ndarray
    ppm: float
    holder: str
    margin: Box  # blank paper where a careful clerk marks the copy
    content: Box  # over the printed content (text, not the photo), where marks go when there is no room
    date_spot: tuple[float, float] | None = None  # a letter's date, under its own seal
    features: list[str] = field(default_factory=list)


class Sheet:
    """A PIL canvas addressed in millimetres."""

    def __init__(self, ppm: float):
        self.ppm = ppm
        self.image = Image.new("RGB", (int(A4[0] * ppm), int(A4[1] * ppm)), (250, 250, 247))
        self.draw = ImageDraw.Draw(self.image)

    def px(self, mm: float) -> int:
        return int(round(mm * self.ppm))

    def text(self, x: float, y: float, text: str, size_mm: float, style: str = "sans", fill=(30, 30, 30),
             anchor: str = "la") -> None:
        self.draw.text((self.px(x), self.px(y)), text, font=font(style, self.px(size_mm)), fill=fill, anchor=anchor)

    def rect(self, box: Box, outline=(40, 40, 40), width_mm: float = 0.3, fill=None, radius_mm: float = 0) -> None:
        xy = [self.px(box[0]), self.px(box[1]), self.px(box[2]), self.px(box[3])]
        self.draw.rounded_rectangle(xy, radius=self.px(radius_mm), outline=outline, width=max(1, self.px(width_mm)), fill=fill)

    def line(self, x0: float, y0: float, x1: float, y1: float, fill=(40, 40, 40), width_mm: float = 0.25) -> None:
        self.draw.line([self.px(x0), self.px(y0), self.px(x1), self.px(y1)], fill=fill, width=max(1, self.px(width_mm)))

    def wrapped(self, x: float, y: float, width: float, text: str, size_mm: float, style: str = "serif",
                leading: float = 1.8, indent: int = 2) -> float:
        """Write a paragraph inside `width` mm, returning the y below it."""
        per_line = max(1, int(width / size_mm))
        text = "\u3000" * indent + text
        for start in range(0, len(text), per_line):
            self.text(x, y, text[start:start + per_line], size_mm, style)
            y += size_mm * leading
        return y


def _portrait(sheet: Sheet, box: Box, rng: random.Random) -> None:
    """A photo placeholder: a head and shoulders on a pale ground."""
    sheet.rect(box, outline=(150, 150, 150), width_mm=0.2, fill=rng.choice(((205, 222, 240), (235, 235, 235), (210, 60, 60))))
    x0, y0, x1, y1 = box
    cx, w, h = (x0 + x1) / 2, x1 - x0, y1 - y0
    sheet.draw.ellipse([sheet.px(cx - w * 0.22), sheet.px(y0 + h * 0.18), sheet.px(cx + w * 0.22), sheet.px(y0 + h * 0.6)],
                       fill=(70, 60, 55))
    sheet.draw.chord([sheet.px(x0 + w * 0.08), sheet.px(y0 + h * 0.62), sheet.px(x1 - w * 0.08), sheet.px(y1 + h * 0.4)],
                     180, 360, fill=(40, 40, 50))


def _emblem(sheet: Sheet, cx: float, cy: float, r: float) -> None:
    """The red-and-gold emblem on ID backs and some certificates (a star in a ring)."""
    sheet.draw.ellipse([sheet.px(cx - r), sheet.px(cy - r), sheet.px(cx + r), sheet.px(cy + r)], fill=(205, 40, 40),
                       outline=(220, 170, 40), width=max(1, sheet.px(r * 0.12)))
    pts = []
    for k in range(10):
        rr = r * (0.55 if k % 2 == 0 else 0.22)
        a = -np.pi / 2 + k * np.pi / 5
        pts.append((sheet.px(cx + rr * np.cos(a)), sheet.px(cy + rr * np.sin(a))))
    sheet.draw.polygon(pts, fill=(235, 190, 50))


def _printed_seal(page: np.ndarray, ppm: float, name: str, cx: float, cy: float, rng: random.Random,
                  line_text: str = "") -> None:
    """The issuer's seal as printed on the original and reproduced by the copier: flat, screened."""
    diameter = rng.uniform(38, 45)
    design = SealDesign(name, "round", diameter, diameter, line_text, "", True, False, "serif_bold")
    mask = halftone(official_seal(design, ppm), max(3, int(ppm * 0.5)))
    lay_centred(page, mask * rng.uniform(0.7, 0.95), rng.choice(((220, 45, 50), (200, 60, 60), (230, 80, 80))),
                cx * ppm, cy * ppm)


def _latent(sheet: Sheet, rng: random.Random) -> None:
    """复印无效 anti-copy pattern that shows up faintly on copies of some certificates."""
    tile = Image.new("L", (sheet.px(60), sheet.px(30)), 0)
    ImageDraw.Draw(tile).text((sheet.px(4), sheet.px(8)), "复印无效", font=font("sans_bold", sheet.px(9)), fill=255)
    tile = tile.rotate(25, expand=True)
    shade = Image.new("RGB", tile.size, (215, 215, 212))
    for y in range(0, sheet.image.height, tile.height):
        for x in range(0, sheet.image.width, tile.width):
            sheet.image.paste(shade, (x, y), tile)


def id_card(ppm: float, rng: random.Random) -> Document:
    sheet = Sheet(ppm)
    name = people.person_name(rng)
    scale = rng.choice((1.0, 1.0, 1.0, 1.25))
    w, h = 85.6 * scale, 54 * scale
    left = (A4[0] - w) / 2 + rng.uniform(-12, 12)
    top1 = rng.uniform(25, 45)
    top2 = top1 + h + rng.uniform(12, 30)
    tint = rng.choice(((222, 232, 238), (232, 236, 230), (236, 236, 236)))
    for top in (top1, top2):
        sheet.rect((left, top, left + w, top + h), outline=(150, 160, 170), width_mm=0.2, fill=tint, radius_mm=3)
        for k in range(6):  # guilloche-like wavy background lines
            ys = [top + h * (0.15 + 0.14 * k) + 1.5 * np.sin(t / 4) for t in range(int(w))]
            sheet.draw.line([(sheet.px(left + t), sheet.px(y)) for t, y in enumerate(ys)], fill=(205, 215, 225), width=1)
    s = scale
    label = (80, 110, 150)
    sheet.text(left + 6 * s, top1 + 6 * s, "姓名", 2.6 * s, fill=label)
    sheet.text(left + 16 * s, top1 + 5.5 * s, name, 3.4 * s, "sans_bold")
    sheet.text(left + 6 * s, top1 + 13 * s, "性别", 2.6 * s, fill=label)
    sheet.text(left + 16 * s, top1 + 12.5 * s, rng.choice("男女"), 3.0 * s)
    sheet.text(left + 28 * s, top1 + 13 * s, "民族", 2.6 * s, fill=label)
    sheet.text(left + 38 * s, top1 + 12.5 * s, "汉", 3.0 * s)
    number = people.id_number(rng)
    sheet.text(left + 6 * s, top1 + 20 * s, "出生", 2.6 * s, fill=label)
    sheet.text(left + 16 * s, top1 + 19.5 * s, f"{number[6:10]} 年 {int(number[10:12])} 月 {int(number[12:14])} 日", 3.0 * s)
    sheet.text(left + 6 * s, top1 + 27 * s, "住址", 2.6 * s, fill=label)
    address = rng.choice(people.CITIES) + rng.choice(("人民路", "解放路", "建设路", "长江路")) + f"{rng.randint(1, 300)}号"
    sheet.text(left + 16 * s, top1 + 26.5 * s, address, 3.0 * s)
    sheet.text(left + 6 * s, top1 + 44 * s, "公民身份号码", 2.6 * s, fill=label)
    sheet.text(left + 26 * s, top1 + 43.5 * s, number, 3.6 * s, "sans_bold")
    _portrait(sheet, (left + 58 * s, top1 + 6 * s, left + 80 * s, top1 + 34 * s), random.Random(rng.random()))
    _emblem(sheet, left + 13 * s, top2 + 13 * s, 8 * s)
    sheet.text(left + 30 * s, top2 + 8 * s, "中华人民共和国", 4.2 * s, "serif_bold")
    sheet.text(left + 28 * s, top2 + 18 * s, "居民身份证", 6.0 * s, "serif_bold")
    sheet.text(left + 14 * s, top2 + 36 * s, "签发机关", 2.6 * s, fill=label)
    sheet.text(left + 30 * s, top2 + 35.5 * s, rng.choice(people.CITIES) + "公安局", 3.0 * s)
    sheet.text(left + 14 * s, top2 + 44 * s, "有效期限", 2.6 * s, fill=label)
    start = rng.randint(2012, 2021)
    sheet.text(left + 30 * s, top2 + 43.5 * s, f"{start}.0{rng.randint(1, 9)}.1{rng.randint(0, 9)}-{start + 20}.0{rng.randint(1, 9)}.1{rng.randint(0, 9)}", 3.0 * s)
    bottom = top2 + h
    return Document("id_card", to_array(sheet.image), ppm, name,
                    margin=(25, bottom + 10, 185, 285), content=(left, top1 + h * 0.45, left + w * 0.6, bottom))


def _frame(sheet: Sheet, box: Box, rng: random.Random, colour) -> None:
    sheet.rect(box, outline=colour, width_mm=1.6)
    inner = (box[0] + 3, box[1] + 3, box[2] - 3, box[3] - 3)
    sheet.rect(inner, outline=colour, width_mm=0.4)
    step = 6
    x = inner[0]
    while x < inner[2] - step:  # a band of small diamonds along top and bottom
        for y in (box[1] + 1.5, box[3] - 1.5):
            sheet.draw.polygon([(sheet.px(x + step / 2), sheet.px(y - 0.9)), (sheet.px(x + step), sheet.px(y)),
                                (sheet.px(x + step / 2), sheet.px(y + 0.9)), (sheet.px(x), sheet.px(y))], fill=colour)
        x += step


def skill_certificate(ppm: float, rng: random.Random) -> Document:
    sheet = Sheet(ppm)
    name = people.person_name(rng)
    top = rng.uniform(18, 35)
    height = rng.uniform(140, 175)
    box = (18, top, 192, top + height)
    _frame(sheet, box, rng, rng.choice(((120, 90, 40), (40, 80, 140), (150, 40, 40))))
    title = rng.choice(("职业资格证书", "职业技能等级证书", "技能人员职业资格证书"))
    sheet.text(105, top + 12, title, 8.5, "serif_bold", fill=rng.choice(((200, 40, 40), (30, 30, 30))), anchor="ma")
    _portrait(sheet, (30, top + 35, 55, top + 68), random.Random(rng.random()))
    rows = (("姓　　名", name), ("性　　别", rng.choice("男女")), ("身份证号", people.id_number(rng)),
            ("职业（工种）", rng.choice(people.OCCUPATIONS)), ("等　　级", rng.choice(people.LEVELS)),
            ("证书编号", f"{rng.randint(10**16, 10**17 - 1)}"), ("发证日期", f"{rng.randint(2008, 2022)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"))
    y = top + 34
    for key, value in rows:
        sheet.text(66, y, key, 4.0, "serif")
        sheet.text(100, y, value, 4.0, "sans")
        y += 10
    issuer = people.authority(rng)
    sheet.text(150, y + 6, issuer, 3.6, "serif", anchor="ma")
    page = to_array(sheet.image)
    features = ["issuer-seal"]
    _printed_seal(page, ppm, issuer, 150, y + 4, rng)
    return Document("skill_certificate", page, ppm, name, margin=(25, top + height + 8, 185, 285),
                    content=(60, top + 30, 185, top + height - 5), features=features)


def diploma(ppm: float, rng: random.Random) -> Document:
    sheet = Sheet(ppm)
    if rng.random() < 0.5:
        _latent(sheet, rng)
    name = people.person_name(rng)
    box = (12, 14, 198, 283)
    _frame(sheet, box, rng, rng.choice(((160, 120, 50), (40, 90, 60), (140, 30, 30))))
    sheet.text(105, 40, "毕 业 证 书", 14, "serif_bold", fill=rng.choice(((205, 35, 40), (30, 30, 30))), anchor="ma")
    _portrait(sheet, (30, 72, 58, 110), random.Random(rng.random()))
    school = people.school(rng)
    start = rng.randint(1995, 2015)
    body = (f"学生{name}，性别{rng.choice('男女')}，{rng.randint(1975, 1998)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日生，"
            f"于{start}年9月至{start + 3}年7月在本校{rng.choice(people.MAJORS)}专业三年制学习，修完教学计划规定的全部课程，"
            f"成绩合格，准予毕业。")
    y = sheet.wrapped(70, 78, 115, body, 5.0)
    sheet.text(30, y + 20, "校　长：", 4.5, "serif")
    head = people.person_name(rng)
    sheet.text(54, y + 17, head, 7.5, "kai")  # the headmaster's signature, printed
    sheet.text(140, y + 20, school, 4.5, "serif", anchor="ma")
    sheet.text(140, y + 32, f"{start + 3}年7月1日", 4.5, "serif", anchor="ma")
    sheet.text(30, 255, f"证书编号：{rng.randint(10**17, 10**18 - 1)}", 3.8, "sans")
    page = to_array(sheet.image)
    _printed_seal(page, ppm, school, 140, y + 26, rng)
    return Document("diploma", page, ppm, name, margin=(25, y + 42, 185, 250), content=(60, 75, 185, 250),
                    features=["issuer-seal", "printed-signature"])


def award(ppm: float, rng: random.Random) -> Document:
    sheet = Sheet(ppm)
    name = people.person_name(rng)
    full = rng.random() < 0.6
    box = (10, 12, 200, 285 if full else rng.uniform(170, 200))
    gold = rng.choice(((200, 150, 40), (210, 50, 45)))
    sheet.rect(box, outline=gold, width_mm=5)
    sheet.rect((box[0] + 7, box[1] + 7, box[2] - 7, box[3] - 7), outline=gold, width_mm=0.8)
    sheet.text(105, box[1] + 25, "荣 誉 证 书", 16 if full else 12, "serif_bold", fill=(210, 35, 40), anchor="ma")
    issuer = rng.choice((people.authority(rng), people.company(rng)))
    year = rng.randint(2012, 2022)
    body = f"在{year}年度{rng.choice(('技能竞赛', '岗位练兵', '安全生产', '技术革新', '工作'))}中表现突出，被评为“{rng.choice(people.AWARDS)}”。特发此证，以资鼓励。"
    top = box[1] + (70 if full else 50)
    sheet.text(30, top, f"{name} 同志：", 6.5, "kai")
    y = sheet.wrapped(30, top + 16, 150, body, 6.0, "kai")
    bottom_y = max(y + 25, box[3] - (70 if full else 45))
    sheet.text(150, bottom_y, issuer if len(issuer) < 16 else issuer[:12], 5.0, "serif", anchor="ma")
    sheet.text(150, bottom_y + 12, f"{year + 1}年{rng.randint(1, 12)}月", 5.0, "serif", anchor="ma")
    page = to_array(sheet.image)
    _printed_seal(page, ppm, issuer, 150, bottom_y + 6, rng)
    margin = (25, box[3] + 8, 185, 285) if not full else (20, bottom_y + 20, 100, box[3] - 10)
    return Document("award", page, ppm, name, margin=margin, content=(20, top, 190, bottom_y), features=["issuer-seal"]
                    + ([] if not full else ["full-page"]))


def letter(ppm: float, rng: random.Random) -> Document:
    """A unit's own letter (证明): its seal over its date makes it an original, not a certified copy.
    The seal is stamped by the caller (it is real stamp ink), over `date_spot`."""
    sheet = Sheet(ppm)
    unit = people.company(rng)
    name = people.person_name(rng)
    top = 25
    features = []
    if rng.random() < 0.5:
        sheet.text(105, 22, unit, 8, "serif_bold", fill=(210, 35, 40), anchor="ma")
        sheet.line(20, 36, 190, 36, fill=(210, 35, 40), width_mm=0.8)
        top = 45
        features.append("red-letterhead")
    sheet.text(105, top + 8, rng.choice(("证　明", "证明", "工作证明", "在职证明")), 9, "sans_bold", anchor="ma")
    body = (f"兹证明{name}同志（身份证号：{people.id_number(rng)}）自{rng.randint(1995, 2012)}年{rng.randint(1, 12)}月起在我单位"
            f"从事{rng.choice(people.OCCUPATIONS)}工作至今，现任{rng.choice(('车间主任', '技术主管', '首席技师', '班组长'))}，"
            f"其本人所提供的申报材料真实有效。")
    y = sheet.wrapped(25, top + 30, 160, "致" + people.authority(rng) + "：", 5.0, indent=0)
    y = sheet.wrapped(25, y + 2, 160, body, 5.0)
    y = sheet.wrapped(25, y + 2, 160, "特此证明。", 5.0)
    y = max(y + 30, 170)
    sheet.text(150, y, unit[:14], 4.8, "serif", anchor="ma")
    date_text = f"{rng.choice((2023, 2023, 2022))}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    sheet.text(150, y + 12, date_text, 4.8, "serif", anchor="ma")
    return Document("letter", to_array(sheet.image), ppm, name, margin=(25, y + 30, 185, 285),
                    content=(25, top + 25, 185, y), date_spot=(150, y + 10), features=features + [f"unit:{unit}"])


def plain_certificate(ppm: float, rng: random.Random) -> Document:
    """A one-page certificate copy without an issuer seal visible (e.g. a training record page)."""
    sheet = Sheet(ppm)
    name = people.person_name(rng)
    sheet.text(105, 30, rng.choice(("培训合格证明", "继续教育证书", "专业技术人员培训证书")), 9, "serif_bold", anchor="ma")
    rows = (("姓名", name), ("工作单位", people.company(rng)), ("培训项目", rng.choice(people.OCCUPATIONS) + "技能提升培训"),
            ("学时", f"{rng.randint(24, 120)}学时"), ("编号", f"PX{rng.randint(10**9, 10**10 - 1)}"))
    y = 55
    for key, value in rows:
        sheet.rect((25, y - 2, 185, y + 10), outline=(60, 60, 60), width_mm=0.25)
        sheet.line(60, y - 2, 60, y + 10, fill=(60, 60, 60))
        sheet.text(28, y + 1, key, 4.2)
        sheet.text(64, y + 1, value, 4.2)
        y += 12
    return Document("plain_certificate", to_array(sheet.image), ppm, name, margin=(25, y + 20, 185, 285),
                    content=(25, 50, 185, y))


def two_copies(ppm: float, rng: random.Random) -> Document:
    """Two certificates copied reduced, side by side on one sheet, the lower half left for the marks."""
    scale = rng.uniform(0.46, 0.49)
    kinds = rng.sample(("skill_certificate", "award", "diploma", "plain_certificate"), 2)
    subs = [MAKERS[kind](ppm * scale, rng) for kind in kinds]
    page = np.empty((int(A4[1] * ppm), int(A4[0] * ppm), 3), np.float32)
    page[:] = np.array((250, 250, 247), np.float32) / 255
    top = int(rng.uniform(4, 12) * ppm)
    left = int((A4[0] - 2 * A4[0] * scale) / 2 * ppm)
    for sub in subs:
        h, w = sub.page.shape[:2]
        page[top:top + h, left:left + w] = sub.page
        left += w
    bottom = top / ppm + A4[1] * scale
    features = ["+".join(kinds)] + (["issuer-seal"] if any("issuer-seal" in sub.features for sub in subs) else [])
    return Document("two_copies", page, ppm, subs[0].holder, margin=(20, bottom + 8, 190, 285),
                    content=(15, bottom - A4[1] * scale * 0.5, 195, bottom), features=features)


MAKERS = {"id_card": id_card, "skill_certificate": skill_certificate, "diploma": diploma, "award": award,
          "letter": letter, "plain_certificate": plain_certificate, "two_copies": two_copies}


def letter_seal(doc: Document, unit: str, rng: random.Random) -> np.ndarray:
    """The letter's own seal, stamped over its date (real stamp-pad ink)."""
    diameter = rng.uniform(40, 42)
    code = people.unit_code(rng) if rng.random() < 0.4 else ""
    design = SealDesign(unit, "round", diameter, diameter, "", code, True, False, "serif_bold")
    return stamp_texture(official_seal(design, doc.ppm), rng, rng.uniform(0.7, 1.0), rng.uniform(0, 0.5), 0.08)


def photocopied_grey(page: np.ndarray, rng: random.Random) -> np.ndarray:
    """A black-and-white photocopy of the document: red print turns grey, contrast rises, toner specks."""
    grey = page @ np.array([0.299, 0.587, 0.114], np.float32)
    grey = np.clip((grey - rng.uniform(0.05, 0.15)) * rng.uniform(1.1, 1.3), 0, 1)
    specks = np.random.default_rng(rng.randrange(2**31)).random(grey.shape, dtype=np.float32) < 0.0006
    grey[specks] *= 0.3
    paper = rng.uniform(0.95, 0.99)
    return np.repeat(np.minimum(grey, paper)[:, :, None], 3, axis=2)


def draw(kind: str, ppm: float, rng: random.Random) -> Document:
    doc = MAKERS[kind](ppm, rng)
    if kind == "letter":
        unit = next(f[5:] for f in doc.features if f.startswith("unit:"))
        x, y = doc.date_spot
        lay_centred(doc.page, letter_seal(doc, unit, rng), SEAL_INKS[rng.choice(("fresh", "brick"))],
                    (x + rng.uniform(-8, 8)) * ppm, (y + rng.uniform(-6, 6)) * ppm)
    return doc

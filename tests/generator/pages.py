"""Paper pages rendered as images (what a scanner or phone sees): certificates, ID card copies,
printed forms and narratives, award certificates, proof letters, work photos."""
from __future__ import annotations

import math
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from . import marks
from .fonts import font
from .forms import SUMMARY_HEADER, Layout, SummarySheet, place
from .identity import Expert, Unit
from .texts import Award, Narrative

A4_MM = (210, 297)


def px(dpi: int, mm: float) -> int:
    return int(round(mm * dpi / 25.4))


def new_page(dpi: int, landscape: bool = False, rng: random.Random | None = None) -> Image.Image:
    w, h = px(dpi, A4_MM[0]), px(dpi, A4_MM[1])
    if landscape:
        w, h = h, w
    tint = (255, 255, 255) if rng is None else tuple(255 - rng.randint(0, 8) for _ in range(3))
    return Image.new("RGB", (w, h), tint)


def wrap(text: str, f, width: float) -> list[str]:
    """Greedy CJK wrap by measured width; keeps closing punctuation off line starts."""
    out: list[str] = []
    for para in text.split("\n"):
        line = ""
        for ch in para:
            if f.getlength(line + ch) > width and line:
                if ch in "，。、；：！？”）》":
                    line += ch
                    out.append(line)
                    line = ""
                    continue
                out.append(line)
                line = ch
            else:
                line += ch
        out.append(line)
    return out


def draw_lines(d: ImageDraw.ImageDraw, lines: list[str], x: float, y: float, f, lead: float, fill=(25, 25, 25)) -> float:
    for line in lines:
        d.text((x, y), line, font=f, fill=fill)
        y += lead
    return y


# --- narratives (deeds, report, letters) ----------------------------------------------------

def text_pages(nar: Narrative, dpi: int, rng: random.Random, red_header: str | None = None,
               page_numbers: bool = True) -> list[Image.Image]:
    size = px(dpi, rng.choice([5.0, 5.6, 5.6, 6.0]))   # ~ 四号/三号
    f = font(rng.choice(["serif", "serif", "ming", "sans"]), size)
    fh = font("sans_bold", size)
    ft = font("serif_bold", int(size * 1.45))
    lead = size * rng.choice([1.6, 1.75, 1.9])
    ml, mr, mt, mb = px(dpi, 28), px(dpi, 26), px(dpi, 30), px(dpi, 28)
    pages: list[Image.Image] = []
    page = new_page(dpi, rng=rng)
    d = ImageDraw.Draw(page)
    y = mt
    width = page.width - ml - mr

    def newpage():
        nonlocal page, d, y
        pages.append(page)
        page = new_page(dpi, rng=rng)
        d = ImageDraw.Draw(page)
        y = mt

    if red_header:
        fr = font("serif_bold", int(size * 2.1))
        d.text((page.width / 2, y + size), red_header, font=fr, fill=(226, 30, 30), anchor="mm")
        y += size * 2.6
        d.rectangle([ml, y, page.width - mr, y + max(2, px(dpi, 0.8))], fill=(226, 30, 30))
        y += size * 1.5
    for tline in nar.title.split("\n"):
        d.text((page.width / 2, y + ft.size / 2), tline, font=ft, fill=(15, 15, 15), anchor="mm")
        y += ft.size * 1.7
    y += size * 0.5
    for head, para in nar.blocks:
        for txt, fnt, indent in ((head, fh, 2), (para, f, 2)):
            if not txt:
                continue
            lines = wrap("\u3000" * indent + txt if len(txt) > 12 else txt, fnt, width)
            for line in lines:
                if y + lead > page.height - mb:
                    newpage()
                d.text((ml, y), line, font=fnt, fill=(25, 25, 25))
                y += lead
    y += lead
    for line in nar.closing:
        if y + lead > page.height - mb:
            newpage()
        d.text((page.width - mr - f.getlength(line) - size * 2, y), line, font=f, fill=(25, 25, 25))
        y += lead
    pages.append(page)
    if page_numbers and len(pages) > 1:
        for i, p in enumerate(pages, 1):
            ImageDraw.Draw(p).text((p.width / 2, p.height - mb / 2), f"- {i} -", font=font("serif", int(size * 0.8)),
                                   fill=(40, 40, 40), anchor="mm")
    return pages


# --- the application form and summary sheet, printed and filled --------------------------------

OPINION_KEYS = {"所在单位意见": "unit", "主管部门意见": "department", "区人力社保局意见": "bureau"}


def _cell_text(d, box, text, f, center: bool, fill=(20, 20, 20)) -> None:
    x0, y0, x1, y1 = box
    pad = f.size * 0.3
    lines = wrap(text, f, x1 - x0 - 2 * pad)
    lead = f.size * 1.35
    if center:
        y = (y0 + y1) / 2 - lead * len(lines) / 2 + lead * 0.1
        for line in lines:
            d.text(((x0 + x1) / 2, y + f.size / 2), line, font=f, fill=fill, anchor="mm")
            y += lead
    else:
        y = y0 + pad if len(lines) > 2 else (y0 + y1) / 2 - lead * len(lines) / 2
        draw_lines(d, lines, x0 + pad, y, f, lead, fill)


def form_pages(layout: Layout, dpi: int, rng: random.Random, hand: bool = False, seal_unit: str | None = None,
               seal_department: str | None = None) -> list[Image.Image]:
    """Print the application form, optionally filled by hand; opinion boxes signed/sealed per the form model."""
    form = layout.form
    pages = []
    fs = px(dpi, 3.9)
    flab = font("sans", fs)
    fval = font("serif", fs)
    if layout.cover:
        page = new_page(dpi, rng=rng)
        d = ImageDraw.Draw(page)
        d.text((px(dpi, 25), px(dpi, 25)), "附件1", font=font("sans", px(dpi, 5)), fill=(20, 20, 20))
        ft = font("serif_bold", px(dpi, 11))
        d.text((page.width / 2, px(dpi, 80)), "梁平区技能大师工作室", font=ft, fill=(10, 10, 10), anchor="mm")
        d.text((page.width / 2, px(dpi, 105)), "申  报  表", font=ft, fill=(10, 10, 10), anchor="mm")
        f2 = font("serif", px(dpi, 6))
        for i, (lab, val) in enumerate((("申报单位", form.unit), ("专家姓名", form.expert))):
            y = px(dpi, 165 + i * 18)
            d.text((px(dpi, 40), y), lab, font=f2, fill=(10, 10, 10))
            d.line([px(dpi, 68), y + f2.size * 1.2, px(dpi, 175), y + f2.size * 1.2], fill=(10, 10, 10), width=2)
            if hand:
                marks.composite(page, marks.handwriting_layer(val, px(dpi, 6.5), rng, ink="black"), (px(dpi, 70), y - f2.size * 0.4))
            else:
                d.text((px(dpi, 72), y), val, font=f2, fill=(10, 10, 10))
        d.text((page.width / 2, px(dpi, 250)), "重庆市梁平区人力资源和社会保障局", font=f2, fill=(10, 10, 10), anchor="mm")
        pages.append(page)
    margin = px(dpi, 18)
    pw = px(dpi, 210) - 2 * margin
    scale = pw / sum(layout.col_widths)
    xs = [margin]
    for w in layout.col_widths:
        xs.append(xs[-1] + w * scale)
    hs = [px(dpi, h * 10) for h in layout.heights]
    placed = place(layout)
    # rows that may start a new page: no row span crosses the boundary
    crossing = set()
    for r, c, cell in placed:
        for k in range(r + 1, r + cell.rowspan):
            crossing.add(k)
    page = new_page(dpi, rng=rng)
    top = px(dpi, 20)
    if not layout.cover:
        ImageDraw.Draw(page).text((margin, top), "附件1", font=font("sans", px(dpi, 4.5)), fill=(20, 20, 20))
        ImageDraw.Draw(page).text((page.width / 2, top + px(dpi, 12)), layout.title, font=font("serif_bold", px(dpi, 7)),
                                  fill=(10, 10, 10), anchor="mm")
        top += px(dpi, 22)
    row_y: dict[int, tuple[int, float]] = {}
    y = top
    pidx = 0
    page_list = [page]
    for r, h in enumerate(hs):
        if y + h > page.height - px(dpi, 15) and r not in crossing:
            page = new_page(dpi, rng=rng)
            page_list.append(page)
            pidx += 1
            y = px(dpi, 20)
        row_y[r] = (pidx, y)
        y += h
    fill_ink = rng.choice(["blue", "blue", "black"])
    for r, c, cell in placed:
        pi, y0 = row_y[r]
        y1 = y0 + sum(hs[r:r + cell.rowspan])
        box = (xs[c], y0, xs[c + cell.colspan], y1)
        pg = page_list[pi]
        d = ImageDraw.Draw(pg)
        d.rectangle(box, outline=(0, 0, 0), width=max(1, dpi // 100))
        label = layout.rows[r][0].text if cell.kind == "box" else None
        if cell.kind in ("label", "head"):
            _cell_text(d, box, cell.text, flab, True)
        elif label in OPINION_KEYS:
            _opinion_box(pg, d, box, form.opinions.get(OPINION_KEYS[label]), rng, dpi, hand,
                         seal_unit if OPINION_KEYS[label] == "unit" else seal_department if OPINION_KEYS[label] == "department" else None)
        elif hand and cell.kind == "value" and cell.text:
            lay = marks.handwriting_layer(cell.text, int(fs * 1.15), rng, ink=fill_ink)
            if lay.width > box[2] - box[0]:
                lay = lay.resize((int(box[2] - box[0] - 4), int(lay.height * (box[2] - box[0] - 4) / lay.width)))
            marks.composite(pg, lay, (box[0] + 4, (box[1] + box[3]) / 2 - lay.height / 2))
        else:
            _cell_text(d, box, cell.text, fval, cell.kind == "value" and len(cell.text) < 14)
    return pages + page_list


def _opinion_box(page, d, box, op, rng, dpi, hand, seal_name: str | None) -> None:
    x0, y0, x1, y1 = box
    f = font("serif", px(dpi, 3.9))
    lx, ly = x1 - px(dpi, 45), y1 - px(dpi, 15)
    d.text((lx, ly), "(签字盖章)", font=f, fill=(20, 20, 20))
    date_label = "年     月     日"
    dx, dy = x1 - px(dpi, 45), y1 - px(dpi, 8)
    d.text((dx, dy), date_label, font=f, fill=(20, 20, 20))
    if op is None or not op.text:
        return
    ink = rng.choice(["blue", "black"])
    if hand:
        marks.composite(page, marks.handwriting_layer(op.text[:22], px(dpi, 5), rng, ink=ink), (x0 + px(dpi, 4), y0 + px(dpi, 3)))
    else:
        _cell_text(d, (x0, y0, x1, y0 + px(dpi, 14)), op.text, f, False)
    if op.signer:
        marks.composite(page, marks.signature_layer(op.signer, px(dpi, 7), rng, ink=ink), (x1 - px(dpi, 80), y1 - px(dpi, 22)))
    if op.date_text:
        # write the digits into the blanks of the printed "年 月 日"
        import re
        m = re.match(r"(\d{4})年(\d{1,2})月(\d{1,2})日", op.date_text)
        if m:
            yr, mo, da = m.groups()
            hs = px(dpi, 4.2)
            x_nian = dx
            x_yue = dx + f.getlength("年     ")
            x_ri = dx + f.getlength("年     月     ")
            for txt, right in ((yr, x_nian), (mo, x_yue), (da, x_ri)):
                lay = marks.handwriting_layer(txt, hs, rng, ink=ink)
                marks.composite(page, lay, (right - lay.width + hs * 0.2, dy + f.size / 2 - lay.height / 2))
    if op.sealed and seal_name:
        lay = marks.seal_layer(seal_name, px(dpi, 40), rng)
        marks.composite(page, lay, (x1 - px(dpi, 40) - lay.width / 2, (y0 + y1) / 2 - lay.height / 2))


def summary_page(sheet: SummarySheet, dpi: int, rng: random.Random, seals: bool = True) -> Image.Image:
    page = new_page(dpi, landscape=True, rng=rng)
    d = ImageDraw.Draw(page)
    m = px(dpi, 15)
    f = font("serif", px(dpi, 3.6))
    fb = font("sans", px(dpi, 3.6))
    d.text((m, m), "附件2", font=font("sans", px(dpi, 4.5)), fill=(20, 20, 20))
    d.text((page.width / 2, m + px(dpi, 12)), "梁平区技能大师工作室汇总表", font=font("serif_bold", px(dpi, 7.5)), fill=(10, 10, 10), anchor="mm")
    y = m + px(dpi, 24)
    d.text((m, y), f"主管部门（盖章）：{sheet.department}", font=f, fill=(20, 20, 20))
    d.text((page.width / 2, y), f"填报单位（盖章）：{sheet.filler}", font=f, fill=(20, 20, 20))
    if seals:
        marks.composite(page, marks.seal_layer("重庆市梁平区" + sheet.department.removeprefix("区").replace("委", "委员会"), px(dpi, 40), rng),
                        (m + px(dpi, 20), y - px(dpi, 18)))
        marks.composite(page, marks.seal_layer(sheet.filler, px(dpi, 40), rng), (page.width / 2 + px(dpi, 30), y - px(dpi, 18)))
    y += px(dpi, 10)
    widths = [10, 62, 20, 20, 18, 10, 10, 28, 26, 16, 20]
    scale = (page.width - 2 * m) / sum(widths)
    xs = [m]
    for w in widths:
        xs.append(xs[-1] + w * scale)
    rh = px(dpi, 11)
    for i, h in enumerate(SUMMARY_HEADER):
        box = (xs[i], y, xs[i + 1], y + rh * 1.4)
        d.rectangle(box, outline=(0, 0, 0), width=2)
        _cell_text(d, box, h, fb, True)
    y += rh * 1.4
    rows = [[r.seq, r.unit, r.staff_count, r.high_skill_count, r.expert, r.gender, r.age, r.occupation, r.level_title,
             r.team_size, r.note] for r in sheet.rows]
    rows += [[""] * 11 for _ in range(max(0, 3 - len(rows)))]
    for row in rows:
        for i, v in enumerate(row):
            box = (xs[i], y, xs[i + 1], y + rh)
            d.rectangle(box, outline=(0, 0, 0), width=2)
            _cell_text(d, box, str(v), f, True)
        y += rh
    y += px(dpi, 8)
    d.text((m, y), f"联系人：{sheet.contact_person}", font=f, fill=(20, 20, 20))
    d.text((m + px(dpi, 80), y), f"联系电话：{sheet.contact_phone}", font=f, fill=(20, 20, 20))
    d.text((m + px(dpi, 170), y), f"填报时间：{sheet.date_text}", font=f, fill=(20, 20, 20))
    return page


# --- credentials ----------------------------------------------------------------------------

def _portrait(w: int, h: int, rng: random.Random, color: bool = True) -> Image.Image:
    bg = rng.choice([(235, 240, 250), (250, 250, 250), (200, 220, 245), (220, 60, 60)]) if color else (235, 235, 235)
    im = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(im)
    skin = (222, 190, 165) if color else (180, 180, 180)
    cloth = rng.choice([(30, 30, 40), (40, 60, 110), (240, 240, 240), (90, 90, 90)])
    d.ellipse([w * 0.05, h * 0.72, w * 0.95, h * 1.35], fill=cloth)
    d.rectangle([w * 0.42, h * 0.55, w * 0.58, h * 0.78], fill=skin)
    d.ellipse([w * 0.27, h * 0.18, w * 0.73, h * 0.66], fill=skin)
    d.chord([w * 0.25, h * 0.12, w * 0.75, h * 0.5], 180, 360, fill=(25, 20, 20))
    for ex in (0.41, 0.59):
        d.ellipse([w * ex - 3, h * 0.4 - 2, w * ex + 3, h * 0.4 + 2], fill=(30, 30, 30))
    return im.filter(ImageFilter.GaussianBlur(1.2))


def _emblem(size: int, rng: random.Random) -> Image.Image:
    """Red/gold round emblem (printed logo: a hard negative for seal detection)."""
    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.ellipse([0, 0, size - 1, size - 1], fill=(200, 30, 30, 255))
    d.ellipse([size * 0.12, size * 0.12, size * 0.88, size * 0.88], outline=(230, 190, 60, 255), width=max(2, size // 25))
    marks._star(d, size * 0.5, size * 0.4, size * 0.16, fill=(240, 200, 60, 255))
    for i in range(4):
        a = math.radians(200 + i * 25)
        marks._star(d, size * 0.5 + size * 0.25 * math.cos(a) + size * 0.1, size * 0.4 + size * 0.25 * math.sin(a) + size * 0.05,
                    size * 0.05, fill=(240, 200, 60, 255))
    d.rectangle([size * 0.3, size * 0.65, size * 0.7, size * 0.72], fill=(240, 200, 60, 255))
    return im


def id_card_images(expert: Expert, dpi: int, rng: random.Random, color: bool = True) -> tuple[Image.Image, Image.Image]:
    p = expert.person
    scale = rng.choice([1.0, 1.0, 1.2, 1.5])
    W, H = px(dpi, 85.6 * scale), px(dpi, 54 * scale)
    mm = lambda v: px(dpi, v * scale)
    bg = (236, 240, 244) if color else (240, 240, 240)
    front = Image.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(front)
    d.rounded_rectangle([0, 0, W - 1, H - 1], radius=mm(3), fill=bg, outline=(150, 150, 150), width=2)
    for i in range(0, W, max(4, mm(2))):  # faint guilloche
        d.arc([i - W, -H // 2, i + W // 3, H * 1.5], 0, 90, fill=(215, 225, 235) if color else (225, 225, 225))
    lab = font("sans", mm(2.6))
    val = font("sans", mm(3.1))
    blue = (70, 110, 160) if color else (110, 110, 110)
    ink = (15, 15, 15)
    y = mm(5)
    d.text((mm(4), y), "姓 名", font=lab, fill=blue)
    d.text((mm(14), y - mm(0.4)), p.name, font=val, fill=ink)
    y += mm(7)
    d.text((mm(4), y), "性 别", font=lab, fill=blue)
    d.text((mm(14), y), p.gender, font=val, fill=ink)
    d.text((mm(24), y), "民 族", font=lab, fill=blue)
    d.text((mm(34), y), p.nation, font=val, fill=ink)
    y += mm(7)
    d.text((mm(4), y), "出 生", font=lab, fill=blue)
    b = p.birth_date
    d.text((mm(14), y), f"{b.year}  年 {b.month:>2} 月 {b.day:>2} 日", font=val, fill=ink)
    y += mm(7)
    d.text((mm(4), y), "住 址", font=lab, fill=blue)
    lines = wrap(p.address, val, mm(40))
    draw_lines(d, lines[:3], mm(14), y, val, mm(4.3), ink)
    d.text((mm(4), mm(45)), "公民身份号码", font=lab, fill=blue)
    d.text((mm(24), mm(44.3)), p.id_number, font=font("sans_bold", mm(3.6)), fill=ink)
    front.paste(_portrait(mm(26), mm(32), rng, color), (mm(56), mm(7)))
    back = Image.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(back)
    d.rounded_rectangle([0, 0, W - 1, H - 1], radius=mm(3), fill=bg, outline=(150, 150, 150), width=2)
    em = _emblem(mm(17), rng)
    if not color:
        em = Image.merge("RGBA", (*[em.convert("L")] * 3, em.getchannel("A")))
    back.paste(em, (mm(5), mm(4)), em)
    d.text((mm(54), mm(10)), "中华人民共和国", font=font("serif_bold", mm(4.2)), fill=ink, anchor="mm")
    d.text((mm(54), mm(20)), "居民身份证", font=font("serif_bold", mm(6.2)), fill=ink, anchor="mm")
    d.text((mm(14), mm(38)), "签发机关", font=lab, fill=blue)
    d.text((mm(30), mm(37.6)), rng.choice(["重庆市公安局梁平区分局", "重庆市公安局梁平分局", "梁平县公安局"]), font=val, fill=ink)
    d.text((mm(14), mm(45)), "有效期限", font=lab, fill=blue)
    start_y = rng.randint(2008, 2020)
    m_, dd = rng.randint(1, 12), rng.randint(1, 28)
    end = "长期" if p.age > 46 and rng.random() < 0.5 else f"{start_y + 20}.{m_:02d}.{dd:02d}"
    d.text((mm(30), mm(44.6)), f"{start_y}.{m_:02d}.{dd:02d}-{end}", font=val, fill=ink)
    return front, back


def id_card_page(expert: Expert, dpi: int, rng: random.Random, color: bool = True, template_label: bool = False) -> Image.Image:
    page = new_page(dpi, rng=rng)
    front, back = id_card_images(expert, dpi, rng, color)
    cx = page.width // 2
    if rng.random() < 0.75:
        page.paste(front, (cx - front.width // 2, px(dpi, 30)))
        page.paste(back, (cx - back.width // 2, px(dpi, 40) + front.height))
    else:
        y = px(dpi, 40)
        page.paste(front, (px(dpi, 12), y))
        page.paste(back, (page.width - px(dpi, 12) - back.width, y))
    if template_label:
        _template_label(page, dpi, "身份证复印件")
    return page


def _template_label(page: Image.Image, dpi: int, what: str) -> None:
    """Printed certification template: labels only (a blank one is NOT a certification)."""
    d = ImageDraw.Draw(page)
    f = font("serif", px(dpi, 4.2))
    y = page.height - px(dpi, 75)
    d.text((px(dpi, 25), px(dpi, 15)), f"{what}粘贴处", font=f, fill=(60, 60, 60))
    d.text((px(dpi, 25), y), "此件与原件相符", font=f, fill=(20, 20, 20))
    d.text((px(dpi, 25), y + px(dpi, 12)), "经办人签字：____________", font=f, fill=(20, 20, 20))
    d.text((px(dpi, 110), y + px(dpi, 12)), "（单位盖章）", font=f, fill=(20, 20, 20))
    d.text((px(dpi, 110), y + px(dpi, 24)), "年     月     日", font=f, fill=(20, 20, 20))


def _frame(d: ImageDraw.ImageDraw, box, color, dpi: int, double: bool = True) -> None:
    x0, y0, x1, y1 = box
    d.rectangle(box, outline=color, width=px(dpi, 1.4))
    if double:
        g = px(dpi, 2.5)
        d.rectangle([x0 + g, y0 + g, x1 - g, y1 - g], outline=color, width=max(1, px(dpi, 0.35)))


def skill_certificate_page(expert: Expert, dpi: int, rng: random.Random, color: bool = True) -> Image.Image:
    page = new_page(dpi, rng=rng)
    d = ImageDraw.Draw(page)
    x0, y0 = px(dpi, 15), px(dpi, 25)
    x1, y1 = page.width - px(dpi, 15), y0 + px(dpi, 125)
    fill_bg = (246, 240, 228) if color else (245, 245, 245)
    d.rectangle([x0, y0, x1, y1], fill=fill_bg)
    _frame(d, (x0, y0, x1, y1), (150, 110, 60) if color else (120, 120, 120), dpi)
    mid = (x0 + x1) // 2
    d.line([mid, y0 + px(dpi, 6), mid, y1 - px(dpi, 6)], fill=(190, 180, 160), width=1)
    new_style = expert.cert_date.year >= 2020 or rng.random() < 0.3
    title = "职业技能等级证书" if new_style else "职业资格证书"
    lab = font("serif", px(dpi, 3.8))
    val = font("serif", px(dpi, 3.8))
    pr = _portrait(px(dpi, 25), px(dpi, 33), rng, color)
    page.paste(pr, (x0 + px(dpi, 32), y0 + px(dpi, 10)))
    p = expert.person
    rows = [("姓        名", p.name), ("性        别", p.gender), ("身份证号", p.id_number), ("职业（工种）", expert.occupation),
            ("等        级", expert.skill_level), ("证书编号", expert.cert_number), ("发证日期", f"{expert.cert_date:%Y年%m月%d日}")]
    y = y0 + px(dpi, 50)
    for k, v in rows:
        d.text((x0 + px(dpi, 8), y), k, font=lab, fill=(30, 30, 30))
        d.text((x0 + px(dpi, 34), y), v, font=val, fill=(10, 10, 10))
        y += px(dpi, 9)
    if color and rng.random() < 0.7:
        em = _emblem(px(dpi, 18), rng)
        page.paste(em, (mid + (x1 - mid) // 2 - em.width // 2, y0 + px(dpi, 10)), em)
    d.text((mid + (x1 - mid) // 2, y0 + px(dpi, 42)), title, font=font("serif_bold", px(dpi, 7)), fill=(20, 20, 20), anchor="mm")
    if new_style:
        d.text((mid + (x1 - mid) // 2, y0 + px(dpi, 52)), "（国家职业资格" + {"技师": "二级", "高级技师": "一级"}.get(expert.skill_level, "") + "）",
               font=lab, fill=(30, 30, 30), anchor="mm")
    d.text((mid + px(dpi, 10), y0 + px(dpi, 85)), "发证机关（评价机构）：", font=lab, fill=(30, 30, 30))
    d.text((mid + px(dpi, 10), y0 + px(dpi, 95)), expert.cert_issuer, font=lab, fill=(30, 30, 30))
    seal = marks.printed_seal_layer(expert.cert_issuer, px(dpi, 36), rng, bottom=rng.choice([None, "职业技能鉴定专用章" [:5]]))
    if not color:
        seal = Image.merge("RGBA", (*[seal.convert("L").point(lambda v: 110)] * 3, seal.getchannel("A")))
    marks.composite(page, seal, (mid + (x1 - mid) // 2 - seal.width // 2, y0 + px(dpi, 72)))
    return page


def diploma_page(expert: Expert, dpi: int, rng: random.Random, color: bool = True) -> Image.Image:
    page = new_page(dpi, rng=rng)
    d = ImageDraw.Draw(page)
    x0, y0 = px(dpi, 15), px(dpi, 30)
    x1, y1 = page.width - px(dpi, 15), y0 + px(dpi, 140)
    _frame(d, (x0, y0, x1, y1), (170, 40, 40) if color else (90, 90, 90), dpi)
    d.text(((x0 + x1) / 2, y0 + px(dpi, 18)), "毕  业  证  书", font=font("serif_bold", px(dpi, 10)), fill=(20, 20, 20), anchor="mm")
    page.paste(_portrait(px(dpi, 25), px(dpi, 33), rng, color), (x0 + px(dpi, 12), y0 + px(dpi, 32)))
    p = expert.person
    years = {"中专": 3, "技工学校": 3, "高中": 3, "大专": 3, "本科": 4}.get(expert.education, 3)
    start = expert.grad_date.year - years
    body = (f"学生{p.name}，性别{p.gender}，{p.birth_date.year}年{p.birth_date.month}月{p.birth_date.day}日生，于{start}年9月至"
            f"{expert.grad_date.year}年{expert.grad_date.month}月在本校{expert.major}专业{years}年制{expert.education if expert.education not in ('高中', '技工学校') else ''}学习，"
            f"修完教学计划规定的全部课程，成绩合格，准予毕业。")
    f = font("serif", px(dpi, 4.4))
    lines = wrap("\u3000\u3000" + body, f, x1 - x0 - px(dpi, 55))
    draw_lines(d, lines, x0 + px(dpi, 45), y0 + px(dpi, 35), f, px(dpi, 7.5))
    d.text((x1 - px(dpi, 70), y1 - px(dpi, 40)), f"学校：{expert.school}", font=f, fill=(20, 20, 20))
    d.text((x1 - px(dpi, 70), y1 - px(dpi, 30)), f"校（院）长：{rng.choice(['李志刚', '王建华', '陈明', '刘长青'])}", font=f, fill=(20, 20, 20))
    d.text((x0 + px(dpi, 10), y1 - px(dpi, 18)), f"证书编号：{rng.randint(10**16, 10**17 - 1)}", font=font("sans", px(dpi, 3.4)), fill=(30, 30, 30))
    d.text((x1 - px(dpi, 70), y1 - px(dpi, 18)), f"{expert.grad_date.year}年{expert.grad_date.month}月{expert.grad_date.day}日", font=f, fill=(20, 20, 20))
    seal = marks.printed_seal_layer(expert.school, px(dpi, 40), rng)
    if not color:
        seal = Image.merge("RGBA", (*[seal.convert("L").point(lambda v: 110)] * 3, seal.getchannel("A")))
    marks.composite(page, seal, (x1 - px(dpi, 60) - seal.width // 3, y1 - px(dpi, 55)))
    return page


def award_page(aw: Award, dpi: int, rng: random.Random, color: bool = True) -> Image.Image:
    page = new_page(dpi, rng=rng)
    d = ImageDraw.Draw(page)
    x0, y0 = px(dpi, 15), px(dpi, 25)
    x1, y1 = page.width - px(dpi, 15), y0 + px(dpi, 150)
    red = (200, 30, 30) if color else (80, 80, 80)
    gold = (200, 160, 60) if color else (150, 150, 150)
    d.rectangle([x0, y0, x1, y1], outline=gold, width=px(dpi, 4))
    d.rectangle([x0 + px(dpi, 6), y0 + px(dpi, 6), x1 - px(dpi, 6), y1 - px(dpi, 6)], outline=red, width=px(dpi, 1))
    d.text(((x0 + x1) / 2, y0 + px(dpi, 25)), aw.title, font=font("serif_bold", px(dpi, 12)), fill=red if rng.random() < 0.6 else (20, 20, 20), anchor="mm")
    f = font("kai" if rng.random() < 0.4 else "serif", px(dpi, 6))
    y = y0 + px(dpi, 45)
    for i, line in enumerate(aw.body.split("\n")):
        for sub in wrap(line, f, x1 - x0 - px(dpi, 40)):
            xx = x0 + px(dpi, 20) if i == 0 else x0 + px(dpi, 32)
            if line.startswith("“"):
                d.text(((x0 + x1) / 2, y + f.size / 2), sub, font=font("serif_bold", px(dpi, 8)), fill=(20, 20, 20), anchor="mm")
                y += px(dpi, 4)
            else:
                d.text((xx, y), sub, font=f, fill=(20, 20, 20))
            y += px(dpi, 11)
    fi = font("serif", px(dpi, 5))
    for i, part in enumerate(aw.issuer.split(" ")):
        d.text((x1 - px(dpi, 25), y1 - px(dpi, 40) + i * px(dpi, 8)), part, font=fi, fill=(20, 20, 20), anchor="rm")
    d.text((x1 - px(dpi, 25), y1 - px(dpi, 20)), aw.date_text, font=fi, fill=(20, 20, 20), anchor="rm")
    seal = marks.printed_seal_layer(aw.issuer.split(" ")[-1], px(dpi, 42), rng)
    if not color:
        seal = Image.merge("RGBA", (*[seal.convert("L").point(lambda v: 110)] * 3, seal.getchannel("A")))
    marks.composite(page, seal, (x1 - px(dpi, 60) - seal.width // 2, y1 - px(dpi, 55)))
    return page


def letter_page(nar: Narrative, dpi: int, rng: random.Random, letterhead: str | None = None) -> Image.Image:
    """A proof letter (证明) on (optionally red) letterhead, stamped by its issuer over the date
    and its name at the foot (压年盖月, as official letters are sealed)."""
    page = text_pages(nar, dpi, rng, red_header=letterhead, page_numbers=False)[0]
    issuer = nar.closing[0] if nar.closing else "重庆市梁平区总工会"
    lay = marks.seal_layer(issuer, px(dpi, 40), rng, style="red")
    right = np.asarray(page.convert("L"))[:, page.width // 2 :] < 128
    rows = np.flatnonzero(right.any(axis=1))
    inked_cols = np.flatnonzero(right[rows[-1] - px(dpi, 6) : rows[-1] + 1].any(axis=0)) if rows.size else np.array([])
    date_y = int(rows[-1]) if rows.size else px(dpi, 150)
    date_x = page.width // 2 + int(inked_cols.mean()) if inked_cols.size else page.width - px(dpi, 75)
    centre = (date_x + rng.uniform(-8, 8) * dpi / 25.4, date_y - rng.uniform(0.0, 0.6) * px(dpi, 20))
    marks.composite(page, lay, (centre[0] - lay.width / 2, centre[1] - lay.height / 2))
    return page


def work_photo(rng: random.Random, size: tuple[int, int] | None = None) -> Image.Image:
    """Photo-like colour image of a workshop scene; no text."""
    W, H = size or rng.choice([(1600, 1200), (1200, 1600), (1440, 1080), (1280, 960)])
    y = np.linspace(0, 1, H, dtype=np.float32)[:, None]
    x = np.linspace(0, 1, W, dtype=np.float32)[None, :]
    c1 = np.array([rng.randint(120, 220) for _ in range(3)], np.float32)
    c2 = np.array([rng.randint(40, 140) for _ in range(3)], np.float32)
    img = (c1 * (1 - y[..., None]) + c2 * y[..., None]) * (0.85 + 0.15 * x[..., None])
    im = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")
    d = ImageDraw.Draw(im)
    # floor, machines, shelves
    d.rectangle([0, int(H * 0.7), W, H], fill=tuple(rng.randint(80, 150) for _ in range(3)))
    for _ in range(rng.randint(3, 7)):
        mx, my = rng.randint(0, W), rng.randint(int(H * 0.3), int(H * 0.6))
        mw, mh = rng.randint(W // 8, W // 3), rng.randint(H // 6, H // 3)
        col = rng.choice([(60, 110, 160), (200, 200, 200), (90, 140, 90), (230, 150, 50), (70, 70, 80)])
        d.rectangle([mx, my, mx + mw, my + mh], fill=col, outline=tuple(max(0, v - 40) for v in col), width=4)
        d.rectangle([mx + mw * 0.1, my + mh * 0.15, mx + mw * 0.5, my + mh * 0.45], fill=tuple(min(255, v + 40) for v in col))
    # the expert at work: head, body in work clothes, arms
    px0, py0 = rng.randint(int(W * 0.25), int(W * 0.65)), int(H * rng.uniform(0.3, 0.45))
    s = min(W, H) * rng.uniform(0.12, 0.18)
    uniform = rng.choice([(30, 60, 130), (220, 220, 220), (40, 90, 60), (200, 90, 30), (235, 235, 240)])
    d.rounded_rectangle([px0 - s, py0 + s * 0.8, px0 + s, py0 + s * 3.6], radius=int(s * 0.4), fill=uniform)
    d.ellipse([px0 - s * 0.45, py0 - s * 0.2, px0 + s * 0.45, py0 + s * 0.85], fill=(215, 180, 150))
    d.chord([px0 - s * 0.5, py0 - s * 0.3, px0 + s * 0.5, py0 + s * 0.5], 180, 360,
            fill=rng.choice([(20, 20, 20), (240, 240, 240), (230, 200, 40)]))
    d.line([px0 + s * 0.8, py0 + s * 1.2, px0 + s * 2.0, py0 + s * 2.1], fill=uniform, width=int(s * 0.35))
    d.line([px0 - s * 0.8, py0 + s * 1.2, px0 - s * 1.5, py0 + s * 2.3], fill=uniform, width=int(s * 0.35))
    nrng = np.random.default_rng(rng.randrange(2**32))
    arr = np.asarray(im.filter(ImageFilter.GaussianBlur(rng.uniform(1.0, 2.5))), np.float32)
    # vignette + sensor noise
    vig = 1 - 0.35 * ((x - 0.5) ** 2 + (y - 0.5) ** 2)
    arr = arr * vig[..., None] + nrng.normal(0, 6, arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")


def photo_sheet_page(rng: random.Random, dpi: int, n: int = 2) -> Image.Image:
    """Work photos printed on an A4 sheet (as they appear inside a scanned bundle)."""
    page = new_page(dpi, rng=rng)
    d = ImageDraw.Draw(page)
    d.text((page.width / 2, px(dpi, 20)), "工作照片", font=font("sans_bold", px(dpi, 7)), fill=(20, 20, 20), anchor="mm")
    for i in range(n):
        ph = work_photo(rng, (px(dpi, 150), px(dpi, 105)))
        page.paste(ph, (px(dpi, 30), px(dpi, 35) + i * px(dpi, 120)))
    return page

"""Realistic file names: descriptive Chinese ones and meaningless ones (camera, WeChat, scanner, Office defaults)."""
from __future__ import annotations

import random
from pathlib import Path


def _stamp(rng: random.Random) -> str:
    return f"202308{rng.randint(10, 30)}{rng.randint(8, 20):02d}{rng.randint(0, 59):02d}{rng.randint(0, 59):02d}"


def meaningless(rng: random.Random, ext: str) -> str:
    ext = ext.lower()
    if ext in (".jpg", ".jpeg", ".png"):
        return rng.choice([
            f"IMG_{rng.randint(1, 9999):04d}{ext}",
            f"IMG_202308{rng.randint(10, 30)}_{rng.randint(80000, 205959)}{ext}",
            f"微信图片_{_stamp(rng)}{ext}",
            f"mmexport{rng.randint(10**12, 10**13 - 1)}{ext}",
            f"DSC{rng.randint(1, 9999):05d}{ext.upper()}",
            f"scan{rng.randint(1, 40):04d}{ext}",
            f"{_stamp(rng)}{ext}",
        ])
    if ext == ".pdf":
        return rng.choice([f"scan{rng.randint(1, 40):04d}.pdf", f"扫描全能王 2023-08-{rng.randint(10, 30)} {rng.randint(8, 20)}.{rng.randint(10, 59)}.pdf",
                           f"{_stamp(rng)}.pdf", f"Doc{rng.randint(1, 30)}.pdf", f"未命名{rng.randint(1, 5)}.pdf", f"CCF{rng.randint(10**5, 10**6 - 1)}.pdf"])
    if ext in (".docx", ".doc"):
        return rng.choice([f"新建 Microsoft Word 文档{ext}", f"新建 Microsoft Word 文档 ({rng.randint(2, 5)}){ext}", f"文档{rng.randint(1, 9)}{ext}",
                           f"Doc{rng.randint(1, 9)}{ext}", f"新建 DOCX 文档{ext}"])
    if ext in (".xlsx", ".xls"):
        return rng.choice([f"新建 Microsoft Excel 工作表{ext}", f"工作簿{rng.randint(1, 3)}{ext}", f"Book{rng.randint(1, 3)}{ext}"])
    return f"file{rng.randint(1, 99)}{ext}"


DESCRIPTIVE = {
    "application_form": ["附件1申报表", "附件1：梁平区技能大师工作室申报表", "梁平区技能大师工作室申报表（{short}）", "{expert}申报表", "申报表",
                         "附件1", "{short}技能大师工作室申报表"],
    "summary_sheet": ["附件2汇总表", "附件2：梁平区技能大师工作室汇总表", "{short}汇总表", "汇总表", "附件2", "梁平区技能大师工作室汇总表"],
    "deeds": ["{expert}事迹材料", "{expert}同志先进事迹材料", "事迹材料", "2.拟命名专家事迹材料", "{expert}事迹"],
    "report": ["工作室申报报告", "{expert}技能大师工作室申报报告", "申报报告", "3.工作室申报报告", "{short}申报报告"],
    "id_card": ["{expert}身份证复印件", "身份证", "{expert}身份证", "身份证复印件", "4-1身份证"],
    "skill_certificate": ["{expert}技师证", "职业资格证书", "{expert}职业技能等级证书", "技能等级证书复印件", "4-2资格证书"],
    "diploma": ["毕业证", "{expert}学历证书", "学历证书复印件", "4-3毕业证书"],
    "work_photo": ["工作照片", "{expert}工作照", "工作照片{n}", "照片{n}"],
    "award": ["获奖证书{n}", "荣誉证书{n}", "{expert}获奖证书", "佐证材料{n}"],
    "other": ["证明材料{n}", "佐证材料-证明{n}", "技术革新证明", "其他佐证材料{n}"],
    "bundle": ["{short}申报材料", "{short}技能大师工作室申报材料（扫描件）", "申报材料", "{expert}申报材料扫描件"],
    "credentials": ["{expert}证件复印件", "证件材料", "4.身份证、资格证、学历证复印件"],
}


def file_name(kind: str, ext: str, rng: random.Random, *, expert: str, short: str, n: int = 1,
              meaningless_prob: float = 0.3) -> str:
    if rng.random() < meaningless_prob or kind not in DESCRIPTIVE:
        return meaningless(rng, ext)
    stem = rng.choice(DESCRIPTIVE[kind]).format(expert=expert, short=short, n=n)
    return stem + ext


def unique_path(directory: Path, name: str) -> Path:
    p = directory / name
    if not p.exists():
        return p
    import re
    stem, suf = Path(name).stem, Path(name).suffix
    stem = re.sub(r"\(\d+\)$", "", stem)
    i = 1
    while (directory / f"{stem}({i}){suf}").exists():
        i += 1
    return directory / f"{stem}({i}){suf}"

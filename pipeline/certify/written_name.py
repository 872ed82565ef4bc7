"""A signature the page's OCR read as text: the handler's name written in a plain, upright hand
(or stamped with a name stamp) in black, which the stroke search takes for print. It counts
when it follows a signer's label (经办人：张伟, written or printed) or, by itself, when it reads as
a person's name right below or after the phrase and is not the value of some other printed
label (姓名 张伟 on an ID card copy); with no phrase, also when it stands alone on a blank part
of the page.
"""

from __future__ import annotations

import re

from pipeline.certify.fuzzy import phrase_end
from pipeline.models import TextBox
from pipeline.textnorm import is_chinese

# 经办人 as the OCR misreads it too: 办 as 功, 力 or 小; 经 as 终; also as a form prints it,
# 经办人（签字）： or 经办人签字：; and the other signers' labels a unit uses (核对人, 复印人, ...)
SIGNER_LABEL = re.compile(r"^(经[办功力小]人|终办人|经手人|核对人|审核人|复核人|复印人|经办|签字人|签名|签字)"
                          r"([（(]?(签字|签名|签章)[)）]?)?[:：]?")
SIGN_HERE = re.compile(r"^[（(]?(签字|签名)[)）]?[:：]?$")  # the label's tail in a box of its own: 经办 | (签字)： | name
# 经办人 misread worse under a seal's ink: 办 or 经 lost (经人, 办人), a character added (经力从人),
# 经办 read as one (帅人：). Only before a surname (经人社局审核 is 人社局)
CLIPPED_LABEL = re.compile(r"^([经办].{0,2}?人[:：]?|.人[:：])")
SCRAWL_READ = re.compile(r"^[A-Za-z]{2,6}$")  # a scrawled signature as the OCR reads it
SEAL_WORDS = re.compile(r"(公|专用|财务|合同)章$")  # a seal's own bottom line, read where a name is written
PHRASE_END = re.compile(r"[符苻]|原件")
# a label alone, as printed on a form or a two-line stamp: 经办人签字：, 经办人（签字）, 盖章：, 日期：
LABEL_ONLY = re.compile(r"^(经办人|经手人|核对人|审核人|复核人|复印人|签字人|单位)?[（(]?(签字|签名|签章|盖章)?[)）]?(日期)?[:：_＿\s]*$")
# the most common surnames (those that are also everyday words left out: 和, 时, 明, ...)
COMMON_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫"
    "孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童"
    "凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝游辛靳管柴蒙鲍华喻祁蒲房滕屈饶牟艾尤阳穆农司卓古吉缪简"
    "芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖"
    "巩佘池查麻苑迟邝"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "令狐", "慕容", "夏侯", "长孙")
MIN_CONFIDENCE = 0.5
PUNCTUATION = "：:，,。.·"  # what may stand round a written name (经办人：张伟。)
LONE_MM = 15.0  # a name with no other text this near stands alone
TITLE_ENDS = tuple("书证照状函表单")  # ...unless it is a title (荣誉证书, 申请书, 毕业证): a name seldom ends so
DATE = re.compile(r"^\d{4}\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}\s*日?$")  # a date by a name is not text around it
SAME_LINE = 0.5  # boxes overlapping this share of the lower one's height are on one line


def looks_like_name(text: str) -> bool:
    """2-4 Chinese characters beginning with a common surname, not ending in a colon (单位盖章：
    is a label)."""
    if text.rstrip().endswith((":", "：")):
        return False
    chars = "".join(c for c in text if is_chinese(c))
    if chars != "".join(c for c in text if not c.isspace() and c not in PUNCTUATION):
        return False
    if text.startswith(COMPOUND_SURNAMES):
        return 3 <= len(chars) <= 4
    return 2 <= len(chars) <= 4 and chars[0] in COMMON_SURNAMES


def _written_after_label(text: str) -> bool:
    """After a signer's label any name counts, its surname misread included: 2-4 Chinese
    characters; or a common surname alone (the rest of the name lost under a seal's ink); or a
    scrawl read as a few Latin letters (na, Wb: no form prints letters in a signature's gap)."""
    if LABEL_ONLY.match(text.strip()):  # 经办人签字： is a label still
        return False
    bare = text.strip(" " + PUNCTUATION)
    if SEAL_WORDS.search(bare):
        return False
    if SCRAWL_READ.match(bare):
        return True
    if len(bare) == 1:
        return bare in COMMON_SURNAMES
    chars = "".join(c for c in text if is_chinese(c))
    return 2 <= len(chars) <= 4 and len(chars) >= len(bare) - 1


def _label_and_name(text: str) -> bool:
    """Whether `text` is a signer's label with a name after it (经办人：张伟, 经功人沉雨, 经人赵国红,
    经办人签字：兰琴琴, 办人：魏峰伟, 经力从人李成浩, 帅人：叶超, 经办人：孙)."""
    label = SIGNER_LABEL.match(text)
    if label:
        return _written_after_label(text[label.end():])
    clipped = CLIPPED_LABEL.match(text)
    return bool(clipped) and looks_like_name(text[clipped.end():])


def written_name(boxes: list[TextBox], window: tuple[int, int, int, int], *,
                 labelled: bool = False) -> tuple[int, int, int, int] | None:
    """The box of a signer's name read as text in `window` (page pixels), or None. `labelled`:
    only a name after a signer's label counts (where no phrase tells where to look); otherwise a
    name alone on its line or right after the phrase (此件与原件相符 张伟, read as two boxes) too."""
    inside = [box for box in boxes if box.confidence >= MIN_CONFIDENCE and _centre_in(box.box, window)]
    for box in inside:
        text = box.text.strip()
        if _label_and_name(text):
            return box.box
        before = _left_neighbour(box, boxes)
        if before is not None and (SIGNER_LABEL.match(before.text.strip()) or SIGN_HERE.match(before.text.strip())):
            if _written_after_label(text):
                return box.box
            continue
        if not looks_like_name(text) or labelled:
            continue
        if before is None or PHRASE_END.search(before.text):
            return box.box
    return None


def lone_name(boxes: list[TextBox], px_per_mm: float) -> tuple[int, int, int, int] | None:
    """The box of a person's name (2-3 characters, 4 with a compound surname) read standing alone
    in a blank part of the page, no other text but a date (or a seal's 公章, where the name is
    signed across a seal) within LONE_MM of it: a signature put on the copy without the phrase
    (a printed name has its label, its sentence or its table around it), or None. A title
    stands alone too; one ending as titles do (荣誉证书) is none, nor is a box taller than wide
    (a seal's arc text read down its side)."""
    clearance = LONE_MM * px_per_mm
    read = [box for box in boxes if box.text.strip() and not DATE.match(box.text.strip())
            and not SEAL_WORDS.search(box.text.strip())]  # nor a seal's own 公章 by a name signed across it
    for box in read:
        text = box.text.strip(" " + PUNCTUATION)
        x0, y0, x1, y1 = box.box
        if box.confidence < MIN_CONFIDENCE or not looks_like_name(text) or len(text) > 3 + text.startswith(
                COMPOUND_SURNAMES) or text.endswith(TITLE_ENDS) or x1 - x0 < y1 - y0:
            continue
        if all(_gap(box.box, other.box) >= clearance for other in read if other is not box):
            return box.box
    return None


def name_after_phrase(box: TextBox) -> tuple[int, int, int, int] | None:
    """The part of a box read as the phrase that holds a name written on after it on the same
    line (此件与原件相符 杨有峰, 此件与原件相符。经办人：杨有峰), or None."""
    split = _after_phrase(box)
    if split is None or not (_label_and_name(split[1]) or looks_like_name(split[1])):
        return None
    x0, y0, x1, y1 = box.box
    return (split[0], y0, x1, y1)


def phrase_head(box: TextBox) -> tuple[int, int, int, int]:
    """The part of a box read as the phrase up to the phrase's end: what was read on after it
    (a name, however misread: 此件与原件相符。经认能译勇) lies outside."""
    split = _after_phrase(box)
    x0, y0, x1, y1 = box.box
    return (x0, y0, split[0], y1) if split else box.box


def _after_phrase(box: TextBox) -> tuple[int, str] | None:
    """Where in a box read as the phrase the text after the phrase begins (page x, share of the
    box by characters) and that text, where it holds two Chinese characters or more."""
    text = box.text.strip()
    tail = text[phrase_end(text):].lstrip(" " + PUNCTUATION)
    if sum(map(is_chinese, tail)) < 2:
        return None
    x0, _, x1, _ = box.box
    return x0 + (x1 - x0) * (len(text) - len(tail)) // max(1, len(text)), tail


def signer_labels(boxes: list[TextBox]) -> list[tuple[int, int, int, int]]:
    """The boxes that hold a signer's or a seal's label and nothing else: not a signature,
    whatever ink they are in."""
    return [box.box for box in boxes
            if box.confidence >= MIN_CONFIDENCE and box.text.strip() and LABEL_ONLY.match(box.text.strip())
            and any(is_chinese(c) for c in box.text)]


def _gap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    """The distance between two boxes' nearest edges (0 where they overlap)."""
    dx = max(0, b[0] - a[2], a[0] - b[2])
    dy = max(0, b[1] - a[3], a[1] - b[3])
    return float((dx * dx + dy * dy) ** 0.5)


def _centre_in(box: tuple[int, int, int, int], window: tuple[int, int, int, int]) -> bool:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return window[0] <= x <= window[2] and window[1] <= y <= window[3]


def _left_neighbour(box: TextBox, boxes: list[TextBox]) -> TextBox | None:
    """The nearest box ending left of `box` on its line, within a few characters' width."""
    x0, y0, _, y1 = box.box
    height = y1 - y0
    near = []
    for other in boxes:
        ox0, oy0, ox1, oy1 = other.box
        overlap = min(y1, oy1) - max(y0, oy0)
        if other is box or ox1 > x0 + 0.3 * height or overlap < SAME_LINE * min(height, oy1 - oy0):
            continue
        if x0 - ox1 <= 4 * height:
            near.append(other)
    return max(near, key=lambda other: other.box[2], default=None)

"""Who and what the pages are about: applicant units, their handlers, experts, ID numbers, dates."""

from __future__ import annotations

import random
from dataclasses import dataclass

UNITS = (
    "重庆明月山食品有限公司",
    "重庆市梁平区职业教育中心",
    "重庆双桂机械制造有限公司",
    "重庆仁贤建筑工程有限公司",
    "重庆梁山竹编工艺品有限公司",
    "重庆百里竹海预制菜有限公司",
    "重庆合兴汽车零部件有限公司梁平分公司",
    "重庆聚奎电气安装有限公司",
    "重庆市梁平区工业技术学校",
    "重庆蟠龙电力设备有限公司",
    "重庆柚香农业开发有限公司",
    "重庆金带精密铸造有限公司",
    "重庆市梁平区礼让镇农机服务专业合作社",
    "重庆竹山新材料科技有限公司",
    "重庆福禄建材有限公司",
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌宇浩凯鹏丹玲辉林燕春梅云飞波海莉"
TRADES = ("中式烹调师", "焊工", "电工", "车工", "钳工", "竹编工艺师", "汽车维修工", "砌筑工", "农机修理工",
          "西式面点师", "数控车工", "电力电缆安装运维工", "铸造工", "茶艺师", "美容师")
LEVELS = ("技师", "高级技师", "技师（二级）", "高级技师（一级）")
SCHOOLS = ("重庆工业职业技术学院", "重庆三峡职业学院", "重庆城市管理职业学院", "重庆电子工程职业学院", "梁平区职业教育中心")
MAJORS = ("机电一体化技术", "烹饪工艺与营养", "汽车检测与维修技术", "建筑工程技术", "电气自动化技术", "工艺美术品设计")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
LIANGPING = "500155"


@dataclass(frozen=True)
class Person:
    name: str
    sex: str
    birth: tuple[int, int, int]
    id_number: str


@dataclass(frozen=True)
class Unit:
    """An applicant unit and the habits of the office that certifies its copies."""
    name: str
    handler: Person
    code: str  # the 13-digit number along a seal's bottom arc


def person(rng: random.Random) -> Person:
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    sex = rng.choice("男女")
    birth = (rng.randint(1965, 1992), rng.randint(1, 12), rng.randint(1, 28))
    return Person(name, sex, birth, id_number(rng, birth, sex))


def id_number(rng: random.Random, birth: tuple[int, int, int], sex: str) -> str:
    """An 18-character resident ID number with a valid GB 11643 check digit."""
    order = rng.randint(10, 99) * 10 + rng.choice((1, 3, 5, 7, 9) if sex == "男" else (0, 2, 4, 6, 8))
    body = f"{LIANGPING}{birth[0]:04d}{birth[1]:02d}{birth[2]:02d}{order:03d}"
    return body + ID_CHECK[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS)) % 11]


def unit(seed: int, number: int) -> Unit:
    rng = random.Random(f"blind2/unit/{seed}/{number}")
    code = "5002" + "".join(str(rng.randint(0, 9)) for _ in range(9))
    return Unit(UNITS[number % len(UNITS)], person(rng), code)


def written_date(rng: random.Random) -> str:
    """A date as people write it next to a signature."""
    month, day = rng.choice((7, 8, 8, 8)), rng.randint(1, 30)
    return rng.choice((f"2023.{month}.{day}", f"2023年{month}月{day}日", f"{month}/{day}", f"23.{month}.{day}",
                       f"2023-{month:02d}-{day:02d}"))

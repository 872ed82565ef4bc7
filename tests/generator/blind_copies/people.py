"""Names, units and issuers the copies carry."""

from __future__ import annotations

import random

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国志红文辉力斌宇浩凯健俊峰晨阳鹏飞云海波宁亮成林春梅金凤雪琴兵新亚东晓光永德海燕"
CITIES = ("苏州市", "无锡市", "常州市", "南通市", "徐州市", "扬州市", "宁波市", "温州市", "嘉兴市", "佛山市", "东莞市",
          "襄阳市", "株洲市", "绵阳市", "洛阳市", "芜湖市", "泉州市", "潍坊市", "柳州市", "宝鸡市")
DISTRICTS = ("高新区", "经济开发区", "工业园区", "吴中区", "新城区", "江北区", "城东区", "滨湖区", "")
TRADES = ("精密机械", "数控机床", "电气自动化", "汽车零部件", "轨道交通装备", "焊接技术", "模具制造", "电子科技",
          "化工设备", "建筑安装", "食品机械", "纺织机械", "船舶配套", "智能装备", "热处理")
SUFFIXES = ("有限公司", "股份有限公司", "集团有限公司", "有限责任公司")
SCHOOLS = ("技师学院", "高级技工学校", "职业技术学院", "交通技师学院", "工程技术学校", "机电职业技术学院")
GOV = ("人力资源和社会保障局", "职业技能鉴定中心", "总工会", "经济和信息化局", "技能人才评价中心")
OCCUPATIONS = ("车工", "钳工", "焊工", "电工", "数控车工", "铣工", "维修电工", "模具工", "汽车维修工", "电梯安装维修工",
               "仪器仪表维修工", "化工总控工", "工具钳工", "装配钳工", "磨工")
LEVELS = ("高级技师（国家职业资格一级）", "技师（国家职业资格二级）", "高级工（国家职业资格三级）", "一级/高级技师", "二级/技师")
MAJORS = ("机电一体化技术", "数控技术", "模具设计与制造", "电气自动化技术", "汽车检测与维修技术", "焊接技术及自动化",
          "机械制造与自动化", "工业机器人技术")
AWARDS = ("技术能手", "五一劳动奖章", "优秀技能人才", "首席技师", "岗位技术标兵", "劳动模范", "技能大师", "青年岗位能手")
LINE_TEXTS = ("人事专用章", "合同专用章", "", "", "", "行政章", "办公室")


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def company(rng: random.Random) -> str:
    return rng.choice(CITIES) + rng.choice(DISTRICTS) + rng.choice(("华", "恒", "泰", "宏", "中", "瑞", "金", "新")) \
        + rng.choice(("达", "力", "昌", "科", "联", "通", "鑫", "源")) + rng.choice(TRADES) + rng.choice(SUFFIXES)


def school(rng: random.Random) -> str:
    return rng.choice(CITIES) + rng.choice(SCHOOLS)


def authority(rng: random.Random) -> str:
    return rng.choice(CITIES) + rng.choice(GOV)


def id_number(rng: random.Random) -> str:
    body = f"{rng.choice((320, 330, 440, 420, 510, 370))}{rng.randint(100, 599)}{rng.randint(1965, 1990)}" \
           f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(100, 999)}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]
    return body + check


def unit_code(rng: random.Random) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(13))

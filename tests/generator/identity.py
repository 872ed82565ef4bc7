"""Realistic fake people and applicant units for the Liangping 技能大师工作室 call."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

REFERENCE_DATE = dt.date(2023, 8, 31)  # ages are computed as of the deadline

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢谭廖"
    "熊向秦冉牟幸况兰付汪邹"
)
GIVEN_M = list("伟强磊军勇杰涛明超刚平辉斌鹏波华飞宇浩俊峰建国志文成东林德兵海龙")
GIVEN_F = list("芳娟敏静丽艳娜霞燕玲琳秀英梅兰红琴雪婷洁蓉晓慧倩云凤萍翠春")
GIVEN_ANY = list("小永家晓海世德学天中正思子大国红小宏")

NATIONS = ["汉"] * 18 + ["土家", "苗"]

# Chongqing county codes (梁平 first: 500228 was 梁平县 before 2016, 500155 is 梁平区 since)
AREA_CODES = {
    "500228": "重庆市梁平县",
    "500155": "重庆市梁平区",
    "500231": "重庆市垫江县",
    "500233": "重庆市忠县",
    "500101": "重庆市万州区",
    "500235": "重庆市云阳县",
    "500234": "重庆市开县",
    "500102": "重庆市涪陵区",
}
AREA_WEIGHTS = [12, 1, 2, 2, 2, 1, 1, 1]

TOWNS = ["梁山街道", "双桂街道", "仁贤街道", "礼让镇", "云龙镇", "屏锦镇", "袁驿镇", "新盛镇", "福禄镇", "聚奎镇",
         "明达镇", "合兴街道", "安胜镇", "碧山镇", "虎城镇", "蟠龙镇", "竹山镇", "金带街道", "荫平镇", "回龙镇"]

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"

SKILL_LEVELS_OK = ["技师", "高级技师", "特级技师", "首席技师"]
SKILL_LEVELS_LOW = ["高级工", "中级工"]
TITLES_OK = ["高级工程师", "高级讲师", "副教授", "高级实验师", "高级农艺师"]  # 副高级 or above
TITLES_LOW = ["工程师", "讲师", "助理工程师"]


def id_check_digit(first17: str) -> str:
    """GB 11643-1999 check character for the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS))
    return ID_CHECK[total % 11]


def id_is_valid(number: str) -> bool:
    if len(number) != 18 or not number[:17].isdigit():
        return False
    return number[17].upper() == id_check_digit(number[:17])


def make_id_number(area: str, birth: dt.date, male: bool, rng: random.Random, valid: bool = True) -> str:
    seq = rng.randint(0, 99)
    sex_digit = rng.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8])
    first17 = f"{area}{birth:%Y%m%d}{seq:02d}{sex_digit}"
    check = id_check_digit(first17)
    if not valid:
        check = rng.choice([c for c in ID_CHECK if c != check])
    return first17 + check


def age_on(birth: dt.date, ref: dt.date = REFERENCE_DATE) -> int:
    return ref.year - birth.year - ((ref.month, ref.day) < (birth.month, birth.day))


def make_name(rng: random.Random, male: bool) -> str:
    pool = GIVEN_M if male else GIVEN_F
    s = rng.choice(SURNAMES)
    if rng.random() < 0.7:
        return s + rng.choice(GIVEN_ANY + pool) + rng.choice(pool)
    return s + rng.choice(pool)


def mobile(rng: random.Random) -> str:
    prefix = rng.choice(["138", "139", "135", "136", "137", "150", "151", "152", "158", "159", "177", "180",
                         "187", "189", "133", "153", "199", "182", "183", "173"])
    return prefix + "".join(str(rng.randint(0, 9)) for _ in range(8))


def landline(rng: random.Random) -> str:
    return f"023-{rng.choice(['5322', '5323', '5324', '5325', '5326'])}{rng.randint(0, 9999):04d}"


@dataclass
class Person:
    name: str
    gender: str               # 男 / 女
    birth_date: dt.date
    id_number: str
    nation: str
    address: str
    phone: str

    @property
    def age(self) -> int:
        return age_on(self.birth_date)

    @property
    def id_valid(self) -> bool:
        return id_is_valid(self.id_number)


def make_person(rng: random.Random, *, min_age: int = 32, max_age: int = 58, valid_id: bool = True,
                male: bool | None = None) -> Person:
    if male is None:
        male = rng.random() < 0.72
    age = rng.randint(min_age, max_age)
    birth = REFERENCE_DATE - dt.timedelta(days=365.25 * age + rng.randint(0, 360))
    area = rng.choices(list(AREA_CODES), weights=AREA_WEIGHTS)[0]
    addr_prefix = "重庆市梁平区" if area in ("500228", "500155") or rng.random() < 0.5 else AREA_CODES[area]
    town = rng.choice(TOWNS) if addr_prefix.startswith("重庆市梁平") else rng.choice(["城关镇", "新城街道", "白家镇", "桂溪街道"])
    street = rng.choice(["人民路", "双桂大道", "梁山路", "文化路", "新华路", "西城路", "东环路", "公园路", "村", "社区"])
    if street in ("村", "社区"):
        address = f"{addr_prefix}{town}{rng.choice(['团结', '红旗', '新民', '胜利', '联合', '白庙'])}{street}{rng.randint(1, 12)}组{rng.randint(1, 120)}号"
    else:
        address = f"{addr_prefix}{town}{street}{rng.randint(1, 400)}号{rng.randint(1, 8)}单元{rng.randint(1, 30)}-{rng.randint(1, 6)}"
    return Person(
        name=make_name(rng, male),
        gender="男" if male else "女",
        birth_date=birth,
        id_number=make_id_number(area, birth, male, rng, valid=valid_id),
        nation=rng.choice(NATIONS),
        address=address,
        phone=mobile(rng),
    )


# --- applicant units -----------------------------------------------------------------------

@dataclass(frozen=True)
class Sector:
    key: str
    name_templates: tuple[str, ...]
    occupations: tuple[str, ...]
    departments: tuple[str, ...]
    school: bool = False
    titles: tuple[str, ...] = ("高级工程师",)


WORDS = ["金穗", "双桂", "明月", "安胜", "梁山", "佳禾", "福瑞", "鑫宇", "恒达", "华创", "聚源", "德兴", "顺丰源",
         "万利", "蜀乡", "巴渝", "川东", "桂湖", "滑石", "天正", "东森", "宏远", "盛世", "绿野", "竹韵", "百里竹海",
         "红星", "同心", "蟠龙", "新科", "兴旺", "金桥", "锦程", "润达", "永安"]

SECTORS = [
    Sector("food", ("重庆市梁平区{w}食品有限公司", "重庆{w}食品股份有限公司", "重庆{w}预制菜食品有限公司", "梁平{w}张鸭子食品有限公司"),
           ("中式烹调师", "中式面点师", "西式面点师", "食品检验员", "农产品食品检验员"), ("区经济信息委", "区商务委")),
    Sector("machinery", ("重庆{w}机械制造有限公司", "重庆市梁平区{w}精密机械有限公司", "重庆{w}汽车零部件有限公司", "重庆{w}电子科技有限公司"),
           ("数控车工", "焊工", "钳工", "电工", "车工", "铣工", "工具钳工", "电切削工"), ("区经济信息委",)),
    Sector("auto", ("重庆{w}汽车销售服务有限公司", "重庆{w}汽车服务有限公司梁平分公司", "梁平区{w}汽车维修有限公司"),
           ("汽车维修工", "汽车修理工", "机动车检测工"), ("区交通运输委", "区经济信息委")),
    Sector("bamboo", ("梁平区{w}竹编工艺厂", "重庆{w}竹艺文化发展有限公司", "重庆市梁平区{w}竹帘工艺品有限公司"),
           ("竹编工艺", "竹藤编工", "梁平竹帘制作工", "工艺品雕刻工"), ("区文化旅游委", "区经济信息委"), titles=("高级工艺美术师",)),
    Sector("craft", ("梁平区{w}木版年画研究所", "重庆市梁平区{w}癞子锣鼓文化传播有限公司", "梁平区{w}柚子种植专业合作社"),
           ("木版年画制作工", "果树园艺工", "农艺工"), ("区文化旅游委", "区农业农村委"), titles=("高级农艺师",)),
    Sector("tea", ("重庆{w}茶业有限公司", "梁平区{w}生态农业开发有限公司"), ("茶艺师", "评茶员", "制茶师"),
           ("区农业农村委",), titles=("高级农艺师",)),
    Sector("care", ("重庆市梁平区{w}家政服务有限公司", "梁平区{w}母婴护理服务中心"), ("育婴员", "保育师", "养老护理员", "家政服务员"),
           ("区商务委", "区民政局"), titles=("副主任护师",)),
    Sector("build", ("重庆{w}建筑工程有限公司", "重庆市梁平区{w}建设集团有限公司"), ("砌筑工", "钢筋工", "电工", "焊工", "建筑信息模型技术员"),
           ("区住房城乡建委",)),
    Sector("school", ("重庆市梁平职业教育中心", "重庆市梁平区职业教育中心", "重庆市梁平区{w}职业培训学校", "重庆市梁平区第一职业中学校",
                      "重庆市梁平区{w}技工学校"),
           ("数控车工", "电工", "中式烹调师", "汽车维修工", "焊工", "茶艺师", "育婴员", "电子商务师", "美容师"), ("区教委",),
           school=True, titles=("高级讲师", "高级教师", "副教授")),
]


@dataclass
class Unit:
    name: str
    short_name: str
    sector: str
    department: str            # 主管部门
    staff_count: int           # 单位职工总人数
    high_skill_count: int      # 高技能人才人数
    address: str
    legal_rep: str
    contact_person: str
    contact_phone: str
    is_school: bool = False

    @property
    def seal_text(self) -> str:
        return self.name


def short_name_of(name: str) -> str:
    s = name
    for p in ("重庆市梁平区", "重庆市", "重庆", "梁平区", "梁平"):
        if s.startswith(p):
            s = s[len(p):]
            break
    for suf in ("股份有限公司", "有限公司", "工艺厂", "专业合作社"):
        if suf in s:
            s = s.split(suf)[0] + ("" if suf != "工艺厂" else "竹编厂")
            break
    return s or name


def make_unit(rng: random.Random, used_names: set[str] | None = None, sector_key: str | None = None) -> Unit:
    used_names = used_names if used_names is not None else set()
    for _ in range(200):
        sector = next(s for s in SECTORS if s.key == sector_key) if sector_key else rng.choice(SECTORS)
        name = rng.choice(sector.name_templates).format(w=rng.choice(WORDS))
        if name not in used_names:
            break
    used_names.add(name)
    staff = rng.randint(60, 900) if not sector.school else rng.randint(120, 400)
    contact = make_person(rng, min_age=25, max_age=50)
    return Unit(
        name=name,
        short_name=short_name_of(name),
        sector=sector.key,
        department=rng.choice(sector.departments),
        staff_count=staff,
        high_skill_count=max(3, int(staff * rng.uniform(0.04, 0.25))),
        address=f"重庆市梁平区{rng.choice(TOWNS)}{rng.choice(['工业园区', '双桂大道', '梁山路', '大观路', '和林路'])}{rng.randint(1, 300)}号",
        legal_rep=make_name(rng, rng.random() < 0.8),
        contact_person=contact.name,
        contact_phone=rng.choice([contact.phone, landline(rng)]),
        is_school=sector.school,
    )


def sector_of(unit: Unit) -> Sector:
    return next(s for s in SECTORS if s.key == unit.sector)


# --- experts and teams ---------------------------------------------------------------------

@dataclass
class TeamMember:
    name: str
    age: int
    skill_level: str
    role: str


@dataclass
class Expert:
    person: Person
    occupation: str
    skill_level: str
    title: str | None
    position: str              # 职务 in the unit
    years_in_unit: int
    work_start_year: int
    cert_number: str
    cert_date: dt.date
    cert_issuer: str
    school: str
    major: str
    education: str             # 学历
    grad_date: dt.date
    heritage: str | None = None  # 非物质文化遗产传承人 level, if any

    @property
    def name(self) -> str:
        return self.person.name

    @property
    def level_ok(self) -> bool:
        return self.skill_level in SKILL_LEVELS_OK or (self.title in TITLES_OK + ["高级工艺美术师", "高级讲师", "高级教师", "副教授", "高级农艺师", "副主任护师"])


ROLES = ["技术骨干", "班组长", "车间主任", "培训讲师", "质检员", "技术员", "专业教师", "工艺员", "副主任", "学徒"]
POSITIONS_COMPANY = ["技术总监", "车间主任", "首席技师", "生产部部长", "技术部经理", "班组长", "工艺主管"]
POSITIONS_SCHOOL = ["专业部主任", "实训中心主任", "专业带头人", "骨干教师", "教研组长"]
SCHOOLS = [("重庆工业职业技术学院", "机械制造与自动化"), ("重庆三峡职业学院", "食品加工技术"), ("重庆电子工程职业学院", "电子信息工程技术"),
           ("重庆市梁平职业教育中心", "机电技术应用"), ("重庆商务职业学院", "烹饪工艺与营养"), ("重庆交通职业学院", "汽车检测与维修技术"),
           ("重庆广播电视大学", "行政管理"), ("重庆师范大学", "职业技术教育"), ("重庆文理学院", "园艺"), ("重庆城市管理职业学院", "家政服务")]


def make_expert(rng: random.Random, unit: Unit, *, level_ok: bool = True, valid_id: bool = True,
                person: Person | None = None) -> Expert:
    sector = sector_of(unit)
    p = person or make_person(rng, valid_id=valid_id)
    occupation = rng.choice(sector.occupations)
    if level_ok:
        r = rng.random()
        if r < 0.7:
            level, title = rng.choice(SKILL_LEVELS_OK[:2] * 3 + SKILL_LEVELS_OK), None
            if rng.random() < 0.25:
                title = rng.choice(sector.titles)
        elif r < 0.9:
            level, title = rng.choice(SKILL_LEVELS_LOW), rng.choice(sector.titles)
        else:
            level, title = rng.choice(SKILL_LEVELS_OK), None
    else:
        level, title = rng.choice(SKILL_LEVELS_LOW), rng.choice([None, None, rng.choice(TITLES_LOW)])
    start = p.birth_date.year + rng.randint(18, 23)
    years_in_unit = rng.randint(3, max(3, 2023 - start))
    cert_date = dt.date(rng.randint(max(start + 6, 2008), 2022), rng.randint(1, 12), rng.randint(1, 28))
    school, major = rng.choice(SCHOOLS)
    edu = rng.choice(["中专", "大专", "大专", "本科", "高中", "技工学校"])
    grad = dt.date(min(2020, p.birth_date.year + rng.randint(19, 30)), rng.choice([6, 7, 1]), rng.randint(1, 28))
    issuer = rng.choice(["重庆市人力资源和社会保障局", "重庆市职业技能鉴定指导中心", "重庆市梁平区人力资源和社会保障局",
                         "重庆市梁平职业教育中心", "中华人民共和国人力资源和社会保障部"])
    return Expert(
        person=p,
        occupation=occupation,
        skill_level=level,
        title=title,
        position=rng.choice(POSITIONS_SCHOOL if unit.is_school else POSITIONS_COMPANY),
        years_in_unit=years_in_unit,
        work_start_year=start,
        cert_number=(f"{rng.randint(10, 99)}{rng.randint(0, 10**14 - 1):014d}" if rng.random() < 0.5
                     else f"S{rng.randint(10**15, 10**16 - 1)}"),
        cert_date=cert_date,
        cert_issuer=issuer,
        school=school,
        major=major,
        education=edu,
        grad_date=grad,
        heritage=(rng.choice(["区级", "市级"]) if unit.sector in ("bamboo", "craft") and rng.random() < 0.5 else None),
    )


def make_team(rng: random.Random, expert: Expert, size: int) -> list[TeamMember]:
    """Team of `size` people; the expert is the first member (领衔专家)."""
    team = [TeamMember(expert.name, expert.person.age, expert.skill_level, "领衔专家")]
    levels = ["技师", "高级技师", "高级工", "中级工", "技师", "高级工"]
    for _ in range(size - 1):
        male = rng.random() < 0.65
        team.append(TeamMember(make_name(rng, male), rng.randint(22, 55), rng.choice(levels), rng.choice(ROLES)))
    return team

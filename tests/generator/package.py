"""One applicant's package of files (`make_package`) and a whole sample set with truth.json (`make_sample_set`)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import os
import random
import shutil
import subprocess
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from . import degrade, docx_writer, forms, identity, kinds, marks, naming, pages, pdf_writer, texts, xlsx_writer
from .identity import Expert, Unit

REQUIRED = ["forms.application_form", "forms.summary_sheet", "deeds", "report", "credentials.id_card",
            "credentials.skill_certificate", "credentials.diploma", "credentials.work_photo"]
DEFECTS = ["deeds_too_short", "deeds_too_long", "achievements_too_long", "team_size_out_of_range",
           "expert_level_insufficient", "id_number_invalid", "age_mismatch", "opinion_unsigned",
           "copy_missing_seal", "copy_missing_signature", "copy_not_certified"]
COPY_DEFECTS = {"copy_missing_seal", "copy_missing_signature", "copy_not_certified"}
# which required material a defect needs in order to be observable
DEFECT_NEEDS = {
    "deeds_too_short": ["deeds"], "deeds_too_long": ["deeds"], "achievements_too_long": ["forms.application_form"],
    "team_size_out_of_range": ["forms.application_form"], "expert_level_insufficient": ["forms.application_form"],
    "id_number_invalid": ["forms.application_form", "credentials.id_card"],
    "age_mismatch": ["forms.summary_sheet", "credentials.id_card"], "opinion_unsigned": ["forms.application_form"],
    "copy_missing_seal": ["credentials.id_card"], "copy_missing_signature": ["credentials.id_card"],
    "copy_not_certified": ["credentials.id_card"],
}


@dataclass
class UnitSpec:
    """What to generate for one application."""
    index: int
    seed: int
    unit: Unit
    expert: Expert
    defects: set[str] = field(default_factory=set)      # codes from DEFECTS
    missing: set[str] = field(default_factory=set)      # codes from REQUIRED
    extra_flags: set[str] = field(default_factory=set)  # duplicate_unit / duplicate_expert (set by the sample set)
    scans: bool = True
    bundle: bool = False            # the paper is one scanned multi-page PDF
    evidence: int = 1               # number of award / proof copies
    dpi: int = 150
    legacy: bool = False            # also .doc/.xls via LibreOffice (slow)
    meaningless_names: float = 0.3  # probability a file gets a meaningless name
    team_size: int | None = None    # decided up front (None: drawn in make_package)
    summary_age: int | None = None  # age written in the summary sheet (None: the true age, or wrong if age_mismatch)
    own_summary: bool = True        # False: the supervising department's shared summary sheet covers this unit
    e_seal: bool = False            # paste an electronic seal image into the Word form's unit-opinion box
    form_as: str | None = None      # "photos": filled by hand, photographed page by page (申报表1.jpg…);
                                    # "printed_scan": typed, printed, signed and stamped, scanned to PDF
    photos_docx: bool = False       # the work photos pasted into one Word file under a caption


@dataclass
class FileTruth:
    path: str
    type: str
    subtype: str | None
    pages: list[int] | None = None
    certified: dict | None = None


@dataclass
class UnitTruth:
    unit: str
    expert: str
    folder: str
    fields: dict
    missing: list[str]
    flags: list[str]
    files: list[FileTruth]
    defects: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclass
class SampleTruth:
    seed: int
    layout: str
    scans: bool
    units: list[UnitTruth]

    def as_dict(self) -> dict:
        return {"seed": self.seed, "layout": self.layout, "scans": self.scans,
                "reference_date": identity.REFERENCE_DATE.isoformat(),
                "units": [u.as_dict() for u in self.units]}


MATERIAL_OF = {"application_form": ("forms", "application_form"), "summary_sheet": ("forms", "summary_sheet"),
               "deeds": ("deeds", None), "report": ("report", None), "id_card": ("credentials", "id_card"),
               "skill_certificate": ("credentials", "skill_certificate"), "diploma": ("credentials", "diploma"),
               "work_photo": ("credentials", "work_photo"), "award": ("evidence", "award"), "other": ("evidence", "other")}


class _Builder:
    """Renders one application into a directory and records the truth of every file."""

    def __init__(self, spec: UnitSpec, out: Path, rng: random.Random):
        self.s, self.out, self.rng = spec, out, rng
        self.files: list[FileTruth] = []
        self.sources: set[str] = set()   # subtypes actually rendered
        self.bundle_pages: list[tuple[str, list[Image.Image], dict | None]] = []
        out.mkdir(parents=True, exist_ok=True)

    # -- naming ------------------------------------------------------------------------------
    def name(self, kind: str, ext: str, n: int = 1) -> Path:
        nm = naming.file_name(kind, ext, self.rng, expert=self.s.expert.name, short=self.s.unit.short_name, n=n,
                              meaningless_prob=self.s.meaningless_names)
        return naming.unique_path(self.out, nm)

    def add(self, path: Path, kind: str, pages_=None, certified=None) -> None:
        typ, sub = MATERIAL_OF[kind]
        self.files.append(FileTruth(path.name, typ, sub, pages_, certified))
        self.sources.add(kind)

    def legacy_copy(self, path: Path, kind: str, fmt: str) -> None:
        if not self.s.legacy or not shutil.which("soffice"):
            return
        tmp = self.out / f".lo{self.s.index}"
        tmp.mkdir(exist_ok=True)
        try:
            subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", fmt,
                            "--outdir", str(tmp), str(path)], capture_output=True, timeout=120, check=False)
            produced = tmp / (path.stem + "." + fmt)
            if produced.exists():
                target = naming.unique_path(self.out, path.stem + "." + fmt)
                produced.rename(target)
                path.unlink()
                self.files = [f for f in self.files if f.path != path.name]
                self.add(target, kind)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    # -- scanned output ----------------------------------------------------------------------
    def scan_out(self, kind: str, imgs: list[Image.Image], certified: dict | None, n: int = 1,
                 formats=(".jpg", ".jpg", ".pdf", ".png")) -> None:
        """Either queue the pages into the paper bundle or write them as their own scanned file."""
        if self.s.bundle:
            self.bundle_pages.append((kind, imgs, certified))
            return
        rng = self.rng
        ext = rng.choice(formats) if len(imgs) == 1 else ".pdf"
        degraded = [degrade.apply(im, degrade.random_style(rng), rng) if self.s.scans else im for im in imgs]
        path = self.name(kind, ext, n)
        q = rng.randint(55, 80)
        if ext == ".pdf":
            degrade.save_pdf(degraded, path, self.s.dpi, q)
        else:
            degrade.save_image(degraded[0], path, q)
        self.add(path, kind, [1, len(imgs)] if ext == ".pdf" else None, certified)

    def write_bundle(self) -> None:
        if not self.bundle_pages:
            return
        rng = self.rng
        all_pages, runs = [], []
        flip = rng.randrange(sum(len(p) for _, p, _ in self.bundle_pages)) if rng.random() < 0.4 else -1
        for kind, imgs, cert in self.bundle_pages:
            first = len(all_pages) + 1
            for im in imgs:
                style = degrade.random_style(rng, bw_prob=0.0)
                style.upside_down = len(all_pages) == flip
                style.jpeg_quality = 70
                all_pages.append(degrade.apply(im, style, rng))
            runs.append((kind, [first, len(all_pages)], cert))
        path = self.name("bundle", ".pdf")
        degrade.save_pdf(all_pages, path, self.s.dpi, rng.randint(55, 75))
        for kind, rng_pages, cert in runs:
            self.add(path, kind, rng_pages, cert)


def _targets(spec: UnitSpec, rng: random.Random) -> dict:
    d = spec.defects
    deeds_len = (rng.randint(1050, 1420) if "deeds_too_short" in d else rng.randint(2080, 2500) if "deeds_too_long" in d
                 else rng.randint(1560, 1950))
    ach_len = rng.randint(320, 420) if "achievements_too_long" in d else rng.randint(140, 285)
    if spec.team_size is not None:
        team = spec.team_size
    elif "team_size_out_of_range" in d:
        team = rng.choice([2, 16, 17, 18])
    else:
        team = rng.choice([3, 4, 5, 5, 6, 6, 7, 8, 8, 9, 10, 12, 15])
    return {"deeds": deeds_len, "ach": ach_len, "team": team}


def make_package(spec: UnitSpec, out_dir: Path, rng: random.Random | None = None) -> UnitTruth:
    """Render one application's files into `out_dir`; return its truth (paths relative to out_dir)."""
    rng = rng or random.Random(spec.seed)
    out_dir = Path(out_dir)
    b = _Builder(spec, out_dir, rng)
    unit, ex, p = spec.unit, spec.expert, spec.expert.person
    tg = _targets(spec, rng)
    team = identity.make_team(rng, ex, tg["team"])
    ach = texts.achievements(ex, unit, rng, tg["ach"])
    dpi = spec.dpi if spec.scans else 100
    scans = spec.scans

    # ---- summary-sheet age (possibly wrong)
    age = p.age
    if spec.summary_age is not None:
        age = spec.summary_age
    elif "age_mismatch" in spec.defects:
        age = p.age + rng.choice([-5, -3, -2, 2, 3, 4])
    level_title = ex.skill_level + (f"/{ex.title}" if ex.title else "")

    # ---- opinions on the form
    unsigned = "opinion_unsigned" in spec.defects
    signer_unit = identity.make_name(rng, True)
    signer_dept = identity.make_name(rng, rng.random() < 0.6)
    day = rng.randint(15, 30)
    opinions = {
        "unit": forms.Opinion(None, None, None) if unsigned else forms.Opinion(texts.opinion("unit", rng), signer_unit, f"2023年8月{day}日", True, unit.name),
        "department": forms.Opinion(None, None, None) if unsigned else forms.Opinion(texts.opinion("department", rng), signer_dept, f"2023年8月{min(31, day + rng.randint(0, 3))}日", True, unit.department),
        "bureau": forms.Opinion(None, None, None),
    }
    form = forms.ApplicationForm(unit.name, ex.name, p.gender, forms.birth_text(p.birth_date, rng), p.id_number, ex.occupation,
                                 ex.skill_level, ex.title, unit.name, p.phone, team, len(team), ach, opinions)
    layout = forms.LAYOUTS[rng.choice(list(forms.LAYOUTS))](form)
    dept_seal = "重庆市梁平区" + unit.department.removeprefix("区").replace("委", "委员会")

    # ---- 1. forms
    if "forms.application_form" not in spec.missing and spec.form_as:
        kinds.write_form_as(b, spec.form_as, layout, spec.dpi, rng, unit.name, dept_seal)  # printed or photographed: paper dpi
    elif "forms.application_form" not in spec.missing:
        r = rng.random()
        if spec.bundle or (scans and r < 0.3):
            hand = rng.random() < 0.35
            imgs = pages.form_pages(layout, dpi, rng, hand=hand, seal_unit=unit.name, seal_department=dept_seal)
            b.scan_out("application_form", imgs, None, formats=(".pdf", ".jpg"))
            if not spec.bundle and rng.random() < 0.4:   # the Word file was sent as well
                path = b.name("application_form", ".docx")
                docx_writer.write_application_docx(layout, path, rng)
                b.add(path, "application_form")
        elif r < 0.85:
            path = b.name("application_form", ".docx")
            eseal = None
            if spec.e_seal and opinions["unit"].signed:
                buf = io.BytesIO()
                marks.seal_layer(unit.name, 300, rng, style="bright", angle=rng.uniform(-8, 8)).save(buf, "PNG")
                eseal = {"所在单位意见": buf.getvalue()}
            docx_writer.write_application_docx(layout, path, rng, seal_png=eseal)
            b.add(path, "application_form")
            if rng.random() < 0.25:
                b.legacy_copy(path, "application_form", "doc")
        else:
            path = b.name("application_form", ".pdf")
            pdf_writer.write_application_pdf(layout, path, rng)
            b.add(path, "application_form")
    sheet = forms.SummarySheet(unit.department, unit.name,
                               [forms.SummaryRow(1, unit.name, unit.staff_count, unit.high_skill_count, ex.name, p.gender, age,
                                                 ex.occupation, level_title, len(team))],
                               unit.contact_person, unit.contact_phone, f"2023年8月{rng.randint(15, 30)}日")
    if "forms.summary_sheet" not in spec.missing and spec.own_summary:
        r = rng.random()
        if spec.bundle or (scans and r < 0.2):
            b.scan_out("summary_sheet", [pages.summary_page(sheet, dpi, rng)], None)
        elif r < 0.85:
            path = b.name("summary_sheet", ".xlsx")
            xlsx_writer.write_summary_xlsx(sheet, path, rng)
            b.add(path, "summary_sheet")
            if rng.random() < 0.25:
                b.legacy_copy(path, "summary_sheet", "xls")
        else:
            path = b.name("summary_sheet", ".docx")
            docx_writer.write_summary_docx(sheet, path, rng)
            b.add(path, "summary_sheet")

    # ---- 2. deeds, 3. report
    deeds = texts.deeds(ex, unit, rng, tg["deeds"])
    report = texts.report(ex, unit, rng, len(team), date_text=f"2023年8月{rng.randint(10, 28)}日")
    red = unit.name + "文件" if rng.random() < 0.25 else None   # red-header document (hard negative for seals)
    for kind, nar, hdr in (("deeds", deeds, None), ("report", report, red)):
        if kind not in spec.missing:
            r = rng.random()
            if spec.bundle or (scans and r < 0.15):
                b.scan_out(kind, pages.text_pages(nar, dpi, rng, red_header=hdr), None, formats=(".pdf",))
            elif r < 0.6:
                path = b.name(kind, ".docx")
                docx_writer.write_narrative_docx(nar, path, rng, red_header=hdr)
                b.add(path, kind)
            else:
                path = b.name(kind, ".pdf")
                pdf_writer.write_narrative_pdf(nar, path, rng, red_header=hdr)
                b.add(path, kind)

    # ---- 4. credentials, 5. evidence (copies: certification marks)
    copy_kinds = [k for k in ("id_card", "skill_certificate", "diploma") if f"credentials.{k}" not in spec.missing]
    awards = [texts.award(ex, rng) for _ in range(spec.evidence)]
    copy_kinds += ["award"] * len(awards)
    defect_target = {}
    copy_defects = sorted(spec.defects & COPY_DEFECTS)
    targets = [k for k in copy_kinds]
    rng.shuffle(targets)
    for code, k in zip(copy_defects, targets):
        defect_target.setdefault(k, set()).add(code)
    handler = identity.make_name(rng, rng.random() < 0.5)
    color_doc = rng.random() < 0.85
    award_i = 0

    def certified_page(kind: str, img: Image.Image, region=None) -> dict:
        dset = defect_target.pop(kind, set()) if kind != "award" or award_i == 0 else set()
        template = kind == "id_card" and rng.random() < 0.2
        if template:
            pages._template_label(img, dpi, "身份证复印件")
            if "copy_not_certified" in dset:
                # hard negative: the template prints 此件与原件相符 as a label, but nobody signed or stamped it
                return marks.Certification(False, False, False).as_dict()
        phrase = "copy_not_certified" not in dset
        seal = "copy_missing_seal" not in dset and "copy_not_certified" not in dset
        sig = "copy_missing_signature" not in dset and "copy_not_certified" not in dset
        if template:
            # the printed label counts as the phrase; the clerk signs and stamps next to it
            marks.certify(img, rng, unit.name, handler, phrase=False, signature=sig, seal=seal, dpi=dpi,
                          region=(pages.px(dpi, 50), img.height - pages.px(dpi, 70), img.width - pages.px(dpi, 20), img.height - pages.px(dpi, 20)))
            return marks.Certification(True, seal, sig).as_dict()
        c = marks.certify(img, rng, unit.name, handler, phrase=phrase, signature=sig, seal=seal, dpi=dpi, region=region,
                          seal_style=rng.choice(["faded", "pink", "dark", "red", "red", "red"]))
        return c.as_dict()

    cred_pages: list[tuple[str, Image.Image, dict]] = []
    for kind in [k for k in copy_kinds if k != "award"]:
        color = color_doc and (kind != "id_card" or rng.random() < 0.5)
        if kind == "id_card":
            img = pages.id_card_page(ex, dpi, rng, color=color)
            region = (pages.px(dpi, 30), int(img.height * 0.55), img.width - pages.px(dpi, 20), img.height - pages.px(dpi, 20))
        elif kind == "skill_certificate":
            img = pages.skill_certificate_page(ex, dpi, rng, color=color)
            region = (pages.px(dpi, 20), pages.px(dpi, 165), img.width - pages.px(dpi, 20), img.height - pages.px(dpi, 20))
        else:
            img = pages.diploma_page(ex, dpi, rng, color=color)
            region = (pages.px(dpi, 20), pages.px(dpi, 180), img.width - pages.px(dpi, 20), img.height - pages.px(dpi, 20))
        cert = certified_page(kind, img, region)
        cred_pages.append((kind, img, cert))
    if cred_pages and not spec.bundle and len(cred_pages) >= 2 and rng.random() < 0.2:
        # all credential copies in one scanned PDF, one page each
        path = b.name("credentials", ".pdf")
        imgs = [degrade.apply(im, degrade.random_style(rng), rng) if scans else im for _, im, _ in cred_pages]
        degrade.save_pdf(imgs, path, dpi, rng.randint(55, 80))
        for i, (kind, _, cert) in enumerate(cred_pages, 1):
            b.add(path, kind, [i, i], cert)
    else:
        for kind, img, cert in cred_pages:
            b.scan_out(kind, [img], cert)
    if "credentials.work_photo" not in spec.missing:
        if spec.photos_docx:
            kinds.write_photos_docx(b, ex.name, rng)
        elif spec.bundle:
            b.scan_out("work_photo", [pages.photo_sheet_page(rng, dpi, rng.choice([1, 2]))], None)
        else:
            for i in range(1, rng.choice([1, 1, 2, 3]) + 1):
                ph = pages.work_photo(rng) if scans else pages.work_photo(rng, (800, 600))
                path = b.name("work_photo", rng.choice([".jpg", ".jpg", ".jpeg", ".png"]) if scans else ".jpg", i)
                degrade.save_image(ph, path, rng.randint(70, 92))
                b.add(path, "work_photo")
    for i, aw in enumerate(awards, 1):
        img = pages.award_page(aw, dpi, rng, color=color_doc)
        region = (pages.px(dpi, 20), pages.px(dpi, 185), img.width - pages.px(dpi, 20), img.height - pages.px(dpi, 15))
        cert = certified_page("award", img, region)
        award_i += 1
        b.scan_out("award", [img], cert, n=i)
    if spec.evidence and rng.random() < 0.5:
        letter = texts.proof_letter(ex, unit, rng)
        img = pages.letter_page(letter, dpi, rng, letterhead=letter.closing[0] if rng.random() < 0.5 else None)
        cert = marks.certify(img, rng, unit.name, handler, dpi=dpi,
                             region=(pages.px(dpi, 20), int(img.height * 0.6), img.width - pages.px(dpi, 20), img.height - pages.px(dpi, 20))).as_dict()
        b.scan_out("other", [img], cert)
    b.write_bundle()

    # ---- truth
    src = b.sources
    has = lambda *ks: any(k in src for k in ks)
    fields = {
        "unit": unit.name,
        "expert": ex.name,
        "gender": p.gender if has("application_form", "summary_sheet", "id_card", "skill_certificate") else None,
        "birth_date": p.birth_date.isoformat() if has("application_form", "id_card") else None,
        "id_number": p.id_number if has("application_form", "id_card", "skill_certificate") else None,
        "occupation": ex.occupation if has("application_form", "summary_sheet", "skill_certificate") else None,
        "skill_level": ex.skill_level if has("application_form", "summary_sheet", "skill_certificate") else None,
        "title": ex.title if has("application_form", "summary_sheet") else None,
        "team_size": len(team) if has("application_form", "summary_sheet") else None,
        "staff_count": unit.staff_count if has("summary_sheet") else None,
        "high_skill_count": unit.high_skill_count if has("summary_sheet") else None,
        "age": age if has("summary_sheet") else None,
        "contact_person": unit.contact_person if has("summary_sheet") else None,
        "contact_phone": unit.contact_phone if has("summary_sheet") else None,
        "achievements_chars": texts.nonws(ach) if has("application_form") else None,
        "deeds_chars": deeds.chars if has("deeds") else None,
    }
    flags = set(spec.extra_flags)
    flags |= {d for d in spec.defects if d not in COPY_DEFECTS}
    for f in b.files:
        c = f.certified
        if c is None:
            continue
        if not c["phrase"] and not c["seal"] and not c["signature"]:
            flags.add("copy_not_certified")
        else:
            if not c["phrase"]:
                flags.add("copy_not_certified")
            if not c["seal"]:
                flags.add("copy_missing_seal")
            if not c["signature"]:
                flags.add("copy_missing_signature")
    if "expert_level_insufficient" in spec.defects and ex.level_ok:
        flags.discard("expert_level_insufficient")
    missing = [m for m in REQUIRED if m in spec.missing]
    return UnitTruth(unit.name, ex.name, "", fields, missing, sorted(flags), b.files, sorted(spec.defects))


# --- the sample set -----------------------------------------------------------------------------

def _plan(n: int, rng: random.Random, scans: bool, bundles: bool, dpi: int, legacy: bool) -> list[UnitSpec]:
    used: set[str] = set()
    specs: list[UnitSpec] = []
    n_dup_unit = 1 if n >= 5 else 0
    n_dup_expert = 1 if n >= 6 else 0
    n_base = n - n_dup_unit - n_dup_expert
    defect_pool = DEFECTS[:] + ["missing"] * 3
    rng.shuffle(defect_pool)
    for i in range(n_base):
        defects: set[str] = set()
        missing: set[str] = set()
        if i > 0 and (i % 5 != 0 or n <= 3):   # every fifth unit (and the first) stays clean
            for _ in range(rng.choice([1, 1, 1, 2])):
                code = defect_pool.pop() if defect_pool else rng.choice(DEFECTS + ["missing"])
                if code == "missing":
                    missing |= set(rng.sample(REQUIRED, rng.choice([1, 1, 2])))
                else:
                    defects.add(code)
        # a defect needs at least one of its carrier materials to be present
        for d in list(defects):
            if all(m in missing for m in DEFECT_NEEDS[d]):
                defects.discard(d)
        if defects & COPY_DEFECTS:
            missing -= {"credentials.id_card", "credentials.skill_certificate"}
        unit = identity.make_unit(rng, used)
        expert = identity.make_expert(rng, unit, level_ok="expert_level_insufficient" not in defects,
                                      valid_id="id_number_invalid" not in defects)
        specs.append(UnitSpec(index=i, seed=rng.randrange(2**31), unit=unit, expert=expert, defects=defects, missing=missing,
                              scans=scans, bundle=bundles and scans and rng.random() < 0.3, evidence=rng.choice([0, 1, 1, 2, 3]),
                              dpi=dpi if rng.random() < 0.8 else int(dpi * 4 / 3), legacy=legacy))
    for sp in specs:
        sp.team_size = _targets(sp, rng)["team"]
        sp.summary_age = sp.expert.person.age + (rng.choice([-5, -3, -2, 2, 3, 4]) if "age_mismatch" in sp.defects else 0)
        sp.e_seal = rng.random() < 0.2
    # a supervising department sends one summary sheet listing several of its units
    cands = [sp for sp in specs[1:] if "forms.summary_sheet" not in sp.missing and not sp.bundle]
    by_dept: dict[str, list[UnitSpec]] = {}
    for sp in cands:
        by_dept.setdefault(sp.unit.department, []).append(sp)
    groups = [g for g in by_dept.values() if len(g) >= 2]
    if not groups and len(cands) >= 3:
        # 区经济信息委 oversees most companies: let it forward two of them together
        pair = rng.sample([sp for sp in cands if not sp.unit.is_school] or cands, 2)
        for sp in pair:
            sp.unit.department = "区经济信息委"
        groups = [pair]
    if groups and rng.random() < 0.8:
        group = max(groups, key=len)[:3]
        for sp in group:
            sp.own_summary = False
    if n_dup_unit:
        base = specs[min(1, len(specs) - 1)]
        expert = identity.make_expert(rng, base.unit)
        specs.append(UnitSpec(index=len(specs), seed=rng.randrange(2**31), unit=base.unit, expert=expert, scans=scans,
                              extra_flags={"duplicate_unit"}, evidence=1, dpi=dpi))
        base.extra_flags.add("duplicate_unit")
    if n_dup_expert:
        base = specs[min(2, len(specs) - 1)]
        unit = identity.make_unit(rng, used, sector_key=base.unit.sector)
        expert = dataclasses.replace(base.expert)
        specs.append(UnitSpec(index=len(specs), seed=rng.randrange(2**31), unit=unit, expert=expert, scans=scans,
                              extra_flags={"duplicate_expert"}, evidence=1, dpi=dpi))
        base.extra_flags.add("duplicate_expert")
    return specs


def _run_one(args: tuple[UnitSpec, str]) -> UnitTruth:
    spec, staging = args
    return make_package(spec, Path(staging), random.Random(spec.seed))


def make_sample_set(out_dir: str | Path, units: int = 6, seed: int = 1, scans: bool = True, layout: str = "folders",
                    bundles: bool | None = None, dpi: int = 150, legacy: bool = False, workers: int | None = None) -> SampleTruth:
    """Write `units` applications under `out_dir` and `out_dir/truth.json`; return the truth.

    layout="folders": one subfolder per application (named after the unit, sometimes its short name);
    layout="flat": every file in `out_dir` itself. bundles (default: = scans) lets some applicants'
    paper arrive as one scanned multi-page PDF.
    """
    assert layout in ("folders", "flat")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    bundles = scans if bundles is None else bundles
    specs = _plan(units, rng, scans, bundles, dpi, legacy)
    staging = out / ".staging"
    shutil.rmtree(staging, ignore_errors=True)
    jobs = [(s, str(staging / f"u{s.index:03d}")) for s in specs]
    workers = workers if workers is not None else (min(os.cpu_count() or 1, 4) if scans and len(specs) > 2 else 1)
    if workers > 1:
        with ProcessPoolExecutor(workers) as ex:
            truths = list(ex.map(_run_one, jobs))
    else:
        truths = [_run_one(j) for j in jobs]
    shared = [(sp, tr) for sp, tr in zip(specs, truths) if not sp.own_summary]
    used_folders: set[str] = set()
    for spec, truth, (_, sdir) in zip(specs, truths, jobs):
        if layout == "folders":
            folder = spec.unit.name if rng.random() < 0.6 else rng.choice([spec.unit.short_name, f"{spec.unit.short_name}申报材料",
                                                                        f"{spec.unit.name}-技能大师工作室"])
            if folder in used_folders:
                folder = f"{folder}（{spec.expert.name}）"
            used_folders.add(folder)
            target = out / folder
        else:
            folder = ""
            target = out
        target.mkdir(parents=True, exist_ok=True)
        moved: dict[str, str] = {}
        for f in truth.files:
            if f.path not in moved:
                dst = naming.unique_path(target, f.path)
                shutil.move(str(Path(sdir) / f.path), str(dst))
                moved[f.path] = str(dst.relative_to(out))
            f.path = moved[f.path]
        truth.folder = folder
    shutil.rmtree(staging, ignore_errors=True)
    if shared:
        _write_shared_summary(shared, out, layout, rng, used_folders)
    st = SampleTruth(seed, layout, scans, truths)
    (out / "truth.json").write_text(json.dumps(st.as_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    return st


def _write_shared_summary(shared: list[tuple[UnitSpec, UnitTruth]], out: Path, layout: str, rng: random.Random,
                          used_folders: set[str]) -> None:
    """The supervising department's summary sheet covering several units (one row each)."""
    dept = shared[0][0].unit.department
    contact = identity.make_person(rng, min_age=25, max_age=50)
    phone = rng.choice([contact.phone, identity.landline(rng)])
    rows = []
    for i, (sp, _) in enumerate(shared, 1):
        ex = sp.expert
        rows.append(forms.SummaryRow(i, sp.unit.name, sp.unit.staff_count, sp.unit.high_skill_count, ex.name, ex.person.gender,
                                     sp.summary_age, ex.occupation, ex.skill_level + (f"/{ex.title}" if ex.title else ""),
                                     sp.team_size))
    sheet = forms.SummarySheet(dept, "重庆市梁平区" + dept.removeprefix("区"), rows, contact.name, phone,
                               f"2023年8月{rng.randint(20, 31)}日")
    if layout == "folders":
        folder = rng.choice([f"{dept}汇总", f"{dept}转报材料", dept])
        while folder in used_folders:
            folder += "_"
        target = out / folder
    else:
        target = out
    target.mkdir(parents=True, exist_ok=True)
    if rng.random() < 0.75:
        path = naming.unique_path(target, rng.choice([f"{dept}技能大师工作室汇总表.xlsx", "附件2汇总表.xlsx", naming.meaningless(rng, ".xlsx")]))
        xlsx_writer.write_summary_xlsx(sheet, path, rng)
    else:
        path = naming.unique_path(target, rng.choice([f"{dept}汇总表.docx", "附件2.docx", naming.meaningless(rng, ".docx")]))
        docx_writer.write_summary_docx(sheet, path, rng)
    rel = str(path.relative_to(out))
    for sp, tr in shared:
        tr.files.append(FileTruth(rel, "forms", "summary_sheet", None, None))
        f = tr.fields
        ex = sp.expert
        f.update(staff_count=sp.unit.staff_count, high_skill_count=sp.unit.high_skill_count, age=sp.summary_age, contact_person=contact.name, contact_phone=phone)
        for k, v in (("gender", ex.person.gender), ("occupation", ex.occupation), ("skill_level", ex.skill_level),
                     ("title", ex.title), ("team_size", sp.team_size)):
            if f.get(k) is None:
                f[k] = v


def load_truth(path: str | Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))

"""OCR accuracy on scanned pages, fields read from scanned applications, bundle splitting,
and OCR speed and memory, per engine (not a test: prints a table per engine).

    .venv/bin/python benchmarks/ocr_accuracy.py [--engine tesseract|rapidocr|both] [--units 6]
        [--pages-per-kind 3] [--seed 11] [--verbose]

1. Pages: the test-data generator renders each page kind (deeds/report text page, application
   form typed and filled in by hand, summary sheet, ID card, skill certificate, diploma, award)
   clean, and degraded like a scan (skew up to 5 degrees, noise, blur, uneven light, JPEG 55-80,
   certification seal/signature/phrase on copies, opinion seals on forms; the first degraded
   page of each kind is upside down). Every page image goes through `ReadContext.ocr_page`, as
   a scanned image goes in the pipeline. Text pages: character error rate (Levenshtein over
   characters, NFKC, white space removed) against the exact strings the generator drew on that
   page, in drawing (reading) order. Structured pages: the field values the generator drew
   (values of two characters or more); each value is compared with its closest substring of the
   page's OCR text: "value CER" is the summed edit distance over the summed value length, and
   "exact" counts values read without an error.
2. Fields: a scanned sample set (`make_sample_set(scans=True, bundles=True)`) is taken in by the
   real `intake ingest` CLI in a fresh deployment with the engine; for each generated unit the
   fields unit, expert, id_number, gender, occupation, skill_level, team_size, staff_count, age
   of truth.json are compared, exactly, with the fields of the applicant in output/status.json
   (matched by unit and expert). A field counts as "scanned" when the material it is first
   written in (the application form, else the summary sheet, else a certificate) is an image
   or an image-only PDF in truth.json.
3. Bundles: every page of a file that truth.json lists as several materials (a scanned bundle,
   one PDF of credential copies) is right when the status.json document covering it has the
   page's true type and subtype.
4. Speed: seconds per page (wall, one worker process), pages per minute with a pool of
   os.cpu_count() processes; peak RSS of a worker process (resource.getrusage in the worker)
   and of the tesseract program it runs (its VmHWM, sampled from /proc every 50 ms).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import multiprocessing
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.config import OcrSettings, ProcessingSettings  # noqa: E402
from pipeline.ocr import create_engine  # noqa: E402
from pipeline.readers.context import ReadContext  # noqa: E402
from tests.generator import degrade, forms, identity, marks, pages, texts  # noqa: E402
from tests.generator.package import make_sample_set  # noqa: E402

ENGINES = ("tesseract", "rapidocr")
DPI = 150
MIN_VALUE_CHARS = 2  # shorter values (性别 男/女, a sequence number) are found anywhere by chance
FIELDS = ("unit", "expert", "id_number", "gender", "occupation", "skill_level", "team_size", "staff_count", "age")
FIELD_SOURCES = {  # where a field is first written, by material subtype
    "unit": ("application_form", "summary_sheet"),
    "expert": ("application_form", "summary_sheet"),
    "id_number": ("application_form", "id_card", "skill_certificate"),
    "gender": ("application_form", "summary_sheet", "id_card", "skill_certificate"),
    "occupation": ("application_form", "summary_sheet", "skill_certificate"),
    "skill_level": ("application_form", "summary_sheet", "skill_certificate"),
    "team_size": ("application_form", "summary_sheet"),
    "staff_count": ("summary_sheet",),
    "age": ("summary_sheet",),
}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp"}


# --- edit distance -------------------------------------------------------------------------------

def normalised(text: str) -> str:
    """NFKC-folded, without white space: what is compared."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def edit_distance(reference: str, hypothesis: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions of characters)."""
    previous = list(range(len(hypothesis) + 1))
    for i, expected in enumerate(reference, 1):
        current = [i]
        for j, read in enumerate(hypothesis, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (expected != read)))
        previous = current
    return previous[-1]


def closest_substring(value: str, text: str) -> tuple[int, str]:
    """Edit distance from `value` to the substring of `text` closest to it, and that substring."""
    cost = [0] * (len(text) + 1)  # a match may start anywhere in the text
    start = list(range(len(text) + 1))
    for i, expected in enumerate(value, 1):
        new_cost, new_start = [i], [0]
        for j, read in enumerate(text, 1):
            best = min(
                (cost[j - 1] + (expected != read), start[j - 1]),
                (cost[j] + 1, start[j]),
                (new_cost[j - 1] + 1, new_start[j - 1]),
            )
            new_cost.append(best[0])
            new_start.append(best[1])
        cost, start = new_cost, new_start
    end = min(range(len(text) + 1), key=lambda j: cost[j])  # and end anywhere
    return cost[end], text[start[end]:end]


# --- generated pages with their reference text ---------------------------------------------------

@dataclass
class Rendered:
    images: list[Image.Image]
    reference: str | None  # the whole text drawn, in reading order (text pages)
    values: list[str] = field(default_factory=list)  # the field values drawn (structured pages)


@dataclass
class Sample:
    kind: str
    variant: str  # clean | degraded
    index: int
    paths: list[Path]
    reference: str | None
    values: list[str]


@contextmanager
def recorded_text() -> Iterator[list[tuple[object, str]]]:
    """Every string ImageDraw draws meanwhile, with the image core it is drawn on."""
    drawn: list[tuple[object, str]] = []
    original = ImageDraw.ImageDraw.text

    def text(self, xy, string, *args, **kwargs):
        drawn.append((self.im, string))
        return original(self, xy, string, *args, **kwargs)

    ImageDraw.ImageDraw.text = text
    try:
        yield drawn
    finally:
        ImageDraw.ImageDraw.text = original


def _people(rng: random.Random) -> tuple[identity.Unit, identity.Expert]:
    unit = identity.make_unit(rng)
    return unit, identity.make_expert(rng, unit)


def _certified(image: Image.Image, rng: random.Random, unit: identity.Unit, top_mm: float) -> Image.Image:
    """A copy as an office certifies it: 此件与原件相符, a signature and the unit's seal."""
    region = (pages.px(DPI, 20), pages.px(DPI, top_mm), image.width - pages.px(DPI, 20), image.height - pages.px(DPI, 20))
    marks.certify(image, rng, unit.name, identity.make_name(rng, True), dpi=DPI, region=region,
                  seal_style=rng.choice(["faded", "pink", "dark", "red", "red", "red"]))
    return image


def text_page(rng: random.Random, degraded: bool) -> Rendered:
    unit, expert = _people(rng)
    if rng.random() < 0.5:
        narrative, header = texts.deeds(expert, unit, rng, rng.randint(1560, 1950)), None
    else:
        narrative = texts.report(expert, unit, rng, rng.randint(3, 15), date_text=f"2023年8月{rng.randint(10, 28)}日")
        header = unit.name + "文件" if rng.random() < 0.3 else None
    with recorded_text() as drawn:
        images = pages.text_pages(narrative, DPI, rng, red_header=header)
    page = rng.choice(images)
    return Rendered([page], "".join(string for target, string in drawn if target is page.im))


def _form(rng: random.Random, degraded: bool, hand: bool) -> Rendered:
    unit, expert = _people(rng)
    person = expert.person
    team = identity.make_team(rng, expert, rng.choice([3, 5, 6, 8, 10, 12]))
    opinions = {
        "unit": forms.Opinion(texts.opinion("unit", rng), identity.make_name(rng, True), "2023年8月20日", True, unit.name),
        "department": forms.Opinion(texts.opinion("department", rng), identity.make_name(rng, True), "2023年8月22日", True,
                                    unit.department),
        "bureau": forms.Opinion(None, None, None),
    }
    form = forms.ApplicationForm(unit.name, expert.name, person.gender, forms.birth_text(person.birth_date, rng),
                                 person.id_number, expert.occupation, expert.skill_level, expert.title, unit.name,
                                 person.phone, team, len(team), texts.achievements(expert, unit, rng, rng.randint(140, 285)),
                                 opinions)
    layout = forms.LAYOUTS[rng.choice(sorted(forms.LAYOUTS))](form)
    department_seal = "重庆市梁平区" + unit.department.removeprefix("区").replace("委", "委员会")
    images = pages.form_pages(layout, DPI, rng, hand=hand, seal_unit=unit.name if degraded else None,
                              seal_department=department_seal if degraded else None)
    values = [cell.text for row in layout.rows for cell in row if cell.kind == "value" and cell.text]
    return Rendered(images, None, values)


def typed_form(rng: random.Random, degraded: bool) -> Rendered:
    return _form(rng, degraded, hand=False)


def handwritten_form(rng: random.Random, degraded: bool) -> Rendered:
    return _form(rng, degraded, hand=True)


def summary_sheet(rng: random.Random, degraded: bool) -> Rendered:
    unit, expert = _people(rng)
    person = expert.person
    level = expert.skill_level + (f"/{expert.title}" if expert.title else "")
    row = forms.SummaryRow(1, unit.name, unit.staff_count, unit.high_skill_count, expert.name, person.gender, person.age,
                           expert.occupation, level, rng.randint(3, 15))
    sheet = forms.SummarySheet(unit.department, unit.name, [row], unit.contact_person, unit.contact_phone,
                               f"2023年8月{rng.randint(15, 30)}日")
    image = pages.summary_page(sheet, DPI, rng, seals=degraded)
    values = [sheet.department, sheet.filler, row.unit, str(row.staff_count), str(row.high_skill_count), row.expert,
              str(row.age), row.occupation, row.level_title, str(row.team_size), sheet.contact_person,
              sheet.contact_phone, sheet.date_text]
    return Rendered([image], None, values)


def id_card(rng: random.Random, degraded: bool) -> Rendered:
    unit, expert = _people(rng)
    person = expert.person
    image = pages.id_card_page(expert, DPI, rng, color=rng.random() < 0.5)
    if degraded:
        _certified(image, rng, unit, 297 * 0.55)
    birth = person.birth_date
    values = [person.name, person.nation, f"{birth.year}年{birth.month}月{birth.day}日", person.address, person.id_number]
    return Rendered([image], None, values)


def skill_certificate(rng: random.Random, degraded: bool) -> Rendered:
    unit, expert = _people(rng)
    person = expert.person
    image = pages.skill_certificate_page(expert, DPI, rng, color=rng.random() < 0.85)
    if degraded:
        _certified(image, rng, unit, 165)
    values = [person.name, person.id_number, expert.occupation, expert.skill_level, expert.cert_number,
              f"{expert.cert_date:%Y年%m月%d日}", expert.cert_issuer]
    return Rendered([image], None, values)


def diploma(rng: random.Random, degraded: bool) -> Rendered:
    unit, expert = _people(rng)
    graduated = expert.grad_date
    image = pages.diploma_page(expert, DPI, rng, color=rng.random() < 0.85)
    if degraded:
        _certified(image, rng, unit, 180)
    values = ["毕业证书", expert.person.name, expert.major, expert.school,
              f"{graduated.year}年{graduated.month}月{graduated.day}日"]
    return Rendered([image], None, values)


def award(rng: random.Random, degraded: bool) -> Rendered:
    unit, expert = _people(rng)
    certificate = texts.award(expert, rng)
    image = pages.award_page(certificate, DPI, rng, color=rng.random() < 0.85)
    if degraded:
        _certified(image, rng, unit, 185)
    values = [certificate.title, *certificate.body.split("\n"), *certificate.issuer.split(" "), certificate.date_text]
    return Rendered([image], None, values)


PAGE_KINDS: dict[str, Callable[[random.Random, bool], Rendered]] = {
    "text page (deeds/report)": text_page,
    "application form, typed": typed_form,
    "application form, by hand": handwritten_form,
    "summary sheet": summary_sheet,
    "ID card copy": id_card,
    "skill certificate": skill_certificate,
    "diploma": diploma,
    "award": award,
}


def _save(images: list[Image.Image], folder: Path, stem: str, rng: random.Random | None, upside_down: bool) -> list[Path]:
    """Clean pages as PNG; degraded ones scanned (degrade.apply) and saved as the scanner's JPEG."""
    paths = []
    for number, image in enumerate(images, 1):
        if rng is None:
            path = folder / f"{stem}-{number}.png"
            image.save(path)
        else:
            style = degrade.random_style(rng)
            style.upside_down = upside_down and number == 1
            path = folder / f"{stem}-{number}.jpg"
            degrade.save_image(degrade.apply(image, style, rng), path, style.jpeg_quality)
        paths.append(path)
    return paths


def make_samples(folder: Path, per_kind: int, seed: int) -> list[Sample]:
    folder.mkdir(parents=True, exist_ok=True)
    samples = []
    for kind_number, (kind, render) in enumerate(PAGE_KINDS.items()):
        for index in range(per_kind):
            for variant in ("clean", "degraded"):
                rng = random.Random(f"{seed}/{kind}/{index}")  # the same content for both variants
                rendered = render(rng, variant == "degraded")
                stem = f"k{kind_number}-{index}-{variant}"
                scanner = random.Random(f"{seed}/{kind}/{index}/scan") if variant == "degraded" else None
                paths = _save(rendered.images, folder, stem, scanner, upside_down=index == 0)
                values = [v for v in rendered.values if len(normalised(v)) >= MIN_VALUE_CHARS]
                samples.append(Sample(kind, variant, index, paths, rendered.reference, values))
    return samples


# --- OCR in worker processes ---------------------------------------------------------------------

@dataclass
class PageReading:
    path: Path
    text: str
    started: float
    finished: float
    rss_kb: int  # this worker process's peak so far


_context: ReadContext | None = None


def _start_worker(engine: str, page_folder: str) -> None:
    global _context
    logging.disable(logging.INFO)  # RapidOCR logs every model it loads
    settings = OcrSettings(engine=engine)
    _context = ReadContext(engine=create_engine(settings), ocr=settings, processing=ProcessingSettings(),
                           page_folder=Path(page_folder), key="benchmark")


def _read_page(path: Path) -> PageReading:
    assert _context is not None
    with Image.open(path) as image:
        frame = image.copy()
    started = time.monotonic()
    content = _context.ocr_page(frame, 1)
    finished = time.monotonic()
    return PageReading(path, content.text, started, finished, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


class TesseractMemory(threading.Thread):
    """Peak RSS (VmHWM) of the tesseract processes started by this process's workers."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    self.peak_kb = max(self.peak_kb, self._peak(entry))

    @staticmethod
    def _parent(pid: str) -> tuple[str, str]:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            head, tail = handle.read().rsplit(")", 1)
        return head.split("(", 1)[1], tail.split()[1]

    def _ours(self, pid: str) -> bool:
        """Whether this process is an ancestor (tesseract <- worker <- forkserver <- us)."""
        for _ in range(4):
            pid = self._parent(pid)[1]
            if pid == str(os.getpid()):
                return True
        return False

    def _peak(self, pid: str) -> int:
        try:
            if self._parent(pid)[0] != "tesseract" or not self._ours(pid):
                return 0
            with open(f"/proc/{pid}/status", encoding="ascii") as handle:
                return next((int(line.split()[1]) for line in handle if line.startswith("VmHWM:")), 0)
        except (OSError, IndexError, ValueError):
            return 0


def read_pages(paths: list[Path], engine: str, processes: int, page_folder: Path) -> tuple[list[PageReading], int]:
    """OCR every page in a pool, with the tesseract programs' peak RSS (kB); each run gets
    its own (empty) page store, so nothing is reused."""
    page_folder.mkdir(parents=True)
    sampler = TesseractMemory()
    sampler.start()
    context = multiprocessing.get_context("forkserver")  # as the pipeline starts its workers
    with ProcessPoolExecutor(processes, context, initializer=_start_worker, initargs=(engine, str(page_folder))) as pool:
        readings = list(pool.map(_read_page, paths))
    sampler.done.set()
    sampler.join()
    return readings, sampler.peak_kb


# --- page scores ---------------------------------------------------------------------------------

@dataclass
class SampleScore:
    sample: Sample
    errors: int
    length: int
    exact_values: int
    misreads: list[tuple[str, str]]  # (value drawn, closest text read)


@dataclass
class KindScore:
    errors: int = 0
    length: int = 0
    exact_values: int = 0
    values: int = 0

    def add(self, score: SampleScore) -> None:
        self.errors += score.errors
        self.length += score.length
        self.exact_values += score.exact_values
        self.values += len(score.sample.values)

    def cell(self) -> str:
        rate = f"{self.errors / self.length:6.1%}" if self.length else "     -"
        return f"{rate} {f'{self.exact_values}/{self.values}':>7}" if self.values else f"{rate} {'':>7}"


def score_sample(sample: Sample, text: str) -> SampleScore:
    read = normalised(text)
    if sample.reference is not None:
        reference = normalised(sample.reference)
        return SampleScore(sample, edit_distance(reference, read), len(reference), 0, [])
    errors = length = exact = 0
    misreads = []
    for value in map(normalised, sample.values):
        distance, closest = closest_substring(value, read)
        errors += distance
        length += len(value)
        exact += distance == 0
        if distance:
            misreads.append((value, closest))
    return SampleScore(sample, errors, length, exact, misreads)


def score_pages(samples: list[Sample], readings: list[PageReading]) -> list[SampleScore]:
    text_of = {reading.path: reading.text for reading in readings}
    return [score_sample(s, "\n".join(text_of[path] for path in s.paths)) for s in samples]


# --- speed and memory ----------------------------------------------------------------------------

@dataclass
class Speed:
    pages: int
    seconds_per_page: float  # one process
    processes: int
    pages_per_minute: float  # all processes
    rss_mb: float  # largest worker process
    tesseract_rss_mb: float  # largest tesseract program a worker ran


def measure_speed(single: list[PageReading], pooled: list[PageReading], processes: int, tesseract_kb: int) -> Speed:
    per_page = sum(r.finished - r.started for r in single) / len(single)
    span = max(r.finished for r in pooled) - min(r.started for r in pooled)
    return Speed(len(single), per_page, processes, 60 * len(pooled) / span,
                 max(r.rss_kb for r in single + pooled) / 1024, tesseract_kb / 1024)


# --- fields and bundles from the real CLI --------------------------------------------------------

@dataclass
class FieldScore:
    scanned_right: int = 0
    scanned: int = 0
    digital_right: int = 0
    digital: int = 0


@dataclass
class IngestScore:
    units: int
    matched: int
    seconds: float
    fields: dict[str, FieldScore]
    mismatches: list[str]
    bundle_files: int
    bundle_pages: int
    bundle_right: int
    misassigned: list[str]


def _is_scan(entry: dict) -> bool:
    return Path(entry["path"]).suffix.lower() in IMAGE_SUFFIXES or entry["pages"] is not None


def run_ingest(packages: Path, engine: str, site: Path) -> tuple[dict, float]:
    """`intake ingest` of the packages in a fresh deployment; its status.json and wall time."""
    site.mkdir(parents=True)
    config = site / "config.toml"
    config.write_text(f'[paths]\nrules_folder = "{(REPO / "inbox_rules").as_posix()}"\n[ocr]\nengine = "{engine}"\n',
                      encoding="utf-8")
    start = time.perf_counter()
    with open(site / "ingest.log", "wb") as log:
        done = subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--config", str(config), str(packages)],
                              cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        tail = (site / "ingest.log").read_text(encoding="utf-8", errors="replace")[-2000:]
        raise SystemExit(f"intake ingest failed ({engine}):\n{tail}")
    return json.loads((site / "output" / "status.json").read_text(encoding="utf-8")), seconds


def _match_applicants(units: list[dict], applicants: list[dict]) -> dict[int, dict]:
    """Truth unit index -> status applicant: same unit and expert; else the one left with either."""
    matched: dict[int, dict] = {}
    free = list(applicants)
    for index, unit in enumerate(units):
        same = [a for a in free if a["unit"] == unit["unit"] and a["expert"] == unit["expert"]]
        if same:
            matched[index] = same[0]
            free.remove(same[0])
    for index, unit in enumerate(units):
        if index in matched:
            continue
        either = [a for a in free if a["unit"] == unit["unit"] or a["expert"] == unit["expert"]]
        if len(either) == 1:
            matched[index] = either[0]
            free.remove(either[0])
    return matched


def score_fields(truth: dict, status: dict) -> tuple[int, dict[str, FieldScore], list[str]]:
    units = truth["units"]
    matched = _match_applicants(units, status["applicants"])
    scores = {name: FieldScore() for name in FIELDS}
    mismatches = []
    for index, unit in enumerate(units):
        found = matched.get(index, {}).get("fields", {})
        files = {entry["subtype"]: entry for entry in unit["files"]}
        for name in FIELDS:
            expected = unit["fields"].get(name)
            if expected is None:
                continue
            source = next((files[s] for s in FIELD_SOURCES[name] if s in files), None)
            scanned = source is not None and _is_scan(source)
            right = found.get(name) is not None and str(found[name]).strip() == str(expected)
            score = scores[name]
            if scanned:
                score.scanned += 1
                score.scanned_right += right
            else:
                score.digital += 1
                score.digital_right += right
            if not right:
                where = f"{source['path']}" if source else "?"
                mismatches.append(f"{unit['expert']} {name}: truth {expected!r}, status.json {found.get(name)!r} "
                                  f"({'scan' if scanned else 'born-digital'} {where})")
    return len(matched), scores, mismatches


def score_bundles(truth: dict, status: dict, packages: Path) -> tuple[int, int, int, list[str]]:
    """(files, pages, pages assigned to their true material, misassigned pages)."""
    documents = [d for a in status["applicants"] for d in a["documents"]] + status["unassigned"]
    runs: dict[str, list[dict]] = {}
    for unit in truth["units"]:
        for entry in unit["files"]:
            if entry["pages"] is not None:
                runs.setdefault(entry["path"], []).append(entry)
    files = pages_total = right = 0
    misassigned = []
    for path, entries in runs.items():
        if len({(e["type"], e["subtype"]) for e in entries}) < 2:
            continue
        files += 1
        digest = hashlib.sha256((packages / path).read_bytes()).hexdigest()
        covering = [d for d in documents if d["sha256"] == digest and d["pages"]]
        for entry in entries:
            for page in range(entry["pages"][0], entry["pages"][1] + 1):
                pages_total += 1
                found = next((d for d in covering if d["pages"][0] <= page <= d["pages"][1]), None)
                got = (found["type"], found["subtype"]) if found else None
                if got == (entry["type"], entry["subtype"]):
                    right += 1
                else:
                    misassigned.append(f"{Path(path).name} p{page}: {entry['type']}/{entry['subtype']} -> "
                                       f"{'/'.join(map(str, got)) if got else 'no document'}")
    return files, pages_total, right, misassigned


def score_ingest(packages: Path, truth: dict, engine: str, site: Path) -> IngestScore:
    status, seconds = run_ingest(packages, engine, site)
    matched, fields, mismatches = score_fields(truth, status)
    files, total, right, misassigned = score_bundles(truth, status, packages)
    return IngestScore(len(truth["units"]), matched, seconds, fields, mismatches, files, total, right, misassigned)


# --- report --------------------------------------------------------------------------------------

def _ratio(right: int, total: int) -> str:
    return f"{right / total:6.1%} ({right}/{total})" if total else "     - (0/0)"


def print_pages(scores: list[SampleScore], verbose: bool) -> None:
    print(f"{'page kind':<27} {'measure':<10} {'clean':>14} {'degraded':>14}   (CER, values exact)")
    for kind in PAGE_KINDS:
        cells = {}
        for variant in ("clean", "degraded"):
            total = KindScore()
            for score in scores:
                if score.sample.kind == kind and score.sample.variant == variant:
                    total.add(score)
            cells[variant] = total.cell()
        measure = "CER" if kind == "text page (deeds/report)" else "value CER"
        print(f"{kind:<27} {measure:<10} {cells['clean']:>14} {cells['degraded']:>14}")
    if verbose:
        for score in scores:
            for value, read in score.misreads:
                print(f"  {score.sample.kind}, {score.sample.variant} #{score.sample.index}: {value} -> {read}")


def print_speed(speed: Speed) -> None:
    print(f"speed: {speed.seconds_per_page:.2f} s/page (one process, {speed.pages} pages); "
          f"{speed.pages_per_minute:.1f} pages/min with {speed.processes} processes; "
          f"peak RSS per worker process {speed.rss_mb:.0f} MB, per tesseract program it runs {speed.tesseract_rss_mb:.0f} MB")


def print_ingest(score: IngestScore, verbose: bool) -> None:
    print(f"fields (intake ingest, {score.units} units, {score.matched} matched to an applicant, "
          f"{score.seconds:.0f} s wall):")
    print(f"  {'field':<12} {'from scans':>16} {'born-digital':>16}")
    totals = FieldScore()
    for name, f in score.fields.items():
        print(f"  {name:<12} {_ratio(f.scanned_right, f.scanned):>16} {_ratio(f.digital_right, f.digital):>16}")
        totals.scanned_right += f.scanned_right
        totals.scanned += f.scanned
        totals.digital_right += f.digital_right
        totals.digital += f.digital
    print(f"  {'all':<12} {_ratio(totals.scanned_right, totals.scanned):>16} {_ratio(totals.digital_right, totals.digital):>16}")
    print(f"bundle pages assigned to the right material: {_ratio(score.bundle_right, score.bundle_pages)} "
          f"in {score.bundle_files} multi-material files")
    if verbose:
        for line in score.mismatches + score.misassigned:
            print(f"  {line}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=(*ENGINES, "both"), default="both")
    parser.add_argument("--units", type=int, default=6)
    parser.add_argument("--pages-per-kind", type=int, default=3)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--verbose", action="store_true", help="list every value, field and page not read right")
    args = parser.parse_args()
    engines = ENGINES if args.engine == "both" else (args.engine,)
    processes = os.cpu_count() or 1
    work = Path(tempfile.mkdtemp(prefix="intake-ocr-bench-"))
    try:
        samples = make_samples(work / "pages", args.pages_per_kind, args.seed)
        paths = [path for sample in samples for path in sample.paths]
        packages = work / "packages"
        make_sample_set(packages, units=args.units, seed=args.seed, scans=True, bundles=True)
        truth = json.loads((packages / "truth.json").read_text(encoding="utf-8"))
        (packages / "truth.json").unlink()
        print(f"{len(samples)} page samples ({len(paths)} pages, {args.pages_per_kind} per kind and variant, seed {args.seed}); "
              f"{args.units} scanned applications; {processes} cores")
        for engine in engines:
            single, tesseract_one = read_pages(paths, engine, 1, work / engine / "pages-one")
            pooled, tesseract_pool = read_pages(paths, engine, processes, work / engine / "pages-pool")
            print(f"\n== {engine} ==")
            print_pages(score_pages(samples, single), args.verbose)
            print_speed(measure_speed(single, pooled, processes, max(tesseract_one, tesseract_pool)))
            print_ingest(score_ingest(packages, truth, engine, work / engine / "site"), args.verbose)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Copy pages with known certification marks, for the certified-copy checks' tests and benchmark.

Certifies pages the way `package.make_package` does (`marks.certify` on a credential or evidence
page, or the ID-card template whose printed label is signed and stamped) and adds the variants the
checks are measured on: every seal ink, black-and-white scans, and the hard negatives (printed
authority seals on uncertified certificates, blank template labels, red letterheads stamped by
their issuer, red emblems and red award titles).
"""
from __future__ import annotations

import io
import random
from dataclasses import dataclass

from PIL import Image

from . import degrade, identity, marks, pages, texts

KINDS = ("id_card", "skill_certificate", "diploma", "award", "other")
SEAL_STYLES = ("red", "bright", "dark", "faded", "pink", "purple")


@dataclass
class CopyCase:
    name: str
    kind: str
    image: Image.Image  # the page as a scanner delivered it (JPEG round trip included)
    truth: marks.Certification
    dpi: int
    unit: str  # the certifying unit, written on the seal's arc
    grayscale: bool
    template: bool  # the page carries the printed 此件与原件相符 label
    hard_negative: bool  # the page carries red print or a seal that does not certify it


def _page(kind: str, rng: random.Random, unit: identity.Unit, dpi: int, color: bool) -> tuple[Image.Image, tuple]:
    """The copied document and the region where a clerk certifies it (as in package.make_package)."""
    expert = identity.make_expert(rng, unit)
    if kind == "id_card":
        img = pages.id_card_page(expert, dpi, rng, color=color)
        return img, (pages.px(dpi, 30), int(img.height * 0.55), img.width - pages.px(dpi, 20), img.height - pages.px(dpi, 20))
    if kind == "skill_certificate":
        img = pages.skill_certificate_page(expert, dpi, rng, color=color)
        return img, (pages.px(dpi, 20), pages.px(dpi, 165), img.width - pages.px(dpi, 20), img.height - pages.px(dpi, 20))
    if kind == "diploma":
        img = pages.diploma_page(expert, dpi, rng, color=color)
        return img, (pages.px(dpi, 20), pages.px(dpi, 180), img.width - pages.px(dpi, 20), img.height - pages.px(dpi, 20))
    if kind == "award":
        img = pages.award_page(texts.award(expert, rng), dpi, rng, color=color)
        return img, (pages.px(dpi, 20), pages.px(dpi, 185), img.width - pages.px(dpi, 20), img.height - pages.px(dpi, 15))
    letter = texts.proof_letter(expert, unit, rng)
    img = pages.letter_page(letter, dpi, rng, letterhead=letter.closing[0] if rng.random() < 0.5 else None)
    return img, (pages.px(dpi, 20), int(img.height * 0.6), img.width - pages.px(dpi, 20), img.height - pages.px(dpi, 20))


def make_case(seed: int, kind: str, *, phrase: bool = True, seal: bool = True, signature: bool = True,
              template: bool = False, seal_style: str | None = None, grayscale: bool = False, color: bool = True,
              dpi: int = 150) -> CopyCase:
    """One scanned copy page. `template`: the ID-card template whose label stands for the phrase
    (then `phrase` is ignored; the truth's phrase is True when the clerk signed or stamped it)."""
    rng = random.Random(seed)
    unit = identity.make_unit(rng)
    img, region = _page(kind, rng, unit, dpi, color)
    handler = identity.make_name(rng, rng.random() < 0.5)
    style = seal_style or rng.choice(SEAL_STYLES)
    if template:
        pages._template_label(img, dpi, "身份证复印件")
        marks.certify(img, rng, unit.name, handler, phrase=False, signature=signature, seal=seal, dpi=dpi, seal_style=style,
                      region=(pages.px(dpi, 50), img.height - pages.px(dpi, 70), img.width - pages.px(dpi, 20),
                              img.height - pages.px(dpi, 20)))
        truth = marks.Certification(signature or seal, seal, signature)
    else:
        truth = marks.certify(img, rng, unit.name, handler, phrase=phrase, signature=signature, seal=seal, dpi=dpi,
                              region=region, seal_style=style)
    scan = degrade.random_style(rng, bw_prob=0.0)
    scan.grayscale = grayscale
    scanned = degrade.apply(img, scan, rng)
    buffer = io.BytesIO()
    scanned.save(buffer, "JPEG", quality=scan.jpeg_quality)
    image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    printed_red = kind in ("skill_certificate", "diploma", "award", "other") or (kind == "id_card" and color)
    return CopyCase(
        name=f"{seed}-{kind}{'-template' if template else ''}{'-bw' if grayscale else ''}-{style}",
        kind=kind,
        image=image,
        truth=truth,
        dpi=dpi,
        unit=unit.name,
        grayscale=grayscale,
        template=template,
        hard_negative=printed_red and not (truth.seal or truth.phrase),
    )


# (phrase, seal, signature, template) and how often each occurs in the benchmark set
_PATTERNS = [
    ((True, True, True, False), 10),
    ((True, False, True, False), 3),
    ((True, True, False, False), 3),
    ((True, False, False, False), 1),
    ((False, False, False, False), 4),  # not certified at all: printed seals, red print only
    ((False, False, False, True), 1),  # blank template: the phrase only as a printed label
    ((False, True, True, True), 2),  # template signed and stamped
]


def benchmark_cases(count: int = 72, seed: int = 2023, grayscale_share: float = 0.15) -> list[CopyCase]:
    """A mixed set of copy pages with known truth, hard negatives included."""
    rng = random.Random(seed)
    patterns = [pattern for pattern, weight in _PATTERNS for _ in range(weight)]
    cases = []
    for index in range(count):
        phrase, seal, signature, template = patterns[index % len(patterns)]
        kind = "id_card" if template else KINDS[rng.randrange(len(KINDS))]
        cases.append(
            make_case(
                rng.randrange(2**31),
                kind,
                phrase=phrase,
                seal=seal,
                signature=signature,
                template=template,
                grayscale=rng.random() < grayscale_share,
                color=rng.random() < 0.85,
                dpi=rng.choice([150, 150, 200]),
            )
        )
    return cases

"""A second blind generator of certified-copy pages (issue 13 §4): copies as they reach the bureau
from about fifteen applicant units, certified in the ways real offices do, captured the ways real
submissions are. Written without reading the detector or the other generators. See README.md."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from .capture import GREY_CAPTURES, Delivery, deliver, photocopied, received_image
from .documents import draw_document, latent_void
from .marks import Placed, certify
from .people import Person, person, unit
from .plan import CAPTIONS, PagePlan, plan_page

__all__ = ["Blind2Case", "Truth", "blind2_cases", "compose", "make_case", "plan_page"]


@dataclass(frozen=True)
class Truth:
    """What a careful clerk answers for the page: is the certifying phrase there, the unit's seal, the
    handler's signature (a personal name seal counts)."""
    phrase: bool
    seal: bool
    signature: bool

    def as_dict(self) -> dict[str, bool]:
        return {"phrase": self.phrase, "seal": self.seal, "signature": self.signature}


@dataclass(frozen=True)
class Composition:
    plan: PagePlan
    page: np.ndarray  # the marked copy before capture (uint8 RGB)
    placed: tuple[Placed, ...]
    document_seal: bool
    red_print: bool


@dataclass(frozen=True)
class Blind2Case:
    name: str
    truth: Truth
    plan: PagePlan = field(repr=False)
    delivery: Delivery = field(repr=False)
    hard_negative: bool  # no certifying seal, but red print or the document's own seal on the page
    grayscale: bool  # captured without colour
    template: bool  # carries the department's printed certification label

    @property
    def file_name(self) -> str:
        """Named as applicants name their files (the index keeps names apart and in order)."""
        return f"{self.plan.index:04d}_{CAPTIONS[self.plan.kind]}{self.delivery.suffix}"

    @property
    def image(self) -> Image.Image:
        """The page as the pipeline receives it (a PDF rendered, an image file opened as delivered)."""
        return received_image(self.delivery)


def _expert(seed: int, unit_number: int) -> Person:
    return person(random.Random(f"blind2/expert/{seed}/{unit_number}"))


def compose(seed: int, index: int) -> Composition:
    """Draw the page of (seed, index): the original, its photocopy, the marks, before capture."""
    plan = plan_page(seed, index)
    rng = random.Random(f"blind2/draw/{seed}/{index}")
    applicant = unit(seed, plan.unit_number)
    sheet = draw_document(plan.kind, plan.capture.dpi, rng, _expert(seed, plan.unit_number), applicant)
    if plan.scenario == "original_photo":  # the original itself, not a copy, lying on a desk
        x0, y0, x1, y1 = sheet.content
        border = int(plan.capture.dpi / 25.4 * 3)
        original = sheet.image.crop((max(0, x0 - border), max(0, y0 - border), x1 + border, y1 + border))
        return Composition(plan, np.asarray(original).copy(), (), sheet.document_seal, sheet.red_print)
    page = photocopied(sheet.image, plan.capture.colour_copy, rng)
    if sheet.latent is not None:
        latent_void(page, sheet.latent, plan.capture.dpi, rng)
    placed = certify(page, plan.marks, sheet.free, sheet.content, plan.capture.dpi, applicant, rng)
    return Composition(plan, page, tuple(placed), sheet.document_seal, sheet.red_print)


def make_case(seed: int, index: int) -> Blind2Case:
    composition = compose(seed, index)
    plan = composition.plan
    delivery = deliver(composition.page, plan.capture, random.Random(f"blind2/capture/{seed}/{index}"))
    truth = Truth(**plan.truth)
    grayscale = plan.capture.capture in GREY_CAPTURES
    in_colour = plan.capture.colour_copy or plan.scenario == "original_photo"
    hard = not truth.seal and (composition.document_seal or (composition.red_print and in_colour))
    return Blind2Case(plan.name, truth, plan, delivery, hard_negative=hard, grayscale=grayscale,
                      template=plan.marks.phrase in ("label_filled", "label_blank"))


def blind2_cases(count: int, seed: int) -> list[Blind2Case]:
    return [make_case(seed, index) for index in range(count)]

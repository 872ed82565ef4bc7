"""Kinds of real submission made at the package level, as applicants and departments send them:

- a form filled in by hand and photographed page by page with a phone (申报表1.jpg, 申报表2.jpg, …);
- a form typed, printed, signed and stamped, then scanned into one PDF;
- work photos pasted into one Word file under a caption (工作照片.docx).
(A department's mail with several units: department.py.)
"""
from __future__ import annotations

import io
import random
from typing import TYPE_CHECKING

import docx
from docx.shared import Cm

from . import degrade, naming, pages, photograph

if TYPE_CHECKING:
    from .forms import Layout
    from .package import _Builder

CAPTIONS = ["工作照片", "{expert}同志工作照片", "图为{expert}同志在生产一线指导徒弟", "{expert}在车间现场讲解操作要点"]


def write_form_as(b: _Builder, how: str, layout: Layout, dpi: int, rng: random.Random, seal_unit: str, seal_department: str) -> None:
    """The application form as photos of its pages ("photos", filled by hand) or as one scanned PDF
    of the printed, signed and stamped form ("printed_scan")."""
    if how == "photos":
        imgs = pages.form_pages(layout, dpi, rng, hand=True, seal_unit=seal_unit, seal_department=seal_department)
        stem = rng.choice(["申报表", "附件1申报表", "申报表-", "IMG_20230821_"])
        for number, img in enumerate(imgs, 1):
            photo, _ = photograph.photograph(img, rng)
            path = naming.unique_path(b.out, f"{stem}{number}.jpg")
            degrade.save_image(photo, path, rng.randint(70, 88))
            b.add(path, "application_form")
    elif how == "printed_scan":
        imgs = pages.form_pages(layout, dpi, rng, hand=False, seal_unit=seal_unit, seal_department=seal_department)
        degraded = [degrade.apply(im, degrade.random_style(rng, bw_prob=0.0), rng) for im in imgs]
        path = b.name("application_form", ".pdf")
        degrade.save_pdf(degraded, path, dpi, rng.randint(60, 80))
        b.add(path, "application_form", [1, len(imgs)])
    else:
        raise ValueError(f"unknown form kind {how!r}")


def write_photos_docx(b: _Builder, expert: str, rng: random.Random) -> None:
    """One to three work photos in a Word file under a caption that may not say 工作照片."""
    document = docx.Document()
    document.add_paragraph(rng.choice(CAPTIONS).format(expert=expert))
    for _ in range(rng.choice([1, 2, 3])):
        buffer = io.BytesIO()
        pages.work_photo(rng, (800, 600)).save(buffer, "JPEG", quality=85)
        buffer.seek(0)
        document.add_picture(buffer, width=Cm(14))
    path = b.name("work_photo", ".docx")
    document.save(path)
    b.add(path, "work_photo")

"""The first page of each document as a small picture for the reports.

A PDF's page is rendered from the original (the first page of the document's run); an image
is the image; a Word, Excel or WPS file is rendered by LibreOffice to PDF first (all of a
refresh's files in one LibreOffice start). Made once per document and kept.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from pipeline.models import LinkedDocument
from pipeline.readers.libreoffice import convert_to_pdf
from pipeline.readers.sniff import Format, sniff
from pipeline.store.blobs import BlobStore

log = logging.getLogger("pipeline.thumbnails")

THUMBNAIL_SIDE = 900
RENDER_SCALE = 1.5  # 108 dpi: enough for a 900-pixel thumbnail of an A4 page
OFFICE = {Format.DOCX, Format.XLSX, Format.WORD_LEGACY, Format.SHEET_LEGACY}
OFFICE_SUFFIX = {Format.DOCX: ".docx", Format.XLSX: ".xlsx", Format.WORD_LEGACY: ".doc", Format.SHEET_LEGACY: ".xls"}


def _save(image: Image.Image, target: Path) -> None:
    image.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    temp = target.with_name(f".{target.name}.part")
    image.convert("RGB").save(temp, "JPEG", quality=80)
    temp.replace(target)


def _pdf_page(pdf: Path, number: int, target: Path) -> bool:
    document = pdfium.PdfDocument(pdf)
    try:
        if not 1 <= number <= len(document):
            return False
        page = document[number - 1]
        _save(page.render(scale=RENDER_SCALE).to_pil(), target)
        return True
    finally:
        document.close()


def _failed(target: Path) -> Path:
    return target.with_suffix(".failed")


class Thumbnails:
    def __init__(self, folder: Path, blobs: BlobStore, soffice: str, timeout: float) -> None:
        self.folder = folder  # reports/pages
        self.blobs = blobs
        self.soffice = soffice
        self.timeout = timeout

    def _target(self, doc: LinkedDocument) -> Path:
        first = doc.result.pages[0] if doc.result.pages else 1
        return self.folder / f"{doc.result.sha256[:16]}-first-{first}.jpg"

    def prepare(self, documents: list[LinkedDocument]) -> None:
        """Makes the thumbnails still missing; office files through one LibreOffice start."""
        self.folder.mkdir(parents=True, exist_ok=True)
        office: dict[str, LinkedDocument] = {}
        for doc in documents:
            target = self._target(doc)
            if target.exists() or _failed(target).exists() or not self.blobs.has(doc.result.sha256):
                continue
            blob = self.blobs.path(doc.result.sha256)
            fmt = sniff(blob)
            try:
                if fmt is Format.PDF:
                    _pdf_page(blob, doc.result.pages[0] if doc.result.pages else 1, target)
                elif fmt is Format.IMAGE:
                    with Image.open(blob) as image:
                        _save(image.copy(), target)
                elif fmt in OFFICE:
                    office.setdefault(doc.result.sha256, doc)
            except Exception as exc:  # a thumbnail is a convenience: never stop the report for it
                log.warning("thumbnail of %s: %s", doc.filename, exc)
        if office:
            self._office(list(office.values()))

    def _office(self, documents: list[LinkedDocument]) -> None:
        with tempfile.TemporaryDirectory(prefix="thumbs-") as work:
            sources = {}
            for doc in documents:
                blob = self.blobs.path(doc.result.sha256)
                source = Path(work) / f"{doc.result.sha256[:16]}{OFFICE_SUFFIX[sniff(blob)]}"
                shutil.copyfile(blob, source)
                sources[source] = doc
            try:
                converted = convert_to_pdf(list(sources), Path(work) / "pdf", program=self.soffice, timeout=self.timeout)
            except Exception as exc:
                log.warning("thumbnails of Word/Excel files: %s", exc)
                return
            for source in set(sources) - set(converted):
                _failed(self._target(sources[source])).touch()  # not tried again at each refresh
            for source, pdf in converted.items():
                doc = sources[source]
                try:
                    _pdf_page(pdf, doc.result.pages[0] if doc.result.pages else 1, self._target(doc))
                except Exception as exc:
                    log.warning("thumbnail of %s: %s", doc.filename, exc)

    def name(self, doc: LinkedDocument) -> str | None:
        """The thumbnail's path relative to the reports folder, when there is one."""
        target = self._target(doc)
        if target.exists():
            return f"{self.folder.name}/{target.name}"
        images = [Path(p) for p in doc.result.page_images if Path(p).exists()]
        if not images:
            return None
        with Image.open(images[0]) as page:
            _save(page.copy(), target)
        return f"{self.folder.name}/{target.name}"

"""PDF: the text layer through pdfplumber; pages without one are rendered and OCR'd."""

from __future__ import annotations

import logging
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.errors import FileReadError, PasswordProtectedError
from pipeline.models import Extraction, PageContent, Table
from pipeline.readers.context import ReadContext

log = logging.getLogger("pipeline.readers.pdf")

MIN_TEXT_LAYER_CHARS = 25
MAX_PAGE_PIXELS = 40_000_000  # an A3 page at 400 dpi; a larger page is rendered at a lower resolution
MIN_RENDER_DPI = 24  # below this nothing on the page can be read: the page is refused


def render_dpi(width_pt: float, height_pt: float, dpi: float) -> float:
    """The resolution a page is rendered at: `dpi`, lowered so the image stays within
    MAX_PAGE_PIXELS (a single 8000-pt page at 200 dpi would take 1.5 GB of memory)."""
    pixels = (width_pt / 72 * dpi) * (height_pt / 72 * dpi)
    return dpi if pixels <= MAX_PAGE_PIXELS else dpi * (MAX_PAGE_PIXELS / pixels) ** 0.5


def _is_password_error(exc: BaseException) -> bool:
    cause = exc.args[0] if exc.args else None
    return isinstance(exc, PDFPasswordIncorrect) or isinstance(cause, PDFPasswordIncorrect) or "password" in repr(exc).lower()


def read_pdf(path: Path, ctx: ReadContext) -> Extraction:
    try:
        document = pdfplumber.open(path)
    except (PdfminerException, PDFPasswordIncorrect) as exc:
        if _is_password_error(exc):
            raise PasswordProtectedError("PDF 文件设有密码，无法打开；请申报单位提供无密码版本") from exc
        raise FileReadError(f"PDF 文件已损坏或格式不正确: {exc}") from exc
    except Exception as exc:  # pdfminer raises many kinds on broken files
        raise FileReadError(f"PDF 文件已损坏或格式不正确: {type(exc).__name__}: {exc}") from exc
    pages: list[PageContent] = []
    tables: list[Table] = []
    with document:
        try:
            count = len(document.pages)
        except Exception as exc:
            if _is_password_error(exc):
                raise PasswordProtectedError("PDF 文件设有密码，无法打开；请申报单位提供无密码版本") from exc
            raise FileReadError(f"PDF 文件已损坏: {exc}") from exc
        if count > ctx.ocr.max_pages:
            raise FileReadError(f"PDF 共 {count} 页，超过单个文件 {ctx.ocr.max_pages} 页的上限，请人工查看")
        for number, page in enumerate(document.pages, start=1):
            try:
                text = page.extract_text() or ""
            except Exception as exc:
                raise FileReadError(f"PDF 第 {number} 页无法读取: {exc}") from exc
            if len("".join(text.split())) >= MIN_TEXT_LAYER_CHARS:
                pages.append(PageContent(number=number, text=text))
                for table in page.extract_tables():
                    tables.append([[cell or "" for cell in row] for row in table])
                continue
            image = page.to_image(resolution=_page_dpi(page, number, ctx.ocr.dpi)).original
            pages.append(ctx.ocr_page(image, number))
    return Extraction(kind="pdf", pages=pages, tables=tables)


def _page_dpi(page, number: int, dpi: float) -> float:
    resolution = render_dpi(float(page.width), float(page.height), dpi)
    size = f"{float(page.width) / 72 * 25.4:.0f}×{float(page.height) / 72 * 25.4:.0f} 毫米"
    if resolution < MIN_RENDER_DPI:
        raise FileReadError(f"PDF 第 {number} 页尺寸过大（{size}），无法识别，请人工查看")
    if resolution < dpi:
        log.warning("PDF page %d is %s: rendered at %.0f dpi instead of %.0f", number, size, resolution, dpi)
    return resolution

"""PDF: the text layer through pdfplumber; pages without one are rendered and OCR'd."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.errors import FileReadError, PasswordProtectedError
from pipeline.models import Extraction, PageContent, Table
from pipeline.readers.context import ReadContext

MIN_TEXT_LAYER_CHARS = 25


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
            image = page.to_image(resolution=ctx.ocr.dpi).original
            pages.append(ctx.ocr_page(image, number))
    return Extraction(kind="pdf", pages=pages, tables=tables)

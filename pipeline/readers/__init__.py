"""Text from every format applicants use, each format behind one reader."""

from __future__ import annotations

import tempfile
from pathlib import Path

from pipeline.errors import FileReadError, PasswordProtectedError, UnsupportedFormatError
from pipeline.models import Extraction
from pipeline.readers.context import ReadContext
from pipeline.readers.docx import read_docx
from pipeline.readers.image import read_image
from pipeline.readers.libreoffice import convert
from pipeline.readers.pdf import read_pdf
from pipeline.readers.sniff import ARCHIVES, Format, sniff
from pipeline.readers.text import read_text
from pipeline.readers.xlsx import read_xlsx

__all__ = ["ReadContext", "read_file", "Format", "sniff", "ARCHIVES"]


_LEGACY_SUFFIXES = {
    Format.WORD_LEGACY: {".doc", ".wps", ".rtf", ".odt", ".dot", ".wpt"},
    Format.SHEET_LEGACY: {".xls", ".et", ".ods", ".xlt", ".ett"},
}


def read_file(path: Path, filename: str, ctx: ReadContext) -> Extraction:
    """Reads the stored file `path`, received under the name `filename`."""
    if path.stat().st_size == 0:
        raise FileReadError("文件为空（0 字节），可能上传或扫描未完成，请申报单位重新提供")
    fmt = sniff(path)
    if fmt is Format.PDF:
        return read_pdf(path, ctx)
    if fmt is Format.DOCX:
        return read_docx(path, ctx)
    if fmt is Format.XLSX:
        return read_xlsx(path)
    if fmt is Format.IMAGE:
        return read_image(path, ctx)
    if fmt is Format.TEXT:
        return read_text(path)
    if fmt in (Format.WORD_LEGACY, Format.SHEET_LEGACY):
        target = "docx" if fmt is Format.WORD_LEGACY else "xlsx"
        with tempfile.TemporaryDirectory(prefix="intake-convert-") as workdir:
            suffix = Path(filename).suffix.lower()
            if suffix not in _LEGACY_SUFFIXES[fmt]:
                suffix = ".doc" if fmt is Format.WORD_LEGACY else ".xls"
            converted = convert(
                path,
                suffix,
                target,
                Path(workdir),
                program=ctx.processing.libreoffice,
                timeout=ctx.processing.convert_timeout_seconds,
            )
            extraction = read_docx(converted, ctx) if target == "docx" else read_xlsx(converted)
        extraction.converted_from = fmt.value
        return extraction
    if fmt is Format.ENCRYPTED_OFFICE:
        raise PasswordProtectedError("Office 文件设有密码，无法打开；请申报单位提供无密码版本")
    if fmt in ARCHIVES:
        # intake opens archives; one reaches a reader only when nested past intake's depth limit
        raise FileReadError("压缩包里的压缩包嵌套过深，未自动解开，请人工解压后放入扫描文件夹")
    raise UnsupportedFormatError("无法识别的文件格式，请人工查看")

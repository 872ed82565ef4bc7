"""The archive: originals filed by application and material under canonical names.

archive/<申报单位>-<专家>/<N-材料>/<申报单位>_<材料>_<NN>.<ext> (one folder per application;
the unit alone while no expert is known); a page run of a bundle is filed as
its own PDF. Unassigned documents go to archive/未归属材料/, unreadable files to
archive/无法读取的文件/ so staff can open them by hand. A manifest records what this program
wrote, so a refresh moves a relinked file and never touches anything else in the folder.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium

from pipeline.models import IntakeState, LinkedDocument
from pipeline.outputs.atomic import write_text_atomically
from pipeline.outputs.failures import Parts
from pipeline.outputs.safe_text import file_name_text
from pipeline.outputs.vocabulary import MATERIAL_FOLDERS, application_name
from pipeline.readers.sniff import Format, sniff
from pipeline.rules import Rules
from pipeline.store.blobs import BlobStore

log = logging.getLogger("pipeline.archive")

MANIFEST = ".manifest.json"
UNASSIGNED = "未归属材料"
UNREADABLE = "无法读取的文件"


def _extension(doc_filename: str, blob: Path) -> str:
    suffix = Path(doc_filename).suffix.lower()
    if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix):
        return suffix
    fmt = sniff(blob)
    return {Format.PDF: ".pdf", Format.DOCX: ".docx", Format.XLSX: ".xlsx", Format.IMAGE: ".jpg"}.get(fmt, ".bin")


def _write_pages(blob: Path, pages: tuple[int, int], target: Path) -> None:
    source = pdfium.PdfDocument(blob)
    try:
        out = pdfium.PdfDocument.new()
        out.import_pages(source, list(range(pages[0] - 1, pages[1])))
        out.save(target)
        out.close()
    finally:
        source.close()


class ArchiveWriter:
    def __init__(self, root: Path, blobs: BlobStore, rules: Rules) -> None:
        self.root = root
        self.blobs = blobs
        self.rules = rules
        self._counters: dict[tuple[str, str], int] = {}
        self._previous: dict[str, str] = {}

    def _target(self, folder: str, unit: str, doc: LinkedDocument) -> Path:
        c = doc.result.classification
        title = self.rules.title(c.type, c.subtype)
        material_folder = MATERIAL_FOLDERS.get(c.type, MATERIAL_FOLDERS["unknown"])
        count = self._counters.get((folder, title), 0) + 1
        self._counters[(folder, title)] = count
        blob = self.blobs.path(doc.result.sha256)
        split = doc.result.pages is not None and self._is_part(doc) and sniff(blob) is Format.PDF
        ext = ".pdf" if split else _extension(doc.filename, blob)
        return self.root / file_name_text(folder) / material_folder / f"{file_name_text(unit, 40)}_{file_name_text(title, 30)}_{count:02d}{ext}"

    @staticmethod
    def _is_part(doc: LinkedDocument) -> bool:
        return "-p" in doc.result.id

    def _place(self, doc: LinkedDocument, target: Path) -> None:
        relative = str(target.relative_to(self.root))
        if target.exists() and self._previous.get(relative) == doc.result.id:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        blob = self.blobs.path(doc.result.sha256)
        temp = target.with_name(f".{target.name}.part")
        if self._is_part(doc) and doc.result.pages and sniff(blob) is Format.PDF:
            _write_pages(blob, doc.result.pages, temp)
        else:  # a whole file, or a part of a Word file or TIFF: the original is filed under each material
            shutil.copyfile(blob, temp)
        os.replace(temp, target)

    def write(self, state: IntakeState) -> None:
        """Files every document and sets its `archive_path`."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._counters.clear()
        self._previous = self._read_manifest()
        wanted: dict[str, str] = {}
        parts = Parts("归档文件")  # one file that cannot be filed keeps none of the others out
        placed = [(application_name(a), a.unit, doc) for a in state.applicants for doc in a.documents]
        for folder, unit, doc in placed + [(UNASSIGNED, "未归属", doc) for doc in state.unassigned]:
            parts.attempt(doc.filename, lambda: self._file(folder, unit, doc, wanted))
        for index, error in enumerate(state.errors, start=1):
            if error.sha256 and self.blobs.has(error.sha256):
                target = self.root / UNREADABLE / f"{index:03d}_{file_name_text(error.filename)}"
                relative = str(target.relative_to(self.root))
                if parts.attempt(error.filename, lambda: self._copy_unreadable(error.sha256, target, relative)):
                    wanted[relative] = error.sha256
        self._remove_stale(set(wanted))
        text = json.dumps(wanted, ensure_ascii=False, indent=1, sort_keys=True)
        write_text_atomically(self.root / MANIFEST, text)
        parts.finish()

    def _file(self, folder: str, unit: str, doc: LinkedDocument, wanted: dict[str, str]) -> None:
        target = self._target(folder, unit, doc)
        self._place(doc, target)
        doc.archive_path = target
        wanted[str(target.relative_to(self.root))] = doc.result.id

    def _copy_unreadable(self, sha256: str, target: Path, relative: str) -> None:
        if self._previous.get(relative) != sha256 or not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.blobs.path(sha256), target)

    def _read_manifest(self) -> dict[str, str]:
        manifest = self.root / MANIFEST
        if not manifest.exists():
            return {}
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            log.warning("archive manifest unreadable; files will be written again")
            return {}
        return data if isinstance(data, dict) else {}

    def _remove_stale(self, wanted: set[str]) -> None:
        for relative in set(self._previous) - wanted:
            path = self.root / relative
            if path.is_file():
                path.unlink()
                log.info("archive: removed %s (document relinked or renamed)", relative)

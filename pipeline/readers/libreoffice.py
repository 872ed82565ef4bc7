"""LibreOffice headless: the only place that runs it. Converts the legacy formats Chinese
offices still send (DOC, WPS, XLS, ET, RTF, ODF) to DOCX or XLSX."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from pipeline.errors import FileReadError, MissingProgramError

log = logging.getLogger("pipeline.libreoffice")


def find_soffice(program: str) -> str:
    found = shutil.which(program) or shutil.which("libreoffice")
    if not found:
        raise MissingProgramError(
            "LibreOffice is not installed (needed for DOC/XLS/WPS files): apt-get install libreoffice-writer-nogui libreoffice-calc-nogui"
        )
    return found


def _profile(folder: str) -> str:
    """The option giving LibreOffice its own profile folder, as the URL it must be: a folder
    written as it is (`file:///srv/intake data/...`: a space, or `%`, `#`) hangs it until the
    timeout, whatever the file."""
    return f"-env:UserInstallation={Path(folder).as_uri()}"


def _run(command: list[str], timeout: float) -> subprocess.CompletedProcess:
    """Runs LibreOffice in a process group of its own, the whole group killed on timeout: its
    launcher (oosplash) starts soffice.bin, which a kill of the launcher alone left running, hung,
    for good. Raises subprocess.TimeoutExpired like subprocess.run."""
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def convert(path: Path, suffix: str, target_ext: str, workdir: Path, *, program: str, timeout: float) -> Path:
    """Converts `path` (a file of type `suffix`, e.g. ".wps") to `target_ext` (docx or xlsx)
    inside `workdir`; returns the new file."""
    soffice = find_soffice(program)
    source = workdir / f"input{suffix}"
    shutil.copyfile(path, source)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        command = [
            soffice,
            _profile(profile),
            "--headless",
            "--norestore",
            "--convert-to",
            target_ext,
            "--outdir",
            str(workdir / "out"),
            str(source),
        ]
        try:
            done = _run(command, timeout)
        except subprocess.TimeoutExpired as exc:
            raise FileReadError(f"LibreOffice 转换超时（{timeout:.0f} 秒）") from exc
    if done.stderr:
        log.debug("soffice stderr: %s", done.stderr.decode("utf-8", "replace").strip())
    produced = workdir / "out" / f"input.{target_ext}"
    if done.returncode != 0 or not produced.exists():
        raise FileReadError("旧版 Office/WPS 文件无法转换（可能已损坏或设有密码）")
    return produced


def convert_to_pdf(sources: list[Path], outdir: Path, *, program: str, timeout: float) -> dict[Path, Path]:
    """Converts several office files to PDF in one LibreOffice start (for thumbnails);
    returns source -> PDF for those that converted. Sources need distinct stems."""
    soffice = find_soffice(program)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        command = [soffice, _profile(profile), "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(outdir), *map(str, sources)]
        try:
            done = _run(command, timeout * max(1, len(sources)))
        except subprocess.TimeoutExpired:
            log.warning("LibreOffice timed out converting %d file(s) to PDF", len(sources))
            return {}
    if done.returncode != 0:
        log.warning("LibreOffice could not convert to PDF: %s", done.stderr.decode("utf-8", "replace").strip()[-500:])
    produced = {source: outdir / f"{source.stem}.pdf" for source in sources}
    return {source: pdf for source, pdf in produced.items() if pdf.exists()}
